"""Reading JSON Lines and JSON files with errors that name the file and line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventx.evaluation.model import EvaluationInputError

__all__ = ["read_json", "read_jsonl"]


def read_jsonl(path: str | Path, what: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, object)`` for each non-blank line; ``what`` names the file's role."""
    file = Path(path)
    if not file.is_file():
        raise EvaluationInputError(f"{what} file not found: {file}")
    try:
        with file.open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EvaluationInputError(f"{file}, line {number}: malformed JSON ({exc.msg})") from None
                if not isinstance(obj, dict):
                    raise EvaluationInputError(
                        f"{file}, line {number}: expected a JSON object, got {type(obj).__name__}"
                    )
                yield number, obj
    except UnicodeDecodeError as exc:
        raise EvaluationInputError(f"{file}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise EvaluationInputError(f"{file}: cannot read ({exc.strerror})") from None


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise EvaluationInputError(f"{path}: malformed JSON at line {exc.lineno} ({exc.msg})") from None
    except UnicodeDecodeError as exc:
        raise EvaluationInputError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise EvaluationInputError(f"{path}: cannot read ({exc.strerror})") from None
