"""Find known names (countries, nisba adjectives, places, people, organizations, forces) in text.

:class:`Gazetteer` indexes name entries by their word keys (:func:`~eventx.normalize.variants.
match_key`), and :meth:`Gazetteer.find_all` scans a text once, left to right, looking each word
up in a dict keyed by first word (no regex alternation over thousands of names), so it keeps
up with every document of a pipeline. At each word it takes the LONGEST of:

* a table entry (exact words; a leading و/ف + ب/ل/ك clitic may precede the first word and is
  left out of the span; "للقوات" spans "قوات", GOLD_FORMAT decision 7);
* the same entry through the transliteration skeleton, for entries flagged ``fuzzy``
  (بيونج يانج = بيونغ يانغ = بيونغيانغ);
* a place-type pattern: "مقاطعة كورسك", "مدينة أفدييفكا", "جمهورية كوريا الشمالية";
* an actor pattern: a force or organ head noun, optional modifiers, and an owner that is a
  country, a nisba adjective, a capital or a state organ ("القوات الكورية الشمالية" → PRK,
  "جيش الاحتلال" → ISR, "قوات الأمن التابعة لليبيا" → LBY, "وزارة الدفاع الروسية" → RUS).

Every match becomes an :class:`eventx.doc.EntitySpan` whose offsets index the ORIGINAL text
(``text[span.start:span.end] == span.text``), with ``source="gazetteer"`` and
``meta = {"actor_id": ..., "place_id": ..., "tags": [...]}``: ``id`` is the mention id of
spec §4 (a capital keeps its ``geonames:`` id, a state organ or force has its state's code),
``actor_id`` is the state the name stands for when it acts (see :mod:`eventx.normalize.linking`).

The default tables live in ``eventx/normalize/data/`` (TSV with a header comment naming
sources); :func:`get_gazetteer` builds them once per process. Users add names with
:meth:`Gazetteer.add` or whole files with :meth:`Gazetteer.load` (TSV or YAML).
"""

from __future__ import annotations

import csv
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from eventx.doc import EntitySpan
from eventx.errors import ConfigurationError
from eventx.normalize.variants import MIN_SKELETON_LENGTH, match_key, skeleton_key, word_skeleton
from eventx.records import ENTITY_KINDS
from eventx.text.orthography import normalize_with_offsets
from eventx.text.tokenize import tokenize_spans

__all__ = [
    "DATA_DIR",
    "RUNNING_TEXT_MIN_POPULATION",
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerRow",
    "get_gazetteer",
    "reset_gazetteer",
]

DATA_DIR = Path(__file__).with_name("data")

# Priorities decide between entries sharing a key: a user's entry beats the curated tables,
# which beat names generated from GeoNames (which holds noise such as "امان" for Amman).
PRIORITY_USER = 30
PRIORITY_CURATED = 20
PRIORITY_GENERATED = 10

# States whose place names are native Arabic: their names are not transliterations, so the
# loose skeleton (which would merge حلب and حلبا) is not used for them.
ARAB_STATES = frozenset({
    "ARE", "BHR", "COM", "DJI", "DZA", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY",
    "MAR", "MRT", "OMN", "PSE", "QAT", "SAU", "SDN", "SOM", "SYR", "TUN", "YEM",
})
_CLITIC_CONJUNCTIONS = ("", "و", "ف")
_CLITIC_PREPOSITIONS = ("", "ب", "ل", "ك")
_TABI_WORDS = frozenset(match_key(w) for w in ("التابعة", "التابع", "التابعين", "التابعون", "التابعتين"))
_OPEN_QUOTES = frozenset("«\"“'‘")
_CLOSE_QUOTES = frozenset("»\"”'’")
# Words that cannot be the unknown name after an open place-type word ("قرية في ...").
_FUNCTION_WORDS = frozenset(
    match_key(w)
    for w in (
        "في", "من", "على", "إلى", "الى", "عن", "مع", "التي", "الذي", "الذين", "و", "أو", "ثم",
        "حيث", "قد", "لا", "لم", "لن", "ما", "هذا", "هذه", "ذلك", "تلك", "بعد", "قبل",
    )
)
_PLAIN_WORDS = re.compile(r"^[\u0621-\u064aA-Za-z ]+$")
_POSSESSIVE_SUFFIXES = ("ه", "ها", "هم", "هما", "نا", "كم")
RUNNING_TEXT_MIN_POPULATION = 500_000
"""A GeoNames-only city name is matched in running text when the city is at least this big."""
_PLACE_LEVELS = ("region", "settlement", "state", "territory")
_MAX_INTERMEDIATES = 3
"""Modifiers (and, after an organ head, definite words) allowed between a head and its owner."""


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One name of one thing. ``id`` is the spec §4 mention id; ``actor_id`` its state as actor."""

    name: str
    kind: str
    canonical: str | None = None
    id: str | None = None
    actor_id: str | None = None
    place_id: str | None = None
    source: str = "user"
    fuzzy: bool = False
    priority: int = PRIORITY_USER
    weight: int = 0
    """Tie-breaker inside one priority (population for GeoNames cities)."""
    tags: frozenset[str] = frozenset()
    score: float = 1.0
    country: str | None = None
    """ISO alpha-3 code of the state a place lies in (also for regions without an id)."""


class GazetteerRow(BaseModel):
    """One row of a user's TSV or YAML file (validated: unknown columns are an error)."""

    model_config = ConfigDict(extra="forbid")

    name: str
    kind: str
    canonical: str | None = None
    id: str | None = None
    actor_id: str | None = None
    place_id: str | None = None
    fuzzy: bool | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in ENTITY_KINDS:
            raise ValueError(f"kind must be one of {', '.join(ENTITY_KINDS)}, got {value!r}")
        return value

    @field_validator("canonical", "id", "actor_id", "place_id", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    key: str
    offsets: tuple[int, ...] | None
    """Original index (relative to ``start``) of each key character, None when 1:1."""
    is_word: bool

    def original(self, key_index: int) -> int:
        return self.start + (self.offsets[key_index] if self.offsets is not None else key_index)


@dataclass(slots=True)
class _Match:
    first: int
    last: int  # index of the last token, inclusive
    start: int
    end: int
    entry: GazetteerEntry
    pattern: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(slots=True)
class _HeadInfo:
    role: str  # force | organ
    bare: bool
    english: str


@dataclass(slots=True)
class _PlaceType:
    level: str  # region | settlement | state
    english: str
    open: bool


@dataclass(slots=True)
class Gazetteer:
    """A name index with a fast longest-match scanner; see the module doc."""

    _exact: dict[tuple[str, ...], list[GazetteerEntry]] = field(default_factory=dict)
    _max_words: dict[str, int] = field(default_factory=dict)
    _skeletons: dict[str, list[GazetteerEntry]] = field(default_factory=dict)
    _skeleton_prefixes: set[str] = field(default_factory=set)
    _max_skeleton_words: int = 1
    _heads: dict[str, _HeadInfo] = field(default_factory=dict)
    _modifiers: set[str] = field(default_factory=set)
    _place_types: dict[str, _PlaceType] = field(default_factory=dict)
    _entries: list[GazetteerEntry] = field(default_factory=list)
    state_names: dict[str, str] = field(default_factory=dict)
    """ISO alpha-3 → English short name, for the canonical name of pattern matches."""
    homographs: set[str] = field(default_factory=set)
    """Match keys of names that are also common words ("مالي" = Mali / financial): their
    spans carry the tag ``homograph`` and need confirmation (:mod:`eventx.ner.combine`)."""

    # ------------------------------------------------------------------ building
    def add(
        self,
        name: str,
        kind: str,
        canonical: str | None = None,
        id: str | None = None,
        *,
        actor_id: str | None = None,
        place_id: str | None = None,
        fuzzy: bool | None = None,
        tags: Iterable[str] = (),
        source: str = "user",
        priority: int = PRIORITY_USER,
        weight: int = 0,
        score: float = 1.0,
        country: str | None = None,
    ) -> GazetteerEntry:
        """Add one name. ``fuzzy`` (default: True for people) enables the skeleton match."""
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"gazetteer name must be a non-empty string, got {name!r}")
        if kind not in ENTITY_KINDS:
            raise ValueError(f"kind must be one of {', '.join(ENTITY_KINDS)}, got {kind!r}")
        entry = GazetteerEntry(
            name=name.strip(),
            kind=kind,
            canonical=canonical,
            id=id,
            actor_id=actor_id,
            place_id=place_id,
            source=source,
            fuzzy=(kind == "PER") if fuzzy is None else fuzzy,
            priority=priority,
            weight=weight,
            tags=frozenset(tags),
            score=score,
            country=country,
        )
        self.add_entry(entry)
        return entry

    def add_entry(self, entry: GazetteerEntry) -> None:
        words = tuple(_word_keys(entry.name))
        if not words:
            return
        self._entries.append(entry)
        self._insert(words, entry)
        if len(words) > 1:  # "بيونغ يانغ" also written "بيونغيانغ"
            self._insert(("".join(words),), entry)
        if entry.fuzzy:
            skeleton = skeleton_key(entry.name)
            if len(skeleton) >= MIN_SKELETON_LENGTH:
                _insert_sorted(self._skeletons.setdefault(skeleton, []), entry)
                self._skeleton_prefixes.update(skeleton[:n] for n in range(1, len(skeleton) + 1))
                self._max_skeleton_words = max(self._max_skeleton_words, len(words))

    def _insert(self, words: tuple[str, ...], entry: GazetteerEntry) -> None:
        _insert_sorted(self._exact.setdefault(words, []), entry)
        if self._max_words.get(words[0], 0) < len(words):
            self._max_words[words[0]] = len(words)

    def add_head(self, form: str, role: str, *, bare: bool = False, english: str = "") -> None:
        """Register a force/organ head noun (``role`` force|organ) or a ``modifier`` word."""
        key = match_key(form.strip())
        if role == "modifier":
            self._modifiers.add(key)
        elif role in ("force", "organ"):
            self._heads[key] = _HeadInfo(role, bare, english)
        else:
            raise ValueError(f"head role must be force, organ or modifier, got {role!r}")

    def add_place_type(self, form: str, level: str, english: str = "", *, open_: bool = False) -> None:
        """Register a word such as مقاطعة / مدينة / جمهورية that may precede a place name."""
        if level not in _PLACE_LEVELS:
            raise ValueError(f"place-type level must be one of {', '.join(_PLACE_LEVELS)}, got {level!r}")
        self._place_types[match_key(form.strip())] = _PlaceType(level, english, open_)

    def add_homograph(self, name: str) -> None:
        """Mark ``name`` as also a common word: its plain matches (not "جمهورية مالي") are
        tagged ``homograph`` and kept only with confirmation (:func:`eventx.ner.combine.merge_entities`)."""
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"homograph must be a non-empty string, got {name!r}")
        self.homographs.add(match_key(name.strip()))

    def load(self, path: str | Path) -> int:
        """Add the rows of a user TSV (header: name, kind, canonical, id, ...) or YAML list file.

        Returns the number of names added. Errors name the file and the row.
        """
        path = Path(path)
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            if not isinstance(raw, list):
                raise ConfigurationError(f"{path}: a gazetteer YAML file must be a list of entries")
            rows: list[dict[str, Any]] = raw
        else:
            rows = list(read_tsv(path))
        added = 0
        for number, row in enumerate(rows, start=1):
            try:
                parsed = GazetteerRow.model_validate(row)
            except ValidationError as error:
                raise ConfigurationError(f"{path}: entry {number} ({row!r}) is invalid: {error}") from error
            self.add(
                parsed.name,
                parsed.kind,
                parsed.canonical,
                parsed.id,
                actor_id=parsed.actor_id,
                place_id=parsed.place_id,
                fuzzy=parsed.fuzzy,
                source=path.name,
            )
            added += 1
        return added

    @property
    def entries(self) -> list[GazetteerEntry]:
        return list(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    # ------------------------------------------------------------------ matching
    def find_all(self, text: str, *, all_places: bool = False) -> list[EntitySpan]:
        """Every known name in ``text``, left to right, longest first, never overlapping.

        GeoNames holds thousands of Arabic town names that are also common words (كان is
        Cannes, وقف a town in Egypt), so in running text a generated place name only counts
        when it is large (:data:`RUNNING_TEXT_MIN_POPULATION`) or follows a place-type word
        ("بلدة كفرنبل"). ``all_places=True`` lifts this for a text known to be a name (linking).
        """
        if not isinstance(text, str):
            raise TypeError(f"Gazetteer.find_all() expects str, got {type(text).__name__}")
        tokens = _tokens(text)
        spans: list[EntitySpan] = []
        index = 0
        while index < len(tokens):
            match = self.match_at(tokens, index, all_places=all_places) if tokens[index].is_word else None
            if match is None:
                index += 1
                continue
            span = _to_span(text, match)
            if not match.pattern and match_key(span.text) in self.homographs:
                span.meta["tags"] = [*span.meta["tags"], "homograph"]
            spans.append(span)
            index = match.last + 1
        return spans

    def match_at(self, tokens: list[_Token], index: int, *, all_places: bool = False) -> _Match | None:
        """The longest match starting at token ``index`` (clitics on that token allowed)."""
        best: _Match | None = None
        for candidate in (
            self._table_match(tokens, index, all_places=all_places),
            self._place_type_match(tokens, index),
            self._actor_match(tokens, index),
        ):
            if candidate is not None and (best is None or candidate.length > best.length):
                best = candidate
        return best

    def _table_match(
        self, tokens: list[_Token], index: int, *, clitics: bool = True, all_places: bool = False
    ) -> _Match | None:
        best: _Match | None = None
        for key, skip in _clitic_variants(tokens[index].key) if clitics else ((tokens[index].key, 0),):
            exact = self._exact_match(tokens, index, key, skip, all_places=all_places)
            for match in (exact, self._skeleton_match(tokens, index, key, skip)):
                if match is not None and (best is None or match.last > best.last):
                    best = match
        return best

    def _exact_match(
        self, tokens: list[_Token], index: int, key: str, skip: int, *, all_places: bool = True
    ) -> _Match | None:
        max_words = self._max_words.get(key)
        if max_words is None:
            return None
        words = [key]
        last = index
        found: tuple[int, GazetteerEntry] | None = None
        entry = _usable(self._exact.get((key,)), all_places)
        if entry is not None:
            found = (index, entry)
        while len(words) < max_words and last + 1 < len(tokens):
            last += 1
            words.append(tokens[last].key)
            entry = _usable(self._exact.get(tuple(words)), all_places)
            if entry is not None:
                found = (last, entry)
        if found is None:
            return None
        last, entry = found
        return _Match(index, last, tokens[index].original(skip), tokens[last].end, entry)

    def _skeleton_match(self, tokens: list[_Token], index: int, key: str, skip: int) -> _Match | None:
        if not self._skeletons:
            return None
        joined = ""
        found: tuple[int, GazetteerEntry] | None = None
        for last in range(index, min(len(tokens), index + self._max_skeleton_words + 1)):
            token = tokens[last]
            if not token.is_word:
                break
            joined += key if last == index else token.key
            skeleton = word_skeleton(joined)
            if skeleton not in self._skeleton_prefixes:
                break
            entries = self._skeletons.get(skeleton)
            words_used = last - index + 1
            # A name may be written with FEWER spaces than listed (بيونغيانغ), never with more:
            # "أن غارة" must not become أنقرة.
            entry = next((e for e in entries or () if words_used <= len(_word_keys(e.name))), None)
            if entry is not None and len(skeleton) >= MIN_SKELETON_LENGTH:
                found = (last, entry)
        if found is None:
            return None
        last, entry = found
        return _Match(index, last, tokens[index].original(skip), tokens[last].end, entry)

    def _place_type_match(self, tokens: list[_Token], index: int) -> _Match | None:
        for key, skip in _clitic_variants(tokens[index].key):
            place_type = self._place_types.get(key)
            if place_type is None:
                continue
            return self._after_place_type(tokens, index, skip, place_type)
        return None

    def _after_place_type(self, tokens: list[_Token], index: int, skip: int, place_type: _PlaceType) -> _Match | None:
        name_index = index + 1
        quoted = name_index < len(tokens) and tokens[name_index].key in _OPEN_QUOTES
        if quoted:
            name_index += 1
        if name_index >= len(tokens) or not tokens[name_index].is_word:
            return None
        inner = self._table_match(tokens, name_index, clitics=False, all_places=True)
        last = inner.last if inner is not None else name_index
        if quoted:
            if last + 1 >= len(tokens) or tokens[last + 1].key not in _CLOSE_QUOTES:
                return None
            last += 1
        start = tokens[index].original(skip)
        nisba_allowed = place_type.level == "territory"
        is_place = inner is not None and inner.entry.kind in ("GPE", "LOC")
        if inner is not None and is_place and ("nisba" not in inner.entry.tags or nisba_allowed):
            entry = _typed_place(inner.entry, place_type)
            if entry is not None:
                return _Match(index, last, start, tokens[last].end, entry, pattern=True)
            return None
        if inner is None and place_type.open and tokens[name_index].key not in _FUNCTION_WORDS:
            entry = GazetteerEntry(name="", kind="GPE", source="pattern:place-type", tags=frozenset({"unknown"}),
                                   score=0.6)
            return _Match(index, last, start, tokens[last].end, entry, pattern=True)
        return None

    def _actor_match(self, tokens: list[_Token], index: int) -> _Match | None:
        for key, skip in _clitic_variants(tokens[index].key):
            head = self._heads.get(key)
            if head is not None:
                return self._after_head(tokens, index, skip, head)
        return None

    def _after_head(
        self, tokens: list[_Token], index: int, skip: int, head: _HeadInfo, *, depth: int = 0
    ) -> _Match | None:
        position = index + 1
        last_of_head = index
        intermediates = 0
        owner: _Match | None = None
        while position < len(tokens) and tokens[position].is_word:
            key = tokens[position].key
            owner = self._owner_at(tokens, position, head, depth=depth)
            if owner is not None:
                break
            if key in _TABI_WORDS and position + 1 < len(tokens):
                owner = self._owner_at(tokens, position + 1, head, via_li=True, depth=depth)
                break
            is_modifier = key in self._modifiers
            is_definite_link = head.role == "organ" and key.startswith("ال")
            if (is_modifier or is_definite_link) and intermediates < _MAX_INTERMEDIATES:
                intermediates += 1
                if is_modifier:
                    last_of_head = position
                position += 1
                continue
            break
        start = tokens[index].original(skip)
        if owner is None:
            if head.role == "force" and head.bare:
                entry = GazetteerEntry(
                    name="", kind="FORCE", source="pattern:force", tags=frozenset({"force", "no-owner"})
                )
                return _Match(index, last_of_head, start, tokens[last_of_head].end, entry, pattern=True)
            return None
        last = self._extend_after_owner(tokens, owner)
        state = owner.entry.actor_id
        if head.role == "force":
            country = self.state_names.get(state or "")
            canonical = f"armed forces of {country}" if country else None
            entry = GazetteerEntry(name="", kind="FORCE", canonical=canonical, id=state, actor_id=state,
                                   source="pattern:force", tags=frozenset({"force"}))
        else:
            entry = GazetteerEntry(name="", kind="ORG", id=state, actor_id=state, source="pattern:organ",
                                   tags=frozenset({"organ"}))
        return _Match(index, last, start, tokens[last].end, entry, pattern=True)

    def _owner_at(
        self, tokens: list[_Token], position: int, head: _HeadInfo, *, via_li: bool = False, depth: int = 0
    ) -> _Match | None:
        """A state-bearing name at ``position`` (a "لـ" owner only after التابعة or an organ head).

        The owner may itself be an organ phrase ("التابعة لحكومة الوحدة الوطنية الليبية"), one
        level deep.
        """
        allow_li = via_li or head.role == "organ"
        candidates = [(tokens[position].key, 0)]
        if allow_li:
            candidates += [(key, skip) for key, skip in _clitic_variants(tokens[position].key) if skip]
        for key, skip in candidates:
            match = self._exact_match(tokens, position, key, skip, all_places=False)
            if match is not None and match.entry.actor_id and match.entry.kind != "PER":
                return match
            organ = self._heads.get(key)
            if organ is not None and organ.role == "organ" and depth == 0:
                nested = self._after_head(tokens, position, skip, organ, depth=1)
                if nested is not None and nested.entry.actor_id:
                    return nested
        return None

    def _extend_after_owner(self, tokens: list[_Token], owner: _Match) -> int:
        """Trailing modifiers and a same-state nisba: "الألوية الروسية المحمولة جواً"."""
        last = owner.last
        while last + 1 < len(tokens) and tokens[last + 1].is_word:
            key = tokens[last + 1].key
            if key in self._modifiers:
                last += 1
                continue
            nisba = self._exact_match(tokens, last + 1, key, 0)
            if nisba is not None and "nisba" in nisba.entry.tags and nisba.entry.actor_id == owner.entry.actor_id:
                last = nisba.last
                continue
            break
        return last


# ---------------------------------------------------------------------- helpers
def _usable(entries: list[GazetteerEntry] | None, all_places: bool) -> GazetteerEntry | None:
    """The best entry, skipping GeoNames-only names not trusted in running text."""
    if not entries:
        return None
    for entry in entries:
        if all_places or "running-text" in entry.tags or entry.source != "geonames":
            return entry
    return None


def _insert_sorted(entries: list[GazetteerEntry], entry: GazetteerEntry) -> None:
    entries.append(entry)
    entries.sort(key=lambda e: (-e.priority, -e.weight))


def _word_keys(name: str) -> list[str]:
    """The keys of a name's words, split exactly as :func:`_tokens` splits running text."""
    key = match_key(name)
    if _PLAIN_WORDS.match(key):  # fast path for the common case: letters and spaces only
        return key.split()
    return [match_key(token.text) for token in tokenize_spans(name)]


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for span in tokenize_spans(text):
        key = match_key(span.text)
        offsets: tuple[int, ...] | None = None
        if len(key) != len(span.text):
            normalized = normalize_with_offsets(span.text)
            offsets = normalized.offsets[:-1]
            if len(offsets) != len(key):  # an NFKC expansion changed the length twice over
                offsets = tuple(min(i, len(span.text) - 1) for i in range(len(key)))
        is_word = any(ch.isalpha() or ch.isdigit() for ch in key)
        tokens.append(_Token(span.start, span.end, key, offsets, is_word))
    return tokens


def _clitic_variants(key: str) -> list[tuple[str, int]]:
    """(key without proclitics, number of key characters skipped); the bare word first."""
    variants = [(key, 0)]
    if len(key) < 3 or key[0] not in "وفبلك":
        return variants
    for conjunction in _CLITIC_CONJUNCTIONS:
        for preposition in _CLITIC_PREPOSITIONS:
            prefix = conjunction + preposition
            if not prefix or not key.startswith(prefix) or len(key) - len(prefix) < 2:
                continue
            rest = key[len(prefix):]
            variants.append((rest, len(prefix)))
            if preposition == "ل" and rest.startswith("ل") and len(rest) > 2:
                # ل + ال with the alef elided: "للقوات" is "القوات"; the span starts after "لل".
                variants.append(("ا" + rest, len(prefix) + 1))
    return variants


def _typed_place(entry: GazetteerEntry, place_type: _PlaceType) -> GazetteerEntry | None:
    tags = entry.tags | {f"type:{place_type.level}"}
    if place_type.level == "state":
        return entry if "country" in entry.tags else None
    if place_type.level == "territory":  # "أراضي روسيا", "الأراضي الروسية": the state's territory
        if "country" not in entry.tags and "nisba" not in entry.tags:
            return None
        return _replace(entry, kind="GPE", tags=tags, source=f"pattern:{entry.source}")
    if "country" in entry.tags:
        return None  # "مدينة روسيا" is not a phrase; "منطقة روسيا" neither
    if place_type.level == "settlement":
        return _replace(entry, tags=tags, source=f"pattern:{entry.source}")
    if "region" in entry.tags:  # the table already names the region itself (القرم, دونباس)
        return _replace(entry, tags=tags, source=f"pattern:{entry.source}")
    canonical = f"{entry.canonical} {place_type.english}".strip() if entry.canonical else None
    return _replace(entry, canonical=canonical, id=None, actor_id=None, place_id=None,
                    tags=tags | {"region"}, source=f"pattern:{entry.source}")


def _replace(entry: GazetteerEntry, **changes: Any) -> GazetteerEntry:
    from dataclasses import replace

    return replace(entry, **changes)


def _to_span(text: str, match: _Match) -> EntitySpan:
    entry = match.entry
    meta: dict[str, Any] = {
        "actor_id": entry.actor_id,
        "place_id": entry.place_id,
        "tags": sorted(entry.tags),
        "entry_source": entry.source,
        "country": entry.country,
    }
    return EntitySpan(
        text=text[match.start:match.end],
        start=match.start,
        end=match.end,
        kind=entry.kind,
        canonical=entry.canonical,
        id=entry.id,
        source="gazetteer",
        score=entry.score,
        meta=meta,
    )


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated file; lines starting with ``#`` are comments."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {key: (value or "").strip() for key, value in row.items() if key is not None}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


# ---------------------------------------------------------------------- default tables
def build_default(data_dir: Path = DATA_DIR) -> Gazetteer:
    """The gazetteer of the shipped tables (see ``data/*.tsv`` for sources)."""
    gazetteer = Gazetteer()
    countries = _load_countries(gazetteer, data_dir)
    gazetteer.state_names.update(countries)
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


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The shared default gazetteer, built on first use (under a second) and cached."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = build_default()
    return _DEFAULT


def reset_gazetteer() -> None:
    """Drop the cached default (tests; after editing the data files in a running process)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        _DEFAULT = None
