"""Merge statistical NER spans with gazetteer spans into one non-overlapping, linked list.

Policy (why: the gazetteer knows the names eventx must link, the model finds the ones no
list holds — new villages, officials, units):

1. Every span is trimmed first: a leading و/ف/ب/ل/ك clitic never belongs to a mention (spec
   §4), the article does ("لروسيا" → "روسيا", "والقوات" → "القوات", "للقوات" → "قوات").
2. Gazetteer spans win every overlap, except that a model span which CONTAINS a gazetteer
   span and is longer is kept with the gazetteer's link when both have the same kind
   ("فلاديمير بوتين" ⊃ "بوتين" → the longer span, id/canonical of Putin), or on its own when
   it is a confident ORG/FAC/FORCE/LOC built around a place name ("جامعة موسكو", "مطار
   كييف"). Among overlapping gazetteer spans the longer one wins.
3. A gazetteer span tagged ``homograph`` (a name that is also a common word: "مالي" is Mali
   and "financial") is kept only after a preposition or a place word ("في مالي", "لمالي",
   "شمال مالي") or when a model span overlaps it; "دعم مالي" is not Mali.
4. A model span with a complementizer, relative pronoun or verbal particle (أن، التي، قد، لم)
   after its first word runs across a clause and is dropped ("الوزارة أن تحرير").
5. A model span the gazetteer did not cover is linked through
   :func:`eventx.normalize.link` and takes the link only when the linked name covers the
   whole span; otherwise ``canonical`` and ``id`` stay ``None``.

Every returned span satisfies ``text[span.start:span.end] == span.text`` and has a kind of
:data:`eventx.records.ENTITY_KINDS`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from typing import Any

from eventx.doc import EntitySpan
from eventx.errors import Errors
from eventx.records import ENTITY_KINDS
from eventx.text.orthography import CONJUNCTION_CLITICS, PREPOSITION_CLITICS, PROCLITIC_LETTERS, normalize_key

__all__ = ["Linker", "leading_clitic_length", "merge_entities", "trim_span"]

Linker = Callable[[str, str | None], Any]
"""``link(text, kind)`` → an object with ``start end canonical id`` (a records.Mention) or None."""

_CONJUNCTIONS = frozenset(CONJUNCTION_CLITICS)
_PREPOSITIONS = frozenset(PREPOSITION_CLITICS)
_CONTAINER_KINDS = frozenset({"ORG", "FAC", "FORCE", "LOC"})
_CONTAINER_MIN_SCORE = 0.8
_TITLES = frozenset(
    normalize_key(word)
    for word in (
        "الرئيس", "الوزير", "الشيخ", "الجنرال", "السيد", "السيدة", "الدكتور", "الدكتورة", "الملك",
        "الأمير", "الأميرة", "القائد", "العقيد", "اللواء", "العميد", "المشير", "الرائد", "النقيب",
        "الإمام", "المستشار", "النائب", "السفير", "الزعيم", "المتحدث", "الفريق",
    )
)
ProcliticOracle = Callable[[str], "int | None"]
"""Surface word → number of leading clitic characters a morphological analysis is sure of
(0 = sure there is none), or None when it has no opinion."""


def leading_clitic_length(word: str, *, oracle: ProcliticOracle | None = None, linker: Linker | None = None) -> int:
    """How many leading characters of ``word`` are a و/ف/ب/ل/ك clitic (0 when none).

    Sure from the spelling: ``لل`` ("للقوات" = ل + ال with the alef dropped: the span starts
    after ``لل``, as the gold format says) and ب/ل/ك glued to the article ("بالعاصمة").
    و/ف before the article ("والقوات") is cut unless the oracle knows the whole word as a
    name (فاليري، فالنسيا). Bare cases ("لروسيا", "وبوتين") need evidence, because many names
    start with these letters (فرنسا، بوتين، لندن، كييف، واشنطن): the morphological oracle, or
    the word minus the letter being a known name while the whole word is not.
    """
    key = normalize_key(word)
    if len(key) < 3 or key[0] not in PROCLITIC_LETTERS:
        return 0
    opinion = oracle(word) if oracle is not None else None
    cut = 0
    if key[0] in _CONJUNCTIONS and len(key) > 3 and _has_article_after(key[1:]):
        if opinion == 0:
            return 0
        cut = 1
    rest = key[cut:]
    if rest.startswith("لل") and len(rest) > 4:
        return _surface_index(word, cut + 2)
    if rest[0] in _PREPOSITIONS and rest[1:3] == "ال" and len(rest) > 5:
        return _surface_index(word, cut + 1)
    if cut:
        return _surface_index(word, cut)
    if opinion is not None:
        return opinion
    if linker is not None and len(key) > 3:
        whole = _full_link(linker, word, None)
        if whole is None and _full_link(linker, word[1:], None) is not None:
            return 1
    return 0


def _has_article_after(rest: str) -> bool:
    """``rest`` starts with the article, ``لل``, or ب/ل/ك + article, leaving a word of 3+ letters."""
    if rest.startswith("لل"):
        return len(rest) > 4
    if rest[:1] in _PREPOSITIONS and rest[1:3] == "ال":
        return len(rest) > 5
    return rest.startswith("ال") and len(rest) > 4


def _surface_index(word: str, key_chars: int) -> int:
    """Map a count of normalized characters back to a count of surface characters."""
    seen = 0
    for index, ch in enumerate(word):
        if seen == key_chars:
            return index
        if normalize_key(ch):
            seen += 1
    return len(word)


def trim_span(
    text: str,
    span: EntitySpan,
    *,
    oracle: ProcliticOracle | None = None,
    linker: Linker | None = None,
    clitics: bool = True,
) -> EntitySpan | None:
    """``span`` without a leading clitic (and, for PER, a leading title word) or surrounding
    blanks/punctuation; None if nothing is left."""
    start, end = span.start, span.end
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if start >= end:
        return None
    first_end = start
    while first_end < end and not text[first_end].isspace():
        first_end += 1
    first_word = text[start:first_end]
    cut = leading_clitic_length(first_word, oracle=oracle, linker=linker) if clitics else 0
    if cut and start + cut < end:
        start += cut
    if clitics and span.kind == "PER" and first_end < end and normalize_key(text[start:first_end]) in _TITLES:
        start = first_end  # "الوزير عبد الرحيم المختاري" names the man, not his office
        while start < end and text[start].isspace():
            start += 1
    if (start, end) == (span.start, span.end):
        return span
    return _with_extent(span, text, start, end)


def _with_extent(span: EntitySpan, text: str, start: int, end: int) -> EntitySpan:
    return EntitySpan(
        text=text[start:end],
        start=start,
        end=end,
        kind=span.kind,
        canonical=span.canonical,
        id=span.id,
        source=span.source,
        score=span.score,
        meta=dict(span.meta),
    )


def _full_link(linker: Linker, name: str, kind: str | None) -> Any:
    """The link of ``name`` only when the linked mention covers all of it."""
    try:
        mention = linker(name, kind)
    except (TypeError, ValueError):
        return None
    if mention is None or mention.start != 0 or mention.end != len(name):
        return None
    return mention


def merge_entities(
    text: str,
    model_spans: Iterable[EntitySpan],
    gazetteer_spans: Iterable[EntitySpan],
    *,
    linker: Linker | None = None,
    oracle: ProcliticOracle | None = None,
    model_ran: bool = True,
) -> list[EntitySpan]:
    """The final entity list (see the module doc): sorted, non-overlapping, linked.

    ``model_ran`` says whether ``model_spans`` come from a statistical tagger (possibly
    empty) or there was none (gazetteer-only mode); it decides how homographs are confirmed.

    The cost is O(n log n) in the number of spans (issue 18): the spans chosen so far are
    disjoint, so they are kept sorted and every overlap question is a bisection, never a scan
    of all spans (a 2 MB document has tens of thousands of them)."""
    model_spans = list(model_spans)
    model_overlaps = _OverlapIndex(model_spans) if model_ran else None
    # the gazetteer already leaves clitics out of its spans: trim only blanks and punctuation
    gazetteer = _non_overlapping(
        [
            s
            for s in (trim_span(text, g, clitics=False) for g in gazetteer_spans)
            if s is not None and _confirmed(text, s, model_overlaps)
        ]
    )
    # The chosen spans are the gazetteer spans still alive plus the model spans taken so far
    # (`taken`); together they never overlap, so each list is sorted by start AND by end.
    g_starts = [g.start for g in gazetteer]
    g_ends = [g.end for g in gazetteer]
    alive = [True] * len(gazetteer)
    taken = _DisjointSpans()
    for raw in sorted(model_spans, key=lambda s: (s.start, -s.end)):
        span = trim_span(text, raw, oracle=oracle, linker=linker)
        if span is None or _crosses_a_clause(span):
            continue
        first, stop = bisect_right(g_ends, span.start), bisect_left(g_starts, span.end)
        overlapping = [g for g in gazetteer[first:stop] if g.start < span.end and span.start < g.end]
        if not overlapping:
            if not taken.overlaps(span.start, span.end):  # no gazetteer span overlaps it either
                taken.add(_linked(span, linker))
            continue
        contains_all = all(span.start <= g.start and g.end <= span.end for g in overlapping)
        if not contains_all or any(g.end - g.start >= span.end - span.start for g in overlapping):
            continue  # the gazetteer span is as long or crosses the model span: it wins
        merged = _absorb(text, span, overlapping, linker)
        if merged is None:
            continue
        for i in range(bisect_right(g_ends, merged.start), bisect_left(g_starts, merged.end)):
            alive[i] = False
        taken.remove_overlapping(merged.start, merged.end)
        taken.add(merged)
    chosen = [g for g, keep in zip(gazetteer, alive, strict=True) if keep] + taken.spans
    result = sorted(chosen, key=lambda s: (s.start, s.end))
    _check(text, result)
    return result


class _DisjointSpans:
    """Non-overlapping, non-empty spans sorted by start (hence also by end), with bisection
    queries; spans arrive mostly in text order, so insertions are mostly appends."""

    def __init__(self) -> None:
        self.spans: list[EntitySpan] = []
        self._starts: list[int] = []
        self._ends: list[int] = []

    def _range(self, start: int, end: int) -> tuple[int, int]:
        """Indices [first, stop) of the spans overlapping [start, end)."""
        return bisect_right(self._ends, start), bisect_left(self._starts, end)

    def overlaps(self, start: int, end: int) -> bool:
        first, stop = self._range(start, end)
        return first < stop

    def remove_overlapping(self, start: int, end: int) -> None:
        first, stop = self._range(start, end)
        del self.spans[first:stop], self._starts[first:stop], self._ends[first:stop]

    def add(self, span: EntitySpan) -> None:
        """Insert a span that overlaps none of the spans held."""
        i = bisect_left(self._starts, span.start)
        self.spans.insert(i, span)
        self._starts.insert(i, span.start)
        self._ends.insert(i, span.end)


class _OverlapIndex:
    """Does any of a fixed list of spans overlap [start, end)? A bisection over the starts and
    a running maximum of the ends, instead of a scan of the list per question."""

    def __init__(self, spans: Sequence[EntitySpan]) -> None:
        ordered = sorted(spans, key=lambda s: s.start)
        self._starts = [s.start for s in ordered]
        self._max_end = list(accumulate((s.end for s in ordered), max))

    def any(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # the spans starting before `end`
        return before > 0 and self._max_end[before - 1] > start


_CLAUSE_WORDS = frozenset(
    normalize_key(word)
    for word in ("أن", "إن", "أنه", "إنه", "أنها", "إنها", "التي", "الذي", "الذين", "قد", "لقد", "لم", "لن")
)


def _crosses_a_clause(span: EntitySpan) -> bool:
    """A model span with a complementizer, relative pronoun or verbal particle after its first
    word ("الوزارة أن تحرير") runs across a clause: no name does."""
    return any(normalize_key(word) in _CLAUSE_WORDS for word in span.text.split()[1:])


_NAME_CONTEXT = frozenset(
    normalize_key(word)
    for word in (
        "في", "من", "إلى", "الى", "على", "عن", "مع", "بين", "نحو", "داخل", "خارج", "عبر", "قرب",
        "دولة", "جمهورية", "شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي",
        "حكومة", "رئيس", "عاصمة", "أراضي", "حدود",
    )
)


def _confirmed(text: str, span: EntitySpan, model_spans: _OverlapIndex | None) -> bool:
    """False for a ``homograph`` gazetteer span without evidence that it is the name here:
    a preposition or place word before it, or (``model_spans`` not None) the model's agreement."""
    if "homograph" not in span.meta.get("tags", ()):
        return True
    before = text[max(0, span.start - 40) : span.start]  # the word before is all that counts
    if before[-1:].isalpha():  # a glued clitic: ب/ل/ك say "in/to", و/ف only "and"
        if normalize_key(before[-1]) in _PREPOSITIONS:
            return True
    else:
        words = [w for w in (w.strip("«\"“(") for w in before.split()) if w]
        key = normalize_key(words[-1]) if words else ""
        if key in _NAME_CONTEXT or (key[:1] in _CONJUNCTIONS and key[1:] in _NAME_CONTEXT):
            return True
    return model_spans is not None and model_spans.any(span.start, span.end)


def _absorb(
    text: str, span: EntitySpan, inner: Sequence[EntitySpan], linker: Linker | None
) -> EntitySpan | None:
    """A longer model span around gazetteer spans: keep it with their link, or alone, or not at all."""
    if len(inner) == 1 and inner[0].kind == span.kind:
        known = inner[0]
        merged = _with_extent(known, text, span.start, span.end)
        merged.source = "ner+gazetteer"
        merged.score = span.score
        return merged
    if span.kind in _CONTAINER_KINDS and span.score >= _CONTAINER_MIN_SCORE:
        return _linked(span, linker)
    return None


def _linked(span: EntitySpan, linker: Linker | None) -> EntitySpan:
    if linker is None or span.id is not None:
        return span
    mention = _full_link(linker, span.text, span.kind)
    if mention is not None:
        span.canonical = mention.canonical
        span.id = mention.id
    return span


def _non_overlapping(spans: Sequence[EntitySpan]) -> list[EntitySpan]:
    """Longest first, then leftmost; drop anything overlapping a span already kept.

    The spans are non-empty (trimmed). Kept characters are marked in a byte array, so a span
    costs its length (a C-speed search and fill), not a comparison with every kept span."""
    if not spans:
        return []
    base = min(s.start for s in spans)
    covered = bytearray(max(s.end for s in spans) - base)
    kept: list[EntitySpan] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        start, end = span.start - base, span.end - base
        if covered.find(1, start, end) == -1:
            covered[start:end] = b"\x01" * (end - start)
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _check(text: str, spans: Sequence[EntitySpan]) -> None:
    previous_end = -1
    for span in spans:
        if text[span.start : span.end] != span.text:
            span.text = text[span.start : span.end]
        if span.kind not in ENTITY_KINDS:
            span.kind = "OTHER"
        if span.start < previous_end:  # cannot happen by construction; fail loudly if it does
            raise AssertionError(Errors.OVERLAPPING_ENTITY_SPANS.format(start=span.start))
        previous_end = span.end
