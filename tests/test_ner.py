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
        card = json.loads(model.with_suffix(".json").read_text(encoding="utf-8"))
        files = [model] + ([DEFAULT_MODEL_DIR / card["first_stage"]] if card.get("first_stage") else [])
        assert sum(f.stat().st_size for f in files) < 25 * 1024 * 1024  # both stages together
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
    assert len(batch) == 2
    expected = [(e.start, e.end, e.kind, e.id) for e in one.entities]
    assert len(expected) >= 10  # the article names ministries, villages, regions and forces
    assert ("منطقة كورسك", "GPE") in {(e.text, e.kind) for e in one.entities}
    assert [(e.start, e.end, e.kind, e.id) for e in batch[0].entities] == expected
    assert batch[1].entities and batch[1].text == dev_docs["ar-news-060"]


def test_leading_clitic_is_trimmed_article_kept(nlp: Pipeline) -> None:
    doc = nlp("أرسلت كوريا الشمالية جنودا لروسيا وللقوات الروسية دعما، وبالعاصمة موسكو.")
    _assert_well_formed(doc)
    texts = [e.text for e in doc.entities]
    assert "روسيا" in texts
    assert not any(t.startswith(("لروسيا", "وللقوات", "وبالعاصمة")) for t in texts)


@pytest.mark.parametrize("text", ["", "   \n ", "Hello world, nothing Arabic here.", "😀🔥👍🏽", "...!!!؟؟", "123 456"])
def test_bad_input_gives_no_crash(nlp: Pipeline, text: str) -> None:
    doc = nlp(text)
    assert doc.text == text
    assert doc.entities == []  # nothing here is an Arabic name


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
    assert [(e.text, e.kind, e.source) for e in doc.entities] == [
        ("فلاديمير بوتين", "PER", "gazetteer"),
        ("روسيا", "GPE", "gazetteer"),
    ]


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


@pytest.mark.parametrize("mode", ["auto", "gazetteer"])
def test_homograph_country_needs_context_or_the_model(mode: str) -> None:
    # مالي is Mali and the adjective "financial": only the places with a preposition or a
    # place word before them are the country
    text = "قدمت فرنسا دعما ماليا وعجز مالي كبير، ثم أرسلت قواتها إلى شمال مالي وقاتلت في مالي ولمالي."
    doc = Pipeline(["tokenize", "ner"], ner=mode)(text)
    mali = [(e.start, e.id) for e in doc.entities if e.text == "مالي"]
    financial = text.index("عجز مالي") + len("عجز ")
    countries = [text.index("شمال مالي") + len("شمال "), text.index("في مالي") + len("في "), text.index("ولمالي") + 2]
    assert [start for start, _ in mali] == countries and financial not in countries
    assert {ident for _, ident in mali} == {"MLI"}
    assert "جمهورية مالي" in {e.text for e in Pipeline(["tokenize", "ner"], ner=mode)("زار جمهورية مالي").entities}


def test_homograph_merge_policy_without_pipeline() -> None:
    text = "دعم مالي كبير"
    homograph = _span(text, "مالي", "GPE", source="gazetteer", ident="MLI")
    homograph.meta["tags"] = ["country", "homograph"]
    assert merge_entities(text, [], [homograph]) == []  # the model ran and found nothing there
    assert merge_entities(text, [], [homograph], model_ran=False) == []  # no context word
    confirmed = merge_entities(text, [_span(text, "مالي", "GPE")], [homograph])
    assert [(e.text, e.id) for e in confirmed] == [("مالي", "MLI")]


def test_model_span_across_a_clause_is_dropped() -> None:
    text = "وأكدت الوزارة أن تحرير مدينة أفدييفكا أتاح نقل خط المواجهة"
    merged = merge_entities(text, [_span(text, "الوزارة أن تحرير", "ORG"), _span(text, "أفدييفكا", "GPE")], [])
    assert [e.text for e in merged] == ["أفدييفكا"]


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
    assert min(len(one.train), len(one.dev), len(one.test)) >= len(sentences) // 20
    assert not {s.tokens for s in one.test} & {s.tokens for s in one.dev} - {()}
    for part in ("train", "dev", "test"):  # documents (blocks) tile each part in order
        documents = one.documents(part)
        assert len(documents) > 1
        assert [i for d in documents for i in d] == list(range(len(getattr(one, part))))
        assert all(len(d) <= one.block_size for d in documents)


def test_attach_clitics_restores_surface_words() -> None:
    sentence = TaggedSentence(
        ("و", "قال", "ان", "ه", "زار", "ل", "الامم", "المتحدة", "و", "ب", "المانيا"),
        ("O", "O", "O", "O", "O", "O", "B-ORG", "I-ORG", "O", "O", "B-GPE"),
    )
    glued = attach_clitics(sentence)
    assert glued.tokens == ("وقال", "انه", "زار", "للامم", "المتحدة", "وبالمانيا")
    assert glued.tags == ("O", "O", "O", "B-ORG", "I-ORG", "B-GPE")


def test_attach_clitics_repairs_names_the_segmenter_cut() -> None:
    # the corpus writes Baqubah as "ب عقوبة" (B-GPE I-GPE); a real preposition before a
    # name ("ب" tagged O) and a lone letter opening a one-word entity keep their behaviour
    sentence = TaggedSentence(
        ("في", "ب", "عقوبة", "و", "ف", "ؤاد", "زار", "ب", "بغداد", "ل", "2006"),
        ("O", "B-GPE", "I-GPE", "O", "B-PER", "I-PER", "O", "O", "B-GPE", "B-OTHER", "I-OTHER"),
    )
    glued = attach_clitics(sentence)
    assert glued.tokens == ("في", "بعقوبة", "وفؤاد", "زار", "ببغداد", "ل", "2006")
    assert glued.tags == ("O", "B-GPE", "B-PER", "O", "B-GPE", "B-OTHER", "I-OTHER")


# -- features -------------------------------------------------------------------------------


def test_trigger_classes_ignore_clitics_and_hamza() -> None:
    from eventx.ner.features import strip_clitics
    from eventx.ner.lexicon import trigger_classes
    from eventx.text.orthography import normalize_key

    for word, expected in (("والرئيس", "PER"), ("للشركة", "ORG"), ("أعلن", "SAY"), ("مدينة", "GPE"), ("بن", "NAME")):
        key = normalize_key(word)
        assert expected in trigger_classes(key, strip_clitics(key)[1]), word


def test_context_and_document_features() -> None:
    from eventx.ner.features import FeatureExtractor, document_info

    extractor = FeatureExtractor(groups=("base", "ctx", "doc"))
    sentences = [["قال", "الرئيس", "صالح", "إن"], ["وأضاف", "صالح", "أن", "فريق", "نيوكاسل", "فاز"]]
    features = extractor.document(sentences)
    first, second = features
    assert "tr[-1]=PER" in first[2] and "tr[-2]=SAY" in first[2]
    # the second "صالح" has no title before it, but its other occurrence does
    assert "tr[-1]=PER" not in second[1] and "dtr-1=PER" in second[1] and "dcnt=2" in second[1]
    assert "sport" in second[4] and "sport" not in first[2] and "tr[-1]=ORG" in second[4]
    info = document_info(sentences, [None, None])
    assert {"dtr-1=PER", "dcnt=2"} <= set(info["صالح"]) <= set(second[1])
    # a sentence tagged alone gets document features from itself
    alone = extractor.sentence(sentences[1])
    assert "dtr-1=PER" not in alone[1] and "dcnt=1" in alone[1]


def test_document_tagging_matches_the_processor(nlp: Pipeline) -> None:
    tagger = load_crf_tagger()
    assert {"ctx", "doc"} <= set(tagger.features.groups)
    tagged = tagger.tag_document([["قال", "الرئيس", "اليمني", "علي", "عبد", "الله", "صالح"], ["وأضاف", "صالح"]])
    assert [len(tags) for tags, _ in tagged] == [7, 2]
    assert [len(marginals) for _, marginals in tagged] == [7, 2]
    assert all(0.0 <= p <= 1.0 for _, marginals in tagged for p in marginals)
    assert "B-PER" in tagged[0][0] and "PER" in tagged[1][0][1]
    doc = nlp("قال الرئيس اليمني علي عبد الله صالح إن الحكومة ستواصل الحوار. وأضاف صالح أن الحوار مستمر.")
    _assert_well_formed(doc)
    assert any(e.kind == "PER" and "صالح" in e.text for e in doc.entities)


def test_stack_features_spread_first_stage_kinds_over_the_document() -> None:
    from eventx.ner.features import add_stack_features

    sentences = [["قال", "هورست", "كوبل"], ["وأضاف", "كوبل"]]
    features: list[list[list[str]]] = [[[] for _ in s] for s in sentences]
    add_stack_features(features, [["O", "B-PER", "I-PER"], ["O", "O"]], sentences)
    assert features[0][1][0] == "p1=B-PER" and "p1[+1]=I-PER" in features[0][1]
    # the second "كوبل" was missed by the first stage; its other occurrence was inside a PER
    assert "p1=O" in features[1][1] and "pk=PERI" in features[1][1] and "pkmaj=PERI" in features[1][1]
    assert not any(f.startswith("pk=") for f in features[1][0])


def test_two_stage_model_without_its_first_stage_is_refused(tmp_path: Path) -> None:
    import shutil

    from eventx.errors import ModelNotFoundError
    from eventx.ner.crf import CrfTagger

    source = DEFAULT_MODEL_DIR / f"{LITE_MODEL_NAME}.crfsuite"
    card = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))
    if not card.get("first_stage"):
        pytest.skip("the shipped lite model has one stage")
    shutil.copy(source, tmp_path / source.name)
    shutil.copy(source.with_suffix(".json"), tmp_path / source.with_suffix(".json").name)
    with pytest.raises(ModelNotFoundError):
        CrfTagger(tmp_path / source.name)
