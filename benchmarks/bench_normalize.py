"""Speed of the normalizers on their own (run on demand, never in tests; prints, never asserts).

    python benchmarks/bench_normalize.py [--repeat 3]

The figures unit tests used to assert on (machine-dependent, so they live here):

* gazetteer: time to build the default index (was ``< 1.5 s``) and ``find_all`` words/s over
  the 25 dev documents (was ``> 20,000 words/s``), cold (first pass) and warm;
* dates: ``find_dates`` ms per sentence on 300 distinct news sentences (was ``< 1 ms``);
* numbers: ``find_quantities`` ms per sentence over the dev-corpus sentences (was ``< 1 ms``;
  includes the date scan it runs to skip date figures).

Every timed call is on a fresh string, so no result cache helps; the best of ``--repeat`` runs
is reported next to the first one.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEV_DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev" / "docs.jsonl"
DATE_SENTENCE = (
    "وأشارت الوكالة نقلاً عن اللجنة العسكرية المركزية في بيونج يانج إلى أن الجنود الكوريين "
    "الشماليين شاركوا في العمليات العسكرية منذ أغسطس 2024 وفقاً لأمر الزعيم"
)


def _dev_texts() -> list[str]:
    return [json.loads(line)["text"] for line in DEV_DOCS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _timed(run: Callable[[], Any]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _default_gazetteer() -> Any:
    from eventx.normalize import gazetteer

    factory = gazetteer.default_gazetteer
    return factory()


def gazetteer_figures(repeat: int) -> dict[str, float]:
    from eventx.normalize.gazetteer import build_default

    builds = [_timed(build_default) for _ in range(repeat)]
    gazetteer = _default_gazetteer()
    texts = _dev_texts()
    words = sum(len(t.split()) for t in texts)
    passes = []
    for run in range(repeat + 1):
        fresh = [f"{text} {run}" for text in texts]
        passes.append(_timed(lambda fresh=fresh: [gazetteer.find_all(text) for text in fresh]))
    return {
        "entries": len(gazetteer),
        "build_default_s_first": round(builds[0], 3),
        "build_default_s_best": round(min(builds), 3),
        "find_all_words": words,
        "find_all_words_per_s_cold": round(words / passes[0]),
        "find_all_words_per_s_warm": round(words / min(passes[1:])),
    }


def dates_figures(repeat: int) -> dict[str, float]:
    from eventx.normalize import find_dates

    best = []
    for run in range(repeat):
        texts = [f"{DATE_SENTENCE} {run}-{i}" for i in range(300)]  # distinct texts: no cache help
        best.append(_timed(lambda texts=texts: [find_dates(text, "2025-04-28") for text in texts]) / len(texts))
    return {"sentences": 300, "ms_per_sentence_first": round(best[0] * 1000, 4),
            "ms_per_sentence_best": round(min(best) * 1000, 4)}


def numbers_figures(repeat: int) -> dict[str, float]:
    from eventx.normalize import find_quantities

    sentences = [s for text in _dev_texts() for s in re.split(r"[.\n]+", text) if s.strip()]
    best = []
    for run in range(repeat):
        texts = [f"{sentence} {' ' * (run + 1)}" for sentence in sentences]  # fresh strings each run
        best.append(_timed(lambda texts=texts: [find_quantities(text) for text in texts]) / len(texts))
    return {"sentences": len(sentences), "ms_per_sentence_first": round(best[0] * 1000, 4),
            "ms_per_sentence_best": round(min(best) * 1000, 4)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)
    for name, figures in (("gazetteer", gazetteer_figures), ("dates", dates_figures), ("numbers", numbers_figures)):
        print(f"{name}: {json.dumps(figures(repeat), ensure_ascii=False)}")


if __name__ == "__main__":
    main()
