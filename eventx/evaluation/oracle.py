"""An "oracle" system: the gold itself turned into spec-shaped predicted document results.

Scoring its output must give 1.0 everywhere except for gold events that cannot be located
(their anchor is missing or not unique), so it is both a test fixture and a sanity check of a
gold set: ``evaluate(gold, docs, gold_to_predictions(gold, docs))``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventx.evaluation.gold import GoldDocument, load_gold
from eventx.evaluation.model import EventMention, Filler, QuantityValue
from eventx.records import REALIS_VALUES, DocumentResult

__all__ = ["gold_to_predictions"]


def gold_to_predictions(gold_dir: str | Path, docs_path: str | Path) -> list[dict[str, Any]]:
    """One ``DocumentResult`` dict (``model_dump(mode="json")``) per gold document.

    Triggers get their located offsets; argument and attribution mentions get the offsets of
    the occurrence of their text nearest to the trigger (kind ``OTHER``: gold has no kinds).
    Gold events whose anchor cannot be located are left out.
    """
    corpus = load_gold(gold_dir, docs_path)
    return [_document_result(document) for document in corpus.documents.values()]


def _document_result(document: GoldDocument) -> dict[str, Any]:
    events = [
        _event(document, event, f"{document.doc_id}:e{number}")
        for number, event in enumerate((e for e in document.events if e.trigger_start is not None), start=1)
    ]
    result = DocumentResult.model_validate(
        {"doc_id": document.doc_id, "published": document.published, "events": events}
    )
    return result.model_dump(mode="json")


def _event(document: GoldDocument, event: EventMention, event_id: str) -> dict[str, Any]:
    start = event.trigger_start or 0
    index, sentence = next(
        ((k, s) for k, s in enumerate(document.sentences) if s.start <= start < s.end),
        (0, event.sentence_spans[0]),
    )
    return {
        "id": event_id,
        "type": event.type,
        "trigger": {"text": event.trigger_text, "start": start, "end": start + len(event.trigger_text)},
        "sentence": {"index": index, "start": sentence.start, "end": sentence.end},
        "realis": event.realis if event.realis in REALIS_VALUES else "actual",
        "attribution": _mention(document, event.attribution, start) if event.attribution else None,
        "arguments": {
            role: [_mention(document, filler, start) for filler in fillers] for role, fillers in event.arguments.items()
        },
        "quantities": {role: _quantity(q) for role, q in event.quantities.items()},
        "date": {"text": event.date.text, "value": event.date.value} if event.date else None,
        "attributes": dict(event.attributes),
        "confidence": 1.0,
        "rule": "gold/oracle",
    }


def _mention(document: GoldDocument, filler: Filler, near: int) -> dict[str, Any]:
    occurrences = []
    position = document.text.find(filler.text)
    while position != -1 and filler.text:
        occurrences.append(position)
        position = document.text.find(filler.text, position + 1)
    start = min(occurrences, key=lambda p: abs(p - near)) if occurrences else near
    end = start + len(filler.text) if occurrences else near
    return {"text": filler.text, "start": start, "end": end, "kind": "OTHER", "id": filler.id}


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _quantity(quantity: QuantityValue) -> dict[str, Any]:
    return {
        "text": quantity.text,
        "value": _number(quantity.value),
        "min": _number(quantity.min),
        "max": _number(quantity.max),
    }
