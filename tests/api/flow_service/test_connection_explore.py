"""``GET /connections/{id}/explore`` on an S3 connection (moto): listings, pages, previews."""

from __future__ import annotations

import gzip
import io
import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest

from support.moto_server import MotoServer, put_objects, unique_bucket

from .s3_explore import FS, moto_server, problem_code, s3_connection

__all__ = ["moto_server"]

CSV = "Id,FirstName,City\n" + "".join(f"{i},Name{i},City {i}\n" for i in range(250))
PEOPLE = [
    {"id": "a", "score": 1, "ok": True, "person": {"name": "Ada"}, "tags": ["x"]},
    {"id": "b", "score": 2.5, "ok": False, "person": {"name": "Alan"}, "tags": []},
]


def parquet_bytes() -> bytes:
    sink = io.BytesIO()
    pq.write_table(
        pa.table({"id": ["p1", "p2"], "n": [1, 2], "at": pa.array([0, 1], pa.date32())}), sink
    )
    return sink.getvalue()


@pytest.fixture(scope="module")
def bucket(moto_server: MotoServer) -> str:
    name = unique_bucket("explore")
    put_objects(
        moto_server,
        name,
        {
            "root.csv": b"a,b\n1,2\n",
            "in/leads.csv.gz": gzip.compress(CSV.encode()),
            "in/people.json": "\n".join(json.dumps(p) for p in PEOPLE).encode(),
            "in/t.parquet": parquet_bytes(),
            "in/sub/x.csv": b"x\n1\n",
            "in/empty/": b"",
            **{f"pages/{i}.csv": b"p\n1\n" for i in range(7)},
        },
    )
    return name


def explore(tenant: Any, connection_id: str, status: int = 200, **params: Any) -> Any:
    reply = tenant.request("GET", f"{FS}/connections/{connection_id}/explore", params=params)
    assert reply.status_code == status, reply.text
    return reply


def item(kind: str, name: str, path: str) -> dict[str, Any]:
    readable = kind == "file"
    return {
        "type": kind,
        "name": name,
        "path": path,
        "canPreview": readable,
        "canFetchSchema": readable,
    }


def test_root_lists_the_buckets_and_folders_list_their_children(
    tenant: Any, moto_server: MotoServer, bucket: str
) -> None:
    connection = s3_connection(tenant, moto_server)
    root = explore(tenant, connection, objectType="root").json()
    assert item("folder", bucket, f"/{bucket}/") in root
    inside = explore(tenant, connection, objectType="folder", object=f"/{bucket}/in/").json()
    assert inside == [
        item("folder", "empty", f"/{bucket}/in/empty/"),
        item("file", "leads.csv.gz", f"/{bucket}/in/leads.csv.gz"),
        item("file", "people.json", f"/{bucket}/in/people.json"),
        item("folder", "sub", f"/{bucket}/in/sub/"),
        item("file", "t.parquet", f"/{bucket}/in/t.parquet"),
    ]
    assert (
        explore(tenant, connection, objectType="FOLDER", object=f"{bucket}/in/empty").json() == []
    )


def test_a_bucket_connection_lists_from_its_bucket(
    tenant: Any, moto_server: MotoServer, bucket: str
) -> None:
    connection = s3_connection(tenant, moto_server, bucketName=bucket)
    root = explore(tenant, connection, objectType="root").json()
    assert [(i["type"], i["path"]) for i in root] == [
        ("folder", "/in/"),
        ("folder", "/pages/"),
        ("file", "/root.csv"),
    ]
    restricted = s3_connection(tenant, moto_server, bucketName=bucket, folderPath="in/sub")
    assert explore(tenant, restricted, objectType="root").json() == [
        item("file", "x.csv", "/in/sub/x.csv")
    ]
    reply = explore(tenant, restricted, 400, objectType="folder", object="/pages")
    assert problem_code(reply) == "1000"


def test_large_folders_are_paged_with_a_link_to_the_next_page(
    tenant: Any, moto_server: MotoServer, bucket: str
) -> None:
    connection = s3_connection(tenant, moto_server, bucketName=bucket)
    reply = explore(tenant, connection, objectType="folder", object="pages", limit=3)
    names = [i["name"] for i in reply.json()]
    while "link" in reply.headers:
        link = reply.headers["link"]
        assert link.endswith('>; rel="next"')
        url = urlsplit(link[1 : link.index(">")])
        assert url.path == f"{FS}/connections/{connection}/explore"
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        assert query["limit"] == "3" and query["object"] == "pages"
        reply = explore(tenant, connection, **query)
        assert 1 <= len(reply.json()) <= 3
        names += [i["name"] for i in reply.json()]
    assert names == [f"{i}.csv" for i in range(7)]
    everything = explore(tenant, connection, objectType="folder", object="pages")
    assert "link" not in everything.headers and len(everything.json()) == 7


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 10_001},
        {"continuationToken": "not-a-token"},
        {"continuationToken": "e30"},  # {} in base64
    ],
)
def test_bad_pages_are_refused(
    tenant: Any, moto_server: MotoServer, bucket: str, params: dict[str, Any]
) -> None:
    connection = s3_connection(tenant, moto_server, bucketName=bucket)
    reply = explore(tenant, connection, 400, objectType="folder", object="pages", **params)
    assert problem_code(reply) == "1451"


def test_a_gzipped_csv_previews_its_first_rows_with_types(
    tenant: Any, moto_server: MotoServer, bucket: str
) -> None:
    connection = s3_connection(tenant, moto_server)
    body = explore(
        tenant,
        connection,
        objectType="file",
        object=f"/{bucket}/in/leads.csv.gz",
        fileType="delimited",
        preview="true",
    ).json()
    assert body["format"] == "flat"
    assert body["schema"]["columns"] == [
        {"name": name, "type": "string", "xdm": {"type": "string"}}
        for name in ("Id", "FirstName", "City")
    ]
    assert len(body["data"]) == 100
    assert body["data"][3] == {"Id": "3", "FirstName": "Name3", "City": "City 3"}
    explicit = explore(
        tenant,
        connection,
        objectType="file",
        object=f"/{bucket}/in/leads.csv.gz",
        fileType="delimited",
        compressionType="gzip",
        columnDelimiter=",",
        encoding="UTF-8",
    ).json()
    assert set(explicit) == {"format", "schema"}
    assert explicit["schema"] == body["schema"]


def test_determine_properties_detects_a_gzipped_csv(
    tenant: Any, moto_server: MotoServer, bucket: str
) -> None:
    connection = s3_connection(tenant, moto_server, bucketName=bucket)
    body = explore(
        tenant,
        connection,
        objectType="file",
        object="/in/leads.csv.gz",
        preview="true",
        determineProperties="true",
    ).json()
    assert body["properties"] == {
        "fileType": "delimited",
        "compressionType": "gzip",
        "columnDelimiter": ",",
    }
    assert body["data"][0] == {"Id": "0", "FirstName": "Name0", "City": "City 0"}


def test_json_and_parquet_preview_with_their_xdm_types(
    tenant: Any, moto_server: MotoServer, bucket: str
) -> None:
    connection = s3_connection(tenant, moto_server, bucketName=bucket)
    people = explore(
        tenant,
        connection,
        objectType="file",
        object="in/people.json",
        fileType="json",
        preview="true",
    ).json()
    assert {c["name"]: c["xdm"]["type"] for c in people["schema"]["columns"]} == {
        "id": "string",
        "score": "number",
        "ok": "boolean",
        "person": "object",
        "tags": "array",
    }
    assert people["data"] == PEOPLE
    table = explore(
        tenant,
        connection,
        objectType="file",
        object="in/t.parquet",
        determineProperties="true",
        preview="true",
    ).json()
    assert table["properties"]["fileType"] == "parquet"
    assert {c["name"]: c["xdm"] for c in table["schema"]["columns"]} == {
        "id": {"type": "string"},
        "n": {"type": "integer"},
        "at": {"type": "string", "format": "date"},
    }
    assert table["data"] == [
        {"id": "p1", "n": 1, "at": "1970-01-01"},
        {"id": "p2", "n": 2, "at": "1970-01-02"},
    ]


def test_missing_buckets_folders_and_files_are_404(
    tenant: Any, moto_server: MotoServer, bucket: str
) -> None:
    connection = s3_connection(tenant, moto_server)
    missing = unique_bucket("missing")
    for params in (
        {"objectType": "folder", "object": f"/{missing}"},
        {"objectType": "folder", "object": f"/{bucket}/nope"},
        {"objectType": "folder", "object": f"/{bucket}/root.csv"},
        {"objectType": "file", "object": f"/{bucket}/in/nope.csv", "fileType": "delimited"},
        {"objectType": "file", "object": f"/{bucket}/in", "fileType": "delimited"},
        {"objectType": "file", "object": f"/{missing}/a.csv", "fileType": "delimited"},
    ):
        assert problem_code(explore(tenant, connection, 404, **params)) == "1101", params
    gone = s3_connection(tenant, moto_server, bucketName=missing)
    assert explore(tenant, gone, 404, objectType="root").status_code == 404


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"objectType": "bucket"}, "1358"),
        ({"objectType": "table", "object": "x"}, "1358"),
        ({"objectType": "folder"}, "1337"),
        ({"objectType": "file", "fileType": "delimited"}, "1337"),
        ({"objectType": "file", "object": "/b/a.csv"}, "1337"),
        ({"objectType": "file", "object": "/b/a.csv", "fileType": "xml"}, "1327"),
        ({"objectType": "file", "object": "/b/*.csv", "fileType": "delimited"}, "1000"),
        ({"objectType": "folder", "object": "/b/../etc"}, "1000"),
        ({"objectType": "folder", "object": "/b/%2e%2e/etc"}, "1000"),
        ({"objectType": "root", "bogus": "1"}, "1451"),
    ],
)
def test_bad_queries_answer_the_platform_codes(
    tenant: Any, moto_server: MotoServer, params: dict[str, Any], code: str
) -> None:
    connection = s3_connection(tenant, moto_server)
    assert problem_code(explore(tenant, connection, 400, **params)) == code


def test_another_sandboxes_connection_is_not_found(
    tenant: Any, other_tenant: Any, moto_server: MotoServer, db: Any
) -> None:
    from headwater.services import tenancy

    connection = s3_connection(tenant, moto_server)
    tenancy.create_sandbox(db, tenant.org_id, "dev")
    for caller in (other_tenant, tenant.in_sandbox("dev")):
        reply = explore(caller, connection, 404, objectType="root")
        assert problem_code(reply) == "1101"
    assert explore(tenant, "no-such-connection", 404, objectType="root").status_code == 404


def test_wrong_credentials_are_403_without_the_secret(
    tenant: Any, moto_server: MotoServer, bucket: str
) -> None:
    secret = "wRoNg/SeCrEt+kEy0123456789abcdefghijklmn"
    connection = s3_connection(tenant, moto_server, s3SecretKey=secret)
    reply = explore(tenant, connection, 403, objectType="folder", object=f"/{bucket}/in")
    assert problem_code(reply) == "1001"
    assert "credentials" in reply.json()["errorMessage"]
    assert secret not in reply.text
