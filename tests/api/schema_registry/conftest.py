"""Fixtures of the Schema Registry API tests."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import BASE, create, seed_000_body


@pytest.fixture
def tenant_id(tenant: Any) -> str:
    reply = tenant.request("GET", f"{BASE}/stats")
    assert reply.status_code == 200, reply.text
    return str(reply.json()["tenantId"])


@pytest.fixture
def schema(tenant: Any) -> dict[str, Any]:
    """The seed 000 schema, created in the tenant's prod sandbox."""
    return create(tenant, "schemas", seed_000_body())
