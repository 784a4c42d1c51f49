"""Tests of the §8 scorer (eventx.evaluation) on a tiny hand-made corpus.

The corpus has two annotated documents (8 gold events, 22 gold arguments) and one document
without events. Predictions are built from the gold itself (``gold_to_predictions``), which
must score 1.0, then perturbed one way at a time with the exact expected counts asserted.
"""

from __future__ import annotations

import copy
import io
import itertools
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eventx.evaluation import (
    EvaluationReport,
    evaluate,
    gold_to_predictions,
    run_evaluate_cli,
    text_matches,
)
from eventx.evaluation.assignment import max_weight_matching
from eventx.evaluation.matching import quantity_matches
from eventx.evaluation.model import QuantityValue
from eventx.records import DocumentResult

D1_TEXT = (
    "أعلنت كوريا الشمالية إرسال القوات الكورية الشمالية إلى روسيا في يونيو 2024. "
    "قتل نحو 300 جندي وأصيب 2700 آخرين في قصف على مدينة كورسك.\n"
    "شنت القوات الروسية غارة على خاركيف وشنت القوات الأوكرانية هجوما على بيلغورود. "
    "وقعت روسيا وكوريا الشمالية معاهدة الشراكة الاستراتيجية."
)
D2_TEXT = "الجيش الأمريكي يقر بمقتل 100 مدني في غارة جوية على الموصل\nقال مسؤولون السبت إن الغارة وقعت في الموصل."
D3_TEXT = "هذا نص بلا أحداث."


def _event(
    event_type: str,
    anchor: str,
    trigger: str,
    arguments: dict[str, list[tuple[str, str | None]]],
    *,
    quantities: dict[str, dict[str, Any]] | None = None,
    date: dict[str, Any] | None = None,
    attribution: tuple[str, str | None] | None = None,
    attributes: dict[str, str | None] | None = None,
) -> dict[str, Any]:
    return {
        "type": event_type,
        "anchor": anchor,
        "trigger": trigger,
        "realis": "actual",
        "attribution": {"text": attribution[0], "id": attribution[1]} if attribution else None,
        "arguments": {role: [{"text": t, "id": i} for t, i in fillers] for role, fillers in arguments.items()},
        "quantities": quantities or {},
        "date": date,
        "attributes": attributes or {},
    }


GOLD: dict[str, list[dict[str, Any]]] = {
    "d1": [
        _event(  # 4 arguments
            "DEPLOYMENT",
            "أعلنت كوريا الشمالية إرسال القوات الكورية الشمالية",
            "إرسال",
            {
                "agent": [("كوريا الشمالية", "PRK")],
                "force": [("القوات الكورية الشمالية", "PRK")],
                "destination": [("روسيا", "RUS")],
            },
            date={"value": "2024-06", "text": "في يونيو 2024"},
        ),
        _event(  # 4 arguments
            "CASUALTY",
            "قتل نحو 300 جندي وأصيب 2700 آخرين",
            "قتل",
            {"victim": [("جندي", None)], "place": [("مدينة كورسك", None)]},
            quantities={"killed": {"value": 300, "approx": True}, "injured": {"value": 2700}},
        ),
        _event("ATTACK", "في قصف على مدينة كورسك", "قصف", {"place": [("مدينة كورسك", None)]}),  # 1
        _event(  # 2 arguments
            "ATTACK",
            "شنت القوات الروسية غارة على خاركيف",
            "غارة",
            {"attacker": [("القوات الروسية", "RUS")], "place": [("خاركيف", None)]},
        ),
        _event(  # 2 arguments
            "ATTACK",
            "وشنت القوات الأوكرانية هجوما على بيلغورود",
            "هجوما",
            {"attacker": [("القوات الأوكرانية", "UKR")], "place": [("بيلغورود", None)]},
        ),
        _event(  # 3 arguments
            "TREATY",
            "وقعت روسيا وكوريا الشمالية معاهدة",
            "وقعت",
            {
                "parties": [("روسيا", "RUS"), ("كوريا الشمالية", "PRK")],
                "agreement": [("معاهدة الشراكة الاستراتيجية", None)],
            },
            attributes={"stage": "signed"},
        ),
    ],
    "d2": [
        _event(  # 4 arguments; the anchor runs across the line break
            "CASUALTY",
            "يقر بمقتل 100 مدني في غارة جوية على الموصل\nقال مسؤولون",
            "بمقتل",
            {"victim": [("مدني", None)], "perpetrator": [("الجيش الأمريكي", "USA")]},
            quantities={"killed": {"value": 100}},
            date={"value": None, "text": "السبت"},
            attribution=("الجيش الأمريكي", "USA"),
        ),
        _event(  # 2 arguments
            "ATTACK",
            "إن الغارة وقعت في الموصل",
            "الغارة",
            {"place": [("الموصل", None)]},
            date={"value": None, "text": "السبت"},
        ),
    ],
    "d3": [],
}
GOLD_EVENTS = 8
GOLD_ARGUMENTS = 22

Predictions = list[dict[str, Any]]


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    return _write_corpus(tmp_path, GOLD)


def _write_corpus(root: Path, gold: dict[str, list[dict[str, Any]]]) -> tuple[Path, Path]:
    gold_dir = root / "gold"
    gold_dir.mkdir()
    published = {"d1": "2025-04-28", "d2": None, "d3": "2025-01-01"}
    for doc_id, events in gold.items():
        payload = {"doc_id": doc_id, "published": published[doc_id], "events": events}
        (gold_dir / f"{doc_id}.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    docs = root / "docs.jsonl"
    rows = [
        {"id": "d1", "published": "2025-04-28", "text": D1_TEXT},
        {"id": "d2", "published": None, "text": D2_TEXT},
        {"id": "d3", "published": "2025-01-01", "text": D3_TEXT},
        {"id": "d4", "published": None, "text": "نص بلا ملف ذهبي."},
    ]
    docs.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return gold_dir, docs


def _oracle(corpus: tuple[Path, Path]) -> Predictions:
    return gold_to_predictions(*corpus)


def _find(predictions: Predictions, doc_id: str, trigger: str) -> dict[str, Any]:
    document = next(d for d in predictions if d["doc_id"] == doc_id)
    return next(e for e in document["events"] if e["trigger"]["text"] == trigger)


def _perturbed(corpus: tuple[Path, Path], change: Callable[[Predictions], None]) -> EvaluationReport:
    predictions = copy.deepcopy(_oracle(corpus))
    change(predictions)
    return evaluate(*corpus, predictions)


def _counts(counts: Any) -> tuple[int, int, int]:
    return counts.tp, counts.fp, counts.fn


# --- the oracle ------------------------------------------------------------------------------


def test_oracle_scores_perfectly(corpus: tuple[Path, Path]) -> None:
    report = evaluate(*corpus, _oracle(corpus))
    assert _counts(report.events) == (GOLD_EVENTS, 0, 0)
    assert _counts(report.arguments) == (GOLD_ARGUMENTS, 0, 0)
    assert (report.events.precision, report.events.recall, report.events.f1) == (1.0, 1.0, 1.0)
    assert (report.arguments.precision, report.arguments.recall, report.arguments.f1) == (1.0, 1.0, 1.0)
    assert report.realis.value == report.attribution.value == 1.0
    assert report.attributes["stage"].total == 1
    assert report.errors() == []
    assert report.warnings == []
    assert report.documents == 3


def test_oracle_output_is_spec_shaped(corpus: tuple[Path, Path]) -> None:
    oracle = _oracle(corpus)
    assert [d["doc_id"] for d in oracle] == ["d1", "d2", "d3"]  # every gold file, no prediction for d4
    validated = [DocumentResult.model_validate(document) for document in oracle]
    assert [len(d.events) for d in validated] == [len(GOLD["d1"]), len(GOLD["d2"]), 0]
    deployment = _find(_oracle(corpus), "d1", "إرسال")
    start = deployment["trigger"]["start"]
    assert D1_TEXT[start : deployment["trigger"]["end"]] == "إرسال"
    force = deployment["arguments"]["force"][0]
    assert D1_TEXT[force["start"] : force["end"]] == "القوات الكورية الشمالية"


def test_accepts_jsonl_path_and_document_results(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in _oracle(corpus)), encoding="utf-8")
    assert evaluate(*corpus, pred).arguments.f1 == 1.0
    models = [DocumentResult.model_validate(d) for d in _oracle(corpus)]
    assert evaluate(*corpus, models).events.f1 == 1.0


# --- event-level perturbations ---------------------------------------------------------------


def test_dropped_event_is_a_false_negative_with_its_arguments(corpus: tuple[Path, Path]) -> None:
    def drop(predictions: Predictions) -> None:
        d1 = predictions[0]
        d1["events"] = [e for e in d1["events"] if e["trigger"]["text"] != "قصف"]

    report = _perturbed(corpus, drop)
    assert _counts(report.events) == (7, 0, 1)
    assert _counts(report.arguments) == (21, 0, 1)
    assert _counts(report.events_by_type["ATTACK"]) == (3, 0, 1)
    [missed] = report.errors("missed_event")
    assert (missed.doc_id, missed.trigger, missed.event_type) == ("d1", "قصف", "ATTACK")
    assert "قصف على مدينة كورسك" in missed.sentence


def test_changed_type_is_one_false_positive_and_one_false_negative(corpus: tuple[Path, Path]) -> None:
    report = _perturbed(corpus, lambda p: _find(p, "d1", "وقعت").update(type="WITHDRAWAL"))
    assert _counts(report.events) == (7, 1, 1)
    assert _counts(report.arguments) == (19, 3, 3)
    assert _counts(report.events_by_type["TREATY"]) == (0, 0, 1)
    assert _counts(report.events_by_type["WITHDRAWAL"]) == (0, 1, 0)
    assert _counts(report.arguments_by_type["WITHDRAWAL"]) == (0, 3, 0)


def test_trigger_in_another_sentence_does_not_match(corpus: tuple[Path, Path]) -> None:
    def move(predictions: Predictions) -> None:
        event = _find(predictions, "d1", "إرسال")
        start = D1_TEXT.index("آخرين")  # second sentence
        event["trigger"] = {"text": "آخرين", "start": start, "end": start + 5}

    report = _perturbed(corpus, move)
    assert _counts(report.events) == (7, 1, 1)
    assert _counts(report.arguments) == (18, 4, 4)
    assert [e.kind for e in report.errors()] == ["missed_event", "spurious_event"]


def test_anchor_across_a_line_break_covers_both_lines(corpus: tuple[Path, Path]) -> None:
    def move(predictions: Predictions) -> None:
        event = _find(predictions, "d2", "بمقتل")
        start = D2_TEXT.index("مسؤولون")  # the line after the headline
        event["trigger"] = {"text": "مسؤولون", "start": start, "end": start + 7}

    report = _perturbed(corpus, move)
    assert _counts(report.events) == (GOLD_EVENTS, 0, 0)
    assert _counts(report.arguments) == (GOLD_ARGUMENTS, 0, 0)


def test_extra_event_is_a_false_positive_with_its_arguments(corpus: tuple[Path, Path]) -> None:
    def add(predictions: Predictions) -> None:
        d3 = next(d for d in predictions if d["doc_id"] == "d3")
        d3["events"].append(
            {
                "type": "ATTACK",
                "trigger": {"text": "نص", "start": 4, "end": 6},
                "arguments": {"place": [{"text": "غزة", "id": None}], "attacker": [{"text": "إسرائيل", "id": "ISR"}]},
            }
        )

    report = _perturbed(corpus, add)
    assert _counts(report.events) == (8, 1, 0)
    assert _counts(report.arguments) == (22, 2, 0)
    [spurious] = report.errors()
    assert (spurious.kind, spurious.doc_id, spurious.sentence) == ("spurious_event", "d3", D3_TEXT)


def test_missing_document_counts_all_its_gold_as_missed(corpus: tuple[Path, Path]) -> None:
    report = _perturbed(corpus, lambda p: p.pop(1))  # d2
    assert _counts(report.events) == (6, 0, 2)
    assert _counts(report.arguments) == (16, 0, 6)
    assert any("d2" in w and "no prediction" in w for w in report.warnings)


def test_prediction_for_unknown_document_is_ignored(corpus: tuple[Path, Path]) -> None:
    def add(predictions: Predictions) -> None:
        extra = copy.deepcopy(predictions[0])
        predictions.append({**extra, "doc_id": "d4"})
        predictions.append({**extra, "doc_id": "nowhere"})

    report = _perturbed(corpus, add)
    assert _counts(report.events) == (GOLD_EVENTS, 0, 0)
    assert sum("ignored" in w for w in report.warnings) == 2


# --- one-to-one matching of same-type events in one sentence --------------------------------


def test_same_sentence_events_pair_by_arguments_not_by_trigger(corpus: tuple[Path, Path]) -> None:
    def swap(predictions: Predictions) -> None:
        raid, offensive = _find(predictions, "d1", "غارة"), _find(predictions, "d1", "هجوما")
        raid["trigger"], offensive["trigger"] = offensive["trigger"], raid["trigger"]

    report = _perturbed(corpus, swap)
    assert _counts(report.events) == (GOLD_EVENTS, 0, 0)
    assert _counts(report.arguments) == (GOLD_ARGUMENTS, 0, 0)


def test_one_prediction_matches_only_one_of_two_gold_events(corpus: tuple[Path, Path]) -> None:
    def keep_one(predictions: Predictions) -> None:
        offensive = _find(predictions, "d1", "هجوما")
        predictions[0]["events"].remove(offensive)

    report = _perturbed(corpus, keep_one)
    assert _counts(report.events) == (7, 0, 1)
    assert _counts(report.arguments) == (20, 0, 2)
    [missed] = report.errors()
    assert missed.trigger == "هجوما"  # the remaining prediction took the gold event it reproduces


def test_duplicate_prediction_is_a_false_positive(corpus: tuple[Path, Path]) -> None:
    def duplicate(predictions: Predictions) -> None:
        predictions[0]["events"].append(copy.deepcopy(_find(predictions, "d1", "غارة")))

    report = _perturbed(corpus, duplicate)
    assert _counts(report.events) == (8, 1, 0)
    assert _counts(report.arguments) == (22, 2, 0)


# --- arguments -------------------------------------------------------------------------------


def test_wrong_id_but_contained_text_matches(corpus: tuple[Path, Path]) -> None:
    def shorten(predictions: Predictions) -> None:
        force = _find(predictions, "d1", "إرسال")["arguments"]["force"][0]
        force.update(text="القوات الكورية", id="XXX")

    report = _perturbed(corpus, shorten)
    assert _counts(report.arguments) == (GOLD_ARGUMENTS, 0, 0)


def test_partial_word_is_not_whole_word_containment(corpus: tuple[Path, Path]) -> None:
    def cut(predictions: Predictions) -> None:
        _find(predictions, "d1", "قصف")["arguments"]["place"][0].update(text="كورس", id=None)

    report = _perturbed(corpus, cut)
    assert _counts(report.arguments) == (21, 1, 1)
    [error] = report.errors()
    assert (error.kind, error.role, error.missing, error.spurious) == (
        "argument_error",
        "place",
        ("مدينة كورسك",),
        ("كورس",),
    )


def test_equal_ids_win_over_different_texts(corpus: tuple[Path, Path]) -> None:
    def rename(predictions: Predictions) -> None:
        _find(predictions, "d1", "إرسال")["arguments"]["agent"][0].update(text="بيونغ يانغ", id="PRK")

    assert _counts(_perturbed(corpus, rename).arguments) == (GOLD_ARGUMENTS, 0, 0)


def test_wrong_role_is_a_false_positive_and_a_false_negative(corpus: tuple[Path, Path]) -> None:
    def relabel(predictions: Predictions) -> None:
        arguments = _find(predictions, "d1", "إرسال")["arguments"]
        arguments["origin"] = arguments.pop("destination")

    report = _perturbed(corpus, relabel)
    assert _counts(report.arguments) == (21, 1, 1)
    assert _counts(report.arguments_by_role["origin"]) == (0, 1, 0)
    assert _counts(report.arguments_by_role["destination"]) == (0, 0, 1)


def test_wrong_quantity_is_a_false_positive_and_a_false_negative(corpus: tuple[Path, Path]) -> None:
    def change(predictions: Predictions) -> None:
        quantities = _find(predictions, "d1", "قتل")["quantities"]
        quantities["killed"]["value"] = 301
        quantities["injured"]["value"] = 2700.0  # numerically equal: still correct

    report = _perturbed(corpus, change)
    assert _counts(report.arguments) == (21, 1, 1)
    assert _counts(report.arguments_by_role["killed"]) == (1, 1, 1)  # d2's killed=100 still matches
    [error] = report.errors("argument_error")
    assert error.role == "killed"
    assert error.missing[0].startswith("value=300") and error.spurious[0].startswith("value=301")


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        (QuantityValue(value=300.0), QuantityValue(value=300), True),
        (QuantityValue(min=300, max=300), QuantityValue(value=300), True),
        (QuantityValue(min=10000, max=12000), QuantityValue(min=10000, max=12000), True),
        (QuantityValue(min=10000), QuantityValue(min=10000, max=12000), False),
        (QuantityValue(min=11000), QuantityValue(min=11000), True),
        (QuantityValue(min=11000, max=20000), QuantityValue(min=11000), False),
        (QuantityValue(value=11000), QuantityValue(min=11000), False),
    ],
)
def test_quantity_rule(predicted: QuantityValue, gold: QuantityValue, expected: bool) -> None:
    assert quantity_matches(predicted, gold) is expected


def test_dates_compare_by_value_and_null_matches_null(corpus: tuple[Path, Path]) -> None:
    def change(predictions: Predictions) -> None:
        _find(predictions, "d2", "الغارة")["date"] = {"text": "السبت", "value": "2025-01-04"}
        _find(predictions, "d2", "بمقتل")["date"] = None

    report = _perturbed(corpus, change)
    assert _counts(report.arguments_by_role["date"]) == (1, 1, 2)  # d1's 2024-06 still matches
    assert _counts(report.arguments) == (20, 1, 2)


def test_realis_attribution_and_attributes_are_secondary(corpus: tuple[Path, Path]) -> None:
    def change(predictions: Predictions) -> None:
        _find(predictions, "d1", "إرسال")["realis"] = "planned"
        _find(predictions, "d2", "بمقتل")["attribution"] = {"text": "وزارة الصحة", "id": None}
        _find(predictions, "d1", "وقعت")["attributes"] = {"stage": "proposed"}

    report = _perturbed(corpus, change)
    assert _counts(report.arguments) == (GOLD_ARGUMENTS, 0, 0)
    assert (report.realis.correct, report.realis.total) == (7, 8)
    assert (report.attribution.correct, report.attribution.total) == (7, 8)
    assert (report.attributes["stage"].correct, report.attributes["stage"].total) == (0, 1)


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("القوات الكورية", "القوات الكورية الشمالية", True),
        ("قوات كورية شمالية", "القوات الكورية الشمالية", True),
        ("كورس", "كورسك", False),
        ("كورسك", "مقاطعة كورسك", True),
        ("بروسيا", "روسيا", False),  # a bare leading letter may be part of the word (§8 key)
        ("بالقوات الروسية", "القوات الروسية", True),
        ("للقوات الروسية", "قوات الروسية", True),
        ("كوريا الشمالية", "كوريا الجنوبية", False),
        ("«كورسك»", "منطقة كورسك", True),
        ("إدلب", "ادلب", True),
        ("", "روسيا", False),
    ],
)
def test_text_rule(predicted: str, gold: str, expected: bool) -> None:
    assert text_matches(predicted, gold) is expected


# --- gold problems ---------------------------------------------------------------------------


def test_unlocatable_anchors_warn_and_count_as_missed(tmp_path: Path) -> None:
    gold = copy.deepcopy(GOLD)
    gold["d3"] = [
        _event("ATTACK", "جملة غير موجودة في النص", "جملة", {}),
        _event("ATTACK", "نص", "نص", {"place": [("غزة", None)]}),
    ]
    gold_dir, docs = _write_corpus(tmp_path, gold)
    (gold_dir.parent / "docs.jsonl").write_text(
        docs.read_text(encoding="utf-8").replace(D3_TEXT, "نص ثم نص آخر."), encoding="utf-8"
    )
    report = evaluate(gold_dir, docs, gold_to_predictions(gold_dir, docs))
    assert _counts(report.events) == (GOLD_EVENTS, 0, 2)
    assert _counts(report.arguments) == (GOLD_ARGUMENTS, 0, 1)
    assert any("d3" in w and "not found" in w and "جملة غير موجودة في النص" in w for w in report.warnings)
    assert any("d3" in w and "not unique" in w for w in report.warnings)


# --- report ----------------------------------------------------------------------------------


def test_report_dict_and_table(corpus: tuple[Path, Path]) -> None:
    report = _perturbed(corpus, lambda p: _find(p, "d1", "وقعت").update(type="WITHDRAWAL"))
    data = report.to_dict()
    assert data["events"]["overall"] == {"tp": 7, "fp": 1, "fn": 1, "precision": 0.875, "recall": 0.875, "f1": 0.875}
    assert data["arguments"]["by_type_role"]["TREATY"]["parties"]["fn"] == 2
    json.dumps(data)
    table = report.format_table()
    for heading in ("EVENTS", "ARGUMENTS by type", "ARGUMENTS by role", "realis", "TREATY", "parties"):
        assert heading in table
    assert "SPURIOUS" in report.format_errors() and "MISSED" in report.format_errors()


# --- command line ----------------------------------------------------------------------------


def _run(*args: str, **kwargs: Any) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_evaluate_cli(*args, stdout=out, stderr=err, **kwargs)
    return code, out.getvalue(), err.getvalue()


def test_cli_prints_table_json_and_errors(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    predictions = _oracle(corpus)
    predictions[0]["events"].pop()
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in predictions), encoding="utf-8")
    code, out, err = _run(str(corpus[0]), str(corpus[1]), str(pred), show_errors=5)
    assert code == 0 and "EVENTS" in out and "MISSED" in out and err == ""
    code, out, _ = _run(str(corpus[0]), str(corpus[1]), str(pred), as_json=True, show_errors=5)
    data = json.loads(out)
    assert code == 0 and data["events"]["overall"]["fn"] == 1 and data["errors"][0]["kind"] == "missed_event"


def test_cli_missing_gold_dir(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    code, out, err = _run(str(tmp_path / "nope"), str(corpus[1]), str(tmp_path / "pred.jsonl"))
    assert code == 2 and out == ""
    assert "gold directory not found" in err and "Traceback" not in err


def test_cli_missing_predictions_file(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    code, _, err = _run(str(corpus[0]), str(corpus[1]), str(tmp_path / "absent.jsonl"))
    assert code == 2 and "predictions file not found" in err


@pytest.mark.parametrize(
    ("second_line", "message"),
    [
        ('{"doc_id": "d2", "events": [', "line 2: malformed JSON"),
        ('["not", "an", "object"]', "line 2: expected a JSON object"),
        ('{"events": []}', "line 2: document result needs a string 'doc_id'"),
        ('{"doc_id": "d2", "events": [{"type": "ATTACK", "trigger": {"text": "x"}}]}', "trigger.start"),
    ],
)
def test_cli_malformed_predictions_name_the_line(
    corpus: tuple[Path, Path], tmp_path: Path, second_line: str, message: str
) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"doc_id": "d1", "events": []}\n' + second_line + "\n", encoding="utf-8")
    code, out, err = _run(str(corpus[0]), str(corpus[1]), str(pred))
    assert code == 2 and out == ""
    assert message in err and "line 2" in err and "Traceback" not in err


def test_cli_malformed_gold_file(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    (corpus[0] / "d9.json").write_text("{oops", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("", encoding="utf-8")
    code, _, err = _run(str(corpus[0]), str(corpus[1]), str(pred))
    assert code == 2 and "d9.json" in err and "malformed JSON" in err


# --- matching algorithm ----------------------------------------------------------------------


def test_max_weight_matching_is_optimal_on_small_random_graphs() -> None:
    rng = random.Random(4)
    for _ in range(300):
        n, m = rng.randint(0, 4), rng.randint(0, 4)
        weights = [[rng.choice([0, 0, 1, 2, 5, 10**9]) for _ in range(m)] for _ in range(n)]
        pairs = max_weight_matching(n, m, lambda i, j, w=weights: w[i][j])
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
        assert all(weights[i][j] > 0 for i, j in pairs)
        best = max(
            sum(weights[r][c] for r, c in zip(rows, cols, strict=True))
            for k in range(min(n, m) + 1)
            for rows in itertools.combinations(range(n), k)
            for cols in itertools.permutations(range(m), k)
        )
        assert sum(weights[i][j] for i, j in pairs) == best


# --- the shared dev corpus (present in the workspace and in CI, next to the repo) ------------

DEV_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


@pytest.mark.skipif(not (DEV_CORPUS / "gold").is_dir(), reason="shared dev corpus not available")
def test_dev_corpus_oracle_is_perfect() -> None:
    gold_dir, docs = DEV_CORPUS / "gold", DEV_CORPUS / "docs.jsonl"
    report = evaluate(gold_dir, docs, gold_to_predictions(gold_dir, docs))
    assert report.warnings == []
    assert report.documents == 25 and report.gold_events >= 250  # 297 gold events at the time of writing
    assert report.events.f1 == report.arguments.f1 == 1.0
    assert report.events.tp == report.gold_events and report.arguments.tp >= 750
