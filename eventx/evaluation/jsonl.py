"""Reading JSON Lines and JSON files with errors that name the file and line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventx.errors import Errors
from eventx.evaluation.model import EvaluationInputError

__all__ = ["read_json", "read_jsonl"]


def read_jsonl(path: str | Path, what: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, object)`` for each non-blank line; ``what`` names the file's role."""
    file = Path(path)
    if not file.is_file():
        raise EvaluationInputError(Errors.EVAL_FILE_NOT_FOUND.format(what=what, path=file))
    try:
        with file.open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EvaluationInputError(
                        Errors.EVAL_MALFORMED_JSON_LINE.format(path=file, line=number, reason=exc.msg)
                    ) from None
                if not isinstance(obj, dict):
                    raise EvaluationInputError(
                        Errors.EVAL_LINE_NOT_AN_OBJECT.format(path=file, line=number, got=type(obj).__name__)
                    )
                yield number, obj
    except UnicodeDecodeError as exc:
        raise EvaluationInputError(Errors.EVAL_NOT_UTF8.format(path=file, reason=exc.reason)) from None
    except OSError as exc:
        raise EvaluationInputError(Errors.EVAL_UNREADABLE.format(path=file, reason=exc.strerror)) from None


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise EvaluationInputError(
            Errors.EVAL_MALFORMED_JSON.format(path=path, line=exc.lineno, reason=exc.msg)
        ) from None
    except UnicodeDecodeError as exc:
        raise EvaluationInputError(Errors.EVAL_NOT_UTF8.format(path=path, reason=exc.reason)) from None
    except OSError as exc:
        raise EvaluationInputError(Errors.EVAL_UNREADABLE.format(path=path, reason=exc.strerror)) from None
