"""The camel-tools morphology backend (CALIMA-MSA r13 database).

Nothing heavy happens at import: the database is located on construction (a missing database
raises :class:`~eventx.errors.ModelNotFoundError` with install instructions) and loaded on
first use. It is loaded by explicit file path, and ``camel_tools`` is imported only after we
have checked that its data directory holds a catalogue, because importing
``camel_tools.data`` without one starts a network download.

Segmentation follows the ATB scheme (as UD Arabic-PADT does): proclitics و ف ب ل ك س and
enclitic pronouns are split off, the article ال stays on its word and shows as
``Definite=Def``. Where orthography merges letters (``للقوات`` = ل + ال + قوات) the stem keeps
its surface span (``لقوات``) and :attr:`Segment.form` holds the dictionary spelling (``القوات``);
likewise ``مشاركتها`` → ``مشاركت`` (form ``مشاركة``) + ``ها``.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from eventx.errors import Errors, ModelNotFoundError
from eventx.morph.base import BackendInfo, Segment
from eventx.morph.builtin import load_name_keys, nonword_segments
from eventx.morph.disambiguate import Candidate, ContextDisambiguator, Disambiguator
from eventx.text.orthography import ARABIC_DIACRITICS, BIDI_AND_ZERO_WIDTH, dediacritize, normalize_key

__all__ = [
    "DEFAULT_DB",
    "CamelBackend",
    "camel_data_dir",
    "find_camel_db",
    "find_mle_model",
]

DEFAULT_DB = "calima-msa-r13"
_TATWEEL = "\u0640"
_NOT_LETTERS = ARABIC_DIACRITICS | BIDI_AND_ZERO_WIDTH | {_TATWEEL}
_CACHE_SIZE = 200_000
# Loaded analyzers and candidate caches are shared by every backend (and pipeline) of a process
# that uses the same database file: loading takes seconds and the DB is read-only.
_SHARED: dict[tuple[str, str | None], tuple[Any, Any, OrderedDict[str, list[Candidate]]]] = {}


def camel_data_dir() -> Path:
    """The data directory camel-tools itself uses: ``$CAMELTOOLS_DATA``, else ``~/.camel_tools``."""
    env = os.environ.get("CAMELTOOLS_DATA")
    return Path(env).expanduser().absolute() if env else Path.home() / ".camel_tools"


def find_camel_db(db_name: str = DEFAULT_DB, data_dir: Path | None = None) -> Path | None:
    """Path of ``morphology.db`` when it and camel's catalogue are installed, else ``None``."""
    root = data_dir or camel_data_dir()
    db = root / "data" / "morphology_db" / db_name / "morphology.db"
    return db if db.is_file() and (root / "catalogue.json").is_file() else None


def find_mle_model(db_name: str = DEFAULT_DB, data_dir: Path | None = None) -> Path | None:
    """Path of camel's pretrained MLE disambiguation model when installed, else ``None``."""
    model = (data_dir or camel_data_dir()) / "data" / "disambig_mle" / db_name / "model.json"
    return model if model.is_file() else None


def _missing_db_message(db_name: str, root: Path) -> str:
    db = root / "data" / "morphology_db" / db_name / "morphology.db"
    if db.is_file():
        return Errors.CAMEL_CATALOGUE_MISSING.format(path=root / "catalogue.json")
    return Errors.CAMEL_DB_NOT_FOUND.format(db_name=db_name, path=db)


# --- camel feature values -> UD -------------------------------------------------------------

_POS_TO_UD = {
    "noun": "NOUN", "noun_prop": "PROPN", "noun_num": "NUM", "noun_quant": "NOUN", "adj": "ADJ",
    "adj_comp": "ADJ", "adj_num": "ADJ", "adv": "ADV", "adv_interrog": "ADV", "adv_rel": "ADV",
    "verb": "VERB", "verb_pseudo": "SCONJ", "prep": "ADP", "conj": "CCONJ", "conj_sub": "SCONJ",
    "pron": "PRON", "pron_rel": "PRON", "pron_interrog": "PRON", "pron_exclam": "PRON", "pron_dem": "DET",
    "part_det": "DET", "part_fut": "AUX", "digit": "NUM", "punc": "PUNCT", "interj": "INTJ",
    "latin": "X", "foreign": "X", "abbrev": "X",
}
_PROCLITIC_POS = {
    ">a_ques": "PART", "wa_conj": "CCONJ", "wa_part": "CCONJ", "wa_sub": "CCONJ", "fa_conj": "CCONJ",
    "fa_rc": "CCONJ", "fa_conn": "CCONJ", "fa_sub": "CCONJ", "bi_prep": "ADP", "li_prep": "ADP",
    "ka_prep": "ADP", "ta_prep": "ADP", "wa_prep": "ADP", "fiy_prep": "ADP", "la_prep": "ADP",
    "li_sub": "SCONJ", "li_jus": "PART", "la_rc": "PART", "la_emph": "PART", "bi_part": "PART",
    "sa_fut": "AUX", "yA_voc": "PART", "wA_voc": "PART", "hA_dem": "DET", "mA_part": "PART",
    "lA_neg": "PART", "mA_neg": "PART", "mA_rel": "PRON",
}
_CLITIC_LETTER_POS = {"و": "CCONJ", "ف": "CCONJ", "ب": "ADP", "ل": "ADP", "ك": "ADP", "س": "AUX", "ا": "PART"}
_CLITIC_LEMMA = {"و": "وَ", "ف": "فَ", "ب": "بِ", "ل": "لِ", "ك": "كَ", "س": "سَ", "ا": "أَ", "ت": "تَ"}
_PRONOUN_LEMMA = {
    "1s": "أَنا", "1p": "نَحْنُ", "2ms": "أَنْتَ", "2fs": "أَنْتِ", "2d": "أَنْتُما", "2mp": "أَنْتُم",
    "2fp": "أَنْتُنَّ", "3ms": "هُوَ", "3fs": "هِيَ", "3d": "هُما", "3mp": "هُم", "3fp": "هُنَّ",
}
_GENDER = {"m": "Masc", "f": "Fem"}
_NUMBER = {"s": "Sing", "d": "Dual", "p": "Plur"}
_CASE = {"n": "Nom", "a": "Acc", "g": "Gen"}
_STATE = {"d": "Def", "i": "Ind", "c": "Cons"}
_ASPECT = {"p": "Perf", "i": "Imp"}
_VOICE = {"a": "Act", "p": "Pass"}
_MOOD = {"i": "Ind", "s": "Sub", "j": "Jus"}


def _stem_features(analysis: dict[str, Any], stem_bare: str) -> dict[str, str]:
    feats: dict[str, str] = {}
    if (aspect := analysis.get("asp")) in _ASPECT:
        feats["Aspect"] = _ASPECT[aspect]
    elif aspect == "c":
        feats["Mood"] = "Imp"
    if (mood := analysis.get("mod")) in _MOOD and aspect == "i":
        feats["Mood"] = _MOOD[mood]
    if (voice := analysis.get("vox")) in _VOICE:
        feats["Voice"] = _VOICE[voice]
    if (gender := analysis.get("gen")) in _GENDER:
        feats["Gender"] = _GENDER[gender]
    if (number := analysis.get("num")) in _NUMBER:
        feats["Number"] = _NUMBER[number]
    if (person := analysis.get("per")) in ("1", "2", "3"):
        feats["Person"] = person
    if (state := analysis.get("stt")) in _STATE:
        feats["Definite"] = _STATE[state]
    elif analysis.get("prc0") == "Al_det":
        feats["Definite"] = "Def"
    if (case := analysis.get("cas")) in _CASE:
        feats["Case"] = _CASE[case]
    if stem_bare:
        feats["Stem_Bare"] = stem_bare
    return feats


def _pronoun_features(enclitic: str) -> tuple[str, dict[str, str]]:
    """POS, features for an enclitic value such as ``3mp_poss``."""
    code, _, kind = enclitic.partition("_")
    if kind not in ("pron", "poss", "dobj"):
        return ("PART" if enclitic in ("lA_neg", "Ah_voc") else "PRON"), {}
    feats = {"PronType": "Prs", "Person": code[0]}
    if len(code) == 3:
        feats["Gender"] = _GENDER.get(code[1], "")
        feats["Number"] = _NUMBER.get(code[2], "")
    elif len(code) == 2:
        feats["Number"] = _NUMBER.get(code[1], "")
    if kind == "poss":
        feats["Poss"] = "Yes"
    return "PRON", {k: v for k, v in feats.items() if v}


# --- alignment of an analysis onto the surface token -----------------------------------------


def _letter_positions(token: str) -> list[int]:
    return [i for i, ch in enumerate(token) if ch not in _NOT_LETTERS]


def _split_pieces(tokenization: str) -> tuple[list[str], str, list[str]]:
    """``'وَ+_لِ+_المَدِينَة'`` -> (['و', 'ل'], 'المدينة', []); diacritics removed."""
    proclitics: list[str] = []
    enclitics: list[str] = []
    stem = ""
    for piece in tokenization.split("_"):
        bare = dediacritize(piece)
        if bare.endswith("+") and len(bare) > 1:
            proclitics.append(bare[:-1])
        elif bare.startswith("+") and len(bare) > 1:
            enclitics.append(bare[1:])
        elif bare:
            stem += bare
    return proclitics, stem, enclitics


def _align(
    token: str, proclitics: Sequence[str], enclitics: Sequence[str]
) -> list[tuple[int, int]] | None:
    """Spans (relative to ``token``) of proclitics, stem, enclitics; ``None`` if they do not fit."""
    letters = _letter_positions(token)
    n = len(letters)
    spans: list[tuple[int, int]] = []
    pos = 0
    for clitic in proclitics:
        k = len(clitic)
        if pos + k >= n or normalize_key("".join(token[i] for i in letters[pos : pos + k])) != normalize_key(clitic):
            return None
        spans.append((letters[pos], letters[pos + k]))
        pos += k
    tail: list[tuple[int, int]] = []
    end_letter = n
    end_char = len(token)
    for clitic in reversed(enclitics):
        k = len(clitic)
        start_letter = end_letter - k
        if start_letter <= pos:
            return None
        surface = "".join(token[i] for i in letters[start_letter:end_letter])
        if normalize_key(surface) != normalize_key(clitic):
            return None
        tail.append((letters[start_letter], end_char))
        end_letter = start_letter
        end_char = letters[start_letter]
    spans.append((letters[pos], end_char))
    spans.extend(reversed(tail))
    return spans


def _diacritic_agreement(token: str, diac: str) -> tuple[bool, int]:
    """Whether an analysis' diacritized form ``diac`` agrees with the input's diacritics.

    Returns (agrees, number of input diacritics it matched). Undiacritized input agrees with
    everything; a letter-count mismatch (e.g. tanwin alef spellings) is treated as agreement.
    """
    if not any(ch in ARABIC_DIACRITICS for ch in token):
        return True, 0
    given = _letters_with_marks(token)
    analysed = _letters_with_marks(diac)
    if len(given) != len(analysed):
        return True, 0
    matched = 0
    for (_, marks_in), (_, marks_an) in zip(given, analysed, strict=False):
        if not marks_in <= marks_an:
            return False, 0
        matched += len(marks_in)
    return True, matched


def _letters_with_marks(text: str) -> list[tuple[str, frozenset[str]]]:
    out: list[tuple[str, set[str]]] = []
    for ch in text:
        if ch in ARABIC_DIACRITICS:
            if out:
                out[-1][1].add(ch)
        elif ch not in _NOT_LETTERS:
            out.append((ch, set()))
    return [(letter, frozenset(marks)) for letter, marks in out]


# --- analyses -> candidates ------------------------------------------------------------------


def _clamp(logprob: float) -> float:
    return -12.0 if logprob <= -90 else logprob


def build_candidates(token: str, analyses: Iterable[dict[str, Any]]) -> list[Candidate]:
    """Distinct candidates of ``token`` in analyzer order (analyses differing only in case merge)."""
    groups: dict[tuple[Any, ...], tuple[Candidate, dict[str, str] | None, int]] = {}
    order: list[tuple[Any, ...]] = []
    for analysis in analyses:
        cand, case = _candidate(token, analysis)
        key = (cand.segments, cand.pos, cand.lex, cand.source)
        if key not in groups:
            groups[key] = (cand, case, len(order))
            order.append(key)
            continue
        kept, kept_case, index = groups[key]
        if kept_case != case:
            kept_case = None
        better = cand if (cand.diac_ok, cand.score, cand.diac_matches) > (
            kept.diac_ok, kept.score, kept.diac_matches) else kept
        groups[key] = (better, kept_case, index)
    result: list[Candidate] = []
    for key in order:
        cand, case, _ = groups[key]
        if case:
            cand = _with_case(cand, case)
        result.append(cand)
    return result


def _with_case(cand: Candidate, case: dict[str, str]) -> Candidate:
    segments = list(cand.segments)
    for i, seg in enumerate(segments):
        if seg.role == "stem":
            segments[i] = Segment(
                seg.start, seg.end, seg.pos, seg.role, seg.lemma, seg.lemma_bare, seg.form,
                tuple(sorted({**dict(seg.features), **case}.items())),
            )
    return Candidate(**{**{f: getattr(cand, f) for f in cand.__slots__}, "segments": tuple(segments)})


def _candidate(token: str, analysis: dict[str, Any]) -> tuple[Candidate, dict[str, str] | None]:
    pos = analysis.get("pos", "noun")
    lex = analysis.get("lex") or token
    source = analysis.get("source", "lex")
    proc_feats = tuple(
        v for v in (analysis.get("prc3"), analysis.get("prc2"), analysis.get("prc1"), analysis.get("prc0"))
        if v not in (None, "0", "na", "Al_det")
    )
    enclitic = analysis.get("enc0") or "0"
    proclitics, stem, enclitics = _split_pieces(analysis.get("atbtok") or token)
    if "NOAN" in stem:  # back-off analysis: the stem is whatever the clitics leave
        stem = ""
    if len(proclitics) != len(proc_feats):
        proc_feats = tuple("" for _ in proclitics)
    spans = _align(token, proclitics, enclitics) if (proclitics or enclitics) else None
    if spans is None:
        proclitics, enclitics, proc_feats = [], [], ()
        spans = [(0, len(token))]
        enclitic = "0"
    stem_start, stem_end = spans[len(proclitics)]
    stem_surface = token[stem_start:stem_end]
    stem_key = normalize_key(stem_surface)
    lemma = lex if source != "backoff" else dediacritize(stem_surface)
    if source == "backoff":
        stem = dediacritize(stem_surface)
    form = stem if stem and normalize_key(stem) != stem_key else None
    stem_bare = normalize_key(dediacritize(analysis.get("stem") or "")) if source != "backoff" else stem_key
    features = _stem_features(analysis, stem_bare)
    case = {"Case": features.pop("Case")} if "Case" in features else None
    segments: list[Segment] = []
    for (start, end), clitic, feat in zip(spans, proclitics, proc_feats, strict=False):
        letter = normalize_key(clitic)[:1]
        seg_pos = _PROCLITIC_POS.get(feat) or _CLITIC_LETTER_POS.get(letter, "PART")
        clitic_lemma = _CLITIC_LEMMA.get(letter, clitic)
        clitic_bare = normalize_key(dediacritize(clitic_lemma))
        segments.append(Segment(start, end, seg_pos, "proclitic", clitic_lemma, clitic_bare))
    segments.append(
        Segment(
            stem_start, stem_end, _POS_TO_UD.get(pos, "PART" if pos.startswith("part") else "X"), "stem",
            lemma, normalize_key(dediacritize(lemma)), form, tuple(sorted(features.items())),
        )
    )
    for (start, end), _clitic in zip(spans[len(proclitics) + 1 :], enclitics, strict=False):
        enc_pos, enc_feats = _pronoun_features(enclitic)
        enc_lemma = _PRONOUN_LEMMA.get(enclitic.partition("_")[0])
        segments.append(
            Segment(start, end, enc_pos, "enclitic", enc_lemma, normalize_key(dediacritize(enc_lemma)) if enc_lemma
                    else None, None, tuple(sorted(enc_feats.items())))
        )
    diac_ok, diac_matches = _diacritic_agreement(token, analysis.get("diac") or "")
    logprob = analysis.get("pos_lex_logprob")
    if logprob is None:
        logprob = analysis.get("pos_logprob", -99.0) + analysis.get("lex_logprob", -99.0)
    score = -7.0 if source == "backoff" else _clamp(float(logprob))
    cand = Candidate(
        segments=tuple(segments), pos=pos, lex=lex, score=score, proclitics=tuple(f for f in proc_feats if f),
        enclitic=enclitic, person=str(analysis.get("per", "na")), state=str(analysis.get("stt", "na")),
        source=source, diac_ok=diac_ok, diac_matches=diac_matches, stem_key=stem_key,
    )
    return cand, case


# --- the backend -----------------------------------------------------------------------------


class CamelBackend:
    """camel-tools analysis + :mod:`eventx.morph.disambiguate` (or camel's MLE model if installed)."""

    name = "camel"

    def __init__(
        self,
        db_name: str = DEFAULT_DB,
        data_dir: str | Path | None = None,
        disambiguator: Disambiguator | None = None,
        use_mle: bool = True,
    ) -> None:
        root = Path(data_dir).expanduser().absolute() if data_dir else camel_data_dir()
        db_path = find_camel_db(db_name, root)
        if db_path is None:
            raise ModelNotFoundError(_missing_db_message(db_name, root))
        self.db_name = db_name
        self.data_dir = root
        self.db_path = db_path
        self.mle_path = find_mle_model(db_name, root) if use_mle else None
        self.disambiguator: Disambiguator = disambiguator or ContextDisambiguator(load_name_keys())
        self._analyzer: Any = None
        self._mle: Any = None
        self._cache: OrderedDict[str, list[Candidate]] = OrderedDict()
        shared = _SHARED.get((str(db_path), str(self.mle_path) if self.mle_path else None))
        if shared is not None:
            self._analyzer, self._mle, self._cache = shared

    # loading ---------------------------------------------------------------------------------

    def load(self) -> None:
        """Load the database now (it is otherwise loaded on first use)."""
        if self._analyzer is not None:
            return
        if "CAMELTOOLS_DATA" not in os.environ and self.data_dir != camel_data_dir():
            # camel_tools reads its catalogue from $CAMELTOOLS_DATA at import time.
            os.environ["CAMELTOOLS_DATA"] = str(self.data_dir)
        from camel_tools.morphology.analyzer import Analyzer
        from camel_tools.morphology.database import MorphologyDB

        self._analyzer = Analyzer(MorphologyDB(str(self.db_path), "a"), backoff="NOAN_PROP")
        if self.mle_path is not None:
            from camel_tools.disambig.mle import MLEDisambiguator

            self._mle = MLEDisambiguator(self._analyzer, str(self.mle_path), top=1000, cache_size=0)
        _SHARED[(str(self.db_path), str(self.mle_path) if self.mle_path else None)] = (
            self._analyzer, self._mle, self._cache)

    # analysis --------------------------------------------------------------------------------

    def candidates(self, token: str) -> list[Candidate]:
        """All distinct candidates for one token (cached per surface form)."""
        cached = self._cache.get(token)
        if cached is not None:
            self._cache.move_to_end(token)
            return cached
        result = self._compute_candidates(token)
        self._cache[token] = result
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return result

    def _compute_candidates(self, token: str) -> list[Candidate]:
        # punctuation, numbers, Latin... and over-long tokens (> MAX_ANALYZED_TOKEN_LENGTH
        # characters: one X word, no lemma) never reach camel-tools, whose analysis of a
        # 10,000-character "word" takes seconds
        special = nonword_segments(token)
        if special is not None:
            seg = special[-1]
            key = normalize_key(token)
            return [Candidate(segments=special, pos=seg.pos.lower(), lex=token, score=0.0, stem_key=key)]
        self.load()
        query = "".join(ch for ch in token if ch not in BIDI_AND_ZERO_WIDTH and ch != _TATWEEL)
        analyses = self._analyzer.analyze(query) if query else []
        candidates = build_candidates(token, analyses)
        if self._mle is not None and candidates:
            candidates = self._add_mle_scores(query, candidates)
        if not candidates:
            whole = Segment(0, len(token), "X", "stem", token, normalize_key(dediacritize(token)))
            candidates = [Candidate(segments=(whole,), pos="noun_prop", lex=token, score=-7.0,
                                    stem_key=normalize_key(token))]
        return candidates

    def _add_mle_scores(self, query: str, candidates: list[Candidate]) -> list[Candidate]:
        scored = self._mle.disambiguate_word([query], 0).analyses
        best: dict[tuple[str, str], float] = {}
        for item in scored:
            key = (item.analysis.get("lex", ""), item.analysis.get("pos", ""))
            best[key] = max(best.get(key, 0.0), float(item.score))
        return [
            Candidate(**{**{f: getattr(c, f) for f in c.__slots__}, "mle_score": best.get((c.lex, c.pos), 0.0)})
            for c in candidates
        ]

    def analyze_sentence(self, tokens: Sequence[str]) -> list[list[Segment]]:
        options = [self.candidates(token) for token in tokens]
        chosen = self.disambiguator.choose(tokens, options)
        return [list(opts[i].segments) for opts, i in zip(options, chosen, strict=False)]

    def info(self) -> BackendInfo:
        import importlib.metadata as md

        try:
            version = md.version("camel-tools")
        except md.PackageNotFoundError:  # pragma: no cover - camel-tools is a dependency
            version = "unknown"
        disambig = "camel MLE model " + str(self.mle_path) if self.mle_path else self.disambiguator.name
        return BackendInfo(
            name="camel",
            description=f"camel-tools {version}, {self.db_name} database at {self.db_path}, disambiguation: {disambig}",
            details={"db_path": str(self.db_path), "camel_tools": version, "disambiguator": disambig,
                     "data_dir": str(self.data_dir)},
        )

