"""Flat tables of document results: events, arguments, entities.

``event_rows`` / ``argument_rows`` / ``entity_rows`` are pure Python and stream; ``to_dataframe``,
``to_arrow``, ``write_parquet`` need pandas / pyarrow (``pip install 'eventx[tables]'``);
``write_csv`` uses only the standard library. Columns: ``docs/exports.md``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from eventx.errors import Errors
from eventx.export._common import figure, iter_results, mentions_for, open_text
from eventx.records import Event

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = [
    "TABLES",
    "argument_rows",
    "columns",
    "entity_rows",
    "event_row",
    "event_rows",
    "rows",
    "to_arrow",
    "to_dataframe",
    "write_csv",
    "write_parquet",
]

JOIN = " | "

# Column name -> type ("str", "int", "float"); the order is the column order.
EVENT_COLUMNS: dict[str, str] = {
    "doc_id": "str",
    "published": "str",
    "event_id": "str",
    "type": "str",
    "realis": "str",
    "trigger_text": "str",
    "trigger_start": "int",
    "trigger_end": "int",
    "sentence_index": "int",
    "date_text": "str",
    "date_value": "str",
    "date_granularity": "str",
    "date_mod": "str",
    "actor_text": "str",
    "actor_id": "str",
    "target_text": "str",
    "target_id": "str",
    "place_text": "str",
    "place_id": "str",
    "killed": "int",
    "injured": "int",
    "captured": "int",
    "missing": "int",
    "size": "int",
    "munitions": "int",
    "stage": "str",
    "extent": "str",
    "attribution_text": "str",
    "attribution_id": "str",
    "confidence": "float",
    "rule": "str",
}
ARGUMENT_COLUMNS: dict[str, str] = {
    "doc_id": "str",
    "event_id": "str",
    "type": "str",
    "role": "str",
    "text": "str",
    "start": "int",
    "end": "int",
    "kind": "str",
    "canonical": "str",
    "id": "str",
}
ENTITY_COLUMNS: dict[str, str] = {
    "doc_id": "str",
    "text": "str",
    "start": "int",
    "end": "int",
    "kind": "str",
    "canonical": "str",
    "id": "str",
}
_SCHEMAS = {"events": EVENT_COLUMNS, "arguments": ARGUMENT_COLUMNS, "entities": ENTITY_COLUMNS}
TABLES = tuple(_SCHEMAS)


def _schema(table: str) -> dict[str, str]:
    try:
        return _SCHEMAS[table]
    except (KeyError, TypeError):
        raise ValueError(Errors.EXPORT_UNKNOWN_TABLE.format(table=table, known=", ".join(TABLES))) from None


def columns(table: str = "events") -> list[str]:
    """The column names of ``table`` in order."""
    return list(_schema(table))


# --- rows (pure Python, streaming) ------------------------------------------------------------


def _joined(values: list[str | None]) -> str | None:
    """Texts or ids of one column joined with " | "; None when there is no mention. A mention
    without an id keeps its place as an empty string, so ids line up with texts."""
    if not values:
        return None
    return JOIN.join(v or "" for v in values)


def event_row(event: Event, doc_id: str | None = None, published: str | None = None) -> dict[str, Any]:
    """One events-table row (see ``EVENT_COLUMNS``)."""
    row: dict[str, Any] = {
        "doc_id": doc_id,
        "published": published,
        "event_id": event.id,
        "type": event.type,
        "realis": event.realis,
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "sentence_index": event.sentence.index,
        "date_text": event.date.text if event.date else None,
        "date_value": event.date.value if event.date else None,
        "date_granularity": event.date.granularity if event.date else None,
        "date_mod": event.date.mod if event.date else None,
    }
    for column in ("actor", "target", "place"):
        mentions = mentions_for(event, column)
        row[f"{column}_text"] = _joined([m.text for m in mentions])
        ids = [m.id for m in mentions]
        row[f"{column}_id"] = _joined(ids) if any(ids) else None
    for role in ("killed", "injured", "captured", "missing", "size", "munitions"):
        row[role] = figure(event.quantities.get(role))
    row["stage"] = event.attributes.get("stage")
    row["extent"] = event.attributes.get("extent")
    row["attribution_text"] = event.attribution.text if event.attribution else None
    row["attribution_id"] = event.attribution.id if event.attribution else None
    row["confidence"] = event.confidence
    row["rule"] = event.rule
    return row


def event_rows(results: object) -> Iterator[dict[str, Any]]:
    """Events-table rows, one per event, in document and event order."""
    for result in iter_results(results):
        for event in result.events:
            yield event_row(event, result.doc_id, result.published)


def argument_rows(results: object) -> Iterator[dict[str, Any]]:
    """Arguments-table rows, one per argument mention (roles in event order, mentions in order)."""
    for result in iter_results(results):
        for event in result.events:
            for role, mentions in event.arguments.items():
                for m in mentions:
                    yield {"doc_id": result.doc_id, "event_id": event.id, "type": event.type, "role": role,
                           "text": m.text, "start": m.start, "end": m.end, "kind": m.kind,
                           "canonical": m.canonical, "id": m.id}


def entity_rows(results: object) -> Iterator[dict[str, Any]]:
    """Entities-table rows, one per entity mention of ``DocumentResult.entities``."""
    for result in iter_results(results):
        for m in result.entities:
            yield {"doc_id": result.doc_id, "text": m.text, "start": m.start, "end": m.end, "kind": m.kind,
                   "canonical": m.canonical, "id": m.id}


def rows(results: object, table: str = "events") -> Iterator[dict[str, Any]]:
    """Rows of ``table`` ("events", "arguments" or "entities")."""
    _schema(table)
    return {"events": event_rows, "arguments": argument_rows, "entities": entity_rows}[table](results)


# --- pandas / pyarrow -------------------------------------------------------------------------


def _require(module: str, feature: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        package = module.split(".")[0]
        raise ImportError(Errors.EXPORT_MISSING_DEPENDENCY.format(feature=feature, package=package)) from None


def _column_values(table: str, results: object) -> dict[str, list[Any]]:
    names = columns(table)
    values: dict[str, list[Any]] = {name: [] for name in names}
    for row in rows(results, table):
        for name in names:
            values[name].append(row[name])
    return values


def arrow_schema(table: str = "events") -> pyarrow.Schema:
    """The explicit pyarrow schema of ``table``: string / int64 / float64 columns, all nullable."""
    pa = _require("pyarrow", "eventx.export.arrow_schema")
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    return pa.schema([pa.field(name, types[kind]) for name, kind in _schema(table).items()])


def to_arrow(results: object, table: str = "events") -> pyarrow.Table:
    """``results`` as a ``pyarrow.Table`` of ``table`` with the schema of :func:`arrow_schema`."""
    pa = _require("pyarrow", "eventx.to_arrow")
    schema = arrow_schema(table)
    return pa.Table.from_pydict(_column_values(table, results), schema=schema)


def to_dataframe(results: object, table: str = "events") -> pandas.DataFrame:
    """``results`` as a pandas DataFrame of ``table`` ("events", "arguments" or "entities").

    Columns have pandas' nullable dtypes (``string``, ``Int64``, ``Float64``); a missing value is
    ``pd.NA``. No rows gives an empty DataFrame with all the columns.
    """
    pd = _require("pandas", "eventx.to_dataframe")
    dtypes = {"str": pd.StringDtype(), "int": pd.Int64Dtype(), "float": pd.Float64Dtype()}
    schema = _schema(table)
    values = _column_values(table, results)
    return pd.DataFrame({name: pd.array(values[name], dtype=dtypes[kind]) for name, kind in schema.items()})


def write_parquet(results: object, path: str | Path | IO[bytes], table: str = "events") -> int:
    """Write ``table`` as Parquet (all rows are collected first); returns the number of rows."""
    pq = _require("pyarrow.parquet", "eventx.export.write_parquet")
    if not isinstance(path, str | Path):
        import io

        if isinstance(path, io.TextIOBase):
            path = getattr(path, "buffer", path)
            if isinstance(path, io.TextIOBase):
                raise TypeError(Errors.EXPORT_NEEDS_BINARY.format())
    arrow_table = to_arrow(results, table)
    pq.write_table(arrow_table, path)
    return arrow_table.num_rows


def _csv_value(value: Any) -> Any:
    return "" if value is None else value


def write_csv(results: object, path_or_file: str | Path | IO[Any], table: str = "events") -> int:
    """Write ``table`` as UTF-8 CSV with a header row, streaming; returns the number of rows.

    Missing values are empty fields. Needs neither pandas nor pyarrow.
    """
    names = columns(table)
    count = 0
    with open_text(path_or_file) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names)
        for row in rows(results, table):
            writer.writerow([_csv_value(row[name]) for name in names])
            count += 1
    return count
