"""Classifying the Azure SDK's exceptions (azure-core, azure-storage-blob, azure-identity, aiohttp).

Storage errors carry an error code (``x-ms-error-code`` or the XML body's ``<Code>``): it is
looked up first, then the HTTP status. Reasons quote the code, never the SDK's message, which
may quote request URLs.
"""

from __future__ import annotations

import aiohttp
from azure.core import exceptions as az

from headwater.connectors.translate import Kind, Problem

_AUTH: dict[str, str] = {
    "AuthenticationFailed": "the signature or account key is not valid, or the SAS has expired",
    "AuthorizationFailure": "the credentials are not allowed to do this",
    "AuthorizationPermissionMismatch": "the credentials lack the permission needed",
    "AuthorizationResourceTypeMismatch": "the SAS does not cover this kind of resource",
    "AuthorizationServiceMismatch": "the SAS does not cover the blob service",
    "AuthorizationSourceIPMismatch": "the SAS does not allow this IP address",
    "AuthorizationProtocolMismatch": "the SAS does not allow this protocol",
    "InvalidAuthenticationInfo": "the authentication information is not valid",
    "NoAuthenticationInformation": "no credentials were given",
    "InsufficientAccountPermissions": "the account key lacks the permission needed",
    "AccountIsDisabled": "the storage account is disabled",
    "KeyBasedAuthenticationNotPermitted": "the account does not accept key-based authentication",
}
_NOT_FOUND: dict[str, str] = {
    "ContainerNotFound": "the container does not exist",
    "FilesystemNotFound": "the file system does not exist",
    "BlobNotFound": "the blob does not exist",
    "PathNotFound": "the path does not exist",
    "ResourceNotFound": "the resource does not exist",
    "ContainerBeingDeleted": "the container is being deleted",
}
_TRANSIENT: dict[str, str] = {
    "ServerBusy": "the service is busy or throttling requests",
    "InternalError": "the service reported an internal error",
    "OperationTimedOut": "the operation timed out",
}
_CHANGED: dict[str, str] = {
    "ConditionNotMet": "its ETag no longer matches the version being read",
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
    404: ("not_found", "no such container or blob"),
    408: ("transient", "the request timed out"),
    412: ("changed", "its ETag no longer matches the version being read"),
    429: ("transient", "the service is throttling requests"),
}


def classify_azure_error(exc: BaseException) -> Problem | None:
    """Classify one exception of the Azure client stack (None when it is not one of them)."""
    if isinstance(exc, az.IncompleteReadError):
        return Problem("transient", "the connection was lost")
    if isinstance(exc, az.HttpResponseError):
        return _response_error(exc)
    if isinstance(exc, (az.ServiceRequestTimeoutError, az.ServiceResponseTimeoutError)):
        return Problem("transient", "the request timed out")
    if isinstance(exc, az.ServiceRequestError):
        # Also raised when the server closes a kept-alive connection before answering.
        inner = getattr(exc, "inner_exception", None) or exc.__cause__
        if isinstance(inner, aiohttp.ServerDisconnectedError):
            return Problem("transient", "the connection was lost")
        return Problem("transient", "could not connect to the endpoint")
    if isinstance(exc, (az.ServiceResponseError, aiohttp.ClientPayloadError)):
        return Problem("transient", "the connection was lost")
    if isinstance(exc, aiohttp.ClientConnectionError):
        return Problem("transient", "the connection was lost")
    if type(exc).__name__ == "CredentialUnavailableError":  # azure.identity
        return Problem("auth", "no token could be obtained for the service principal")
    return None


def _response_error(exc: az.HttpResponseError) -> Problem | None:
    code = _error_code(exc)
    for kind, table in _BY_CODE:
        if code in table:
            return Problem(kind, f"{table[code]} ({code})")
    if isinstance(exc, az.ClientAuthenticationError):
        # Also what azure-identity raises when the token endpoint refuses the service principal.
        return Problem("auth", "authentication failed" + (f" ({code})" if code else ""))
    status = exc.status_code
    if status in _STATUS:
        kind, reason = _STATUS[status]
        return Problem(kind, f"{reason} ({code or f'HTTP {status}'})")
    if status is not None and status >= 500:
        return Problem("transient", f"the service failed (HTTP {status})")
    return None


def _error_code(exc: az.HttpResponseError) -> str:
    code = getattr(exc, "error_code", None)
    code = getattr(code, "value", code)  # StorageErrorCode is an enum of strings
    if not code and exc.response is not None:
        code = getattr(exc.response, "headers", {}).get("x-ms-error-code")
    return str(code or "")
