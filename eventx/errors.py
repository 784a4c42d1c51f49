"""Exceptions eventx raises on purpose (everything else is a bug)."""

from __future__ import annotations

__all__ = ["ConfigurationError", "EventxError", "ModelNotFoundError", "RulePackError"]


class EventxError(Exception):
    """Base class of eventx's own errors."""


class ConfigurationError(EventxError, ValueError):
    """A pipeline, backend or option was asked for that cannot be built as given."""


class ModelNotFoundError(EventxError, FileNotFoundError):
    """A model or data directory is missing; the message says how to install it."""


class RulePackError(EventxError, ValueError):
    """A rule pack file is invalid; the message names the file, the rule id and the field."""
