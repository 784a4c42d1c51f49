"""Pairwise evaluation of cross-report merging against hand-made gold clusters.

``python -m eventx.crossdoc.evaluate`` extracts the documents the gold names (default: the five
seed articles of ``../shared/corpus/dev/docs.jsonl``, gold ``tests/data/merge_gold.json``),
merges them and prints pairwise precision / recall / F1 over cross-document pairs.
``--pred pred.jsonl`` scores the results of an earlier ``eventx extract`` instead.

Gold members are ``[doc_id, trigger start]``; a member whose event the extractor no longer
produces is skipped and counted (``missing``). Every extracted event of a gold document that
no cluster lists is taken to be in no cross-document cluster, so linking it costs precision.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from eventx.crossdoc.cluster import coerce_results, merge
from eventx.errors import Errors
from eventx.records import DocumentResult

__all__ = ["MergeScores", "evaluate_merge", "load_gold", "main"]

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = ROOT / "tests" / "data" / "merge_gold.json"
DEFAULT_DOCS = ROOT.parent / "shared" / "corpus" / "dev" / "docs.jsonl"

_Key = tuple[str, str]  # (doc_id, event id)


@dataclass
class MergeScores:
    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    gold_pairs: int
    gold_members: int
    missing: list[tuple[str, int]] = field(default_factory=list)
    false_pairs: list[tuple[str, str]] = field(default_factory=list)
    missed_pairs: list[tuple[str, str]] = field(default_factory=list)


def load_gold(path: str | Path = DEFAULT_GOLD) -> dict[str, Any]:
    """The gold file: ``{"docs": [...], "clusters": [{"name", "type", "members": [[doc, start], ...]}]}``."""
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(Errors.MERGE_BAD_GOLD.format(path=path, reason=exc)) from None
    ok = isinstance(gold, dict) and isinstance(gold.get("docs"), list) and isinstance(gold.get("clusters"), list)
    for cluster in gold.get("clusters", []) if ok else []:
        members = cluster.get("members") if isinstance(cluster, dict) else None
        ok = ok and isinstance(members, list) and all(
            isinstance(m, list) and len(m) == 2 and isinstance(m[0], str) and isinstance(m[1], int) for m in members
        )
    if not ok:
        reason = "expected docs and clusters of [doc_id, start]"
        raise ValueError(Errors.MERGE_BAD_GOLD.format(path=path, reason=reason))
    return gold


def _pairs(groups: Iterable[Iterable[_Key]]) -> set[tuple[_Key, _Key]]:
    pairs: set[tuple[_Key, _Key]] = set()
    for group in groups:
        for a, b in combinations(sorted(set(group)), 2):
            if a[0] != b[0]:
                pairs.add((a, b))
    return pairs


def evaluate_merge(results: Iterable[Any], gold: dict[str, Any], **merge_options: Any) -> MergeScores:
    """Pairwise precision / recall / F1 of :func:`merge` on ``results`` against ``gold``."""
    docs = set(gold["docs"])
    chosen = [r for r in coerce_results(results) if r.doc_id in docs]
    by_offset: dict[tuple[str, int], _Key] = {}
    for result in chosen:
        for event in result.events:
            by_offset.setdefault((str(result.doc_id), event.trigger.start), (str(result.doc_id), event.id))
    missing: list[tuple[str, int]] = []
    gold_groups: list[list[_Key]] = []
    members = 0
    for cluster in gold["clusters"]:
        group = []
        for doc_id, start in cluster["members"]:
            members += 1
            if (doc_id, start) in by_offset:
                group.append(by_offset[(doc_id, start)])
            else:
                missing.append((doc_id, start))
        gold_groups.append(group)
    gold_pairs = _pairs(gold_groups)
    merged = merge(chosen, **merge_options)
    predicted = _pairs([(s.doc_id, s.event_id) for s in m.sources] for m in merged)
    true = predicted & gold_pairs
    precision = len(true) / len(predicted) if predicted else 1.0
    recall = len(true) / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def show(pairs: set[tuple[_Key, _Key]]) -> list[tuple[str, str]]:
        return sorted((a[1], b[1]) for a, b in pairs)

    return MergeScores(
        precision=round(precision, 4), recall=round(recall, 4), f1=round(f1, 4),
        true_pairs=len(true), predicted_pairs=len(predicted), gold_pairs=len(gold_pairs),
        gold_members=members, missing=missing,
        false_pairs=show(predicted - gold_pairs), missed_pairs=show(gold_pairs - predicted),
    )


def extract_gold_documents(gold: dict[str, Any], docs_path: str | Path = DEFAULT_DOCS) -> list[DocumentResult]:
    """Run ``eventx.extract_many`` on the documents the gold names (from a docs.jsonl file)."""
    from eventx.api import extract_many

    wanted = set(gold["docs"])
    items = []
    for line in Path(docs_path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            if item.get("id") in wanted:
                items.append({"id": item["id"], "text": item["text"], "published": item.get("published")})
    return list(extract_many(items))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eventx.crossdoc.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(DEFAULT_GOLD))
    parser.add_argument("--docs", default=str(DEFAULT_DOCS), help="docs.jsonl with the gold's documents")
    parser.add_argument("--pred", help="results JSONL of eventx extract (default: extract --docs now)")
    parser.add_argument("--window-days", type=float, default=3)
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--show-errors", action="store_true", help="list false and missed pairs")
    args = parser.parse_args(argv)
    gold = load_gold(args.gold)
    if args.pred:
        lines = Path(args.pred).read_text(encoding="utf-8").splitlines()
        results: list[Any] = [json.loads(line) for line in lines if line.strip()]
    else:
        results = extract_gold_documents(gold, args.docs)
    scores = evaluate_merge(results, gold, window_days=args.window_days)
    if args.json:
        json.dump(asdict(scores), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(
        f"pairwise merge P {scores.precision:.3f}  R {scores.recall:.3f}  F1 {scores.f1:.3f}  "
        f"({scores.true_pairs} of {scores.predicted_pairs} predicted pairs correct; "
        f"{scores.gold_pairs} gold pairs; {len(scores.missing)} of {scores.gold_members} gold members not extracted)"
    )
    if args.show_errors:
        for a, b in scores.false_pairs:
            print(f"  false  {a} ~ {b}")
        for a, b in scores.missed_pairs:
            print(f"  missed {a} ~ {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
