"""A moto S3 server and S3 base connections for the explore and test-connection API tests.

Import ``moto_server`` into a test module to use the fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from headwater.store import Database, Sandbox, Scope
from support.moto_server import MotoServer, s3_auth_params, start_moto_server

FS = "/data/foundation/flowservice"
S3 = "ecadc60c-7455-4d87-84dc-2a0e293d997b"


@pytest.fixture(scope="module")
def moto_server() -> Iterator[MotoServer]:
    """An S3 server (moto, IAM auth enforced) for the tests of one module."""
    server = start_moto_server()
    try:
        yield server
    finally:
        server.stop()


def s3_connection(tenant: Any, server: MotoServer, **params: str) -> str:
    """Create an S3 base connection to ``server`` (``params`` added or replaced); its id."""
    body = {
        "name": "s3 explore",
        "auth": {"specName": "Access Key", "params": s3_auth_params(server, **params)},
        "connectionSpec": {"id": S3, "version": "1.0"},
    }
    reply = tenant.request("POST", f"{FS}/connections", json=body)
    assert reply.status_code == 201, reply.text
    return str(reply.json()["id"])


def problem_code(reply: Any) -> str:
    """``1337`` from a FLOW problem type ``…/FLOW-1337-400``."""
    return str(reply.json()["type"].rsplit("/", 1)[-1].split("-")[1])


def scope_of(tenant: Any, db: Database) -> Scope:
    """The scope the gateway gives ``tenant``'s calls (for calling services directly)."""
    with db.transaction() as session:
        sandbox = session.scalars(
            select(Sandbox).where(Sandbox.org_id == tenant.org_id, Sandbox.name == tenant.sandbox)
        ).one()
        return Scope(tenant.org_id, sandbox.id, sandbox.name, tenant.client_id)
