"""Counted nouns that fix a quantity's unit, and the words around a figure that qualify it.

All keys are in the folded spelling of :mod:`eventx.normalize._numbers_fold` (ة→ه, ى→ي,
alef forms → ا, no diacritics: "قتلى" is "قتلي", "جنديًا" is "جنديا"). Noun lists were built
from the dev corpus (``shared/corpus/dev``) and the casualty / weapon vocabulary of ACLED-style
Arabic reporting; singular, plural, accusative (-ا) and dual forms are listed explicitly so a
look-up is one dict access.
"""

from __future__ import annotations

__all__ = [
    "APPROX_AFTER",
    "COUNTED_NOUNS",
    "DUAL_NOUNS",
    "MULTIWORD_NOUNS",
    "PERCENT_WORDS",
    "PREFIX_PHRASES",
    "STOP_WORDS",
]


def _forms(unit: str, *words: str) -> dict[str, str]:
    return dict.fromkeys(words, unit)


# Counted noun (the word right after the figure, or after a partitive من) → unit.
COUNTED_NOUNS: dict[str, str] = {
    **_forms(
        "person",
        "جندي", "جنديا", "جنود", "عسكري", "عسكريا", "عسكريين", "عسكريون", "مقاتل", "مقاتلا", "مقاتلين",
        "مقاتلون", "مقاتلي", "شخص", "شخصا", "اشخاص", "مدني", "مدنيا", "مدنيين", "مدنيون", "شهيد", "شهيدا",
        "شهداء", "قتيل", "قتيلا", "قتلي", "جريح", "جريحا", "جرحي", "مصاب", "مصابا", "مصابين", "مصابون",
        "اسير", "اسيرا", "اسري", "طفل", "طفلا", "اطفال", "امراه", "نساء", "فلسطيني", "فلسطينيا",
        "فلسطينيين", "عنصر", "عنصرا", "عناصر", "فرد", "فردا", "افراد", "ضابط", "ضابطا", "ضباط", "رجل",
        "رجلا", "رجال", "مواطن", "مواطنا", "مواطنين", "لاجئ", "لاجئا", "لاجئين", "نازح", "نازحا",
        "نازحين", "مهاجر", "مهاجرا", "مهاجرين", "معتقل", "معتقلا", "معتقلين", "رهينه", "رهائن", "ضحيه",
        "ضحايا", "اخرين", "اخرون", "مسلح", "مسلحا", "مسلحين", "صحفي", "صحفيا", "صحفيين", "عامل", "عاملا",
        "عمال", "متظاهر", "متظاهرا", "متظاهرين", "مرتزق", "مرتزقه", "مجند", "مجندا", "مجندين", "بحار",
        "بحارا", "بحاره", "جثه", "جثث", "قتيلين", "جنديين", "people", "persons", "soldiers", "troops",
        "civilians", "fighters",
    ),
    **_forms("missile", "صاروخ", "صاروخا", "صواريخ", "missiles"),
    **_forms("drone", "مسيره", "مسيرات", "درون", "درونز", "drones"),
    **_forms("shell", "قذيفه", "قذائف", "shells"),
    **_forms("tank", "دبابه", "دبابات", "tanks"),
    **_forms("km", "كيلومتر", "كيلومترا", "كيلومترات", "كم", "كلم", "km"),
    **_forms("percent", "بالمئه", "بالمائه", "%"),
}

# Multi-word counted nouns, keyed by their first word: first word → [(rest, unit)].
MULTIWORD_NOUNS: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "طائره": [(("مسيره",), "drone"), (("بدون", "طيار"), "drone"), (("من", "دون", "طيار"), "drone")],
    "طائرات": [(("مسيره",), "drone"), (("بدون", "طيار"), "drone"), (("من", "دون", "طيار"), "drone")],
    "في": [(("المئه",), "percent"), (("المائه",), "percent")],
    "كيلو": [(("متر",), "km"), (("مترا",), "km"), (("مترات",), "km")],
}

PERCENT_WORDS = frozenset({"%", "بالمئه", "بالمائه"})

# Dual nouns that count by themselves ("شهيدان" = 2 martyrs). Only nouns whose plural is NOT
# the sound -ين form, because "مدنيين" / "مقاتلين" are far more often plurals than duals.
DUAL_NOUNS: dict[str, str] = {
    **_forms("person", "جنديان", "جنديين", "شخصان", "شخصين", "شهيدان", "شهيدين", "قتيلان", "قتيلين",
             "جريحان", "جريحين", "طفلان", "طفلين", "ضابطان", "ضابطين", "اسيران", "اسيرين", "رهينتان",
             "رهينتين", "جثتان", "جثتين"),
    **_forms("missile", "صاروخان", "صاروخين"),
    **_forms("drone", "مسيرتان", "مسيرتين"),
    **_forms("shell", "قذيفتان", "قذيفتين"),
    **_forms("tank", "دبابتان", "دبابتين"),
}

# Phrases right before a figure → what they do (spec §5). The first word may carry a
# clitic (بنحو، وحوالي، بأكثر). Longest phrases are tried first.
PREFIX_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = tuple(sorted(
    [
        (("نحو",), "approx"), (("حوالي",), "approx"), (("قرابه",), "approx"), (("زهاء",), "approx"),
        (("ما", "يقارب"), "approx"), (("يقارب",), "approx"), (("ما", "يناهز"), "approx"), (("يناهز",), "approx"),
        (("ما", "يقرب", "من"), "approx"), (("يقرب", "من"), "approx"), (("تقريبا",), "approx"),
        (("اكثر", "من"), "min"), (("ازيد", "من"), "min"), (("ما", "يزيد", "عن"), "min"),
        (("ما", "يزيد", "علي"), "min"), (("يزيد", "عن"), "min"), (("يزيد", "علي"), "min"),
        (("ما", "لا", "يقل", "عن"), "min"), (("لا", "يقل", "عن"), "min"), (("ما", "يفوق"), "min"),
        (("يفوق",), "min"), (("اقل", "من"), "max"), (("ما", "يصل", "الي"), "max"), (("يصل", "الي"), "max"),
        (("حتي",), "max"), (("ما", "لا", "يزيد", "عن"), "max"), (("ما", "لا", "يزيد", "علي"), "max"),
        (("لا", "يزيد", "عن"), "max"), (("ما", "دون"), "max"),
        (("ما", "بين"), "between"), (("بين",), "between"), (("من",), "from"),
    ],
    key=lambda item: -len(item[0]),
))

APPROX_AFTER = frozenset({"تقريبا"})

# Words that are never the counted noun (prepositions, particles, common verbs of reporting).
STOP_WORDS = frozenset({
    "في", "من", "الي", "علي", "عن", "مع", "منذ", "خلال", "بعد", "قبل", "حتي", "او", "و", "ان", "انه", "كما",
    "ما", "لا", "لم", "لن", "قد", "هذا", "هذه", "ذلك", "تلك", "الذي", "التي", "الذين", "بين", "عند", "حيث",
})
