"""Reading objects from Google Cloud Storage through its JSON API, with a service account key.

``auth.params``: ``credentials`` (the service account's JSON key file, as a string) and
optionally ``bucketName`` and ``folderPath`` (paths are then inside the bucket and below the
folder, as for Amazon S3) and ``serviceUrl`` (a headwater extension: another endpoint, such as
an emulator; ``https://storage.googleapis.com`` by default). The client is gcsfs, adjusted in
:mod:`headwater.connectors.gcs_fs` (key loading, tokens, retries, pinned reads).

* Listings stream: one ``objects.list`` page is held at a time (names come in lexicographic
  order, the order of the paths). A folder is listed with the ``/`` delimiter; a recursive
  listing or a glob is one flat listing, filtered here. Browsing resumes with ``startOffset``;
  browsing the root of a connection without ``bucketName`` lists the key's project's buckets.
* A file's version is its size, ``updated`` time and ``generation`` (the number GCS gives each
  write of an object; it is :attr:`FileVersion.etag`). Opening reads the object's metadata once
  (another generation or size than the listed one raises ``FileChanged``) and every ranged read
  names that generation: a later rewrite or delete makes the read fail, also ``FileChanged``.
* Each connector has its own gcsfs instance and no listings cache; gcsfs tries each request
  ``retries`` times, and ``retrying`` does the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from headwater.connectors._errors import raise_invalid
from headwater.connectors.errors import InvalidSourcePath
from headwater.connectors.files import BrowseEntry
from headwater.connectors.fsspec_base import Entry, FileSystemConnector, child_key
from headwater.connectors.gcs import GcsServiceAccount
from headwater.connectors.gcs_errors import classify_gcs_error
from headwater.connectors.gcs_fs import gcs_filesystem
from headwater.connectors.translate import Problem

DEFAULT_ENDPOINT = "https://storage.googleapis.com"
# Appended to a folder's name in startOffset so that no name inside the folder comes after it.
_PAST_FOLDER = "\U0010ffff"
# Lowercase letters, digits, '-', '_' and '.' (names with dots may have up to 222 characters).
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$")


class GcsConnector(FileSystemConnector):
    """A connector to the buckets a service account can read (or one bucket and folder)."""

    system = "Google Cloud Storage"
    credentials_hint = "Check the service account key in credentials and its access."

    def __init__(
        self,
        params: GcsServiceAccount,
        *,
        retries: int = 3,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        block_size: int = 16 * 2**20,
        page_size: int = 1000,
    ) -> None:
        fs = gcs_filesystem(
            params.credentials,
            (params.service_url or DEFAULT_ENDPOINT).rstrip("/"),
            attempts=retries,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            block_size=block_size,
        )
        super().__init__(fs)
        self._bucket = params.bucket_name
        self._folder = "/".join(s for s in (params.folder_path or "").split("/") if s)
        self._page_size = page_size

    @classmethod
    def from_auth(cls, auth_params: Mapping[str, Any], **options: Any) -> GcsConnector:
        """Build a connector from ``auth.params`` (camelCase names, secrets decrypted).

        Raises:
            InvalidField: when a parameter is missing or invalid, or the key cannot be loaded.
        """
        try:
            params = GcsServiceAccount.model_validate(dict(auth_params))
        except ValidationError as exc:
            raise_invalid(exc, prefix="auth.params", model=GcsServiceAccount)
        return cls(params, **options)

    # -- paths --------------------------------------------------------------------------------

    def _to_fs_path(self, path: str) -> str:
        if self._bucket is None:
            bucket = path.split("/", 1)[0]
            if not bucket:
                raise InvalidSourcePath(
                    "A Google Cloud Storage path starts with a bucket name: "
                    "/{bucket}/{folder}/{file}."
                )
            if not _BUCKET.match(bucket):
                raise InvalidSourcePath(f"'{bucket}' is not a valid bucket name.")
            return path
        inside = path == self._folder or path.startswith(self._folder + "/")
        if self._folder and not inside:
            raise InvalidSourcePath(
                f"The path '/{path}' is outside the folder '/{self._folder}' that this "
                "connection is restricted to."
            )
        return f"{self._bucket}/{path}".rstrip("/")

    def _to_public_path(self, fs_path: str) -> str:
        if self._bucket is not None:
            return "/" + fs_path[len(self._bucket) + 1 :]
        return "/" + fs_path

    def _location(self) -> str:
        return "/" + "/".join(p for p in (self._bucket, self._folder) if p)

    def _root_dir(self) -> str:
        return "/".join(p for p in (self._bucket, self._folder) if p)

    # -- listing ------------------------------------------------------------------------------

    def _check(self) -> None:
        if self._bucket is None:
            next(self._pages("b", max_results=1))
            return
        prefix = self._folder + "/" if self._folder else ""
        page = next(self._objects(self._bucket, prefix, "/", max_results=1))
        if prefix and not (page.get("items") or page.get("prefixes")):
            raise FileNotFoundError(self._location())

    def _info(self, fs_path: str) -> Entry:
        # A listing, not objects.get: the same fields (and precision) as folder listings.
        bucket, _, key = fs_path.partition("/")
        if key:
            page = next(self._objects(bucket, key, "", max_results=1))
            first = (page.get("items") or [{}])[0]
            if first.get("name") == key:
                return _entry(bucket, first)
        prefix = key + "/" if key else ""
        page = next(self._objects(bucket, prefix, "", max_results=1))
        if key and not page.get("items"):
            raise FileNotFoundError(fs_path)
        return {"name": fs_path, "type": "directory", "size": 0}

    def _walk(self, fs_dir: str, *, recursive: bool) -> Iterator[Entry]:
        bucket, _, key = fs_dir.partition("/")
        prefix = key.rstrip("/") + "/" if key else ""
        found = False
        for page in self._objects(bucket, prefix, "" if recursive else "/"):
            found = found or bool(page.get("items") or page.get("prefixes"))
            yield from (_entry(bucket, obj) for obj in page.get("items", []))
        if prefix and not found:
            raise FileNotFoundError(fs_dir)

    def _browse(self, fs_dir: str, start_after: str | None) -> Iterator[BrowseEntry]:
        if fs_dir:
            yield from super()._browse(fs_dir, start_after)
            return
        # A project's buckets are few; their order is not documented, so they are sorted here.
        pages = self._pages("b")
        names = sorted(str(b["name"]) for page in pages for b in page.get("items", []))
        for name in names:
            if start_after is None or name + "/" > start_after:
                yield BrowseEntry(name, "/" + name)

    def _children(self, fs_dir: str, *, start_after: str | None) -> Iterator[Entry]:
        bucket, _, key = fs_dir.partition("/")
        prefix = key.rstrip("/") + "/" if key else ""
        offset = None
        if start_after:
            offset = prefix + start_after + (_PAST_FOLDER if start_after.endswith("/") else "")
        for page in self._objects(bucket, prefix, "/", start_offset=offset):
            children = [
                *(_entry(bucket, obj) for obj in page.get("items", [])),
                *(_folder(bucket, name) for name in page.get("prefixes", [])),
            ]
            for entry in sorted(children, key=child_key):
                if start_after is None or child_key(entry) > start_after:
                    yield entry

    def _objects(
        self,
        bucket: str,
        prefix: str,
        delimiter: str,
        *,
        max_results: int | None = None,
        start_offset: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        """The pages of ``objects.list`` (one page only with ``max_results``)."""
        query = {"prefix": prefix or None, "delimiter": delimiter or None}
        return self._pages(
            "b/{}/o", bucket, max_results=max_results, startOffset=start_offset, **query
        )

    def _pages(
        self, path: str, *args: str, max_results: int | None = None, **query: Any
    ) -> Iterator[dict[str, Any]]:
        """The pages of a JSON API listing (``b`` lists the key's project's buckets)."""
        if path == "b":
            query["project"] = self.fs.project
        query["maxResults"] = max_results or self._page_size
        while True:
            page: dict[str, Any] = self.fs.call("GET", path, *args, json_out=True, **query)
            yield page
            token = page.get("nextPageToken")
            if not token or max_results:
                return
            query["pageToken"] = token

    # -- reading ------------------------------------------------------------------------------

    def _opened_info(self, handle: Any, fs_path: str) -> Entry:
        return _entry(fs_path.partition("/")[0], handle.object)

    def _classify_specific(self, exc: BaseException) -> Problem | None:
        return classify_gcs_error(exc)


def _entry(bucket: str, obj: dict[str, Any]) -> Entry:
    return {
        "name": f"{bucket}/{obj['name']}",
        "type": "file",
        "size": int(obj.get("size") or 0),
        "LastModified": obj.get("updated"),
        "ETag": obj.get("generation"),
    }


def _folder(bucket: str, prefix: str) -> Entry:
    return {"name": f"{bucket}/{prefix}".rstrip("/"), "type": "directory", "size": 0}
