"""Word-boundary tokenization with offsets.

Follows camel-tools' ``simple_word_tokenize`` semantics (split on white space; every
punctuation or symbol character, and every emoji sequence, is a token of its own) and returns
``(text, start, end)`` spans into the input string. One deliberate difference: a number with
internal separators (``2.5``, ``3,000``, ``٣٬٠٠٠``, ``10.000``) stays one token, because the
quantity normalizer needs it whole. Bidi and zero-width marks between tokens are skipped.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

__all__ = ["TokenSpan", "tokenize_spans"]


class TokenSpan(NamedTuple):
    text: str
    start: int
    end: int


_MARKS = "\u200b\u200c\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c"
_WORD_CHAR = r"[^\s\p{P}\p{S}" + _MARKS + r"]"
_NUMBER_SEPARATOR = r"[.,\u066b\u066c]"
# A word is a run of word characters (digits included) that continues across a number
# separator standing between two digits ("2.5", "3,000", "و2.5") and across one bidi or
# zero-width mark followed by a word character. Every character is looked at once (possessive
# runs, no alternative that rescans a digit run), so the cost is linear in the input: the
# former pattern tried "digits, separator, digits" at every digit of a digit run and rescanned
# the rest of the run each time (quadratic on "٣" * 40000).
_TOKEN_RE = regex.compile(
    r"""
    WORD++(?:(?:(?<=\d)SEP(?=\d)|[MARKS])WORD++)*+   # word, may hold a number: و2.5
    | (?:\p{RI}\p{RI}|\p{Emoji_Presentation}(?:\p{EMod}|\uFE0F\u20E3?)?
         (?:\u200D\p{Emoji}(?:\p{EMod}|\uFE0F)?)*)     # emoji sequence
    | [\p{P}\p{S}]                                    # one punctuation / symbol character
    """.replace("SEP", _NUMBER_SEPARATOR)
    .replace("WORD", _WORD_CHAR)
    .replace("MARKS", _MARKS),
    regex.VERBOSE,
)


def tokenize_spans(text: str, start: int = 0, end: int | None = None) -> list[TokenSpan]:
    """Tokens of ``text[start:end]`` with offsets into ``text`` (not into the slice)."""
    if end is None:
        end = len(text)
    return [TokenSpan(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)]
