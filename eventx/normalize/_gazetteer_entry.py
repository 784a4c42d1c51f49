"""The records a gazetteer holds: one :class:`GazetteerEntry` per name, a user file's row, TSV reading.

Kept apart from the matcher (:mod:`eventx.normalize._gazetteer_index`) and the table loaders
(:mod:`eventx.normalize._gazetteer_tables`) because both need them and neither should import
the other just for a record type. Import the public names from :mod:`eventx.normalize.gazetteer`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from eventx.errors import Errors
from eventx.records import ENTITY_KINDS

__all__ = [
    "PRIORITY_CURATED",
    "PRIORITY_GENERATED",
    "PRIORITY_USER",
    "RUNNING_TEXT_MIN_POPULATION",
    "GazetteerEntry",
    "GazetteerRow",
    "check_kind",
    "read_tsv",
]

# Priorities decide between entries sharing a key: a user's entry beats the curated tables,
# which beat names generated from GeoNames (which holds noise such as "امان" for Amman).
PRIORITY_USER = 30
PRIORITY_CURATED = 20
PRIORITY_GENERATED = 10

RUNNING_TEXT_MIN_POPULATION = 500_000
"""A GeoNames-only city name is matched in running text when the city is at least this big."""


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One name of one thing. ``id`` is the spec §4 mention id; ``actor_id`` its state as actor.

    Frozen, so copies of a gazetteer can share their entries safely (:meth:`Gazetteer.copy`).
    """

    name: str
    kind: str
    canonical: str | None = None
    id: str | None = None
    actor_id: str | None = None
    place_id: str | None = None
    source: str = "user"
    fuzzy: bool = False
    priority: int = PRIORITY_USER
    weight: int = 0
    """Tie-breaker inside one priority (population for GeoNames cities)."""
    tags: frozenset[str] = frozenset()
    score: float = 1.0
    country: str | None = None
    """ISO alpha-3 code of the state a place lies in (also for regions without an id)."""


def check_kind(kind: str) -> str:
    """``kind`` itself when it is an entity kind; the one message for a bad kind otherwise."""
    if kind not in ENTITY_KINDS:
        raise ValueError(Errors.GAZETTEER_KIND.format(known=", ".join(ENTITY_KINDS), value=kind))
    return kind


class GazetteerRow(BaseModel):
    """One row of a user's TSV or YAML file (validated: unknown columns are an error)."""

    model_config = ConfigDict(extra="forbid")

    name: str
    kind: str
    canonical: str | None = None
    id: str | None = None
    actor_id: str | None = None
    place_id: str | None = None
    fuzzy: bool | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        return check_kind(value)

    @field_validator("canonical", "id", "actor_id", "place_id", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated file; lines starting with ``#`` are comments."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {key: (value or "").strip() for key, value in row.items() if key is not None}
