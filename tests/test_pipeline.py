"""Pipeline construction, processor prerequisites, streaming and bad input."""

from __future__ import annotations

import pytest

from eventx.doc import Document
from eventx.errors import ConfigurationError
from eventx.pipeline import Pipeline, PipelineConfig, Processor, register_processor

TEXTS = [
    "أعلنت كوريا الشمالية رسمياً عن إرسال قوات إلى روسيا.",
    "قُتل 5 أشخاص في قصف على مدينة خاركيف.",
    "",
    "Only Latin text.",
    "انسحاب القوات الكورية الشمالية من كورسك الروسية",
]


def test_unknown_processor_and_missing_prerequisite_fail_at_construction() -> None:
    with pytest.raises(ConfigurationError, match="unknown processor 'lemmatize'"):
        Pipeline(processors=["tokenize", "lemmatize"])
    with pytest.raises(ConfigurationError, match="'events' requires tokenize"):
        Pipeline(processors=["events"])
    with pytest.raises(ConfigurationError, match="'morph' requires tokenize"):
        Pipeline(processors="morph,tokenize")


def test_a_user_processor_registers_and_runs_in_order() -> None:
    class CountTokens(Processor):
        name = "count"
        requires = frozenset({"tokenize"})
        provides = frozenset({"count"})

        def process(self, doc: Document) -> Document:
            doc.meta["n_tokens"] = sum(1 for _ in doc.tokens)
            return doc

    @register_processor("count")
    def _make(config: PipelineConfig) -> Processor:
        return CountTokens()

    doc = Pipeline(processors=["tokenize", "count"])("قتل 3 جنود. وأصيب آخرون")
    assert doc.meta["n_tokens"] == 6
    assert [s.text for s in doc.sentences] == ["قتل 3 جنود.", "وأصيب آخرون"]


@pytest.mark.parametrize("bad", [None, b"\xd9\x82\xd8\xaa\xd9\x84", 42, ["نص"]])
def test_non_str_input_is_a_clear_type_error(bad: object) -> None:
    nlp = Pipeline(processors=["tokenize"])
    with pytest.raises(TypeError, match="must be a str"):
        nlp(bad)


def test_pipe_keeps_order_and_matches_single_calls_also_with_two_processes() -> None:
    nlp = Pipeline(ner="gazetteer")
    single = [[(e.type, e.trigger.start) for e in nlp(t).events] for t in TEXTS]
    streamed = [[(e.type, e.trigger.start) for e in d.events] for d in nlp.pipe(TEXTS, batch_size=2)]
    assert streamed == single
    items = [{"id": f"d{i}", "text": t, "published": "2025-04-28"} for i, t in enumerate(TEXTS)]
    parallel = list(nlp.pipe(items, batch_size=2, n_process=2))
    assert [d.doc_id for d in parallel] == [f"d{i}" for i in range(len(TEXTS))]
    assert [[(e.type, e.trigger.start) for e in d.events] for d in parallel] == single
    with pytest.raises(ValueError, match="batch_size"):
        list(nlp.pipe(TEXTS, batch_size=0))


def test_degenerate_and_huge_inputs_give_well_defined_results() -> None:
    nlp = Pipeline(ner="gazetteer")
    for text in ["", " \n\t ", "😀🔥", "ABC def 123", "،،،؛؛..."]:
        doc = nlp(text)
        assert doc.events == [] and doc.text == text
    # A long document runs in linear time end to end (the 1 MB case for tagging is in
    # test_morph_*.py); every sentence here yields its casualty and attack events.
    big = "قُتل 5 أشخاص في قصف على مدينة خاركيف، وأصيب 12 آخرون. " * 5000
    doc = nlp(big)
    assert sum(1 for e in doc.events if e.type == "CASUALTY") == 5000
    for token in list(doc.tokens)[:2000]:
        assert big[token.start : token.end] == token.text
