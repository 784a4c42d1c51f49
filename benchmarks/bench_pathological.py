"""Cost of pathological input shapes (issue 18), run on demand; no asserts on time.

    CAMELTOOLS_DATA=../shared/data/camel python benchmarks/bench_pathological.py [--sizes 10000 20000 40000]
        [--corpus-sizes 250000 500000 1000000] [--only digits_arabic long_word ...]

For every shape and size it builds the text, runs the default pipeline stage by stage (the
same work as ``eventx.extract``: every processor, then ``Document.to_result``) and prints the
seconds in total and per stage, then the growth ratio per doubling of the input (``t(2n) /
t(n)``: about 2 is linear, about 4 quadratic). The dev corpus concatenation is measured at
its own, larger sizes (``--corpus-sizes``; the last one is the 1 MB document).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

DEV_DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev" / "docs.jsonl"
_LINE_WORDS = "قتل خمسة جنود في هجوم على قرية قرب مدينة حلب صباح أمس وأصيب عشرة مدنيين "


def _repeat_to(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _dev_corpus(n: int) -> str:
    items = [json.loads(line) for line in DEV_DOCS.read_text(encoding="utf-8").splitlines() if line.strip()]
    joined = "\n\n".join(item["text"] for item in items)
    return _repeat_to(joined + "\n\n", n)


SHAPES: dict[str, Callable[[int], str]] = {
    "digits_arabic": lambda n: "٣" * n + " قتيل",
    "digits_latin": lambda n: "3" * n + " قتيل",
    "long_word": lambda n: "ا" * n,
    "clitic_word": lambda n: "و" * (n // 2) + "قتل" + "ب" * (n - n // 2),
    "long_line": lambda n: _repeat_to(_LINE_WORDS, n),
    "repeated_name": lambda n: _repeat_to("روسيا ", n),
    "dev_corpus": _dev_corpus,
}


def run(nlp, text: str) -> tuple[float, dict[str, float]]:
    stages: dict[str, float] = {}
    begin = time.perf_counter()
    doc = nlp.make_doc(text)
    for processor in nlp.processors:
        t = time.perf_counter()
        doc = processor.process(doc)
        stages[processor.name] = time.perf_counter() - t
    t = time.perf_counter()
    doc.to_result()
    stages["to_result"] = time.perf_counter() - t
    return time.perf_counter() - begin, stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000])
    parser.add_argument("--corpus-sizes", type=int, nargs="+", default=[250_000, 500_000, 1_000_000])
    parser.add_argument("--only", nargs="+", choices=sorted(SHAPES), default=None)
    args = parser.parse_args()

    from eventx.api import default_pipeline

    nlp = default_pipeline()
    nlp("قتل جندي في هجوم.")  # load the lazy models before timing
    print("\n".join(nlp.describe()))
    for name, make in SHAPES.items():
        if args.only and name not in args.only:
            continue
        sizes = args.corpus_sizes if name == "dev_corpus" else args.sizes
        totals: list[float] = []
        for size in sizes:
            text = make(size)
            total, stages = run(nlp, text)
            totals.append(total)
            per_stage = " ".join(f"{k} {v:.2f}" for k, v in stages.items())
            print(f"{name:14s} {len(text):>9,d} chars  {total:7.2f} s  ({per_stage})", flush=True)
        ratios = " ".join(f"{b / a:.1f}" if a > 0 else "-" for a, b in pairwise(totals))
        print(f"{name:14s} growth per doubling: {ratios}", flush=True)


if __name__ == "__main__":
    main()
