"""Choosing one camel-tools analysis per token, in sentence context.

camel-tools' analyzer returns every analysis the database licenses, in no useful order (the
first analysis of ``والتي`` reads it as و + آلة + ي, "and my machine"). Without the
pretrained MLE model this module ranks :class:`Candidate`s with the analyzer's own scores
(``pos_lex_logprob``) plus a handful of context rules that matter for news text:

* a diacritized input (``قُتل``) rules out analyses whose diacritics disagree with it, which
  is how the passive voice is recovered;
* prepositional ل/ب/ك (``li_prep``) beats emphatic or response لَ (``la_emph``, ``la_rc``);
* after a preposition, or with a prepositional proclitic, a verb is unlikely;
* a verb is likely right after أن/لن/لم/قد/سوف and, a little, at the start of a sentence;
* a known name (from the shipped NewsFANE-derived lexicon), or a word after a title such as
  الرئيس, prefers ``noun_prop``; an adjective agreeing with the preceding noun is preferred;
* spelling-variant (``spvar``) and back-off analyses, and first/second person forms, are
  penalised (news narrates in the third person).

The rules are greedy, left to right: each token sees the choice made for the previous one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from eventx.morph.base import Segment

__all__ = [
    "Candidate",
    "ContextDisambiguator",
    "Disambiguator",
    "FirstAnalysisDisambiguator",
]

_PREP_PROCLITICS = frozenset({"bi_prep", "li_prep", "ka_prep", "ta_prep", "wa_prep", "fiy_prep", "la_prep"})
_UNLIKELY_PROCLITICS = frozenset({"la_emph", "la_rc", "bi_part", "wa_prep", "ta_prep", "la_prep", "hA_dem"})
_NISBA = ("يه", "يون", "يين", "يان", "يتان", "يات")
_NOMINAL = frozenset({"noun", "noun_prop", "adj", "noun_num", "noun_quant", "adj_num", "adj_comp"})
# Bare keys (normalize_key) of words after which a verb is expected.
_VERB_TRIGGERS = frozenset({"ان", "لن", "لم", "قد", "سوف", "لقد", "كي", "لكي", "حتي", "بعدما", "عندما", "لما"})
# Titles and nouns that introduce a name ("الرئيس فلاديمير", "مدينة أفدييفكا").
_NAME_TRIGGERS = frozenset({
    "الرئيس", "رئيس", "الزعيم", "زعيم", "الشيخ", "وزير", "الوزير", "المتحدث", "الجنرال", "العقيد", "اللواء",
    "السيد", "السيده", "الملك", "الامير", "مدينه", "بلده", "قريه", "منطقه", "مقاطعه", "محافظه", "ولايه",
    "جمهوريه", "مملكه", "عاصمه", "نائب", "السفير", "الناطق", "مستشار", "المستشار",
})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One distinct analysis of a token, reduced to what segmentation and ranking need."""

    segments: tuple[Segment, ...]
    pos: str
    """camel-tools POS of the stem (``noun``, ``verb``, ``noun_prop`` ...)."""
    lex: str
    score: float
    """Analyzer log probability of (pos, lemma); unseen lemmas are clamped, never -99."""
    proclitics: tuple[str, ...] = ()
    enclitic: str = "0"
    person: str = "na"
    state: str = "na"
    source: str = "lex"
    diac_ok: bool = True
    diac_matches: int = 0
    stem_key: str = ""
    """normalize_key of the stem's surface (no clitics): what the name lexicon is keyed by."""
    mle_score: float = 0.0
    """Score from camel's pretrained MLE model when it is installed (0..1), else 0."""


class Disambiguator(Protocol):
    name: str

    def choose(self, tokens: Sequence[str], candidates: Sequence[Sequence[Candidate]]) -> list[int]:
        """Index of the chosen candidate for every token (each candidate list is non-empty)."""
        ...


class FirstAnalysisDisambiguator:
    """The baseline: take the analyzer's first analysis."""

    name = "first-analysis"

    def choose(self, tokens: Sequence[str], candidates: Sequence[Sequence[Candidate]]) -> list[int]:
        return [0 for _ in candidates]


class ContextDisambiguator:
    """Analyzer scores plus the context rules described in the module docstring."""

    name = "context-rules"

    def __init__(self, known_names: frozenset[str] = frozenset()) -> None:
        self.known_names = known_names

    def choose(self, tokens: Sequence[str], candidates: Sequence[Sequence[Candidate]]) -> list[int]:
        chosen: list[int] = []
        previous: Candidate | None = None
        previous_key = ""
        at_start = True
        for options in candidates:
            if len(options) == 1:
                best = 0
            else:
                scores = [self._score(c, previous, previous_key, at_start) for c in options]
                best = max(range(len(options)), key=scores.__getitem__)
            chosen.append(best)
            current = options[best]
            if current.pos != "punc":
                at_start = False
            elif current.stem_key in (".", "!", "?", "؟", ":"):
                at_start = True
            previous = current
            previous_key = current.stem_key if len(current.segments) == 1 else ""
        return chosen

    def _score(self, cand: Candidate, previous: Candidate | None, previous_key: str, at_start: bool) -> float:
        score = cand.score + 3.0 * cand.mle_score
        if not cand.diac_ok:
            return score - 100.0
        score += 0.75 * cand.diac_matches
        if cand.source == "spvar":
            score -= 1.5
        elif cand.source == "backoff":
            # an unknown word after و/ف is usually a name with a conjunction (وزيلينسكي)
            if cand.proclitics == ("wa_conj",) and len(cand.stem_key) >= 4:
                score += 0.5
            else:
                score -= 1.0 * len(cand.proclitics)
        if any(p in _UNLIKELY_PROCLITICS for p in cand.proclitics):
            score -= 4.0
        pos = cand.pos
        if pos == "verb":
            if cand.person in ("1", "2"):
                score -= 1.0
            if previous is not None and (previous.pos == "prep" and not previous.enclitic.endswith("_pron")):
                score -= 3.0
            if previous_key in _VERB_TRIGGERS:
                score += 2.0
            if at_start and cand.person == "3":
                score += 1.0
        if cand.enclitic[:1] in ("1", "2"):
            score -= 1.0
        if pos == "noun_prop" and cand.stem_key in self.known_names and not _looks_nisba(cand.stem_key):
            # nisba adjectives (الروسية) are tagged inside NewsFANE names but are adjectives
            score += 3.0
        if pos == "noun_prop" and cand.stem_key.startswith("ال") and _looks_nisba(cand.stem_key):
            score -= 1.5  # الأوكرانية after a noun is the adjective, not a name
        if pos == "noun_prop" and previous_key in _NAME_TRIGGERS:
            score += 1.5
        if (pos in ("adj", "adj_num") and previous is not None and previous.pos in _NOMINAL
                and _definiteness(cand) == _definiteness(previous)):
            score += 1.0
        return score


def _looks_nisba(key: str) -> bool:
    return key.endswith(_NISBA) or (key.startswith("ال") and key.endswith("ي"))


def _definiteness(cand: Candidate) -> str:
    if cand.pos == "noun_prop":
        return "d"
    return "d" if cand.state == "d" else "i" if cand.state == "i" else "c"
