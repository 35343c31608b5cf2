from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pyarrow as pa
import pytest

from headwater.formats import CorruptFile, JsonOptions, read_batches, read_file
from headwater.formats import json_reader as json_module

AUTO = JsonOptions()
RECORDS = [
    {"id": 1, "name": "Ann", "address": {"city": "Paris", "zip": "75001"}, "tags": ["a", "b"]},
    {"id": 2, "name": "Bob", "address": {"city": "Oslo", "zip": None}, "tags": []},
    {"id": 3, "name": 'Cy, "the" [x]', "address": None, "tags": ["c"]},
]


def _lines(records: list[dict]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


@pytest.mark.parametrize(
    "layout",
    [
        lambda rs: _lines(rs),
        lambda rs: json.dumps(rs, indent=2).encode(),
        lambda rs: json.dumps(rs).encode(),
        lambda rs: b"\n".join(json.dumps(r, indent=4).encode() for r in rs),
    ],
    ids=["json-lines", "pretty-array", "one-line-array", "pretty-objects"],
)
def test_layouts_are_detected_and_read(layout, read, to_rows, tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(layout(RECORDS))
    batches, _ = read(path, AUTO)
    assert to_rows(batches, numbers=True) == [{**r, "_hw_row": i} for i, r in enumerate(RECORDS, 1)]


def test_nested_objects_are_structs_and_arrays_lists(read) -> None:
    batches, _ = read(_lines(RECORDS), AUTO)
    schema = batches[0].schema
    assert schema.field("id").type == pa.int64()
    assert pa.types.is_struct(schema.field("address").type)
    assert schema.field("address").type.field("city").type == pa.string()
    assert schema.field("tags").type == pa.list_(pa.string())


def test_single_pretty_printed_object(read, to_rows) -> None:
    batches, _ = read(b'{\n  "a": {\n    "b": [1, 2]\n  }\n}\n', AUTO)
    assert to_rows(batches, numbers=True) == [{"a": {"b": [1, 2]}, "_hw_row": 1}]


def test_explicit_multiline_flags(read, to_rows) -> None:
    assert to_rows(read(b'{"a": 1}\n{"a": 2}\n', JsonOptions(multiline=True))[0]) == [
        {"a": 1},
        {"a": 2},
    ]
    assert to_rows(read(b'{"a": 1}\n', JsonOptions(multiline=False))[0]) == [{"a": 1}]


def test_strings_that_look_like_dates_stay_strings(read) -> None:
    batches, _ = read(
        b'{"d": "2020-01-01", "t": "2020-01-01T10:00:00", "n": {"x": "2021-02-03"}}\n', AUTO
    )
    assert batches[0].to_pylist()[0] == {
        "d": "2020-01-01",
        "t": "2020-01-01T10:00:00",
        "n": {"x": "2021-02-03"},
        "_hw_row": 1,
    }
    assert batches[0].schema.field("d").type == pa.string()


def test_mixed_kinds_in_one_block_become_json_text(read, to_rows) -> None:
    data = _lines([{"v": 1}, {"v": "x"}, {"v": True}, {"v": {"k": [1]}}, {"v": None}])
    batches, _ = read(data, AUTO)
    assert to_rows(batches) == [
        {"v": "1"},
        {"v": "x"},
        {"v": "true"},
        {"v": '{"k":[1]}'},
        {"v": None},
    ]


def test_integers_and_floats_unify_to_float(read, to_rows) -> None:
    batches, _ = read(_lines([{"v": 1}, {"v": 2.5}]), AUTO)
    assert to_rows(batches) == [{"v": 1.0}, {"v": 2.5}]
    assert batches[0].schema.field("v").type == pa.float64()


def test_types_changing_between_blocks_do_not_crash(read, monkeypatch) -> None:
    monkeypatch.setattr(json_module, "BLOCK_SIZE", 40)
    records = [{"v": i, "w": {"a": i}} for i in range(10)] + [
        {"v": "late", "w": {"a": 1, "b": "x"}}
    ]
    records += [{"v": 2.5}, {"v": None, "extra": [1]}]
    batches, _ = read(_lines(records), AUTO)
    values = [row["v"] for b in batches for row in b.to_pylist()]
    assert values[:10] == list(range(10))
    assert values[10:] == ["late", 2.5, None]
    assert [n for b in batches for n in b.column("_hw_row").to_pylist()] == list(range(1, 14))
    assert batches[0].schema.field("v").type == pa.int64()


def test_row_numbers_run_across_blocks_and_batches(read, monkeypatch) -> None:
    monkeypatch.setattr(json_module, "BLOCK_SIZE", 256)
    records = [{"i": i, "s": "x" * (i % 13)} for i in range(1, 1001)]
    batches, _ = read(json.dumps(records, indent=1).encode(), AUTO, batch_rows=7)
    assert max(b.num_rows for b in batches) <= 7
    assert len(batches) > 1000 // 7
    assert [n for b in batches for n in b.column("_hw_row").to_pylist()] == list(range(1, 1001))
    assert [n for b in batches for n in b.column("i").to_pylist()] == list(range(1, 1001))


def test_arrays_stream_through_tiny_reads(trickle, to_rows) -> None:
    records = [{"k": 'q"\\,]}}' + str(i), "n": [i, {"x": "[,"}]} for i in range(50)]
    data = json.dumps(records, indent=3).encode()
    batches = list(read_batches(trickle(data, step=5), AUTO, source="t"))
    assert to_rows(batches) == [
        {"k": r["k"], "n": json.dumps(r["n"], separators=(",", ":"))} for r in records
    ]


def test_invalid_json_raises_corrupt_file_with_the_record(read) -> None:
    with pytest.raises(CorruptFile) as caught:
        read(b'{"a": 1}\n{"a": 2}\n{"a": \n', AUTO, source="bad.json")
    assert caught.value.row == 3
    assert caught.value.message.startswith("bad.json at row 3: invalid JSON")


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b'[{"a": 1}, {"a": 2}', "ends inside"),
        (b'[{"a": "unterminated}]', "ends inside"),
        (b"[1, 2]", "must be an object"),
        (b'{"a": 1}]', "unbalanced"),
        (b'{"a": "\xff"}\n', "UTF-8"),
        (b"hello\n", "invalid JSON"),
    ],
)
def test_malformed_documents_raise_corrupt_file(data: bytes, match: str, read) -> None:
    with pytest.raises(CorruptFile, match=match):
        read(data, AUTO)


def test_empty_inputs_yield_nothing(read) -> None:
    assert read(b"", AUTO)[0] == []
    assert read(b"  \n ", AUTO)[0] == []
    assert read(b"[]", AUTO)[0] == []


def test_bom_and_reserved_column_name(read) -> None:
    batches, _ = read(b'\xef\xbb\xbf{"_hw_row": 9}\n', AUTO)
    assert batches[0].to_pylist() == [{"_hw_row_2": 9, "_hw_row": 1}]


def test_gzip_json_lines_via_read_file() -> None:
    data = gzip.compress(_lines(RECORDS))
    pairs = list(read_file(io.BytesIO(data), AUTO, name="d.json.gz", codec="gzip"))
    assert [row["id"] for _, b in pairs for row in b.to_pylist()] == [1, 2, 3]
