"""Role binding: choose, for each role of a rule, the entity slots that fill it.

The constraints are the ones a linguist states when describing Arabic event syntax: entity
kind, a governing preposition (إلى / من / على / في / ضد ...), the side of the trigger the filler
stands on within its clause, the إضافة complement of a verbal noun ("انسحاب القوات"), and
voice (the grammatical subject of passive "قُتل" is the victim). Among the slots that satisfy a
role's constraints, the nearest to the trigger wins; a slot fills at most one role of an event.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventx.doc import EntitySpan
from eventx.rules.context import EntitySlot, SentenceContext
from eventx.rules.schema import RoleSpec
from eventx.text.orthography import normalize_key

__all__ = ["CompiledRole", "bind_roles", "compile_role", "is_state_code", "kind_allows", "trigger_voice"]


@dataclass(frozen=True, slots=True)
class CompiledRole:
    name: str
    spec: RoleSpec
    preps: frozenset[str | None] | None


def compile_role(name: str, spec: RoleSpec) -> CompiledRole:
    if spec.prep is None:
        return CompiledRole(name, spec, None)
    # "" (and the empty list) stand for "no preposition", stored as None in the set.
    preps = frozenset(normalize_key(p) or None for p in spec.prep) if spec.prep else frozenset({None})
    return CompiledRole(name, spec, preps)


def trigger_voice(context: SentenceContext, index: int) -> str:
    """``passive`` when the backend says so or the writer marked it (قُتل with a damma)."""
    view = context.views[index]
    voice = view.features.get("Voice")
    if voice == "Pass":
        return "passive"
    text = view.word.text
    if len(text) > 1 and text[1] == "\u064f":  # damma on the first letter: قُتل، أُرغمت
        return "passive"
    return "active"


def _distance(slot: EntitySlot, first: int, last: int) -> tuple[str, int]:
    if slot.first > last:
        return "after", slot.first - last
    return "before", first - slot.last


def is_state_code(entity_id: str | None) -> bool:
    """An ISO alpha-3 id ("RUS"): the mention names a whole state."""
    return bool(entity_id) and len(entity_id) == 3 and entity_id.isalpha() and entity_id.isupper()  # type: ignore[union-attr]


def kind_allows(kinds: list[str], entity: EntitySpan) -> bool:
    """``kinds`` entries are ``KIND`` or ``KIND:state`` / ``KIND:place`` (see RoleSpec.kinds).

    A capital such as موسكو is both: a state actor through its ``actor_id`` and a place."""
    state_capable = is_state_code(entity.id) or bool(entity.meta.get("actor_id"))
    place_capable = not is_state_code(entity.id)
    for entry in kinds:
        base, _, narrow = entry.partition(":")
        if base != entity.kind:
            continue
        if not narrow or (state_capable if narrow == "state" else place_capable):
            return True
    return False


def _qualifies(
    role: CompiledRole, slot: EntitySlot, first: int, last: int, clause: int | None, voice: str
) -> int | None:
    """The slot's distance when it may fill ``role``, else ``None`` (``clause=None``: any clause)."""
    spec = role.spec
    if clause is not None and slot.clause != clause:
        return None
    if slot.first <= last and slot.last >= first and not spec.may_contain_trigger:
        return None
    if not kind_allows(spec.kinds, slot.entity):
        return None
    if spec.voice != "any" and spec.voice != voice:
        return None
    side, distance = _distance(slot, first, last)
    distance = max(distance, 0)
    if slot.genitive_head is not None and not first <= slot.genitive_head <= last:
        # "لدعم الجيش الروسي": the possessor of another noun is rarely this trigger's argument.
        distance += 6
    if slot.is_adjective and not (side == "after" and distance <= 2):
        # "كورسك الروسية" is a place, not Russia acting; "الهجوم الأوكراني" is Ukraine attacking.
        return None
    if spec.position != "any" and spec.position != side:
        return None
    if distance > spec.max_distance:
        return None
    if role.preps is not None and slot.prep not in role.preps:
        return None
    if spec.idafa is not None:
        is_construct = side == "after" and distance == 1 and slot.prep is None
        if spec.idafa != is_construct:
            return None
    if spec.require_id and not (slot.entity.id or slot.entity.meta.get("actor_id")):
        return None
    if spec.ids and not ({slot.entity.id, slot.entity.meta.get("actor_id")} & set(spec.ids)):
        return None
    return distance


def bind_roles(
    context: SentenceContext, roles: list[CompiledRole], first: int, last: int
) -> dict[str, list[EntitySlot]]:
    """Fill ``roles`` in order for a trigger spanning views ``first..last``."""
    clause = context.clause_of[first]
    voice = trigger_voice(context, first)
    bound: dict[str, list[EntitySlot]] = {}
    taken: set[int] = set()
    for role in roles:
        candidates = _candidates(context, role, first, last, clause, voice, taken)
        if not candidates and role.spec.scope == "sentence":
            candidates = _candidates(context, role, first, last, None, voice, taken)
        if not candidates:
            continue
        candidates.sort(key=lambda c: (c[0], c[1]))
        chosen = [c[2] for c in candidates] if role.spec.many else _with_coordinated(context, candidates[0][2])
        if role.spec.nested_places:
            chosen = _with_containers(context, role, chosen, taken)
        bound[role.name] = chosen
        taken |= {id(s) for s in chosen}
    return bound


def _with_coordinated(context: SentenceContext, slot: EntitySlot) -> list[EntitySlot]:
    """The slot plus entities of the same kind joined to it by و ("واشنطن ولندن"), on either side."""
    chosen = [slot]
    while True:
        nxt = _coordinated_after(context, chosen[-1])
        if nxt is None or nxt in chosen:
            break
        chosen.append(nxt)
    while chosen[0].first > 0:
        previous = context.entity_at[chosen[0].first - 1]
        if previous is None or previous in chosen or _coordinated_after(context, previous) is not chosen[0]:
            break
        chosen.insert(0, previous)
    return chosen


def _coordinated_after(context: SentenceContext, slot: EntitySlot) -> EntitySlot | None:
    """The entity right after ``slot``, of its kind and joined to it by و, if any."""
    nxt = context.entity_at[slot.last + 1] if slot.last + 1 < len(context.views) else None
    if nxt is None or nxt.entity.kind != slot.entity.kind or nxt.first != slot.last + 1:
        return None
    view = context.views[nxt.first]
    if "و" not in view.proclitics and not view.token.text.startswith("و"):
        return None
    return nxt


_CONTAINER_PREPS = frozenset({"ب", "في"})


def _with_containers(
    context: SentenceContext, role: CompiledRole, chosen: list[EntitySlot], taken: set[int]
) -> list[EntitySlot]:
    """Extend a place filler with the places right after it that contain it ("الموصل بالعراق")."""
    out = list(chosen)
    last = chosen[-1]
    while True:
        position = last.last + 1
        if position < len(context.views) and normalize_key(context.views[position].token.text) == "في":
            position += 1  # "في محافظة صعدة": the preposition is a word of its own
        nxt = context.entity_at[position] if position < len(context.views) else None
        if (
            nxt is None
            or nxt.first != position
            or nxt.prep not in _CONTAINER_PREPS
            or nxt.entity.kind not in ("GPE", "LOC")
            or not kind_allows(role.spec.kinds, nxt.entity)
            or id(nxt) in taken
            or nxt in out
        ):
            return out
        out.append(nxt)
        last = nxt


def _candidates(
    context: SentenceContext,
    role: CompiledRole,
    first: int,
    last: int,
    clause: int | None,
    voice: str,
    taken: set[int],
) -> list[tuple[int, int, EntitySlot]]:
    found = []
    for slot in context.slots:
        if id(slot) in taken:
            continue
        distance = _qualifies(role, slot, first, last, clause, voice)
        if distance is not None:
            # Ties go to the filler after the trigger (Arabic is verb-initial).
            found.append((distance, 0 if slot.first > last else 1, slot))
    return found
