"""The ``eventx`` command line.

eventx info                                  backends, models, versions
eventx tag FILE                              token / words / lemma / POS table
eventx extract [--format jsonl|json] IN ...  document results (IN: .txt, .jsonl or -)
eventx evaluate --gold DIR --docs DOCS PRED  spec §8 scores
eventx schema                                JSON Schema of the document result
eventx rules validate PACK ...               check rule-pack files
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

__all__ = ["main"]


def _read_input(path: str) -> str:
    from eventx.errors import Errors

    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SystemExit(Errors.CLI_NO_SUCH_FILE.format(path=path)) from None
    except UnicodeDecodeError:
        raise SystemExit(Errors.CLI_NOT_UTF8.format(path=path)) from None


def _is_jsonl(path: str, content: str, declared: str) -> bool:
    if declared != "auto":
        return declared == "jsonl"
    if path.endswith((".jsonl", ".ndjson")):
        return True
    return content.lstrip()[:1] == "{"


def _jsonl_items(content: str) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    """(item, error) per non-empty line; a bad line yields (None, message) so output stays aligned."""
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield None, f"line {number}: invalid JSON ({exc.msg})"
            continue
        if not isinstance(item, dict):
            yield None, f"line {number}: expected a JSON object with 'text'"
            continue
        yield item, None


def _extract_one(nlp: Any, item: dict[str, Any] | None, error: str | None, fallback_id: str | None) -> dict[str, Any]:
    from eventx.records import DocumentResult

    doc_id = None if item is None else item.get("id", fallback_id)
    doc_id = None if doc_id is None else str(doc_id)
    published = None if item is None else item.get("published")
    if error is None and item is not None:
        try:
            doc = nlp(item.get("text"), published=published, doc_id=doc_id)
            return doc.to_result().model_dump(mode="json")
        except (TypeError, ValueError) as exc:
            error = f"document not processed: {exc}"
    published_text = published if isinstance(published, str) else None
    return DocumentResult(doc_id=doc_id, published=published_text, warnings=[error or "unknown error"]).model_dump(
        mode="json"
    )


def _cmd_extract(args: argparse.Namespace, out: TextIO) -> int:
    from eventx.pipeline import Pipeline

    nlp = Pipeline(morph=args.morph, ner=args.ner, rule_packs=tuple(args.rules or ("builtin",)))
    results: list[dict[str, Any]] = []
    for path in args.inputs:
        content = _read_input(path)
        if _is_jsonl(path, content, args.input_format):
            for item, error in _jsonl_items(content):
                result = _extract_one(nlp, item, error, None)
                _emit(result, args.format, out, results)
        else:
            doc_id = Path(path).stem if path != "-" else "stdin"
            result = _extract_one(nlp, {"id": doc_id, "text": content, "published": args.published}, None, doc_id)
            _emit(result, args.format, out, results)
    if args.format == "json":
        json.dump(results if len(results) != 1 else results[0], out, ensure_ascii=False, indent=2)
        out.write("\n")
    return 0


def _emit(result: dict[str, Any], fmt: str, out: TextIO, results: list[dict[str, Any]]) -> None:
    if fmt == "jsonl":
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    else:
        results.append(result)


def _cmd_tag(args: argparse.Namespace, out: TextIO) -> int:
    from eventx.pipeline import Pipeline

    nlp = Pipeline(processors=["tokenize", "morph"], morph=args.morph)
    doc = nlp(_read_input(args.file))
    out.write(f"# {'; '.join(nlp.describe())}\n")
    for sentence in doc.sentences:
        out.write(f"\n# sentence {sentence.index} [{sentence.start}:{sentence.end}]\n")
        out.write(f"{'token':<18} {'words':<24} {'lemma':<24} POS\n")
        for token in sentence.tokens:
            words = " + ".join(w.text for w in token.words)
            lemmas = " + ".join(w.lemma or "_" for w in token.words)
            tags = " + ".join(w.pos for w in token.words)
            out.write(f"{token.text:<18} {words:<24} {lemmas:<24} {tags}\n")
    return 0


def _cmd_info(args: argparse.Namespace, out: TextIO) -> int:
    import platform

    import eventx

    out.write(f"eventx {eventx.__version__} (Python {platform.python_version()})\n")
    from eventx.morph import available_backends

    out.write("\nmorphology backends:\n")
    for info in available_backends():
        out.write(f"  - {info.name}: {info.description}\n")
        if info.upgrade_hint:
            out.write(f"      hint: {info.upgrade_hint}\n")
    from eventx.pipeline import Pipeline

    try:
        nlp = Pipeline()
        out.write("\ndefault pipeline:\n")
        for line in nlp.describe():
            out.write(f"  - {line}\n")
    except Exception as exc:  # info must always print something useful
        out.write(f"\ndefault pipeline cannot be built: {exc}\n")
    return 0


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from eventx.records import DocumentResult

    json.dump(DocumentResult.model_json_schema(), out, ensure_ascii=False, indent=2)
    out.write("\n")
    return 0


def _cmd_evaluate(args: argparse.Namespace, out: TextIO) -> int:
    from eventx.evaluation.cli import run_evaluate_cli

    return run_evaluate_cli(args.gold, args.docs, args.pred, as_json=args.json, show_errors=args.show_errors)


def _cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    from eventx.errors import RulePackError
    from eventx.rules.loader import load_packs

    try:
        packs = load_packs(["builtin", *args.packs] if args.with_builtin else args.packs)
    except RulePackError as exc:
        sys.stderr.write(f"eventx: invalid rule pack:\n{exc}\n")
        return 2
    for pack in packs:
        n_examples = sum(len(r.examples) for r in pack.rules)
        out.write(f"{pack.name}: {len(pack.rules)} rules, {n_examples} examples, types {sorted(pack.event_types)}\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eventx", description="Typed event records from Arabic news.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("info", help="backends, model paths and versions")
    p.set_defaults(func=_cmd_info)

    p = sub.add_parser("tag", help="print tokens, clitic-split words, lemmas and POS")
    p.add_argument("file", help="a UTF-8 text file, or - for standard input")
    p.add_argument("--morph", default="auto", choices=["auto", "camel", "builtin", "stanza"])
    p.set_defaults(func=_cmd_tag)

    p = sub.add_parser("extract", help="extract events: .txt files or JSONL lines {id, text, published}")
    p.add_argument("inputs", nargs="+", help=".txt / .jsonl files, or - for standard input")
    p.add_argument(
        "--format", default="jsonl", choices=["jsonl", "json"], help="output: one result per line, or pretty JSON"
    )
    p.add_argument("--input-format", default="auto", choices=["auto", "txt", "jsonl"])
    p.add_argument("--published", default=None, help="publication date (YYYY-MM-DD) for .txt inputs")
    p.add_argument("--rules", action="append", help="extra rule pack (folder or .yaml); repeatable; default: builtin")
    p.add_argument("--morph", default="auto", choices=["auto", "camel", "builtin", "stanza"])
    p.add_argument("--ner", default="auto")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("evaluate", help="score predictions against gold (spec §8)")
    p.add_argument("--gold", required=True, help="folder of gold <doc_id>.json files")
    p.add_argument("--docs", required=True, help="docs.jsonl with id, text, published")
    p.add_argument("pred", help="predictions JSONL (output of eventx extract)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--show-errors", type=int, default=0, metavar="N", help="also list N false positives/negatives")
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("schema", help="print the JSON Schema of the document result")
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser("rules", help="validate rule packs")
    p.add_argument("action", choices=["validate"])
    p.add_argument("packs", nargs="+", help="pack folders or .yaml files")
    p.add_argument(
        "--without-builtin",
        dest="with_builtin",
        action="store_false",
        help="validate the packs alone (they must define their own types)",
    )
    p.set_defaults(func=_cmd_rules)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from eventx.errors import EventxError

    try:
        return int(args.func(args, sys.stdout))
    except EventxError as exc:
        sys.stderr.write(f"eventx: {exc}\n")
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
