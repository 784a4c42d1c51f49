"""Pairwise compatibility of two events of different documents, with the reasons.

:func:`score_pair` returns a :class:`PairEvidence`: one :class:`Reason` per feature (its score
and what it saw) and the total. A *veto* (different type, incompatible realis, dates, figures
or treaty stages) makes the pair incompatible whatever the other features say. The rules and
the weights are documented in ``docs/merge.md``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from eventx.crossdoc.model import EventRef, PairEvidence, Reason
from eventx.records import Event, Mention, Quantity
from eventx.text.orthography import scoring_key

__all__ = [
    "THRESHOLD",
    "WEIGHTS",
    "DateSpan",
    "EventItem",
    "date_span",
    "dates_compatible",
    "figures_compatible",
    "mentions_match",
    "name_key",
    "realis_compatible",
    "score_pair",
]

# A pair is linked when it has no veto and its total reaches THRESHOLD.
THRESHOLD = 1.5
FIGURE_TOLERANCE = 0.2
WEIGHTS = {
    "date_same_day": 1.0,       # two explicit day dates within window_days
    "date_same_value": 0.75,    # two explicit coarser dates with the same value (2024-06 and 2024-06)
    "date_inside": 0.5,         # explicit dates, one inside (or overlapping) the other
    "date_weak": 0.25,          # compatible through a publication date (an event without a date)
    "date_weak_conflict": -0.75,  # apart only through a publication date: a penalty, not a veto
    "role_id": 1.0,             # a role shares a filler with the same linked id
    "role_text": 0.75,          # a role shares a filler by normalized text or canonical name
    "role_conflict": -0.5,      # a role filled on both sides by linked ids that all differ
    "figure": 0.5,              # a figure role with compatible figures
    "lemma": 0.25,              # the same trigger lemma (or normalized trigger text)
    "attribute": 0.25,          # the same stage (TREATY) or extent (TERRITORIAL_CONTROL)
}
_STAGES_DISTINCT = frozenset({"signed", "ratified", "in_force"})


@dataclass(frozen=True)
class DateSpan:
    """The days a date covers (inclusive); ``weak`` when it stands in for a missing date."""

    first: dt.date
    last: dt.date
    weak: bool = False
    label: str = ""

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class EventItem:
    """One event with what merging needs from its document."""

    doc_id: str
    published: str | None
    event: Event
    order: tuple[object, ...]

    @property
    def ref(self) -> EventRef:
        return EventRef(doc_id=self.doc_id, event_id=self.event.id)


_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _month_end(year: int, month: int) -> dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def date_span(value: str | None, label: str = "") -> DateSpan | None:
    """The day span of a TIMEX3 value (``2025-04-26``, ``2025-04``, ``2025-W06``, ``2024-FA``,
    ``2024-Q3``, ``2024``, ``202`` decade); None for anything else."""
    if not value:
        return None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return DateSpan(day, day, label=label or value)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            year, month = int(m[1]), int(m[2])
            return DateSpan(dt.date(year, month, 1), _month_end(year, month), label=label or value)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return DateSpan(first, first + dt.timedelta(days=6), label=label or value)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            year, (start, end) = int(m[1]), _SEASONS[m[2]]
            return DateSpan(dt.date(year, start, 1), _month_end(year, end), label=label or value)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            year, quarter = int(m[1]), int(m[2])
            return DateSpan(dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter), label=label or value)
        if m := re.fullmatch(r"(\d{4})", value):
            year = int(m[1])
            return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), label=label or value)
        if m := re.fullmatch(r"(\d{3})", value):
            decade = int(m[1]) * 10
            return DateSpan(dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31), label=label or value)
    except ValueError:  # a day or week that does not exist
        return None
    return None


def event_date_span(event: Event, published: str | None) -> DateSpan | None:
    """The event's own date, else its document's publication day as a weak anchor, else None."""
    own = date_span(event.date.value if event.date else None)
    if own is not None:
        return own
    anchor = date_span(published[:10] if published else None)
    if anchor is None or anchor.days != 1:
        return None
    return DateSpan(anchor.first, anchor.last, weak=True, label=f"published {anchor.label}")


def dates_compatible(a: DateSpan | None, b: DateSpan | None, window_days: float) -> tuple[bool, float, str]:
    """(compatible, score, detail). Days within ``window_days``; a day inside a coarser span
    (with the window as slack); two coarse spans when they overlap. A weak anchor scores less."""
    if a is None or b is None:
        return True, 0.0, "no date on one side (and no publication date)"
    slack = dt.timedelta(days=window_days)
    weak = a.weak or b.weak
    if a.days == 1 and b.days == 1:
        gap = abs((a.first - b.first).days)
        ok = gap <= window_days
        detail = f"{a.label} vs {b.label}: {gap} days apart (window {window_days:g})"
        score = WEIGHTS["date_weak"] if weak else WEIGHTS["date_same_day"]
        return ok, score if ok else 0.0, detail
    ok = a.first - slack <= b.last and b.first - slack <= a.last if (a.days == 1 or b.days == 1) else (
        a.first <= b.last and b.first <= a.last
    )
    if not ok:
        return False, 0.0, f"{a.label} and {b.label} do not overlap"
    if weak:
        inner, outer = (a, b) if a.weak else (b, a)
        return True, WEIGHTS["date_weak"], f"{inner.label} falls in {outer.label}"
    if (a.first, a.last) == (b.first, b.last):
        return True, WEIGHTS["date_same_value"], f"both {a.label}"
    return True, WEIGHTS["date_inside"], f"{a.label} within/overlapping {b.label}"


_REALIS_GROUP = {"actual": "actual", "possible": "actual", "planned": "planned", "negated": "negated"}


def realis_compatible(a: str, b: str) -> bool:
    """actual and possible (an unconfirmed report of the same thing) go together; planned only
    with planned, negated only with negated."""
    return _REALIS_GROUP.get(a, a) == _REALIS_GROUP.get(b, b)


# Generic heads of place names, dropped before texts are compared ("منطقة كورسك" ~ "كورسك"),
# in the normalized spelling of ``scoring_key`` (ة→ه).
_PLACE_HEADS = frozenset({"منطقه", "مقاطعه", "مدينه", "قريه", "بلده", "محافظه", "اقليم", "ولايه"})
_NOT_A_LETTER = re.compile(r"[^\w\s]+")


def name_key(text: str) -> str:
    """``scoring_key`` without punctuation (quotes, guillemets) and a generic place head."""
    words = _NOT_A_LETTER.sub(" ", scoring_key(text)).split()
    if len(words) > 1 and words[0] in _PLACE_HEADS:
        words = words[1:]
    return " ".join(words)


def mention_keys(mention: Mention) -> tuple[str | None, str, str | None]:
    canonical = mention.canonical.casefold() if mention.canonical else None
    return mention.id, name_key(mention.text), canonical


def mentions_match(a: Mention, b: Mention) -> str | None:
    """``"id"`` when both are linked to the same id, ``"text"`` when the normalized texts are
    equal, one contains the other as whole words (at least two words) or the canonical names
    are equal; None otherwise. Two different ids never match."""
    id_a, key_a, can_a = mention_keys(a)
    id_b, key_b, can_b = mention_keys(b)
    if id_a and id_b:
        return "id" if id_a == id_b else None
    if can_a and can_a == can_b:
        return "text"
    if not key_a or not key_b:
        return None
    if key_a == key_b:
        return "text"
    short, long = sorted((key_a, key_b), key=len)
    if len(short.split()) >= 2 and f" {short} " in f" {long} ":
        return "text"
    return None


def _bounds(quantity: Quantity) -> tuple[float, float] | None:
    if quantity.value is not None:
        return float(quantity.value), float(quantity.value)
    if quantity.min is None and quantity.max is None:
        return None
    low = float(quantity.min) if quantity.min is not None else 0.0
    high = float(quantity.max) if quantity.max is not None else float("inf")
    return low, high


def figures_compatible(a: Quantity, b: Quantity, tolerance: float = FIGURE_TOLERANCE) -> bool | None:
    """True when the ranges overlap or their nearest ends are within ``tolerance`` (20 %) of
    the larger; None when one side has no number."""
    bounds_a, bounds_b = _bounds(a), _bounds(b)
    if bounds_a is None or bounds_b is None:
        return None
    (low_a, high_a), (low_b, high_b) = bounds_a, bounds_b
    if low_a <= high_b and low_b <= high_a:
        return True
    near_a, near_b = (high_a, low_b) if high_a < low_b else (low_a, high_b)
    return abs(near_a - near_b) <= tolerance * max(abs(near_a), abs(near_b))


def _fmt_quantity(q: Quantity) -> str:
    if q.value is not None:
        return f"{'~' if q.approx else ''}{q.value:g}"
    return f"{q.min if q.min is not None else ''}-{q.max if q.max is not None else ''}"


def _lemma(event: Event) -> str:
    return scoring_key(event.trigger.lemma or event.trigger.text)


def score_pair(x: EventItem, y: EventItem, window_days: float = 3, threshold: float = THRESHOLD) -> PairEvidence:
    """The evidence for linking two events of different documents (see the module doc): linked
    when there is no veto and the total reaches ``threshold``."""
    a, b = x.event, y.event
    reasons: list[Reason] = []
    veto = False

    def add(feature: str, score: float, detail: str, is_veto: bool = False) -> None:
        nonlocal veto
        reasons.append(Reason(feature=feature, score=round(score, 4), detail=detail))
        veto = veto or is_veto

    if a.type != b.type:
        add("type", 0.0, f"{a.type} vs {b.type}", is_veto=True)
    if not realis_compatible(a.realis, b.realis):
        add("realis", 0.0, f"{a.realis} vs {b.realis}", is_veto=True)
    span_a, span_b = event_date_span(a, x.published), event_date_span(b, y.published)
    ok, score, detail = dates_compatible(span_a, span_b, window_days)
    if ok:
        add("date", score, detail)
    elif span_a is not None and span_b is not None and (span_a.weak or span_b.weak):
        add("date", WEIGHTS["date_weak_conflict"], f"{detail} (publication date only)")
    else:
        add("date", 0.0, detail, is_veto=True)
    for role in sorted(set(a.arguments) & set(b.arguments)):
        fillers_a, fillers_b = a.arguments[role], b.arguments[role]
        matches = [(m, n, kind) for m in fillers_a for n in fillers_b if (kind := mentions_match(m, n))]
        if matches:
            m, n, kind = min(matches, key=lambda t: t[2] != "id")
            shown = m.id if kind == "id" else f"{m.text} ~ {n.text}"
            add(f"role:{role}", WEIGHTS["role_id" if kind == "id" else "role_text"], f"shared {kind}: {shown}")
        elif all(m.id for m in fillers_a) and all(n.id for n in fillers_b):
            ids_a = ",".join(sorted({m.id or "" for m in fillers_a}))
            ids_b = ",".join(sorted({n.id or "" for n in fillers_b}))
            add(f"role:{role}", WEIGHTS["role_conflict"], f"different ids {ids_a} vs {ids_b}")
    for role in sorted(set(a.quantities) & set(b.quantities)):
        qa, qb = a.quantities[role], b.quantities[role]
        compatible = figures_compatible(qa, qb)
        if compatible is None:
            continue
        detail = f"{_fmt_quantity(qa)} vs {_fmt_quantity(qb)}"
        add(f"figure:{role}", WEIGHTS["figure"] if compatible else 0.0, detail, is_veto=not compatible)
    stage_a, stage_b = a.attributes.get("stage"), b.attributes.get("stage")
    if stage_a in _STAGES_DISTINCT and stage_b in _STAGES_DISTINCT and stage_a != stage_b:
        add("stage", 0.0, f"{stage_a} vs {stage_b}", is_veto=True)
    for key in ("stage", "extent"):
        value = a.attributes.get(key)
        if value is not None and value == b.attributes.get(key):
            add(key, WEIGHTS["attribute"], f"both {value}")
    if _lemma(a) and _lemma(a) == _lemma(b):
        add("lemma", WEIGHTS["lemma"], f"same trigger {a.trigger.lemma or a.trigger.text}")
    total = round(sum(r.score for r in reasons), 4)
    return PairEvidence(
        a=x.ref, b=y.ref, reasons=reasons, total=total, vetoed=veto, linked=not veto and total >= threshold
    )
