"""Fixtures of the Data Prep API tests."""

from __future__ import annotations

from typing import Any

import pytest
from catalog.helpers import create_schema


@pytest.fixture
def schema_id(tenant: Any, db: Any) -> str:
    """The seed 000 profile schema (a superset of seed 003's), in the tenant's prod sandbox."""
    return create_schema(tenant, db)
