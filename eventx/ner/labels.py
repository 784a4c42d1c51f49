"""NewsFANE fine-grained classes → the spec's entity kinds.

NewsFANE Gold 2014 annotates 50 fine-grained classes (45 occur in the news part) under an
ACE-like two-level taxonomy. eventx only needs the spec's kinds (``GPE PER ORG LOC FAC FORCE
WEAPON OTHER``), so every fine class is mapped onto one of them. Decisions worth knowing:

* ``Police`` holds PEOPLE in security roles (Rumsfeld, Halutz, Elias Murr), not police forces:
  → PER. NewsFANE has no military-unit class, so FORCE never comes from this corpus; FORCE
  mentions come from the gazetteer and the force patterns in :mod:`eventx.ner.combine`.
* ``Group`` is nationalities and religious/ethnic groups used as nouns (العرب، الأكراد،
  الشيعة): not an organization and not a place → OTHER.
* ``GPE-Cluster`` (الشرق الأوسط، الشام، الاتحاد السوفياتي) and ``Continent`` are GPE-like
  regions; the spec's LOC is for natural/geographic regions, so GPE-Cluster → GPE,
  Continent → LOC (a continent is not a political entity).
* ``Medical-Science`` and ``Entertainment`` are organization subtypes (hospitals, institutes,
  cultural bodies) → ORG. ``Land``/``Air``/``Water`` are ACE vehicle subtypes → OTHER.
* ``Projectile``/``Shooting`` (and the other ACE weapon subtypes, absent here) → WEAPON.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["FINE_TO_KIND", "KINDS", "coarse_tag", "kind_of"]

KINDS = ("PER", "GPE", "LOC", "ORG", "FAC", "FORCE", "WEAPON", "OTHER")

_MAPPING: dict[str, tuple[str, ...]] = {
    "GPE": ("Nation", "Population-Center", "State-or-Province", "County-or-District", "GPE-Cluster", "Special"),
    "PER": (
        "Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist", "Businessperson",
        "Lawyer", "Engineer", "Police", "Group_PER",
    ),
    "ORG": (
        "Government", "Non-Governmental", "Sports", "Media", "Commercial", "Educational", "Religious_ORG",
        "Medical-Science", "Entertainment",
    ),
    "LOC": ("Continent", "Water-Body", "Land-Region-Natural", "Celestial", "Region-International", "Region-General",
            "Address", "Boundary"),
    "FAC": ("Building-Grounds", "Airport", "Path", "Subarea-Facility", "Plant"),
    "WEAPON": ("Projectile", "Shooting", "Exploding", "Blunt", "Chemical", "Nuclear", "Sharp", "Biological"),
    "OTHER": (
        "Group", "Book", "Movie", "Software", "Hardware", "Food", "Drug", "Land", "Air", "Water", "Sound",
        "Other",
    ),
}

FINE_TO_KIND: MappingProxyType[str, str] = MappingProxyType(
    {fine: kind for kind, fines in _MAPPING.items() for fine in fines}
)
"""Every NewsFANE fine class (including ones absent from the news part) → spec kind."""


def kind_of(fine_class: str) -> str:
    """The spec kind for a NewsFANE fine class; unknown classes fall back to OTHER."""
    return FINE_TO_KIND.get(fine_class, "OTHER")


def coarse_tag(tag: str) -> str:
    """A NewsFANE BIO tag (``B-Politician``) → a BIO tag over spec kinds (``B-PER``)."""
    if tag == "O" or len(tag) < 3 or tag[1] != "-":
        return "O"
    return f"{tag[0]}-{kind_of(tag[2:])}"
