"""Pathological input shapes (issue 18): functional checks, no timing asserts.

Long digit runs, one very long word, a long word made of clitic letters, a long line without
punctuation and a name repeated many times must give well-formed tokens, one ``X`` word per
over-long token, and the same events and entities around them as without them. The timings
are in ``benchmarks/bench_pathological.py``.
"""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from conftest import needs_camel, needs_stanza

from eventx.doc import EntitySpan
from eventx.morph.builtin import MAX_ANALYZED_TOKEN_LENGTH, BuiltinBackend
from eventx.ner.combine import merge_entities
from eventx.ner.processor import spans_to_token_tags
from eventx.pipeline import Pipeline
from eventx.text.sentences import split_sentences
from eventx.text.tokenize import tokenize_spans

SENTENCE = "قتل خمسة جنود في هجوم على قرية قرب مدينة حلب."
LINE_WORDS = "قتل خمسة جنود في هجوم على قرية قرب مدينة حلب صباح أمس وأصيب عشرة مدنيين "

SHAPES = {
    "digits_arabic": "٣" * 20_000 + " قتيل",
    "digits_latin": "3" * 20_000 + " قتيل",
    "digits_with_separators": "1,000." * 4_000 + "5 قتلى",
    "long_word": "ا" * 20_000,
    "clitic_word": "و" * 10_000 + "قتل" + "ب" * 10_000,
    "word_with_marks": "\u200cا" * 10_000,
    "long_line": (LINE_WORDS * 300)[:20_000],
    "repeated_name": "روسيا " * 3_000,
    "open_quotes": "«ا " * 5_000 + "»",
}


def _assert_tokens_cover(text: str) -> None:
    """Tokens are in order, do not overlap, match the text, and leave out only white space and
    bidi/zero-width marks."""
    position = 0
    for token in tokenize_spans(text):
        assert token.start >= position and token.end > token.start
        assert text[token.start : token.end] == token.text
        gap = text[position : token.start]
        assert all(ch.isspace() or ch in "\u200b\u200c\u200d\u200e\u200f\ufeff\u061c" for ch in gap), gap[:20]
        position = token.end
    assert text[position:].strip() == ""


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_tokens_cover_pathological_input_exactly(name: str) -> None:
    _assert_tokens_cover(SHAPES[name])


def test_long_digit_runs_are_one_token() -> None:
    for digit in ("٣", "3"):
        tokens = tokenize_spans(digit * 40_000 + " قتيل")
        assert [(t.start, t.end) for t in tokens] == [(0, 40_000), (40_001, 40_005)]
    number = "1,000." * 4_000 + "5"
    assert [t.text for t in tokenize_spans(number + " قتلى")] == [number, "قتلى"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("و2.5 مليون", ["و2.5", "مليون"]),
        ("3,000 و٣٬٠٠٠ و10.000", ["3,000", "و٣٬٠٠٠", "و10.000"]),
        ("في 12. ثم", ["في", "12", ".", "ثم"]),
        ("a.5 1..2 1.2.3", ["a", ".", "5", "1", ".", ".", "2", "1.2.3"]),
        ("2.x ,5 5,", ["2", ".", "x", ",", "5", "5", ","]),
        ("عبد\u200cالله \u200fقتل\u200f.", ["عبد\u200cالله", "قتل", "."]),
        ("كييف\u200c\u200cروسيا", ["كييف", "روسيا"]),
        ("🇸🇦👍🏽«قتل»", ["🇸🇦", "👍🏽", "«", "قتل", "»"]),
    ],
)
def test_tokens_of_normal_text_unchanged(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokenize_spans(text)] == expected


def test_sentences_of_a_line_full_of_open_quotes() -> None:
    text = "«ا " * 5_000 + "». قتل جندي."
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans][-1] == "قتل جندي."
    # the unclosed quotes never close: the line is one stretch, cut at spaces into bounded pieces
    pieces = split_sentences("«ا " * 5_000)
    assert pieces[0].start == 0 and pieces[-1].end == 3 * 5_000 - 1
    assert len(pieces) == 10 and all(s.end - s.start <= 1_500 for s in pieces)


def _one_x_word(backend: object, token: str) -> None:
    (segments,) = backend.analyze_sentence([token])  # type: ignore[attr-defined]
    assert len(segments) == 1
    seg = segments[0]
    assert (seg.start, seg.end, seg.pos, seg.role, seg.lemma, seg.features) == (0, len(token), "X", "stem", None, ())


OVER_LONG = ["ا" * 20_000, "و" * 10_000 + "قتل" + "ب" * 10_000, "ب" * (MAX_ANALYZED_TOKEN_LENGTH + 1),
             "3" * (MAX_ANALYZED_TOKEN_LENGTH + 1)]


def test_builtin_gives_one_x_word_to_an_over_long_token() -> None:
    backend = BuiltinBackend()
    for token in OVER_LONG:
        _one_x_word(backend, token)
    (digits,) = backend.analyze_sentence(["3" * MAX_ANALYZED_TOKEN_LENGTH])
    assert [s.pos for s in digits] == ["NUM"]  # at the limit: still analysed
    (word,) = backend.analyze_sentence(["وال" + "ب" * (MAX_ANALYZED_TOKEN_LENGTH - 3)])
    assert [s.role for s in word] == ["proclitic", "stem"]


@needs_camel
def test_camel_gives_one_x_word_to_an_over_long_token() -> None:
    from eventx.morph.camel import CamelBackend

    backend = CamelBackend()
    for token in OVER_LONG:
        _one_x_word(backend, token)
    (digits,) = backend.analyze_sentence(["3" * MAX_ANALYZED_TOKEN_LENGTH])
    assert [s.pos for s in digits] == ["NUM"]


@needs_stanza
def test_stanza_gives_one_x_word_to_an_over_long_token_and_analyses_its_neighbours() -> None:
    from eventx.morph.stanza_backend import StanzaBackend

    backend = StanzaBackend()
    long_token = "ا" * 2_000
    (segments,) = backend.analyze_sentences([["قتل", long_token, "جنود"]])
    assert [(s.start, s.end, s.pos) for s in segments[1]] == [(0, len(long_token), "X")]
    assert segments[0] and segments[2]  # the neighbours are analysed
    assert segments[0][0].pos != "X" or segments[2][0].pos != "X"


def _summary(doc: object) -> tuple[list[tuple[str, str]], list[tuple[str, str | None]]]:
    result = doc.to_result()  # type: ignore[attr-defined]
    return ([(e.type, e.trigger.text) for e in result.events], [(e.text, e.id) for e in result.entities])


@pytest.mark.parametrize("morph", ["builtin", pytest.param("camel", marks=needs_camel)])
@pytest.mark.parametrize(
    "prefix",
    ["ا" * 20_000, "و" * 10_000 + "قتل" + "ب" * 10_000, "٣" * 20_000, "3" * 20_000],
    ids=["long_word", "clitic_word", "digits_arabic", "digits_latin"],
)
def test_events_found_after_a_20k_character_token(morph: str, prefix: str) -> None:
    nlp = Pipeline(morph=morph)
    expected = _summary(nlp(SENTENCE, published="2025-01-01"))
    assert expected[0], "the plain sentence has events"
    for separator in (" ", "\n"):
        doc = nlp(prefix + separator + SENTENCE, published="2025-01-01")
        assert _summary(doc) == expected
        first = doc.sentences[0].tokens[0]
        assert first.text == prefix
        assert [(w.pos, w.lemma, w.text) for w in first.words] == [("X", None, prefix)]


def test_repeated_name_is_every_time_one_linked_entity() -> None:
    n = 3_000
    doc = Pipeline(morph="builtin")("روسيا " * n)
    assert len(doc.entities) == n
    assert {(e.text, e.id) for e in doc.entities} == {("روسيا", "RUS")}
    assert all(a.end <= b.start for a, b in pairwise(doc.entities))


def test_long_line_without_punctuation_is_tokenized_in_bounded_sentences() -> None:
    text = (LINE_WORDS * 40)[:3_000]
    doc = Pipeline(processors=["tokenize", "morph", "ner"], morph="builtin")(text)
    assert len(doc.sentences) == 2  # 3,000 characters, cut at a space before 1,500
    assert [t.text for t in doc.tokens] == text.split()
    assert doc.entities and all(text[e.start : e.end] == e.text for e in doc.entities)


# --- the bisection-based selections give what a scan of every span gives ----------------------


def _span(start: int, end: int, kind: str = "GPE", **meta: object) -> EntitySpan:
    return EntitySpan(text="x" * (end - start), start=start, end=end, kind=kind, source="t", score=0.9,
                      meta=dict(meta))


def _tags_by_scan(offsets: list[tuple[int, int]], spans: list[EntitySpan]) -> list[str]:
    tags = ["O"] * len(offsets)
    for span in spans:
        inside = [i for i, (start, end) in enumerate(offsets) if start < span.end and span.start < end]
        for position, i in enumerate(inside):
            tags[i] = f"{'B' if position == 0 else 'I'}-{span.kind}"
    return tags


def test_token_tags_match_a_scan_of_every_token() -> None:
    rng = random.Random(18)
    for _ in range(300):
        offsets, position = [], 0
        for _ in range(rng.randint(0, 30)):
            position += rng.randint(0, 2)
            length = rng.randint(1, 6)
            offsets.append((position, position + length))
            position += length
        if rng.random() < 0.2:
            rng.shuffle(offsets)  # not in text order: the scan fallback
        spans = []
        for _ in range(rng.randint(0, 10)):
            start = rng.randint(0, position + 2)
            spans.append(_span(start, start + rng.randint(0, 12), rng.choice(["GPE", "PER", "ORG"])))
        assert spans_to_token_tags(offsets, spans) == _tags_by_scan(offsets, spans)


def test_merge_of_many_spans_keeps_the_policy() -> None:
    """Thousands of spans: gazetteer spans win overlaps, a longer model span of the same kind
    absorbs a gazetteer span, a homograph needs the model's agreement; nothing overlaps."""
    unit = "روسيا وفلاديمير بوتين ودعم مالي "
    n = 2_000
    text = unit * n
    gazetteer, model = [], []
    for i in range(n):
        base = i * len(unit)
        gazetteer.append(EntitySpan(text="روسيا", start=base, end=base + 5, kind="GPE", canonical="Russia",
                                    id="RUS", source="gazetteer", score=1.0))
        putin = base + unit.index("بوتين")
        gazetteer.append(EntitySpan(text="بوتين", start=putin, end=putin + 5, kind="PER", canonical="Vladimir Putin",
                                    id="Q7747", source="gazetteer", score=1.0))
        mali = base + unit.index("مالي")
        gazetteer.append(EntitySpan(text="مالي", start=mali, end=mali + 4, kind="GPE", canonical="Mali", id="MLI",
                                    source="gazetteer", score=1.0, meta={"tags": ("homograph",)}))
        full = base + unit.index("فلاديمير")
        model.append(EntitySpan(text=text[full : putin + 5], start=full, end=putin + 5, kind="PER", source="ner",
                                score=0.9))
        model.append(EntitySpan(text="روسيا", start=base, end=base + 5, kind="GPE", source="ner", score=0.9))
    merged = merge_entities(text, model, gazetteer)
    assert [(e.text, e.id) for e in merged[:2]] == [("روسيا", "RUS"), ("فلاديمير بوتين", "Q7747")]
    assert len(merged) == 2 * n  # "دعم مالي": no evidence for Mali
    assert all(a.end <= b.start for a, b in pairwise(merged))
    assert all(text[e.start : e.end] == e.text for e in merged)


def test_an_unpunctuated_page_is_cut_into_bounded_sentences_at_spaces() -> None:
    from eventx.text.sentences import MAX_SENTENCE_CHARS, split_sentences

    unit = "قتل خمسة جنود في هجوم على قرية قرب مدينة حلب صباح أمس وأصيب عشرة مدنيين "
    text = unit * 300  # about 22,000 characters, no sentence punctuation
    spans = split_sentences(text)
    assert len(spans) >= len(text) // MAX_SENTENCE_CHARS
    assert all(0 < s.end - s.start <= MAX_SENTENCE_CHARS for s in spans)
    assert all(not text[s.start].isspace() and not text[s.end - 1].isspace() for s in spans)
    # nothing but spaces between pieces: no character is lost
    assert "".join(text[a.end : b.start] for a, b in pairwise(spans)).strip() == ""
    assert text[: spans[0].start].strip() == "" and text[spans[-1].end :].strip() == ""
    # one word longer than the limit stays whole
    word = "ا" * (MAX_SENTENCE_CHARS * 3)
    assert [(s.start, s.end) for s in split_sentences(word + " قتل جندي")] == [
        (0, len(word)),
        (len(word) + 1, len(word) + 9),
    ]


def test_events_are_found_all_along_an_unpunctuated_page() -> None:
    import eventx

    unit = "قتل خمسة جنود في هجوم على مدينة حلب "
    result = eventx.extract(unit * 400, published="2025-04-28")  # ~14,000 characters
    casualties = [e for e in result.events if e.type == "CASUALTY"]
    # close triggers of one type merge into one event per stretch (merge_within), so count
    # where they are: every 1,500-character piece of the page has its own
    pieces = {e.sentence.index for e in casualties}
    assert len(pieces) >= 9
    assert max(e.trigger.start for e in casualties) > 13_000
