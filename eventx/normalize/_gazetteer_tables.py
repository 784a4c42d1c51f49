"""Build the default gazetteer from the shipped tables in ``eventx/normalize/data/``.

Countries come from pycountry + babel plus ``country_aliases.tsv``; nisba adjectives, places,
organizations, people, homographs, actor heads and place types from their TSV files (each has a
header comment naming its sources). Kept apart from the matcher because reading tables is a
one-off per process and needs pycountry/babel, which matching never does.

:func:`default_gazetteer` is the one shared, read-only instance per process (an
``lru_cache``, not a module global a caller could rebind or mutate); :func:`build_default`
builds a fresh editable one.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from eventx.normalize._gazetteer_entry import (
    PRIORITY_CURATED,
    PRIORITY_GENERATED,
    RUNNING_TEXT_MIN_POPULATION,
    read_tsv,
)
from eventx.normalize._gazetteer_index import Gazetteer
from eventx.normalize.variants import match_key

__all__ = ["ARAB_STATES", "DATA_DIR", "build_default", "default_gazetteer", "nisba_forms"]

DATA_DIR = Path(__file__).with_name("data")

# States whose place names are native Arabic: their names are not transliterations, so the
# loose skeleton (which would merge حلب and حلبا) is not used for them.
ARAB_STATES = frozenset({
    "ARE", "BHR", "COM", "DJI", "DZA", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY",
    "MAR", "MRT", "OMN", "PSE", "QAT", "SAU", "SDN", "SOM", "SYR", "TUN", "YEM",
})
_POSSESSIVE_SUFFIXES = ("ه", "ها", "هم", "هما", "نا", "كم")


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the shipped tables, built once per process and READ-ONLY.

    Every pipeline and :func:`eventx.normalize.link` may share it, so it refuses changes
    (E501); to add names, take ``default_gazetteer().copy()`` and give the copy to your
    component. ``default_gazetteer.cache_clear()`` drops it (after editing the data files in a
    running process).
    """
    return build_default().copy(frozen=True)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


# ---------------------------------------------------------------------- default tables
def build_default(data_dir: Path = DATA_DIR) -> Gazetteer:
    """A new, editable gazetteer of the shipped tables (see ``data/*.tsv`` for sources).

    Builds from the files every time (under a second); most code wants the shared read-only
    :func:`default_gazetteer` instead, or ``default_gazetteer().copy()`` to add names.
    """
    gazetteer = Gazetteer()
    countries = _load_countries(gazetteer, data_dir)
    for alpha3, english in countries.items():
        gazetteer.add_state_name(alpha3, english)
    _load_nisba(gazetteer, data_dir, countries)
    _load_places(gazetteer, data_dir, countries)
    _load_organizations(gazetteer, data_dir, countries)
    _load_people(gazetteer, data_dir)
    for row in read_tsv(data_dir / "homographs.tsv"):
        gazetteer.add_homograph(row["name"])
    _load_heads(gazetteer, data_dir)
    for row in read_tsv(data_dir / "place_types.tsv"):
        gazetteer.add_place_type(row["form"], row["level"], row["english"], open_=row["open"] == "yes")
    return gazetteer


def _load_countries(gazetteer: Gazetteer, data_dir: Path) -> dict[str, str]:
    """Countries from CLDR (babel) + ISO 3166 (pycountry) + the alias table; alpha3 → English."""
    import pycountry
    from babel import Locale

    arabic, english = Locale("ar").territories, Locale("en").territories
    canonical: dict[str, str] = {}
    for country in pycountry.countries:
        alpha3 = country.alpha_3
        name = english.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
        canonical[alpha3] = name
        arabic_name = arabic.get(country.alpha_2)
        if arabic_name and " - " not in arabic_name:  # "الكونغو - كينشاسا" is a CLDR disambiguation
            _add_country(gazetteer, arabic_name, alpha3, name, source="babel")
    for row in read_tsv(data_dir / "country_aliases.tsv"):
        _add_country(gazetteer, row["alias"], row["alpha3"], canonical.get(row["alpha3"]), source="country_aliases")
    return canonical


def _add_country(gazetteer: Gazetteer, name: str, alpha3: str, canonical: str | None, *, source: str) -> None:
    gazetteer.add(name, "GPE", canonical, alpha3, actor_id=alpha3, fuzzy=False, tags=("country",),
                  source=source, priority=PRIORITY_CURATED)


def nisba_forms(stem: str, broken_plurals: Iterable[str] = ()) -> list[str]:
    """Every inflected form of a (one- or two-word) nisba stem, with and without the article.

    "روسي" → روسي، روسية، روسيون، روسيين، روسيات، روسيان، روسيتان، روسيتين and الروسي ...;
    "كوري شمالي" inflects both words together ("الكوريين الشماليين").
    """
    words = stem.split()
    forms: list[str] = []
    for suffix in ("", "ة", "ون", "ين", "ات", "ان", "تان", "تين"):
        inflected = [word + suffix for word in words]
        forms.append(" ".join(inflected))
        forms.append(" ".join("ال" + word for word in inflected))
    for plural in broken_plurals:
        forms += [plural, "ال" + plural]
    return forms


def _load_nisba(gazetteer: Gazetteer, data_dir: Path, countries: dict[str, str]) -> None:
    for row in read_tsv(data_dir / "nisba.tsv"):
        alpha3 = row["alpha3"]
        plurals = _split(row.get("broken_plurals", ""))
        for stem in _split(row["stem"]):
            for form in nisba_forms(stem, plurals):
                gazetteer.add(form, "GPE", countries.get(alpha3), alpha3, actor_id=alpha3, fuzzy=False,
                              tags=("nisba",), source="nisba", priority=PRIORITY_CURATED - 1)
            plurals = []  # broken plurals once per country


def _load_places(gazetteer: Gazetteer, data_dir: Path, countries: dict[str, str]) -> None:
    stopwords = {match_key(line.strip()) for line in (data_dir / "place_stopwords.txt").read_text(encoding="utf-8")
                 .splitlines() if line.strip() and not line.startswith("#")}
    by_name: dict[tuple[str, str], dict[str, str]] = {}
    for row in read_tsv(data_dir / "places_geonames.tsv"):
        by_name.setdefault((row["name"], row["country"]), row)
        place_id = f"geonames:{row['geonameid']}"
        capital_of = row["capital_of"] or None
        tags = {"place", "capital"} if capital_of else {"place"}
        if int(row["population"]) >= RUNNING_TEXT_MIN_POPULATION:
            tags.add("running-text")
        for name in _split(row["arabic"]):
            key = match_key(name)
            if key in stopwords or len(key.replace(" ", "")) < 3:
                continue
            gazetteer.add(name, "GPE", row["name"], place_id, actor_id=capital_of, place_id=place_id, fuzzy=False,
                          tags=tags, source="geonames", priority=PRIORITY_GENERATED, weight=int(row["population"]),
                          country=row["alpha3"] or None)
    for row in read_tsv(data_dir / "places.tsv"):
        geo = by_name.get((row["geonames_name"], row["country"])) if row["geonames_name"] else None
        place_id = f"geonames:{geo['geonameid']}" if geo else None
        capital_of = (geo or {}).get("capital_of") or None
        tags = {"place"} | ({"capital"} if capital_of else set()) | (set() if geo else {"region"})
        alpha3 = (geo or {}).get("alpha3", "")
        fuzzy = bool(alpha3) and alpha3 not in ARAB_STATES
        country = alpha3 or _alpha3(row["country"])
        for name in _split(row["arabic"]):
            gazetteer.add(name, row["kind"], row["canonical"], place_id, actor_id=capital_of, place_id=place_id,
                          fuzzy=fuzzy, tags=tags, source="places", priority=PRIORITY_CURATED,
                          weight=int((geo or {}).get("population") or 0), country=country)


def _alpha3(alpha2: str) -> str | None:
    """ISO alpha-3 of an alpha-2 country code (places.tsv rows the GeoNames cache lacks)."""
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2) if alpha2 else None
    return country.alpha_3 if country is not None else None


def _load_organizations(gazetteer: Gazetteer, data_dir: Path, countries: dict[str, str]) -> None:
    for row in read_tsv(data_dir / "organizations.tsv"):
        actor = row["actor"] or None
        tags = ("organ",) if actor else ("organization",)
        for name in _split(row["names"]):
            gazetteer.add(name, row["kind"], row["canonical"], actor, actor_id=actor, fuzzy=False, tags=tags,
                          source="organizations", priority=PRIORITY_CURATED)


def _load_people(gazetteer: Gazetteer, data_dir: Path) -> None:
    for row in read_tsv(data_dir / "people.tsv"):
        names = _split(row["names"])
        for name in names:
            # One-word surnames (بوتين) are too short for the skeleton; full names are not.
            gazetteer.add(name, "PER", row["canonical"], None, fuzzy=" " in name, tags=("person",),
                          source="people", priority=PRIORITY_CURATED)


def _load_heads(gazetteer: Gazetteer, data_dir: Path) -> None:
    for row in read_tsv(data_dir / "actor_heads.tsv"):
        form, role, bare = row["form"], row["role"], row["bare"] == "yes"
        gazetteer.add_head(form, role, bare=bare)
        if row["possessive"] == "yes":
            for suffix in _POSSESSIVE_SUFFIXES:
                stem = form[:-1] + "ت" if form.endswith("ة") else form
                gazetteer.add(stem + suffix, "FORCE", None, None, fuzzy=False, tags=("force", "possessive"),
                              source="actor_heads", priority=PRIORITY_CURATED - 2)
