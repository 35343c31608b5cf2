"""Pytest fixtures over the live server; import them into a conftest or test module to use them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support.live_server import LiveServer, LiveTenant, running_server


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``headwater serve`` as a subprocess on a free loopback port, with a ready tenant."""
    with running_server(tmp_path_factory.mktemp("live-server")) as server:
        yield server


@pytest.fixture
def live_tenant(live_server: LiveServer) -> LiveTenant:
    """A fresh organisation on the live server (isolated from every other test)."""
    return live_server.new_tenant()


@pytest.fixture(scope="module")
def api_only_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``headwater serve`` without its scheduler: for tests whose flows point at real cloud
    accounts (the seeds' tutorials), which no run may try to reach."""
    with running_server(tmp_path_factory.mktemp("api-server"), scheduler_enabled=False) as server:
        yield server
