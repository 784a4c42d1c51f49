"""The document model: ``Document`` → ``Sentence`` → ``Token`` → ``Word``.

As in stanza, a :class:`Token` is a surface unit of the text (``وأكدت``) and a :class:`Word` is
a syntactic segment after clitic splitting (``و`` + ``أكدت``). Every ``start``/``end`` indexes
the ORIGINAL input string, and ``doc.text[x.start:x.end] == x.text`` holds for every token,
word and entity span. Where Arabic orthography merges letters across a clitic boundary
(``للقوات`` = ل + ال + قوات) the word keeps its surface span and :attr:`Word.form` holds the
reconstructed form (``القوات``).

Components fill the model in the order data flows (:mod:`eventx.pipeline`): ``tokenize``
creates sentences and tokens, ``morph`` creates words, ``ner`` adds linked
:class:`EntitySpan`s, ``normalize`` adds resolved :class:`DateSpan`s and
:class:`QuantitySpan`s, and ``events`` (the rule engine) reads all of them and adds events.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from eventx.records import DocumentResult, Event, Quantity, TimeValue

__all__ = ["DateSpan", "Document", "EntitySpan", "QuantitySpan", "Sentence", "Token", "Word", "WordRole"]

WordRole = Literal["proclitic", "stem", "enclitic"]


@dataclass(slots=True, eq=False)
class Word:
    """A clitic-split segment of a token."""

    text: str
    start: int
    end: int
    lemma: str | None = None
    """Diacritized lemma (camel-tools ``lex``) where the backend gives one."""
    lemma_bare: str | None = None
    """Lemma without diacritics, normalized with :func:`eventx.text.normalize_key`."""
    pos: str = "X"
    """Universal POS tag (NOUN, PROPN, VERB, ADJ, ADP, CCONJ, DET, PART, PRON, NUM, PUNCT, X ...)."""
    features: dict[str, str] = field(default_factory=dict)
    """Morphological features (UD-style names: Voice=Pass, Aspect=Perf, Definite=Def, ...)."""
    role: WordRole = "stem"
    form: str | None = None
    """The word as a dictionary form would spell it when the surface differs (``للقوات`` → ``القوات``)."""
    head: int | None = None
    """Index (in :attr:`Sentence.words`, 0-based) of the syntactic head; ``-1`` for the root."""
    deprel: str | None = None
    index: int = -1
    """Position in :attr:`Sentence.words`."""

    @property
    def key(self) -> str:
        """Normalized surface form used for matching (no diacritics, unified alef ...)."""
        from eventx.text.orthography import normalize_key

        return normalize_key(self.form or self.text)


@dataclass(slots=True, eq=False)
class Token:
    """A surface token with its clitic-split words."""

    text: str
    start: int
    end: int
    index: int = -1
    words: list[Word] = field(default_factory=list)

    @property
    def stem(self) -> Word | None:
        """The (first) non-clitic word of the token, if the token has been analysed."""
        for word in self.words:
            if word.role == "stem":
                return word
        return self.words[0] if self.words else None


@dataclass(slots=True, eq=False)
class Sentence:
    start: int
    end: int
    index: int
    text: str
    tokens: list[Token] = field(default_factory=list)

    @property
    def words(self) -> list[Word]:
        return [w for t in self.tokens for w in t.words]

    def token_at(self, char_index: int) -> Token | None:
        for token in self.tokens:
            if token.start <= char_index < token.end:
                return token
        return None


@dataclass(slots=True, eq=False)
class EntitySpan:
    """An entity mention attached to a document (before it becomes a records.Mention)."""

    text: str
    start: int
    end: int
    kind: str
    canonical: str | None = None
    id: str | None = None
    source: str = "gazetteer"
    """Which component found it: ``gazetteer``, ``ner``, ``pattern`` ..."""
    score: float = 1.0
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, eq=False)
class DateSpan:
    """A time expression resolved by the ``normalize`` component (``value.text`` is its text)."""

    start: int
    end: int
    value: TimeValue
    relative: bool = False
    """True when the value depends on the publication date (then None without one)."""
    kind: str = ""
    """The expression's shape (``daymonth``, ``weekday``, ``relday`` ...)."""


@dataclass(slots=True, eq=False)
class QuantitySpan:
    """A figure found by the ``normalize`` component (``value.unit`` says what it counts)."""

    start: int
    end: int
    value: Quantity


@dataclass(slots=True, eq=False)
class Document:
    text: str
    doc_id: str | None = None
    published: str | None = None
    language: str = "ar"
    """``"ar"``, or ``"und"`` for a text that is not Arabic (set by ``tokenize``, :mod:`eventx.text.language`)."""
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[EntitySpan] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)
    """Time expressions in text order (filled by ``normalize``)."""
    quantities: list[QuantitySpan] = field(default_factory=list)
    """Figures in text order, none inside a time expression (filled by ``normalize``)."""
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    processed: set[str] = field(default_factory=set)
    """Names of the components that ran on this document (``tokenize``, ``morph``, ``ner`` ...)."""
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def tokens(self) -> Iterator[Token]:
        for sentence in self.sentences:
            yield from sentence.tokens

    @property
    def words(self) -> Iterator[Word]:
        for sentence in self.sentences:
            for token in sentence.tokens:
                yield from token.words

    def sentence_at(self, char_index: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= char_index < sentence.end:
                return sentence
        return None

    def _repr_html_(self) -> str:
        """Jupyter's view: the text with entities, triggers, dates and figures marked, and the event table."""
        from eventx.display import render_html

        return render_html(self)

    def to_result(self) -> DocumentResult:
        """The spec's document result for this document."""
        from eventx.records import DocumentResult, Mention

        return DocumentResult(
            doc_id=self.doc_id,
            published=self.published,
            language=self.language,
            events=list(self.events),
            entities=[
                Mention(text=e.text, start=e.start, end=e.end, kind=e.kind, canonical=e.canonical, id=e.id)  # type: ignore[arg-type]
                for e in self.entities
            ],
            warnings=list(self.warnings),
        )
