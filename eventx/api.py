"""One-call API: ``eventx.extract(text, published=None, doc_id=None) -> DocumentResult``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

from eventx.pipeline import Pipeline
from eventx.records import DocumentResult

__all__ = ["default_pipeline", "extract", "extract_many"]


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The shared default pipeline (built on first use; models load lazily)."""
    return Pipeline()


def extract(text: str, published: str | date | None = None, doc_id: str | None = None) -> DocumentResult:
    """Events, entities and warnings of one Arabic news text, as the spec's document result.

    ``published`` (ISO date) anchors relative dates ("أمس", "السبت", "العام الماضي"); without it
    they keep ``value: null`` and the result carries a warning.
    """
    return default_pipeline()(text, published=published, doc_id=doc_id).to_result()


def extract_many(
    items: Iterable[dict[str, object]], *, batch_size: int = 16, n_process: int = 1, on_error: str = "raise"
) -> Iterator[DocumentResult]:
    """Document results for ``{"id", "text", "published"}`` dicts, in input order.

    ``on_error`` is that of :meth:`Pipeline.pipe`: ``"raise"`` (default) stops at the first
    document that cannot be processed, ``"skip"`` leaves it out (with a logged warning),
    ``"report"`` gives in its place a result with no events whose warnings say what went wrong.
    """
    pipe = default_pipeline().pipe(items, batch_size=batch_size, n_process=n_process, on_error=on_error)
    for doc in pipe:
        yield doc.to_result()
