"""The landing zone itself and its "credentials" (``/data/foundation/connectors/landingzone``).

On the platform the container is an Azure Blob container and ``/credentials`` hands out a SAS
token for it. headwater has no Azure: files are uploaded to headwater itself
(``PUT …/landingzone/files/{path}``) with the caller's normal bearer token. ``SASUri`` is that
upload URL and ``SASToken`` is a random, opaque value kept per sandbox so clients that store or
refresh it keep working; it grants nothing and is never checked.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from headwater.errors import BadRequest
from headwater.services.landing_zone.container import (
    CONTAINER_NAME,
    TOKEN_FILE,
    container_dir,
    sandbox_dir,
    ttl_days,
)
from headwater.settings import Settings
from headwater.store import Scope

USER_DROP_ZONE = "user_drop_zone"
STORAGE_ACCOUNT = "headwater"
TOKEN_VALIDITY_DAYS = 30
"""After this, ``GET /credentials`` hands out a new token by itself, as the platform does."""


def check_zone_type(zone_type: str) -> None:
    """Raises ``BadRequest`` unless ``zone_type`` is ``user_drop_zone``."""
    if zone_type != USER_DROP_ZONE:
        raise BadRequest(
            f"Unsupported landing zone type {zone_type!r}; headwater has '{USER_DROP_ZONE}'"
        )


def landing_zone(settings: Settings, scope: Scope, zone_type: str) -> dict[str, str]:
    """The sandbox's container (created on first use) and its TTL in days."""
    check_zone_type(zone_type)
    container_dir(settings, scope)
    return {"containerName": CONTAINER_NAME, "containerTTL": str(ttl_days(settings))}


def credentials(
    settings: Settings, scope: Scope, zone_type: str, *, upload_url: str, now: float
) -> dict[str, str]:
    """The container's upload URL and current token (a new one once it is too old)."""
    check_zone_type(zone_type)
    container_dir(settings, scope)
    state = _read_token(settings, scope)
    if state is None or now >= state["issued"] + TOKEN_VALIDITY_DAYS * 86_400:
        state = _new_token(settings, scope, now)
    return _answer(state, upload_url)


def refresh_credentials(
    settings: Settings,
    scope: Scope,
    zone_type: str,
    *,
    action: str,
    upload_url: str,
    now: float,
) -> dict[str, str]:
    """``action=refresh``: replace the token by a new random one."""
    check_zone_type(zone_type)
    if action != "refresh":
        raise BadRequest(f"Unsupported action {action!r}; expected 'refresh'")
    container_dir(settings, scope)
    return _answer(_new_token(settings, scope, now), upload_url)


def _answer(state: dict[str, Any], upload_url: str) -> dict[str, str]:
    expiry = datetime.fromtimestamp(state["issued"], UTC) + timedelta(days=TOKEN_VALIDITY_DAYS)
    return {
        "containerName": CONTAINER_NAME,
        "SASToken": str(state["token"]),
        "storageAccountName": STORAGE_ACCOUNT,
        "SASUri": upload_url,
        "expiryDate": expiry.date().isoformat(),
    }


def _token_path(settings: Settings, scope: Scope) -> Path:
    return sandbox_dir(settings, scope) / TOKEN_FILE


def _read_token(settings: Settings, scope: Scope) -> dict[str, Any] | None:
    try:
        state = json.loads(_token_path(settings, scope).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or not isinstance(state.get("token"), str):
        return None
    if not isinstance(state.get("issued"), int | float):
        return None
    return state


def _new_token(settings: Settings, scope: Scope, now: float) -> dict[str, Any]:
    state = {"token": secrets.token_urlsafe(32), "issued": now}
    path = _token_path(settings, scope)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".sas-token-", suffix=".part")
    with os.fdopen(fd, "w") as handle:
        json.dump(state, handle)
    os.replace(temp, path)
    return state
