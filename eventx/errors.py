"""Exceptions eventx raises on purpose, and the one catalog of their messages.

Every error eventx raises takes its text from :class:`Errors`: a code (``E101``) and a
template, so a message reads the same wherever the check happens, a user can search the code,
and ``tests/test_architecture.py`` can check that no module writes a message inline::

    raise ConfigurationError(Errors.UNKNOWN_COMPONENT.format(name=name, known=known))

Codes are grouped by the part of the library that raises them (E0xx the pipeline and its
components, E1xx user input, E2xx models and backends, E3xx rule packs, E4xx dates and
figures, E5xx the gazetteer and linking, E6xx evaluation files, E7xx records, command line and
training). A code is never reused for a different message.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ConfigurationError",
    "ErrorMessage",
    "Errors",
    "EventxError",
    "ModelNotFoundError",
    "RulePackError",
]


class EventxError(Exception):
    """Base class of eventx's own errors."""


class ConfigurationError(EventxError, ValueError):
    """A pipeline, backend or option was asked for that cannot be built as given."""


class ModelNotFoundError(EventxError, FileNotFoundError):
    """A model or data directory is missing; the message says how to install it."""


class RulePackError(EventxError, ValueError):
    """A rule pack file is invalid; the message names the file, the rule id and the field."""


@dataclass(frozen=True, slots=True)
class ErrorMessage:
    """A catalog entry: ``format(**fields)`` gives ``"[E101] <template with fields>"``."""

    code: str
    template: str

    def format(self, **fields: object) -> str:
        return f"[{self.code}] {self.template.format(**fields)}"

    def __str__(self) -> str:
        return f"[{self.code}] {self.template}"


class Errors:
    """The catalog. Attribute names say what went wrong; templates say how to fix it."""

    # --- E0xx: pipeline and components -------------------------------------------------
    UNKNOWN_COMPONENT = ErrorMessage("E001", "unknown processor {name!r}; registered processors: {known}")
    MISSING_PREREQUISITE = ErrorMessage(
        "E002",
        "processor {name!r} requires {missing}, which no earlier processor provides; put it after the "
        "processors that do (order given: {order})",
    )
    UNKNOWN_VARIANT = ErrorMessage("E003", "unknown {option} {value!r} for processor {name!r}; choose one of {known}")
    BAD_COMPONENT_CONFIG = ErrorMessage("E004", "invalid configuration for processor {name!r}: {details}")
    CONFIG_FOR_ABSENT_COMPONENT = ErrorMessage(
        "E005", "configuration given for processor {name!r}, which is not in the pipeline ({order})"
    )
    DUPLICATE_COMPONENT = ErrorMessage(
        "E006", "processor {name!r} is already registered (by {owner}); pass replace=True to override it"
    )
    NOT_A_COMPONENT = ErrorMessage("E007", "the factory of processor {name!r} returned {got}, not a Processor")
    PROCESS_NOT_IMPLEMENTED = ErrorMessage("E008", "{cls} must implement process(doc)")
    BAD_BATCH_SIZE = ErrorMessage("E009", "batch_size must be >= 1, got {value}")
    BAD_N_PROCESS = ErrorMessage("E010", "n_process must be >= 1 (or -1 for all cores), got {value}")
    DUPLICATE_IN_PIPELINE = ErrorMessage("E011", "processor {name!r} appears twice in the pipeline ({order})")

    # --- E1xx: user input ----------------------------------------------------------------
    TEXT_NONE = ErrorMessage("E101", "{what} must be a str, got None")
    TEXT_BYTES = ErrorMessage("E102", "{what} must be a str, got bytes: decode it first, e.g. data.decode('utf-8')")
    TEXT_TYPE = ErrorMessage("E103", "{what} must be a str, got {got}")
    PUBLISHED_FORMAT = ErrorMessage(
        "E104",
        "published must be an ISO date like '2025-04-28' (YYYY-MM-DD, optionally with a time such as "
        "'2025-04-28T10:30:00'), got {value!r}",
    )
    PUBLISHED_TYPE = ErrorMessage("E105", "published must be a str, datetime.date or None, got {got}")
    DOC_ID_TYPE = ErrorMessage("E106", "doc_id must be a str or None, got {got}")

    # --- E2xx: models and backends ---------------------------------------------------------
    UNKNOWN_MORPH_BACKEND = ErrorMessage("E201", "unknown morphology backend {name!r}; choose one of {known}")
    CAMEL_DB_NOT_FOUND = ErrorMessage(
        "E202",
        "camel-tools morphology database {db_name!r} not found at {path}; install it on a connected machine "
        "with `camel_data -i morphology-db-msa-r13` (it writes to ~/.camel_tools, or to $CAMELTOOLS_DATA when "
        "set), then copy that directory here and point CAMELTOOLS_DATA at it. Or use the model-free fallback: "
        "Pipeline(morph='builtin').",
    )
    CAMEL_CATALOGUE_MISSING = ErrorMessage(
        "E203",
        "camel-tools catalogue {path} is missing (without it camel-tools tries a download); install it on a "
        "connected machine with `camel_data -i morphology-db-msa-r13` (it writes to ~/.camel_tools, or to "
        "$CAMELTOOLS_DATA when set), then copy that directory here and point CAMELTOOLS_DATA at it. Or use the "
        "model-free fallback: Pipeline(morph='builtin').",
    )
    STANZA_MODELS_NOT_FOUND = ErrorMessage(
        "E204",
        "stanza Arabic models (tokenize, pos, lemma, depparse) not found in {path}; run "
        "`python -c \"import stanza; stanza.download('ar')\"` on a connected machine (models go to "
        "~/stanza_resources), copy that directory here and set EVENTX_STANZA_DIR to it",
    )
    NER_MODEL_NOT_FOUND = ErrorMessage(
        "E205", "NER model not found at {path}; train one with `python -m eventx.train.ner --out {folder}`"
    )
    NER_MORPH_BACKEND_MISSING = ErrorMessage(
        "E206",
        "{model} was trained with morphology features from the {backend!r} backend, which is not available here",
    )
    NER_FIRST_STAGE_MISSING = ErrorMessage("E207", "{model} is a two-stage model but its first stage {path} is missing")
    NER_UNKNOWN_FEATURE_GROUPS = ErrorMessage("E208", "unknown feature groups {unknown}; known: {known}")
    NER_MORPH_LOOKUP_MISSING = ErrorMessage("E209", "feature group 'morph' needs a morph lookup")
    CAMEL_NER_NOT_INSTALLED = ErrorMessage(
        "E210",
        "camel-tools NER model not installed; run `camel_data -i ner-arabert` (with CAMELTOOLS_DATA set) or "
        "use ner='crf'",
    )
    STANZA_NER_NOT_INSTALLED = ErrorMessage(
        "E211", "stanza Arabic NER model not installed; run `stanza.download('ar')` or use ner='crf'"
    )
    NEWSFANE_NOT_FOUND = ErrorMessage(
        "E212",
        "NewsFANE Gold 2014 not found (looked at {paths}); set EVENTX_NEWSFANE to the file NewsFANE_Gold_2014_170K.txt",
    )
    OVERLAPPING_ENTITY_SPANS = ErrorMessage("E213", "overlapping entity spans at {start}")

    # --- E3xx: rule packs ----------------------------------------------------------------
    PACK_NOT_YAML = ErrorMessage("E301", "{path}: not valid YAML: {error}")
    PACK_UNREADABLE = ErrorMessage("E302", "{path}: cannot read rule file: {reason}")
    PACK_NOT_A_MAPPING = ErrorMessage("E303", "{path}: a rule file must be a mapping with at least a 'pack' key")
    PACK_RULES_NOT_A_LIST = ErrorMessage("E304", "{path}, field rules: must be a list of rules")
    PACK_FIELD = ErrorMessage("E305", "{where}, field {field}: {problem}")
    PACK_FOLDER_EMPTY = ErrorMessage("E306", "{path}: no .yaml rule files in this folder")
    PACK_NOT_FOUND = ErrorMessage("E307", "rule pack {source!r} not found (give 'builtin', a folder or a .yaml file)")
    PACK_NAMES_DIFFER = ErrorMessage("E308", "{path}: files name different packs {names}; one folder is one pack")
    PACK_TYPE_DEFINED_TWICE = ErrorMessage("E309", "{path}: event type {name!r} is defined twice in pack {pack!r}")
    PACK_RULE_ID_REUSED = ErrorMessage("E310", "{path}, rule {rule!r}: id already used in {other}; rule ids are unique")
    RULE_TYPE_UNDEFINED = ErrorMessage(
        "E311", "{where}, field type: event type {type!r} is not defined; add it under event_types (known: {known})"
    )
    RULE_UNKNOWN_ROLE = ErrorMessage("E312", "{where}, field arguments.{role}: {type} has roles {roles}")
    RULE_REQUIRE_ANY_UNKNOWN = ErrorMessage("E313", "{where}, field require_any: {role!r} is not a role of {type}")
    RULE_UNKNOWN_QUANTITY = ErrorMessage("E314", "{where}, field quantities.{role}: {type} has quantities {quantities}")
    RULE_UNKNOWN_ATTRIBUTE = ErrorMessage(
        "E315", "{where}, field attributes.{name}: {type} has attributes {attributes}"
    )
    RULE_ATTRIBUTE_VALUE = ErrorMessage("E316", "{where}, field attributes.{name}: {value!r} is not one of {allowed}")
    RULE_UNKNOWN_LEXICON = ErrorMessage(
        "E317", "{where}, field trigger: lexicon {entry!r} is not defined in pack {pack!r}"
    )
    WORD_PATTERN_EMPTY = ErrorMessage(
        "E318", "a word pattern needs at least one of lemma, form, prefix, pos, entity, proclitic"
    )
    TRIGGER_PATTERN_EMPTY = ErrorMessage("E319", "a trigger needs lemma, form or prefix entries")
    UNKNOWN_ENTITY_KINDS = ErrorMessage("E320", "unknown entity kind(s) {unknown}; use {known}")
    PLACE_OWNER_ROLES = ErrorMessage(
        "E321", "fallback place_owner needs owner_of (the place role) and other_than (the actor role)"
    )

    # --- E4xx: dates and figures -----------------------------------------------------------
    DATES_TYPE = ErrorMessage(
        "E401", "dates must be the list of DateMatch that find_dates(text, published) returned, got {got}"
    )
    DATES_OTHER_TEXT = ErrorMessage(
        "E402",
        "dates do not belong to this text: text[{start}:{end}] is not {surface!r}; pass the result of "
        "find_dates on the same text",
    )

    # --- E5xx: gazetteer and linking -------------------------------------------------------
    GAZETTEER_READ_ONLY = ErrorMessage(
        "E501",
        "cannot {method}() on a read-only gazetteer (default_gazetteer() is shared by every pipeline in "
        "the process); edit a copy instead: gazetteer = default_gazetteer().copy(); gazetteer.{method}(...)",
    )
    GAZETTEER_EMPTY_NAME = ErrorMessage("E502", "{what} must be a non-empty string, got {value!r}")
    GAZETTEER_KIND = ErrorMessage("E503", "kind must be one of {known}, got {value!r}")
    GAZETTEER_HEAD_ROLE = ErrorMessage("E504", "head role must be force, organ or modifier, got {value!r}")
    GAZETTEER_PLACE_LEVEL = ErrorMessage("E505", "place-type level must be one of {known}, got {value!r}")
    GAZETTEER_YAML_NOT_LIST = ErrorMessage("E506", "{path}: a gazetteer YAML file must be a list of entries")
    GAZETTEER_BAD_ROW = ErrorMessage("E507", "{path}: entry {number} ({row!r}) is invalid: {error}")
    LINK_KIND = ErrorMessage("E508", "link() kind must be one of {known} or None, got {value!r}")

    # --- E6xx: evaluation files ------------------------------------------------------------
    EVAL_FILE_NOT_FOUND = ErrorMessage("E601", "{what} file not found: {path}")
    EVAL_MALFORMED_JSON_LINE = ErrorMessage("E602", "{path}, line {line}: malformed JSON ({reason})")
    EVAL_LINE_NOT_AN_OBJECT = ErrorMessage("E603", "{path}, line {line}: expected a JSON object, got {got}")
    EVAL_NOT_UTF8 = ErrorMessage("E604", "{path}: not UTF-8 text ({reason})")
    EVAL_UNREADABLE = ErrorMessage("E605", "{path}: cannot read ({reason})")
    EVAL_MALFORMED_JSON = ErrorMessage("E606", "{path}: malformed JSON at line {line} ({reason})")
    EVAL_DOCUMENT_ID = ErrorMessage("E607", "{path}, line {line}: document needs a string 'id'")
    EVAL_DOCUMENT_TEXT = ErrorMessage("E608", "{path}, line {line}: document {doc_id} needs a string 'text'")
    GOLD_DIR_NOT_FOUND = ErrorMessage("E609", "gold directory not found: {path}")
    GOLD_DIR_EMPTY = ErrorMessage("E610", "gold directory has no .json files: {path}")
    GOLD_NOT_AN_OBJECT = ErrorMessage("E611", "{where}: expected a JSON object")
    GOLD_DOC_ID_TYPE = ErrorMessage("E612", "{path}: 'doc_id' must be a string")
    GOLD_DOC_ID_REUSED = ErrorMessage("E613", "{path}: doc_id {doc_id!r} is already used by another gold file")
    GOLD_DOCS_MISMATCH = ErrorMessage("E614", "no gold document of {gold_dir} is in {docs}: wrong documents file?")
    GOLD_EVENTS_NOT_A_LIST = ErrorMessage("E615", "{path}: 'events' must be a list")
    GOLD_FIELD_REQUIRED = ErrorMessage("E616", "{where}: needs a non-empty string {name!r}")
    EVAL_NOT_AN_OBJECT = ErrorMessage("E617", "{where}: expected a JSON object, got {got}")
    EVAL_NOT_A_STRING = ErrorMessage("E618", "{where}: expected a string or null, got {value!r}")
    EVAL_FILLER_TEXT = ErrorMessage("E619", "{where}: filler needs a string 'text', got {value!r}")
    EVAL_FILLERS_NOT_A_LIST = ErrorMessage("E620", "{where}: expected a list of fillers")
    EVAL_NOT_A_NUMBER = ErrorMessage("E621", "{where}: expected a number, got {value!r}")
    EVAL_NOT_FINITE = ErrorMessage("E622", "{where}: expected a finite number, got {value!r}")
    PREDICTION_NOT_A_RESULT = ErrorMessage("E623", "{where}: expected a document result object, got {got}")
    PREDICTION_DOC_ID = ErrorMessage("E624", "{where}: document result needs a string 'doc_id'")
    PREDICTION_EVENTS_NOT_A_LIST = ErrorMessage("E625", "{where} (doc {doc_id}): 'events' must be a list")
    PREDICTION_NOT_AN_EVENT = ErrorMessage("E626", "{where}: expected an event object")
    PREDICTION_EVENT_TYPE = ErrorMessage("E627", "{where}: event needs a string 'type'")
    PREDICTION_EVENT_TRIGGER = ErrorMessage("E628", "{where}: event needs a 'trigger' object")
    PREDICTION_TRIGGER_START = ErrorMessage("E629", "{where}: event needs 'trigger.start', a non-negative integer")

    # --- E7xx: records, command line, training, testing ------------------------------------
    MENTION_END_BEFORE_START = ErrorMessage("E701", "mention end {end} precedes start {start}")
    EVENT_TYPE_NAME = ErrorMessage("E702", "event type must be an UPPER_SNAKE name, got {value!r}")
    CLI_NO_SUCH_FILE = ErrorMessage("E703", "eventx: no such file: {path}")
    CLI_NOT_UTF8 = ErrorMessage("E704", "eventx: {path} is not UTF-8 text")
    TRAIN_TOO_FEW_DOCUMENTS = ErrorMessage("E705", "a two-stage model needs at least two training documents")
    RULE_EXAMPLE_FAILED = ErrorMessage("E706", "{problems}")
    NO_MODULE_ATTRIBUTE = ErrorMessage("E707", "module {module!r} has no attribute {name!r}")
    CLI_NOT_A_FILE = ErrorMessage("E708", "eventx: {path} is a directory; give the files in it instead")
    CLI_NO_STDIN = ErrorMessage("E709", "eventx: standard input is closed; give a file name instead of -")
    CLI_UNREADABLE = ErrorMessage("E710", "eventx: cannot read {path}: {reason}")
    CLI_BAD_PUBLISHED = ErrorMessage("E711", "eventx: --published: {reason}")
    CLI_LINE_NOT_UTF8 = ErrorMessage("E712", "not UTF-8 text (invalid byte 0x{byte:02x} at byte {column} of the line)")
    CLI_LINE_BAD_JSON = ErrorMessage("E713", "invalid JSON at column {column}: {reason}")
    CLI_LINE_NOT_AN_OBJECT = ErrorMessage("E714", "expected a JSON object with a \"text\" field, got {got}")
    CLI_LINE_NO_TEXT = ErrorMessage("E715", "the object has no \"text\" field")
    CLI_REJECTED_SUMMARY = ErrorMessage("E716", "eventx: {rejected} of {total} documents not written (see above)")
    PIPE_BAD_ON_ERROR = ErrorMessage("E717", "on_error must be one of {known}, got {value!r}")
    PIPE_DOCUMENT_FAILED = ErrorMessage("E718", "document not processed: {error}")
    PIPE_DOCUMENT_SKIPPED = ErrorMessage("E719", "document {position} (id {doc_id!r}) skipped: {error}")
    CLI_EMPTY_DIRECTORY = ErrorMessage("E720", "eventx: {path} is a directory without .txt or .jsonl files{scope}")
    EXPORT_MISSING_DEPENDENCY = ErrorMessage(
        "E740", "{feature} needs the {package} package; install it with: pip install 'eventx[tables]'"
    )
    EXPORT_UNKNOWN_TABLE = ErrorMessage("E741", "unknown table {table!r}; choose one of {known}")
    EXPORT_UNKNOWN_FORMAT = ErrorMessage("E742", "unknown export format {fmt!r}; choose one of {known}")
    EXPORT_NOT_A_RESULT = ErrorMessage(
        "E743", "expected a DocumentResult, a Document or a document result dict, got {got}"
    )
    EXPORT_NEEDS_BINARY = ErrorMessage("E744", "parquet output needs a path or a binary file, got a text stream")
    CLI_BINARY_TO_TERMINAL = ErrorMessage(
        "E745", "eventx: --format {fmt} is binary; write it to a file with -o FILE or redirect standard output"
    )
    DISPLAY_INPUT = ErrorMessage("E746", "render_html() takes a Document or a DocumentResult, got {got}")
    DASK_MISSING_DEPENDENCY = ErrorMessage(
        "E750", "{feature} needs the {package} package; install it with: pip install 'eventx[dask]'"
    )
    DASK_BAD_PIPELINE_CONFIG = ErrorMessage(
        "E751", "pipeline_config must be a dict of eventx.Pipeline keyword arguments or None, got {got}"
    )
    DASK_NO_COLUMN = ErrorMessage(
        "E752", "no column {column!r} for the document {role} in the DataFrame; its columns: {columns}"
    )
    MERGE_NOT_A_RESULT = ErrorMessage(
        "E760", "merge() takes DocumentResult objects or document result dicts, got {got} (item {position})"
    )
    MERGE_BAD_RESULT = ErrorMessage("E761", "{where}: not a valid document result: {reason}")
    MERGE_NO_DOC_ID = ErrorMessage(
        "E762", "{where}: the document result has no 'doc_id'; merge needs one to tell documents apart"
    )
    MERGE_BAD_OPTION = ErrorMessage("E763", "{name} must be a number >= 0, got {value!r}")
    MERGE_BAD_GOLD = ErrorMessage("E764", "{path}: malformed merge gold ({reason})")
