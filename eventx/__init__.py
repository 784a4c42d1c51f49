"""eventx: typed event records from Arabic news.

>>> import eventx
>>> result = eventx.extract("قتل 3 جنود في قصف على مدينة خاركيف", published="2024-05-01")  # doctest: +SKIP
>>> [e.type for e in result.events]  # doctest: +SKIP
['CASUALTY', 'ATTACK']

Heavy pieces (morphology DB, NER model, stanza) load lazily on first use, never at import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Document",
    "DocumentResult",
    "Pipeline",
    "__version__",
    "extract",
    "extract_many",
    "merge",
    "to_arrow",
    "to_dataframe",
]

if TYPE_CHECKING:
    from eventx.doc import Document
    from eventx.pipeline import Pipeline
    from eventx.records import DocumentResult


def __getattr__(name: str) -> Any:
    # Lazy attribute access keeps `import eventx` fast (no camel-tools / torch import).
    if name == "Pipeline":
        from eventx.pipeline import Pipeline

        return Pipeline
    if name == "Document":
        from eventx.doc import Document

        return Document
    if name == "DocumentResult":
        from eventx.records import DocumentResult

        return DocumentResult
    if name == "extract":
        from eventx.api import extract

        return extract
    if name == "extract_many":
        from eventx.api import extract_many

        return extract_many
    if name == "merge":
        from eventx.crossdoc import merge

        return merge
    if name == "to_dataframe":
        from eventx.export.tables import to_dataframe

        return to_dataframe
    if name == "to_arrow":
        from eventx.export.tables import to_arrow

        return to_arrow
    from eventx.errors import Errors

    raise AttributeError(Errors.NO_MODULE_ATTRIBUTE.format(module=__name__, name=name))
