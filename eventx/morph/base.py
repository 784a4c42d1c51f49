"""The contract every morphology backend fulfils.

A backend turns the surface tokens of one sentence into clitic-split :class:`Segment`s. It
never sees or builds :mod:`eventx.doc` objects: the morphology processor in
:mod:`eventx.pipeline` turns segments into :class:`eventx.doc.Word`s with document offsets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from eventx.doc import WordRole

__all__ = ["BackendInfo", "MorphBackend", "Segment"]


@dataclass(frozen=True, slots=True)
class Segment:
    """One clitic-split word of a token, with offsets RELATIVE to the token text.

    ``token_text[start:end]`` is the segment's surface. Segments of a token are in order and
    do not overlap; they need not cover every character (an elided alef, say).
    """

    start: int
    end: int
    pos: str
    role: WordRole = "stem"
    lemma: str | None = None
    lemma_bare: str | None = None
    form: str | None = None
    features: tuple[tuple[str, str], ...] = ()
    head: int | None = None
    """Syntactic head as an index into the sentence's flattened segment list (= ``Word.index``),
    ``-1`` for the root; only backends that parse (stanza) set it."""
    deprel: str | None = None


@dataclass(frozen=True, slots=True)
class BackendInfo:
    name: str
    """``camel``, ``builtin`` or ``stanza``."""
    description: str
    """One line: what runs, from where (paths), and version."""
    upgrade_hint: str | None = None
    """How to get a better backend when this one is a fallback; ``None`` when nothing is missing."""
    details: dict[str, str] = field(default_factory=dict)


@runtime_checkable
class MorphBackend(Protocol):
    """Analyse the tokens of one sentence (context lets a backend disambiguate)."""

    name: str

    def analyze_sentence(self, tokens: Sequence[str]) -> list[list[Segment]]:
        """One list of segments per input token, in order; never an empty list for a token."""
        ...

    def info(self) -> BackendInfo: ...
