"""Pydantic models of a rule-pack file. Anything a user writes is validated with ``extra="forbid"``.

A pack is a folder (or one YAML file) with::

    pack: builtin                 # the pack name
    event_types: {TYPE: {roles, quantities, attributes}}   # types this pack defines (optional)
    lexicons: {name: [words]}     # named word lists, referenced as "@name" in patterns
    cues: {realis, attribution, clause_breaks}             # discourse cues (optional)
    rules: [Rule, ...]

See ``docs/rules.md`` for the guide and a worked example.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from eventx.errors import Errors
from eventx.records import ENTITY_KINDS

__all__ = [
    "AttributionCues",
    "ChunkSpec",
    "CueSet",
    "EventTypeSpec",
    "Example",
    "ExpectedEvent",
    "QuantitySpec",
    "RealisCues",
    "RoleSpec",
    "Rule",
    "RulePackFile",
    "SingularSpec",
    "TriggerSpec",
    "WordPattern",
]

Position = Literal["before", "after", "any"]
Voice = Literal["active", "passive", "any"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _as_list(value: object) -> object:
    """Let a pack author write a single string where a list is expected."""
    return [value] if isinstance(value, str) else value


class WordPattern(_Strict):
    """Constraints on one word (all given keys must hold), in the spirit of spaCy token patterns.

    ``lemma`` and ``form`` entries are compared after orthographic normalization, so a pack
    author may write them with or without diacritics and hamza. A ``@name`` entry expands to
    the pack lexicon ``name``.
    """

    lemma: list[str] = Field(default_factory=list)
    """Lemmas (``أرسل``, ``إرسال``); matched against the backend lemma and the word's light stem."""
    form: list[str] = Field(default_factory=list)
    """Surface forms after clitics are stripped (``أرسلت``, ``قتلى``)."""
    prefix: list[str] = Field(default_factory=list)
    """Stem prefixes: the clitic-stripped stem starts with one of these (for broken plurals, inflection)."""
    pos: list[str] = Field(default_factory=list)
    """Universal POS tags the word may have; empty = any. Ignored when the backend gave no POS (``X``)."""
    not_pos: list[str] = Field(default_factory=list)
    features: dict[str, str] = Field(default_factory=dict)
    """Morphological features that must hold, e.g. ``{Voice: Pass}``. Ignored where unknown."""
    proclitic: list[str] = Field(default_factory=list)
    """The token must carry one of these proclitics (``ب`` for "الدفع بـ")."""
    entity: list[str] = Field(default_factory=list)
    """The word lies inside an entity of one of these kinds."""
    gap: int = Field(default=0, ge=0, le=12)
    """In a sequence: how many words may stand between the previous element and this one."""

    _lists = field_validator("lemma", "form", "prefix", "pos", "not_pos", "proclitic", "entity", mode="before")(
        _as_list
    )

    @model_validator(mode="after")
    def _not_empty(self) -> WordPattern:
        if not (self.lemma or self.form or self.prefix or self.pos or self.entity or self.proclitic):
            raise ValueError(Errors.WORD_PATTERN_EMPTY.format())
        return self


class TriggerSpec(WordPattern):
    """The trigger word, optionally extended into a multi-word sequence."""

    sequence: list[WordPattern] = Field(default_factory=list)
    """Words that must follow the trigger word (each may allow a ``gap``): ``وقف`` + ``إطلاق`` + ``النار``."""
    preceded_by: list[WordPattern] = Field(default_factory=list)
    """Words that must precede the trigger (each with its own ``gap`` back from the trigger)."""
    not_preceded_by: list[str] = Field(default_factory=list)
    """Forms that must NOT stand within two words before the trigger (``تحت`` for "تحت سيطرة")."""
    not_followed_by: list[str] = Field(default_factory=list)
    """Forms that must NOT stand within two words after the trigger (or its sequence)."""

    _more_lists = field_validator("not_preceded_by", "not_followed_by", mode="before")(_as_list)

    @model_validator(mode="after")
    def _not_empty(self) -> TriggerSpec:  # type: ignore[override]
        if not (self.lemma or self.form or self.prefix):
            raise ValueError(Errors.TRIGGER_PATTERN_EMPTY.format())
        return self


class ChunkSpec(_Strict):
    """Noun phrases that may fill roles without being named entities: "ستة أطفال" (victims),
    "معاهدة الدفاع المشترك" (an agreement). A chunk starts at a head word and extends over at
    most ``max_words`` words, stopping at punctuation, prepositions, verbs, named entities and
    ``stop`` words. Chunks fill roles only; they are not added to the document's entity list."""

    kind: str
    heads: list[str]
    max_words: int = Field(default=1, ge=1, le=8)
    min_words: int = Field(default=1, ge=1, le=8)
    """A shorter chunk is dropped: "مدينة" alone names nothing, "بلدة المقلية" does."""
    refers_back: list[str] = Field(default_factory=list)
    """Entity kinds an anaphoric chunk stands for ("المدينة" after "مدينة أفدييفكا"): a filler
    that is this chunk is replaced by the latest earlier mention of one of these kinds in the
    document that is not a whole state."""
    stop: list[str] = Field(default_factory=list)

    _lists = field_validator("heads", "stop", "refers_back", mode="before")(_as_list)

    @field_validator("kind", "refers_back")
    @classmethod
    def _known_kinds(cls, value: str | list[str]) -> str | list[str]:
        unknown = [k for k in ([value] if isinstance(value, str) else value) if k not in ENTITY_KINDS]
        if unknown:
            raise ValueError(Errors.UNKNOWN_ENTITY_KINDS.format(unknown=unknown, known=list(ENTITY_KINDS)))
        return value


class RoleSpec(_Strict):
    """How a role is filled: which entities qualify and where they may stand."""

    kinds: list[str] = Field(default_factory=lambda: ["GPE", "ORG", "PER", "FORCE"])
    """Entity kinds that may fill the role; ``GPE:state`` / ``GPE:place`` (any kind may take the
    suffix) narrow it to mentions linked to a state (``RUS``) or not (towns, regions)."""
    prep: list[str] | None = None
    """Governing prepositions (``إلى``, ``من``, ``على``, ``في``, ``ضد``, clitic ``ب``/``ل``); an
    empty string entry ``""`` admits a filler with no preposition; ``[]`` = must have NO
    preposition; ``None`` (omitted) = any."""
    position: Position = "any"
    """Where the filler stands relative to the trigger, within the clause."""
    max_distance: int = Field(default=12, ge=1, le=60)
    """Maximum distance in words between trigger and filler."""
    idafa: bool | None = None
    """``True``: the filler must be the إضافة complement right after the trigger ("انسحاب القوات");
    ``False``: must not be."""
    voice: Voice = "any"
    """Only fill this role when the trigger verb has this voice (passive ``قُتل``, active ``قتل``)."""
    ids: list[str] = Field(default_factory=list)
    """Only entities with one of these ids (rare; e.g. a pack specialised on one conflict)."""
    require_id: bool = False
    """Only entities that were linked to an id (e.g. an agent must be a known state)."""
    many: bool = False
    """Allow several fillers (``parties`` of a treaty)."""
    nested_places: bool = False
    """Also take the places that directly follow the filler and contain it, each governed by
    ب or في ("الموصل بالعراق", "منطقة طخية بمديرية مجز في محافظة صعدة")."""
    may_contain_trigger: bool = False
    """The filler may include the trigger word (the agreement "اتفاق وقف إطلاق النار" of its own noun)."""
    scope: Literal["clause", "sentence"] = "clause"
    """Search the trigger's clause only, or the whole sentence when the clause has no filler."""
    fallback: Literal["force_owner", "place_owner", "none"] = "none"
    """When nothing in the clause qualifies: ``force_owner`` fills the role with the state that
    owns the event's force (by its id), taken from the document's first mention of that state
    (none: the role stays empty); ``place_owner`` with the state the place filling role
    ``owner_of`` lies in, provided role ``other_than`` is filled by another actor (the loser of
    "سيطرت المعارضة على حلب" is Syria)."""
    owner_of: str | None = None
    """For ``fallback: place_owner``: the role holding the place (``territory``)."""
    other_than: str | None = None
    """For ``fallback: place_owner``: the role whose actor must be present and another state."""

    @model_validator(mode="after")
    def _place_owner_needs_roles(self) -> RoleSpec:
        if self.fallback == "place_owner" and not (self.owner_of and self.other_than):
            raise ValueError(Errors.PLACE_OWNER_ROLES.format())
        return self

    _lists = field_validator("kinds", "ids", mode="before")(_as_list)

    @field_validator("kinds")
    @classmethod
    def _known_kinds(cls, kinds: list[str]) -> list[str]:
        # "GPE:state" / "GPE:place" narrow a kind to entities linked to a state or not.
        unknown = [
            k
            for k in kinds
            if k.split(":")[0] not in ENTITY_KINDS
            or k.count(":") > 1
            or (":" in k and k.split(":")[1] not in ("state", "place"))
        ]
        if unknown:
            raise ValueError(Errors.UNKNOWN_ENTITY_KINDS.format(unknown=unknown, known=list(ENTITY_KINDS)))
        return kinds


class QuantitySpec(_Strict):
    units: list[str] = Field(default_factory=list)
    """Units the figure may have (``person``, ``missile``, ``drone`` ...); empty = any, or none.
    ``count``: a figure without a unit right before the trigger noun, which it counts ("ست
    ضربات", "اثنتي عشرة غارة")."""
    position: Position = "any"
    max_distance: int = Field(default=6, ge=1, le=40)

    _lists = field_validator("units", mode="before")(_as_list)


class ExpectedEvent(_Strict):
    type: str | None = None
    """Defaults to the rule's type."""
    trigger: str | None = None
    """The trigger's surface text (as it appears in the example, clitics included or not)."""
    arguments: dict[str, list[str]] = Field(default_factory=dict)
    """Role → filler texts that must be found (each must be contained in, or contain, a filler)."""
    quantities: dict[str, int | float] = Field(default_factory=dict)
    """Role → the value (or ``min`` for bounds) that must be found."""
    realis: str | None = None
    attributes: dict[str, str | None] = Field(default_factory=dict)
    date: str | None = None
    published: str | None = None


class Example(_Strict):
    """A sentence and what the rule must (``expect``) or must not (``expect: none``) produce."""

    text: str
    expect: ExpectedEvent | Literal["none"]
    published: str | None = None
    note: str | None = None


class Rule(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+(/[a-z0-9_\-]+)+$")
    """``type-family/name``, e.g. ``deployment/send-forces``."""
    type: str
    trigger: TriggerSpec
    arguments: dict[str, RoleSpec] = Field(default_factory=dict)
    quantities: dict[str, QuantitySpec] = Field(default_factory=dict)
    attributes: dict[str, str | None] = Field(default_factory=dict)
    require_any: list[str] = Field(default_factory=list)
    """Emit the event only when at least one of these roles (or quantity roles) is filled."""
    quantity_role: str | None = None
    """For types whose events merge within a clause (CASUALTY): the quantity role this trigger's
    nearest figure fills (``killed`` for قتل, ``injured`` for أصيب)."""
    only_if_alone: bool = False
    """Emit only when no other rule found an event of the same type in the clause (a bare
    agreement noun next to "وقّع ... المعاهدة" is part of that signing, not a second event)."""
    realis: Literal["actual", "planned", "possible", "negated"] | None = None
    """Fixed realis (overrides cues), e.g. ``proposed`` treaties are ``planned``."""
    confidence: float = Field(default=0.8, ge=0.0, le=1.0)
    examples: list[Example] = Field(default_factory=list)
    description: str | None = None


class SingularSpec(_Strict):
    """A count of one from a singular filler (gold decision 5: "مقتل ضابط" → killed 1)."""

    role: str
    """The role whose filler is counted (``victim``)."""
    nouns: list[str] = Field(default_factory=list)
    """Singular person nouns that count as one (``شخص``, ``ضابط``); a named person (PER) always does."""


class EventTypeSpec(_Strict):
    roles: list[str]
    quantities: list[str] = Field(default_factory=list)
    attributes: dict[str, list[str | None]] = Field(default_factory=dict)
    """Attribute name → allowed values (``stage: [signed, ratified, ...]``)."""
    attribute_cues: dict[str, dict[str, list[str]]] = Field(default_factory=dict)
    """Attribute → value → cue words near the trigger (``extent: {full: [بالكامل]}``)."""
    singular: SingularSpec | None = None
    inherit_from: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Roles still empty after binding are copied from the nearest event of another type in the
    same sentence: ``{ATTACK: {perpetrator: attacker, place: place}}`` — the people killed "في
    غارات إسرائيلية" were killed by the attacker of those strikes."""
    merge_within: int = Field(default=0, ge=0, le=30)
    """Triggers of this type at most this many words apart make ONE event (0 = never):
    "شنت هجوما" is one attack; "قُتل 300 وأصيب 2700" one CASUALTY holding both counts."""
    description: str | None = None


class CueSet(_Strict):
    """Words that, found near a trigger, set a realis value."""

    before: list[str] = Field(default_factory=list)
    """Forms/lemmas within ``window`` words before the trigger in the same clause."""
    phrases: list[str] = Field(default_factory=list)
    """Multi-word phrases anywhere in the sentence before the trigger (``تقارير غير مؤكدة``)."""
    window: int = Field(default=4, ge=1, le=20)
    future_prefix: bool = False
    """The trigger verb itself carries the future proclitic س / the particle سوف."""


class RealisCues(_Strict):
    negated: CueSet = Field(default_factory=CueSet)
    planned: CueSet = Field(default_factory=CueSet)
    possible: CueSet = Field(default_factory=CueSet)


class AttributionCues(_Strict):
    verbs: list[str] = Field(default_factory=list)
    """Reporting verbs whose subject is the source (قال، أكد، أفاد، ذكرت ...)."""
    prepositions: list[str] = Field(default_factory=list)
    """Phrases introducing a source (وفقا ل، نقلا عن، بحسب ...)."""
    kinds: list[str] = Field(default_factory=lambda: ["ORG", "PER", "GPE"])


class Cues(_Strict):
    realis: RealisCues = Field(default_factory=RealisCues)
    hypothetical: CueSet = Field(default_factory=CueSet)
    anaphora: CueSet = Field(default_factory=CueSet)
    """Cues of a mention that refers back to an event told before ("هذا الهجوم"، "هذه الضربات"):
    its empty roles are filled from the latest earlier event of the same type (gold decision 4)."""
    """Cues of a hypothetical or conditional mention ("في حال تعرض لهجوم"): no event is emitted."""
    attribution: AttributionCues = Field(default_factory=AttributionCues)
    clause_breaks: list[str] = Field(default_factory=list)
    """Tokens that end a clause for argument search (``،``, ``؛``, ``بينما`` ...)."""
    background: CueSet = Field(default_factory=CueSet)
    """Cues of a background event told inside the news ("بعد انسحاب"، "التي احتلتها"، "كانت قد
    سيطرت"): such an event takes a date from its own clause only, never the reporting verb's."""


class RulePackFile(_Strict):
    """One YAML file of a pack; a pack folder's files are merged."""

    pack: str
    version: int = 1
    description: str | None = None
    event_types: dict[str, EventTypeSpec] = Field(default_factory=dict)
    lexicons: dict[str, list[str]] = Field(default_factory=dict)
    cues: Cues | None = None
    chunks: list[ChunkSpec] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
