"""Connection credentials at rest: ``auth.params`` encrypted whole; secrets masked when shown."""

from __future__ import annotations

import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from headwater.errors import HeadwaterError

MASK = "********"


def encrypt_params(fernet: Fernet, params: dict[str, Any]) -> str:
    return fernet.encrypt(json.dumps(params).encode()).decode()


def decrypt_params(fernet: Fernet, ciphertext: str | None) -> dict[str, Any]:
    if not ciphertext:
        return {}
    try:
        params: dict[str, Any] = json.loads(fernet.decrypt(ciphertext.encode()))
    except InvalidToken:
        # Wrong HEADWATER_ENCRYPTION_KEY: say so without leaking anything.
        raise HeadwaterError(
            "Stored credentials cannot be decrypted with the configured key"
        ) from None
    return params


def masked(params: dict[str, Any], secret_names: frozenset[str]) -> dict[str, Any]:
    """``params`` with every secret replaced by a fixed mask (also empty secrets are masked)."""
    return {k: (MASK if k in secret_names and v is not None else v) for k, v in params.items()}


def keep_masked_secrets(
    new: dict[str, Any], old: dict[str, Any], secret_names: frozenset[str]
) -> dict[str, Any]:
    """A client that sends back the mask it read means "unchanged", not the literal mask."""
    return {k: (old.get(k) if k in secret_names and v == MASK else v) for k, v in new.items()}
