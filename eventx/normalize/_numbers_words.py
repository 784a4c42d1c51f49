"""Arabic cardinal number words and a compositional parser over folded word tokens.

Words are written in the folded spelling of :mod:`eventx.normalize._numbers_fold` (alef forms
→ ا, ى → ي, ة → ه, no diacritics). Forms follow the standard grammar of Arabic numerals
(e.g. Wright, *A Grammar of the Arabic Language* I §§ 320-330; Ryding, *A Reference Grammar of
Modern Standard Arabic* ch. 15): masculine and feminine forms, nominative / oblique case
(عشرون / عشرين, اثنان / اثنين), construct duals (مئتا، ألفي), the accusative of the counted
thousand after 11-99 (ألفا، مليونا), and common spelling variants (مئة / مائة).

Composition follows the Arabic word order: hundreds, then units, then tens, joined by و
("مائة و ثلاثة و عشرون" = 123), a group followed by its scale word (ألف / آلاف / مليون ...),
then a smaller group after و ("ألف و خمسمائة", "9 آلاف و752"). Digits may stand for a group
("12 ألف", "2.5 مليون").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from eventx.text.orthography import PROCLITIC_LETTERS

__all__ = [
    "MAX_DIGITS",
    "NUMBER_WORDS",
    "NumberKind",
    "ParsedNumber",
    "digits_value",
    "parse_number_at",
    "simple_number_value",
    "strip_clitic",
]

# A figure longer than this is an id, a phone number or junk, never a count (brief: > 15 digits).
MAX_DIGITS = 15


class NumberKind(Enum):
    UNIT = "unit"  # 1-10
    TEEN_HEAD = "teen_head"  # أحد / إحدى / اثنا / اثني ...: only before عشر / عشرة
    TEN = "ten"  # 20-90
    HUNDRED = "hundred"  # 100-900
    SCALE = "scale"  # ألف / مليون / مليار (singular; the accusative after 11-99 too)
    SCALE_DUAL = "scale_dual"  # ألفان / ألفين / ألفي: 2 × scale
    SCALE_PLURAL = "scale_plural"  # آلاف / ملايين: multiplies 3-10; alone = vague "thousands"
    VAGUE = "vague"  # عشرات / مئات: vague plurals (GOLD_FORMAT decision 5)
    FRACTION = "fraction"  # نصف / ربع / ثلث: only with a scale ("نصف مليون", "مليون ونصف")
    FEW = "few"  # بضع / بضعة: 3-9


@dataclass(frozen=True, slots=True)
class _Word:
    kind: NumberKind
    value: float


def _table() -> dict[str, _Word]:
    unit, teen_head, ten, hundred = NumberKind.UNIT, NumberKind.TEEN_HEAD, NumberKind.TEN, NumberKind.HUNDRED
    words: dict[str, _Word] = {}

    def add(kind: NumberKind, value: float, *forms: str) -> None:
        for form in forms:
            words[form] = _Word(kind, value)

    add(unit, 1, "واحد", "واحده", "واحدا")
    add(teen_head, 1, "احد", "احدي")
    add(unit, 2, "اثنان", "اثنين", "اثنتان", "اثنتين", "ثنتان", "ثنتين")
    add(teen_head, 2, "اثنا", "اثني", "اثنتا", "اثنتي")
    add(unit, 3, "ثلاثه", "ثلاث")
    add(unit, 4, "اربعه", "اربع")
    add(unit, 5, "خمسه", "خمس")
    add(unit, 6, "سته", "ست")
    add(unit, 7, "سبعه", "سبع")
    add(unit, 8, "ثمانيه", "ثماني", "ثمان")
    add(unit, 9, "تسعه", "تسع")
    add(unit, 10, "عشره", "عشر")
    for stem, value in (("عشر", 20), ("ثلاث", 30), ("اربع", 40), ("خمس", 50), ("ست", 60), ("سبع", 70),
                        ("ثمان", 80), ("تسع", 90)):
        add(ten, value, stem + "ون", stem + "ين")
    add(hundred, 100, "مئه", "مائه", "ميه")
    add(hundred, 200, "مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مئتي", "مائتا", "مائتي")
    for stem, value in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8),
                        ("ثماني", 8), ("تسع", 9)):
        add(hundred, value * 100, stem + "مئه", stem + "مائه")
    for singular, accusative, duals, plurals, scale in (
        ("الف", "الفا", ("الفان", "الفين", "الفي"), ("الاف", "الالاف"), 1e3),
        ("مليون", "مليونا", ("مليونان", "مليونين", "مليوني"), ("ملايين", "الملايين"), 1e6),
        ("مليار", "مليارا", ("ملياران", "مليارين", "ملياري"), ("مليارات", "المليارات"), 1e9),
        ("بليون", "بليونا", ("بليونان", "بليونين"), ("بلايين",), 1e9),
        ("تريليون", "تريليونا", ("تريليونان", "تريليونين"), ("تريليونات",), 1e12),
    ):
        add(NumberKind.SCALE, scale, singular, accusative, "ال" + singular)
        add(NumberKind.SCALE_DUAL, 2 * scale, *duals)
        add(NumberKind.SCALE_PLURAL, scale, *plurals)
    add(NumberKind.VAGUE, 20, "عشرات", "العشرات")
    add(NumberKind.VAGUE, 200, "مئات", "المئات", "مئات")
    add(NumberKind.FRACTION, 0.5, "نصف")
    add(NumberKind.FRACTION, 0.25, "ربع")
    add(NumberKind.FRACTION, 1 / 3, "ثلث")
    add(NumberKind.FEW, 3, "بضع", "بضعه")
    # The definite article on a number word used as an adjective ("الأطفال الستة"); only the
    # -ة forms: "الست", "السبع", "العشرين" are other words (lady, lion, the 20th) too often.
    for form in ("ثلاثه", "اربعه", "خمسه", "سته", "سبعه", "ثمانيه", "تسعه", "عشره"):
        words["ال" + form] = words[form]
    return words


_WORDS = _table()
NUMBER_WORDS: frozenset[str] = frozenset(_WORDS)

# Prefix clitics a number phrase may carry on its first word (و، ف، ب، ل، ك and pairs like "وب"),
# longest first; every one starts with a letter of PROCLITIC_LETTERS, the cheap first test.
_CLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")
# Short forms that, with a clitic, are far more often another word: لست "I am not", وست "West".
_NO_CLITIC = frozenset({"ست", "سبع", "تسع", "ثمان", "عشر", "احد", "احدي", "ربع", "ثلث", "نصف"})

_THOUSANDS_COMMA = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_THOUSANDS_DOT = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_PLAIN = re.compile(r"\d+(?:[.,]\d+)?")


def digits_value(token: str, before_scale: bool = False) -> float | None:
    """Value of a folded digit token: ``3,000``, ``10.000``, ``2.5``, ``2,5``; None for junk.

    A single dot followed by exactly three digits is read as a thousands separator ("10.000
    جندي") unless a scale word follows ("2.500 مليون" is 2.5 million); a comma followed by
    other than three digits is a decimal comma (Maghrebi "2,5 مليون").
    """
    if sum(ch.isdigit() for ch in token) > MAX_DIGITS:
        return None
    if _THOUSANDS_COMMA.fullmatch(token):
        return float(token.replace(",", ""))
    if _THOUSANDS_DOT.fullmatch(token) and (token.count(".") > 1 or not before_scale or "," in token):
        return float(token.replace(".", "").replace(",", "."))
    if _PLAIN.fullmatch(token):
        return float(token.replace(",", "."))
    return None


def _is_digits(word: str) -> bool:
    return bool(word) and word[0].isdigit()


def _lookup(word: str) -> _Word | None:
    return _WORDS.get(word)


def strip_clitic(word: str) -> tuple[_Word | None, int]:
    """The number word inside a first token that may carry a clitic; (entry, prefix length)."""
    entry = _WORDS.get(word)
    if entry is not None:
        return entry, 0
    if word[0] not in PROCLITIC_LETTERS:
        return None, 0
    for clitic in _CLITICS:
        if word.startswith(clitic) and len(word) > len(clitic) + 1:
            core = word[len(clitic):]
            if core in _NO_CLITIC:
                continue
            if core in _WORDS:
                return _WORDS[core], len(clitic)
            if core.startswith("ل") and "ال" + core[1:] in _WORDS and clitic == "ل":  # لل = ل + ال
                return _WORDS["ال" + core[1:]], len(clitic)
    return None, 0


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A number phrase over word tokens ``first..last`` (inclusive).

    ``value`` for an exact figure; ``minimum`` / ``maximum`` with ``approx`` for vague ones
    (عشرات → minimum 20). ``prefix_len`` = clitic characters to skip on the first token.
    ``scale`` is the scale word the phrase ended with (distributes over ranges: "10-12 ألف").
    ``invalid`` marks junk (too many digits) that must block rather than parse.
    """

    first: int
    last: int
    value: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    approx: bool = False
    scale: float | None = None
    prefix_len: int = 0
    invalid: bool = False


def _conj_word(words: Sequence[str], j: int) -> tuple[str, int] | None:
    """The word after a conjunction و at ``j`` ("و عشرون" or "وعشرون"); (word, index)."""
    if j >= len(words):
        return None
    word = words[j]
    if word == "و":
        return (words[j + 1], j + 1) if j + 1 < len(words) else None
    if word.startswith("و") and len(word) > 1:
        return word[1:], j
    return None


def _group(words: Sequence[str], j: int, first_entry: _Word | None) -> tuple[float, int] | None:
    """A group below 1000 starting at ``j``; (value, index of its last word).

    ``first_entry`` is the already-resolved entry of ``words[j]`` (clitic stripped).
    """
    entry = first_entry
    if entry is None:
        return None
    total = 0.0
    last = j
    has_unit = False
    if entry.kind is NumberKind.HUNDRED:
        total, last = entry.value, j
        nxt = _conj_word(words, j + 1)
        if nxt is None or (entry := _lookup(nxt[0])) is None or entry.kind not in (
            NumberKind.UNIT, NumberKind.TEEN_HEAD, NumberKind.TEN,
        ):
            return total, last
        j = nxt[1]
    if entry.kind in (NumberKind.UNIT, NumberKind.TEEN_HEAD):
        following = _lookup(words[j + 1]) if j + 1 < len(words) else None
        if following is not None and following.kind is NumberKind.UNIT and following.value == 10 and entry.value < 10:
            return total + 10 + entry.value, j + 1  # أحد عشر، ثلاثة عشر
        if following is not None and following.kind is NumberKind.HUNDRED and following.value == 100 and \
                entry.kind is NumberKind.UNIT and 3 <= entry.value <= 9 and total == 0:
            return entry.value * 100, j + 1  # "ثلاث مئة" written apart
        if entry.kind is NumberKind.TEEN_HEAD:
            return (total, last) if total else None
        total += entry.value
        last = j
        has_unit = entry.value < 10
        nxt = _conj_word(words, j + 1) if has_unit else None
        if nxt is None or (entry := _lookup(nxt[0])) is None or entry.kind is not NumberKind.TEN:
            return total, last
        j = nxt[1]
    if entry.kind is NumberKind.TEN:
        return total + entry.value, j
    return (total, last) if total else None


def _followed_by_scale_at_least(words: Sequence[str], j: int, scale: float) -> bool:
    entry = _lookup(words[j]) if j < len(words) else None
    return entry is not None and entry.kind in (NumberKind.SCALE, NumberKind.SCALE_PLURAL) and entry.value >= scale


def _scale_after(words: Sequence[str], j: int) -> _Word | None:
    entry = _lookup(words[j]) if j < len(words) else None
    if entry is not None and entry.kind in (NumberKind.SCALE, NumberKind.SCALE_PLURAL):
        return entry
    return None


def _group_or_digits(words: Sequence[str], j: int, entry: _Word | None) -> tuple[float, int] | str | None:
    """A group (words or one digit token); the string "invalid" for junk digits."""
    word = words[j]
    if _is_digits(word):
        value = digits_value(word, before_scale=_scale_after(words, j + 1) is not None)
        return "invalid" if value is None else (value, j)
    return _group(words, j, entry)


def _vague(words: Sequence[str], i: int, entry: _Word, prefix_len: int) -> ParsedNumber:
    """عشرات / مئات / آلاف / بضعة, optionally times a scale ("عشرات الآلاف")."""
    base = 2 * entry.value if entry.kind is NumberKind.SCALE_PLURAL else entry.value
    scale = _scale_after(words, i + 1) if entry.kind is not NumberKind.SCALE_PLURAL else None
    last = i + 1 if scale is not None else i
    factor = scale.value if scale is not None else 1
    if entry.kind is NumberKind.FEW:
        return ParsedNumber(i, last, minimum=3 * factor, maximum=9 * factor, approx=True, prefix_len=prefix_len)
    return ParsedNumber(i, last, minimum=base * factor, approx=True, prefix_len=prefix_len)


def parse_number_at(words: Sequence[str], i: int) -> ParsedNumber | None:
    """Parse the number phrase that starts at word ``i`` (folded tokens), or None."""
    word = words[i]
    prefix_len = 0
    entry: _Word | None = None
    if not _is_digits(word):
        entry, prefix_len = strip_clitic(word)
        if entry is None:
            return None
        if entry.kind in (NumberKind.VAGUE, NumberKind.FEW, NumberKind.SCALE_PLURAL):
            return _vague(words, i, entry, prefix_len)
        if entry.kind is NumberKind.FRACTION:
            scale = _scale_after(words, i + 1)
            if scale is None or scale.kind is not NumberKind.SCALE:
                return None
            return ParsedNumber(i, i + 1, value=entry.value * scale.value, scale=scale.value, prefix_len=prefix_len)
    total = 0.0
    j = i
    last = i
    ceiling = float("inf")  # every further group must be below the previous scale
    ended_scale: float | None = None
    while True:
        if entry is not None and entry.kind in (NumberKind.SCALE, NumberKind.SCALE_DUAL):
            # A scale word with no count before it: ألف = 1000, ألفان / ألفا (alone) = 2000.
            dual = entry.kind is NumberKind.SCALE_DUAL or (words[j].endswith("ا") and j == i and prefix_len == 0
                                                          and words[j] != "الف")
            scale_value = entry.value / 2 if entry.kind is NumberKind.SCALE_DUAL else entry.value
            if scale_value >= ceiling:
                break
            total += (2 * scale_value) if dual else scale_value
            last, ceiling, ended_scale = j, scale_value, scale_value
        else:
            group = _group_or_digits(words, j, entry)
            if group == "invalid":
                return ParsedNumber(i, j, invalid=True, prefix_len=prefix_len)
            if group is None or isinstance(group, str):
                break
            value, group_last = group
            scale = _scale_after(words, group_last + 1)
            if scale is not None and scale.value < ceiling:
                total += value * scale.value
                last, ceiling, ended_scale = group_last + 1, scale.value, scale.value
            else:
                if value >= ceiling:
                    break
                total += value
                last, ended_scale = group_last, None
                break
        # After a scale word: "ونصف" (+ half the scale), or a smaller group after و.
        nxt = _conj_word(words, last + 1)
        if nxt is None:
            break
        next_word, next_index = nxt
        next_entry = _lookup(next_word)
        if next_entry is not None and next_entry.kind is NumberKind.FRACTION and ended_scale is not None:
            total += next_entry.value * ended_scale
            last = next_index
            repeat = _scale_after(words, next_index + 1)  # "مليون ونصف المليون"
            if repeat is not None and repeat.value == ended_scale and words[next_index + 1].startswith("ال"):
                last = next_index + 1
            break
        if not (_is_digits(next_word) or (next_entry is not None and next_entry.kind in (
                NumberKind.UNIT, NumberKind.TEEN_HEAD, NumberKind.TEN, NumberKind.HUNDRED,
                NumberKind.SCALE, NumberKind.SCALE_DUAL))):
            break
        # "بين 10 آلاف و12 ألف" is a range, not 10012: the next group has its own scale.
        probe = _group_or_digits(words, next_index, next_entry) if not (
            next_entry is not None and next_entry.kind in (NumberKind.SCALE, NumberKind.SCALE_DUAL)) else None
        if isinstance(probe, tuple) and _followed_by_scale_at_least(words, probe[1] + 1, ceiling):
            break
        if isinstance(probe, tuple) and probe[0] >= ceiling:
            break
        if next_word != words[next_index]:  # the و was glued: the word token itself starts the group
            words = [*words[:next_index], next_word, *words[next_index + 1:]]
        j = next_index
        entry = next_entry
    if last < i or (total == 0 and not _is_digits(words[i])):
        return None
    return ParsedNumber(i, last, value=total, scale=ended_scale, prefix_len=prefix_len)


def simple_number_value(word: str) -> float | None:
    """Value of one folded token that is a digit string or a single number word (3, ثلاثة)."""
    if _is_digits(word):
        return digits_value(word)
    entry = _WORDS.get(word)
    if entry is None or entry.kind not in (NumberKind.UNIT, NumberKind.TEN, NumberKind.HUNDRED):
        return None
    return entry.value
