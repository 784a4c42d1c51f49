"""NER: the shipped model on real dev sentences, the merge policy, the corpus reader, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventx.doc import Document, EntitySpan
from eventx.errors import ConfigurationError
from eventx.ner.combine import leading_clitic_length, merge_entities, trim_span
from eventx.ner.crf import DEFAULT_MODEL_DIR, bio_to_spans
from eventx.ner.labels import FINE_TO_KIND, KINDS, coarse_tag
from eventx.ner.newsfane import TaggedSentence, attach_clitics, read_newsfane, split_corpus
from eventx.ner.processor import LITE_MODEL_NAME, MORPH_MODEL_NAME, NerProcessor, load_crf_tagger
from eventx.pipeline import Pipeline
from eventx.records import ENTITY_KINDS

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV_DOCS = SHARED / "corpus" / "dev" / "docs.jsonl"
NEWSFANE = SHARED / "data" / "ner" / "newsfane" / "NewsFANE_Gold_2014_170K.txt"


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(["tokenize", "ner"])


@pytest.fixture(scope="module")
def dev_docs() -> dict[str, str]:
    with DEV_DOCS.open(encoding="utf-8") as handle:
        return {d["id"]: d["text"] for d in map(json.loads, handle)}


def _entities(doc: Document) -> dict[str, EntitySpan]:
    return {e.text: e for e in doc.entities}


def _assert_well_formed(doc: Document) -> None:
    previous_end = -1
    for entity in doc.entities:
        assert doc.text[entity.start : entity.end] == entity.text
        assert entity.start >= previous_end, f"overlap at {entity.text!r}"
        assert entity.kind in ENTITY_KINDS
        assert entity.text and entity.text == entity.text.strip()
        previous_end = entity.end


# -- the shipped model on real text -------------------------------------------------------


def test_shipped_models_exist_and_are_small() -> None:
    for name in (MORPH_MODEL_NAME, LITE_MODEL_NAME):
        model = DEFAULT_MODEL_DIR / f"{name}.crfsuite"
        assert model.is_file()
        assert model.stat().st_size < 25 * 1024 * 1024
        card = json.loads(model.with_suffix(".json").read_text(encoding="utf-8"))
        assert card["licence"] == "CC BY-SA 3.0"
        assert "NewsFANE" in card["credit"]
        assert card["scores"]["test"]["ALL"]["f1"] > 0.6


def test_seed_doc_known_names_are_linked(nlp: Pipeline, dev_docs: dict[str, str]) -> None:
    doc = nlp(dev_docs["seed-000"])
    _assert_well_formed(doc)
    found = _entities(doc)
    assert found["كوريا الشمالية"].kind == "GPE" and found["كوريا الشمالية"].id == "PRK"
    assert "مقاطعة كورسك" in found
    assert found["روسيا"].id == "RUS"


def test_people_organs_and_forces(nlp: Pipeline, dev_docs: dict[str, str]) -> None:
    seed_001 = _entities(nlp(dev_docs["seed-001"]))
    assert seed_001["فلاديمير بوتين"].kind == "PER"
    assert seed_001["الكرملين"].kind in {"ORG", "GPE", "FAC"}
    seed_002 = _entities(nlp(dev_docs["seed-002"]))
    force = seed_002["القوات الكورية الشمالية"]
    assert force.kind == "FORCE" and force.id == "PRK"
    assert seed_002["الجيش الروسي"].kind == "FORCE" and seed_002["الجيش الروسي"].id == "RUS"


def test_model_finds_names_no_list_holds(nlp: Pipeline) -> None:
    # invented names: only the statistical model can find these
    doc = nlp("وقال الوزير عبد الرحيم المختاري إن قوات الحكومة دخلت قرية زرقانة شمال البلاد.")
    _assert_well_formed(doc)
    people = [e for e in doc.entities if e.kind == "PER"]
    assert any("المختاري" in e.text for e in people), doc.entities


def test_every_dev_document_is_well_formed_and_converts(nlp: Pipeline, dev_docs: dict[str, str]) -> None:
    docs = [nlp.make_doc(text, doc_id=doc_id) for doc_id, text in dev_docs.items()]
    processor = nlp.get("ner")
    assert processor is not None
    for doc in docs:
        nlp.processors[0].process(doc)
    processor.bulk_process(docs)
    for doc in docs:
        _assert_well_formed(doc)
        result = doc.to_result()
        assert len(result.entities) == len(doc.entities)
    assert sum(len(doc.entities) for doc in docs) > 200


def test_bulk_process_matches_process(nlp: Pipeline, dev_docs: dict[str, str]) -> None:
    text = dev_docs["ar-news-027"]
    one = nlp(text)
    batch = list(nlp.pipe([text, dev_docs["ar-news-060"]], batch_size=2))
    assert [(e.start, e.end, e.kind, e.id) for e in one.entities] == [
        (e.start, e.end, e.kind, e.id) for e in batch[0].entities
    ]


def test_leading_clitic_is_trimmed_article_kept(nlp: Pipeline) -> None:
    doc = nlp("أرسلت كوريا الشمالية جنودا لروسيا وللقوات الروسية دعما، وبالعاصمة موسكو.")
    _assert_well_formed(doc)
    texts = [e.text for e in doc.entities]
    assert "روسيا" in texts
    assert not any(t.startswith(("لروسيا", "وللقوات", "وبالعاصمة")) for t in texts)


@pytest.mark.parametrize("text", ["", "   \n ", "Hello world, nothing Arabic here.", "😀🔥👍🏽", "...!!!؟؟", "123 456"])
def test_bad_input_gives_no_crash(nlp: Pipeline, text: str) -> None:
    doc = nlp(text)
    _assert_well_formed(doc)


def test_morph_processor_does_not_change_the_contract(dev_docs: dict[str, str]) -> None:
    with_morph = Pipeline(["tokenize", "morph", "ner"])
    doc = with_morph(dev_docs["seed-000"])
    _assert_well_formed(doc)
    assert _entities(doc)["كوريا الشمالية"].id == "PRK"


def test_modes_and_describe() -> None:
    crf = NerProcessor("crf")
    description = crf.describe()
    assert "CC BY-SA 3.0" in description and ".crfsuite" in description
    gazetteer_only = NerProcessor("gazetteer")
    assert "gazetteer" in gazetteer_only.describe()
    with pytest.raises(ConfigurationError):
        NerProcessor("spacy")
    doc = Pipeline(["tokenize", "ner"], ner="gazetteer")("قال فلاديمير بوتين إن روسيا")
    assert {e.source for e in doc.entities} <= {"gazetteer"}


def test_lite_model_runs_without_morphology() -> None:
    tagger = load_crf_tagger(variant=LITE_MODEL_NAME)
    assert "morph" not in tagger.features.groups
    tags = tagger.tag(["وقال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس"])
    kinds = {span.kind for span in bio_to_spans(tags)}
    assert "PER" in kinds


# -- merge policy -------------------------------------------------------------------------


def _span(text: str, part: str, kind: str, *, source: str = "ner", ident: str | None = None, score: float = 1.0,
          occurrence: int = 0) -> EntitySpan:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return EntitySpan(part, start, start + len(part), kind, id=ident, source=source, score=score)


def test_gazetteer_wins_and_longer_linked_span_is_kept() -> None:
    text = "تقدمت القوات في مقاطعة كورسك أمس"
    model = [_span(text, "كورسك", "GPE")]
    gazetteer = [_span(text, "مقاطعة كورسك", "LOC", source="gazetteer", ident="geonames:1")]
    merged = merge_entities(text, model, gazetteer)
    assert [(e.text, e.kind, e.id) for e in merged] == [("مقاطعة كورسك", "LOC", "geonames:1")]


def test_model_span_extends_a_same_kind_gazetteer_span() -> None:
    text = "وقال الرئيس فلاديمير بوتين اليوم"
    model = [_span(text, "فلاديمير بوتين", "PER")]
    gazetteer = [EntitySpan("بوتين", text.index("بوتين"), text.index("بوتين") + 5, "PER", canonical="Vladimir Putin")]
    merged = merge_entities(text, model, gazetteer)
    assert [(e.text, e.canonical) for e in merged] == [("فلاديمير بوتين", "Vladimir Putin")]


def test_model_only_spans_are_trimmed_and_linked() -> None:
    text = "وصل الوفد لروسيا ثم والتقى بوزير"

    class _Linked:
        def __init__(self, name: str) -> None:
            self.start, self.end, self.canonical, self.id = 0, len(name), "Russia", "RUS"

    def linker(name: str, kind: str | None) -> _Linked | None:
        return _Linked(name) if name == "روسيا" else None

    merged = merge_entities(text, [_span(text, "لروسيا", "GPE")], [], linker=linker)
    assert [(e.text, e.id) for e in merged] == [("روسيا", "RUS")]
    assert text[merged[0].start : merged[0].end] == "روسيا"


def test_clitic_rules_keep_names_that_start_with_clitic_letters() -> None:
    for name in ("فرنسا", "بوتين", "لندن", "كييف", "واشنطن", "بريطانيا"):
        assert leading_clitic_length(name) == 0, name
    assert leading_clitic_length("والقوات") == 1
    assert leading_clitic_length("بالقوات") == 1
    assert leading_clitic_length("وبالقوات") == 2
    assert leading_clitic_length("للقوات") == 2
    assert leading_clitic_length("وللقوات") == 3
    text = "« القوات »"
    trimmed = trim_span(text, EntitySpan(text, 0, len(text), "FORCE"))
    assert trimmed is not None and trimmed.text == "القوات"


# -- corpus and labels --------------------------------------------------------------------


def test_every_corpus_class_maps_to_a_spec_kind() -> None:
    sentences = read_newsfane(NEWSFANE, coarse=False)
    classes = {tag[2:] for s in sentences for tag in s.tags if tag != "O"}
    assert len(classes) == 45
    assert classes <= set(FINE_TO_KIND)
    assert set(FINE_TO_KIND.values()) <= set(KINDS) <= set(ENTITY_KINDS)
    assert coarse_tag("B-Politician") == "B-PER" and coarse_tag("I-Nation") == "I-GPE" and coarse_tag("O") == "O"
    assert coarse_tag("B-Police") == "B-PER"  # people in security roles, not police forces


def test_reader_strips_marks_and_split_is_fixed() -> None:
    sentences = read_newsfane(NEWSFANE)
    assert len(sentences) == 4760
    first = sentences[0]
    assert first.tokens[0] == "فرانكفورت" and first.tags[0] == "B-GPE"
    assert not any("\u200e" in t or "\ufeff" in t or "\r" in t for s in sentences[:200] for t in s.tokens)
    one, two = split_corpus(sentences), split_corpus(sentences)
    assert [s.tokens for s in one.test] == [s.tokens for s in two.test]
    assert len(one.train) + len(one.dev) + len(one.test) == len(sentences)
    assert not {s.tokens for s in one.test} & {s.tokens for s in one.dev} - {()}


def test_attach_clitics_restores_surface_words() -> None:
    sentence = TaggedSentence(
        ("و", "قال", "ان", "ه", "زار", "ل", "الامم", "المتحدة", "و", "ب", "المانيا"),
        ("O", "O", "O", "O", "O", "O", "B-ORG", "I-ORG", "O", "O", "B-GPE"),
    )
    glued = attach_clitics(sentence)
    assert glued.tokens == ("وقال", "انه", "زار", "للامم", "المتحدة", "وبالمانيا")
    assert glued.tags == ("O", "O", "O", "B-ORG", "I-ORG", "B-GPE")
