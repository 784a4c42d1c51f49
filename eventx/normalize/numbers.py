"""Figures in Arabic text → :class:`~eventx.records.Quantity` (spec §5).

:func:`find_quantities` tokenizes the folded text once (digit runs, letter runs, symbols),
parses number phrases with :mod:`eventx.normalize._numbers_words` (digits, number words,
digit + word "12 ألف", vague plurals "عشرات"), then reads the words around each figure:

* before it: approximators (نحو، حوالي ...) → ``approx``; bounds (أكثر من → ``min``, أقل من /
  ما يصل إلى → ``max``); range openers (بين / ما بين / من) that pair it with a second figure;
* after it: a range end ("و12 ألف", "إلى 12", "-12"), the counted noun (which sets ``unit``:
  person / missile / drone / shell / tank / km / percent) and a trailing "تقريبا".

The match span covers all of that, as in the spec example "ما بين 10 آلاف و12 ألف جندي".

Digits inside time expressions ("27 مايو 2024") are not figures. A caller that has already
run :func:`eventx.normalize.dates.find_dates` on the text passes its result as ``dates=`` so
the text is not scanned for dates twice; otherwise the number scanner runs the date scanner
itself. Nothing is cached between calls: the result depends on the arguments only.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from eventx.errors import Errors
from eventx.normalize._dates_scan import scan_dates
from eventx.normalize._numbers_fold import FoldedText, fold
from eventx.normalize._numbers_units import (
    APPROX_AFTER,
    COUNTED_NOUNS,
    DUAL_NOUNS,
    MULTIWORD_NOUNS,
    PREFIX_PHRASES,
    STOP_WORDS,
)
from eventx.normalize._numbers_words import NUMBER_WORDS, ParsedNumber, parse_number_at, strip_clitic
from eventx.normalize.dates import DateMatch
from eventx.records import Quantity
from eventx.text.orthography import PROCLITIC_LETTERS
from eventx.validation import coerce_text

__all__ = ["QuantityMatch", "find_quantities", "parse_quantity"]


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """A figure in the original text: ``text[start:end]`` == ``value.text``.

    ``noun_start`` / ``noun_end`` delimit the counted noun when there is one: a known noun
    (which set ``value.unit`` and lies inside the span) or, when the unit is unknown, the
    content word right after the figure (outside the span), so rules can see what is counted
    ("12 غارة"). Both are None when no noun follows.
    """

    start: int
    end: int
    value: Quantity
    noun_start: int | None = None
    noun_end: int | None = None


_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")
_RANGE_TO = frozenset({"الي", "حتي", "-"})
_STARTERS = frozenset(NUMBER_WORDS) | frozenset(DUAL_NOUNS)


@dataclass(frozen=True, slots=True)
class _Tokens:
    words: list[str]
    found: list[re.Match[str]]


def _tokenize(folded: FoldedText) -> _Tokens:
    found = list(_TOKEN.finditer(folded.text))
    return _Tokens([match.group() for match in found], found)


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 6)


def _word_matches(token: str, expected: str, allow_clitic: bool) -> int | None:
    """Characters of clitic before ``expected`` in ``token`` (0 when equal), or None."""
    if token == expected:
        return 0
    if allow_clitic and len(token) > len(expected) and token.endswith(expected):
        prefix = token[: len(token) - len(expected)]
        if len(prefix) <= 2 and all(ch in PROCLITIC_LETTERS for ch in prefix):
            return len(prefix)
    return None


def _prefix_before(words: list[str], index: int) -> tuple[str, int, int] | None:
    """The qualifying phrase ending right before word ``index``: (role, first word, clitic length)."""
    for phrase, role in PREFIX_PHRASES:
        size = len(phrase)
        first = index - size
        if first < 0 or words[first + 1:index] != list(phrase[1:]):
            continue
        clitic = _word_matches(words[first], phrase[0], allow_clitic=True)
        if clitic is not None:
            return role, first, clitic
    return None


def _range_end(words: list[str], after: int, opener: str | None) -> tuple[ParsedNumber, int] | None:
    """The second figure of a range starting at word ``after`` (the word after the first figure)."""
    if after >= len(words):
        return None
    word = words[after]
    if word == "و" and opener == "between":
        start = after + 1
    elif word.startswith("و") and len(word) > 1 and opener == "between":
        start = after  # "وخمسة": the clitic is stripped by the parser
    elif word in _RANGE_TO and (opener == "from" or word == "-"):
        start = after + 1
    else:
        return None
    if start >= len(words):
        return None
    second = parse_number_at(words, start)
    if second is None or second.invalid or second.value is None:
        return None
    return second, start


def _noun_after(words: list[str], index: int) -> tuple[int, int, str | None] | None:
    """Counted noun starting at word ``index``: (first word, last word, unit or None if unknown)."""
    if index >= len(words):
        return None
    start = index
    if words[index] == "من" and index + 1 < len(words):  # partitive: "3 من أفراد الطاقم"
        start = index + 1
    word = words[start]
    bare = word[2:] if word.startswith("ال") and len(word) > 4 else word
    for rest, unit in MULTIWORD_NOUNS.get(bare, ()):
        if tuple(words[start + 1:start + 1 + len(rest)]) == rest:
            return start, start + len(rest), unit
    if bare in COUNTED_NOUNS:
        return start, start, COUNTED_NOUNS[bare]
    if start == index and word.isalpha() and word not in STOP_WORDS and word not in APPROX_AFTER:
        return start, start, None
    return None


def _quantity_at(tokens: _Tokens, index: int, parsed: ParsedNumber) -> tuple[dict[str, object], int, int,
                                                                             tuple[int, int] | None]:
    """Fields of the quantity whose figure is ``parsed``: (fields, first word, last word, noun words)."""
    words = tokens.words
    fields: dict[str, object] = {"value": parsed.value, "min": parsed.minimum, "max": parsed.maximum,
                                 "approx": parsed.approx, "unit": None}
    first, last = index, parsed.last
    first_offset = parsed.prefix_len
    prefix = _prefix_before(words, index) if parsed.prefix_len == 0 else None
    opener = prefix[0] if prefix is not None and prefix[0] in ("between", "from") else None
    ranged = _range_end(words, parsed.last + 1, opener) if parsed.value is not None else None
    if ranged is not None:
        second, _ = ranged
        low = parsed.value or 0.0
        high = second.value or 0.0
        if parsed.scale is None and second.scale is not None and low * second.scale <= high:
            low *= second.scale  # "10-12 ألف", "من 10 إلى 12 ألفا"
        if low < high:
            fields.update(value=None, min=low, max=high)
            last = second.last
        else:
            ranged = None
    if prefix is not None and (opener is None or ranged is not None):
        role, first, first_offset = prefix
        if role == "approx":
            fields["approx"] = True
        elif role == "min" and fields["value"] is not None:
            fields.update(min=fields["value"], value=None)
        elif role == "max" and fields["value"] is not None:
            fields.update(max=fields["value"], value=None)
    noun = _noun_after(words, last + 1)
    noun_words: tuple[int, int] | None = None
    if noun is not None:
        noun_first, noun_last, unit = noun
        noun_words = (noun_first, noun_last)
        if unit is not None:
            fields["unit"] = unit
            last = noun_last
    if last + 1 < len(words) and words[last + 1] in APPROX_AFTER:
        fields["approx"] = True
        last += 1
    fields["first_offset"] = first_offset
    return fields, first, last, noun_words


class _SpanSet:
    """Spans answering "does any overlap [start, end)?" in O(log n): the spans that start before
    ``end`` are a prefix in start order, and one of them overlaps when the largest end in that
    prefix lies after ``start``. (A scan of every date per figure was quadratic on a long text.)"""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.max_ends = list(accumulate((end for _, end in ordered), max))

    def __bool__(self) -> bool:
        return bool(self.starts)

    def overlaps(self, span: tuple[int, int]) -> bool:
        before_end = bisect_left(self.starts, span[1])
        return before_end > 0 and self.max_ends[before_end - 1] > span[0]


def _may_start_figure(word: str) -> bool:
    """Cheap test before the parser: a digit, a number word or dual noun, maybe behind a clitic."""
    if word[0].isdigit() or word in _STARTERS:
        return True
    return word[0] in PROCLITIC_LETTERS and (word[1:] in _STARTERS or strip_clitic(word)[0] is not None)


def _date_spans(folded: FoldedText, dates: Sequence[DateMatch] | None) -> tuple[tuple[int, int], ...]:
    """Folded-text spans of the time expressions whose figures are skipped.

    ``dates`` carry original offsets; they are mapped back to the folded text the number
    scanner works in. Without them the date scanner runs here, with no publication date.
    """
    if dates is None:
        return tuple((hit.start, hit.end) for hit in scan_dates(folded, None))
    return tuple(folded.folded_span(match.start, match.end) for match in dates)


def _scan(text: str, folded: FoldedText, spans: tuple[tuple[int, int], ...]) -> list[QuantityMatch]:
    date_spans = _SpanSet(spans)
    tokens = _tokenize(folded)
    words, found = tokens.words, tokens.found
    matches: list[QuantityMatch] = []
    index = 0
    while index < len(words):
        word = words[index]
        if not _may_start_figure(word) or (date_spans and date_spans.overlaps(found[index].span())):
            index += 1
            continue
        parsed = parse_number_at(words, index)
        if parsed is None:
            dual = _dual_noun(tokens, folded, text, index)
            if dual is not None:
                matches.append(dual)
            index += 1
            continue
        figure_span = (found[index].start(), found[parsed.last].end())
        if parsed.invalid or (date_spans and date_spans.overlaps(figure_span)):
            index = parsed.last + 1
            continue
        fields, first, last, noun_words = _quantity_at(tokens, index, parsed)
        start_char = found[first].start() + int(fields.pop("first_offset"))  # type: ignore[call-overload]
        start, end = folded.original_span(start_char, found[last].end())
        noun_start = noun_end = None
        if noun_words is not None:
            noun_start, noun_end = folded.original_span(found[noun_words[0]].start(), found[noun_words[1]].end())
        quantity = Quantity(
            text=text[start:end],
            value=_number(fields["value"]),  # type: ignore[arg-type]
            min=_number(fields["min"]),  # type: ignore[arg-type]
            max=_number(fields["max"]),  # type: ignore[arg-type]
            approx=bool(fields["approx"]),
            unit=fields["unit"],  # type: ignore[arg-type]
        )
        matches.append(QuantityMatch(start, end, quantity, noun_start, noun_end))
        index = last + 1
    return matches


def _dual_noun(tokens: _Tokens, folded: FoldedText, text: str, index: int) -> QuantityMatch | None:
    """"شهيدان"، "صاروخين": a dual noun is a count of two by itself."""
    word = tokens.words[index]
    unit = DUAL_NOUNS.get(word)
    offset = 0
    if unit is None and len(word) > 4 and word[0] in PROCLITIC_LETTERS:
        unit, offset = DUAL_NOUNS.get(word[1:]), 1
    if unit is None:
        return None
    start, end = folded.original_span(tokens.found[index].start() + offset, tokens.found[index].end())
    return QuantityMatch(start, end, Quantity(text=text[start:end], value=2, unit=unit), start, end)


def _check_dates(text: str, dates: object) -> Sequence[DateMatch]:
    """``dates`` itself when it is a sequence of DateMatch that fit ``text``.

    Offsets of another text would silently skip the wrong figures, so a match whose span does
    not hold its own text is refused.
    """
    if not isinstance(dates, list | tuple) or not all(isinstance(match, DateMatch) for match in dates):
        raise TypeError(Errors.DATES_TYPE.format(got=type(dates).__name__))
    for match in dates:
        if text[match.start:match.end] != match.value.text:
            raise ValueError(Errors.DATES_OTHER_TEXT.format(start=match.start, end=match.end,
                                                            surface=match.value.text))
    return dates


def find_quantities(
    text: str, skip_dates: bool = True, *, dates: Sequence[DateMatch] | None = None
) -> list[QuantityMatch]:
    """All figures in ``text``, in order, non-overlapping, with offsets into ``text``.

    With ``skip_dates`` (the default) digits that belong to a time expression ("27 مايو",
    "عام 2024", "الساعات الـ24 الماضية") are not reported as figures. ``dates`` is what
    ``find_dates(text, published)`` returned for the same text: its expressions are the ones
    skipped, and the text is not scanned for dates again. Without it the dates are found
    here with no publication date, which can differ in rare cases (a year-less "29 فبراير"
    is a date without a year but not in a non-leap publication year). ``dates`` is ignored
    when ``skip_dates`` is False.
    """
    text = coerce_text(text)
    if dates is not None:
        dates = _check_dates(text, dates)
    folded = fold(text)
    date_spans = _date_spans(folded, dates) if skip_dates else ()
    return _scan(text, folded, date_spans)


def parse_quantity(text: str) -> Quantity | None:
    """The first figure in ``text``, or None.

    Figures inside time expressions are passed over, unless the text holds no other figure
    (``parse_quantity("عام 2024")`` is 2024: the caller asked for a figure).

    >>> parse_quantity("أكثر من 11 ألف جندي").min
    11000
    >>> parse_quantity("نحو 300 جندي").approx
    True
    """
    matches = find_quantities(text) or find_quantities(text, skip_dates=False)
    return matches[0].value if matches else None
