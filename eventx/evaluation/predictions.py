"""Loading predicted document results (spec §1 shape) from JSONL or from objects in memory.

Only the fields §8 scores are required: ``doc_id``, and per event ``type`` and
``trigger.start``. Everything else (``sentence``, ``rule``, mention offsets, ``kind`` ...) may
be missing, so output of other systems can be scored too. Malformed input raises
:class:`EvaluationInputError` naming the line (file input) or the position (iterables).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from eventx.errors import Errors
from eventx.evaluation.jsonl import read_jsonl
from eventx.evaluation.model import (
    EvaluationInputError,
    EventMention,
    parse_attributes,
    parse_date,
    parse_filler,
    parse_fillers,
    parse_quantities,
)

__all__ = ["PredictedCorpus", "PredictionSource", "load_predictions", "parse_document_result"]

# A JSONL path, or document results as dicts / DocumentResult (any pydantic model) objects.
PredictionSource = str | Path | Iterable[Mapping[str, Any] | BaseModel]


@dataclass(slots=True)
class PredictedCorpus:
    documents: dict[str, tuple[EventMention, ...]]
    warnings: list[str]


def load_predictions(source: PredictionSource) -> PredictedCorpus:
    documents: dict[str, tuple[EventMention, ...]] = {}
    warnings: list[str] = []
    for where, obj in _raw_documents(source):
        doc_id, events = parse_document_result(obj, where)
        if doc_id in documents:
            warnings.append(f"{where}: second result for document {doc_id}; the first one is scored")
            continue
        documents[doc_id] = events
    return PredictedCorpus(documents, warnings)


def _raw_documents(source: PredictionSource) -> Iterable[tuple[str, Any]]:
    if isinstance(source, (str, Path)):
        for number, obj in read_jsonl(source, "predictions"):
            yield f"{source}, line {number}", obj
        return
    for position, item in enumerate(source):
        obj = item.model_dump(mode="json") if isinstance(item, BaseModel) else item
        yield f"prediction #{position}", obj


def parse_document_result(obj: Any, where: str) -> tuple[str, tuple[EventMention, ...]]:
    if not isinstance(obj, Mapping):
        raise EvaluationInputError(Errors.PREDICTION_NOT_A_RESULT.format(where=where, got=type(obj).__name__))
    doc_id = obj.get("doc_id")
    if not isinstance(doc_id, str) or not doc_id:
        raise EvaluationInputError(Errors.PREDICTION_DOC_ID.format(where=where))
    raw_events = obj.get("events", [])
    if not isinstance(raw_events, list):
        raise EvaluationInputError(Errors.PREDICTION_EVENTS_NOT_A_LIST.format(where=where, doc_id=doc_id))
    events = tuple(
        _predicted_event(f"{where} (doc {doc_id}) events[{i}]", doc_id, i, raw) for i, raw in enumerate(raw_events)
    )
    return doc_id, events


def _predicted_event(where: str, doc_id: str, index: int, raw: Any) -> EventMention:
    if not isinstance(raw, Mapping):
        raise EvaluationInputError(Errors.PREDICTION_NOT_AN_EVENT.format(where=where))
    event_type = raw.get("type")
    if not isinstance(event_type, str) or not event_type:
        raise EvaluationInputError(Errors.PREDICTION_EVENT_TYPE.format(where=where))
    trigger = raw.get("trigger")
    if not isinstance(trigger, Mapping):
        raise EvaluationInputError(Errors.PREDICTION_EVENT_TRIGGER.format(where=where))
    start = trigger.get("start")
    if not isinstance(start, int) or isinstance(start, bool) or start < 0:
        raise EvaluationInputError(Errors.PREDICTION_TRIGGER_START.format(where=where))
    attribution = raw.get("attribution")
    event_id = raw.get("id")
    return EventMention(
        doc_id=doc_id,
        label=event_id if isinstance(event_id, str) and event_id else f"{doc_id}:predicted#{index}",
        type=event_type,
        trigger_text=str(trigger.get("text") or ""),
        trigger_start=start,
        realis=raw.get("realis") if isinstance(raw.get("realis"), str) else None,
        attribution=None if attribution is None else parse_filler(attribution, f"{where}.attribution"),
        arguments=parse_fillers(raw.get("arguments"), f"{where}.arguments"),
        quantities=parse_quantities(raw.get("quantities"), f"{where}.quantities"),
        date=parse_date(raw.get("date"), f"{where}.date"),
        attributes=parse_attributes(raw.get("attributes"), f"{where}.attributes"),
    )
