"""Exceptions eventx raises on purpose, and the one catalog of their messages.

Every error eventx raises takes its text from :class:`Errors`: a code (``E101``) and a
template, so a message reads the same wherever the check happens, a user can search the code,
and ``tests/test_architecture.py`` can check that no module writes a message inline::

    raise ConfigurationError(Errors.UNKNOWN_PROCESSOR.format(name=name, known=known))

Codes are grouped by the part of the library that raises them (E0xx the pipeline and its
components, E1xx user input, E2xx models and backends, E3xx rule packs, E4xx dates and
figures, E5xx the gazetteer and linking, E6xx evaluation files, E7xx records, command line and
training). A code is never reused for a different message.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ConfigurationError",
    "ErrorMessage",
    "Errors",
    "EventxError",
    "ModelNotFoundError",
    "RulePackError",
]


class EventxError(Exception):
    """Base class of eventx's own errors."""


class ConfigurationError(EventxError, ValueError):
    """A pipeline, backend or option was asked for that cannot be built as given."""


class ModelNotFoundError(EventxError, FileNotFoundError):
    """A model or data directory is missing; the message says how to install it."""


class RulePackError(EventxError, ValueError):
    """A rule pack file is invalid; the message names the file, the rule id and the field."""


@dataclass(frozen=True, slots=True)
class ErrorMessage:
    """A catalog entry: ``format(**fields)`` gives ``"[E101] <template with fields>"``."""

    code: str
    template: str

    def format(self, **fields: object) -> str:
        return f"[{self.code}] {self.template.format(**fields)}"

    def __str__(self) -> str:
        return f"[{self.code}] {self.template}"


class Errors:
    """The catalog. Attribute names say what went wrong; templates say how to fix it."""

    # --- E0xx: pipeline and components -------------------------------------------------
    UNKNOWN_COMPONENT = ErrorMessage("E001", "unknown processor {name!r}; registered processors: {known}")
    MISSING_PREREQUISITE = ErrorMessage(
        "E002",
        "processor {name!r} requires {missing}, which no earlier processor provides; put it after the "
        "processors that do (order given: {order})",
    )
    UNKNOWN_VARIANT = ErrorMessage("E003", "unknown {option} {value!r} for processor {name!r}; choose one of {known}")
    BAD_COMPONENT_CONFIG = ErrorMessage("E004", "invalid configuration for processor {name!r}: {details}")
    CONFIG_FOR_ABSENT_COMPONENT = ErrorMessage(
        "E005", "configuration given for processor {name!r}, which is not in the pipeline ({order})"
    )
    DUPLICATE_COMPONENT = ErrorMessage(
        "E006", "processor {name!r} is already registered (by {owner}); pass replace=True to override it"
    )
    NOT_A_COMPONENT = ErrorMessage("E007", "the factory of processor {name!r} returned {got}, not a Processor")
    PROCESS_NOT_IMPLEMENTED = ErrorMessage("E008", "{cls} must implement process(doc)")
    BAD_BATCH_SIZE = ErrorMessage("E009", "batch_size must be >= 1, got {value}")
    BAD_N_PROCESS = ErrorMessage("E010", "n_process must be >= 1 (or -1 for all cores), got {value}")
    DUPLICATE_IN_PIPELINE = ErrorMessage("E011", "processor {name!r} appears twice in the pipeline ({order})")
    BAD_RESOURCE = ErrorMessage("E012", "{what} must be {expected}, got {got}")

    # --- E1xx: user input ----------------------------------------------------------------
    TEXT_NONE = ErrorMessage("E101", "{what} must be a str, got None")
    TEXT_BYTES = ErrorMessage("E102", "{what} must be a str, got bytes: decode it first, e.g. data.decode('utf-8')")
    TEXT_TYPE = ErrorMessage("E103", "{what} must be a str, got {got}")
    PUBLISHED_FORMAT = ErrorMessage("E104", "published must be an ISO date like '2025-04-28' (YYYY-MM-DD), got {value!r}")
    PUBLISHED_TYPE = ErrorMessage("E105", "published must be a str, datetime.date or None, got {got}")

    # --- E2xx: models and backends ---------------------------------------------------------

    # --- E3xx: rule packs ----------------------------------------------------------------

    # --- E4xx: dates and figures -----------------------------------------------------------

    # --- E5xx: gazetteer and linking -------------------------------------------------------

    # --- E6xx: evaluation files ------------------------------------------------------------

    # --- E7xx: records, command line, training, testing ------------------------------------
