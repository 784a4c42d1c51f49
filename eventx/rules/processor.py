"""The ``events`` pipeline processor: runs the rule engine over each document."""

from __future__ import annotations

from eventx.doc import Document
from eventx.pipeline import PipelineConfig, Processor, register_processor
from eventx.rules.engine import RuleEngine

__all__ = ["EventsProcessor"]


class EventsProcessor(Processor):
    name = "events"
    provides = frozenset({"events"})
    requires = frozenset({"tokenize"})

    def __init__(self, rule_packs: tuple[str, ...]) -> None:
        self.rule_packs = rule_packs
        self.engine = RuleEngine.from_sources(rule_packs)

    def process(self, doc: Document) -> Document:
        doc.events = self.engine.extract(doc)
        doc.processed.add(self.name)
        return doc

    def describe(self) -> str:
        n_rules = len(self.engine.rules)
        return f"events: {n_rules} rules from packs {', '.join(p.name for p in self.engine.packs)}"


@register_processor("events")
def _make_events(config: PipelineConfig) -> Processor:
    return EventsProcessor(config.rule_packs)
