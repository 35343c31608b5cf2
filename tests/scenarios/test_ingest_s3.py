"""End to end: seed 003's flow pointed at an S3 bucket, run by the real server's scheduler."""

from __future__ import annotations

from support.flows import FS, Api, build_flow, dataset_rows, wait_for_runs
from support.moto_server import MotoServer, put_objects, s3_auth_params, unique_bucket

HEADER = "Id\tFirstName\tLastName\n"


def auth(moto: MotoServer) -> dict[str, str]:
    return s3_auth_params(moto, serviceUrl=moto.url)


def test_files_ingest_once_each_into_the_dataset(live_server, moto):
    tenant = live_server.new_tenant()
    api = Api(tenant)
    bucket = unique_bucket()
    put_objects(
        moto,
        bucket,
        {"leads/tsv_data/a.tsv": (HEADER + "1\tAda\tLovelace\n2\tAlan\tTuring\n").encode()},
    )
    ids = build_flow(api, auth=auth(moto), path=f"/{bucket}/leads/tsv_data/*.tsv")

    (first,) = wait_for_runs(api, ids["flow"], 1)
    metrics = first["metrics"]
    assert metrics["statusSummary"]["status"] == "success", metrics
    assert metrics["recordSummary"]["inputRecordCount"] == 2
    assert metrics["recordSummary"]["outputRecordCount"] == 2
    assert metrics["fileSummary"]["inputFileCount"] == 1
    batch_id = first["activities"][1]["targetInfo"][0]["reference"]["ids"][0]
    batch = api.call("GET", f"/data/foundation/catalog/batches/{batch_id}")[batch_id]
    assert batch["status"] == "success"

    rows = dataset_rows(live_server.data_dir, tenant.org_id, first["sandboxId"], ids["dataset"])
    assert sorted((r["_id"], r["person"]["name"]["firstName"]) for r in rows) == [
        ("1", "Ada"),
        ("2", "Alan"),
    ]

    # A new file arrives: an on-demand run takes it, and only it.
    put_objects(moto, bucket, {"leads/tsv_data/b.tsv": (HEADER + "3\tGrace\tHopper\n").encode()})
    api.created(f"{FS}/runs", {"flowId": ids["flow"]})
    second = wait_for_runs(api, ids["flow"], 2)[1]
    assert second["metrics"]["fileSummary"]["inputFileCount"] == 1
    assert second["metrics"]["recordSummary"]["outputRecordCount"] == 1

    # Nothing new: a run that takes no file and writes nothing.
    api.created(f"{FS}/runs", {"flowId": ids["flow"]})
    third = wait_for_runs(api, ids["flow"], 3)[2]
    assert third["metrics"]["statusSummary"]["status"] == "success"
    assert third["metrics"]["fileSummary"]["inputFileCount"] == 0

    rows = dataset_rows(live_server.data_dir, tenant.org_id, first["sandboxId"], ids["dataset"])
    assert sorted(r["_id"] for r in rows) == ["1", "2", "3"]
    flow = api.call("GET", f"{FS}/flows/{ids['flow']}")["items"][0]
    assert flow["lastRunDetails"]["id"] == third["id"]


def test_rejected_rows_fail_the_run_without_partial_ingestion(live_server, moto):
    tenant = live_server.new_tenant()
    api = Api(tenant)
    bucket = unique_bucket()
    bad = HEADER + "1\tAda\tLovelace\n2\tonly-two-fields\n"
    put_objects(moto, bucket, {"in/a.tsv": bad.encode()})
    ids = build_flow(api, auth=auth(moto), path=f"/{bucket}/in/*.tsv")
    (run,) = wait_for_runs(api, ids["flow"], 1)
    status = run["metrics"]["statusSummary"]
    assert status["status"] == "failed"
    assert status["errors"][0]["code"] == "INGEST-1212-400"
    assert run["metrics"]["recordSummary"]["failedRecordCount"] == 1
    assert dataset_rows(live_server.data_dir, tenant.org_id, run["sandboxId"], ids["dataset"]) == []


def test_partial_ingestion_commits_the_valid_rows(live_server, moto):
    tenant = live_server.new_tenant()
    api = Api(tenant)
    bucket = unique_bucket()
    bad = HEADER + "1\tAda\tLovelace\n2\tonly-two-fields\n3\tGrace\tHopper\n"
    put_objects(moto, bucket, {"in/a.tsv": bad.encode()})
    ids = build_flow(
        api,
        auth=auth(moto),
        path=f"/{bucket}/in/*.tsv",
        options={"partialIngestionPercent": 50, "errorDiagnosticsEnabled": True},
    )
    (run,) = wait_for_runs(api, ids["flow"], 1)
    assert run["metrics"]["statusSummary"]["status"] == "success", run["metrics"]
    assert run["metrics"]["recordSummary"]["failedRecordCount"] == 1
    assert run["metrics"]["recordSummary"]["outputRecordCount"] == 2
    rows = dataset_rows(live_server.data_dir, tenant.org_id, run["sandboxId"], ids["dataset"])
    assert sorted(r["_id"] for r in rows) == ["1", "3"]


def test_wrong_credentials_fail_the_run_with_a_copy_error(live_server, moto):
    tenant = live_server.new_tenant()
    api = Api(tenant)
    bucket = unique_bucket()
    put_objects(moto, bucket, {"in/a.tsv": (HEADER + "1\tAda\tLovelace\n").encode()})
    wrong = {**auth(moto), "s3SecretKey": "not-the-secret"}
    ids = build_flow(api, auth=wrong, path=f"/{bucket}/in/*.tsv")
    (run,) = wait_for_runs(api, ids["flow"], 1)
    status = run["metrics"]["statusSummary"]
    assert status["status"] == "failed"
    assert status["errors"][0]["code"] == "CONNECTOR-1001-500"
    assert "not-the-secret" not in str(run)
