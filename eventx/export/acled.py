"""ACLED-style CSV: one row per event with the ACLED columns a record can fill.

The mapping of eventx types to ACLED event / sub-event types, and of every column, is in
``docs/exports.md`` (section "ACLED"). Pure Python: rows stream.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from eventx.export._common import (
    country_name,
    event_date,
    figure,
    is_state_id,
    iter_results,
    mentions_for,
    name_of,
    open_text,
    resolve_place,
)
from eventx.records import Event, Mention
from eventx.text.orthography import normalize_key

__all__ = ["ACLED_COLUMNS", "ACLED_TYPES", "acled_row", "acled_rows", "acled_types", "write_acled"]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "civilian_targeting", "iso", "country", "admin1",
    "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "timestamp",
)

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
CIVILIANS = "Violence against civilians"
STRATEGIC = "Strategic developments"

# Every (event_type, sub_event_type) each eventx type can produce; the first is the default.
ACLED_TYPES: dict[str, tuple[tuple[str, str], ...]] = {
    "ATTACK": (
        (BATTLES, "Armed clash"),
        (REMOTE, "Air/drone strike"),
        (REMOTE, "Shelling/artillery/missile attack"),
        (REMOTE, "Remote explosive/landmine/IED"),
        (REMOTE, "Suicide bomb"),
        (REMOTE, "Grenade"),
        (REMOTE, "Chemical weapon"),
        (CIVILIANS, "Attack"),
    ),
    "CASUALTY": ((BATTLES, "Armed clash"), (CIVILIANS, "Attack"), (CIVILIANS, "Abduction/forced disappearance")),
    "TERRITORIAL_CONTROL": (
        (BATTLES, "Government regains territory"),
        (BATTLES, "Non-state actor overtakes territory"),
    ),
    "DEPLOYMENT": ((STRATEGIC, "Other"),),
    "WITHDRAWAL": ((STRATEGIC, "Non-violent transfer of territory"), (STRATEGIC, "Other")),
    "TREATY": ((STRATEGIC, "Agreement"),),
}
OTHER_TYPE = (STRATEGIC, "Other")  # event types of user rule packs

# Remote-violence sub-event types, by words of the trigger and the instrument (normalized with
# normalize_key, matched as substrings); the first matching group wins.
_REMOTE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Chemical weapon", ("كيميائي", "كيماوي", "كيميائيه", "كيماويه")),
    ("Suicide bomb", ("انتحاري", "انتحاريه")),
    ("Air/drone strike", ("غاره", "غارات", "جوي", "جويه", "طائره", "طائرات", "مسيره", "مسيرات", "درون",
                          "مقاتلات", "قاذفات")),
    ("Remote explosive/landmine/IED", ("عبوه", "عبوات", "ناسفه", "لغم", "الغام", "مفخخ", "تفجير")),
    ("Grenade", ("قنبله يدويه", "قنابل يدويه")),
    ("Shelling/artillery/missile attack", ("قصف", "قذيفه", "قذائف", "صاروخ", "صواريخ", "مدفعي", "هاون",
                                           "راجمات", "باليستي")),
)
_MUNITION_UNITS = {"drone": "Air/drone strike", "missile": "Shelling/artillery/missile attack",
                   "shell": "Shelling/artillery/missile attack"}
_CIVILIAN_WORDS = ("مدني", "سكان", "اطفال", "نساء", "مواطن")


def _has_word(texts: list[str], words: tuple[str, ...]) -> bool:
    keys = [normalize_key(t) for t in texts]
    return any(w in k for k in keys for w in words)


def _remote_kind(event: Event) -> str | None:
    texts = [event.trigger.text, *(m.text for m in event.arguments.get("instrument", ()))]
    for sub_event, words in _REMOTE_WORDS:
        if _has_word(texts, words):
            return sub_event
    munitions = event.quantities.get("munitions")
    return _MUNITION_UNITS.get(munitions.unit or "") if munitions else None


def _civilians(event: Event) -> bool:
    return _has_word([m.text for m in mentions_for(event, "target")], _CIVILIAN_WORDS)


def acled_types(event: Event) -> tuple[str, str]:
    """(event_type, sub_event_type) of an event (docs/exports.md, "ACLED" table)."""
    kind = event.type
    if kind == "ATTACK":
        remote = _remote_kind(event)
        if remote:
            return REMOTE, remote
        return (CIVILIANS, "Attack") if _civilians(event) else (BATTLES, "Armed clash")
    if kind == "CASUALTY":
        if not _civilians(event):
            return BATTLES, "Armed clash"
        taken = figure(event.quantities.get("killed")) is None and figure(event.quantities.get("injured")) is None
        return (CIVILIANS, "Abduction/forced disappearance") if taken else (CIVILIANS, "Attack")
    if kind == "TERRITORIAL_CONTROL":
        gainers = event.arguments.get("gainer", [])
        if not any(is_state_id(m.id) for m in gainers) and any(m.kind == "ORG" for m in gainers):
            return BATTLES, "Non-state actor overtakes territory"
        return BATTLES, "Government regains territory"
    if kind == "WITHDRAWAL":
        return (STRATEGIC, "Non-violent transfer of territory") if event.arguments.get("origin") else OTHER_TYPE
    if kind == "TREATY":
        return STRATEGIC, "Agreement"
    return OTHER_TYPE


def actor_name(mention: Mention) -> str:
    """ACLED-style actor name: "Military Forces of Russia" for a state's forces, the country's
    name for a place acting for its state ("موسكو" as actor → "Russia"), else the canonical
    English name, else the Arabic text."""
    country = country_name(mention.id)
    if country and mention.kind == "FORCE":
        return f"Military Forces of {country}"
    if country and mention.kind == "GPE":
        return country
    return name_of(mention)


def _actors(mentions: list[Mention]) -> tuple[str | None, str | None]:
    names: list[str] = []
    for m in mentions:
        name = actor_name(m)
        if name not in names:
            names.append(name)
    if not names:
        return None, None
    return names[0], "; ".join(names[1:]) or None


def _notes(event: Event) -> str:
    parts = [f"{event.type} ({event.realis}): {event.trigger.text}"]
    for column in ("actor", "target", "place"):
        mentions = mentions_for(event, column)
        if mentions:
            parts.append(f"{column}: " + ", ".join(name_of(m) for m in mentions))
    for role, quantity in event.quantities.items():
        parts.append(f"{role}: {quantity.text}")
    for key, value in event.attributes.items():
        if value:
            parts.append(f"{key}: {value}")
    if event.attribution:
        parts.append(f"according to {name_of(event.attribution)}")
    return "; ".join(parts)


def acled_row(event: Event, doc_id: str | None = None, published: str | None = None,
              *, timestamp: int | None = None) -> dict[str, Any]:
    """One ACLED row (keys: ``ACLED_COLUMNS``; None for an empty field)."""
    event_type, sub_event_type = acled_types(event)
    day, precision = event_date(event, published)
    actor1, assoc1 = _actors(mentions_for(event, "actor"))
    actor2, assoc2 = _actors(mentions_for(event, "target"))
    first, located = resolve_place(event)
    shown = located if located and located.has_coordinates else first
    geo_precision = None if located is None else (1 if located.has_coordinates else 3)
    civilian = event_type == CIVILIANS or (event_type == REMOTE and _civilians(event))
    return {
        "event_id_cnty": event.id,
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": precision,
        "disorder_type": "Strategic developments" if event_type == STRATEGIC else "Political violence",
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "civilian_targeting": "Civilian targeting" if civilian else None,
        "iso": located.iso_numeric if located else None,
        "country": located.country if located else None,
        "admin1": None,
        "location": shown.name if shown else None,
        "latitude": shown.latitude if shown else None,
        "longitude": shown.longitude if shown else None,
        "geo_precision": geo_precision,
        "source": doc_id,
        "notes": _notes(event),
        "fatalities": figure(event.quantities.get("killed")) or 0,
        "timestamp": int(time.time()) if timestamp is None else timestamp,
    }


def acled_rows(results: object, *, timestamp: int | None = None, actual_only: bool = False) -> Iterator[dict[str, Any]]:
    """ACLED rows, one per event, in document and event order (``actual_only``: skip planned,
    possible and negated events, as ACLED records only events that happened)."""
    stamp = int(time.time()) if timestamp is None else timestamp
    for result in iter_results(results):
        for event in result.events:
            if actual_only and event.realis != "actual":
                continue
            yield acled_row(event, result.doc_id, result.published, timestamp=stamp)


def write_acled(results: object, path_or_file: str | Path | IO[Any], *, timestamp: int | None = None,
                actual_only: bool = False) -> int:
    """Write ACLED-style CSV (UTF-8, header row, streaming); returns the number of rows."""
    count = 0
    with open_text(path_or_file) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(ACLED_COLUMNS)
        for row in acled_rows(results, timestamp=timestamp, actual_only=actual_only):
            writer.writerow(["" if row[c] is None else row[c] for c in ACLED_COLUMNS])
            count += 1
    return count
