"""NER speed and dev-gold recall: ``python benchmarks/bench_ner.py [--repeat N] [--ner auto]``.

* Speed: words per second of the ``ner`` processor alone (tokenization excluded), over the 25
  dev documents, cold (first pass: camel analyses and gazetteer look-ups not cached yet) and
  warm (later passes).
* Dev-gold recall: the dev gold has no full entity annotation, only argument fillers and
  attributions. We report the share of those gold filler mentions that some predicted entity
  of the same document matches (kind ignored), strict (equal after the spec §8 normalization)
  and lenient (one contains the other as whole words, as the §8 argument scorer allows).
  Fillers that are not names ("قوات", "ستة أطفال") count as misses: this is recall of what
  the event extractor could link to, not an NER score.
* ``--newsfane``: the whole ``ner`` processor (gazetteer + model + merge) on the NewsFANE test
  part, each 25-sentence block as one document (tokens joined by spaces), scored like the
  model alone (exact span and kind, per token: a predicted entity covers the tokens it
  overlaps, so a trimmed clitic does not count as a boundary error). The merge adds what
  NewsFANE does not annotate (nisba adjectives "الفرنسية" as GPE, FORCE mentions), so
  this is lower than the model alone by construction; it shows what users get.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from eventx.pipeline import Pipeline
from eventx.text.orthography import scoring_key

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "corpus" / "dev"


def _gold_fillers(gold: dict) -> list[str]:
    fillers: list[str] = []
    for event in gold.get("events", []):
        if event.get("attribution"):
            fillers.append(event["attribution"]["text"])
        for mentions in event.get("arguments", {}).values():
            fillers.extend(m["text"] for m in mentions)
    return fillers


def _contains_words(outer: str, inner: str) -> bool:
    return bool(inner) and f" {inner} " in f" {outer} "


def dev_gold_recall(nlp: Pipeline) -> dict[str, float]:
    docs = {d["id"]: d for d in map(json.loads, (DEV / "docs.jsonl").read_text(encoding="utf-8").splitlines())}
    total = strict = lenient = 0
    for gold_path in sorted((DEV / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = nlp(docs[gold["doc_id"]]["text"])
        predicted = {scoring_key(e.text) for e in doc.entities}
        for filler in _gold_fillers(gold):
            key = scoring_key(filler)
            total += 1
            strict += key in predicted
            lenient += any(_contains_words(p, key) or _contains_words(key, p) for p in predicted)
    return {"fillers": total, "strict_recall": strict / total, "lenient_recall": lenient / total}


def speed(nlp: Pipeline, repeat: int) -> dict[str, float]:
    texts = [json.loads(line)["text"] for line in (DEV / "docs.jsonl").read_text(encoding="utf-8").splitlines()]
    tokenize, ner = nlp.processors[0], nlp.get("ner")
    assert ner is not None
    figures: dict[str, float] = {}
    for run in range(repeat + 1):
        docs = [tokenize.process(nlp.make_doc(text)) for text in texts]
        words = sum(len(s.tokens) for d in docs for s in d.sentences)
        started = time.perf_counter()
        ner.bulk_process(docs)
        elapsed = time.perf_counter() - started
        figures["cold_words_per_s" if run == 0 else "warm_words_per_s"] = words / elapsed
        figures["words"] = words
    return figures


def newsfane_pipeline_scores(nlp: Pipeline, part: str = "test") -> dict:
    from eventx.ner.newsfane import attach_clitics, read_newsfane, split_corpus
    from eventx.train.ner import AIM_KINDS, EntityScores, _prf

    split = split_corpus([attach_clitics(s) for s in read_newsfane()])
    sentences = getattr(split, part)
    scores = EntityScores()
    for document in split.documents(part):
        offsets: list[list[tuple[int, int]]] = []
        position = 0
        for i in document:
            offsets.append([])
            for token in sentences[i].tokens:
                offsets[-1].append((position, position + len(token)))
                position += len(token) + 1
        doc = nlp(" ".join(t for i in document for t in sentences[i].tokens))
        for i, token_offsets in zip(document, offsets, strict=True):
            tags = ["O"] * len(token_offsets)
            for entity in doc.entities:
                inside = [k for k, (a, b) in enumerate(token_offsets) if a < entity.end and entity.start < b]
                for n, k in enumerate(inside):
                    tags[k] = f"{'B' if n == 0 else 'I'}-{entity.kind}"
            scores.add(sentences[i].tags, tags)
    table = scores.table()
    table["PER+GPE+ORG+LOC"] = _prf(*(sum(c[k] for k in AIM_KINDS) for c in (scores.tp, scores.fp, scores.fn)))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ner", default="auto")
    parser.add_argument("--newsfane", action="store_true", help="also score the processor on the NewsFANE test part")
    args = parser.parse_args()
    nlp = Pipeline(["tokenize", "ner"], ner=args.ner)
    nlp("تحميل")  # load the model and gazetteer before timing
    print("\n".join(nlp.describe()))
    print(json.dumps(speed(nlp, args.repeat), indent=2))
    print(json.dumps(dev_gold_recall(nlp), indent=2))
    if args.newsfane:
        print(json.dumps({"newsfane_test_after_merge": newsfane_pipeline_scores(nlp)}, indent=2))


if __name__ == "__main__":
    main()
