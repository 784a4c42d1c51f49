"""Reader for NewsFANE Gold 2014 (Alotaibi & Lee, CC BY-SA 3.0) and its fixed split.

File format: one ``token<TAB>BIO-tag`` a line, a blank line between sentences, CRLF line
ends, a BOM at the start and U+200E (left-to-right mark) before most tokens; all of these
are stripped here.

Two properties of the corpus matter for a tagger that runs on raw news text:

* Tokens are clitic-SEGMENTED (``و قال``, ``ان ه``, ``ل هونج كونج``) while eventx tokens are
  surface words (``وقال``, ``انه``, ``لهونج``). :func:`attach_clitics` glues one-letter
  proclitic tokens (و ف ب ل ك) to the next word and pronoun suffix tokens (ه ها هم ...) to the
  previous one, so training data looks like what the tagger sees at run time. A proclitic
  glued to an entity's first word takes the entity's B- tag; the combiner trims it again.
  A letter the segmenter cut off a name ("ب عقوبة" for بعقوبة, tagged B- then I-) is glued
  back the same way (30 names in the corpus).
* There is no reliable document boundary: datelines ("فرانكفورت ( د ب ا )") start only a
  few documents and most articles begin with no marker. :func:`split_corpus` therefore
  splits by contiguous BLOCKS of sentences (not single sentences) so that most of a
  document's sentences (and its repeated names) land in the same part; block order is
  shuffled with a fixed seed.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventx.errors import Errors, ModelNotFoundError
from eventx.ner.labels import coarse_tag
from eventx.text.orthography import PROCLITIC_LETTERS

__all__ = [
    "CORPUS_FILENAME",
    "CorpusSplit",
    "TaggedSentence",
    "attach_clitics",
    "default_corpus_path",
    "read_newsfane",
    "split_corpus",
]

CORPUS_FILENAME = "NewsFANE_Gold_2014_170K.txt"
_STRIP = "\ufeff\u200e\u200f\r"
_PROCLITICS = PROCLITIC_LETTERS
_ENCLITICS = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "كما", "كن", "نا", "ي"})


@dataclass(frozen=True, slots=True)
class TaggedSentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.tokens)


@dataclass(frozen=True, slots=True)
class CorpusSplit:
    train: list[TaggedSentence]
    dev: list[TaggedSentence]
    test: list[TaggedSentence]
    seed: int
    block_size: int
    block_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Sentences per block of each part, in order (a block stands for a document)."""

    def documents(self, part: str) -> list[range]:
        """Sentence index ranges of ``part`` ("train", "dev", "test"), one per 25-sentence block:
        the closest thing to an article this corpus has, used by the ``doc`` features."""
        sentences = len(getattr(self, part))
        lengths = self.block_lengths.get(part) or (sentences,)
        ranges: list[range] = []
        start = 0
        for length in lengths:
            ranges.append(range(start, start + length))
            start += length
        return ranges


def default_corpus_path() -> Path:
    """``$EVENTX_NEWSFANE`` (file or folder), else ``../shared/data/ner/newsfane`` next to the repo."""
    configured = os.environ.get("EVENTX_NEWSFANE")
    candidates: list[Path] = []
    if configured:
        path = Path(configured)
        candidates.append(path / CORPUS_FILENAME if path.is_dir() else path)
    repo_root = Path(__file__).resolve().parents[2]
    candidates.append(repo_root.parent / "shared" / "data" / "ner" / "newsfane" / CORPUS_FILENAME)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ModelNotFoundError(Errors.NEWSFANE_NOT_FOUND.format(paths=", ".join(map(str, candidates))))


def read_newsfane(path: str | os.PathLike[str] | None = None, *, coarse: bool = True) -> list[TaggedSentence]:
    """Sentences of the corpus; ``coarse`` maps the fine classes to spec kinds (``B-PER``)."""
    corpus = Path(path) if path is not None else default_corpus_path()
    sentences: list[TaggedSentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with corpus.open(encoding="utf-8") as handle:
        for raw_line in handle:
            line = raw_line.strip(_STRIP + "\n")
            if not line.strip():
                if tokens:
                    sentences.append(TaggedSentence(tuple(tokens), tuple(_repair_bio(tags))))
                    tokens, tags = [], []
                continue
            token, _, tag = line.rpartition("\t")
            token = token.strip().translate({ord(c): None for c in _STRIP})
            if not token:
                continue
            tag = tag.strip()
            tokens.append(token)
            tags.append(coarse_tag(tag) if coarse else tag)
    if tokens:
        sentences.append(TaggedSentence(tuple(tokens), tuple(_repair_bio(tags))))
    return sentences


def _repair_bio(tags: Sequence[str]) -> list[str]:
    """An I- tag that does not continue an entity of its class starts one (4 cases in the file)."""
    repaired: list[str] = []
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        repaired.append(tag)
        previous = tag
    return repaired


def attach_clitics(sentence: TaggedSentence) -> TaggedSentence:
    """Undo the corpus's clitic segmentation (see the module doc)."""
    tokens: list[str] = []
    tags: list[str] = []
    pending: list[tuple[str, str]] = []  # proclitics (with their tags) waiting for their host word
    words, labels = sentence.tokens, sentence.tags
    for index, (token, tag) in enumerate(zip(words, labels, strict=True)):
        if token in _PROCLITICS and (not tag.startswith("B-") or _splits_a_name(words, labels, index)):
            pending.append((token, tag))
            continue
        if pending and _is_arabic_word(token):
            # inside an entity ("مؤسسة إبداع للفنون و الآداب") the glued word continues it;
            # a letter cut off a name ("و ف ؤاد") brings the name's B- tag
            entity_tags = [clitic_tag for _, clitic_tag in pending if clitic_tag != "O"]
            tag = entity_tags[0] if entity_tags else tag
            token = _join_proclitics([clitic for clitic, _ in pending], token)
            pending = []
        elif pending:
            for clitic, clitic_tag in pending:  # before a digit or punctuation the letter stays alone
                tokens.append(clitic)
                tags.append(clitic_tag)
            pending = []
        if token in _ENCLITICS and tokens and _is_arabic_word(tokens[-1]):
            tokens[-1] += token
            continue
        tokens.append(token)
        tags.append(tag)
    for clitic, clitic_tag in pending:
        tokens.append(clitic)
        tags.append(clitic_tag)
    return TaggedSentence(tuple(tokens), tuple(tags))


def _splits_a_name(tokens: Sequence[str], tags: Sequence[str], index: int) -> bool:
    """True when the letter at ``index`` opens an entity whose next token continues it: the
    corpus's segmenter cut the first letter off a name ("ب عقوبة" = بعقوبة, "ف ؤاد" = فؤاد,
    "و يمبلدون" = ويمبلدون) and the annotators tagged both pieces. Glued back, the name is the
    word news text actually contains, tagged B- as a whole."""
    following = index + 1
    return (
        following < len(tokens)
        and tags[following] == "I-" + tags[index][2:]
        and _is_arabic_word(tokens[following])
    )


def _join_proclitics(proclitics: Sequence[str], host: str) -> str:
    prefix = "".join(proclitics)
    if prefix.endswith("ل") and host.startswith("ال"):
        return prefix + host[1:]  # ل + الأمم is spelled للأمم
    return prefix + host


def _is_arabic_word(token: str) -> bool:
    return len(token) >= 2 and "\u0621" <= token[0] <= "\u064a"


def split_corpus(
    sentences: Iterable[TaggedSentence],
    *,
    seed: int = 13,
    block_size: int = 25,
    dev_fraction: float = 0.1,
    test_fraction: float = 0.1,
) -> CorpusSplit:
    """Train/dev/test by shuffled contiguous blocks of ``block_size`` sentences (fixed by ``seed``)."""
    items = list(sentences)
    blocks = [items[i : i + block_size] for i in range(0, len(items), block_size)]
    order = list(range(len(blocks)))
    random.Random(seed).shuffle(order)
    n_dev = max(1, round(len(blocks) * dev_fraction)) if len(blocks) >= 3 else 0
    n_test = max(1, round(len(blocks) * test_fraction)) if len(blocks) >= 3 else 0
    test_ids = set(order[:n_test])
    dev_ids = set(order[n_test : n_test + n_dev])
    train: list[TaggedSentence] = []
    dev: list[TaggedSentence] = []
    test: list[TaggedSentence] = []
    lengths: dict[str, list[int]] = {"train": [], "dev": [], "test": []}
    for index, block in enumerate(blocks):  # keep corpus order inside each part
        part = "test" if index in test_ids else "dev" if index in dev_ids else "train"
        {"train": train, "dev": dev, "test": test}[part].extend(block)
        lengths[part].append(len(block))
    return CorpusSplit(
        train=train, dev=dev, test=test, seed=seed, block_size=block_size,
        block_lengths={part: tuple(values) for part, values in lengths.items()},
    )
