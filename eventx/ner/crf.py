"""The CRF tagger: a python-crfsuite model plus the feature set it was trained with.

A model is two files in one folder: ``<name>.crfsuite`` (the crfsuite model) and
``<name>.json`` (the model card: feature groups, morphology backend expected, training
metadata, scores, licence). :class:`CrfTagger` reads both and refuses to run with a
feature set other than the one the card names.

A two-stage model (feature group ``stack``) has a third file, named by the card's
``first_stage`` (``<name>.stage1.crfsuite``): a CRF over the same features minus ``stack``
whose tags of the whole document become features of the second stage
(:func:`eventx.ner.features.add_stack_features`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycrfsuite

from eventx.errors import Errors, ModelNotFoundError
from eventx.ner.features import FeatureExtractor, MorphLookup, add_stack_features

__all__ = [
    "DEFAULT_MODEL_DIR",
    "DEFAULT_MODEL_NAME",
    "BioSpan",
    "CrfTagger",
    "bio_to_spans",
    "train_crf",
]

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "model"
DEFAULT_MODEL_NAME = "newsfane-crf"


@dataclass(frozen=True, slots=True)
class BioSpan:
    """Tokens ``start..end-1`` (end exclusive) form one entity of ``kind``."""

    start: int
    end: int
    kind: str


def bio_to_spans(tags: Sequence[str]) -> list[BioSpan]:
    """Entity spans of a BIO sequence; a stray ``I-`` opens a new entity."""
    spans: list[BioSpan] = []
    start: int | None = None
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        continues = tag.startswith("I-") and start is not None and tag[2:] == kind
        if continues:
            continue
        if start is not None:
            spans.append(BioSpan(start, i, kind))
            start = None
        if tag != "O" and len(tag) > 2:
            start, kind = i, tag[2:]
    return spans


class CrfTagger:
    """Loads ``<model_dir>/<name>.crfsuite`` and its card; tags token sequences."""

    def __init__(self, model_path: str | Path, *, morph: MorphLookup | None = None) -> None:
        path = Path(model_path)
        if path.is_dir():
            path = path / f"{DEFAULT_MODEL_NAME}.crfsuite"
        if not path.is_file():
            raise ModelNotFoundError(Errors.NER_MODEL_NOT_FOUND.format(path=path, folder=path.parent))
        self.model_path = path
        card_path = path.with_suffix(".json")
        self.card: dict[str, Any] = json.loads(card_path.read_text(encoding="utf-8")) if card_path.is_file() else {}
        groups = tuple(self.card.get("feature_groups", ["base"]))
        if "morph" in groups and morph is None:
            raise ModelNotFoundError(
                Errors.NER_MORPH_BACKEND_MISSING.format(model=path.name, backend=self.card.get("morph_backend", "?"))
            )
        self.features = FeatureExtractor(groups=groups, morph=morph)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._first_stage: pycrfsuite.Tagger | None = None
        if "stack" in groups:
            first = path.parent / str(self.card.get("first_stage", ""))
            if not self.card.get("first_stage") or not first.is_file():
                raise ModelNotFoundError(Errors.NER_FIRST_STAGE_MISSING.format(model=path.name, path=first))
            self._first_stage = pycrfsuite.Tagger()
            self._first_stage.open(str(first))

    @property
    def uses_gazetteer(self) -> bool:
        return "gaz" in self.features.groups

    def tag(self, tokens: Sequence[str], gazetteer_tags: Sequence[str] | None = None) -> list[str]:
        """Tags of one sentence, taken as a document of its own."""
        return self.tag_with_confidence(tokens, gazetteer_tags)[0]

    def tag_with_confidence(
        self, tokens: Sequence[str], gazetteer_tags: Sequence[str] | None = None
    ) -> tuple[list[str], list[float]]:
        """Tags plus the marginal probability of each chosen tag (a cheap span score)."""
        if not tokens:
            return [], []
        return self.tag_document([tokens], [gazetteer_tags])[0]

    def tag_document(
        self, sentences: Sequence[Sequence[str]], gazetteer_tags: Sequence[Sequence[str] | None] | None = None
    ) -> list[tuple[list[str], list[float]]]:
        """Tags and marginals of every sentence of one document (document-level features see
        all its sentences)."""
        all_features = self.features.document(sentences, gazetteer_tags)
        if self._first_stage is not None:
            first = [list(self._first_stage.tag(f)) if f else [] for f in all_features]
            add_stack_features(all_features, first, sentences)
        result: list[tuple[list[str], list[float]]] = []
        for features in all_features:
            if not features:
                result.append(([], []))
                continue
            tags = list(self._tagger.tag(features))
            result.append((tags, [self._tagger.marginal(tag, i) for i, tag in enumerate(tags)]))
        return result


def train_crf(
    sequences: Iterable[tuple[list[list[str]], Sequence[str]]],
    model_path: str | Path,
    *,
    c1: float = 0.05,
    c2: float = 0.05,
    max_iterations: int = 150,
    min_freq: float = 1.0,
    verbose: bool = False,
) -> float:
    """Train an L-BFGS CRF on ``(features, tags)`` pairs; returns the training time in seconds."""
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=verbose)
    for features, tags in sequences:
        trainer.append(features, list(tags))
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.minfreq": min_freq,
            "feature.possible_transitions": True,
        }
    )
    started = time.perf_counter()
    Path(model_path).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    return time.perf_counter() - started
