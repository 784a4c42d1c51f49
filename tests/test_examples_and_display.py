"""The notebook-style example runs as written, and the HTML view marks entities and triggers."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from eventx.display import render_html
from eventx.pipeline import Pipeline

EXAMPLES = Path(__file__).parents[1] / "examples"


def test_quickstart_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES / "quickstart.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "TERRITORIAL_CONTROL" in out and "DEPLOYMENT" in out
    assert "PROTEST" in out  # the user pack next to the built-in one
    assert '<div dir="rtl"' in out


def test_render_html_escapes_text_and_marks_triggers_and_entities() -> None:
    doc = Pipeline(ner="gazetteer")("أرسلت كوريا الشمالية قوات إلى روسيا <b>.", published="2025-04-28")
    html = render_html(doc)
    assert html.startswith('<div dir="rtl"') and "&lt;b&gt;" in html and "<b>" not in html
    assert "<mark" in html and "DEPLOYMENT" in html
    assert 'title="GPE PRK"' in html and 'title="GPE RUS"' in html
    assert html.count("<mark") == html.count("</mark>") and html.count("<span") == html.count("</span>")
