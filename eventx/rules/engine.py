"""The rule engine: rule packs + a tagged :class:`~eventx.doc.Document` → event records.

For every sentence: find trigger words (indexed by their normalized keys, so each word costs a
few dict look-ups however many rules are loaded), check each candidate rule's full pattern
(sequence, context constraints), bind roles (:mod:`eventx.rules.arguments`), attach the nearest
figure and date, set realis and attribution from cues (:mod:`eventx.rules.realis`), and emit
:class:`eventx.records.Event` objects. Nothing in here knows the built-in event types: they are
data in ``packs/builtin``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from eventx.doc import Document, EntitySpan
from eventx.records import ENTITY_KINDS, Event, Mention, Quantity, SentenceRef, TimeValue, Trigger
from eventx.rules.arguments import CompiledRole, bind_roles, compile_role, is_state_code
from eventx.rules.context import (
    CompiledChunk,
    EntitySlot,
    FigureSlot,
    SentenceContext,
    TimeSlot,
    add_chunks,
    build_context,
)
from eventx.rules.loader import RulePack, load_packs, merge_cues
from eventx.rules.realis import (
    CompiledCues,
    compile_cue_set,
    compile_cues,
    cue_applies,
    find_attribution,
    find_realis,
    is_hypothetical,
)
from eventx.rules.schema import Cues, EventTypeSpec, QuantitySpec, Rule
from eventx.rules.words import CompiledPattern, compile_pattern, entry_keys, expand_lexicons, unsplit_stems
from eventx.text.orthography import normalize_key

__all__ = ["ACTOR_ROLES", "RuleEngine"]

# Roles filled by an actor: a capital or state organ there resolves to its state (spec §4).
ACTOR_ROLES = frozenset({"agent", "parties", "attacker", "gainer", "loser", "perpetrator"})
_T = TypeVar("_T")
_BLOCKING_KINDS = frozenset({"GPE", "PER", "ORG", "LOC", "FAC", "FORCE"})


@dataclass
class CompiledRule:
    rule: Rule
    pack: str
    spec: EventTypeSpec
    trigger: CompiledPattern
    sequence: list[CompiledPattern]
    preceded_by: list[CompiledPattern]
    not_preceded: frozenset[str]
    not_followed: frozenset[str]
    roles: list[CompiledRole]
    quantities: dict[str, QuantitySpec]


@dataclass
class _Hit:
    rule: CompiledRule
    first: int
    last: int
    extra_triggers: list[_Hit] = field(default_factory=list)


def _context_keys(entries: list[str]) -> frozenset[str]:
    """Keys of context words, written with or without their clitics ("بخيبة" also as "خيبة")."""
    out: set[str] = set()
    for entry in entries:
        out |= unsplit_stems(normalize_key(entry))
    return frozenset(out)


class RuleEngine:
    """Apply rule packs to documents.

    >>> engine = RuleEngine.from_sources(["builtin"])  # doctest: +SKIP
    >>> events = engine.extract(doc)  # doctest: +SKIP
    """

    def __init__(self, packs: Sequence[RulePack]) -> None:
        self.packs = list(packs)
        self.event_types: dict[str, EventTypeSpec] = {}
        cues = Cues()
        for pack in self.packs:
            self.event_types |= pack.event_types
            cues = merge_cues(cues, pack.cues)
        self.cues: CompiledCues = compile_cues(cues.realis, cues.attribution)
        self.hypothetical = compile_cue_set(cues.hypothetical)
        self.background = compile_cue_set(cues.background)
        self.anaphora = compile_cue_set(cues.anaphora)
        self.clause_breaks = frozenset(normalize_key(b) for b in cues.clause_breaks)
        self.chunks = [
            CompiledChunk(
                kind=chunk.kind,
                heads=entry_keys(expand_lexicons(chunk.heads, pack.lexicons)),
                stop=entry_keys(expand_lexicons(chunk.stop, pack.lexicons)),
                max_words=chunk.max_words,
                min_words=chunk.min_words,
                refers_back=tuple(chunk.refers_back),
            )
            for pack in self.packs
            for chunk in pack.chunks
        ]
        self.attribute_cues = {
            name: {
                attr: {value: entry_keys(words) for value, words in values.items()}
                for attr, values in spec.attribute_cues.items()
            }
            for name, spec in self.event_types.items()
        }
        self._singular_nouns = {
            name: entry_keys(spec.singular.nouns) if spec.singular else frozenset()
            for name, spec in self.event_types.items()
        }
        self.rules: list[CompiledRule] = []
        self._index: dict[str, list[CompiledRule]] = {}
        self._prefix_rules: list[CompiledRule] = []
        for pack in self.packs:
            for rule in pack.rules:
                compiled = self._compile(pack, rule)
                self.rules.append(compiled)
                for term in compiled.trigger.terms():
                    self._index.setdefault(term, []).append(compiled)
                if compiled.trigger.prefixes:
                    self._prefix_rules.append(compiled)
        self._position = {id(rule): position for position, rule in enumerate(self.rules)}

    @classmethod
    def from_sources(cls, sources: Sequence[str | Path]) -> RuleEngine:
        return cls(load_packs(sources))

    def _compile(self, pack: RulePack, rule: Rule) -> CompiledRule:
        lexicons = pack.lexicons
        trigger = rule.trigger
        return CompiledRule(
            rule=rule,
            pack=pack.name,
            spec=self.event_types[rule.type],
            trigger=compile_pattern(trigger, lexicons),
            sequence=[compile_pattern(p, lexicons) for p in trigger.sequence],
            preceded_by=[compile_pattern(p, lexicons) for p in trigger.preceded_by],
            not_preceded=_context_keys(trigger.not_preceded_by),
            not_followed=_context_keys(trigger.not_followed_by),
            roles=[compile_role(name, spec) for name, spec in rule.arguments.items()],
            quantities=dict(rule.quantities),
        )

    # ------------------------------------------------------------------ matching

    def _candidates(self, keys: frozenset[str]) -> list[CompiledRule]:
        found: list[CompiledRule] = []
        for key in keys:
            found.extend(self._index.get(key, ()))
        for rule in self._prefix_rules:
            if any(k.startswith(p) for k in keys for p in rule.trigger.prefixes):
                found.append(rule)
        # Stable order: as loaded (pack order, then file order).
        seen: set[int] = set()
        ordered = []
        for rule in sorted(found, key=lambda r: self._position[id(r)]):
            if id(rule) not in seen:
                seen.add(id(rule))
                ordered.append(rule)
        return ordered

    def _match_at(self, context: SentenceContext, rule: CompiledRule, i: int) -> _Hit | None:
        views = context.views
        slot = context.entity_at[i]
        kind = slot.entity.kind if slot else None
        if kind in _BLOCKING_KINDS and not rule.trigger.entity:
            return None
        if not rule.trigger.matches(views[i], kind):
            return None
        last = i
        for pattern in rule.sequence:
            found = None
            for j in range(last + 1, min(len(views), last + 2 + pattern.gap)):
                if pattern.matches(views[j]):
                    found = j
                    break
            if found is None:
                return None
            last = found
        position = i
        for pattern in rule.preceded_by:
            found = None
            for j in range(position - 1, max(-1, position - 2 - pattern.gap), -1):
                if pattern.matches(views[j]):
                    found = j
                    break
            if found is None:
                return None
            position = found
        if rule.not_preceded and any(views[j].keys & rule.not_preceded for j in range(max(0, i - 2), i)):
            return None
        if rule.not_followed and any(
            views[j].keys & rule.not_followed for j in range(last + 1, min(len(views), last + 3))
        ):
            return None
        return _Hit(rule, i, last)

    def _find_hits(self, context: SentenceContext) -> list[_Hit]:
        hits: list[_Hit] = []
        claimed: set[tuple[int, str]] = set()
        for view in context.views:
            for rule in self._candidates(view.keys):
                if (view.index, rule.rule.type) in claimed:
                    continue
                hit = self._match_at(context, rule, view.index)
                if hit is not None:
                    claimed.add((view.index, rule.rule.type))
                    hits.append(hit)
        hits = [h for h in hits if not is_hypothetical(context, self.hypothetical, h.first)]
        hits = [h for h in hits if not (h.rule.rule.only_if_alone and self._has_company(context, h, hits))]
        return self._merge_close_triggers(hits)

    @staticmethod
    def _has_company(context: SentenceContext, hit: _Hit, hits: list[_Hit]) -> bool:
        clause = context.clause_of[hit.first]
        return any(
            other is not hit
            and not other.rule.rule.only_if_alone
            and other.rule.rule.type == hit.rule.rule.type
            and context.clause_of[other.first] == clause
            for other in hits
        )

    def _merge_close_triggers(self, hits: list[_Hit]) -> list[_Hit]:
        """Triggers of one type within the type's ``merge_within`` words make one event."""
        merged: list[_Hit] = []
        open_by_type: dict[str, _Hit] = {}
        for hit in sorted(hits, key=lambda h: h.first):
            rule_type = hit.rule.rule.type
            head = open_by_type.get(rule_type)
            window = hit.rule.spec.merge_within
            if (
                head is not None
                and window
                and hit.first - max([head.last, *(h.last for h in head.extra_triggers)]) <= window
            ):
                head.extra_triggers.append(hit)
                continue
            open_by_type[rule_type] = hit
            merged.append(hit)
        return merged

    # ------------------------------------------------------------------ events

    def extract(self, doc: Document) -> list[Event]:
        """Events of ``doc``, which the ``tokenize`` and ``normalize`` components have filled
        (morphology and NER make the result better). The engine only reads the document."""
        # Dates and figures come resolved from the ``normalize`` component, in text order.
        figures = [(q.start, q.end, q.value, q.value.unit) for q in doc.quantities]
        times = [(d.start, d.end, d.value, d.relative) for d in doc.dates]
        events: list[Event] = []
        prefix = doc.doc_id or "doc"
        entities = sorted(doc.entities, key=lambda e: e.start)
        index = _EntityIndex(doc.entities)
        anaphoric: set[str] = set()
        for sentence in doc.sentences:
            context = build_context(
                sentence,
                self.clause_breaks,
                _within(entities, sentence.start, sentence.end, key=lambda e: e.start),
                _within(figures, sentence.start, sentence.end, key=lambda f: f[0]),
                _within(times, sentence.start, sentence.end, key=lambda t: t[0]),
            )
            add_chunks(context, self.chunks)
            sentence_events: list[Event] = []
            for hit in self._find_hits(context):
                event_id = f"{prefix}:e{len(events) + len(sentence_events) + 1}"
                event = self._build_event(index, context, hit, event_id)
                if event is not None:
                    sentence_events.append(event)
                    if cue_applies(context, self.anaphora, hit.first):
                        anaphoric.add(event.id)
            self._inherit_roles(sentence_events)
            events.extend(sentence_events)
        _resolve_anaphora(events, anaphoric)
        return events

    def _count_singular(self, hit: _Hit, arguments: dict[str, list[Mention]], quantities: dict[str, Quantity]) -> None:
        """A trigger with no figure whose filler is one named person or a singular person noun
        counts one ("مقتل ضابط رفيع" → killed 1)."""
        spec = hit.rule.spec.singular
        role = hit.rule.rule.quantity_role
        if spec is None or role is None or role in quantities:
            return
        fillers = arguments.get(spec.role, [])
        if len(fillers) != 1:
            return
        filler = fillers[0]
        head = normalize_key(filler.text.split()[0]) if filler.text.split() else ""
        if filler.kind == "PER" or head in self._singular_nouns[hit.rule.rule.type]:
            quantities[role] = Quantity(text=filler.text, value=1, unit="person")

    def _inherit_roles(self, events: list[Event]) -> None:
        """Fill empty roles from the nearest event of the source type (``inherit_from``)."""
        for event in events:
            for source_type, mapping in self.event_types[event.type].inherit_from.items():
                sources = [e for e in events if e.type == source_type and e is not event]
                if not sources:
                    continue
                source = min(sources, key=lambda e: abs(e.trigger.start - event.trigger.start))
                taken = {(m.start, m.end) for fillers in event.arguments.values() for m in fillers}
                for role, source_role in mapping.items():
                    inherited = [m for m in source.arguments.get(source_role, []) if (m.start, m.end) not in taken]
                    if role not in event.arguments and inherited:
                        event.arguments[role] = [m.model_copy() for m in inherited]

    def _build_event(self, index: _EntityIndex, context: SentenceContext, hit: _Hit, event_id: str) -> Event | None:
        rule = hit.rule
        view = context.views[hit.first]
        # Roles are placed relative to the trigger word itself: words a sequence spans ("توصلت
        # إسرائيل وحماس إلى اتفاق") may hold fillers.
        bound = bind_roles(context, rule.roles, hit.first, hit.first)
        for extra in hit.extra_triggers:
            used = {id(slot) for slots in bound.values() for slot in slots}
            for role, slots in bind_roles(context, extra.rule.roles, extra.first, extra.first).items():
                # A merged trigger adds only roles still empty, never a filler already used.
                if role not in bound and not any(id(slot) in used for slot in slots):
                    bound[role] = slots
        if hit.extra_triggers:
            # "شهيدان و3 جرحى": one trigger word is never a filler of the event it triggers.
            parts = [(p.first, p.last) for p in (hit, *hit.extra_triggers)]
            bound = {
                role: kept
                for role, slots in bound.items()
                if (kept := [s for s in slots if not any(s.first <= b and s.last >= a for a, b in parts)])
            }
        arguments = {
            role: [_mention(index.antecedent(s.entity), role) for s in slots] for role, slots in bound.items()
        }
        self._apply_fallbacks(index, context, rule, bound, arguments)
        quantities = self._quantities(context, hit)
        self._count_singular(hit, arguments, quantities)
        required = rule.rule.require_any
        if required and not any(r in arguments or r in quantities for r in required):
            return None
        sentence = context.sentence
        trigger_word = view.word
        attribution = find_attribution(context, self.cues, hit.first)
        return Event(
            id=event_id,
            type=rule.rule.type,
            trigger=Trigger(
                text=trigger_word.text,
                start=trigger_word.start,
                end=trigger_word.end,
                lemma=trigger_word.lemma or None,
            ),
            sentence=SentenceRef(index=sentence.index, start=sentence.start, end=sentence.end),
            realis=rule.rule.realis or find_realis(context, self.cues, hit.first),  # type: ignore[arg-type]
            attribution=_mention(attribution, "attribution") if attribution else None,
            arguments=arguments,
            quantities=quantities,
            date=self._date(context, hit),
            attributes=self._attributes(context, hit),
            confidence=rule.rule.confidence,
            rule=rule.rule.id,
        )

    def _apply_fallbacks(
        self,
        index: _EntityIndex,
        context: SentenceContext,
        rule: CompiledRule,
        bound: dict[str, list[EntitySlot]],
        arguments: dict[str, list[Mention]],
    ) -> None:
        for role in rule.roles:
            if role.name in arguments:
                continue
            if role.spec.fallback == "force_owner":
                filler = _force_owner(index, arguments)
            elif role.spec.fallback == "place_owner":
                filler = _place_owner(index, context, bound, role.spec.owner_of or "", role.spec.other_than or "")
            else:
                continue
            if filler is not None:
                arguments[role.name] = [filler]

    def _quantities(self, context: SentenceContext, hit: _Hit) -> dict[str, Quantity]:
        out: dict[str, Quantity] = {}
        used: set[int] = set()
        parts = [hit, *hit.extra_triggers]

        def nearest_part(figure: FigureSlot) -> _Hit:
            # A figure whose phrase holds a trigger word counts that one ("و3 جرحى"); else the
            # nearest trigger, and on a tie the one after it (a number precedes its noun).
            last = context.view_at_char(figure.end - 1)
            last = figure.view if last is None else last

            def key(p: _Hit) -> tuple[int, int, int]:
                covered = figure.view <= p.first <= last
                distance = min(abs(figure.view - p.first), abs(figure.view - p.last))
                return (0 if covered else 1, distance, 0 if p.first > figure.view else 1)

            return min(parts, key=key)

        for part in parts:
            wanted = dict(part.rule.quantities)
            if part.rule.rule.quantity_role and part.rule.rule.quantity_role not in wanted:
                wanted[part.rule.rule.quantity_role] = QuantitySpec(units=["person", "none"])
            for role, spec in wanted.items():
                if role in out:
                    continue
                best = None
                for position, figure in enumerate(context.figures):
                    if position in used or context.clause_of[figure.view] != context.clause_of[part.first]:
                        continue
                    if len(parts) > 1 and nearest_part(figure) is not part:
                        continue  # "300 قتلوا وأصيب 700": each figure counts for its nearest trigger
                    counts_trigger = figure.unit is None and _ends_right_before(context, figure, part.first)
                    unit_ok = not spec.units or (figure.unit or "none") in spec.units
                    if not (unit_ok or ("count" in spec.units and counts_trigger)):
                        continue
                    if part.first <= figure.view <= part.last:  # inside "أطلقت 40 صاروخا"
                        side, distance = "after", 0
                    elif figure.view > part.last:
                        side, distance = "after", figure.view - part.last
                    else:
                        side, distance = "before", part.first - figure.view
                    if spec.position != "any" and side != spec.position:
                        continue
                    if distance > spec.max_distance:
                        continue
                    if best is None or distance < best[0]:
                        best = (distance, position)
                if best is not None:
                    used.add(best[1])
                    out[role] = context.figures[best[1]].value  # type: ignore[assignment]
        return out

    def _attributes(self, context: SentenceContext, hit: _Hit) -> dict[str, str | None]:
        """Fixed attributes of the rule, else the first cue found near the trigger, else null."""
        rule = hit.rule
        attributes: dict[str, str | None] = {name: None for name in rule.spec.attributes}
        clause = context.clause_of[hit.first]
        window = [
            v for v in context.views[max(0, hit.first - 3) : hit.last + 7] if context.clause_of[v.index] == clause
        ]
        for name, values in self.attribute_cues.get(rule.rule.type, {}).items():
            for value, cue_keys in values.items():
                if any(v.keys & cue_keys for v in window):
                    attributes[name] = value
                    break
        attributes.update(rule.rule.attributes)
        return attributes

    def _date(self, context: SentenceContext, hit: _Hit) -> TimeValue | None:
        """The time expression that locates the event (gold decision 1): the nearest one in the
        trigger's clause (a time set off by commas, "سيطرت الفصائل، مساء أمس، على حلب", belongs to
        the clauses on both sides); else, for the event the sentence reports as news, the time on
        the reporting verb ("أعلنت موسكو اليوم السبت استعادة ..."). A background event ("بعد
        انسحاب"، "التي احتلتها") without a time in its own clause has no date."""
        if not context.times:
            return None
        clause = context.clause_of[hit.first]
        same = [t for t in context.times if clause in _clauses_of_time(context, t)]
        if same:
            best = min(same, key=lambda t: (abs(t.view - hit.first), t.view < hit.first))
            return best.value  # type: ignore[return-value]
        if cue_applies(context, self.background, hit.first):
            return None
        reported = [t for t in context.times if self._on_reporting_verb(context, t)]
        if not reported:
            return None
        best = min(reported, key=lambda t: abs(t.view - hit.first))
        return best.value  # type: ignore[return-value]

    def _on_reporting_verb(self, context: SentenceContext, time: TimeSlot) -> bool:
        """A time shortly after a reporting verb ("أعلن رئيس الوزراء، مساء الأربعاء،") or fronted
        right before it ("في منتصف يناير، أعلنت أوكرانيا")."""
        last = context.view_at_char(time.end - 1)
        last = time.view if last is None else last
        after = range(last + 1, min(len(context.views), last + 4))
        for j in [*range(max(0, time.view - 8), time.view), *after]:
            if context.views[j].keys & self.cues.attribution_verbs:
                return True
        return False


class _EntityIndex:
    """The document's entities, indexed once per document for the look-ups the rules make per
    argument (a scan of every entity per argument was quadratic in document length)."""

    def __init__(self, entities: Sequence[EntitySpan]) -> None:
        self.entities = entities
        # first GPE mention naming each state (by its id or the state it acts for)
        self.first_state_mention: dict[str, EntitySpan] = {}
        for entity in entities:
            if entity.kind == "GPE":
                for key in (entity.id, entity.meta.get("actor_id")):
                    if key is not None:
                        self.first_state_mention.setdefault(key, entity)
        self._places: dict[tuple[str, ...], tuple[list[int], list[EntitySpan]]] = {}

    def antecedent(self, entity: EntitySpan) -> EntitySpan:
        """The named place an anaphoric chunk ("المدينة", "المنطقة") refers back to, else itself:
        the latest-starting earlier place that is not a state, not a capital acting as its
        government and not a nisba adjective."""
        kinds = entity.meta.get("refers_back")
        if not kinds:
            return entity
        ends, best = self._places_of(tuple(kinds))
        position = bisect_right(ends, entity.start)  # candidates ending at or before the chunk
        return best[position - 1] if position else entity

    def _places_of(self, kinds: tuple[str, ...]) -> tuple[list[int], list[EntitySpan]]:
        """Candidates sorted by end, with the running best (latest start; the first in document
        order on a tie), so that the answer for any cut-off is one bisection away."""
        if kinds not in self._places:
            candidates = sorted(
                (
                    (e.end, order, e)
                    for order, e in enumerate(self.entities)
                    if e.kind in kinds
                    and not is_state_code(e.id)
                    and not e.meta.get("actor_id")  # a capital named before is mostly its government acting
                    and "nisba" not in e.meta.get("tags", ())
                ),
                key=lambda item: (item[0], item[1]),
            )
            best: list[EntitySpan] = []
            top: tuple[int, int, EntitySpan] | None = None
            for _, order, e in candidates:
                if top is None or (e.start, -order) > (top[0], -top[1]):
                    top = (e.start, order, e)
                best.append(top[2])
            self._places[kinds] = ([end for end, _, _ in candidates], best)
        return self._places[kinds]

    def state_mention(self, state: str) -> EntitySpan | None:
        """The first mention of ``state`` in the document that names it as a GPE."""
        return self.first_state_mention.get(state)


def _force_owner(index: _EntityIndex, arguments: dict[str, list[Mention]]) -> Mention | None:
    """The state owning the event's force, as the document names it (no mention: no filler)."""
    force = next((m for fillers in arguments.values() for m in fillers if m.kind == "FORCE" and m.id), None)
    if force is None or force.id is None:
        return None
    state = index.state_mention(force.id)
    return _mention(state, "agent") if state is not None else None


def _place_owner(
    index: _EntityIndex, context: SentenceContext, bound: dict[str, list[EntitySlot]], place_role: str, actor_role: str
) -> Mention | None:
    """The state a place lies in ("حلب" → SYR, "كورسك الروسية" → RUS), when the actor of
    ``actor_role`` is present and is not that state (then it is the side that lost the place)."""
    places, actors = bound.get(place_role), bound.get(actor_role)
    if not places or not actors:
        return None
    owner = _owner_state(context, places[0])
    if owner is None or any(owner in (a.entity.id, a.entity.meta.get("actor_id")) for a in actors):
        return None
    state = index.state_mention(owner)
    return _mention(state, "loser") if state is not None else None


def _owner_state(context: SentenceContext, place: EntitySlot) -> str | None:
    entity = place.entity
    if entity.meta.get("country"):
        return str(entity.meta["country"])
    if is_state_code(entity.id):
        return entity.id
    # "مدينة أفدييفكا في شرق أوكرانيا", "كورسك الروسية": the state named right after the place.
    for position in (place.last + 1, place.last + 2, place.last + 3):
        slot = context.entity_at[position] if position < len(context.views) else None
        if slot is not None and slot.entity.kind == "GPE" and is_state_code(slot.entity.id):
            return slot.entity.id
    return None


def _resolve_anaphora(events: list[Event], anaphoric: set[str]) -> None:
    """ "هذا الهجوم": fill the empty roles of an anaphoric mention from the latest earlier event
    of its type (document order), the event it refers to."""
    for position, event in enumerate(events):
        if event.id not in anaphoric:
            continue
        antecedent = next((e for e in reversed(events[:position]) if e.type == event.type), None)
        if antecedent is None:
            continue
        taken = {(m.start, m.end) for fillers in event.arguments.values() for m in fillers}
        for role, fillers in antecedent.arguments.items():
            copied = [m.model_copy() for m in fillers if (m.start, m.end) not in taken]
            if role not in event.arguments and copied:
                event.arguments[role] = copied


def _clauses_of_time(context: SentenceContext, time: TimeSlot) -> set[int]:
    """The clause of a time, plus its neighbours when the time is a parenthetical clause alone."""
    clause = context.clause_of[time.view]
    # Every word of the clause starts inside the time iff its first and last words do (words
    # follow the text); a clause with no word at all counts as the time alone, as before.
    first, last = context.clause_word_span.get(clause, (time.start, time.start))
    if time.start <= first < time.end and time.start <= last < time.end:
        return {clause - 1, clause, clause + 1}
    return {clause}


def _ends_right_before(context: SentenceContext, figure: FigureSlot, view: int) -> bool:
    """The figure's last word stands right before ``view`` ("ست | ضربات")."""
    last = context.view_at_char(figure.end - 1)
    return last is not None and last == view - 1


def _within(items: Sequence[_T], start: int, end: int, key: Callable[[_T], int]) -> Sequence[_T]:
    """The items (sorted by ``key``) whose key lies in ``[start, end)``, by binary search."""
    lo = bisect_left(items, start, key=key)
    hi = bisect_left(items, end, key=key)
    return items[lo:hi]


def _mention(entity: EntitySpan, role: str) -> Mention:
    actor = entity.meta.get("actor_id")
    entity_id = actor if (role in ACTOR_ROLES or role == "attribution") and actor else entity.id
    kind = entity.kind if entity.kind in ENTITY_KINDS else "OTHER"
    return Mention(
        text=entity.text, start=entity.start, end=entity.end, kind=kind, canonical=entity.canonical, id=entity_id
    )
