"""``GET /connectionSpecs/{DLZ}/explore``: listings, previews and ``determineProperties``."""

from __future__ import annotations

import gzip
import io
import json
import tarfile

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest

from .conftest import EXPLORE, FS, problem_code, upload

CSV = b"Id,FirstName,LastName\n1,Ada,Lovelace\n2,Alan,Turing\n"
TSV = "Id\tFirstName\tCity\n" + "".join(f"{i}\tName{i}\tCity, {i}\n" for i in range(250))


def explore(tenant, status=200, **params):
    reply = tenant.request("GET", EXPLORE, params=params)
    assert reply.status_code == status, reply.text
    return reply.json() if status == 200 else reply


def columns(body):
    return [c["name"] for c in body["schema"]["columns"]]


def test_root_and_folders_list_files_and_folders(tenant):
    upload(tenant, "data8.csv", CSV)
    upload(tenant, "userdata1/a.csv", CSV)
    upload(tenant, "userdata1/deeper/b.csv", CSV)
    assert explore(tenant, objectType="root") == [
        {
            "type": "file",
            "name": "data8.csv",
            "path": "dlz-user-container/data8.csv",
            "canPreview": True,
            "canFetchSchema": True,
        },
        {
            "type": "folder",
            "name": "userdata1",
            "path": "dlz-user-container/userdata1/",
            "canPreview": False,
            "canFetchSchema": False,
        },
    ]
    inner = explore(tenant, objectType="folder", object="dlz-user-container/userdata1/")
    assert [(i["type"], i["path"]) for i in inner] == [
        ("file", "dlz-user-container/userdata1/a.csv"),
        ("folder", "dlz-user-container/userdata1/deeper/"),
    ]
    assert explore(tenant, objectType="FOLDER", object="userdata1/deeper")[0]["name"] == "b.csv"


def test_an_empty_container_lists_nothing(tenant):
    assert explore(tenant, objectType="root") == []


def test_a_csv_previews_as_flat_string_columns(tenant):
    upload(tenant, "data8.csv", CSV)
    body = explore(
        tenant,
        objectType="file",
        object="dlz-user-container/data8.csv",
        fileType="delimited",
        preview="true",
    )
    assert body == {
        "format": "flat",
        "schema": {
            "columns": [
                {"name": name, "type": "string", "xdm": {"type": "string"}}
                for name in ("Id", "FirstName", "LastName")
            ]
        },
        "data": [
            {"Id": "1", "FirstName": "Ada", "LastName": "Lovelace"},
            {"Id": "2", "FirstName": "Alan", "LastName": "Turing"},
        ],
    }
    schema_only = explore(tenant, objectType="file", object="data8.csv", fileType="DELIMITED")
    assert set(schema_only) == {"format", "schema"}


def test_a_gzipped_tsv_previews_its_first_hundred_rows(tenant):
    upload(tenant, "in/leads.tsv.gz", gzip.compress(TSV.encode()))
    body = explore(
        tenant,
        objectType="file",
        object="dlz-user-container/in/leads.tsv.gz",
        fileType="delimited",
        preview="true",
        columnDelimiter="\t",
        compressionType="gzip",
    )
    assert columns(body) == ["Id", "FirstName", "City"]
    assert len(body["data"]) == 100
    assert body["data"][0] == {"Id": "0", "FirstName": "Name0", "City": "City, 0"}
    assert "properties" not in body


def test_determine_properties_detects_a_gzipped_tsv(tenant):
    upload(tenant, "in/leads.tsv.gz", gzip.compress(TSV.encode()))
    body = explore(
        tenant,
        objectType="file",
        object="dlz-user-container/in/leads.tsv.gz",
        preview="true",
        determineProperties="true",
    )
    assert body["properties"] == {
        "fileType": "delimited",
        "compressionType": "gzip",
        "columnDelimiter": "\t",
    }
    assert columns(body) == ["Id", "FirstName", "City"]
    assert body["data"][1]["City"] == "City, 1"


def test_determine_properties_on_a_csv_reports_no_compression(tenant):
    upload(tenant, "a.csv", CSV.replace(b",", b";"))
    body = explore(
        tenant, objectType="file", object="a.csv", preview="true", determineProperties="true"
    )
    assert body["properties"] == {
        "fileType": "delimited",
        "compressionType": None,
        "columnDelimiter": ";",
    }
    assert body["data"][0]["FirstName"] == "Ada"


def test_json_files_preview_with_their_types(tenant):
    lines = [
        {"id": "a", "score": 1, "ok": True, "person": {"name": "Ada"}, "tags": ["x"]},
        {"id": "b", "score": 2, "ok": False, "person": {"name": "Alan"}, "tags": []},
    ]
    upload(tenant, "people.json", "\n".join(json.dumps(line) for line in lines).encode())
    body = explore(tenant, objectType="file", object="people.json", fileType="json", preview="true")
    kinds = {c["name"]: c["xdm"]["type"] for c in body["schema"]["columns"]}
    assert kinds == {
        "id": "string",
        "score": "integer",
        "ok": "boolean",
        "person": "object",
        "tags": "array",
    }
    assert body["data"] == lines
    detected = explore(tenant, objectType="file", object="people.json", determineProperties="true")
    assert detected["properties"] == {
        "fileType": "json",
        "compressionType": None,
        "columnDelimiter": None,
    }


def test_parquet_and_archives_preview(tenant):
    sink = io.BytesIO()
    pq.write_table(pa.table({"id": ["p1", "p2"], "n": [1.5, 2.5]}), sink)
    upload(tenant, "t.parquet", sink.getvalue())
    body = explore(
        tenant, objectType="file", object="t.parquet", determineProperties="true", preview="true"
    )
    assert body["properties"]["fileType"] == "parquet"
    assert body["data"] == [{"id": "p1", "n": 1.5}, {"id": "p2", "n": 2.5}]

    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w:gz") as tar:
        for name, text in (("one.csv", b"a,b\n1,2\n"), ("two.csv", b"c\n3\n")):
            info = tarfile.TarInfo(name)
            info.size = len(text)
            tar.addfile(info, io.BytesIO(text))
    upload(tenant, "both.tar.gz", archive.getvalue())
    body = explore(
        tenant, objectType="file", object="both.tar.gz", determineProperties="true", preview="true"
    )
    assert body["properties"]["compressionType"] == "tarGzip"
    assert body["data"] == [{"a": "1", "b": "2"}]  # the first member only


def test_rows_with_the_wrong_number_of_fields_are_left_out(tenant):
    upload(tenant, "bad.csv", b"a,b\n1,2\nonly-one\n3,4\n")
    body = explore(
        tenant, objectType="file", object="bad.csv", fileType="delimited", preview="true"
    )
    assert body["data"] == [{"a": "1", "b": "2"}, {"a": "3", "b": "4"}]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"objectType": "folder"}, "1337"),
        ({"objectType": "file", "fileType": "delimited"}, "1337"),
        ({"objectType": "file", "object": "a.csv"}, "1337"),
        ({"objectType": "table", "object": "a.csv"}, "1358"),
        ({"objectType": "bucket"}, "1358"),
        (
            {
                "objectType": "file",
                "object": "a.csv",
                "fileType": "delimited",
                "determineProperties": "true",
            },
            "1374",
        ),
        (
            {
                "objectType": "file",
                "object": "a.csv",
                "columnDelimiter": ";",
                "determineProperties": "true",
            },
            "1374",
        ),
        ({"objectType": "file", "object": "a.csv", "fileType": "xml"}, "1327"),
        ({"objectType": "file", "object": "../a.csv", "fileType": "delimited"}, "1000"),
        ({"objectType": "file", "object": "/etc/passwd", "fileType": "delimited"}, "1000"),
    ],
)
def test_bad_queries_answer_the_platform_codes(tenant, params, code):
    upload(tenant, "a.csv", CSV)
    reply = explore(tenant, 400, **params)
    assert reply.json()["type"] == f"https://ns.adobe.com/aep/errors/FLOW-{code}-400", reply.text


def test_missing_files_and_folders_are_404(tenant):
    upload(tenant, "a.csv", CSV)
    for params in (
        {"objectType": "file", "object": "nope.csv", "fileType": "delimited"},
        {"objectType": "file", "object": "dlz-user-container", "fileType": "delimited"},
        {"objectType": "folder", "object": "nope/"},
        {"objectType": "folder", "object": "a.csv"},
    ):
        assert explore(tenant, 404, **params).status_code == 404


def test_other_specs_cannot_be_explored_this_way(tenant):
    s3 = "ecadc60c-7455-4d87-84dc-2a0e293d997b"
    reply = tenant.request(
        "GET", f"{FS}/connectionSpecs/{s3}/explore", params={"objectType": "root"}
    )
    assert reply.status_code == 400
    assert problem_code(reply) == "1336"


def test_explore_sees_only_the_callers_sandbox(tenant, other_tenant):
    upload(tenant, "mine.csv", CSV)
    assert explore(other_tenant, objectType="root") == []
    reply = explore(other_tenant, 404, objectType="file", object="mine.csv", fileType="delimited")
    assert reply.status_code == 404


def test_unknown_explore_parameters_are_refused(tenant):
    reply = explore(tenant, 400, objectType="root", bogus="1")
    assert problem_code(reply) == "1451"
