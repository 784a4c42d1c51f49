"""Tokens, clitic variants and match records of the gazetteer scanner.

These are the pure functions :class:`eventx.normalize.gazetteer.Gazetteer` runs on each word
of a text; they hold no state, so the index module stays about the index and
:mod:`eventx.normalize.linking` can tokenize a name exactly as the scanner does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from eventx.doc import EntitySpan
from eventx.normalize._gazetteer_entry import GazetteerEntry
from eventx.normalize.variants import match_key
from eventx.text.orthography import (
    CONJUNCTION_CLITICS,
    PREPOSITION_CLITICS,
    PROCLITIC_LETTERS,
    normalize_with_offsets,
)
from eventx.text.tokenize import tokenize_spans

__all__ = [
    "CLOSE_QUOTES",
    "FUNCTION_WORDS",
    "MAX_INTERMEDIATES",
    "OPEN_QUOTES",
    "PLACE_LEVELS",
    "TABI_WORDS",
    "HeadInfo",
    "Match",
    "PlaceType",
    "Token",
    "clitic_variants",
    "scan_tokens",
    "to_span",
    "typed_place",
    "usable",
    "with_entry",
    "word_keys",
]

# "" first: the bare word, then every proclitic letter; a conjunction may precede a preposition.
_CLITIC_CONJUNCTIONS = ("", *CONJUNCTION_CLITICS)
_CLITIC_PREPOSITIONS = ("", *PREPOSITION_CLITICS)
TABI_WORDS = frozenset(match_key(w) for w in ("التابعة", "التابع", "التابعين", "التابعون", "التابعتين"))
OPEN_QUOTES = frozenset("«\"“'‘")
CLOSE_QUOTES = frozenset("»\"”'’")
# Words that cannot be the unknown name after an open place-type word ("قرية في ...").
FUNCTION_WORDS = frozenset(
    match_key(w)
    for w in (
        "في", "من", "على", "إلى", "الى", "عن", "مع", "التي", "الذي", "الذين", "و", "أو", "ثم",
        "حيث", "قد", "لا", "لم", "لن", "ما", "هذا", "هذه", "ذلك", "تلك", "بعد", "قبل",
    )
)
_PLAIN_WORDS = re.compile(r"^[\u0621-\u064aA-Za-z ]+$")
PLACE_LEVELS = ("region", "settlement", "state", "territory")
MAX_INTERMEDIATES = 3
"""Modifiers (and, after an organ head, definite words) allowed between a head and its owner."""


@dataclass(slots=True)
class Token:
    start: int
    end: int
    key: str
    offsets: tuple[int, ...] | None
    """Original index (relative to ``start``) of each key character, None when 1:1."""
    is_word: bool

    def original(self, key_index: int) -> int:
        return self.start + (self.offsets[key_index] if self.offsets is not None else key_index)


@dataclass(slots=True)
class Match:
    first: int
    last: int  # index of the last token, inclusive
    start: int
    end: int
    entry: GazetteerEntry
    pattern: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class HeadInfo:
    """A force/organ head noun; frozen so copies of a gazetteer may share it."""

    role: str  # force | organ
    bare: bool
    english: str


@dataclass(frozen=True, slots=True)
class PlaceType:
    """A place-type word (مدينة, مقاطعة ...); frozen so copies of a gazetteer may share it."""

    level: str  # region | settlement | state
    english: str
    open: bool


def usable(entries: list[GazetteerEntry] | None, all_places: bool) -> GazetteerEntry | None:
    """The best entry, skipping GeoNames-only names not trusted in running text."""
    if not entries:
        return None
    for entry in entries:
        if all_places or "running-text" in entry.tags or entry.source != "geonames":
            return entry
    return None


def with_entry(entries: list[GazetteerEntry] | None, entry: GazetteerEntry) -> list[GazetteerEntry]:
    """A NEW list: ``entries`` plus ``entry``, best first.

    Never sorts in place, so a :meth:`Gazetteer.copy` can share the lists of its original and
    an addition to one never shows in the other (copy-on-write).
    """
    result = [*(entries or ()), entry]
    result.sort(key=lambda e: (-e.priority, -e.weight))
    return result


def word_keys(name: str) -> list[str]:
    """The keys of a name's words, split exactly as :func:`scan_tokens` splits running text."""
    key = match_key(name)
    if _PLAIN_WORDS.match(key):  # fast path for the common case: letters and spaces only
        return key.split()
    return [match_key(token.text) for token in tokenize_spans(name)]


def scan_tokens(text: str) -> list[Token]:
    """The scanner's tokens of ``text``: match keys with a map back to original offsets."""
    found: list[Token] = []
    for span in tokenize_spans(text):
        key = match_key(span.text)
        offsets: tuple[int, ...] | None = None
        if len(key) != len(span.text):
            normalized = normalize_with_offsets(span.text)
            offsets = normalized.offsets[:-1]
            if len(offsets) != len(key):  # an NFKC expansion changed the length twice over
                offsets = tuple(min(i, len(span.text) - 1) for i in range(len(key)))
        is_word = any(ch.isalpha() or ch.isdigit() for ch in key)
        found.append(Token(span.start, span.end, key, offsets, is_word))
    return found


def clitic_variants(key: str) -> list[tuple[str, int]]:
    """(key without proclitics, number of key characters skipped); the bare word first."""
    variants = [(key, 0)]
    if len(key) < 3 or key[0] not in PROCLITIC_LETTERS:
        return variants
    for conjunction in _CLITIC_CONJUNCTIONS:
        for preposition in _CLITIC_PREPOSITIONS:
            prefix = conjunction + preposition
            if not prefix or not key.startswith(prefix) or len(key) - len(prefix) < 2:
                continue
            rest = key[len(prefix):]
            variants.append((rest, len(prefix)))
            if preposition == "ل" and rest.startswith("ل") and len(rest) > 2:
                # ل + ال with the alef elided: "للقوات" is "القوات"; the span starts after "لل".
                variants.append(("ا" + rest, len(prefix) + 1))
    return variants


def typed_place(entry: GazetteerEntry, place_type: PlaceType) -> GazetteerEntry | None:
    """The entry a place name stands for after a place-type word, or None when they clash."""
    tags = entry.tags | {f"type:{place_type.level}"}
    if place_type.level == "state":
        return entry if "country" in entry.tags else None
    if place_type.level == "territory":  # "أراضي روسيا", "الأراضي الروسية": the state's territory
        if "country" not in entry.tags and "nisba" not in entry.tags:
            return None
        return replace(entry, kind="GPE", tags=tags, source=f"pattern:{entry.source}")
    if "country" in entry.tags:
        return None  # "مدينة روسيا" is not a phrase; "منطقة روسيا" neither
    if place_type.level == "settlement":
        return replace(entry, tags=tags, source=f"pattern:{entry.source}")
    if "region" in entry.tags:  # the table already names the region itself (القرم, دونباس)
        return replace(entry, tags=tags, source=f"pattern:{entry.source}")
    canonical = f"{entry.canonical} {place_type.english}".strip() if entry.canonical else None
    return replace(entry, canonical=canonical, id=None, actor_id=None, place_id=None,
                   tags=tags | {"region"}, source=f"pattern:{entry.source}")


def to_span(text: str, match: Match) -> EntitySpan:
    """The :class:`EntitySpan` of a match, offsets into the original ``text``."""
    entry = match.entry
    meta: dict[str, Any] = {
        "actor_id": entry.actor_id,
        "place_id": entry.place_id,
        "tags": sorted(entry.tags),
        "entry_source": entry.source,
        "country": entry.country,
    }
    return EntitySpan(
        text=text[match.start:match.end],
        start=match.start,
        end=match.end,
        kind=entry.kind,
        canonical=entry.canonical,
        id=entry.id,
        source="gazetteer",
        score=entry.score,
        meta=meta,
    )
