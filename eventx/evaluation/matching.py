"""The §8 comparison rules for arguments, quantities and dates.

* Entity fillers: correct when both ids are equal (and not null), or the normalized texts are
  equal, or one contains the other as whole words. Normalization is
  :func:`eventx.text.orthography.scoring_key`; punctuation and symbols count as spaces first,
  so «كورسك» and "كورسك" compare equal (the spec is silent on punctuation; quotes around a
  name never change what it names). Fillers of one role are matched one-to-one with a
  maximum matching that prefers exact (id or equal-text) pairs over containment pairs.
* Quantities: one argument per role; correct when ``value`` equals the gold's or, for a gold
  range or bound, ``min`` and ``max`` both equal the gold's (a missing gold ``max`` is null and
  the prediction's must be null too). Numbers compare numerically (300 == 300.0). A predicted
  ``min == max == N`` counts as the single value N. ``approx`` is not compared.
* Date: one argument, role ``date``; correct when ``value`` equals the gold's. A gold date
  with ``value: null`` (a relative expression in an undated document) is matched by a
  predicted date whose value is null too.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from eventx.evaluation.assignment import max_weight_matching
from eventx.evaluation.model import DateValue, EventMention, Filler, QuantityValue
from eventx.text.orthography import scoring_key

__all__ = [
    "DATE_ROLE",
    "RoleScore",
    "argument_matches",
    "date_matches",
    "filler_match_quality",
    "quantity_matches",
    "score_arguments",
    "text_key",
    "text_matches",
]

DATE_ROLE = "date"

# filler_match_quality results: exact pairs win ties over containment pairs.
NO_MATCH, CONTAINED, EXACT = 0, 1, 2


@lru_cache(maxsize=65536)
def text_key(text: str) -> tuple[str, ...]:
    """The §8 normalized words of ``text`` (punctuation and symbols treated as spaces)."""
    spaced = "".join(" " if unicodedata.category(ch)[0] in "PS" else ch for ch in text)
    return tuple(scoring_key(spaced).split())


def _contains_words(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    width = len(shorter)
    return any(longer[i : i + width] == shorter for i in range(len(longer) - width + 1))


def text_matches(predicted: str, gold: str) -> bool:
    """Normalized texts equal, or one a whole-word sub-sequence of the other."""
    a, b = text_key(predicted), text_key(gold)
    if not a or not b:
        return False
    return _contains_words(a, b) if len(a) >= len(b) else _contains_words(b, a)


def filler_match_quality(predicted: Filler, gold: Filler) -> int:
    if predicted.id is not None and predicted.id == gold.id:
        return EXACT
    a, b = text_key(predicted.text), text_key(gold.text)
    if a and a == b:
        return EXACT
    return CONTAINED if text_matches(predicted.text, gold.text) else NO_MATCH


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def quantity_matches(predicted: QuantityValue, gold: QuantityValue) -> bool:
    if gold.value is not None:
        if predicted.value is not None:
            return _same_number(predicted.value, gold.value)
        return _same_number(predicted.min, gold.value) and _same_number(predicted.max, gold.value)
    return _same_number(predicted.min, gold.min) and _same_number(predicted.max, gold.max)


def date_matches(predicted: DateValue, gold: DateValue) -> bool:
    return predicted.value == gold.value


@dataclass(frozen=True, slots=True)
class RoleScore:
    """Argument counts of one role of one (matched or unmatched) event pair."""

    role: str
    tp: int
    fp: int
    fn: int
    missing: tuple[str, ...] = ()  # gold fillers no prediction matched
    spurious: tuple[str, ...] = ()  # predicted fillers that matched no gold filler

    @property
    def has_errors(self) -> bool:
        return self.fp > 0 or self.fn > 0


def _score_fillers(role: str, predicted: tuple[Filler, ...], gold: tuple[Filler, ...]) -> RoleScore:
    # Weight = "one more pair" dominates "a better pair": the matching has maximum size first.
    size_bonus = EXACT * min(len(predicted), len(gold)) + 1

    def weight(i: int, j: int) -> int:
        quality = filler_match_quality(predicted[i], gold[j])
        return size_bonus + quality if quality else 0

    pairs = max_weight_matching(len(predicted), len(gold), weight)
    matched_pred = {i for i, _ in pairs}
    matched_gold = {j for _, j in pairs}
    return RoleScore(
        role=role,
        tp=len(pairs),
        fp=len(predicted) - len(pairs),
        fn=len(gold) - len(pairs),
        missing=tuple(g.describe() for j, g in enumerate(gold) if j not in matched_gold),
        spurious=tuple(p.describe() for i, p in enumerate(predicted) if i not in matched_pred),
    )


def _score_single(
    role: str, predicted: QuantityValue | DateValue | None, gold: QuantityValue | DateValue | None, correct: bool
) -> RoleScore:
    if correct:
        return RoleScore(role, tp=1, fp=0, fn=0)
    return RoleScore(
        role=role,
        tp=0,
        fp=int(predicted is not None),
        fn=int(gold is not None),
        missing=(gold.describe(),) if gold is not None else (),
        spurious=(predicted.describe(),) if predicted is not None else (),
    )


def score_arguments(predicted: EventMention | None, gold: EventMention | None) -> list[RoleScore]:
    """Per-role argument counts of a pair; ``None`` on one side scores the other side's
    arguments as all false positives (unmatched prediction) or all false negatives (unmatched
    gold), ACE-style."""
    pred_args = predicted.arguments if predicted else {}
    gold_args = gold.arguments if gold else {}
    scores = [
        _score_fillers(role, tuple(pred_args.get(role, ())), tuple(gold_args.get(role, ())))
        for role in sorted(set(pred_args) | set(gold_args))
    ]
    pred_quantities = predicted.quantities if predicted else {}
    gold_quantities = gold.quantities if gold else {}
    for role in sorted(set(pred_quantities) | set(gold_quantities)):
        p, g = pred_quantities.get(role), gold_quantities.get(role)
        scores.append(_score_single(role, p, g, p is not None and g is not None and quantity_matches(p, g)))
    pred_date = predicted.date if predicted else None
    gold_date = gold.date if gold else None
    if pred_date is not None or gold_date is not None:
        correct = pred_date is not None and gold_date is not None and date_matches(pred_date, gold_date)
        scores.append(_score_single(DATE_ROLE, pred_date, gold_date, correct))
    return [s for s in scores if s.tp or s.fp or s.fn]


def argument_matches(scores: list[RoleScore]) -> int:
    return sum(s.tp for s in scores)
