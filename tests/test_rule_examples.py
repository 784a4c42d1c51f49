"""Every example of every built-in rule runs as a test (the same mechanism users get with
``pytest --eventx-rules mypack/``)."""

from __future__ import annotations

import pytest

from eventx.testing import ExampleCase, check_example, iter_example_cases, pipeline_for_packs

CASES = list(iter_example_cases(["builtin"]))


def test_builtin_pack_has_examples() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize("case", CASES, ids=[c.test_id for c in CASES])
def test_rule_example(case: ExampleCase) -> None:
    problems = check_example(case, pipeline_for_packs(("builtin",)))
    assert not problems, "\n".join(problems)
