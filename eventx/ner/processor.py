"""The ``ner`` component: fills ``doc.entities`` (sorted, non-overlapping, linked EntitySpans).

Its variants pick the recognizer (``Pipeline(ner=...)`` or ``config={"ner": {"variant": ...}}``):

* ``auto`` -- gazetteer + a statistical tagger: camel-tools' AraBERT NER or stanza's Arabic
  NER when their models are already installed (checked on disk, never downloaded), else the
  shipped CRF (:mod:`eventx.ner.crf`).
* ``crf`` -- gazetteer + the shipped CRF. ``gazetteer`` -- gazetteer (and its force/organ
  patterns) only. ``camel`` / ``stanza`` -- gazetteer + that model (an error when missing).

The component owns its :class:`~eventx.normalize.gazetteer.Gazetteer` (``gazetteer=`` in its
config; by default the shared read-only default tables), finds names with it and links every
span through it, so two pipelines with different gazetteers never see each other's names.

The CRF comes in two variants trained on the same split: ``newsfane-crf`` uses camel-tools
morphology features and is chosen when the camel morphology DB is installed;
``newsfane-crf-lite`` needs nothing beyond python-crfsuite. Both are two-stage CRFs with
document-level features, so the processor tags one document (all its sentences) at a time.
The choice depends only on what is installed, not on whether the ``morph`` processor ran,
so results do not change with the processor list. When ``morph`` did run, its clitic split
is used to trim leading clitics.
Everything heavy loads on first use.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import InstanceOf

from eventx.component import ComponentConfig, Processor, registry
from eventx.doc import Document, EntitySpan, Sentence
from eventx.errors import ConfigurationError, Errors
from eventx.ner.combine import Linker, merge_entities
from eventx.ner.crf import DEFAULT_MODEL_DIR, BioSpan, CrfTagger, bio_to_spans
from eventx.normalize.gazetteer import Gazetteer, default_gazetteer
from eventx.normalize.linking import link
from eventx.text.orthography import PROCLITIC_LETTERS

__all__ = [
    "LITE_MODEL_NAME",
    "MORPH_MODEL_NAME",
    "NER_MODES",
    "NerConfig",
    "NerProcessor",
    "load_crf_tagger",
    "resolve_ner_mode",
    "spans_to_token_tags",
]

NER_MODES = ("auto", "crf", "gazetteer", "camel", "stanza")
MORPH_MODEL_NAME = "newsfane-crf"
LITE_MODEL_NAME = "newsfane-crf-lite"
MODEL_LICENCE = "CC BY-SA 3.0 (derived from NewsFANE Gold 2014, Fahd Alotaibi and Mark Lee)"

SequenceTagger = Callable[[Sequence[Sentence]], list[list[tuple[str, float]]]]


def resolve_ner_mode(mode: str) -> str:
    """The concrete recognizer for a ``ner`` variant (``auto`` → what is installed)."""
    if mode not in NER_MODES:
        raise ConfigurationError(Errors.UNKNOWN_VARIANT.format(
            option="ner", value=mode, name="ner", known=", ".join(NER_MODES)
        ))
    if mode != "auto":
        return mode
    from eventx.ner.optional import camel_ner_model_dir, stanza_ner_model_dir

    if camel_ner_model_dir() is not None and _importable("transformers"):
        return "camel"
    if stanza_ner_model_dir() is not None:
        return "stanza"
    return "crf"


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def load_crf_tagger(model_dir: str | Path | None = None, *, variant: str = "auto") -> CrfTagger:
    """The shipped CRF (cached per process): the morphology variant when camel's DB is
    installed (``variant="auto"``), else the lite one; ``variant`` may name either."""
    from eventx.ner.features import CamelMorphFeatures

    folder = Path(model_dir) if model_dir is not None else DEFAULT_MODEL_DIR
    if variant == "auto":
        has_morph_model = (folder / f"{MORPH_MODEL_NAME}.crfsuite").is_file()
        variant = MORPH_MODEL_NAME if has_morph_model and CamelMorphFeatures.available() else LITE_MODEL_NAME
    return _load_tagger(str(folder / f"{variant}.crfsuite"), variant == MORPH_MODEL_NAME)


@lru_cache(maxsize=8)
def _load_tagger(path: str, with_morphology: bool) -> CrfTagger:
    """Cached loader: a model file is read once per process and shared read-only."""
    from eventx.ner.features import CamelMorphFeatures

    return CrfTagger(Path(path), morph=CamelMorphFeatures() if with_morphology else None)


class NerProcessor(Processor):
    """Gazetteer + statistical NER, merged by :func:`eventx.ner.combine.merge_entities`."""

    name = "ner"
    provides = frozenset({"ner"})
    requires = frozenset({"tokenize"})

    def __init__(
        self, mode: str = "auto", *, model_dir: str | Path | None = None, gazetteer: Gazetteer | None = None
    ) -> None:
        self.requested = mode
        self.mode = resolve_ner_mode(mode)
        self.model_dir = Path(model_dir) if model_dir is not None else None
        self._gazetteer = gazetteer
        self._crf: CrfTagger | None = None
        self._neural: Any = None

    @property
    def gazetteer(self) -> Gazetteer:
        """The names this component finds and links (the shared default unless one was given)."""
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    @property
    def linker(self) -> Linker:
        return partial(link, gazetteer=self.gazetteer)

    # -- public -------------------------------------------------------------------------
    def process(self, doc: Document) -> Document:
        return self.bulk_process([doc])[0]

    def bulk_process(self, docs: Sequence[Document]) -> list[Document]:
        gazetteer = {id(doc): self.gazetteer.find_all(doc.text) for doc in docs}
        pairs = [(doc, s) for doc in docs for s in doc.sentences if s.tokens]
        tagged = self._tag(pairs, gazetteer)
        by_sentence = {id(s): spans for (_, s), spans in zip(pairs, tagged, strict=True)}
        link = self.linker
        camel = self._camel_oracle()
        for doc in docs:
            model_spans = [span for s in doc.sentences for span in by_sentence.get(id(s), [])]
            doc.entities = merge_entities(
                doc.text, model_spans, gazetteer[id(doc)], linker=link, oracle=camel or _proclitic_oracle(doc),
                model_ran=self.mode != "gazetteer",
            )
            doc.processed.add(self.name)
        return list(docs)

    def describe(self) -> str:
        if self.mode == "gazetteer":
            return "ner: gazetteer only (eventx.normalize.gazetteer)"
        if self.mode in ("camel", "stanza"):
            return f"ner: {self.mode} neural NER + gazetteer"
        tagger = self.crf
        card = tagger.card
        scores = card.get("scores", {}).get("test", {}).get("ALL", {})
        f1 = f", NewsFANE test F1 {scores['f1']:.3f}" if "f1" in scores else ""
        return (
            f"ner: CRF {tagger.model_path.name} (features {'+'.join(tagger.features.groups)}{f1}) + gazetteer; "
            f"model {tagger.model_path}, licence {card.get('licence', MODEL_LICENCE)}"
        )

    @property
    def crf(self) -> CrfTagger:
        if self._crf is None:
            self._crf = load_crf_tagger(self.model_dir)
        return self._crf

    def _camel_oracle(self) -> Callable[[str], int | None] | None:
        """camel-tools' view of leading clitics, when the CRF in use already loaded camel."""
        from eventx.ner.features import CamelMorphFeatures

        if self.mode == "gazetteer":
            return None
        morph = self.crf.features.morph if self.mode == "crf" else None
        return morph.proclitic_length if isinstance(morph, CamelMorphFeatures) else None

    # -- tagging ------------------------------------------------------------------------
    def _tag(
        self, pairs: Sequence[tuple[Document, Sentence]], gazetteer: dict[int, list[EntitySpan]]
    ) -> list[list[EntitySpan]]:
        if self.mode == "gazetteer" or not pairs:
            return [[] for _ in pairs]
        if self.mode in ("camel", "stanza"):
            return self._tag_neural([sentence for _, sentence in pairs])
        tagger = self.crf
        by_doc: dict[int, list[int]] = {}
        for index, (doc, _) in enumerate(pairs):
            by_doc.setdefault(id(doc), []).append(index)
        result: list[list[EntitySpan]] = [[] for _ in pairs]
        for indices in by_doc.values():  # one document at a time: the `doc` features see all of it
            doc = pairs[indices[0]][0]
            sentences = [pairs[i][1] for i in indices]
            gazetteer_tags: list[list[str] | None] = [None] * len(sentences)
            if tagger.uses_gazetteer:
                per_sentence = _spans_per_interval([(s.start, s.end) for s in sentences], gazetteer[id(doc)])
                gazetteer_tags = [
                    spans_to_token_tags([(t.start, t.end) for t in sentence.tokens], inside)
                    for sentence, inside in zip(sentences, per_sentence, strict=True)
                ]
            tagged = tagger.tag_document([[t.text for t in s.tokens] for s in sentences], gazetteer_tags)
            for i, sentence, (tags, confidence) in zip(indices, sentences, tagged, strict=True):
                result[i] = _to_entity_spans(sentence, bio_to_spans(tags), confidence)
        return result

    def _tag_neural(self, sentences: Sequence[Sentence]) -> list[list[EntitySpan]]:
        if self._neural is None:
            from eventx.ner.optional import CamelNer, StanzaNer

            self._neural = CamelNer() if self.mode == "camel" else StanzaNer()
        all_tags = self._neural.tag_sentences([[t.text for t in s.tokens] for s in sentences])
        return [
            _to_entity_spans(sentence, bio_to_spans(tags), [1.0] * len(tags), source=self.mode)
            for sentence, tags in zip(sentences, all_tags, strict=True)
        ]



def spans_to_token_tags(token_offsets: Sequence[tuple[int, int]], spans: Sequence[EntitySpan]) -> list[str]:
    """BIO tags over tokens for character spans (a token inside a span gets its kind; a later
    span overwrites an earlier one)."""
    tags = ["O"] * len(token_offsets)
    for span, inside in zip(spans, _intervals_per_span(token_offsets, spans), strict=True):
        for position, i in enumerate(inside):
            tags[i] = f"{'B' if position == 0 else 'I'}-{span.kind}"
    return tags


def _intervals_per_span(intervals: Sequence[tuple[int, int]], spans: Sequence[EntitySpan]) -> list[list[int]]:
    """For each span, the indices of the intervals ``(start, end)`` it overlaps, in order.

    Tokens and sentences come in text order (starts and ends both non-decreasing): then the
    intervals a span overlaps are one run found by bisection, and the cost is O((n + m) log n)
    instead of a scan of every interval per span (issue 18: a 2 MB document, a long line full
    of names). Any other order falls back to that scan."""
    starts = [start for start, _ in intervals]
    ends = [end for _, end in intervals]
    if any(a > b for a, b in pairwise(starts)) or any(a > b for a, b in pairwise(ends)):
        return [[i for i, (start, end) in enumerate(intervals) if start < s.end and s.start < end] for s in spans]
    result: list[list[int]] = []
    for span in spans:
        # intervals before `first` end at or before span.start, those from `stop` on start at
        # or after span.end: neither overlaps; the run between is checked one by one
        first, stop = bisect_right(ends, span.start), bisect_left(starts, span.end)
        result.append([i for i in range(first, stop) if starts[i] < span.end and span.start < ends[i]])
    return result


def _spans_per_interval(intervals: Sequence[tuple[int, int]], spans: Sequence[EntitySpan]) -> list[list[EntitySpan]]:
    """For each interval (a sentence), the spans overlapping it, in the order of ``spans``."""
    result: list[list[EntitySpan]] = [[] for _ in intervals]
    for span, inside in zip(spans, _intervals_per_span(intervals, spans), strict=True):
        for i in inside:
            result[i].append(span)
    return result


def _to_entity_spans(
    sentence: Sentence, spans: Sequence[BioSpan], confidence: Sequence[float], *, source: str = "ner"
) -> list[EntitySpan]:
    result: list[EntitySpan] = []
    for span in spans:
        first, last = sentence.tokens[span.start], sentence.tokens[span.end - 1]
        score = min(confidence[span.start : span.end]) if confidence else 1.0
        result.append(
            EntitySpan(
                text=sentence.text[first.start - sentence.start : last.end - sentence.start],
                start=first.start,
                end=last.end,
                kind=span.kind,
                source=source,
                score=float(score),
            )
        )
    return result


def _proclitic_oracle(doc: Document) -> Callable[[str], int | None] | None:
    """Leading clitic length per surface word from the ``morph`` processor's split, when it ran."""
    if "morph" not in doc.processed:
        return None
    cuts: dict[str, int] = {}
    for token in doc.tokens:
        cut = 0
        for word in token.words:
            if word.role != "proclitic" or word.text not in PROCLITIC_LETTERS:
                break
            cut = word.end - token.start
        cuts.setdefault(token.text, cut)
    return cuts.get


class NerConfig(ComponentConfig):
    variant: str = "auto"
    """``auto``, ``crf``, ``gazetteer``, ``camel`` or ``stanza`` (see the module docstring)."""
    model_dir: Path | None = None
    """Folder holding the CRF model files (default: the shipped models)."""
    gazetteer: InstanceOf[Gazetteer] | None = None
    """A :class:`Gazetteer` to find and link names with (default: the shared default tables)."""


@registry.auto_resolver("ner")
def resolve_ner(config: ComponentConfig) -> str:
    return resolve_ner_mode("auto")


def make_ner(config: NerConfig) -> Processor:
    return NerProcessor(config.variant, model_dir=config.model_dir, gazetteer=config.gazetteer)


for _mode in NER_MODES[1:]:
    registry.factory("ner", _mode, config=NerConfig)(make_ner)
