"""Realis and attribution from cue words around a trigger (cues are pack data, see cues.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from eventx.doc import EntitySpan
from eventx.rules.context import SentenceContext
from eventx.rules.schema import AttributionCues, CueSet, RealisCues
from eventx.rules.words import entry_keys
from eventx.text.orthography import CONJUNCTION_CLITICS, normalize_key

__all__ = [
    "CompiledCueSet",
    "CompiledCues",
    "compile_cue_set",
    "compile_cues",
    "cue_applies",
    "find_attribution",
    "find_realis",
    "is_hypothetical",
]


@dataclass(frozen=True, slots=True)
class CompiledCueSet:
    words: frozenset[str]
    phrases: tuple[str, ...]
    window: int
    future_prefix: bool


@dataclass(frozen=True, slots=True)
class CompiledCues:
    realis: tuple[tuple[str, CompiledCueSet], ...]
    """In priority order: negated, possible, planned."""
    attribution_verbs: frozenset[str]
    attribution_preps: frozenset[str]
    attribution_kinds: frozenset[str]


def compile_cue_set(cues: CueSet) -> CompiledCueSet:
    return CompiledCueSet(
        words=entry_keys(cues.before),
        phrases=tuple(normalize_key(p) for p in cues.phrases),
        window=cues.window,
        future_prefix=cues.future_prefix,
    )


def compile_cues(realis: RealisCues, attribution: AttributionCues) -> CompiledCues:
    return CompiledCues(
        realis=(
            ("negated", compile_cue_set(realis.negated)),
            ("possible", compile_cue_set(realis.possible)),
            ("planned", compile_cue_set(realis.planned)),
        ),
        attribution_verbs=entry_keys(attribution.verbs),
        attribution_preps=entry_keys(attribution.prepositions),
        attribution_kinds=frozenset(attribution.kinds),
    )


def _clause_prefix(context: SentenceContext, index: int) -> str:
    """Normalized text from the start of the trigger's clause up to the trigger."""
    clause = context.clause_of[index]
    clause_start = next(v.token.start for v in context.views if context.clause_of[v.index] == clause)
    sentence_start = context.sentence.start
    view = context.views[index]
    return normalize_key(context.sentence.text[clause_start - sentence_start : view.token.start - sentence_start])


def _cue_holds(context: SentenceContext, cue: CompiledCueSet, index: int, prefix_text: str) -> bool:
    view = context.views[index]
    clause = context.clause_of[index]
    if cue.future_prefix and ("س" in view.proclitics or _has_future_prefix(view.token.text, view.lemma)):
        return True
    for j in range(max(0, index - cue.window), index):
        if context.clause_of[j] == clause and context.views[j].keys & cue.words:
            return True
    return any(phrase in prefix_text for phrase in cue.phrases)


def find_realis(context: SentenceContext, cues: CompiledCues, index: int) -> str:
    prefix_text = _clause_prefix(context, index)
    for value, cue in cues.realis:
        if _cue_holds(context, cue, index, prefix_text):
            return value
    return "actual"


def cue_applies(context: SentenceContext, cue: CompiledCueSet, index: int) -> bool:
    """Whether one of the cue set's words or phrases stands before the word at ``index``."""
    if not (cue.words or cue.phrases):
        return False
    return _cue_holds(context, cue, index, _clause_prefix(context, index))


def is_hypothetical(context: SentenceContext, cue: CompiledCueSet, index: int) -> bool:
    """A conditional or hypothetical mention ("في حال تعرضه لهجوم") that reports no event."""
    return cue_applies(context, cue, index)


def _has_future_prefix(token_text: str, lemma: str) -> bool:
    """ "ستنتشر", "سيدخل", "وستدخل": the future proclitic before an imperfect prefix.

    Only trusted with a lemma that does not itself start with س (سيطرت is not future)."""
    if not lemma or lemma.startswith("س"):
        return False
    key = normalize_key(token_text)
    if key.startswith(CONJUNCTION_CLITICS):
        key = key[1:]
    return len(key) > 3 and key[0] == "س" and key[1] in "يتنا"


def find_attribution(context: SentenceContext, cues: CompiledCues, index: int) -> EntitySpan | None:
    """The source of the report: subject of a reporting verb or object of "بحسب/وفقا ل/نقلا عن".

    Looks before the trigger first (nearest cue wins), then after it in the same sentence. A
    source that is no named entity ("المعلومات الاستخباراتية", "الصحف الغربية") is taken as the
    noun phrase after the cue.
    """
    order = [*range(index - 1, -1, -1), *range(index + 1, len(context.views))]
    for j in order:
        keys = context.views[j].keys
        is_verb = bool(keys & cues.attribution_verbs)
        is_prep = bool(keys & cues.attribution_preps)
        if not (is_verb or is_prep):
            continue
        for k in range(j + 1, min(len(context.views), j + 5)):
            slot = context.entity_at[k]
            if slot is not None and slot.entity.kind in cues.attribution_kinds and slot.entity.source != "chunk":
                if is_verb and slot.prep is not None:
                    continue
                return slot.entity
        phrase = _source_phrase(context, j + 1)
        if phrase is not None:
            return phrase
    return None


_NOT_SOURCE_START = frozenset(
    normalize_key(w)
    for w in ("ان", "أن", "إن", "ما", "لما", "الى", "إلى", "على", "في", "عن", "من", "له", "لها", "ذلك", "هذا", "هذه")
)


def _source_phrase(context: SentenceContext, start: int) -> EntitySpan | None:
    """Up to three nouns/adjectives after a cue, as an OTHER mention (no verbs, particles, breaks)."""
    views = context.views
    if start >= len(views):
        return None
    first = views[start]
    if first.pos not in ("NOUN", "PROPN", "ADJ", "X") or normalize_key(first.word.text) in _NOT_SOURCE_START:
        return None
    if not first.word.text[:1].isalpha() or context.clause_of[start] != context.clause_of[start - 1]:
        return None
    last = start
    while (
        last + 1 < len(views)
        and last - start < 2
        and views[last + 1].pos in ("NOUN", "ADJ", "PROPN")
        and context.clause_of[last + 1] == context.clause_of[start]
        and not views[last + 1].proclitics
    ):
        last += 1
    begin, end = views[start].word.start, views[last].word.end
    offset = context.sentence.start
    return EntitySpan(
        text=context.sentence.text[begin - offset : end - offset], start=begin, end=end, kind="OTHER", source="cue"
    )
