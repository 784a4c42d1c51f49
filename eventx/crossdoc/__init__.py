"""Cross-report merging (spec §3), exposed as :func:`eventx.merge`: events of different
documents that describe the same real-world event become one :class:`MergedEvent`, with the
evidence of every link.

>>> import eventx
>>> merged = eventx.merge([result_a, result_b], window_days=3)  # doctest: +SKIP

See ``docs/merge.md`` for the scoring rules, the threshold and the evaluation.
"""

from __future__ import annotations

from eventx.crossdoc.cluster import merge
from eventx.crossdoc.model import (
    EventRef,
    MergedArgument,
    MergedEvent,
    MergedFigure,
    PairEvidence,
    Reason,
    SourceRef,
)
from eventx.crossdoc.score import THRESHOLD, WEIGHTS, score_pair

__all__ = [
    "THRESHOLD",
    "WEIGHTS",
    "EventRef",
    "MergedArgument",
    "MergedEvent",
    "MergedFigure",
    "PairEvidence",
    "Reason",
    "SourceRef",
    "merge",
    "score_pair",
]
