"""Oracle Object Storage (its Amazon S3 Compatibility API) against a moto server: the connector
contract, plus the endpoint settings that Oracle needs."""

from __future__ import annotations

import pytest

from headwater.connectors.oracle_object_storage_io import OracleObjectStorageConnector, region_of
from headwater.connectors.protocol import Connector, open_connector
from headwater.errors import InvalidField
from support.moto_server import MotoServer, closed_port_url, put_objects, unique_bucket

from .contract import EMPTY_FOLDER, TREE, ConnectorContract, PreparedTree

ORACLE_SPEC_ID = "c85f9425-fb21-426c-ad0b-405e9bd8a46c"
WRONG_SECRET = "wRoNg/SeCrEt+kEy0123456789abcdefghijklmn"
OCI_URL = "https://acme.compat.objectstorage.eu-frankfurt-1.oraclecloud.com"


def oracle_params(moto: MotoServer, **extra: str) -> dict[str, str]:
    return {
        "serviceUrl": moto.url,
        "accessKey": moto.access_key,
        "secretKey": moto.secret_key,
        **extra,
    }


class TestOracleContract(ConnectorContract):
    @pytest.fixture
    def bucket(self, moto_server: MotoServer) -> str:
        name = unique_bucket()
        put_objects(moto_server, name, {**TREE, EMPTY_FOLDER + "/": b""})
        return name

    @pytest.fixture
    def tree(self, moto_server: MotoServer, bucket: str) -> PreparedTree:
        def write(relative: str, data: bytes) -> None:
            put_objects(moto_server, bucket, {relative: data})

        connector = open_connector(ORACLE_SPEC_ID, oracle_params(moto_server))
        return PreparedTree(connector, f"/{bucket}", write)

    @pytest.fixture
    def missing_paths(self, bucket: str) -> list[str]:
        missing_bucket = unique_bucket("missing")
        return [
            f"/{missing_bucket}/leads/a.tsv",
            f"/{bucket}/nothing-here",
            f"/{bucket}/nothing-here/*.tsv",
        ]

    @pytest.fixture(params=["wrong secret", "unknown access key"])
    def wrong_credentials(
        self, request: pytest.FixtureRequest, moto_server: MotoServer
    ) -> tuple[Connector, str]:
        if request.param == "wrong secret":
            params = oracle_params(moto_server, secretKey=WRONG_SECRET)
            return open_connector(ORACLE_SPEC_ID, params), WRONG_SECRET
        params = oracle_params(moto_server, accessKey="0123456789abcdef0123")
        return open_connector(ORACLE_SPEC_ID, params), moto_server.secret_key

    @pytest.fixture
    def unreachable(self, moto_server: MotoServer) -> Connector:
        params = oracle_params(moto_server, serviceUrl=closed_port_url())
        return OracleObjectStorageConnector.from_auth(params, retries=1, connect_timeout=2)


def test_bucket_name_and_folder_path_restrict_access(moto_server: MotoServer) -> None:
    name = unique_bucket()
    put_objects(moto_server, name, TREE)
    params = oracle_params(moto_server, bucketName=name, folderPath="leads/sub")
    connector = open_connector(ORACLE_SPEC_ID, params)
    connector.check()
    (file,) = connector.list("/leads/sub", recursive=True)
    assert file.path == "/leads/sub/c.tsv"
    with connector.open(file) as stream:
        assert stream.read() == TREE["leads/sub/c.tsv"]


def test_requests_are_path_style_and_signed_for_the_endpoints_region() -> None:
    params = {"serviceUrl": OCI_URL, "accessKey": "id", "secretKey": "s"}
    connector = open_connector(ORACLE_SPEC_ID, params)
    assert isinstance(connector, OracleObjectStorageConnector)
    assert connector.fs.client_kwargs == {"region_name": "eu-frankfurt-1", "endpoint_url": OCI_URL}
    assert connector.fs.config_kwargs["s3"] == {"addressing_style": "path"}
    assert connector.fs.config_kwargs["request_checksum_calculation"] == "when_required"


@pytest.mark.parametrize(
    ("url", "region"),
    [
        (OCI_URL, "eu-frankfurt-1"),
        ("https://ns.compat.objectstorage.us-ashburn-1.oraclecloud.com/", "us-ashburn-1"),
        ("https://ns.compat.objectstorage.ap-chuncheon-1.oci.customer-oci.com", "ap-chuncheon-1"),
        ("http://127.0.0.1:9000", None),
    ],
)
def test_the_region_is_read_from_the_url(url: str, region: str | None) -> None:
    assert region_of(url) == region


def test_the_service_url_must_be_an_http_url() -> None:
    params = {"serviceUrl": "ftp://files.example.com", "accessKey": "id", "secretKey": "s3cr3t"}
    with pytest.raises(InvalidField) as caught:
        open_connector(ORACLE_SPEC_ID, params)
    assert caught.value.field == "auth.params.serviceUrl"
    assert "s3cr3t" not in caught.value.message
