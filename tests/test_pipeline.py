"""Pipeline construction from registered components: prerequisites, typed configs, variants,
resources owned per pipeline, the normalize stage, streaming and bad input."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventx.component import ComponentConfig, Processor, Registration, registry
from eventx.doc import Document
from eventx.errors import ConfigurationError
from eventx.pipeline import DEFAULT_PROCESSORS, Pipeline, PipelineConfig

TEXTS = [
    "أعلنت كوريا الشمالية رسمياً عن إرسال قوات إلى روسيا.",
    "قُتل 5 أشخاص في قصف على مدينة خاركيف.",
    "",
    "Only Latin text.",
    "انسحاب القوات الكورية الشمالية من كورسك الروسية",
]


def test_components_run_in_the_order_data_flows() -> None:
    assert DEFAULT_PROCESSORS == ("tokenize", "morph", "ner", "normalize", "events")
    nlp = Pipeline(ner="gazetteer")
    assert nlp.names == list(DEFAULT_PROCESSORS)
    doc = nlp("قُتل 5 أشخاص في قصف على مدينة خاركيف أمس.", published="2025-04-28")
    assert doc.processed == set(DEFAULT_PROCESSORS)


def test_unknown_component_and_missing_prerequisite_fail_at_construction() -> None:
    with pytest.raises(ConfigurationError, match=r"\[E001\] unknown processor 'lemmatize'"):
        Pipeline(processors=["tokenize", "lemmatize"])
    with pytest.raises(ConfigurationError, match="'events' requires normalize, tokenize"):
        Pipeline(processors=["events"])
    with pytest.raises(ConfigurationError, match="'events' requires normalize"):
        Pipeline(processors=["tokenize", "morph", "ner", "events"])
    with pytest.raises(ConfigurationError, match="'morph' requires tokenize"):
        Pipeline(processors="morph,tokenize")
    with pytest.raises(ConfigurationError, match="appears twice"):
        Pipeline(processors=["tokenize", "tokenize"])


def test_component_configs_are_typed_and_checked() -> None:
    with pytest.raises(ConfigurationError, match=r"\[E004\].*'events'.*rule_pack"):
        Pipeline(config={"events": {"rule_pack": "builtin"}})  # misspelt field
    with pytest.raises(ConfigurationError, match=r"\[E004\].*'ner': gazetteer.*instance of Gazetteer"):
        Pipeline(gazetteer={"روسيا": "RUS"})
    with pytest.raises(ConfigurationError, match=r"\[E004\].*'events': engine.*instance of RuleEngine"):
        Pipeline(config={"events": {"engine": "builtin"}})
    with pytest.raises(ConfigurationError, match=r"\[E005\].*'ner'.*not in the pipeline"):
        Pipeline(processors=["tokenize"], config={"ner": {"variant": "crf"}})
    with pytest.raises(ConfigurationError, match=r"\[E003\].*'spacy'.*'ner'"):
        Pipeline(ner="spacy")
    with pytest.raises(ConfigurationError, match=r"\[E003\].*'farasa'.*'morph'"):
        Pipeline(processors=["tokenize", "morph"], morph="farasa")


def test_shorthands_for_absent_components_and_odd_settings_are_refused() -> None:
    with pytest.raises(ConfigurationError, match=r"\[E005\].*'parse'.*not in the pipeline"):
        Pipeline(parser="stanza")  # the default pipeline has no parse component
    with pytest.raises(ConfigurationError, match=r"\[E005\].*'ner'"):
        Pipeline(processors=["tokenize", "morph"], ner="gazetteer")
    with pytest.raises(ConfigurationError, match=r"\[E004\].*'morph'.*mapping"):
        Pipeline(config={"morph": ["builtin"]})  # type: ignore[dict-item]
    one_pack = Pipeline(ner="gazetteer", rule_packs="builtin")  # a single pack by name
    assert one_pack.config.components["events"]["rule_packs"] == ("builtin",)


def test_a_temporary_registration_restores_what_it_replaced() -> None:
    stand_in = Registration("tokenize", "default", lambda config: _CountTokens(), ComponentConfig, __name__)
    with registry.temporary(stand_in), pytest.raises(ConfigurationError, match="'tokenize' requires tokenize"):
        Pipeline(processors=["tokenize"])  # the stand-in needs what it replaced
    assert [s.text for s in Pipeline(processors=["tokenize"])("قتل 3 جنود. وأصيب آخرون").sentences] == [
        "قتل 3 جنود.",
        "وأصيب آخرون",
    ]


def test_an_auto_resolver_naming_an_unknown_variant_is_a_clear_error() -> None:
    registry.add(Registration("flaky", "real", lambda config: _CountTokens(), _AutoConfig, __name__))
    registry.auto_resolver("flaky")(lambda config: "imaginary")
    try:
        with pytest.raises(ConfigurationError, match=r"\[E003\].*'imaginary'.*'flaky'; choose one of real"):
            Pipeline(processors=["tokenize", "flaky"], config={"flaky": {"variant": "auto"}})
    finally:
        registry.unregister("flaky")
    assert "flaky" not in registry


class _AutoConfig(ComponentConfig):
    variant: str = "auto"


def test_config_rebuilds_the_same_pipeline() -> None:
    nlp = Pipeline(ner="gazetteer", parser=None, config={"events": {"rule_packs": ["builtin"]}})
    assert nlp.config.components["ner"]["variant"] == "gazetteer"
    assert nlp.config.components["events"]["rule_packs"] == ["builtin"]
    again = Pipeline.from_config(PipelineConfig.model_validate(nlp.config.model_dump()))
    assert again.names == nlp.names
    text = "قُتل 5 أشخاص في قصف على مدينة خاركيف."
    assert [e.model_dump() for e in again(text).events] == [e.model_dump() for e in nlp(text).events]
    assert [e.type for e in nlp(text).events] == ["CASUALTY", "ATTACK"]


class _CountTokens(Processor):
    name = "count"
    requires = frozenset({"tokenize"})
    provides = frozenset({"count"})

    def process(self, doc: Document) -> Document:
        doc.meta["n_tokens"] = sum(1 for _ in doc.tokens)
        return doc


@pytest.fixture
def count_component() -> Iterator[Registration]:
    registration = Registration("count", "default", lambda config: _CountTokens(), ComponentConfig, __name__)
    with registry.temporary(registration) as registered:
        yield registered
    assert "count" not in registry  # the test leaves the registry as it found it


def test_a_user_component_registers_runs_in_order_and_is_removed(count_component: Registration) -> None:
    doc = Pipeline(processors=["tokenize", "count"])("قتل 3 جنود. وأصيب آخرون")
    assert doc.meta["n_tokens"] == 6
    assert [s.text for s in doc.sentences] == ["قتل 3 جنود.", "وأصيب آخرون"]


def test_a_user_variant_of_a_builtin_component_is_chosen_by_config() -> None:
    from eventx.morph.processor import MorphConfig

    class Unsplit(Processor):
        """A 'morphology' that keeps each token whole and calls it a NOUN."""

        name = "morph"
        requires = frozenset({"tokenize"})
        provides = frozenset({"morph"})

        def process(self, doc: Document) -> Document:
            for word in doc.words:
                word.pos = "NOUN"
            doc.processed.add(self.name)
            return doc

    registration = Registration("morph", "unsplit", lambda config: Unsplit(), MorphConfig, __name__)
    with registry.temporary(registration):
        assert "unsplit" in registry.variants("morph")
        doc = Pipeline(processors=["tokenize", "morph"], morph="unsplit")("وأكدت القوات")
        assert [(w.text, w.pos) for w in doc.words] == [("وأكدت", "NOUN"), ("القوات", "NOUN")]
    assert "unsplit" not in registry.variants("morph")
    assert {"camel", "builtin", "stanza"} <= set(registry.variants("morph"))


def test_registering_a_taken_name_from_elsewhere_is_refused() -> None:
    taken = Registration("tokenize", "default", lambda config: _CountTokens(), ComponentConfig, "someone.else")
    with pytest.raises(ConfigurationError, match=r"\[E006\].*'tokenize' is already registered"):
        registry.add(taken)


def test_two_pipelines_hold_different_gazetteers_in_one_process() -> None:
    from eventx.normalize.gazetteer import default_gazetteer

    text = "هاجمت جبهة النسر الذهبي مواقع الجيش قرب مدينة خاركيف."
    mine = default_gazetteer().copy()
    mine.add("جبهة النسر الذهبي", "ORG", "Golden Eagle Front", "x:golden-eagle-front")
    custom = Pipeline(processors=["tokenize", "ner"], ner="gazetteer", gazetteer=mine)
    plain = Pipeline(processors=["tokenize", "ner"], ner="gazetteer")
    found = {e.text: e.id for e in custom(text).entities}
    assert found["جبهة النسر الذهبي"] == "x:golden-eagle-front"
    assert "جبهة النسر الذهبي" not in {e.text for e in plain(text).entities}
    # both still know the shared default names
    assert "مدينة خاركيف" in {e.text for e in plain(text).entities} & set(found)
    assert custom.get("ner").gazetteer is mine  # type: ignore[union-attr]
    assert plain.get("ner").gazetteer is default_gazetteer()  # type: ignore[union-attr]


def test_normalize_attaches_dates_and_figures_before_the_rules() -> None:
    nlp = Pipeline(processors=["tokenize", "normalize"])
    doc = nlp("قُتل 5 أشخاص في 3 مارس 2024 في قصف، وأصيب 12 آخرون أمس.", published="2024-03-04")
    assert [(d.value.text, d.value.value) for d in doc.dates] == [("3 مارس 2024", "2024-03-03"), ("أمس", "2024-03-03")]
    assert [q.value.value for q in doc.quantities] == [5, 12]  # the 3 of the date is not a figure
    assert doc.warnings == []
    undated = nlp("قُتل 5 أشخاص أمس.")
    assert [d.value.value for d in undated.dates] == [None]
    assert undated.warnings == ["no publication date: relative dates left unresolved"]


def test_a_date_the_publication_year_lacks_is_still_no_figure() -> None:
    nlp = Pipeline(processors=["tokenize", "normalize"])
    doc = nlp("قُتل 5 أشخاص في 29 فبراير في قصف على مدينة خاركيف.", published="2025-04-28")
    assert [q.value.value for q in doc.quantities] == [5]
    leap = nlp("قُتل 5 أشخاص في 29 فبراير في قصف على مدينة خاركيف.", published="2024-04-28")
    assert [(d.value.text, d.value.value) for d in leap.dates] == [("29 فبراير", "2024-02-29")]
    assert [q.value.value for q in leap.quantities] == [5]


def test_events_read_dates_and_figures_from_the_document() -> None:
    nlp = Pipeline(ner="gazetteer")
    doc = nlp("قُتل 5 أشخاص أمس في قصف على مدينة خاركيف.", published="2025-04-28")
    casualty = next(e for e in doc.events if e.type == "CASUALTY")
    assert casualty.quantities["killed"].value == 5
    assert casualty.date is not None and casualty.date.value == "2025-04-27"
    # The engine only reads the Document: without normalize's output it finds no figure or date.
    doc.quantities.clear()
    doc.dates.clear()
    events = nlp.get("events").engine.extract(doc)  # type: ignore[union-attr]
    rerun = next(e for e in events if e.type == "CASUALTY")
    assert rerun.quantities == {} and rerun.date is None


@pytest.mark.parametrize("bad", [None, b"\xd9\x82\xd8\xaa\xd9\x84", 42, ["نص"]])
def test_non_str_input_is_a_clear_type_error(bad: object) -> None:
    nlp = Pipeline(processors=["tokenize"])
    with pytest.raises(TypeError, match="must be a str"):
        nlp(bad)


@pytest.mark.parametrize("bad", ["28/04/2025", "yesterday"])
def test_bad_published_is_one_clear_error_everywhere(bad: str) -> None:
    from eventx.normalize import parse_date

    nlp = Pipeline(processors=["tokenize"])
    with pytest.raises(ValueError, match=r"\[E104\] published must be an ISO date") as from_pipeline:
        nlp("أمس", published=bad)
    with pytest.raises(ValueError, match=r"\[E104\] published must be an ISO date") as from_parser:
        parse_date("أمس", published=bad)
    assert str(from_pipeline.value) == str(from_parser.value)


def test_pipe_keeps_order_and_matches_single_calls_also_with_two_processes() -> None:
    nlp = Pipeline(ner="gazetteer")
    single = [[(e.type, e.trigger.start) for e in nlp(t).events] for t in TEXTS]
    assert single[0] and single[1]  # the comparison below is not between empty lists
    streamed = [[(e.type, e.trigger.start) for e in d.events] for d in nlp.pipe(TEXTS, batch_size=2)]
    assert streamed == single
    items = [{"id": f"d{i}", "text": t, "published": "2025-04-28"} for i, t in enumerate(TEXTS)]
    parallel = list(nlp.pipe(items, batch_size=2, n_process=2))
    assert [d.doc_id for d in parallel] == [f"d{i}" for i in range(len(TEXTS))]
    assert [[(e.type, e.trigger.start) for e in d.events] for d in parallel] == single
    with pytest.raises(ValueError, match="batch_size"):
        list(nlp.pipe(TEXTS, batch_size=0))
    with pytest.raises(ValueError, match="n_process"):
        list(nlp.pipe(TEXTS, n_process=0))


def test_degenerate_and_huge_inputs_give_well_defined_results() -> None:
    nlp = Pipeline(ner="gazetteer")
    for text in ["", " \n\t ", "😀🔥", "ABC def 123", "،،،؛؛..."]:
        doc = nlp(text)
        assert doc.events == [] and doc.text == text
    big = "قُتل 5 أشخاص في قصف على مدينة خاركيف، وأصيب 12 آخرون. " * 5000
    doc = nlp(big)
    assert sum(1 for e in doc.events if e.type == "CASUALTY") == 5000
    tokens = list(doc.tokens)
    assert len(tokens) > 2000
    for token in tokens[:2000]:
        assert big[token.start : token.end] == token.text
