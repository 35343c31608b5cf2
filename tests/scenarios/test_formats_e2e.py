"""Formats end to end: files in S3 (a moto server) → a live ``headwater serve`` → the dataset.

Every test builds a flow through the API, lets the server's scheduler run it, and reads the
dataset's Delta table back: compressed text, archives, JSON (lines and arrays, nested), other
encodings, XDM-shaped Parquet without a mapping (seed 000), and files that must fail cleanly.
"""

from __future__ import annotations

import gzip
import io
import json
import time
import zipfile
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from headwater import lake
from support.flows import Api, build_flow, status_of, table_uri, tsv, wait_for_runs
from support.live_server import LiveServer
from support.moto_server import MotoServer, put_objects, s3_auth_params, unique_bucket
from support.servers import Server

CTX = "https://ns.adobe.com/xdm/context/"
# Seed 000's target schema: the profile class with these field groups.
SEED_000_SCHEMA = {
    "type": "object",
    "title": "Sample Demo Profile XDM",
    "description": "",
    "allOf": [
        {"$ref": CTX + "profile"},
        {"$ref": CTX + "profile-person-details"},
        {"$ref": CTX + "profile-personal-details"},
        {"$ref": CTX + "profile-work-details"},
        {"$ref": CTX + "profile-subscriptions"},
        {"$ref": CTX + "identitymap"},
    ],
    "meta:containerId": "tenant",
    "meta:resourceType": "schemas",
    "meta:xdmType": "object",
    "meta:class": CTX + "profile",
}
# Seed 000's flow: no mapping, a minute schedule with a long interval, backfill.
SEED_000_SCHEDULE = {"frequency": "minute", "interval": 1000, "backfill": True}


@pytest.fixture(scope="module")
def server(live_server: LiveServer) -> Server:
    """The session's live server (default settings: a 0.5 s tick)."""
    database_url = f"sqlite:///{(live_server.data_dir / 'headwater.db').resolve()}"
    return Server(live_server.process, live_server.base_url, live_server.data_dir, database_url)


@pytest.fixture(scope="module")
def api(server: Server) -> Api:
    return Api(server.new_tenant())


def ingest(
    server: Server,
    api: Api,
    moto: MotoServer,
    files: dict[str, bytes],
    **flow: Any,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Put ``files`` in a new bucket, run a flow over them once: (its run, the dataset's rows)."""
    bucket = unique_bucket()
    put_objects(moto, bucket, files)
    ids = build_flow(api, auth=s3_auth_params(moto), path=f"/{bucket}/in", **flow)
    (run,) = wait_for_runs(api, ids["flow"], 1)
    uri = table_uri(server.data_dir, api.tenant.org_id, run["sandboxId"], ids["dataset"])
    try:
        rows = lake.preview(uri, limit=100_000)
    except lake.TableNotFound:
        rows = []
    return run, rows


def names(rows: list[dict[str, Any]]) -> list[tuple[str, str | None, str | None]]:
    """(``_id``, first name, last name) of every row, sorted."""
    out = []
    for row in rows:
        name = (row.get("person") or {}).get("name") or {}
        out.append((row["_id"], name.get("firstName"), name.get("lastName")))
    return sorted(out)


def expect_success(run: dict[str, Any], *, files: int, rows: int) -> None:
    metrics = run["metrics"]
    assert status_of(run) == "success", metrics
    assert metrics["fileSummary"]["inputFileCount"] == files
    assert metrics["recordSummary"]["outputRecordCount"] == rows


def zipped(members: dict[str, bytes]) -> bytes:
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return sink.getvalue()


def parquet(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


CSV_MAPPINGS = [
    {"destinationXdmPath": "_id", "sourceAttribute": "id"},
    {"destinationXdmPath": "person.name.firstName", "sourceAttribute": "first"},
    {"destinationXdmPath": "person.name.lastName", "sourceAttribute": "last"},
]


def test_a_gzip_tsv(server: Server, api: Api, moto: MotoServer) -> None:
    run, rows = ingest(server, api, moto, {"in/leads.tsv.gz": gzip.compress(tsv(1_000))})
    expect_success(run, files=1, rows=1_000)
    assert len(rows) == 1_000
    assert names(rows)[:2] == [("0", "First0", "Last0"), ("1", "First1", "Last1")]


def test_a_zip_of_two_csv_files(server: Server, api: Api, moto: MotoServer) -> None:
    archive = zipped(
        {
            "north.csv": b"id,first,last\n1,Ada,Lovelace\n2,Alan,Turing\n",
            "south.csv": b"id,first,last\n3,Grace,Hopper\n",
        }
    )
    run, rows = ingest(
        server,
        api,
        moto,
        {"in/people.zip": archive},
        data={"format": "delimited", "columnDelimiter": ","},
        mappings=CSV_MAPPINGS,
    )
    expect_success(run, files=1, rows=3)
    assert names(rows) == [
        ("1", "Ada", "Lovelace"),
        ("2", "Alan", "Turing"),
        ("3", "Grace", "Hopper"),
    ]


def test_json_lines_with_nested_objects_map_to_nested_xdm_paths(
    server: Server, api: Api, moto: MotoServer
) -> None:
    records = [
        {"id": "j1", "who": {"given": "Ada", "family": "Lovelace"}, "born": {"year": 1815}},
        {"id": "j2", "who": {"given": "Alan", "family": "Turing"}, "born": {"year": 1912}},
        {"id": "j3", "who": {"given": "Grace"}, "born": {}},
    ]
    body = "\n".join(json.dumps(one) for one in records).encode()
    run, rows = ingest(
        server,
        api,
        moto,
        {"in/people.json": body},
        data={"format": "json"},
        mappings=[
            {"destinationXdmPath": "_id", "sourceAttribute": "id"},
            {"destinationXdmPath": "person.name.firstName", "sourceAttribute": "who.given"},
            {"destinationXdmPath": "person.name.lastName", "sourceAttribute": "who.family"},
            {"destinationXdmPath": "person.birthYear", "sourceAttribute": "born.year"},
        ],
    )
    expect_success(run, files=1, rows=3)
    assert names(rows) == [
        ("j1", "Ada", "Lovelace"),
        ("j2", "Alan", "Turing"),
        ("j3", "Grace", None),
    ]
    years = {row["_id"]: row["person"].get("birthYear") for row in rows}
    assert years == {"j1": 1815, "j2": 1912, "j3": None}


def test_a_multi_line_json_array(server: Server, api: Api, moto: MotoServer) -> None:
    records = [
        {"id": "a1", "first": "Ada", "last": "Lovelace"},
        {"id": "a2", "first": "Alan", "last": "Turing"},
    ]
    run, rows = ingest(
        server,
        api,
        moto,
        {"in/people.json": json.dumps(records, indent=2).encode()},
        data={"format": "json"},
        mappings=CSV_MAPPINGS,
    )
    expect_success(run, files=1, rows=2)
    assert names(rows) == [("a1", "Ada", "Lovelace"), ("a2", "Alan", "Turing")]


def test_an_iso_8859_1_csv(server: Server, api: Api, moto: MotoServer) -> None:
    text = "id,first,last\n1,Zoë,Brontë\n2,Jürgen,Groß\n3,François,Señor\n"
    run, rows = ingest(
        server,
        api,
        moto,
        {"in/people.csv": text.encode("iso-8859-1")},
        data={"format": "delimited", "columnDelimiter": ",", "encoding": "ISO-8859-1"},
        mappings=CSV_MAPPINGS,
    )
    expect_success(run, files=1, rows=3)
    assert names(rows) == [
        ("1", "Zoë", "Brontë"),
        ("2", "Jürgen", "Groß"),
        ("3", "François", "Señor"),
    ]


def test_seed_000_xdm_shaped_parquet_without_a_mapping(
    server: Server, api: Api, moto: MotoServer
) -> None:
    name = pa.struct([("firstName", pa.string()), ("lastName", pa.string())])
    table = pa.table(
        {
            "_id": ["p1", "p2"],
            "person": pa.array(
                [
                    {"name": {"firstName": "Ada", "lastName": "Lovelace"}},
                    {"name": {"firstName": "Alan", "lastName": "Turing"}},
                ],
                pa.struct([("name", name)]),
            ),
        }
    )
    run, rows = ingest(
        server,
        api,
        moto,
        {"in/profiles.parquet": parquet(table)},
        data={"format": "parquet_xdm"},
        mappings=None,
        schema=SEED_000_SCHEMA,
        schedule={"startTime": int(time.time()), **SEED_000_SCHEDULE},
    )
    expect_success(run, files=1, rows=2)
    assert names(rows) == [("p1", "Ada", "Lovelace"), ("p2", "Alan", "Turing")]


def test_parquet_that_does_not_fit_the_schema_fails_naming_the_columns(
    server: Server, api: Api, moto: MotoServer
) -> None:
    table = pa.table({"_id": ["p1"], "first_name": ["Ada"], "surname": ["Lovelace"]})
    run, rows = ingest(
        server,
        api,
        moto,
        {"in/profiles.parquet": parquet(table)},
        data={"format": "parquet_xdm"},
        mappings=None,
        schema=SEED_000_SCHEMA,
        schedule={"startTime": int(time.time()), **SEED_000_SCHEDULE},
    )
    assert status_of(run) == "failed"
    (error,) = run["metrics"]["statusSummary"]["errors"]
    assert error["code"] == "CONNECTOR-2001-500"
    assert "first_name" in error["message"] and "surname" in error["message"], error
    assert "profiles.parquet" in error["message"]
    assert rows == []


def test_a_truncated_gzip_fails_the_run_naming_the_file_and_commits_nothing(
    server: Server, api: Api, moto: MotoServer
) -> None:
    whole = gzip.compress(tsv(20_000))
    run, rows = ingest(
        server,
        api,
        moto,
        {
            "in/good.tsv.gz": gzip.compress(tsv(5, start=900_000)),
            "in/broken.tsv.gz": whole[: len(whole) // 2],
        },
    )
    assert status_of(run) == "failed"
    errors = run["metrics"]["statusSummary"]["errors"]
    assert errors[0]["code"] == "CONNECTOR-2001-500", errors
    assert "broken.tsv.gz" in errors[0]["message"], errors
    assert run["metrics"]["recordSummary"]["outputRecordCount"] == 0
    assert rows == []  # not even the good file's rows: one commit per run, or none
