"""FTP against a pyftpdlib server: the connector contract, plus what is specific to FTP."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from headwater.connectors.errors import FileChanged, SourceUnavailable
from headwater.connectors.ftp_io import FtpConnector
from headwater.connectors.protocol import Connector, open_connector
from headwater.errors import InvalidField
from support.ftp_server import FTP_SPEC, FtpServer, ftp_server, start_ftp_server
from support.moto_server import free_port
from support.server_process import unique_folder

from .contract import EMPTY_FOLDER, TREE, ConnectorContract, PreparedTree
from .tcp_proxy import CuttingProxy

__all__ = ["ftp_server"]

WRONG_PASSWORD = "wRoNg-pAsSwOrD-0123456789"


@pytest.fixture
def folder(ftp_server: FtpServer) -> str:
    return _fill(ftp_server)


def _fill(server: FtpServer) -> str:
    name = unique_folder()
    for relative, data in TREE.items():
        server.write(f"{name}/{relative}", data)
    (server.root / name / EMPTY_FOLDER).mkdir()
    return name


class TestFtpContract(ConnectorContract):
    @pytest.fixture
    def server(self, ftp_server: FtpServer) -> FtpServer:
        return ftp_server

    @pytest.fixture
    def tree(self, server: FtpServer) -> PreparedTree:
        name = _fill(server)

        def write(relative: str, data: bytes) -> None:
            server.write(f"{name}/{relative}", data)

        return PreparedTree(open_connector(FTP_SPEC, server.auth_params()), f"/{name}", write)

    @pytest.fixture
    def missing_paths(self, tree: PreparedTree) -> list[str]:
        return [
            f"/{unique_folder('missing')}/leads/a.tsv",
            tree.path("nothing-here"),
            tree.path("leads/a.tsv/deeper"),
            tree.path("nothing-here/*.tsv"),
        ]

    @pytest.fixture(params=["wrong password", "unknown user"])
    def wrong_credentials(
        self, request: pytest.FixtureRequest, server: FtpServer
    ) -> tuple[Connector, str]:
        if request.param == "wrong password":
            params = server.auth_params(password=WRONG_PASSWORD)
            return open_connector(FTP_SPEC, params), WRONG_PASSWORD
        params = server.auth_params(userName="mallory")
        return open_connector(FTP_SPEC, params), server.password

    @pytest.fixture
    def unreachable(self, server: FtpServer) -> Connector:
        return FtpConnector.from_auth(server.auth_params(port=free_port()), timeout=2)


@pytest.fixture(scope="module")
def server_without_mlsd() -> Iterator[FtpServer]:
    server = start_ftp_server(mlsd=False)
    try:
        yield server
    finally:
        server.stop()


class TestFtpWithoutMlsdContract(TestFtpContract):
    """The same contract on a server without MLSD and MLST (LIST, SIZE and MDTM instead)."""

    @pytest.fixture
    def server(self, server_without_mlsd: FtpServer) -> FtpServer:
        return server_without_mlsd


@pytest.mark.parametrize("mlsd", [True, False])
def test_a_same_size_rewrite_with_a_new_time_changes_the_version(
    ftp_server: FtpServer, server_without_mlsd: FtpServer, mlsd: bool
) -> None:
    server = ftp_server if mlsd else server_without_mlsd
    name = _fill(server)
    connector = open_connector(FTP_SPEC, server.auth_params())
    (before,) = connector.list(f"/{name}/leads/a.tsv")
    local = server.root / name / "leads" / "a.tsv"
    local.write_bytes(b"X" * before.size)
    os.utime(local, (before.modified + 61, before.modified + 61))
    (after,) = connector.list(f"/{name}/leads/a.tsv")
    assert after.size == before.size and after.modified == before.modified + 61
    with pytest.raises(FileChanged):
        connector.open(before)


def test_a_file_truncated_while_it_is_read_is_a_changed_file(
    ftp_server: FtpServer, folder: str
) -> None:
    connector = open_connector(FTP_SPEC, ftp_server.auth_params())
    (file,) = connector.list(f"/{folder}/leads/premium-x.csv")
    with connector.open(file) as stream:
        (ftp_server.root / folder / "leads" / "premium-x.csv").write_bytes(b"id\n")
        with pytest.raises(FileChanged) as caught:
            stream.read()
    assert caught.value.transient


def test_malformed_hosts_are_invalid_fields(ftp_server: FtpServer) -> None:
    for host in ("ftp://127.0.0.1", "user@127.0.0.1", "127.0.0.1:21", "127.0.0.1/pub"):
        with pytest.raises(InvalidField) as caught:
            open_connector(FTP_SPEC, ftp_server.auth_params(host=host))
        assert caught.value.field == "auth.params.host"


def test_the_server_stopping_mid_read_is_transient() -> None:
    server = start_ftp_server()
    try:
        content = bytes(range(256)) * 4096 * 3  # 3 MiB
        server.write("big.bin", content)
        connector = FtpConnector.from_auth(server.auth_params(), block_size=2**16, timeout=5)
        (file,) = connector.list("/big.bin")
        with connector.open(file) as stream:
            assert stream.read(1000) == content[:1000]
            server.stop()
            with pytest.raises(SourceUnavailable) as caught:
                stream.read()
        assert caught.value.transient and "reading" in caught.value.message
    finally:
        server.stop()


def test_a_cut_control_connection_is_transient_and_the_next_call_reconnects(
    ftp_server: FtpServer, folder: str
) -> None:
    proxy = CuttingProxy(ftp_server.process.url)
    try:
        port = int(proxy.url.rsplit(":", 1)[1])
        connector = open_connector(FTP_SPEC, ftp_server.auth_params(port=port))
        (file,) = connector.list(f"/{folder}/leads/a.tsv")
        proxy.cut_after(0)
        with pytest.raises(SourceUnavailable):
            connector.open(file)
        proxy.cut_after(1 << 40)
        with connector.open(file) as stream:
            assert stream.read() == TREE["leads/a.tsv"]
    finally:
        proxy.close()
