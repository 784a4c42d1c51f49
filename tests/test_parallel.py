"""``Pipeline.pipe(n_process=N)``: the same documents as one process, in order, with the input
read as the work proceeds and failures handled per document. Speed is measured by
``benchmarks/bench_parallel.py``, not here."""

from __future__ import annotations

import json
import multiprocessing
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import needs_stanza

import eventx.pipeline as pipeline_module
from eventx.component import ComponentConfig, Processor, Registration, registry
from eventx.doc import Document, Sentence, Token, Word
from eventx.pipeline import Pipeline

DEV_DOCS = Path(__file__).parents[1].parent / "shared" / "corpus" / "dev" / "docs.jsonl"
POISON = "نص يكسر المكون"
TEXTS = ["قتل 3 جنود في قصف.", "أرسلت روسيا قوات إلى الحدود.", "وأصيب 12 آخرون.", "قُتل 5 أشخاص في قصف على خاركيف."]


def _fingerprint(doc: Document) -> dict[str, Any]:
    """Everything a component fills, as plain values."""
    return {
        "result": doc.to_result().model_dump(mode="json"),
        "words": [
            (s.index, s.start, s.end, s.text, t.index, t.text, t.start, t.end, w.text, w.start, w.end, w.lemma,
             w.lemma_bare, w.pos, w.features, w.role, w.form, w.head, w.deprel, w.index)
            for s in doc.sentences for t in s.tokens for w in t.words
        ],
        "dates": [(d.start, d.end, d.kind, d.relative, repr(d.value)) for d in doc.dates],
        "quantities": [(q.start, q.end, repr(q.value)) for q in doc.quantities],
        "entities": [(e.start, e.end, e.kind, e.id, e.source, e.score, e.meta) for e in doc.entities],
        "processed": sorted(doc.processed),
        "meta": doc.meta,
    }


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline()


@pytest.mark.skipif(not DEV_DOCS.exists(), reason="the shared dev corpus is not here")
def test_two_processes_give_the_documents_of_one_in_order(nlp: Pipeline) -> None:
    items = [json.loads(line) for line in DEV_DOCS.read_text(encoding="utf-8").splitlines() if line.strip()]
    one = list(nlp.pipe(items, batch_size=4))
    two = list(nlp.pipe(items, batch_size=4, n_process=2))
    assert [d.doc_id for d in two] == [item["id"] for item in items]
    assert sum(len(d.events) for d in one) > 0 and sum(1 for d in one for _ in d.words) > 1000
    assert [_fingerprint(d) for d in two] == [_fingerprint(d) for d in one]


def test_the_input_is_read_as_results_are_taken() -> None:
    nlp = Pipeline(processors=["tokenize"])
    n_items, batch_size, n_process = 400, 4, 2
    consumed = 0

    def stream() -> Iterator[str]:
        nonlocal consumed
        for i in range(n_items):
            consumed += 1
            yield f"قتل {i} جنود في قصف."

    results = nlp.pipe(stream(), batch_size=batch_size, n_process=n_process)
    first = next(results)
    assert first.text == "قتل 0 جنود في قصف."
    assert consumed <= 2 * n_process * batch_size + batch_size  # a few batches in flight, not the input
    rest = list(results)
    assert [d.text for d in [first, *rest]] == [f"قتل {i} جنود في قصف." for i in range(n_items)]


def test_leaving_the_loop_early_stops_the_workers() -> None:
    nlp = Pipeline(processors=["tokenize"])
    results = nlp.pipe((f"نص {i}" for i in range(10_000)), batch_size=2, n_process=2)
    assert next(results).text == "نص 0"
    results.close()  # what a ``break`` does: the pool shuts down without running the rest


class _Fragile(Processor):
    """Fails on one text, in whichever process it runs."""

    name = "fragile"
    requires = frozenset({"tokenize"})
    provides = frozenset({"fragile"})

    def process(self, doc: Document) -> Document:
        if doc.text == POISON:
            raise OverflowError("date value out of range")
        doc.meta["seen"] = True
        doc.processed.add(self.name)
        return doc


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs forked workers")
def test_a_failing_document_in_a_worker_keeps_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    # the component registered here reaches forked workers only (even once another test loaded torch)
    monkeypatch.setattr(pipeline_module, "_pool_context", lambda: multiprocessing.get_context("fork"))
    stream = [TEXTS[0], TEXTS[1], POISON, TEXTS[2], TEXTS[3], *TEXTS]
    registration = Registration("fragile", "default", lambda config: _Fragile(), ComponentConfig, __name__)
    with registry.temporary(registration):
        nlp = Pipeline(processors=["tokenize", "fragile"])
        reported = list(nlp.pipe(stream, batch_size=3, n_process=2, on_error="report"))
        assert [d.text for d in reported] == stream
        assert [d.meta.get("error") for d in reported] == [None, None, "OverflowError: date value out of range"] + [
            None
        ] * 6
        assert all(d.meta.get("seen") and d.sentences for i, d in enumerate(reported) if i != 2)
        assert reported[2].sentences == [] and "document not processed" in reported[2].warnings[-1]
        kept = list(nlp.pipe(stream, batch_size=3, n_process=2, on_error="skip"))
        assert [d.text for d in kept] == [t for t in stream if t != POISON]
        with pytest.raises(OverflowError, match="date value out of range"):
            list(nlp.pipe(stream, batch_size=3, n_process=2))


def test_spawned_workers_rebuild_the_pipeline_from_its_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """The path of platforms that cannot fork."""
    monkeypatch.setattr(pipeline_module, "_pool_context", lambda: multiprocessing.get_context("spawn"))
    nlp = Pipeline(processors=["tokenize", "normalize"])
    items = [{"id": f"d{i}", "text": t, "published": "2025-04-28"} for i, t in enumerate(TEXTS * 3)]
    two = list(nlp.pipe(items, batch_size=2, n_process=2))
    assert [d.doc_id for d in two] == [item["id"] for item in items]
    assert [_fingerprint(d) for d in two] == [_fingerprint(d) for d in nlp.pipe(items)]


def test_documents_travel_between_processes_unchanged() -> None:
    nlp = Pipeline(processors=["tokenize", "morph"], morph="builtin")
    docs = [nlp(t) for t in TEXTS]
    expected = [_fingerprint(d) for d in docs]
    assert all(d.sentences and d.sentences[0].tokens[0].words for d in docs)
    back = pipeline_module._unpack_batch(pipeline_module._pack_batch(docs))
    assert [_fingerprint(d) for d in back] == expected
    assert all(type(w) is Word for d in back for w in d.words)
    assert all(type(s) is Sentence and all(type(t) is Token for t in s.tokens) for d in back for s in d.sentences)


class _MyWord(Word):
    __slots__ = ()


def test_a_document_with_subclassed_words_travels_as_it_is() -> None:
    nlp = Pipeline(processors=["tokenize", "morph"], morph="builtin")
    doc = nlp(TEXTS[0])
    token = doc.sentences[0].tokens[0]
    token.words = [_MyWord(w.text, w.start, w.end, pos=w.pos) for w in token.words]
    (back,) = pipeline_module._unpack_batch(pipeline_module._pack_batch([doc]))
    assert type(back.sentences[0].tokens[0].words[0]) is _MyWord
    assert [w.text for w in back.words] == [w.text for w in doc.words]


def test_a_forked_worker_runs_torch_on_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """torch's thread pools do not survive a fork: a forked stanza worker on several threads hangs."""
    threads: list[int] = []
    monkeypatch.setitem(sys.modules, "torch", SimpleNamespace(set_num_threads=threads.append))
    monkeypatch.setattr(pipeline_module, "_WORKER_PIPELINE", None)
    nlp = Pipeline(processors=["tokenize"])
    pipeline_module._adopt_pipeline(nlp)
    assert threads == [1] and pipeline_module._WORKER_PIPELINE is nlp


@needs_stanza
def test_stanza_runs_in_forked_workers() -> None:
    nlp = Pipeline(["tokenize", "morph", "parse", "ner", "normalize", "events"], morph="stanza", parser="stanza")
    texts = TEXTS * 2
    one = [[(w.text, w.pos, w.head, w.deprel) for w in d.words] for d in nlp.pipe(texts, batch_size=2)]
    two = [[(w.text, w.pos, w.head, w.deprel) for w in d.words] for d in nlp.pipe(texts, batch_size=2, n_process=2)]
    assert two == one and all(one)
