"""SFTP against an asyncssh SFTP server: the connector contract, plus what is specific to SFTP."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from headwater.connectors.errors import (
    ConnectorAuthError,
    InvalidSourcePath,
    SourceNotFound,
    SourceUnavailable,
)
from headwater.connectors.protocol import Connector, open_connector
from headwater.connectors.sftp_io import SftpConnector
from headwater.errors import InvalidField
from support.moto_server import free_port
from support.server_process import unique_folder
from support.sftp_server import (
    KEYS,
    PASS_PHRASE,
    SFTP_SPEC,
    SftpServer,
    sftp_server,
)

from .contract import EMPTY_FOLDER, TREE, ConnectorContract, PreparedTree
from .tcp_proxy import CuttingProxy

__all__ = ["sftp_server"]

WRONG_PASSWORD = "wRoNg-pAsSwOrD-0123456789"


@pytest.fixture
def folder(sftp_server: SftpServer) -> str:
    name = unique_folder()
    for relative, data in TREE.items():
        sftp_server.write(f"{name}/{relative}", data)
    (sftp_server.root / name / EMPTY_FOLDER).mkdir()
    return name


def _tree(server: SftpServer, folder: str, connector: Connector) -> PreparedTree:
    def write(relative: str, data: bytes) -> None:
        server.write(f"{folder}/{relative}", data)

    return PreparedTree(connector, f"/{folder}", write)


class TestSftpPasswordContract(ConnectorContract):
    @pytest.fixture
    def tree(self, sftp_server: SftpServer, folder: str) -> PreparedTree:
        return _tree(sftp_server, folder, open_connector(SFTP_SPEC, sftp_server.password_params()))

    @pytest.fixture
    def missing_paths(self, folder: str) -> list[str]:
        return [
            f"/{unique_folder('missing')}/leads/a.tsv",
            f"/{folder}/nothing-here",
            f"/{folder}/leads/a.tsv/deeper",
            f"/{folder}/nothing-here/*.tsv",
        ]

    @pytest.fixture(params=["wrong password", "unknown user", "unknown key", "wrong pass phrase"])
    def wrong_credentials(
        self, request: pytest.FixtureRequest, sftp_server: SftpServer
    ) -> tuple[Connector, str]:
        if request.param == "wrong password":
            params = sftp_server.password_params(password=WRONG_PASSWORD)
            return open_connector(SFTP_SPEC, params), WRONG_PASSWORD
        if request.param == "unknown user":
            params = sftp_server.password_params(userName="mallory")
            return open_connector(SFTP_SPEC, params), sftp_server.password
        if request.param == "unknown key":  # a key the user did not authorise
            params = sftp_server.key_params(userName="alice")
            return open_connector(SFTP_SPEC, params), params["privateKeyContent"]
        params = sftp_server.key_params("rsa-pem-encrypted", passPhrase="not the pass phrase")
        return open_connector(SFTP_SPEC, params), "not the pass phrase"

    @pytest.fixture
    def unreachable(self, sftp_server: SftpServer) -> Connector:
        params = sftp_server.password_params(port=free_port())
        return SftpConnector.from_auth(params, connect_timeout=2)


class TestSftpKeyContract(TestSftpPasswordContract):
    """The same contract over SSH public key authentication (an encrypted PEM RSA key)."""

    @pytest.fixture
    def tree(self, sftp_server: SftpServer, folder: str) -> PreparedTree:
        params = sftp_server.key_params("rsa-pem-encrypted")
        return _tree(sftp_server, folder, open_connector(SFTP_SPEC, params))


@pytest.mark.parametrize("key", sorted(KEYS))
def test_every_key_format_authenticates(sftp_server: SftpServer, folder: str, key: str) -> None:
    connector = open_connector(SFTP_SPEC, sftp_server.key_params(key))
    connector.check()
    (file,) = connector.list(f"/{folder}/leads/a.tsv")
    with connector.open(file) as stream:
        assert stream.read() == TREE["leads/a.tsv"]


def test_the_key_file_text_is_accepted_as_well_as_its_base64(
    sftp_server: SftpServer, folder: str
) -> None:
    params = sftp_server.key_params("rsa-pem")
    text = base64.b64decode(str(params["privateKeyContent"])).decode()
    assert text.startswith("-----BEGIN RSA PRIVATE KEY-----")
    connector = open_connector(SFTP_SPEC, {**params, "privateKeyContent": text})
    assert [f.path for f in connector.list(f"/{folder}/leads/*.tsv")] == [
        f"/{folder}/leads/a.tsv",
        f"/{folder}/leads/b.tsv",
    ]


def test_an_encrypted_key_without_its_pass_phrase_is_an_auth_error(
    sftp_server: SftpServer,
) -> None:
    params = sftp_server.key_params("pkcs8-encrypted")
    del params["passPhrase"]
    with pytest.raises(ConnectorAuthError, match="private key could not be read or decrypted"):
        open_connector(SFTP_SPEC, params).check()


def test_an_encrypted_openssh_key_is_decrypted_with_its_pass_phrase(
    sftp_server: SftpServer, tmp_path: Path
) -> None:
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen (openssh-client) is not installed")
    key_file = tmp_path / "id_ed25519"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", PASS_PHRASE, "-f", str(key_file)], check=True
    )
    content = base64.b64encode(key_file.read_bytes()).decode()
    params = sftp_server.key_params(privateKeyContent=content, passPhrase=PASS_PHRASE)
    connector = open_connector(SFTP_SPEC, params)
    with pytest.raises(ConnectorAuthError):  # read (bcrypt decrypts it), and not authorised
        connector.check()


def test_malformed_params_are_invalid_fields(sftp_server: SftpServer) -> None:
    for host in ("sftp://127.0.0.1", "alice@127.0.0.1", "127.0.0.1:22", "host/path", "a b"):
        with pytest.raises(InvalidField) as caught:
            open_connector(SFTP_SPEC, sftp_server.password_params(host=host))
        assert caught.value.field == "auth.params.host"
    with pytest.raises(InvalidField) as caught:
        open_connector(SFTP_SPEC, sftp_server.key_params(privateKeyContent="not base64 at all!"))
    assert caught.value.field == "auth.params.privateKeyContent"
    with pytest.raises(InvalidField) as caught:
        open_connector(SFTP_SPEC, sftp_server.password_params(folderPath="/a/../b"))
    assert caught.value.field == "auth.params.folderPath"
    with pytest.raises(InvalidField, match="maxConcurrentConnections"):
        open_connector(SFTP_SPEC, sftp_server.password_params(maxConcurrentConnections=0))


def test_folder_path_restricts_access(sftp_server: SftpServer, folder: str) -> None:
    params = sftp_server.password_params(folderPath=f"/{folder}/leads/")
    connector = open_connector(SFTP_SPEC, params)
    connector.check()
    assert [f.path for f in connector.list(f"/{folder}/leads/*.tsv")] == [
        f"/{folder}/leads/a.tsv",
        f"/{folder}/leads/b.tsv",
    ]
    outside = [
        f"/{folder}/root.csv",
        f"/{folder}/*.csv",
        f"/{folder}/leadsx/a.tsv",
        "/",
        f"/{folder}/leads/../root.csv",
        f"/{folder}/leads/sub/../../root.csv",
    ]
    for path in outside:
        with pytest.raises(InvalidSourcePath):
            list(connector.list(path))


def test_check_fails_for_a_missing_folder_path(sftp_server: SftpServer) -> None:
    params = sftp_server.password_params(folderPath=unique_folder("missing"))
    with pytest.raises(SourceNotFound):
        open_connector(SFTP_SPEC, params).check()


def test_one_concurrent_connection_is_enough(sftp_server: SftpServer, folder: str) -> None:
    params = sftp_server.password_params(maxConcurrentConnections=1)
    connector = open_connector(SFTP_SPEC, params)
    files = list(connector.list(f"/{folder}", recursive=True))
    streams = [connector.open(f) for f in files]
    try:
        assert [s.read() for s in streams] == [TREE[f.path[len(folder) + 2 :]] for f in files]
    finally:
        for stream in streams:
            stream.close()


def test_links_to_files_are_listed_and_links_to_folders_are_not(
    sftp_server: SftpServer, folder: str
) -> None:
    base = sftp_server.root / folder
    os.symlink("a.tsv", base / "leads" / "link.tsv")
    os.symlink("missing.tsv", base / "leads" / "dangling.tsv")
    os.symlink("..", base / "leads" / "up")
    connector = open_connector(SFTP_SPEC, sftp_server.password_params())
    by_folder = {f.path: f for f in connector.list(f"/{folder}/leads", recursive=True)}
    assert sorted(by_folder) == [
        f"/{folder}/leads/{name}"
        for name in ("a.tsv", "b.tsv", "link.tsv", "premium-x.csv", "sub/c.tsv")
    ]
    link = by_folder[f"/{folder}/leads/link.tsv"]
    assert link.size == len(TREE["leads/a.tsv"])
    with connector.open(link) as stream:
        assert stream.read() == TREE["leads/a.tsv"]


def test_a_connection_cut_mid_read_is_transient_and_the_next_open_reconnects(
    sftp_server: SftpServer,
) -> None:
    name = unique_folder()
    content = bytes(range(256)) * 4096 * 3  # 3 MiB
    sftp_server.write(f"{name}/big.bin", content)
    proxy = CuttingProxy(sftp_server.process.url)
    try:
        port = int(proxy.url.rsplit(":", 1)[1])
        connector = open_connector(SFTP_SPEC, sftp_server.password_params(port=port))
        (file,) = connector.list(f"/{name}/big.bin")
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
