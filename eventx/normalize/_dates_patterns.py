"""The regex layer of the date scanner: one alternation of every expression shape, and where to try it.

Patterns are written in the folded spelling of :mod:`eventx.normalize._numbers_fold`. The
scanner's alternatives are named after the expression kinds; the builder of a kind reads the
named groups of its alternative (``dm_d``, ``dm_m`` ... for "daymonth"), so the group names
here and in the builders must stay in step.
"""

from __future__ import annotations

import re

from eventx.normalize._dates_tables import (
    CURRENT_WORDS,
    FUTURE_WORDS,
    HIJRI_MONTHS,
    MONTHS,
    ORDINAL_DAYS,
    PAST_WORDS,
    SPAN_UNITS,
    TIME_OF_DAY,
    WEEKDAYS,
)
from eventx.text.orthography import CONJUNCTION_CLITICS, PREPOSITION_CLITICS

__all__ = ["alternation", "candidate_matches"]


def alternation(words: object) -> str:
    """Regex alternation of folded words, longest first; a space matches any white space."""
    ordered = sorted(set(words), key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


_END = r"(?![^\W_])"  # not followed by a letter or digit
_MONTH = alternation(MONTHS)
_HIJRI = alternation(HIJRI_MONTHS)
_WEEKDAY = alternation(WEEKDAYS)
_ORDINAL = alternation(ORDINAL_DAYS)
_REL = alternation(PAST_WORDS | CURRENT_WORDS | FUTURE_WORDS)
_TOD = alternation(TIME_OF_DAY)
_SPAN_UNIT = alternation(SPAN_UNITS)
_SMALL_NUMBER = alternation(["واحد", "اثنين", "ثلاثه", "اربعه", "خمسه", "سته", "سبعه", "ثمانيه", "تسعه",
                             "عشره", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثماني", "تسع", "عشر", "بضعه", "بضع"])
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

# The proclitics a time expression may carry: the conjunctions و، ف and the prepositions ب، ل
# (not ك "like", which does not introduce a date).
_DATE_CLITICS = "".join((*CONJUNCTION_CLITICS, *(c for c in PREPOSITION_CLITICS if c != "ك")))
# A hit may start after a letter only when that letter is a lone clitic of _DATE_CLITICS or the
# article before digits ("الـ4 من ديسمبر" folds to "ال4 من ديسمبر").
_START = r"(?:(?<![^\W_])|(?<=(?<![^\W_])[" + _DATE_CLITICS + r"])|(?<=(?<![^\W_])ال)(?=\d))"
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


def candidate_matches(text: str) -> list[re.Match[str]]:
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
        elif token[0] in _DATE_CLITICS and token[1:] in _FIRST_WORDS:
            candidate = _SCANNER.match(text, position + 1)
        elif token.startswith("ال") and token[2:3].isdigit():
            candidate = _SCANNER.match(text, position + 2)
        else:
            continue
        if candidate is not None and candidate.end() > candidate.start():
            found.append(candidate)
            covered = candidate.end()
    return found
