"""Checks of user input shared by every entry point (pipeline, normalizers, command line).

One function per kind of value, so ``published``, ``text`` or ``doc_id`` is accepted and
refused the same way whether it reaches :class:`eventx.Pipeline`,
:func:`eventx.normalize.parse_date` or the CLI.
"""

from __future__ import annotations

import datetime as dt
import re

from eventx.errors import Errors

__all__ = ["Published", "coerce_doc_id", "coerce_published", "coerce_text", "published_iso"]

# An ISO date, optionally followed by a time ("T" or a space, then what
# ``datetime.fromisoformat`` reads: "10:30", "10:30:00.5", "10:30:00+03:00", "10:30:00Z").
_ISO_PUBLISHED = re.compile(r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ](?P<time>.+))?", re.ASCII | re.DOTALL)

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

    Accepted: ``datetime.date`` and ``datetime.datetime`` objects (a datetime gives its own
    date, its zone is not converted), and strings, surrounding white space aside, that are an
    ISO date ``"2025-04-28"`` or a whole valid ISO date and time ``"2025-04-28T10:30:00"``
    (optional seconds, fraction, zone ``+03:00`` or ``Z``). Anything else, a trailing word or
    an impossible time included (``"2025-04-28garbage"``, ``"2025-04-28T99:99"``), is a
    ValueError [E104] naming the value: nothing is half-read.
    """
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        value = _parse_published(published.strip())
        if value is None:
            raise ValueError(Errors.PUBLISHED_FORMAT.format(value=published))
        return value
    raise TypeError(Errors.PUBLISHED_TYPE.format(got=type(published).__name__))


def _parse_published(text: str) -> dt.date | None:
    match = _ISO_PUBLISHED.fullmatch(text)
    if match is None:
        return None
    try:
        day = dt.date.fromisoformat(match.group("date"))
        if match.group("time") is not None:
            dt.datetime.fromisoformat(text)  # the whole time and zone must be valid too
    except ValueError:
        return None
    return day


def published_iso(published: object) -> str | None:
    """:func:`coerce_published` as the ``YYYY-MM-DD`` string a document carries."""
    value = coerce_published(published)
    return value.isoformat() if value is not None else None



def coerce_doc_id(doc_id: object) -> str | None:
    """``doc_id`` itself when it is a ``str`` or None; a TypeError [E106] otherwise.

    Nothing is converted: ``123`` or ``b"x"`` is refused before any work is done, rather than
    failing after the whole pipeline has run or silently becoming ``"x"``.
    """
    if doc_id is None or isinstance(doc_id, str):
        return doc_id
    raise TypeError(Errors.DOC_ID_TYPE.format(got=type(doc_id).__name__))
