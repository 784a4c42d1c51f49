"""Checks of user input shared by every entry point (pipeline, normalizers, command line).

One function per kind of value, so ``published`` or ``text`` is accepted and refused the same
way whether it reaches :class:`eventx.Pipeline`, :func:`eventx.normalize.parse_date` or the CLI.
"""

from __future__ import annotations

import datetime as dt

from eventx.errors import Errors

__all__ = ["Published", "coerce_published", "coerce_text", "published_iso"]

Published = str | dt.date | None
"""What a caller may pass as a publication date: ISO string, ``date``/``datetime`` or None."""


def coerce_text(text: object, what: str = "text") -> str:
    """``text`` itself when it is a ``str``; a clear TypeError for the usual mistakes."""
    if isinstance(text, str):
        return text
    if text is None:
        raise TypeError(Errors.TEXT_NONE.format(what=what))
    if isinstance(text, bytes | bytearray):
        raise TypeError(Errors.TEXT_BYTES.format(what=what))
    raise TypeError(Errors.TEXT_TYPE.format(what=what, got=type(text).__name__))


def coerce_published(published: object) -> dt.date | None:
    """A publication date as ``datetime.date`` (None or "" → None).

    Strings are ISO dates; anything after the first ten characters (a time, a zone) is ignored.
    """
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published.strip()[:10])
        except ValueError:
            raise ValueError(Errors.PUBLISHED_FORMAT.format(value=published)) from None
    raise TypeError(Errors.PUBLISHED_TYPE.format(got=type(published).__name__))


def published_iso(published: object) -> str | None:
    """:func:`coerce_published` as the ``YYYY-MM-DD`` string a document carries."""
    value = coerce_published(published)
    return value.isoformat() if value is not None else None

