"""Reading files from Amazon S3 and S3-compatible stores (MinIO, moto, ...).

Listings and front-to-back reads go through a blocking botocore client shared per credentials
(:mod:`headwater.connectors.s3_client`); seekable reads (Parquet, archives) through s3fs.

Paths start with the bucket (``/ingestion-demos/leads/*.tsv``) unless the connection names one
in ``bucketName``; then they are inside it and, with ``folderPath``, must lie below that folder.

* Listings stream: one ``ListObjectsV2`` page (up to 1,000 keys) is held at a time; S3 returns
  keys in lexicographic order, which is the order of the paths. A recursive listing or a glob
  is one flat listing (no ``Delimiter``) filtered here. Browsing a folder lists with
  ``Delimiter=/`` (``CommonPrefixes`` are the sub-folders) and resumes with ``StartAfter``;
  browsing the root of a connection without ``bucketName`` lists the buckets.
* :meth:`S3Connector.open` is pinned to the listed version: s3fs reads the object's ETag when it
  opens it (one ``HeadObject``) and sends it as ``If-Match`` with every ranged ``GetObject``.
  An ETag or size different from the listed one raises :class:`FileChanged` at once, and a
  change during the read fails the next range with ``412``, also :class:`FileChanged`. A reader
  that never seeks gets the whole object in one streamed request instead (``s3_stream``), pinned
  the same way.
* Each connector has its own s3fs instance (``skip_instance_cache``) and no listings cache, and
  blocking clients are shared only by equal credentials and settings, so different credentials
  never share a client and a new listing sees new files. s3fs retries a few quick failures of
  seekable reads itself; botocore's own retries are off, and ``retrying`` does the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import IO, Any, cast

import s3fs  # type: ignore[import-untyped]
from pydantic import ValidationError

from headwater.connectors._errors import raise_invalid
from headwater.connectors.errors import InvalidSourcePath
from headwater.connectors.files import BrowseEntry, FileVersion
from headwater.connectors.fsspec_base import Entry, FileSystemConnector, child_key
from headwater.connectors.s3 import S3AccessKey
from headwater.connectors.s3_client import blocking_client, spec_of
from headwater.connectors.s3_errors import classify_s3_error
from headwater.connectors.s3_stream import S3ObjectStream
from headwater.connectors.translate import Problem

DEFAULT_REGION = "us-east-1"
# Appended to a folder's key in StartAfter so that no key inside the folder comes after it.
_PAST_FOLDER = "\U0010ffff"
_BUCKET = re.compile(r"^[A-Za-z0-9._-]{1,255}$")
_REGION_IN_URL = re.compile(r"(?:^|[./])s3[.-]([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com")


class S3Connector(FileSystemConnector):
    """A connector to one S3 account (or S3-compatible endpoint)."""

    system = "Amazon S3"
    credentials_hint = "Check s3AccessKey, s3SecretKey and s3SessionToken."

    def __init__(
        self,
        params: S3AccessKey,
        *,
        retries: int = 3,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        block_size: int = 16 * 2**20,
        page_size: int = 1000,
    ) -> None:
        fs = s3fs.S3FileSystem(
            key=params.s3_access_key,
            secret=params.s3_secret_key,
            token=params.s3_session_token,
            client_kwargs=_client_kwargs(params.service_url),
            config_kwargs={
                "connect_timeout": connect_timeout,
                "read_timeout": read_timeout,
                "retries": {"total_max_attempts": 1},
            },
            default_block_size=block_size,
            skip_instance_cache=True,
            use_listings_cache=False,
        )
        fs.retries = max(1, retries)
        super().__init__(fs)
        self._bucket = params.bucket_name
        self._folder = "/".join(s for s in (params.folder_path or "").split("/") if s)
        self._page_size = page_size

    @classmethod
    def from_auth(cls, auth_params: Mapping[str, Any], **options: Any) -> S3Connector:
        """Build a connector from ``auth.params`` (camelCase names, secrets decrypted)."""
        try:
            params = S3AccessKey.model_validate(dict(auth_params))
        except ValidationError as exc:
            raise_invalid(exc, prefix="auth.params", model=S3AccessKey)
        return cls(params, **options)

    def _to_fs_path(self, path: str) -> str:
        if self._bucket is None:
            bucket = path.split("/", 1)[0]
            if not bucket:
                raise InvalidSourcePath(
                    "An Amazon S3 path starts with a bucket name: /{bucket}/{folder}/{file}."
                )
            _check_bucket(bucket)
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

    def _check(self) -> None:
        if self._bucket is None:
            self._client().list_buckets()
            return
        _check_bucket(self._bucket)
        prefix = self._folder + "/" if self._folder else ""
        page = self._client().list_objects_v2(Bucket=self._bucket, Prefix=prefix, MaxKeys=1)
        if prefix and not page.get("KeyCount"):
            raise FileNotFoundError(self._location())

    def _info(self, fs_path: str) -> Entry:
        # A listing, not HeadObject: one request, an error code in the body, and the same
        # LastModified precision as folder listings (so a file's version does not depend on
        # whether it was listed by name or through its folder).
        bucket, _, key = fs_path.partition("/")
        if key:
            page = self._client().list_objects_v2(Bucket=bucket, Prefix=key, MaxKeys=1)
            first = (page.get("Contents") or [{}])[0]
            if first.get("Key") == key:
                return _entry(bucket, first)
        prefix = key + "/" if key else ""
        page = self._client().list_objects_v2(Bucket=bucket, Prefix=prefix, MaxKeys=1)
        if key and not page.get("KeyCount"):
            raise FileNotFoundError(fs_path)
        return {"name": fs_path, "type": "directory", "size": 0}

    def _walk(self, fs_dir: str, *, recursive: bool) -> Iterator[Entry]:
        bucket, _, key = fs_dir.partition("/")
        prefix = key.rstrip("/") + "/" if key else ""
        found = False
        for page in self._pages(bucket, prefix, "" if recursive else "/"):
            found = found or bool(page.get("Contents") or page.get("CommonPrefixes"))
            yield from (_entry(bucket, obj) for obj in page.get("Contents", []))
        if prefix and not found:
            raise FileNotFoundError(fs_dir)

    def _root_dir(self) -> str:
        return "/".join(p for p in (self._bucket, self._folder) if p)

    def _browse(self, fs_dir: str, start_after: str | None) -> Iterator[BrowseEntry]:
        if not fs_dir:
            yield from self._browse_buckets(start_after)
            return
        bucket, _, key = fs_dir.partition("/")
        prefix = key.rstrip("/") + "/" if key else ""
        after = None
        if start_after:
            after = prefix + start_after + (_PAST_FOLDER if start_after.endswith("/") else "")
        found = False
        for page in self._pages(bucket, prefix, "/", start_after=after):
            children = [
                *(_entry(bucket, obj) for obj in page.get("Contents", [])),
                *(_folder(bucket, common) for common in page.get("CommonPrefixes", [])),
            ]
            found = found or bool(children)
            browsed = (self._browse_entry(entry) for entry in sorted(children, key=child_key))
            yield from (
                b for b in browsed if b is not None and (start_after is None or b.key > start_after)
            )
        if prefix and not found and start_after is None:
            raise FileNotFoundError(fs_dir)

    def _browse_buckets(self, start_after: str | None) -> Iterator[BrowseEntry]:
        buckets = self._client().list_buckets().get("Buckets", [])
        names = sorted(str(bucket["Name"]) for bucket in buckets)
        for name in names:
            if start_after is None or name + "/" > start_after:
                yield BrowseEntry(name, "/" + name)

    def _pages(
        self, bucket: str, prefix: str, delimiter: str, *, start_after: str | None = None
    ) -> Iterator[dict[str, Any]]:
        request: dict[str, Any] = {
            "Bucket": bucket,
            "Prefix": prefix,
            "Delimiter": delimiter,
            "MaxKeys": self._page_size,
        }
        if start_after:
            request["StartAfter"] = start_after
        while True:
            page: dict[str, Any] = self._client().list_objects_v2(**request)
            yield page
            if not page.get("IsTruncated"):
                return
            request["ContinuationToken"] = page["NextContinuationToken"]

    def _client(self) -> Any:
        """The blocking client of these settings (listings and front-to-back reads)."""
        return blocking_client(spec_of(self.fs))

    def _open_sequential(self, fs_path: str, file: FileVersion) -> IO[bytes]:
        bucket, _, key = fs_path.partition("/")
        return cast(IO[bytes], S3ObjectStream(self._client(), bucket, key, file))

    def _is_file(self, entry: Entry) -> bool:
        name = str(entry["name"])
        marker = name.endswith("_$folder$") and not entry.get("size")
        return super()._is_file(entry) and not marker

    def _classify_specific(self, exc: BaseException) -> Problem | None:
        return classify_s3_error(exc)


def _entry(bucket: str, obj: dict[str, Any]) -> Entry:
    return {
        "name": f"{bucket}/{obj['Key']}",
        "type": "file",
        "size": obj.get("Size", 0),
        "LastModified": obj.get("LastModified"),
        "ETag": obj.get("ETag"),
    }


def _folder(bucket: str, common: dict[str, Any]) -> Entry:
    return {"name": f"{bucket}/{common['Prefix']}".rstrip("/"), "type": "directory", "size": 0}


def _client_kwargs(service_url: str | None) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"region_name": DEFAULT_REGION}
    if service_url:
        kwargs["endpoint_url"] = service_url
        match = _REGION_IN_URL.search(service_url)
        if match:
            kwargs["region_name"] = match.group(1)
    return kwargs


def _check_bucket(bucket: str) -> None:
    if not _BUCKET.match(bucket):
        raise InvalidSourcePath(f"'{bucket}' is not a valid bucket name.")


def connect(auth_params: Mapping[str, Any], *, landing_zone_root: str | None = None) -> S3Connector:
    """The factory of the connector table (``landing_zone_root`` is not used)."""
    return S3Connector.from_auth(auth_params)
