"""Scoring predicted event mentions against the gold, exactly as spec §8 says.

Event matching: a predicted event can pair with a gold event of the same ``type`` whose
sentence span (see :mod:`eventx.evaluation.gold`) contains the predicted ``trigger.start``.
Pairs are chosen one-to-one per document and type by a maximum-weight bipartite matching
whose weights rank, in this order: (1) the number of matched events, (2) the number of matched
arguments, (3) closeness of the predicted trigger to the gold trigger. So with two gold
ATTACKs in one sentence and two predictions, each prediction gets the gold event whose
arguments it reproduces, and never one gold event twice.

Argument counting is ACE-style: arguments of matched pairs are compared role by role
(:mod:`eventx.evaluation.matching`); every argument of an unmatched prediction is a false
positive and every argument of an unmatched gold event a false negative. Realis, attribution
and ``attributes`` (stage, extent) are not arguments: they are reported as accuracies over
the matched pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from eventx.evaluation.assignment import max_weight_matching
from eventx.evaluation.gold import GoldDocument, load_gold
from eventx.evaluation.matching import RoleScore, argument_matches, score_arguments, text_matches
from eventx.evaluation.model import EventMention, Filler
from eventx.evaluation.predictions import PredictionSource, load_predictions
from eventx.evaluation.report import Accuracy, Counts, ErrorKind, ErrorRecord, EvaluationReport

__all__ = ["evaluate", "match_events"]


def evaluate(gold_dir: str | Path, docs_path: str | Path, predictions: PredictionSource) -> EvaluationReport:
    """Score ``predictions`` (a JSONL path, or document results as dicts / ``DocumentResult``)
    against the gold files in ``gold_dir`` whose texts are in ``docs_path``.

    Problems that still allow scoring (anchors not found, documents without a prediction,
    predictions for documents without gold) are listed in ``report.warnings``; unreadable input
    raises :class:`eventx.evaluation.EvaluationInputError`.
    """
    gold = load_gold(gold_dir, docs_path)
    predicted = load_predictions(predictions)
    report = EvaluationReport(warnings=[*gold.warnings, *predicted.warnings])
    for doc_id, document in gold.documents.items():
        events = predicted.documents.get(doc_id)
        if events is None:
            report.warnings.append(
                f"document {doc_id}: no prediction; its {len(document.events)} gold event(s) count as missed"
            )
            events = ()
        _score_document(document, events, report)
    for doc_id in predicted.documents:
        if doc_id not in gold.documents:
            report.warnings.append(f"prediction for document {doc_id} ignored: no gold file for it")
    _sort_breakdowns(report)
    return report


def match_events(predicted: Sequence[EventMention], gold: Sequence[EventMention]) -> list[tuple[int, int]]:
    """One-to-one ``(predicted index, gold index)`` pairs of events of ONE type in one document."""
    edges: dict[tuple[int, int], tuple[int, int]] = {}  # pair -> (argument matches, trigger distance)
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if p.type == g.type and p.trigger_start is not None and g.in_sentence(p.trigger_start):
                distance = abs(p.trigger_start - (g.trigger_start or 0))
                edges[i, j] = (argument_matches(score_arguments(p, g)), distance)
    if not edges:
        return []
    # Integer weights encoding (pairs, argument matches, closeness) lexicographically: each
    # level's unit is larger than the largest possible sum of all lower levels.
    most_pairs = min(len(predicted), len(gold))
    far = max(distance for _, distance in edges.values()) + 1
    argument_unit = most_pairs * far + 1
    pair_unit = (most_pairs * max(args for args, _ in edges.values()) + 1) * argument_unit

    def weight(i: int, j: int) -> int:
        if (i, j) not in edges:
            return 0
        args, distance = edges[i, j]
        return pair_unit + args * argument_unit + (far - distance)

    return max_weight_matching(len(predicted), len(gold), weight)


def _score_document(document: GoldDocument, predicted: Sequence[EventMention], report: EvaluationReport) -> None:
    report.documents += 1
    report.gold_events += len(document.events)
    report.predicted_events += len(predicted)
    errors: list[tuple[int, ErrorRecord]] = []
    for event_type in sorted({e.type for e in document.events} | {e.type for e in predicted}):
        preds = [e for e in predicted if e.type == event_type]
        golds = [e for e in document.events if e.type == event_type]
        errors += _score_type(document, event_type, preds, golds, report)
    errors.sort(key=lambda item: item[0])
    report.error_records.extend(record for _, record in errors)


def _score_type(
    document: GoldDocument,
    event_type: str,
    preds: list[EventMention],
    golds: list[EventMention],
    report: EvaluationReport,
) -> list[tuple[int, ErrorRecord]]:
    """Count the events of one type in one document; return ``(position, record)`` errors."""
    pairs = match_events(preds, golds)
    for counts in (report.events, report.events_by_type.setdefault(event_type, Counts())):
        counts.add(tp=len(pairs), fp=len(preds) - len(pairs), fn=len(golds) - len(pairs))
    errors: list[tuple[int, ErrorRecord]] = []
    for i, j in pairs:
        p, g = preds[i], golds[j]
        scores = score_arguments(p, g)
        _add_arguments(report, event_type, scores)
        _add_secondary(report, p, g)
        sentence = document.spans_text(g.sentence_spans)
        for score in scores:
            if score.has_errors:
                label = f"pred {p.label} ~ {g.label}"
                record = _record(document, "argument_error", p, label, sentence, g.anchor, score)
                errors.append((_position(p), record))
    matched_golds = {j for _, j in pairs}
    for j, g in enumerate(golds):
        if j not in matched_golds:
            _add_arguments(report, event_type, score_arguments(None, g))
            sentence = document.spans_text(g.sentence_spans) or (g.anchor or "")
            errors.append((_position(g), _record(document, "missed_event", g, g.label, sentence, g.anchor)))
    matched_preds = {i for i, _ in pairs}
    for i, p in enumerate(preds):
        if i not in matched_preds:
            _add_arguments(report, event_type, score_arguments(p, None))
            sentence = document.sentence_text_at(p.trigger_start)
            errors.append((_position(p), _record(document, "spurious_event", p, f"pred {p.label}", sentence, None)))
    return errors


def _position(event: EventMention) -> int:
    # Unlocated gold events (no offset) go last in their document's error list.
    return event.trigger_start if event.trigger_start is not None else 1 << 62


def _add_arguments(report: EvaluationReport, event_type: str, scores: list[RoleScore]) -> None:
    by_role = report.arguments_by_type_role.setdefault(event_type, {})
    for score in scores:
        for counts in (
            report.arguments,
            report.arguments_by_type.setdefault(event_type, Counts()),
            report.arguments_by_role.setdefault(score.role, Counts()),
            by_role.setdefault(score.role, Counts()),
        ):
            counts.add(tp=score.tp, fp=score.fp, fn=score.fn)


def _attribution_matches(predicted: Filler | None, gold: Filler | None) -> bool:
    if predicted is None or gold is None:
        return predicted is None and gold is None
    if predicted.id is not None and predicted.id == gold.id:
        return True
    return text_matches(predicted.text, gold.text)


def _add_secondary(report: EvaluationReport, predicted: EventMention, gold: EventMention) -> None:
    report.realis.add(predicted.realis == gold.realis)
    report.attribution.add(_attribution_matches(predicted.attribution, gold.attribution))
    # An attribute is scored when either side states it; a missing key reads as null, so a gold
    # {"extent": null} is matched by a prediction that leaves extent out.
    for name in sorted(set(predicted.attributes) | set(gold.attributes)):
        accuracy = report.attributes.setdefault(name, Accuracy())
        accuracy.add(predicted.attributes.get(name) == gold.attributes.get(name))


def _record(
    document: GoldDocument,
    kind: ErrorKind,
    shown: EventMention,
    event: str,
    sentence: str,
    anchor: str | None,
    score: RoleScore | None = None,
) -> ErrorRecord:
    return ErrorRecord(
        kind=kind,
        doc_id=document.doc_id,
        event_type=shown.type,
        trigger=shown.trigger_text,
        trigger_start=shown.trigger_start,
        sentence=sentence,
        event=event,
        role=score.role if score else None,
        missing=score.missing if score else (),
        spurious=score.spurious if score else (),
        anchor=anchor,
    )


def _sort_breakdowns(report: EvaluationReport) -> None:
    report.events_by_type = dict(sorted(report.events_by_type.items()))
    report.arguments_by_type = dict(sorted(report.arguments_by_type.items()))
    report.arguments_by_role = dict(sorted(report.arguments_by_role.items()))
    report.arguments_by_type_role = {
        name: dict(sorted(roles.items())) for name, roles in sorted(report.arguments_by_type_role.items())
    }
    report.attributes = dict(sorted(report.attributes.items()))
