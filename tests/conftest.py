"""Shared fixtures: the dev corpus from ../shared and the optional model directories."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).parents[1].parent / "shared"
DEV_DOCS = SHARED / "corpus" / "dev" / "docs.jsonl"
CAMEL_DATA = SHARED / "data" / "camel"
STANZA_TEST_MODELS = SHARED / "models" / "stanza-ar-test"

# Tests run with these unless the caller set them (CI sets them explicitly).
os.environ.setdefault("CAMELTOOLS_DATA", str(CAMEL_DATA))
os.environ.setdefault("EVENTX_STANZA_DIR", str(STANZA_TEST_MODELS))




@pytest.fixture(scope="session")
def dev_docs() -> list[dict[str, Any]]:
    """The 25 dev documents (id, source, published, text)."""
    if not DEV_DOCS.is_file():
        pytest.skip(f"dev corpus not found at {DEV_DOCS}")
    with DEV_DOCS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def camel_available() -> bool:
    from eventx.morph.camel import find_camel_db

    return find_camel_db() is not None


def stanza_available() -> bool:
    from eventx.morph.stanza_backend import find_stanza_dir

    return find_stanza_dir() is not None


needs_camel = pytest.mark.skipif(
    not (CAMEL_DATA.is_dir() or os.environ.get("CAMELTOOLS_DATA")) or not camel_available(),
    reason="camel-tools morphology DB not installed (set CAMELTOOLS_DATA)",
)
needs_stanza = pytest.mark.skipif(
    not stanza_available(), reason="stanza Arabic models not found (set EVENTX_STANZA_DIR)"
)


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str | None = None) -> tuple[int, str, str]:
    """Run ``eventx`` with ``argv`` (and ``stdin`` text): its exit status, stdout and stderr.
    A usage error (SystemExit) gives its status like a shell would."""
    from eventx.cli import main

    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err
