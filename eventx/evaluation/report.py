"""The evaluation report: counts, precision/recall/F1, secondary accuracies and error records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["Accuracy", "Counts", "ErrorKind", "ErrorRecord", "EvaluationReport"]

ErrorKind = Literal["missed_event", "spurious_event", "argument_error"]


@dataclass(slots=True)
class Counts:
    """True/false positives and false negatives. An undefined ratio (0/0) is reported as 0.0."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, correct: bool) -> None:
        self.total += 1
        self.correct += int(correct)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": round(self.value, 4)}


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """One thing to look at in error analysis.

    ``missed_event``: a gold event no prediction matched (its arguments are all false negatives).
    ``spurious_event``: a predicted event that matched no gold event (arguments all false positives).
    ``argument_error``: one role of a matched pair with ``missing`` gold and/or ``spurious``
    predicted fillers (a wrong filler shows up in both).
    """

    kind: ErrorKind
    doc_id: str
    event_type: str
    trigger: str
    trigger_start: int | None
    sentence: str
    event: str  # gold "gold #N" / predicted event id, or "pred <id> ~ gold #N" for a matched pair
    role: str | None = None
    missing: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()
    anchor: str | None = None

    def describe(self) -> str:
        where = f"{self.doc_id} {self.event_type} trigger {self.trigger!r}@{self.trigger_start}"
        if self.kind == "missed_event":
            head = f"MISSED   {where} ({self.event})"
        elif self.kind == "spurious_event":
            head = f"SPURIOUS {where} ({self.event})"
        else:
            parts = [f"role {self.role}"]
            if self.missing:
                parts.append("missing " + " | ".join(self.missing))
            if self.spurious:
                parts.append("spurious " + " | ".join(self.spurious))
            head = f"ARGUMENT {where} ({self.event}): " + "; ".join(parts)
        sentence = " ".join(self.sentence.split())
        return f"{head}\n    sentence: {sentence}" if sentence else head

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "doc_id": self.doc_id,
            "type": self.event_type,
            "trigger": self.trigger,
            "trigger_start": self.trigger_start,
            "sentence": self.sentence,
            "event": self.event,
            "role": self.role,
            "missing": list(self.missing),
            "spurious": list(self.spurious),
            "anchor": self.anchor,
        }


def _table_rows(title: str, rows: dict[str, Counts]) -> list[str]:
    lines = [f"{title:<28}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'fp':>7}{'fn':>7}"]
    for name, counts in rows.items():
        lines.append(
            f"  {name:<26}{counts.precision:>7.3f}{counts.recall:>7.3f}{counts.f1:>7.3f}"
            f"{counts.tp:>7}{counts.fp:>7}{counts.fn:>7}"
        )
    return lines


@dataclass(slots=True)
class EvaluationReport:
    """Result of :func:`eventx.evaluation.evaluate`. Figures are micro-averaged."""

    documents: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    events: Counts = field(default_factory=Counts)
    events_by_type: dict[str, Counts] = field(default_factory=dict)
    arguments: Counts = field(default_factory=Counts)
    arguments_by_type: dict[str, Counts] = field(default_factory=dict)
    arguments_by_role: dict[str, Counts] = field(default_factory=dict)
    arguments_by_type_role: dict[str, dict[str, Counts]] = field(default_factory=dict)
    realis: Accuracy = field(default_factory=Accuracy)
    attribution: Accuracy = field(default_factory=Accuracy)
    attributes: dict[str, Accuracy] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error_records: list[ErrorRecord] = field(default_factory=list, repr=False)

    def errors(self, *kinds: ErrorKind) -> list[ErrorRecord]:
        """Error records (all, or only the given kinds), in document and text order."""
        return [e for e in self.error_records if not kinds or e.kind in kinds]

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "events": {
                "overall": self.events.to_dict(),
                "by_type": {name: c.to_dict() for name, c in self.events_by_type.items()},
            },
            "arguments": {
                "overall": self.arguments.to_dict(),
                "by_type": {name: c.to_dict() for name, c in self.arguments_by_type.items()},
                "by_role": {name: c.to_dict() for name, c in self.arguments_by_role.items()},
                "by_type_role": {
                    name: {role: c.to_dict() for role, c in roles.items()}
                    for name, roles in self.arguments_by_type_role.items()
                },
            },
            "matched_events": {
                "realis": self.realis.to_dict(),
                "attribution": self.attribution.to_dict(),
                "attributes": {name: a.to_dict() for name, a in self.attributes.items()},
            },
            "warnings": list(self.warnings),
        }

    def format_table(self) -> str:
        lines = [
            f"eventx evaluation: {self.documents} documents, {self.gold_events} gold events, "
            f"{self.predicted_events} predicted events",
            "",
            *_table_rows("EVENTS", {"overall": self.events, **self.events_by_type}),
            "",
            *_table_rows("ARGUMENTS by type", {"overall": self.arguments, **self.arguments_by_type}),
            "",
            *_table_rows("ARGUMENTS by role", self.arguments_by_role),
            "",
            f"{f'MATCHED EVENTS ({self.events.tp})':<28}{'acc':>7}  correct/total",
        ]
        secondary = {"realis": self.realis, "attribution": self.attribution, **self.attributes}
        for name, accuracy in secondary.items():
            lines.append(f"  {name:<26}{accuracy.value:>7.3f}  {accuracy.correct}/{accuracy.total}")
        if self.warnings:
            lines += ["", f"{len(self.warnings)} warning(s); see the warnings list (stderr in the CLI)."]
        return "\n".join(lines)

    def format_errors(self, limit: int | None = None) -> str:
        records = self.error_records if limit is None else self.error_records[:limit]
        shown = "\n".join(record.describe() for record in records)
        more = len(self.error_records) - len(records)
        return shown + (f"\n... {more} more" if more > 0 else "")
