"""Calendar arithmetic of date resolution: validity, ISO weeks, and anchoring on ``published``.

Pure functions of their arguments (no regexes, no matches), so the rules of spec §6 on how a
year-less, relative or Hijri expression resolves can be read and tested in one place.
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
    "shift_month",
    "valid_year",
    "weekday_date",
    "year_for",
]


def date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def valid_year(year: int) -> bool:
    return 1000 <= year <= 2200


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def direction_of(word: str | None) -> str:
    """"past" (الماضي), "current" (الجاري), "future" (المقبل) or "default" (no word)."""
    if word is None:
        return "default"
    if word in PAST_WORDS:
        return "past"
    if word in CURRENT_WORDS:
        return "current"
    return "future" if word in FUTURE_WORDS else "default"


def year_for(month: int, day: int | None, published: dt.date, direction: str) -> int:
    """Year of a year-less month (and day) relative to ``published``."""
    key = (month, day or 0)
    now = (published.month, published.day if day else 0)
    if direction == "current":
        return published.year
    if direction == "future":
        return published.year + 1 if key <= now else published.year
    if direction == "past":
        return published.year - 1 if key >= now else published.year
    return published.year - 1 if key > now else published.year


def relative_year(word: str | None, this: str | None, published: dt.date) -> int:
    if this:
        return published.year
    return published.year + {"past": -1, "future": 1}.get(direction_of(word), 0)


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_label_year(season: str, published: dt.date, direction: str) -> int:
    """Label year of the season meant by "هذا الصيف" / "الصيف الماضي" / "الصيف المقبل"."""
    start_month = _SEASON_START[season]
    year = published.year if dt.date(published.year, start_month, 1) <= published else published.year - 1
    if direction == "future":
        return year + 1
    if direction == "past":
        end_year, end_month = shift_month(year, start_month, 3)
        in_progress = published < dt.date(end_year, end_month, 1)
        return year - 1 if in_progress else year
    return year


def weekday_date(weekday: int, published: dt.date, direction: str) -> dt.date:
    if direction == "future":
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    back = (published.weekday() - weekday) % 7
    if direction == "past" and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


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
