"""Spelling-variant keys for names: one normalizer for every gazetteer look-up.

Arabic news spells the same foreign name many ways (كيم جونغ أون / كيم جونج أون, بيونغ يانغ /
بيونج يانج / بيونغيانغ, زيلينسكي / زيلنسكي). Two keys cover this:

* :func:`match_key` -- :func:`eventx.text.normalize_key` (diacritics, tatweel, alef forms,
  ى/ي, ة/ه) plus hamza seats (ؤ→و, ئ→ي). Safe for every word: it never merges two different
  Arabic words, so the gazetteer indexes all entries by it.
* :func:`skeleton_key` -- a loose "consonant skeleton" for TRANSLITERATED names only: the
  letters used for a foreign *g* (ج غ ق ك گ) fold to one, bare hamza goes, long vowels (ا و ي)
  after the first letter go, doubled letters collapse and spaces inside the name go. It merges
  real Arabic words (مصير/مصر), so it is only consulted for entries flagged ``fuzzy`` and only
  for skeletons of at least :data:`MIN_SKELETON_LENGTH` letters.

:func:`similar_enough` is the guarded fuzzy fallback (rapidfuzz) for long names only.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from eventx.text.orthography import normalize_key

__all__ = [
    "FUZZY_THRESHOLD",
    "MIN_FUZZY_LENGTH",
    "MIN_SKELETON_LENGTH",
    "closest_long_name",
    "match_key",
    "similar_enough",
    "skeleton_key",
    "word_skeleton",
]

MIN_SKELETON_LENGTH = 4
"""Shorter skeletons (بتن for بوتين, كم for كيم) collide with ordinary words; list such
variants explicitly in the tables instead."""
MIN_FUZZY_LENGTH = 8
"""rapidfuzz is only trusted for names at least this long (letters, spaces excluded)."""
FUZZY_THRESHOLD = 90.0

_HAMZA_SEATS = str.maketrans({"ؤ": "و", "ئ": "ي"})
# Letters Arabic writers use for the foreign hard "g" (Gaza/غزة aside, which is not fuzzy).
_G_LETTERS = str.maketrans({"ج": "ك", "غ": "ك", "ق": "ك", "گ": "ك", "ڨ": "ك"})
_LONG_VOWELS = frozenset("اوي")


def match_key(text: str) -> str:
    """Strict matching key: :func:`normalize_key` plus hamza seats folded."""
    return normalize_key(text).translate(_HAMZA_SEATS)


def word_skeleton(word: str) -> str:
    """Skeleton of one already :func:`match_key`-ed word (see module doc)."""
    folded = word.translate(_G_LETTERS).replace("ء", "")
    if not folded:
        return ""
    letters = [folded[0]]
    for ch in folded[1:]:
        if ch in _LONG_VOWELS:
            continue
        if ch == letters[-1]:  # doubled consonant (shadda written out, or a transliteration habit)
            continue
        letters.append(ch)
    return "".join(letters)


def skeleton_key(text: str) -> str:
    """Loose key of a whole name, spaces removed first (بيونغ يانغ = بيونغيانغ)."""
    return word_skeleton("".join(match_key(text).split()))


def similar_enough(candidate: str, known: str) -> bool:
    """rapidfuzz fallback for long names: both :func:`match_key`-ed, spaces ignored."""
    left, right = candidate.replace(" ", ""), known.replace(" ", "")
    if min(len(left), len(right)) < MIN_FUZZY_LENGTH:
        return False
    return fuzz.ratio(left, right) >= FUZZY_THRESHOLD


def closest_long_name(candidate: str, known: Sequence[str]) -> int | None:
    """Index of the :func:`similar_enough` name in ``known`` most like ``candidate``, or None.

    ``known`` holds :func:`match_key`-ed names with spaces removed (precomputed by the caller).
    """
    query = match_key(candidate).replace(" ", "")
    if len(query) < MIN_FUZZY_LENGTH:
        return None
    found = process.extractOne(query, known, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
    if found is None or len(found[0]) < MIN_FUZZY_LENGTH:
        return None
    return int(found[2])
