"""Multi-process scaling of ``Pipeline.pipe``: 1 vs N processes, end to end, run on demand.

    CAMELTOOLS_DATA=../shared/data/camel python benchmarks/bench_parallel.py [--docs 200] [--n-process 2]
    CAMELTOOLS_DATA=/nonexistent python benchmarks/bench_parallel.py      # the builtin morphology

Builds at least ``--docs`` documents from the dev and saudi-2015 corpora (repeated, each copy
with its own id) and times ``list(nlp.pipe(items, n_process=k))`` for k = 1 and N, including
the pool start-up. Each measurement runs in a fresh Python process, so no cache of an earlier
run helps a later one:

* ``warm``: the parent pipeline is built and has run once on a short text (its lazy models are
  loaded), as in a notebook, before the clock starts;
* ``cold``: the parent pipeline is built, nothing has run; the model loading is timed.

Prints docs/s and words/s per run and the speed-up of N processes over one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
CORPORA = (SHARED / "dev" / "docs.jsonl", SHARED / "saudi-2015" / "docs.jsonl")


def corpus(n_docs: int) -> list[dict[str, object]]:
    base = [
        json.loads(line)
        for path in CORPORA
        if path.exists()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    if not base:
        sys.exit(f"no corpus found under {SHARED}")
    items: list[dict[str, object]] = []
    copy = 0
    while len(items) < n_docs:
        for item in base:
            items.append({"id": f"{item['id']}#{copy}", "text": item["text"], "published": item.get("published")})
        copy += 1
    return items


def measure(n_docs: int, n_process: int, batch_size: int | None, warm: bool) -> dict[str, float]:
    """One timed run in this process (called in a fresh child by :func:`main`)."""
    items = corpus(n_docs)
    words = sum(len(str(item["text"]).split()) for item in items)
    begin = time.perf_counter()
    from eventx.pipeline import Pipeline

    nlp = Pipeline()
    built = time.perf_counter() - begin
    if warm:
        nlp("قتل 3 جنود في قصف على المدينة.")
    kwargs = {} if batch_size is None else {"batch_size": batch_size}
    start, cpu = time.perf_counter(), _cpu_seconds()
    docs = list(nlp.pipe(items, n_process=n_process, **kwargs))
    elapsed, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
    assert [d.doc_id for d in docs] == [item["id"] for item in items]
    return {
        "seconds": elapsed, "cpu": cpu, "docs": len(items), "words": words, "build": built,
        "events": sum(len(d.events) for d in docs), "morph": nlp.describe()[1],
    }


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=None, help="default: the pipeline's")
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting; the best is kept")
    parser.add_argument("--only", choices=("warm", "cold"), default=None)
    parser.add_argument("--_child", nargs=2, metavar=("N_PROCESS", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args._child:
        n, mode = args._child
        print(json.dumps(measure(args.docs, int(n), args.batch_size, mode == "warm")))
        return

    print(f"CAMELTOOLS_DATA={os.environ.get('CAMELTOOLS_DATA', '')!r}, cores: {os.cpu_count()}")
    for mode in ("warm", "cold") if args.only is None else (args.only,):
        runs: dict[int, dict[str, float]] = {}
        for n in (1, args.n_process):
            command = [sys.executable, __file__, "--docs", str(args.docs), "--_child", str(n), mode]
            if args.batch_size is not None:
                command += ["--batch-size", str(args.batch_size)]
            best = None
            for _ in range(args.repeat):
                out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
                run = json.loads(out.strip().splitlines()[-1])
                best = run if best is None or run["seconds"] < best["seconds"] else best
            assert best is not None
            runs[n] = best
            print(f"{mode} n_process={n}: {best['docs']} docs, {best['words']} words, {best['events']} events "
                  f"in {best['seconds']:.2f} s = {best['docs'] / best['seconds']:.1f} docs/s, "
                  f"{best['words'] / best['seconds']:,.0f} words/s "
                  f"(CPU {best['cpu']:.2f} s, build {best['build']:.2f} s)")
        if mode == "warm":
            print(f"  {runs[1]['morph']}")
        speedup = runs[1]["seconds"] / runs[args.n_process]["seconds"]
        print(f"{mode}: speed-up 1 -> {args.n_process} processes: {speedup:.2f}x")


if __name__ == "__main__":
    main()
