"""eventx.normalize.link / actor_id: real phrases from the dev corpus and its gold fillers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventx.doc import EntitySpan
from eventx.normalize import link
from eventx.normalize.gazetteer import Gazetteer, default_gazetteer
from eventx.normalize.linking import actor_id, link_span
from eventx.records import Mention

GOLD_DIR = Path(__file__).parents[1].parent / "shared" / "corpus" / "dev" / "gold"

# (text as an argument filler or attribution in the dev gold, expected id, expected kind).
# Every text here occurs in shared/corpus/dev; ids are the gold's where it gives one.
REAL_PHRASES = [
    ("كوريا الشمالية", "PRK", "GPE"),
    ("روسيا", "RUS", "GPE"),
    ("روسيا الاتحادية", "RUS", "GPE"),
    ("جمهورية كوريا الشمالية", "PRK", "GPE"),
    ("أوكرانيا", "UKR", "GPE"),
    ("إسرائيل", "ISR", "GPE"),
    ("لبنان", "LBN", "GPE"),
    ("اليمن", "YEM", "GPE"),
    ("تركيا", "TUR", "GPE"),
    ("العراق", "IRQ", "GPE"),
    ("مصر", "EGY", "GPE"),
    ("قطر", "QAT", "GPE"),
    ("أفغانستان", "AFG", "GPE"),
    ("الروس", "RUS", "GPE"),
    ("الروسي", "RUS", "GPE"),
    ("الأوكرانيين", "UKR", "GPE"),
    ("إسرائيلية", "ISR", "GPE"),
    ("الإسرائيلية", "ISR", "GPE"),
    ("أراضي روسيا", "RUS", "GPE"),
    ("الأراضي الروسية", "RUS", "GPE"),
    ("القوات الكورية الشمالية", "PRK", "FORCE"),
    ("الجنود الكوريين الشماليين", "PRK", "FORCE"),
    ("الجنود الكوريون الشماليون", "PRK", "FORCE"),
    ("جندي كوري شمالي", "PRK", "FORCE"),
    ("المقاتلين الكوريين الشماليين", "PRK", "FORCE"),
    ("الجيش الكوري الشمالي", "PRK", "FORCE"),
    ("وحدات جيش الشعب الكوري", "PRK", "FORCE"),
    ("الجيش الروسي", "RUS", "FORCE"),
    ("القوات المسلحة الروسية", "RUS", "FORCE"),
    ("الألوية الروسية المحمولة جواً", "RUS", "FORCE"),
    ("قوات أحمد", "RUS", "FORCE"),
    ("القوات الأوكرانية", "UKR", "FORCE"),
    ("الوحدات الأوكرانية", "UKR", "FORCE"),
    ("قوات المسلحة الأوكرانية", "UKR", "FORCE"),
    ("الجيش الأمريكي", "USA", "FORCE"),
    ("الجيش الأميركي", "USA", "FORCE"),
    ("القوات الأمريكية", "USA", "FORCE"),
    ("الجيش السوداني", "SDN", "FORCE"),
    ("قوات النظام السوري", "SYR", "FORCE"),
    ("جيش السوري", "SYR", "FORCE"),
    ("قوات الاحتلال", "ISR", "FORCE"),
    ("قوة إسرائيلية", "ISR", "FORCE"),
    ("قوة مشاة إسرائيلية", "ISR", "FORCE"),
    ("قوات الإسرائيلية", "ISR", "FORCE"),
    ("الاحتلال الإسرائيلي", "ISR", "ORG"),
    ("الاحتلال الصهيوني", "ISR", "ORG"),
    ("العدوان الإسرائيلي", "ISR", "ORG"),
    ("الكرملين", "RUS", "ORG"),
    ("وزارة الدفاع الروسية", "RUS", "ORG"),
    ("الدفاع الروسية", "RUS", "ORG"),
    ("الخارجية الروسية", "RUS", "ORG"),
    ("وكالة الاستخبارات الكورية الجنوبية", "KOR", "ORG"),
    ("هيئة المخابرات الكورية الجنوبية", "KOR", "ORG"),
    ("اللجنة العسكرية المركزية لحزب العمال الكوري", "PRK", "ORG"),
    ("اللجنة العسكرية المركزية الكورية الشمالية", "PRK", "ORG"),
    ("القيادة الوسطى الأميركية", "USA", "ORG"),
    ("الصحة اللبنانية", "LBN", "ORG"),
    ("حكومة الوحدة الوطنية الليبية", "LBY", "ORG"),
    ("النظام السوري", "SYR", "ORG"),
    ("الحكومة السورية", "SYR", "ORG"),
    ("نظام كييف", "UKR", "ORG"),
    ("القوات السورية الانتقالية", "SYR", "FORCE"),
]


@pytest.mark.parametrize(("text", "expected_id", "expected_kind"), REAL_PHRASES)
def test_real_phrase_links_to_gold_id(text: str, expected_id: str, expected_kind: str) -> None:
    mention = link(text, role="agent")
    assert mention is not None, text
    assert (mention.id, mention.kind) == (expected_id, expected_kind)
    assert mention.start == 0 and text[: mention.end] == mention.text  # the name starts the text


# Capitals and seats of government: their state as an actor, their GeoNames id as a place.
CAPITALS = [
    ("موسكو", "RUS", "geonames:524901"),
    ("كييف", "UKR", "geonames:703448"),
    ("واشنطن", "USA", "geonames:4140963"),
    ("لندن", "GBR", "geonames:2643743"),
    ("بيونج يانج", "PRK", "geonames:1871859"),
    ("بيونغ يانغ", "PRK", "geonames:1871859"),
    ("طهران", "IRN", "geonames:112931"),
    ("سيول", "KOR", "geonames:1835848"),
]


@pytest.mark.parametrize(("text", "state", "place_id"), CAPITALS)
def test_capital_is_its_state_as_actor_and_a_place_as_place(text: str, state: str, place_id: str) -> None:
    assert link(text, role="agent").id == state  # type: ignore[union-attr]
    assert link(text, role="attribution").id == state  # type: ignore[union-attr]
    assert link(text, role="destination").id == place_id  # type: ignore[union-attr]
    assert link(text, "LOC").id == place_id  # type: ignore[union-attr]
    assert link(text).id == state  # type: ignore[union-attr]  # default: the metonymic actor


# Places named in the dev corpus (gold ids are null for towns; GeoNames ids per spec §4).
PLACES = [
    ("كورسك", "Kursk", "geonames:538560"),
    ("مدينة كورسك", "Kursk", "geonames:538560"),
    ("مقاطعة كورسك", "Kursk Oblast", None),
    ("منطقة كورسك", "Kursk Region", None),
    ("منطقة «كورسك»", "Kursk Region", None),
    ("أفدييفكا", "Avdiivka", "geonames:713122"),
    ("مدينة أفدييفكا", "Avdiivka", "geonames:713122"),
    ("دونيتسك", "Donetsk", "geonames:709717"),
    ("سومي", "Sumy", "geonames:692194"),
    ("حلب", "Aleppo", "geonames:170063"),
    ("الموصل", "Mosul", "geonames:99072"),
    ("الفاشر", "El Fasher", "geonames:379555"),
    ("غزة", "Gaza", "geonames:281133"),
    ("قطاع غزة", "Gaza Strip", None),
    ("محافظة الحديدة", "Al Hudaydah Governorate", None),
    ("ولاية غزني", "Ghazni Province", None),
    ("غارديز", "Gardez", "geonames:1141857"),
    ("الضاحية الجنوبية لبيروت", "Dahieh", None),
    ("البحر الأحمر", "Red Sea", None),
    ("سراقب", "Saraqib", "geonames:164816"),
]


@pytest.mark.parametrize(("text", "canonical", "place_id"), PLACES)
def test_places(text: str, canonical: str, place_id: str | None) -> None:
    mention = link(text, "GPE" if "البحر" not in text else "LOC", role="place")
    assert mention is not None
    assert (mention.text, mention.canonical, mention.id) == (text, canonical, place_id)


PEOPLE = [
    ("كيم جونغ أون", "Kim Jong Un"),
    ("كيم جونج أون", "Kim Jong Un"),
    ("كيم يونغ أون", "Kim Jong Un"),
    ("فلاديمير بوتين", "Vladimir Putin"),
    ("بوتين", "Vladimir Putin"),
    ("بوتن", "Vladimir Putin"),
    ("فولوديمير زيلينسكي", "Volodymyr Zelensky"),
    ("زيلنسكي", "Volodymyr Zelensky"),
    ("دميتري بيسكوف", "Dmitry Peskov"),
    ("فاليري جيراسيموف", "Valery Gerasimov"),
    ("جو بايدن", "Joe Biden"),
    ("ترامب", "Donald Trump"),
    ("رجب طيب أردوغان", "Recep Tayyip Erdogan"),
    ("محمد بن عبد الرحمن آل ثاني", "Mohammed bin Abdulrahman Al Thani"),
    ("مسعود بزشيكيان", "Masoud Pezeshkian"),  # spelling not in the table: skeleton match
]


@pytest.mark.parametrize(("text", "canonical"), PEOPLE)
def test_people_have_canonical_name_and_no_id(text: str, canonical: str) -> None:
    mention = link(text, "PER")
    assert mention is not None
    assert (mention.kind, mention.canonical, mention.id) == ("PER", canonical, None)


ORGANIZATIONS = [
    ("الحوثيون", "Houthis"),
    ("جماعة الحوثي", "Houthis"),
    ("أنصار الله", "Houthis"),
    ("قوات الدعم السريع", "Rapid Support Forces"),
    ("الدعم السريع", "Rapid Support Forces"),
    ("حزب الله", "Hezbollah"),
    ("حركة حماس", "Hamas"),
    ("الناتو", "NATO"),
    ("حلف شمال الأطلسي", "NATO"),
    ("وكالة الأنباء المركزية الكورية الشمالية", "Korean Central News Agency"),
    ("نيويورك تايمز", "The New York Times"),
    ("رويترز", "Reuters"),
]


@pytest.mark.parametrize(("text", "canonical"), ORGANIZATIONS)
def test_non_state_organizations_have_canonical_and_no_id(text: str, canonical: str) -> None:
    mention = link(text)
    assert mention is not None
    assert (mention.kind, mention.canonical, mention.id) == ("ORG", canonical, None)


def test_leading_clitic_is_left_out_and_the_article_kept() -> None:
    assert link("لروسيا") == Mention(text="روسيا", start=1, end=6, kind="GPE", canonical="Russia", id="RUS")
    bil = link("بالجيش الروسي")
    assert bil is not None and (bil.text, bil.start, bil.id) == ("الجيش الروسي", 1, "RUS")
    lil = link("للقوات الروسية")  # GOLD_FORMAT decision 7: the part after "لل"
    assert lil is not None and (lil.text, lil.start, lil.id) == ("قوات الروسية", 2, "RUS")
    wa = link("وموسكو", role="agent")
    assert wa is not None and (wa.text, wa.start, wa.id) == ("موسكو", 1, "RUS")


def test_name_must_start_the_text_and_trailing_words_are_cut() -> None:
    mention = link("القوات الروسية في منطقة كورسك")
    assert mention is not None and (mention.text, mention.end, mention.id) == ("القوات الروسية", 14, "RUS")
    # Head-first Arabic: an officer "of the North Korean army" is not PRK.
    assert link("ضابط رفيع من الجيش الكوري الشمالي") is None


def test_spelling_variants_share_one_id() -> None:
    ids = {link(v, role="agent").id for v in ("بيونغ يانغ", "بيونج يانج", "بيونغيانغ")}  # type: ignore[union-attr]
    assert ids == {"PRK"}
    kims = {link(v).canonical for v in ("كيم جونغ أون", "كيم جونج أون", "كيم يونغ أون")}  # type: ignore[union-attr]
    assert kims == {"Kim Jong Un"}
    assert link("بوتين").canonical == link("بوتن").canonical == "Vladimir Putin"  # type: ignore[union-attr]
    assert link("أمريكا").id == link("أميركا").id == link("الولايات المتحدة").id == "USA"  # type: ignore[union-attr]


def test_bare_force_is_a_force_mention_without_owner() -> None:
    for text in ("قوات", "الجيش", "الجنود", "جنودها", "قواتنا"):
        mention = link(text)
        assert mention is not None and (mention.kind, mention.id) == ("FORCE", None), text


def test_kind_is_a_filter_and_the_callers_kind_is_kept() -> None:
    assert link("بوتين", "GPE") is None
    assert link("روسيا", "PER") is None
    assert link("صواريخ بريطانية", "WEAPON") is None
    kremlin = link("الكرملين", "FAC")
    assert kremlin is not None and kremlin.kind == "FAC"
    assert link("الجيش الروسي", "ORG").kind == "ORG"  # type: ignore[union-attr]


def test_unknown_and_junk_give_none() -> None:
    for text in ("", "   ", "...", "؟!", "مبنى سكنيا", "الخطوط الأمامية", "qwerty", "١٢٣"):
        assert link(text) is None, text
    assert link("زززززز", "GPE") is None  # unknown stays None even with a kind


def test_bad_input_types_raise_clear_errors() -> None:
    with pytest.raises(TypeError, match="str"):
        link(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="bytes"):
        link("روسيا".encode())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="kind"):
        link("روسيا", "COUNTRY")


def test_actor_id_for_spans_mentions_and_strings() -> None:
    spans = default_gazetteer().find_all("أعلنت موسكو أن الكرملين وبيونج يانج وقعا، وقال بوتين")
    by_text = {span.text: span for span in spans}
    assert by_text["موسكو"].id == "geonames:524901"
    assert actor_id(by_text["موسكو"]) == "RUS"
    assert actor_id(by_text["الكرملين"]) == "RUS"
    assert actor_id(by_text["بيونج يانج"]) == "PRK"
    assert actor_id(by_text["بوتين"]) is None
    place = link("موسكو", role="destination")
    assert place is not None and actor_id(place) == "RUS"
    assert actor_id("القوات الكورية الشمالية") == "PRK"
    assert actor_id("حماس") is None
    assert actor_id(None) is None
    assert actor_id(EntitySpan(text="x", start=0, end=1, kind="GPE", id="RUS")) == "RUS"


def test_link_span_keeps_both_ids() -> None:
    span = link_span("كييف")
    assert span is not None
    assert (span.id, span.meta["actor_id"], span.meta["place_id"]) == ("geonames:703448", "UKR", "geonames:703448")


def test_fuzzy_fallback_only_for_long_names() -> None:
    long_typo = link("فولوديمير زيلينسكىي")
    assert long_typo is not None and long_typo.canonical == "Volodymyr Zelensky"
    assert link("بوتيم") is None  # short: no fuzzy guessing


def test_link_uses_the_given_gazetteer() -> None:
    village = "قرية زمردة الخضراء"  # made up: in no table
    mine = default_gazetteer().copy()
    mine.add(village, "LOC", "Zumurruda al-Khadra", "test:1", place_id="test:1", actor_id="XXZ")
    assert link(village, gazetteer=mine) == Mention(  # no kind, no role: the actor id (see link)
        text=village, start=0, end=len(village), kind="LOC", canonical="Zumurruda al-Khadra", id="XXZ"
    )
    # The default only sees "قرية" + an unknown word.
    assert link(village) == Mention(text="قرية زمردة", start=0, end=10, kind="GPE", canonical=None, id=None)
    place = link(village, "LOC", role="place", gazetteer=mine)
    assert place is not None and (place.text, place.id) == (village, "test:1")
    span = link_span(village, gazetteer=mine)
    assert span is not None and (span.meta["place_id"], span.meta["actor_id"]) == ("test:1", "XXZ")
    assert actor_id(village, gazetteer=mine) == "XXZ" and actor_id(village) is None
    # An empty gazetteer is used as given, not swapped for the default (it has no names).
    assert link("روسيا", gazetteer=Gazetteer()) is None
    assert link("روسيا").id == "RUS"  # type: ignore[union-attr]


# ---------------------------------------------------------------------- coverage figure
def _gold_fillers_with_ids() -> Iterator[tuple[str, str, str]]:
    """(role, text, gold id) of every argument filler and attribution that has an id."""
    for path in sorted(GOLD_DIR.glob("*.json")):
        for event in json.loads(path.read_text(encoding="utf-8"))["events"]:
            fillers = [("attribution", event["attribution"])] if event.get("attribution") else []
            fillers += [(role, f) for role, values in event["arguments"].items() for f in values]
            for role, filler in fillers:
                if filler.get("id"):
                    yield role, filler["text"], filler["id"]


def linking_coverage() -> dict[str, float | int]:
    """Share of gold fillers with an id whose id ``link(text, role=role)`` reproduces.

    ``named`` restricts to fillers whose own text names a state (a country, nisba, capital,
    organ ...); the rest ("القوات", "جنودها", "الوزارة") get their owner from context only.
    """
    total = hits = named_total = named_hits = 0
    gazetteer = default_gazetteer()
    for role, text, gold_id in _gold_fillers_with_ids():
        mention = link(text, role=role)
        hit = mention is not None and mention.id == gold_id
        names_state = any(span.meta.get("actor_id") for span in gazetteer.find_all(text))
        total, hits = total + 1, hits + hit
        named_total, named_hits = named_total + names_state, named_hits + (hit and names_state)
    return {
        "fillers": total,
        "reproduced": hits,
        "share": hits / total if total else 0.0,
        "named_fillers": named_total,
        "named_reproduced": named_hits,
        "named_share": named_hits / named_total if named_total else 0.0,
    }


def test_linking_coverage_on_dev_gold() -> None:
    if not GOLD_DIR.is_dir():
        pytest.skip(f"dev gold not found at {GOLD_DIR}")
    figures = linking_coverage()
    print(f"linking coverage: {figures}")
    assert figures["fillers"] > 300
    assert figures["named_share"] >= 0.97
    assert figures["share"] >= 0.85


if __name__ == "__main__":
    print(linking_coverage())
