"""Loading the gold standard: ``gold/<doc_id>.json`` files plus the ``docs.jsonl`` texts.

Gold events carry no offsets; each is located by its ``anchor``, a verbatim substring that must
be unique in the document (see ``GOLD_FORMAT.md``). The event's *sentence span* -- what a
predicted trigger must start inside (spec §8) -- is every sentence of
:func:`eventx.text.sentences.split_sentences` that the anchor overlaps, so an anchor written
across a line break covers both lines. An anchor that is missing or not unique gives a
warning, and the event stays in the gold as an event no prediction can match: recall is
reported against everything the annotators wrote.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventx.errors import Errors
from eventx.evaluation.jsonl import read_json, read_jsonl
from eventx.evaluation.model import (
    EvaluationInputError,
    EventMention,
    parse_attributes,
    parse_date,
    parse_filler,
    parse_fillers,
    parse_quantities,
)
from eventx.text.sentences import SentenceSpan, split_sentences

__all__ = [
    "GoldCorpus",
    "GoldDocument",
    "SourceDocument",
    "anchor_sentences",
    "load_documents",
    "load_gold",
    "locate_anchor",
    "locate_trigger",
]


@dataclass(frozen=True, slots=True)
class SourceDocument:
    doc_id: str
    text: str
    published: str | None


@dataclass(frozen=True, slots=True)
class GoldDocument:
    doc_id: str
    text: str
    published: str | None
    sentences: tuple[SentenceSpan, ...]
    events: tuple[EventMention, ...]

    def sentence_text_at(self, offset: int | None) -> str:
        """Text of the sentence holding ``offset`` ('' when it falls outside every sentence)."""
        if offset is None:
            return ""
        for span in self.sentences:
            if span.start <= offset < span.end:
                return self.text[span.start : span.end]
        return ""

    def spans_text(self, spans: tuple[SentenceSpan, ...]) -> str:
        if not spans:
            return ""
        return self.text[spans[0].start : spans[-1].end]


@dataclass(slots=True)
class GoldCorpus:
    documents: dict[str, GoldDocument]
    warnings: list[str]


def load_documents(docs_path: str | Path) -> tuple[dict[str, SourceDocument], list[str]]:
    """Read ``docs.jsonl`` (``id``, ``text``, ``published``); duplicates keep the first line."""
    documents: dict[str, SourceDocument] = {}
    warnings: list[str] = []
    for number, obj in read_jsonl(docs_path, "documents"):
        doc_id = obj.get("id", obj.get("doc_id"))
        text = obj.get("text")
        if not isinstance(doc_id, str) or not doc_id:
            raise EvaluationInputError(Errors.EVAL_DOCUMENT_ID.format(path=docs_path, line=number))
        if not isinstance(text, str):
            raise EvaluationInputError(Errors.EVAL_DOCUMENT_TEXT.format(path=docs_path, line=number, doc_id=doc_id))
        if doc_id in documents:
            warnings.append(f"{docs_path}, line {number}: duplicate document id {doc_id}; first one kept")
            continue
        published = obj.get("published")
        documents[doc_id] = SourceDocument(doc_id, text, published if isinstance(published, str) else None)
    return documents, warnings


def locate_anchor(text: str, anchor: str) -> tuple[int | None, str | None]:
    """``(start, None)`` for a unique verbatim anchor, else ``(None, reason)``."""
    if not anchor:
        return None, "empty anchor"
    first = text.find(anchor)
    if first == -1:
        return None, "anchor not found in the document text"
    if text.find(anchor, first + 1) != -1:
        return None, "anchor is not unique in the document text"
    return first, None


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LMN"


def locate_trigger(anchor: str, trigger: str) -> int | None:
    """Offset of ``trigger`` inside ``anchor``: the first whole-word occurrence, else the first one."""
    if not trigger:
        return None
    first = anchor.find(trigger)
    position = first
    while position != -1:
        before_ok = position == 0 or not _is_word_char(anchor[position - 1])
        end = position + len(trigger)
        after_ok = end == len(anchor) or not _is_word_char(anchor[end])
        if before_ok and after_ok:
            return position
        position = anchor.find(trigger, position + 1)
    return first if first != -1 else None


def anchor_sentences(sentences: tuple[SentenceSpan, ...], start: int, end: int) -> tuple[SentenceSpan, ...]:
    """The sentences that ``[start, end)`` overlaps; the span itself if it overlaps none."""
    overlapping = tuple(s for s in sentences if s.start < end and start < s.end)
    return overlapping or (SentenceSpan(start, end),)


def load_gold(gold_dir: str | Path, docs_path: str | Path) -> GoldCorpus:
    """Read every ``*.json`` in ``gold_dir`` and locate its events in the ``docs_path`` texts."""
    directory = Path(gold_dir)
    if not directory.is_dir():
        raise EvaluationInputError(Errors.GOLD_DIR_NOT_FOUND.format(path=directory))
    files = sorted(directory.glob("*.json"))
    if not files:
        raise EvaluationInputError(Errors.GOLD_DIR_EMPTY.format(path=directory))
    sources, warnings = load_documents(docs_path)
    documents: dict[str, GoldDocument] = {}
    for file in files:
        gold = read_json(file)
        if not isinstance(gold, Mapping):
            raise EvaluationInputError(Errors.GOLD_NOT_AN_OBJECT.format(where=file))
        doc_id = gold.get("doc_id") or file.stem
        if not isinstance(doc_id, str):
            raise EvaluationInputError(Errors.GOLD_DOC_ID_TYPE.format(path=file))
        if doc_id != file.stem:
            warnings.append(f"{file}: doc_id {doc_id!r} differs from the file name; using {doc_id!r}")
        if doc_id in documents:
            raise EvaluationInputError(Errors.GOLD_DOC_ID_REUSED.format(path=file, doc_id=doc_id))
        source = sources.get(doc_id)
        if source is None:
            warnings.append(f"gold document {doc_id}: not in {docs_path}; its events count as missed")
        documents[doc_id] = _gold_document(file, doc_id, gold, source, warnings)
    if not any(doc_id in sources for doc_id in documents):
        raise EvaluationInputError(Errors.GOLD_DOCS_MISMATCH.format(gold_dir=directory, docs=docs_path))
    return GoldCorpus(documents, warnings)


def _gold_document(
    file: Path, doc_id: str, gold: Mapping[str, Any], source: SourceDocument | None, warnings: list[str]
) -> GoldDocument:
    raw_events = gold.get("events", [])
    if not isinstance(raw_events, list):
        raise EvaluationInputError(Errors.GOLD_EVENTS_NOT_A_LIST.format(path=file))
    text = source.text if source else ""
    sentences = tuple(split_sentences(text))
    events = tuple(
        _gold_event(f"{file}: events[{i}]", doc_id, i, raw, text, sentences, source is not None, warnings)
        for i, raw in enumerate(raw_events)
    )
    published = source.published if source else gold.get("published")
    return GoldDocument(doc_id, text, published if isinstance(published, str) else None, sentences, events)


def _required_str(raw: Mapping[str, Any], name: str, where: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value:
        raise EvaluationInputError(Errors.GOLD_FIELD_REQUIRED.format(where=where, name=name))
    return value


def _gold_event(
    where: str,
    doc_id: str,
    index: int,
    raw: Any,
    text: str,
    sentences: tuple[SentenceSpan, ...],
    have_text: bool,
    warnings: list[str],
) -> EventMention:
    if not isinstance(raw, Mapping):
        raise EvaluationInputError(Errors.GOLD_NOT_AN_OBJECT.format(where=where))
    event_type = _required_str(raw, "type", where)
    anchor = _required_str(raw, "anchor", where)
    trigger = _required_str(raw, "trigger", where)

    trigger_start: int | None = None
    spans: tuple[SentenceSpan, ...] = ()
    if have_text:
        anchor_start, problem = locate_anchor(text, anchor)
        if anchor_start is None:
            warnings.append(f"gold {doc_id} event #{index} ({event_type}): {problem}: {anchor!r}; counted as missed")
        else:
            spans = anchor_sentences(sentences, anchor_start, anchor_start + len(anchor))
            offset = locate_trigger(anchor, trigger)
            if offset is None:
                warnings.append(
                    f"gold {doc_id} event #{index} ({event_type}): trigger {trigger!r} not in anchor {anchor!r};"
                    " using the anchor start"
                )
                offset = 0
            trigger_start = anchor_start + offset

    attribution = raw.get("attribution")
    return EventMention(
        doc_id=doc_id,
        label=f"gold #{index}",
        type=event_type,
        trigger_text=trigger,
        trigger_start=trigger_start,
        sentence_spans=spans,
        realis=raw.get("realis") if isinstance(raw.get("realis"), str) else None,
        attribution=None if attribution is None else parse_filler(attribution, f"{where}.attribution"),
        arguments=parse_fillers(raw.get("arguments"), f"{where}.arguments"),
        quantities=parse_quantities(raw.get("quantities"), f"{where}.quantities"),
        date=parse_date(raw.get("date"), f"{where}.date"),
        attributes=parse_attributes(raw.get("attributes"), f"{where}.attributes"),
        anchor=anchor,
    )
