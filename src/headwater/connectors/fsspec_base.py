"""The shared base of file connectors: everything except the storage system's own client.

:class:`FileSystemConnector` implements :class:`~headwater.connectors.protocol.Connector` over an
fsspec filesystem: path parsing and globbing (:mod:`headwater.connectors.paths`), recursion,
folder markers, :class:`FileVersion` building, version checks on open, and the translation of
third-party errors. A backend is a thin subclass that builds its filesystem from the connection's
auth params and maps paths between the platform's form and the filesystem's:

* :meth:`~FileSystemConnector._to_fs_path` / :meth:`~FileSystemConnector._to_public_path`;
* optionally :meth:`~FileSystemConnector._walk` (streaming listings), ``_check``,
  ``_classify_specific`` (its client's exceptions) and ``_open_options``.

Listings are streamed: the default :meth:`~FileSystemConnector._walk` holds one folder's entries
at a time (``fs.ls`` returns a whole folder, sorted here); backends whose store lists pages in key
order (S3) override it to hold one page at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from typing import IO, Any, BinaryIO, ClassVar, cast

from headwater.connectors.errors import FileChanged
from headwater.connectors.files import FileVersion
from headwater.connectors.paths import (
    SourcePath,
    compile_pattern,
    needs_recursion,
    parse_path,
    split_segments,
)
from headwater.connectors.streams import GuardedReader
from headwater.connectors.translate import (
    Problem,
    classify_builtin,
    exception_chain,
    to_error,
)
from headwater.errors import HeadwaterError

Entry = dict[str, Any]
_MODIFIED_KEYS = ("LastModified", "last_modified", "mtime", "modified", "created")


class FileSystemConnector:
    """A connector over an fsspec filesystem; subclass it for each storage system."""

    system: ClassVar[str] = "The storage system"
    credentials_hint: ClassVar[str] = ""

    def __init__(self, fs: Any) -> None:
        self.fs = fs

    # -- the protocol -------------------------------------------------------------------------

    def list(self, path: str, *, recursive: bool = False) -> Iterator[FileVersion]:
        """List the files a source path names, sorted by path.

        Args:
            path: A file, a folder (its files; with ``recursive`` also those of sub-folders) or
                a glob in the last segments (see :mod:`headwater.connectors.paths`).
            recursive: Include sub-folders of a folder, and match a glob's last segment in them.

        Returns:
            A lazy iterator; errors may surface while iterating.

        Raises:
            InvalidSourcePath: for a malformed path or one outside the connection's reach.
            SourceNotFound: when a file or folder path does not exist.
            ConnectorAuthError: when the credentials are rejected.
            SourceUnavailable: for transient failures (retry).
        """
        self._check_raw_path(path)
        source = parse_path(path)
        with self._translated("listing", path):
            fs_base = self._to_fs_path(source.base)
        return self._guarded(self._list(fs_base, source, recursive), "listing", path)

    def open(self, file: FileVersion) -> BinaryIO:
        """Open one listed file version as a seekable binary stream.

        Raises:
            FileChanged: when the file no longer is the version that was listed.
            SourceNotFound, ConnectorAuthError, SourceUnavailable: as for :meth:`list`; the
                stream raises the same errors while reading.
        """
        self._check_raw_path(file.path)
        with self._translated("reading", file.path):
            fs_path = self._to_fs_path("/".join(split_segments(file.path)))
            handle = self._open_version(fs_path, file)
        translate = partial(self._translate, action="reading", path=file.path)
        return cast(BinaryIO, GuardedReader(handle, translate, name=file.path))

    def check(self) -> None:
        """Check that the credentials work and the connection's location exists.

        Raises:
            ConnectorAuthError, SourceNotFound, SourceUnavailable: as for :meth:`list`.
        """
        with self._translated("checking", self._location()):
            self._check()

    # -- hooks of the backends ----------------------------------------------------------------

    def _check_raw_path(self, path: str) -> None:
        """Reject a path as given, before it is cleaned (default: accept)."""

    def _to_fs_path(self, path: str) -> str:
        """The filesystem path of a cleaned source path (no leading '/', no glob)."""
        raise NotImplementedError

    def _to_public_path(self, fs_path: str) -> str:
        """The source path, as the platform writes it, of a filesystem path."""
        raise NotImplementedError

    def _location(self) -> str:
        return "/"

    def _info(self, fs_path: str) -> Entry:
        """What ``fs_path`` is: an entry whose ``type`` is ``file`` or ``directory``."""
        return dict(self.fs.info(fs_path))

    def _check(self) -> None:
        info = self._info(self._to_fs_path(""))
        if info.get("type") != "directory":
            raise NotADirectoryError(self._location())

    def _walk(self, fs_dir: str, *, recursive: bool) -> Iterator[Entry]:
        """Entries below ``fs_dir`` sorted by name (folders may be yielded or not)."""
        entries = [e for e in self.fs.ls(fs_dir, detail=True) if e["name"] != fs_dir]
        entries.sort(key=_walk_key)
        for entry in entries:
            if entry.get("type") == "directory":
                if recursive:
                    yield from self._walk(entry["name"], recursive=True)
            else:
                yield entry

    def _is_file(self, entry: Entry) -> bool:
        return entry.get("type") == "file" and not str(entry["name"]).endswith("/")

    def _classify_specific(self, exc: BaseException) -> Problem | None:
        return None

    def _open_options(self) -> dict[str, Any]:
        return {}

    def _opened_info(self, handle: Any, fs_path: str) -> Entry:
        details = getattr(handle, "details", None)
        return dict(details) if details else dict(self.fs.info(fs_path))

    # -- shared machinery ---------------------------------------------------------------------

    def _list(self, fs_base: str, source: SourcePath, recursive: bool) -> Iterator[FileVersion]:
        if source.pattern is None:
            info = self._info(fs_base)
            if info.get("type") != "directory":
                if self._is_file(info):
                    yield self._version(info)
                return
            entries = self._walk(fs_base, recursive=recursive)
            yield from (self._version(e) for e in entries if self._is_file(e))
            return
        regex = compile_pattern(source.pattern, recursive=recursive)
        deep = needs_recursion(source.pattern, recursive=recursive)
        start = len(fs_base.rstrip("/")) + 1
        for entry in self._walk(fs_base, recursive=deep):
            if self._is_file(entry) and regex.fullmatch(str(entry["name"])[start:]):
                yield self._version(entry)

    def _version(self, entry: Entry) -> FileVersion:
        return FileVersion(
            path=self._to_public_path(str(entry["name"])),
            size=int(entry.get("size") or 0),
            modified=modified_of(entry),
            etag=etag_of(entry),
        )

    def _open_version(self, fs_path: str, file: FileVersion) -> IO[bytes]:
        handle = self.fs.open(fs_path, "rb", **self._open_options())
        try:
            current = self._version({**self._opened_info(handle, fs_path), "name": fs_path})
        except BaseException:
            handle.close()
            raise
        if not same_version(current, file):
            handle.close()
            raise FileChanged(
                f"{self.system}: '{file.path}' changed after it was listed; list it again.",
                details={"action": "reading", "path": file.path},
            )
        return cast(IO[bytes], handle)

    def _classify(self, exc: BaseException) -> Problem | None:
        links = list(exception_chain(exc))
        for link in links:
            problem = self._classify_specific(link)
            if problem is not None:
                return problem
        return next((p for p in map(classify_builtin, links) if p is not None), None)

    def _translate(self, exc: Exception, *, action: str, path: str) -> HeadwaterError:
        if isinstance(exc, HeadwaterError):
            return exc
        problem = self._classify(exc)
        return to_error(
            problem,
            system=self.system,
            action=action,
            path=path,
            hint=self.credentials_hint,
            exc=exc,
        )

    @contextmanager
    def _translated(self, action: str, path: str) -> Iterator[None]:
        try:
            yield
        except HeadwaterError:
            raise
        except Exception as exc:
            raise self._translate(exc, action=action, path=path) from exc

    def _guarded(
        self, items: Iterator[FileVersion], action: str, path: str
    ) -> Iterator[FileVersion]:
        with self._translated(action, path):
            yield from items


def _walk_key(entry: Entry) -> str:
    name = str(entry["name"])
    return name + "/" if entry.get("type") == "directory" else name


def modified_of(entry: Entry) -> float:
    """Epoch seconds of an entry's last modification (``LastModified``, ``mtime``, ...)."""
    for key in _MODIFIED_KEYS:
        value = entry.get(key)
        if value in (None, ""):
            continue
        if isinstance(value, datetime):
            aware = value if value.tzinfo else value.replace(tzinfo=UTC)
            return aware.timestamp()
        if isinstance(value, str):
            return modified_of({key: datetime.fromisoformat(value.replace("Z", "+00:00"))})
        return float(value)
    return 0.0


def etag_of(entry: Entry) -> str | None:
    """An entry's entity tag without its quotes (None when the store has none)."""
    value = entry.get("ETag") or entry.get("etag") or entry.get("e_tag")
    return str(value).strip('"') or None if value else None


def same_version(current: FileVersion, listed: FileVersion) -> bool:
    """Whether ``current`` is the version that was ``listed`` (by etag when both have one)."""
    if current.size != listed.size:
        return False
    if current.etag and listed.etag:
        return current.etag == listed.etag
    return current.modified == listed.modified
