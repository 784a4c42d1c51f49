"""eventx.dask on a real local Dask cluster: two worker processes, results equal to serial runs,
one pipeline per worker process (not per partition), per-document errors reported."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("dask.distributed")
pd = pytest.importorskip("pandas")

import dask  # noqa: E402 - after the skips
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from dask.distributed import Client, LocalCluster  # noqa: E402

import eventx  # noqa: E402
import eventx.dask as edask  # noqa: E402
from eventx.errors import ConfigurationError  # noqa: E402
from eventx.records import DocumentResult  # noqa: E402


def test_the_module_reaches_the_real_dask_library() -> None:
    # eventx/dask.py must not shadow the top-level dask library for its own imports.
    assert dask.__name__ == "dask" and hasattr(dask, "compute")
    assert edask.__name__ == "eventx.dask"
    assert "eventx" not in dask.__file__.replace("\\", "/").split("/site-packages/")[-1]


@pytest.fixture(scope="module")
def client() -> Any:
    # The workers inherit os.environ, where the conftest set CAMELTOOLS_DATA.
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


@pytest.fixture(scope="module")
def serial_events(dev_docs: list[dict[str, Any]]) -> Any:
    results = [eventx.extract(d["text"], published=d["published"], doc_id=d["id"]) for d in dev_docs]
    return eventx.to_dataframe(results)


def _sorted(frame: Any) -> Any:
    return frame.sort_values(["doc_id", "event_id"]).reset_index(drop=True)


def test_extract_dataframe_on_the_cluster_equals_the_serial_table(
    client: Any, dev_docs: list[dict[str, Any]], serial_events: Any
) -> None:
    ddf = dd.from_pandas(pd.DataFrame(dev_docs), npartitions=4)
    events = edask.extract_dataframe(ddf)
    meta = eventx.to_dataframe([])
    assert list(events.columns) == list(meta.columns)
    assert events.dtypes.equals(meta.dtypes)  # known before anything runs
    assert events.npartitions == 4
    computed = events.compute()
    assert len(serial_events) > 50
    pd.testing.assert_frame_equal(_sorted(computed), _sorted(serial_events))


def test_the_pipeline_is_built_once_per_worker_not_per_partition(
    client: Any, dev_docs: list[dict[str, Any]]
) -> None:
    ddf = dd.from_pandas(pd.DataFrame(dev_docs[:16]), npartitions=8)
    assert ddf.npartitions >= 6
    events = edask.extract_dataframe(ddf).compute()
    assert set(events["doc_id"]) <= {d["id"] for d in dev_docs[:16]}
    built = client.run(edask.pipelines_built)
    assert len(built) == 2
    # Every test of this module uses the default settings: at most one build per worker
    # process for all the partitions of all the tests, and a build where work was done.
    assert all(n <= 1 for n in built.values()), built
    assert sum(built.values()) >= 1


def test_extract_bag_equals_serial_results_and_reports_a_failing_document(
    client: Any, dev_docs: list[dict[str, Any]]
) -> None:
    items: list[Any] = [dev_docs[0]["text"], {k: dev_docs[1][k] for k in ("text", "id", "published")},
                        {"text": None, "id": "no-text"}, dev_docs[2]["text"]]
    out = edask.extract_bag(db.from_sequence(items, npartitions=3)).compute()
    assert len(out) == 4
    expected = [eventx.extract(dev_docs[0]["text"]),
                eventx.extract(dev_docs[1]["text"], published=dev_docs[1]["published"], doc_id=dev_docs[1]["id"]),
                None,
                eventx.extract(dev_docs[2]["text"])]
    for got, want in zip(out, expected, strict=True):
        if want is not None:
            assert got == want.model_dump(mode="json")
            DocumentResult.model_validate(got)
    failed = out[2]
    assert failed["doc_id"] == "no-text" and failed["events"] == []
    assert any("[E718]" in w and "[E101]" in w for w in failed["warnings"])


def test_a_failing_row_leaves_the_rest_of_its_partition(client: Any, dev_docs: list[dict[str, Any]]) -> None:
    frame = pd.DataFrame({"body": [dev_docs[0]["text"], None, dev_docs[1]["text"]],
                          "key": ["a", "b", "c"], "date": ["2025-04-29", "2025-04-29", "not a date"]})
    events = edask.extract_dataframe(dd.from_pandas(frame, npartitions=1), text="body", id="key",
                                     published="date").compute()
    assert set(events["doc_id"]) == {"a"}  # b has no text, c a bad date: reported, no rows
    assert (events["published"] == "2025-04-29").all()


def test_arguments_are_checked_on_the_client() -> None:
    frame = dd.from_pandas(pd.DataFrame({"text": ["قتل 3 جنود"]}), npartitions=1)
    with pytest.raises(KeyError, match=r"\[E752\].*'body'"):
        edask.extract_dataframe(frame, text="body")
    with pytest.raises(KeyError, match=r"\[E752\].*'pub'"):
        edask.extract_dataframe(frame, published="pub")
    assert list(edask.extract_dataframe(frame).columns) == list(eventx.to_dataframe([]).columns)  # no id/published
    with pytest.raises(TypeError, match=r"\[E751\]"):
        edask.extract_bag(db.from_sequence(["x"]), pipeline_config=["ner"])  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match=r"\[E003\]"):
        edask.extract_dataframe(frame, morph="farasa")


def test_pipeline_keys_are_equal_for_equal_settings_after_pickling() -> None:
    import pickle
    from pathlib import Path

    from eventx.normalize.gazetteer import default_gazetteer

    settings = {"ner": "gazetteer", "rule_packs": ["builtin", Path("examples/protest_pack")],
                "config": {"events": {"rule_packs": ("builtin",)}}, "gazetteer": default_gazetteer()}
    key = edask.pipeline_key(settings)
    hash(key)
    assert pickle.loads(pickle.dumps(key)) == key == edask.pipeline_key(dict(settings))
    thawed = edask._thaw(key)
    assert thawed["rule_packs"] == ["builtin", Path("examples/protest_pack")]
    assert thawed["config"] == {"events": {"rule_packs": ("builtin",)}}
    assert edask.pipeline_key(None) == edask.pipeline_key({}) != key
