"""Records of cross-report merging: one :class:`MergedEvent` per real-world event.

Every model forbids unknown fields (like :mod:`eventx.records`); ``model_dump(mode="json")``
is the JSON line ``eventx merge`` writes.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from eventx.records import TimeValue

__all__ = [
    "EventRef",
    "MergedArgument",
    "MergedEvent",
    "MergedFigure",
    "PairEvidence",
    "Reason",
    "SourceRef",
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventRef(_Record):
    """One event mention of one document."""

    doc_id: str
    event_id: str


class SourceRef(EventRef):
    """A source of a merged event: which mention, where its trigger is, when it was published."""

    trigger: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    published: str | None = None
    realis: str = "actual"


class Reason(_Record):
    """One feature of a pairwise decision: its name, its score and what it saw."""

    feature: str
    score: float
    detail: str


class PairEvidence(_Record):
    """Why two events of different documents were linked: the reasons and their total."""

    a: EventRef
    b: EventRef
    reasons: list[Reason] = Field(default_factory=list)
    total: float
    vetoed: bool = False
    linked: bool = False


class MergedArgument(_Record):
    """An argument filler of the merged event: one per id (or normalized text), with how many
    sources carry it."""

    text: str
    kind: str
    canonical: str | None = None
    id: str | None = None
    count: int = Field(ge=1)


class MergedFigure(_Record):
    """A figure over the sources: ``min``/``max`` span every source's value or range
    (``max`` is null when a source gives only a lower bound)."""

    min: int | float | None = None
    max: int | float | None = None
    values: list[int | float] = Field(default_factory=list)
    approx: bool = False
    unit: str | None = None
    count: int = Field(ge=1)


class MergedEvent(_Record):
    """One real-world event reported by one or more documents."""

    merged_id: str
    type: str
    singleton: bool
    sources: list[SourceRef]
    arguments: dict[str, list[MergedArgument]] = Field(default_factory=dict)
    quantities: dict[str, MergedFigure] = Field(default_factory=dict)
    date: TimeValue | None = None
    realis: str = "actual"
    attributes: dict[str, str | None] = Field(default_factory=dict)
    evidence: list[PairEvidence] = Field(default_factory=list)
