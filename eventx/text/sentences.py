"""Sentence splitting for Arabic news text, returning character spans.

A sentence ends at ``.``, ``!``, ``?``, ``؟`` or ``…`` (plus any closing quotes or brackets
that follow), and at every line break: news headlines, subheadings and bylines stand on
lines of their own. Not a boundary: a dot between digits (``2.5``), a dot after a one-letter
abbreviation (``د.``, ``م.``, ``U.S.``), after a known abbreviation, or inside a still-open
quotation «...» / “...” that is closed later on the same line. ``؛`` and ``،`` are clause
marks, not sentence ends.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["MAX_SENTENCE_CHARS", "SentenceSpan", "split_sentences"]

MAX_SENTENCE_CHARS = 1500
"""A stretch without sentence punctuation longer than this is cut at the last space before
the limit. Real news sentences stay far below it (the longest of the 85 corpus documents is
675 characters); an unpunctuated page would otherwise be one "sentence", and the rules,
which compare words within a sentence, would cost the square of its length."""


class SentenceSpan(NamedTuple):
    start: int
    end: int


_TERMINALS = frozenset(".!?؟…")
_CLOSERS = frozenset("\"'»”’)]}›")
_OPENERS = {"«": "»", "“": "”", "‹": "›"}
_ABBREVIATIONS = frozenset({"د", "م", "ق", "هـ", "ص", "ج", "أ", "ت", "Dr", "Mr", "Mrs", "St", "No", "vs", "etc"})


def _previous_word(text: str, index: int) -> str:
    j = index
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in _TERMINALS:
        j -= 1
    return text[j:index]


def _is_boundary(text: str, i: int, open_quote_closes_later: bool) -> bool:
    ch = text[i]
    if ch == ".":
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if before.isdigit() and after.isdigit():
            return False
        word = _previous_word(text, i)
        if word and (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
            return False
        if after and not after.isspace() and after not in _CLOSERS and after not in _TERMINALS:
            return False  # "U.S.A", "example.com"
    return not open_quote_closes_later


def split_sentences(text: str) -> list[SentenceSpan]:
    """Sentence spans of ``text``; whitespace-only stretches belong to no sentence."""
    spans: list[SentenceSpan] = []
    n = len(text)
    start = 0
    i = 0
    open_closer: str | None = None
    line_start = 0
    line_end = text.find("\n")
    # last position of each closing quote on the current line: "is it closed later on this
    # line?" is then one comparison, not a scan of the rest of the line per opening quote
    # (quadratic on a long line full of «).
    last_closer: dict[str, int] = {}
    while i < n:
        ch = text[i]
        if ch == "\n":
            _append(text, spans, start, i)
            start = i + 1
            open_closer = None
            line_start = i + 1
            line_end = text.find("\n", i + 1)
            last_closer.clear()
        elif ch in _OPENERS:
            closer = _OPENERS[ch]
            if closer not in last_closer:
                last_closer[closer] = text.rfind(closer, line_start, line_end if line_end != -1 else n)
            if last_closer[closer] > i:
                open_closer = closer
        elif open_closer is not None and ch == open_closer:
            open_closer = None
        elif ch in _TERMINALS and _is_boundary(text, i, open_closer is not None):
            j = i + 1
            while j < n and (text[j] in _TERMINALS or text[j] in _CLOSERS):
                j += 1
            _append(text, spans, start, j)
            start = i = j
            continue
        i += 1
    _append(text, spans, start, n)
    return spans


def _append(text: str, spans: list[SentenceSpan], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        # Cut at the last space within the limit; a single word longer than the limit stays
        # whole (it is one token: no pairwise cost) and the cut comes at the space after it.
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS + 1)
        if cut == -1:
            cut = text.find(" ", start + MAX_SENTENCE_CHARS)
            if cut == -1 or cut >= end:
                break
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        spans.append(SentenceSpan(start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append(SentenceSpan(start, end))
