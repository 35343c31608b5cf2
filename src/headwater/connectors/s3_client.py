"""Blocking botocore clients for the S3 connectors, shared per credentials and settings.

Listing and front-to-back reads (:mod:`headwater.connectors.s3_stream`) use a plain botocore
client rather than s3fs's asyncio one: a call runs in the calling thread, the socket reads run
outside Python's lock, and the client is made once per process for a set of credentials and
settings (making one loads the service model: ~0.1 s) instead of once per run. It is built
from the connector's s3fs settings, so both clients always agree (endpoint, region, timeouts,
retries, checksum and addressing options of S3-compatible stores).
"""

from __future__ import annotations

import functools
import json
from typing import Any, NamedTuple

import botocore.config  # type: ignore[import-untyped]
import botocore.session  # type: ignore[import-untyped]


class ClientSpec(NamedTuple):
    """What a client is made of; hashable, so that equal specs share one client."""

    access_key: str | None
    secret_key: str | None
    session_token: str | None
    client_kwargs: str  # JSON of botocore's create_client keywords (region, endpoint)
    config_kwargs: str  # JSON of botocore.config.Config's keywords


def spec_of(fs: Any) -> ClientSpec:
    """The client spec of an ``s3fs.S3FileSystem``'s settings."""
    return ClientSpec(
        fs.key,
        fs.secret,
        fs.token,
        json.dumps(fs.client_kwargs, sort_keys=True),
        json.dumps(fs.config_kwargs, sort_keys=True),
    )


@functools.lru_cache(maxsize=32)
def blocking_client(spec: ClientSpec) -> Any:
    """The botocore S3 client of ``spec`` (safe to share between threads)."""
    return botocore.session.get_session().create_client(
        "s3",
        aws_access_key_id=spec.access_key,
        aws_secret_access_key=spec.secret_key,
        aws_session_token=spec.session_token,
        config=botocore.config.Config(**json.loads(spec.config_kwargs)),
        **json.loads(spec.client_kwargs),
    )
