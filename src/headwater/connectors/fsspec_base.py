"""The shared base of file connectors: everything except the storage system's own client.

:class:`FileSystemConnector` implements :class:`~headwater.connectors.protocol.Connector` over an
fsspec filesystem: path parsing and globbing (:mod:`headwater.connectors.paths`), recursion,
folder markers, :class:`FileVersion` building, version checks on open, and the translation of
third-party errors. A backend is a thin subclass that builds its filesystem from the connection's
auth params and maps paths between the platform's form and the filesystem's:

* :meth:`~FileSystemConnector._to_fs_path` / :meth:`~FileSystemConnector._to_public_path`;
* optionally :meth:`~FileSystemConnector._walk` (streaming listings),
  :meth:`~FileSystemConnector._children` (streaming browse listings), ``_root_dir``, ``_check``,
  ``_classify_specific`` (its client's exceptions) and ``_open_options``.

Listings are streamed: the default :meth:`~FileSystemConnector._walk` and
:meth:`~FileSystemConnector._children` hold one folder's entries at a time (``fs.ls`` returns a
whole folder, sorted here); backends whose store lists pages in key order (S3) override them to
hold one page at a time, and the landing zone to hold a bounded chunk of a folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import IO, Any, BinaryIO, ClassVar, TypeVar, cast

from headwater.connectors.errors import FileChanged
from headwater.connectors.files import BrowseEntry, FileVersion
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
from headwater.connectors.versions import Entry as Entry
from headwater.connectors.versions import etag_of as etag_of
from headwater.connectors.versions import modified_of as modified_of
from headwater.connectors.versions import same_version as same_version
from headwater.errors import HeadwaterError

_T = TypeVar("_T")


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

    def browse(self, path: str = "", *, start_after: str | None = None) -> Iterator[BrowseEntry]:
        """List one folder's files and sub-folders, sorted by :attr:`BrowseEntry.key`, lazily.

        Args:
            path: A folder; every character is literal (no globs). ``""`` or ``"/"`` is the
                connection's root.
            start_after: Only children whose key sorts after this one.

        Returns:
            A lazy iterator; errors (a missing folder included) surface while iterating.

        Raises:
            InvalidSourcePath: for a malformed path or one outside the connection's reach.
            SourceNotFound: when the folder does not exist or is a file.
            ConnectorAuthError, SourceUnavailable: as for :meth:`list`.
        """
        self._check_raw_path(path)
        segments = split_segments(path)
        shown = path if segments else self._location()
        with self._translated("browsing", shown):
            fs_dir = self._to_fs_path("/".join(segments)) if segments else self._root_dir()
        return self._guarded(self._browse(fs_dir, start_after), "browsing", shown)

    def open(self, file: FileVersion, *, sequential: bool = False) -> BinaryIO:
        """Open one listed file version as a seekable binary stream (forward-only when
        ``sequential`` and the backend streams such reads, see :meth:`_open_sequential`).

        Raises:
            FileChanged: when the file no longer is the version that was listed.
            SourceNotFound, ConnectorAuthError, SourceUnavailable: as for :meth:`list`; the
                stream raises the same errors while reading.
        """
        self._check_raw_path(file.path)
        with self._translated("reading", file.path):
            fs_path = self._to_fs_path("/".join(split_segments(file.path)))
            handle = self._open_sequential(fs_path, file) if sequential else None
            if handle is None:
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

    def _root_dir(self) -> str:
        """The filesystem path that browsing ``""`` lists (the connection's location)."""
        return self._to_fs_path("")

    def _browse(self, fs_dir: str, start_after: str | None) -> Iterator[BrowseEntry]:
        if self._info(fs_dir).get("type") != "directory":
            raise NotADirectoryError(fs_dir)
        for entry in self._children(fs_dir, start_after=start_after):
            found = self._browse_entry(entry)
            if found is not None:
                yield found

    def _children(self, fs_dir: str, *, start_after: str | None) -> Iterator[Entry]:
        """Entries directly inside ``fs_dir`` whose :func:`child_key` sorts after
        ``start_after``, sorted by it; files and folders (``type: directory``)."""
        base = fs_dir.rstrip("/")
        entries = [e for e in self.fs.ls(fs_dir, detail=True) if e["name"].rstrip("/") != base]
        keyed = sorted((child_key(e), i) for i, e in enumerate(entries))
        for key, index in keyed:
            if start_after is None or key > start_after:
                yield entries[index]

    def _browse_entry(self, entry: Entry) -> BrowseEntry | None:
        """The browse entry of a listed child (None for what is neither file nor folder)."""
        fs_path = str(entry["name"]).rstrip("/")
        name = fs_path.rsplit("/", 1)[-1]
        if entry.get("type") == "directory":
            return BrowseEntry(name, self._to_public_path(fs_path))
        if self._is_file(entry):
            version = self._version(entry)
            return BrowseEntry(name, version.path, version)
        return None

    def _is_file(self, entry: Entry) -> bool:
        return entry.get("type") == "file" and not str(entry["name"]).endswith("/")

    def _classify_specific(self, exc: BaseException) -> Problem | None:
        return None

    def _open_sequential(self, fs_path: str, file: FileVersion) -> IO[bytes] | None:
        """A forward-only stream of the listed version, for a reader that never seeks; ``None``
        (the default) when the backend has nothing better than its seekable file."""
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

    def _guarded(self, items: Iterator[_T], action: str, path: str) -> Iterator[_T]:
        with self._translated(action, path):
            yield from items


def _walk_key(entry: Entry) -> str:
    name = str(entry["name"])
    return name + "/" if entry.get("type") == "directory" else name


def child_key(entry: Entry) -> str:
    """The browse key of an entry: its last name, ``/``-terminated for a folder."""
    name = str(entry["name"]).rstrip("/").rsplit("/", 1)[-1]
    return name + "/" if entry.get("type") == "directory" else name
