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
* A year-less date takes the most recent such date not after ``published`` (``الماضي`` /
  ``المقبل`` force the previous / next one, ``الجاري`` the current year).
* A weekday alone is the most recent such day on or before ``published``.
* A range gives its start with mod AFTER; "منذ X" gives X with mod AFTER.
* Seasons: SP = March-May, SU = June-August, FA = September-November, WI = December to
  February, labelled with the year of its December.
* An impossible date ("31 فبراير", month 13) gives no value at all, never a wrong one.

``dateparser`` is deliberately not used: every shape above is covered by the tables, and its
Arabic gaps (Levantine months without a locale, منتصف, seasons) would need guarding anyway.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from eventx.normalize._dates_tables import (
    AMBIGUOUS_MONTHS,
    CURRENT_WORDS,
    FUTURE_WORDS,
    HIJRI_MONTHS,
    MOD_PHRASES,
    MONTHS,
    ORDINAL_DAYS,
    PAST_WORDS,
    SEASONS,
    SPAN_UNITS,
    TIME_OF_DAY,
    WEEKDAYS,
)
from eventx.normalize._numbers_fold import FoldedText, fold
from eventx.normalize._numbers_units import COUNTED_NOUNS
from eventx.normalize._numbers_words import simple_number_value
from eventx.records import TimeValue

__all__ = ["DateMatch", "date_spans_of", "find_dates", "parse_date", "scan_dates"]

Published = str | dt.date | None


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A time expression in the original text: ``text[start:end]`` == ``value.text``.

    ``relative`` is True when the value depends on the publication date (it is None when no
    date was given). ``kind`` names the expression shape ("daymonth", "weekday", ...).
    """

    start: int
    end: int
    value: TimeValue
    relative: bool
    kind: str


@dataclass(frozen=True, slots=True)
class _Hit:
    """A match in folded coordinates, before mapping back to the original text."""

    start: int
    end: int
    kind: str
    value: str | None = None
    granularity: str | None = None
    mod: str | None = None
    relative: bool = False
    invalid: bool = False
    needs_mod: bool = False
    # (year or None, month, day or None) of a Gregorian date, kept so that the first end of a
    # range can borrow the year of the second ("بين 10 سبتمبر و2 فبراير 2016").
    ymd: tuple[int | None, int, int | None] | None = None


# --------------------------------------------------------------------------- pattern pieces

def _alt(words: object) -> str:
    """Regex alternation of folded words, longest first; a space matches any white space."""
    ordered = sorted(set(words), key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


_END = r"(?![^\W_])"  # not followed by a letter or digit
_MONTH = _alt(MONTHS)
_HIJRI = _alt(HIJRI_MONTHS)
_WEEKDAY = _alt(WEEKDAYS)
_ORDINAL = _alt(ORDINAL_DAYS)
_REL = _alt(PAST_WORDS | CURRENT_WORDS | FUTURE_WORDS)
_TOD = _alt(TIME_OF_DAY)
_SPAN_UNIT = _alt(SPAN_UNITS)
_SMALL_NUMBER = _alt(["واحد", "اثنين", "ثلاثه", "اربعه", "خمسه", "سته", "سبعه", "ثمانيه", "تسعه", "عشره",
                      "ثلاث", "اربع", "خمس", "ست", "سبع", "ثماني", "تسع", "عشر", "بضعه", "بضع"])
_YEAR_WORD = r"(?:عام|العام|سنه|السنه)"


def _month_pair(p: str) -> str:
    """A month, optionally with its other-calendar name: "يونيو/حزيران", "حزيران (يونيو)"."""
    return (rf"(?P<{p}_m>{_MONTH}){_END}"
            rf"(?:\s*/\s*(?P<{p}_m2>{_MONTH}){_END}|\s*\(\s*(?P<{p}_m3>{_MONTH})\s*\))?")


def _year_part(p: str) -> str:
    """What may follow a month: a year, "من العام الماضي", "هذا العام", or الماضي / الجاري."""
    return (rf"(?:\s*[,،]?\s*(?:من\s+)?(?:{_YEAR_WORD}\s+)?(?P<{p}_y>\d{{4}})(?!\d)(?:\s*م{_END})?"
            rf"|\s+(?:من\s+)?(?:{_YEAR_WORD}\s+(?P<{p}_yrel>{_REL}){_END}"
            rf"|(?P<{p}_ythis>هذا\s+العام|هذه\s+السنه|العام\s+الحالي){_END})"
            rf"|\s+(?P<{p}_mrel>{_REL}){_END})")


_ALTERNATIVES: tuple[tuple[str, str], ...] = (
    ("numeric", r"(?<![\d.,/-])(?P<nu_a>\d{1,4})(?P<nu_s>[/.-])(?P<nu_b>\d{1,2})(?P=nu_s)(?P<nu_c>\d{1,4})"
                r"(?!\d|[/.-]\d)"),
    ("dayrange", rf"(?P<dr_d1>\d{{1,2}})\s*(?:-|و|الي|حتي)\s*(?P<dr_d2>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?"
                 rf"{_month_pair('dr')}{_year_part('dr')}?"),
    ("daymonth", rf"(?:(?P<dm_wd>{_WEEKDAY})\s*[،,]?\s*)?(?:(?:يوم|نهار)\s+)?"
                 rf"(?:(?P<dm_d>\d{{1,2}})(?:\s+من)?|(?<!الاسبوع\s)(?<!الايام\s)(?<!النصف\s)(?P<dm_o>{_ORDINAL})\s+من)"
                 r"\s+(?:شهر\s+)?"
                 rf"{_month_pair('dm')}{_year_part('dm')}?"),
    ("hijri", rf"(?:(?:(?P<hj_d>\d{{1,2}})|(?P<hj_o>{_ORDINAL}))\s+(?:من\s+)?)?(?P<hj_shahr>شهر\s+)?"
              rf"(?P<hj_m>{_HIJRI}){_END}(?:\s+(?:من\s+)?(?:{_YEAR_WORD}\s+)?(?P<hj_y>1[345]\d\d)(?!\d)"
              rf"(?:\s*ه{_END})?|\s+(?P<hj_rel>{_REL}){_END})?"),
    ("hyear", rf"(?:{_YEAR_WORD}\s+)?(?P<hy_y>1[345]\d\d)\s*ه{_END}"),
    ("year", rf"(?:{_YEAR_WORD}|عامي)\s+(?P<yr_y>\d{{4}})(?!\d)(?:\s*م{_END})?"
             rf"(?:\s*(?P<yr_sep>و|-|الي|حتي)\s*(?:{_YEAR_WORD}\s+)?(?P<yr_y2>\d{{4}})(?!\d))?"),
    ("yearprep", r"(?:(?<=في\s)|(?<=منذ\s)|(?<=خلال\s)|(?<=حتي\s)|(?<=قبل\s)|(?<=بعد\s)|(?<=مطلع\s)"
                 r"|(?<=منتصف\s)|(?<=اواخر\s)|(?<=نهايه\s)|(?<=بدايه\s)|(?<=اوائل\s))"
                 r"(?P<yp_y>(?:19|20)\d\d)(?!\d|\s*%|[/.,-]\d)(?:\s*م(?![^\W_]))?"),
    ("season", rf"(?:فصل\s+)?(?P<se_s>(?:ال)?(?:ربيع|صيف|خريف|شتاء)){_END}"
               rf"(?:\s+(?:من\s+)?(?:{_YEAR_WORD}\s+)?(?P<se_y>\d{{4}})(?!\d)"
               rf"|\s+(?:من\s+)?(?:{_YEAR_WORD}\s+(?P<se_yrel>{_REL}){_END}|(?P<se_ythis>هذا\s+العام){_END})"
               rf"|\s+(?P<se_rel>{_REL}){_END})"),
    ("season_this", rf"(?:هذا|هذه)\s+(?:ال)?(?P<st_s>ربيع|صيف|خريف|شتاء){_END}"),
    ("week", rf"(?P<wk_we>عطله\s+(?:نهايه\s+)?|نهايه\s+)?(?:الاسبوع(?:\s+(?P<wk_rel>{_REL}))?"
             rf"|(?P<wk_this>هذا\s+الاسبوع)){_END}"),
    ("monthrel", rf"(?:الشهر\s+(?P<mr_rel>{_REL})|(?P<mr_this>هذا\s+الشهر)){_END}"),
    ("yearrel", rf"(?:{_YEAR_WORD}\s+(?P<yl_rel>{_REL})|(?P<yl_this>هذا\s+العام|هذه\s+السنه)){_END}"),
    ("monthyear", rf"(?P<my_shahr>(?:شهر|شهري)\s+)?{_month_pair('my')}"
                  rf"(?:\s*(?:و|-|الي)\s*(?:شهر\s+)?(?P<my_n>{_MONTH}){_END})?{_year_part('my')}?"),
    ("relday", rf"(?:(?P<rd_tod>{_TOD})\s+)?(?:(?:يوم|نهار)\s+)?"
               r"(?P<rd_rel>اول\s+من\s+امس|اول\s+امس|امس\s+الاول|بعد\s+غد|الليله\s+الماضيه|امس|الامس|البارحه"
               r"|غدا|الغد|الليله"
               r"|اليوم(?!\s+(?:التالي|نفسه|ذاته|الاول|الثاني|الثالث|الرابع|الاخير|الوطني|العالمي|الدولي|الذي)))"
               rf"{_END}(?:\s*[،,]?\s*(?P<rd_wd>{_WEEKDAY}){_END})?"),
    ("weekday", rf"(?:(?P<wd_tod>{_TOD})\s+)?(?:(?:يوم|يومي|نهار)\s+)?(?P<wd_d>{_WEEKDAY}){_END}"
                rf"(?:\s*(?:و|او|-)?\s*(?P<wd_d2>{_WEEKDAY}){_END})?(?:\s+(?P<wd_rel>{_REL}){_END})?"),
    ("ago", rf"(?P<ag_pre>منذ|قبل)\s+(?P<ag_q>(?:اكثر|اقل)\s+من\s+|نحو\s+|حوالي\s+|قرابه\s+)?"
            rf"(?:(?P<ag_n>\d{{1,3}}|{_SMALL_NUMBER})\s+)?(?P<ag_u>{_SPAN_UNIT}){_END}(?!\s*\d{{4}})"),
    ("pastspan", rf"(?:(?:خلال|في|طيله|طوال)\s+)?ال(?P<ps_u>{_SPAN_UNIT})(?:\s+(?:ال)?\s*(?P<ps_n>\d{{1,3}}))?"
                 r"\s+(?P<ps_rel>الماضيه|الماضي|الماضيين|المنصرمه|الاخيره|الفائته)(?![^\W_])"),
    ("bare", r"(?P<bp_w>العام|السنه|الشهر|الاسبوع)(?![^\W_])(?!\s*\d)"),
)

# A hit may start after a letter only when that letter is a lone clitic (و، ف، ب، ل) or the
# article before digits ("الـ4 من ديسمبر" folds to "ال4 من ديسمبر").
_START = r"(?:(?<![^\W_])|(?<=(?<![^\W_])[وفبل])|(?<=(?<![^\W_])ال)(?=\d))"
_SCANNER = re.compile(
    _START + "(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _ALTERNATIVES) + ")"
)

# Words an expression can start with. Running the big scanner only where one of these (or a
# digit) stands is ~5x faster than letting ``finditer`` try every alternative at every character.
_FIRST_WORDS = frozenset(
    [key.split()[0] for table in (MONTHS, HIJRI_MONTHS, WEEKDAYS, ORDINAL_DAYS) for key in table]
    + [phrase.split()[0] for phrase in TIME_OF_DAY]
    + ["ال" + unit for unit in SPAN_UNITS]
    + ["يوم", "نهار", "يومي", "شهر", "شهري", "عام", "العام", "سنه", "السنه", "عامي", "فصل", "ربيع", "صيف", "خريف",
       "شتاء", "الربيع", "الصيف", "الخريف", "الشتاء", "هذا", "هذه", "عطله", "نهايه", "الاسبوع", "الشهر", "اليوم",
       "امس", "الامس", "غدا", "الغد", "البارحه", "الليله", "اول", "بعد", "منذ", "قبل", "خلال", "طيله", "طوال"]
)
_WORD = re.compile(r"[^\W\d_]+|\d+")


def _candidate_matches(text: str) -> list[re.Match[str]]:
    """What ``_SCANNER.finditer(text)`` would give, trying only at plausible first words."""
    found: list[re.Match[str]] = []
    covered = 0
    for word in _WORD.finditer(text):
        position = word.start()
        if position < covered:
            continue
        token = word.group()
        if token[0].isdigit() or token in _FIRST_WORDS:
            candidate = _SCANNER.match(text, position)
        elif token[0] in "وفبل" and token[1:] in _FIRST_WORDS:
            candidate = _SCANNER.match(text, position + 1)
        elif token.startswith("ال") and token[2:3].isdigit():
            candidate = _SCANNER.match(text, position + 2)
        else:
            continue
        if candidate is not None and candidate.end() > candidate.start():
            found.append(candidate)
            covered = candidate.end()
    return found


_MOD_BEFORE = re.compile(rf"(?:^|(?<=[\s(،,]))[وف]?(?P<mod>{_alt(MOD_PHRASES)})\s+$")
_PREFIX_BEFORE = re.compile(r"(?:^|(?<=[\s(،,\"“]))[وف]?(?P<pre>منذ|قبل|بعد)\s+$")
_LONG_SINCE = re.compile(r"(?:^|(?<=[\s(،,\"“]))[وف]?(?P<pre>منذ)\s+(?:[^\s،,.:;!?()\"“”]+\s+){1,6}?في\s+$")
_RANGE_OPEN = re.compile(
    r"(?:^|(?<=[\s(،,]))[وف]?(?P<open>(?:(?:في|خلال)\s+)?(?:ال)?(?:فتره\s+)?(?:ما\s+)?(?:بين|من))\s+$"
)
_RANGE_GAP = re.compile(r"\s*(?P<gap>و|-|الي|حتي|لغايه|الي\s+غايه)\s*")
_BRACKET_GAP = re.compile(r"\s*[(،,]?\s*")
_CLOSE_BRACKET = re.compile(r"\s*\)")
_TIME_PREPOSITION_BEFORE = re.compile(r"(?:في|منذ|خلال|حتي|قبل|بعد|شهر|مطلع|منتصف|اواخر|اوائل|بدايه|نهايه)\s+$")
_WORD_AFTER = re.compile(r"\s*([^\W\d_]+|%)")

_MOD_KINDS = frozenset({"monthyear", "year", "yearprep", "yearrel", "monthrel", "season", "season_this", "week",
                        "bare", "hyear", "hijri"})
_ABSOLUTE_KINDS = frozenset({"numeric", "daymonth", "dayrange", "monthyear", "year", "yearprep", "hijri", "hyear"})


# --------------------------------------------------------------------------- calendar helpers

def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _valid_year(year: int) -> bool:
    return 1000 <= year <= 2200


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _direction(word: str | None) -> str:
    """"past" (الماضي), "current" (الجاري), "future" (المقبل) or "default" (no word)."""
    if word is None:
        return "default"
    if word in PAST_WORDS:
        return "past"
    if word in CURRENT_WORDS:
        return "current"
    return "future" if word in FUTURE_WORDS else "default"


def _year_for(month: int, day: int | None, published: dt.date, direction: str) -> int:
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


def _relative_year(word: str | None, this: str | None, published: dt.date) -> int:
    if this:
        return published.year
    return published.year + {"past": -1, "future": 1}.get(_direction(word), 0)


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season_label_year(season: str, published: dt.date, direction: str) -> int:
    """Label year of the season meant by "هذا الصيف" / "الصيف الماضي" / "الصيف المقبل"."""
    start_month = _SEASON_START[season]
    year = published.year if dt.date(published.year, start_month, 1) <= published else published.year - 1
    if direction == "future":
        return year + 1
    if direction == "past":
        end_year, end_month = _shift_month(year, start_month, 3)
        in_progress = published < dt.date(end_year, end_month, 1)
        return year - 1 if in_progress else year
    return year


def _weekday_date(weekday: int, published: dt.date, direction: str) -> dt.date:
    if direction == "future":
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    back = (published.weekday() - weekday) % 7
    if direction == "past" and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _hijri_to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    from hijridate import Hijri  # light, but only needed for Hijri dates

    try:
        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def _hijri_month_length(year: int, month: int) -> int | None:
    from hijridate import Hijri

    try:
        return Hijri(year, month, 1).month_length()
    except (ValueError, OverflowError):
        return None


def _hijri_year_of(day: dt.date) -> tuple[int, int] | None:
    from hijridate import Gregorian

    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return hijri.year, hijri.month


# --------------------------------------------------------------------------- builders

@dataclass(frozen=True, slots=True)
class _Context:
    folded: FoldedText
    published: dt.date | None


def _group(m: re.Match[str], name: str) -> str | None:
    return m.group(name)


def _month_of(m: re.Match[str], p: str) -> int:
    return MONTHS[re.sub(r"\s+", " ", m.group(f"{p}_m"))]


def _key(word: str | None) -> str | None:
    return None if word is None else re.sub(r"\s+", " ", word)


def _gregorian_hit(m: re.Match[str], ctx: _Context, kind: str, p: str, day: int | None) -> _Hit:
    """Shared by daymonth / dayrange / monthyear: a month with optional day and year part."""
    month = _month_of(m, p)
    start, end = m.span(kind)
    explicit = m.group(f"{p}_y")
    yrel, ythis, mrel = m.group(f"{p}_yrel"), m.group(f"{p}_ythis"), m.group(f"{p}_mrel")
    granularity = "day" if day is not None else "month"
    if explicit is not None:
        year: int | None = int(explicit)
        relative = False
        if not _valid_year(year):
            return _Hit(start, end, kind, invalid=True)
    elif ctx.published is None:
        year, relative = None, True
    elif yrel is not None or ythis is not None:
        year, relative = _relative_year(yrel, ythis, ctx.published), True
    else:
        year, relative = _year_for(month, day, ctx.published, _direction(mrel)), True
    if day is not None and _date_or_none(year or 2000, month, day) is None:
        return _Hit(start, end, kind, invalid=True)  # 31 فبراير; 29 فبراير checked with the year
    if year is None:
        return _Hit(start, end, kind, None, granularity, relative=True, ymd=(None, month, day))
    value = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")
    return _Hit(start, end, kind, value, granularity, relative=relative, ymd=(year if explicit else None, month, day))


def _build_numeric(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("numeric")
    a, b, c = m.group("nu_a"), m.group("nu_b"), m.group("nu_c")
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    elif len(c) == 4:
        year, first, second = int(c), int(a), int(b)
        # Arabic usage is day/month/year; a second field above 12 can only be US month/day.
        month, day = (first, second) if second > 12 >= first else (second, first)
    else:
        return _Hit(start, end, "numeric", invalid=True)
    if not _valid_year(year) or _date_or_none(year, month, day) is None:
        return _Hit(start, end, "numeric", invalid=True)
    return _Hit(start, end, "numeric", f"{year:04d}-{month:02d}-{day:02d}", "day", ymd=(year, month, day))


def _day_number(m: re.Match[str], digits: str, ordinal: str) -> int | None:
    if m.group(digits) is not None:
        return int(m.group(digits))
    word = _key(m.group(ordinal))
    return ORDINAL_DAYS.get(word) if word else None


def _build_daymonth(m: re.Match[str], ctx: _Context) -> _Hit:
    day = _day_number(m, "dm_d", "dm_o")
    if day is None or not 1 <= day <= 31:
        start, end = m.span("daymonth")
        return _Hit(start, end, "daymonth", invalid=True)
    return _gregorian_hit(m, ctx, "daymonth", "dm", day)


def _build_dayrange(m: re.Match[str], ctx: _Context) -> _Hit:
    first, last = int(m.group("dr_d1")), int(m.group("dr_d2"))
    hit = _gregorian_hit(m, ctx, "dayrange", "dr", first)
    if not hit.invalid and first >= last:
        return replace(hit, invalid=True)
    return replace(hit, mod="AFTER")


def _month_context_ok(m: re.Match[str], ctx: _Context) -> bool:
    """An ambiguous month name (مارس، ماي، آب) needs a date context to count as a month."""
    month_word = _key(m.group("my_m")) or ""
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


def _build_monthyear(m: re.Match[str], ctx: _Context) -> _Hit:
    if not _month_context_ok(m, ctx):
        start, end = m.span("monthyear")
        return _Hit(start, end, "monthyear", invalid=True)
    return _gregorian_hit(m, ctx, "monthyear", "my", None)


def _build_year(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("year")
    year = int(m.group("yr_y"))
    second = m.group("yr_y2")
    if not _valid_year(year) or (second is not None and not year < int(second) <= 2200):
        return _Hit(start, end, "year", invalid=True)
    return _Hit(start, end, "year", f"{year:04d}", "year", mod="AFTER" if second else None, ymd=None)


def _build_yearprep(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("yearprep")
    after = _WORD_AFTER.match(ctx.folded.text, end)
    if after is not None and after.group(1) in COUNTED_NOUNS:  # "في 2024 قتيلا" is a count
        return _Hit(start, end, "yearprep", invalid=True)
    return _Hit(start, end, "yearprep", m.group("yp_y"), "year")


def _build_hyear(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("hyear")
    first_day = _hijri_to_gregorian(int(m.group("hy_y")), 1, 1)
    if first_day is None:
        return _Hit(start, end, "hyear", invalid=True)
    # A Hijri year straddles two Gregorian years: give the one it starts in, marked APPROX.
    return _Hit(start, end, "hyear", f"{first_day.year:04d}", "year", mod="APPROX")


def _build_hijri(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("hijri")
    month = HIJRI_MONTHS[_key(m.group("hj_m")) or ""]
    day = _day_number(m, "hj_d", "hj_o")
    year_text, rel = m.group("hj_y"), m.group("hj_rel")
    if year_text is None and day is None and rel is None and m.group("hj_shahr") is None:
        # "رجب", "رمضان", "شعبان" alone are first names far more often than months.
        return _Hit(start, end, "hijri", invalid=True)
    relative = year_text is None
    if year_text is not None:
        year = int(year_text)
    elif ctx.published is None:
        return _Hit(start, end, "hijri", None, "day" if day else "month", relative=True)
    else:
        now = _hijri_year_of(ctx.published)
        if now is None:
            return _Hit(start, end, "hijri", invalid=True)
        year = now[0] - 1 if month > now[1] else now[0]
        direction = _direction(rel)
        if direction == "past" and month >= now[1]:
            year = now[0] - 1
        elif direction == "future":
            year = now[0] + 1 if month <= now[1] else now[0]
    length = _hijri_month_length(year, month)
    if length is None or (day is not None and not 1 <= day <= length):
        return _Hit(start, end, "hijri", invalid=True)
    if day is not None:
        gregorian = _hijri_to_gregorian(year, month, day)
        if gregorian is None:
            return _Hit(start, end, "hijri", invalid=True)
        return _Hit(start, end, "hijri", gregorian.isoformat(), "day", relative=relative)
    first, last = _hijri_to_gregorian(year, month, 1), _hijri_to_gregorian(year, month, length)
    middle = _hijri_to_gregorian(year, month, 15)
    if first is None or last is None or middle is None:
        return _Hit(start, end, "hijri", invalid=True)
    # The Gregorian month holding the middle of the Hijri month; APPROX when it straddles two.
    mod = None if (first.year, first.month) == (last.year, last.month) else "APPROX"
    return _Hit(start, end, "hijri", f"{middle.year:04d}-{middle.month:02d}", "month", mod=mod, relative=relative)


def _build_season(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("season")
    season = SEASONS[m.group("se_s").removeprefix("ال")]
    explicit = m.group("se_y")
    if explicit is not None:
        year = int(explicit)
        if not _valid_year(year):
            return _Hit(start, end, "season", invalid=True)
        return _Hit(start, end, "season", f"{year:04d}-{season}", "season")
    if ctx.published is None:
        return _Hit(start, end, "season", None, "season", relative=True)
    if m.group("se_yrel") is not None or m.group("se_ythis") is not None:
        year = _relative_year(m.group("se_yrel"), m.group("se_ythis"), ctx.published)
    else:
        year = _season_label_year(season, ctx.published, _direction(m.group("se_rel")))
    return _Hit(start, end, "season", f"{year:04d}-{season}", "season", relative=True)


def _build_season_this(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("season_this")
    season = SEASONS[m.group("st_s")]
    if ctx.published is None:
        return _Hit(start, end, "season_this", None, "season", relative=True)
    year = _season_label_year(season, ctx.published, "current")
    return _Hit(start, end, "season_this", f"{year:04d}-{season}", "season", relative=True)


def _build_week(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("week")
    weekend, rel, this = m.group("wk_we"), m.group("wk_rel"), m.group("wk_this")
    if not (weekend or rel or this):
        return _Hit(start, end, "week", needs_mod=True, granularity="week", relative=True,
                    value=None if ctx.published is None else _iso_week(ctx.published))
    if ctx.published is None:
        return _Hit(start, end, "week", None, "week", relative=True)
    direction = _direction(rel)
    shift = {"past": -7, "future": 7}.get(direction, 0)
    if weekend and direction == "default" and ctx.published.weekday() < 5:
        shift = -7  # "عطلة نهاية الأسبوع" told on a weekday: the weekend just gone
    value = _iso_week(ctx.published + dt.timedelta(days=shift))
    return _Hit(start, end, "week", value + ("-WE" if weekend else ""), "week", relative=True)


def _build_monthrel(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("monthrel")
    if ctx.published is None:
        return _Hit(start, end, "monthrel", None, "month", relative=True)
    delta = 0 if m.group("mr_this") else {"past": -1, "future": 1}.get(_direction(m.group("mr_rel")), 0)
    year, month = _shift_month(ctx.published.year, ctx.published.month, delta)
    return _Hit(start, end, "monthrel", f"{year:04d}-{month:02d}", "month", relative=True)


def _build_yearrel(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("yearrel")
    if ctx.published is None:
        return _Hit(start, end, "yearrel", None, "year", relative=True)
    year = _relative_year(m.group("yl_rel"), m.group("yl_this"), ctx.published)
    return _Hit(start, end, "yearrel", f"{year:04d}", "year", relative=True)


_RELATIVE_DAYS = {"اول من امس": -2, "اول امس": -2, "امس الاول": -2, "بعد غد": 2, "الليله الماضيه": -1, "امس": -1,
                  "الامس": -1, "البارحه": -1, "غدا": 1, "الغد": 1, "الليله": 0, "اليوم": 0}


def _build_relday(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("relday")
    if ctx.published is None:
        return _Hit(start, end, "relday", None, "day", relative=True)
    offset = _RELATIVE_DAYS[_key(m.group("rd_rel")) or ""]
    value = (ctx.published + dt.timedelta(days=offset)).isoformat()
    return _Hit(start, end, "relday", value, "day", relative=True)


def _build_weekday(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("weekday")
    if ctx.published is None:
        return _Hit(start, end, "weekday", None, "day", relative=True)
    day = _weekday_date(WEEKDAYS[m.group("wd_d")], ctx.published, _direction(m.group("wd_rel")))
    return _Hit(start, end, "weekday", day.isoformat(), "day", relative=True)


_SPAN_GRANULARITY = {"hour": "day", "day": "day", "week": "day", "month": "month", "year": "year"}


def _span_value(unit: str, count: int, published: dt.date) -> tuple[str, str]:
    """(value, granularity) of the point ``count`` units before ``published``."""
    if unit == "hour":
        return published.isoformat(), "day"
    if unit in ("day", "week"):
        days = count * (7 if unit == "week" else 1)
        return (published - dt.timedelta(days=days)).isoformat(), "day"
    if unit == "month":
        year, month = _shift_month(published.year, published.month, -count)
        return f"{year:04d}-{month:02d}", "month"
    return f"{published.year - count:04d}", "year"


def _count(token: str | None, implied: int | None) -> int | None:
    if token is None:
        return implied
    value = simple_number_value(token)
    if token.startswith("بضع"):
        return None
    return int(value) if value is not None and value == int(value) else None


def _build_ago(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("ago")
    unit, implied = SPAN_UNITS[m.group("ag_u")]
    count = _count(m.group("ag_n"), implied)
    qualifier = (m.group("ag_q") or "").split()
    mod = {"اكثر": "BEFORE", "اقل": "AFTER"}.get(qualifier[0], "APPROX") if qualifier else None
    if unit == "week" and mod is None:
        mod = "APPROX"
    if ctx.published is None or count is None:
        return _Hit(start, end, "ago", None, _SPAN_GRANULARITY[unit] if count is not None else None, mod=mod,
                    relative=True)
    value, granularity = _span_value(unit, count, ctx.published)
    return _Hit(start, end, "ago", value, granularity, mod=None if unit == "hour" else mod, relative=True)


def _build_pastspan(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("pastspan")
    unit, implied = SPAN_UNITS[m.group("ps_u")]
    count = _count(m.group("ps_n"), implied)
    if ctx.published is None or count is None:
        return _Hit(start, end, "pastspan", None, None, relative=True)
    value, granularity = _span_value(unit, count, ctx.published)
    return _Hit(start, end, "pastspan", value, granularity, mod=None if unit == "hour" else "AFTER", relative=True)


def _build_bare(m: re.Match[str], ctx: _Context) -> _Hit:
    start, end = m.span("bare")
    word = m.group("bp_w")
    granularity = {"العام": "year", "السنه": "year", "الشهر": "month", "الاسبوع": "week"}[word]
    value = None
    if ctx.published is not None:
        value = {"year": f"{ctx.published.year:04d}", "month": f"{ctx.published.year:04d}-{ctx.published.month:02d}",
                 "week": _iso_week(ctx.published)}[granularity]
    return _Hit(start, end, "bare", value, granularity, relative=True, needs_mod=True)


_BUILDERS: dict[str, Callable[[re.Match[str], _Context], _Hit]] = {
    "numeric": _build_numeric, "dayrange": _build_dayrange, "daymonth": _build_daymonth, "hijri": _build_hijri,
    "hyear": _build_hyear, "year": _build_year, "yearprep": _build_yearprep, "season": _build_season,
    "season_this": _build_season_this, "week": _build_week, "monthrel": _build_monthrel,
    "yearrel": _build_yearrel, "monthyear": _build_monthyear, "relday": _build_relday,
    "weekday": _build_weekday, "ago": _build_ago, "pastspan": _build_pastspan, "bare": _build_bare,
}


# --------------------------------------------------------------------------- joining hits

def _merge_bracketed(hits: list[_Hit], text: str) -> list[_Hit]:
    """"اليوم الأربعاء (14 ديسمبر/ كانون الأول 2016)": the written date wins over the relative one."""
    merged: list[_Hit] = []
    index = 0
    while index < len(hits):
        hit = hits[index]
        nxt = hits[index + 1] if index + 1 < len(hits) else None
        if (nxt is not None and hit.kind in ("relday", "weekday") and nxt.kind in ("daymonth", "numeric")
                and not nxt.invalid and nxt.value is not None
                and _BRACKET_GAP.fullmatch(text, hit.end, nxt.start) is not None):
            close = _CLOSE_BRACKET.match(text, nxt.end)
            end = close.end() if close is not None and "(" in text[hit.end:nxt.start] else nxt.end
            merged.append(replace(nxt, start=hit.start, end=end, relative=False))
            index += 2
            continue
        merged.append(hit)
        index += 1
    return merged


def _with_year(hit: _Hit, year: int) -> _Hit | None:
    """The first end of a range given the year of the second end."""
    if hit.ymd is None:
        return None
    _, month, day = hit.ymd
    if day is not None and _date_or_none(year, month, day) is None:
        return None
    value = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")
    return replace(hit, value=value, relative=False, ymd=(year, month, day))


def _merge_ranges(hits: list[_Hit], text: str) -> list[_Hit]:
    """"بين A وB" / "من A إلى B" / "A - B" → A with mod AFTER (GOLD_FORMAT decision 1)."""
    merged: list[_Hit] = []
    index = 0
    while index < len(hits):
        first = hits[index]
        second = hits[index + 1] if index + 1 < len(hits) else None
        if second is None or first.invalid or second.invalid or first.kind not in _ABSOLUTE_KINDS \
                or second.kind not in _ABSOLUTE_KINDS:
            merged.append(first)
            index += 1
            continue
        gap = _RANGE_GAP.fullmatch(text, first.end, second.start)
        opener = _RANGE_OPEN.search(text, max(0, first.start - 30), first.start)
        joins = gap is not None and (gap.group("gap") == "-" or (opener is not None and (
            gap.group("gap") == "و") == opener.group("open").endswith("بين")))
        if not joins:
            merged.append(first)
            index += 1
            continue
        start = opener.start("open") if opener is not None else first.start
        second_year = second.ymd[0] if second.ymd is not None else None
        if first.ymd is not None and first.ymd[0] is None and second_year is not None:
            borrowed_year = second_year - 1 if first.ymd[1] > second.ymd[1] else second_year  # type: ignore[union-attr]
            first = _with_year(first, borrowed_year) or first
        merged.append(replace(first, start=start, end=second.end, mod="AFTER"))
        index += 2
    return merged


def _widen(hit: _Hit, text: str) -> _Hit:
    """Take in a modifier (منتصف، أواخر ...) and a preposition (منذ، قبل، بعد) before the hit."""
    if hit.kind in _MOD_KINDS:
        mod_match = _MOD_BEFORE.search(text, max(0, hit.start - 40), hit.start)
        if mod_match is not None:
            phrase = re.sub(r"\s+", " ", mod_match.group("mod"))
            hit = replace(hit, start=mod_match.start("mod"), mod=MOD_PHRASES[phrase], needs_mod=False)
    if hit.kind in ("ago", "pastspan") or hit.needs_mod:
        return hit
    prefix = _PREFIX_BEFORE.search(text, max(0, hit.start - 8), hit.start)
    if prefix is not None:
        mod = "BEFORE" if prefix.group("pre") == "قبل" else "AFTER"
        return replace(hit, start=prefix.start("pre"), mod=mod)
    if hit.kind in _ABSOLUTE_KINDS:
        since = _LONG_SINCE.search(text, max(0, hit.start - 80), hit.start)
        if since is not None and "منذ" not in text[since.end("pre"):hit.start]:
            return replace(hit, start=since.start("pre"), mod="AFTER")
    return hit


# --------------------------------------------------------------------------- public API

def _coerce_published(published: Published) -> dt.date | None:
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published.strip()[:10])
        except ValueError as error:
            raise ValueError(f"published must be an ISO date like '2025-04-28', got {published!r}") from error
    raise TypeError(f"published must be a str, datetime.date or None, got {type(published).__name__}")


def _require_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    return text


def scan_dates(folded: FoldedText, published: dt.date | None) -> list[_Hit]:
    """Hits in folded coordinates, valid ones only (used by the number scanner to skip dates)."""
    ctx = _Context(folded, published)
    text = folded.text
    hits = [_BUILDERS[m.lastgroup](m, ctx) for m in _candidate_matches(text) if m.lastgroup]
    if not hits:
        return []
    hits = _merge_bracketed(hits, text)
    hits = _merge_ranges(hits, text)
    widened = [_widen(hit, text) for hit in hits if not hit.invalid]
    return [hit for hit in widened if not hit.needs_mod]


# Folded-text spans of the dates of recently scanned texts: the rule engine calls find_dates and
# then find_quantities on the same sentence, and the number scanner only needs the spans.
_RECENT_SPANS: dict[str, tuple[tuple[int, int], ...]] = {}
_RECENT_LIMIT = 512


def _remember_spans(text: str, hits: list[_Hit]) -> tuple[tuple[int, int], ...]:
    if len(_RECENT_SPANS) >= _RECENT_LIMIT:
        _RECENT_SPANS.clear()
    spans = tuple((hit.start, hit.end) for hit in hits)
    _RECENT_SPANS[text] = spans
    return spans


def date_spans_of(folded: FoldedText) -> tuple[tuple[int, int], ...]:
    """Spans (folded coordinates) of the time expressions in ``folded``; cached per text."""
    spans = _RECENT_SPANS.get(folded.original)
    if spans is None:
        spans = _remember_spans(folded.original, scan_dates(folded, None))
    return spans


def find_dates(text: str, published: Published = None) -> list[DateMatch]:
    """All time expressions in ``text``, in order, non-overlapping, offsets into ``text``."""
    text = _require_text(text)
    folded = fold(text)
    hits = scan_dates(folded, _coerce_published(published))
    _remember_spans(text, hits)
    matches: list[DateMatch] = []
    for hit in hits:
        start, end = folded.original_span(hit.start, hit.end)
        surface = text[start:end]
        value = TimeValue(text=surface, value=hit.value, granularity=hit.granularity, mod=hit.mod)  # type: ignore[arg-type]
        matches.append(DateMatch(start, end, value, hit.relative, hit.kind))
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
