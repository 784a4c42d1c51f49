"""Morphology throughput per backend on the dev corpus (run on demand, never in tests).

    CAMELTOOLS_DATA=../shared/data/camel EVENTX_STANZA_DIR=../shared/models/stanza-ar-test \\
        python benchmarks/bench_tagging.py [--backends camel,builtin,stanza] [--words 20000]

Each backend runs in its own subprocess so that peak RSS and import time are its own. Reports
import+load time, a cold pass (empty caches) and a warm pass over the dev corpus repeated to
at least ``--words`` words, in words/s on one core, and peak RSS.
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

__all__ = ["main", "run_one"]

DEV_DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev" / "docs.jsonl"


def _sentences() -> list[list[str]]:
    from eventx.text import split_sentences, tokenize_spans

    result: list[list[str]] = []
    for line in DEV_DOCS.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        result.extend([t.text for t in tokenize_spans(text, s.start, s.end)] for s in split_sentences(text))
    return result


def run_one(backend_name: str, min_words: int) -> dict[str, float | str]:
    """Measure one backend in this process (called in a subprocess by :func:`main`)."""
    started = time.perf_counter()
    from eventx.morph import load_backend

    backend = load_backend(backend_name)
    if hasattr(backend, "load"):
        backend.load()
    elif hasattr(backend, "pipeline"):
        backend.pipeline  # noqa: B018 - loads the stanza models
    load_seconds = time.perf_counter() - started
    corpus = _sentences()
    words_once = sum(len(s) for s in corpus)
    repeats = max(1, -(-min_words // words_once))
    if backend_name == "stanza":
        repeats = 1  # ~50 words/s with the test models: one pass is enough to measure
    batch = getattr(backend, "analyze_sentences", None)

    def one_pass() -> float:
        begin = time.perf_counter()
        if batch is not None:
            batch(corpus)
        else:
            for sentence in corpus:
                backend.analyze_sentence(sentence)
        return time.perf_counter() - begin

    cold = one_pass()
    warm_seconds = sum(one_pass() for _ in range(repeats)) if backend_name != "stanza" else cold
    return {
        "backend": backend.info().description,
        "import_load_s": round(load_seconds, 2),
        "words_per_pass": words_once,
        "cold_words_per_s": round(words_once / cold),
        "warm_words": words_once * repeats,
        "warm_words_per_s": round(words_once * repeats / warm_seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="camel,builtin,stanza")
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.words), ensure_ascii=False))
        return
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}  # one core, as reported
    for name in args.backends.split(","):
        done = subprocess.run([sys.executable, __file__, "--one", name, "--words", str(args.words)],
                              capture_output=True, text=True, env=env)
        if done.returncode != 0:
            print(f"{name}: not run ({done.stderr.strip().splitlines()[-1] if done.stderr else 'failed'})")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{name}: {r['backend']}\n  import+load {r['import_load_s']} s, cold {r['cold_words_per_s']} words/s, "
              f"warm {r['warm_words_per_s']} words/s over {r['warm_words']} words, peak RSS {r['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
