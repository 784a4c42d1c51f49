"""Training scripts for eventx's statistical models (``python -m eventx.train.ner``)."""

from __future__ import annotations

__all__: list[str] = []
