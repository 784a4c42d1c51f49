"""Arabic time expressions → TIMEX3-style :class:`~eventx.records.TimeValue` (spec §6).

:func:`find_dates` scans a text once with one precompiled regex whose alternatives are the
expression shapes (numeric dates, day + month, month + year, Hijri dates, years, seasons,
weeks, relative days, weekdays, "منذ 3 أيام" ...), then joins neighbours that form one
expression (a range "بين 10 سبتمبر 2015 و2 فبراير 2016", a relative day followed by its
date in brackets) and widens each hit over a modifier before it (منتصف → MID, أواخر → END,
مطلع → START, منذ → AFTER, قبل → BEFORE). Matching runs on the folded text of
``_numbers_fold`` and offsets are mapped back, so ``text[m.start:m.end]`` is the expression
as written.

Resolution rules (spec §6, GOLD_FORMAT decision 1):

* Relative expressions resolve against ``published``; without it their ``value`` is None and
  the match has ``relative=True`` so the document can add its warning.
* A relative expression whose value would fall outside ``datetime.date``'s years 1 to 9999
  ("أمس" published on 0001-01-01, "العام المقبل" on 9999-12-31) is still reported, with
  ``value`` None and ``out_of_range=True``; it never raises and never gives year 0 or 10000.
* A year-less date takes the most recent such date not after ``published`` (``الماضي`` /
  ``المقبل`` force the previous / next one, ``الجاري`` the current year).
* A weekday alone is the most recent such day on or before ``published``.
* A range gives its start with mod AFTER; "منذ X" gives X with mod AFTER.
* Seasons: SP = March-May, SU = June-August, FA = September-November, WI = December to
  February, labelled with the year of its December.
* An impossible date ("31 فبراير", month 13) gives no value at all, never a wrong one.

The work is split by layer: :mod:`._dates_patterns` (the scanner regex and where to try it),
:mod:`._dates_absolute` / :mod:`._dates_relative` (one builder per expression kind),
:mod:`._dates_calendar` (resolution against ``published``), :mod:`._dates_merge` (ranges,
brackets, modifiers) and :mod:`._dates_scan` (one pass, shared with the figure scanner).
This module only validates input and maps hits back to the original text.

``dateparser`` is deliberately not used: every shape above is covered by the tables, and its
Arabic gaps (Levantine months without a locale, منتصف, seasons) would need guarding anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventx.normalize._dates_scan import scan_dates
from eventx.normalize._numbers_fold import fold
from eventx.records import TimeValue
from eventx.validation import Published, coerce_published, coerce_text

__all__ = ["DateMatch", "find_dates", "parse_date"]


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A time expression in the original text: ``text[start:end]`` == ``value.text``.

    ``relative`` is True when the value depends on the publication date (it is None when no
    date was given). ``kind`` names the expression shape ("daymonth", "weekday", ...).
    ``out_of_range`` is True when the value, counted from the publication date, would fall
    outside ``datetime.date``'s years 1 to 9999; the value is then None.
    """

    start: int
    end: int
    value: TimeValue
    relative: bool
    kind: str
    out_of_range: bool = False


def find_dates(text: str, published: Published = None) -> list[DateMatch]:
    """All time expressions in ``text``, in order, non-overlapping, offsets into ``text``.

    Pass the result to :func:`eventx.normalize.find_quantities` (``dates=``) to skip the
    figures inside these expressions without scanning the text for dates a second time.
    """
    text = coerce_text(text)
    folded = fold(text)
    hits = scan_dates(folded, coerce_published(published))
    matches: list[DateMatch] = []
    for hit in hits:
        start, end = folded.original_span(hit.start, hit.end)
        surface = text[start:end]
        value = TimeValue(
            text=surface, value=hit.value, granularity=hit.granularity, mod=hit.mod  # type: ignore[arg-type]
        )
        matches.append(DateMatch(start, end, value, hit.relative, hit.kind, hit.out_of_range))
    return matches


def parse_date(text: str, published: Published = None) -> TimeValue | None:
    """The first time expression in ``text`` as a TimeValue, or None.

    >>> parse_date("منتصف يناير", published="2025-02-13").value
    '2025-01'
    >>> parse_date("اليوم الاثنين", published="2025-04-28").value
    '2025-04-28'
    >>> parse_date("31 فبراير 2024") is None
    True
    """
    matches = find_dates(text, published)
    return matches[0].value if matches else None
