"""CRF features for one sentence of surface tokens.

Every lexical feature is computed on :func:`eventx.text.normalize_key` of the token, so that
the corpus's hamza-less spelling (اعلن، المانيا) and real news spelling (أعلن، ألمانيا) give the
same features. Feature groups:

* ``base`` (always): normalized form, clitic-stripped form (و/ف then ب/ل/ك then ال removed),
  the stripped proclitic string, prefixes/suffixes of 1-4 characters, word shape and length,
  the same forms of the words at -2..+2, and two word bigrams.
* ``gaz`` (when the model was trained with them): per-token ``B-KIND``/``I-KIND`` flags from
  the gazetteer for the token and its neighbours at ±1.
* ``morph`` (when the model was trained with them): strings from a :data:`MorphLookup`,
  looked up once per surface form (context-free, cached); :class:`CamelMorphFeatures` gives
  the ambiguity class (the set of camel-tools POS over all analyses: ``noun|noun_prop``),
  whether the word is unknown to the lexicon (foreign names often are), and the lemma.
  The ambiguity class of the neighbours at ±1 is added too.
* ``ctx``: trigger classes (:mod:`eventx.ner.lexicon`: titles, organization and place heads,
  speech verbs, name particles) of the word and of the words at -3..+2, the bag of
  clitic-stripped words at ±3, and a sentence-level ``sport`` flag with its conjunctions
  (clubs named after cities are ORG in sports news).
* ``doc``: what the other occurrences of the same clitic-stripped word in the document say:
  the trigger classes before any occurrence (``الرئيس صالح`` … ``صالح``), its gazetteer kinds,
  a name particle before it, and how often it occurs. The document is what the caller passes
  to :meth:`FeatureExtractor.document` (a news article; a 25-sentence block in training).
* ``stack`` (two-stage models): the tags a first-stage CRF gave the word and its neighbours,
  and the kinds it gave the same clitic-stripped word anywhere in the document
  (:func:`add_stack_features`), so that a name found once is found everywhere. Added by
  :class:`eventx.ner.crf.CrfTagger` after the first stage ran, not by the extractor.

A model stores which groups it was trained with; :class:`FeatureExtractor` is built from
that list so training and inference always agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventx.errors import Errors
from eventx.ner.clitics import strip_clitics
from eventx.ner.lexicon import sport_words, trigger_classes
from eventx.text.orthography import normalize_key

__all__ = [
    "FEATURE_GROUPS",
    "CamelMorphFeatures",
    "DocumentInfo",
    "FeatureExtractor",
    "MorphLookup",
    "add_stack_features",
    "document_info",
    "strip_clitics",
    "word_shape",
]

FEATURE_GROUPS = ("base", "gaz", "morph", "ctx", "doc", "stack")

MorphLookup = Callable[[str], Sequence[str]]
"""Surface token → its morphology feature strings (``posset=noun|noun_prop``, ``lem=...``)."""

DocumentInfo = dict[str, tuple[str, ...]]
"""Clitic-stripped word → its document-level features (:func:`document_info`)."""

_NAME_PARTICLES = frozenset({"بن", "ابن", "ابو", "عبد"})


def word_shape(token: str) -> str:
    """A coarse shape class: ``ar``, ``lat``, ``Lat`` (capitalized), ``num``, ``punct``, ``mix``."""
    if not token:
        return "empty"
    if all("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in token):
        return "ar"
    if token.isdigit():
        return "num"
    if token.isascii() and token.isalpha():
        return "Lat" if token[0].isupper() else "lat"
    if not any(ch.isalnum() for ch in token):
        return "punct"
    return "mix"


def _light_analyzer() -> Any:
    """A camel-tools analyzer that builds only the four fields used here (pos, lex, prc1, prc2).

    camel's full feature merge (diacritized forms, CAPHI, tokenizations ...) costs ~4 ms a
    word and dominates cold NER time; the analyses found are the same. Falls back to the
    stock analyzer if camel-tools' internals ever change shape.
    """
    from camel_tools.morphology.analyzer import Analyzer
    from camel_tools.morphology.database import MorphologyDB

    class LightAnalyzer(Analyzer):  # type: ignore[misc]
        def _combined_analyses(self, word_dediac: str, prefixes: Any, stems: Any, suffixes: Any) -> list:
            db = self._db
            found: list[dict[str, str]] = []
            for prefix_cat, prefix_feats in prefixes:
                compatible_stems = db.prefix_stem_compat.get(prefix_cat, ())
                prefix_suffix = db.prefix_suffix_compat.get(prefix_cat)
                for stem_cat, stem_feats in stems:
                    if stem_cat not in compatible_stems or prefix_suffix is None:
                        continue
                    stem_suffix = db.stem_suffix_compat.get(stem_cat)
                    if stem_suffix is None:
                        continue
                    if any(cat in stem_suffix and cat in prefix_suffix for cat, _ in suffixes):
                        found.append({
                            "pos": stem_feats.get("pos", ""),
                            "lex": stem_feats.get("lex", ""),
                            "prc2": prefix_feats.get("prc2", stem_feats.get("prc2", "0")),
                            "prc1": prefix_feats.get("prc1", stem_feats.get("prc1", "0")),
                        })
            return found

    database = MorphologyDB.builtin_db()
    try:
        analyzer = LightAnalyzer(database, backoff="NONE")
        analyzer.analyze("والقوات")
        return analyzer
    except Exception:  # pragma: no cover - only if camel-tools changes its internals
        return Analyzer(database, backoff="NONE")


_CONJUNCTION_PRC2 = ("wa_", "fa_")
_PREPOSITION_PRC1 = ("bi_", "li_", "ka_", "la_")


def _clitic_letters(analysis: dict[str, object]) -> int:
    """Surface letters of the conjunction and preposition proclitics of one camel analysis."""
    count = 1 if str(analysis.get("prc2", "0")).startswith(_CONJUNCTION_PRC2) else 0
    if str(analysis.get("prc1", "0")).startswith(_PREPOSITION_PRC1):
        count += 1
    return count


@dataclass(slots=True)
class _TokenView:
    key: str
    stem: str
    local: list[str]
    morph_class: str | None = None
    triggers: tuple[str, ...] = ()


class CamelMorphFeatures:
    """Context-free camel-tools features of a surface word (calima-msa-r13, no backoff).

    Uses the camel-tools analyzer directly rather than a :mod:`eventx.morph` backend because the
    feature that carries the signal, the set of POS over ALL analyses, is not part of the
    backend contract (a backend returns one disambiguated segmentation).
    """

    name = "camel"

    def __init__(self) -> None:
        self._analyzer = _light_analyzer()
        self._cache: dict[str, tuple[str, ...]] = {}
        self._clitic_cache: dict[str, int | None] = {}

    @staticmethod
    def available() -> bool:
        """True when the camel-tools morphology DB is on disk (checked without importing
        camel-tools, whose import tries to download a catalogue when none is installed)."""
        from eventx.ner.optional import camel_data_file

        return camel_data_file("morphology_db/calima-msa-r13/morphology.db") is not None

    def __call__(self, token: str) -> tuple[str, ...]:
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        features = self._analyse(token)
        if len(self._cache) < 500_000:
            self._cache[token] = features
        return features

    def proclitic_length(self, word: str) -> int | None:
        """Leading و/ف/ب/ل/ك clitic letters when every analysis agrees (0 = surely none, e.g.
        a proper noun reading with no clitic: فاليري، فرنسا); None when camel has no opinion."""
        cached = self._clitic_cache.get(word)
        if cached is not None or word in self._clitic_cache:
            return cached
        analyses = self._analyzer.analyze(word) if word and "\u0621" <= word[0] <= "\u064a" else []
        counts = {_clitic_letters(a) for a in analyses}
        opinion: int | None = None
        if len(counts) == 1:
            opinion = counts.pop()
        elif 0 in counts and any(a.get("pos") == "noun_prop" and _clitic_letters(a) == 0 for a in analyses):
            opinion = 0
        if len(self._clitic_cache) < 200_000:
            self._clitic_cache[word] = opinion
        return opinion

    def _analyse(self, token: str) -> tuple[str, ...]:
        if not token or not ("\u0621" <= token[0] <= "\u064a"):
            return ("posset=<none>",)
        analyses = self._analyzer.analyze(token)
        if not analyses:
            return ("posset=<noan>", "noan")
        pos_set = sorted({a.get("pos", "") for a in analyses})
        proper = [a for a in analyses if a.get("pos") == "noun_prop"]
        chosen = proper[0] if proper else analyses[0]
        lemma = normalize_key(str(chosen.get("lex", "")))
        features = [f"posset={'|'.join(pos_set)}", f"lem={lemma}"]
        if proper:
            features.append("prop")
            if len(proper) == len(analyses):
                features.append("prop_only")
        return tuple(features)


@dataclass
class FeatureExtractor:
    """Builds the feature lists a :mod:`pycrfsuite` model expects (one list per token)."""

    groups: tuple[str, ...] = ("base",)
    morph: MorphLookup | None = None
    _cache: dict[str, _TokenView] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        unknown = set(self.groups) - set(FEATURE_GROUPS)
        if unknown:
            raise ValueError(Errors.NER_UNKNOWN_FEATURE_GROUPS.format(unknown=sorted(unknown), known=FEATURE_GROUPS))
        if "morph" in self.groups and self.morph is None:
            raise ValueError(Errors.NER_MORPH_LOOKUP_MISSING.format())

    def document(
        self, sentences: Sequence[Sequence[str]], gazetteer_tags: Sequence[Sequence[str] | None] | None = None
    ) -> list[list[list[str]]]:
        """Features of every token of every sentence of one document (``doc`` group included)."""
        tags: Sequence[Sequence[str] | None] = gazetteer_tags if gazetteer_tags is not None else [None] * len(sentences)
        info = document_info(sentences, tags) if "doc" in self.groups else None
        return [self.sentence(tokens, gaz, info) for tokens, gaz in zip(sentences, tags, strict=True)]

    def sentence(
        self,
        tokens: Sequence[str],
        gazetteer_tags: Sequence[str] | None = None,
        doc_info: DocumentInfo | None = None,
    ) -> list[list[str]]:
        """Features of every token; ``gazetteer_tags`` are BIO tags over the same tokens, and
        ``doc_info`` the :func:`document_info` of the document (the sentence alone when None)."""
        views = [self._view(token) for token in tokens]
        use_gaz = "gaz" in self.groups and gazetteer_tags is not None
        use_ctx = "ctx" in self.groups
        if "doc" in self.groups and doc_info is None:
            doc_info = document_info([tokens], [gazetteer_tags])
        n = len(views)
        sport = use_ctx and _is_sport(views)
        result: list[list[str]] = []
        for i, view in enumerate(views):
            feats = list(view.local)
            for offset in (-2, -1, 1, 2):
                j = i + offset
                if 0 <= j < n:
                    other = views[j]
                    feats.append(f"w[{offset}]={other.key}")
                    feats.append(f"st[{offset}]={other.stem}")
                    if offset in (-1, 1):
                        feats.append(f"s2[{offset}]={other.key[-2:]}")
                        if other.morph_class is not None:
                            feats.append(f"m[{offset}]={other.morph_class}")
                else:
                    feats.append(f"w[{offset}]=<pad>")
            feats.append(f"bi[-1]={views[i - 1].key if i else '<s>'}|{view.key}")
            feats.append(f"bi[+1]={view.key}|{views[i + 1].key if i + 1 < n else '</s>'}")
            if use_gaz:
                assert gazetteer_tags is not None
                for offset in (-1, 0, 1):
                    j = i + offset
                    if 0 <= j < n and gazetteer_tags[j] != "O":
                        feats.append(f"gaz[{offset}]={gazetteer_tags[j]}")
            if use_ctx:
                _context_features(feats, views, i, gazetteer_tags if use_gaz else None, sport)
            if doc_info is not None:
                feats.extend(doc_info.get(view.stem, ()))
            if i == 0:
                feats.append("BOS")
            if i == n - 1:
                feats.append("EOS")
            result.append(feats)
        return result

    def _view(self, token: str) -> _TokenView:
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        key = normalize_key(token)
        proclitics, stem = strip_clitics(key)
        local = [
            "bias",
            f"w={key}",
            f"st={stem}",
            f"pc={proclitics}",
            f"shape={word_shape(key)}",
            f"len={min(len(stem), 8)}",
        ]
        for k in range(1, 5):
            if len(stem) > k:
                local.append(f"p{k}={stem[:k]}")
                local.append(f"s{k}={stem[-k:]}")
        morph_class: str | None = None
        if "morph" in self.groups and self.morph is not None:
            morph_features = list(self.morph(token))
            local.extend(morph_features)
            morph_class = morph_features[0] if morph_features else None
        view = _TokenView(key=key, stem=stem, local=local, morph_class=morph_class,
                          triggers=trigger_classes(key, stem))
        if len(self._cache) < 500_000:
            self._cache[token] = view
        return view


def _is_sport(views: Sequence[_TokenView]) -> bool:
    words = sport_words()
    return any(v.key in words or v.stem in words for v in views)


def _context_features(
    feats: list[str], views: Sequence[_TokenView], i: int, gazetteer_tags: Sequence[str] | None, sport: bool
) -> None:
    """The ``ctx`` group for token ``i`` (appended to ``feats``)."""
    n = len(views)
    feats.extend(f"tr[0]={c}" for c in views[i].triggers)
    for offset in (-3, -2, -1, 1, 2):
        j = i + offset
        if 0 <= j < n:
            feats.extend(f"tr[{offset}]={c}" for c in views[j].triggers)
    for j in range(max(0, i - 3), min(n, i + 4)):
        if j != i:
            feats.append(f"ctx={views[j].stem}")
    if sport:
        feats.append("sport")
        if gazetteer_tags is not None and gazetteer_tags[i] != "O":
            feats.append(f"sport&gaz={gazetteer_tags[i]}")
        feats.append(f"sport&w={views[i].stem}")


def document_info(
    sentences: Sequence[Sequence[str]], gazetteer_tags: Sequence[Sequence[str] | None]
) -> DocumentInfo:
    """Document-level features of every clitic-stripped Arabic word of 3+ letters: trigger
    classes at -2/-1 of ANY of its occurrences (``dtr-1=PER``), the gazetteer kinds of its
    occurrences (``dgaz=GPE``), a name particle before it (``dname``), its count (``dcnt=N``, ≤ 5)."""
    found: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for tokens, gaz in zip(sentences, gazetteer_tags, strict=True):
        keys = [normalize_key(t) for t in tokens]
        stems = [strip_clitics(k)[1] for k in keys]
        for i, stem in enumerate(stems):
            if len(stem) < 3 or not ("\u0621" <= stem[0] <= "\u064a"):
                continue
            counts[stem] = counts.get(stem, 0) + 1
            features = found.setdefault(stem, set())
            for offset in (-2, -1):
                j = i + offset
                if j >= 0:
                    features.update(f"dtr{offset}={c}" for c in trigger_classes(keys[j], stems[j]))
            if gaz is not None and gaz[i] != "O":
                features.add(f"dgaz={gaz[i][2:]}")
            if i > 0 and stems[i - 1] in _NAME_PARTICLES:
                features.add("dname")
    return {stem: (*sorted(features), f"dcnt={min(counts[stem], 5)}") for stem, features in found.items()}


def add_stack_features(
    features: Sequence[list[list[str]]], first_stage_tags: Sequence[Sequence[str]], sentences: Sequence[Sequence[str]]
) -> None:
    """Append the ``stack`` group to the features of one document, in place: ``p1=`` the
    first-stage tag of the token (and ``p1[-1]``/``p1[+1]`` of its neighbours), ``pk=KINDB|KINDI``
    for every kind the first stage gave the same clitic-stripped word anywhere in the
    document, and ``pkmaj=`` the most frequent of them."""
    from collections import Counter

    stems = [[strip_clitics(normalize_key(token))[1] for token in tokens] for tokens in sentences]
    kinds: dict[str, Counter[str]] = {}
    for sentence_stems, tags in zip(stems, first_stage_tags, strict=True):
        open_kind = ""
        for stem, tag in zip(sentence_stems, tags, strict=True):
            if tag == "O" or len(tag) < 3:
                open_kind = ""
                continue
            kind = tag[2:]
            position = "I" if tag.startswith("I-") and open_kind == kind else "B"
            open_kind = kind
            kinds.setdefault(stem, Counter())[kind + position] += 1
    for sentence_features, sentence_stems, tags in zip(features, stems, first_stage_tags, strict=True):
        n = len(tags)
        for i, feats in enumerate(sentence_features):
            feats.append(f"p1={tags[i]}")
            if i > 0:
                feats.append(f"p1[-1]={tags[i - 1]}")
            if i + 1 < n:
                feats.append(f"p1[+1]={tags[i + 1]}")
            seen = kinds.get(sentence_stems[i])
            if seen:
                feats.extend(f"pk={k}" for k in seen)
                feats.append(f"pkmaj={seen.most_common(1)[0][0]}")
