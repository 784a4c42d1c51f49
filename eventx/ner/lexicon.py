"""Context trigger words for the ``ctx`` and ``doc`` NER feature groups (``data/triggers.tsv``).

A trigger class (ORG, PER, SAY, GPE, LOC, FAC, NAME, SPORT) is a coarse word class: titles
before people ("الرئيس", "المدرب"), organization heads ("شركة", "نادي"), speech verbs, place
heads ("مدينة", "نهر"), name particles ("بن", "ابو"), and sports vocabulary. They are features
the CRF weighs, never rules. Words are matched on :func:`eventx.text.normalize_key`, with and
without their clitics (:func:`eventx.ner.clitics.strip_clitics`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from eventx.ner.clitics import strip_clitics
from eventx.text.orthography import normalize_key

__all__ = ["TRIGGERS_PATH", "sport_words", "trigger_classes", "triggers"]

TRIGGERS_PATH = Path(__file__).resolve().parent / "data" / "triggers.tsv"
_CONTEXT_CLASSES = ("ORG", "PER", "SAY", "GPE", "LOC", "FAC", "NAME")


@lru_cache(maxsize=1)
def triggers() -> dict[str, frozenset[str]]:
    """Class → normalized trigger forms (each word with and without clitics/article)."""
    table: dict[str, set[str]] = {}
    for line in TRIGGERS_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, words = line.partition("\t")
        forms = table.setdefault(name.strip(), set())
        for word in words.split():
            key = normalize_key(word)
            forms.add(key)
            forms.add(strip_clitics(key)[1])
    return {name: frozenset(forms) for name, forms in table.items()}


def sport_words() -> frozenset[str]:
    return triggers().get("SPORT", frozenset())


_CLASS_CACHE: dict[tuple[str, str], tuple[str, ...]] = {}


def trigger_classes(key: str, stem: str) -> tuple[str, ...]:
    """Context classes of a normalized word ``key`` whose clitic-stripped form is ``stem``."""
    cached = _CLASS_CACHE.get((key, stem))
    if cached is not None:
        return cached
    table = triggers()
    found = tuple(c for c in _CONTEXT_CLASSES if key in table.get(c, ()) or stem in table.get(c, ()))
    if len(_CLASS_CACHE) < 200_000:
        _CLASS_CACHE[(key, stem)] = found
    return found
