"""Issue 18: no crash from any ``published`` (dates out of ``datetime.date``'s range resolve to
no value, with a warning), ``published`` accepted whole or refused whole [E104], the
no-publication-date warning only without a date, and ``doc_id`` a str or None [E106]."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import eventx
from eventx.normalize import find_dates
from eventx.normalize.processor import NO_PUBLISHED_WARNING, OUT_OF_RANGE_WARNING
from eventx.pipeline import Pipeline
from eventx.validation import coerce_doc_id, coerce_published

# These raised OverflowError / "year 0 is out of range" deep in the date code.
REPRODUCERS: list[tuple[str, str | dt.date]] = [
    ("أمس", "0001-01-01"),
    ("غدا", "9999-12-31"),
    ("الأسبوع المقبل", "9999-12-31"),
    ("الأحد", dt.date(1, 1, 1)),
    ("صيف الماضي", dt.date(1, 1, 1)),
]


@pytest.mark.parametrize(("text", "published"), REPRODUCERS)
def test_out_of_range_relative_date_is_a_warning_not_a_crash(text: str, published: str | dt.date) -> None:
    result = eventx.extract(text, published=published)
    assert result.warnings.count(OUT_OF_RANGE_WARNING) == 1
    assert NO_PUBLISHED_WARNING not in result.warnings
    (match,) = find_dates(text, published)
    assert match.out_of_range and match.relative
    assert match.value.value is None
    assert match.value.text == text[match.start:match.end]


def test_out_of_range_warning_is_added_once_and_in_range_dates_still_resolve() -> None:
    text = "قتل 3 جنود أمس وأصيب آخرون أول أمس، بعد هجوم في 27 مايو 2024"
    result = eventx.extract(text, published="0001-01-01")
    assert result.warnings.count(OUT_OF_RANGE_WARNING) == 1
    values = [(m.value.text, m.value.value, m.out_of_range) for m in find_dates(text, "0001-01-01")]
    assert values == [("أمس", None, True), ("أول أمس", None, True), ("27 مايو 2024", "2024-05-27", False)]


def test_edge_of_the_range_still_resolves() -> None:
    assert [m.value.value for m in find_dates("اليوم وأمس", "0001-01-02")] == ["0001-01-02", "0001-01-01"]
    assert [m.value.value for m in find_dates("اليوم وغدا", "9999-12-30")] == ["9999-12-30", "9999-12-31"]
    (week,) = find_dates("الأسبوع الجاري", "0001-01-01")
    assert week.value.value == "0001-W01"  # ISO years are written with four digits too
    assert not eventx.extract("أمس", published="0001-01-02").warnings


def test_range_end_that_borrows_a_year_is_no_longer_out_of_range() -> None:
    (match,) = find_dates("بين 10 سبتمبر و2 فبراير 2016", "0001-01-01")
    assert (match.value.value, match.out_of_range) == ("2015-09-10", False)


# --- the no-publication-date warning ------------------------------------------------------


def test_no_published_warning_only_without_a_publication_date() -> None:
    text = "قتل 300 جندي منذ أشهر"  # relative, but no value even with a date: "أشهر" has no count
    assert NO_PUBLISHED_WARNING not in eventx.extract(text, published="2025-04-28").warnings
    assert eventx.extract(text).warnings == [NO_PUBLISHED_WARNING]
    assert eventx.extract("قتل 3 جنود أمس", published="").warnings == [NO_PUBLISHED_WARNING]


# --- published: accepted whole or refused whole --------------------------------------------


@pytest.mark.parametrize(("published", "expected"), [
    (None, None),
    ("", None),
    ("2025-04-28", dt.date(2025, 4, 28)),
    ("  2025-04-28\n", dt.date(2025, 4, 28)),
    ("2025-04-28T10:30:00", dt.date(2025, 4, 28)),
    ("2025-04-28T10:30", dt.date(2025, 4, 28)),
    ("2025-04-28 10:30:00", dt.date(2025, 4, 28)),
    ("2025-04-28T10:30:00.250", dt.date(2025, 4, 28)),
    ("2025-04-28T23:30:00Z", dt.date(2025, 4, 28)),
    ("2025-04-28T01:30:00+03:00", dt.date(2025, 4, 28)),  # the date as written, not converted
    ("0001-01-01", dt.date.min),
    ("9999-12-31", dt.date.max),
    (dt.date(2025, 4, 28), dt.date(2025, 4, 28)),
    (dt.datetime(2025, 4, 28, 23, 59), dt.date(2025, 4, 28)),
    (dt.datetime(2025, 4, 28, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=5))), dt.date(2025, 4, 28)),
])
def test_valid_published_forms_are_accepted(published: object, expected: dt.date | None) -> None:
    assert coerce_published(published) == expected
    doc = Pipeline(processors=["tokenize"])("نص", published=published)
    assert doc.published == (expected.isoformat() if expected else None)


@pytest.mark.parametrize("bad", [
    "2025-04-28garbage", "2025-04-28T99:99", "2025-04-28T24:00", "2025-04-28T", "2025-04-28T10:30:00 UTC",
    "2025-04-28x10:30", "2025-02-30", "2025-4-28", "20250428", "2025-W18-1", "28/04/2025", "yesterday",
    "٢٠٢٥-٠٤-٢٨", "   ", "2025-04-28 2025-04-29",
])
def test_garbage_published_is_refused_naming_the_value(bad: str) -> None:
    names_the_value = r"^\[E104\] published must be an ISO date .*got " + re.escape(repr(bad)) + "$"
    with pytest.raises(ValueError, match=names_the_value):
        coerce_published(bad)
    with pytest.raises(ValueError, match=r"^\[E104\]"):
        eventx.extract("قتل 3 جنود أمس", published=bad)
    with pytest.raises(ValueError, match=r"^\[E104\]"):
        find_dates("أمس", bad)


@pytest.mark.parametrize("bad", [20250428, 2025.4, ["2025-04-28"], b"2025-04-28"])
def test_non_date_published_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^\[E105\] published"):
        coerce_published(bad)


# --- doc_id ------------------------------------------------------------------------------


def test_doc_id_is_a_str_or_none() -> None:
    assert coerce_doc_id(None) is None
    assert coerce_doc_id("ar-1") == "ar-1"
    assert eventx.extract("قتل", doc_id="ar-1").doc_id == "ar-1"
    assert eventx.extract("قتل").doc_id is None


@pytest.mark.parametrize(("bad", "got"), [(123, "int"), (b"x", "bytes"), (["x"], "list"), (1.5, "float")])
def test_bad_doc_id_is_refused_before_any_work(bad: object, got: str) -> None:
    with pytest.raises(TypeError, match=rf"^\[E106\] doc_id must be a str or None, got {got}$"):
        coerce_doc_id(bad)
    with pytest.raises(TypeError, match=r"^\[E106\]"):
        eventx.extract("قتل", doc_id=bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^\[E106\]"):
        list(Pipeline(processors=["tokenize"]).pipe([{"id": bad, "text": "قتل"}]))
