"""The ``events`` component: the rule engine over each document.

The component owns its :class:`~eventx.rules.engine.RuleEngine`: built from ``rule_packs``
(``"builtin"`` or pack folders/files, loaded in order), or handed over ready-made as ``engine``
(one engine may serve several pipelines; it holds compiled rules only, no per-document state).

The rules are written for Arabic: a document that ``tokenize`` labelled as not Arabic
(``doc.language != "ar"``, :mod:`eventx.text.language`) gets no events and the warning
:data:`NOT_ARABIC_WARNING`. The earlier components (NER among them) still run on it.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import InstanceOf

from eventx.component import ComponentConfig, Processor, registry
from eventx.doc import Document
from eventx.rules.engine import RuleEngine
from eventx.text.language import ARABIC

__all__ = ["NOT_ARABIC_WARNING", "EventsConfig", "EventsProcessor"]

NOT_ARABIC_WARNING = "text is not Arabic: no events extracted"


class EventsConfig(ComponentConfig):
    rule_packs: tuple[str | Path, ...] = ("builtin",)
    """Packs to load, in order: ``"builtin"``, folders or YAML files."""
    engine: InstanceOf[RuleEngine] | None = None
    """A :class:`RuleEngine` to use instead of loading ``rule_packs``."""


class EventsProcessor(Processor):
    name = "events"
    provides = frozenset({"events"})
    requires = frozenset({"tokenize", "normalize"})

    def __init__(self, engine: RuleEngine) -> None:
        self.engine = engine

    def process(self, doc: Document) -> Document:
        if doc.language != ARABIC:
            doc.events = []
            if NOT_ARABIC_WARNING not in doc.warnings:
                doc.warnings.append(NOT_ARABIC_WARNING)
        else:
            doc.events = self.engine.extract(doc)
        doc.processed.add(self.name)
        return doc

    def describe(self) -> str:
        n_rules = len(self.engine.rules)
        return f"events: {n_rules} rules from packs {', '.join(p.name for p in self.engine.packs)}"


@registry.factory("events", config=EventsConfig)
def make_events(config: EventsConfig) -> Processor:
    return EventsProcessor(config.engine or RuleEngine.from_sources(config.rule_packs))
