"""Classifying botocore, aiohttp and s3fs exceptions (the S3 client's failures)."""

from __future__ import annotations

import aiohttp
import botocore.exceptions  # type: ignore[import-untyped]

from headwater.connectors.translate import Kind, Problem

_AUTH: dict[str, str] = {
    "InvalidAccessKeyId": "the access key id does not exist",
    "SignatureDoesNotMatch": "the secret key does not match the access key id",
    "AccessDenied": "access is denied to these credentials",
    "ExpiredToken": "the session token has expired",
    "InvalidToken": "the session token is invalid",
    "TokenRefreshRequired": "the session token must be refreshed",
    "AllAccessDisabled": "all access to this resource is disabled",
    "AccountProblem": "the account has a problem",
    "RequestTimeTooSkewed": "the local clock differs too much from the server's",
    "AuthorizationHeaderMalformed": "the request was signed for another region; set serviceUrl",
}
_NOT_FOUND: dict[str, str] = {
    "NoSuchBucket": "the bucket does not exist",
    "NoSuchKey": "the object does not exist",
}
_TRANSIENT: dict[str, str] = {
    "SlowDown": "the service is throttling requests",
    "Throttling": "the service is throttling requests",
    "RequestLimitExceeded": "the service is throttling requests",
    "ServiceUnavailable": "the service is unavailable",
    "InternalError": "the service reported an internal error",
    "RequestTimeout": "the request timed out",
    "OperationAborted": "a conflicting operation is in progress",
}
_CHANGED: dict[str, str] = {
    "PreconditionFailed": "its ETag no longer matches the version being read",
}
_BY_CODE: tuple[tuple[Kind, dict[str, str]], ...] = (
    ("auth", _AUTH),
    ("not_found", _NOT_FOUND),
    ("transient", _TRANSIENT),
    ("changed", _CHANGED),
)
_STATUS: dict[int, tuple[Kind, str]] = {
    401: ("auth", "the request is not authenticated"),
    403: ("auth", "access is denied to these credentials"),
    404: ("not_found", "no such bucket or object"),
    412: ("changed", "its ETag no longer matches the version being read"),
    429: ("transient", "the service is throttling requests"),
}
_NETWORK = (
    botocore.exceptions.ConnectionError,  # connection refused, connect timeout, DNS, proxy
    botocore.exceptions.HTTPClientError,  # read timeout, connection closed, body cut short
    botocore.exceptions.IncompleteReadError,
    aiohttp.ClientConnectionError,  # includes ServerDisconnectedError
    aiohttp.ClientPayloadError,
)


def classify_s3_error(exc: BaseException) -> Problem | None:
    """Classify one exception of the S3 client stack (None when it is not one of them)."""
    if isinstance(exc, botocore.exceptions.ClientError):
        return _client_error(exc)
    if isinstance(exc, botocore.exceptions.ReadTimeoutError):
        return Problem("transient", "the request timed out")
    if isinstance(exc, botocore.exceptions.ConnectTimeoutError):
        return Problem("transient", "the connection timed out")
    if isinstance(exc, botocore.exceptions.EndpointConnectionError):
        return Problem("transient", "could not connect to the endpoint")
    if isinstance(exc, _NETWORK):
        return Problem("transient", "the connection was lost")
    if isinstance(exc, botocore.exceptions.NoCredentialsError):
        return Problem("auth", "no credentials were given")
    if type(exc).__name__ == "FileExpired":  # s3fs.utils.FileExpired
        return Problem("changed", "its ETag no longer matches the version being read")
    return None


def _client_error(exc: botocore.exceptions.ClientError) -> Problem | None:
    response = exc.response or {}
    code = str(response.get("Error", {}).get("Code", ""))
    for kind, table in _BY_CODE:
        if code in table:
            return Problem(kind, f"{table[code]} ({code})")
    status = _status(response, code)
    if status in _STATUS:
        kind, reason = _STATUS[status]
        return Problem(kind, f"{reason} (HTTP {status})")
    if status is not None and status >= 500:
        return Problem("transient", f"the service failed (HTTP {status})")
    return None


def _status(response: dict[str, object], code: str) -> int | None:
    metadata = response.get("ResponseMetadata")
    status = metadata.get("HTTPStatusCode") if isinstance(metadata, dict) else None
    if isinstance(status, int):
        return status
    return int(code) if code.isdigit() else None
