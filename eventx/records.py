"""Output records: the JSON contract of ``shared/spec/events.md``.

These pydantic models are the only shapes eventx hands to users. ``model_dump(mode="json")``
of a :class:`DocumentResult` is exactly the spec's document result; ``eventx schema`` prints the
JSON Schema generated from these classes (never a hand-written copy).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from eventx.errors import Errors

__all__ = [
    "ENTITY_KINDS",
    "REALIS_VALUES",
    "TIME_MODS",
    "DocumentResult",
    "Event",
    "Mention",
    "Quantity",
    "SentenceRef",
    "TimeValue",
    "Trigger",
]

ENTITY_KINDS = ("GPE", "PER", "ORG", "LOC", "FAC", "FORCE", "WEAPON", "AGREEMENT", "OTHER")
EntityKind = Literal["GPE", "PER", "ORG", "LOC", "FAC", "FORCE", "WEAPON", "AGREEMENT", "OTHER"]
REALIS_VALUES = ("actual", "planned", "possible", "negated")
Realis = Literal["actual", "planned", "possible", "negated"]
TIME_MODS = ("START", "MID", "END", "APPROX", "BEFORE", "AFTER")
TimeMod = Literal["START", "MID", "END", "APPROX", "BEFORE", "AFTER"]
Granularity = Literal["day", "week", "month", "season", "quarter", "year", "decade", "century"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Mention(_Record):
    """An entity mention or argument filler; ``start``/``end`` index the original text."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: EntityKind
    canonical: str | None = None
    id: str | None = None

    @model_validator(mode="after")
    def _check_span(self) -> Mention:
        if self.end < self.start:
            raise ValueError(Errors.MENTION_END_BEFORE_START.format(end=self.end, start=self.start))
        return self


class Quantity(_Record):
    """A figure: ``value`` for a single number, ``min``/``max`` for ranges and bounds."""

    text: str
    value: int | float | None = None
    min: int | float | None = None
    max: int | float | None = None
    approx: bool = False
    unit: str | None = None


class TimeValue(_Record):
    """A TIMEX3-style time value (``2024-FA``, ``2025-01``, ``2025-04-26``, ``2025-W05``)."""

    text: str
    value: str | None = None
    granularity: Granularity | None = None
    mod: TimeMod | None = None


class Trigger(_Record):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    lemma: str | None = None


class SentenceRef(_Record):
    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Event(_Record):
    id: str
    type: str
    trigger: Trigger
    sentence: SentenceRef
    realis: Realis = "actual"
    attribution: Mention | None = None
    arguments: dict[str, list[Mention]] = Field(default_factory=dict)
    quantities: dict[str, Quantity] = Field(default_factory=dict)
    date: TimeValue | None = None
    attributes: dict[str, str | None] = Field(default_factory=dict)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    rule: str

    @field_validator("type")
    @classmethod
    def _type_is_upper(cls, value: str) -> str:
        if not value or not value.replace("_", "").isalnum() or value.upper() != value:
            raise ValueError(Errors.EVENT_TYPE_NAME.format(value=value))
        return value


class DocumentResult(_Record):
    doc_id: str | None = None
    published: str | None = None
    language: str = "ar"
    events: list[Event] = Field(default_factory=list)
    entities: list[Mention] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def _repr_html_(self) -> str:
        """Jupyter's view: the event table (``eventx.display.render_html(result, text=...)`` adds the text)."""
        from eventx.display import render_html

        return render_html(self)
