"""PLOVER-style JSON records: one object per event, written as JSON lines.

Follows the PLOVER manual (Open Event Data Alliance, draft 0.7b1): categories, modes and
contexts from its tables, actor objects with an ISO alpha-3 ``code``, a GeoNames-style location
object. The mapping of eventx types and every field are in ``docs/exports.md`` ("PLOVER").
Pure Python: records stream.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from eventx.export._common import (
    Place,
    event_date,
    figure,
    is_state_id,
    iter_results,
    mentions_for,
    open_text,
    resolve_place,
)
from eventx.records import Event, Mention
from eventx.text.orthography import normalize_key

__all__ = ["PLOVER_FIELDS", "PLOVER_TYPES", "plover_category", "plover_record", "plover_records", "write_plover"]

PLOVER_FIELDS: tuple[str, ...] = (
    "id", "doc_id", "date", "date_value", "actor", "recipient", "event", "mode", "context", "quad_code",
    "event_text", "event_loc", "location", "counts", "realis", "confidence", "eventx_type",
)

# Every (category, mode) each eventx type can produce; the first is the default.
PLOVER_TYPES: dict[str, tuple[tuple[str, str | None], ...]] = {
    "ATTACK": (("ASSAULT", None), ("ASSAULT", "heavy-weapons"), ("ASSAULT", "explosives"),
               ("ASSAULT", "suicide-attack"), ("ASSAULT", "firearms"), ("ASSAULT", "assassinate")),
    "CASUALTY": (("ASSAULT", None), ("ASSAULT", "abduct")),
    "TERRITORIAL_CONTROL": (("ASSAULT", None),),
    "DEPLOYMENT": (("MOBILIZE", "troops"),),
    "WITHDRAWAL": (("RETREAT", "withdraw"),),
    "TREATY": (("AGREE", None), ("SUPPORT", None), ("RETREAT", "ceasefire")),
}
# The quad categories of the manual: 1 verbal cooperation, 2 material cooperation, 3 verbal
# conflict, 4 material conflict.
QUAD_CODES = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
              "DEMAND": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4,
              "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
CONTEXTS = {"ATTACK": ["military"], "CASUALTY": ["military"], "TERRITORIAL_CONTROL": ["military", "resource"],
            "DEPLOYMENT": ["military"], "WITHDRAWAL": ["military"], "TREATY": ["diplomatic"]}
REALIS_CONTEXT = {"planned": "future", "possible": "hypothetical", "negated": "negation"}

# ASSAULT modes, by words of the trigger and instrument (normalize_key, substrings); first wins.
_MODE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("suicide-attack", ("انتحاري", "انتحاريه")),
    ("explosives", ("عبوه", "عبوات", "ناسفه", "لغم", "الغام", "مفخخ", "تفجير", "قنبله", "قنابل")),
    ("heavy-weapons", ("غاره", "غارات", "جوي", "طائره", "طائرات", "مسيره", "مسيرات", "قصف", "قذيفه", "قذائف",
                       "صاروخ", "صواريخ", "مدفعي", "هاون", "راجمات", "دبابه", "دبابات", "باليستي")),
    ("firearms", ("رصاص", "بندقيه", "بنادق", "رشاش", "اطلاق النار", "قنص")),
    ("assassinate", ("اغتيال", "اغتال")),
)
_CEASEFIRE_WORDS = ("هدنه", "وقف اطلاق النار", "وقف القتال", "وقف الاعمال العدائيه")


def _has_word(texts: list[str], words: tuple[str, ...]) -> bool:
    keys = [normalize_key(t) for t in texts]
    return any(w in k for k in keys for w in words)


def plover_category(event: Event) -> tuple[str, str | None]:
    """(PLOVER event category, mode) of an event (docs/exports.md, "PLOVER" table)."""
    kind = event.type
    if kind == "ATTACK":
        texts = [event.trigger.text, *(m.text for m in event.arguments.get("instrument", ()))]
        mode = next((mode for mode, words in _MODE_WORDS if _has_word(texts, words)), None)
        return "ASSAULT", mode
    if kind == "CASUALTY":
        taken = all(figure(event.quantities.get(r)) is None for r in ("killed", "injured"))
        return ("ASSAULT", "abduct") if taken and "captured" in event.quantities else ("ASSAULT", None)
    if kind == "TERRITORIAL_CONTROL":
        return "ASSAULT", None
    if kind == "DEPLOYMENT":
        return "MOBILIZE", "troops"
    if kind == "WITHDRAWAL":
        return "RETREAT", "withdraw"
    if kind == "TREATY":
        stage = event.attributes.get("stage")
        texts = [event.trigger.text, *(m.text for m in event.arguments.get("agreement", ()))]
        if stage == "in_force" and _has_word(texts, _CEASEFIRE_WORDS):
            return "RETREAT", "ceasefire"
        return ("SUPPORT", None) if stage in ("signed", "ratified", "in_force") else ("AGREE", None)
    return kind, None


def _sector(mention: Mention) -> str | None:
    if not is_state_id(mention.id):
        return None
    return "MIL" if mention.kind == "FORCE" else "GOV" if mention.kind in ("ORG", "PER") else None


def actor_object(mention: Mention) -> dict[str, Any]:
    """A PLOVER actor object: ISO alpha-3 ``code`` for states, ``sector`` MIL/GOV for a state's
    forces/organs, the extracted text, and our canonical name and id as the identifier."""
    return {
        "code": mention.id if is_state_id(mention.id) else None,
        "sector": _sector(mention),
        "actor_text": mention.text,
        "identifier_text": mention.canonical,
        "identifier_id": mention.id,
        "kind": mention.kind,
    }


def _location(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"geonameid": place.geonameid, "name": place.name, "latitude": place.latitude,
            "longitude": place.longitude, "country_code": place.alpha2, "cc3": place.alpha3}


def plover_record(event: Event, doc_id: str | None = None, published: str | None = None) -> dict[str, Any]:
    """One PLOVER-style record (keys: ``PLOVER_FIELDS``)."""
    category, mode = plover_category(event)
    context = list(CONTEXTS.get(event.type, []))
    if event.realis in REALIS_CONTEXT:
        context.append(REALIS_CONTEXT[event.realis])
    day, _ = event_date(event, published)
    first, located = resolve_place(event)
    size = figure(event.quantities.get("size"))
    return {
        "id": event.id,
        "doc_id": doc_id,
        "date": day.isoformat() if day else None,
        "date_value": event.date.value if event.date else None,
        "actor": [actor_object(m) for m in mentions_for(event, "actor")],
        "recipient": [actor_object(m) for m in mentions_for(event, "target")],
        "event": category,
        "mode": mode,
        "context": context,
        "quad_code": QUAD_CODES.get(category),
        "event_text": event.trigger.text,
        "event_loc": first.text if first else None,
        "location": _location(located or first),
        "counts": {
            "dead": figure(event.quantities.get("killed")),
            "injured": figure(event.quantities.get("injured")),
            "arrested": figure(event.quantities.get("captured")),
            "missing": figure(event.quantities.get("missing")),
            "size": size,
        },
        "realis": event.realis,
        "confidence": event.confidence,
        "eventx_type": event.type,
    }


def plover_records(results: object) -> Iterator[dict[str, Any]]:
    """PLOVER-style records, one per event, in document and event order."""
    for result in iter_results(results):
        for event in result.events:
            yield plover_record(event, result.doc_id, result.published)


def write_plover(results: object, path_or_file: str | Path | IO[Any]) -> int:
    """Write PLOVER-style JSON lines (UTF-8, one record per line, streaming); returns the count."""
    count = 0
    with open_text(path_or_file) as handle:
        for record in plover_records(results):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
