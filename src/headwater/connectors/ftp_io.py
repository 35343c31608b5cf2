"""Reading files from FTP servers through fsspec's FTP filesystem (ftplib, passive mode).

Paths are absolute paths on the server (``/upload/leads/*.tsv``).

* FTP has no entity tags: a file's version is its size and modification time, from the
  ``MLSD``/``MLST`` facts (RFC 3659), or from ``SIZE`` and ``MDTM`` on servers without them
  (vsftpd), where folders are listed with ``LIST`` and each file is then asked for its size and
  time. Times have whole seconds: a rewrite of the same size within a second keeps its version.
* :meth:`FtpConnector.open` compares the file's current size and time with the listed ones
  (:class:`FileChanged` when they differ); a transfer that ends before the size seen at opening
  without an error (the file was truncated meanwhile) is also :class:`FileChanged`, never a
  silently short read.
* One control connection per connector, opened on first use and again after a connection
  failure. Each read of a block is a ``REST`` + ``RETR`` on a new passive data connection, so the
  stream is seekable. Every socket operation times out after ``timeout`` seconds.
"""

from __future__ import annotations

import ftplib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from fsspec.implementations.ftp import FTPFile, FTPFileSystem  # type: ignore[import-untyped]
from pydantic import ValidationError

from headwater.connectors._errors import raise_invalid
from headwater.connectors._remote import RemoteConnector, check_host, classify_network
from headwater.connectors.fsspec_base import Entry
from headwater.connectors.ftp import FtpPassword
from headwater.connectors.translate import Problem

DEFAULT_BLOCK_SIZE = 4 * 2**20
_UNSUPPORTED = ("500", "501", "502", "504")  # command unknown or not implemented


class FtpConnector(RemoteConnector):
    """A connector to one FTP server."""

    system = "The FTP server"
    credentials_hint = "Check userName and password."

    def __init__(
        self, params: FtpPassword, *, timeout: float = 30.0, block_size: int = DEFAULT_BLOCK_SIZE
    ) -> None:
        super().__init__()
        self._params = params
        self._host = check_host(params.host)
        self._timeout = timeout
        self._block_size = block_size

    @classmethod
    def from_auth(cls, auth_params: Mapping[str, Any], **options: Any) -> FtpConnector:
        """Build a connector from ``auth.params`` (camelCase names, secrets decrypted)."""
        try:
            params = FtpPassword.model_validate(dict(auth_params))
        except ValidationError as exc:
            raise_invalid(exc, prefix="auth.params", model=FtpPassword)
        return cls(params, **options)

    def _connect(self) -> Any:
        return ExactFTPFileSystem(
            self._host,
            port=self._params.port,
            username=self._params.user_name,
            password=self._params.password,
            timeout=self._timeout,
            block_size=self._block_size,
            use_listings_cache=False,
            skip_instance_cache=True,
        )

    def _disconnect(self, fs: Any) -> None:
        fs.ftp.close()

    def _to_fs_path(self, path: str) -> str:
        return "/" + path

    def _to_public_path(self, fs_path: str) -> str:
        return "/" + fs_path.strip("/")

    def _classify_specific(self, exc: BaseException) -> Problem | None:
        return _classify(exc) or classify_network(exc)


class TransferCutShort(Exception):
    """A transfer ended, without an error, before the size the file had when it was opened."""


class ExactFTPFileSystem(FTPFileSystem):  # type: ignore[misc]
    """fsspec's FTP filesystem with exact file versions and strict reads.

    Entries carry ``mtime`` (a UTC datetime); missing paths raise ``ftplib.error_perm`` (550)
    rather than an empty listing; nothing is cached.
    """

    def ls(self, path: str, detail: bool = True, **kwargs: Any) -> list[Any]:
        path = self._strip_protocol(path)
        try:
            entries = [_entry(path, name, facts) for name, facts in self.ftp.mlsd(path)]
        except ftplib.error_perm as exc:
            if not str(exc).startswith(_UNSUPPORTED):
                raise
            entries = self._ls_without_mlsd(path)
        found = [e for e in entries if e is not None]
        return found if detail else [e["name"] for e in found]

    def info(self, path: str, **kwargs: Any) -> Entry:
        path = self._strip_protocol(path)
        if path == "/":
            return {"name": "/", "size": 0, "type": "directory"}
        try:
            reply = self.ftp.sendcmd(f"MLST {path}")
        except ftplib.error_perm as exc:
            if not str(exc).startswith(_UNSUPPORTED):
                raise
            return self._info_without_mlst(path)
        facts_line = reply.splitlines()[1].strip()
        facts, _, _ = facts_line.partition(" ")
        entry = _entry(self._parent(path), path.rsplit("/", 1)[-1], _facts(facts))
        if entry is None:
            raise FileNotFoundError(path)
        return entry

    def _open(self, path: str, mode: str = "rb", **kwargs: Any) -> StrictFTPFile:
        if mode != "rb":
            raise ValueError("this filesystem only reads")
        return StrictFTPFile(self, self._strip_protocol(path), mode="rb", block_size=self.blocksize)

    def _ls_without_mlsd(self, path: str) -> list[Entry | None]:
        self.ftp.cwd(path)  # 550 when the folder is missing (LIST may list nothing instead)
        lines: list[str] = []
        self.ftp.retrlines("LIST", lines.append)
        entries: list[Entry | None] = []
        for line in lines:
            fields = line.split(maxsplit=8)
            if len(fields) < 9 or fields[8] in (".", ".."):
                continue
            name = f"{path.rstrip('/')}/{fields[8].split(' -> ', 1)[0]}"
            if fields[0].startswith("d"):
                entries.append({"name": name, "type": "directory", "size": 0})
            elif fields[0][:1] in ("-", "l"):
                entries.append(self._file_or_none(name))
        return entries

    def _file_or_none(self, path: str) -> Entry | None:
        try:
            entry = self._info_without_mlst(path)
        except ftplib.error_perm:  # gone since the listing, or a link to nothing
            return None
        return entry if entry["type"] == "file" else None

    def _info_without_mlst(self, path: str) -> Entry:
        self.ftp.voidcmd("TYPE I")  # SIZE is refused in ASCII mode by some servers
        try:
            size = self.ftp.size(path)
        except ftplib.error_perm:
            self.ftp.cwd(path)  # not a file: a folder, or 550
            return {"name": path, "type": "directory", "size": 0}
        modified = self.ftp.sendcmd(f"MDTM {path}").split()[-1]
        return {"name": path, "type": "file", "size": int(size), "mtime": _timestamp(modified)}


class StrictFTPFile(FTPFile):  # type: ignore[misc]
    """An FTP file whose block reads fail instead of returning fewer bytes than asked."""

    def _fetch_range(self, start: int, end: int) -> bytes:
        data: bytes = super()._fetch_range(start, end)
        if len(data) < min(end, self.size) - start:
            raise TransferCutShort(self.path)
        return data


def _entry(folder: str, name: str, facts: Mapping[str, str]) -> Entry | None:
    kind = facts.get("type", "").lower()
    if kind not in ("file", "dir"):
        return None  # the folder itself, its parent, links and devices
    entry: Entry = {"name": f"{folder.rstrip('/')}/{name}", "size": 0, "type": "directory"}
    if kind == "file":
        entry.update(type="file", size=int(facts.get("size", 0)))
        if "modify" in facts:
            entry["mtime"] = _timestamp(facts["modify"])
    return entry


def _facts(text: str) -> dict[str, str]:
    pairs = (fact.partition("=") for fact in text.split(";") if "=" in fact)
    return {key.lower(): value for key, _, value in pairs}


def _timestamp(value: str) -> datetime:
    """An RFC 3659 time value (``YYYYMMDDHHMMSS[.sss]``, UTC)."""
    whole, _, fraction = value.partition(".")
    moment = datetime.strptime(whole, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    return moment.replace(microsecond=int((fraction + "000000")[:6])) if fraction else moment


def _classify(exc: BaseException) -> Problem | None:
    if isinstance(exc, TransferCutShort):
        return Problem("changed", "the transfer ended before the end of the file")
    if isinstance(exc, ftplib.error_perm):
        code = str(exc)[:3]
        if code == "530":
            return Problem("auth", "the login was refused (530)")
        if code in ("550", "553"):
            return Problem("not_found", f"no such file or folder, or no access to it ({code})")
        return None
    if isinstance(exc, ftplib.error_temp):
        return Problem("transient", f"the server could not do it now ({str(exc)[:3]})")
    return None


def connect(
    auth_params: Mapping[str, Any], *, landing_zone_root: str | None = None
) -> FtpConnector:
    """The factory of the connector table (``landing_zone_root`` is not used)."""
    return FtpConnector.from_auth(auth_params)
