"""The builtin morphology backend: model-free, heuristic, runs everywhere.

This is NOT a morphological analyzer. It splits clitics with a few orthographic rules checked
against a word list (word types of the NewsFANE news corpus, shipped in
``eventx/morph/data/newsfane_vocab.tsv``, CC BY-SA 3.0) and a hand-written list of function
words, and it guesses a POS from affixes. It gives no diacritized lemma (``lemma`` is
``None``); ``lemma_bare`` is the bare stem with the article removed, a light stem and not a
dictionary lemma. Install the camel-tools database for real morphology (see docs/backends.md).

The rules:

* a proclitic و/ف, then ب/ل/ك (or future س before an imperfect verb prefix), is split off
  only when what remains is attested in the word list at least half as often as the whole
  token, or is a function word, or starts with the article (``بالقوات``, ``للقوات``), or, for
  و/ف, is a long unattested word (``وزيلينسكي``);
* an enclitic pronoun (ها هم هما هن كم نا ه) is split off a function word (``عليهم``) or an
  attested stem (``مشاركتها`` → ``مشاركت`` with form ``مشاركة``);
* POS: function-word table, digits, the NewsFANE named-entity ratio for PROPN, verb
  prefixes/suffixes, masdar and nisba patterns, else NOUN.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import regex

from eventx.morph.base import BackendInfo, Segment
from eventx.text.orthography import (
    ARABIC_DIACRITICS,
    BIDI_AND_ZERO_WIDTH,
    CONJUNCTION_CLITICS,
    PREPOSITION_CLITICS,
    dediacritize,
    normalize_key,
)

__all__ = [
    "ARABIC_LETTER_RE",
    "MAX_ANALYZED_TOKEN_LENGTH",
    "BuiltinBackend",
    "FunctionWord",
    "load_function_words",
    "load_name_keys",
    "load_vocabulary",
    "nonword_segments",
]

ARABIC_LETTER_RE = regex.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF\uFB50-\uFDFF\uFE70-\uFEFC]")
_CLITIC_LETTERS = "".join(CONJUNCTION_CLITICS + PREPOSITION_CLITICS)  # a regex class: [وفبلك]
_NUMBER_RE = regex.compile(rf"^(?P<clitic>[{_CLITIC_LETTERS}]?)(?P<number>\d+(?:[.,\u066b\u066c]\d+)*%?)$")
_NOT_LETTERS = ARABIC_DIACRITICS | BIDI_AND_ZERO_WIDTH | {"\u0640"}

MAX_ANALYZED_TOKEN_LENGTH = 100
"""Tokens longer than this (in characters) get no morphological analysis: one stem word with
POS ``X``, no lemma, no features. Arabic words, even with all their clitics, stay far below
that (the longest tokens of the dev and saudi-2015 corpora have 13 and 16 characters), so a
longer token is noise (a repeated letter, a digit run, text glued without spaces), and
analyzing it costs time that grows with its length: camel-tools spends 10-18 s on one
10,000-20,000 character "word" (issue 18). Used by the camel and builtin backends."""


class FunctionWord(NamedTuple):
    pos: str
    lemma: str


# --- shipped data ----------------------------------------------------------------------------


def _data_lines(name: str) -> list[str]:
    text = resources.files("eventx.morph").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def load_vocabulary() -> dict[str, tuple[int, int]]:
    """normalize_key form -> (count, named-entity count) from the shipped NewsFANE word list."""
    vocab: dict[str, tuple[int, int]] = {}
    for line in _data_lines("newsfane_vocab.tsv"):
        key, count, names = line.split("\t")
        vocab[key] = (int(count), int(names))
    return vocab


@lru_cache(maxsize=1)
def load_name_keys() -> frozenset[str]:
    """Keys tagged as (part of) a named entity in at least half of their NewsFANE occurrences."""
    vocab = load_vocabulary()
    return frozenset(k for k, (count, names) in vocab.items() if names * 5 >= count * 3 and count >= 2 and len(k) > 2)


@lru_cache(maxsize=1)
def load_function_words() -> dict[str, FunctionWord]:
    table: dict[str, FunctionWord] = {}
    for line in _data_lines("function_words.tsv"):
        word, pos, lemma = line.split("\t")
        table.setdefault(normalize_key(word), FunctionWord(pos, lemma))
    return table


# --- tokens that need no analyzer ------------------------------------------------------------


def nonword_segments(token: str) -> tuple[Segment, ...] | None:
    """Segments for punctuation, symbols, numbers, Latin and emoji tokens, and the single ``X``
    word of an over-long token (:data:`MAX_ANALYZED_TOKEN_LENGTH`); ``None`` for Arabic words."""
    if not token:
        return (Segment(0, 0, "X"),)
    if len(token) > MAX_ANALYZED_TOKEN_LENGTH:
        # no analysis for an over-long token: its cost grows with the length (see the constant)
        return (Segment(0, len(token), "X", "stem"),)
    match = _NUMBER_RE.match(token)
    if match:
        cut = match.end("clitic")
        number = Segment(cut, len(token), "NUM", "stem", token[cut:], normalize_key(token[cut:]),
                         features=(("NumForm", "Digit"),))
        if cut:
            clitic = token[:cut]
            pos = "CCONJ" if clitic in CONJUNCTION_CLITICS else "ADP"
            return (Segment(0, cut, pos, "proclitic", clitic, clitic), number)
        return (number,)
    if ARABIC_LETTER_RE.search(token):
        return None
    categories = {unicodedata.category(ch)[0] for ch in token if ch not in BIDI_AND_ZERO_WIDTH}
    if categories <= {"P"}:
        pos = "PUNCT"
    elif categories <= {"S", "M"} or _is_emoji(token):
        pos = "SYM"
    elif categories <= {"N"}:
        pos = "NUM"
    else:
        pos = "X"  # Latin, other scripts, mixed letters and digits
    return (Segment(0, len(token), pos, "stem", token, normalize_key(token)),)


def _is_emoji(token: str) -> bool:
    return any(unicodedata.category(ch) == "So" or 0x1F000 <= ord(ch) <= 0x1FAFF for ch in token)


# --- the heuristic analysis ------------------------------------------------------------------

_ENCLITICS = ("هما", "هم", "هن", "ها", "كم", "كن", "نا", "ه")
_ENCLITIC_FEATURES = {
    "هما": (("Number", "Dual"), ("Person", "3")),
    "هم": (("Gender", "Masc"), ("Number", "Plur"), ("Person", "3")),
    "هن": (("Gender", "Fem"), ("Number", "Plur"), ("Person", "3")),
    "ها": (("Gender", "Fem"), ("Number", "Sing"), ("Person", "3")),
    "كم": (("Gender", "Masc"), ("Number", "Plur"), ("Person", "2")),
    "كن": (("Gender", "Fem"), ("Number", "Plur"), ("Person", "2")),
    "نا": (("Number", "Plur"), ("Person", "1")),
    "ه": (("Gender", "Masc"), ("Number", "Sing"), ("Person", "3")),
}
_ENCLITIC_LEMMA = {"هما": "هُمَا", "هم": "هُم", "هن": "هُنَّ", "ها": "هِيَ", "كم": "أَنْتُم", "كن": "أَنْتُنَّ",
                   "نا": "نَحْنُ", "ه": "هُوَ"}
_PROCLITIC_LEMMA = {"و": "وَ", "ف": "فَ", "ب": "بِ", "ل": "لِ", "ك": "كَ", "س": "سَ"}
_PROCLITIC_POS = {"و": "CCONJ", "ف": "CCONJ", "ب": "ADP", "ل": "ADP", "ك": "ADP", "س": "AUX"}
_IMPERFECT_PREFIXES = ("ي", "ت", "ن", "ا")


class _Split(NamedTuple):
    proclitics: tuple[int, ...]
    """Letter counts of the proclitics, in order."""
    stem_key: str
    stem_form: str | None
    enclitic: str | None


class BuiltinBackend:
    """Heuristic clitic splitting and POS guessing (see the module docstring)."""

    name = "builtin"

    def __init__(self) -> None:
        self._vocab = load_vocabulary()
        self._functions = load_function_words()
        self._cache: dict[str, tuple[Segment, ...]] = {}

    def analyze_sentence(self, tokens: Sequence[str]) -> list[list[Segment]]:
        result: list[list[Segment]] = []
        previous = ""
        for token in tokens:
            segments = self._cache.get(token)
            if segments is None:
                segments = self.analyze_token(token)
                if len(self._cache) < 200_000:
                    self._cache[token] = segments
            if previous in ("ADP",) and segments[-1].pos == "VERB" and len(segments) == 1:
                # after a preposition a verb guess is wrong far more often than right
                seg = segments[0]
                segments = (Segment(seg.start, seg.end, "NOUN", seg.role, seg.lemma, seg.lemma_bare, seg.form,
                                    seg.features),)
            previous = segments[-1].pos
            result.append(list(segments))
        return result

    def analyze_token(self, token: str) -> tuple[Segment, ...]:
        special = nonword_segments(token)
        if special is not None:
            return special
        letters = [i for i, ch in enumerate(token) if ch not in _NOT_LETTERS]
        key = normalize_key("".join(token[i] for i in letters))
        if not letters or len(key) != len(letters):
            return (Segment(0, len(token), self._guess_pos(key), "stem", None, key),)
        # normalize_key writes ة as ه, so the surface decides whether a final ه is a pronoun.
        split = self._split(key, ta_marbuta=token[letters[-1]] == "\u0629")
        return self._segments(token, letters, key, split)

    # splitting -------------------------------------------------------------------------------

    def _count(self, key: str) -> int:
        return self._vocab.get(key, (0, 0))[0]

    def _attested(self, key: str) -> bool:
        return key in self._functions or self._count(key) > 0

    def _split(self, key: str, ta_marbuta: bool = False) -> _Split:
        if key in self._functions:
            return _Split((), key, None, None)
        whole = self._count(key)
        best: _Split | None = None
        for proclitics in self._proclitic_options(key):
            rest = key[sum(proclitics):]
            form = None
            if proclitics and proclitics[-1] == 1 and key[sum(proclitics) - 1] == "ل" and rest.startswith("ل") and (
                    self._count("ا" + rest) > 0 or len(rest) >= 4):
                form = "ا" + rest  # للقوات = ل + (ا)لقوات
            if self._accept_proclitics(key, proclitics, rest, form, whole):
                best = _Split(proclitics, rest, form, None)
                break
        if best is None:
            best = _Split((), key, None, None)
        return self._split_enclitic(best, ta_marbuta)

    def _proclitic_options(self, key: str) -> list[tuple[int, ...]]:
        options: list[tuple[int, ...]] = []
        conj = (1,) if key[:1] in CONJUNCTION_CLITICS else ()
        for first in ((), conj) if conj else ((),):
            rest = key[sum(first):]
            if rest[:1] in PREPOSITION_CLITICS:
                options.append((*first, 1))
            if rest[:1] == "س" and rest[1:2] in _IMPERFECT_PREFIXES and len(rest) >= 5:
                options.append((*first, 1))
            if first:
                options.append(first)
        options.sort(key=lambda p: -sum(p))
        return options

    def _accept_proclitics(self, key: str, proclitics: tuple[int, ...], rest: str, form: str | None,
                           whole: int) -> bool:
        if len(rest) < 2:
            return False
        target = form or rest
        if target in self._functions and len(target) > 1:
            return True
        if target.startswith("ال") and len(target) >= 5:
            return True
        count = self._count(target)
        if len(target) >= 3 and count >= 2 and count * 2 >= whole:
            return True
        first = key[0]
        return bool(
            whole == 0 and count == 0 and first in CONJUNCTION_CLITICS and len(proclitics) == 1 and len(rest) >= 5
        )

    def _split_enclitic(self, split: _Split, ta_marbuta: bool = False) -> _Split:
        stem = split.stem_form or split.stem_key
        base = self._functions.get(stem)
        if base is not None:
            return split
        for enclitic in _ENCLITICS:
            if not stem.endswith(enclitic) or len(stem) - len(enclitic) < 1 or (ta_marbuta and enclitic == "ه"):
                continue
            rest = stem[: -len(enclitic)]
            if rest in self._functions and self._functions[rest].pos in ("ADP", "SCONJ"):
                # على/إلى/لدى write ي before a pronoun (عليهم), which normalize_key already unifies
                return split._replace(enclitic=enclitic, stem_form=rest if split.stem_form else None)
            if len(rest) < 3 or (enclitic == "ه" and len(rest) < 4):
                continue
            candidates = [rest[:-1] + "ه"] if rest.endswith("ت") else []
            candidates.append(rest)
            whole = self._count(stem)
            for candidate in candidates:
                if self._count(candidate) >= 3 and self._count(candidate) >= whole:
                    return split._replace(enclitic=enclitic, stem_form=candidate)
        return split

    # segments --------------------------------------------------------------------------------

    def _segments(self, token: str, letters: list[int], key: str, split: _Split) -> tuple[Segment, ...]:
        segments: list[Segment] = []
        pos_letter = 0
        for length in split.proclitics:
            start, end = letters[pos_letter], letters[pos_letter + length]
            clitic = key[pos_letter : pos_letter + length]
            segments.append(Segment(start, end, _PROCLITIC_POS.get(clitic, "PART"), "proclitic",
                                    _PROCLITIC_LEMMA.get(clitic), clitic))
            pos_letter += length
        enc_len = len(split.enclitic) if split.enclitic else 0
        stem_end_letter = len(letters) - enc_len
        stem_start = letters[pos_letter]
        stem_end = letters[stem_end_letter] if enc_len else len(token)
        stem_key = key[pos_letter:stem_end_letter]
        form_key = split.stem_form
        surface = token[stem_start:stem_end]
        form = None
        if form_key is not None and form_key != stem_key:
            form = _restore_spelling(dediacritize(surface), form_key)
        segments.append(self._stem_segment(stem_start, stem_end, form_key or stem_key, form))
        if split.enclitic:
            segments.append(Segment(stem_end, len(token), "PRON", "enclitic", _ENCLITIC_LEMMA[split.enclitic],
                                    normalize_key(dediacritize(_ENCLITIC_LEMMA[split.enclitic])), None,
                                    (("PronType", "Prs"), *_ENCLITIC_FEATURES[split.enclitic])))
        return tuple(segments)

    def _stem_segment(self, start: int, end: int, key: str, form: str | None) -> Segment:
        function = self._functions.get(key)
        if function is not None:
            lemma_bare = normalize_key(dediacritize(function.lemma))
            return Segment(start, end, function.pos, "stem", function.lemma, lemma_bare,
                           form)
        pos = self._guess_pos(key)
        light = key[2:] if key.startswith("ال") and len(key) > 4 else key
        features: list[tuple[str, str]] = []
        if key.startswith("ال") and pos in ("NOUN", "ADJ", "PROPN"):
            features.append(("Definite", "Def"))
        features.append(("Stem_Bare", light))
        return Segment(start, end, pos, "stem", None, light, form, tuple(sorted(features)))

    def _guess_pos(self, key: str) -> str:
        if not key:
            return "X"
        if key in load_name_keys():
            return "PROPN"
        bare = key[2:] if key.startswith("ال") else key
        if key.startswith("ال"):
            return "ADJ" if bare.endswith(("يه", "يين", "يون")) and len(bare) >= 4 else "NOUN"
        if bare.endswith(("يه",)) and len(bare) >= 5:
            return "ADJ"
        if len(key) >= 4 and key[0] in ("ي", "ت", "ن") and not key.endswith(("ات", "ه", "يه")):
            return "VERB"
        if 3 <= len(key) <= 5 and key.endswith(("وا", "ت")) and not key.endswith("ات"):
            return "VERB"
        if regex.match(r"^(ت..ي.|ا..ا.|ان..ا.|ا.ت.ا.|است..ا.|م.ا..ه)$", key):
            return "NOUN"
        return "NOUN"

    def info(self) -> BackendInfo:
        return BackendInfo(
            name="builtin",
            description=(
                "builtin heuristic clitic splitter (no model; word list from NewsFANE, CC BY-SA 3.0, "
                f"{len(self._vocab)} types)"
            ),
            upgrade_hint=(
                "for real morphology (lemmas, voice, features) install the camel-tools database: "
                "`camel_data -i morphology-db-msa-r13` on a connected machine, then set CAMELTOOLS_DATA"
            ),
            details={"vocabulary": "eventx/morph/data/newsfane_vocab.tsv"},
        )


def _restore_spelling(surface: str, form_key: str) -> str:
    """The dictionary spelling from a normalized key, keeping the surface's hamza letters."""
    restored = "ا" + surface if form_key.startswith("ا") and surface.startswith("ل") else surface
    if form_key.endswith("ه") and restored.endswith("ت"):
        restored = restored[:-1] + "ة"
    return restored
