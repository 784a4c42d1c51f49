"""Fast orthographic folding with a map back to original offsets (shared by dates and numbers).

:func:`eventx.text.orthography.normalize_with_offsets` folds one character at a time in Python,
which costs ~0.08 ms on a typical sentence. The date and number scanners run over every
sentence, so they use this cheaper fold: characters that disappear (diacritics, tatweel, bidi
and zero-width marks) are cut out with one regex pass, and everything else is mapped 1:1 with
``str.translate``. The letter folding is the same as :func:`~eventx.text.orthography.normalize_key`
for the letters the scanners care about (alef forms, ى→ي, ة→ه, Eastern Arabic / Persian
digits, Arabic decimal/thousands separators), so patterns are written in normalized spelling.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from eventx.text.orthography import ARABIC_DIACRITICS, BIDI_AND_ZERO_WIDTH

__all__ = ["FoldedText", "fold"]

_TATWEEL = "\u0640"
_DROPPED_CHARS = "".join(sorted(ARABIC_DIACRITICS | BIDI_AND_ZERO_WIDTH | {_TATWEEL}))
_DROPPED = re.compile("[" + re.escape(_DROPPED_CHARS) + "]")
_KEPT_RUN = re.compile("[^" + re.escape(_DROPPED_CHARS) + "]+")

# 1:1 character map; keeping it length-preserving is what makes the offset map cheap.
_ONE_TO_ONE: dict[int, str] = {
    0x0623: "\u0627",  # أ -> ا
    0x0625: "\u0627",  # إ -> ا
    0x0622: "\u0627",  # آ -> ا
    0x0671: "\u0627",  # ٱ -> ا
    0x0649: "\u064a",  # ى -> ي
    0x0629: "\u0647",  # ة -> ه
    0x06CC: "\u064a",  # Persian yeh
    0x06A9: "\u0643",  # Persian kaf
    0x066B: ".",  # Arabic decimal separator
    0x066C: ",",  # Arabic thousands separator
    0x066A: "%",  # Arabic percent sign
    0x00A0: " ",  # no-break space
    0x2013: "-",  # en dash (ranges "10–12")
    0x2014: "-",  # em dash
    0x2212: "-",  # minus sign
}
_ONE_TO_ONE |= {0x0660 + i: str(i) for i in range(10)}  # Eastern Arabic digits
_ONE_TO_ONE |= {0x06F0 + i: str(i) for i in range(10)}  # Persian digits
_TABLE = str.maketrans(_ONE_TO_ONE)


@dataclass(frozen=True, slots=True)
class FoldedText:
    """``text`` folded for matching; ``offsets[i]`` is the original index of folded char ``i``.

    ``offsets`` is ``None`` when nothing was dropped (the identity map, the common case).
    """

    original: str
    text: str
    offsets: tuple[int, ...] | None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded ``[start, end)`` to the original string.

        The end is widened over marks that trail the last character (a final tanwin or
        shadda belongs to the word as written), so ``original[s:e]`` is the expression as
        the author wrote it.
        """
        if self.offsets is None:
            orig_start, orig_end = start, end
        else:
            orig_start = self.offsets[start] if start < len(self.offsets) else len(self.original)
            orig_end = self.offsets[end - 1] + 1 if end > 0 else orig_start
        original = self.original
        while orig_end < len(original) and _DROPPED.match(original, orig_end) and not original[orig_end].isspace():
            orig_end += 1
        return orig_start, orig_end

    def folded_span(self, start: int, end: int) -> tuple[int, int]:
        """The folded ``[start, end)`` of an original span that :meth:`original_span` gave.

        The inverse of :meth:`original_span` on its results, so that a caller holding
        original offsets (a :class:`~eventx.normalize.dates.DateMatch`) can compare them with
        folded ones: the first folded character at or after each end. Marks the end was
        widened over were dropped by the fold, so they map to nothing.
        """
        if self.offsets is None:
            return start, end
        return bisect_left(self.offsets, start), bisect_left(self.offsets, end)


@lru_cache(maxsize=1024)
def fold(text: str) -> FoldedText:
    """Fold ``text`` (cached: the date and number scanners fold the same sentence)."""
    if _DROPPED.search(text) is None:
        return FoldedText(text, text.translate(_TABLE), None)
    pieces: list[str] = []
    offsets: list[int] = []
    for run in _KEPT_RUN.finditer(text):
        pieces.append(run.group())
        offsets.extend(range(run.start(), run.end()))
    return FoldedText(text, "".join(pieces).translate(_TABLE), tuple(offsets))
