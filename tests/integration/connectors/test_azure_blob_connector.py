"""Azure Blob Storage against Azurite: the connector contract for each way to authenticate
(connection string, account SAS URI, container SAS URI), plus what is specific to Azure."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator

import pytest

from headwater.connectors.azure_blob_io import AzureBlobConnector
from headwater.connectors.errors import (
    ConnectorAuthError,
    FileChanged,
    InvalidSourcePath,
    SourceNotFound,
    SourceUnavailable,
)
from headwater.connectors.protocol import Connector, open_connector
from support.azurite_server import (
    AzuriteServer,
    account_sas_url,
    azurite,
    container_sas_url,
    put_blobs,
    start_azurite,
    tampered,
    unique_container,
)
from support.moto_server import closed_port_url

from .contract import EMPTY_FOLDER, TREE, ConnectorContract, PreparedTree
from .tcp_proxy import CuttingProxy

__all__ = ["azurite"]

BLOB_SPEC_ID = "4c10e202-c428-4796-9208-5f1f5732b1cf"
WRONG_KEY = base64.b64encode(b"not the account key, but base64 all the same!!").decode()


def by_connection_string(server: AzuriteServer, **options: object) -> AzureBlobConnector:
    params = {"connectionString": server.connection_string()}
    return AzureBlobConnector.from_auth(params, **options)


@pytest.fixture
def container(azurite: AzuriteServer) -> str:
    name = unique_container()
    put_blobs(azurite, name, {**TREE, EMPTY_FOLDER + "/": b""})
    return name


def _writer(server: AzuriteServer, container: str) -> Callable[[str, bytes], None]:
    def write(relative: str, data: bytes) -> None:
        put_blobs(server, container, {relative: data})

    return write


class TestConnectionStringContract(ConnectorContract):
    @pytest.fixture
    def tree(self, azurite: AzuriteServer, container: str) -> PreparedTree:
        connector = open_connector(BLOB_SPEC_ID, {"connectionString": azurite.connection_string()})
        return PreparedTree(connector, f"/{container}", _writer(azurite, container))

    @pytest.fixture
    def missing_paths(self, container: str) -> list[str]:
        missing = unique_container("missing")
        return [
            f"/{missing}/leads/a.tsv",
            f"/{missing}/leads/*.tsv",
            f"/{missing}",
            f"/{container}/nothing-here",
            f"/{container}/leads/a.tsv/deeper",
            f"/{container}/nothing-here/*.tsv",
        ]

    @pytest.fixture(params=["wrong account key", "wrong SAS signature"])
    def wrong_credentials(
        self, request: pytest.FixtureRequest, azurite: AzuriteServer
    ) -> tuple[Connector, str]:
        if request.param == "wrong account key":
            params = {"connectionString": azurite.connection_string(key=WRONG_KEY)}
            return open_connector(BLOB_SPEC_ID, params), WRONG_KEY
        sas_uri, signature = tampered(account_sas_url(azurite))
        return open_connector(BLOB_SPEC_ID, {"sasUri": sas_uri}), signature

    @pytest.fixture
    def unreachable(self, azurite: AzuriteServer) -> Connector:
        endpoint = f"{closed_port_url()}/devstoreaccount1"
        params = {"connectionString": azurite.connection_string(endpoint=endpoint)}
        return AzureBlobConnector.from_auth(params, retries=1, connect_timeout=2)


class TestAccountSasContract(TestConnectionStringContract):
    @pytest.fixture
    def tree(self, azurite: AzuriteServer, container: str) -> PreparedTree:
        connector = open_connector(BLOB_SPEC_ID, {"sasUri": account_sas_url(azurite)})
        return PreparedTree(connector, f"/{container}", _writer(azurite, container))


class TestContainerSasContract(ConnectorContract):
    """A SAS URI naming a container: paths are inside it."""

    @pytest.fixture
    def tree(self, azurite: AzuriteServer, container: str) -> PreparedTree:
        params = {"sasUri": container_sas_url(azurite, container)}
        return PreparedTree(open_connector(BLOB_SPEC_ID, params), "", _writer(azurite, container))

    @pytest.fixture
    def missing_paths(self) -> list[str]:
        return ["/nothing-here", "/leads/a.tsv/deeper", "/nothing-here/*.tsv", "/leads/zz.tsv"]

    @pytest.fixture
    def wrong_credentials(self, azurite: AzuriteServer, container: str) -> tuple[Connector, str]:
        sas_uri, signature = tampered(container_sas_url(azurite, container))
        return open_connector(BLOB_SPEC_ID, {"sasUri": sas_uri}), signature

    @pytest.fixture
    def unreachable(self, container: str) -> Connector:
        token = "sv=2024-11-04&sr=c&sp=rl&sig=c2lnbmF0dXJl"
        params = {"sasUri": f"{closed_port_url()}/devstoreaccount1/{container}?{token}"}
        return AzureBlobConnector.from_auth(params, retries=1, connect_timeout=2)


def test_the_auth_error_names_the_problem(azurite: AzuriteServer, container: str) -> None:
    wrong_key = open_connector(
        BLOB_SPEC_ID, {"connectionString": azurite.connection_string(key=WRONG_KEY)}
    )
    with pytest.raises(
        ConnectorAuthError, match=r"\((AuthorizationFailure|AuthenticationFailed)\)"
    ):
        list(wrong_key.list(f"/{container}/leads"))
    sas_uri, _ = tampered(account_sas_url(azurite))
    with pytest.raises(
        ConnectorAuthError, match=r"\((AuthorizationFailure|AuthenticationFailed)\)"
    ):
        open_connector(BLOB_SPEC_ID, {"sasUri": sas_uri}).check()


def test_a_same_size_rewrite_changes_the_etag(azurite: AzuriteServer, container: str) -> None:
    connector = by_connection_string(azurite)
    (before,) = connector.list(f"/{container}/leads/a.tsv")
    put_blobs(azurite, container, {"leads/a.tsv": b"X" * before.size})
    (after,) = connector.list(f"/{container}/leads/a.tsv")
    assert after.size == before.size and after.etag != before.etag
    assert after.key != before.key
    with pytest.raises(FileChanged):
        connector.open(before)


def test_a_sas_uri_naming_a_folder_restricts_access(azurite: AzuriteServer, container: str) -> None:
    connector = open_connector(
        BLOB_SPEC_ID, {"sasUri": container_sas_url(azurite, container, folder="leads")}
    )
    connector.check()
    assert [f.path for f in connector.list("/leads/*.tsv")] == ["/leads/a.tsv", "/leads/b.tsv"]
    with connector.open(next(connector.list("leads/sub/c.tsv"))) as stream:
        assert stream.read() == TREE["leads/sub/c.tsv"]
    assert [e.key for e in connector.browse("")] == [
        "a.tsv",
        "b.tsv",
        "empty/",
        "premium-x.csv",
        "sub/",
    ]
    for outside in ("/root.csv", "/*.csv", "/leadsx/a.tsv", "/"):
        with pytest.raises(InvalidSourcePath):
            list(connector.list(outside))


def test_check_fails_for_a_missing_container_or_folder(
    azurite: AzuriteServer, container: str
) -> None:
    for sas_uri in (
        container_sas_url(azurite, container, folder="nope"),
        container_sas_url(azurite, unique_container("missing")),
        account_sas_url(azurite, path=unique_container("missing")),
    ):
        with pytest.raises(SourceNotFound):
            open_connector(BLOB_SPEC_ID, {"sasUri": sas_uri}).check()


def test_paths_need_a_valid_container(azurite: AzuriteServer) -> None:
    connector = by_connection_string(azurite)
    for path in ("/", "", "/Not_A_Container/x.csv", "/ab/x.csv", "/a--b/x.csv"):
        with pytest.raises(InvalidSourcePath):
            list(connector.list(path))


def test_listing_and_browsing_page_through_many_blobs(azurite: AzuriteServer) -> None:
    name = unique_container()
    names = [f"many/{i:04d}.csv" for i in range(25)]
    put_blobs(azurite, name, {**dict.fromkeys(names, b"x"), "many/sub/z.csv": b"z"})
    connector = by_connection_string(azurite, page_size=4)
    assert [f.path for f in connector.list(f"/{name}/many")] == [f"/{name}/{n}" for n in names]
    assert len(list(connector.list(f"/{name}/*/*.csv"))) == len(names)
    assert len(list(connector.list(f"/{name}", recursive=True))) == len(names) + 1
    keys = [e.key for e in connector.browse(f"/{name}/many")]
    assert keys == [n.split("/")[1] for n in names] + ["sub/"]
    rest = connector.browse(f"/{name}/many", start_after="0020.csv")
    assert [e.key for e in rest] == ["0021.csv", "0022.csv", "0023.csv", "0024.csv", "sub/"]


def test_browsing_the_account_lists_its_containers(azurite: AzuriteServer, container: str) -> None:
    connector = by_connection_string(azurite, page_size=2)
    entries = list(connector.browse("/"))
    assert [e.key for e in entries] == sorted(e.key for e in entries)
    mine = next(e for e in entries if e.name == container)
    assert mine.is_folder and mine.path == f"/{container}"
    after = [e.name for e in connector.browse("", start_after=container + "/")]
    assert container not in after and after == [e.name for e in entries if e.name > container]


def test_folder_markers_are_never_files(azurite: AzuriteServer) -> None:
    """Zero-byte ``name/`` blobs, and blobs marked ``hdi_isfolder`` as ADLS Gen2 makes them."""
    name = unique_container()
    put_blobs(azurite, name, {"d/": b"", "d/e/": b"", "d/e/f.csv": b"1", "g/h.csv": b"2"})
    with azurite.client() as service:
        client = service.get_container_client(name)
        for folder in ("g", "empty-dir"):
            client.upload_blob(folder, b"", metadata={"hdi_isfolder": "true"})
    connector = by_connection_string(azurite)
    files = [f.path for f in connector.list(f"/{name}", recursive=True)]
    assert files == [f"/{name}/d/e/f.csv", f"/{name}/g/h.csv"]
    assert list(connector.list(f"/{name}/empty-dir")) == []
    assert list(connector.list(f"/{name}/empty-dir/*.csv")) == []
    assert [e.key for e in connector.browse(f"/{name}")] == ["d/", "empty-dir/", "g/"]
    assert list(connector.browse(f"/{name}/empty-dir")) == []


def test_an_empty_blob_is_a_file(azurite: AzuriteServer) -> None:
    name = unique_container()
    put_blobs(azurite, name, {"in/empty.csv": b"", "in/one.csv": b"1"})
    connector = by_connection_string(azurite)
    empty, one = connector.list(f"/{name}/in/*.csv")
    assert (empty.path, empty.size, one.size) == (f"/{name}/in/empty.csv", 0, 1)
    with connector.open(empty) as stream:
        assert stream.read() == b""


BIG = bytes(range(256)) * 4096 * 3  # 3 MiB


def test_a_blob_rewritten_during_a_read_fails_the_read(azurite: AzuriteServer) -> None:
    name = unique_container()
    put_blobs(azurite, name, {"big.bin": BIG})
    connector = by_connection_string(azurite, block_size=2**20)
    (file,) = connector.list(f"/{name}/big.bin")
    with connector.open(file) as stream:
        assert stream.read(1000) == BIG[:1000]
        put_blobs(azurite, name, {"big.bin": BIG[::-1]})
        with pytest.raises(FileChanged) as caught:
            stream.read()
    assert caught.value.transient and "ConditionNotMet" in caught.value.message


@pytest.fixture
def own_azurite() -> Iterator[AzuriteServer]:
    server = start_azurite()
    try:
        yield server
    finally:
        server.stop()


def test_a_connection_dropped_mid_read_is_transient(own_azurite: AzuriteServer) -> None:
    name = unique_container()
    put_blobs(own_azurite, name, {"big.bin": BIG})
    connector = by_connection_string(own_azurite, retries=1, block_size=2**20, connect_timeout=2)
    (file,) = connector.list(f"/{name}/big.bin")
    with connector.open(file) as stream:
        assert stream.read(1000) == BIG[:1000]
        own_azurite.stop()
        with pytest.raises(SourceUnavailable) as caught:
            stream.read()
    assert caught.value.transient
    assert "reading" in caught.value.message


def test_a_response_cut_mid_body_is_transient(azurite: AzuriteServer) -> None:
    name = unique_container()
    put_blobs(azurite, name, {"big.bin": BIG})
    proxy = CuttingProxy(azurite.url)
    try:
        params = {
            "connectionString": azurite.connection_string(endpoint=proxy.url + "/devstoreaccount1")
        }
        connector = AzureBlobConnector.from_auth(
            params, retries=2, block_size=2**20, read_timeout=5
        )
        (file,) = connector.list(f"/{name}/big.bin")
        with connector.open(file) as stream:
            proxy.cut_after(200_000)  # the first ranged GET dies after ~200 kB of its body
            with pytest.raises(SourceUnavailable) as caught:
                stream.read()
        assert "connection was lost" in caught.value.message
    finally:
        proxy.close()


def test_the_client_is_not_shared_between_credentials(azurite: AzuriteServer) -> None:
    good = by_connection_string(azurite)
    bad = open_connector(
        BLOB_SPEC_ID, {"connectionString": azurite.connection_string(key=WRONG_KEY)}
    )
    assert isinstance(bad, AzureBlobConnector)
    assert good.fs is not bad.fs
    assert good.fs.service_client is not bad.fs.service_client
    good.check()
    with pytest.raises(ConnectorAuthError):
        bad.check()
