"""One bad document never stops a run (issue 18): `eventx extract` reports each bad line as
`FILE:LINE: reason` and writes every good document; `Pipeline.pipe(on_error=...)` skips or
reports a failing document without losing the others of its batch."""

from __future__ import annotations

import json
import logging
import multiprocessing
import re
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from eventx.cli import main
from eventx.doc import Document
from eventx.pipeline import Pipeline
from eventx.text.processor import TokenizeProcessor

GOOD = [
    {"id": "g1", "text": "قُتل 5 أشخاص في قصف على خاركيف.", "published": "2025-04-28"},
    {"id": "g2", "text": "أرسلت كوريا الشمالية قوات إلى روسيا.", "published": "2025-04-28"},
    {"id": "g3", "text": "وأصيب 12 آخرون في هجوم على مدينة حلب.", "published": None},
]


def _line(item: dict[str, object]) -> bytes:
    return json.dumps(item, ensure_ascii=False).encode("utf-8")


_run = run_cli


def _mixed_file(tmp_path: Path) -> tuple[Path, dict[int, str]]:
    """A JSONL file of good and bad lines; returns it and {line number: kind} of the bad ones."""
    lines: list[bytes] = [
        _line(GOOD[0]),  # 1
        b'{"id": "t", "text": "truncated',  # 2
        b"42",  # 3
        b'["a", "list"]',  # 4
        _line({"id": "n", "text": None}),  # 5
        _line({"id": "m", "published": "2025-04-28"}),  # 6
        _line(GOOD[1]),  # 7
        b'{"id": "u", "text": "bad \xff byte"}',  # 8
        _line({"id": "p", "text": "نص", "published": "28/04/2025"}),  # 9
        b"",  # 10: blank, ignored
        _line({"id": "far", "text": "غدا", "published": "9999-12-31"}),  # 11: either way, the run goes on
        _line(GOOD[2]),  # 12
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    bad = {2: "invalid JSON", 3: "got a number", 4: "got a list", 5: "got None", 6: '"text" field',
           8: "not UTF-8", 9: "ISO date"}
    return path, bad


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_bad_lines_are_reported_and_every_good_document_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    path, bad = _mixed_file(tmp_path)
    code, out, err = _run(["extract", "--format", fmt, str(path)], capsys)
    assert code == 1
    results = [json.loads(line) for line in out.splitlines()] if fmt == "jsonl" else json.loads(out)
    ids = [r["doc_id"] for r in results]
    assert [i for i in ids if i != "far"] == ["g1", "g2", "g3"]
    assert {e["type"] for e in results[0]["events"]} >= {"CASUALTY"}
    assert "Traceback" not in err
    reported = {int(line.split(":")[1]): line for line in err.splitlines() if line.startswith(f"{path}:")}
    for number, what in bad.items():
        assert what in reported[number], (number, err)
    assert set(reported) - set(bad) <= {11}  # line 11 is reported or written, never lost
    assert (11 in reported) != ("far" in ids)
    assert all("\n" not in line for line in reported.values())


def test_good_documents_are_written_as_a_clean_run_writes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = _mixed_file(tmp_path)
    clean = tmp_path / "clean.jsonl"
    clean.write_bytes(b"\n".join(_line(item) for item in GOOD) + b"\n")
    code, expected, err = _run(["extract", str(clean)], capsys)
    assert code == 0 and err == ""
    _, out, _ = _run(["extract", str(path)], capsys)
    assert [line for line in out.splitlines() if '"doc_id": "far"' not in line] == expected.splitlines()


def test_standard_input_lines_are_named_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    stdin = "\n".join([json.dumps(GOOD[0], ensure_ascii=False), "{not json", json.dumps(GOOD[1], ensure_ascii=False)])
    code, out, err = _run(["extract", "-"], capsys, stdin=stdin + "\n")
    assert code == 1
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["g1", "g2"]
    assert err.splitlines()[0].startswith("<stdin>:2: [E713] invalid JSON")


def test_a_bad_byte_in_a_text_file_names_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("قتل 3 جنود.\n".encode() + b"abc \xff\n")
    good = tmp_path / "good.txt"
    good.write_text("قتل 3 جنود في قصف.", encoding="utf-8")
    code, out, err = _run(["extract", str(bad), str(good)], capsys)
    assert code == 1
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["good"]
    assert err.splitlines()[0] == f"{bad}:2: [E712] not UTF-8 text (invalid byte 0xff at byte 5 of the line)"


def test_closed_stdin_is_one_line_and_exit_status_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "-"])
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "[E709]" in err and "standard input is closed" in err


def test_a_directory_without_documents_or_a_missing_file_is_one_line_and_exit_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A directory stands for its *.txt and *.jsonl files (tests/test_cli_corpus.py); one without any is refused.
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    for argv, expected in [
        (["extract", str(tmp_path)], "[E720] eventx: " + str(tmp_path) + " is a directory without .txt or .jsonl"),
        (["extract", str(tmp_path / "missing.jsonl")], "no such file"),
        (["extract", "--published", "yesterday", str(tmp_path)], "[E720]"),
    ]:
        code, out, err = _run(argv, capsys)
        assert code == 2 and out == "" and err.count("\n") == 1 and expected in err, (argv, err)
    article = Path(__file__).parents[1] / "examples" / "article.txt"
    code, out, err = _run(["extract", "--published", "yesterday", str(article)], capsys)
    assert code == 2 and out == "" and "[E711] eventx: --published: [E104]" in err


# -- Pipeline.pipe(on_error=...) -------------------------------------------------------------

TEXTS = ["قتل 3 جنود في قصف.", "أرسلت روسيا قوات إلى الحدود.", "وأصيب 12 آخرون.", "قُتل 5 أشخاص في قصف على خاركيف."]


def _events(doc: Document) -> list[tuple[str, int]]:
    return [(e.type, e.trigger.start) for e in doc.events]


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipe_skips_or_reports_invalid_items(n_process: int, caplog: pytest.LogCaptureFixture) -> None:
    nlp = Pipeline(ner="gazetteer")
    items: list[object] = [TEXTS[0], None, TEXTS[1], b"bytes", {"id": "d", "text": TEXTS[2], "published": "bad"}]
    items.append({"id": "e", "text": TEXTS[3]})
    expected = [_events(nlp(TEXTS[0])), _events(nlp(TEXTS[1])), _events(nlp(TEXTS[3]))]
    assert all(expected)

    with caplog.at_level(logging.WARNING, logger="eventx.pipeline"):
        kept = list(nlp.pipe(items, batch_size=2, n_process=n_process, on_error="skip"))
    assert [_events(d) for d in kept] == expected
    skipped = [r.getMessage() for r in caplog.records if r.name == "eventx.pipeline"]
    assert len(skipped) == 3
    assert "document 1 " in skipped[0] and "E101" in skipped[0]
    assert "document 3 " in skipped[1] and "E102" in skipped[1]
    assert "document 4 (id 'd')" in skipped[2] and "E104" in skipped[2]

    reported = list(nlp.pipe(items, batch_size=2, n_process=n_process, on_error="report"))
    assert len(reported) == len(items)
    errors = [d.meta.get("error") for d in reported]
    assert errors[0] is None and errors[2] is None and errors[5] is None
    assert errors[1].startswith("TypeError: [E101]") and errors[3].startswith("TypeError: [E102]")
    assert errors[4].startswith("ValueError: [E104]") and reported[4].doc_id == "d"
    for doc in (reported[1], reported[3], reported[4]):
        assert doc.events == [] and doc.entities == [] and doc.sentences == []
        assert doc.warnings and "document not processed" in doc.warnings[-1]
    assert [_events(reported[i]) for i in (0, 2, 5)] == expected


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_crash_in_one_document_does_not_lose_the_others_of_its_batch(
    n_process: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    if n_process > 1 and multiprocessing.get_start_method() != "fork":
        pytest.skip("the monkeypatched component reaches worker processes only when they are forked")
    nlp = Pipeline(ner="gazetteer")
    expected = [_events(nlp(t)) for t in TEXTS]
    poison = "نص يكسر المكون"
    original = TokenizeProcessor.process

    def process(self: TokenizeProcessor, doc: Document) -> Document:
        if doc.text == poison:
            raise OverflowError("date value out of range")
        return original(self, doc)

    monkeypatch.setattr(TokenizeProcessor, "process", process)
    stream = [TEXTS[0], TEXTS[1], poison, TEXTS[2], TEXTS[3]]  # the poison is in the middle of the batch
    with pytest.raises(OverflowError):
        list(nlp.pipe(stream, batch_size=8, n_process=n_process))
    kept = list(nlp.pipe(stream, batch_size=8, n_process=n_process, on_error="skip"))
    assert [_events(d) for d in kept] == expected
    assert [len(d.sentences) for d in kept] == [len(nlp(t).sentences) for t in TEXTS]  # each processed once
    reported = list(nlp.pipe(stream, batch_size=8, n_process=n_process, on_error="report"))
    assert [d.meta.get("error") for d in reported] == [None, None, "OverflowError: date value out of range", None, None]
    assert reported[2].text == poison and reported[2].events == [] and reported[2].sentences == []


def test_pipe_refuses_an_unknown_on_error() -> None:
    nlp = Pipeline(processors=["tokenize"])
    with pytest.raises(ValueError, match=r"\[E717\] on_error must be one of 'raise', 'skip', 'report', got 'ignore'"):
        list(nlp.pipe(["نص"], on_error="ignore"))
    with pytest.raises(TypeError, match="E101"):
        list(nlp.pipe(["نص", None]))  # the default still raises


def test_extract_many_reports_in_place() -> None:
    from eventx.api import extract_many

    items: list[dict[str, object]] = [GOOD[0], {"id": "x", "text": None}, GOOD[1]]
    results = list(extract_many(items, on_error="report"))
    assert [r.doc_id for r in results] == ["g1", "x", "g2"]
    assert results[1].events == [] and "E101" in results[1].warnings[-1]
    assert [r.doc_id for r in extract_many(items, on_error="skip")] == ["g1", "g2"]


def test_the_examples_of_docs_errors_md_print_what_they_say(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(__file__).parents[1]
    page = (root / "docs" / "errors.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.S)
    assert len(blocks) == 2
    monkeypatch.chdir(root)
    namespace: dict[str, object] = {"__name__": "docs_example"}
    expected: list[str] = []
    for block in blocks:
        exec(compile(block, "docs/errors.md", "exec"), namespace)
        for line in block.splitlines():
            if line.startswith("# "):
                expected.append(line[2:])
            elif line.startswith("print(") and "#" in line:
                expected.append(line.split("#", 1)[1].strip())
    assert capsys.readouterr().out.splitlines() == expected
