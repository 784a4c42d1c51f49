"""Pipeline processors ``morph`` (clitic-split words) and ``parse`` (dependency heads).

``morph`` replaces each token's placeholder word with the words a morphology backend gives
(:mod:`eventx.morph`); ``PipelineConfig.morph`` picks it: ``auto`` (camel when its database is
installed, else builtin, with one warning saying how to get camel), ``camel``, ``builtin`` or
``stanza``. ``parse`` adds heads and relations with stanza over the existing words
(``PipelineConfig.parser``: ``auto`` is a no-op with one info message when no stanza models
are installed, ``stanza`` requires them, ``None`` disables it).
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from typing import Any

from eventx.doc import Document, Sentence, Word
from eventx.errors import ConfigurationError
from eventx.morph import load_backend, resolve_backend_name
from eventx.morph.base import MorphBackend, Segment
from eventx.pipeline import PipelineConfig, Processor, register_processor

__all__ = ["MorphProcessor", "ParseProcessor"]

logger = logging.getLogger("eventx.morph")
_FALLBACK_WARNED = False
_NO_PARSER_LOGGED = False


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


@register_processor("morph")
def _make_morph(config: PipelineConfig) -> Processor:
    global _FALLBACK_WARNED
    concrete = resolve_backend_name(config.morph)
    if config.morph == "auto" and concrete == "builtin" and not _FALLBACK_WARNED:
        _FALLBACK_WARNED = True
        from eventx.morph.camel import camel_data_dir

        warnings.warn(
            f"eventx: camel-tools morphology database not found under {camel_data_dir()}; using the builtin "
            "heuristic clitic splitter (no lemmas). For real morphology run `camel_data -i morphology-db-msa-r13` "
            "on a connected machine and set CAMELTOOLS_DATA to that data directory.",
            UserWarning,
            stacklevel=2,
        )
    return MorphProcessor(load_backend(concrete))


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


@register_processor("parse")
def _make_parse(config: PipelineConfig) -> Processor:
    global _NO_PARSER_LOGGED
    if config.parser in (None, "none", ""):
        return ParseProcessor(None, "parser=None")
    if config.parser not in ("auto", "stanza"):
        raise ConfigurationError(f"unknown parser {config.parser!r}; choose 'auto', 'stanza' or None")
    from eventx.morph.stanza_backend import StanzaBackend, find_stanza_dir, stanza_resources_dir

    if config.parser == "auto" and find_stanza_dir() is None:
        reason = f"no stanza Arabic models in {stanza_resources_dir()}"
        if not _NO_PARSER_LOGGED:
            _NO_PARSER_LOGGED = True
            logger.info("eventx: dependency parsing skipped: %s (set EVENTX_STANZA_DIR to enable it)", reason)
        return ParseProcessor(None, reason)
    return ParseProcessor(StanzaBackend())
