"""Normalizers the event rules call: dates → TimeValue, figures → Quantity, names → ids.

Public API (stable; the external evaluation calls exactly these):

* :func:`parse_date` -- the first time expression in a text, resolved against ``published``.
* :func:`parse_quantity` -- the first figure in a text.
* :func:`link` -- a :class:`~eventx.records.Mention` with ``canonical`` and ``id`` for a name.
"""

from __future__ import annotations

from eventx.normalize.dates import find_dates, parse_date
from eventx.normalize.linking import actor_id, link, link_span
from eventx.normalize.numbers import find_quantities, parse_quantity

__all__ = ["actor_id", "find_dates", "find_quantities", "link", "link_span", "parse_date", "parse_quantity"]
