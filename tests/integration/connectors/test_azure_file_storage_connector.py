"""Azure File Storage (SMB) against a Samba server: the connector contract, plus SMB specifics."""

from __future__ import annotations

import os

import pytest

from headwater.connectors.azure_file_storage_io import AzureFilesConnector
from headwater.connectors.errors import (
    ConnectorAuthError,
    FileChanged,
    InvalidSourcePath,
    SourceNotFound,
    SourceUnavailable,
)
from headwater.connectors.protocol import Connector, open_connector
from headwater.errors import InvalidField
from support.moto_server import free_port
from support.samba_server import (
    AZURE_FILES_SPEC,
    SHARE,
    SambaServer,
    samba_server,
)
from support.server_process import unique_folder

from .contract import EMPTY_FOLDER, TREE, ConnectorContract, PreparedTree
from .tcp_proxy import CuttingProxy

__all__ = ["samba_server"]

WRONG_PASSWORD = "wRoNg-pAsSwOrD-0123456789"


@pytest.fixture
def folder(samba_server: SambaServer) -> str:
    name = unique_folder()
    for relative, data in TREE.items():
        samba_server.write(f"{name}/{relative}", data)
    (samba_server.share_root / name / EMPTY_FOLDER).mkdir()
    return name


class TestAzureFileStorageContract(ConnectorContract):
    @pytest.fixture
    def tree(self, samba_server: SambaServer, folder: str) -> PreparedTree:
        def write(relative: str, data: bytes) -> None:
            samba_server.write(f"{folder}/{relative}", data)

        connector = open_connector(AZURE_FILES_SPEC, samba_server.auth_params())
        return PreparedTree(connector, f"/{SHARE}/{folder}", write)

    @pytest.fixture
    def missing_paths(self, folder: str) -> list[str]:
        return [
            f"/{unique_folder('missing')}/leads/a.tsv",  # a share that does not exist
            f"/{SHARE}/{folder}/nothing-here",
            f"/{SHARE}/{folder}/leads/a.tsv/deeper",
            f"/{SHARE}/{folder}/nothing-here/*.tsv",
        ]

    @pytest.fixture(params=["wrong password", "unknown user"])
    def wrong_credentials(
        self, request: pytest.FixtureRequest, samba_server: SambaServer
    ) -> tuple[Connector, str]:
        if request.param == "wrong password":
            params = samba_server.auth_params(password=WRONG_PASSWORD)
            return open_connector(AZURE_FILES_SPEC, params), WRONG_PASSWORD
        params = samba_server.auth_params(userId="mallory")
        return open_connector(AZURE_FILES_SPEC, params), samba_server.password

    @pytest.fixture
    def unreachable(self, samba_server: SambaServer) -> Connector:
        params = samba_server.auth_params(port=free_port())
        return AzureFilesConnector.from_auth(params, connect_timeout=2)


def test_share_name_restricts_paths_to_the_share(samba_server: SambaServer, folder: str) -> None:
    connector = open_connector(AZURE_FILES_SPEC, samba_server.auth_params(shareName=SHARE))
    connector.check()
    assert [f.path for f in connector.list(f"/{folder}/leads/*.tsv")] == [
        f"/{folder}/leads/a.tsv",
        f"/{folder}/leads/b.tsv",
    ]
    with connector.open(next(iter(connector.list(f"{folder}/leads/sub/c.tsv")))) as stream:
        assert stream.read() == TREE["leads/sub/c.tsv"]


def test_check_fails_for_a_missing_share(samba_server: SambaServer) -> None:
    params = samba_server.auth_params(shareName=unique_folder("missing"))
    with pytest.raises(SourceNotFound):
        open_connector(AZURE_FILES_SPEC, params).check()


def test_paths_start_with_a_share(samba_server: SambaServer) -> None:
    connector = open_connector(AZURE_FILES_SPEC, samba_server.auth_params())
    connector.check()  # the credentials, without a share
    for path in ("/", "", "/*.tsv", "/da*/x.tsv"):
        with pytest.raises(InvalidSourcePath, match="starts with a file share"):
            list(connector.list(path))


def test_malformed_params_are_invalid_fields(samba_server: SambaServer) -> None:
    hosts = ("smb://127.0.0.1", "\\\\127.0.0.1\\data", "127.0.0.1:445", "h/share", "a b")
    for host in hosts:
        with pytest.raises(InvalidField) as caught:
            open_connector(AZURE_FILES_SPEC, samba_server.auth_params(host=host))
        assert caught.value.field == "auth.params.host"
    for share in ("data/folder", "../x"):
        with pytest.raises(InvalidField) as caught:
            open_connector(AZURE_FILES_SPEC, samba_server.auth_params(shareName=share))
        assert caught.value.field == "auth.params.shareName"


def test_a_same_size_rewrite_with_a_new_time_changes_the_version(
    samba_server: SambaServer, folder: str
) -> None:
    connector = open_connector(AZURE_FILES_SPEC, samba_server.auth_params())
    path = f"/{SHARE}/{folder}/leads/a.tsv"
    (before,) = connector.list(path)
    local = samba_server.share_root / folder / "leads" / "a.tsv"
    local.write_bytes(b"X" * before.size)
    os.utime(local, ns=(0, int(before.modified * 1e9) + 5_000))  # 5 microseconds later
    (after,) = connector.list(path)
    assert after.size == before.size and after.modified != before.modified
    with pytest.raises(FileChanged):
        connector.open(before)


def test_a_connection_cut_mid_read_is_transient_and_the_next_open_reconnects(
    samba_server: SambaServer,
) -> None:
    name = unique_folder()
    content = bytes(range(256)) * 4096 * 3  # 3 MiB
    samba_server.write(f"{name}/big.bin", content)
    proxy = CuttingProxy(samba_server.process.url)
    try:
        port = int(proxy.url.rsplit(":", 1)[1])
        connector = open_connector(AZURE_FILES_SPEC, samba_server.auth_params(port=port))
        (file,) = connector.list(f"/{SHARE}/{name}/big.bin")
        with connector.open(file) as stream:
            assert stream.read(1000) == content[:1000]
            proxy.cut_after(200_000)
            with pytest.raises(SourceUnavailable) as caught:
                stream.read()
        assert caught.value.transient
        assert "reading" in caught.value.message
        proxy.cut_after(1 << 40)  # connections pass again
        with connector.open(file) as stream:
            assert stream.read() == content
    finally:
        proxy.close()


def test_the_credentials_are_not_shared_between_connections(
    samba_server: SambaServer, folder: str
) -> None:
    good = open_connector(AZURE_FILES_SPEC, samba_server.auth_params())
    assert len(list(good.list(f"/{SHARE}/{folder}/leads"))) == 3
    wrong = open_connector(AZURE_FILES_SPEC, samba_server.auth_params(password=WRONG_PASSWORD))
    with pytest.raises(ConnectorAuthError):
        list(wrong.list(f"/{SHARE}/{folder}/leads"))
