"""The Python examples in docs/ run as written (each page's blocks in order, from the repo root)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PAGES = ["architecture.md"]


def _blocks(page: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", (ROOT / "docs" / page).read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("page", PAGES)
def test_doc_examples_run(page: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from eventx.component import registry

    blocks = _blocks(page)
    assert len(blocks) >= 3
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "docs_example"}
    try:
        for block in blocks:
            exec(compile(block, f"docs/{page}", "exec"), namespace)
    finally:
        registry.unregister("keyword_flag")
    out = capsys.readouterr().out
    assert "x:golden-eagle-front" in out
    assert "{'has_keyword': True}" in out
    assert "protest" in out
