"""Joining and widening date hits: bracketed restatements, ranges, and modifiers written before a hit.

These steps look at the text between and before hits, never inside them, so they run after
every builder and before the hits are mapped back to the original text (folded coordinates).
"""

from __future__ import annotations

import re
from dataclasses import replace

from eventx.normalize._dates_calendar import date_or_none
from eventx.normalize._dates_hits import Hit
from eventx.normalize._dates_patterns import alternation
from eventx.normalize._dates_tables import MOD_PHRASES
from eventx.text.orthography import CONJUNCTION_CLITICS

__all__ = ["merge_bracketed", "merge_ranges", "widen"]

# An optional و / ف glued to the modifier, preposition or range opener ("ومنذ", "فبين").
_CONJ = "[" + "".join(CONJUNCTION_CLITICS) + "]?"
_MOD_BEFORE = re.compile(rf"(?:^|(?<=[\s(،,])){_CONJ}(?P<mod>{alternation(MOD_PHRASES)})\s+$")
_PREFIX_BEFORE = re.compile(r"(?:^|(?<=[\s(،,\"“]))" + _CONJ + r"(?P<pre>منذ|قبل|بعد)\s+$")
_LONG_SINCE = re.compile(r"(?:^|(?<=[\s(،,\"“]))" + _CONJ + r"(?P<pre>منذ)\s+(?:[^\s،,.:;!?()\"“”]+\s+){1,6}?في\s+$")
_RANGE_OPEN = re.compile(
    r"(?:^|(?<=[\s(،,]))" + _CONJ + r"(?P<open>(?:(?:في|خلال)\s+)?(?:ال)?(?:فتره\s+)?(?:ما\s+)?(?:بين|من))\s+$"
)
_RANGE_GAP = re.compile(r"\s*(?P<gap>و|-|الي|حتي|لغايه|الي\s+غايه)\s*")
_BRACKET_GAP = re.compile(r"\s*[(،,]?\s*")
_CLOSE_BRACKET = re.compile(r"\s*\)")

# Kinds a modifier word (منتصف، أواخر ...) can widen, and the kinds that can be range ends.
_MOD_KINDS = frozenset({"monthyear", "year", "yearprep", "yearrel", "monthrel", "season", "season_this", "week",
                        "bare", "hyear", "hijri"})
_ABSOLUTE_KINDS = frozenset({"numeric", "daymonth", "dayrange", "monthyear", "year", "yearprep", "hijri", "hyear"})


def merge_bracketed(hits: list[Hit], text: str) -> list[Hit]:
    """"اليوم الأربعاء (14 ديسمبر/ كانون الأول 2016)": the written date wins over the relative one."""
    merged: list[Hit] = []
    index = 0
    while index < len(hits):
        hit = hits[index]
        nxt = hits[index + 1] if index + 1 < len(hits) else None
        if (nxt is not None and hit.kind in ("relday", "weekday") and nxt.kind in ("daymonth", "numeric")
                and not nxt.invalid and nxt.value is not None
                and _BRACKET_GAP.fullmatch(text, hit.end, nxt.start) is not None):
            close = _CLOSE_BRACKET.match(text, nxt.end)
            end = close.end() if close is not None and "(" in text[hit.end:nxt.start] else nxt.end
            merged.append(replace(nxt, start=hit.start, end=end, relative=False))
            index += 2
            continue
        merged.append(hit)
        index += 1
    return merged


def _with_year(hit: Hit, year: int) -> Hit | None:
    """The first end of a range given the year of the second end."""
    if hit.ymd is None:
        return None
    _, month, day = hit.ymd
    if day is not None and date_or_none(year, month, day) is None:
        return None
    value = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")
    return replace(hit, value=value, relative=False, ymd=(year, month, day), out_of_range=False)


def merge_ranges(hits: list[Hit], text: str) -> list[Hit]:
    """"بين A وB" / "من A إلى B" / "A - B" → A with mod AFTER (GOLD_FORMAT decision 1)."""
    merged: list[Hit] = []
    index = 0
    while index < len(hits):
        first = hits[index]
        second = hits[index + 1] if index + 1 < len(hits) else None
        if second is None or first.invalid or second.invalid or first.kind not in _ABSOLUTE_KINDS \
                or second.kind not in _ABSOLUTE_KINDS:
            merged.append(first)
            index += 1
            continue
        gap = _RANGE_GAP.fullmatch(text, first.end, second.start)
        opener = _RANGE_OPEN.search(text, max(0, first.start - 30), first.start)
        joins = gap is not None and (gap.group("gap") == "-" or (opener is not None and (
            gap.group("gap") == "و") == opener.group("open").endswith("بين")))
        if not joins:
            merged.append(first)
            index += 1
            continue
        start = opener.start("open") if opener is not None else first.start
        second_year = second.ymd[0] if second.ymd is not None else None
        if first.ymd is not None and first.ymd[0] is None and second_year is not None:
            borrowed_year = second_year - 1 if first.ymd[1] > second.ymd[1] else second_year  # type: ignore[union-attr]
            first = _with_year(first, borrowed_year) or first
        merged.append(replace(first, start=start, end=second.end, mod="AFTER"))
        index += 2
    return merged


def widen(hit: Hit, text: str) -> Hit:
    """Take in a modifier (منتصف، أواخر ...) and a preposition (منذ، قبل، بعد) before the hit."""
    if hit.kind in _MOD_KINDS:
        mod_match = _MOD_BEFORE.search(text, max(0, hit.start - 40), hit.start)
        if mod_match is not None:
            phrase = re.sub(r"\s+", " ", mod_match.group("mod"))
            hit = replace(hit, start=mod_match.start("mod"), mod=MOD_PHRASES[phrase], needs_mod=False)
    if hit.kind in ("ago", "pastspan") or hit.needs_mod:
        return hit
    prefix = _PREFIX_BEFORE.search(text, max(0, hit.start - 8), hit.start)
    if prefix is not None:
        mod = "BEFORE" if prefix.group("pre") == "قبل" else "AFTER"
        return replace(hit, start=prefix.start("pre"), mod=mod)
    if hit.kind in _ABSOLUTE_KINDS:
        since = _LONG_SINCE.search(text, max(0, hit.start - 80), hit.start)
        if since is not None and "منذ" not in text[since.end("pre"):hit.start]:
            return replace(hit, start=since.start("pre"), mod="AFTER")
    return hit
