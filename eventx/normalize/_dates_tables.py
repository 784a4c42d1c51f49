"""Word tables for Arabic time expressions, in the folded spelling of ``_numbers_fold``.

Sources: month names as used by the Arab press by region (Gregorian "Egyptian" names in
most of the Arab world; the Syriac-derived names of the Levant and Iraq; the French-derived
names of Algeria and Tunisia; the Moroccan forms يوليوز / غشت / شتنبر / نونبر / دجنبر), cf.
the Arabic Wikipedia article "الأشهر الميلادية" and the CLDR ``ar`` month data used by babel.
Hijri month names are the standard ones (Umm al-Qura calendar as implemented by ``hijridate``).
Keys with a space match any run of white space.
"""

from __future__ import annotations

__all__ = [
    "AMBIGUOUS_MONTHS",
    "CURRENT_WORDS",
    "FUTURE_WORDS",
    "HIJRI_MONTHS",
    "MOD_PHRASES",
    "MONTHS",
    "ORDINAL_DAYS",
    "PAST_WORDS",
    "SEASONS",
    "SPAN_UNITS",
    "TIME_OF_DAY",
    "WEEKDAYS",
]

MONTHS: dict[str, int] = {
    # Gregorian names used in Egypt, the Gulf and most pan-Arab media.
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليو": 7,
    "يوليه": 7, "اغسطس": 8, "اغسطوس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Morocco.
    "ماي": 5, "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
    # Algeria / Tunisia.
    "جانفي": 1, "فيفري": 2, "افريل": 4, "جوان": 6, "جويليه": 7, "اوت": 8,
    # Levant and Iraq.
    "كانون الثاني": 1, "كانون ثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6,
    "تموز": 7, "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين اول": 10, "تشرين الثاني": 11,
    "تشرين ثاني": 11, "كانون الاول": 12, "كانون اول": 12,
}

# Month names that are also common words or names: مارس "he practised", اب "father" once
# folded, ماي (Theresa May), افريل (Avril Haines, seen in the dev corpus), جوان (Juan / Joan).
# They count as months only with a date context (a day, a year, a relative word, a paired
# month name, "شهر", or a preposition of time before them).
AMBIGUOUS_MONTHS = frozenset({"مارس", "ماي", "اب", "افريل", "جوان"})

HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع اول": 3, "ربيع الثاني": 4, "ربيع الاخر": 4, "ربيع ثاني": 4,
    "جمادي الاولي": 5, "جمادي الاول": 5, "جمادي الثانيه": 6, "جمادي الاخره": 6, "جمادي الثاني": 6,
    "جمادي الاخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعده": 11, "ذي القعده": 11,
    "ذو الحجه": 12, "ذي الحجه": 12,
}

# Python weekday numbers (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
}

SEASONS: dict[str, str] = {"ربيع": "SP", "صيف": "SU", "خريف": "FA", "شتاء": "WI"}

# Masculine ordinals for days of the month ("السابع من أكتوبر").
_ORDINAL_UNITS = ("الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")


def _ordinal_days() -> dict[str, int]:
    days = {"الاول": 1, "العاشر": 10, "العشرين": 20, "الثلاثين": 30}
    for value, word in enumerate(_ORDINAL_UNITS, start=1):
        if value > 1:
            days[word] = value
        days[word + " عشر"] = 10 + value
        days[word + " والعشرين"] = 20 + value
    days["الواحد والعشرين"] = 21
    days["الحادي والثلاثين"] = 31
    days["الواحد والثلاثين"] = 31
    return days


ORDINAL_DAYS: dict[str, int] = _ordinal_days()

PAST_WORDS = frozenset({"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "السابق", "المنقضي"})
CURRENT_WORDS = frozenset({"الجاري", "الجاريه", "الحالي", "الحاليه"})
FUTURE_WORDS = frozenset({"المقبل", "المقبله", "القادم", "القادمه"})

# Phrases before a period that narrow it (TIMEX3 mod).
MOD_PHRASES: dict[str, str] = {
    "منتصف": "MID", "اواسط": "MID", "وسط": "MID",
    "اواخر": "END", "نهايه": "END", "ختام": "END", "اخر": "END",
    "مطلع": "START", "اوائل": "START", "بدايه": "START", "بدايات": "START", "مستهل": "START", "بدء": "START",
    "الاسبوع الاول من": "START", "الايام الاولي من": "START", "النصف الاول من": "START",
    "الاسبوع الاخير من": "END", "الايام الاخيره من": "END", "النصف الثاني من": "END",
}

# Times of day that may precede a day expression ("صباح اليوم الاثنين", "مساء الأربعاء").
TIME_OF_DAY = ("صباح", "مساء", "ليل", "ليله", "فجر", "ظهر", "عصر", "ظهيره", "ضحي", "بعد ظهر", "منتصف ليل",
               "في وقت متاخر من", "وقت متاخر من", "متاخر من", "وقت مبكر من", "في وقت مبكر من", "امسيه")

# Units of "منذ 3 أيام" / "خلال الساعات الـ24 الماضية": folded word → (unit, count implied).
SPAN_UNITS: dict[str, tuple[str, int | None]] = {
    "ساعه": ("hour", 1), "ساعات": ("hour", None), "ساعتين": ("hour", 2), "دقيقه": ("hour", 1),
    "دقائق": ("hour", None), "يوم": ("day", 1), "ايام": ("day", None), "يومين": ("day", 2),
    "اسبوع": ("week", 1), "اسابيع": ("week", None), "اسبوعين": ("week", 2), "شهر": ("month", 1),
    "اشهر": ("month", None), "شهور": ("month", None), "شهرين": ("month", 2), "عام": ("year", 1),
    "اعوام": ("year", None), "سنه": ("year", 1), "سنوات": ("year", None), "سنين": ("year", None),
    "عامين": ("year", 2), "سنتين": ("year", 2),
}
