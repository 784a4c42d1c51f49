"""stanza backend with the tiny test models: structure, alignment, trees, offsets (not accuracy)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import needs_camel, needs_stanza

from eventx.doc import Document
from eventx.errors import ModelNotFoundError
from eventx.pipeline import Pipeline

TEXT = "أعلنت كوريا الشمالية رسمياً عن إرسال قوات إلى روسيا، وذلك وفقاً لما ذكرته الوكالة.\nقُتل 3 جنود في غارة."


def _assert_trees(doc: Document) -> None:
    assert doc.sentences, "no sentences"
    for sentence in doc.sentences:
        words = sentence.words
        assert words, sentence.text
        assert [w.index for w in words] == list(range(len(words)))
        roots = [w for w in words if w.head == -1]
        assert len(roots) == 1, [(w.text, w.head) for w in words]
        for word in words:
            assert word.head is not None and -1 <= word.head < len(words) and word.head != word.index
            seen = {word.index}
            node = word
            while node.head != -1:  # walking up always reaches the root: no cycles
                node = words[node.head]
                assert node.index not in seen
                seen.add(node.index)


def _assert_offsets(doc: Document) -> None:
    tokens = list(doc.tokens)
    assert tokens, "no tokens"
    for token in tokens:
        assert doc.text[token.start : token.end] == token.text
        assert token.words, token.text
        last = token.start
        for word in token.words:
            assert doc.text[word.start : word.end] == word.text
            assert last <= word.start <= word.end <= token.end
            last = word.end


@pytest.fixture(scope="module")
def stanza_nlp() -> Pipeline:
    return Pipeline(processors=["tokenize", "morph"], morph="stanza")


@needs_stanza
def test_stanza_morphology_aligns_and_parses(stanza_nlp: Pipeline) -> None:
    doc = stanza_nlp(TEXT)
    _assert_offsets(doc)
    _assert_trees(doc)
    # the test models' tokenizer splits clitics: و + ذلك end up as two words of our token
    token = doc.sentences[0].token_at(TEXT.index("وذلك"))
    assert token is not None and [w.text for w in token.words] == ["و", "ذلك"]
    assert all(w.deprel for w in doc.words) and all(w.pos for w in doc.words)
    assert "stanza" in stanza_nlp.describe()[1] and "tokenize,pos,lemma,depparse" in stanza_nlp.describe()[1]


@needs_stanza
def test_stanza_bulk_matches_single(stanza_nlp: Pipeline, dev_docs: list[dict[str, str]]) -> None:
    # the test tokenizer is slow on CPU (~50 words/s): short excerpts keep this test quick
    texts = [d["text"][:160] for d in dev_docs[5:8]]
    assert len(texts) == 3 and all(text.strip() for text in texts)
    batched = list(stanza_nlp.pipe(texts, batch_size=3))
    assert [doc.text for doc in batched] == texts
    for text, doc in zip(texts, batched, strict=True):
        _assert_offsets(doc)
        _assert_trees(doc)
        single = stanza_nlp(text)
        expected = [(w.start, w.end, w.head) for w in single.words]
        assert len(expected) >= 10 and all(head is not None for *_, head in expected)
        assert [(w.start, w.end, w.head) for w in doc.words] == expected


@needs_camel
@needs_stanza
def test_camel_morphology_with_stanza_parse(dev_docs: list[dict[str, str]]) -> None:
    nlp = Pipeline(processors=["tokenize", "morph", "parse"], morph="camel", parser="stanza")
    doc = nlp(TEXT)
    _assert_offsets(doc)
    _assert_trees(doc)
    forces = {w.text: w for w in doc.words}
    assert forces["أعلنت"].lemma_bare == "اعلن"  # camel's lemma kept, stanza only adds heads
    parsed = nlp(dev_docs[0]["text"][:400])
    _assert_offsets(parsed)
    _assert_trees(parsed)
    assert sum(1 for _ in parsed.words) >= 40


def test_missing_stanza_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventx.morph.stanza_backend import StanzaBackend

    monkeypatch.setenv("EVENTX_STANZA_DIR", str(tmp_path))
    with pytest.raises(ModelNotFoundError, match=r"stanza.download\('ar'\)") as info:
        StanzaBackend()
    assert "EVENTX_STANZA_DIR" in str(info.value)
    with pytest.raises(ModelNotFoundError):
        Pipeline(processors=["tokenize", "morph", "parse"], morph="builtin", parser="stanza")
    # parser="auto" without models is a no-op, not an error
    nlp = Pipeline(processors=["tokenize", "morph", "parse"], morph="builtin", parser="auto")
    doc = nlp("قتل 3 جنود")
    words = list(doc.words)
    assert [w.text for w in words] == ["قتل", "3", "جنود"]
    assert all(w.head is None for w in words) and "disabled" in nlp.describe()[2]


def test_processor_list_follows_resources_json(tmp_path: Path) -> None:
    import json

    from eventx.morph.stanza_backend import find_stanza_dir, stanza_processors

    processors = ("tokenize", "mwt", "pos", "lemma", "depparse")
    (tmp_path / "resources.json").write_text(json.dumps(
        {"ar": {"default_processors": {p: "padt" for p in processors}}}), encoding="utf-8")
    for name in processors:
        (tmp_path / "ar" / name).mkdir(parents=True)
    assert find_stanza_dir(tmp_path) == tmp_path
    assert stanza_processors(tmp_path) == "tokenize,mwt,pos,lemma,depparse"
    (tmp_path / "ar" / "mwt").rmdir()
    assert stanza_processors(tmp_path) == "tokenize,pos,lemma,depparse"


def test_mwt_word_alignment() -> None:
    from types import SimpleNamespace

    from eventx.morph.stanza_backend import _word_spans_in_token

    words = [SimpleNamespace(text="و"), SimpleNamespace(text="أكدت")]
    assert _word_spans_in_token("وأكدت", 10, words) == [(10, 11), (11, 15)]
    words = [SimpleNamespace(text="ل"), SimpleNamespace(text="القوات")]
    # the article's alef is elided in للقوات: the stem keeps the rest of the token
    assert _word_spans_in_token("للقوات", 0, words) == [(0, 1), (1, 6)]
