"""Builders of the relative expression kinds: seasons, weeks, "this month", days, weekdays, spans.

Each ``_build_<kind>`` turns a scanner match into a :class:`~eventx.normalize._dates_hits.Hit`
marked ``relative``: its value is counted from ``published`` and stays None without it, so
the document can warn that a relative date was left unresolved (spec §6). A value that would
fall outside ``datetime.date``'s years 1 to 9999 also stays None, on a hit marked
``out_of_range`` (:func:`~eventx.normalize._dates_hits.out_of_range_hit`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from eventx.normalize._dates_calendar import (
    direction_of,
    iso_week,
    relative_year,
    season_label_year,
    shift_days,
    shift_month,
    valid_year,
    weekday_date,
    year_in_range,
)
from eventx.normalize._dates_hits import Context, Hit, collapse_spaces, out_of_range_hit
from eventx.normalize._dates_tables import SEASONS, SPAN_UNITS, WEEKDAYS
from eventx.normalize._numbers_words import simple_number_value

__all__ = ["RELATIVE_BUILDERS"]


def _build_season(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("season")
    season = SEASONS[m.group("se_s").removeprefix("ال")]
    explicit = m.group("se_y")
    if explicit is not None:
        year = int(explicit)
        if not valid_year(year):
            return Hit(start, end, "season", invalid=True)
        return Hit(start, end, "season", f"{year:04d}-{season}", "season")
    if ctx.published is None:
        return Hit(start, end, "season", None, "season", relative=True)
    if m.group("se_yrel") is not None or m.group("se_ythis") is not None:
        year = relative_year(m.group("se_yrel"), m.group("se_ythis"), ctx.published)
    else:
        year = season_label_year(season, ctx.published, direction_of(m.group("se_rel")))
    if year is None:
        return out_of_range_hit(start, end, "season", "season")
    return Hit(start, end, "season", f"{year:04d}-{season}", "season", relative=True)


def _build_season_this(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("season_this")
    season = SEASONS[m.group("st_s")]
    if ctx.published is None:
        return Hit(start, end, "season_this", None, "season", relative=True)
    year = season_label_year(season, ctx.published, "current")
    if year is None:
        return out_of_range_hit(start, end, "season_this", "season")
    return Hit(start, end, "season_this", f"{year:04d}-{season}", "season", relative=True)


def _build_week(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("week")
    weekend, rel, this = m.group("wk_we"), m.group("wk_rel"), m.group("wk_this")
    if not (weekend or rel or this):
        return Hit(start, end, "week", needs_mod=True, granularity="week", relative=True,
                    value=None if ctx.published is None else iso_week(ctx.published))
    if ctx.published is None:
        return Hit(start, end, "week", None, "week", relative=True)
    direction = direction_of(rel)
    shift = {"past": -7, "future": 7}.get(direction, 0)
    if weekend and direction == "default" and ctx.published.weekday() < 5:
        shift = -7  # "عطلة نهاية الأسبوع" told on a weekday: the weekend just gone
    day = shift_days(ctx.published, shift)
    if day is None:
        return out_of_range_hit(start, end, "week", "week")
    return Hit(start, end, "week", iso_week(day) + ("-WE" if weekend else ""), "week", relative=True)


def _build_monthrel(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("monthrel")
    if ctx.published is None:
        return Hit(start, end, "monthrel", None, "month", relative=True)
    delta = 0 if m.group("mr_this") else {"past": -1, "future": 1}.get(direction_of(m.group("mr_rel")), 0)
    shifted = shift_month(ctx.published.year, ctx.published.month, delta)
    if shifted is None:
        return out_of_range_hit(start, end, "monthrel", "month")
    return Hit(start, end, "monthrel", f"{shifted[0]:04d}-{shifted[1]:02d}", "month", relative=True)


def _build_yearrel(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("yearrel")
    if ctx.published is None:
        return Hit(start, end, "yearrel", None, "year", relative=True)
    year = relative_year(m.group("yl_rel"), m.group("yl_this"), ctx.published)
    if year is None:
        return out_of_range_hit(start, end, "yearrel", "year")
    return Hit(start, end, "yearrel", f"{year:04d}", "year", relative=True)


_RELATIVE_DAYS = {"اول من امس": -2, "اول امس": -2, "امس الاول": -2, "بعد غد": 2, "الليله الماضيه": -1, "امس": -1,
                  "الامس": -1, "البارحه": -1, "غدا": 1, "الغد": 1, "الليله": 0, "اليوم": 0}


def _build_relday(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("relday")
    if ctx.published is None:
        return Hit(start, end, "relday", None, "day", relative=True)
    offset = _RELATIVE_DAYS[collapse_spaces(m.group("rd_rel")) or ""]
    day = shift_days(ctx.published, offset)
    if day is None:
        return out_of_range_hit(start, end, "relday", "day")
    return Hit(start, end, "relday", day.isoformat(), "day", relative=True)


def _build_weekday(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("weekday")
    if ctx.published is None:
        return Hit(start, end, "weekday", None, "day", relative=True)
    day = weekday_date(WEEKDAYS[m.group("wd_d")], ctx.published, direction_of(m.group("wd_rel")))
    if day is None:
        return out_of_range_hit(start, end, "weekday", "day")
    return Hit(start, end, "weekday", day.isoformat(), "day", relative=True)


_SPAN_GRANULARITY = {"hour": "day", "day": "day", "week": "day", "month": "month", "year": "year"}


def _span_value(unit: str, count: int, published: dt.date) -> tuple[str | None, str]:
    """(value, granularity) of the point ``count`` units before ``published``; value None when
    that point is before 0001-01-01."""
    if unit == "hour":
        return published.isoformat(), "day"
    if unit in ("day", "week"):
        day = shift_days(published, -count * (7 if unit == "week" else 1))
        return (day.isoformat() if day is not None else None), "day"
    if unit == "month":
        shifted = shift_month(published.year, published.month, -count)
        return (f"{shifted[0]:04d}-{shifted[1]:02d}" if shifted is not None else None), "month"
    year = year_in_range(published.year - count)
    return (f"{year:04d}" if year is not None else None), "year"


def _count(token: str | None, implied: int | None) -> int | None:
    if token is None:
        return implied
    value = simple_number_value(token)
    if token.startswith("بضع"):
        return None
    return int(value) if value is not None and value == int(value) else None


def _build_ago(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("ago")
    unit, implied = SPAN_UNITS[m.group("ag_u")]
    count = _count(m.group("ag_n"), implied)
    qualifier = (m.group("ag_q") or "").split()
    mod = {"اكثر": "BEFORE", "اقل": "AFTER"}.get(qualifier[0], "APPROX") if qualifier else None
    if unit == "week" and mod is None:
        mod = "APPROX"
    if ctx.published is None or count is None:
        return Hit(start, end, "ago", None, _SPAN_GRANULARITY[unit] if count is not None else None, mod=mod,
                    relative=True)
    value, granularity = _span_value(unit, count, ctx.published)
    if value is None:
        return out_of_range_hit(start, end, "ago", granularity, mod=mod)
    return Hit(start, end, "ago", value, granularity, mod=None if unit == "hour" else mod, relative=True)


def _build_pastspan(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("pastspan")
    unit, implied = SPAN_UNITS[m.group("ps_u")]
    count = _count(m.group("ps_n"), implied)
    if ctx.published is None or count is None:
        return Hit(start, end, "pastspan", None, None, relative=True)
    value, granularity = _span_value(unit, count, ctx.published)
    if value is None:
        return out_of_range_hit(start, end, "pastspan", granularity)
    return Hit(start, end, "pastspan", value, granularity, mod=None if unit == "hour" else "AFTER", relative=True)


def _build_bare(m: re.Match[str], ctx: Context) -> Hit:
    start, end = m.span("bare")
    word = m.group("bp_w")
    granularity = {"العام": "year", "السنه": "year", "الشهر": "month", "الاسبوع": "week"}[word]
    value = None
    if ctx.published is not None:
        value = {"year": f"{ctx.published.year:04d}", "month": f"{ctx.published.year:04d}-{ctx.published.month:02d}",
                 "week": iso_week(ctx.published)}[granularity]
    return Hit(start, end, "bare", value, granularity, relative=True, needs_mod=True)


RELATIVE_BUILDERS: dict[str, Callable[[re.Match[str], Context], Hit]] = {
    "season": _build_season, "season_this": _build_season_this, "week": _build_week, "monthrel": _build_monthrel,
    "yearrel": _build_yearrel, "relday": _build_relday, "weekday": _build_weekday, "ago": _build_ago,
    "pastspan": _build_pastspan, "bare": _build_bare,
}
