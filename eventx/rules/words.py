"""Word-level matching: the normalized keys of a word and whether a :class:`WordPattern` holds.

Rules are written with lemmas and forms; the morphology backends differ in how much they give
(camel: lemma + POS + clitics; builtin: heuristic clitics; tokenize-only: raw tokens). A word
therefore matches a lemma or form entry through a small set of normalized *keys*: its backend
lemma, its clitic-stripped form and light stems of that form (pronoun suffixes and the
accusative alef removed). The same light stemming is applied to the pattern entries, so both
sides are compared in one space.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventx.doc import Sentence, Token, Word
from eventx.rules.schema import WordPattern
from eventx.text.orthography import CONJUNCTION_CLITICS, PREPOSITION_CLITICS, normalize_key

__all__ = [
    "CompiledPattern",
    "WordView",
    "compile_pattern",
    "entry_keys",
    "light_stems",
    "sentence_views",
    "unsplit_stems",
]

_PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "كم", "نا", "ه")
_CLITIC_LETTERS = CONJUNCTION_CLITICS + PREPOSITION_CLITICS  # و ف ب ل ك, in that order
_PROCLITIC_PREFIXES = ("وبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", *_CLITIC_LETTERS)


@lru_cache(maxsize=65536)
def light_stems(key: str) -> frozenset[str]:
    """Normalized variants of a clitic-free form: itself, without a pronoun suffix, without the
    accusative/tanwin alef (هجوما → هجوم), without the article."""
    stems = {key}
    if len(key) > 4 and key.endswith("ا"):
        stems.add(key[:-1])
    for suffix in _PRONOUN_SUFFIXES:
        # A lone ه may be a normalized ة ("مدينه"), so it needs a longer remainder.
        if key.endswith(suffix) and len(key) - len(suffix) >= (4 if suffix == "ه" else 3):
            base = key[: -len(suffix)]
            stems.add(base)
            if base.endswith("ت") and len(base) > 3:  # مشاركتها → مشاركة (ة→ه after normalize_key)
                stems.add(base[:-1] + "ه")
            break
    for stem in list(stems):
        if stem.startswith("ال") and len(stem) > 4:
            stems.add(stem[2:])
    return frozenset(stems)


@lru_cache(maxsize=65536)
def unsplit_stems(key: str) -> frozenset[str]:
    """For tokens no backend has split: also try removing common proclitic strings."""
    stems = set(light_stems(key))
    for prefix in _PROCLITIC_PREFIXES:
        if key.startswith(prefix) and len(key) - len(prefix) >= 3:
            rest = key[len(prefix) :]
            if prefix.endswith("لل"):
                rest = "ال" + rest
            stems |= light_stems(rest)
    return frozenset(stems)


@dataclass(slots=True)
class WordView:
    """What the matcher needs of one stem word, computed once per sentence."""

    word: Word
    token: Token
    index: int
    """Index among the sentence's stem views."""
    keys: frozenset[str]
    lemma: str
    pos: str
    proclitics: tuple[str, ...]
    features: dict[str, str]

    @property
    def start(self) -> int:
        return self.word.start

    @property
    def end(self) -> int:
        return self.word.end


def sentence_views(sentence: Sentence) -> list[WordView]:
    """One view per token (its stem word), skipping nothing: punctuation tokens keep a view
    so that distances and clause breaks stay visible."""
    views: list[WordView] = []
    for token in sentence.tokens:
        stem = token.stem
        if stem is None:
            continue
        key = normalize_key(stem.form or stem.text)
        analysed = len(token.words) > 1 or stem.lemma is not None
        keys = set(light_stems(key) if analysed else unsplit_stems(key))
        lemma = normalize_key(stem.lemma_bare or stem.lemma or "")
        if lemma:
            keys.add(lemma)
        proclitics = tuple(normalize_key(w.form or w.text) for w in token.words if w.role == "proclitic")
        if not analysed:
            proclitics = tuple(p for p in _CLITIC_LETTERS if key.startswith(p) and len(key) > 3)[:1]
        views.append(
            WordView(
                word=stem,
                token=token,
                index=len(views),
                keys=frozenset(keys),
                lemma=lemma,
                pos=stem.pos,
                proclitics=proclitics,
                features=stem.features,
            )
        )
    return views


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    """A :class:`WordPattern` with its entries normalized and lexicons expanded."""

    lemmas: frozenset[str]
    forms: frozenset[str]
    prefixes: tuple[str, ...]
    pos: frozenset[str]
    not_pos: frozenset[str]
    features: tuple[tuple[str, str], ...]
    proclitics: frozenset[str]
    entity: frozenset[str]
    gap: int

    def terms(self) -> frozenset[str]:
        """Every normalized key that can make this pattern match (for indexing)."""
        return self.lemmas | self.forms

    def matches(self, view: WordView, entity_kind: str | None = None) -> bool:
        if self.lemmas or self.forms or self.prefixes:
            hit = bool(view.keys & self.lemmas) or bool(view.keys & self.forms)
            if not hit and self.prefixes:
                hit = any(k.startswith(p) for k in view.keys for p in self.prefixes)
            if not hit:
                return False
        if self.pos and view.pos != "X" and view.pos not in self.pos:
            return False
        if self.not_pos and view.pos in self.not_pos:
            return False
        for name, value in self.features:
            have = view.features.get(name)
            if have is not None and have != value:
                return False
        if self.proclitics and not (set(view.proclitics) & self.proclitics):
            return False
        return not (self.entity and entity_kind not in self.entity)


def expand_lexicons(entries: list[str], lexicons: dict[str, list[str]]) -> list[str]:
    """Entries with every ``@name`` replaced by the words of pack lexicon ``name``."""
    out: list[str] = []
    for entry in entries:
        out.extend(lexicons.get(entry[1:], []) if entry.startswith("@") else [entry])
    return out


def entry_keys(entries: list[str]) -> frozenset[str]:
    """Pack entries as written, normalized (no stemming: the word side is stemmed instead, and
    stemming entries would invent keys such as آلية → الي)."""
    return frozenset(key for entry in entries if (key := normalize_key(entry.strip())))


def compile_pattern(pattern: WordPattern, lexicons: dict[str, list[str]]) -> CompiledPattern:
    return CompiledPattern(
        lemmas=entry_keys(expand_lexicons(pattern.lemma, lexicons)),
        forms=entry_keys(expand_lexicons(pattern.form, lexicons)),
        prefixes=tuple(normalize_key(p) for p in expand_lexicons(pattern.prefix, lexicons)),
        pos=frozenset(pattern.pos),
        not_pos=frozenset(pattern.not_pos),
        features=tuple(sorted(pattern.features.items())),
        proclitics=frozenset(normalize_key(p) for p in pattern.proclitic),
        entity=frozenset(pattern.entity),
        gap=pattern.gap,
    )
