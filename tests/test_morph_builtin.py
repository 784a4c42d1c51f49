"""builtin backend: heuristic clitic splits on dev-corpus words, honesty about lemmas, bad input."""

from __future__ import annotations

import unicodedata

import pytest

from eventx.morph.builtin import BuiltinBackend, load_function_words, load_vocabulary
from eventx.pipeline import Pipeline

# token -> expected split (surfaces joined by '+'), POS of the stem. Hand-checked, from dev docs.
CASES = [
    ("وأكدت", "و+أكدت", "VERB"),
    ("والتي", "و+التي", "PRON"),
    ("للقوات", "ل+لقوات", "NOUN"),
    ("لروسيا", "ل+روسيا", "PROPN"),
    ("بالقوات", "ب+القوات", "NOUN"),
    ("مشاركتها", "مشاركت+ها", "NOUN"),
    ("عليهم", "علي+هم", "ADP"),
    ("لها", "ل+ها", "ADP"),
    ("سيقول", "س+يقول", "VERB"),
    ("ولبنان", "و+لبنان", "PROPN"),
    ("وكالة", "وكالة", "NOUN"),
    ("فرنسا", "فرنسا", "PROPN"),
    ("في", "في", "ADP"),
    ("الاستخبارات", "الاستخبارات", "NOUN"),
    ("2024", "2024", "NUM"),
]


@pytest.fixture(scope="module")
def backend() -> BuiltinBackend:
    return BuiltinBackend()


@pytest.mark.parametrize(("token", "split", "pos"), CASES)
def test_split_and_pos(backend: BuiltinBackend, token: str, split: str, pos: str) -> None:
    segments = backend.analyze_sentence([token])[0]
    assert "+".join(token[s.start : s.end] for s in segments) == split
    assert next(s for s in segments if s.role == "stem").pos == pos


def test_merged_article_gets_a_form(backend: BuiltinBackend) -> None:
    proclitic, stem = backend.analyze_sentence(["للقوات"])[0]
    assert (proclitic.pos, stem.form, stem.lemma_bare) == ("ADP", "القوات", "قوات")
    stem = backend.analyze_sentence(["مشاركتها"])[0][0]
    assert stem.form == "مشاركة"


def test_no_fake_lemmas(backend: BuiltinBackend) -> None:
    # A heuristic cannot know the dictionary lemma of an open-class word: it must say so.
    stem = backend.analyze_sentence(["الاستخبارات"])[0][0]
    assert stem.lemma is None and stem.lemma_bare == "استخبارات"
    assert "no model" in backend.info().description and backend.info().upgrade_hint


def test_shipped_lexicon_is_small_and_credited() -> None:
    from importlib import resources

    data = resources.files("eventx.morph").joinpath("data", "newsfane_vocab.tsv")
    text = data.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) < 2_000_000
    assert "CC BY-SA 3.0" in text.splitlines()[0] and "NewsFANE" in text.splitlines()[0]
    assert len(load_vocabulary()) > 10_000 and "في" in load_function_words()


def test_pipeline_runs_on_every_dev_document(dev_docs: list[dict[str, str]]) -> None:
    nlp = Pipeline(processors=["tokenize", "morph"], morph="builtin")
    assert len(dev_docs) == 25
    for item in dev_docs:
        doc = nlp(item["text"])
        assert doc.sentences and sum(1 for _ in doc.words) >= len(item["text"].split()), item["id"]
        for sentence in doc.sentences:
            assert [w.index for w in sentence.words] == list(range(len(sentence.words)))
            for token in sentence.tokens:
                assert token.words and all(token.start <= w.start <= w.end <= token.end for w in token.words)
        for word in doc.words:
            assert doc.text[word.start : word.end] == word.text


ODD_TEXTS = ["", "   \n\t ", "Hello world, NATO!", "🙂🙂 👍🏽", "قال Putin إن 3٫5 مليون 😀 شخص\u200e.",
             "\u200f\u200e\u2066", "x" * 10]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_odd_input(text: str) -> None:
    doc = Pipeline(processors=["tokenize", "morph"], morph="builtin")(text)
    # every visible character ends up in a token; spaces and bidi/format marks do not
    visible = "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")
    assert "".join(token.text for token in doc.tokens) == visible
    for token in doc.tokens:
        assert token.words
    for word in doc.words:
        assert doc.text[word.start : word.end] == word.text


@pytest.mark.parametrize("bad", [None, b"\xd9\x82\xd8\xaa\xd9\x84", 42])
def test_non_string_input_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="must be a str"):
        Pipeline(processors=["tokenize", "morph"], morph="builtin")(bad)


def test_final_ta_marbuta_is_never_split_as_a_pronoun() -> None:
    from eventx.morph import load_backend

    backend = load_backend("builtin")
    (shamila,), (kitabuhu,) = backend.analyze_sentence(["الشاملة"])[0:1], backend.analyze_sentence(["كتابه"])[0:1]
    assert [seg.role for seg in shamila] == ["stem"]
    assert [seg.role for seg in kitabuhu] == ["stem", "enclitic"]
