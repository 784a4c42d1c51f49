"""Per-sentence context the rules bind arguments from: clauses, entity slots, figures, dates.

An *entity slot* is one entity mention seen from the sentence's word grid: which views it
covers, the preposition that governs it (a separate word such as إلى/من/على/في/ضد or a
proclitic ب/ل/ك on its first token), and the clause it stands in.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from eventx.doc import EntitySpan, Sentence
from eventx.rules.words import WordView, sentence_views
from eventx.text.orthography import PREPOSITION_CLITICS, PROCLITIC_LETTERS, normalize_key

__all__ = [
    "PREPOSITIONS",
    "CompiledChunk",
    "EntitySlot",
    "FigureSlot",
    "SentenceContext",
    "TimeSlot",
    "add_chunks",
    "build_context",
]

# Separate-word prepositions and prepositional phrases that govern a following noun phrase.
PREPOSITIONS = frozenset(
    normalize_key(p)
    for p in (
        "إلى",
        "الى",
        "من",
        "على",
        "في",
        "ضد",
        "نحو",
        "عن",
        "داخل",
        "قرب",
        "باتجاه",
        "مع",
        "بين",
        "لدى",
        "عبر",
        "تجاه",
        "حول",
        "أمام",
        "خارج",
        "شرق",
        "غرب",
        "شمال",
        "جنوب",
        "بالقرب",
        "صوب",
        "تحت",
        "لصالح",
        "بحق",
        "جانب",
        "منذ",
        "خلال",
        "حتى",
        "قبل",
        "بعد",
        "عند",
        "وسط",
        "ضمن",
    )
)
# Words between a preposition and its noun that do not break the government ("في مدينة X").
_TRANSPARENT = frozenset(
    normalize_key(w)
    for w in (
        "مدينة",
        "بلدة",
        "قرية",
        "منطقة",
        "مناطق",
        "محافظة",
        "مقاطعة",
        "إقليم",
        "ولاية",
        "أراضي",
        "جبهة",
        "مخيم",
        "حي",
        "ميناء",
        "قاعدة",
        "مطار",
        "العاصمة",
    )
)
_CLITIC_PREPS = PREPOSITION_CLITICS
_NEAR = frozenset(normalize_key(w) for w in ("بالقرب", "مقربة", "قريب", "قريبا"))


@dataclass(slots=True)
class EntitySlot:
    entity: EntitySpan
    first: int
    """Index of the first view the entity covers."""
    last: int
    prep: str | None
    clause: int
    genitive_head: int | None = None
    """View index of the noun this entity is the إضافة complement of ("لدعم الجيش الروسي")."""

    @property
    def is_adjective(self) -> bool:
        """A bare nisba adjective ("الأوكراني", "إسرائيلية") modifying the noun before it."""
        return "nisba" in self.entity.meta.get("tags", ())


@dataclass(slots=True)
class FigureSlot:
    start: int
    end: int
    view: int
    value: object
    """An :class:`eventx.records.Quantity`."""
    unit: str | None


@dataclass(slots=True)
class TimeSlot:
    start: int
    end: int
    view: int
    value: object
    """An :class:`eventx.records.TimeValue`."""
    relative: bool


@dataclass
class SentenceContext:
    sentence: Sentence
    views: list[WordView]
    clause_of: list[int]
    """Clause number of each view."""
    entity_at: list[EntitySlot | None]
    """The entity slot covering each view, if any."""
    slots: list[EntitySlot]
    figures: list[FigureSlot] = field(default_factory=list)
    times: list[TimeSlot] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)
    """Start of each view's token (non-decreasing: views follow the text), for bisection."""
    token_ends: list[int] = field(default_factory=list)
    clause_word_span: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Per clause, the token starts of its first and last word with a letter or digit."""

    def view_at_char(self, char_index: int) -> int | None:
        """The first view whose token contains ``char_index`` (by bisection: a sentence may be a
        whole unpunctuated page, and this is asked for every figure and time)."""
        position = bisect_right(self.token_ends, char_index)
        if position < len(self.views) and self.token_starts[position] <= char_index:
            return self.views[position].index
        return None


def _view_index_for_span(
    views: Sequence[WordView], starts: Sequence[int], ends: Sequence[int], start: int, end: int
) -> tuple[int, int] | None:
    """First and last view whose token overlaps ``[start, end)``; ``starts``/``ends`` are the
    views' token offsets, non-decreasing, so both ends are found by bisection."""
    first = bisect_right(ends, start)
    last = bisect_left(starts, end) - 1
    if first > last:
        return None
    return views[first].index, views[last].index


def _governing_prep(views: Sequence[WordView], first: int, entity_start: int) -> str | None:
    view = views[first]
    # A proclitic preposition glued to the entity's first token: "لروسيا", "بالقوات".
    if view.token.start < entity_start:
        glued = normalize_key(view.token.text[: entity_start - view.token.start])
        for clitic in _CLITIC_PREPS:
            if clitic in glued:
                return clitic
    for p in view.proclitics:
        if p in _CLITIC_PREPS:
            return p
    j = first - 1
    hops = 0
    while j >= 0 and hops < 2:
        key = next(iter(sorted(views[j].keys, key=len, reverse=True)), "")
        text_key = normalize_key(views[j].token.text)
        if text_key in PREPOSITIONS or key in PREPOSITIONS:
            prep = text_key if text_key in PREPOSITIONS else key
            if prep == "من" and j > 0 and normalize_key(views[j - 1].token.text) in _NEAR:
                return "قرب"  # "بالقرب من غارديز", "على مقربة من"
            return prep
        if any(k in _TRANSPARENT for k in views[j].keys):
            j -= 1
            hops += 1
            continue
        break
    return None


_RELATIVE_PRONOUNS = frozenset(
    normalize_key(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي")
)


def _opens_relative_clause(views: Sequence[WordView], position: int) -> bool:
    """ "القوات الكورية الشمالية، التي تم إرسالها": a comma before a relative pronoun keeps the
    antecedent in the clause of the relative verb."""
    return position + 1 < len(views) and normalize_key(views[position + 1].token.text) in _RELATIVE_PRONOUNS


# Quantity and part nouns: "دفعات القوات", "آلاف الجنود" still name the forces themselves.
_PARTITIVE_HEADS = frozenset(
    normalize_key(w)
    for w in (
        "دفعات",
        "دفعة",
        "أجزاء",
        "جزء",
        "عدد",
        "آلاف",
        "مئات",
        "عشرات",
        "جميع",
        "كل",
        "بعض",
        "معظم",
        "وحدات",
        "عناصر",
        "أفراد",
        "صفوف",
        "مزيد",
        "المزيد",
        "آلاف",
        "ألف",
        "بقية",
        "باقي",
        "قادة",
        "جنود",
        "مقاتلي",
    )
)


def _genitive_head(views: Sequence[WordView], first: int) -> int | None:
    """The noun right before an unprepositioned entity, which then is its possessor's head."""
    if first == 0:
        return None
    previous = views[first - 1]
    if previous.pos != "NOUN" or normalize_key(previous.token.text) in PREPOSITIONS:
        return None
    if previous.keys & _PARTITIVE_HEADS:
        return None
    return first - 1


def build_context(
    sentence: Sentence,
    clause_breaks: frozenset[str],
    entities: Sequence[EntitySpan] = (),
    figures: Sequence[tuple[int, int, object, str | None]] = (),
    times: Sequence[tuple[int, int, object, bool]] = (),
) -> SentenceContext:
    """Build the context of one sentence from the entities, figures and times that lie in it
    (all with document offsets; the caller selects them per sentence)."""
    views = sentence_views(sentence)
    clause_of: list[int] = []
    clause = 0
    for position, view in enumerate(views):
        if normalize_key(view.token.text) in clause_breaks and not _opens_relative_clause(views, position):
            clause += 1  # the break itself opens the next clause
        clause_of.append(clause)
    starts = [view.token.start for view in views]
    ends = [view.token.end for view in views]
    entity_at: list[EntitySlot | None] = [None] * len(views)
    slots: list[EntitySlot] = []
    for entity in entities:
        if entity.end <= sentence.start or entity.start >= sentence.end:
            continue
        span = _view_index_for_span(views, starts, ends, entity.start, entity.end)
        if span is None:
            continue
        first, last = span
        prep = _governing_prep(views, first, entity.start)
        slot = EntitySlot(
            entity=entity,
            first=first,
            last=last,
            prep=prep,
            clause=clause_of[first],
            genitive_head=_genitive_head(views, first) if prep is None else None,
        )
        slots.append(slot)
        for i in range(first, last + 1):
            entity_at[i] = slot
    clause_word_span: dict[int, tuple[int, int]] = {}
    for view, view_clause in zip(views, clause_of, strict=True):
        if any(ch.isalnum() for ch in view.token.text):
            first_start = clause_word_span.get(view_clause, (view.token.start, 0))[0]
            clause_word_span[view_clause] = (first_start, view.token.start)
    context = SentenceContext(
        sentence, views, clause_of, entity_at, slots,
        token_starts=starts, token_ends=ends, clause_word_span=clause_word_span,
    )
    for start, end, value, unit in figures:
        if start >= sentence.start and end <= sentence.end:
            index = context.view_at_char(start)
            if index is not None:
                context.figures.append(FigureSlot(start, end, index, value, unit))
    for start, end, value, relative in times:
        if start >= sentence.start and end <= sentence.end:
            index = context.view_at_char(start)
            if index is not None:
                context.times.append(TimeSlot(start, end, index, value, relative))
    return context


def add_chunks(context: SentenceContext, chunks: Sequence[CompiledChunk]) -> None:
    """Add noun-phrase slots (victim groups, agreements) where no entity stands."""
    views = context.views
    i = 0
    while i < len(views):
        if context.entity_at[i] is not None:
            i += 1
            continue
        spec = next((c for c in chunks if views[i].keys & c.heads), None)
        if spec is None:
            i += 1
            continue
        last = i
        while last + 1 < len(views) and last - i + 1 < spec.max_words:
            nxt = views[last + 1]
            if (
                context.entity_at[last + 1] is not None
                or context.clause_of[last + 1] != context.clause_of[i]
                or nxt.pos in ("VERB", "PUNCT", "ADP", "CCONJ", "NUM")
                or not nxt.token.text[:1].isalpha()
                or normalize_key(nxt.token.text) in PREPOSITIONS
                or any(p in PROCLITIC_LETTERS for p in nxt.proclitics)
                or nxt.keys & spec.stop
            ):
                break
            last += 1
        if last - i + 1 < spec.min_words:
            i += 1
            continue
        start, end = views[i].word.start, views[last].word.end
        text = context.sentence.text[start - context.sentence.start : end - context.sentence.start]
        entity = EntitySpan(text=text, start=start, end=end, kind=spec.kind, source="chunk")
        if spec.refers_back:
            entity.meta["refers_back"] = spec.refers_back
        slot = EntitySlot(entity, i, last, _governing_prep(views, i, start), context.clause_of[i])
        context.slots.append(slot)
        for j in range(i, last + 1):
            context.entity_at[j] = slot
        i = last + 1


@dataclass(frozen=True, slots=True)
class CompiledChunk:
    kind: str
    heads: frozenset[str]
    stop: frozenset[str]
    max_words: int
    min_words: int = 1
    refers_back: tuple[str, ...] = ()
