"""HTML views of documents, results and corpora, for notebooks (see ``docs/display.md``).

    >>> doc = eventx.Pipeline()(text, published="2025-04-29")   # doctest: +SKIP
    >>> doc                        # in Jupyter: the highlighted text and the event table
    >>> result = eventx.extract(text, published="2025-04-29")   # doctest: +SKIP
    >>> result                     # the event table (a DocumentResult holds no text)
    >>> HTML(render_html(result, text=text))  # doctest: +SKIP   # both, from a result
    >>> Corpus(results)            # one summary row per document

In the text, entities are underlined in the colour of their kind, triggers highlighted in the
colour of their event type and numbered like the rows of the event table, dates and figures
boxed with their resolved values; hovering a trigger lists its arguments. Every piece of text
is escaped, the text is laid out right-to-left, and the HTML is self-contained: inline styles,
no script, nothing fetched.

This module reads documents and results by their attributes and imports neither
:mod:`eventx.doc` nor :mod:`eventx.records`, which import it lazily for ``_repr_html_``.
"""

from __future__ import annotations

import itertools
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any, overload

from eventx.errors import Errors

__all__ = ["Corpus", "render_corpus_html", "render_html"]

KIND_COLOURS = {
    "GPE": "#4fc3c3",
    "PER": "#8f7cf7",
    "ORG": "#f5a623",
    "LOC": "#6d9f9f",
    "FAC": "#9e9e9e",
    "FORCE": "#e05a5a",
    "WEAPON": "#b05fe8",
    "AGREEMENT": "#3fa37f",
    "OTHER": "#b8b89a",
}
TYPE_COLOURS = {
    "ATTACK": "#ffb3a7",
    "CASUALTY": "#ff9ec4",
    "DEPLOYMENT": "#ffe08a",
    "WITHDRAWAL": "#c9e7a5",
    "TREATY": "#a8d8ff",
    "TERRITORIAL_CONTROL": "#f7c98b",
}
_EXTRA_TYPE_COLOURS = ("#d7c4ff", "#b6f0e0", "#ffd1a8", "#e0e0a0", "#c8dcf0", "#f0c8e8", "#cfe8c0", "#f5d5d5")
DATE_COLOUR = "#2f6fb0"
FIGURE_COLOUR = "#2e8b57"

_FONT = "'Noto Naskh Arabic','Amiri','Geeza Pro','Arial',sans-serif"
_BOX = f"color:#1f1f1f;background:#fff;font-family:{_FONT};padding:8px 10px;border:1px solid #e3e3e3;border-radius:6px"
_TABLE = "border-collapse:collapse;margin-top:8px;font-size:0.92em;width:100%"
_CELL = "border:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:start"
_HEAD = _CELL + ";background:#f4f4f4;font-weight:bold;font-family:sans-serif"
_SUP = "font-size:0.62em;font-family:sans-serif;font-weight:bold;margin-inline-start:2px"
_MUTED = "color:#777;font-family:sans-serif;font-size:0.85em"


def type_colour(event_type: str) -> str:
    """The highlight colour of an event type (a fixed one for the built-in types)."""
    if event_type in TYPE_COLOURS:
        return TYPE_COLOURS[event_type]
    return _EXTRA_TYPE_COLOURS[zlib.crc32(event_type.encode("utf-8")) % len(_EXTRA_TYPE_COLOURS)]


def kind_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, "#bbb")


def _e(value: object) -> str:
    """Escaped text, quotes included (safe in element content and attribute values)."""
    return escape(str(value), quote=True)


# --- reading documents and results ------------------------------------------------------------


def _is_document(obj: object) -> bool:
    """An ``eventx.doc.Document`` (it has ``text`` and ``sentences``; a result has neither)."""
    return hasattr(obj, "sentences") and isinstance(getattr(obj, "text", None), str)


def _result_of(obj: Any) -> Any:
    """A ``DocumentResult`` for a Document or a DocumentResult (read by attributes: this module
    does not import the records it renders, which import it for ``_repr_html_``)."""
    if _is_document(obj):
        return obj.to_result()
    if not all(hasattr(obj, name) for name in ("events", "entities", "doc_id")):
        raise TypeError(Errors.DISPLAY_INPUT.format(got=type(obj).__name__))
    return obj


def _figure_value(quantity: Any) -> str:
    """``300``, ``≈300``, ``10000–12000``, ``≥ 50`` for a Quantity record."""
    approx = "≈" if getattr(quantity, "approx", False) else ""

    def number(x: float | int) -> str:
        return f"{x:,}" if isinstance(x, int) else f"{x:g}"

    if quantity.value is not None:
        return approx + number(quantity.value)
    low, high = quantity.min, quantity.max
    if low is not None and high is not None:
        return f"{approx}{number(low)}–{number(high)}"
    if low is not None:
        return f"≥{approx}{number(low)}"
    if high is not None:
        return f"≤{approx}{number(high)}"
    return "?"


def _date_value(time: Any) -> str:
    value = time.value if time.value is not None else "?"
    return f"{time.mod} {value}" if getattr(time, "mod", None) else str(value)


def _mention_label(mention: Any) -> str:
    extra = " · ".join(x for x in (mention.canonical, mention.id) if x)
    return f"{mention.text} ({extra})" if extra else mention.text


# --- marking up the text ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    """A span to mark: ``layer`` orders nesting (entities outside, triggers inside)."""

    start: int
    end: int
    layer: int
    opening: str
    closing: str
    label: str  # HTML put just before the closing tag at the span's real end
    kind: str = ""  # an entity's kind, for the legend


_ENTITY, _TIME, _TRIGGER = 0, 1, 2


def _entity_mark(start: int, end: int, kind: str, ident: str | None) -> _Mark:
    title = kind + (f" {ident}" if ident else "")  # the canonical name is in the event table
    colour = kind_colour(kind)
    return _Mark(
        start,
        end,
        _ENTITY,
        f'<span class="ex-ent" style="border-bottom:3px solid {colour};padding-bottom:1px" title="{_e(title)}">',
        "</span>",
        f'<sup style="{_SUP};color:{colour}">{_e(kind)}</sup>',
        kind,
    )


def _time_mark(start: int, end: int, what: str, value: str, title: str) -> _Mark:
    colour = DATE_COLOUR if what == "date" else FIGURE_COLOUR
    return _Mark(
        start,
        end,
        _TIME,
        f'<span class="ex-{what}" style="border:1px dashed {colour};border-radius:3px;padding:0 2px" '
        f'title="{_e(title)}">',
        "</span>",
        f'<sup dir="ltr" style="{_SUP};color:{colour}">{_e(value)}</sup>',
    )


def _event_summary(number: int, event: Any) -> str:
    """The trigger's tooltip: type, realis, arguments, figures, date, attribution."""
    lines = [f"#{number} {event.type} ({event.realis})"]
    lines += [f"{role}: {', '.join(_mention_label(m) for m in ms)}" for role, ms in event.arguments.items()]
    lines += [f"{role}: {q.text} = {_figure_value(q)}" for role, q in event.quantities.items()]
    if event.date is not None:
        lines.append(f"date: {event.date.text} = {_date_value(event.date)}")
    if event.attribution is not None:
        lines.append(f"according to: {_mention_label(event.attribution)}")
    return "\n".join(lines)


def _trigger_mark(number: int, event: Any) -> _Mark:
    colour = type_colour(event.type)
    return _Mark(
        event.trigger.start,
        event.trigger.end,
        _TRIGGER,
        f'<mark class="ex-trigger" data-type="{_e(event.type)}" style="background:{colour};color:inherit;'
        f'padding:1px 2px;border-radius:3px" title="{_e(_event_summary(number, event))}">',
        "</mark>",
        f'<sup dir="ltr" style="{_SUP}">#{number} {_e(event.type)}</sup>',
    )


def _find_in(text: str, needle: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of ``needle`` inside ``text[start:end]``, if it is there."""
    if not needle:
        return None
    at = text.find(needle, max(start, 0), max(end, 0))
    return (at, at + len(needle)) if at >= 0 else None


def _marks(obj: Any, text: str, result: Any) -> tuple[list[_Mark], int]:
    """Every mark for ``text``, and how many spans of the result do not match the text."""
    marks: list[_Mark] = []
    mismatched = 0

    def fits(start: int, end: int, surface: str) -> bool:
        nonlocal mismatched
        if 0 <= start <= end <= len(text) and text[start:end] == surface:
            return True
        mismatched += 1
        return False

    entity_spans: set[tuple[int, int]] = set()
    for entity in obj.entities if _is_document(obj) else result.entities:
        if fits(entity.start, entity.end, entity.text):
            entity_spans.add((entity.start, entity.end))
            marks.append(_entity_mark(entity.start, entity.end, entity.kind, entity.id))
    for number, event in enumerate(result.events, 1):
        if fits(event.trigger.start, event.trigger.end, event.trigger.text):
            marks.append(_trigger_mark(number, event))
        for mention in [m for ms in event.arguments.values() for m in ms] + [event.attribution]:
            if (
                mention is not None
                and (mention.start, mention.end) not in entity_spans
                and fits(mention.start, mention.end, mention.text)
            ):
                entity_spans.add((mention.start, mention.end))
                marks.append(_entity_mark(mention.start, mention.end, mention.kind, mention.id))

    time_spans: set[tuple[int, int]] = set()
    if _is_document(obj):  # the document knows where its dates and figures are
        for span in obj.dates:
            time_spans.add((span.start, span.end))
            marks.append(_time_mark(span.start, span.end, "date", _date_value(span.value), span.value.text))
        for span in obj.quantities:
            time_spans.add((span.start, span.end))
            marks.append(_time_mark(span.start, span.end, "figure", _figure_value(span.value), span.value.text))
    else:  # a result only has their text: find it in the event's sentence
        for event in result.events:
            sentence = event.sentence
            found: list[tuple[str, str, str, tuple[int, int] | None]] = [
                ("figure", _figure_value(q), f"{role}: {q.text}", _find_in(text, q.text, sentence.start, sentence.end))
                for role, q in event.quantities.items()
            ]
            if event.date is not None:
                found.append(
                    (
                        "date",
                        _date_value(event.date),
                        event.date.text,
                        _find_in(text, event.date.text, sentence.start, sentence.end),
                    )
                )
            for what, value, title, span in found:
                if span is not None and span not in time_spans:
                    time_spans.add(span)
                    marks.append(_time_mark(span[0], span[1], what, value, title))
    return marks, mismatched


def _highlight(text: str, marks: list[_Mark]) -> str:
    """``text`` escaped with ``marks`` as well-nested tags; a span crossing another is split."""
    marks = [m for m in marks if m.start < m.end]
    bounds = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    starting: dict[int, list[_Mark]] = {}
    for mark in marks:
        starting.setdefault(mark.start, []).append(mark)
    out: list[str] = []
    stack: list[_Mark] = []
    active: list[_Mark] = []
    for a, b in itertools.pairwise(bounds):
        active = sorted(
            [m for m in active if m.end > a] + starting.get(a, []), key=lambda m: (m.start, -m.end, m.layer)
        )
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        while len(stack) > keep:
            mark = stack.pop()
            out.append((mark.label if mark.end == a else "") + mark.closing)
        for mark in active[keep:]:
            out.append(mark.opening)
            stack.append(mark)
        out.append(escape(text[a:b]).replace("\n", "<br>"))
    while stack:
        mark = stack.pop()
        out.append(mark.label + mark.closing)
    return "".join(out)


# --- the views ---------------------------------------------------------------------------------


def _mention_html(mention: Any) -> str:
    """A mention's text, then its canonical name and id set apart (left-to-right)."""
    extra = " · ".join(x for x in (mention.canonical, mention.id) if x)
    html = f'<bdi title="{_e(mention.kind)}">{_e(mention.text)}</bdi>'
    return html + (f' <span dir="ltr" style="{_MUTED}">{_e(extra)}</span>' if extra else "")


def _source(text: str, unit: str | None = None) -> str:
    """The words a figure or date was read from (and a figure's unit), on a muted line."""
    unit_html = f' · <span dir="ltr">{_e(unit)}</span>' if unit else ""
    return f'<div style="{_MUTED}"><bdi>{_e(text)}</bdi>{unit_html}</div>'


def _event_table(result: Any) -> str:
    if not result.events:
        return f'<div style="{_MUTED};margin-top:8px">no events</div>'
    heads = ["#", "type", "trigger", "arguments", "figures", "date", "realis", "attribution"]
    rows = ["<tr>" + "".join(f'<th style="{_HEAD}">{h}</th>' for h in heads) + "</tr>"]
    for number, event in enumerate(result.events, 1):
        arguments = "".join(
            f'<div class="ex-arg"><strong style="font-family:sans-serif">{_e(role)}</strong>: '
            + "، ".join(_mention_html(m) for m in mentions)
            + "</div>"
            for role, mentions in event.arguments.items()
        )
        figures = "".join(
            f'<div class="ex-figure-row"><strong style="font-family:sans-serif">{_e(role)}</strong>: '
            f'<bdi dir="ltr" style="white-space:nowrap">{_e(_figure_value(q))}</bdi>{_source(q.text, q.unit)}</div>'
            for role, q in event.quantities.items()
        )
        date = (
            f'<bdi dir="ltr" style="white-space:nowrap">{_e(_date_value(event.date))}</bdi>{_source(event.date.text)}'
            if event.date is not None
            else ""
        )
        realis_style = "" if event.realis == "actual" else ";color:#b03030;font-weight:bold"
        attribution = _mention_html(event.attribution) if event.attribution is not None else ""
        extras = ", ".join(f"{k}={v}" for k, v in event.attributes.items() if v is not None)
        cells = [
            f"#{number}",
            f'<span style="background:{type_colour(event.type)};padding:0 4px;border-radius:3px;'
            f'font-family:sans-serif">{_e(event.type)}</span>'
            + (f'<div style="{_MUTED}">{_e(extras)}</div>' if extras else ""),
            f'<span class="ex-trigger-text">{_e(event.trigger.text)}</span>',
            arguments,
            figures,
            date,
            f'<span style="font-family:sans-serif{realis_style}">{_e(event.realis)}</span>',
            attribution,
        ]
        title = f"{event.id} · rule {event.rule} · confidence {event.confidence:g}"
        rows.append(
            f'<tr class="ex-event" title="{_e(title)}">'
            + "".join(f'<td style="{_CELL}">{c}</td>' for c in cells)
            + "</tr>"
        )
    return f'<table class="ex-events" style="{_TABLE}">{"".join(rows)}</table>'


def _legend(result: Any, kinds: Iterable[str]) -> str:
    chips = [
        f'<span style="border-bottom:3px solid {kind_colour(k)};margin-inline-end:8px">{_e(k)}</span>'
        for k in sorted(set(kinds))
    ]
    chips += [
        f'<span style="background:{type_colour(t)};padding:0 4px;border-radius:3px;margin-inline-end:8px">'
        f"{_e(t)}</span>"
        for t in sorted({e.type for e in result.events})
    ]
    chips += [
        f'<span style="border:1px dashed {DATE_COLOUR};padding:0 3px;margin-inline-end:8px">date</span>',
        f'<span style="border:1px dashed {FIGURE_COLOUR};padding:0 3px">figure</span>',
    ]
    return f'<div dir="ltr" style="{_MUTED};margin:4px 0 6px 0">{"".join(chips)}</div>'


def _header(result: Any) -> str:
    parts = []
    if result.doc_id:
        parts.append(f"<strong>{_e(result.doc_id)}</strong>")
    if result.published:
        parts.append(f"published {_e(result.published)}")
    parts.append(f"{len(result.events)} event{'s' * (len(result.events) != 1)}")
    parts.append(f"{len(result.entities)} entit{'ies' if len(result.entities) != 1 else 'y'}")
    return f'<div dir="ltr" style="{_MUTED}">{" · ".join(parts)}</div>'


def _warnings_of(obj: Any, result: Any) -> list[str]:
    """The result's warnings, and the error of a document that ``pipe(on_error="report")`` kept."""
    warnings = list(result.warnings)
    error = getattr(obj, "meta", {}).get("error") if _is_document(obj) else None
    if error and not any(str(error) in w for w in warnings):
        warnings.insert(0, f"error: {error}")
    return warnings


def _warnings(messages: Sequence[str]) -> str:
    if not messages:
        return ""
    items = "".join(f"<li>{_e(m)}</li>" for m in messages)
    return (
        f'<ul class="ex-warnings" dir="auto" style="background:#fff6d6;border:1px solid #f0d98c;border-radius:4px;'
        f'margin:6px 0;padding:4px 4px 4px 24px;font-size:0.85em">{items}</ul>'
    )


def render_html(obj: Any, text: str | None = None) -> str:
    """A self-contained ``<div dir="rtl">`` view of a ``Document`` or a ``DocumentResult``.

    A Document shows its text with entities, triggers, dates and figures marked, then the event
    table. A DocumentResult holds no text: it shows the table, and the marked text too when
    ``text`` (the document's original text, which the result's offsets index) is given. Spans
    that do not match ``text`` are left unmarked and counted in a note.
    """
    result = _result_of(obj)
    if text is None and _is_document(obj):
        text = obj.text
    parts = [_header(result)]
    if text is not None:
        marks, mismatched = _marks(obj, text, result)
        parts.append(_legend(result, [m.kind for m in marks if m.layer == _ENTITY]))
        # A text that is not Arabic (``language="und"``) takes its direction from its own letters.
        direction = "" if getattr(result, "language", "ar") == "ar" else ' dir="auto" lang="und"'
        parts.append(
            f'<div class="ex-text"{direction} style="line-height:2.4;font-size:1.15em">{_highlight(text, marks)}</div>'
        )
        if mismatched:
            parts.append(
                f'<div dir="ltr" style="{_MUTED};color:#b03030">{mismatched} span(s) of the result do not match '
                "the given text and are not marked (is it the document's original text?)</div>"
            )
    warnings = _warnings_of(obj, result)
    parts.append(_warnings(warnings))
    parts.append(_event_table(result))
    return f'<div dir="rtl" lang="ar" class="eventx" style="{_BOX}">{"".join(parts)}</div>'


def render_corpus_html(results: Iterable[Any]) -> str:
    """A summary table of many documents or results: one row per document with its id,
    publication date, events per type, entity count and warnings, and a total row."""
    rows_in = [(obj, _result_of(obj)) for obj in results]
    types = sorted({e.type for _, r in rows_in for e in r.events})
    heads = ["#", "doc id", "published", *types, "events", "entities", "warnings"]
    head = (
        "<tr>"
        + "".join(
            f'<th style="{_HEAD}' + (f";background:{type_colour(h)}" if h in types else "") + f'">{_e(h)}</th>'
            for h in heads
        )
        + "</tr>"
    )
    rows = [head]
    totals: Counter[str] = Counter()
    for index, (obj, result) in enumerate(rows_in):
        counts = Counter(e.type for e in result.events)
        totals.update(counts)
        totals["events"] += len(result.events)
        totals["entities"] += len(result.entities)
        warnings = _warnings_of(obj, result)
        totals["warnings"] += len(warnings)
        warning_cell = "".join(f'<div dir="auto">{_e(w)}</div>' for w in warnings)
        cells = [
            str(index),
            _e(result.doc_id or ""),
            f'<span style="white-space:nowrap">{_e(result.published or "")}</span>',
            *(str(counts[t]) if counts[t] else "" for t in types),
            str(len(result.events)),
            str(len(result.entities)),
            warning_cell,
        ]
        rows.append('<tr class="ex-doc">' + "".join(f'<td style="{_CELL}">{c}</td>' for c in cells) + "</tr>")
    total_cells = [
        "",
        f"{len(rows_in)} document{'s' * (len(rows_in) != 1)}",
        "",
        *(str(totals[t]) for t in types),
        str(totals["events"]),
        str(totals["entities"]),
        str(totals["warnings"]),
    ]
    rows.append('<tr class="ex-total">' + "".join(f'<td style="{_HEAD}">{c}</td>' for c in total_cells) + "</tr>")
    return (
        f'<div dir="ltr" class="eventx-corpus" style="{_BOX};font-family:sans-serif">'
        f'<table style="{_TABLE}">{"".join(rows)}</table></div>'
    )


class Corpus(Sequence[Any]):
    """A list of documents or results that a notebook shows as a summary table.

    ``Corpus(nlp.pipe(texts))`` or ``Corpus(eventx.extract(t) for t in texts)``; ``len``,
    iteration and indexing work as on a list; ``corpus[3]`` is the item itself (shown with its
    own view), ``corpus[:10]`` a smaller Corpus.
    """

    def __init__(self, items: Iterable[Any] = ()) -> None:
        self._items = list(items)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items)

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> Corpus: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return Corpus(self._items[index])
        return self._items[index]

    def __repr__(self) -> str:
        return f"Corpus({len(self._items)} documents)"

    def _repr_html_(self) -> str:
        return render_corpus_html(self._items)
