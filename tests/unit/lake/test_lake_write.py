"""A commit's files hold the columns its batch writes; the table keeps the dataset's schema."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
from deltalake import DeltaTable

from headwater import lake
from support.lake_batches import NARROW, narrow_batch

WRITTEN = lake.table_schema(NARROW)


def _file_columns(uri: str) -> set[str]:
    columns: set[str] = set()
    for name in DeltaTable(uri).file_uris():
        meta = pq.ParquetFile(name).metadata
        columns.update(meta.schema.column(i).path for i in range(meta.num_columns))
    return columns


def test_files_hold_only_the_written_columns_and_readers_see_the_rest_as_null(
    uri: str, schema: pa.Schema
) -> None:
    result = lake.commit_batch(
        uri, WRITTEN, [narrow_batch(3)], batch_id="narrow", table_schema=schema
    )

    assert (result.rows, result.files) == (3, 1)
    assert _file_columns(uri) == {
        "_id",
        "person.name.firstName",
        "_hw_source_file",
        "_hw_row_number",
    }  # the batch id is the files' partition value, in the log
    assert pa.schema(DeltaTable(uri).schema().to_arrow()).names == schema.names
    (row, *_) = lake.query(
        "SELECT _id, person.name.firstName AS first, person.birthDate AS born, score, "
        "_hw_batch_id AS batch FROM t ORDER BY _id",
        {"t": uri},
    ).to_pylist()
    assert row == {"_id": "id-0", "first": "F0", "born": None, "score": None, "batch": "narrow"}
    assert lake.preview(uri, limit=1)[0]["person"] == {"name": {"firstName": "F0"}}
    assert [one.records for one in lake.batch_files(uri, "narrow")] == [3]


def test_the_write_leaves_no_log_of_its_own_behind(uri: str, schema: pa.Schema) -> None:
    lake.commit_batch(uri, WRITTEN, [narrow_batch(3)], batch_id="b", table_schema=schema)
    logs = sorted(str(p.relative_to(uri)) for p in Path(uri).rglob("_delta_log"))
    assert logs == ["_delta_log"]


def test_a_column_the_table_lacks_is_added_to_it(uri: str, schema: pa.Schema) -> None:
    lake.commit_batch(uri, WRITTEN, [narrow_batch(2)], batch_id="first", table_schema=WRITTEN)
    wider = WRITTEN.insert(1, pa.field("born", pa.date32()))
    batch = narrow_batch(2)
    batch = batch.add_column(1, "born", pa.array([dt.date(2000, 1, 1)] * 2, pa.date32()))
    lake.commit_batch(uri, wider, [batch], batch_id="second")

    assert "born" in pa.schema(DeltaTable(uri).schema().to_arrow()).names
    found = lake.query("SELECT count(born) AS n, count(*) AS total FROM t", {"t": uri})
    assert found.to_pylist() == [{"n": 2, "total": 4}]
    second = lake.find_batch_commit(uri, "second")
    assert second is not None and second.rows == 2  # the rows came in one commit


def test_a_table_made_without_partitions_keeps_the_batch_id_in_its_files(tmp_path: Path) -> None:
    uri = str(tmp_path / "old")
    DeltaTable.create(uri, WRITTEN)  # as tables were made before they were partitioned
    lake.commit_batch(uri, WRITTEN, [narrow_batch(2)], batch_id="b")

    assert "_hw_batch_id" in _file_columns(uri)
    found = lake.query("SELECT DISTINCT _hw_batch_id AS batch FROM t", {"t": uri})
    assert found.to_pylist() == [{"batch": "b"}]
    assert [one.records for one in lake.batch_files(uri, "b")] == [2]
