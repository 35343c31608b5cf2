from __future__ import annotations

import gzip
import io
from pathlib import Path

import pyarrow as pa
import pytest

from headwater.formats import (
    BadRow,
    CorruptFile,
    DelimitedOptions,
    InvalidDelimiter,
    options_from_source,
    read_batches,
    read_file,
)
from headwater.formats import delimited as delimited_module

CSV = DelimitedOptions()


def test_quoted_fields_hold_delimiters_quotes_and_newlines(read, to_rows, tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_bytes(
        b"id,note,city\r\n"
        b'1,"a, b","New\nYork"\r\n'
        b'2,"say ""hi""",Paris\r\n'
        b'3,plain,"multi\r\nline"\r\n'
    )
    batches, bad = read(path, CSV)
    assert bad == []
    assert to_rows(batches, numbers=True) == [
        {"id": "1", "note": "a, b", "city": "New\nYork", "_hw_row": 1},
        {"id": "2", "note": 'say "hi"', "city": "Paris", "_hw_row": 2},
        {"id": "3", "note": "plain", "city": "multi\r\nline", "_hw_row": 3},
    ]


def test_every_column_is_a_string_and_values_are_kept_verbatim(read) -> None:
    batches, _ = read(b"zip,amount,flag,when\n007, 1.50 ,true,2020-01-01\n", CSV)
    assert batches[0].schema == pa.schema(
        [
            ("zip", pa.string()),
            ("amount", pa.string()),
            ("flag", pa.string()),
            ("when", pa.string()),
            ("_hw_row", pa.int64()),
        ]
    )
    assert batches[0].to_pylist()[0] == {
        "zip": "007",
        "amount": " 1.50 ",
        "flag": "true",
        "when": "2020-01-01",
        "_hw_row": 1,
    }


def test_empty_values_quoted_or_not_are_null(read, to_rows) -> None:
    batches, _ = read(b'a,b,c\n,"",x\n', CSV)
    assert to_rows(batches) == [{"a": None, "b": None, "c": "x"}]
    batches, _ = read(b"a,b\nNULL,\n", DelimitedOptions(null_values=("NULL",)))
    assert to_rows(batches) == [{"a": None, "b": ""}]


@pytest.mark.parametrize("delimiter", ["\t", "|", ";", "^"])
def test_other_delimiters(delimiter: str, read, to_rows) -> None:
    text = f'a{delimiter}b\n"x{delimiter}y"{delimiter}2\n'.encode()
    batches, _ = read(text, DelimitedOptions(delimiter=delimiter))
    assert to_rows(batches) == [{"a": f"x{delimiter}y", "b": "2"}]


def test_tsv_from_a_source_connection(read, to_rows) -> None:
    options = options_from_source({"format": "delimited", "columnDelimiter": "\t"})
    batches, _ = read(b"a\tb\n1,2\t3\n", options)
    assert to_rows(batches) == [{"a": "1,2", "b": "3"}]


def test_iso_8859_1_is_transcoded(read, to_rows, tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("name,city\ncafé,Zürich\n".encode("iso-8859-1"))
    batches, _ = read(path, DelimitedOptions(encoding="ISO-8859-1"))
    assert to_rows(batches) == [{"name": "café", "city": "Zürich"}]


def test_invalid_utf8_raises_corrupt_file(read) -> None:
    data = "name\ncafé\n".encode("iso-8859-1")
    with pytest.raises(CorruptFile, match=r"latin\.csv"):
        read(data, CSV, source="latin.csv")


def test_utf8_bom_is_dropped(read) -> None:
    batches, _ = read(b"\xef\xbb\xbfid,v\n1,2\n", CSV)
    assert batches[0].schema.names == ["id", "v", "_hw_row"]


def test_header_only_file_yields_one_empty_batch_with_the_columns(read) -> None:
    batches, _ = read(b"id,name\n", CSV)
    assert sum(b.num_rows for b in batches) == 0
    assert batches[0].schema.names == ["id", "name", "_hw_row"]


def test_empty_file_yields_nothing(read) -> None:
    assert read(b"", CSV) == ([], [])
    assert read(b"\n\n", CSV) == ([], [])


def test_duplicate_and_empty_header_names_are_renamed(read) -> None:
    batches, _ = read(b"a,,a,b,a,_hw_row\n1,2,3,4,5,6\n", CSV)
    assert batches[0].schema.names == ["a", "_c1", "a_2", "b", "a_3", "_hw_row_2", "_hw_row"]
    assert batches[0].column("a_3").to_pylist() == ["5"]


def test_without_header_columns_are_numbered(read, to_rows) -> None:
    batches, _ = read(b"1,2\n3,4\n", DelimitedOptions(header=False))
    assert to_rows(batches, numbers=True) == [
        {"_c0": "1", "_c1": "2", "_hw_row": 1},
        {"_c0": "3", "_c1": "4", "_hw_row": 2},
    ]


def test_short_and_long_rows_go_to_the_bad_row_callback(read, to_rows) -> None:
    data = b"a,b\n1,2\nshort\n3,4\n5,6,7\n\n8,9\n"
    batches, bad = read(data, CSV, source="s.csv")
    assert to_rows(batches, numbers=True) == [
        {"a": "1", "b": "2", "_hw_row": 1},
        {"a": "3", "b": "4", "_hw_row": 3},
        {"a": "8", "b": "9", "_hw_row": 5},
    ]
    assert bad == [
        BadRow("s.csv", 2, "short", "expected 2 fields, found 1"),
        BadRow("s.csv", 4, "5,6,7", "expected 2 fields, found 3"),
    ]


def test_without_a_callback_a_bad_row_fails_the_file(read) -> None:
    with pytest.raises(CorruptFile) as caught:
        read(b"a,b\n1,2\n3\n", CSV, source="s.csv", on_bad_row=None)
    assert caught.value.row == 2
    assert "s.csv at row 2" in caught.value.message


def test_unclosed_quote_at_end_of_file_raises(read) -> None:
    with pytest.raises(CorruptFile, match="not closed"):
        read(b'a,b\n1,2\n3,"open\n4,5\n', CSV)


def test_row_numbers_run_across_blocks_and_batches(read, monkeypatch) -> None:
    monkeypatch.setattr(delimited_module, "BLOCK_SIZE", 64)
    lines = [b"n,v"]
    expected = []
    for i in range(1, 301):
        if i % 37 == 0:
            lines.append(b"broken")
        else:
            lines.append(b'%d,"v\n%d"' % (i, i))
            expected.append(i)
    batches, bad = read(b"\n".join(lines) + b"\n", CSV, batch_rows=5)
    assert max(b.num_rows for b in batches) <= 5
    numbers = [n for b in batches for n in b.column("_hw_row").to_pylist()]
    assert numbers == expected
    assert [int(v) for b in batches for v in b.column("n").to_pylist()] == expected
    assert [r.row_number for r in bad] == [i for i in range(1, 301) if i % 37 == 0]


def test_gzip_csv_via_read_file(tmp_path: Path) -> None:
    path = tmp_path / "leads.csv.gz"
    path.write_bytes(gzip.compress(b"id\n" + b"".join(b"%d\n" % i for i in range(1000))))
    with path.open("rb") as stream:
        pairs = list(read_file(stream, CSV, name=path.name, codec="gzip", batch_rows=300))
    assert {member.source for member, _ in pairs} == {"leads.csv.gz"}
    assert [b.num_rows for _, b in pairs] == [300, 300, 300, 100]
    assert pairs[-1][1].column("_hw_row").to_pylist()[-1] == 1000


def test_truncated_gzip_csv_fails_the_file() -> None:
    data = gzip.compress(b"id\n" + b"".join(b"%d\n" % (i * 7919) for i in range(100_000)))
    with pytest.raises(CorruptFile, match=r"leads\.csv\.gz"):
        list(read_file(io.BytesIO(data[:-100]), CSV, name="leads.csv.gz", codec="gzip"))


@pytest.mark.parametrize("delimiter", [",,", "", "é", "\n"])
def test_delimiter_must_be_one_ascii_character(delimiter: str) -> None:
    with pytest.raises(InvalidDelimiter) as caught:
        DelimitedOptions(delimiter=delimiter)
    assert caught.value.code == "1331"


def test_escape_character(read, to_rows) -> None:
    batches, _ = read(b'a,b\n"x\\"y",2\n', DelimitedOptions(escape="\\"))
    assert to_rows(batches) == [{"a": 'x"y', "b": "2"}]


def test_read_batches_validates_its_arguments() -> None:
    with pytest.raises(TypeError):
        read_batches(io.BytesIO(b""), object(), source="x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="batch_rows"):
        read_batches(io.BytesIO(b""), CSV, source="x", batch_rows=0)


def test_short_reads_from_a_non_seekable_stream(trickle, to_rows) -> None:
    data = b'a,b\n"x\ny",1\n' + b"".join(b"%d,%d\n" % (i, i) for i in range(2000))
    batches = list(read_batches(trickle(data, step=3), CSV, source="t"))
    assert to_rows(batches)[0] == {"a": "x\ny", "b": "1"}
    assert sum(b.num_rows for b in batches) == 2001
