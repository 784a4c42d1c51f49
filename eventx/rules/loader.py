"""Load and validate rule packs (YAML files or folders of them).

Every error names the file, the rule id and the field, e.g.::

    RulePackError: [E305] mypack/protest.yaml, rule 'protest/march', field arguments.crowd.kinds:
    Value error, [E320] unknown entity kind(s) ['CROWD']; use ['GPE', 'PER', ...]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from eventx.errors import Errors, RulePackError
from eventx.rules.schema import ChunkSpec, Cues, EventTypeSpec, Rule, RulePackFile

__all__ = ["BUILTIN_PACK", "RulePack", "builtin_pack_dir", "load_pack", "load_packs", "merge_cues"]

BUILTIN_PACK = "builtin"


@dataclass
class RulePack:
    """A validated pack: its types, lexicons, cues and rules (with the file each came from)."""

    name: str
    event_types: dict[str, EventTypeSpec] = field(default_factory=dict)
    lexicons: dict[str, list[str]] = field(default_factory=dict)
    cues: Cues = field(default_factory=Cues)
    chunks: list[ChunkSpec] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    rule_files: dict[str, str] = field(default_factory=dict)
    """Rule id → the file that defined it (for error messages and test ids)."""
    sources: list[str] = field(default_factory=list)


def builtin_pack_dir() -> Path:
    return Path(str(resources.files("eventx.rules") / "packs" / BUILTIN_PACK))


def _format_validation_error(where: str, error: ValidationError) -> str:
    lines = []
    for item in error.errors():
        loc = ".".join(str(part) for part in item["loc"])
        lines.append(Errors.PACK_FIELD.format(where=where, field=loc or "(top level)", problem=item["msg"]))
    return "\n".join(lines)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RulePackError(Errors.PACK_NOT_YAML.format(path=path, error=exc)) from None
    except OSError as exc:
        raise RulePackError(Errors.PACK_UNREADABLE.format(path=path, reason=exc.strerror)) from None
    if not isinstance(data, dict):
        raise RulePackError(Errors.PACK_NOT_A_MAPPING.format(path=path))
    return data


def _parse_file(path: Path) -> RulePackFile:
    data = _read_yaml(path)
    raw_rules = data.pop("rules", []) or []
    if not isinstance(raw_rules, list):
        raise RulePackError(Errors.PACK_RULES_NOT_A_LIST.format(path=path))
    try:
        header = RulePackFile.model_validate(data)
    except ValidationError as exc:
        raise RulePackError(_format_validation_error(str(path), exc)) from None
    rules: list[Rule] = []
    for position, raw in enumerate(raw_rules):
        rule_id = raw.get("id", f"#{position}") if isinstance(raw, dict) else f"#{position}"
        try:
            rules.append(Rule.model_validate(raw))
        except ValidationError as exc:
            raise RulePackError(_format_validation_error(f"{path}, rule {rule_id!r}", exc)) from None
    header.rules = rules
    return header


def _pack_files(source: Path) -> list[Path]:
    if source.is_dir():
        files = sorted([*source.glob("*.yaml"), *source.glob("*.yml")])
        if not files:
            raise RulePackError(Errors.PACK_FOLDER_EMPTY.format(path=source))
        return files
    if source.is_file():
        return [source]
    raise RulePackError(Errors.PACK_NOT_FOUND.format(source=str(source)))


def load_pack(source: str | Path, *, known_types: dict[str, EventTypeSpec] | None = None) -> RulePack:
    """Load one pack: ``"builtin"``, a folder of YAML files or one YAML file.

    ``known_types`` are types defined by packs loaded earlier (a user pack may add rules for the
    built-in types without redefining them).
    """
    path = builtin_pack_dir() if str(source) == BUILTIN_PACK else Path(source)
    files = _pack_files(path)
    parsed = [(f, _parse_file(f)) for f in files]
    names = {p.pack for _, p in parsed}
    if len(names) > 1:
        raise RulePackError(Errors.PACK_NAMES_DIFFER.format(path=path, names=sorted(names)))
    pack = RulePack(name=names.pop(), sources=[str(f) for f in files])
    for file, part in parsed:
        for type_name, spec in part.event_types.items():
            if type_name in pack.event_types:
                raise RulePackError(Errors.PACK_TYPE_DEFINED_TWICE.format(path=file, name=type_name, pack=pack.name))
            pack.event_types[type_name] = spec
        for lex_name, words in part.lexicons.items():
            pack.lexicons.setdefault(lex_name, []).extend(words)
        pack.chunks.extend(part.chunks)
        if part.cues is not None:
            pack.cues = merge_cues(pack.cues, part.cues)
        for rule in part.rules:
            if rule.id in pack.rule_files:
                raise RulePackError(
                    Errors.PACK_RULE_ID_REUSED.format(path=file, rule=rule.id, other=pack.rule_files[rule.id])
                )
            pack.rule_files[rule.id] = str(file)
            pack.rules.append(rule)
    _check_rules(pack, known_types or {})
    return pack


def merge_cues(base: Cues, extra: Cues) -> Cues:
    merged = base.model_dump()
    for key, value in extra.model_dump().items():
        merged[key] = _merge_values(merged.get(key), value)
    return Cues.model_validate(merged)


def _merge_values(old: Any, new: Any) -> Any:
    if isinstance(old, dict) and isinstance(new, dict):
        return {k: _merge_values(old.get(k), v) for k, v in new.items()} | {
            k: v for k, v in old.items() if k not in new
        }
    if isinstance(old, list) and isinstance(new, list):
        return old + [v for v in new if v not in old]
    return new if new not in (None, [], {}) else old


def _check_rules(pack: RulePack, known_types: dict[str, EventTypeSpec]) -> None:
    types = known_types | pack.event_types
    for rule in pack.rules:
        where = f"{pack.rule_files[rule.id]}, rule {rule.id!r}"
        spec = types.get(rule.type)
        if spec is None:
            raise RulePackError(
                Errors.RULE_TYPE_UNDEFINED.format(where=where, type=rule.type, known=", ".join(sorted(types)))
            )
        for role in rule.arguments:
            if role not in spec.roles:
                raise RulePackError(
                    Errors.RULE_UNKNOWN_ROLE.format(where=where, role=role, type=rule.type, roles=spec.roles)
                )
        for role in rule.require_any:
            if role not in spec.roles and role not in spec.quantities:
                raise RulePackError(Errors.RULE_REQUIRE_ANY_UNKNOWN.format(where=where, role=role, type=rule.type))
        for role in [*rule.quantities, *([rule.quantity_role] if rule.quantity_role else [])]:
            if role not in spec.quantities:
                raise RulePackError(
                    Errors.RULE_UNKNOWN_QUANTITY.format(
                        where=where, role=role, type=rule.type, quantities=spec.quantities
                    )
                )
        for name, value in rule.attributes.items():
            allowed = spec.attributes.get(name)
            if allowed is None:
                raise RulePackError(
                    Errors.RULE_UNKNOWN_ATTRIBUTE.format(
                        where=where, name=name, type=rule.type, attributes=list(spec.attributes)
                    )
                )
            if value not in allowed:
                raise RulePackError(
                    Errors.RULE_ATTRIBUTE_VALUE.format(where=where, name=name, value=value, allowed=allowed)
                )
        for pattern in [rule.trigger, *rule.trigger.sequence, *rule.trigger.preceded_by]:
            for entry in [*pattern.lemma, *pattern.form, *pattern.prefix]:
                if entry.startswith("@") and entry[1:] not in pack.lexicons:
                    raise RulePackError(
                        Errors.RULE_UNKNOWN_LEXICON.format(where=where, entry=entry, pack=pack.name)
                    )


def load_packs(sources: Sequence[str | Path] | Iterable[str | Path]) -> list[RulePack]:
    """Load packs in order; later packs may add rules for types defined by earlier ones."""
    packs: list[RulePack] = []
    known: dict[str, EventTypeSpec] = {}
    for source in sources:
        pack = load_pack(source, known_types=known)
        known |= pack.event_types
        packs.append(pack)
    return packs
