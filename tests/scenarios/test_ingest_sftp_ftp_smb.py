"""End to end: a TSV file on an SFTP, an FTP and an SMB (Azure File Storage) server, ingested by
the live server into a dataset (seed 003's flow, one connector at a time)."""

from __future__ import annotations

from typing import Any

import pytest

from support.flows import Api, Source, build_flow, dataset_rows, wait_for_runs
from support.ftp_server import FTP_AUTH, FTP_SPEC, FtpServer, ftp_server
from support.samba_server import (
    AZURE_FILES_AUTH,
    AZURE_FILES_SPEC,
    SHARE,
    SambaServer,
    samba_server,
)
from support.server_process import unique_folder as unique
from support.sftp_server import KEY_AUTH, PASSWORD_AUTH, SFTP_SPEC, SftpServer, sftp_server

__all__ = ["ftp_server", "samba_server", "sftp_server"]

LEADS = b"Id\tFirstName\tLastName\n1\tAda\tLovelace\n2\tAlan\tTuring\n"


def _ingest(live_server: Any, source: Source, path: str) -> None:
    tenant = live_server.new_tenant()
    api = Api(tenant)
    ids = build_flow(api, source=source, path=path)
    (run,) = wait_for_runs(api, ids["flow"], 1)
    metrics = run["metrics"]
    assert metrics["statusSummary"]["status"] == "success", metrics
    assert metrics["fileSummary"]["inputFileCount"] == 1
    assert metrics["recordSummary"]["outputRecordCount"] == 2
    rows = dataset_rows(live_server.data_dir, tenant.org_id, run["sandboxId"], ids["dataset"])
    assert sorted((r["_id"], r["person"]["name"]["lastName"]) for r in rows) == [
        ("1", "Lovelace"),
        ("2", "Turing"),
    ]


@pytest.mark.parametrize("auth", [PASSWORD_AUTH, KEY_AUTH])
def test_a_file_on_an_sftp_server_is_ingested(
    live_server: Any, sftp_server: SftpServer, auth: str
) -> None:
    folder = unique()
    sftp_server.write(f"{folder}/in/leads.tsv", LEADS)
    params = (
        sftp_server.password_params()
        if auth == PASSWORD_AUTH
        else sftp_server.key_params("rsa-pem-encrypted")
    )
    _ingest(live_server, Source(SFTP_SPEC, auth, params), f"/{folder}/in/*.tsv")


def test_a_file_on_an_ftp_server_is_ingested(live_server: Any, ftp_server: FtpServer) -> None:
    folder = unique()
    ftp_server.write(f"{folder}/in/leads.tsv", LEADS)
    source = Source(FTP_SPEC, FTP_AUTH, ftp_server.auth_params())
    _ingest(live_server, source, f"/{folder}/in/*.tsv")


def test_a_file_on_an_smb_share_is_ingested(live_server: Any, samba_server: SambaServer) -> None:
    folder = unique()
    samba_server.write(f"{folder}/in/leads.tsv", LEADS)
    source = Source(AZURE_FILES_SPEC, AZURE_FILES_AUTH, samba_server.auth_params())
    _ingest(live_server, source, f"/{SHARE}/{folder}/in/*.tsv")
