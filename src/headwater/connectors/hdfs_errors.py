"""WebHDFS error responses, and classifying the failures of the WebHDFS client (requests).

A NameNode, DataNode or HttpFS gateway answers a failed request with an HTTP status and, usually,
a JSON body naming the Java exception::

    {"RemoteException": {"exception": "FileNotFoundException",
                         "javaClassName": "java.io.FileNotFoundException",
                         "message": "File does not exist: /leads/a.tsv"}}

:func:`remote_error` turns such a response into a :class:`WebHdfsError` (status and exception
name; the message, which may quote paths or user names, is not kept), and
:func:`classify_hdfs_error` classifies it: by the exception when it is known (a standby NameNode
answers 403 with ``StandbyException``: that is transient, not a rejection), else by the status.
"""

from __future__ import annotations

import json

import requests

from headwater.connectors.translate import Kind, Problem

_BY_EXCEPTION: dict[str, tuple[Kind, str]] = {
    "AccessControlException": ("auth", "permission denied"),
    "SecurityException": ("auth", "the request is not authenticated"),
    "AuthorizationException": ("auth", "the user is not authorised"),
    "AuthenticationException": ("auth", "authentication failed"),
    "InvalidToken": ("auth", "the delegation token is invalid or expired"),
    "FileNotFoundException": ("not_found", "no such file or folder"),
    "StandbyException": ("transient", "the NameNode is in standby; point url at the active one"),
    "RetriableException": ("transient", "the NameNode asked to retry"),
    "SafeModeException": ("transient", "the NameNode is in safe mode"),
    "ObserverRetryOnActiveException": ("transient", "the NameNode asked to retry"),
    "ConnectException": ("transient", "the NameNode could not reach a DataNode"),
    "SocketTimeoutException": ("transient", "a DataNode timed out"),
}
_BY_STATUS: dict[int, tuple[Kind, str]] = {
    401: ("auth", "the request is not authenticated"),
    403: ("auth", "access is denied"),
    404: ("not_found", "no such file or folder"),
    408: ("transient", "the request timed out"),
    429: ("transient", "the server is throttling requests"),
}


class WebHdfsError(Exception):
    """A WebHDFS error response: its HTTP status and the Java exception it names, if any."""

    def __init__(self, status: int, exception: str | None = None) -> None:
        self.status = status
        self.exception = exception
        named = f" ({exception})" if exception else ""
        super().__init__(f"WebHDFS answered HTTP {status}{named}")


class ReadCutShort(Exception):
    """A ranged read returned fewer bytes than the file had when it was opened."""


def remote_error(status: int, body: bytes) -> WebHdfsError:
    """The error of a failed response (``status`` ≥ 400) with this body."""
    try:
        remote = json.loads(body)["RemoteException"]
        name = remote.get("exception") or str(remote.get("javaClassName", "")).rsplit(".", 1)[-1]
    except (ValueError, KeyError, TypeError, AttributeError):
        name = None
    # Nested classes arrive as Outer$Inner (SecretManager$InvalidToken).
    return WebHdfsError(status, str(name).rsplit("$", 1)[-1] if name else None)


def classify_hdfs_error(exc: BaseException) -> Problem | None:
    """Classify one exception of the WebHDFS client (None when it is not one of them)."""
    if isinstance(exc, WebHdfsError):
        return _classify_response(exc)
    if isinstance(exc, ReadCutShort):
        return Problem("changed", "it is shorter than when it was opened")
    if isinstance(exc, requests.exceptions.Timeout):
        return Problem("transient", "the request timed out")
    if isinstance(exc, requests.exceptions.ConnectionError):
        return Problem("transient", "could not connect, or the connection was lost")
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return Problem("transient", "the connection was lost")
    return None


def _classify_response(exc: WebHdfsError) -> Problem | None:
    known = _BY_EXCEPTION.get(exc.exception or "") or _BY_STATUS.get(exc.status)
    suffix = f" ({exc.exception}, HTTP {exc.status})" if exc.exception else f" (HTTP {exc.status})"
    if known is not None:
        return Problem(known[0], known[1] + suffix)
    if exc.status >= 500:
        return Problem("transient", "the server failed" + suffix)
    return None
