"""Rule packs (data) and the engine that applies them."""

from eventx.rules.engine import RuleEngine
from eventx.rules.loader import RulePack, load_pack, load_packs

__all__ = ["RuleEngine", "RulePack", "load_pack", "load_packs"]
