"""Fixtures of the Catalog API tests."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import create_schema


@pytest.fixture
def schema_id(tenant: Any, db: Any) -> str:
    """The seed 000 profile schema, created in the tenant's prod sandbox."""
    return create_schema(tenant, db)
