"""What the connectors to a file server (SFTP, FTP, SMB) share.

* The client connects on first use, not when the connector is built (``open_connector`` does no
  I/O), and again after a connection failure: a transient error drops the client, so the
  engine's retry of a file gets a fresh connection instead of the broken one.
* Host names are checked before any connection is tried: a URL, a ``user@host`` or a path in
  ``host`` is a clear :class:`~headwater.errors.InvalidField`, not a DNS error later.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
from typing import Any

from headwater.connectors.errors import FileChanged, SourceUnavailable
from headwater.connectors.fsspec_base import FileSystemConnector
from headwater.connectors.translate import Problem
from headwater.errors import HeadwaterError, InvalidField

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?"
_HOSTNAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?")


def check_host(host: str, *, field: str = "auth.params.host") -> str:
    """``host`` without surrounding blanks, when it is a host name or an IP address.

    Raises:
        InvalidField: for anything else (a scheme, a user, a port, a path, blanks inside).
    """
    value = host.strip()
    with contextlib.suppress(ValueError):
        return str(ipaddress.ip_address(value.removeprefix("[").removesuffix("]")))
    if len(value) <= 253 and _HOSTNAME.fullmatch(value):
        return value
    raise InvalidField(
        field,
        "must be a host name or an IP address, without a scheme, user name, port or path "
        "(e.g. files.example.com; the port has its own parameter)",
        code="1000",
    )


def classify_network(exc: BaseException) -> Problem | None:
    """The network failures that the standard classification does not know."""
    if isinstance(exc, socket.gaierror):
        return Problem("transient", "the host name could not be resolved")
    if isinstance(exc, EOFError):
        return Problem("transient", "the server closed the connection")
    return None


class RemoteConnector(FileSystemConnector):
    """A connector whose client (``fs``) is built by :meth:`_connect` on first use."""

    def __init__(self) -> None:
        self._fs: Any = None
        super().__init__(None)

    @property
    def fs(self) -> Any:
        if self._fs is None:
            self._fs = self._connect()
        return self._fs

    @fs.setter
    def fs(self, value: Any) -> None:
        self._fs = value

    def reset(self) -> None:
        """Drop the client (closing it, best effort); the next call connects again."""
        fs, self._fs = self._fs, None
        if fs is not None:
            with contextlib.suppress(Exception):
                self._disconnect(fs)

    def _connect(self) -> Any:
        """A connected client (raises the client library's errors; they are translated)."""
        raise NotImplementedError

    def _disconnect(self, fs: Any) -> None:
        """Close a dropped client without waiting on the network (default: leave it to GC)."""

    def _translate(self, exc: Exception, *, action: str, path: str) -> HeadwaterError:
        error = super()._translate(exc, action=action, path=path)
        if isinstance(error, SourceUnavailable) and not isinstance(error, FileChanged):
            self.reset()
        return error
