from __future__ import annotations

import bz2
import gzip
import io
import json
import random
import tarfile
import zipfile
import zlib

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from headwater.formats import Detected, DetectionFailed, detect_properties

CSV = b'id,name,note\n1,Ann,"a; b | c"\n2,Bob,x\n3,Cy,"y\tz"\n'


@pytest.mark.parametrize("delimiter", [",", "\t", ";", "|", "^"])
def test_delimiter_by_consistent_frequency(delimiter: str) -> None:
    text = CSV.replace(b",", delimiter.encode())
    assert detect_properties(text, "x.txt") == Detected("delimited", None, delimiter)


def test_quoted_delimiters_are_ignored() -> None:
    text = b'a;b;c\n"1,2,3";"x";y\n"4,5";"z";w\n'
    assert detect_properties(text, "x.csv").column_delimiter == ";"


def test_single_column_defaults_to_comma() -> None:
    assert detect_properties(b"id\n1\n2\n", "x.csv").column_delimiter == ","


def test_json_and_parquet() -> None:
    assert detect_properties(b'  {"a": 1}\n', "x") == Detected("json", None, None)
    assert detect_properties(b'[\n {"a": 1}\n]', "x").file_type == "json"
    buffer = io.BytesIO()
    pq.write_table(pa.table({"a": [1]}), buffer)
    assert detect_properties(buffer.getvalue()[:100], "x") == Detected("parquet", None, None)


def _zip(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("folder/"), b"")
        archive.writestr(name, data)
    return buffer.getvalue()


def _tar(data: bytes, mode: str) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        folder = tarfile.TarInfo("folder")
        folder.type = tarfile.DIRTYPE
        archive.addfile(folder)
        info = tarfile.TarInfo("folder/a-very-long-name-" + "x" * 120 + ".csv")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("packed", "compression"),
    [
        (gzip.compress(CSV.replace(b",", b"\t"), mtime=0), "gzip"),
        (bz2.compress(CSV.replace(b",", b"\t")), "bzip2"),
        (zlib.compress(CSV.replace(b",", b"\t")), "deflate"),
        (_zip("a.tsv", CSV.replace(b",", b"\t")), "zipDeflate"),
        (_tar(CSV.replace(b",", b"\t"), "w:gz"), "tarGzip"),
        (_tar(CSV.replace(b",", b"\t"), "w"), "tar"),
    ],
)
def test_compression_by_magic_then_content(packed: bytes, compression: str) -> None:
    assert detect_properties(packed[:65536], "no-extension") == Detected(
        "delimited", compression, "\t"
    )


def test_raw_deflate_needs_the_name() -> None:
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    data = raw.compress(b'{"a": 1}\n') + raw.flush()
    assert detect_properties(data, "events.json.deflate") == Detected("json", "deflate", None)


def test_json_in_gzip() -> None:
    data = gzip.compress(json.dumps([{"a": 1}]).encode())
    assert detect_properties(data, "x.gz") == Detected("json", "gzip", None)


def test_partial_bzip2_sample_falls_back_to_the_name() -> None:
    big = bz2.compress(random.Random(0).randbytes(2_000_000))
    assert detect_properties(big[:4096], "events.json.bz2") == Detected("json", "bzip2", None)
    with pytest.raises(DetectionFailed) as caught:
        detect_properties(big[:4096], "events.bin.bz2")
    assert caught.value.code == "1375"


def test_empty_sample_without_a_known_extension_fails() -> None:
    with pytest.raises(DetectionFailed):
        detect_properties(b"", "mystery")
    assert detect_properties(b"", "x.csv") == Detected("delimited", None, ",")
