"""Rule-pack examples as tests, and the pytest plugin that runs them.

Every rule carries examples: a sentence and the event it must (``expect: {...}``) or must not
(``expect: none``) produce. :func:`check_example` runs one example through a pipeline and returns
the list of problems (empty = pass); :func:`iter_example_cases` lists every example of the given
packs. The pytest plugin (registered by the package's ``pytest11`` entry point) turns them into
test items::

    pytest --eventx-rules path/to/mypack/          # the built-in pack is loaded first for its types

A user's pack is tested exactly like the built-in one (``tests/test_rule_examples.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventx.errors import Errors

if TYPE_CHECKING:
    from eventx.pipeline import Pipeline
    from eventx.records import Event
    from eventx.rules.schema import Example, Rule

__all__ = ["ExampleCase", "check_example", "iter_example_cases", "pipeline_for_packs"]


@dataclass(frozen=True)
class ExampleCase:
    pack: str
    rule: Rule
    example: Example
    number: int
    source: str

    @property
    def test_id(self) -> str:
        kind = "neg" if self.example.expect == "none" else "pos"
        return f"{self.rule.id}[{kind}{self.number}]"


def iter_example_cases(sources: Sequence[str | Path]) -> Iterator[ExampleCase]:
    """Every example of every rule of the given packs (``"builtin"``, folders or files)."""
    from eventx.rules.loader import load_packs

    for pack in load_packs(list(sources)):
        for rule in pack.rules:
            for number, example in enumerate(rule.examples, start=1):
                yield ExampleCase(pack.name, rule, example, number, pack.rule_files[rule.id])


@lru_cache(maxsize=8)
def pipeline_for_packs(sources: tuple[str, ...]) -> Pipeline:
    from eventx.pipeline import Pipeline

    return Pipeline(rule_packs=sources)


def _texts_match(expected: str, found: str) -> bool:
    from eventx.text.orthography import scoring_key

    a, b = scoring_key(expected), scoring_key(found)
    if not a or not b:
        return False
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


def _quantity_number(quantity: Any) -> float | None:
    for name in ("value", "min", "max"):
        number = getattr(quantity, name)
        if number is not None:
            return float(number)
    return None


def _event_problems(case: ExampleCase, event: Event) -> list[str]:
    expect = case.example.expect
    assert expect != "none"
    problems: list[str] = []
    for role, texts in expect.arguments.items():
        fillers = [m.text for m in event.arguments.get(role, [])]
        for text in texts:
            if not any(_texts_match(text, f) for f in fillers):
                problems.append(f"role {role}: expected {text!r}, found {fillers}")
    for role, number in expect.quantities.items():
        quantity = event.quantities.get(role)
        found = _quantity_number(quantity) if quantity else None
        if found != float(number):
            problems.append(f"quantity {role}: expected {number}, found {quantity.model_dump() if quantity else None}")
    if expect.realis and event.realis != expect.realis:
        problems.append(f"realis: expected {expect.realis}, found {event.realis}")
    for name, value in expect.attributes.items():
        if event.attributes.get(name) != value:
            problems.append(f"attribute {name}: expected {value!r}, found {event.attributes.get(name)!r}")
    if expect.date is not None:
        found_date = event.date.value if event.date else None
        if found_date != expect.date:
            problems.append(f"date: expected {expect.date}, found {found_date}")
    return problems


def check_example(case: ExampleCase, pipeline: Pipeline) -> list[str]:
    """Problems with ``case`` under ``pipeline`` (an empty list means the example passes)."""
    example = case.example
    published = example.published or (example.expect.published if example.expect != "none" else None)
    doc = pipeline(example.text, published=published)
    own = [e for e in doc.events if e.rule == case.rule.id]
    if example.expect == "none":
        return [f"produced {e.type} at {e.trigger.text!r} but the example says none" for e in own]
    expect = example.expect
    wanted_type = expect.type or case.rule.type
    candidates = [e for e in own if e.type == wanted_type]
    if expect.trigger is not None:
        candidates = [
            e
            for e in candidates
            if _texts_match(expect.trigger, e.trigger.text)
            or expect.trigger in e.trigger.text
            or e.trigger.text in expect.trigger
        ]
    if not candidates:
        seen = [(e.rule, e.type, e.trigger.text) for e in doc.events]
        return [f"no {wanted_type} event from rule {case.rule.id} (trigger {expect.trigger!r}); events: {seen}"]
    attempts = [_event_problems(case, event) for event in candidates]
    return min(attempts, key=len)


# ---------------------------------------------------------------------- pytest plugin


def pytest_addoption(parser: Any) -> None:
    group = parser.getgroup("eventx")
    group.addoption(
        "--eventx-rules",
        action="append",
        default=[],
        metavar="PACK",
        help="run the examples of this rule pack (folder or .yaml) as tests; repeatable",
    )


def pytest_collection_modifyitems(session: Any, config: Any, items: list[Any]) -> None:
    packs = config.getoption("--eventx-rules", default=[])
    if not packs:
        return
    import pytest

    sources = ("builtin", *packs)

    class ExampleItem(pytest.Item):  # type: ignore[misc]
        def __init__(self, *, case: ExampleCase, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.case = case

        def runtest(self) -> None:
            problems = check_example(self.case, pipeline_for_packs(sources))
            if problems:
                raise AssertionError(Errors.RULE_EXAMPLE_FAILED.format(problems="\n".join(problems)))

        def reportinfo(self) -> tuple[str, int, str]:
            return self.case.source, 0, f"rule example {self.case.test_id}"

    for case in iter_example_cases(sources):
        if case.pack == "builtin" and "builtin" not in packs:
            continue
        items.append(ExampleItem.from_parent(session, name=case.test_id, case=case))
