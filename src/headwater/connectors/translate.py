"""Translating third-party exceptions into connector errors (DESIGN convention 6).

A backend classifies an exception into a :class:`Problem` (what kind of failure, and a short
reason that is safe to show); :func:`to_error` turns it into a ``headwater`` error with a message
built here, never from the third-party message, which may quote URLs or headers.
"""

from __future__ import annotations

import errno
import http.client
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from headwater.connectors.errors import (
    ConnectorAuthError,
    ConnectorError,
    FileChanged,
    SourceError,
    SourceNotFound,
    SourceUnavailable,
)

Kind = Literal["auth", "not_found", "transient", "changed"]


@dataclass(frozen=True)
class Problem:
    """A classified failure: its kind and a reason that names the problem, without secrets."""

    kind: Kind
    reason: str


_TRANSIENT_ERRNOS: dict[int, str] = {
    errno.EBUSY: "the service is busy or throttling requests",
    getattr(errno, "EREMOTEIO", errno.EIO): "the service reported an internal error",
    errno.ECONNREFUSED: "the connection was refused",
    errno.ECONNRESET: "the connection was reset",
    errno.ECONNABORTED: "the connection was aborted",
    errno.EPIPE: "the connection was lost",
    errno.ETIMEDOUT: "the request timed out",
    errno.EHOSTUNREACH: "the host is unreachable",
    errno.ENETUNREACH: "the network is unreachable",
}


def exception_chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, then its causes and contexts (explicit ``__cause__`` first), each once."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def classify_builtin(exc: BaseException) -> Problem | None:
    """Classify the standard exceptions that fsspec backends raise."""
    if isinstance(exc, PermissionError):
        return Problem("auth", "permission denied")
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return Problem("not_found", "no such file or folder")
    if isinstance(exc, IsADirectoryError):
        return Problem("not_found", "it is a folder, not a file")
    if isinstance(exc, ConnectionRefusedError):
        return Problem("transient", "the connection was refused")
    if isinstance(exc, (ConnectionError, http.client.IncompleteRead)):
        return Problem("transient", "the connection was lost")
    if isinstance(exc, TimeoutError):
        return Problem("transient", "the request timed out")
    if isinstance(exc, OSError) and exc.errno in _TRANSIENT_ERRNOS:
        return Problem("transient", _TRANSIENT_ERRNOS[exc.errno])
    return None


def to_error(
    problem: Problem | None,
    *,
    system: str,
    action: str,
    path: str,
    hint: str = "",
    exc: BaseException | None = None,
) -> ConnectorError:
    """The connector error for ``problem`` (a :class:`SourceError` when it is None).

    Args:
        problem: The classified failure, or None when the exception was not recognised.
        system: The storage system, e.g. ``"Amazon S3"``.
        action: What was being done, e.g. ``"listing"`` or ``"reading"``.
        path: The path as the caller gave it.
        hint: What to check when credentials are rejected (names the parameters).
        exc: The original exception; only its class name is used.
    """
    where = f"{action} '{path}'"
    details = {"action": action, "path": path}
    if problem is None:
        name = type(exc).__name__ if exc is not None else "unknown error"
        return SourceError(f"{system} failed while {where} ({name}).", details=details)
    if problem.kind == "auth":
        message = f"{system} rejected the credentials while {where}: {problem.reason}."
        return ConnectorAuthError(f"{message} {hint}".strip(), details=details)
    if problem.kind == "not_found":
        message = f"{system} could not find '{path}' while {action}: {problem.reason}."
        return SourceNotFound(message, details=details)
    if problem.kind == "changed":
        message = f"{system}: the file changed while {where}: {problem.reason}; list it again."
        return FileChanged(message, details=details)
    message = f"{system} is unavailable while {where}: {problem.reason}; retry later."
    return SourceUnavailable(message, details=details)
