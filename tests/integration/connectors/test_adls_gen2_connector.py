"""ADLS Gen2 against Azurite: the connector contract with an account key and with a SAS URI.

Azurite has no DFS endpoint and no hierarchical namespace; the connector reads ADLS Gen2
through the Blob API anyway (an account's ``dfs`` URL maps to its ``blob`` endpoint), so the
``url`` here is Azurite's blob endpoint. ADLS directories are written as Azure writes them for
Blob API readers (blobs marked ``hdi_isfolder``). The service principal mode needs Microsoft
Entra ID, which cannot run here: ``tests/unit/connectors/io/test_azure_params.py`` checks the
token request it would make.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest

from headwater.connectors.adls_gen2_io import AdlsGen2Connector
from headwater.connectors.errors import InvalidSourcePath, SourceNotFound, SourceUnavailable
from headwater.connectors.protocol import Connector, open_connector
from support.azurite_server import (
    ACCOUNT_KEY,
    AzuriteServer,
    account_sas_url,
    azurite,
    put_blobs,
    tampered,
    unique_container,
)
from support.moto_server import closed_port_url

from .contract import EMPTY_FOLDER, TREE, ConnectorContract, PreparedTree

__all__ = ["azurite"]

ADLS_SPEC_ID = "b3ba5556-48be-44b7-8b85-ff2b69b46dc4"
WRONG_KEY = base64.b64encode(b"another account's key, base64 all the same").decode()


def account_key(server: AzuriteServer, *, path: str = "", key: str = ACCOUNT_KEY) -> dict[str, str]:
    url = f"{server.url}/{path}" if path else server.url
    return {"url": url, "accountKey": key}


@pytest.fixture
def container(azurite: AzuriteServer) -> str:
    name = unique_container("fs")
    put_blobs(azurite, name, {**TREE, EMPTY_FOLDER + "/": b""})
    return name


def _writer(server: AzuriteServer, container: str) -> Callable[[str, bytes], None]:
    def write(relative: str, data: bytes) -> None:
        put_blobs(server, container, {relative: data})

    return write


class TestAccountKeyContract(ConnectorContract):
    @pytest.fixture
    def tree(self, azurite: AzuriteServer, container: str) -> PreparedTree:
        connector = open_connector(ADLS_SPEC_ID, account_key(azurite))
        return PreparedTree(connector, f"/{container}", _writer(azurite, container))

    @pytest.fixture
    def missing_paths(self, container: str) -> list[str]:
        missing = unique_container("missing")
        return [
            f"/{missing}/leads/a.tsv",
            f"/{missing}/leads/*.tsv",
            f"/{container}/nothing-here",
            f"/{container}/leads/a.tsv/deeper",
            f"/{container}/nothing-here/*.tsv",
        ]

    @pytest.fixture(params=["wrong account key", "wrong SAS signature"])
    def wrong_credentials(
        self, request: pytest.FixtureRequest, azurite: AzuriteServer
    ) -> tuple[Connector, str]:
        if request.param == "wrong account key":
            return open_connector(ADLS_SPEC_ID, account_key(azurite, key=WRONG_KEY)), WRONG_KEY
        sas_uri, signature = tampered(account_sas_url(azurite))
        return open_connector(ADLS_SPEC_ID, {"sasUri": sas_uri}), signature

    @pytest.fixture
    def unreachable(self) -> Connector:
        params = {"url": f"{closed_port_url()}/devstoreaccount1", "accountKey": ACCOUNT_KEY}
        return AdlsGen2Connector.from_auth(params, retries=1, connect_timeout=2)


class TestSasUriContract(TestAccountKeyContract):
    @pytest.fixture
    def tree(self, azurite: AzuriteServer, container: str) -> PreparedTree:
        connector = open_connector(ADLS_SPEC_ID, {"sasUri": account_sas_url(azurite)})
        return PreparedTree(connector, f"/{container}", _writer(azurite, container))


def test_a_url_naming_a_file_system_and_folder_restricts_access(
    azurite: AzuriteServer, container: str
) -> None:
    connector = open_connector(ADLS_SPEC_ID, account_key(azurite, path=f"{container}/leads"))
    connector.check()
    assert [f.path for f in connector.list("/leads", recursive=True)] == [
        "/leads/a.tsv",
        "/leads/b.tsv",
        "/leads/premium-x.csv",
        "/leads/sub/c.tsv",
    ]
    with connector.open(next(connector.list("/leads/b.tsv"))) as stream:
        assert stream.read() == TREE["leads/b.tsv"]
    with pytest.raises(InvalidSourcePath):
        list(connector.list("/root.csv"))
    missing = account_key(azurite, path=f"{container}/nope")
    with pytest.raises(SourceNotFound):
        open_connector(ADLS_SPEC_ID, missing).check()


def test_directories_of_a_hierarchical_namespace(azurite: AzuriteServer) -> None:
    """What the Blob API shows of an ADLS Gen2 file system: a directory is a zero-byte blob
    marked ``hdi_isfolder=true``, next to the blobs of its files."""
    name = unique_container("fs")
    with azurite.client() as service:
        client = service.create_container(name)
        for directory in ("raw", "raw/2024", "raw/empty"):
            client.upload_blob(directory, b"", metadata={"hdi_isfolder": "true"})
        for file in ("raw/2024/a.tsv", "raw/2024.csv", "raw/b.tsv"):
            client.upload_blob(file, TREE["leads/a.tsv"])
    for page_size in (1000, 1, 2):
        connector = AdlsGen2Connector.from_auth(account_key(azurite), page_size=page_size)
        paths = [f.path for f in connector.list(f"/{name}", recursive=True)]
        assert paths == [f"/{name}/raw/2024.csv", f"/{name}/raw/2024/a.tsv", f"/{name}/raw/b.tsv"]
        assert [f.path for f in connector.list(f"/{name}/raw/*.tsv")] == [f"/{name}/raw/b.tsv"]
        assert list(connector.list(f"/{name}/raw/empty")) == []
        browsed = [e.key for e in connector.browse(f"/{name}/raw")]
        assert browsed == ["2024.csv", "2024/", "b.tsv", "empty/"], page_size
        assert [e.key for e in connector.browse(f"/{name}/raw", start_after="2024/")] == [
            "b.tsv",
            "empty/",
        ]
        assert list(connector.browse(f"/{name}/raw/empty")) == []
        with pytest.raises(SourceNotFound):
            list(connector.list(f"/{name}/raw/missing"))


def test_a_server_that_is_down_says_so() -> None:
    params = {"url": f"{closed_port_url()}/devstoreaccount1", "accountKey": ACCOUNT_KEY}
    connector = AdlsGen2Connector.from_auth(params, retries=1, connect_timeout=2)
    with pytest.raises(SourceUnavailable, match="could not connect to the endpoint"):
        connector.check()
