"""Reading a dataset back: preview, a batch's rows, files and bytes."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from deltalake import DeltaTable

from headwater import lake

Rows = Callable[..., Iterator[pa.RecordBatch]]


@pytest.fixture
def two_batches(uri: str, schema: pa.Schema, rows: Rows) -> str:
    lake.commit_batch(uri, schema, rows(30, per_batch=10), batch_id="first")
    lake.commit_batch(uri, schema, rows(5), batch_id="second", target_file_size=None)
    return uri


def test_preview_gives_nested_json_ready_rows(two_batches: str) -> None:
    rows = lake.preview(two_batches, limit=3)
    assert len(rows) == 3
    json.dumps(rows)  # JSON-ready as is
    one = rows[0]
    assert set(one) == {"_id", "person", "identityMap", "_repo", "score"}  # no system columns
    index = int(one["_id"].removeprefix("id-"))
    assert one["person"] == {
        "name": {"firstName": f"First{index}"},  # null lastName left out
        "birthDate": (dt.date(1990, 1, 1) + dt.timedelta(days=index)).isoformat(),
    }
    assert one["identityMap"] == {"Email": [{"id": f"p{index}@example.com", "primary": True}]}
    assert one["_repo"] == {"createDate": "2024-05-06T07:08:09Z"}


def test_preview_defaults_to_100_rows(uri: str, schema: pa.Schema, rows: Rows) -> None:
    lake.commit_batch(uri, schema, rows(150, per_batch=50), batch_id="b")
    assert len(lake.preview(uri)) == 100


def test_preview_of_an_empty_table(uri: str, schema: pa.Schema) -> None:
    lake.ensure_table(uri, schema)
    assert lake.preview(uri) == []


def test_to_records_renders_values() -> None:
    table = pa.table(
        {
            "f": pa.array([float("nan")]),
            "ts": pa.array([dt.datetime(2024, 1, 2, 3, 4, 5, 600000)], pa.timestamp("us", "UTC")),
            "naive": pa.array([dt.datetime(2024, 1, 2)], pa.timestamp("us")),
            "b": pa.array([b"\x00\x01"]),
            "s": pa.array([None], pa.struct([("x", pa.int32())])),
        }
    )
    assert lake.to_records(table) == [
        {"ts": "2024-01-02T03:04:05.600000Z", "naive": "2024-01-02T00:00:00", "b": "AAE="}
    ]
    assert lake.to_records(table, keep_nulls=True)[0]["s"] is None


def test_batch_rows_reads_only_that_batch(two_batches: str) -> None:
    data = lake.batch_rows(two_batches, "second").read_all()
    assert data.num_rows == 5
    assert set(data["_hw_batch_id"].to_pylist()) == {"second"}
    some = lake.batch_rows(two_batches, "first", columns=["_id", "_hw_row_number"]).read_all()
    assert some.column_names == ["_id", "_hw_row_number"]
    assert sorted(some["_hw_row_number"].to_pylist()) == list(range(30))
    assert lake.batch_rows(two_batches, "unknown").read_all().num_rows == 0


def test_batch_files_lists_exactly_that_batchs_files(
    uri: str, schema: pa.Schema, rows: Rows
) -> None:
    lake.commit_batch(
        uri, schema, rows(20_000, per_batch=2_000), batch_id="many", target_file_size=64 * 1024
    )
    lake.commit_batch(uri, schema, rows(3), batch_id="few")

    many = lake.batch_files(uri, "many")
    few = lake.batch_files(uri, "few")

    assert len(many) > 1
    assert len(few) == 1
    assert sum(one.records for one in many) == 20_000
    assert few[0].records == 3
    adds = pa.table(DeltaTable(uri).get_add_actions(flatten=True)).to_pylist()
    sizes = {one["path"]: one["size_bytes"] for one in adds}
    assert {one.path for one in many} | {one.path for one in few} == set(sizes)
    assert not {one.path for one in many} & {one.path for one in few}
    assert all(sizes[one.path] == one.size for one in [*many, *few])
    for one in [*many, *few]:
        assert (Path(uri) / one.path).stat().st_size == one.size
    assert lake.batch_files(uri, "none") == []
    result = lake.find_batch_commit(uri, "many")
    assert result is not None
    assert (result.files, result.bytes) == (len(many), sum(one.size for one in many))


def test_read_file_streams_a_batch_file(two_batches: str) -> None:
    info = lake.batch_files(two_batches, "second")[0]
    chunks = list(lake.read_file(two_batches, info.path, chunk_size=1000))
    content = b"".join(chunks)
    assert len(content) == info.size
    assert max(len(one) for one in chunks) <= 1000
    assert pq.read_table(io.BytesIO(content)).num_rows == 5


def test_read_file_ranges(two_batches: str) -> None:
    info = lake.batch_files(two_batches, "second")[0]
    whole = b"".join(lake.read_file(two_batches, info.path))
    part = b"".join(lake.read_file(two_batches, info.path, offset=4, length=10))
    assert part == whole[4:14]
    assert b"".join(lake.read_file(two_batches, info.path, offset=info.size - 4)) == b"PAR1"


@pytest.mark.parametrize(
    "path",
    [
        "../secret.parquet",
        "_hw_batch_id=first/../../secret.parquet",
        "/etc/passwd",
        "_delta_log/../_delta_log/00000000000000000000.json",
        "./x.parquet",
        "a//b.parquet",
        "a\\b.parquet",
        "",
        "file:///etc/passwd",
    ],
)
def test_read_file_refuses_paths_outside_the_table(two_batches: str, path: str) -> None:
    with pytest.raises(lake.InvalidPath):
        lake.read_file(two_batches, path)


@pytest.mark.parametrize(
    "path",
    [
        "_delta_log/00000000000000000000.json",
        "_hw_batch_id=first/not-a-file.parquet",
        "unknown.parquet",
    ],
)
def test_read_file_refuses_unknown_files(two_batches: str, path: str) -> None:
    with pytest.raises(lake.FileNotInTable):
        lake.read_file(two_batches, path)


def test_read_file_refuses_files_outside_the_log(two_batches: str) -> None:
    stray = Path(two_batches) / "stray.parquet"
    stray.write_bytes(b"PAR1")
    with pytest.raises(lake.FileNotInTable):
        lake.read_file(two_batches, "stray.parquet")


def test_unusual_batch_ids_round_trip(uri: str, schema: pa.Schema, rows: Rows) -> None:
    batch_id = "b 1/%x'y"
    lake.commit_batch(uri, schema, rows(4), batch_id=batch_id)
    files = lake.batch_files(uri, batch_id)
    assert [one.records for one in files] == [4]
    assert len(b"".join(lake.read_file(uri, files[0].path))) == files[0].size
    assert lake.batch_rows(uri, batch_id).read_all().num_rows == 4
    assert lake.find_batch_commit(uri, batch_id) is not None
    assert lake.revert_batch(uri, batch_id).rows == 4
