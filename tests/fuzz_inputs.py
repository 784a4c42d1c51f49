"""The inputs the fuzzers draw from: alphabets, vocabulary, real sentences and odd ``published`` values.

Both the hypothesis test ``tests/test_fuzz.py`` and the fuzz command ``benchmarks/fuzz.py``
draw from these tables, so the quick test and the long run cover the same input families
(the test imports this module from ``tests/``; the command puts ``tests/`` on ``sys.path``).
Plain data and one sentence loader only: no eventx, hypothesis or random imports here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path

DEV_DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev" / "docs.jsonl"

# --- alphabets ------------------------------------------------------------------------------

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
ARABIC_EXTRA = ["ى", "ة", "ٱ", "پ", "چ", "ژ", "گ", "ک", "ی", "ﻻ", "ﷲ", "ﷺ"]
DIACRITICS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
TATWEEL = ["\u0640"]
BIDI_AND_JOINERS = ["\u200e", "\u200f", "\u061c", "\u200d", "\u200c", "\u200b", "\u2066", "\u2067", "\u2069",
                    "\u202a", "\u202b", "\u202c", "\ufeff"]
ASCII_DIGITS = list("0123456789")
ARABIC_INDIC_DIGITS = [chr(0x0660 + i) for i in range(10)]
PERSIAN_DIGITS = [chr(0x06F0 + i) for i in range(10)]
DIGIT_SETS = [ASCII_DIGITS, ARABIC_INDIC_DIGITS, PERSIAN_DIGITS]  # digits[d] is the digit d of that script
LATIN = list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
EMOJI = ["🙂", "👍🏽", "🇸🇾", "👨‍👩‍👧", "❤️", "#️⃣", "🔥", "💥"]
PUNCTUATION = [*"«»،؛؟.!:\"'()[]{}-–—…/%\\*+=<>@&_", "٫", "٬", "٪", "“", "”", "‘", "’", "۔"]
CONTROL = [chr(c) for c in range(0x00, 0x20) if chr(c) not in "\n\t"] + ["\x7f", "\x85", "\u2028", "\u2029"]
SPACE = [" ", " ", " ", "\n", "\n\n", "\t", "\u00a0", "\r\n", "\u3000"]

CHARACTERS = (ARABIC_LETTERS * 3 + ARABIC_EXTRA + DIACRITICS + TATWEEL + BIDI_AND_JOINERS + ASCII_DIGITS
              + ARABIC_INDIC_DIGITS + PERSIAN_DIGITS + LATIN + EMOJI + PUNCTUATION + CONTROL + SPACE)

# What goes between two segments of a document.
SEPARATORS = [" ", " ", " ", "، ", ". ", "\n", "؛ ", "؟ ", " و", "", "\u200f ", " «", "» "]
# Thousands/decimal marks a figure may be grouped with.
GROUP_SEPARATORS = [",", ".", "٬", "٫", " "]
# Patterns a long word repeats, besides a random one.
LONG_WORD_PATTERNS = ["ب", "ـ", "1", "١", "۱", "\u064e", "\u200f", "ال", "و1"]

# Words a news text is made of: triggers, actors, places, figures and time expressions
# (relative ones resolve against ``published``, so they meet the extreme dates).
VOCABULARY = [
    "قتل", "قُتل", "قُتِلَ", "مقتل", "أصيب", "إصابة", "جرح", "جنود", "جندي", "جنديين", "شهيدان", "مدنيين", "قصف",
    "غارة", "غارات", "هجوم", "استهدف", "انسحاب", "انسحبت", "سيطرت", "سيطرة", "القوات", "الجيش", "الروسي",
    "الإسرائيلي", "الأوكرانية", "أعلنت", "وزارة الصحة", "قالت", "أكد", "وفقاً لـ", "نقلاً عن", "إرسال", "قوات",
    "نشر", "إلى", "روسيا", "أوكرانيا", "غزة", "حلب", "خاركيف", "دمشق", "مدينة", "بلدة", "كوريا الشمالية",
    "حزب الله", "حماس", "اتفاق", "وقف إطلاق النار", "توقيع", "معاهدة", "في", "على", "من", "بعد", "قبل", "نحو",
    "حوالي", "أكثر من", "ما لا يقل عن", "عشرات", "مئات", "آلاف", "ثلاثة", "عشرين", "ألف", "مليون", "نصف مليون",
    "لم", "سوف", "قد", "تعتزم", "نفت", "أمس", "أول أمس", "غداً", "اليوم", "اليوم الاثنين", "صباح اليوم", "السبت",
    "يوم الأربعاء", "الأسبوع الماضي", "الأسبوع المقبل", "عطلة نهاية الأسبوع المنصرم", "الشهر الماضي",
    "الشهر المقبل", "العام الماضي", "العام المقبل", "هذا العام", "هذا الصيف", "خريف العام الماضي", "الصيف الماضي",
    "منتصف يناير", "أواخر عام 2024", "مطلع العام", "يونيو الماضي", "يناير المقبل", "نوفمبر الجاري", "27 مايو",
    "14 آب", "قبل أسبوع", "قبل ثلاثة أيام", "بعد ثلاثة أيام", "خلال الساعات الـ24 الماضية", "منذ أكثر من خمسة أعوام",
    "القرن الماضي", "العقد الماضي", "رمضان 1446", "15 شعبان 1445 هـ", "سنة 1446 هـ", "9 نوفمبر 2024",
    "2024/11/09", "09-11-2024", "السابع من أكتوبر 2023", "عام 2024", "عام 1", "عام 0", "عام 9999", "عام 10000",
    "31 ديسمبر 9999", "1 يناير 1", "1 يناير 0001", "31 فبراير 2024", "منذ أغسطس 2024",
    "بين 10 سبتمبر 2015 و2 فبراير 2016", "10-15 سبتمبر 2024", "300 ألف", "2.5 مليون", "3,000", "٣٬٠٠٠", "۱۲۳",
    "50%", "٥٠٪", "10–12 ألف", "9 آلاف و752 شهيدا",
]

# --- real sentences -------------------------------------------------------------------------

FALLBACK_SENTENCES = [
    "أعلنت كوريا الشمالية رسمياً عن إرسال قوات إلى روسيا، وقُتل نحو 300 جندي وأصيب حوالي 2700 آخرين.",
    "قالت وزارة الصحة إن 3 أشخاص قُتلوا وأصيب آخرون في غارة على مدينة حلب أمس.",
    "انسحبت القوات الروسية من بلدة قرب خاركيف يوم السبت بعد معارك استمرت أسبوعاً.",
    "وقّعت الحكومة والمتمردون اتفاق وقف إطلاق النار في جوبا في 9 نوفمبر 2024.",
    "ذكرت مصادر محلية أن الجيش سيطر على المدينة منتصف يناير، وفق ما نقلت وكالة الأنباء.",
    "استهدف قصف مدفعي مخيماً للنازحين، ما أدى إلى مقتل ١٢ مدنياً بينهم أطفال.",
    "تعتزم الولايات المتحدة نشر ألفي جندي إضافي في المنطقة خلال الأسبوع المقبل.",
    "نفى المتحدث باسم الجيش الإسرائيلي «أي استهداف للمدنيين» في غزة؛ فهل يصدّقه أحد؟",
]


@cache
def load_sentences() -> tuple[str, ...]:
    """Sentences of the dev corpus (20-300 characters), or the built-in list without it."""
    if not DEV_DOCS.is_file():
        return tuple(FALLBACK_SENTENCES)
    found: list[str] = []
    with DEV_DOCS.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                text = json.loads(line)["text"]
                found += [s.strip() for s in re.split(r"(?<=[.!؟])\s+|\n+", text) if 20 <= len(s.strip()) <= 300]
    return tuple(found) or tuple(FALLBACK_SENTENCES)


# --- published values -----------------------------------------------------------------------
# A fuzzer pairs each with an expectation: "accept" (must succeed), "refuse" (must raise the
# documented refusal) or "either" (succeeds or is refused; anything else fails).

EDGE_DATES = [dt.date.min, dt.date.max, dt.date(1, 1, 2), dt.date(1, 1, 31), dt.date(1, 3, 1), dt.date(1, 12, 31),
              dt.date(2, 1, 1), dt.date(9999, 12, 30), dt.date(9999, 12, 1), dt.date(9999, 1, 1),
              dt.date(9998, 12, 31), dt.date(2000, 2, 29), dt.date(2024, 2, 29)]
# accept, after an ISO date
TIME_SUFFIXES = ["T00:00:00", "T12:30", "T23:59:59Z", "T10:00:00+03:00", "T10:00:00.123456-05:00", " 10:00"]
# refuse: strings that are not an ISO date
GARBAGE = ["2025-04-28garbage", "2025-04-28abc", "2025-04-28قتل", "garbage", "yesterday", "أمس", "2025-13-01",
           "2025-02-30", "2025-00-10", "0000-01-01", "0000-12-31", "10000-01-01", "-001-01-01", "2025/04/28",
           "28-04-2025", "2025-4-28", "25-04-28", "2025-04-2", "2025-04", "2025", "None", "null", "--",
           "2025-04-28-garbage", "\x00", "9999-12-32", "0001-00-01", "2025-04-28T99:99", "2025-04-28 garbage",
           "2025-04-28T", "2025-04-28T10:00:00+99:00"]
# refuse, after an ISO date
GARBAGE_TAIL = "abcdefghijklmnopqrsuvwxy" + "".join(ARABIC_LETTERS)  # no 't'/'z': no ISO time/zone starts
# refuse (TypeError): neither str, date nor None
NOT_STR: list[object] = [20250428, 2025.0, b"2025-04-28", bytearray(b"2025-04-28"), ["2025-04-28"],
                         ("2025", 4, 28), {"published": "2025-04-28"}, object(), True]
# either: forms whose acceptance the contract leaves open (basic ISO, week dates, padding, other digits)
EITHER = ["20250428", "2025-W17-1", " 2025-04-28 ", "٢٠٢٥-٠٤-٢٨", "2025-04-28\n"]
