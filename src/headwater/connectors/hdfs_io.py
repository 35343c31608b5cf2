"""Reading files from HDFS through WebHDFS (a NameNode's REST API, or an HttpFS gateway).

``auth.params``: ``url`` (see :func:`headwater.connectors.hdfs.parse_hdfs_url`). Paths are the
files' absolute HDFS paths (``/data/leads/*.tsv``). The client is fsspec's ``webhdfs``
implementation, with these changes (:class:`_WebHdfs`): every request has a timeout; an error
response becomes a :class:`~headwater.connectors.hdfs_errors.WebHdfsError` (its status and
Java exception), classified in :mod:`headwater.connectors.hdfs_errors`; file names are taken
literally (``#`` and ``?`` included); reads check the DataNode's answer.

* Listings stream: a folder is read with ``LISTSTATUS_BATCH`` (one page of ``dfs.ls.limit``
  entries, 1,000 by default, at a time); servers without it (before Hadoop 2.8) answer the
  whole folder to ``LISTSTATUS``. HDFS lists a folder by name, as bytes compared signed, which
  puts non-ASCII names first; :func:`in_key_order` re-orders the entries into the paths' order,
  holding back only the entries that a later one could still precede.
* A file's version is its ``length`` and ``modificationTime`` (milliseconds; HDFS has no entity
  tags). Opening reads the file's status once (another length or time than the listed one
  raises ``FileChanged``); a ranged read that comes back shorter than asked (the file was
  truncated or replaced) also raises ``FileChanged``. A rewrite of the same length during a
  read is not detected: HDFS files are normally written once, then renamed into place.

Not tested against a real HDFS: no server is available where headwater's tests run; the tests
cover parameters, a server that is down, error responses and listing order.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import quote

import requests
from fsspec.implementations.webhdfs import WebHDFS  # type: ignore[import-untyped]
from fsspec.spec import AbstractBufferedFile  # type: ignore[import-untyped]
from pydantic import ValidationError

from headwater.connectors._errors import raise_invalid
from headwater.connectors.fsspec_base import Entry, FileSystemConnector, child_key
from headwater.connectors.hdfs import HdfsAnonymous, HdfsEndpoint, parse_hdfs_url
from headwater.connectors.hdfs_errors import (
    ReadCutShort,
    WebHdfsError,
    classify_hdfs_error,
    remote_error,
)
from headwater.connectors.translate import Problem
from headwater.errors import InvalidField

_TYPES = {"FILE": "file", "DIRECTORY": "directory"}
# What a server without LISTSTATUS_BATCH answers to it (HTTP 400).
_NO_BATCH = frozenset({"IllegalArgumentException", "UnsupportedOperationException"})


class HdfsConnector(FileSystemConnector):
    """A connector to one HDFS cluster (its NameNode's WebHDFS endpoint)."""

    system = "HDFS"
    credentials_hint = "Check the user name in url and the permissions of the path."

    def __init__(
        self,
        endpoint: HdfsEndpoint,
        *,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        block_size: int = 16 * 2**20,
    ) -> None:
        fs = _WebHdfs(
            host=endpoint.host,
            port=endpoint.port,
            use_https=endpoint.https,
            user=endpoint.user,
            timeout=(connect_timeout, read_timeout),
            skip_instance_cache=True,
        )
        super().__init__(fs)
        self._block_size = block_size

    @classmethod
    def from_auth(cls, auth_params: Mapping[str, Any], **options: Any) -> HdfsConnector:
        """Build a connector from ``auth.params``.

        Raises:
            InvalidField: when ``url`` is missing or is not a WebHDFS URL.
        """
        try:
            params = HdfsAnonymous.model_validate(dict(auth_params))
        except ValidationError as exc:
            raise_invalid(exc, prefix="auth.params", model=HdfsAnonymous)
        try:
            endpoint = parse_hdfs_url(params.url)
        except ValueError as exc:
            raise InvalidField("auth.params.url", str(exc), code="1000") from None
        return cls(endpoint, **options)

    def _to_fs_path(self, path: str) -> str:
        return "/" + path

    def _to_public_path(self, fs_path: str) -> str:
        return fs_path

    def _info(self, fs_path: str) -> Entry:
        return status_entry(fs_path, self.fs.status(fs_path))

    def _walk(self, fs_dir: str, *, recursive: bool) -> Iterator[Entry]:
        for entry in self._children(fs_dir, start_after=None):
            if entry["type"] != "directory":
                yield entry
            elif recursive:
                yield from self._walk(entry["name"], recursive=True)

    def _children(self, fs_dir: str, *, start_after: str | None) -> Iterator[Entry]:
        base = fs_dir.rstrip("/")
        listed = (status_entry(f"{base}/{s['pathSuffix']}", s) for s in self.fs.listing(fs_dir))
        for entry in in_key_order(listed):
            if start_after is None or child_key(entry) > start_after:
                yield entry

    def _open_options(self) -> dict[str, Any]:
        return {"block_size": self._block_size}

    def _opened_info(self, handle: Any, fs_path: str) -> Entry:
        return status_entry(fs_path, handle.status)

    def _classify_specific(self, exc: BaseException) -> Problem | None:
        return classify_hdfs_error(exc)


def in_key_order(entries: Iterable[Entry]) -> Iterator[Entry]:
    """One folder's entries sorted by :func:`child_key`, from a listing sorted by name.

    The listing may compare names as signed bytes (HDFS: non-ASCII names first), unsigned bytes
    or UTF-16 units; all of these agree on ASCII, so no entry listed after a name ``n`` sorts
    before the part of ``n`` that precedes its first non-ASCII character. An entry is held until
    a later name's such prefix passes its key: for ASCII names, until the next entry arrives.

    Raises:
        RuntimeError: when the listing is in no such order (an entry would have to be yielded
            before one that already was).
    """
    held: list[tuple[str, int, Entry]] = []
    last = ""
    for index, entry in enumerate(entries):
        key = child_key(entry)
        if key < last:
            raise RuntimeError("the server listed a folder out of order")
        heapq.heappush(held, (key, index, entry))
        bound = _ascii_prefix(key.rstrip("/"))
        while held and held[0][0] < bound:
            last, _, first = heapq.heappop(held)
            yield first
    while held:
        yield heapq.heappop(held)[2]


class _WebHdfs(WebHDFS):  # type: ignore[misc]
    """fsspec's WebHDFS client with timeouts, typed errors and checked reads."""

    def __init__(self, *, timeout: tuple[float, float], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.timeout = timeout

    @classmethod
    def _strip_protocol(cls, path: str) -> str:
        return path  # always an absolute HDFS path here, never a URL

    def _call(
        self,
        op: str,
        method: str = "get",
        path: str | None = None,
        data: Any = None,
        redirect: bool = True,
        **params: Any,
    ) -> requests.Response:
        url = self._apply_proxy(self.url + quote(path or "", safe="/="))
        response: requests.Response = self.session.request(
            method=method.upper(),
            url=url,
            params={**params, **self.pars, "op": op.upper()},
            data=data,
            allow_redirects=redirect,
            timeout=self.timeout,
        )
        _raise_for_status(response)
        return response

    def _open(self, path: str, mode: str = "rb", block_size: int | None = None, **_: Any) -> Any:
        if mode != "rb":
            raise ValueError("HDFS connections are read-only")
        return _HdfsFile(self, path, block_size=block_size or self.blocksize)

    def status(self, path: str) -> dict[str, Any]:
        """The ``FileStatus`` of a path."""
        status: dict[str, Any] = self._call("GETFILESTATUS", path=path).json()["FileStatus"]
        return status

    def listing(self, path: str) -> Iterator[dict[str, Any]]:
        """The ``FileStatus`` of each child of a folder, in the server's order, page by page."""
        after: str | None = None
        while True:
            page = self._batch(path, after)
            if page is None:  # no LISTSTATUS_BATCH: the whole folder at once
                yield from self._call("LISTSTATUS", path=path).json()["FileStatuses"]["FileStatus"]
                return
            statuses = page["partialListing"]["FileStatuses"]["FileStatus"]
            yield from statuses
            if not statuses or not page.get("remainingEntries"):
                return
            after = statuses[-1]["pathSuffix"]

    def _batch(self, path: str, after: str | None) -> dict[str, Any] | None:
        extra: dict[str, Any] = {} if after is None else {"startAfter": after}
        try:
            response = self._call("LISTSTATUS_BATCH", path=path, **extra)
        except WebHdfsError as exc:
            if after is None and exc.status == 400 and exc.exception in _NO_BATCH:
                return None
            raise
        listing: dict[str, Any] = response.json()["DirectoryListing"]
        return listing

    def read_range(self, path: str, offset: int, length: int) -> bytes:
        """``length`` bytes (fewer at the end of the file) from ``offset``."""
        response = self._call("OPEN", path=path, offset=offset, length=length, redirect=False)
        location = response.headers.get("Location")
        if location:  # the NameNode redirects to a DataNode that holds the data
            response = self.session.get(self._apply_proxy(location), timeout=self.timeout)
            _raise_for_status(response)
        return response.content


class _HdfsFile(AbstractBufferedFile):  # type: ignore[misc]
    """A read-only HDFS file; ``status`` is its ``FileStatus`` when it was opened."""

    def __init__(self, fs: _WebHdfs, path: str, *, block_size: int) -> None:
        self.status = fs.status(path)
        if self.status.get("type") != "FILE":
            raise IsADirectoryError(path)
        size = int(self.status.get("length") or 0)
        super().__init__(fs, path, mode="rb", block_size=block_size, size=size)

    def _fetch_range(self, start: int, end: int) -> bytes:
        end = min(end, self.size)
        if start >= end:
            return b""
        data: bytes = self.fs.read_range(self.path, start, end - start)
        if len(data) < end - start:
            raise ReadCutShort(self.path)
        return data


def _raise_for_status(response: requests.Response) -> None:
    if response.status_code >= 400:
        raise remote_error(response.status_code, response.content)


def status_entry(fs_path: str, status: Mapping[str, Any]) -> Entry:
    """The listing entry of a WebHDFS ``FileStatus`` (``modificationTime`` is in milliseconds)."""
    return {
        "name": fs_path,
        "type": _TYPES.get(str(status.get("type")), "other"),
        "size": int(status.get("length") or 0),
        "mtime": int(status.get("modificationTime") or 0) / 1000,
    }


def _ascii_prefix(name: str) -> str:
    return next((name[:i] for i, char in enumerate(name) if not char.isascii()), name)


def connect(
    auth_params: Mapping[str, Any], *, landing_zone_root: str | None = None
) -> HdfsConnector:
    """The factory of the connector table (``landing_zone_root`` is not used)."""
    return HdfsConnector.from_auth(auth_params)
