"""``eventx evaluate``: print the score table (or JSON) and return an exit code."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from eventx.evaluation.model import EvaluationInputError
from eventx.evaluation.scorer import evaluate

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "run_evaluate_cli"]

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def run_evaluate_cli(
    gold_dir: str,
    docs: str,
    pred: str,
    *,
    as_json: bool = False,
    show_errors: int = 0,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Score ``pred`` (JSONL of document results) against ``gold_dir`` + ``docs``.

    Prints the table (or, with ``as_json``, the report as JSON; with ``show_errors=N`` the
    first N error records are added) to stdout and warnings to stderr. Returns 0, or 2 with a
    one-line message (no traceback) when an input is missing or malformed.
    """
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    try:
        report = evaluate(gold_dir, docs, pred)
    except EvaluationInputError as exc:
        print(f"eventx evaluate: error: {exc}", file=err)
        return EXIT_BAD_INPUT
    for warning in report.warnings:
        print(f"eventx evaluate: warning: {warning}", file=err)
    limit = max(show_errors, 0)
    if as_json:
        payload = report.to_dict()
        if limit:
            payload["errors"] = [record.to_dict() for record in report.error_records[:limit]]
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
    else:
        print(report.format_table(), file=out)
        if limit and report.error_records:
            print(f"\nERRORS (first {min(limit, len(report.error_records))} of {len(report.error_records)})", file=out)
            print(report.format_errors(limit), file=out)
    return EXIT_OK
