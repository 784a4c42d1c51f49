"""The intermediate records of the date scanner, shared by its pattern, builder and merge layers.

A :class:`Hit` lives in folded-text coordinates (see :mod:`eventx.normalize._numbers_fold`);
only :func:`eventx.normalize.dates.find_dates` maps hits back to the original text. Keeping
the record in its own module lets the builders and the merge step share it without
importing each other.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from eventx.normalize._numbers_fold import FoldedText

__all__ = ["Context", "Hit", "collapse_spaces", "out_of_range_hit"]


@dataclass(frozen=True, slots=True)
class Hit:
    """A match in folded coordinates, before mapping back to the original text."""

    start: int
    end: int
    kind: str
    value: str | None = None
    granularity: str | None = None
    mod: str | None = None
    relative: bool = False
    invalid: bool = False
    needs_mod: bool = False
    # A relative expression whose value would fall outside datetime.date's years 1 to 9999
    # ("أمس" published on 0001-01-01): reported, but with no value.
    out_of_range: bool = False
    # (year or None, month, day or None) of a Gregorian date, kept so that the first end of a
    # range can borrow the year of the second ("بين 10 سبتمبر و2 فبراير 2016").
    ymd: tuple[int | None, int, int | None] | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What every builder may look at besides its match: the whole folded text and the anchor date."""

    folded: FoldedText
    published: dt.date | None


def collapse_spaces(word: str | None) -> str | None:
    """A matched phrase as a table key: the patterns let any white space stand for one space."""
    return None if word is None else re.sub(r"\s+", " ", word)


def out_of_range_hit(start: int, end: int, kind: str, granularity: str | None, mod: str | None = None) -> Hit:
    """A relative expression that resolves outside ``datetime.date``'s range: kept, with no value."""
    return Hit(start, end, kind, None, granularity, mod=mod, relative=True, out_of_range=True)
