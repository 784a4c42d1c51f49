"""The stanza backend: stanza's Arabic tokenize/(mwt)/pos/lemma/depparse, mapped onto our tokens.

Models are never downloaded here: the resources directory is ``$EVENTX_STANZA_DIR``, else
``$STANZA_RESOURCES_DIR``, else stanza's default ``~/stanza_resources``, and a missing one
raises :class:`~eventx.errors.ModelNotFoundError`. ``resources.json`` decides the processor
list: official Arabic models have ``mwt`` (clitics are multi-word tokens), the small test
models in ``../shared/models/stanza-ar-test`` do not (their tokenizer splits clitics itself).

Two uses:

* as a morphology backend (``morph='stanza'``): our tokens are joined with spaces and run
  through the full pipeline; every stanza word is placed in the token of ours that contains
  it, with offsets from stanza's ``start_char``/``end_char`` (words of a multi-word token are
  aligned inside the token's text, falling back to the whole token span), so clitic splits,
  lemmas, POS, heads and relations all come from stanza;
* as a parser over existing words (:meth:`StanzaBackend.parse`, used by the ``parse``
  processor after camel morphology): pos/lemma/depparse on pretokenized words, so heads map
  1:1 onto our words while camel's lemmas and POS are kept.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventx.errors import Errors, ModelNotFoundError
from eventx.morph.base import BackendInfo, Segment
from eventx.text.orthography import dediacritize, normalize_key

__all__ = [
    "REQUIRED_PROCESSORS",
    "StanzaBackend",
    "find_stanza_dir",
    "stanza_processors",
    "stanza_resources_dir",
]

REQUIRED_PROCESSORS = ("tokenize", "pos", "lemma", "depparse")
_PIPELINES: dict[tuple[str, str], Any] = {}


def stanza_resources_dir() -> Path:
    for var in ("EVENTX_STANZA_DIR", "STANZA_RESOURCES_DIR"):
        value = os.environ.get(var)
        if value:
            return Path(value).expanduser().absolute()
    return Path.home() / "stanza_resources"


def _arabic_resources(root: Path) -> dict[str, Any] | None:
    try:
        resources = json.loads((root / "resources.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    entry = resources.get("ar")
    if isinstance(entry, dict) and "alias" in entry:
        entry = resources.get(entry["alias"])
    return entry if isinstance(entry, dict) else None


def _arabic_models_present(root: Path, entry: dict[str, Any]) -> bool:
    defaults = entry.get("default_processors", {})
    return all(name in defaults and (root / "ar" / name).is_dir() for name in REQUIRED_PROCESSORS)


def find_stanza_dir(root: Path | None = None) -> Path | None:
    """The stanza resources directory when it holds Arabic tokenize/pos/lemma/depparse models."""
    root = root or stanza_resources_dir()
    entry = _arabic_resources(root)
    return root if entry is not None and _arabic_models_present(root, entry) else None


def stanza_processors(root: Path) -> str:
    """``tokenize,mwt,pos,lemma,depparse`` when resources.json lists mwt for Arabic, else without."""
    entry = _arabic_resources(root) or {}
    has_mwt = "mwt" in entry.get("default_processors", {}) and (root / "ar" / "mwt").is_dir()
    return ",".join(["tokenize", *(["mwt"] if has_mwt else []), "pos", "lemma", "depparse"])


def _load_pipeline(root: Path, processors: str) -> Any:
    key = (str(root), processors)
    if key not in _PIPELINES:
        import stanza

        logging.getLogger("stanza").setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch.load / stanza deprecation chatter
            _PIPELINES[key] = stanza.Pipeline(
                "ar", dir=str(root), processors=processors, download_method=None,
                logging_level="ERROR", use_gpu=False,
            )
    return _PIPELINES[key]


class StanzaBackend:
    """stanza morphology + dependency parse (see the module docstring)."""

    name = "stanza"

    def __init__(self, model_dir: str | Path | None = None) -> None:
        root = Path(model_dir).expanduser().absolute() if model_dir else stanza_resources_dir()
        found = find_stanza_dir(root)
        if found is None:
            raise ModelNotFoundError(Errors.STANZA_MODELS_NOT_FOUND.format(path=root))
        self.model_dir = found
        self.processors = stanza_processors(found)

    @property
    def pipeline(self) -> Any:
        return _load_pipeline(self.model_dir, self.processors)

    # morphology ------------------------------------------------------------------------------

    def analyze_sentence(self, tokens: Sequence[str]) -> list[list[Segment]]:
        return self.analyze_sentences([tokens])[0]

    def analyze_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[list[Segment]]]:
        """Batch form of :meth:`analyze_sentence` (one stanza bulk call)."""
        from eventx.morph.builtin import MAX_ANALYZED_TOKEN_LENGTH

        # An over-long token is shown to stanza as "_" and gets one X word back (the same rule
        # as the other backends: its analysis would cost time that grows with its length).
        originals = sentences
        sentences = [[t if len(t) <= MAX_ANALYZED_TOKEN_LENGTH else "_" for t in tokens] for tokens in sentences]
        texts: list[str] = []
        spans: list[list[tuple[int, int]]] = []
        for tokens in sentences:
            offsets: list[tuple[int, int]] = []
            position = 0
            for token in tokens:
                offsets.append((position, position + len(token)))
                position += len(token) + 1
            texts.append(" ".join(tokens))
            spans.append(offsets)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            docs = self.pipeline.bulk_process(texts) if any(texts) else [None] * len(texts)
        analysed = [
            _segments_from_stanza(tokens, offsets, doc) if doc is not None else [_fallback(t) for t in tokens]
            for tokens, offsets, doc in zip(sentences, spans, docs, strict=False)
        ]
        return [
            [[_fallback(t)] if len(t) > MAX_ANALYZED_TOKEN_LENGTH else segments for t, segments in zip(
                tokens, per_token, strict=False
            )]
            for tokens, per_token in zip(originals, analysed, strict=False)
        ]

    # parsing over existing words -------------------------------------------------------------

    def parse(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[int, str]]]:
        """(head, deprel) per given word; head is a 0-based index into the same list, -1 for root."""
        from stanza.models.common.doc import Document

        todo = [i for i, words in enumerate(sentences) if words]
        result: list[list[tuple[int, str]]] = [[] for _ in sentences]
        if not todo:
            return result
        doc = Document([[{"id": j + 1, "text": w or "_"} for j, w in enumerate(sentences[i])] for i in todo])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = self.pipeline.process(doc, processors="pos,lemma,depparse")
        for i, sentence in zip(todo, doc.sentences, strict=False):
            result[i] = [(int(w.head) - 1 if w.head else -1, w.deprel or "dep") for w in sentence.words]
        return result

    def info(self) -> BackendInfo:
        import importlib.metadata as md

        return BackendInfo(
            name="stanza",
            description=f"stanza {md.version('stanza')}, Arabic models in {self.model_dir} ({self.processors})",
            details={"dir": str(self.model_dir), "processors": self.processors},
        )


# --- alignment -------------------------------------------------------------------------------


def _fallback(token: str, pos: str = "X") -> Segment:
    return Segment(0, len(token), pos, "stem")


def _word_spans_in_token(token_text: str, token_start: int, words: Sequence[Any]) -> list[tuple[int, int]]:
    """Absolute spans of the words of one stanza token (MWT words are searched in the token text)."""
    if len(words) == 1:
        return [(token_start, token_start + len(token_text))]
    spans: list[tuple[int, int]] = []
    cursor = 0
    key_text = normalize_key(token_text)
    for index, word in enumerate(words):
        target = normalize_key(dediacritize(word.text or ""))
        found = key_text.find(target, cursor) if target and len(key_text) == len(token_text) else -1
        if found >= 0:
            start, end = found, found + len(target)
            if index == len(words) - 1:
                end = len(token_text)
            cursor = end
        elif index == len(words) - 1 and cursor < len(token_text):
            start, end = cursor, len(token_text)
        else:
            start, end = 0, len(token_text)  # cannot align: the whole token span
        spans.append((token_start + start, token_start + end))
    return spans


def _segments_from_stanza(tokens: Sequence[str], offsets: Sequence[tuple[int, int]], doc: Any) -> list[list[Segment]]:
    """Place stanza words into our tokens; heads re-indexed to the flattened segment list."""
    placed: list[list[tuple[int, int, Any]]] = [[] for _ in tokens]
    word_slot: dict[tuple[int, int], tuple[int, int]] = {}  # (sentence, word id) -> (token, position)
    roots: list[tuple[int, int]] = []
    token_index = 0
    for s_index, sentence in enumerate(doc.sentences):
        for stoken in sentence.tokens:
            start = stoken.start_char
            word_spans = _word_spans_in_token(stoken.text, start, stoken.words)
            for (w_start, w_end), word in zip(word_spans, stoken.words, strict=True):
                while token_index < len(tokens) - 1 and w_start >= offsets[token_index][1]:
                    token_index += 1
                t_start, t_end = offsets[token_index]
                rel_start = min(max(w_start - t_start, 0), len(tokens[token_index]))
                rel_end = min(max(w_end - t_start, rel_start), t_end - t_start)
                placed[token_index].append((rel_start, rel_end, word))
                word_slot[(s_index, word.id)] = (token_index, len(placed[token_index]) - 1)
                if not word.head:
                    roots.append((s_index, word.id))
    # flatten: sentence-level index of every placed word; tokens stanza left empty get one word
    flat_index: dict[tuple[int, int], int] = {}
    counter = 0
    for t, words in enumerate(placed):
        for p in range(max(len(words), 1)):
            flat_index[(t, p)] = counter
            counter += 1
    main_root = flat_index[word_slot[roots[0]]] if roots else -1
    sentence_index = {id(sentence): i for i, sentence in enumerate(doc.sentences)}
    result: list[list[Segment]] = []
    for t, words in enumerate(placed):
        if not words:
            nearest = _nearest_word(placed, t)
            head = flat_index[(nearest, 0)] if nearest is not None else -1
            pos = "PUNCT" if not any(ch.isalnum() for ch in tokens[t]) else "X"
            deprel = "punct" if pos == "PUNCT" else "dep"
            result.append([Segment(0, len(tokens[t]), pos, "stem", head=head, deprel=deprel)])
            continue
        segments: list[Segment] = []
        stem_position = _stem_position(words)
        for p, (rel_start, rel_end, word) in enumerate(words):
            if word.head:
                head_slot = word_slot.get((sentence_index.get(id(word.sent), 0), word.head))
                head = flat_index[head_slot] if head_slot is not None else main_root
                deprel = word.deprel or "dep"
            else:
                head = -1 if flat_index[(t, p)] == main_root else main_root
                deprel = "root" if head == -1 else "parataxis"
            role = "stem" if p == stem_position else ("proclitic" if p < stem_position else "enclitic")
            lemma = word.lemma or None
            features = tuple(sorted(
                tuple(item.split("=", 1)) for item in (word.feats or "").split("|") if "=" in item
            ))
            segments.append(Segment(
                rel_start, rel_end, word.upos or "X", role, lemma,
                normalize_key(dediacritize(lemma)) if lemma else None, None, features, head, deprel,
            ))
        result.append(_without_overlap(segments))
    return result


def _stem_position(words: Sequence[tuple[int, int, Any]]) -> int:
    content = [p for p, (_, _, w) in enumerate(words) if w.upos not in ("ADP", "CCONJ", "PART", "PRON", "DET", "AUX")]
    if content:
        return content[0]
    return len(words) - 1 if len(words) > 1 and words[-1][2].upos != "PRON" else 0


def _nearest_word(placed: Sequence[Sequence[Any]], t: int) -> int | None:
    for distance in range(1, len(placed)):
        for candidate in (t - distance, t + distance):
            if 0 <= candidate < len(placed) and placed[candidate]:
                return candidate
    return None


def _without_overlap(segments: list[Segment]) -> list[Segment]:
    """Keep segments ordered and non-overlapping (an unaligned MWT word gets an empty span at the end)."""
    fixed: list[Segment] = []
    cursor = 0
    for seg in segments:
        start = max(seg.start, cursor)
        end = max(seg.end, start)
        if (start, end) != (seg.start, seg.end):
            seg = Segment(start, end, seg.pos, seg.role, seg.lemma, seg.lemma_bare, seg.form, seg.features,
                          seg.head, seg.deprel)
        fixed.append(seg)
        cursor = end
    return fixed
