"""The notebook views of eventx.display on the bundled article: structure, escaping, the corpus
table, and (marked ``browser``) a real headless Chromium rendering of the page."""

from __future__ import annotations

import re
import struct
import subprocess
import tempfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from eventx.display import Corpus, render_corpus_html, render_html
from eventx.doc import Document
from eventx.pipeline import Pipeline
from eventx.records import DocumentResult, Event, Mention, Quantity, SentenceRef, TimeValue, Trigger

ARTICLE = (Path(__file__).parents[1] / "examples" / "article.txt").read_text(encoding="utf-8")
CHROMIUM = Path("/usr/bin/chromium")
VOID = {"br", "hr", "img", "meta", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self, skip: frozenset[str] = frozenset()) -> str:
        out = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif child.tag == "br":
                out.append("\n")
            elif child.tag not in skip:
                out.append(child.text(skip))
        return "".join(out)

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if (tag is None or child.tag == tag) and (cls is None or cls in child.attrs.get("class", "").split()):
                    found.append(child)
                found += child.find_all(tag, cls)
        return found


class _TreeBuilder(HTMLParser):
    """A strict tree: every element closed, in order (so the view's tags are well nested)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(ner="gazetteer")


@pytest.fixture(scope="module")
def doc(nlp: Pipeline) -> Document:
    document = nlp(ARTICLE, published="2025-04-29", doc_id="article")
    assert len(document.events) >= 10  # the article is the real thing
    return document


def assert_self_contained(html: str) -> None:
    lowered = html.lower()
    for forbidden in ("<script", "<link", "<iframe", "<img", "src=", "href=", "url(", "@import", "http:", "https:"):
        assert forbidden not in lowered, forbidden


def test_document_view_marks_every_trigger_entity_date_and_figure(doc: Document) -> None:
    html = render_html(doc)
    assert html.startswith('<div dir="rtl"')
    assert doc._repr_html_() == html
    assert_self_contained(html)
    tree = parse(html)
    (text_block,) = tree.find_all("div", "ex-text")
    marks = text_block.find_all("mark", "ex-trigger")
    # Each trigger is one <mark> (a crossing span may split it; here none does), in text order,
    # holding the trigger text, numbered and typed like the table rows.
    assert [m.text(skip=frozenset({"sup"})) for m in marks] == [e.trigger.text for e in doc.events]
    for number, (mark, event) in enumerate(zip(marks, doc.events, strict=True), 1):
        assert mark.attrs["data-type"] == event.type
        assert mark.find_all("sup")[-1].text() == f"#{number} {event.type}"
        title = mark.attrs["title"]
        assert title.startswith(f"#{number} {event.type} ({event.realis})")
        for role, mentions in event.arguments.items():  # arguments are on the trigger's tooltip
            assert f"{role}: " in title and all(m.text in title for m in mentions)
    entity_titles = Counter(n.attrs["title"].split("\n")[0] for n in text_block.find_all("span", "ex-ent"))
    assert entity_titles["GPE RUS"] >= 2 and entity_titles["GPE PRK"] == 1 and entity_titles["FORCE UKR"] >= 2
    dates = text_block.find_all("span", "ex-date")
    assert [d.text(skip=frozenset({"sup"})) for d in dates] == [ARTICLE[d.start : d.end] for d in doc.dates]
    assert [d.find_all("sup")[-1].text() for d in dates] == [
        "2025-04-29",
        "2024-FA",
        "2024-06",
        "2024-11",
        "2025-04-28",
    ]
    figures = text_block.find_all("span", "ex-figure")
    # "نحو 300 جندي" crosses the entity "جندي أوكراني": the figure is split, both stay marked.
    assert "".join(f.text(skip=frozenset({"sup"})) for f in figures).count("نحو 300 ") == 1
    assert {f.find_all("sup")[-1].text() for f in figures if f.find_all("sup")} == {"≈300", "≈700", "10,000–12,000"}
    # Marking never changes the text: without the labels it is the article, line breaks included.
    assert text_block.text(skip=frozenset({"sup"})) == ARTICLE


def test_document_view_lists_every_event_with_its_arguments(doc: Document) -> None:
    tree = parse(render_html(doc))
    (table,) = tree.find_all("table", "ex-events")
    rows = table.find_all("tr", "ex-event")
    assert len(rows) == len(doc.events)
    for row, event in zip(rows, doc.events, strict=True):
        cells = [c.text() for c in row.find_all("td")]
        _number, type_, trigger, arguments, figures, date, realis, attribution = cells
        assert type_.startswith(event.type) and trigger == event.trigger.text and realis == event.realis
        assert len(row.find_all("div", "ex-arg")) == len(event.arguments)
        for role, mentions in event.arguments.items():
            assert role in arguments and all(m.text in arguments for m in mentions)
        for role, quantity in event.quantities.items():
            assert role in figures and quantity.text in figures
        assert (event.date.value in date and event.date.text in date) if event.date else date == ""
        assert (event.attribution.text in attribution) if event.attribution else attribution == ""
    casualty = next(r for r, e in zip(rows, doc.events, strict=True) if e.type == "CASUALTY")
    assert "killed: ≈300" in casualty.text() and "injured: ≈700" in casualty.text()
    deployment = next(r for r, e in zip(rows, doc.events, strict=True) if e.trigger.text == "أرسلت")
    assert "10,000–12,000" in deployment.text() and "2024-FA" in deployment.text()


def test_result_view_is_the_table_and_takes_the_text_when_given(doc: Document) -> None:
    result = doc.to_result()
    table_only = render_html(result)
    assert result._repr_html_() == table_only and table_only.startswith('<div dir="rtl"')
    tree = parse(table_only)
    assert tree.find_all("div", "ex-text") == [] and tree.find_all("mark") == []
    assert len(tree.find_all("tr", "ex-event")) == len(result.events)
    assert "article" in table_only and "2025-04-29" in table_only

    with_text = parse(render_html(result, text=ARTICLE))
    (text_block,) = with_text.find_all("div", "ex-text")
    assert [m.text(skip=frozenset({"sup"})) for m in text_block.find_all("mark")] == [
        e.trigger.text for e in result.events
    ]
    # The result only knows the text of its events' dates and figures; they are found in the sentence.
    event_dates = {e.date.value for e in result.events if e.date}
    assert {d.find_all("sup")[-1].text() for d in text_block.find_all("span", "ex-date")} == event_dates
    assert text_block.text(skip=frozenset({"sup"})) == ARTICLE


def test_result_with_a_text_that_does_not_match_marks_nothing_and_says_so(doc: Document) -> None:
    html = render_html(doc.to_result(), text="نص آخر تماما")
    tree = parse(html)
    assert tree.find_all("mark") == [] and "do not match the given text" in html


def test_everything_is_escaped(nlp: Pipeline) -> None:
    text = 'أرسلت كوريا الشمالية قوات إلى روسيا <b>عاجل</b> & "قوات" <script>x</script>.'
    doc = nlp(text, published="2025-04-28", doc_id="<i>id</i>")
    html = render_html(doc)
    assert "<b>" not in html and "<script>" not in html and "<i>" not in html
    assert "&lt;b&gt;عاجل&lt;/b&gt; &amp; &quot;" in html and "&lt;i&gt;id&lt;/i&gt;" in html
    tree = parse(html)
    roles = {role for event in doc.events for role in event.arguments}
    assert roles and {s.text() for s in tree.find_all("strong")} <= {"<i>id</i>", *roles}  # nothing bold from the input
    (text_block,) = tree.find_all("div", "ex-text")
    assert text_block.text(skip=frozenset({"sup"})) == text
    assert "أرسلت" in [m.text(skip=frozenset({"sup"})) for m in text_block.find_all("mark")]

    # Every field of a result, attributes included, is escaped too.
    bad = '<b>"x" & y</b>'
    mention = Mention(text=bad, start=0, end=len(bad), kind="ORG", canonical=bad, id=bad)
    event = Event(
        id=bad,
        type="ATTACK",
        rule=bad,
        trigger=Trigger(text=bad, start=0, end=len(bad)),
        sentence=SentenceRef(index=0, start=0, end=len(bad)),
        attribution=mention,
        arguments={bad: [mention]},
        quantities={bad: Quantity(text=bad, value=3, unit=bad)},
        date=TimeValue(text=bad, value=bad),
        attributes={bad: bad},
    )
    result = DocumentResult(doc_id=bad, published=bad, events=[event], entities=[mention], warnings=[bad])
    for html in (render_html(result), render_html(result, text=bad), render_corpus_html([result])):
        assert "<b>" not in html and '"x"' not in html and "& y" not in html
        assert "&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;" in html
        parse(html)


def test_warnings_errors_and_empty_documents_are_shown(nlp: Pipeline) -> None:
    empty = nlp("نص بلا أحداث", doc_id="quiet")
    html = render_html(empty)
    assert "no events" in html and "published" not in html.split("ex-text")[0].split("</b>")[-1]
    failed = next(iter(nlp.pipe([{"id": "bad", "text": None}], on_error="report")))
    assert "error" in failed.meta
    assert "E101" in render_html(failed) and "E101" in render_corpus_html([failed])
    warned = DocumentResult(doc_id="w", warnings=["date out of range"])
    assert "ex-warnings" in render_html(warned) and "date out of range" in render_html(warned)


def test_corpus_view_counts_events_per_type(nlp: Pipeline, doc: Document) -> None:
    other = nlp("أرسلت كوريا الشمالية قوات إلى روسيا.", published="2025-04-28", doc_id="short")
    corpus = Corpus([doc, other.to_result(), nlp("تظاهر الناس أمس.")])
    assert len(corpus) == 3 and next(iter(corpus)) is doc and corpus[0] is doc and corpus[-1].doc_id is None
    assert isinstance(corpus[:2], Corpus) and len(corpus[:2]) == 2 and repr(corpus) == "Corpus(3 documents)"
    html = corpus._repr_html_()
    assert html == render_corpus_html(corpus) == render_corpus_html(iter(corpus))
    assert_self_contained(html)
    tree = parse(html)
    header = [th.text() for th in tree.find_all("th")]
    types = sorted({e.type for e in doc.events} | {"DEPLOYMENT"})
    assert header == ["#", "doc id", "published", *types, "events", "entities", "warnings"]
    rows = [[td.text() for td in tr.find_all("td")] for tr in tree.find_all("tr", "ex-doc")]
    counts = Counter(e.type for e in doc.events)
    assert rows[0] == [
        "0",
        "article",
        "2025-04-29",
        *(str(counts[t]) for t in types),
        str(len(doc.events)),
        str(len(doc.entities)),
        "",
    ]
    assert rows[1][:3] == ["1", "short", "2025-04-28"] and rows[1][3 + types.index("DEPLOYMENT")] == "1"
    assert rows[2][3 + len(types)] == "0" and rows[2][-1] != ""  # no events, and the missing-date warning
    (total,) = tree.find_all("tr", "ex-total")
    assert [td.text() for td in total.find_all("td")][1] == "3 documents"
    assert Corpus()._repr_html_().count("<tr") == 2  # the header and the total row


# --- a real browser -----------------------------------------------------------------------------


def _png_facts(path: Path) -> tuple[int, int, set[bytes]]:
    """Width, height and the distinct pixels of a PNG (8-bit RGB/RGBA, as Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, position = {}, 8
    idat = b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IDAT":
            idat += body
        chunks.setdefault(kind, body)
        position += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and colour_type in (2, 6)
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    # Unfilter rows (PNG filters 0-4) and collect a sample of the distinct pixels.
    previous = bytearray(stride)
    pixels: set[bytes] = set()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 0xFF
        if row % 7 == 0:
            pixels |= {bytes(line[i : i + 3]) for i in range(0, stride, channels * 3)}
        previous = line
    return width, height, pixels


@pytest.mark.browser
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs headless Chromium at /usr/bin/chromium (apt-get install chromium)"
)
def test_the_view_renders_in_a_real_browser(doc: Document, tmp_path: Path) -> None:
    page = tmp_path / "article.html"
    page.write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>eventx</title></head><body>'
        + render_html(doc)
        + render_corpus_html([doc])
        + "</body></html>",
        encoding="utf-8",
    )
    common = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1200,2000",
    ]
    shot = tmp_path / "shot.png"
    subprocess.run([*common, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=True)
    dom = subprocess.run([*common, "--dump-dom", page.as_uri()], capture_output=True, timeout=120, check=True)
    rendered = parse(dom.stdout.decode("utf-8").replace("<!DOCTYPE html>", ""))
    (text_block,) = rendered.find_all("div", "ex-text")
    assert text_block.attrs.get("class") == "ex-text"
    assert [m.text(skip=frozenset({"sup"})) for m in text_block.find_all("mark")] == [
        e.trigger.text for e in doc.events
    ]
    assert rendered.find_all("div", "eventx")[0].attrs["dir"] == "rtl"
    assert len(rendered.find_all("tr", "ex-event")) == len(doc.events)

    assert shot.is_file() and shot.stat().st_size > 10_000
    width, height, pixels = _png_facts(shot)
    assert (width, height) == (1200, 2000)
    assert len(pixels) > 50  # text, highlight colours and borders, not a blank page
    highlight = {bytes.fromhex(c[1:]) for c in ("#ffe08a", "#ffb3a7", "#a8d8ff")}  # DEPLOYMENT, ATTACK, TREATY
    assert highlight <= pixels, "the trigger highlights are painted"


def test_browser_marker_is_registered(pytestconfig: pytest.Config) -> None:
    assert any(line.startswith("browser:") for line in pytestconfig.getini("markers"))


def test_the_docs_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the example's page goes there
    page = Path(__file__).parents[1] / "docs" / "display.md"
    (block,) = re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S)
    monkeypatch.chdir(page.parents[1])
    namespace: dict[str, object] = {"__name__": "docs_example"}
    exec(compile(block, "docs/display.md", "exec"), namespace)
    assert capsys.readouterr().out.splitlines() == ['<div dir="rtl"', "2 Corpus(2 documents)"]
    corpus = namespace["corpus"]
    assert isinstance(corpus, Corpus) and [d.doc_id for d in corpus] == ["a", "b"]
    assert "DEPLOYMENT" in corpus._repr_html_() and namespace["page"].stat().st_size > 10_000
