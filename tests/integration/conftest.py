"""Fixtures of the integration tier: real local servers, started as subprocesses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support.moto_server import MotoServer, start_moto_server


@pytest.fixture(scope="session")
def moto_server() -> Iterator[MotoServer]:
    """A moto server shared by the session (per xdist worker), with IAM auth enforced.

    Tests share it, so each creates its own buckets (``support.moto_server.unique_bucket``).
    """
    server = start_moto_server()
    try:
        yield server
    finally:
        server.stop()
