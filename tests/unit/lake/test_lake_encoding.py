"""A commit's encodings follow its first batch: unique text plain, repeated text as a
dictionary, row numbers delta-encoded."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
from deltalake import DeltaTable

from headwater import lake


def _encodings(uri: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for name in DeltaTable(uri).file_uris():
        meta = pq.ParquetFile(name).metadata
        for group in range(meta.num_row_groups):
            for index in range(meta.num_columns):
                column = meta.row_group(group).column(index)
                found.setdefault(column.path_in_schema, set()).update(column.encodings)
    return found


def test_nearly_unique_text_is_plain_and_repeated_text_a_dictionary(tmp_path: Path) -> None:
    rows = 20_000
    schema = lake.table_schema(pa.schema([("_id", pa.string()), ("country", pa.string())]))
    batch = pa.record_batch(
        {
            "_id": [f"id-{i}" for i in range(rows)],
            "country": ["FR", "DE", "JP", "US"] * (rows // 4),
            "_hw_source_file": ["in.csv"] * rows,
            "_hw_row_number": list(range(1, rows + 1)),
        }
    )
    uri = str(tmp_path / "table")
    lake.commit_batch(uri, schema, [batch], batch_id="b")

    encodings = _encodings(uri)
    dictionary = {"PLAIN_DICTIONARY", "RLE_DICTIONARY"}
    assert not encodings["_id"] & dictionary
    assert encodings["country"] & dictionary
    assert encodings["_hw_source_file"] & dictionary
    assert "DELTA_BINARY_PACKED" in encodings["_hw_row_number"]
    table = DeltaTable(uri).to_pyarrow_table()
    assert table.column("_id").to_pylist() == batch.column("_id").to_pylist()


def test_a_commit_without_rows_still_commits(tmp_path: Path) -> None:
    schema = lake.table_schema(pa.schema([("_id", pa.string())]))
    uri = str(tmp_path / "table")
    result = lake.commit_batch(uri, schema, [], batch_id="empty")
    assert result.rows == 0
