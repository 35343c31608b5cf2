"""Classifying the failures of the GCS JSON API client stack (gcsfs, aiohttp, google-auth).

gcsfs turns responses into exceptions (``gcsfs.retry.validate_response``): 404 is
``FileNotFoundError``, 403 an ``OSError("Forbidden: ...")``, 412 ``FileExistsError``, 502 a
``requests`` ``ProxyError``, and other statuses an ``HttpError`` with a ``code``. An expired or
revoked key fails while refreshing its access token (``RefreshError``, which gcsfs re-raises as
``HttpError`` 401); a token endpoint that cannot be reached is a ``TransportError``.
"""

from __future__ import annotations

import aiohttp
import google.auth.exceptions
import requests
from gcsfs.retry import HttpError  # type: ignore[import-untyped]

from headwater.connectors.translate import Problem

_STATUS: dict[int, Problem] = {
    401: Problem("auth", "the request is not authenticated (HTTP 401)"),
    403: Problem("auth", "access is denied to these credentials (HTTP 403)"),
    404: Problem("not_found", "no such bucket or object (HTTP 404)"),
    408: Problem("transient", "the request timed out (HTTP 408)"),
    412: Problem("changed", "its generation no longer matches the version being read"),
    429: Problem("transient", "the service is throttling requests (HTTP 429)"),
}
_NETWORK = (
    aiohttp.ClientConnectionError,  # refused, reset, server disconnected, socket timeouts
    aiohttp.ClientPayloadError,  # a body cut short
    requests.exceptions.ConnectionError,  # includes ProxyError, which gcsfs raises for a 502
    requests.exceptions.Timeout,
)


class GenerationGone(Exception):
    """The generation of an object being read no longer exists (it was replaced or deleted)."""


def classify_gcs_error(exc: BaseException) -> Problem | None:
    """Classify one exception of the GCS client stack (None when it is not one of them)."""
    if isinstance(exc, GenerationGone):
        return Problem("changed", "the object was replaced or deleted while it was read")
    if isinstance(exc, HttpError):
        return _status(exc.code)
    if isinstance(exc, FileExistsError):
        return _STATUS[412]
    if type(exc) is OSError and str(exc).startswith("Forbidden"):
        return _STATUS[403]
    if isinstance(exc, google.auth.exceptions.RefreshError):
        return Problem("auth", "the service account key was refused by the token endpoint")
    if isinstance(exc, google.auth.exceptions.TransportError):
        return Problem("transient", "the token endpoint could not be reached")
    if isinstance(exc, _NETWORK):
        return Problem("transient", "the connection failed or was lost")
    return None


def _status(code: object) -> Problem | None:
    status = int(code) if isinstance(code, int | str) and str(code).isdigit() else None
    if status is None:
        return None
    if status in _STATUS:
        return _STATUS[status]
    if status >= 500:
        return Problem("transient", f"the service failed (HTTP {status})")
    return None
