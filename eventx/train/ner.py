"""Train the shipped CRF NER models on NewsFANE Gold 2014: ``python -m eventx.train.ner``.

Steps: read the corpus (:mod:`eventx.ner.newsfane`), undo its clitic segmentation, split it
by shuffled contiguous sentence blocks (seed 13, 80/10/10), optionally tune c1/c2 on dev
(``--tune``), train the final model(s) with L-BFGS on train+dev, score entity-level P/R/F1
per kind on test (exact span and kind), and write ``<name>.crfsuite`` plus the model card
``<name>.json`` into ``--out``.

Variants (``--variant``): ``full`` = base+gaz+morph+ctx+doc features (camel-tools morphology
DB required at training AND inference time), ``lite`` = the same without morph, ``both``
(default). Both are two-stage models (``stack`` group; ``--single-stage`` to drop it): a first
CRF tags the document, a second one also sees those tags and what the first stage said about
the same word elsewhere in the document. Its training tags come from a 4-fold jackknife over
training documents (the 25-sentence blocks), so they are as noisy as tags of unseen text.

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

from eventx.errors import Errors

__all__ = ["EntityScores", "TrainingRun", "build_parser", "main", "score_entities", "train_variant"]

logger = logging.getLogger("eventx.train.ner")

VARIANT_GROUPS = {
    "full": ("base", "gaz", "morph", "ctx", "doc", "stack"),
    "lite": ("base", "gaz", "ctx", "doc", "stack"),
}
VARIANT_NAMES = {"full": "newsfane-crf", "lite": "newsfane-crf-lite"}
TUNING_GRID = ((0.05, 0.01), (0.1, 0.05), (0.2, 0.01), (0.05, 0.1))
AIM_KINDS = ("PER", "GPE", "ORG", "LOC")
"""The kinds of the issue's quality aim; their micro F1 is reported as ``PER+GPE+ORG+LOC``."""
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


Part = tuple[Sequence[Any], Sequence[Sequence[str] | None], Sequence[range]]
"""One corpus part: its sentences, their gazetteer tags, and its documents (sentence ranges)."""


def score_entities(
    tagger: Any,
    sentences: Sequence[Any],
    gazetteer_tags: Sequence[Sequence[str] | None],
    documents: Sequence[range] | None = None,
) -> dict:
    """Entity P/R/F1 per kind of ``tagger`` (a :class:`~eventx.ner.crf.CrfTagger`) on ``sentences``,
    tagged one document (a range of sentence indices; all of them when None) at a time."""
    scores = EntityScores()
    for document in documents if documents is not None else [range(len(sentences))]:
        tagged = tagger.tag_document([sentences[i].tokens for i in document], [gazetteer_tags[i] for i in document])
        for i, (tags, _) in zip(document, tagged, strict=True):
            scores.add(sentences[i].tags, tags)
    table = scores.table()
    table["PER+GPE+ORG+LOC"] = _prf(
        *(sum(counter[k] for k in AIM_KINDS) for counter in (scores.tp, scores.fp, scores.fn))
    )
    return table


def gazetteer_tags_for(sentences: Sequence[Any]) -> list[list[str] | None]:
    """Per-token gazetteer BIO tags for corpus sentences (tokens joined by single spaces)."""
    from eventx.ner.processor import spans_to_token_tags
    from eventx.normalize.gazetteer import default_gazetteer

    finder = default_gazetteer().find_all
    result: list[list[str] | None] = []
    for sentence in sentences:
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
    train: Part,
    evaluate_on: dict[str, Part],
    out_dir: Path,
    *,
    c1: float,
    c2: float,
    max_iterations: int,
    folds: int = 4,
    first_stage_iterations: int | None = None,
    jobs: int = 2,
) -> TrainingRun:
    """Train one model and score it on every part of ``evaluate_on`` (``{"test": (sents, gaz, docs)}``).

    With the ``stack`` group the model has two stages: the first stage (all groups but
    ``stack``) is trained on all of ``train`` and saved as ``<name>.stage1.crfsuite``; the second
    stage learns from first-stage tags that are honest: each training document is tagged by a
    first-stage model trained on the other ``folds - 1`` folds of documents (jackknife), as
    tags of unseen text would be. ``jobs`` folds train in parallel (fork start method only).
    """
    from eventx.ner.crf import CrfTagger, train_crf
    from eventx.ner.features import CamelMorphFeatures, FeatureExtractor, add_stack_features

    started = time.perf_counter()
    morph = CamelMorphFeatures() if "morph" in groups else None
    extractor = FeatureExtractor(groups=groups, morph=morph)
    sentences, train_gaz, documents = train
    doc_features = [
        extractor.document([sentences[i].tokens for i in document], [train_gaz[i] for i in document])
        for document in documents
    ]
    doc_tags = [[sentences[i].tags for i in document] for document in documents]
    model_path = out_dir / f"{name}.crfsuite"
    card: dict[str, Any] = {"feature_groups": list(groups)}
    if "stack" in groups:
        if len(documents) < 2:
            raise ValueError(Errors.TRAIN_TOO_FEW_DOCUMENTS.format())
        folds = max(2, min(folds, len(documents)))
        first_iterations = first_stage_iterations or max_iterations
        first_path = out_dir / f"{name}.stage1.crfsuite"
        fold_of = [k % folds for k in range(len(documents))]
        jobs_list = [
            ([d for d in range(len(documents)) if fold_of[d] != k], out_dir / f".{name}.fold{k}.crfsuite")
            for k in range(folds)
        ]
        jobs_list.append((list(range(len(documents))), first_path))
        _train_many(doc_features, doc_tags, [(*job, c1, c2, first_iterations) for job in jobs_list], jobs=jobs)
        import pycrfsuite

        first_tags: list[list[list[str]]] = [[] for _ in documents]
        for k, (_, fold_path) in enumerate(jobs_list[:folds]):
            fold_tagger = pycrfsuite.Tagger()
            fold_tagger.open(str(fold_path))
            for d in range(len(documents)):
                if fold_of[d] == k:
                    first_tags[d] = [list(fold_tagger.tag(f)) for f in doc_features[d]]
            fold_tagger.close()
            fold_path.unlink()
        for d, document in enumerate(documents):
            add_stack_features(doc_features[d], first_tags[d], [sentences[i].tokens for i in document])
        card["first_stage"] = first_path.name
    sequences = [(f, t) for fs, ts in zip(doc_features, doc_tags, strict=True) for f, t in zip(fs, ts, strict=True)]
    train_crf(sequences, model_path, c1=c1, c2=c2, max_iterations=max_iterations)
    seconds = time.perf_counter() - started
    # the card must exist before loading so the tagger builds the same feature groups
    _write_card(model_path, card)
    tagger = CrfTagger(model_path, morph=morph)
    scores = {part: score_entities(tagger, sents, gaz, docs) for part, (sents, gaz, docs) in evaluate_on.items()}
    return TrainingRun(name, groups, c1, c2, max_iterations, seconds, scores, model_path)


_FORK_DATA: tuple[list[list[list[list[str]]]], list[list[Sequence[str]]]] | None = None
TrainJob = tuple[list[int], Path, float, float, int]
"""Training documents (indices), model path, c1, c2, iterations."""


def _train_many(
    doc_features: list[list[list[list[str]]]], doc_tags: list[list[Sequence[str]]], jobs_list: list[TrainJob], *,
    jobs: int,
) -> None:
    """Train one CRF per job; in ``jobs`` forked processes when the platform can fork (the
    feature lists are shared, not pickled), else one after another."""
    global _FORK_DATA
    import multiprocessing

    _FORK_DATA = (doc_features, doc_tags)
    try:
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                pool.map(_train_subset, jobs_list, chunksize=1)
        else:
            for job in jobs_list:
                _train_subset(job)
    finally:
        _FORK_DATA = None


def _train_subset(job: TrainJob) -> None:
    from eventx.ner.crf import train_crf

    assert _FORK_DATA is not None
    doc_features, doc_tags = _FORK_DATA
    indices, path, c1, c2, max_iterations = job
    sequences = [
        (f, t) for d in indices for f, t in zip(doc_features[d], doc_tags[d], strict=True)
    ]
    train_crf(sequences, path, c1=c1, c2=c2, max_iterations=max_iterations)


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
    parser.add_argument("--max-iterations", type=int, default=300, help="L-BFGS iterations of the (final) model")
    parser.add_argument("--first-stage-iterations", type=int, default=150,
                        help="iterations of the first stage and of its jackknife folds (two-stage models)")
    parser.add_argument("--folds", type=int, default=4, help="jackknife folds for the first-stage tags")
    parser.add_argument("--jobs", type=int, default=2, help="CRFs trained in parallel (folds)")
    parser.add_argument("--single-stage", action="store_true", help="no `stack` group: one CRF per variant")
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
    else:
        gaz = {part: [None] * len(getattr(split, part)) for part in ("train", "dev", "test")}

    out_dir = args.out or DEFAULT_MODEL_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    runs: list[TrainingRun] = []
    for variant in variants:
        groups = tuple(
            g for g in VARIANT_GROUPS[variant] if (use_gaz or g != "gaz") and not (args.single_stage and g == "stack")
        )
        name = VARIANT_NAMES[variant]
        c1, c2 = args.c1, args.c2
        tuning: list[dict[str, Any]] = []
        if args.tune:
            # tuned on the first stage (cheaper); the second stage uses the same pair
            first_groups = tuple(g for g in groups if g != "stack")
            c1, c2, tuning = _tune(name, first_groups, split, gaz, out_dir, args.tune_iterations, args.jobs)
        final = _part(split, gaz, "train")
        if args.final_on == "train+dev":
            dev = _part(split, gaz, "dev")
            shift = len(final[0])
            final = (
                [*final[0], *dev[0]],
                [*final[1], *dev[1]],
                [*final[2], *(range(r.start + shift, r.stop + shift) for r in dev[2])],
            )
        run = train_variant(
            name, groups, final, {"test": _part(split, gaz, "test")}, out_dir,
            c1=c1, c2=c2, max_iterations=args.max_iterations, folds=args.folds,
            first_stage_iterations=args.first_stage_iterations, jobs=args.jobs,
        )
        card = _card(run, args, corpus_path, split, tuning)
        _write_card(run.model_path, card)
        runs.append(run)
        logger.info("%s: %.0f s, test %s", name, run.seconds, json.dumps(run.scores["test"]["ALL"]))
    logger.info("total %.0f s", time.perf_counter() - started)
    return 0


def _part(split: Any, gaz: dict[str, list], part: str) -> Part:
    return getattr(split, part), gaz[part], split.documents(part)


def _tune(
    name: str, groups: tuple[str, ...], split: Any, gaz: dict[str, list], out_dir: Path, iterations: int, jobs: int
) -> tuple[float, float, list[dict[str, Any]]]:
    """Grid over :data:`TUNING_GRID` (``jobs`` fits in parallel): train on train, score on dev,
    keep the best PER+GPE+ORG+LOC F1."""
    from eventx.ner.crf import CrfTagger
    from eventx.ner.features import CamelMorphFeatures, FeatureExtractor

    started = time.perf_counter()
    morph = CamelMorphFeatures() if "morph" in groups else None
    extractor = FeatureExtractor(groups=groups, morph=morph)
    sentences, train_gaz, documents = _part(split, gaz, "train")
    doc_features = [
        extractor.document([sentences[i].tokens for i in d], [train_gaz[i] for i in d]) for d in documents
    ]
    doc_tags = [[sentences[i].tags for i in d] for d in documents]
    scratch = out_dir / f".{name}-tuning"
    scratch.mkdir(exist_ok=True)
    everything = list(range(len(documents)))
    grid = [(everything, scratch / f"c1={c1}-c2={c2}.crfsuite", c1, c2, iterations) for c1, c2 in TUNING_GRID]
    _train_many(doc_features, doc_tags, grid, jobs=jobs)
    seconds = time.perf_counter() - started
    results: list[dict[str, Any]] = []
    for _, path, c1, c2, _ in grid:
        _write_card(path, {"feature_groups": list(groups)})
        dev = score_entities(CrfTagger(path, morph=morph), *_part(split, gaz, "dev"))
        results.append({
            "c1": c1, "c2": c2, "dev_f1": dev["ALL"]["f1"], "dev_f1_per_gpe_org_loc": dev["PER+GPE+ORG+LOC"]["f1"],
        })
        logger.info("tune %s c1=%s c2=%s dev F1 %.4f (PER+GPE+ORG+LOC %.4f)", name, c1, c2, dev["ALL"]["f1"],
                    dev["PER+GPE+ORG+LOC"]["f1"])
    logger.info("tuning %s: %.0f s", name, seconds)
    for leftover in scratch.iterdir():
        leftover.unlink()
    scratch.rmdir()
    best = max(results, key=lambda r: r["dev_f1_per_gpe_org_loc"])
    return best["c1"], best["c2"], results


def _card(run: TrainingRun, args: argparse.Namespace, corpus: Path, split: Any, tuning: list) -> dict[str, Any]:
    from eventx.ner.labels import FINE_TO_KIND

    return {
        "name": run.name,
        "feature_groups": list(run.groups),
        "first_stage": f"{run.name}.stage1.crfsuite" if "stack" in run.groups else None,
        "morph_backend": "camel (camel-tools calima-msa-r13 analyzer, no backoff)" if "morph" in run.groups else None,
        "gazetteer_features": "gaz" in run.groups,
        "labels": "BIO over spec kinds " + ", ".join(sorted(set(FINE_TO_KIND.values()))),
        "corpus": corpus.name,
        "split": {
            "method": "shuffled contiguous blocks of sentences (no reliable document boundary in the file)",
            "seed": split.seed,
            "block_size": split.block_size,
            "documents": "each block is one document for the `doc` features",
            "sentences": {"train": len(split.train), "dev": len(split.dev), "test": len(split.test)},
            "final_training_on": args.final_on,
        },
        "training": {
            "algorithm": "lbfgs",
            "c1": run.c1,
            "c2": run.c2,
            "max_iterations": run.max_iterations,
            "first_stage_iterations": args.first_stage_iterations if "stack" in run.groups else None,
            "jackknife_folds": args.folds if "stack" in run.groups else None,
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
