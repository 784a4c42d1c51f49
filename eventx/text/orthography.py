"""Arabic orthographic normalization for matching, with a map back to original offsets.

Two levels:

* :func:`normalize_key` -- a pure ``str -> str`` key for dictionary look-ups and comparisons
  (diacritics and tatweel removed, alef forms unified, ى→ي, ة→ه, Eastern Arabic and Persian
  digits made Western, bidi and zero-width marks dropped, NFKC where it is safe).
* :func:`normalize_with_offsets` -- the same transformation that also returns, for every
  character of the normalized string, the index of the original character it came from, so a
  match found in normalized text can be reported with offsets into the ORIGINAL string.

The §8 scorer normalization of the spec (which also drops a leading clitic and the article)
is :func:`eventx.text.orthography.scoring_key`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = [
    "ARABIC_DIACRITICS",
    "BIDI_AND_ZERO_WIDTH",
    "CONJUNCTION_CLITICS",
    "PREPOSITION_CLITICS",
    "PROCLITIC_LETTERS",
    "NormalizedText",
    "dediacritize",
    "normalize_digits",
    "normalize_key",
    "normalize_with_offsets",
    "scoring_key",
]

# The one-letter proclitics that attach to a written word: the conjunctions و/ف and the
# prepositions ب/ل/ك (in that order when both occur: "وبالقوات"). Every module that strips or
# recognises a leading clitic takes its letters from here.
CONJUNCTION_CLITICS: tuple[str, ...] = ("و", "ف")
PREPOSITION_CLITICS: tuple[str, ...] = ("ب", "ل", "ك")
PROCLITIC_LETTERS: frozenset[str] = frozenset(CONJUNCTION_CLITICS + PREPOSITION_CLITICS)

# Harakat, tanwin, shadda, sukun, dagger alef, Quranic marks.
ARABIC_DIACRITICS = frozenset(
    chr(c)
    for c in [
        *range(0x064B, 0x0660),
        0x0670,
        *range(0x06D6, 0x06DD),
        *range(0x06DF, 0x06E5),
        0x06E7,
        0x06E8,
        *range(0x06EA, 0x06EE),
        *range(0x08D3, 0x0900),
    ]
)
TATWEEL = "\u0640"
BIDI_AND_ZERO_WIDTH = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c"
)
_LETTER_MAP = {
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ
    "\u0649": "\u064a",  # ى -> ي
    "\u0629": "\u0647",  # ة -> ه
    "\u06cc": "\u064a",  # Persian yeh
    "\u06a9": "\u0643",  # Persian kaf
}
_DIGIT_MAP = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
# Arabic decimal and thousands separators become their Latin counterparts for number parsing.
_SEPARATOR_MAP = {"\u066b": ".", "\u066c": ","}


def _fold_char(ch: str) -> str:
    """Normalize one character; may return '' (dropped) or several characters (NFKC)."""
    if ch in ARABIC_DIACRITICS or ch == TATWEEL or ch in BIDI_AND_ZERO_WIDTH:
        return ""
    if ch in _LETTER_MAP:
        return _LETTER_MAP[ch]
    if ch in _DIGIT_MAP:
        return _DIGIT_MAP[ch]
    if ch in _SEPARATOR_MAP:
        return _SEPARATOR_MAP[ch]
    if ord(ch) < 0x80:
        return ch
    # NFKC is "safe" for presentation forms (ﻻ, ﷲ ...) and full-width Latin; the result may
    # itself contain diacritics or letters that need folding.
    folded = unicodedata.normalize("NFKC", ch)
    if folded == ch:
        return ch
    return "".join(_fold_char(c) if c != ch else c for c in folded)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalized string plus ``offsets[i]`` = original index of normalized char ``i``.

    ``offsets`` has one extra trailing entry (the original length) so that an exclusive end
    index maps back too: ``original[to_original(s):to_original_end(e)]``.
    """

    text: str
    offsets: tuple[int, ...]

    def to_original(self, index: int) -> int:
        return self.offsets[index]

    def to_original_end(self, end: int) -> int:
        """Map an exclusive end in normalized text to an exclusive end in the original."""
        if end <= 0:
            return self.offsets[0]
        return self.offsets[end - 1] + 1 if end <= len(self.text) else self.offsets[-1]


def normalize_with_offsets(text: str) -> NormalizedText:
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        for f in folded:
            out.append(f)
            offsets.append(i)
    offsets.append(len(text))
    return NormalizedText("".join(out), tuple(offsets))


_KEY_TABLE: dict[int, str] = {}


def normalize_key(text: str) -> str:
    """Matching key for ``text`` (see module doc). Pure and cheap; safe to cache callers."""
    if text.isascii():
        return text
    return "".join(_KEY_TABLE[o] if (o := ord(ch)) in _KEY_TABLE else _cache_fold(ch) for ch in text)


def _cache_fold(ch: str) -> str:
    folded = _fold_char(ch)
    _KEY_TABLE[ord(ch)] = folded
    return folded


def dediacritize(text: str) -> str:
    """Remove diacritics and tatweel only (letters untouched)."""
    return "".join(ch for ch in text if ch not in ARABIC_DIACRITICS and ch != TATWEEL)


def normalize_digits(text: str) -> str:
    """Eastern Arabic / Persian digits and Arabic separators to ASCII; nothing else changes."""
    return "".join(_DIGIT_MAP.get(ch) or _SEPARATOR_MAP.get(ch) or ch for ch in text)


def scoring_key(text: str) -> str:
    """The spec §8 normalization of an argument text, word by word.

    Diacritics and tatweel removed, alef forms unified, ة→ه, ى→ي, then a leading و/ف/ب/ل/ك
    and the article ال dropped from the first word (and the article from every word, so that
    "القوات الروسية" and "قوات روسية" compare equal).
    """
    words = normalize_key(text).split()
    result: list[str] = []
    for position, word in enumerate(words):
        # Only a clitic glued to the article is unambiguous ("بالقوات", "وال..."); "للقوات"
        # is ل + ال with the alef elided. A bare leading letter may be part of the word.
        if position == 0 and len(word) > 3 and word[0] in PROCLITIC_LETTERS:
            if word[1:].startswith("ال"):
                word = word[1:]
            elif word.startswith("لل"):
                word = word[2:]
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        result.append(word)
    return " ".join(result)
