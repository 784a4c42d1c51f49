"""``Pipeline``: an ordered list of processors that fill a :class:`~eventx.doc.Document`.

Each processor declares what it ``provides`` and ``requires``; a pipeline whose processors do
not line up fails at construction with a message naming the missing prerequisite, never deep
inside a run. Processors are registered by name (:func:`register_processor`) so a user can
swap one (``Pipeline(processors=["tokenize", "morph", "my_ner", "events"])``) without touching
the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from eventx.doc import Document, Sentence, Token, Word
from eventx.errors import ConfigurationError
from eventx.text.sentences import split_sentences
from eventx.text.tokenize import tokenize_spans

__all__ = [
    "DEFAULT_PROCESSORS",
    "Pipeline",
    "PipelineConfig",
    "Processor",
    "coerce_text",
    "register_processor",
]

DEFAULT_PROCESSORS = ("tokenize", "morph", "ner", "events")


@dataclass(frozen=True)
class PipelineConfig:
    """Everything needed to rebuild a pipeline (also in worker processes)."""

    processors: tuple[str, ...] = DEFAULT_PROCESSORS
    morph: str = "auto"
    """Morphology backend: ``auto`` (camel if its DB is found, else builtin), ``camel``, ``builtin``, ``stanza``."""
    parser: str | None = "auto"
    """Dependency parser: ``auto`` (stanza when its Arabic models are found), ``stanza`` or ``None``."""
    ner: str = "auto"
    """NER: ``auto`` (shipped CRF + gazetteer), ``gazetteer`` (gazetteer only), ``crf``, ``camel``, ``stanza``."""
    rule_packs: tuple[str, ...] = ("builtin",)
    """Rule packs for the events processor: ``builtin`` or paths to pack folders/files."""
    options: dict[str, Any] = field(default_factory=dict)


class Processor:
    """Base class: a callable ``Document -> Document`` with declared prerequisites."""

    name: ClassVar[str] = ""
    provides: ClassVar[frozenset[str]] = frozenset()
    requires: ClassVar[frozenset[str]] = frozenset()

    def process(self, doc: Document) -> Document:
        raise NotImplementedError

    def bulk_process(self, docs: Sequence[Document]) -> list[Document]:
        """Process a batch; processors with real batching (stanza) override this."""
        return [self.process(doc) for doc in docs]

    def describe(self) -> str:
        return self.name

    def __call__(self, doc: Document) -> Document:
        return self.process(doc)


ProcessorFactory = Callable[[PipelineConfig], Processor]
_REGISTRY: dict[str, ProcessorFactory] = {}


def register_processor(name: str) -> Callable[[ProcessorFactory], ProcessorFactory]:
    """Register a processor factory under ``name`` (decorator)."""

    def decorate(factory: ProcessorFactory) -> ProcessorFactory:
        _REGISTRY[name] = factory
        return factory

    return decorate


def coerce_text(text: object, what: str = "text") -> str:
    """Validate user input: ``str`` only, with a clear message for the usual mistakes."""
    if isinstance(text, str):
        return text
    if text is None:
        raise TypeError(f"{what} must be a str, got None")
    if isinstance(text, bytes | bytearray):
        raise TypeError(f"{what} must be a str, got bytes: decode it first, e.g. data.decode('utf-8')")
    raise TypeError(f"{what} must be a str, got {type(text).__name__}")


def _coerce_published(published: object) -> str | None:
    if published is None or published == "":
        return None
    if isinstance(published, date):
        return published.isoformat()[:10]
    if isinstance(published, str):
        try:
            return date.fromisoformat(published[:10]).isoformat()
        except ValueError:
            raise ValueError(f"published must be an ISO date (YYYY-MM-DD), got {published!r}") from None
    raise TypeError(f"published must be a str or datetime.date, got {type(published).__name__}")


class TokenizeProcessor(Processor):
    """Sentences and surface tokens (no morphology): one word per token until ``morph`` runs."""

    name = "tokenize"
    provides = frozenset({"tokenize"})

    def process(self, doc: Document) -> Document:
        text = doc.text
        for s_index, span in enumerate(split_sentences(text)):
            sentence = Sentence(start=span.start, end=span.end, index=s_index, text=text[span.start : span.end])
            for t_index, tok in enumerate(tokenize_spans(text, span.start, span.end)):
                token = Token(text=tok.text, start=tok.start, end=tok.end, index=t_index)
                token.words.append(Word(text=tok.text, start=tok.start, end=tok.end, pos="X"))
                sentence.tokens.append(token)
            _reindex_words(sentence)
            doc.sentences.append(sentence)
        doc.processed.add(self.name)
        return doc


def _reindex_words(sentence: Sentence) -> None:
    for i, word in enumerate(sentence.words):
        word.index = i


@register_processor("tokenize")
def _make_tokenize(config: PipelineConfig) -> Processor:
    return TokenizeProcessor()


class Pipeline:
    """Arabic news text in, :class:`~eventx.doc.Document` out.

    >>> nlp = Pipeline(processors=["tokenize"])
    >>> doc = nlp("قتل 3 جنود. وأصيب آخرون")
    >>> [s.text for s in doc.sentences]
    ['قتل 3 جنود.', 'وأصيب آخرون']
    """

    def __init__(
        self,
        processors: Sequence[str] | str | None = None,
        *,
        morph: str = "auto",
        parser: str | None = "auto",
        ner: str = "auto",
        rule_packs: Sequence[str] = ("builtin",),
        **options: Any,
    ) -> None:
        if processors is None:
            names = DEFAULT_PROCESSORS
        elif isinstance(processors, str):
            names = tuple(p.strip() for p in processors.split(",") if p.strip())
        else:
            names = tuple(processors)
        self.config = PipelineConfig(
            processors=names, morph=morph, parser=parser, ner=ner, rule_packs=tuple(rule_packs), options=options
        )
        _load_builtin_processors()
        self.processors: list[Processor] = []
        available: set[str] = set()
        for name in names:
            if name not in _REGISTRY:
                known = ", ".join(sorted(_REGISTRY))
                raise ConfigurationError(f"unknown processor {name!r}; registered processors: {known}")
            processor = _REGISTRY[name](self.config)
            missing = processor.requires - available
            if missing:
                raise ConfigurationError(
                    f"processor {name!r} requires {', '.join(sorted(missing))}, which no earlier processor "
                    f"provides; put it after the processors that do (order given: {', '.join(names)})"
                )
            available |= processor.provides
            self.processors.append(processor)

    @classmethod
    def from_config(cls, config: PipelineConfig) -> Pipeline:
        return cls(
            config.processors,
            morph=config.morph,
            parser=config.parser,
            ner=config.ner,
            rule_packs=config.rule_packs,
            **config.options,
        )

    def get(self, name: str) -> Processor | None:
        return next((p for p in self.processors if p.name == name), None)

    def make_doc(self, text: object, *, published: object = None, doc_id: str | None = None) -> Document:
        return Document(text=coerce_text(text), doc_id=doc_id, published=_coerce_published(published))

    def __call__(self, text: object, *, published: object = None, doc_id: str | None = None) -> Document:
        doc = self.make_doc(text, published=published, doc_id=doc_id)
        for processor in self.processors:
            doc = processor.process(doc)
        return doc

    def pipe(
        self,
        texts: Iterable[object],
        *,
        batch_size: int = 16,
        n_process: int = 1,
    ) -> Iterator[Document]:
        """Process a stream, in input order. Items are ``str`` or dicts with ``text`` and
        optional ``id``/``published``. ``n_process > 1`` runs batches in worker processes,
        each building its own copy of this pipeline."""
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        if n_process == -1:
            n_process = os.cpu_count() or 1
        if n_process < 1:
            raise ValueError(f"n_process must be >= 1 (or -1 for all cores), got {n_process}")
        batches = _batched((self._item_to_doc(item) for item in texts), batch_size)
        if n_process == 1:
            for batch in batches:
                yield from self._run_batch(batch)
            return
        with ProcessPoolExecutor(max_workers=n_process, initializer=_init_worker, initargs=(self.config,)) as pool:
            yield from (doc for done in pool.map(_run_in_worker, batches) for doc in done)

    def _item_to_doc(self, item: object) -> Document:
        if isinstance(item, dict):
            return self.make_doc(item.get("text"), published=item.get("published"), doc_id=item.get("id"))
        return self.make_doc(item)

    def _run_batch(self, docs: list[Document]) -> list[Document]:
        for processor in self.processors:
            docs = processor.bulk_process(docs)
        return docs

    def describe(self) -> list[str]:
        """One line per processor: what runs (backend, model paths)."""
        return [p.describe() for p in self.processors]


def _batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(config: PipelineConfig) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline.from_config(config)


def _run_in_worker(docs: list[Document]) -> list[Document]:
    assert _WORKER_PIPELINE is not None
    return _WORKER_PIPELINE._run_batch(docs)


def _load_builtin_processors() -> None:
    """Import the modules that register the built-in processors (lazily: they load models)."""
    import eventx.morph.processor
    import eventx.ner.processor
    import eventx.rules.processor  # noqa: F401
