from __future__ import annotations

import pytest

from headwater.errors import BadRequest, InvalidField
from headwater.formats import (
    DelimitedOptions,
    InvalidDelimiter,
    JsonOptions,
    ParquetOptions,
    UnsupportedCompression,
    UnsupportedEncoding,
    UnsupportedFormat,
    compression_from_source,
    options_from_source,
    unique_names,
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"format": "delimited"}, DelimitedOptions()),
        ({"format": "DELIMITED", "columnDelimiter": "\t"}, DelimitedOptions(delimiter="\t")),
        ({"format": "delimited", "columnDelimiter": "\\t"}, DelimitedOptions(delimiter="\t")),
        (
            {
                "format": "Delimited",
                "properties": {"columnDelimiter": "|", "encoding": "iso-8859-1"},
            },
            DelimitedOptions(delimiter="|", encoding="ISO-8859-1"),
        ),
        ({"format": "delimited", "properties": {"encoding": "utf8"}}, DelimitedOptions()),
        ({"format": "JSON", "properties": {"compressionType": "gzip"}}, JsonOptions()),
        ({"format": "parquet"}, ParquetOptions()),
        ({"format": "parquet_xdm", "schema": {"id": "x"}}, ParquetOptions(xdm=True)),
    ],
)
def test_options_from_source(data: dict, expected: object) -> None:
    assert options_from_source(data) == expected


def test_properties_delimiter_wins_over_the_top_level_one() -> None:
    data = {"format": "delimited", "columnDelimiter": ";", "properties": {"columnDelimiter": "|"}}
    assert options_from_source(data) == DelimitedOptions(delimiter="|")


@pytest.mark.parametrize("fmt", [None, "tabular", "avro", 3])
def test_unsupported_format(fmt: object) -> None:
    with pytest.raises(UnsupportedFormat) as caught:
        options_from_source({"format": fmt})
    assert caught.value.code == "1327"
    assert caught.value.field == "data.format"
    assert isinstance(caught.value, InvalidField)


def test_multi_character_delimiter() -> None:
    with pytest.raises(InvalidDelimiter) as caught:
        options_from_source({"format": "delimited", "properties": {"columnDelimiter": "||"}})
    assert caught.value.code == "1331"
    assert caught.value.field == "data.properties.columnDelimiter"


def test_unsupported_encoding() -> None:
    with pytest.raises(UnsupportedEncoding):
        options_from_source({"format": "delimited", "properties": {"encoding": "UTF-16"}})


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        ({"format": "delimited"}, None),
        ({"format": "delimited", "properties": {"compressionType": "GZIP"}}, "gzip"),
        ({"format": "json", "properties": {"compressionType": "zipdeflate"}}, "zipDeflate"),
        ({"format": "json", "properties": {"compressionType": "tarGzip"}}, "tarGzip"),
    ],
)
def test_compression_from_source(data: dict, codec: str | None) -> None:
    assert compression_from_source(data) == codec


def test_unknown_compression() -> None:
    with pytest.raises(UnsupportedCompression) as caught:
        compression_from_source({"properties": {"compressionType": "rar"}})
    assert isinstance(caught.value, BadRequest)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["a", "b"], ["a", "b"]),
        (["a", "", "a", "b", "a"], ["a", "_c1", "a_2", "b", "a_3"]),
        (["a", "a", "a_2"], ["a", "a_3", "a_2"]),
        (["_hw_row", "x"], ["_hw_row_2", "x"]),
        (["", "_c0"], ["_c0", "_c0_2"]),
        (["A", "a"], ["A", "a"]),
    ],
)
def test_unique_names(names: list[str], expected: list[str]) -> None:
    assert unique_names(names) == expected
