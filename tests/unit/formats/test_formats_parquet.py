from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from headwater.formats import CorruptFile, ParquetOptions, options_from_source, read_file

TABLE = pa.table(
    {
        "id": pa.array(range(1, 1001), pa.int64()),
        "name": [f"n{i}" for i in range(1000)],
        "nested": [{"a": i, "b": [i, i]} for i in range(1000)],
    }
)


def _parquet(table: pa.Table, path: Path | None = None) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer, row_group_size=300)
    if path is not None:
        path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def test_round_trip_keeps_types_and_numbers_rows_across_batches(read, tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    _parquet(TABLE, path)
    batches, _ = read(path, ParquetOptions(), batch_rows=128)
    assert max(b.num_rows for b in batches) <= 128
    table = pa.Table.from_batches(batches)
    assert table.drop_columns(["_hw_row"]).equals(TABLE)
    assert table.column("_hw_row").to_pylist() == list(range(1, 1001))


def test_non_seekable_stream_is_spooled(trickle) -> None:
    data = _parquet(TABLE)
    from headwater.formats import read_batches

    batches = list(read_batches(trickle(data, step=65536), ParquetOptions(), source="p"))
    assert sum(b.num_rows for b in batches) == 1000


def test_parquet_inside_a_zip() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.parquet", _parquet(TABLE))
    pairs = list(
        read_file(io.BytesIO(buffer.getvalue()), ParquetOptions(), name="p.zip", codec="zipDeflate")
    )
    assert sum(b.num_rows for _, b in pairs) == 1000
    assert pairs[0][0].source == "p.zip!a.parquet"


def test_zero_row_file_yields_one_empty_batch_with_the_columns(read) -> None:
    batches, _ = read(_parquet(TABLE.slice(0, 0)), ParquetOptions())
    assert [b.num_rows for b in batches] == [0]
    assert batches[0].schema.names == ["id", "name", "nested", "_hw_row"]


@pytest.mark.parametrize(
    "mangle",
    [lambda d: b"not parquet" * 10, lambda d: d[: len(d) // 2], lambda d: b"", lambda d: d[:-9]],
    ids=["garbage", "truncated", "empty", "no-footer"],
)
def test_corrupt_parquet_raises_corrupt_file(mangle, read) -> None:
    with pytest.raises(CorruptFile, match=r"bad\.parquet"):
        read(mangle(_parquet(TABLE)), ParquetOptions(), source="bad.parquet")


def test_corrupt_page_raises_corrupt_file(read) -> None:
    data = bytearray(_parquet(pa.table({"s": [f"value {i}" * 5 for i in range(5000)]})))
    data[200:400] = b"\x00" * 200
    with pytest.raises(CorruptFile):
        read(bytes(data), ParquetOptions(), source="bad.parquet")


def test_parquet_xdm_format() -> None:
    assert options_from_source({"format": "parquet_xdm"}) == ParquetOptions(xdm=True)
