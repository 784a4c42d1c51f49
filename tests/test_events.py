"""Event extraction on real Arabic news sentences: types, roles, figures, dates, realis,
attribution and the spec's JSON shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import eventx
from eventx.doc import Document
from eventx.pipeline import Pipeline
from eventx.records import DocumentResult


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(ner="gazetteer")


def _events(nlp: Pipeline, text: str, published: str | None = "2025-04-28") -> list[Any]:
    return nlp(text, published=published).events


def _texts(event: Any, role: str) -> list[str]:
    return [m.text for m in event.arguments.get(role, [])]


def test_deployment_with_agent_force_destination_and_ids(nlp: Pipeline) -> None:
    (event,) = _events(nlp, "أعلنت كوريا الشمالية رسمياً عن إرسال قوات إلى روسيا.")
    assert event.type == "DEPLOYMENT" and event.trigger.text == "إرسال"
    assert [(m.text, m.id) for m in event.arguments["agent"]] == [("كوريا الشمالية", "PRK")]
    assert [(m.text, m.id) for m in event.arguments["destination"]] == [("روسيا", "RUS")]
    assert _texts(event, "force") == ["قوات"]


def test_one_casualty_event_holds_killed_and_injured_counts(nlp: Pipeline) -> None:
    events = _events(nlp, "وبحسب المعلومات الاستخباراتية، فقد قُتل نحو 300 جندي كوري شمالي وأصيب حوالي 2700 آخرين.")
    casualties = [e for e in events if e.type == "CASUALTY"]
    assert len(casualties) == 1
    killed, injured = casualties[0].quantities["killed"], casualties[0].quantities["injured"]
    assert (killed.value, killed.approx, killed.unit) == (300, True, "person")
    assert (injured.value, injured.approx) == (2700, True)
    assert casualties[0].attribution is not None and "المعلومات" in casualties[0].attribution.text


def test_capital_as_actor_resolves_to_its_state_and_extent_is_full(nlp: Pipeline) -> None:
    events = _events(nlp, "مؤكداً استعادة موسكو السيطرة التامة على المنطقة.")
    (event,) = [e for e in events if e.type == "TERRITORIAL_CONTROL"]
    assert [(m.text, m.id) for m in event.arguments["gainer"]] == [("موسكو", "RUS")]
    assert event.attributes == {"extent": "full"}


def test_withdrawal_of_named_force_from_place(nlp: Pipeline) -> None:
    (event,) = _events(nlp, "انسحاب القوات الكورية الشمالية من كورسك الروسية")
    assert event.type == "WITHDRAWAL"
    assert [(m.text, m.id) for m in event.arguments["force"]] == [("القوات الكورية الشمالية", "PRK")]
    assert _texts(event, "origin") == ["كورسك"]


def test_treaty_stage_and_agreement(nlp: Pipeline) -> None:
    events = _events(nlp, "أن الدولة صدقت على معاهدة الدفاع المشترك مع روسيا.")
    (event,) = [e for e in events if e.type == "TREATY"]
    assert event.attributes["stage"] == "ratified"
    assert _texts(event, "agreement") == ["معاهدة الدفاع المشترك"]


def test_attack_place_and_perpetrator_nisba(nlp: Pipeline) -> None:
    events = _events(nlp, "قتل ثلاثة أشخاص في غارة إسرائيلية على بلدة الخيام.")
    attack = next(e for e in events if e.type == "ATTACK")
    assert _texts(attack, "place") == ["بلدة الخيام"]
    assert [m.id for m in attack.arguments["attacker"]] == ["ISR"]
    casualty = next(e for e in events if e.type == "CASUALTY")
    assert casualty.quantities["killed"].value == 3


def test_states_conditionals_and_false_friends_are_not_events(nlp: Pipeline) -> None:
    assert _events(nlp, "والتي كانت تحت سيطرة القوات الأوكرانية لعدة أشهر.") == []
    assert _events(nlp, "إذا تعرض أحد طرفيها لهجوم مسلح من دولة أخرى.") == []
    assert _events(nlp, "إذا شنت القوات الروسية هجوما على خاركيف.") == []
    assert _events(nlp, "ونشر الكرملين مقطعا مصورا يوم السبت.") == []
    assert _events(nlp, "تكبدت الشركة خسائر مالية كبيرة هذا العام.") == []
    # the same words in an event reading do give events: "no event" above is not "no output"
    controls = {
        "سيطرت القوات الأوكرانية على المنطقة لعدة أشهر.": ("TERRITORIAL_CONTROL", "سيطرت"),
        "شنت القوات الروسية هجوما على خاركيف.": ("ATTACK", "شنت"),
        "ونشر الكرملين قوات في المنطقة يوم السبت.": ("DEPLOYMENT", "نشر"),
        "تكبد الجيش خسائر بشرية كبيرة هذا العام.": ("CASUALTY", "خسائر"),
    }
    for text, expected in controls.items():
        assert [(e.type, e.trigger.text) for e in _events(nlp, text)] == [expected], text


@pytest.mark.parametrize(
    ("text", "realis"),
    [
        ("نفت موسكو وجود قوات كورية شمالية في روسيا.", "negated"),
        ("تقارير غير مؤكدة عن مقتل عدد من الجنود الكوريين الشماليين.", "possible"),
        ("كانت كوريا الشمالية تستعد لإرسال مزيد من القوات إلى روسيا.", "planned"),
        ("أرسلت كوريا الشمالية قوات إلى روسيا.", "actual"),
    ],
)
def test_realis_from_cues(nlp: Pipeline, text: str, realis: str) -> None:
    events = _events(nlp, text)
    assert events and events[0].realis == realis


def test_relative_date_resolves_against_published_and_warns_without_it(nlp: Pipeline) -> None:
    text = "أرسلت بيونغ يانغ نحو 12 ألف جندي إلى روسيا في خريف العام الماضي."
    (event,) = _events(nlp, text, published="2025-04-28")
    assert event.date is not None and event.date.value == "2024-FA" and event.date.granularity == "season"
    assert event.quantities["size"].value == 12000
    doc = nlp(text)
    assert doc.events[0].date is not None and doc.events[0].date.value is None
    assert "no publication date: relative dates left unresolved" in doc.warnings


def test_offsets_of_events_and_mentions_index_the_original_text(nlp: Pipeline, dev_docs: list[dict[str, Any]]) -> None:
    n_events = n_mentions = 0
    for item in dev_docs[:8]:
        doc = nlp(item["text"], published=item["published"], doc_id=item["id"])
        text = doc.text
        assert doc.events, item["id"]  # every one of these articles reports events
        for event in doc.events:
            n_events += 1
            assert text[event.trigger.start : event.trigger.end] == event.trigger.text
            assert event.sentence.start <= event.trigger.start < event.sentence.end
            for mentions in event.arguments.values():
                for m in mentions:
                    n_mentions += 1
                    assert text[m.start : m.end] == m.text
                    # spec §4: no leading conjunction/preposition clitic before the article
                    assert not m.text.startswith(("وال", "بال", "فال", "كال"))
    assert n_events >= 50 and n_mentions >= 100, (n_events, n_mentions)


def test_result_serializes_to_the_spec_shape(nlp: Pipeline) -> None:
    result = nlp("قُتل 5 أشخاص في قصف على مدينة خاركيف.", published="2024-05-01", doc_id="d1").to_result()
    data = result.model_dump(mode="json")
    assert set(data) == {"doc_id", "published", "language", "events", "entities", "warnings"}
    event = data["events"][0]
    assert set(event) == {
        "id",
        "type",
        "trigger",
        "sentence",
        "realis",
        "attribution",
        "arguments",
        "quantities",
        "date",
        "attributes",
        "confidence",
        "rule",
    }
    assert event["id"] == "d1:e1" and set(event["trigger"]) == {"text", "start", "end", "lemma"}
    assert DocumentResult.model_validate(data) == result


def test_extract_api_and_empty_inputs() -> None:
    result = eventx.extract("أرسلت كوريا الشمالية قوات إلى روسيا.", published="2025-04-28", doc_id="x")
    assert result.doc_id == "x" and [e.type for e in result.events] == ["DEPLOYMENT"]
    for text in ["", "   \n ", "Only Latin text here.", "😀😀", "12345"]:
        assert eventx.extract(text).events == []
    with pytest.raises(TypeError, match="got None"):
        eventx.extract(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="decode"):
        eventx.extract("نص".encode())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ISO date"):
        eventx.extract("نص", published="yesterday")


def test_user_pack_next_to_builtin() -> None:
    pack = Path(__file__).parents[1] / "examples" / "protest_pack"
    nlp = Pipeline(rule_packs=["builtin", str(pack)])
    doc: Document = nlp("تظاهر آلاف الأشخاص في مدينة بنغازي أمس.", published="2025-03-02")
    (event,) = [e for e in doc.events if e.type == "PROTEST"]
    assert event.rule == "protest/demonstration"
    assert [m.text for m in event.arguments["place"]] == ["مدينة بنغازي"]
    assert event.quantities["size"].min == 2000


def test_each_figure_counts_for_its_nearest_trigger_and_roles_do_not_repeat(nlp: Pipeline) -> None:
    events = _events(nlp, "وقالت الوزارة إن نحو 300 جندي أوكراني قتلوا وأصيب حوالي 700 آخرين خلال الهجوم.")
    (casualty,) = [e for e in events if e.type == "CASUALTY"]
    assert (casualty.quantities["killed"].value, casualty.quantities["injured"].value) == (300, 700)
    assert _texts(casualty, "victim") == ["جندي أوكراني"]
    spans = [(m.start, m.end) for fillers in casualty.arguments.values() for m in fillers]
    assert spans and len(spans) == len(set(spans))


def test_singular_victim_counts_one(nlp: Pipeline) -> None:
    events = _events(nlp, "يُعلن فيها عن مقتل ضابط رفيع من الجيش الكوري الشمالي.")
    (casualty,) = [e for e in events if e.type == "CASUALTY"]
    assert casualty.quantities["killed"].value == 1


# --------------------------------------------------------------------------- binding details


def _one(nlp: Pipeline, text: str, event_type: str, published: str | None = "2025-04-28") -> Any:
    (event,) = [e for e in _events(nlp, text, published) if e.type == event_type]
    return event


def test_reported_event_takes_the_reporting_verbs_date(nlp: Pipeline) -> None:
    text = "أعلنت روسيا، اليوم السبت، استعادة السيطرة على منطقة كورسك."
    event = _one(nlp, text, "TERRITORIAL_CONTROL", published="2025-04-26")
    assert event.date is not None and event.date.value == "2025-04-26"


def test_background_event_does_not_take_the_sentences_date(nlp: Pipeline) -> None:
    text = "سيطرت فصائل المعارضة، مساء أمس الجمعة، على مدينة حلب، بعد انسحاب قوات النظام السوري."
    events = _events(nlp, text, published="2025-04-26")
    control = next(e for e in events if e.type == "TERRITORIAL_CONTROL")
    withdrawal = next(e for e in events if e.type == "WITHDRAWAL")
    assert control.date is not None and control.date.value == "2025-04-25"  # the parenthetical time
    assert withdrawal.date is None  # "بعد انسحاب": background of the news


def test_time_of_another_clause_without_reporting_verb_is_not_taken(nlp: Pipeline) -> None:
    text = (
        "جاء قرار الانسحاب بعد فشل الهجوم المضاد الذي شنته كييف الصيف الماضي، "
        "حيث انسحبت القوات الأوكرانية من المدينة."
    )
    withdrawal = next(e for e in _events(nlp, text) if e.trigger.text == "انسحبت")
    assert withdrawal.date is None


def test_nested_places_are_all_kept(nlp: Pipeline) -> None:
    event = _one(nlp, "قتل أكثر من 100 مدني في غارة جوية أمريكية على مبنى في الموصل بالعراق.", "ATTACK")
    assert _texts(event, "place") == ["الموصل", "العراق"]


def test_coordinated_attackers_before_the_nearest_one_are_kept(nlp: Pipeline) -> None:
    event = _one(nlp, "وقال الحوثيون إن واشنطن ولندن نفذتا اثنتي عشرة غارة على محافظة الحديدة.", "ATTACK")
    assert [m.id for m in event.arguments["attacker"]] == ["USA", "GBR"]
    assert event.quantities["munitions"].value == 12  # the figure counts the trigger noun


def test_anaphoric_mention_takes_roles_of_the_event_it_refers_to(nlp: Pipeline) -> None:
    text = "شنت القوات الأوكرانية هجوما على منطقة كورسك. وقد ساهم هذا الهجوم في تسريع الانسحاب."
    first, second = [e for e in _events(nlp, text) if e.type == "ATTACK"]
    assert [m.id for m in first.arguments["attacker"]] == ["UKR"]
    assert [m.id for m in second.arguments["attacker"]] == ["UKR"]


def test_merged_trigger_words_never_fill_their_own_event(nlp: Pipeline) -> None:
    event = _one(nlp, "لبنان: شهيدان و3 جرحى في غارات إسرائيلية جنوبي البلاد", "CASUALTY")
    assert event.trigger.text == "شهيدان"  # the merged word is the trigger and counts the killed
    assert (event.quantities["killed"].value, event.quantities["injured"].value) == (2, 3)
    assert [m.id for m in event.arguments["perpetrator"]] == ["ISR"]
    fillers = [m for mentions in event.arguments.values() for m in mentions]
    assert not any(m.start < event.trigger.end and event.trigger.start < m.end for m in fillers)
    assert "شهيدان" not in _texts(event, "victim")


def test_loser_is_the_state_of_the_territory_only_when_another_actor_gains_it(nlp: Pipeline) -> None:
    taken = _one(nlp, "سيطرت فصائل المعارضة على مدينة حلب شمال سوريا.", "TERRITORIAL_CONTROL")
    assert [m.id for m in taken.arguments["loser"]] == ["SYR"]
    retaken = _one(nlp, "سيطرت القوات الروسية على مدينة كورسك في روسيا.", "TERRITORIAL_CONTROL")
    assert "loser" not in retaken.arguments


def test_force_owner_needs_the_state_named_in_the_document(nlp: Pipeline) -> None:
    named = _one(nlp, "أعلنت كوريا الشمالية انسحاب القوات الكورية الشمالية من كورسك.", "WITHDRAWAL")
    assert [m.id for m in named.arguments["agent"]] == ["PRK"]
    unnamed = _one(nlp, "انسحاب القوات الكورية الشمالية من كورسك الروسية", "WITHDRAWAL")
    assert "agent" not in unnamed.arguments


def test_weapon_chunk_fills_the_instrument(nlp: Pipeline) -> None:
    event = _one(nlp, "استهدف حزب الله قوة مشاة إسرائيلية في بلدة حولا بصاروخ موجه.", "ATTACK")
    assert _texts(event, "instrument") == ["صاروخ موجه"]


def test_anaphoric_place_noun_refers_back_to_the_named_place(nlp: Pipeline) -> None:
    text = "أعلنت روسيا السيطرة على مدينة أفدييفكا. وقال الجيش إن القوات طهرت المدينة من المسلحين."
    first, second = [e for e in _events(nlp, text) if e.type == "TERRITORIAL_CONTROL"]
    assert _texts(second, "territory") == ["مدينة أفدييفكا"] == _texts(first, "territory")
    # A capital named before stands for its government, not for "المدينة".
    withdrawal = _one(nlp, "قالت كييف إن قواتها انسحبت من المدينة.", "WITHDRAWAL")
    assert _texts(withdrawal, "origin") == ["المدينة"]
