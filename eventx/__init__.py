"""eventx: typed event records from Arabic news.

>>> import eventx
>>> result = eventx.extract("قتل 3 جنود في قصف على مدينة خاركيف", published="2024-05-01")  # doctest: +SKIP
>>> [e.type for e in result.events]  # doctest: +SKIP
['CASUALTY', 'ATTACK']

Heavy pieces (morphology DB, NER model, stanza) load lazily on first use, never at import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventx._lazy import lazy_getattr

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


# Public names and the module each lives in. Lazy attribute access keeps `import eventx` fast
# (no camel-tools / torch import until a name is used).
_LAZY = {
    "Pipeline": "eventx.pipeline",
    "Document": "eventx.doc",
    "DocumentResult": "eventx.records",
    "extract": "eventx.api",
    "extract_many": "eventx.api",
    "merge": "eventx.crossdoc",
    "to_dataframe": "eventx.export.tables",
    "to_arrow": "eventx.export.tables",
}


__getattr__ = lazy_getattr(__name__, _LAZY)
