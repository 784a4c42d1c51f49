"""Train the shipped CRF NER models on NewsFANE Gold 2014: ``python -m eventx.train.ner``.

Steps: read the corpus (:mod:`eventx.ner.newsfane`), undo its clitic segmentation, split it
by shuffled contiguous sentence blocks (seed 13, 80/10/10), optionally tune c1/c2 on dev
(``--tune``), train the final model(s) with L-BFGS on train+dev, score entity-level P/R/F1
per kind on test (exact span and kind), and write ``<name>.crfsuite`` plus the model card
``<name>.json`` into ``--out``.

Variants (``--variant``): ``full`` = base+gaz+morph features (camel-tools morphology DB
required at training AND inference time), ``lite`` = base+gaz, ``both`` (default).

The shipped models derive from NewsFANE and are licensed CC BY-SA 3.0 (the code is MIT).
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["EntityScores", "TrainingRun", "build_parser", "main", "score_entities", "train_variant"]

logger = logging.getLogger("eventx.train.ner")

VARIANT_GROUPS = {"full": ("base", "gaz", "morph"), "lite": ("base", "gaz")}
VARIANT_NAMES = {"full": "newsfane-crf", "lite": "newsfane-crf-lite"}
TUNING_GRID = ((0.05, 0.01), (0.1, 0.05), (0.2, 0.01), (0.05, 0.1))
LICENCE = "CC BY-SA 3.0"
CREDIT = "NewsFANE Gold 2014, Fahd Alotaibi and Mark Lee, CC BY-SA 3.0"


@dataclass
class EntityScores:
    """Entity-level counts per kind; exact span + kind match."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, gold: Sequence[str], predicted: Sequence[str]) -> None:
        from eventx.ner.crf import bio_to_spans

        gold_spans = set(bio_to_spans(gold))
        predicted_spans = set(bio_to_spans(predicted))
        for span in gold_spans & predicted_spans:
            self.tp[span.kind] += 1
        for span in predicted_spans - gold_spans:
            self.fp[span.kind] += 1
        for span in gold_spans - predicted_spans:
            self.fn[span.kind] += 1

    def table(self) -> dict[str, dict[str, float]]:
        kinds = sorted(set(self.tp) | set(self.fp) | set(self.fn))
        rows = {kind: _prf(self.tp[kind], self.fp[kind], self.fn[kind]) for kind in kinds}
        rows["ALL"] = _prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))
        return rows


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4), "support": tp + fn}


@dataclass
class TrainingRun:
    name: str
    groups: tuple[str, ...]
    c1: float
    c2: float
    max_iterations: int
    seconds: float
    scores: dict[str, Any]
    model_path: Path


def score_entities(tagger: Any, sentences: Sequence[Any], gazetteer_tags: Sequence[Sequence[str] | None]) -> dict:
    """Entity P/R/F1 per kind of ``tagger`` (a :class:`~eventx.ner.crf.CrfTagger`) on ``sentences``."""
    scores = EntityScores()
    for sentence, gaz in zip(sentences, gazetteer_tags, strict=True):
        scores.add(sentence.tags, tagger.tag(sentence.tokens, gaz))
    return scores.table()


def gazetteer_tags_for(sentences: Sequence[Any]) -> list[list[str] | None]:
    """Per-token gazetteer BIO tags for corpus sentences (tokens joined by single spaces)."""
    from eventx.ner.processor import _gazetteer_finder, spans_to_token_tags

    finder = _gazetteer_finder()
    result: list[list[str] | None] = []
    for sentence in sentences:
        if finder is None:
            result.append(None)
            continue
        offsets: list[tuple[int, int]] = []
        position = 0
        for token in sentence.tokens:
            offsets.append((position, position + len(token)))
            position += len(token) + 1
        result.append(spans_to_token_tags(offsets, finder(" ".join(sentence.tokens))))
    return result


def train_variant(
    name: str,
    groups: tuple[str, ...],
    train: Sequence[Any],
    train_gaz: Sequence[Sequence[str] | None],
    evaluate_on: dict[str, tuple[Sequence[Any], Sequence[Sequence[str] | None]]],
    out_dir: Path,
    *,
    c1: float,
    c2: float,
    max_iterations: int,
) -> TrainingRun:
    """Train one model and score it on every part of ``evaluate_on`` (``{"test": (sents, gaz)}``)."""
    from eventx.ner.crf import CrfTagger, train_crf
    from eventx.ner.features import CamelMorphFeatures, FeatureExtractor

    morph = CamelMorphFeatures() if "morph" in groups else None
    extractor = FeatureExtractor(groups=groups, morph=morph)
    sequences = [
        (extractor.sentence(s.tokens, gaz), s.tags) for s, gaz in zip(train, train_gaz, strict=True)
    ]
    model_path = out_dir / f"{name}.crfsuite"
    seconds = train_crf(sequences, model_path, c1=c1, c2=c2, max_iterations=max_iterations)
    # the card must exist before loading so the tagger builds the same feature groups
    _write_card(model_path, {"feature_groups": list(groups)})
    tagger = CrfTagger(model_path, morph=morph)
    scores = {part: score_entities(tagger, sents, gaz) for part, (sents, gaz) in evaluate_on.items()}
    return TrainingRun(name, groups, c1, c2, max_iterations, seconds, scores, model_path)


def _write_card(model_path: Path, card: dict[str, Any]) -> None:
    model_path.with_suffix(".json").write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", "utf-8")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m eventx.train.ner", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="NewsFANE_Gold_2014_170K.txt (default: ../shared)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: eventx/ner/model)")
    parser.add_argument("--variant", choices=("full", "lite", "both"), default="both")
    parser.add_argument("--no-gazetteer", action="store_true", help="train without gazetteer features")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--block-size", type=int, default=25)
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--max-iterations", type=int, default=150)
    parser.add_argument("--tune", action="store_true", help="pick c1/c2 on dev from a small grid first")
    parser.add_argument("--tune-iterations", type=int, default=80)
    parser.add_argument("--final-on", choices=("train", "train+dev"), default="train+dev")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N sentences (smoke runs)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from eventx.ner.crf import DEFAULT_MODEL_DIR
    from eventx.ner.features import CamelMorphFeatures
    from eventx.ner.newsfane import attach_clitics, default_corpus_path, read_newsfane, split_corpus

    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    started = time.perf_counter()
    corpus_path = args.corpus or default_corpus_path()
    sentences = [attach_clitics(s) for s in read_newsfane(corpus_path)]
    if args.limit:
        sentences = sentences[: args.limit]
    split = split_corpus(sentences, seed=args.seed, block_size=args.block_size)
    logger.info("corpus %s: %d sentences; train %d, dev %d, test %d", corpus_path, len(sentences),
                len(split.train), len(split.dev), len(split.test))

    variants = ["full", "lite"] if args.variant == "both" else [args.variant]
    if "full" in variants and not CamelMorphFeatures.available():
        logger.warning("camel-tools morphology DB not found (set CAMELTOOLS_DATA): training the lite model only")
        variants = [v for v in variants if v != "full"]
    use_gaz = not args.no_gazetteer
    if use_gaz:
        gaz = {part: gazetteer_tags_for(getattr(split, part)) for part in ("train", "dev", "test")}
        if all(tags is None for tags in gaz["train"]):
            logger.warning("gazetteer not importable: training without gazetteer features")
            use_gaz = False
    if not use_gaz:
        gaz = {part: [None] * len(getattr(split, part)) for part in ("train", "dev", "test")}

    out_dir = args.out or DEFAULT_MODEL_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    runs: list[TrainingRun] = []
    for variant in variants:
        groups = tuple(g for g in VARIANT_GROUPS[variant] if use_gaz or g != "gaz")
        name = VARIANT_NAMES[variant]
        c1, c2 = args.c1, args.c2
        tuning: list[dict[str, Any]] = []
        if args.tune:
            c1, c2, tuning = _tune(name, groups, split, gaz, out_dir, args.tune_iterations)
        final_train = split.train + split.dev if args.final_on == "train+dev" else split.train
        final_gaz = gaz["train"] + gaz["dev"] if args.final_on == "train+dev" else gaz["train"]
        run = train_variant(
            name, groups, final_train, final_gaz, {"test": (split.test, gaz["test"])}, out_dir,
            c1=c1, c2=c2, max_iterations=args.max_iterations,
        )
        card = _card(run, args, corpus_path, split, tuning)
        _write_card(run.model_path, card)
        runs.append(run)
        logger.info("%s: %.0f s, test %s", name, run.seconds, json.dumps(run.scores["test"]["ALL"]))
    logger.info("total %.0f s", time.perf_counter() - started)
    return 0


def _tune(
    name: str, groups: tuple[str, ...], split: Any, gaz: dict[str, list], out_dir: Path, iterations: int
) -> tuple[float, float, list[dict[str, Any]]]:
    """Grid over :data:`TUNING_GRID`: train on train, score on dev, keep the best F1."""
    results: list[dict[str, Any]] = []
    scratch = out_dir / f".{name}-tuning"
    scratch.mkdir(exist_ok=True)
    for c1, c2 in TUNING_GRID:
        run = train_variant(
            name, groups, split.train, gaz["train"], {"dev": (split.dev, gaz["dev"])}, scratch,
            c1=c1, c2=c2, max_iterations=iterations,
        )
        results.append({"c1": c1, "c2": c2, "dev_f1": run.scores["dev"]["ALL"]["f1"], "seconds": round(run.seconds)})
        logger.info("tune %s c1=%s c2=%s dev F1 %.4f", name, c1, c2, run.scores["dev"]["ALL"]["f1"])
    for leftover in scratch.iterdir():
        leftover.unlink()
    scratch.rmdir()
    best = max(results, key=lambda r: r["dev_f1"])
    return best["c1"], best["c2"], results


def _card(run: TrainingRun, args: argparse.Namespace, corpus: Path, split: Any, tuning: list) -> dict[str, Any]:
    from eventx.ner.labels import FINE_TO_KIND

    return {
        "name": run.name,
        "feature_groups": list(run.groups),
        "morph_backend": "camel (camel-tools calima-msa-r13 analyzer, no backoff)" if "morph" in run.groups else None,
        "gazetteer_features": "gaz" in run.groups,
        "labels": "BIO over spec kinds " + ", ".join(sorted(set(FINE_TO_KIND.values()))),
        "corpus": corpus.name,
        "split": {
            "method": "shuffled contiguous blocks of sentences (no reliable document boundary in the file)",
            "seed": split.seed,
            "block_size": split.block_size,
            "sentences": {"train": len(split.train), "dev": len(split.dev), "test": len(split.test)},
            "final_training_on": args.final_on,
        },
        "training": {
            "algorithm": "lbfgs",
            "c1": run.c1,
            "c2": run.c2,
            "max_iterations": run.max_iterations,
            "seconds": round(run.seconds, 1),
            "tuning_on_dev": tuning,
            "python": platform.python_version(),
        },
        "scores": run.scores,
        "scoring": "entity level, exact span and kind, NewsFANE test part",
        "licence": LICENCE,
        "credit": CREDIT,
    }


if __name__ == "__main__":
    sys.exit(main())
