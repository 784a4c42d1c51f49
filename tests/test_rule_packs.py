"""Rule packs are data: loading, validation errors that name file/rule/field, user packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventx.errors import RulePackError
from eventx.rules.loader import load_pack, load_packs

BUILTIN_TYPES = {"DEPLOYMENT", "WITHDRAWAL", "TREATY", "CASUALTY", "TERRITORIAL_CONTROL", "ATTACK"}


def test_builtin_pack_defines_the_six_types_with_spec_roles() -> None:
    pack = load_pack("builtin")
    assert set(pack.event_types) == BUILTIN_TYPES
    assert pack.event_types["DEPLOYMENT"].roles == ["agent", "force", "destination"]
    assert pack.event_types["CASUALTY"].quantities == ["killed", "injured", "captured", "missing"]
    assert pack.event_types["TREATY"].attributes["stage"] == ["signed", "ratified", "in_force", "announced", "proposed"]


def test_every_builtin_rule_has_a_positive_and_a_negative_example() -> None:
    pack = load_pack("builtin")
    assert len(pack.rules) >= 20
    for rule in pack.rules:
        kinds = {"none" if ex.expect == "none" else "event" for ex in rule.examples}
        assert kinds == {"none", "event"}, f"{rule.id} needs a positive and a negative example"


def _write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_field_names_file_rule_and_field(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
pack: mine
rules:
  - id: attack/bad
    type: ATTACK
    trigger: {lemma: [هجوم], colour: red}
""",
    )
    with pytest.raises(RulePackError) as err:
        load_packs(["builtin", path])
    message = str(err.value)
    assert str(path) in message and "attack/bad" in message and "trigger.colour" in message


def test_unknown_role_is_rejected_with_the_type_roles(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
pack: mine
rules:
  - id: attack/odd-role
    type: ATTACK
    trigger: {lemma: [هجوم]}
    arguments:
      victim: {kinds: [PER]}
""",
    )
    with pytest.raises(RulePackError, match=r"arguments\.victim.*attacker"):
        load_packs(["builtin", path])


def test_unknown_entity_kind_and_undefined_type(tmp_path: Path) -> None:
    bad_kind = _write(
        tmp_path,
        """
pack: mine
rules:
  - id: attack/kind
    type: ATTACK
    trigger: {lemma: [هجوم]}
    arguments:
      target: {kinds: [CROWD]}
""",
        "a.yaml",
    )
    with pytest.raises(RulePackError, match="CROWD"):
        load_packs(["builtin", bad_kind])
    no_type = _write(
        tmp_path,
        "pack: other\nrules:\n  - id: protest/march\n    type: PROTEST\n    trigger: {lemma: [مظاهرة]}\n",
        "b.yaml",
    )
    with pytest.raises(RulePackError, match=r"PROTEST.*not defined"):
        load_packs([no_type])


def test_bad_yaml_and_missing_pack(tmp_path: Path) -> None:
    with pytest.raises(RulePackError, match="not valid YAML"):
        load_pack(_write(tmp_path, "pack: [unclosed"))
    with pytest.raises(RulePackError, match="not found"):
        load_pack(tmp_path / "nope")


def test_duplicate_rule_ids_are_rejected(tmp_path: Path) -> None:
    rule = "  - id: attack/same\n    type: ATTACK\n    trigger: {lemma: [هجوم]}\n"
    path = _write(tmp_path, "pack: mine\nrules:\n" + rule + rule)
    with pytest.raises(RulePackError, match="already used"):
        load_packs(["builtin", path])


def test_user_pack_adds_a_new_type(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
pack: protest
event_types:
  PROTEST:
    roles: [participants, place]
    quantities: [size]
rules:
  - id: protest/demonstration
    type: PROTEST
    trigger: {lemma: [تظاهر, مظاهرة, احتجاج]}
    arguments:
      place: {kinds: [GPE, LOC], prep: [في]}
""",
    )
    _, protest = load_packs(["builtin", path])
    assert "PROTEST" in protest.event_types and protest.rules[0].id == "protest/demonstration"


def test_place_owner_fallback_needs_its_two_roles(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
pack: mine
rules:
  - id: control/bad-owner
    type: TERRITORIAL_CONTROL
    trigger: {lemma: [سيطر]}
    arguments:
      loser: {kinds: [GPE], fallback: place_owner}
""",
    )
    with pytest.raises(RulePackError, match=r"control/bad-owner.*arguments\.loser.*owner_of"):
        load_packs(["builtin", path])
