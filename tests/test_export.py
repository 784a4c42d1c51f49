"""eventx.export: tables (pandas / Arrow / Parquet / CSV), ACLED-style CSV, PLOVER-style JSON lines,
on real pipeline output (dev documents and the example article)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

import eventx
from eventx.export import (
    ACLED_COLUMNS,
    ACLED_TYPES,
    FORMATS,
    PLOVER_TYPES,
    columns,
    to_arrow,
    to_dataframe,
    write,
    write_acled,
    write_csv,
    write_parquet,
    write_plover,
)
from eventx.export._common import figure, period_date
from eventx.records import DocumentResult

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).parents[1]
SIX_TYPES = {"ATTACK", "CASUALTY", "DEPLOYMENT", "TERRITORIAL_CONTROL", "TREATY", "WITHDRAWAL"}

EVENT_COLUMNS = [
    "doc_id", "published", "event_id", "type", "realis", "trigger_text", "trigger_start", "trigger_end",
    "sentence_index", "date_text", "date_value", "date_granularity", "date_mod", "actor_text", "actor_id",
    "target_text", "target_id", "place_text", "place_id", "killed", "injured", "captured", "missing", "size",
    "munitions", "stage", "extent", "attribution_text", "attribution_id", "confidence", "rule",
]
ARGUMENT_COLUMNS = ["doc_id", "event_id", "type", "role", "text", "start", "end", "kind", "canonical", "id"]
ENTITY_COLUMNS = ["doc_id", "text", "start", "end", "kind", "canonical", "id"]


@pytest.fixture(scope="module")
def results(request: pytest.FixtureRequest) -> list[DocumentResult]:
    """The example article and (when ../shared is present) eight dev documents."""
    nlp = eventx.Pipeline(ner="gazetteer")
    text = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
    found = [nlp(text, published="2025-04-29", doc_id="article").to_result()]
    dev = ROOT.parent / "shared" / "corpus" / "dev" / "docs.jsonl"
    if dev.is_file():
        lines = dev.read_text(encoding="utf-8").splitlines()[:8]
        for doc in map(json.loads, lines):
            found.append(nlp(doc["text"], published=doc.get("published"), doc_id=doc["id"]).to_result())
    assert sum(len(r.events) for r in found) > 20
    return found


def _events(results: list[DocumentResult]) -> list[Any]:
    return [e for r in results for e in r.events]


def test_columns_are_stable() -> None:
    assert columns("events") == EVENT_COLUMNS
    assert columns("arguments") == ARGUMENT_COLUMNS
    assert columns("entities") == ENTITY_COLUMNS
    assert list(ACLED_COLUMNS) == [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "civilian_targeting", "iso", "country", "admin1",
        "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "timestamp",
    ]
    assert FORMATS == ("csv", "parquet", "acled", "plover")


def test_row_counts_equal_the_records(results: list[DocumentResult]) -> None:
    events = to_dataframe(results)
    assert list(events.columns) == EVENT_COLUMNS
    assert len(events) == len(_events(results))
    assert list(events["event_id"]) == [e.id for e in _events(results)]
    arguments = to_dataframe(results, table="arguments")
    assert list(arguments.columns) == ARGUMENT_COLUMNS
    assert len(arguments) == sum(len(ms) for e in _events(results) for ms in e.arguments.values())
    entities = eventx.to_dataframe(results, table="entities")
    assert list(entities.columns) == ENTITY_COLUMNS
    assert len(entities) == sum(len(r.entities) for r in results)


def test_event_row_values(results: list[DocumentResult]) -> None:
    events = to_dataframe(results).set_index("event_id")
    for result in results:
        for event in result.events:
            row = events.loc[event.id]
            assert row["doc_id"] == result.doc_id and row["type"] == event.type
            assert row["trigger_start"] == event.trigger.start and row["trigger_text"] == event.trigger.text
            killed = figure(event.quantities.get("killed"))
            assert (pd.isna(row["killed"]) if killed is None else row["killed"] == killed)
            roles = {**{r: "actor" for r in ("attacker", "perpetrator", "gainer", "agent", "parties", "force")},
                     **{r: "target" for r in ("target", "victim", "loser")},
                     **{r: "place" for r in ("place", "territory", "destination", "origin")}}
            for role, mentions in event.arguments.items():
                if role in roles:
                    cell = row[f"{roles[role]}_text"]
                    assert all(m.text in cell.split(" | ") for m in mentions)
    article = events[events["doc_id"] == "article"]
    casualty = article[(article["type"] == "CASUALTY") & article["killed"].notna()]
    assert 300 in set(casualty["killed"])


def test_empty_input_gives_the_columns() -> None:
    for table, names in (("events", EVENT_COLUMNS), ("arguments", ARGUMENT_COLUMNS), ("entities", ENTITY_COLUMNS)):
        frame = to_dataframe([], table=table)
        assert list(frame.columns) == names and len(frame) == 0
        assert to_arrow([], table=table).schema.names == names
    assert str(to_dataframe([])["killed"].dtype) == "Int64"


def test_single_result_document_and_dict_are_accepted(results: list[DocumentResult]) -> None:
    one = results[0]
    assert len(to_dataframe(one)) == len(one.events)
    assert len(to_dataframe(one.model_dump(mode="json"))) == len(one.events)
    doc = eventx.Pipeline(ner="gazetteer")("قتل 3 جنود في قصف على مدينة خاركيف", published="2024-05-01")
    assert len(to_dataframe([doc])) == len(doc.events) > 0
    with pytest.raises(TypeError, match="E743"):
        to_dataframe([42])
    with pytest.raises(ValueError, match="E741"):
        to_dataframe([], table="mentions")


def test_parquet_round_trip(results: list[DocumentResult], tmp_path: Path) -> None:
    for table in ("events", "arguments", "entities"):
        path = tmp_path / f"{table}.parquet"
        assert write_parquet(results, path, table=table) == len(to_dataframe(results, table=table))
        arrow = pq.read_table(path)
        assert arrow.equals(to_arrow(results, table=table))
        back = pd.read_parquet(path, dtype_backend="numpy_nullable")
        pd.testing.assert_frame_equal(back, to_dataframe(results, table=table), check_dtype=False)
    buffer = io.BytesIO()
    write(results, "parquet", buffer)
    assert pq.read_table(io.BytesIO(buffer.getvalue())).num_rows == len(_events(results))


def test_csv_round_trip(results: list[DocumentResult], tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    assert write_csv(results, path) == len(_events(results))
    back = pd.read_csv(path, dtype={"doc_id": str, "event_id": str})
    frame = to_dataframe(results)
    assert list(back.columns) == EVENT_COLUMNS
    for key in ("doc_id", "event_id", "type", "trigger_text", "trigger_start", "trigger_end", "rule"):
        assert list(back[key]) == list(frame[key]), key
    assert list(back["killed"].fillna(-1).astype(int)) == list(frame["killed"].fillna(-1))
    text = io.StringIO()
    write(results, "csv", text, table="arguments")
    assert len(text.getvalue().splitlines()) == 1 + len(to_dataframe(results, table="arguments"))


def test_acled_csv(results: list[DocumentResult], tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    assert write_acled(results, path, timestamp=1700000000) == len(_events(results))
    back = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(back.columns) == list(ACLED_COLUMNS)
    events = _events(results)
    assert len(back) == len(events)
    assert list(back["event_id_cnty"]) == [e.id for e in events]
    published = {e.id: r.published for r in results for e in r.events}
    for event, row in zip(events, back.to_dict("records"), strict=True):
        killed = figure(event.quantities.get("killed"))
        assert int(row["fatalities"]) == (killed or 0)
        assert (row["event_type"], row["sub_event_type"]) in ACLED_TYPES[event.type]
        if event.date and event.date.granularity == "day" and event.date.value:
            assert row["event_date"] == event.date.value and row["time_precision"] == "1"
        elif not event.date or not event.date.value:
            assert row["event_date"] == (published[event.id] or "")
        if row["country"]:
            assert row["iso"].isdigit()
        assert row["timestamp"] == "1700000000" and row["source"] == next(
            r.doc_id for r in results if any(e.id == event.id for e in r.events))
    located = back[back["latitude"] != ""]
    assert len(located) > 0 and set(located["geo_precision"]) == {"1"}
    russia = back[back["country"] == "Russia"]
    assert set(russia["iso"]) <= {"643"}
    actual = io.StringIO()
    assert write_acled(results, actual, actual_only=True) == sum(e.realis == "actual" for e in events)


def test_plover_jsonl(results: list[DocumentResult], tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    assert write_plover(results, path) == len(_events(results))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    events = _events(results)
    assert [r["id"] for r in records] == [e.id for e in events]
    for record, event in zip(records, events, strict=True):
        assert record["counts"]["dead"] == figure(event.quantities.get("killed"))
        assert record["counts"]["injured"] == figure(event.quantities.get("injured"))
        assert (record["event"], record["mode"]) in PLOVER_TYPES[event.type]
        assert all(a["code"] is None or len(a["code"]) == 3 for a in record["actor"] + record["recipient"])
        if event.realis == "planned":
            assert "future" in record["context"]
    assert any(r["location"] and r["location"]["latitude"] is not None for r in records)


def test_write_dispatches_every_format(results: list[DocumentResult], tmp_path: Path) -> None:
    for fmt in FORMATS:
        assert write(results[:1], fmt, tmp_path / f"out.{fmt}") == len(results[0].events)
    binary = io.BytesIO()
    write(results[:1], "plover", binary)
    assert len(binary.getvalue().decode("utf-8").splitlines()) == len(results[0].events)
    with pytest.raises(ValueError, match="E742"):
        write(results, "xlsx", tmp_path / "x")
    with pytest.raises(TypeError, match="E744"):
        write(results, "parquet", io.StringIO())


def test_mapping_tables_cover_the_six_types() -> None:
    assert set(ACLED_TYPES) == SIX_TYPES
    assert set(PLOVER_TYPES) == SIX_TYPES
    acled_event_types = {"Battles", "Explosions/Remote violence", "Violence against civilians",
                         "Strategic developments"}
    assert {t for pairs in ACLED_TYPES.values() for t, _ in pairs} <= acled_event_types
    plover = {"AGREE", "SUPPORT", "RETREAT", "MOBILIZE", "ASSAULT"}
    assert {c for pairs in PLOVER_TYPES.values() for c, _ in pairs} <= plover


def test_acled_types_by_instrument_and_actor() -> None:
    from eventx.export.acled import acled_types
    from eventx.export.plover import plover_category

    def event(kind: str, trigger: str, **arguments: list[dict[str, Any]]) -> Any:
        from eventx.records import Event

        return Event.model_validate({
            "id": "d:e1", "type": kind, "trigger": {"text": trigger, "start": 0, "end": len(trigger)},
            "sentence": {"index": 0, "start": 0, "end": 50}, "rule": "test",
            "arguments": {role: [{"start": 0, "end": 1, "kind": "ORG", **m} for m in ms]
                          for role, ms in arguments.items()},
        })

    assert acled_types(event("ATTACK", "غارة")) == ("Explosions/Remote violence", "Air/drone strike")
    assert acled_types(event("ATTACK", "هجوم", instrument=[{"text": "طائرات مسيّرة", "kind": "WEAPON"}])) == (
        "Explosions/Remote violence", "Air/drone strike")
    assert acled_types(event("ATTACK", "قصف")) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert acled_types(event("ATTACK", "تفجير")) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert acled_types(event("ATTACK", "اشتباكات")) == ("Battles", "Armed clash")
    assert acled_types(event("ATTACK", "هجوم", target=[{"text": "المدنيين"}])) == (
        "Violence against civilians", "Attack")
    assert acled_types(event("TERRITORIAL_CONTROL", "سيطرت", gainer=[{"text": "هيئة تحرير الشام"}])) == (
        "Battles", "Non-state actor overtakes territory")
    assert acled_types(event("TERRITORIAL_CONTROL", "استعادت", gainer=[{"text": "الجيش", "id": "SYR"}])) == (
        "Battles", "Government regains territory")
    assert acled_types(event("TREATY", "اتفاق")) == ("Strategic developments", "Agreement")
    assert acled_types(event("WITHDRAWAL", "انسحاب", origin=[{"text": "خيرسون", "kind": "GPE"}])) == (
        "Strategic developments", "Non-violent transfer of territory")
    assert plover_category(event("ATTACK", "قصف")) == ("ASSAULT", "heavy-weapons")
    assert plover_category(event("DEPLOYMENT", "إرسال")) == ("MOBILIZE", "troops")
    assert plover_category(event("WITHDRAWAL", "انسحاب")) == ("RETREAT", "withdraw")
    assert plover_category(event("TREATY", "اتفاق")) == ("AGREE", None)


def test_period_dates() -> None:
    assert period_date("2025-04-26") == (__import__("datetime").date(2025, 4, 26), 1)
    assert period_date("2025-W05")[1] == 2 and period_date("2025-W05")[0].isoweekday() == 4
    assert str(period_date("2025-01")[0]) == "2025-01-15" and period_date("2025-01")[1] == 3
    assert str(period_date("2024-FA")[0]) == "2024-10-15"
    assert str(period_date("2024-WI")[0]) == "2025-01-15"
    assert str(period_date("2024")[0]) == "2024-07-01"
    assert period_date(None) == (None, None) and period_date("2025-13") == (None, None)


def test_missing_dependency_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` raise ImportError
    with pytest.raises(ImportError, match=r"E740.*pip install 'eventx\[tables\]'"):
        to_dataframe([])


def test_docs_example_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import re

    page = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.S)
    assert blocks
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "docs_example"}
    for block in blocks:
        exec(compile(block, "docs/exports.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert "['acled.csv', 'events.csv', 'events.jsonl', 'events.parquet']" in out
