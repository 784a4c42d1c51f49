"""Entity linking: a name (argument filler, attribution, entity span) → canonical name and id.

Public API:

* :func:`link` -- ``link(text, kind=None, *, role=None, gazetteer=None) -> Mention | None``
  (spec §4).
* :func:`link_span` -- the same look-up as an :class:`eventx.doc.EntitySpan` that keeps both
  ids (``id`` and ``meta["actor_id"]`` / ``meta["place_id"]``).
* :func:`actor_id` -- the state a mention stands for when it fills an actor role
  (agent, parties, attacker, gainer, loser, perpetrator, victim, attribution).

Each takes the :class:`~eventx.normalize.gazetteer.Gazetteer` to look names up in as the
keyword ``gazetteer``; None means the shared read-only
:func:`~eventx.normalize.gazetteer.default_gazetteer`. A component that owns a gazetteer with
extra names passes it, so two pipelines in one process can link against different tables. This
module keeps no state of its own (the rapidfuzz name list is cached on the gazetteer).

Contract of :func:`link`:

* The name must START the text (after a leading و/ف/ب/ل/ك clitic, which the mention leaves
  out: "لروسيا" → text "روسيا", start 1); trailing words are not part of the mention
  ("القوات الروسية في كورسك" → "القوات الروسية"). Arabic noun phrases are head-first, so a name
  later in the text is not what the text names ("ضابط في الجيش الكوري" is an officer, not PRK).
* Unknown → ``None``, also when ``kind`` is given: ``None`` always means "not linked". A name
  that is recognised but has no id (a person, a bare "قوات", "بلدة حولا") gives a Mention with
  ``id=None``; its ``canonical`` is filled where known.
* ``kind`` is a hint and a filter: an entry of an incompatible kind (a person for ``GPE``, any
  entry for ``WEAPON``/``AGREEMENT``/``OTHER``) is not returned; a compatible one is returned
  with the caller's kind (``GPE`` ≈ ``LOC`` ≈ ``FAC`` for places; ``GPE`` ≈ ``ORG`` ≈ ``FORCE``
  ≈ ``FAC`` for state actors).
* Capitals, seats of government and state organs have two ids: the place id
  (``geonames:<id>``) and the state (``actor_id``). ``role`` picks: an actor role → the state,
  any other role → the place id. Without ``role``, ``kind`` ``LOC``/``FAC`` picks the place and
  anything else picks the state, because a capital named on its own in Arabic news is almost
  always a metonym for its government ("موسكو تعلن", "كييف تنسحب") and the gold data code it so.
* ``None`` or ``bytes`` → :class:`TypeError`; empty or punctuation-only text → ``None``.
"""

from __future__ import annotations

from eventx.doc import EntitySpan
from eventx.errors import Errors
from eventx.normalize._gazetteer_scan import scan_tokens
from eventx.normalize.gazetteer import Gazetteer, default_gazetteer
from eventx.normalize.variants import closest_long_name, match_key
from eventx.records import ENTITY_KINDS, Mention
from eventx.validation import coerce_text

__all__ = ["ACTOR_ROLES", "PLACE_ROLES", "actor_id", "link", "link_span"]

ACTOR_ROLES = frozenset(
    {"agent", "party", "parties", "attacker", "gainer", "loser", "perpetrator", "victim", "attribution", "target"}
)
"""Roles where a capital or organ stands for its state (spec §4: agent/party/attacker ...)."""
PLACE_ROLES = frozenset({"destination", "origin", "place", "territory"})

_PLACE_KINDS = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_KINDS = frozenset({"GPE", "ORG", "FORCE", "FAC"})


def link(
    text: str, kind: str | None = None, *, role: str | None = None, gazetteer: Gazetteer | None = None
) -> Mention | None:
    """Link the name that starts ``text``; see the module doc for the full contract.

    >>> link("لروسيا").model_dump()
    {'text': 'روسيا', 'start': 1, 'end': 6, 'kind': 'GPE', 'canonical': 'Russia', 'id': 'RUS'}
    """
    span = link_span(text, kind, gazetteer=gazetteer)
    if span is None:
        return None
    use_actor = role in ACTOR_ROLES if role is not None else kind not in ("LOC", "FAC")
    mention_id = span.meta.get("actor_id") if use_actor and span.meta.get("actor_id") else span.id
    return Mention(
        text=span.text,
        start=span.start,
        end=span.end,
        kind=kind or span.kind,  # type: ignore[arg-type]
        canonical=span.canonical,
        id=mention_id,
    )


def link_span(text: str, kind: str | None = None, *, gazetteer: Gazetteer | None = None) -> EntitySpan | None:
    """The gazetteer match that starts ``text`` (see :func:`link`), with both ids in ``meta``."""
    _check_arguments(text, kind)
    if gazetteer is None:  # not ``or``: an empty user gazetteer is falsy (len 0) but still meant
        gazetteer = default_gazetteer()
    tokens = scan_tokens(text)
    first = next((token for token in tokens if token.is_word), None)
    if first is None:
        return None
    for span in gazetteer.find_all(text[first.start:]):
        span.start += first.start
        span.end += first.start
        if span.start >= first.end:
            break
        if kind is not None and not _compatible(span.kind, kind):
            return None
        return span
    return _fuzzy_fallback(text, first.start, kind, gazetteer)


def actor_id(mention: Mention | EntitySpan | str | None, *, gazetteer: Gazetteer | None = None) -> str | None:
    """The state (ISO alpha-3) a mention stands for as an actor, or None.

    For an :class:`EntitySpan` from the gazetteer this is ``meta["actor_id"]``; a
    :class:`Mention` or a plain string is looked up again (a capital's Mention may carry its
    place id). Countries, nisba adjectives, state forces and organs give their state; capitals
    and seats of government give the state they govern; people and non-state groups give None.
    """
    if mention is None:
        return None
    if isinstance(mention, EntitySpan) and "actor_id" in mention.meta:
        return mention.meta["actor_id"]
    text = mention if isinstance(mention, str) else mention.text
    span = link_span(text, gazetteer=gazetteer)
    if span is not None and span.meta.get("actor_id"):
        return span.meta["actor_id"]
    existing = None if isinstance(mention, str) else mention.id
    return existing if _is_state_code(existing) else None


def _check_arguments(text: object, kind: object) -> None:
    coerce_text(text, "link() name")
    if kind is not None and kind not in ENTITY_KINDS:
        raise ValueError(Errors.LINK_KIND.format(known=", ".join(ENTITY_KINDS), value=kind))


def _compatible(found: str, wanted: str) -> bool:
    if found == wanted:
        return True
    return (found in _PLACE_KINDS and wanted in _PLACE_KINDS) or (found in _ACTOR_KINDS and wanted in _ACTOR_KINDS)


def _fuzzy_fallback(text: str, start: int, kind: str | None, gazetteer: Gazetteer) -> EntitySpan | None:
    """rapidfuzz over long transliterated names, for a text that is one such name and nothing else."""
    name = text[start:].strip()
    if len(match_key(name).split()) > 4:
        return None
    entries, keys = gazetteer.fuzzy_names()
    found = closest_long_name(name, keys)
    if found is None:
        return None
    best = entries[found]
    if kind is not None and not _compatible(best.kind, kind):
        return None
    return EntitySpan(
        text=name,
        start=start,
        end=start + len(name),
        kind=best.kind,
        canonical=best.canonical,
        id=best.id,
        source="gazetteer",
        score=0.8,
        meta={"actor_id": best.actor_id, "place_id": best.place_id, "tags": sorted(best.tags | {"fuzzy"})},
    )


def _is_state_code(value: str | None) -> bool:
    return bool(value) and len(value) == 3 and value.isalpha() and value.isupper()  # type: ignore[arg-type]
