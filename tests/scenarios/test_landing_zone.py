"""End to end: a file uploaded to the Data Landing Zone, ingested by the live server's scheduler."""

from __future__ import annotations

from typing import Any

import httpx

from support.flows import DLZ_SPEC, FS, Api, build_flow, landing_zone_source, wait_for_runs

LZ = "/data/foundation/connectors/landingzone"
CSV = b"Id,FirstName,LastName\n1,Ada,Lovelace\n2,Alan,Turing\n3,Grace,Hopper\n"


def put_file(tenant: Any, path: str, content: bytes) -> dict[str, Any]:
    headers = tenant.headers(**{"Content-Type": "application/octet-stream"})
    reply = httpx.put(
        f"{tenant.base_url}{LZ}/files/{path}", content=content, headers=headers, timeout=60
    )
    assert reply.status_code == 201, reply.text
    return dict(reply.json())


def dlz_flow(api: Api, path: str) -> dict[str, str]:
    """A once-flow from the landing zone (no base connection) to a new dataset."""
    return build_flow(api, source=landing_zone_source(), path=path, data={"format": "delimited"})


def test_an_uploaded_file_is_ingested_into_the_dataset(live_server):
    tenant = live_server.new_tenant()
    api = Api(tenant)
    zone = api.call("GET", LZ, params={"type": "user_drop_zone"})
    assert zone == {"containerName": "dlz-user-container", "containerTTL": "7"}
    stored = put_file(tenant, "dlz-user-container/leads/data8.csv", CSV)
    assert stored["path"] == "dlz-user-container/leads/data8.csv"

    preview = api.call(
        "GET",
        f"{FS}/connectionSpecs/{DLZ_SPEC}/explore",
        params={
            "objectType": "file",
            "object": stored["path"],
            "preview": "true",
            "determineProperties": "true",
        },
    )
    assert preview["properties"]["fileType"] == "delimited"
    assert len(preview["data"]) == 3

    ids = build_flow(
        api, source=landing_zone_source(), path=stored["path"], data={"format": "delimited"}
    )
    (run,) = wait_for_runs(api, ids["flow"], 1)
    metrics = run["metrics"]
    assert metrics["statusSummary"]["status"] == "success", metrics
    assert metrics["recordSummary"]["outputRecordCount"] == 3
    assert metrics["fileSummary"]["inputFileCount"] == 1

    rows = api.call("GET", f"/data/foundation/export/datasets/{ids['dataset']}/preview")["data"]
    assert sorted((r["_id"], r["person"]["name"]["firstName"]) for r in rows) == [
        ("1", "Ada"),
        ("2", "Alan"),
        ("3", "Grace"),
    ]


def test_the_cli_uploads_where_a_flow_reads(live_server, tmp_path):
    tenant = live_server.new_tenant()
    api = Api(tenant)
    source = tmp_path / "people.csv"
    source.write_bytes(CSV)
    printed = live_server.cli(
        "landing-zone", "upload", str(source), "--org", tenant.org_id, "--path", "cli"
    ).strip()
    assert printed == "dlz-user-container/cli/people.csv"
    listed = api.call("GET", f"{LZ}/files")["items"]
    assert [item["path"] for item in listed] == [printed]

    ids = build_flow(
        api,
        source=landing_zone_source(),
        path="dlz-user-container/cli/*.csv",
        data={"format": "delimited"},
    )
    (run,) = wait_for_runs(api, ids["flow"], 1)
    assert run["metrics"]["statusSummary"]["status"] == "success", run["metrics"]
    rows = api.call("GET", f"/data/foundation/export/datasets/{ids['dataset']}/preview")["data"]
    assert sorted(r["_id"] for r in rows) == ["1", "2", "3"]
