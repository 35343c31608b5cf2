"""Shared bodies for the xdm tests: the two tutorial schemas (seeds 000 and 003)."""

from __future__ import annotations

from typing import Any

import pytest

CTX = "https://ns.adobe.com/xdm/context/"
PROFILE = CTX + "profile"
FIELD_GROUPS = [
    CTX + "profile-person-details",
    CTX + "profile-personal-details",
    CTX + "profile-work-details",
    CTX + "profile-subscriptions",
    CTX + "identitymap",
]


@pytest.fixture
def seed_000_body() -> dict[str, Any]:
    """The 'Sample Demo Profile XDM' create body of the Parquet tutorial."""
    return {
        "type": "object",
        "title": "Sample Demo Profile XDM 8d96a964",
        "description": "",
        "allOf": [{"$ref": ref} for ref in [PROFILE, *FIELD_GROUPS]],
        "meta:containerId": "tenant",
        "meta:resourceType": "schemas",
        "meta:xdmType": "object",
        "meta:class": PROFILE,
    }


@pytest.fixture
def seed_003_body() -> dict[str, Any]:
    """The 'Target schema cloud storage' body: personal details listed twice."""
    return {
        "type": "object",
        "title": "Target schema cloud storage",
        "description": "Target schema for cloud storage",
        "allOf": [
            {"$ref": PROFILE},
            {"$ref": CTX + "profile-person-details"},
            {"$ref": CTX + "profile-personal-details"},
            {"$ref": CTX + "profile-personal-details"},
        ],
        "meta:containerId": "tenant",
        "meta:resourceType": "schemas",
        "meta:xdmType": "object",
        "meta:class": PROFILE,
    }
