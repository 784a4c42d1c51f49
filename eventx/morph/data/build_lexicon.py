"""Rebuild ``newsfane_vocab.tsv`` from the NewsFANE Gold 2014 corpus (run by hand, not at run time).

    python -m eventx.morph.data.build_lexicon ../shared/data/ner/newsfane/NewsFANE_Gold_2014_170K.txt

The corpus is one ``token<TAB>BIO-tag`` a line with CRLF line ends and a U+200E mark before
most tokens. The output keeps, for every Arabic word type (``normalize_key`` form), its count
and how often it was tagged as part of a named entity. NewsFANE is CC BY-SA 3.0 (Alotaibi &
Lee, COLING 2014); the derived list is shipped under the same licence, see the file header.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import regex

from eventx.text.orthography import normalize_key

__all__ = ["build_vocabulary", "main"]

_ARABIC_WORD = regex.compile(r"^[\u0621-\u064A\u0671-\u06D3]+$")
HEADER = (
    "# Word types of NewsFANE Gold 2014 (F. Alotaibi and M. Lee, COLING 2014), CC BY-SA 3.0,\n"
    "# https://creativecommons.org/licenses/by-sa/3.0/ -- derived counts, normalize_key forms.\n"
    "# columns: key, count, count tagged as part of a named entity\n"
)


def build_vocabulary(corpus: Path) -> tuple[Counter[str], Counter[str]]:
    counts: Counter[str] = Counter()
    names: Counter[str] = Counter()
    with corpus.open(encoding="utf-8-sig", newline="") as handle:
        for line in handle:
            token, _, tag = line.rstrip("\r\n").partition("\t")
            key = normalize_key(token.strip())
            if not key or not _ARABIC_WORD.match(key):
                continue
            counts[key] += 1
            if tag.strip() not in ("", "O"):
                names[key] += 1
    return counts, names


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    corpus = Path(args[0])
    out = Path(args[1]) if len(args) > 1 else Path(__file__).with_name("newsfane_vocab.tsv")
    counts, names = build_vocabulary(corpus)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(HEADER)
        for key, count in rows:
            handle.write(f"{key}\t{count}\t{names[key]}\n")


if __name__ == "__main__":
    main()
