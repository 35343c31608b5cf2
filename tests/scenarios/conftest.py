"""Scenario tests run against a real ``headwater serve`` process (see ``support.live_server``)."""

from collections.abc import Iterator

import pytest

from support.fixtures import api_only_server, live_server, live_tenant
from support.moto_server import MotoServer, start_moto_server

__all__ = ["api_only_server", "live_server", "live_tenant"]


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    """An S3 server (moto) for the tests of one module."""
    server = start_moto_server()
    yield server
    server.stop()
