"""Fuzzing ``eventx.extract`` (issue 18): Arabic-heavy random text and odd ``published`` values.

For every generated ``(text, published)`` the default pipeline (``eventx.api.default_pipeline()``,
which is what ``eventx.extract`` runs) must either

* refuse ``published`` with a documented refusal: ``ValueError`` (a string that is not an ISO
  date) or ``TypeError`` (not a str/date/None) whose message starts with a catalog code
  ``[E...]``; or
* return a result whose every offset is exact: ``text[m.start:m.end] == m.text`` for every
  entity, trigger, argument, attribution, sentence, token and word, and for the document's
  date and figure spans; the figure and date texts of events occur in the text; and the
  result serializes to JSON.

Any other exception fails. Each input must finish within hypothesis' ``deadline`` (10 s).

The default run tries ``EVENTX_FUZZ_EXAMPLES`` (300) inputs; set the variable for a longer
run. A failure prints the falsifying example and a ``@reproduce_failure`` blob.
``benchmarks/fuzz.py`` is the long-running counterpart (plain ``random``, any number of inputs);
both draw from the tables in ``tests/fuzz_inputs.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from fuzz_inputs import (
    CHARACTERS,
    DIGIT_SETS,
    EDGE_DATES,
    EITHER,
    GARBAGE,
    GARBAGE_TAIL,
    GROUP_SEPARATORS,
    LONG_WORD_PATTERNS,
    NOT_STR,
    SEPARATORS,
    TIME_SUFFIXES,
    VOCABULARY,
    load_sentences,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventx
from eventx.api import default_pipeline
from eventx.doc import Document
from eventx.records import DocumentResult

EXAMPLES = int(os.environ.get("EVENTX_FUZZ_EXAMPLES", "300"))

# --- text strategies ------------------------------------------------------------------------

characters = st.sampled_from(CHARACTERS)
random_run = st.lists(characters, min_size=1, max_size=40).map("".join)
vocabulary = st.sampled_from(VOCABULARY)


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """A figure in ASCII, Arabic-Indic or Persian digits, maybe grouped or decimal."""
    value = str(draw(st.integers(min_value=0, max_value=10**22)))
    if draw(st.booleans()) and len(value) > 3:
        separator = draw(st.sampled_from(GROUP_SEPARATORS))
        head = len(value) % 3 or 3
        value = value[:head] + "".join(separator + value[i : i + 3] for i in range(head, len(value), 3))
    digits = draw(st.sampled_from(DIGIT_SETS))
    return "".join(digits[int(c)] if c.isdigit() else c for c in value)


@st.composite
def long_words(draw: st.DrawFn) -> str:
    """One word of 50-2,000 characters: a short pattern repeated (letters, digits, marks ...)."""
    pattern = draw(st.lists(characters, min_size=1, max_size=4).map("".join))
    pattern = draw(st.sampled_from([pattern, *LONG_WORD_PATTERNS]))
    size = draw(st.integers(min_value=50, max_value=2000))
    return (pattern * (size // len(pattern) + 1))[:size]


@st.composite
def mutated_sentences(draw: st.DrawFn) -> str:
    """A real sentence with up to four insertions, deletions and duplications."""
    text = draw(st.sampled_from(load_sentences()))
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        operation = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        at = draw(st.integers(min_value=0, max_value=len(text)))
        if operation == "insert":
            text = text[:at] + draw(st.one_of(characters, random_run, vocabulary, numbers())) + text[at:]
        else:
            size = draw(st.integers(min_value=1, max_value=30))
            piece = text[at : at + size]
            text = text[:at] + text[at + size :] if operation == "delete" else text[:at] + piece + piece + text[at:]
    return text


segments = st.one_of(vocabulary, vocabulary, mutated_sentences(), random_run, numbers(), characters)
separators = st.sampled_from(SEPARATORS)


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A document: a few segments and separators, sometimes with a long word inside."""
    parts = draw(st.lists(st.tuples(segments, separators), max_size=8))
    text = "".join(segment + separator for segment, separator in parts)
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        at = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:at] + " " + draw(long_words()) + " " + text[at:]
    return text


# --- published strategies -------------------------------------------------------------------
# Each draws (value, expectation): "accept" (must succeed), "refuse" (must raise the
# documented refusal) or "either" (succeeds or is refused; anything else fails).

any_date = st.one_of(st.sampled_from(EDGE_DATES), st.dates())
published_values = st.one_of(
    st.sampled_from([(None, "accept"), ("", "accept")]),
    any_date.map(lambda d: (d, "accept")),
    any_date.map(lambda d: (d.isoformat(), "accept")),
    st.tuples(any_date, st.sampled_from(TIME_SUFFIXES)).map(lambda p: (p[0].isoformat() + p[1], "accept")),
    st.datetimes(timezones=st.sampled_from([None, dt.timezone.utc, dt.timezone(dt.timedelta(hours=3))])).map(
        lambda d: (d, "accept")
    ),
    st.sampled_from([dt.datetime.min, dt.datetime.max]).map(lambda d: (d, "accept")),
    st.sampled_from(GARBAGE).map(lambda s: (s, "refuse")),
    st.tuples(any_date, st.text(GARBAGE_TAIL, min_size=1, max_size=12)).map(
        lambda p: (p[0].isoformat() + p[1], "refuse")
    ),
    st.sampled_from(NOT_STR).map(lambda v: (v, "refuse")),
    # Forms whose acceptance the contract leaves open (basic ISO, week dates, padding, other digits).
    st.sampled_from(EITHER).map(lambda s: (s, "either")),
    st.text(max_size=20).map(lambda s: (s, "either")),
)


# --- checks ---------------------------------------------------------------------------------


def _expected_published(published: object) -> str | None:
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date().isoformat()
    if isinstance(published, dt.date):
        return published.isoformat()
    assert isinstance(published, str)
    return published.strip()[:10]


def _span(text: str, what: str, start: int, end: int, surface: str) -> None:
    assert 0 <= start <= end <= len(text), f"{what} {surface!r}: span {start}-{end} outside 0-{len(text)}"
    assert text[start:end] == surface, f"{what}: text[{start}:{end}] == {text[start:end]!r} != {surface!r}"


def assert_exact_offsets(text: str, doc: Document, result: DocumentResult) -> None:
    """Every span the document and its result carry points at exactly its text."""
    assert doc.text == text
    for sentence in doc.sentences:
        _span(text, "sentence", sentence.start, sentence.end, sentence.text)
        for token in sentence.tokens:
            _span(text, "token", token.start, token.end, token.text)
            for word in token.words:
                _span(text, "word", word.start, word.end, word.text)
    for date in doc.dates:
        _span(text, "date", date.start, date.end, date.value.text)
    for figure in doc.quantities:
        _span(text, "quantity", figure.start, figure.end, figure.value.text)
    for mention in result.entities:
        _span(text, "entity", mention.start, mention.end, mention.text)
    for event in result.events:
        where = f"event {event.id} ({event.type})"
        _span(text, f"{where} trigger", event.trigger.start, event.trigger.end, event.trigger.text)
        sentence = event.sentence
        assert 0 <= sentence.start <= event.trigger.start <= event.trigger.end <= sentence.end <= len(text), where
        if event.attribution is not None:
            _span(text, f"{where} attribution", event.attribution.start, event.attribution.end, event.attribution.text)
        for role, mentions in event.arguments.items():
            for mention in mentions:
                _span(text, f"{where} argument {role}", mention.start, mention.end, mention.text)
        for role, quantity in event.quantities.items():  # records carry no offsets: the text must occur
            assert quantity.text and quantity.text in text, f"{where} quantity {role}: {quantity.text!r}"
        if event.date is not None:
            assert event.date.text and event.date.text in text, f"{where} date: {event.date.text!r}"


def _is_documented_refusal(error: BaseException, published: object) -> bool:
    expected = ValueError if isinstance(published, str) else TypeError
    return isinstance(error, expected) and str(error).startswith("[E")


def run_one(text: str, published: object, expectation: str) -> None:
    nlp = default_pipeline()
    try:
        # exactly what eventx.extract does (test_extract_is_the_default_pipeline), keeping the
        # Document so its date and figure spans can be checked too
        doc = nlp(text, published=published)
        result = doc.to_result()
    except (TypeError, ValueError) as error:
        if expectation != "accept" and _is_documented_refusal(error, published):
            return
        raise
    assert expectation != "refuse", f"published={published!r} was accepted as {doc.published!r}"
    if expectation == "accept":
        assert result.published == _expected_published(published)
    assert_exact_offsets(text, doc, result)
    json.loads(result.model_dump_json())


@pytest.fixture(scope="module")
def warm_pipeline() -> None:
    """Load the lazy models once, outside the per-input deadline."""
    default_pipeline()("تهيئة قتل 3 جنود أمس", published="2025-04-28")


@settings(
    max_examples=EXAMPLES,
    deadline=dt.timedelta(seconds=10),
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=texts(), published=published_values)
def test_extract_survives_random_input(warm_pipeline: None, text: str, published: tuple[object, str]) -> None:
    run_one(text, *published)


# Known failures, one line each, so a regression names its input without shrinking.
@pytest.mark.parametrize(
    ("text", "published", "expectation"),
    [
        ("قتل 3 جنود أمس", "0001-01-01", "accept"),
        ("قتل 3 جنود أمس", dt.date.min, "accept"),
        ("قصف على حلب العام الماضي", "0001-06-15", "accept"),
        ("قصف على حلب الأسبوع الماضي", "0001-01-03", "accept"),
        ("انسحاب القوات غداً", "9999-12-31", "accept"),
        ("انسحاب القوات العام المقبل", dt.date.max, "accept"),
        ("انسحاب القوات الشهر المقبل", dt.datetime.max, "accept"),
        ("انسحاب القوات الأسبوع المقبل", "9999-12-28", "accept"),
        ("قتل جندي", "2025-04-28garbage", "refuse"),
        ("قتل جندي", "2025-04-28T10:00:00Z", "accept"),
        ("قتل " + "1" * 2000 + " جندي", "2025-04-28", "accept"),
    ],
)
def test_edge_inputs(warm_pipeline: None, text: str, published: object, expectation: str) -> None:
    run_one(text, published, expectation)


def test_extract_is_the_default_pipeline(warm_pipeline: None) -> None:
    for text in load_sentences()[:5]:
        expected = default_pipeline()(text, published="2025-04-28").to_result()
        assert eventx.extract(text, published="2025-04-28") == expected
