"""examples/tour.ipynb runs from top to bottom in a real kernel and shows what it promises:
the HTML views, the DataFrame and the plot."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[1] / "examples"


def test_the_tour_notebook_runs_and_shows_html_a_table_and_a_plot() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    notebook = nbformat.read(EXAMPLES / "tour.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}
    )
    client.execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    joined = "\n".join(html)
    assert 'dir="rtl"' in joined  # the document view
    assert "تعلن" in joined or "أعلنت" in joined  # the article's own text is in it
    assert "tour-3" in joined  # the corpus summary lists every document
    assert "trigger_text" in joined  # the DataFrame
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the plot
    printed = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "4 documents" in printed
