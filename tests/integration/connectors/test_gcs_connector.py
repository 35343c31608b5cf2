"""Google Cloud Storage: the connector contract with an HMAC key (the S3-interoperable XML API,
against a moto server) and with a service account key (the JSON API, against
gcp-storage-emulator), plus what is specific to each."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from headwater.connectors.errors import InvalidSourcePath, SourceNotFound, SourceUnavailable
from headwater.connectors.gcs_io import GcsHmacConnector
from headwater.connectors.gcs_json_io import GcsConnector
from headwater.connectors.protocol import Connector, open_connector
from headwater.errors import InvalidField
from support.gcs_emulator import (
    GcsEmulator,
    gcs_auth_params,
    service_account_key,
    start_gcs_emulator,
)
from support.gcs_emulator import put_objects as put_gcs_objects
from support.moto_server import MotoServer, closed_port_url, put_objects, unique_bucket

from .contract import EMPTY_FOLDER, TREE, ConnectorContract, PreparedTree
from .tcp_proxy import CuttingProxy

GCS_SPEC_ID = "32e8f412-cdf7-464c-9885-78184cb113fd"
WRONG_SECRET = "wRoNg/SeCrEt+kEy0123456789abcdefghijklmn"


def hmac_params(moto: MotoServer, **extra: str) -> dict[str, str]:
    return {
        "accessKeyId": moto.access_key,
        "secretAccessKey": moto.secret_key,
        "serviceUrl": moto.url,
        **extra,
    }


@pytest.fixture(scope="module")
def emulator() -> Iterator[GcsEmulator]:
    server = start_gcs_emulator()
    try:
        yield server
    finally:
        server.stop()


def missing(bucket: str) -> list[str]:
    missing_bucket = unique_bucket("missing")
    return [
        f"/{missing_bucket}/leads/a.tsv",
        f"/{missing_bucket}/leads/*.tsv",
        f"/{bucket}/nothing-here",
        f"/{bucket}/leads/a.tsv/deeper",
        f"/{bucket}/nothing-here/*.tsv",
    ]


class TestGcsHmacContract(ConnectorContract):
    """HMAC keys: the S3 connector against GCS's XML API, here a moto server."""

    @pytest.fixture
    def bucket(self, moto_server: MotoServer) -> str:
        name = unique_bucket()
        put_objects(moto_server, name, {**TREE, EMPTY_FOLDER + "/": b""})
        return name

    @pytest.fixture
    def tree(self, moto_server: MotoServer, bucket: str) -> PreparedTree:
        def write(relative: str, data: bytes) -> None:
            put_objects(moto_server, bucket, {relative: data})

        connector = open_connector(GCS_SPEC_ID, hmac_params(moto_server))
        return PreparedTree(connector, f"/{bucket}", write)

    @pytest.fixture
    def missing_paths(self, bucket: str) -> list[str]:
        return missing(bucket)

    @pytest.fixture(params=["wrong secret", "unknown access key"])
    def wrong_credentials(
        self, request: pytest.FixtureRequest, moto_server: MotoServer
    ) -> tuple[Connector, str]:
        if request.param == "wrong secret":
            params = hmac_params(moto_server, secretAccessKey=WRONG_SECRET)
            return open_connector(GCS_SPEC_ID, params), WRONG_SECRET
        params = hmac_params(moto_server, accessKeyId="GOOG1EUNKNOWN0000000")
        return open_connector(GCS_SPEC_ID, params), moto_server.secret_key

    @pytest.fixture
    def unreachable(self, moto_server: MotoServer) -> Connector:
        params = hmac_params(moto_server, serviceUrl=closed_port_url())
        return GcsHmacConnector.from_auth(params, retries=1, connect_timeout=2)


class TestGcsServiceAccountContract(ConnectorContract):
    """A service account key: the JSON API through gcsfs, against gcp-storage-emulator."""

    @pytest.fixture
    def bucket(self, emulator: GcsEmulator) -> str:
        name = unique_bucket()
        put_gcs_objects(emulator, name, {**TREE, EMPTY_FOLDER + "/": b""})
        return name

    @pytest.fixture
    def tree(self, emulator: GcsEmulator, bucket: str) -> PreparedTree:
        def write(relative: str, data: bytes) -> None:
            put_gcs_objects(emulator, bucket, {relative: data})

        connector = open_connector(GCS_SPEC_ID, gcs_auth_params(emulator))
        return PreparedTree(connector, f"/{bucket}", write)

    @pytest.fixture
    def missing_paths(self, bucket: str) -> list[str]:
        return missing(bucket)

    @pytest.fixture
    def wrong_credentials(self) -> tuple[Connector, str]:
        pytest.skip("gcp-storage-emulator checks no credentials: every request is allowed")

    @pytest.fixture
    def unreachable(self, emulator: GcsEmulator) -> Connector:
        params = gcs_auth_params(emulator, serviceUrl=closed_port_url())
        return GcsConnector.from_auth(params, retries=1, connect_timeout=2)


def test_hmac_defaults_to_googles_endpoint_without_aws_checksums() -> None:
    connector = open_connector(GCS_SPEC_ID, {"accessKeyId": "GOOG1E", "secretAccessKey": "s"})
    assert isinstance(connector, GcsHmacConnector)
    assert connector.fs.client_kwargs["endpoint_url"] == "https://storage.googleapis.com"
    assert connector.fs.config_kwargs["request_checksum_calculation"] == "when_required"
    assert connector.fs.config_kwargs["response_checksum_validation"] == "when_required"


def test_hmac_bucket_name_and_folder_path_restrict_access(moto_server: MotoServer) -> None:
    name = unique_bucket()
    put_objects(moto_server, name, TREE)
    params = hmac_params(moto_server, bucketName=name, folderPath="leads")
    connector = open_connector(GCS_SPEC_ID, params)
    connector.check()
    assert [f.path for f in connector.list("/leads/*.tsv")] == ["/leads/a.tsv", "/leads/b.tsv"]
    with pytest.raises(InvalidSourcePath):
        list(connector.list("/root.csv"))


def test_service_account_bucket_name_and_folder_path_restrict_access(
    emulator: GcsEmulator,
) -> None:
    name = unique_bucket()
    put_gcs_objects(emulator, name, TREE)
    connector = open_connector(
        GCS_SPEC_ID, gcs_auth_params(emulator, bucketName=name, folderPath="/leads/")
    )
    connector.check()
    assert [f.path for f in connector.list("/leads/*.tsv")] == ["/leads/a.tsv", "/leads/b.tsv"]
    with connector.open(next(connector.list("leads/sub/c.tsv"))) as stream:
        assert stream.read() == TREE["leads/sub/c.tsv"]
    assert [e.key for e in connector.browse("")] == [
        "a.tsv",
        "b.tsv",
        "premium-x.csv",
        "sub/",
    ]
    for outside in ("/root.csv", "/*.csv", "/leadsx/a.tsv", "/"):
        with pytest.raises(InvalidSourcePath):
            list(connector.list(outside))


def test_service_account_check_fails_for_a_missing_bucket_or_folder(
    emulator: GcsEmulator,
) -> None:
    name = unique_bucket()
    put_gcs_objects(emulator, name, TREE)
    for extra in ({"bucketName": name, "folderPath": "nope"}, {"bucketName": unique_bucket()}):
        with pytest.raises(SourceNotFound):
            open_connector(GCS_SPEC_ID, gcs_auth_params(emulator, **extra)).check()
    open_connector(GCS_SPEC_ID, gcs_auth_params(emulator)).check()  # lists the buckets


def test_service_account_browses_the_projects_buckets(emulator: GcsEmulator) -> None:
    name = unique_bucket()
    put_gcs_objects(emulator, name, TREE)
    connector = open_connector(GCS_SPEC_ID, gcs_auth_params(emulator))
    buckets = list(connector.browse(""))
    assert [b.key for b in buckets] == sorted(b.key for b in buckets)
    assert (name + "/", f"/{name}") in [(b.key, b.path) for b in buckets]
    after = [b.key for b in connector.browse("/", start_after=name + "/")]
    assert after == [b.key for b in buckets if b.key > name + "/"]


def test_object_names_are_literal(emulator: GcsEmulator) -> None:
    name = unique_bucket()
    put_gcs_objects(emulator, name, {"odd/a#1.csv": b"x,y\n", "odd/b?.csv": b"1\n"})
    connector = open_connector(GCS_SPEC_ID, gcs_auth_params(emulator))
    files = list(connector.list(f"/{name}/odd"))
    assert [f.path for f in files] == [f"/{name}/odd/a#1.csv", f"/{name}/odd/b?.csv"]
    with connector.open(files[0]) as stream:
        assert stream.read() == b"x,y\n"


def test_a_key_google_auth_cannot_load_is_an_invalid_field() -> None:
    key = json.loads(service_account_key())
    secret = key["private_key"].splitlines()[5]
    for broken in (
        {**key, "private_key": "-----BEGIN PRIVATE KEY-----\n" + secret + "\n"},
        {key_name: v for key_name, v in key.items() if key_name != "client_email"},
        {**key, "type": "authorized_user"},
    ):
        with pytest.raises(InvalidField) as caught:
            open_connector(GCS_SPEC_ID, {"credentials": json.dumps(broken)})
        assert caught.value.field == "auth.params.credentials"
        assert secret not in caught.value.message


def test_an_unreachable_token_endpoint_is_transient() -> None:
    """Over https the key's JWT is signed and sent to its token_uri: here a closed port."""
    key = {**json.loads(service_account_key()), "token_uri": closed_port_url() + "/token"}
    params = {"credentials": json.dumps(key), "serviceUrl": "https://127.0.0.1:9"}
    connector = GcsConnector.from_auth(params, retries=1, connect_timeout=2)
    with pytest.raises(SourceUnavailable) as caught:
        list(connector.list("/some-bucket/leads"))
    assert "token endpoint" in caught.value.message
    assert key["private_key"] not in caught.value.message


def test_a_response_cut_mid_body_is_transient(emulator: GcsEmulator) -> None:
    name = unique_bucket()
    content = bytes(range(256)) * 4096 * 3  # 3 MiB
    put_gcs_objects(emulator, name, {"big.bin": content})
    proxy = CuttingProxy(emulator.url)
    try:
        params = gcs_auth_params(emulator, serviceUrl=proxy.url)
        connector = GcsConnector.from_auth(params, retries=1, block_size=2**20, read_timeout=5)
        (file,) = connector.list(f"/{name}/big.bin")
        with connector.open(file) as stream:
            proxy.cut_after(200_000)  # the first ranged GET dies after ~200 kB of its body
            with pytest.raises(SourceUnavailable) as caught:
                stream.read()
        assert "reading" in caught.value.message
    finally:
        proxy.close()
