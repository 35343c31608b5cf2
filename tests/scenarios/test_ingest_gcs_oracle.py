"""End to end: seed 003's TSV flow reading from Google Cloud Storage (an HMAC key against moto's
S3 API; a service account key against gcp-storage-emulator) and from Oracle Object Storage (its
S3 Compatibility API, against moto), run by the real server's scheduler."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support.flows import HEADER, Api, Source, build_flow, dataset_rows, wait_for_runs
from support.gcs_emulator import GcsEmulator, gcs_auth_params, start_gcs_emulator
from support.gcs_emulator import put_objects as put_gcs_objects
from support.live_server import LiveServer
from support.moto_server import MotoServer, put_objects, unique_bucket

GCS = "32e8f412-cdf7-464c-9885-78184cb113fd"
ORACLE = "c85f9425-fb21-426c-ad0b-405e9bd8a46c"
ROWS = HEADER + "1\tAda\tLovelace\n2\tAlan\tTuring\n"


@pytest.fixture(scope="module")
def emulator() -> Iterator[GcsEmulator]:
    server = start_gcs_emulator()
    yield server
    server.stop()


def ingest(live_server: LiveServer, source: Source, path: str) -> list[tuple[str, str]]:
    """Run a flow over ``path`` once; the ingested (id, first name) pairs."""
    tenant = live_server.new_tenant()
    api = Api(tenant)
    ids = build_flow(api, source=source, path=path)
    (run,) = wait_for_runs(api, ids["flow"], 1)
    metrics = run["metrics"]
    assert metrics["statusSummary"]["status"] == "success", metrics
    assert metrics["fileSummary"]["inputFileCount"] == 1
    assert metrics["recordSummary"]["outputRecordCount"] == 2
    rows = dataset_rows(live_server.data_dir, tenant.org_id, run["sandboxId"], ids["dataset"])
    return sorted((r["_id"], r["person"]["name"]["firstName"]) for r in rows)


def test_google_cloud_storage_with_an_hmac_key(live_server: LiveServer, moto: MotoServer) -> None:
    bucket = unique_bucket()
    put_objects(moto, bucket, {"leads/a.tsv": ROWS.encode(), "leads/skip.csv": b"x\n"})
    params = {
        "accessKeyId": moto.access_key,
        "secretAccessKey": moto.secret_key,
        "serviceUrl": moto.url,
    }
    source = Source(GCS, "Basic Authentication for google-cloud", params)
    assert ingest(live_server, source, f"/{bucket}/leads/*.tsv") == [("1", "Ada"), ("2", "Alan")]


def test_google_cloud_storage_with_a_service_account(
    live_server: LiveServer, emulator: GcsEmulator
) -> None:
    bucket = unique_bucket()
    put_gcs_objects(emulator, bucket, {"in/a.tsv": ROWS.encode()})
    source = Source(
        GCS, "Service Account Authentication for google-cloud", gcs_auth_params(emulator)
    )
    assert ingest(live_server, source, f"/{bucket}/in/*.tsv") == [("1", "Ada"), ("2", "Alan")]


def test_oracle_object_storage(live_server: LiveServer, moto: MotoServer) -> None:
    bucket = unique_bucket()
    put_objects(moto, bucket, {"exports/leads.tsv": ROWS.encode()})
    params = {
        "serviceUrl": moto.url,
        "accessKey": moto.access_key,
        "secretKey": moto.secret_key,
        "bucketName": bucket,
    }
    source = Source(ORACLE, "Access Key", params)
    assert ingest(live_server, source, "/exports/leads.tsv") == [("1", "Ada"), ("2", "Alan")]
