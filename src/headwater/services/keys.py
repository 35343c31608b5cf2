"""Signing and encryption keys: from settings, or generated once under the data directory."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet

from headwater.settings import Settings


@dataclass(frozen=True)
class Keys:
    signing: bytes
    fernet: Fernet


def load_keys(settings: Settings) -> Keys:
    """The keys for tokens (HMAC) and credentials at rest (Fernet)."""
    signing = settings.signing_key or _key_file(
        settings.keys_dir / "signing.key", lambda: secrets.token_urlsafe(48)
    )
    fernet_key = settings.encryption_key or _key_file(
        settings.keys_dir / "credentials.key", lambda: Fernet.generate_key().decode()
    )
    return Keys(signing=signing.encode(), fernet=Fernet(_as_fernet_key(fernet_key)))


def _key_file(path: Path, make: Callable[[], str]) -> str:
    """Read a key file, creating it with mode 0600 if absent (safe when two processes race).

    The key is written whole to a private temporary file first and then linked into place,
    which fails if another process got there first: nobody ever reads a half-written key.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(make())
                handle.flush()
                os.fsync(handle.fileno())
            with contextlib.suppress(FileExistsError):
                os.link(draft, path)
        finally:
            draft.unlink()
    return path.read_text().strip()


def _as_fernet_key(value: str) -> bytes:
    # Accept any passphrase-like setting by deriving a valid 32-byte urlsafe key from it.
    try:
        Fernet(value.encode())
        return value.encode()
    except ValueError:
        return base64.urlsafe_b64encode(hashlib.sha256(value.encode()).digest())
