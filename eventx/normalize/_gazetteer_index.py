"""The :class:`Gazetteer`: a name index with a fast longest-match scanner.

See :mod:`eventx.normalize.gazetteer` for what it matches and why. This module holds the index
and the matcher only; the default tables are read by :mod:`eventx.normalize._gazetteer_tables`,
which imports this module (never the other way round).

A gazetteer is either editable or read-only (``frozen``). The process-wide default
(:func:`eventx.normalize.gazetteer.default_gazetteer`) is read-only because every pipeline in
the process may hold it: an ``add`` through one pipeline must not change what another finds.
:meth:`Gazetteer.copy` gives an editable copy that shares the (immutable) entries and copies
only the index containers; entry lists inside the index are replaced on insert, never edited in
place (copy-on-write), so the copy and its original never see each other's additions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from eventx.doc import EntitySpan
from eventx.errors import ConfigurationError, Errors
from eventx.normalize._gazetteer_entry import PRIORITY_USER, GazetteerEntry, GazetteerRow, check_kind, read_tsv
from eventx.normalize._gazetteer_scan import (
    CLOSE_QUOTES,
    FUNCTION_WORDS,
    MAX_INTERMEDIATES,
    OPEN_QUOTES,
    PLACE_LEVELS,
    TABI_WORDS,
    HeadInfo,
    Match,
    PlaceType,
    Token,
    clitic_variants,
    scan_tokens,
    to_span,
    typed_place,
    usable,
    with_entry,
    word_keys,
)
from eventx.normalize.variants import MIN_FUZZY_LENGTH, MIN_SKELETON_LENGTH, match_key, skeleton_key, word_skeleton
from eventx.validation import coerce_text

__all__ = ["Gazetteer"]


class Gazetteer:
    """A name index with a fast longest-match scanner; see :mod:`eventx.normalize.gazetteer`.

    ``Gazetteer()`` is empty and editable; ``Gazetteer(frozen=True)`` (or ``copy(frozen=True)``)
    refuses every change with :class:`~eventx.errors.ConfigurationError` (E501).
    """

    __slots__ = (
        "_entries", "_exact", "_frozen", "_fuzzy_names", "_heads", "_homographs", "_max_skeleton_words",
        "_max_words", "_modifiers", "_place_types", "_skeleton_prefixes", "_skeletons", "_state_names",
    )

    def __init__(self, *, frozen: bool = False) -> None:
        self._frozen = frozen
        self._exact: dict[tuple[str, ...], list[GazetteerEntry]] = {}
        self._max_words: dict[str, int] = {}
        self._skeletons: dict[str, list[GazetteerEntry]] = {}
        self._skeleton_prefixes: set[str] = set()
        self._max_skeleton_words = 1
        self._heads: dict[str, HeadInfo] = {}
        self._modifiers: set[str] = set()
        self._place_types: dict[str, PlaceType] = {}
        self._entries: list[GazetteerEntry] = []
        self._state_names: dict[str, str] = {}
        self._homographs: set[str] = set()
        self._fuzzy_names: tuple[tuple[GazetteerEntry, ...], tuple[str, ...]] | None = None

    # ------------------------------------------------------------------ state
    @property
    def frozen(self) -> bool:
        """True when this gazetteer is read-only (the shared default); edit a :meth:`copy`."""
        return self._frozen

    def copy(self, *, frozen: bool = False) -> Gazetteer:
        """An independent copy, editable unless ``frozen``.

        Cheap (a few dict copies, no entry is copied): entries, head and place-type records are
        immutable and shared; entry lists are copy-on-write (:func:`with_entry`).
        """
        clone = Gazetteer(frozen=frozen)
        clone._exact = dict(self._exact)
        clone._max_words = dict(self._max_words)
        clone._skeletons = dict(self._skeletons)
        clone._skeleton_prefixes = set(self._skeleton_prefixes)
        clone._max_skeleton_words = self._max_skeleton_words
        clone._heads = dict(self._heads)
        clone._modifiers = set(self._modifiers)
        clone._place_types = dict(self._place_types)
        clone._entries = list(self._entries)
        clone._state_names = dict(self._state_names)
        clone._homographs = set(self._homographs)
        clone._fuzzy_names = self._fuzzy_names  # immutable tuples: safe to share until an add
        return clone

    def __repr__(self) -> str:
        return f"Gazetteer({len(self._entries)} names{', frozen' if self._frozen else ''})"

    def _check_editable(self, method: str) -> None:
        if self._frozen:
            raise ConfigurationError(Errors.GAZETTEER_READ_ONLY.format(method=method))

    @property
    def state_names(self) -> Mapping[str, str]:
        """ISO alpha-3 → English short name, for the canonical name of pattern matches.

        A read-only view; add names with :meth:`add_state_name`.
        """
        return MappingProxyType(self._state_names)

    @property
    def homographs(self) -> frozenset[str]:
        """Match keys of names that are also common words ("مالي" = Mali / financial): their
        spans carry the tag ``homograph`` and need confirmation (:mod:`eventx.ner.combine`)."""
        return frozenset(self._homographs)

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
        self._check_editable("add")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(Errors.GAZETTEER_EMPTY_NAME.format(what="gazetteer name", value=name))
        check_kind(kind)
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
        """Index a ready-made entry (no checks beyond read-only; :meth:`add` validates)."""
        self._check_editable("add_entry")
        words = tuple(word_keys(entry.name))
        if not words:
            return
        self._entries.append(entry)
        self._fuzzy_names = None
        self._insert(words, entry)
        if len(words) > 1:  # "بيونغ يانغ" also written "بيونغيانغ"
            self._insert(("".join(words),), entry)
        if entry.fuzzy:
            skeleton = skeleton_key(entry.name)
            if len(skeleton) >= MIN_SKELETON_LENGTH:
                self._skeletons[skeleton] = with_entry(self._skeletons.get(skeleton), entry)
                self._skeleton_prefixes.update(skeleton[:n] for n in range(1, len(skeleton) + 1))
                self._max_skeleton_words = max(self._max_skeleton_words, len(words))

    def _insert(self, words: tuple[str, ...], entry: GazetteerEntry) -> None:
        self._exact[words] = with_entry(self._exact.get(words), entry)
        if self._max_words.get(words[0], 0) < len(words):
            self._max_words[words[0]] = len(words)

    def add_head(self, form: str, role: str, *, bare: bool = False, english: str = "") -> None:
        """Register a force/organ head noun (``role`` force|organ) or a ``modifier`` word."""
        self._check_editable("add_head")
        key = match_key(form.strip())
        if role == "modifier":
            self._modifiers.add(key)
        elif role in ("force", "organ"):
            self._heads[key] = HeadInfo(role, bare, english)
        else:
            raise ValueError(Errors.GAZETTEER_HEAD_ROLE.format(value=role))

    def add_place_type(self, form: str, level: str, english: str = "", *, open_: bool = False) -> None:
        """Register a word such as مقاطعة / مدينة / جمهورية that may precede a place name."""
        self._check_editable("add_place_type")
        if level not in PLACE_LEVELS:
            raise ValueError(Errors.GAZETTEER_PLACE_LEVEL.format(known=", ".join(PLACE_LEVELS), value=level))
        self._place_types[match_key(form.strip())] = PlaceType(level, english, open_)

    def add_homograph(self, name: str) -> None:
        """Mark ``name`` as also a common word: its plain matches (not "جمهورية مالي") are
        tagged ``homograph`` and kept only with confirmation (:func:`eventx.ner.combine.merge_entities`)."""
        self._check_editable("add_homograph")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(Errors.GAZETTEER_EMPTY_NAME.format(what="homograph", value=name))
        self._homographs.add(match_key(name.strip()))

    def add_state_name(self, alpha3: str, english: str) -> None:
        """Name a state (ISO alpha-3) in English: "armed forces of <name>" for its force patterns."""
        self._check_editable("add_state_name")
        self._state_names[alpha3] = english

    def load(self, path: str | Path) -> int:
        """Add the rows of a user TSV (header: name, kind, canonical, id, ...) or YAML list file.

        Returns the number of names added. Errors name the file and the row.
        """
        self._check_editable("load")
        path = Path(path)
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            if not isinstance(raw, list):
                raise ConfigurationError(Errors.GAZETTEER_YAML_NOT_LIST.format(path=path))
            rows: list[dict[str, Any]] = raw
        else:
            rows = list(read_tsv(path))
        added = 0
        for number, row in enumerate(rows, start=1):
            try:
                parsed = GazetteerRow.model_validate(row)
            except ValidationError as error:
                raise ConfigurationError(
                    Errors.GAZETTEER_BAD_ROW.format(path=path, number=number, row=row, error=error)
                ) from error
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

    def fuzzy_names(self) -> tuple[tuple[GazetteerEntry, ...], tuple[str, ...]]:
        """Long fuzzy-flagged entries and their spaceless match keys, for the rapidfuzz fallback
        of :mod:`eventx.normalize.linking`. Computed on first use and kept on the gazetteer
        (dropped by every addition), so linking holds no cache of its own."""
        cached = self._fuzzy_names
        if cached is None:
            entries = tuple(
                e for e in self._entries if e.fuzzy and len(match_key(e.name).replace(" ", "")) >= MIN_FUZZY_LENGTH
            )
            cached = (entries, tuple(match_key(e.name).replace(" ", "") for e in entries))
            self._fuzzy_names = cached
        return cached

    # ------------------------------------------------------------------ matching
    def find_all(self, text: str, *, all_places: bool = False) -> list[EntitySpan]:
        """Every known name in ``text``, left to right, longest first, never overlapping.

        GeoNames holds thousands of Arabic town names that are also common words (كان is
        Cannes, وقف a town in Egypt), so in running text a generated place name only counts
        when it is large (:data:`RUNNING_TEXT_MIN_POPULATION`) or follows a place-type word
        ("بلدة كفرنبل"). ``all_places=True`` lifts this for a text known to be a name (linking).
        """
        text = coerce_text(text, "Gazetteer.find_all() text")
        tokens = scan_tokens(text)
        spans: list[EntitySpan] = []
        index = 0
        while index < len(tokens):
            match = self.match_at(tokens, index, all_places=all_places) if tokens[index].is_word else None
            if match is None:
                index += 1
                continue
            span = to_span(text, match)
            if not match.pattern and match_key(span.text) in self._homographs:
                span.meta["tags"] = [*span.meta["tags"], "homograph"]
            spans.append(span)
            index = match.last + 1
        return spans

    def match_at(self, tokens: list[Token], index: int, *, all_places: bool = False) -> Match | None:
        """The longest match starting at token ``index`` (clitics on that token allowed)."""
        best: Match | None = None
        for candidate in (
            self._table_match(tokens, index, all_places=all_places),
            self._place_type_match(tokens, index),
            self._actor_match(tokens, index),
        ):
            if candidate is not None and (best is None or candidate.length > best.length):
                best = candidate
        return best

    def _table_match(
        self, tokens: list[Token], index: int, *, clitics: bool = True, all_places: bool = False
    ) -> Match | None:
        best: Match | None = None
        for key, skip in clitic_variants(tokens[index].key) if clitics else ((tokens[index].key, 0),):
            exact = self._exact_match(tokens, index, key, skip, all_places=all_places)
            for match in (exact, self._skeleton_match(tokens, index, key, skip)):
                if match is not None and (best is None or match.last > best.last):
                    best = match
        return best

    def _exact_match(
        self, tokens: list[Token], index: int, key: str, skip: int, *, all_places: bool = True
    ) -> Match | None:
        max_words = self._max_words.get(key)
        if max_words is None:
            return None
        words = [key]
        last = index
        found: tuple[int, GazetteerEntry] | None = None
        entry = usable(self._exact.get((key,)), all_places)
        if entry is not None:
            found = (index, entry)
        while len(words) < max_words and last + 1 < len(tokens):
            last += 1
            words.append(tokens[last].key)
            entry = usable(self._exact.get(tuple(words)), all_places)
            if entry is not None:
                found = (last, entry)
        if found is None:
            return None
        last, entry = found
        return Match(index, last, tokens[index].original(skip), tokens[last].end, entry)

    def _skeleton_match(self, tokens: list[Token], index: int, key: str, skip: int) -> Match | None:
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
            entry = next((e for e in entries or () if words_used <= len(word_keys(e.name))), None)
            if entry is not None and len(skeleton) >= MIN_SKELETON_LENGTH:
                found = (last, entry)
        if found is None:
            return None
        last, entry = found
        return Match(index, last, tokens[index].original(skip), tokens[last].end, entry)

    def _place_type_match(self, tokens: list[Token], index: int) -> Match | None:
        for key, skip in clitic_variants(tokens[index].key):
            place_type = self._place_types.get(key)
            if place_type is None:
                continue
            return self._after_place_type(tokens, index, skip, place_type)
        return None

    def _after_place_type(self, tokens: list[Token], index: int, skip: int, place_type: PlaceType) -> Match | None:
        name_index = index + 1
        quoted = name_index < len(tokens) and tokens[name_index].key in OPEN_QUOTES
        if quoted:
            name_index += 1
        if name_index >= len(tokens) or not tokens[name_index].is_word:
            return None
        inner = self._table_match(tokens, name_index, clitics=False, all_places=True)
        last = inner.last if inner is not None else name_index
        if quoted:
            if last + 1 >= len(tokens) or tokens[last + 1].key not in CLOSE_QUOTES:
                return None
            last += 1
        start = tokens[index].original(skip)
        nisba_allowed = place_type.level == "territory"
        is_place = inner is not None and inner.entry.kind in ("GPE", "LOC")
        if inner is not None and is_place and ("nisba" not in inner.entry.tags or nisba_allowed):
            entry = typed_place(inner.entry, place_type)
            if entry is not None:
                return Match(index, last, start, tokens[last].end, entry, pattern=True)
            return None
        if inner is None and place_type.open and tokens[name_index].key not in FUNCTION_WORDS:
            entry = GazetteerEntry(name="", kind="GPE", source="pattern:place-type", tags=frozenset({"unknown"}),
                                   score=0.6)
            return Match(index, last, start, tokens[last].end, entry, pattern=True)
        return None

    def _actor_match(self, tokens: list[Token], index: int) -> Match | None:
        for key, skip in clitic_variants(tokens[index].key):
            head = self._heads.get(key)
            if head is not None:
                return self._after_head(tokens, index, skip, head)
        return None

    def _after_head(
        self, tokens: list[Token], index: int, skip: int, head: HeadInfo, *, depth: int = 0
    ) -> Match | None:
        position = index + 1
        last_of_head = index
        intermediates = 0
        owner: Match | None = None
        while position < len(tokens) and tokens[position].is_word:
            key = tokens[position].key
            owner = self._owner_at(tokens, position, head, depth=depth)
            if owner is not None:
                break
            if key in TABI_WORDS and position + 1 < len(tokens):
                owner = self._owner_at(tokens, position + 1, head, via_li=True, depth=depth)
                break
            is_modifier = key in self._modifiers
            is_definite_link = head.role == "organ" and key.startswith("ال")
            if (is_modifier or is_definite_link) and intermediates < MAX_INTERMEDIATES:
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
                return Match(index, last_of_head, start, tokens[last_of_head].end, entry, pattern=True)
            return None
        last = self._extend_after_owner(tokens, owner)
        state = owner.entry.actor_id
        if head.role == "force":
            country = self._state_names.get(state or "")
            canonical = f"armed forces of {country}" if country else None
            entry = GazetteerEntry(name="", kind="FORCE", canonical=canonical, id=state, actor_id=state,
                                   source="pattern:force", tags=frozenset({"force"}))
        else:
            entry = GazetteerEntry(name="", kind="ORG", id=state, actor_id=state, source="pattern:organ",
                                   tags=frozenset({"organ"}))
        return Match(index, last, start, tokens[last].end, entry, pattern=True)

    def _owner_at(
        self, tokens: list[Token], position: int, head: HeadInfo, *, via_li: bool = False, depth: int = 0
    ) -> Match | None:
        """A state-bearing name at ``position`` (a "لـ" owner only after التابعة or an organ head).

        The owner may itself be an organ phrase ("التابعة لحكومة الوحدة الوطنية الليبية"), one
        level deep.
        """
        allow_li = via_li or head.role == "organ"
        candidates = [(tokens[position].key, 0)]
        if allow_li:
            candidates += [(key, skip) for key, skip in clitic_variants(tokens[position].key) if skip]
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

    def _extend_after_owner(self, tokens: list[Token], owner: Match) -> int:
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
