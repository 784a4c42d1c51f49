"""`eventx extract` on real corpora: worker processes, directories, ids for documents without
one, non-Arabic text, --published for JSONL, the progress display, and the backend advice."""

from __future__ import annotations

import io
import json
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

import eventx.morph.processor as morph_processor
from eventx.cli import _derived_stems, _progress_wanted
from eventx.pipeline import Pipeline
from eventx.rules.processor import NOT_ARABIC_WARNING
from eventx.text.language import arabic_letter_share, detect_language

DEV_DOCS = Path(__file__).parents[1].parent / "shared" / "corpus" / "dev" / "docs.jsonl"
ARTICLE = "قُتل 5 أشخاص وأصيب 12 آخرون في قصف على مدينة خاركيف أمس."
DEPLOYMENT = "أرسلت كوريا الشمالية قوات إلى روسيا."
ENGLISH = "Five people were killed and 12 wounded in shelling on the city of Kharkiv yesterday."


_run = run_cli


def _results(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def _jsonl(*items: dict[str, Any]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


@pytest.fixture()
def advice_said(monkeypatch: pytest.MonkeyPatch) -> None:
    """The backend advice counts as already said in this process (stderr stays comparable)."""
    monkeypatch.setattr(morph_processor, "_SAID", {"morph-fallback", "no-parser"})


# -- --n-process -----------------------------------------------------------------------------


@pytest.mark.skipif(not DEV_DOCS.is_file(), reason=f"dev corpus not found at {DEV_DOCS}")
def test_two_processes_write_the_dev_output_byte_for_byte(
    capsys: pytest.CaptureFixture[str], advice_said: None
) -> None:
    code, one, err = _run(["extract", "--format", "jsonl", str(DEV_DOCS)], capsys)
    assert code == 0 and err == ""
    code, two, err = _run(["extract", "--n-process", "2", "--format", "jsonl", str(DEV_DOCS)], capsys)
    assert code == 0 and err == ""
    assert two == one and len(one.splitlines()) == 25


def test_two_processes_report_bad_lines_as_one_process_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], advice_said: None
) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        _jsonl({"id": "a", "text": ARTICLE}) + "{broken\n" + _jsonl({"id": "b", "text": None})
        + _jsonl({"id": "c", "text": DEPLOYMENT, "published": "bad"}, {"id": "d", "text": DEPLOYMENT}),
        encoding="utf-8",
    )
    runs = [_run(["extract", "--n-process", n, str(path)], capsys) for n in ("1", "2")]
    assert runs[0] == runs[1]
    code, out, err = runs[0]
    assert code == 1 and [r["doc_id"] for r in _results(out)] == ["a", "d"]
    where = [line.split(": ")[0] for line in err.splitlines()]
    assert where == [f"{path}:2", f"{path}:3", f"{path}:4", "[E716] eventx"]


def test_a_bad_n_process_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["extract", "--n-process", "0", "-"], capsys, stdin="")
    assert code == 2 and out == "" and "[E010]" in err


# -- directories ------------------------------------------------------------------------------


def test_a_directory_stands_for_its_txt_and_jsonl_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], advice_said: None
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "b.txt").write_text(DEPLOYMENT, encoding="utf-8")
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "c.jsonl").write_text(_jsonl({"id": "c1", "text": ARTICLE}, {"text": DEPLOYMENT}), encoding="utf-8")
    (corpus / "notes.md").write_text("ignored", encoding="utf-8")
    (corpus / "sub" / "d.txt").write_text(DEPLOYMENT, encoding="utf-8")
    code, out, err = _run(["extract", "--published", "2025-04-28", str(corpus)], capsys)
    assert code == 0 and err == ""
    assert [r["doc_id"] for r in _results(out)] == ["a", "b", "c1", "c:2"]
    code, out, _ = _run(["extract", "--recursive", str(corpus)], capsys)
    assert code == 0 and [r["doc_id"] for r in _results(out)] == ["a", "b", "c1", "c:2", "d"]


def test_a_directory_text_file_that_looks_like_json_is_still_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], advice_said: None
) -> None:
    (tmp_path / "brace.txt").write_text("{" + ARTICLE, encoding="utf-8")
    code, out, err = _run(["extract", str(tmp_path)], capsys)
    assert code == 0 and err == "" and [r["doc_id"] for r in _results(out)] == ["brace"]


# -- ids of documents without one ------------------------------------------------------------


def test_documents_without_ids_get_ids_from_their_input_and_event_ids_never_repeat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], advice_said: None
) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "report.txt").write_text(ARTICLE, encoding="utf-8")
    (second / "report.txt").write_text(ARTICLE, encoding="utf-8")
    lines = tmp_path / "lines.jsonl"
    lines.write_text(_jsonl({"text": ARTICLE}, {"id": "kept", "text": ARTICLE}, {"id": None, "text": ARTICLE}),
                     encoding="utf-8")
    argv = ["extract", str(first / "report.txt"), str(second / "report.txt"), str(lines), "-"]
    code, out, err = _run(argv, capsys, stdin=_jsonl({"text": ARTICLE}, {"text": DEPLOYMENT}))
    assert code == 0 and err == ""
    results = _results(out)
    assert [r["doc_id"] for r in results] == [
        "report", "report~2", "lines:1", "kept", "lines:3", "stdin:1", "stdin:2"
    ]
    event_ids = [e["id"] for r in results for e in r["events"]]
    assert len(event_ids) > len(results) and len(set(event_ids)) == len(event_ids)
    assert all(e["id"].startswith(f"{r['doc_id']}:e") for r in results for e in r["events"])


def test_a_text_on_standard_input_is_named_stdin(capsys: pytest.CaptureFixture[str], advice_said: None) -> None:
    code, out, _ = _run(["extract", "--input-format", "txt", "-"], capsys, stdin=ARTICLE)
    assert code == 0 and [r["doc_id"] for r in _results(out)] == ["stdin"]


def test_derived_stems_are_unique() -> None:
    assert _derived_stems(["a/x.txt", "b/x.txt", "x.jsonl", "-", "stdin.txt", "c/x~2.txt"]) == [
        "x", "x~2", "x~3", "stdin", "stdin~2", "x~2~2"
    ]


# -- language ---------------------------------------------------------------------------------


def test_language_detection_counts_letters() -> None:
    assert detect_language(ARTICLE) == "ar" and detect_language(ENGLISH) == "und"
    assert detect_language("") == "ar" and detect_language("2025-04-28 !") == "ar"  # no letters: Arabic
    assert detect_language("قال مسؤول في NATO إن القوات انسحبت.") == "ar"
    assert detect_language("NATO said قتل") == "und"
    assert arabic_letter_share("قتل abc") == 0.5 and detect_language("قتل abc") == "ar"
    assert arabic_letter_share("12 ...") is None
    assert detect_language("ﻗﺘﻞ") == "ar"  # presentation forms are Arabic script


def test_english_text_is_und_with_no_events_and_a_warning(
    capsys: pytest.CaptureFixture[str], advice_said: None
) -> None:
    stdin = _jsonl({"id": "en", "text": ENGLISH, "published": "2025-04-28"}, {"id": "ar", "text": ARTICLE})
    code, out, err = _run(["extract", "-"], capsys, stdin=stdin)
    assert code == 0 and err == ""
    english, arabic = _results(out)
    assert english["language"] == "und" and english["events"] == [] and NOT_ARABIC_WARNING in english["warnings"]
    assert arabic["language"] == "ar" and arabic["events"] and NOT_ARABIC_WARNING not in arabic["warnings"]


def test_the_pipeline_labels_the_document_and_ner_still_runs() -> None:
    nlp = Pipeline(morph="builtin", ner="gazetteer")
    doc = nlp(ENGLISH)
    assert doc.language == "und" and doc.events == [] and doc.warnings == [NOT_ARABIC_WARNING]
    assert {"tokenize", "ner", "events"} <= doc.processed and doc.to_result().language == "und"
    arabic = nlp(ARTICLE)
    assert arabic.language == "ar" and arabic.events and arabic.to_result().language == "ar"


# -- --published ------------------------------------------------------------------------------


def test_published_fills_jsonl_lines_without_one(capsys: pytest.CaptureFixture[str], advice_said: None) -> None:
    stdin = _jsonl(
        {"id": "none", "text": ARTICLE},
        {"id": "null", "text": ARTICLE, "published": None},
        {"id": "own", "text": ARTICLE, "published": "2024-01-15"},
    )
    code, out, _ = _run(["extract", "--published", "2025-04-28", "-"], capsys, stdin=stdin)
    assert code == 0
    results = {r["doc_id"]: r for r in _results(out)}
    assert {k: r["published"] for k, r in results.items()} == {
        "none": "2025-04-28", "null": "2025-04-28", "own": "2024-01-15"
    }
    code, out, _ = _run(["extract", "-"], capsys, stdin=stdin)
    assert [r["published"] for r in _results(out)] == [None, None, "2024-01-15"]


# -- progress display and backend advice ------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_not_with_quiet() -> None:
    assert _progress_wanted(False, _Terminal()) is True
    assert _progress_wanted(True, _Terminal()) is False
    assert _progress_wanted(False, io.StringIO()) is False
    assert _progress_wanted(False, None) is False


def test_progress_is_drawn_on_a_terminal_and_nothing_extra_otherwise(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, advice_said: None
) -> None:
    stdin = _jsonl({"id": "a", "text": ARTICLE}) + "{broken\n"
    code, out, err = _run(["extract", "-"], capsys, stdin=stdin)  # captured stderr is not a terminal
    assert code == 1 and "doc/s" not in err and len(err.splitlines()) == 2
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code, tty_out, _ = _run(["extract", "-"], capsys, stdin=stdin)
    drawn = terminal.getvalue()
    assert code == 1 and tty_out == out
    assert "eventx extract: 2 documents" in drawn and "doc/s" in drawn and "1 refused" in drawn
    assert "<stdin>:2: [E713]" in drawn
    terminal.seek(0)
    terminal.truncate()
    code, _, _ = _run(["extract", "--quiet", "-"], capsys, stdin=stdin)
    assert "doc/s" not in terminal.getvalue() and "<stdin>:2: [E713]" in terminal.getvalue()


def test_the_backend_advice_is_one_plain_line_or_none_with_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))  # no camel database: builtin, with advice
    monkeypatch.setattr(morph_processor, "_SAID", set())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the advice must not be a Python warning
        code, out, err = _run(["extract", "--morph", "auto", "-"], capsys, stdin=_jsonl({"text": ARTICLE}))
    assert code == 0 and out
    assert err.count("\n") == 1 and err.startswith("eventx: camel-tools morphology database not found")
    assert "UserWarning" not in err and ".py:" not in err
    monkeypatch.setattr(morph_processor, "_SAID", set())
    code, _, err = _run(["extract", "--quiet", "-"], capsys, stdin=_jsonl({"text": ARTICLE}))
    assert code == 0 and err == ""


def test_the_backend_warning_points_at_the_callers_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    monkeypatch.setattr(morph_processor, "_SAID", set())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        Pipeline(processors=["tokenize", "morph"])
        Pipeline(processors=["tokenize", "morph"])  # once per process
    advice = [w for w in caught if "camel-tools morphology database not found" in str(w.message)]
    assert len(advice) == 1
    assert advice[0].filename == __file__ and advice[0].category is UserWarning


@pytest.mark.parametrize("fmt", ["csv", "acled", "plover", "parquet"])
def test_extract_exports_tables_acled_and_plover(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], advice_said: None
) -> None:
    pandas = pytest.importorskip("pandas")
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        "\n".join(
            json.dumps({"id": i, "text": t, "published": "2025-04-28"}, ensure_ascii=False)
            for i, t in (("a", DEPLOYMENT), ("b", ARTICLE))
        )
        + "\n",
        encoding="utf-8",
    )
    reference = [json.loads(line) for line in _run(["extract", str(docs)], capsys)[1].splitlines()]
    n_events = sum(len(r["events"]) for r in reference)
    assert n_events >= 3
    target = tmp_path / f"out.{fmt}"
    code, out, err = _run(["extract", "--format", fmt, "-o", str(target), str(docs)], capsys)
    assert code == 0, err
    assert out == ""
    if fmt == "plover":
        records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in records] == [e["id"] for r in reference for e in r["events"]]
    elif fmt == "parquet":
        table = pandas.read_parquet(target)
        assert list(table["event_id"]) == [e["id"] for r in reference for e in r["events"]]
    else:
        table = pandas.read_csv(target)
        assert len(table) == n_events
        column = "event_id" if fmt == "csv" else "event_id_cnty"
        assert column in table.columns


def test_extract_writes_jsonl_to_a_file_with_o(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], advice_said: None
) -> None:
    target = tmp_path / "out.jsonl"
    code, out, _ = _run(["extract", "-o", str(target), "-"], capsys, stdin=DEPLOYMENT)
    assert code == 0 and out == ""
    (result,) = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [e["type"] for e in result["events"]] == ["DEPLOYMENT"]


def test_render_html_refuses_what_it_cannot_show() -> None:
    from eventx.display import render_html

    with pytest.raises(TypeError, match=r"\[E746\].*got int"):
        render_html(42)
