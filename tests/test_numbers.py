"""Arabic figures → Quantity (spec §5, GOLD_FORMAT decision 5).

Phrases marked "corpus" are verbatim from shared/corpus/dev/docs.jsonl.
"""

from __future__ import annotations

import importlib
import json
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventx.normalize import find_dates, find_quantities, parse_quantity

DEV = Path(__file__).parents[1].parent / "shared" / "corpus" / "dev"

# (text, value, min, max, approx, unit)
CASES: list[tuple[str, int | float | None, int | None, int | None, bool, str | None]] = [
    # digits and separators
    ("3,000", 3000, None, None, False, None),
    ("٣٬٠٠٠ جندي", 3000, None, None, False, "person"),
    ("10.000 جندي", 10000, None, None, False, "person"),
    ("1.234.567", 1234567, None, None, False, None),
    ("2.5", 2.5, None, None, False, None),
    ("٣٠٠ قتيل", 300, None, None, False, "person"),
    ("61258 شهيداً في غزة", 61258, None, None, False, "person"),  # corpus
    ("ارتفعت إلى 152045، منذ بدء", 152045, None, None, False, None),  # corpus
    # digit + word
    ("10 آلاف", 10000, None, None, False, None),
    ("12 ألف جندي", 12000, None, None, False, "person"),
    ("2.5 مليون", 2500000, None, None, False, None),
    ("2,5 مليون", 2500000, None, None, False, None),
    ("300 ألف", 300000, None, None, False, None),
    ("12 ألفا", 12000, None, None, False, None),
    ("بحوالي 10 مليارات دولار", 10000000000, None, None, True, None),  # corpus
    ("النار إلى 9 آلاف و752 شهيدا", 9752, None, None, False, "person"),  # corpus
    ("و40 ألفا وأربعة مصابين", 40004, None, None, False, "person"),  # corpus
    ("إلى المستشفيات ألف و706 شهداء", 1706, None, None, False, "person"),  # corpus
    # number words
    ("واحد", 1, None, None, False, None),
    ("اثنان", 2, None, None, False, None),
    ("اثنين", 2, None, None, False, None),
    ("ثلاثة جنود", 3, None, None, False, "person"),
    ("ثلاث قذائف", 3, None, None, False, "shell"),
    ("عشرة", 10, None, None, False, None),
    ("عشر دبابات", 10, None, None, False, "tank"),
    ("أحد عشر", 11, None, None, False, None),
    ("إحدى عشرة", 11, None, None, False, None),
    ("اثنا عشر", 12, None, None, False, None),
    ("نفذتا اثنتي عشرة غارة", 12, None, None, False, None),  # corpus
    ("خمسة عشر", 15, None, None, False, None),
    ("ثمانية عشر صاروخا مضادا للسفن", 18, None, None, False, "missile"),  # corpus
    ("عشرون", 20, None, None, False, None),
    ("عشرين", 20, None, None, False, None),
    ("ثلاثة وعشرون", 23, None, None, False, None),
    ("ثلاثة و عشرون", 23, None, None, False, None),
    ("مئة", 100, None, None, False, None),
    ("مائة", 100, None, None, False, None),
    ("مئتان", 200, None, None, False, None),
    ("مئتي جندي", 200, None, None, False, "person"),
    ("مائتين", 200, None, None, False, None),
    ("ثلاثمائة", 300, None, None, False, None),
    ("ثلاثمئة", 300, None, None, False, None),
    ("ثلاث مئة", 300, None, None, False, None),
    ("مائة و ثلاثة و عشرون", 123, None, None, False, None),
    ("ألف", 1000, None, None, False, None),
    ("ألفان", 2000, None, None, False, None),
    ("ألفي جندي", 2000, None, None, False, "person"),
    ("ثلاثة آلاف", 3000, None, None, False, None),
    ("عشرة آلاف", 10000, None, None, False, None),
    ("عشرون ألفا", 20000, None, None, False, None),
    ("مئتا ألف", 200000, None, None, False, None),
    ("ثلاثة آلاف وخمسمائة", 3500, None, None, False, None),
    ("مليون", 1000000, None, None, False, None),
    ("ثلاثة ملايين", 3000000, None, None, False, None),
    ("مليار", 1000000000, None, None, False, None),
    ("الأطفال الستة", 6, None, None, False, None),  # corpus: "جثث الاطفال الستة"
    ("فيما استهدفت بخمس منطقة", 5, None, None, False, None),  # corpus
    ("إنها نفذت ست ضربات", 6, None, None, False, None),  # corpus
    ("أن ستة أطفال قتلوا", 6, None, None, False, "person"),  # corpus
    # fractions
    ("مليون ونصف المليون", 1500000, None, None, False, None),
    ("مليون ونصف", 1500000, None, None, False, None),
    ("نصف مليون", 500000, None, None, False, None),
    ("ثلاثة ملايين ونصف", 3500000, None, None, False, None),
    # approximators
    ("فقد قُتل نحو 300 جندي كوري شمالي", 300, None, None, True, "person"),  # corpus
    ("وأصيب حوالي 2700 آخرين", 2700, None, None, True, "person"),  # corpus
    ("قرابة 100 شخص", 100, None, None, True, "person"),
    ("ما يقارب 50 صاروخا", 50, None, None, True, "missile"),
    ("زهاء 400", 400, None, None, True, None),
    ("ما يناهز 30 مسيرة", 30, None, None, True, "drone"),
    ("100 قتيل تقريبا", 100, None, None, True, "person"),
    ("قد أرسلت حوالي 11 ألف جندي إلى روسيا", 11000, None, None, True, "person"),  # corpus
    # bounds
    ("أكدت وجود أكثر من 11 ألف جندي كوري شمالي", None, 11000, None, False, "person"),  # corpus
    ("يُقدر حجمها بأكثر من ألف جندي", None, 1000, None, False, "person"),  # corpus
    ("ما يزيد عن 200", None, 200, None, False, None),
    ("ما يزيد على 200 قتيل", None, 200, None, False, "person"),
    ("ما لا يقل عن 70 شخصا", None, 70, None, False, "person"),
    ("أقل من 50", None, None, 50, False, None),
    ("ما يصل إلى 500 جندي", None, None, 500, False, "person"),
    ("حتى 500", None, None, 500, False, None),
    ("وأكثر من 12 ألفا و30 مصاباً", None, 12030, None, False, "person"),  # corpus
    # ranges
    ("نشرت كوريا الشمالية ما بين 10 آلاف و12 ألف جندي في روسيا", None, 10000, 12000, False, "person"),  # corpus
    ("بين 10 آلاف و12 ألف", None, 10000, 12000, False, None),
    ("10–12 ألف", None, 10000, 12000, False, None),
    ("10-12 ألف جندي", None, 10000, 12000, False, "person"),
    ("من 10 إلى 12 ألفا", None, 10000, 12000, False, None),
    ("بين خمسة وعشرة", None, 5, 10, False, None),
    # vague plurals
    ("عشرات", None, 20, None, True, None),
    ("والمطار بعشرات الصواريخ", None, 20, None, True, "missile"),  # corpus: "بعشرات"
    ("مئات", None, 200, None, True, None),
    ("آلاف", None, 2000, None, True, None),
    ("عشرات الآلاف", None, 20000, None, True, None),
    ("مئات الآلاف", None, 200000, None, True, None),
    ("بضعة آلاف", None, 3000, 9000, True, None),
    # duals, percent, units
    ("لبنان: شهيدان و3 جرحى", 2, None, None, False, "person"),  # corpus
    ("إن شخصين استشهدا", 2, None, None, False, "person"),  # corpus
    ("أطلقوا صاروخين باليستيين", 2, None, None, False, "missile"),  # corpus
    ("50%", 50, None, None, False, "percent"),
    ("٥٠٪", 50, None, None, False, "percent"),
    ("50 في المئة", 50, None, None, False, "percent"),
    ("5 مسيرات", 5, None, None, False, "drone"),
    ("3 طائرات مسيرة", 3, None, None, False, "drone"),
    ("20 كم", 20, None, None, False, "km"),
    ("10 كيلومترات", 10, None, None, False, "km"),
    ("4 دبابات", 4, None, None, False, "tank"),
    ("أسفر عن مقتل 3 من أفراد الطاقم", 3, None, None, False, "person"),  # corpus
    ("12 صاروخًا بريطانيًا", 12, None, None, False, "missile"),  # corpus
    ("2024", 2024, None, None, False, None),  # a bare year is still a figure for parse_quantity
    ("عام 2024", 2024, None, None, False, None),  # only figure in the text: parse_quantity falls back
]


@pytest.mark.parametrize(("text", "value", "minimum", "maximum", "approx", "unit"), CASES)
def test_parse_quantity(text: str, value: float | None, minimum: int | None, maximum: int | None, approx: bool,
                        unit: str | None) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None, text
    assert (quantity.value, quantity.min, quantity.max, quantity.approx, quantity.unit) == (
        value, minimum, maximum, approx, unit)
    assert quantity.text in text


def test_spec_example_text_covers_qualifiers_and_noun() -> None:
    quantity = parse_quantity("فقد نشرت كوريا الشمالية ما بين 10 آلاف و12 ألف جندي في روسيا")
    assert quantity is not None
    assert quantity.text == "ما بين 10 آلاف و12 ألف جندي"


def test_integral_values_are_ints() -> None:
    quantity = parse_quantity("2.5 مليون")
    assert quantity is not None and isinstance(quantity.value, int)


@pytest.mark.parametrize("text", ["", "   ", "لا أرقام هنا", "12345678901234567 شخص", "لست أدري", "أحد الجنود",
                                  "الاثنين", "نصف القوات"])
def test_no_quantity(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize(("bad", "code"), [(None, "E101"), (3, "E103"), (2.5, "E103"), (b"3", "E102")])
def test_non_string_is_a_type_error(bad: object, code: str) -> None:
    with pytest.raises(TypeError, match=rf"^\[{code}\] text must be a str"):
        parse_quantity(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=rf"^\[{code}\] text must be a str"):
        find_quantities(bad)  # type: ignore[arg-type]


def test_find_quantities_skips_dates_unless_asked() -> None:
    text = "قتل 5 أشخاص في 27 مايو 2024 خلال الساعات الـ24 الماضية في عام 2024"
    assert [m.value.value for m in find_quantities(text)] == [5]
    assert [m.value.value for m in find_quantities(text, skip_dates=False)][:3] == [5, 27, 2024]


def test_find_quantities_skips_the_dates_it_is_given() -> None:
    text = "في 3 مارس 2024 قتل 5 جنود"
    dates = find_dates(text, "2024-03-04")
    assert [m.value.text for m in dates] == ["3 مارس 2024"]
    assert [m.value.text for m in find_quantities(text, dates=dates)] == ["5 جنود"]
    assert [m.value.value for m in find_quantities(text, dates=[])] == [3, 2024, 5]
    assert [m.value.value for m in find_quantities(text, skip_dates=False, dates=dates)] == [3, 2024, 5]


def test_dates_argument_maps_offsets_through_diacritics() -> None:
    text = "في ٣ مارسَ ٢٠٢٤ قُتِلَ ٥ جنودٍ"
    dates = find_dates(text, "2024-03-04")
    assert [m.value.value for m in dates] == ["2024-03-03"]
    assert [m.value.text for m in find_quantities(text, dates=dates)] == ["٥ جنودٍ"]


def test_dates_argument_is_what_is_skipped_and_nothing_is_cached() -> None:
    # With published 2025, "29 فبراير" is no date (2025 is not a leap year); without it, it is.
    text = "في 29 فبراير قتل 3"
    dates = find_dates(text, "2025-04-28")
    assert dates == []
    assert [m.value.value for m in find_quantities(text, dates=dates)] == [29, 3]
    assert [m.value.value for m in find_quantities(text)] == [3]  # its own scan: no published


def test_dates_argument_is_checked() -> None:
    other = find_dates("في 3 مارس 2024 قتل", "2024-03-04")
    assert other
    with pytest.raises(ValueError, match=r"^\[E402\] "):
        find_quantities("قتل 5 جنود في 3 مارس 2024", dates=other)
    with pytest.raises(TypeError, match=r"^\[E401\] "):
        find_quantities("قتل 5 جنود", dates="3 مارس")  # type: ignore[arg-type]


def test_no_module_level_state_changes_across_calls() -> None:
    import eventx.normalize.numbers as numbers_module

    modules = [numbers_module] + [importlib.import_module(f"eventx.normalize.{name}") for name in (
        "_numbers_fold", "_numbers_units", "_numbers_words")]

    def state() -> list[dict[str, str]]:
        return [{name: repr(value) for name, value in vars(module).items()
                 if isinstance(value, dict | list | set | bytearray) and not name.startswith("__")}
                for module in modules]

    before = state()
    text = "قتل 5 أشخاص في 27 مايو 2024 خلال الساعات الـ24 الماضية"
    first = find_quantities(text)
    find_dates(text, "2024-05-28")
    assert [m.value.value for m in first] == [5]
    assert find_quantities(text) == first
    assert state() == before


def test_offsets_and_noun_span_index_the_original_text() -> None:
    text = "أعلنت الوزارة مقتلَ ٣٠٠ جنديٍّ، وأصيب حوالي ٢٧٠٠ آخرين، ونفذت 12 غارة"
    matches = find_quantities(text)
    assert [m.value.text for m in matches] == ["٣٠٠ جنديٍّ", "حوالي ٢٧٠٠ آخرين", "12"]
    assert [text[m.start:m.end] for m in matches] == [m.value.text for m in matches]
    assert [text[m.noun_start:m.noun_end] for m in matches] == ["جنديٍّ", "آخرين", "غارة"]  # type: ignore[misc]
    assert all(a.end <= b.start for a, b in pairwise(matches))


def _ok_for_num2words(n: int) -> bool:
    """num2words 0.5.14 (lang="ar") is wrong for thousand / million groups ending in 01 or 02.

    101000 comes out as "مائة و ألف ألف" (garbage) and 102000 as "مائة و اثنان ألف" (should be
    "مائة وألفان"); every other number below 10^9 was checked correct against the grammar
    (e.g. 2000 → "ألفا", 1234567 → "مليون و مئتان و أربعة و ثلاثون ألفاً و خمسمائة و سبعة و ستون").
    """
    return all(not (group > 100 and group % 100 in (1, 2)) for group in ((n // 1000) % 1000, (n // 10**6) % 1000))


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**9 - 1).filter(_ok_for_num2words))
def test_num2words_round_trip(n: int) -> None:
    from num2words import num2words

    words = num2words(n, lang="ar")
    quantity = parse_quantity(words)
    assert quantity is not None and quantity.value == n and quantity.text == words


def _sentence_around(text: str, anchor: str) -> str:
    start = text.find(anchor)
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    right = text.find(".", start + len(anchor))
    return text[left:right if right >= 0 else len(text)]


# Gold counts that are not a figure in the text: a singular noun counted as 1 (decision 5,
# the rule engine's job), "راشدين إثنين وستة أطفال" summed to 8, and counts told in another
# sentence than the event's anchor.
_GOLD_NOT_FIGURES = 6


@pytest.mark.skipif(not (DEV / "gold").is_dir(), reason="dev corpus not available")
def test_gold_quantities_reproduce() -> None:
    """Every gold quantity is among the figures found in its event's sentence."""
    docs = {json.loads(line)["id"]: json.loads(line) for line in (DEV / "docs.jsonl").open(encoding="utf-8")}
    assert docs
    total = found = 0
    for path in sorted((DEV / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = docs[gold["doc_id"]]["text"]
        for event in gold["events"]:
            for quantity in event.get("quantities", {}).values():
                total += 1
                want = (quantity.get("value"), quantity.get("min"), quantity.get("max"), quantity.get("approx", False))
                got = {(m.value.value, m.value.min, m.value.max, m.value.approx)
                       for m in find_quantities(_sentence_around(text, event["anchor"]))}
                found += want in got
    assert total - found <= _GOLD_NOT_FIGURES
    assert found >= 57
