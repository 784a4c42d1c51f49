"""Scorer-side view of an event: what §8 of the spec compares, nothing more.

Gold files and predicted document results have different shapes (gold fillers carry only
``text`` and ``id``; predictions carry full :class:`eventx.records.Mention` objects). Both are
read into the small immutable records below so that matching never has to care where an event
came from. Parsing is lenient about fields the scorer does not use, strict about the ones it
does, and every problem names where it was found.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from eventx.errors import Errors, EventxError
from eventx.text.sentences import SentenceSpan

__all__ = [
    "DateValue",
    "EvaluationInputError",
    "EventMention",
    "Filler",
    "QuantityValue",
    "parse_attributes",
    "parse_date",
    "parse_filler",
    "parse_fillers",
    "parse_quantities",
]


class EvaluationInputError(EventxError, ValueError):
    """Gold, documents or predictions cannot be read; the message says which file/line/field."""


@dataclass(frozen=True, slots=True)
class Filler:
    """An argument filler or attribution: matched by id, else by normalized text."""

    text: str
    id: str | None = None

    def describe(self) -> str:
        return f"{self.text} [{self.id}]" if self.id else self.text


@dataclass(frozen=True, slots=True)
class QuantityValue:
    value: float | None = None
    min: float | None = None
    max: float | None = None
    text: str = ""

    def describe(self) -> str:
        if self.value is not None:
            figure = f"value={_fmt_number(self.value)}"
        else:
            figure = f"min={_fmt_number(self.min)} max={_fmt_number(self.max)}"
        return f"{figure} ({self.text})" if self.text else figure


@dataclass(frozen=True, slots=True)
class DateValue:
    value: str | None
    text: str = ""

    def describe(self) -> str:
        shown = self.value if self.value is not None else "null"
        return f"{shown} ({self.text})" if self.text else shown


@dataclass(frozen=True, slots=True)
class EventMention:
    """One gold or predicted event mention as the scorer sees it.

    ``trigger_start`` is ``None`` only for a gold event whose anchor could not be located: such
    an event can never be matched and so counts as a false negative. ``sentence_spans`` is set
    for gold events only (the sentences the anchor overlaps).
    """

    doc_id: str
    label: str  # "gold #3" or the predicted event id, for error listings
    type: str
    trigger_text: str
    trigger_start: int | None
    sentence_spans: tuple[SentenceSpan, ...] = ()
    realis: str | None = None
    attribution: Filler | None = None
    arguments: Mapping[str, tuple[Filler, ...]] = field(default_factory=dict)
    quantities: Mapping[str, QuantityValue] = field(default_factory=dict)
    date: DateValue | None = None
    attributes: Mapping[str, str | None] = field(default_factory=dict)
    anchor: str | None = None

    def in_sentence(self, offset: int) -> bool:
        """True when ``offset`` (a predicted trigger start) lies in this gold event's sentence."""
        return any(span.start <= offset < span.end for span in self.sentence_spans)


def _fmt_number(number: float | None) -> str:
    if number is None:
        return "null"
    return str(int(number)) if float(number).is_integer() else str(number)


def _require_mapping(obj: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(obj, Mapping):
        raise EvaluationInputError(Errors.EVAL_NOT_AN_OBJECT.format(where=where, got=type(obj).__name__))
    return obj


def _optional_str(obj: Any, where: str) -> str | None:
    if obj is None or isinstance(obj, str):
        return obj
    raise EvaluationInputError(Errors.EVAL_NOT_A_STRING.format(where=where, value=obj))


def parse_filler(obj: Any, where: str) -> Filler:
    mapping = _require_mapping(obj, where)
    text = mapping.get("text")
    if not isinstance(text, str):
        raise EvaluationInputError(Errors.EVAL_FILLER_TEXT.format(where=where, value=text))
    filler_id = _optional_str(mapping.get("id"), f"{where}.id")
    if filler_id is not None:
        filler_id = filler_id.strip() or None  # "" is "no id", not an id every empty id shares
    return Filler(text=text, id=filler_id)


def parse_fillers(obj: Any, where: str) -> dict[str, tuple[Filler, ...]]:
    if obj is None:
        return {}
    mapping = _require_mapping(obj, where)
    roles: dict[str, tuple[Filler, ...]] = {}
    for role, fillers in mapping.items():
        if not isinstance(fillers, list):
            raise EvaluationInputError(Errors.EVAL_FILLERS_NOT_A_LIST.format(where=f"{where}.{role}"))
        roles[str(role)] = tuple(parse_filler(f, f"{where}.{role}[{i}]") for i, f in enumerate(fillers))
    return roles


def _number(obj: Any, where: str) -> float | None:
    if obj is None:
        return None
    if isinstance(obj, bool):  # bool is an int subclass; true/false is never a figure
        raise EvaluationInputError(Errors.EVAL_NOT_A_NUMBER.format(where=where, value=obj))
    if isinstance(obj, (int, float)):
        number = float(obj)
    elif isinstance(obj, str):
        try:
            number = float(obj.replace(",", ""))
        except ValueError:
            raise EvaluationInputError(Errors.EVAL_NOT_A_NUMBER.format(where=where, value=obj)) from None
    else:
        raise EvaluationInputError(Errors.EVAL_NOT_A_NUMBER.format(where=where, value=obj))
    if not math.isfinite(number):
        raise EvaluationInputError(Errors.EVAL_NOT_FINITE.format(where=where, value=obj))
    return number


def parse_quantities(obj: Any, where: str) -> dict[str, QuantityValue]:
    if obj is None:
        return {}
    mapping = _require_mapping(obj, where)
    quantities: dict[str, QuantityValue] = {}
    for role, quantity in mapping.items():
        q = _require_mapping(quantity, f"{where}.{role}")
        quantities[str(role)] = QuantityValue(
            value=_number(q.get("value"), f"{where}.{role}.value"),
            min=_number(q.get("min"), f"{where}.{role}.min"),
            max=_number(q.get("max"), f"{where}.{role}.max"),
            text=str(q.get("text") or ""),
        )
    return quantities


def parse_date(obj: Any, where: str) -> DateValue | None:
    if obj is None:
        return None
    mapping = _require_mapping(obj, where)
    return DateValue(value=_optional_str(mapping.get("value"), f"{where}.value"), text=str(mapping.get("text") or ""))


def parse_attributes(obj: Any, where: str) -> dict[str, str | None]:
    if obj is None:
        return {}
    mapping = _require_mapping(obj, where)
    return {str(k): (None if v is None else str(v)) for k, v in mapping.items()}
