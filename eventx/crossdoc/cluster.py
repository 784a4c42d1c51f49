"""Cross-report merging: events of different documents that describe one real-world event.

:func:`merge` reads document results, scores every pair of same-type events of different
documents (:func:`eventx.crossdoc.score.score_pair`), links the pairs that reach the threshold,
and returns the connected components (single link) as :class:`MergedEvent` records, one per
cluster, singletons included. Events are first sorted by document id and event id, so the
output does not depend on the input order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

from pydantic import ValidationError

from eventx.crossdoc.model import MergedArgument, MergedEvent, MergedFigure, PairEvidence, SourceRef
from eventx.crossdoc.score import THRESHOLD, EventItem, date_span, score_pair
from eventx.errors import Errors
from eventx.records import DocumentResult, Mention, TimeValue
from eventx.text.orthography import scoring_key

__all__ = ["coerce_results", "event_items", "merge"]


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    kinds = {list: "a list", str: "a string", int: "a number", float: "a number", type(None): "None"}
    return kinds.get(type(value), type(value).__name__)


def _reason(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ())) or "the object"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where}: {first.get('msg', 'invalid')}{more}"


def coerce_results(results: object) -> list[DocumentResult]:
    """Document results from ``DocumentResult`` objects, ``Document`` objects or result dicts
    (the JSON lines of ``eventx extract``); one of them alone counts as a list of one."""
    if isinstance(results, DocumentResult | Mapping) or callable(getattr(results, "to_result", None)):
        results = [results]
    if isinstance(results, str | bytes) or not isinstance(results, Iterable):
        raise TypeError(Errors.MERGE_NOT_A_RESULT.format(got=_kind(results), position=0))
    coerced: list[DocumentResult] = []
    for position, item in enumerate(results):
        where = f"item {position}"
        result: object = item
        to_result = getattr(item, "to_result", None)
        if callable(to_result) and not isinstance(item, DocumentResult):
            result = to_result()
        if isinstance(result, Mapping):
            try:
                result = DocumentResult.model_validate(dict(result))
            except ValidationError as exc:
                raise ValueError(Errors.MERGE_BAD_RESULT.format(where=where, reason=_reason(exc))) from None
        if not isinstance(result, DocumentResult):
            raise TypeError(Errors.MERGE_NOT_A_RESULT.format(got=_kind(item), position=position))
        if not result.doc_id:
            raise ValueError(Errors.MERGE_NO_DOC_ID.format(where=where))
        coerced.append(result)
    return coerced


def _natural(text: str) -> tuple[object, ...]:
    """``seed-000:e10`` after ``seed-000:e9``."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def event_items(results: Iterable[DocumentResult]) -> list[EventItem]:
    """Every event of every document, sorted by document id, event id and trigger offset."""
    items = [
        EventItem(
            doc_id=str(result.doc_id),
            published=result.published,
            event=event,
            order=(_natural(str(result.doc_id)), _natural(event.id), event.trigger.start),
        )
        for result in results
        for event in result.events
    ]
    return sorted(items, key=lambda item: item.order)


class _Components:
    """Union-find; the root of a set is its smallest index, so components come out in order."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _check_option(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0 or value == float("inf"):
        raise ValueError(Errors.MERGE_BAD_OPTION.format(name=name, value=value))
    return float(value)


def merge(
    results: Iterable[Any] | Any,
    window_days: float = 3,
    threshold: float = THRESHOLD,
    include_singletons: bool = True,
) -> list[MergedEvent]:
    """Cross-document merged events, in the order of their first source.

    Two events are linked when they come from different documents and :func:`score_pair`
    finds no veto and a total >= ``threshold``; clusters are the connected components of the
    links (single link), so two events of one document may share a cluster through a third
    document, but are never compared with each other. ``include_singletons=False`` drops the
    events no other document reports.
    """
    window = _check_option("window_days", window_days)
    limit = _check_option("threshold", threshold)
    items = event_items(coerce_results(results))
    components = _Components(len(items))
    links: list[tuple[int, int, PairEvidence]] = []
    by_type: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        by_type.setdefault(item.event.type, []).append(index)
    for indices in by_type.values():
        for i, j in combinations(indices, 2):
            if items[i].doc_id == items[j].doc_id:
                continue
            evidence = score_pair(items[i], items[j], window_days=window, threshold=limit)
            if evidence.linked:
                links.append((i, j, evidence))
                components.union(i, j)
    members: dict[int, list[int]] = {}
    for index in range(len(items)):
        members.setdefault(components.find(index), []).append(index)
    evidence_of: dict[int, list[PairEvidence]] = {}
    for i, _, evidence in sorted(links, key=lambda link: (link[0], link[1])):
        evidence_of.setdefault(components.find(i), []).append(evidence)
    merged = [
        _merged_event([items[i] for i in group], evidence_of.get(root, []))
        for root, group in sorted(members.items())
    ]
    return [m for m in merged if include_singletons or not m.singleton]


def _merged_id(first: EventItem) -> str:
    event_id = first.event.id
    return f"m:{event_id}" if event_id.startswith(f"{first.doc_id}:") else f"m:{first.doc_id}:{event_id}"


def _argument_key(mention: Mention) -> str:
    return f"id:{mention.id}" if mention.id else f"text:{scoring_key(mention.text) or mention.text}"


def _merged_arguments(group: list[EventItem]) -> dict[str, list[MergedArgument]]:
    merged: dict[str, dict[str, MergedArgument]] = {}
    for item in group:
        for role, fillers in item.event.arguments.items():
            seen: set[str] = set()
            slot = merged.setdefault(role, {})
            for mention in fillers:
                key = _argument_key(mention)
                if key in seen:
                    continue
                seen.add(key)
                if key in slot:
                    slot[key].count += 1
                    if slot[key].canonical is None and mention.canonical:
                        slot[key].canonical = mention.canonical
                else:
                    slot[key] = MergedArgument(
                        text=mention.text, kind=mention.kind, canonical=mention.canonical, id=mention.id, count=1
                    )
    return {role: list(slot.values()) for role, slot in sorted(merged.items())}


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _merged_quantities(group: list[EventItem]) -> dict[str, MergedFigure]:
    """Per figure role: the lowest low and the highest high over the sources (``max`` null when
    a source gives only a lower bound), the single values, approx when any source says so."""
    collected: dict[str, list[Any]] = {}
    for item in group:
        for role, quantity in item.event.quantities.items():
            collected.setdefault(role, []).append(quantity)
    figures: dict[str, MergedFigure] = {}
    for role, quantities in sorted(collected.items()):
        lows = [q.value if q.value is not None else q.min for q in quantities]
        highs = [q.value if q.value is not None else q.max for q in quantities]
        unbounded = any(q.value is None and q.max is None and q.min is not None for q in quantities)
        known_lows = [v for v in lows if v is not None]
        known_highs = [v for v in highs if v is not None]
        figures[role] = MergedFigure(
            min=min(known_lows) if known_lows else None,
            max=None if unbounded or not known_highs else max(known_highs),
            values=[_number(q.value) for q in quantities if q.value is not None],
            approx=any(q.approx for q in quantities),
            unit=next((q.unit for q in quantities if q.unit), None),
            count=len(quantities),
        )
    return figures


def _merged_date(group: list[EventItem]) -> TimeValue | None:
    best: tuple[int, int] | None = None
    chosen: TimeValue | None = None
    for position, item in enumerate(group):
        date = item.event.date
        span = date_span(date.value if date else None)
        if date is None or span is None:
            continue
        if best is None or (span.days, position) < best:
            best, chosen = (span.days, position), date
    return chosen.model_copy() if chosen else None


def _merged_attributes(group: list[EventItem]) -> dict[str, str | None]:
    keys = sorted({key for item in group for key in item.event.attributes})
    merged: dict[str, str | None] = {}
    for key in keys:
        values = [item.event.attributes.get(key) for item in group if item.event.attributes.get(key) is not None]
        merged[key] = Counter(values).most_common(1)[0][0] if values else None
    return merged


def _merged_event(group: list[EventItem], evidence: list[PairEvidence]) -> MergedEvent:
    first = group[0]
    realis_values = [item.event.realis for item in group]
    realis = "actual" if "actual" in realis_values else realis_values[0]
    return MergedEvent(
        merged_id=_merged_id(first),
        type=first.event.type,
        singleton=len(group) == 1,
        sources=[
            SourceRef(
                doc_id=item.doc_id,
                event_id=item.event.id,
                trigger=item.event.trigger.text,
                start=item.event.trigger.start,
                end=item.event.trigger.end,
                published=item.published,
                realis=item.event.realis,
            )
            for item in group
        ],
        arguments=_merged_arguments(group),
        quantities=_merged_quantities(group),
        date=_merged_date(group),
        realis=realis,
        attributes=_merged_attributes(group),
        evidence=evidence,
    )
