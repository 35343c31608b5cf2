"""Amazon S3 against a moto server: the connector contract, plus what is specific to S3."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from headwater.connectors.errors import (
    ConnectorAuthError,
    InvalidSourcePath,
    SourceNotFound,
    SourceUnavailable,
)
from headwater.connectors.protocol import Connector, open_connector
from headwater.connectors.s3_io import S3Connector
from support.moto_server import (
    MotoServer,
    closed_port_url,
    put_objects,
    s3_auth_params,
    s3_client,
    start_moto_server,
    unique_bucket,
)

from .contract import EMPTY_FOLDER, TREE, ConnectorContract, PreparedTree
from .tcp_proxy import CuttingProxy

S3_SPEC_ID = "ecadc60c-7455-4d87-84dc-2a0e293d997b"
WRONG_SECRET = "wRoNg/SeCrEt+kEy0123456789abcdefghijklmn"


@pytest.fixture
def bucket(moto_server: MotoServer) -> str:
    name = unique_bucket()
    put_objects(moto_server, name, {**TREE, EMPTY_FOLDER + "/": b""})
    return name


@pytest.fixture
def connector(moto_server: MotoServer) -> Connector:
    return open_connector(S3_SPEC_ID, s3_auth_params(moto_server))


class TestS3Contract(ConnectorContract):
    @pytest.fixture
    def tree(self, moto_server: MotoServer, bucket: str, connector: Connector) -> PreparedTree:
        def write(relative: str, data: bytes) -> None:
            put_objects(moto_server, bucket, {relative: data})

        return PreparedTree(connector, f"/{bucket}", write)

    @pytest.fixture
    def missing_paths(self, bucket: str) -> list[str]:
        missing_bucket = unique_bucket("missing")
        return [
            f"/{missing_bucket}/leads/a.tsv",
            f"/{missing_bucket}/leads/*.tsv",
            f"/{bucket}/nothing-here",
            f"/{bucket}/leads/a.tsv/deeper",
            f"/{bucket}/nothing-here/*.tsv",
        ]

    @pytest.fixture(params=["wrong secret", "unknown access key"])
    def wrong_credentials(
        self, request: pytest.FixtureRequest, moto_server: MotoServer
    ) -> tuple[Connector, str]:
        if request.param == "wrong secret":
            params = s3_auth_params(moto_server, s3SecretKey=WRONG_SECRET)
            return open_connector(S3_SPEC_ID, params), WRONG_SECRET
        params = s3_auth_params(moto_server, s3AccessKey="AKIAUNKNOWN000000000")
        return open_connector(S3_SPEC_ID, params), moto_server.secret_key

    @pytest.fixture
    def unreachable(self, moto_server: MotoServer) -> Connector:
        params = s3_auth_params(moto_server, serviceUrl=closed_port_url())
        return S3Connector.from_auth(params, retries=1, connect_timeout=2)


def test_the_auth_error_names_the_problem(moto_server: MotoServer, bucket: str) -> None:
    wrong_secret = open_connector(S3_SPEC_ID, s3_auth_params(moto_server, s3SecretKey="x" * 40))
    with pytest.raises(Exception, match="SignatureDoesNotMatch"):
        list(wrong_secret.list(f"/{bucket}/leads"))
    unknown_key = open_connector(S3_SPEC_ID, s3_auth_params(moto_server, s3AccessKey="AKIAX"))
    with pytest.raises(Exception, match="InvalidAccessKeyId"):
        unknown_key.check()


def test_a_same_size_rewrite_changes_the_etag(moto_server: MotoServer, bucket: str) -> None:
    connector = open_connector(S3_SPEC_ID, s3_auth_params(moto_server))
    (before,) = connector.list(f"/{bucket}/leads/a.tsv")
    put_objects(moto_server, bucket, {"leads/a.tsv": b"X" * before.size})
    (after,) = connector.list(f"/{bucket}/leads/a.tsv")
    assert after.size == before.size and after.etag != before.etag
    assert after.key != before.key


def test_bucket_name_and_folder_path_restrict_access(moto_server: MotoServer, bucket: str) -> None:
    params = s3_auth_params(moto_server, bucketName=bucket, folderPath="/leads/")
    connector = open_connector(S3_SPEC_ID, params)
    connector.check()
    files = [f.path for f in connector.list("/leads/*.tsv")]
    assert files == ["/leads/a.tsv", "/leads/b.tsv"]
    with connector.open(next(connector.list("leads/sub/c.tsv"))) as stream:
        assert stream.read() == TREE["leads/sub/c.tsv"]
    for outside in ("/root.csv", "/*.csv", "/leadsx/a.tsv", "/"):
        with pytest.raises(InvalidSourcePath):
            list(connector.list(outside))


def test_check_fails_for_a_missing_folder_path(moto_server: MotoServer, bucket: str) -> None:
    params = s3_auth_params(moto_server, bucketName=bucket, folderPath="nope")
    with pytest.raises(SourceNotFound):
        open_connector(S3_SPEC_ID, params).check()
    params = s3_auth_params(moto_server, bucketName=unique_bucket("missing"))
    with pytest.raises(SourceNotFound):
        open_connector(S3_SPEC_ID, params).check()


def test_listing_pages_through_many_objects(moto_server: MotoServer) -> None:
    name = unique_bucket()
    keys = [f"many/{i:04d}.csv" for i in range(25)]
    put_objects(moto_server, name, dict.fromkeys(keys, b"x"))
    connector = S3Connector.from_auth(s3_auth_params(moto_server), page_size=4)
    assert [f.path for f in connector.list(f"/{name}/many")] == [f"/{name}/{k}" for k in keys]
    assert len(list(connector.list(f"/{name}/*/*.csv"))) == len(keys)


def test_folder_markers_are_never_listed_as_files(moto_server: MotoServer) -> None:
    name = unique_bucket()
    put_objects(moto_server, name, {"d/": b"", "d/e/": b"", "d/e/f.csv": b"1", "d_$folder$": b""})
    connector = open_connector(S3_SPEC_ID, s3_auth_params(moto_server))
    assert [f.path for f in connector.list(f"/{name}", recursive=True)] == [f"/{name}/d/e/f.csv"]


@pytest.fixture
def own_moto_server() -> Iterator[MotoServer]:
    server = start_moto_server(enforce_auth=False)
    try:
        yield server
    finally:
        server.stop()


def test_a_connection_dropped_mid_read_is_transient(own_moto_server: MotoServer) -> None:
    name = unique_bucket()
    content = bytes(range(256)) * 4096 * 3  # 3 MiB
    put_objects(own_moto_server, name, {"big.bin": content})
    connector = S3Connector.from_auth(
        s3_auth_params(own_moto_server), retries=1, block_size=2**20, connect_timeout=2
    )
    (file,) = connector.list(f"/{name}/big.bin")
    with connector.open(file) as stream:
        assert stream.read(1000) == content[:1000]
        own_moto_server.stop()
        with pytest.raises(SourceUnavailable) as caught:
            stream.read()
    assert caught.value.transient
    assert "reading" in caught.value.message


@pytest.fixture
def behind_proxy(moto_server: MotoServer) -> Iterator[tuple[CuttingProxy, S3Connector, bytes]]:
    """A 3 MiB object read through a proxy that can cut the connection, and its connector."""
    name = unique_bucket()
    content = bytes(range(256)) * 4096 * 3
    put_objects(moto_server, name, {"big.bin": content})
    proxy = CuttingProxy(moto_server.url)
    try:
        params = s3_auth_params(moto_server, serviceUrl=proxy.url, bucketName=name)
        yield (
            proxy,
            S3Connector.from_auth(params, retries=2, block_size=2**20, read_timeout=5),
            content,
        )
    finally:
        proxy.close()


def test_a_response_cut_mid_body_is_transient(
    behind_proxy: tuple[CuttingProxy, S3Connector, bytes],
) -> None:
    proxy, connector, _ = behind_proxy
    (file,) = connector.list("/big.bin")
    with connector.open(file) as stream:
        proxy.cut_after(200_000)  # the first ranged GET dies after ~200 kB of its body
        with pytest.raises(SourceUnavailable) as caught:
            stream.read()
    assert "connection was lost" in caught.value.message


def test_a_front_to_back_read_is_one_request_and_a_cut_body_is_transient(
    behind_proxy: tuple[CuttingProxy, S3Connector, bytes],
) -> None:
    proxy, connector, content = behind_proxy
    (file,) = connector.list("/big.bin")
    proxy.cut_after(200_000)  # the one GET dies ~200 kB into its body
    with connector.open(file, sequential=True) as stream:
        assert not stream.seekable()
        assert stream.read(1000) == content[:1000]
        with pytest.raises(SourceUnavailable) as caught:
            stream.read()
    assert caught.value.transient
    assert "reading" in caught.value.message


def test_a_front_to_back_read_of_a_deleted_object_is_not_found(moto_server: MotoServer) -> None:
    name = unique_bucket()
    put_objects(moto_server, name, {"gone.csv": b"id\n1\n"})
    connector = S3Connector.from_auth(s3_auth_params(moto_server))
    (file,) = connector.list(f"/{name}/gone.csv")
    s3_client(moto_server).delete_object(Bucket=name, Key="gone.csv")
    with pytest.raises(SourceNotFound):
        connector.open(file, sequential=True)


def test_the_client_is_not_shared_between_credentials(moto_server: MotoServer) -> None:
    good = S3Connector.from_auth(s3_auth_params(moto_server))
    bad = S3Connector.from_auth(s3_auth_params(moto_server, s3SecretKey=WRONG_SECRET))
    assert good.fs is not bad.fs
    good.check()
    name = unique_bucket()
    put_objects(moto_server, name, {"a.csv": b"id\n"})
    (file,) = good.list(f"/{name}/a.csv")
    with good.open(file, sequential=True) as stream:
        assert stream.read() == b"id\n"
    with pytest.raises(ConnectorAuthError):
        bad.open(file, sequential=True)
    assert s3_client(moto_server).list_buckets()["ResponseMetadata"]["HTTPStatusCode"] == 200
