"""The ``eventx`` command line.

eventx info                                  backends, models, versions
eventx tag FILE                              token / words / lemma / POS table
eventx extract [--format jsonl|json] IN ...  document results (IN: .txt, .jsonl or -)
eventx evaluate --gold DIR --docs DOCS PRED  spec §8 scores
eventx schema                                JSON Schema of the document result
eventx rules validate PACK ...               check rule-pack files

``eventx extract`` processes every document on its own: a line or file it cannot use is
reported on stderr as ``FILE:LINE: reason`` and the run goes on. Exit status: 0 when every
document was written, 1 when some were refused, 2 for a usage error (docs/errors.md).
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

__all__ = ["main"]


class _UsageExit(SystemExit):
    """A usage error (no such file, a directory, no standard input): exit status 2. The
    one-line message is already on stderr; ``str()`` gives it back."""

    def __init__(self, message: str) -> None:
        super().__init__(2)
        self.message = message

    def __str__(self) -> str:
        return self.message


def _usage_error(message: str) -> NoReturn:
    sys.stderr.write(f"{message}\n")
    raise _UsageExit(message)


def _check_input(path: str) -> None:
    """Refuse an input that cannot be read at all before any document is processed."""
    from eventx.errors import Errors

    if path == "-":
        if sys.stdin is None:
            _usage_error(Errors.CLI_NO_STDIN.format())
        return
    if Path(path).is_dir():
        _usage_error(Errors.CLI_NOT_A_FILE.format(path=path))
    if not Path(path).exists():
        _usage_error(Errors.CLI_NO_SUCH_FILE.format(path=path))


def _read_bytes(path: str) -> bytes:
    """The raw content of a file, or of standard input for ``-``; a usage error if unreadable."""
    from eventx.errors import Errors

    _check_input(path)
    if path != "-":
        try:
            return Path(path).read_bytes()
        except OSError as exc:
            _usage_error(Errors.CLI_UNREADABLE.format(path=path, reason=exc.strerror or exc))
    stdin = sys.stdin
    try:
        buffer = getattr(stdin, "buffer", None)
        data = buffer.read() if buffer is not None else stdin.read()
    except ValueError:  # a closed file object
        _usage_error(Errors.CLI_NO_STDIN.format())
    except OSError as exc:
        _usage_error(Errors.CLI_UNREADABLE.format(path="standard input", reason=exc.strerror or exc))
    if isinstance(data, str):  # a text stream without a buffer (tests put a StringIO there)
        return data.encode("utf-8", errors="surrogatepass")
    return bytes(data)


def _read_input(path: str) -> str:
    """A whole input as text (``eventx tag``); not UTF-8 is a usage error."""
    from eventx.errors import Errors

    try:
        return _read_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        _usage_error(Errors.CLI_NOT_UTF8.format(path=path))


def _is_jsonl(path: str, data: bytes, declared: str) -> bool:
    if declared != "auto":
        return declared == "jsonl"
    if path.endswith((".jsonl", ".ndjson")):
        return True
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff").lstrip()[:1] == "{"


# One input document: (line number or None, the item {id, text, published} or None, the reason
# it is refused or None).
_Document = tuple[int | None, dict[str, Any] | None, str | None]


def _jsonl_documents(data: bytes) -> Iterator[_Document]:
    """One entry per non-blank line. Each line is decoded on its own, so a bad byte spoils only
    its line; lines end at LF, CRLF or CR."""
    from eventx.errors import Errors

    for number, raw in enumerate(data.splitlines(), start=1):
        skipped = len(codecs.BOM_UTF8) if number == 1 and raw.startswith(codecs.BOM_UTF8) else 0
        try:
            line = raw[skipped:].decode("utf-8")
        except UnicodeDecodeError as exc:
            position = skipped + exc.start
            yield number, None, Errors.CLI_LINE_NOT_UTF8.format(byte=raw[position], column=position + 1)
            continue
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, Errors.CLI_LINE_BAD_JSON.format(reason=exc.msg, column=exc.colno)
            continue
        except (ValueError, RecursionError) as exc:  # too many digits, too deeply nested
            yield number, None, _reason(exc)
            continue
        if not isinstance(item, dict):
            yield number, None, Errors.CLI_LINE_NOT_AN_OBJECT.format(got=_json_kind(item))
            continue
        if "text" not in item:
            yield number, None, Errors.CLI_LINE_NO_TEXT.format()
            continue
        yield number, item, None


def _text_document(path: str, data: bytes, published: str | None) -> _Document:
    """A whole .txt input as one document (id: the file's stem, or ``stdin``)."""
    from eventx.errors import Errors

    doc_id = Path(path).stem if path != "-" else "stdin"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        reason = Errors.CLI_LINE_NOT_UTF8.format(byte=data[exc.start], column=exc.start - line_start + 1)
        return data.count(b"\n", 0, exc.start) + 1, None, reason
    return None, {"id": doc_id, "text": text, "published": published}, None


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    kinds = {list: "a list", str: "a string", int: "a number", float: "a number", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)


def _reason(exc: BaseException) -> str:
    """``"ExceptionType: message"`` on one line, as ``Pipeline.pipe`` records it."""
    message = "; ".join(line.strip() for line in str(exc).splitlines() if line.strip())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _extract_one(nlp: Any, item: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    """(result, None) for a processed document, (None, reason) for a refused one. eventx's own
    errors (a missing model, a bad rule pack) concern the whole run and propagate."""
    from eventx.errors import EventxError

    doc_id = item.get("id")
    doc_id = None if doc_id is None else str(doc_id)
    try:
        doc = nlp(item.get("text"), published=item.get("published"), doc_id=doc_id)
        return doc.to_result().model_dump(mode="json"), None
    except EventxError:
        raise
    except Exception as exc:
        return None, _reason(exc)


def _reject(name: str, line: int | None, reason: str) -> None:
    where = f"{name}:{line}" if line is not None else name
    sys.stderr.write(f"{where}: {reason}\n")
    sys.stderr.flush()


def _cmd_extract(args: argparse.Namespace, out: TextIO) -> int:
    """Exit status 0 when every document was written, 1 when some were refused (one stderr
    line ``FILE:LINE: reason`` each), 2 for a usage error (raised as SystemExit)."""
    from eventx.errors import Errors
    from eventx.pipeline import Pipeline
    from eventx.validation import published_iso

    for path in args.inputs:
        _check_input(path)
    if args.published is not None:
        try:
            published_iso(args.published)
        except (TypeError, ValueError) as exc:
            _usage_error(Errors.CLI_BAD_PUBLISHED.format(reason=exc))
    nlp = Pipeline(morph=args.morph, ner=args.ner, rule_packs=tuple(args.rules or ("builtin",)))
    results: list[dict[str, Any]] = []
    total = rejected = 0
    for path in args.inputs:
        data = _read_bytes(path)
        name = "<stdin>" if path == "-" else path
        if _is_jsonl(path, data, args.input_format):
            documents: Iterable[_Document] = _jsonl_documents(data)
        else:
            documents = [_text_document(path, data, args.published)]
        for line, item, reason in documents:
            total += 1
            result = None
            if item is not None:
                result, reason = _extract_one(nlp, item)
            if result is None:
                rejected += 1
                _reject(name, line, reason or "")
            else:
                _emit(result, args.format, out, results)
    if args.format == "json":
        json.dump(results if len(results) != 1 else results[0], out, ensure_ascii=False, indent=2)
        out.write("\n")
    if rejected:
        sys.stderr.write(f"{Errors.CLI_REJECTED_SUMMARY.format(rejected=rejected, total=total)}\n")
        return 1
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
