"""The GCS JSON API client of :mod:`headwater.connectors.gcs_json_io`: gcsfs, adjusted.

* :func:`gcs_filesystem` builds a gcsfs filesystem from a service account key: the key is loaded
  by google-auth first (a key it cannot load is an :class:`~headwater.errors.InvalidField`
  naming ``credentials``), with the read-only scope. Over plain ``http://`` (an emulator: it has
  no token endpoint, and a token must not travel unencrypted) requests carry no token.
* gcsfs's core class is used, not the "extended" one that gcsfs exports by default (it asks a
  gRPC API for each bucket's type, which emulators do not serve); each request is tried
  ``attempts`` times (gcsfs tries 6 times, waiting up to 31 seconds).
* Files open pinned (:class:`PinnedFile`): the object's metadata is read once, and every ranged
  read names that generation.
"""

from __future__ import annotations

import json
from types import MethodType
from typing import Any

import aiohttp
from fsspec.spec import AbstractBufferedFile  # type: ignore[import-untyped]
from gcsfs.core import GCSFileSystem  # type: ignore[import-untyped]
from gcsfs.retry import retry_request  # type: ignore[import-untyped]
from google.oauth2 import service_account

from headwater.connectors.gcs_errors import GenerationGone
from headwater.errors import InvalidField

READ_ONLY_SCOPE = "https://www.googleapis.com/auth/devstorage.read_only"
_UNRETRIED_REQUEST = GCSFileSystem._request.__wrapped__


def gcs_filesystem(
    credentials: str,
    endpoint: str,
    *,
    attempts: int,
    connect_timeout: float,
    read_timeout: float,
    block_size: int,
) -> GcsFileSystem:
    """A filesystem reading with the service account key ``credentials`` (its JSON text).

    Raises:
        InvalidField: when the key is not a service account key google-auth can load.
    """
    key = json.loads(credentials)  # the spec model checked that it is a JSON object
    loaded = _load_key(key)
    return GcsFileSystem(
        project=str(key.get("project_id") or ""),
        access="read_only",
        token=loaded if endpoint.startswith("https://") else "anon",
        endpoint_url=endpoint,
        requests_timeout=aiohttp.ClientTimeout(
            sock_connect=connect_timeout, sock_read=read_timeout
        ),
        block_size=block_size,
        skip_instance_cache=True,
        use_listings_cache=False,
        attempts=max(1, attempts),
    )


class GcsFileSystem(GCSFileSystem):  # type: ignore[misc]
    """gcsfs with ``attempts`` tries per request and generation-pinned, read-only files."""

    def __init__(self, *, attempts: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._request = MethodType(retry_request(retries=attempts)(_UNRETRIED_REQUEST), self)

    def _open(self, path: str, mode: str = "rb", block_size: int | None = None, **_: Any) -> Any:
        if mode != "rb":
            raise ValueError("Google Cloud Storage connections are read-only")
        return PinnedFile(self, path, block_size=block_size or self.default_block_size)


class PinnedFile(AbstractBufferedFile):  # type: ignore[misc]
    """A read-only object; ``object`` is its metadata when opened, and every range is read from
    that generation (:class:`GenerationGone` once it no longer exists)."""

    def __init__(self, fs: GcsFileSystem, path: str, *, block_size: int) -> None:
        bucket, key, _ = fs.split_path(path)
        self.object: dict[str, Any] = fs.call("GET", "b/{}/o/{}", bucket, key, json_out=True)
        size = int(self.object.get("size") or 0)
        super().__init__(fs, path, mode="rb", block_size=block_size, size=size)

    def _fetch_range(self, start: int, end: int) -> bytes:
        generation = self.object.get("generation")
        try:
            data: bytes = self.fs.cat_file(self.path, start=start, end=end, generation=generation)
        except FileNotFoundError as exc:
            raise GenerationGone(self.path) from exc
        return data


def _load_key(key: dict[str, Any]) -> service_account.Credentials:
    if key.get("type") != "service_account":
        raise _unusable_key("its type is not service_account")
    load = service_account.Credentials.from_service_account_info
    try:
        credentials: service_account.Credentials = load(key, scopes=[READ_ONLY_SCOPE])  # type: ignore[no-untyped-call]
    except (ValueError, KeyError, TypeError):
        raise _unusable_key(
            "it needs client_email, token_uri and a private_key in PEM form"
        ) from None
    return credentials


def _unusable_key(reason: str) -> InvalidField:
    return InvalidField(
        "auth.params.credentials", f"is not a usable service account key: {reason}", code="1000"
    )
