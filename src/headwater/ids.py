"""Identifier formats the platform uses, generated in one place."""

from __future__ import annotations

import secrets
import uuid


def new_uuid() -> str:
    """Flow Service ids: dashed UUIDs (connections, flows, runs)."""
    return str(uuid.uuid4())


def new_catalog_id() -> str:
    """Catalog ids: 24 hex characters (datasets, batches)."""
    return secrets.token_hex(12)


def new_hex32() -> str:
    """Data Prep ids: 32 hex characters without dashes (mapping sets, mappings)."""
    return uuid.uuid4().hex


def new_schema_hash() -> str:
    """Schema Registry tenant resources: 48 hex characters after the container path."""
    return secrets.token_hex(24)


def new_etag() -> str:
    """A quoted opaque version tag, as the platform returns it."""
    return f'"{uuid.uuid4()}"'
