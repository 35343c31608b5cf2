"""Fixtures of the engine tests; plain helpers are in ``engine_cases``."""

from __future__ import annotations

from typing import Any

import pytest
from engine_cases import seed_003


@pytest.fixture(scope="session")
def seed_003_schema() -> dict[str, Any]:
    return seed_003()
