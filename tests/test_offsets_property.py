"""The offset invariant ``doc.text[x.start:x.end] == x.text`` for every token and word, on
random strings (hypothesis) and on every dev document, for each installed backend."""

from __future__ import annotations

from functools import cache

import pytest
from conftest import camel_available
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventx.doc import Document
from eventx.pipeline import Pipeline

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)] + ["ى", "ة", "ـ", "ٱ"]
DIACRITICS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
PUNCTUATION = [*list("،؛؟.!:«»“”\"'()[]-–…/%"), "٫", "٬"]
DIGITS = list("0123456789") + [chr(0x0660 + i) for i in range(10)] + [chr(0x06F0 + i) for i in range(10)]
EMOJI = ["🙂", "👍🏽", "🇸🇾", "👨‍👩‍👧", "❤️", "#️⃣"]
LATIN = list("abcXYZ")
MARKS = ["\u200e", "\u200f", "\u200b", "\u200c", "\u200d", "\u2066", "\u2069", "\ufeff", "\u061c"]
SPACE = [" ", "\n", "\t", "\u00a0", "\r\n"]

pieces = st.sampled_from(ARABIC_LETTERS + DIACRITICS + PUNCTUATION + DIGITS + EMOJI + LATIN + MARKS + SPACE)
texts = st.lists(pieces, max_size=60).map("".join)

BACKENDS = ["builtin", pytest.param("camel", marks=pytest.mark.skipif(
    not camel_available(), reason="camel-tools morphology DB not installed (set CAMELTOOLS_DATA)"))]


@cache
def _pipeline(backend: str) -> Pipeline:
    return Pipeline(processors=["tokenize", "morph"], morph=backend)


def assert_offsets(doc: Document) -> None:
    # nothing is lost: every letter and digit of the input is inside some token (so an
    # empty analysis of a text with words fails here instead of passing the loops below)
    covered = {i for token in doc.tokens for i in range(token.start, token.end)}
    lost = [(i, ch) for i, ch in enumerate(doc.text) if ch.isalnum() and i not in covered]
    assert not lost, lost
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text
        assert [w.index for w in sentence.words] == list(range(len(sentence.words)))
        for token in sentence.tokens:
            assert doc.text[token.start : token.end] == token.text
            assert sentence.start <= token.start < token.end <= sentence.end
            assert token.words, token.text
            last = token.start
            for word in token.words:
                assert doc.text[word.start : word.end] == word.text
                assert last <= word.start <= word.end <= token.end
                last = word.end


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_random_strings(backend: str, text: str) -> None:
    assert_offsets(_pipeline(backend)(text))


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_dev_document(backend: str, dev_docs: list[dict[str, str]]) -> None:
    nlp = _pipeline(backend)
    assert len(dev_docs) == 25
    for item in dev_docs:
        doc = nlp(item["text"])
        assert doc.text == item["text"]
        assert_offsets(doc)
        n_tokens = sum(1 for _ in doc.tokens)
        assert n_tokens >= len(item["text"].split()) > 0, item["id"]
        assert sum(1 for _ in doc.words) > n_tokens  # clitics split off somewhere in every article


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("text", ["", " \n ", "Only Latin words here.", "🙂👍🏽🇸🇾", "Mixed عربي and English 123",
                                  "وَقُتِلَ ٣ جُنُودٍ", "\u200eالحرب\u200f"])
def test_edge_inputs(backend: str, text: str) -> None:
    assert_offsets(_pipeline(backend)(text))


@pytest.mark.parametrize("backend", BACKENDS)
def test_one_megabyte_document(backend: str) -> None:
    text = ("قالت وزارة الصحة إن 3 أشخاص قُتلوا وأصيب آخرون في غارة على مدينة حلب. " * 16_000)[:1_000_000]
    doc = _pipeline(backend)(text)
    assert_offsets(doc)
    sentences = len(text) // len("قالت وزارة الصحة إن 3 أشخاص قُتلوا وأصيب آخرون في غارة على مدينة حلب. ")
    assert len(doc.sentences) >= sentences
    assert sum(1 for _ in doc.tokens) >= 15 * sentences
