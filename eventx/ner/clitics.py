"""Conservative proclitic stripping of normalized words, shared by the NER features and the
trigger lexicon (a leaf module: it imports nothing from :mod:`eventx.ner`)."""

from __future__ import annotations

from eventx.text.orthography import CONJUNCTION_CLITICS, PREPOSITION_CLITICS

__all__ = ["strip_clitics"]


def strip_clitics(key: str) -> tuple[str, str]:
    """``(proclitics, stem)`` of a normalized word: ``"وبالقوات"`` → ``("وبال", "قوات")``.

    Conservative: a letter is only taken as a clitic when at least three letters remain,
    and ب/ل/ك only when followed by the article (or ``لل``), since many names start with
    those letters (بوتين، لندن، كييف).
    """
    prefix = ""
    rest = key
    if len(rest) > 3 and rest[0] in CONJUNCTION_CLITICS:
        prefix, rest = rest[0], rest[1:]
    if len(rest) > 4 and rest[0] in PREPOSITION_CLITICS and rest[1:3] == "ال":
        prefix, rest = prefix + rest[0], rest[1:]
    elif len(rest) > 3 and rest.startswith("لل"):
        prefix, rest = prefix + "لل", rest[2:]
    if len(rest) > 3 and rest.startswith("ال"):
        prefix, rest = prefix + "ال", rest[2:]
    return prefix, rest
