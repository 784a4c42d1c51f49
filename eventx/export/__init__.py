"""Export document results as tables (pandas, Arrow, Parquet, CSV), ACLED-style CSV and
PLOVER-style JSON lines. Columns and mappings: ``docs/exports.md``.

>>> import eventx
>>> from eventx.export import write
>>> results = [eventx.extract(text, published="2025-04-29") for text in texts]  # doctest: +SKIP
>>> write(results, "acled", "events.csv")  # doctest: +SKIP

pandas and pyarrow are imported only by the functions that need them (``to_dataframe``,
``to_arrow``, ``write_parquet``); CSV, ACLED and PLOVER output need neither and stream.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from eventx.errors import Errors
from eventx.export.acled import ACLED_COLUMNS, ACLED_TYPES, acled_row, acled_rows, write_acled
from eventx.export.plover import PLOVER_FIELDS, PLOVER_TYPES, plover_record, plover_records, write_plover
from eventx.export.tables import (
    TABLES,
    argument_rows,
    arrow_schema,
    columns,
    entity_rows,
    event_row,
    event_rows,
    to_arrow,
    to_dataframe,
    write_csv,
    write_parquet,
)

__all__ = [
    "ACLED_COLUMNS",
    "ACLED_TYPES",
    "FORMATS",
    "PLOVER_FIELDS",
    "PLOVER_TYPES",
    "TABLES",
    "acled_row",
    "acled_rows",
    "argument_rows",
    "arrow_schema",
    "columns",
    "entity_rows",
    "event_row",
    "event_rows",
    "plover_record",
    "plover_records",
    "to_arrow",
    "to_dataframe",
    "write",
    "write_acled",
    "write_csv",
    "write_parquet",
    "write_plover",
]

FORMATS: tuple[str, ...] = ("csv", "parquet", "acled", "plover")
"""Formats of :func:`write`: csv (the events table), parquet (the events table), acled, plover."""

STREAMING_FORMATS: tuple[str, ...] = ("csv", "acled", "plover")
"""Formats written document by document; parquet collects all rows first."""

BINARY_FORMATS: tuple[str, ...] = ("parquet",)
"""Formats that need a path or a binary stream (``sys.stdout.buffer``), not a text stream."""


def write(results: Any, fmt: str, out: str | Path | IO[Any], *, table: str = "events") -> int:
    """Write ``results`` (DocumentResults, Documents or result dicts; one or an iterable) to ``out``
    (a path, a text or a binary file) in ``fmt``, one of :data:`FORMATS`; returns the number of
    rows / records written. ``table`` picks the table of csv and parquet (events, arguments,
    entities)."""
    writers: dict[str, Callable[[], int]] = {
        "csv": lambda: write_csv(results, out, table=table),
        "parquet": lambda: write_parquet(results, out, table=table),  # type: ignore[arg-type]
        "acled": lambda: write_acled(results, out),
        "plover": lambda: write_plover(results, out),
    }
    if fmt not in writers:
        raise ValueError(Errors.EXPORT_UNKNOWN_FORMAT.format(fmt=fmt, known=", ".join(FORMATS)))
    return writers[fmt]()
