"""End to end: a TSV file in Azurite ingested into a dataset by the real server's scheduler,
through the Azure Blob connector (connection string) and the ADLS Gen2 one (account key)."""

from __future__ import annotations

from typing import Any

from support.azurite_server import ACCOUNT_KEY, AzuriteServer, azurite, put_blobs, unique_container
from support.flows import HEADER, Api, Source, build_flow, dataset_rows, wait_for_runs

__all__ = ["azurite"]

BLOB_SPEC = "4c10e202-c428-4796-9208-5f1f5732b1cf"
ADLS_SPEC = "b3ba5556-48be-44b7-8b85-ff2b69b46dc4"
LEADS = (HEADER + "1\tAda\tLovelace\n2\tAlan\tTuring\n").encode()


def ingest(live_server: Any, source: Source, path: str) -> list[tuple[str, str]]:
    """Run a flow from ``path`` once; (id, first name) of the dataset's rows."""
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


def test_a_blob_is_ingested_through_a_connection_string(
    live_server: Any, azurite: AzuriteServer
) -> None:
    container = unique_container()
    put_blobs(azurite, container, {"leads/tsv_data/a.tsv": LEADS, "leads/other.csv": b"x"})
    source = Source(
        BLOB_SPEC, "ConnectionString", {"connectionString": azurite.connection_string()}
    )
    rows = ingest(live_server, source, f"/{container}/leads/tsv_data/*.tsv")
    assert rows == [("1", "Ada"), ("2", "Alan")]


def test_an_adls_gen2_file_is_ingested_with_an_account_key(
    live_server: Any, azurite: AzuriteServer
) -> None:
    container = unique_container("fs")
    put_blobs(azurite, container, {"leads/tsv_data/a.tsv": LEADS})
    # The URL names the file system: paths are inside it.
    params = {"url": f"{azurite.url}/{container}", "accountKey": ACCOUNT_KEY}
    source = Source(ADLS_SPEC, "Account Key Authentication for adls-gen2", params)
    assert ingest(live_server, source, "/leads/tsv_data/*.tsv") == [("1", "Ada"), ("2", "Alan")]
