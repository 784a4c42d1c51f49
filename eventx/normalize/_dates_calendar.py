"""Calendar arithmetic of date resolution: validity, ISO weeks, and anchoring on ``published``.

Pure functions of their arguments (no regexes, no matches), so the rules of spec §6 on how a
year-less, relative or Hijri expression resolves can be read and tested in one place.

Every function that counts from ``published`` returns None when the result falls outside the
years ``datetime.date`` can hold (1 to 9999), e.g. "أمس" published on 0001-01-01: the builder
then reports the expression without a value, marked ``out_of_range`` (never an exception, never
a year 0 or 10000).
"""

from __future__ import annotations

import datetime as dt

from eventx.normalize._dates_tables import CURRENT_WORDS, FUTURE_WORDS, PAST_WORDS

__all__ = [
    "date_or_none",
    "direction_of",
    "hijri_month_length",
    "hijri_to_gregorian",
    "hijri_year_of",
    "iso_week",
    "relative_year",
    "season_label_year",
    "shift_days",
    "shift_month",
    "valid_year",
    "weekday_date",
    "year_for",
    "year_in_range",
]


def date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def valid_year(year: int) -> bool:
    return 1000 <= year <= 2200


def year_in_range(year: int) -> int | None:
    """``year`` when ``datetime.date`` can hold it (1 to 9999), else None."""
    return year if dt.MINYEAR <= year <= dt.MAXYEAR else None


def shift_days(day: dt.date, days: int) -> dt.date | None:
    """``day`` moved by ``days`` days, or None when that leaves ``datetime.date``'s range."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift_month(year: int, month: int, delta: int) -> tuple[int, int] | None:
    """(year, month) ``delta`` months after the given one; None outside years 1 to 9999."""
    index = year * 12 + (month - 1) + delta
    shifted = index // 12
    return None if year_in_range(shifted) is None else (shifted, index % 12 + 1)


def direction_of(word: str | None) -> str:
    """"past" (الماضي), "current" (الجاري), "future" (المقبل) or "default" (no word)."""
    if word is None:
        return "default"
    if word in PAST_WORDS:
        return "past"
    if word in CURRENT_WORDS:
        return "current"
    return "future" if word in FUTURE_WORDS else "default"


def year_for(month: int, day: int | None, published: dt.date, direction: str) -> int | None:
    """Year of a year-less month (and day) relative to ``published`` (None: out of range)."""
    key = (month, day or 0)
    now = (published.month, published.day if day else 0)
    if direction == "current":
        return published.year
    if direction == "future":
        return year_in_range(published.year + 1 if key <= now else published.year)
    if direction == "past":
        return year_in_range(published.year - 1 if key >= now else published.year)
    return year_in_range(published.year - 1 if key > now else published.year)


def relative_year(word: str | None, this: str | None, published: dt.date) -> int | None:
    """The year of "العام الماضي" / "هذا العام" / "العام المقبل" (None: out of range)."""
    if this:
        return published.year
    return year_in_range(published.year + {"past": -1, "future": 1}.get(direction_of(word), 0))


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_label_year(season: str, published: dt.date, direction: str) -> int | None:
    """Label year of the season meant by "هذا الصيف" / "الصيف الماضي" / "الصيف المقبل".

    None when that label year is outside 1 to 9999 (the winter before 0001-03-01 is "0000-WI").
    """
    start_month = _SEASON_START[season]
    # Months compared as (year, month) pairs, so that no date of year 0 or 10000 is ever built.
    year = published.year if published.month >= start_month else published.year - 1
    if direction == "future":
        return year_in_range(year + 1)
    if direction == "past":
        end_index = year * 12 + (start_month - 1) + 3  # the month after the season's last one
        in_progress = published.year * 12 + (published.month - 1) < end_index
        return year_in_range(year - 1 if in_progress else year)
    return year_in_range(year)


def weekday_date(weekday: int, published: dt.date, direction: str) -> dt.date | None:
    """The weekday meant relative to ``published`` (None: out of range)."""
    if direction == "future":
        return shift_days(published, (weekday - published.weekday()) % 7 or 7)
    back = (published.weekday() - weekday) % 7
    if direction == "past" and back == 0:
        back = 7
    return shift_days(published, -back)


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    from hijridate import Hijri  # light, but only needed for Hijri dates

    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_month_length(year: int, month: int) -> int | None:
    from hijridate import Hijri

    try:
        return Hijri(year, month, 1).month_length()
    except (ValueError, OverflowError):
        return None


def hijri_year_of(day: dt.date) -> tuple[int, int] | None:
    from hijridate import Gregorian

    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return hijri.year, hijri.month
