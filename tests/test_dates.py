"""Arabic time expressions → TimeValue (spec §6, GOLD_FORMAT decision 1).

Most phrases come from the dev corpus (shared/corpus/dev) and are resolved against the
publication dates of their documents; the rest cover the shapes listed in issue #3.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import pytest

from eventx.normalize import find_dates, parse_date

GOLD_DIR = Path(__file__).parents[1].parent / "shared" / "corpus" / "dev" / "gold"

# (text, published, value, mod); granularity is checked separately below.
CASES: list[tuple[str, str | None, str | None, str | None]] = [
    # absolute dates
    ("للتجسس في 27 مايو، أعلنت روسيا", "2024-11-23", "2024-05-27", None),
    ("9 نوفمبر 2024", None, "2024-11-09", None),
    ("مع روسيا في يونيو/حزيران 2024، ما ساهم", None, "2024-06", None),
    ("2024/06/19", None, "2024-06-19", None),
    ("19-06-2024", None, "2024-06-19", None),
    ("19.06.2024", None, "2024-06-19", None),
    ("06/19/2024", None, "2024-06-19", None),  # second field > 12: US month/day
    ("٢٧ أيار", "2025-04-28", "2024-05-27", None),
    ("في عام 2024", None, "2024", None),
    ("عام 2015", None, "2015", None),
    ("سيطرت عليها في العام 2014 في أيدي", None, "2014", None),
    ("في 2024", None, "2024", None),
    ("الذي شنته في أغسطس 2024 ضمن إطار", None, "2024-08", None),
    ("في روسيا في أكتوبر 2023، ردًا على", None, "2023-10", None),
    ("منذ نيسان 2022، بالتزامن", None, "2022-04", "AFTER"),
    ("التصديق في الـ4 من ديسمبر 2024", None, "2024-12-04", None),
    ("في السابع من أكتوبر 2023", None, "2023-10-07", None),
    ("الحادي والعشرين من مارس 2024", None, "2024-03-21", None),
    ("14 ديسمبر/ كانون الأول 2016", None, "2016-12-14", None),
    ("حزيران (يونيو) 2024", None, "2024-06", None),
    ("كانون الثاني 2025", None, "2025-01", None),
    ("تشرين الأول 2023", None, "2023-10", None),
    ("شباط 2024", None, "2024-02", None),
    ("جانفي 2025", None, "2025-01", None),
    ("فيفري 2025", None, "2025-02", None),
    ("أفريل 2023", None, "2023-04", None),
    ("في أفريل", "2025-04-28", "2025-04", None),
    ("جوان 2024", None, "2024-06", None),
    ("جويلية 2024", None, "2024-07", None),
    ("أوت 2024", None, "2024-08", None),
    ("يوليوز 2024", None, "2024-07", None),
    ("نونبر 2024", None, "2024-11", None),
    ("دجنبر 2024", None, "2024-12", None),
    ("5 ماي 2024", None, "2024-05-05", None),
    ("الأحد 27 مايو 2018", None, "2018-05-27", None),
    # Hijri
    ("رمضان 1446", None, "2025-03", None),
    ("15 شعبان 1445 هـ", None, "2024-02-25", None),
    ("سنة 1446 هـ", None, "2024", "APPROX"),
    ("خلال شهر رمضان", "2024-03-12", "2024-03", "APPROX"),
    # relative days and weekdays
    ("اليوم", "2025-04-28", "2025-04-28", None),
    ("أمس", "2025-04-28", "2025-04-27", None),
    ("أول أمس", "2025-04-28", "2025-04-26", None),
    ("غداً", "2025-04-28", "2025-04-29", None),
    ("في بيان نُشر اليوم الاثنين.", "2025-04-28", "2025-04-28", None),
    ("وقال الكرملين، صباح اليوم الاثنين، إن بوتين", "2025-04-28", "2025-04-28", None),
    ("مصور نشره الكرملين السبت، حيث", "2025-04-28", "2025-04-26", None),
    ("في كورسك يوم الأربعاء.", "2024-11-23", "2024-11-20", None),
    ("آل ثاني، مساء الأربعاء في الدوحة", "2025-01-16", "2025-01-15", None),
    ("مساء أمس الجمعة", "2025-04-28", "2025-04-27", None),
    ("الجمعة المقبل", "2025-04-28", "2025-05-02", None),
    ("الاثنين الماضي", "2025-04-28", "2025-04-21", None),
    ("يومي الثلاثاء والأربعاء", "2025-04-28", "2025-04-22", None),
    ("اليوم الأربعاء (14 ديسمبر/ كانون الأول 2016) بعد", "2016-12-14", "2016-12-14", None),
    # weeks, months, years, seasons
    ("الأسبوع الماضي", "2025-02-07", "2025-W05", None),
    ("الأسبوع الماضي", "2025-02-13", "2025-W06", None),
    ("الأسبوع الجاري", "2025-04-28", "2025-W18", None),
    ("الأسبوع المقبل", "2025-04-28", "2025-W19", None),
    ("عطلة نهاية الأسبوع المنصرم", "2025-04-28", "2025-W17-WE", None),
    ("الشهر الماضي", "2025-01-10", "2024-12", None),
    ("الشهر الجاري", "2025-04-28", "2025-04", None),
    ("العام الماضي", "2025-04-28", "2024", None),
    ("العام الجاري", "2025-04-28", "2025", None),
    ("هذا العام", "2025-04-28", "2025", None),
    ("قد وقّعا في يونيو الماضي اتفاقية", "2025-04-28", "2024-06", None),
    ("وقت سابق من نوفمبر الجاري", "2024-11-23", "2024-11", None),
    ("زعيما البلدين في يونيو.", "2024-11-23", "2024-06", None),
    ("ديسمبر", "2025-04-28", "2024-12", None),
    ("يناير المقبل", "2025-04-28", "2026-01", None),
    ("شهر أكتوبر من العام الماضي", "2025-04-28", "2024-10", None),
    ("في يناير وفبراير من هذا العام", "2025-04-28", "2025-01", None),
    ("مارس / آذار الماضي", "2017-04-01", "2017-03", None),
    ("هجوم خاطف هذا الصيف", "2025-02-07", "2024-SU", None),
    ("خلال خريف العام الماضي", "2025-04-28", "2024-FA", None),
    ("الصيف الماضي", "2025-04-28", "2024-SU", None),
    ("الصيف الماضي", "2025-10-01", "2025-SU", None),
    ("شتاء 2023", None, "2023-WI", None),
    ("ربيع العام المقبل", "2025-04-28", "2026-SP", None),
    # modifiers, since / before, ranges
    ("منتصف يناير", "2025-02-13", "2025-01", "MID"),
    ("وتحديدًا في منتصف يناير/كانون الثاني، أعلنت", "2025-02-13", "2025-01", "MID"),
    ("في روسيا في أواخر عام 2024.", None, "2024", "END"),
    ("نهاية الشهر الجاري", "2025-04-28", "2025-04", "END"),
    ("مطلع العام", "2025-04-28", "2025", "START"),
    ("أوائل مارس", "2025-04-28", "2025-03", "START"),
    ("الأسبوع الأول من شهر فبراير الجاري", "2025-02-20", "2025-02", "START"),
    ("منذ أغسطس 2024", None, "2024-08", "AFTER"),
    ("جبهة كورسك منذ منتصف يناير/كانون الثاني.", "2025-02-13", "2025-01", "AFTER"),
    ("ومنذ نوفمبر الماضي يشن الحوثيون", "2024-03-12", "2023-11", "AFTER"),
    ("منذ 18 مارس الماضي بعد خرق", "2025-08-07", "2025-03-18", "AFTER"),
    ("منذ اندلاع الصراع في السودان في أبريل 2023.", None, "2023-04", "AFTER"),
    ("قبل 2020", None, "2020", "BEFORE"),
    ("بين 10 سبتمبر 2015 و2 فبراير 2016", None, "2015-09-10", "AFTER"),
    ("بين 10 سبتمبر و2 فبراير 2016", None, "2015-09-10", "AFTER"),
    ("من 10 سبتمبر إلى 2 فبراير 2016", None, "2015-09-10", "AFTER"),
    ("10-15 سبتمبر 2024", None, "2024-09-10", "AFTER"),
    ("بين عامي 1950 و1953", None, "1950", "AFTER"),
    # spans counted back from publication
    ("قبل أسبوع", "2025-04-28", "2025-04-21", "APPROX"),
    ("قبل ثلاثة أيام", "2025-04-28", "2025-04-25", None),
    ("منذ 6 ساعات", "2025-04-28", "2025-04-28", None),
    ("قبل عامين", "2025-04-28", "2023", None),
    ("الحرب المستمرة منذ أكثر من خمسة أعوام", "2016-12-14", "2011", "BEFORE"),
    ("خلال الساعات الـ24 الماضية، فيما", "2025-08-07", "2025-08-07", None),
    ("خلال اليومين الماضيين", "2025-04-28", "2025-04-26", "AFTER"),
]


@pytest.mark.parametrize(("text", "published", "value", "mod"), CASES)
def test_parse_date(text: str, published: str | None, value: str | None, mod: str | None) -> None:
    result = parse_date(text, published)
    assert result is not None, text
    assert (result.value, result.mod) == (value, mod)
    assert result.text in text


@pytest.mark.parametrize(("text", "granularity"), [
    ("9 نوفمبر 2024", "day"), ("يونيو 2024", "month"), ("عام 2024", "year"), ("خريف 2024", "season"),
    ("الأسبوع الماضي", "week"), ("السبت", "day"), ("منتصف يناير", "month"),
])
def test_granularity(text: str, granularity: str) -> None:
    result = parse_date(text, "2025-04-28")
    assert result is not None and result.granularity == granularity


@pytest.mark.parametrize("text", [
    "31 فبراير 2024", "30 فبراير", "2024/13/01", "32/01/2024", "عام 99999", "29 فبراير 2023",
    "", "   ", "لا شيء هنا", "مارس الضغط على الحكومة", "قال أب الضحية", "أعلن رجب طيب أردوغان",
    "الأمين العام للأمم المتحدة", "الربيع العربي", "في اليوم التالي", "رمضان قديروف",
    "قالت مديرة الاستخبارات الوطنية الأمريكية أفريل هينز، إن",  # corpus: Avril Haines
])
def test_no_date(text: str) -> None:
    assert parse_date(text, "2025-04-28") is None


def test_29_february_of_a_leap_year() -> None:
    assert parse_date("29 فبراير 2024").value == "2024-02-29"  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["اليوم الأحد", "السبت", "الأسبوع الماضي", "يونيو الماضي", "14 آب", "العام الماضي",
                                  "أمس الجمعة", "الصيف الماضي", "خلال اليومين الماضيين"])
def test_relative_without_published_keeps_text_and_no_value(text: str) -> None:
    matches = find_dates(text)
    assert len(matches) == 1
    assert matches[0].relative
    assert matches[0].value.value is None
    assert matches[0].value.text == text


def test_absolute_without_published_resolves_and_is_not_relative() -> None:
    (match,) = find_dates("في 9 نوفمبر 2024 أعلنت")
    assert not match.relative
    assert match.value.value == "2024-11-09"


def test_offsets_index_the_original_text_with_diacritics_and_eastern_digits() -> None:
    text = "وقال المسؤول صباحَ اليومِ الاثنين إن القوات وصلت في ٢٧ أيّار، ثم منذ منتصفِ يناير"
    matches = find_dates(text, "2025-04-28")
    assert [m.value.text for m in matches] == ["صباحَ اليومِ الاثنين", "٢٧ أيّار", "منذ منتصفِ يناير"]
    assert [m.value.value for m in matches] == ["2025-04-28", "2024-05-27", "2025-01"]
    assert [text[m.start:m.end] for m in matches] == [m.value.text for m in matches]


def test_matches_are_ordered_and_do_not_overlap() -> None:
    text = "أعلنت موسكو اليوم السبت استعادة السيطرة، بعد هجوم شنته كييف في أغسطس 2024 والعام الماضي"
    matches = find_dates(text, "2025-04-26")
    assert [m.value.value for m in matches] == ["2025-04-26", "2024-08", "2024"]
    assert all(a.end <= b.start for a, b in pairwise(matches))


def test_published_accepts_date_and_datetime() -> None:
    assert parse_date("أمس", dt.date(2025, 4, 28)).value == "2025-04-27"  # type: ignore[union-attr]
    assert parse_date("أمس", dt.datetime(2025, 4, 28, 23, 0)).value == "2025-04-27"  # type: ignore[union-attr]
    assert parse_date("أمس", "2025-04-28T10:00:00Z").value == "2025-04-27"  # type: ignore[union-attr]


@pytest.mark.parametrize(("bad", "code"), [(None, "E101"), (42, "E103"), (b"\xd8\xa7", "E102"), (["اليوم"], "E103")])
def test_non_string_text_is_a_type_error(bad: object, code: str) -> None:
    with pytest.raises(TypeError, match=rf"^\[{code}\] text must be a str"):
        parse_date(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=rf"^\[{code}\] text must be a str"):
        find_dates(bad)  # type: ignore[arg-type]


def test_bad_published_is_reported() -> None:
    with pytest.raises(ValueError, match=r"^\[E104\] published must be an ISO date"):
        parse_date("أمس", "yesterday")
    with pytest.raises(TypeError, match=r"^\[E105\] published"):
        parse_date("أمس", 20250428)  # type: ignore[arg-type]


def test_empty_published_is_no_published() -> None:
    (match,) = find_dates("أمس", "")
    assert match.relative and match.value.value is None


# Gold dates that text alone cannot give: "منذ 7 أكتوبر" is 2023 by world knowledge (the
# document is from 2025), and one event's date borrows "منذ" from a clause outside its text.
_GOLD_NEEDS_CONTEXT = {("منذ 7 أكتوبر", "2023-10-07"), ("أغسطس 2024", "AFTER")}


def _gold_dates() -> list[tuple[str, str | None, dict[str, str | None]]]:
    cases = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for event in gold["events"]:
            if event.get("date"):
                cases.append((path.stem, gold["published"], event["date"]))
    return cases


@pytest.mark.skipif(not GOLD_DIR.is_dir(), reason="dev corpus not available")
def test_gold_dates_reproduce() -> None:
    """parse_date on each gold date's text, against its document's publication date."""
    cases = _gold_dates()
    assert cases
    failures = []
    for doc_id, published, date in cases:
        result = parse_date(date["text"], published)
        got_value = result.value if result is not None else "no match"
        mod_ok = date.get("mod") is None or (result is not None and result.mod == date.get("mod"))
        if got_value != date["value"] or not mod_ok:
            failures.append((doc_id, date["text"], date["value"], date.get("mod"), got_value))
    unexplained = [f for f in failures if (f[1], f[2]) not in _GOLD_NEEDS_CONTEXT
                   and (f[1], f[3]) not in _GOLD_NEEDS_CONTEXT]
    assert not unexplained
    assert len(cases) - len(failures) >= 83


def _mutable_module_state(module: ModuleType) -> dict[str, str]:
    """repr of every module-level dict / list / set / bytearray (what a call could change)."""
    return {name: repr(value) for name, value in vars(module).items()
            if isinstance(value, dict | list | set | bytearray) and not name.startswith("__")}


def test_no_module_level_state_changes_across_calls() -> None:
    import eventx.normalize.dates as dates_module

    assert not hasattr(dates_module, "_RECENT_SPANS")
    assert not hasattr(dates_module, "date_spans_of")
    modules = [dates_module] + [importlib.import_module(f"eventx.normalize.{name}") for name in (
        "_dates_absolute", "_dates_calendar", "_dates_hits", "_dates_merge", "_dates_patterns", "_dates_relative",
        "_dates_scan", "_dates_tables")]
    before = [_mutable_module_state(module) for module in modules]
    text = "قتل 5 أشخاص اليوم الاثنين في 27 مايو 2024 ومنذ منتصف يناير"
    first = find_dates(text, "2025-04-28")
    second = find_dates(text, "2025-04-28")
    assert [m.value.value for m in first] == ["2025-04-28", "2024-05-27", "2025-01"]
    assert first == second
    assert find_dates(text) != first  # no leftover of the call with published
    assert [_mutable_module_state(module) for module in modules] == before


# --- publication dates at the edges of datetime.date (issue 18) ----------------------------

EDGE_PUBLISHED = [dt.date(1, 1, 1), dt.date(1, 1, 7), dt.date(1, 12, 31), dt.date(9999, 1, 1), dt.date(9999, 12, 25),
                  dt.date(9999, 12, 31), dt.date.min, dt.date.max]

# Every expression kind of the cases above, plus the counting and season shapes that reach
# furthest from the publication date and the reproducers of issue 18.
EDGE_TEXTS = sorted({text for text, *_ in CASES} | {
    "أمس", "غدا", "بعد غد", "أول أمس", "الأحد", "الأحد المقبل", "الأحد الماضي", "الجمعة المقبل", "صيف الماضي",
    "الأسبوع المقبل", "الأسبوع الماضي", "عطلة نهاية الأسبوع", "عطلة نهاية الأسبوع المقبل", "هذا الأسبوع", "الأسبوع",
    "الشهر المقبل", "الشهر الماضي", "العام المقبل", "العام الماضي", "مطلع العام", "ديسمبر", "ديسمبر المقبل",
    "يناير الماضي", "31 ديسمبر المقبل", "1 يناير الماضي", "يونيو من العام المقبل", "الشتاء المقبل", "الشتاء الماضي",
    "هذا الشتاء", "شتاء العام المقبل", "شتاء العام الماضي", "الربيع المقبل", "الخريف الماضي", "منذ 999 عام",
    "منذ 999 يوم", "منذ 999 أسبوع", "منذ 999 شهر", "منذ أسبوع", "خلال الأعوام 999 الماضية", "خلال السنوات الماضية",
    "رمضان الماضي", "رمضان المقبل", "اليوم الأحد (31 ديسمبر)", "بين 10 سبتمبر و2 فبراير المقبل",
})

# A TIMEX3 value eventx writes: a four-digit year 0001-9999, then a month, day, week or season.
_VALUE = re.compile(r"(?!0000)\d{4}(?:-\d\d(?:-\d\d)?|-W\d\d(?:-WE)?|-(?:SP|SU|FA|WI))?")


@pytest.mark.parametrize("published", EDGE_PUBLISHED, ids=str)
def test_no_expression_raises_or_leaves_the_date_range_at_the_edges(published: dt.date) -> None:
    out_of_range = 0
    for text in EDGE_TEXTS:
        for match in find_dates(text, published):
            value = match.value.value
            assert value is None or _VALUE.fullmatch(value), (text, value)
            if value is not None and match.value.granularity == "day":
                dt.date.fromisoformat(value)
            if match.out_of_range:
                out_of_range += 1
                assert value is None and match.relative, text
    assert out_of_range  # every edge date pushes some expression out of range


def test_far_counts_from_an_ordinary_date_resolve_or_go_out_of_range() -> None:
    assert parse_date("منذ 999 عام", "2025-04-28").value == "1026"  # type: ignore[union-attr]
    (match,) = find_dates("منذ 999 عام", "0500-04-28")
    assert match.out_of_range and match.value.value is None and match.value.mod is None
    assert [m.out_of_range for m in find_dates("أمس واليوم", "2025-04-28")] == [False, False]
