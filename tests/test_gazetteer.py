"""The gazetteer matcher on real dev sentences, the variant keys, user tables and speed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventx.errors import ConfigurationError
from eventx.normalize.gazetteer import Gazetteer, build_default, default_gazetteer, nisba_forms
from eventx.normalize.variants import closest_long_name, match_key, skeleton_key

SEED_000_SENTENCE = (
    "أعلنت كوريا الشمالية رسمياً عن إرسال قوات إلى روسيا، وذلك وفقاً لما ذكرته وكالة الأنباء المركزية "
    "الكورية الشمالية، حيث أكدت الوكالة أن “وحدات فرعية” من “القوات المسلحة الوطنية” قد شاركت في عمليات "
    "استعادة مناطق في مقاطعة كورسك الروسية، والتي كانت تحت سيطرة القوات الأوكرانية لعدة أشهر."
)


def _found(text: str) -> list[tuple[str, int, int, str, str | None]]:
    return [(s.text, s.start, s.end, s.kind, s.id) for s in default_gazetteer().find_all(text)]


def test_seed_000_sentence_spans_offsets_and_ids() -> None:
    assert _found(SEED_000_SENTENCE) == [
        ("كوريا الشمالية", 6, 20, "GPE", "PRK"),
        ("قوات", 37, 41, "FORCE", None),
        ("روسيا", 46, 51, "GPE", "RUS"),
        ("وكالة الأنباء المركزية الكورية الشمالية", 74, 113, "ORG", None),
        ("وحدات", 136, 141, "FORCE", None),
        ("القوات المسلحة", 153, 167, "FORCE", None),
        ("مقاطعة كورسك", 213, 225, "GPE", None),
        ("الروسية", 226, 233, "GPE", "RUS"),
        ("القوات الأوكرانية", 256, 273, "FORCE", "UKR"),
    ]


def test_avdiivka_report_capital_keeps_place_id_and_carries_actor() -> None:
    text = (
        "موسكو تعلن السيطرة الكاملة على مدينة أفدييفكا شرق أوكرانيا\n"
        "أعلنت روسيا السيطرة بشكل كامل على مدينة أفدييفكا في شرق أوكرانيا، بعد إعلان كييف انسحاب قواتها"
        " من هذه المدينة الصناعية. وهنأ الرئيس الروسي فلاديمير بوتين، القوات المسلحة الروسية على النجاح"
        " بتحرير مدينة أفدييفكا بمنطقة دونيتسك"
    )
    spans = default_gazetteer().find_all(text)
    by_text = {s.text: s for s in spans}
    assert (by_text["موسكو"].id, by_text["موسكو"].meta["actor_id"]) == ("geonames:524901", "RUS")
    assert (by_text["كييف"].id, by_text["كييف"].meta["actor_id"]) == ("geonames:703448", "UKR")
    assert by_text["مدينة أفدييفكا"].id == "geonames:713122"
    assert by_text["قواتها"].kind == "FORCE"
    assert by_text["فلاديمير بوتين"].canonical == "Vladimir Putin"
    assert by_text["القوات المسلحة الروسية"].id == "RUS"
    region = by_text["منطقة دونيتسك"]  # after the clitic ب of "بمنطقة"
    assert text[region.start - 1] == "ب" and region.id is None


@pytest.mark.parametrize(
    ("text", "span_text", "span_id"),
    [
        ("دعما للقوات الروسية في كورسك", "قوات الروسية", "RUS"),  # decision 7: after "لل"
        ("التحق بالجيش الروسي", "الجيش الروسي", "RUS"),
        ("وقوات الاحتلال تقصف", "قوات الاحتلال", "ISR"),
        ("شارك الجنود الكوريين الشماليين في المعارك", "الجنود الكوريين الشماليين", "PRK"),
        ("نشرت نحو 12 ألف جندي كوري شمالي", "جندي كوري شمالي", "PRK"),
        ("وانتشرت قوات الأمن التابعة لحكومة الوحدة الوطنية الليبية", "قوات الأمن التابعة لحكومة الوحدة الوطنية الليبية",
         "LBY"),
        ("أكد جيش الاحتلال الإسرائيلي", "جيش الاحتلال الإسرائيلي", "ISR"),
        ("قالت هيئة المخابرات الكورية الجنوبية", "هيئة المخابرات الكورية الجنوبية", "KOR"),
        ("في بيونغيانغ أمس", "بيونغيانغ", "geonames:1871859"),
        ("وقعا في بيونج يانج", "بيونج يانج", "geonames:1871859"),
    ],
)
def test_span_in_running_text(text: str, span_text: str, span_id: str) -> None:
    spans = default_gazetteer().find_all(text)
    match = next(s for s in spans if s.text == span_text)
    assert text[match.start:match.end] == span_text
    assert match.id == span_id


def test_every_dev_span_indexes_the_original_text_without_overlaps(dev_docs: list[dict[str, Any]]) -> None:
    gazetteer = default_gazetteer()
    assert dev_docs
    for doc in dev_docs:
        spans = gazetteer.find_all(doc["text"])
        assert len(spans) >= 3, doc["id"]  # every dev document names several states or places
        previous_end = -1
        for span in spans:
            assert doc["text"][span.start:span.end] == span.text
            assert span.start >= previous_end, (doc["id"], span.text)
            assert span.source == "gazetteer" and {"actor_id", "place_id"} <= span.meta.keys()
            previous_end = span.end


def test_common_words_are_not_geonames_places_in_running_text() -> None:
    text = "وقال إن وقف إطلاق النار كان في المدينة بعد بيان أن غارة وقعت"
    assert _found(text) == []
    # The same sentence with a real city after it: the matcher runs, only the city is found.
    assert _found(text + " في حلب") == [("حلب", len(text) + 4, len(text) + 7, "GPE", "geonames:170063")]


def test_diacritics_and_tatweel_do_not_break_offsets() -> None:
    text = "أعلنتْ رُوسِيَا أنّ القــوات الكوريّة الشماليّة انسحبت"
    found = _found(text)
    assert [t for t, *_ in found] == ["رُوسِيَا", "القــوات الكوريّة الشماليّة"]
    assert [i for *_, i in found] == ["RUS", "PRK"]


def test_variant_keys() -> None:
    assert skeleton_key("بيونغ يانغ") == skeleton_key("بيونج يانج") == skeleton_key("بيونغيانغ")
    assert skeleton_key("زيلينسكي") == skeleton_key("زيلنسكي")
    assert skeleton_key("كيم جونغ أون") == skeleton_key("كيم جونج أون")
    assert skeleton_key("بوتين") == skeleton_key("بوتن")
    assert match_key("مسؤول") == match_key("مسوول")  # hamza seat
    assert match_key("إسرائيل") == match_key("اسرائيل")
    assert closest_long_name("فولوديمير زيلينسكىي", [match_key("فولوديميرزيلينسكي")]) == 0
    assert closest_long_name("بوتيم", [match_key("بوتين")]) is None  # too short to guess


def test_nisba_forms_are_generated_from_the_stem() -> None:
    forms = set(nisba_forms("كوري شمالي"))
    assert {"الكوري الشمالي", "الكورية الشمالية", "الكوريين الشماليين", "الكوريون الشماليون", "كوري شمالي"} <= forms
    assert {"روسي", "الروسية", "روسيين", "الروس"} <= set(nisba_forms("روسي", ["روس"]))


def test_user_entries_and_files(tmp_path: Path) -> None:
    gazetteer = Gazetteer()
    gazetteer.add("سودجا", "GPE", "Sudzha", None)
    gazetteer.add("المجموعة التجريبية", "ORG", "Test Group", actor_id="RUS")
    tsv = tmp_path / "extra.tsv"
    tsv.write_text("# my names\nname\tkind\tcanonical\tid\nقرية تجريبية\tGPE\tTest Village\tgeonames:1\n",
                   encoding="utf-8")
    yaml_file = tmp_path / "extra.yaml"
    yaml_file.write_text("- {name: عميل تجريبي, kind: PER, canonical: Test Person}\n", encoding="utf-8")
    assert gazetteer.load(tsv) == 1 and gazetteer.load(yaml_file) == 1
    found = [(s.text, s.canonical, s.id) for s in gazetteer.find_all("زار عميل تجريبي قرية تجريبية وسودجا")]
    assert found == [("عميل تجريبي", "Test Person", None), ("قرية تجريبية", "Test Village", "geonames:1"),
                     ("سودجا", "Sudzha", None)]


def test_invalid_user_file_names_file_and_row(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\tkind\tcolour\nروسيا\tCOUNTRY\tred\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"bad\.tsv: entry 1"):
        Gazetteer().load(bad)
    with pytest.raises(ValueError, match="kind"):
        Gazetteer().add("روسيا", "COUNTRY")


def test_default_index_builds_with_every_table() -> None:
    # (build time and find_all speed are printed by benchmarks/bench_normalize.py)
    gazetteer = build_default()
    assert len(gazetteer) > 10_000
    assert {s.id for s in gazetteer.find_all("روسيا وأوكرانيا وحلب")} >= {"RUS", "UKR"}



def test_find_all_rejects_non_text() -> None:
    with pytest.raises(TypeError, match="bytes"):
        default_gazetteer().find_all(b"x")  # type: ignore[arg-type]


def test_hamzaless_conjunction_is_not_the_town_of_van() -> None:
    # "وان" = "و + أن" written without hamza in much news text; GeoNames also lists Van (Turkey).
    spans = default_gazetteer().find_all("وقال المتحدث وان القوات انسحبت من المدينة")
    assert [(s.text, s.kind) for s in spans] == [("القوات", "FORCE")]


def test_homographs_are_tagged_only_outside_patterns() -> None:
    found = {s.text: s.meta["tags"] for s in default_gazetteer().find_all("دعم مالي ثم جمهورية مالي وروسيا")}
    assert "homograph" in found["مالي"] and "homograph" not in found["جمهورية مالي"]
    assert "homograph" not in found["روسيا"]
    own = Gazetteer()
    own.add("الأمل", "ORG", "Al-Amal party")
    own.add_homograph("الامل")  # spelling variants fold to the same key
    assert own.find_all("قال حزب الأمل")[0].meta["tags"] == ["homograph"]
    with pytest.raises(ValueError, match="homograph"):
        own.add_homograph("  ")


# ---------------------------------------------------------------------- default and copies
NEW_VILLAGE = "قرية زمردة الخضراء"  # made up: in no table
# What the default tables make of it: "قرية" + an unknown word (place-type pattern), no canonical.
UNKNOWN_VILLAGE = [("قرية زمردة", "GPE", None)]


def _names(gazetteer: Gazetteer, text: str) -> list[tuple[str, str, str | None]]:
    return [(s.text, s.kind, s.canonical) for s in gazetteer.find_all(text)]


def test_default_is_shared_and_read_only(tmp_path: Path) -> None:
    default = default_gazetteer()
    assert default is default_gazetteer() and default.frozen
    size = len(default)
    user_file = tmp_path / "extra.tsv"
    user_file.write_text(f"name\tkind\n{NEW_VILLAGE}\tLOC\n", encoding="utf-8")
    attempts = {
        "add": lambda: default.add(NEW_VILLAGE, "LOC"),
        "add_entry": lambda: default.add_entry(default.entries[0]),
        "load": lambda: default.load(user_file),
        "add_homograph": lambda: default.add_homograph("روسيا"),
        "add_head": lambda: default.add_head("كتيبة", "force"),
        "add_place_type": lambda: default.add_place_type("قرية", "settlement"),
        "add_state_name": lambda: default.add_state_name("XXX", "Nowhere"),
    }
    for method, attempt in attempts.items():
        with pytest.raises(ConfigurationError, match=rf"^\[E501\] cannot {method}\(\) on a read-only .*\.copy\(\)"):
            attempt()
    with pytest.raises(TypeError):
        default.state_names["XXX"] = "Nowhere"  # type: ignore[index]
    assert len(default) == size and _names(default, NEW_VILLAGE) == UNKNOWN_VILLAGE
    assert "XXX" not in default.state_names and match_key("روسيا") not in default.homographs


def test_copy_is_independent_and_editable() -> None:
    default = default_gazetteer()
    mine, other = default.copy(), default.copy()
    assert not mine.frozen and len(mine) == len(default)
    mine.add(NEW_VILLAGE, "LOC", "Zumurruda al-Khadra")
    sentence = f"وصلت القوات إلى {NEW_VILLAGE} صباحاً"
    assert _names(mine, sentence) == [("القوات", "FORCE", None), (NEW_VILLAGE, "LOC", "Zumurruda al-Khadra")]
    assert _names(default, sentence) == _names(other, sentence) == [("القوات", "FORCE", None), *UNKNOWN_VILLAGE]
    assert len(mine) == len(default) + 1 == len(other) + 1
    # A name the default already holds: the copy's higher-priority entry wins there only
    # (entry lists are shared until written, never edited in place).
    mine.add("روسيا", "ORG", "Russia Inc.")
    assert [s.kind for s in mine.find_all("روسيا")] == ["ORG"]
    assert [(s.kind, s.id) for s in default.find_all("روسيا")] == [("GPE", "RUS")]
    assert [(s.kind, s.id) for s in other.find_all("روسيا")] == [("GPE", "RUS")]
    frozen_copy = mine.copy(frozen=True)
    assert frozen_copy.frozen and len(frozen_copy) == len(mine)
    with pytest.raises(ConfigurationError, match=r"\[E501\]"):
        frozen_copy.add("اسم", "LOC")


def test_build_default_is_a_fresh_editable_instance() -> None:
    fresh = build_default()
    assert not fresh.frozen and fresh is not default_gazetteer()
    fresh.add(NEW_VILLAGE, "LOC")
    assert _names(fresh, NEW_VILLAGE) == [(NEW_VILLAGE, "LOC", None)]
    assert _names(default_gazetteer(), NEW_VILLAGE) == UNKNOWN_VILLAGE
