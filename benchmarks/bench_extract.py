"""End-to-end extraction throughput (text → events) on the dev corpus, run on demand.

    CAMELTOOLS_DATA=../shared/data/camel python benchmarks/bench_extract.py [--words 20000] [--ner auto]

Prints pipeline build time, the first (cold-cache) and a second (warm) pass over the dev
corpus repeated to at least ``--words`` words, in words/s on one core, plus peak RSS, and the
time per stage (tokenize, morph, ner, events) on the warm pass.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import defaultdict
from pathlib import Path

DEV_DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev" / "docs.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=20000)
    parser.add_argument("--ner", default="auto")
    args = parser.parse_args()

    items = [json.loads(line) for line in DEV_DOCS.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus: list[dict[str, str]] = []
    words = 0
    while words < args.words:
        for item in items:
            corpus.append(item)
            words += len(item["text"].split())

    started = time.perf_counter()
    from eventx.pipeline import Pipeline

    nlp = Pipeline(ner=args.ner)
    nlp("تهيئة")  # load the lazy models
    print(f"import + build + model load: {time.perf_counter() - started:.2f} s")
    print("\n".join(f"  {line}" for line in nlp.describe()))

    for label in ("cold", "warm"):
        stage_time: dict[str, float] = defaultdict(float)
        n_events = 0
        begin = time.perf_counter()
        for item in corpus:
            doc = nlp.make_doc(item["text"], published=item.get("published"), doc_id=item["id"])
            for processor in nlp.processors:
                t = time.perf_counter()
                doc = processor.process(doc)
                stage_time[processor.name] += time.perf_counter() - t
            n_events += len(doc.events)
        elapsed = time.perf_counter() - begin
        stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in stage_time.items())
        print(f"{label}: {words} words, {len(corpus)} docs, {n_events} events in {elapsed:.2f} s "
              f"= {words / elapsed:,.0f} words/s ({stages})")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
