"""Fuzz the whole pipeline with random Arabic-heavy text and odd ``published`` values, on demand.

    CAMELTOOLS_DATA=../shared/data/camel python benchmarks/fuzz.py --n 100000 --seed 1 [--backend auto|builtin|camel]
        [--max-len N] [--timeout 60]

The long-running counterpart of ``tests/test_fuzz.py`` (same input families, from the tables
in ``tests/fuzz_inputs.py``, drawn with plain ``random`` so any number of inputs is cheap, plus
10,000-character words and long digit runs).
Each input goes through ``eventx.Pipeline(morph=backend)`` and is classified:

* refused: ``published`` was refused the documented way (ValueError for a string, TypeError for
  another type, message starting with a catalog code ``[E...]``);
* crashed: any other exception, with its type and a shrunk repro for the first few of each kind
  (exception type + the innermost eventx frame); an input that runs past ``--timeout`` counts as
  a crash of kind ``Timeout``;
* wrong verdict: a garbage ``published`` accepted, or a valid one refused;
* offset violation: some span (sentence, token, word, entity, date, figure, trigger, argument,
  attribution) whose ``text[start:end]`` is not its text.

Prints the counts, the slowest input and the inputs over 10 s; progress every 5,000 inputs goes
to stderr. Exits 1 when anything crashed, was judged wrongly, broke an offset or took over 10 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import signal
import sys
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the input tables shared with test_fuzz.py
import fuzz_inputs as inputs

SLOW_SECONDS = 10.0
REPROS_PER_KIND = 3


class Timeout(Exception):
    """An input ran past --timeout."""


class Generator:
    """Inputs from the same families as tests/test_fuzz.py, plus huge words and digit runs."""

    def __init__(self, seed: int, max_len: int | None) -> None:
        self.rng = random.Random(seed)
        self.sentences = inputs.load_sentences()
        self.max_len = max_len

    def run(self) -> str:
        return "".join(self.rng.choice(inputs.CHARACTERS) for _ in range(self.rng.randint(1, 40)))

    def number(self) -> str:
        value = str(self.rng.randint(0, 10**22))
        if self.rng.random() < 0.5 and len(value) > 3:
            separator = self.rng.choice(inputs.GROUP_SEPARATORS)
            head = len(value) % 3 or 3
            value = value[:head] + "".join(separator + value[i : i + 3] for i in range(head, len(value), 3))
        digits = self.rng.choice(inputs.DIGIT_SETS)
        return "".join(digits[int(c)] if c.isdigit() else c for c in value)

    def long_word(self, low: int, high: int) -> str:
        pattern = self.rng.choice(["".join(self.rng.choice(inputs.CHARACTERS) for _ in range(self.rng.randint(1, 4))),
                                   *inputs.LONG_WORD_PATTERNS])
        size = self.rng.randint(low, high)
        return (pattern * (size // len(pattern) + 1))[:size]

    def digit_run(self) -> str:
        digits = self.rng.choice(inputs.DIGIT_SETS)
        run = "".join(self.rng.choice(digits) for _ in range(self.rng.randint(500, 10_000)))
        if self.rng.random() < 0.3:  # grouped: 1,234,567,...
            run = ",".join(run[i : i + 3] for i in range(0, len(run), 3))
        return run

    def mutated_sentence(self) -> str:
        text = self.rng.choice(self.sentences)
        for _ in range(self.rng.randint(0, 4)):
            at = self.rng.randint(0, len(text))
            operation = self.rng.choice(["insert", "delete", "duplicate"])
            if operation == "insert":
                text = text[:at] + self.segment(mutating=True) + text[at:]
            else:
                size = self.rng.randint(1, 30)
                piece = text[at : at + size]
                text = text[:at] + text[at + size :] if operation == "delete" else text[:at] + piece + piece + text[at:]
        return text

    def segment(self, mutating: bool = False) -> str:
        kind = self.rng.choice(["vocabulary", "vocabulary", "run", "number", "character"]
                               + ([] if mutating else ["sentence"]))
        if kind == "vocabulary":
            return self.rng.choice(inputs.VOCABULARY)
        if kind == "run":
            return self.run()
        if kind == "number":
            return self.number()
        if kind == "character":
            return self.rng.choice(inputs.CHARACTERS)
        return self.mutated_sentence()

    def text(self) -> str:
        text = "".join(self.segment() + self.rng.choice(inputs.SEPARATORS) for _ in range(self.rng.randint(0, 8)))
        roll = self.rng.random()
        extra = None
        if roll < 0.10:
            extra = self.long_word(50, 2000)
        elif roll < 0.13:
            extra = self.long_word(10_000, 10_000)
        elif roll < 0.16:
            extra = self.digit_run()
        if extra is not None:
            at = self.rng.randint(0, len(text))
            text = text[:at] + " " + extra + " " + text[at:]
        return text[: self.max_len] if self.max_len is not None else text

    def date(self) -> dt.date:
        if self.rng.random() < 0.3:
            return self.rng.choice(inputs.EDGE_DATES)
        return dt.date.fromordinal(self.rng.randint(1, dt.date.max.toordinal()))

    def published(self) -> tuple[object, str]:
        """(value, expectation): "accept", "refuse" or "either"."""
        kind = self.rng.randrange(14)
        if kind == 0:
            return self.rng.choice([None, ""]), "accept"
        if kind in (1, 10, 11):
            return self.date(), "accept"
        if kind in (2, 12, 13):
            return self.date().isoformat(), "accept"
        if kind == 3:
            return self.date().isoformat() + self.rng.choice(inputs.TIME_SUFFIXES), "accept"
        if kind == 4:
            day = self.date()
            moment = dt.datetime(day.year, day.month, day.day, self.rng.randrange(24), self.rng.randrange(60),
                                 tzinfo=self.rng.choice([None, dt.timezone.utc]))
            return self.rng.choice([moment, dt.datetime.min, dt.datetime.max]), "accept"
        if kind == 5:
            return self.rng.choice(inputs.GARBAGE), "refuse"
        if kind == 6:
            tail = "".join(self.rng.choice(inputs.GARBAGE_TAIL) for _ in range(self.rng.randint(1, 12)))
            return self.date().isoformat() + tail, "refuse"
        if kind == 7:
            return self.rng.choice(inputs.NOT_STR), "refuse"
        if kind == 8:
            return self.rng.choice(inputs.EITHER), "either"
        alphabet = inputs.CHARACTERS + list("0123456789-T:")
        return "".join(self.rng.choice(alphabet) for _ in range(self.rng.randint(1, 20))), "either"


def offset_violations(text: str, doc: Any, result: Any) -> list[str]:
    problems: list[str] = []

    def check(what: str, start: int, end: int, surface: str) -> None:
        if not (0 <= start <= end <= len(text)) or text[start:end] != surface:
            problems.append(f"{what} {surface[:40]!r} at {start}-{end}: text has {text[start:end][:40]!r}")

    for sentence in doc.sentences:
        check("sentence", sentence.start, sentence.end, sentence.text)
        for token in sentence.tokens:
            check("token", token.start, token.end, token.text)
            for word in token.words:
                check("word", word.start, word.end, word.text)
    for date in doc.dates:
        check("date", date.start, date.end, date.value.text)
    for figure in doc.quantities:
        check("quantity", figure.start, figure.end, figure.value.text)
    for mention in result.entities:
        check("entity", mention.start, mention.end, mention.text)
    for event in result.events:
        check(f"{event.id} trigger", event.trigger.start, event.trigger.end, event.trigger.text)
        if event.attribution is not None:
            check(f"{event.id} attribution", event.attribution.start, event.attribution.end, event.attribution.text)
        for role, mentions in event.arguments.items():
            for mention in mentions:
                check(f"{event.id} {role}", mention.start, mention.end, mention.text)
        for role, quantity in event.quantities.items():
            if not quantity.text or quantity.text not in text:
                problems.append(f"{event.id} quantity {role} {quantity.text[:40]!r} not in the text")
        if event.date is not None and (not event.date.text or event.date.text not in text):
            problems.append(f"{event.id} date {event.date.text[:40]!r} not in the text")
    return problems


def is_documented_refusal(error: BaseException, published: object) -> bool:
    expected = ValueError if isinstance(published, str) else TypeError
    return isinstance(error, expected) and str(error).startswith("[E")


def crash_kind(error: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "/eventx/" in f.filename]
    where = f"{frames[-1].filename.split('/eventx/')[-1]}:{frames[-1].lineno}" if frames else "?"
    return f"{type(error).__name__} at eventx/{where}"


class Runner:
    def __init__(self, nlp: Any, timeout: float) -> None:
        self.nlp = nlp
        self.timeout = timeout

    def __call__(self, text: str, published: object) -> tuple[str, Any, float]:
        """("ok", (doc, result)) | ("refused", error) | ("error", error), and the seconds taken."""
        signal.setitimer(signal.ITIMER_REAL, self.timeout)
        started = time.perf_counter()
        try:
            doc = self.nlp(text, published=published)
            result = doc.to_result()
            result.model_dump_json()
            outcome: tuple[str, Any] = ("ok", (doc, result))
        except Exception as error:
            outcome = ("refused", error) if is_documented_refusal(error, published) else ("error", error)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        return outcome[0], outcome[1], time.perf_counter() - started

    def kind_of(self, text: str, published: object) -> str | None:
        status, value, _ = self(text, published)
        return crash_kind(value) if status == "error" else None


def shrink(runner: Runner, text: str, published: object, kind: str, budget: int = 150) -> str:
    """A shorter text that still crashes with the same kind (greedy chunk deletion)."""
    chunk = max(1, len(text) // 2)
    while chunk >= 1 and budget > 0:
        at, changed = 0, False
        while at < len(text) and budget > 0:
            candidate = text[:at] + text[at + chunk :]
            budget -= 1
            if runner.kind_of(candidate, published) == kind:
                text, changed = candidate, True
            else:
                at += chunk
        if not changed:
            chunk //= 2
    return text


def short(value: object, width: int = 80) -> str:
    shown = repr(value)
    return shown if len(shown) <= width else shown[: width - 3] + "..."


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of inputs (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", default="auto", choices=["auto", "builtin", "camel", "stanza"],
                        help="morphology variant of the pipeline")
    parser.add_argument("--max-len", type=int, default=None, help="cut every text to this many characters")
    parser.add_argument("--timeout", type=float, default=60.0, help="abandon an input after this many seconds")
    args = parser.parse_args()

    def on_alarm(signum: int, frame: object) -> None:
        raise Timeout(f"over {args.timeout:g} s")

    signal.signal(signal.SIGALRM, on_alarm)

    import eventx

    began = time.perf_counter()
    nlp = eventx.Pipeline(morph=args.backend)
    nlp("تهيئة قتل 3 جنود أمس", published="2025-04-28")  # load the lazy models outside the timings
    morph = next((line for line in nlp.describe() if line.startswith("morph")), "morph: ?")
    print(f"eventx fuzz: n={args.n} seed={args.seed} backend={args.backend} max_len={args.max_len} "
          f"timeout={args.timeout:g}s")
    print(f"  {morph[:150]}")
    print(f"  pipeline ready in {time.perf_counter() - began:.1f} s")

    runner = Runner(nlp, args.timeout)
    generator = Generator(args.seed, args.max_len)
    counts: Counter[str] = Counter()
    crashes: dict[str, list[tuple[str, object, str]]] = defaultdict(list)
    crash_counts: Counter[str] = Counter()
    verdicts: list[str] = []
    violations: list[str] = []
    slow: list[tuple[float, str]] = []
    slowest = (0.0, "")
    started = time.perf_counter()
    for index in range(1, args.n + 1):
        text = generator.text()
        published, expectation = generator.published()
        status, value, seconds = runner(text, published)
        counts["tried"] += 1
        if seconds > slowest[0]:
            slowest = (seconds, text)
        if seconds > SLOW_SECONDS:
            slow.append((seconds, text))
        if status == "refused":
            if expectation == "accept":
                counts["wrong"] += 1
                verdicts.append(f"valid published={short(published, 40)} refused: {short(str(value), 100)}")
            else:
                counts["refused"] += 1
        elif status == "error":
            kind = crash_kind(value)
            counts["crashed"] += 1
            crash_counts[kind] += 1
            if len(crashes[kind]) < REPROS_PER_KIND:
                crashes[kind].append((text, published, f"{type(value).__name__}: {str(value)[:100]}"))
        else:
            doc, result = value
            if expectation == "refuse":
                counts["wrong"] += 1
                verdicts.append(f"garbage published={short(published, 40)} accepted as {doc.published!r}")
            problems = offset_violations(text, doc, result)
            if problems:
                counts["violations"] += 1
                violations.append(f"{problems[0]} (published={short(published, 30)}, text={short(text)})")
        if index % 5000 == 0:
            elapsed = time.perf_counter() - started
            print(f"[{index}/{args.n}] {elapsed:.0f} s, refused {counts['refused']}, crashed {counts['crashed']}, "
                  f"wrong verdicts {counts['wrong']}, offset violations {counts['violations']}, "
                  f"slowest {slowest[0]:.2f} s", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started

    print(f"tried              {counts['tried']}  ({elapsed:.1f} s, {counts['tried'] / elapsed:.0f} inputs/s)")
    print(f"refused            {counts['refused']}  (documented [E...] refusals of published)")
    print(f"crashed            {counts['crashed']}")
    for kind, count in crash_counts.most_common():
        print(f"  {count:6d} x {kind}")
        for text, published, message in crashes[kind]:
            small = shrink(runner, text, published, kind)
            print(f"           {message}")
            print(f"           repro: nlp({short(small, 120)}, published={short(published, 40)})")
    print(f"wrong verdicts     {counts['wrong']}  (garbage published accepted / valid published refused)")
    for line in verdicts[:5]:
        print(f"           {line}")
    print(f"offset violations  {counts['violations']}")
    for line in violations[:5]:
        print(f"           {line}")
    print(f"slowest input      {slowest[0]:.2f} s  len {len(slowest[1])}  {short(slowest[1])}")
    print(f"over {SLOW_SECONDS:g} s          {len(slow)}")
    for seconds, text in sorted(slow, reverse=True)[:5]:
        print(f"           {seconds:.1f} s  len {len(text)}  {short(text)}")
    bad = counts["crashed"] + counts["wrong"] + counts["violations"] + len(slow)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
