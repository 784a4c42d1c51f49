"""The ``normalize`` component: resolved dates and figures on the Document.

It runs after the entities and before the rule engine, which only reads what it attaches:

* ``doc.dates`` -- every time expression with its value resolved against ``doc.published``
  (:func:`eventx.normalize.find_dates`); a relative one ("أمس") keeps ``value: null`` when the
  document has no publication date, and the document then carries a warning saying so
  (:data:`NO_PUBLISHED_WARNING`, only then: "منذ أشهر" has no value even with a date, and
  that is no reason to claim the date is missing); one whose value would fall outside
  ``datetime.date``'s years 1 to 9999 also keeps ``value: null``, with
  :data:`OUT_OF_RANGE_WARNING`;
* ``doc.quantities`` -- every figure (:func:`eventx.normalize.find_quantities`), skipping the
  numbers that belong to a time expression ("3 مارس" is a date, not 3 people).

Entity ids are attached earlier, by the ``ner`` component, because its merge of model and
gazetteer spans needs them.
"""

from __future__ import annotations

from eventx.component import ComponentConfig, Processor, registry
from eventx.doc import DateSpan, Document, QuantitySpan
from eventx.normalize.dates import find_dates
from eventx.normalize.numbers import find_quantities

__all__ = ["NO_PUBLISHED_WARNING", "OUT_OF_RANGE_WARNING", "NormalizeProcessor"]

NO_PUBLISHED_WARNING = "no publication date: relative dates left unresolved"
OUT_OF_RANGE_WARNING = "date out of range: relative dates before year 1 or after year 9999 left unresolved"


class NormalizeProcessor(Processor):
    """Dates and figures of the whole document, in text order."""

    name = "normalize"
    provides = frozenset({"normalize"})

    def process(self, doc: Document) -> Document:
        dates = find_dates(doc.text, doc.published)
        # Which digits belong to a date does not depend on the publication date: "29 فبراير" is
        # a date expression (with no value) even in a year without that day, never 29 people.
        date_shapes = dates if doc.published is None else find_dates(doc.text, None)
        doc.dates = sorted(
            (DateSpan(m.start, m.end, m.value, m.relative, m.kind) for m in dates), key=lambda d: d.start
        )
        doc.quantities = sorted(
            (QuantitySpan(m.start, m.end, m.value) for m in find_quantities(doc.text, dates=date_shapes)),
            key=lambda q: q.start,
        )
        if not doc.published and any(d.relative and d.value.value is None for d in doc.dates):
            _warn_once(doc, NO_PUBLISHED_WARNING)
        if any(m.out_of_range for m in dates):
            _warn_once(doc, OUT_OF_RANGE_WARNING)
        doc.processed.add(self.name)
        return doc

    def describe(self) -> str:
        return "normalize: dates (Gregorian and Hijri, relative to the publication date) and figures"


def _warn_once(doc: Document, warning: str) -> None:
    if warning not in doc.warnings:
        doc.warnings.append(warning)


@registry.factory("normalize", config=ComponentConfig)
def make_normalize(config: ComponentConfig) -> Processor:
    return NormalizeProcessor()
