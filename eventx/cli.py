"""The ``eventx`` command line.

eventx info                                  backends, models, versions
eventx tag FILE                              token / words / lemma / POS table
eventx extract [--format jsonl|json] IN ...  document results (IN: .txt, .jsonl, a directory or -)
eventx evaluate --gold DIR --docs DOCS PRED  spec §8 scores
eventx merge PRED.jsonl                      cross-report merged events, one JSON per line
eventx schema                                JSON Schema of the document result
eventx rules validate PACK ...               check rule-pack files

``eventx extract`` processes every document on its own: a line or file it cannot use is
reported on stderr as ``FILE:LINE: reason`` and the run goes on. Exit status: 0 when every
document was written, 1 when some were refused, 2 for a usage error (docs/errors.md).
``--n-process N`` runs the documents in N worker processes with the same output, in input
order; a directory input stands for its ``*.txt`` and ``*.jsonl`` files (sorted;
``--recursive`` adds its subfolders). A document without an id gets one from where it was
read: the file's stem for a .txt file, ``<file stem>:<line>`` for a JSONL line, ``stdin:<line>``
for a line of standard input, so event ids (``<doc_id>:e1``) do not repeat within a run. A
progress display goes to stderr when it is a terminal (not with ``--quiet``).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import json
import sys
import warnings
from collections import deque
from collections.abc import Iterator, Sequence
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


def _text_document(doc_id: str, data: bytes, published: str | None) -> _Document:
    """A whole .txt input as one document with id ``doc_id`` (the file's stem, or ``stdin``)."""
    from eventx.errors import Errors

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


def _positive_processes(value: str) -> int:
    """``--n-process``: a number of worker processes >= 1, or -1 for one per core."""
    from eventx.errors import Errors

    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(Errors.BAD_N_PROCESS.format(value=repr(value))) from None
    if number < 1 and number != -1:
        raise argparse.ArgumentTypeError(Errors.BAD_N_PROCESS.format(value=number))
    return number


_DIRECTORY_SUFFIXES = (".txt", ".jsonl")


def _expand_inputs(paths: Sequence[str], input_format: str, recursive: bool) -> list[tuple[str, str]]:
    """Each input as (path, format): a directory becomes its *.txt and *.jsonl files, sorted
    (with ``recursive`` also those of its subfolders), each read by its suffix unless
    ``--input-format`` says otherwise. Any input that cannot be read is a usage error here,
    before any document is processed."""
    from eventx.errors import Errors

    inputs: list[tuple[str, str]] = []
    for path in paths:
        if path == "-" or not Path(path).is_dir():
            _check_input(path)
            inputs.append((path, input_format))
            continue
        candidates = Path(path).rglob("*") if recursive else Path(path).iterdir()
        found = sorted(p for p in candidates if p.suffix.lower() in _DIRECTORY_SUFFIXES and p.is_file())
        if not found:
            scope = " (nor in its subfolders)" if recursive else " (add --recursive to read its subfolders)"
            _usage_error(Errors.CLI_EMPTY_DIRECTORY.format(path=path, scope=scope))
        for file in found:
            declared = input_format if input_format != "auto" else file.suffix.lower().lstrip(".")
            inputs.append((str(file), declared))
    return inputs


def _derived_stems(paths: Sequence[str]) -> list[str]:
    """The stem each input gives the ids of its documents without one: the file's stem
    (``stdin`` for ``-``); a stem that an earlier input already has gets ``~2``, ``~3`` ...
    so that derived ids never repeat within a run."""
    used: set[str] = set()
    stems: list[str] = []
    for path in paths:
        stem = base = "stdin" if path == "-" else Path(path).stem
        number = 1
        while stem in used:
            number += 1
            stem = f"{base}~{number}"
        used.add(stem)
        stems.append(stem)
    return stems


def _with_defaults(item: dict[str, Any], doc_id: str, published: str | None) -> dict[str, Any]:
    """A JSONL line's item for the pipeline: its own id (as a string) or ``doc_id``, its own
    ``published`` or the ``--published`` date when the line has none (absent or null)."""
    own_id = item.get("id")
    own_published = item.get("published")
    return {
        "id": doc_id if own_id is None else str(own_id),
        "text": item.get("text"),
        "published": published if own_published is None else own_published,
    }


# One input document as the CLI tracks it: (input name, line number or None, the item
# {id, text, published} or None, the reason it is refused or None).
_Entry = tuple[str, int | None, dict[str, Any] | None, str | None]


def _entries(inputs: Sequence[tuple[str, str]], published: str | None) -> Iterator[_Entry]:
    """Every document of every input, in order; each input is read when its turn comes."""
    for (path, declared), stem in zip(inputs, _derived_stems([p for p, _ in inputs]), strict=True):
        data = _read_bytes(path)
        name = "<stdin>" if path == "-" else path
        if _is_jsonl(path, data, declared):
            for line, item, reason in _jsonl_documents(data):
                if item is not None:
                    item = _with_defaults(item, f"{stem}:{line}", published)
                yield name, line, item, reason
        else:
            yield (name, *_text_document(stem, data, published))


def _setup_error_names() -> set[str]:
    """Type names of eventx's own setup errors (:class:`EventxError` and its subclasses)."""
    from eventx.errors import EventxError

    names: set[str] = set()
    todo: list[type[BaseException]] = [EventxError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


@contextlib.contextmanager
def _plain_advice(quiet: bool) -> Iterator[None]:
    """Around building a pipeline: eventx's own advice (the morphology fallback warning)
    becomes one plain stderr line, or nothing when ``quiet``; other warnings are passed on."""
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
    finally:
        for warning in caught:
            message = str(warning.message)
            if issubclass(warning.category, UserWarning) and message.startswith("eventx:"):
                if not quiet:
                    sys.stderr.write(f"{message}\n")
            else:
                warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)


def _build_pipeline(args: argparse.Namespace) -> Any:
    """The extraction pipeline. The morphology variant is resolved here (``auto`` → the
    concrete backend), so worker processes build the same one without asking again; the
    fallback advice is one plain stderr line (none with --quiet)."""
    from eventx.component import registry
    from eventx.pipeline import Pipeline

    with _plain_advice(args.quiet):
        _, morph_config = registry.resolve("morph", {"variant": args.morph})
        morph = getattr(morph_config, "variant", args.morph)
        return Pipeline(morph=morph, ner=args.ner, rule_packs=tuple(args.rules or ("builtin",)))


def _progress_wanted(quiet: bool, stream: Any) -> bool:
    """A progress display only for a person watching: stderr is a terminal and no --quiet."""
    if quiet or stream is None:
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except (ValueError, OSError):  # a closed stream
        return False


class _Progress:
    """Documents done and their rate on stderr (tqdm), or nothing. Lines written through
    :meth:`write` do not break the bar."""

    def __init__(self, enabled: bool) -> None:
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(
                desc="eventx extract", unit=" doc", file=sys.stderr, mininterval=0.5,
                bar_format="{desc}: {n_fmt} documents [{elapsed}, {rate_noinv_fmt}{postfix}]",
            )

    def write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            sys.stderr.write(f"{line}\n")
            sys.stderr.flush()

    def update(self, rejected: int) -> None:
        if self.bar is not None:
            if rejected:
                self.bar.set_postfix_str(f"{rejected} refused", refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _cmd_extract(args: argparse.Namespace, out: TextIO) -> int:
    """Exit status 0 when every document was written, 1 when some were refused (one stderr
    line ``FILE:LINE: reason`` each), 2 for a usage error (raised as SystemExit) or a setup
    error (printed as ``eventx: [E...] ...``)."""
    from eventx.errors import Errors
    from eventx.validation import published_iso

    inputs = _expand_inputs(args.inputs, args.input_format, args.recursive)
    if args.published is not None:
        try:
            published_iso(args.published)
        except (TypeError, ValueError) as exc:
            _usage_error(Errors.CLI_BAD_PUBLISHED.format(reason=exc))
    if args.format == "parquet" and args.output is None and sys.stdout.isatty():
        _usage_error(Errors.CLI_BINARY_TO_TERMINAL.format(fmt=args.format))
    nlp = _build_pipeline(args)
    if args.output is not None and args.format in ("jsonl", "json"):
        with open(args.output, "w", encoding="utf-8") as handle:
            return _run_extract(args, nlp, inputs, handle)
    return _run_extract(args, nlp, inputs, out)


def _run_extract(args: argparse.Namespace, nlp: Any, inputs: list[tuple[str, str]], out: TextIO) -> int:
    from eventx.errors import Errors

    # Entries wait here until the pipeline gives their document back (in input order), so a
    # refused line is reported between the documents around it.
    pending: deque[_Entry] = deque()

    def items() -> Iterator[dict[str, Any]]:
        for entry in _entries(inputs, args.published):
            pending.append(entry)
            if entry[2] is not None:
                yield entry[2]

    results: list[dict[str, Any]] = []
    total = rejected = 0
    progress = _Progress(_progress_wanted(args.quiet, sys.stderr))
    setup_errors = _setup_error_names()

    def refuse(entry: _Entry, reason: str) -> None:
        nonlocal total, rejected
        name, line = entry[0], entry[1]
        total += 1
        rejected += 1
        progress.write(f"{name}:{line}: {reason}" if line is not None else f"{name}: {reason}")
        progress.update(rejected)

    try:
        for doc in nlp.pipe(items(), n_process=args.n_process, on_error="report"):
            while pending[0][2] is None:
                entry = pending.popleft()
                refuse(entry, entry[3] or "")
            entry = pending.popleft()
            error = doc.meta.get("error")
            if error is None:
                total += 1
                _emit(doc.to_result().model_dump(mode="json"), args.format, out, results)
                progress.update(rejected)
            elif error.partition(":")[0] in setup_errors:  # not the document's fault: stop the run
                progress.close()
                sys.stderr.write(f"eventx: {error.partition(': ')[2]}\n")
                return 2
            else:
                refuse(entry, error)
        while pending:
            entry = pending.popleft()
            refuse(entry, entry[3] or "")
    finally:
        progress.close()
    if args.format == "json":
        json.dump(results if len(results) != 1 else results[0], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format != "jsonl":
        from eventx.export import write

        write(results, args.format, args.output if args.output is not None else out)
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

    text = _read_input(args.file)
    with _plain_advice(quiet=False):
        nlp = Pipeline(processors=["tokenize", "morph"], morph=args.morph)
    doc = nlp(text)
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
        with _plain_advice(quiet=True):  # the hint above already says it
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


def _cmd_merge(args: argparse.Namespace, out: TextIO) -> int:
    """One MergedEvent JSON per line (singletons included unless --only-merged). A line that is
    not a document result stops the run before anything is written: ``FILE:LINE: reason`` on
    stderr, exit status 1."""
    from eventx.crossdoc import merge
    from eventx.crossdoc.cluster import coerce_results

    results: list[Any] = []
    for path in args.inputs:
        name = "<stdin>" if path == "-" else path
        for number, raw in enumerate(_read_bytes(path).splitlines(), start=1):
            line = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
            if not line.strip():
                continue
            try:
                results.append(json.loads(line))
            except (ValueError, RecursionError) as exc:
                sys.stderr.write(f"{name}:{number}: {_reason(exc)}\n")
                return 1
            try:
                coerce_results([results[-1]])
            except (TypeError, ValueError) as exc:
                sys.stderr.write(f"{name}:{number}: {exc}\n")
                return 1
    try:
        merged = merge(
            results, window_days=args.window_days, threshold=args.threshold, include_singletons=not args.only_merged
        )
    except (TypeError, ValueError) as exc:
        sys.stderr.write(f"eventx: {exc}\n")
        return 2
    for record in merged:
        out.write(record.model_dump_json() + "\n")
    out.flush()
    return 0


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
    p.add_argument("inputs", nargs="+", help=".txt / .jsonl files, directories of them, or - for standard input")
    p.add_argument(
        "--format",
        default="jsonl",
        choices=["jsonl", "json", "csv", "parquet", "acled", "plover"],
        help="output: one result per line (jsonl), pretty JSON, the events table (csv, parquet), "
        "ACLED-style CSV or PLOVER-style JSON lines (docs/exports.md)",
    )
    p.add_argument("-o", "--output", help="write the output to this file instead of standard output")
    p.add_argument("--input-format", default="auto", choices=["auto", "txt", "jsonl"])
    p.add_argument(
        "--published", default=None, help="publication date (YYYY-MM-DD) for .txt inputs and JSONL lines without one"
    )
    p.add_argument("--rules", action="append", help="extra rule pack (folder or .yaml); repeatable; default: builtin")
    p.add_argument("--morph", default="auto", choices=["auto", "camel", "builtin", "stanza"])
    p.add_argument("--ner", default="auto")
    p.add_argument(
        "--n-process", type=_positive_processes, default=1, metavar="N",
        help="worker processes (-1: one per core); the output is the same as with one",
    )
    p.add_argument("--recursive", action="store_true", help="also read the subfolders of directory inputs")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display and no backend advice on stderr")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("evaluate", help="score predictions against gold (spec §8)")
    p.add_argument("--gold", required=True, help="folder of gold <doc_id>.json files")
    p.add_argument("--docs", required=True, help="docs.jsonl with id, text, published")
    p.add_argument("pred", help="predictions JSONL (output of eventx extract)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--show-errors", type=int, default=0, metavar="N", help="also list N false positives/negatives")
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("merge", help="merge events of different documents that report the same event (docs/merge.md)")
    p.add_argument("inputs", nargs="+", help="results JSONL of eventx extract, or - for standard input")
    p.add_argument("--window-days", type=float, default=3, help="days between compatible dates (default 3)")
    p.add_argument("--threshold", type=float, default=1.5, help="total score that links two events (default 1.5)")
    p.add_argument("--only-merged", action="store_true", help="leave out events no other document reports")
    p.set_defaults(func=_cmd_merge)

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
