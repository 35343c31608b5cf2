"""``open_connector`` and the table of connectors that can read files."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from headwater.connectors.errors import ConnectorUnsupported
from headwater.connectors.landing_zone_io import LandingZoneConnector
from headwater.connectors.protocol import Connector, known_io, open_connector
from headwater.connectors.registry import known_connectors
from headwater.connectors.s3_io import S3Connector
from headwater.errors import InvalidField, NotFound

S3 = "ecadc60c-7455-4d87-84dc-2a0e293d997b"
LANDING_ZONE = "26f526f2-58f4-4712-961d-e41bf1ccc0e8"
KINESIS = "86043421-563b-46ec-8e6c-e23184711bf6"


def test_the_table_is_sorted_and_every_entry_has_a_factory() -> None:
    assert list(known_io.values()) == sorted(known_io.values())
    for spec_id, module_path in known_io.items():
        assert spec_id in known_connectors
        assert callable(importlib.import_module(module_path).connect)


def test_opens_the_landing_zone(tmp_path: Path) -> None:
    connector = open_connector(LANDING_ZONE, {}, landing_zone_root=str(tmp_path))
    assert isinstance(connector, LandingZoneConnector) and isinstance(connector, Connector)


def test_the_landing_zone_needs_a_root() -> None:
    with pytest.raises(ValueError, match="landing_zone_root"):
        open_connector(LANDING_ZONE, {})


def test_opens_s3_with_the_connection_params() -> None:
    params = {
        "s3AccessKey": "AKIAEXAMPLE",
        "s3SecretKey": "s3cr3t",
        "s3SessionToken": "token",
        "serviceUrl": "https://s3.eu-west-3.amazonaws.com",
    }
    connector = open_connector(S3.upper(), params)
    assert isinstance(connector, S3Connector)
    assert (connector.fs.key, connector.fs.secret, connector.fs.token) == (
        "AKIAEXAMPLE",
        "s3cr3t",
        "token",
    )
    assert connector.fs.client_kwargs == {
        "region_name": "eu-west-3",
        "endpoint_url": "https://s3.eu-west-3.amazonaws.com",
    }


def test_s3_defaults_to_us_east_1() -> None:
    connector = open_connector(S3, {"s3AccessKey": "a", "s3SecretKey": "b"})
    assert isinstance(connector, S3Connector)
    assert connector.fs.client_kwargs == {"region_name": "us-east-1"}


def test_invalid_s3_params_do_not_echo_the_secret() -> None:
    with pytest.raises(InvalidField) as caught:
        open_connector(S3, {"s3AccessKey": "a", "s3SecretKey": "b", "sneaky": "s3cr3t"})
    assert "s3cr3t" not in caught.value.message
    with pytest.raises(InvalidField, match="s3SecretKey"):
        open_connector(S3, {"s3AccessKey": "a"})


def test_a_spec_without_io_is_unsupported() -> None:
    with pytest.raises(ConnectorUnsupported) as caught:
        open_connector(KINESIS, {})
    assert caught.value.code == "1385" and caught.value.status == 400


def test_an_unknown_spec_is_not_found() -> None:
    with pytest.raises(NotFound) as caught:
        open_connector("00000000-0000-0000-0000-000000000000", {})
    assert caught.value.code == "1413"
