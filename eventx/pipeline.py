"""``Pipeline``: components in the order data flows through them, filling a Document.

::

    text ─► tokenize ─► morph ─► [parse] ─► ner ─► normalize ─► events ─► Document
            sentences   clitic-   heads     linked   dates,       typed
            tokens      split               entities figures      events
                        words

Each component (:mod:`eventx.component`) is built from the registry by name, with its own
typed config; the pipeline checks that every component's ``requires`` is provided by an
earlier one, so a pipeline that cannot work fails when it is built. Components own their
resources (the ``ner`` component its gazetteer and model, ``events`` its rule engine), so two
pipelines in one process can differ in any of them.

>>> nlp = Pipeline(processors=["tokenize"])
>>> doc = nlp("قتل 3 جنود. وأصيب آخرون")
>>> [s.text for s in doc.sentences]
['قتل 3 جنود.', 'وأصيب آخرون']
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import gc
import logging
import multiprocessing
import os
import pickle
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.context import BaseContext
from operator import attrgetter
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

# The built-in components register themselves when imported; the pipeline depends on them,
# never the other way round.
import eventx.morph.processor
import eventx.ner.processor
import eventx.normalize.processor
import eventx.rules.processor
import eventx.text.processor  # noqa: F401
from eventx.component import Processor, registry
from eventx.doc import Document, Sentence, Token, Word
from eventx.errors import ConfigurationError, Errors
from eventx.validation import coerce_doc_id, coerce_text, published_iso

__all__ = ["DEFAULT_PROCESSORS", "ON_ERROR", "Pipeline", "PipelineConfig"]

DEFAULT_PROCESSORS = ("tokenize", "morph", "ner", "normalize", "events")
ON_ERROR = ("raise", "skip", "report")
"""What :meth:`Pipeline.pipe` does with a document that cannot be processed."""
_ERROR_KEY = "error"  # doc.meta key of a failed document's "ExceptionType: message"

logger = logging.getLogger("eventx.pipeline")


class PipelineConfig(BaseModel):
    """Everything needed to rebuild a pipeline (also in worker processes).

    ``components`` maps a component name to its settings (the fields of its config class,
    ``variant`` among them for components that have variants). Treat it as read-only: it
    records how the pipeline was built, and changing it changes nothing already built. It is
    JSON-serializable unless a resource object (a gazetteer, an engine) was handed over; it
    always pickles, which is how ``pipe(n_process=N)`` ships it to worker processes.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    processors: tuple[str, ...] = DEFAULT_PROCESSORS
    components: dict[str, dict[str, Any]] = {}


class Pipeline:
    """Arabic news text in, :class:`~eventx.doc.Document` out.

    ``processors`` names the components in order (default :data:`DEFAULT_PROCESSORS`). The
    keyword shorthands set the usual options: ``morph`` (variant of ``morph``: ``auto``,
    ``camel``, ``builtin``, ``stanza``), ``parser`` (variant of ``parse``: ``auto``,
    ``stanza`` or None), ``ner`` (variant of ``ner``), ``gazetteer`` (the ``ner``
    component's :class:`~eventx.normalize.gazetteer.Gazetteer`) and ``rule_packs`` (of
    ``events``). ``config`` gives any component's settings in full and wins over the
    shorthands: ``config={"ner": {"variant": "crf", "model_dir": "models/"}}``. A shorthand or
    ``config`` entry for a component that is not in ``processors`` is an error.
    """

    def __init__(
        self,
        processors: Sequence[str] | str | None = None,
        *,
        morph: str = "auto",
        parser: str | None = "auto",
        ner: str = "auto",
        rule_packs: Sequence[str | Path] = ("builtin",),
        gazetteer: Any = None,
        config: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        names = _processor_names(processors)
        packs = (rule_packs,) if isinstance(rule_packs, str | Path) else tuple(rule_packs)  # one pack by name
        shorthands: dict[str, dict[str, Any]] = {
            "morph": {"variant": morph},
            "parse": {"variant": "none" if parser in (None, "", "none") else parser},
            "ner": {"variant": ner} | ({"gazetteer": gazetteer} if gazetteer is not None else {}),
            "events": {"rule_packs": packs},
        }
        # A shorthand changed from its default for a component the pipeline lacks would be
        # silently ignored ("parser='stanza'" without "parse"): refuse it like config= does.
        changed = {
            "morph": morph != "auto",
            "parse": parser not in ("auto", None, "", "none"),  # "no parser" holds without parse
            "ner": ner != "auto" or gazetteer is not None,
            "events": packs != ("builtin",),
        }
        requested = {name for name, differs in changed.items() if differs} | set(config or {})
        for name in sorted(requested - set(names)):
            raise ConfigurationError(Errors.CONFIG_FOR_ABSENT_COMPONENT.format(name=name, order=", ".join(names)))
        settings = {name: shorthands.get(name, {}) for name in names}
        for name, fields in (config or {}).items():
            if not isinstance(fields, Mapping):
                raise ConfigurationError(Errors.BAD_COMPONENT_CONFIG.format(
                    name=name, details=f"settings must be a mapping of fields to values, got {type(fields).__name__}"
                ))
            settings[name] = {**settings[name], **fields}
        self._build(PipelineConfig(processors=names, components=settings))

    def _build(self, config: PipelineConfig) -> None:
        self.config = config
        self.processors: list[Processor] = []
        available: set[str] = set()
        for name in config.processors:
            processor = registry.create(name, config.components.get(name))
            missing = processor.requires - available
            if missing:
                raise ConfigurationError(Errors.MISSING_PREREQUISITE.format(
                    name=name, missing=", ".join(sorted(missing)), order=", ".join(config.processors)
                ))
            available |= processor.provides
            self.processors.append(processor)

    @classmethod
    def from_config(cls, config: PipelineConfig) -> Pipeline:
        """A pipeline built exactly as ``config`` says (what ``nlp.config`` holds)."""
        nlp = cls.__new__(cls)
        nlp._build(config)
        return nlp

    def get(self, name: str) -> Processor | None:
        """The component named ``name``, or None when the pipeline has none."""
        return next((p for p in self.processors if p.name == name), None)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.processors]

    def make_doc(self, text: object, *, published: object = None, doc_id: object = None) -> Document:
        """An empty Document for ``text`` (validated, as are ``published`` and ``doc_id``),
        before any component runs."""
        return Document(
            text=coerce_text(text), doc_id=coerce_doc_id(doc_id), published=published_iso(published)
        )

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
        on_error: str = "raise",
    ) -> Iterator[Document]:
        """Process a stream, in input order. Items are ``str`` or dicts with ``text`` and
        optional ``id``/``published``. ``n_process > 1`` runs batches in worker processes:
        where the platform can fork (Linux), the workers inherit this pipeline with its models
        already loaded (it runs once on a short text first); elsewhere each builds its own copy
        from :attr:`config`. The input is read as the work proceeds: at most ``2 * n_process``
        batches are in flight.

        ``on_error`` decides what becomes of a document that cannot be processed (an invalid item, or
        any Exception raised while its components run): ``"raise"`` (default) lets the
        exception propagate; ``"skip"`` drops the document and logs a warning naming its
        position and id (logger ``eventx.pipeline``); ``"report"`` yields, in its place, the
        Document with nothing filled, ``doc.meta["error"] = "ExceptionType: message"`` and a
        warning. A failure never loses the other documents of its batch: that batch is run
        again one document at a time.
        """
        if on_error not in ON_ERROR:
            raise ValueError(Errors.PIPE_BAD_ON_ERROR.format(known=", ".join(map(repr, ON_ERROR)), value=on_error))
        if batch_size < 1:
            raise ValueError(Errors.BAD_BATCH_SIZE.format(value=batch_size))
        if n_process == -1:
            n_process = os.cpu_count() or 1
        if n_process < 1:
            raise ValueError(Errors.BAD_N_PROCESS.format(value=n_process))
        if on_error == "raise":
            docs: Iterable[Document] = (self._item_to_doc(item) for item in texts)
        else:
            docs = (self._item_to_doc_or_error(item) for item in texts)
        batches = _batched(docs, batch_size)
        if n_process == 1:
            done_batches: Iterable[list[Document]] = (self._run_batch_guarded(batch, on_error) for batch in batches)
            yield from _filter_failed(done_batches, on_error)
            return
        yield from _filter_failed(_run_in_pool(self, batches, n_process, on_error), on_error)

    def _item_to_doc(self, item: object) -> Document:
        if isinstance(item, dict):
            return self.make_doc(item.get("text"), published=item.get("published"), doc_id=item.get("id"))
        return self.make_doc(item)

    def _item_to_doc_or_error(self, item: object) -> Document:
        """:meth:`_item_to_doc`, or for an invalid item a placeholder Document with its error."""
        try:
            return self._item_to_doc(item)
        except Exception as exc:
            raw_id = item.get("id") if isinstance(item, dict) else None
            text = item.get("text") if isinstance(item, dict) else item
            doc = Document(
                text=text if isinstance(text, str) else "", doc_id=raw_id if isinstance(raw_id, str) else None
            )
            return _mark_failed(doc, exc)

    def _run_batch(self, docs: list[Document]) -> list[Document]:
        for processor in self.processors:
            docs = processor.bulk_process(docs)
        return docs

    def _run_batch_guarded(self, docs: list[Document], on_error: str) -> list[Document]:
        """:meth:`_run_batch`; outside ``raise`` mode a failing batch is run again one document
        at a time from fresh copies, and a document that still fails is marked (``meta["error"]``)."""
        if on_error == "raise":
            return self._run_batch(docs)
        todo = [i for i, doc in enumerate(docs) if _ERROR_KEY not in doc.meta]
        if not todo:
            return docs
        fresh = [copy.deepcopy(docs[i]) for i in todo]
        results = list(docs)
        try:
            done: list[Document] | None = self._run_batch([docs[i] for i in todo])
        except Exception:
            done = None
        if done is None or len(done) != len(todo):  # then run the batch's documents one by one
            done = [self._run_one_guarded(doc) for doc in fresh]
        for i, doc in zip(todo, done, strict=True):
            results[i] = doc
        return results

    def _run_one_guarded(self, doc: Document) -> Document:
        backup = copy.deepcopy(doc)  # the state before any component ran, for the error record
        try:
            (done,) = self._run_batch([doc])
            return done
        except Exception as exc:
            return _mark_failed(backup, exc)

    def describe(self) -> list[str]:
        """One line per component: what runs (backend, model paths)."""
        return [p.describe() for p in self.processors]


def _processor_names(processors: Sequence[str] | str | None) -> tuple[str, ...]:
    if processors is None:
        names = DEFAULT_PROCESSORS
    elif isinstance(processors, str):
        names = tuple(p.strip() for p in processors.split(",") if p.strip())
    else:
        names = tuple(processors)
    for name in names:
        if name not in registry:
            raise ConfigurationError(Errors.UNKNOWN_COMPONENT.format(name=name, known=", ".join(registry.names())))
        if names.count(name) > 1:
            raise ConfigurationError(Errors.DUPLICATE_IN_PIPELINE.format(name=name, order=", ".join(names)))
    return names


def _batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _error_text(exc: BaseException) -> str:
    """``"ExceptionType: message"`` on one line (a multi-line message is joined with "; ")."""
    message = "; ".join(line.strip() for line in str(exc).splitlines() if line.strip())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _mark_failed(doc: Document, exc: BaseException) -> Document:
    error = _error_text(exc)
    doc.meta[_ERROR_KEY] = error
    doc.warnings.append(Errors.PIPE_DOCUMENT_FAILED.format(error=error))
    return doc


def _filter_failed(batches: Iterable[list[Document]], on_error: str) -> Iterator[Document]:
    """The documents of ``batches`` in order; in ``skip`` mode the failed ones are logged and dropped."""
    position = 0
    for batch in batches:
        for doc in batch:
            if on_error == "skip" and _ERROR_KEY in doc.meta:
                error = doc.meta[_ERROR_KEY]
                logger.warning(Errors.PIPE_DOCUMENT_SKIPPED.format(position=position, doc_id=doc.doc_id, error=error))
            else:
                yield doc
            position += 1


# Each worker process holds its pipeline here: inherited through fork from the parent, or built
# once from the parent's config by the pool's initializer.
_WORKER_PIPELINE: Pipeline | None = None

_WARM_UP_TEXT = "قتل 3 جنود في قصف على المدينة أمس."
"""What the parent runs once before forking, so lazily loaded models are loaded once, not per worker."""


def _pool_context() -> BaseContext:
    """``fork`` where the platform has it (the workers share the parent's loaded pipeline), else ``spawn``."""
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def _run_in_pool(
    nlp: Pipeline, batches: Iterable[list[Document]], n_process: int, on_error: str
) -> Iterator[list[Document]]:
    """The processed ``batches``, in order, from ``n_process`` worker processes. At most
    ``2 * n_process`` batches are in flight, so the input is read only as results are taken."""
    context = _pool_context()
    if context.get_start_method() == "fork":
        try:  # load the lazy models (camel DB, NER model ...) once, here, not in every worker
            nlp(_WARM_UP_TEXT)
        except Exception:  # a component that fails shows it on the documents, as before
            logger.debug("warm-up before forking failed", exc_info=True)
        initializer: Callable[[Any], None] = _adopt_pipeline
        initarg: Any = nlp  # the fork copies it: nothing is pickled
    else:
        initializer, initarg = _init_worker, nlp.config
    pool = ProcessPoolExecutor(max_workers=n_process, mp_context=context, initializer=initializer, initargs=(initarg,))
    in_flight: deque[Future[bytes]] = deque()
    # The objects that exist now (the models among them) go to the collector's permanent
    # generation until the run ends. A forked worker's collections then never visit them, so
    # their memory pages stay shared instead of being copied into every worker, and the
    # parent's own collections, while it rebuilds the documents it receives, skip them too.
    gc.freeze()
    try:
        for batch in batches:  # the first submit starts (forks) the workers
            in_flight.append(pool.submit(_run_in_worker, batch, on_error))
            if len(in_flight) >= 2 * n_process:
                yield _unpack_batch(in_flight.popleft().result())
        while in_flight:
            yield _unpack_batch(in_flight.popleft().result())
    finally:
        gc.unfreeze()
        pool.shutdown(wait=True, cancel_futures=True)


def _adopt_pipeline(nlp: Pipeline) -> None:
    """The forked worker's pipeline is the parent's. torch (the stanza backend), once it has
    run, leaves thread pools that do not survive a fork: a forked worker that runs a model on
    several threads hangs. On one thread it does not (and the workers are the parallelism)."""
    global _WORKER_PIPELINE
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(1)
    _WORKER_PIPELINE = nlp


def _init_worker(config: PipelineConfig) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline.from_config(config)


def _run_in_worker(docs: list[Document], on_error: str = "raise") -> bytes:
    assert _WORKER_PIPELINE is not None
    return _pack_batch(_WORKER_PIPELINE._run_batch_guarded(docs, on_error))


# A processed document holds thousands of Word, Token and Sentence objects; pickled one by one
# (slots: a state dict each) they cost more to send back than to compute. Their field values
# travel as plain tuples instead, about 4x faster to pickle and 2x faster to rebuild. The batch
# is pickled and unpickled with the cyclic collector paused: the many small containers would
# otherwise set off collections that find nothing to free.
_WORD_FIELDS = tuple(f.name for f in dataclasses.fields(Word))
_TOKEN_FIELDS = tuple(f.name for f in dataclasses.fields(Token) if f.name != "words")
_SENTENCE_FIELDS = tuple(f.name for f in dataclasses.fields(Sentence) if f.name != "tokens")
_PACKABLE = all(f.init for cls in (Word, Token, Sentence) for f in dataclasses.fields(cls))
_word_values = attrgetter(*_WORD_FIELDS)
_token_values = attrgetter(*_TOKEN_FIELDS)
_sentence_values = attrgetter(*_SENTENCE_FIELDS)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _pack_batch(docs: list[Document]) -> bytes:
    """``docs`` pickled, their sentences as nested tuples (None: left in the document)."""
    with _collector_paused():
        packed: list[Any] = []
        for doc in docs:
            sentences = _pack_sentences(doc.sentences) if _PACKABLE else None
            if sentences is not None:
                doc.sentences = []
            packed.append(sentences)
        return pickle.dumps((docs, packed), protocol=pickle.HIGHEST_PROTOCOL)


def _pack_sentences(sentences: list[Sentence]) -> list[Any] | None:
    """The sentences as nested tuples; None when one of them, a token or a word is a subclass."""
    out = []
    for sentence in sentences:
        tokens = []
        for token in sentence.tokens:
            words = token.words
            if type(token) is not Token or any(type(w) is not Word for w in words):
                return None
            tokens.append((_token_values(token), [_word_values(w) for w in words]))
        if type(sentence) is not Sentence:
            return None
        out.append((_sentence_values(sentence), tokens))
    return out


def _unpack_batch(payload: bytes) -> list[Document]:
    with _collector_paused():
        docs, packed = pickle.loads(payload)
        for doc, sentences in zip(docs, packed, strict=True):
            if sentences is not None:
                doc.sentences = [
                    Sentence(*values, tokens=[Token(*t, words=[Word(*w) for w in ws]) for t, ws in tokens])  # type: ignore[misc]
                    for values, tokens in sentences
                ]
        return docs
