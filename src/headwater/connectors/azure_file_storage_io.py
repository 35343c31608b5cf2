"""Reading files from Azure File Storage (and any SMB 2/3 server, e.g. Samba) through smbclient.

Paths start with the file share (``/myshare/leads/*.tsv``), unless the connection names one in
``shareName``: then they are inside it (``/leads/*.tsv``). ``host`` is the storage endpoint
(``{account}.file.core.windows.net``), ``userId`` the account (or SMB user) and ``password``
its storage access key (or password); ``port`` is 445 unless the server listens elsewhere.

* smbprotocol's ``smbclient`` is used directly rather than fsspec's ``SMBFileSystem``: that one
  registers sessions in smbclient's process-wide pool, where a session is found again by user
  name alone, so a connection with a wrong password could ride on another's session. Each
  connector here has its own pool, and passes its credentials with every call.
* Listings come from directory queries, which carry each entry's size and last write time; a
  path named directly is looked up in its folder the same way, so it has the same version as
  when its folder is listed. A file's version is its size and last write time (to the
  microsecond).
* Files are opened for reading with read sharing only: a file being written by another client
  cannot be opened (a transient "in use" error, retried later), and cannot be rewritten while it
  is read. The version returned by the server when the file is opened is compared with the
  listed one (:class:`FileChanged` when they differ).
* Connecting is bounded by ``connect_timeout``. A connection that is closed or reset fails at
  once (transient); one that goes silent is detected by smbprotocol's own keepalive, which
  gives up after about twenty minutes (``SMB_EXPERIMENTAL_TRANSPORT_RECEIVE_TIMEOUT``, 600
  seconds, twice).
"""

from __future__ import annotations

import contextlib
import io
import weakref
from collections.abc import Mapping
from typing import Any

import smbclient  # type: ignore[import-untyped]
from pydantic import ValidationError
from smbprotocol.exceptions import (  # type: ignore[import-untyped]
    SMBAuthenticationError,
    SMBConnectionClosed,
)
from smbprotocol.header import NtStatus  # type: ignore[import-untyped]

from headwater.connectors._errors import INVALID_VALUE, raise_invalid
from headwater.connectors._remote import RemoteConnector, check_host, classify_network
from headwater.connectors.azure_file_storage import AzureFilesBasic
from headwater.connectors.errors import InvalidSourcePath
from headwater.connectors.fsspec_base import Entry
from headwater.connectors.paths import split_segments
from headwater.connectors.translate import Kind, Problem
from headwater.errors import InvalidField

BUFFER_SIZE = 2**20
_DIRECTORY = 0x10  # FILE_ATTRIBUTE_DIRECTORY
_REPARSE_POINT = 0x400  # FILE_ATTRIBUTE_REPARSE_POINT (links, junctions)

_STATUS: dict[int, tuple[Kind, str]] = {
    NtStatus.STATUS_LOGON_FAILURE: ("auth", "the user or its password was refused"),
    NtStatus.STATUS_WRONG_PASSWORD: ("auth", "the password was refused"),
    NtStatus.STATUS_PASSWORD_EXPIRED: ("auth", "the password has expired"),
    0xC0000072: ("auth", "the account is disabled"),  # STATUS_ACCOUNT_DISABLED
    0xC0000234: ("auth", "the account is locked out"),  # STATUS_ACCOUNT_LOCKED_OUT
    NtStatus.STATUS_ACCESS_DENIED: ("auth", "access is denied"),
    NtStatus.STATUS_PRIVILEGE_NOT_HELD: ("auth", "access is denied"),
    NtStatus.STATUS_BAD_NETWORK_NAME: ("not_found", "no such file share"),
    NtStatus.STATUS_OBJECT_NAME_NOT_FOUND: ("not_found", "no such file or folder"),
    NtStatus.STATUS_OBJECT_PATH_NOT_FOUND: ("not_found", "no such folder"),
    NtStatus.STATUS_NOT_FOUND: ("not_found", "no such file or folder"),
    NtStatus.STATUS_NO_SUCH_FILE: ("not_found", "no such file or folder"),
    NtStatus.STATUS_NOT_A_DIRECTORY: ("not_found", "a file is where a folder was expected"),
    NtStatus.STATUS_FILE_IS_A_DIRECTORY: ("not_found", "it is a folder, not a file"),
    NtStatus.STATUS_DELETE_PENDING: ("not_found", "the file is being deleted"),
    NtStatus.STATUS_SHARING_VIOLATION: ("transient", "the file is in use by another client"),
    NtStatus.STATUS_IO_TIMEOUT: ("transient", "the request timed out"),
    NtStatus.STATUS_INSUFFICIENT_RESOURCES: ("transient", "the server is busy"),
    NtStatus.STATUS_INSUFF_SERVER_RESOURCES: ("transient", "the server is busy"),
    NtStatus.STATUS_NETWORK_NAME_DELETED: ("transient", "the share connection was lost"),
    NtStatus.STATUS_USER_SESSION_DELETED: ("transient", "the session was lost"),
    0xC000035C: ("transient", "the session expired"),  # STATUS_NETWORK_SESSION_EXPIRED
}


class SmbClient:
    """The filesystem calls the shared base needs, over smbclient, with a private session pool.

    Paths are ``share/folder/file`` (no leading ``/``).
    """

    def __init__(
        self, host: str, port: int, user: str, password: str, *, connect_timeout: float
    ) -> None:
        self._host = host
        self._pool: dict[str, Any] = {}
        # A connection's reader thread keeps it alive: close the pool when the client goes.
        weakref.finalize(self, _close_pool, self._pool)
        self._session = {
            "username": user,
            "password": password,
            "port": port,
            "connection_timeout": connect_timeout,
            "connection_cache": self._pool,
        }

    def unc(self, path: str) -> str:
        return "\\\\" + self._host + "\\" + path.replace("/", "\\")

    def login(self) -> None:
        smbclient.register_session(self._host, **self._session)

    def info(self, path: str) -> Entry:
        share, _, inside = path.partition("/")
        if not inside:
            smbclient.stat(self.unc(share), **self._session)
            return {"name": share, "type": "directory", "size": 0}
        folder, _, name = path.rpartition("/")
        with smbclient.scandir(self.unc(folder), search_pattern=name, **self._session) as found:
            matches = sorted(found, key=lambda entry: entry.name != name)  # exact case first
        if not matches:
            raise FileNotFoundError(path)
        return _entry(folder, matches[0]) or {"name": path, "type": "other"}

    def ls(self, path: str, detail: bool = True) -> list[Entry]:
        with smbclient.scandir(self.unc(path), **self._session) as found:
            entries = [e for e in (_entry(path, entry) for entry in found) if e is not None]
        return entries

    def open(self, path: str, mode: str = "rb") -> SmbStream:
        raw = smbclient.open_file(
            self.unc(path), mode, buffering=0, share_access="r", **self._session
        )
        return SmbStream(raw, BUFFER_SIZE)

    def close(self) -> None:
        _close_pool(self._pool)


class SmbStream(io.BufferedReader):
    """A buffered SMB file that is closed even when its connection is gone."""

    def close(self) -> None:
        try:
            super().close()
        except Exception:
            # The server cannot be told; the handle died with the connection. Marking it
            # closed keeps smbclient from warning about an unclosed handle forever after.
            self.raw.fd._connected = False  # type: ignore[attr-defined]
            raise


class AzureFilesConnector(RemoteConnector):
    """A connector to one Azure File Storage account (or SMB server)."""

    system = "Azure File Storage"
    credentials_hint = "Check userId and password (the storage account's access key)."

    def __init__(self, params: AzureFilesBasic, *, connect_timeout: float = 30.0) -> None:
        super().__init__()
        self._params = params
        self._host = check_host(params.host)
        self._share = _share(params.share_name)
        self._connect_timeout = connect_timeout

    @classmethod
    def from_auth(cls, auth_params: Mapping[str, Any], **options: Any) -> AzureFilesConnector:
        """Build a connector from ``auth.params`` (camelCase names, secrets decrypted)."""
        try:
            params = AzureFilesBasic.model_validate(dict(auth_params))
        except ValidationError as exc:
            raise_invalid(exc, prefix="auth.params", model=AzureFilesBasic)
        return cls(params, **options)

    def _connect(self) -> SmbClient:
        client = SmbClient(
            self._host,
            self._params.port,
            self._params.user_id,
            self._params.password,
            connect_timeout=self._connect_timeout,
        )
        client.login()
        return client

    def _disconnect(self, fs: Any) -> None:
        fs.close()

    def _to_fs_path(self, path: str) -> str:
        if self._share:
            return f"{self._share}/{path}".rstrip("/")
        if not path:
            raise InvalidSourcePath(
                "An Azure File Storage path starts with a file share: /{share}/{folder}/{file}."
            )
        return path

    def _to_public_path(self, fs_path: str) -> str:
        if self._share:
            return "/" + fs_path[len(self._share) + 1 :]
        return "/" + fs_path

    def _location(self) -> str:
        return "/" + (self._share or "")

    def _check(self) -> None:
        self.fs.login()
        if self._share:
            super()._check()

    def _opened_info(self, handle: Any, fs_path: str) -> Entry:
        opened = handle.raw.fd  # the server's answer to the open: the version being read
        return {"type": "file", "size": opened.end_of_file, "mtime": opened.last_write_time}

    def _classify_specific(self, exc: BaseException) -> Problem | None:
        return _classify(exc) or classify_network(exc)


def _close_pool(pool: dict[str, Any]) -> None:
    """Close the connections without logging off (they may be broken)."""
    for connection in list(pool.values()):
        with contextlib.suppress(Exception):
            connection.disconnect(close=False)
    pool.clear()


def _entry(folder: str, entry: Any) -> Entry | None:
    info = entry.smb_info
    name = f"{folder}/{entry.name}"
    if info.file_attributes & _REPARSE_POINT:
        return None
    if info.file_attributes & _DIRECTORY:
        return {"name": name, "type": "directory", "size": 0}
    return {"name": name, "type": "file", "size": info.end_of_file, "mtime": info.last_write_time}


def _classify(exc: BaseException) -> Problem | None:
    if isinstance(exc, SMBAuthenticationError):
        return Problem("auth", "authentication failed")
    if isinstance(exc, SMBConnectionClosed):
        return Problem("transient", "the connection was closed")
    status = getattr(exc, "ntstatus", None) or getattr(exc, "status", None)
    if isinstance(status, int) and status in _STATUS:
        kind, reason = _STATUS[status]
        return Problem(kind, reason)
    return None


def _share(share_name: str | None) -> str:
    try:
        segments = split_segments(share_name or "")
    except InvalidSourcePath as exc:
        raise InvalidField("auth.params.shareName", exc.message, code=INVALID_VALUE) from None
    if len(segments) > 1:
        raise InvalidField(
            "auth.params.shareName", "must be the name of a share, without folders", code="1000"
        )
    return segments[0] if segments else ""


def connect(
    auth_params: Mapping[str, Any], *, landing_zone_root: str | None = None
) -> AzureFilesConnector:
    """The factory of the connector table (``landing_zone_root`` is not used)."""
    return AzureFilesConnector.from_auth(auth_params)
