"""Components ``morph`` (clitic-split words) and ``parse`` (dependency heads).

``morph`` replaces each token's placeholder word with the words a morphology backend gives
(:mod:`eventx.morph`). Its variants are the backends: ``camel``, ``builtin`` and ``stanza``;
``auto`` picks camel when its database is installed, else builtin, with one warning saying
how to get camel (``Pipeline(morph=...)`` or ``config={"morph": {"variant": ...}}``).
``parse`` adds heads and relations with stanza over the existing words. Its variants are
``stanza`` (requires the models) and ``none``; ``auto`` is ``none`` with one info message when
no stanza models are installed (``Pipeline(parser=...)``).
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from collections.abc import Sequence
from typing import Any

from eventx.component import ComponentConfig, Processor, registry
from eventx.doc import Document, Sentence, Word
from eventx.morph import load_backend, resolve_backend_name
from eventx.morph.base import MorphBackend, Segment

__all__ = ["MorphConfig", "MorphProcessor", "ParseConfig", "ParseProcessor"]

logger = logging.getLogger("eventx.morph")
# Messages about the active backend are said once per process, not once per pipeline.
_SAID: set[str] = set()


class MorphConfig(ComponentConfig):
    variant: str = "auto"
    """Backend: ``auto``, ``camel``, ``builtin``, ``stanza`` (or a variant a user registered)."""


class ParseConfig(ComponentConfig):
    variant: str = "auto"
    """``auto`` (stanza when its Arabic models are found, else none), ``stanza`` or ``none``."""


class MorphProcessor(Processor):
    name = "morph"
    provides = frozenset({"morph"})
    requires = frozenset({"tokenize"})

    def __init__(self, backend: MorphBackend) -> None:
        self.backend = backend

    def process(self, doc: Document) -> Document:
        sentences = doc.sentences
        if hasattr(self.backend, "analyze_sentences"):
            analysed = self.backend.analyze_sentences([[t.text for t in s.tokens] for s in sentences])
        else:
            analysed = [self.backend.analyze_sentence([t.text for t in s.tokens]) for s in sentences]
        for sentence, segments in zip(sentences, analysed, strict=False):
            _apply(doc.text, sentence, segments)
        doc.processed.add(self.name)
        return doc

    def bulk_process(self, docs: Sequence[Document]) -> list[Document]:
        if not hasattr(self.backend, "analyze_sentences"):
            return [self.process(doc) for doc in docs]
        # one batched call for all sentences of all documents (stanza batches on its side)
        pairs = [(doc, s) for doc in docs for s in doc.sentences]
        analysed = self.backend.analyze_sentences([[t.text for t in s.tokens] for _, s in pairs])
        for (doc, sentence), segments in zip(pairs, analysed, strict=False):
            _apply(doc.text, sentence, segments)
        for doc in docs:
            doc.processed.add(self.name)
        return list(docs)

    def describe(self) -> str:
        return f"morph: {self.backend.info().description}"


def _apply(text: str, sentence: Sentence, per_token: Sequence[Sequence[Segment]]) -> None:
    index = 0
    for token, segments in zip(sentence.tokens, per_token, strict=False):
        if not segments:
            for word in token.words:
                word.index = index
                index += 1
            continue
        words: list[Word] = []
        for seg in segments:
            start = token.start + seg.start
            end = token.start + seg.end
            words.append(Word(
                text=text[start:end], start=start, end=end, lemma=seg.lemma, lemma_bare=seg.lemma_bare,
                pos=seg.pos, features=dict(seg.features), role=seg.role, form=seg.form,
                head=seg.head, deprel=seg.deprel, index=index,
            ))
            index += 1
        token.words = words


@registry.auto_resolver("morph")
def resolve_morph(config: ComponentConfig) -> str:
    concrete = resolve_backend_name("auto")
    if concrete == "builtin" and "morph-fallback" not in _SAID:
        _SAID.add("morph-fallback")
        from eventx.morph.camel import camel_data_dir

        warnings.warn(
            f"eventx: camel-tools morphology database not found under {camel_data_dir()}; using the builtin "
            "heuristic clitic splitter (no lemmas). For real morphology run `camel_data -i morphology-db-msa-r13` "
            "on a connected machine and set CAMELTOOLS_DATA to that data directory.",
            UserWarning,
            stacklevel=_caller_stacklevel(),
        )
    return concrete


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def _caller_stacklevel() -> int:
    """The ``stacklevel`` that attributes a warning raised by the caller of this function to
    the first frame outside the eventx package (the user's ``Pipeline()`` or
    ``eventx.extract()`` line), however deep inside eventx the warning is raised."""
    frame = sys._getframe(1)  # the function that warns: stacklevel 1
    level = 1
    while frame.f_back is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    return level


def make_morph(config: MorphConfig) -> Processor:
    return MorphProcessor(load_backend(config.variant))


for _backend in ("camel", "builtin", "stanza"):
    registry.factory("morph", _backend, config=MorphConfig)(make_morph)


class ParseProcessor(Processor):
    name = "parse"
    provides = frozenset({"parse"})
    requires = frozenset({"morph"})

    def __init__(self, parser: Any | None, reason: str = "") -> None:
        self.parser = parser
        self.reason = reason

    def process(self, doc: Document) -> Document:
        return self.bulk_process([doc])[0]

    def bulk_process(self, docs: Sequence[Document]) -> list[Document]:
        if self.parser is not None:
            sentences = [s for doc in docs for s in doc.sentences]
            word_lists = [s.words for s in sentences]
            parses = self.parser.parse([[w.form or w.text for w in words] for words in word_lists])
            for words, parse in zip(word_lists, parses, strict=False):
                if any(w.head is not None for w in words):
                    continue  # the morphology backend (stanza) already parsed this sentence
                for word, (head, deprel) in zip(words, parse, strict=False):
                    word.head = head
                    word.deprel = deprel
        for doc in docs:
            doc.processed.add(self.name)
        return list(docs)

    def describe(self) -> str:
        if self.parser is None:
            return f"parse: disabled ({self.reason})"
        return f"parse: {self.parser.info().description}"


@registry.auto_resolver("parse")
def resolve_parse(config: ComponentConfig) -> str:
    from eventx.morph.stanza_backend import find_stanza_dir, stanza_resources_dir

    if find_stanza_dir() is not None:
        return "stanza"
    if "no-parser" not in _SAID:
        _SAID.add("no-parser")
        logger.info(
            "eventx: dependency parsing skipped: no stanza Arabic models in %s (set EVENTX_STANZA_DIR to enable it)",
            stanza_resources_dir(),
        )
    return "none"


@registry.factory("parse", "stanza", config=ParseConfig)
def make_stanza_parse(config: ParseConfig) -> Processor:
    from eventx.morph.stanza_backend import StanzaBackend

    return ParseProcessor(StanzaBackend())


@registry.factory("parse", "none", config=ParseConfig)
def make_no_parse(config: ParseConfig) -> Processor:
    from eventx.morph.stanza_backend import find_stanza_dir, stanza_resources_dir

    installed = find_stanza_dir() is not None
    return ParseProcessor(None, "parser=None" if installed else f"no stanza Arabic models in {stanza_resources_dir()}")
