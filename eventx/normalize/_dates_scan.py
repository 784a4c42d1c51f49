"""One pass of the date scanner over a folded text: candidates → hits → joined, widened hits.

Shared by :func:`eventx.normalize.dates.find_dates` (which maps the hits back to the original
text) and the figure scanner of :mod:`eventx.normalize.numbers` (which only needs the spans,
in the folded coordinates it works in, when the caller did not pass the dates it found).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

from eventx.normalize._dates_absolute import ABSOLUTE_BUILDERS
from eventx.normalize._dates_hits import Context, Hit
from eventx.normalize._dates_merge import merge_bracketed, merge_ranges, widen
from eventx.normalize._dates_patterns import candidate_matches
from eventx.normalize._dates_relative import RELATIVE_BUILDERS
from eventx.normalize._numbers_fold import FoldedText

__all__ = ["scan_dates"]

# Scanner alternative name (``m.lastgroup``) → the builder of that kind of expression.
_BUILDERS: Mapping[str, Callable[[re.Match[str], Context], Hit]] = {**ABSOLUTE_BUILDERS, **RELATIVE_BUILDERS}


def scan_dates(folded: FoldedText, published: dt.date | None) -> list[Hit]:
    """Hits in folded coordinates, valid ones only, in text order and not overlapping."""
    ctx = Context(folded, published)
    text = folded.text
    hits = [_BUILDERS[m.lastgroup](m, ctx) for m in candidate_matches(text) if m.lastgroup]
    if not hits:
        return []
    hits = merge_bracketed(hits, text)
    hits = merge_ranges(hits, text)
    widened = [widen(hit, text) for hit in hits if not hit.invalid]
    return [hit for hit in widened if not hit.needs_mod]
