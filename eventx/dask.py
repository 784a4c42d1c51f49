"""Run eventx on a Dask cluster: a Bag of texts → result dicts, a DataFrame of news → events table.

``extract_bag(bag, pipeline_config=None)`` maps a ``dask.bag.Bag`` of ``str`` texts or dicts
``{"text", "id", "published"}`` to a Bag of document result dicts (the JSON contract,
``DocumentResult.model_dump(mode="json")``). ``extract_dataframe(ddf, text="text", id="id",
published="published", **pipeline_kwargs)`` maps a ``dask.dataframe.DataFrame`` to a Dask
DataFrame with exactly the columns and dtypes of ``eventx.to_dataframe(..., table="events")``.

This module is named ``eventx.dask``; the ``import dask...`` statements in it are absolute (Python 3
has no implicit relative imports), so they always reach the real ``dask`` library.

**One pipeline per worker process.** The tasks carry only a hashable *key* made from the
pipeline keyword arguments; each process turns the key into a :class:`eventx.Pipeline` through
:func:`worker_pipeline`, an ``lru_cache`` (under a lock, so concurrent threads of a worker do
not build it twice). The first partition a worker runs builds the pipeline (and loads the
morphology database, the NER model, the rules); every later partition with the same settings
reuses it. A cache, rather than a ``distributed.WorkerPlugin``, because it needs no
registration step, works with every Dask scheduler (distributed, processes, threads,
synchronous) and lets tasks with different settings share a worker. ``pipelines_built()``
tells how many pipelines the current process has built (``client.run(pipelines_built)``).

**Errors.** Inside a partition documents go through ``Pipeline.pipe(batch, on_error="report")``:
a document that cannot be processed (no text, a bad ``published``, an exception in a
component) does not fail its partition; it becomes a result with no events (so no rows in the
events table) whose ``warnings`` hold ``[E718] document not processed: ...``.

Details and a cluster walk-through: ``docs/dask.md``.
"""

from __future__ import annotations

import numbers
import pickle
import threading
from collections.abc import Iterable, Mapping
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from eventx.errors import Errors
from eventx.export.tables import to_dataframe
from eventx.pipeline import Pipeline

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas

__all__ = ["extract_bag", "extract_dataframe", "pipeline_key", "pipelines_built", "worker_pipeline"]

# --- the per-process pipeline cache -------------------------------------------------------------

_DICT, _LIST, _TUPLE, _PICKLED = "\0dict", "\0list", "\0tuple", "\0pickled"
_PLAIN = (str, bytes, int, float, bool, type(None))


def _freeze(value: Any) -> Any:
    """A hashable, value-equal form of ``value`` (see :func:`pipeline_key`)."""
    if isinstance(value, Mapping):
        return (_DICT, tuple((_freeze(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return (_LIST, tuple(_freeze(v) for v in value))
    if isinstance(value, tuple):
        return (_TUPLE, tuple(_freeze(v) for v in value))
    if isinstance(value, _PLAIN):
        return value
    # Objects (a Gazetteer, a RuleEngine, a Path) by their pickled bytes: equal after every
    # unpickling in a worker, where their identity would change from task to task.
    return (_PICKLED, pickle.dumps(value))


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple):
        tag, content = value
        if tag == _DICT:
            return {_thaw(k): _thaw(v) for k, v in content}
        if tag == _LIST:
            return [_thaw(v) for v in content]
        if tag == _TUPLE:
            return tuple(_thaw(v) for v in content)
        return pickle.loads(content)
    return value


def pipeline_key(pipeline_config: Mapping[str, Any] | None = None) -> tuple[Any, ...]:
    """The hashable key of a dict of :class:`eventx.Pipeline` keyword arguments (None = defaults).

    Equal settings give equal keys in every process, so :func:`worker_pipeline` finds the
    pipeline it built for an earlier partition."""
    if pipeline_config is None:
        pipeline_config = {}
    if not isinstance(pipeline_config, Mapping):
        raise TypeError(Errors.DASK_BAD_PIPELINE_CONFIG.format(got=type(pipeline_config).__name__))
    return _freeze(dict(pipeline_config))


@lru_cache(maxsize=8)
def _build_pipeline(key: tuple[Any, ...]) -> Pipeline:
    return Pipeline(**_thaw(key))


_BUILD_LOCK = threading.Lock()


def worker_pipeline(key: tuple[Any, ...]) -> Pipeline:
    """The pipeline of this process for ``key`` (:func:`pipeline_key`), built on first use."""
    with _BUILD_LOCK:
        return _build_pipeline(key)


def pipelines_built() -> int:
    """How many pipelines this process has built through :func:`worker_pipeline`."""
    return _build_pipeline.cache_info().misses


# --- partitions (run in the workers) ----------------------------------------------------------


def _results(items: list[Any], key: tuple[Any, ...], batch_size: int) -> list[Any]:
    nlp = worker_pipeline(key)
    return [doc.to_result() for doc in nlp.pipe(items, batch_size=batch_size, on_error="report")]


def _bag_partition(items: Iterable[Any], *, key: tuple[Any, ...], batch_size: int) -> list[dict[str, Any]]:
    return [result.model_dump(mode="json") for result in _results(list(items), key, batch_size)]


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _cell(value: Any, *, integer_to_str: bool = False) -> Any:
    if _missing(value):
        return None
    if integer_to_str and isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return str(value)
    return value


def _frame_partition(
    part: pandas.DataFrame,
    *,
    key: tuple[Any, ...],
    text: str,
    id_column: str | None,
    published_column: str | None,
    batch_size: int,
) -> pandas.DataFrame:
    n = len(part)
    texts = part[text].tolist()
    ids = part[id_column].tolist() if id_column else [None] * n
    dates = part[published_column].tolist() if published_column else [None] * n
    items = [
        {"text": _cell(t), "id": _cell(i, integer_to_str=True), "published": _cell(p)}
        for t, i, p in zip(texts, ids, dates, strict=True)
    ]
    return to_dataframe(_results(items, key, batch_size), table="events")


# --- public API ---------------------------------------------------------------------------------


def _require_dask(module: str, feature: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(Errors.DASK_MISSING_DEPENDENCY.format(feature=feature, package=module)) from None


def extract_bag(
    bag: dask.bag.Bag, *, pipeline_config: Mapping[str, Any] | None = None, batch_size: int = 16
) -> dask.bag.Bag:
    """A Bag of document result dicts (``DocumentResult.model_dump(mode="json")``), one per item.

    ``bag`` holds ``str`` texts or dicts with ``text`` and optional ``id`` / ``published``.
    ``pipeline_config`` is a dict of :class:`eventx.Pipeline` keyword arguments (``{"ner":
    "gazetteer"}``); each worker process builds that pipeline once. The settings are checked
    here, so a bad one fails now rather than in the workers. A document that cannot be
    processed gives a result with no events and the error in ``warnings`` (``[E718]``).
    """
    _require_dask("dask.bag", "eventx.dask.extract_bag")
    key = pipeline_key(pipeline_config)
    worker_pipeline(key)  # fail early on bad settings (cheap: models load on first use)
    # partial(): the key rides inside the function, where Dask does not look for task keys.
    return bag.map_partitions(partial(_bag_partition, key=key, batch_size=batch_size))


def extract_dataframe(
    ddf: dask.dataframe.DataFrame,
    text: str = "text",
    id: str | None = "id",
    published: str | None = "published",
    *,
    batch_size: int = 16,
    **pipeline_kwargs: Any,
) -> dask.dataframe.DataFrame:
    """The events table (``eventx.to_dataframe(..., table="events")``) of the documents in ``ddf``.

    ``text``, ``id`` and ``published`` name the columns of ``ddf`` that hold each document's
    text, id and publication date (a string, ``datetime.date`` or timestamp). ``id`` or
    ``published`` None, or left at its default and absent from ``ddf``, means no ids / dates;
    an integer id becomes its decimal string. ``pipeline_kwargs`` are :class:`eventx.Pipeline`
    keyword arguments; each worker process builds that pipeline once.

    The result has the events table's columns and nullable dtypes (known without computing
    anything), one row per event, each partition indexed from 0. A document that cannot be
    processed contributes no rows (``extract_bag`` shows its error).
    """
    _require_dask("dask.dataframe", "eventx.dask.extract_dataframe")
    present = list(ddf.columns)
    chosen: dict[str, str | None] = {"text": text, "id": id, "published": published}
    for role, column in chosen.items():
        if column in present or (column is None and role != "text"):
            continue
        if role != "text" and column == role:  # the default name, not in this frame: no ids / dates
            chosen[role] = None
            continue
        raise KeyError(Errors.DASK_NO_COLUMN.format(column=column, role=role, columns=", ".join(map(str, present))))
    key = pipeline_key(pipeline_kwargs)
    worker_pipeline(key)  # fail early on bad settings
    meta = to_dataframe([], table="events")
    run = partial(
        _frame_partition, key=key, text=chosen["text"], id_column=chosen["id"],
        published_column=chosen["published"], batch_size=batch_size,
    )
    return ddf.map_partitions(run, meta=meta, clear_divisions=True)
