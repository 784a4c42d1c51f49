"""Scoring event extraction output against gold annotations (spec §8).

>>> from eventx.evaluation import evaluate
>>> report = evaluate("corpus/dev/gold", "corpus/dev/docs.jsonl", "pred.jsonl")  # doctest: +SKIP
>>> print(report.format_table())  # doctest: +SKIP

Modules: :mod:`~eventx.evaluation.gold` (gold loading, anchor location, sentence spans),
:mod:`~eventx.evaluation.predictions` (reading document results),
:mod:`~eventx.evaluation.matching` (argument/quantity/date rules),
:mod:`~eventx.evaluation.scorer` (event matching and counting),
:mod:`~eventx.evaluation.report` (figures and error records),
:mod:`~eventx.evaluation.oracle` (gold as predictions) and :mod:`~eventx.evaluation.cli`.
See ``docs/evaluation.md`` for the scoring decisions.
"""

from __future__ import annotations

from eventx.evaluation.cli import run_evaluate_cli
from eventx.evaluation.matching import text_matches
from eventx.evaluation.model import EvaluationInputError
from eventx.evaluation.oracle import gold_to_predictions
from eventx.evaluation.report import Accuracy, Counts, ErrorRecord, EvaluationReport
from eventx.evaluation.scorer import evaluate

__all__ = [
    "Accuracy",
    "Counts",
    "ErrorRecord",
    "EvaluationInputError",
    "EvaluationReport",
    "evaluate",
    "gold_to_predictions",
    "run_evaluate_cli",
    "text_matches",
]
