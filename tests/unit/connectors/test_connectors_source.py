"""Source and target connection data/params: formats, delimiters, compression, params models."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from headwater.connectors import DATA_LAKE_SPEC_ID, get_spec, validate_source, validate_target
from headwater.errors import BadRequest, InvalidField

S3 = "ecadc60c-7455-4d87-84dc-2a0e293d997b"
BLOB = "4c10e202-c428-4796-9208-5f1f5732b1cf"
DLZ = "26f526f2-58f4-4712-961d-e41bf1ccc0e8"
KINESIS = "86043421-563b-46ec-8e6c-e23184711bf6"
EVENT_HUBS = "bf9f5905-92b7-48bf-bf20-455bc6b60a4e"

SCHEMA_VERSION = "application/vnd.adobe.xed-full+json;version=1"

# Seed 000 (parquet tutorial): the body repeats "id"; JSON keeps the last (empty) one.
SEED_000 = json.loads("""{
    "data": {"format": "parquet_xdm",
             "schema": {"id": "https://ns.adobe.com/{TENANT_ID}/schemas/e155", "id": "",
                        "version": "application/vnd.adobe.xed-full+json;version=1"}},
    "params": {"path": "partners-demo/samples", "recursive": "true"}
}""")
# Seed 003: a TSV delimiter at data.columnDelimiter, arriving decoded by JSON.
SEED_003_TSV = json.loads("""{
    "data": {"format": "delimited", "columnDelimiter": "\\t"},
    "params": {"path": "/ingestion-demos/leads/tsv_data/*.tsv", "recursive": "true"}
}""")
SEED_003_GZIP: dict[str, dict[str, Any]] = {
    "data": {"format": "delimited", "properties": {"compressionType": "gzip"}},
    "params": {"path": "/compressed/files.gzip"},
}


def test_seed_000_parquet_source() -> None:
    data, params = validate_source(get_spec(S3), SEED_000["data"], SEED_000["params"])
    assert data == {"format": "parquet_xdm", "schema": {"id": "", "version": SCHEMA_VERSION}}
    assert params == {"path": "partners-demo/samples", "recursive": True}


def test_seed_003_tab_delimited_source() -> None:
    body = copy.deepcopy(SEED_003_TSV)
    data, params = validate_source(get_spec(BLOB), body["data"], body["params"])
    assert data == {"format": "delimited", "columnDelimiter": "\t"}
    assert params == {"path": "/ingestion-demos/leads/tsv_data/*.tsv", "recursive": True}
    assert body == SEED_003_TSV, "the caller's dicts are not modified"


def test_seed_003_compressed_source() -> None:
    data, params = validate_source(get_spec(BLOB), SEED_003_GZIP["data"], SEED_003_GZIP["params"])
    assert data == SEED_003_GZIP["data"]
    assert params == SEED_003_GZIP["params"]


def test_landing_zone_source_as_aepp_sends_it() -> None:
    _, params = validate_source(
        get_spec(DLZ),
        {"format": "delimited"},
        {"path": "dlz-user-container/data8.csv", "type": "file", "recursive": False},
    )
    assert params == {"path": "dlz-user-container/data8.csv", "type": "file", "recursive": False}


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("delimited", "delimited"),
        ("DELIMITED", "delimited"),
        ("JSON", "json"),
        ("Parquet", "parquet"),
        ("parquet_xdm", "parquet_xdm"),
    ],
)
def test_formats_are_case_insensitive(given: str, canonical: str) -> None:
    data, _ = validate_source(get_spec(S3), {"format": given}, {"path": "/a"})
    assert data["format"] == canonical


@pytest.mark.parametrize("fmt", ["xml", "avro", "tabular", "", 3])
def test_unsupported_format_is_1327(fmt: Any) -> None:
    with pytest.raises(InvalidField) as caught:
        validate_source(get_spec(S3), {"format": fmt}, {"path": "/a"})
    assert (caught.value.code, caught.value.field) == ("1327", "data.format")


def test_missing_format_is_1304() -> None:
    with pytest.raises(InvalidField) as caught:
        validate_source(get_spec(S3), {}, {"path": "/a"})
    assert (caught.value.code, caught.value.field) == ("1304", "data.format")


@pytest.mark.parametrize("where", ["data", "data.properties"])
@pytest.mark.parametrize("delimiter", [",", ";", "|", "\t", "\u00a7"])
def test_single_character_delimiters_are_accepted(where: str, delimiter: str) -> None:
    data: dict[str, Any] = {"format": "delimited"}
    if where == "data":
        data["columnDelimiter"] = delimiter
    else:
        data["properties"] = {"columnDelimiter": delimiter}
    out, _ = validate_source(get_spec(S3), data, {"path": "/a"})
    assert out == data


@pytest.mark.parametrize("where", ["data", "data.properties"])
@pytest.mark.parametrize("delimiter", ["||", "\\t", "", 9])
def test_other_delimiters_are_1331(where: str, delimiter: Any) -> None:
    data: dict[str, Any] = {"format": "delimited"}
    if where == "data":
        data["columnDelimiter"] = delimiter
    else:
        data["properties"] = {"columnDelimiter": delimiter}
    with pytest.raises(InvalidField) as caught:
        validate_source(get_spec(S3), data, {"path": "/a"})
    assert caught.value.code == "1331"
    assert caught.value.field == f"{where}.columnDelimiter"


@pytest.mark.parametrize(
    "compression", ["bzip2", "gzip", "deflate", "zipDeflate", "tarGzip", "tar"]
)
@pytest.mark.parametrize("fmt", ["delimited", "json"])
def test_compression_types(compression: str, fmt: str) -> None:
    data = {"format": fmt, "properties": {"compressionType": compression.upper()}}
    out, _ = validate_source(get_spec(S3), data, {"path": "/a"})
    assert out["properties"]["compressionType"] == compression


def test_unknown_compression_is_rejected() -> None:
    with pytest.raises(InvalidField) as caught:
        validate_source(
            get_spec(S3),
            {"format": "json", "properties": {"compressionType": "zstd"}},
            {"path": "/a"},
        )
    assert caught.value.field == "data.properties.compressionType"


@pytest.mark.parametrize("fmt", ["parquet", "parquet_xdm"])
def test_compression_only_for_delimited_and_json(fmt: str) -> None:
    with pytest.raises(InvalidField) as caught:
        validate_source(
            get_spec(S3), {"format": fmt, "properties": {"compressionType": "gzip"}}, {"path": "/a"}
        )
    assert "delimited and json" in caught.value.message


def test_encodings() -> None:
    data = {"format": "delimited", "properties": {"encoding": "iso-8859-1"}}
    out, _ = validate_source(get_spec(S3), data, {"path": "/a"})
    assert out["properties"]["encoding"] == "ISO-8859-1"
    with pytest.raises(InvalidField) as caught:
        validate_source(
            get_spec(S3),
            {"format": "delimited", "properties": {"encoding": "UTF-16"}},
            {"path": "/a"},
        )
    assert caught.value.field == "data.properties.encoding"


def test_schema_reference_must_be_strings() -> None:
    with pytest.raises(InvalidField) as caught:
        validate_source(get_spec(S3), {"format": "json", "schema": {"id": 3}}, {"path": "/a"})
    assert caught.value.field == "data.schema.id"


def test_file_params() -> None:
    with pytest.raises(InvalidField) as missing:
        validate_source(get_spec(S3), {"format": "json"}, {"recursive": True})
    assert (missing.value.code, missing.value.field) == ("1304", "params.path")
    with pytest.raises(InvalidField) as bad_type:
        validate_source(get_spec(S3), {"format": "json"}, {"path": "/a", "type": "bucket"})
    assert bad_type.value.field == "params.type"
    _, params = validate_source(
        get_spec(S3),
        {"format": "json"},
        {"path": "/a", "type": "Folder", "recursive": "false", "x": 1},
    )
    assert params == {"path": "/a", "type": "folder", "recursive": False, "x": 1}


def test_streaming_sources_take_json_only() -> None:
    kinesis = get_spec(KINESIS)
    _, params = validate_source(
        kinesis, {"format": "json"}, {"stream": "orders", "dataType": "raw", "reset": "latest"}
    )
    assert params == {"stream": "orders", "dataType": "raw", "reset": "latest"}
    with pytest.raises(InvalidField) as caught:
        validate_source(kinesis, {"format": "delimited"}, {"stream": "orders"})
    assert caught.value.code == "1327"
    with pytest.raises(InvalidField) as missing:
        validate_source(kinesis, {"format": "json"}, {"dataType": "raw"})
    assert missing.value.field == "params.stream"


def test_event_hubs_source_params_of_the_tutorial() -> None:
    params = {
        "eventHubName": "{EVENT_HUB_NAME}",
        "dataType": "raw",
        "reset": "latest",
        "consumerGroup": "{CONSUMER_GROUP}",
    }
    _, out = validate_source(get_spec(EVENT_HUBS), {"format": "json"}, params)
    assert out == params
    with pytest.raises(InvalidField) as caught:
        validate_source(
            get_spec(EVENT_HUBS), {"format": "json"}, {"eventHubName": "h", "reset": "yesterday"}
        )
    assert caught.value.field == "params.reset"


def test_the_data_lake_is_not_a_source() -> None:
    with pytest.raises(BadRequest) as caught:
        validate_source(get_spec(DATA_LAKE_SPEC_ID), {"format": "json"}, {})
    assert caught.value.code == "1413"


def test_target_connection_of_seed_000() -> None:
    data = {
        "format": "parquet_xdm",
        "schema": {"id": "https://ns.adobe.com/t/schemas/e1", "version": SCHEMA_VERSION},
    }
    out_data, out_params = validate_target(
        get_spec(DATA_LAKE_SPEC_ID), data, {"dataSetId": "5e7439b1ad55a618ad4c5102"}
    )
    assert out_data == data
    assert out_params == {"dataSetId": "5e7439b1ad55a618ad4c5102"}


def test_target_rules() -> None:
    lake = get_spec(DATA_LAKE_SPEC_ID)
    with pytest.raises(BadRequest) as not_lake:
        validate_target(get_spec(S3), {}, {"dataSetId": "x"})
    assert not_lake.value.code == "1307"
    with pytest.raises(InvalidField) as no_dataset:
        validate_target(lake, {"format": "parquet_xdm"}, {})
    assert (no_dataset.value.code, no_dataset.value.field) == ("1325", "params.dataSetId")
    with pytest.raises(InvalidField) as bad_format:
        validate_target(lake, {"format": "xml"}, {"dataSetId": "x"})
    assert bad_format.value.code == "1327"
    out, _ = validate_target(lake, {"format": "Delimited"}, {"dataSetId": "x"})
    assert out == {"format": "delimited"}
