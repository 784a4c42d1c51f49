"""HTML rendering of a document's entities and event triggers, for notebooks.

    >>> from eventx.display import render_html
    >>> html = render_html(doc)            # doctest: +SKIP
    >>> from IPython.display import HTML; HTML(html)  # doctest: +SKIP

Entities are underlined and labelled with their kind and id, triggers highlighted with the
event type; hovering a trigger shows its arguments. The text is escaped and laid out
right-to-left.
"""

from __future__ import annotations

from html import escape

from eventx.doc import Document

__all__ = ["render_html"]

_KIND_COLOURS = {
    "GPE": "#7aecec",
    "PER": "#aa9cfc",
    "ORG": "#feca74",
    "LOC": "#9cc9cc",
    "FAC": "#ddd",
    "FORCE": "#f4a6a6",
    "WEAPON": "#c887fb",
    "AGREEMENT": "#bfe1d9",
    "OTHER": "#e4e7d2",
}


def render_html(doc: Document) -> str:
    """A self-contained ``<div dir="rtl">`` with entities and triggers marked up."""
    marks: list[tuple[int, int, str, str]] = []
    for entity in doc.entities:
        label = entity.kind + (f" {entity.id}" if entity.id else "")
        colour = _KIND_COLOURS.get(entity.kind, "#eee")
        marks.append(
            (
                entity.start,
                entity.end,
                f'<span style="border-bottom:3px solid {colour}" title="{escape(label)}">',
                f'<sup style="font-size:0.6em">{escape(label)}</sup></span>',
            )
        )
    for event in doc.events:
        roles = "; ".join(f"{r}: {', '.join(m.text for m in ms)}" for r, ms in event.arguments.items())
        title = escape(f"{event.type} ({event.realis}) {roles}")
        marks.append(
            (
                event.trigger.start,
                event.trigger.end,
                f'<mark style="background:#ffe08a;padding:0 2px" title="{title}">',
                f'<sup style="font-size:0.6em;font-weight:bold">{escape(event.type)}</sup></mark>',
            )
        )
    # Open longer spans first so nested marks close in the right order; drop crossing spans.
    marks.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    out: list[str] = []
    position = 0
    stack: list[tuple[int, str]] = []
    for start, end, opening, closing in marks:
        if stack and start < stack[-1][0] < end:
            continue  # crosses an open span
        while stack and stack[-1][0] <= start:
            close_at, close_tag = stack.pop()
            out.append(escape(doc.text[position:close_at]) + close_tag)
            position = close_at
        out.append(escape(doc.text[position:start]) + opening)
        position = start
        stack.append((end, closing))
    while stack:
        close_at, close_tag = stack.pop()
        out.append(escape(doc.text[position:close_at]) + close_tag)
        position = close_at
    out.append(escape(doc.text[position:]))
    body = "".join(out).replace("\n", "<br>")
    return f'<div dir="rtl" style="line-height:2.2;font-size:1.1em">{body}</div>'
