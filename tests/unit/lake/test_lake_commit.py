"""One batch = one Delta commit, all rows or none, exactly once."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pytest
from deltalake import DeltaTable

from headwater import lake
from headwater.errors import HeadwaterError, InvalidField

Rows = Callable[..., Iterator[pa.RecordBatch]]


def data_files(uri: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(uri):
        dirs[:] = [one for one in dirs if one != "_delta_log"]
        found += [os.path.join(root, one) for one in files if one.endswith(".parquet")]
    return found


def test_two_batches_make_two_versions(uri: str, schema: pa.Schema, rows: Rows) -> None:
    first = lake.commit_batch(uri, schema, rows(25), batch_id="batch-a")
    second = lake.commit_batch(uri, schema, rows(7), batch_id="batch-b")

    assert (first.version, first.rows, first.existing) == (1, 25, False)
    assert (second.version, second.rows) == (2, 7)
    assert first.files >= 1
    assert first.bytes > 0
    table = DeltaTable(uri)
    assert table.version() == 2
    history = {entry["version"]: entry for entry in table.history()}
    assert history[1]["headwater.batchId"] == "batch-a"
    assert history[2]["headwater.batchId"] == "batch-b"
    data = table.to_pyarrow_dataset().to_table()
    assert data.num_rows == 32
    per_batch = data.group_by("_hw_batch_id").aggregate([("_id", "count")]).to_pylist()
    assert {one["_hw_batch_id"]: one["_id_count"] for one in per_batch} == {
        "batch-a": 25,
        "batch-b": 7,
    }
    assert set(data["_hw_source_file"].to_pylist()) == {"in.json"}
    batch_b = data.filter(pc.equal(data["_hw_batch_id"], "batch-b"))
    assert sorted(batch_b["_hw_row_number"].to_pylist()) == list(range(7))


def test_table_schema_appends_system_columns(
    uri: str, schema: pa.Schema, xdm_schema: pa.Schema, rows: Rows
) -> None:
    assert schema.names[-3:] == ["_hw_batch_id", "_hw_source_file", "_hw_row_number"]
    assert [one.name for one in lake.SYSTEM_FIELDS] == schema.names[-3:]
    lake.commit_batch(uri, schema, rows(1), batch_id="b")
    stored = DeltaTable(uri).to_pyarrow_dataset().schema
    assert stored.field("person").type.equals(xdm_schema.field("person").type)
    assert stored.field("_repo").type.field("createDate").type == pa.timestamp("us", tz="UTC")
    assert stored.field("_hw_row_number").type == pa.int64()


def test_system_column_names_cannot_be_xdm_fields() -> None:
    with pytest.raises(lake.SchemaConflict):
        lake.table_schema(pa.schema([("_hw_batch_id", pa.string())]))


def test_same_batch_id_commits_once(uri: str, schema: pa.Schema, rows: Rows) -> None:
    first = lake.commit_batch(uri, schema, rows(5), batch_id="again")
    consumed = []

    def watched() -> object:
        for batch in rows(5):
            consumed.append(batch)
            yield batch

    second = lake.commit_batch(uri, schema, watched(), batch_id="again")

    assert second.existing
    assert not first.existing
    assert (second.version, second.rows, second.files, second.bytes) == (
        first.version,
        first.rows,
        first.files,
        first.bytes,
    )
    assert consumed == []  # the source is not even read
    assert DeltaTable(uri).version() == 1
    assert DeltaTable(uri).to_pyarrow_dataset().count_rows() == 5


def test_find_batch_commit(uri: str, schema: pa.Schema, rows: Rows) -> None:
    lake.commit_batch(uri, schema, rows(3), batch_id="x")
    lake.commit_batch(uri, schema, rows(4), batch_id="y")
    found = lake.find_batch_commit(uri, "x")
    assert found is not None
    assert (found.version, found.rows, found.existing) == (1, 3, True)
    assert lake.find_batch_commit(uri, "nope") is None


def test_find_batch_commit_far_back_in_history(uri: str, schema: pa.Schema, rows: Rows) -> None:
    for i in range(12):  # more than the first history page
        lake.commit_batch(uri, schema, rows(1), batch_id=f"b{i}")
    found = lake.find_batch_commit(uri, "b0")
    assert found is not None
    assert found.version == 1


def test_failing_source_commits_nothing(uri: str, schema: pa.Schema, rows: Rows) -> None:
    lake.commit_batch(uri, schema, rows(10), batch_id="good")

    with pytest.raises(RuntimeError, match="the source broke"):
        lake.commit_batch(uri, schema, rows(100, fail_after=50), batch_id="bad")

    table = DeltaTable(uri)
    assert table.version() == 1
    assert table.to_pyarrow_dataset().count_rows() == 10
    assert lake.find_batch_commit(uri, "bad") is None
    assert lake.batch_files(uri, "bad") == []
    # a later attempt with the same id writes normally
    retried = lake.commit_batch(uri, schema, rows(100), batch_id="bad")
    assert (retried.version, retried.rows, retried.existing) == (2, 100, False)


def test_failing_source_after_files_were_written_leaves_no_files(
    uri: str, schema: pa.Schema, rows: Rows
) -> None:
    lake.ensure_table(uri, schema)
    with pytest.raises(RuntimeError):
        lake.commit_batch(
            uri,
            schema,
            rows(60_000, per_batch=5_000, fail_after=40_000),
            batch_id="big",
            target_file_size=64 * 1024,  # flush files before the failure
        )
    assert DeltaTable(uri).version() == 0
    assert DeltaTable(uri).to_pyarrow_dataset().count_rows() == 0
    # Files the failed write flushed stay on disk unreferenced: no reader sees them.
    assert lake.table_files(uri) == []


def test_source_may_be_a_record_batch_reader(uri: str, schema: pa.Schema, rows: Rows) -> None:
    reader = pa.RecordBatchReader.from_batches(schema, rows(30))
    assert lake.commit_batch(uri, schema, reader, batch_id="r").rows == 30


def test_batches_are_fitted_by_column_name(uri: str, schema: pa.Schema) -> None:
    partial = pa.table({"score": pa.array([1, 2], pa.int32()), "_id": ["a", "b"]})
    result = lake.commit_batch(uri, schema, partial.to_batches(), batch_id="fit")
    assert result.rows == 2
    data = DeltaTable(uri).to_pyarrow_dataset().to_table()
    assert data["score"].type == pa.float64()
    assert data["person"].null_count == 2
    assert set(data["_hw_batch_id"].to_pylist()) == {"fit"}


def test_unknown_columns_are_refused(uri: str, schema: pa.Schema) -> None:
    stray = pa.table({"_id": ["a"], "stray": [1]})
    with pytest.raises(lake.SchemaConflict, match="stray"):
        lake.commit_batch(uri, schema, stray.to_batches(), batch_id="s")
    assert DeltaTable(uri).version() == 0


def test_uncastable_columns_are_refused(uri: str, schema: pa.Schema) -> None:
    bad = pa.table({"score": ["not a number"]})
    with pytest.raises(lake.SchemaConflict, match="score"):
        lake.commit_batch(uri, schema, bad.to_batches(), batch_id="s")


def test_new_xdm_fields_are_added_to_the_table(
    uri: str, schema: pa.Schema, xdm_schema: pa.Schema, rows: Rows
) -> None:
    lake.commit_batch(uri, schema, rows(2), batch_id="v1")
    wider = lake.table_schema(xdm_schema.append(pa.field("loyalty", pa.int64())))
    batch = pa.table({"_id": ["new"], "loyalty": [7]}).to_batches()
    lake.commit_batch(uri, wider, batch, batch_id="v2")
    data = DeltaTable(uri).to_pyarrow_dataset().to_table()
    assert data.num_rows == 3
    assert sorted(data["loyalty"].to_pylist(), key=str) == [7, None, None]


def test_empty_batch_id_is_refused(uri: str, schema: pa.Schema, rows: Rows) -> None:
    with pytest.raises(InvalidField):
        lake.commit_batch(uri, schema, rows(1), batch_id="")


def test_empty_source_still_makes_one_commit(uri: str, schema: pa.Schema, rows: Rows) -> None:
    result = lake.commit_batch(uri, schema, rows(0), batch_id="empty")
    assert (result.rows, result.files) == (0, 0)
    assert lake.commit_batch(uri, schema, rows(3), batch_id="empty").existing


def test_ensure_table_is_idempotent(uri: str, schema: pa.Schema) -> None:
    lake.ensure_table(uri, schema)
    lake.ensure_table(uri, schema)
    table = DeltaTable(uri)
    assert table.version() == 0
    assert table.metadata().partition_columns == ["_hw_batch_id"]


def test_concurrent_creators_make_one_table(tmp_path: Path, schema: pa.Schema) -> None:
    for attempt in range(5):
        uri = str(tmp_path / f"t{attempt}")
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lake.ensure_table, [uri] * 8, [schema] * 8))
        table = DeltaTable(uri)
        assert table.version() == 0
        assert [entry["operation"] for entry in table.history()] == ["CREATE TABLE"]


def test_concurrent_batches_each_commit_once(uri: str, schema: pa.Schema, rows: Rows) -> None:
    lake.ensure_table(uri, schema)
    with ThreadPoolExecutor(4) as pool:
        results = list(
            pool.map(lambda i: lake.commit_batch(uri, schema, rows(5), batch_id=f"c{i}"), range(4))
        )
    assert sorted(one.version or 0 for one in results) == [1, 2, 3, 4]
    assert DeltaTable(uri).to_pyarrow_dataset().count_rows() == 20


def test_ensure_table_needs_system_columns(uri: str, xdm_schema: pa.Schema) -> None:
    with pytest.raises(lake.SchemaConflict):
        lake.ensure_table(uri, xdm_schema)


def test_unreachable_storage_is_transient(schema: pa.Schema, rows: Rows) -> None:
    options = {
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        "AWS_ALLOW_HTTP": "true",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_REGION": "us-east-1",
        "max_retries": "0",
    }
    with pytest.raises(lake.LakeUnavailable) as caught:
        lake.commit_batch(
            "s3://bucket/prefix/ds", schema, rows(1), batch_id="b", storage_options=options
        )
    assert caught.value.transient
    assert isinstance(caught.value, HeadwaterError)


def test_missing_table_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(lake.TableNotFound):
        lake.find_batch_commit(str(tmp_path / "nothing"), "b")
