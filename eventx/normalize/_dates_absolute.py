"""Builders of the absolute expression kinds: written dates, months, years and Hijri dates.

Each ``_build_<kind>`` turns a match of the scanner alternative of that kind (see
:mod:`eventx.normalize._dates_patterns`) into a :class:`~eventx.normalize._dates_hits.Hit`.
A written date needs ``published`` only when its year is left out ("27 مايو"); an impossible
one ("31 فبراير", month 13) gives an ``invalid`` hit, which never reaches the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from eventx.normalize._dates_calendar import (
    date_or_none,
    direction_of,
    hijri_month_length,
    hijri_to_gregorian,
    hijri_year_of,
    relative_year,
    valid_year,
    year_for,
)
from eventx.normalize._dates_hits import Context, Hit, collapse_spaces
from eventx.normalize._dates_tables import AMBIGUOUS_MONTHS, HIJRI_MONTHS, MONTHS, ORDINAL_DAYS
from eventx.normalize._numbers_units import COUNTED_NOUNS

__all__ = ["ABSOLUTE_BUILDERS"]

_TIME_PREPOSITION_BEFORE = re.compile(r"(?:في|منذ|خلال|حتي|قبل|بعد|شهر|مطلع|منتصف|اواخر|اوائل|بدايه|نهايه)\s+$")
_WORD_AFTER = re.compile(r"\s*([^\W\d_]+|%)")


def _month_of(m: re.Match[str], p: str) -> int:
    return MONTHS[re.sub(r"\s+", " ", m.group(f"{p}_m"))]



def _gregorian_hit(m: re.Match[str], ctx: Context, kind: str, p: str, day: int | None) -> Hit:
    """Shared by daymonth / dayrange / monthyear: a month with optional day and year part."""
    month = _month_of(m, p)
    start, end = m.span(kind)
    explicit = m.group(f"{p}_y")
    yrel, ythis, mrel = m.group(f"{p}_yrel"), m.group(f"{p}_ythis"), m.group(f"{p}_mrel")
    granularity = "day" if day is not None else "month"
    out_of_range = False
    if explicit is not None:
        year: int | None = int(explicit)
        relative = False
        if not valid_year(year):
            return Hit(start, end, kind, invalid=True)
    elif ctx.published is None:
        year, relative = None, True
    else:
        if yrel is not None or ythis is not None:
            year = relative_year(yrel, ythis, ctx.published)
        else:
            year = year_for(month, day, ctx.published, direction_of(mrel))
        relative, out_of_range = True, year is None
    if day is not None and date_or_none(year or 2000, month, day) is None:
        return Hit(start, end, kind, invalid=True)  # 31 فبراير; 29 فبراير checked with the year
    if year is None:
        return Hit(start, end, kind, None, granularity, relative=True, ymd=(None, month, day),
                   out_of_range=out_of_range)
    value = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")
    return Hit(start, end, kind, value, granularity, relative=relative, ymd=(year if explicit else None, month, day))


def _build_numeric(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("numeric")
    a, b, c = m.group("nu_a"), m.group("nu_b"), m.group("nu_c")
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    elif len(c) == 4:
        year, first, second = int(c), int(a), int(b)
        # Arabic usage is day/month/year; a second field above 12 can only be US month/day.
        month, day = (first, second) if second > 12 >= first else (second, first)
    else:
        return Hit(start, end, "numeric", invalid=True)
    if not valid_year(year) or date_or_none(year, month, day) is None:
        return Hit(start, end, "numeric", invalid=True)
    return Hit(start, end, "numeric", f"{year:04d}-{month:02d}-{day:02d}", "day", ymd=(year, month, day))


def _day_number(m: re.Match[str], digits: str, ordinal: str) -> int | None:
    if m.group(digits) is not None:
        return int(m.group(digits))
    word = collapse_spaces(m.group(ordinal))
    return ORDINAL_DAYS.get(word) if word else None


def _build_daymonth(m: re.Match[str], ctx: Context) -> Hit:
    day = _day_number(m, "dm_d", "dm_o")
    if day is None or not 1 <= day <= 31:
        start, end = m.span("daymonth")
        return Hit(start, end, "daymonth", invalid=True)
    return _gregorian_hit(m, ctx, "daymonth", "dm", day)


def _build_dayrange(m: re.Match[str], ctx: Context) -> Hit:
    first, last = int(m.group("dr_d1")), int(m.group("dr_d2"))
    hit = _gregorian_hit(m, ctx, "dayrange", "dr", first)
    if not hit.invalid and first >= last:
        return replace(hit, invalid=True)
    return replace(hit, mod="AFTER")


def _month_context_ok(m: re.Match[str], ctx: Context) -> bool:
    """An ambiguous month name (مارس، ماي، آب) needs a date context to count as a month."""
    month_word = collapse_spaces(m.group("my_m")) or ""
    if month_word not in AMBIGUOUS_MONTHS:
        return True
    if any(m.group(g) for g in ("my_m2", "my_m3", "my_y", "my_yrel", "my_ythis", "my_mrel", "my_shahr", "my_n")):
        return True
    start = m.start("monthyear")
    before = _TIME_PREPOSITION_BEFORE.search(ctx.folded.text, max(0, start - 12), start) is not None
    if month_word == "اب":  # father (أب) once folded: only the madda spelling آب is the month
        orig_start, _ = ctx.folded.original_span(start, start + 1)
        return before and ctx.folded.original[orig_start] == "آ"
    return before


def _build_monthyear(m: re.Match[str], ctx: Context) -> Hit:
    if not _month_context_ok(m, ctx):
        start, end = m.span("monthyear")
        return Hit(start, end, "monthyear", invalid=True)
    return _gregorian_hit(m, ctx, "monthyear", "my", None)


def _build_year(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("year")
    year = int(m.group("yr_y"))
    second = m.group("yr_y2")
    if not valid_year(year) or (second is not None and not year < int(second) <= 2200):
        return Hit(start, end, "year", invalid=True)
    return Hit(start, end, "year", f"{year:04d}", "year", mod="AFTER" if second else None, ymd=None)


def _build_yearprep(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("yearprep")
    after = _WORD_AFTER.match(ctx.folded.text, end)
    if after is not None and after.group(1) in COUNTED_NOUNS:  # "في 2024 قتيلا" is a count
        return Hit(start, end, "yearprep", invalid=True)
    return Hit(start, end, "yearprep", m.group("yp_y"), "year")


def _build_hyear(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("hyear")
    first_day = hijri_to_gregorian(int(m.group("hy_y")), 1, 1)
    if first_day is None:
        return Hit(start, end, "hyear", invalid=True)
    # A Hijri year straddles two Gregorian years: give the one it starts in, marked APPROX.
    return Hit(start, end, "hyear", f"{first_day.year:04d}", "year", mod="APPROX")


def _build_hijri(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("hijri")
    month = HIJRI_MONTHS[collapse_spaces(m.group("hj_m")) or ""]
    day = _day_number(m, "hj_d", "hj_o")
    year_text, rel = m.group("hj_y"), m.group("hj_rel")
    if year_text is None and day is None and rel is None and m.group("hj_shahr") is None:
        # "رجب", "رمضان", "شعبان" alone are first names far more often than months.
        return Hit(start, end, "hijri", invalid=True)
    relative = year_text is None
    if year_text is not None:
        year = int(year_text)
    elif ctx.published is None:
        return Hit(start, end, "hijri", None, "day" if day else "month", relative=True)
    else:
        now = hijri_year_of(ctx.published)
        if now is None:
            return Hit(start, end, "hijri", invalid=True)
        year = now[0] - 1 if month > now[1] else now[0]
        direction = direction_of(rel)
        if direction == "past" and month >= now[1]:
            year = now[0] - 1
        elif direction == "future":
            year = now[0] + 1 if month <= now[1] else now[0]
    length = hijri_month_length(year, month)
    if length is None or (day is not None and not 1 <= day <= length):
        return Hit(start, end, "hijri", invalid=True)
    if day is not None:
        gregorian = hijri_to_gregorian(year, month, day)
        if gregorian is None:
            return Hit(start, end, "hijri", invalid=True)
        return Hit(start, end, "hijri", gregorian.isoformat(), "day", relative=relative)
    first, last = hijri_to_gregorian(year, month, 1), hijri_to_gregorian(year, month, length)
    middle = hijri_to_gregorian(year, month, 15)
    if first is None or last is None or middle is None:
        return Hit(start, end, "hijri", invalid=True)
    # The Gregorian month holding the middle of the Hijri month; APPROX when it straddles two.
    mod = None if (first.year, first.month) == (last.year, last.month) else "APPROX"
    return Hit(start, end, "hijri", f"{middle.year:04d}-{middle.month:02d}", "month", mod=mod, relative=relative)

ABSOLUTE_BUILDERS: dict[str, Callable[[re.Match[str], Context], Hit]] = {
    "numeric": _build_numeric, "dayrange": _build_dayrange, "daymonth": _build_daymonth, "hijri": _build_hijri,
    "hyear": _build_hyear, "year": _build_year, "yearprep": _build_yearprep, "monthyear": _build_monthyear,
}
