"""adlfs over a Blob service client built by the connector, with reads pinned to one version.

adlfs builds its own client from an account name (``https://`` endpoints only, with environment
variables as fallbacks for every credential) and keeps each instance alive until the process
exits. Here the connector builds the client (any endpoint, its own credential, retries and
timeouts) and :class:`BlobFileSystem` closes it once it is garbage collected. From adlfs it
keeps the buffered, seekable file: :class:`PinnedBlobFile` reads the blob's properties when it
opens and sends the ETag it saw with every ranged download (``If-Match``), so a blob rewritten
during a read fails with 412 (``ConditionNotMet``) instead of mixing two versions.

Every call runs on fsspec's I/O event loop; listings are fetched one page at a time, and their
items become the entries the connector's base works with (:func:`blob_entry`, ...).
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Any, TypeVar

from adlfs import AzureBlobFileSystem  # type: ignore[import-untyped]
from adlfs.spec import AzureBlobFile  # type: ignore[import-untyped]
from azure.core import MatchConditions
from azure.core.async_paging import AsyncItemPaged
from azure.core.credentials import AzureSasCredential
from azure.storage.blob import BlobProperties
from azure.storage.blob.aio import BlobServiceClient
from fsspec.asyn import AsyncFileSystem, get_loop, sync, sync_wrapper  # type: ignore[import-untyped]

from headwater.connectors._errors import INVALID_VALUE
from headwater.connectors.azure_params import StorageUrl, check_connection_string, field_errors
from headwater.connectors.files import BrowseEntry
from headwater.connectors.fsspec_base import Entry
from headwater.errors import InvalidField

T = TypeVar("T")


def client_options(*, retries: int, connect_timeout: float, read_timeout: float) -> dict[str, Any]:
    """Keyword arguments of a Blob service client: ``retries`` attempts, short backoffs.

    (The SDK's default backoff starts at 15 seconds, which only suits batch jobs; the engine
    retries transient errors itself.)
    """
    return {
        "retry_total": max(0, retries - 1),
        "initial_backoff": 0.5,
        "increment_base": 2,
        "random_jitter_range": 0.5,
        "connection_timeout": connect_timeout,
        "read_timeout": read_timeout,
    }


def connection_string_client(
    value: str, options: dict[str, Any], *, field: str
) -> BlobServiceClient:
    """A service client from a storage connection string (``options`` for the client)."""
    with field_errors(field):
        value = check_connection_string(value)
    try:
        return BlobServiceClient.from_connection_string(value, **options)
    except ValueError:  # its messages may quote the string
        raise InvalidField(
            field,
            "is not a usable storage connection string: it needs BlobEndpoint, or AccountName "
            "with DefaultEndpointsProtocol",
            code=INVALID_VALUE,
        ) from None


def sas_client(url: StorageUrl, options: dict[str, Any]) -> BlobServiceClient:
    """A service client authenticated by the shared access signature of a parsed SAS URI."""
    return BlobServiceClient(url.account_url, credential=AzureSasCredential(url.query), **options)


class BlobFileSystem(AzureBlobFileSystem):  # type: ignore[misc]
    """A read-only adlfs filesystem over ``client`` (never cached, never shared)."""

    cachable = False

    def __init__(
        self,
        client: BlobServiceClient,
        *,
        block_size: int,
        closables: Sequence[Any] = (),
    ) -> None:
        # Not AzureBlobFileSystem.__init__: it would build a client of its own and register a
        # finalizer holding this instance, which then lives until the process exits.
        AsyncFileSystem.__init__(self, loop=get_loop(), use_listings_cache=False)
        self.service_client = client
        self.account_name = client.account_name
        self.blocksize = block_size
        self.version_aware = False
        self.max_concurrency = 1
        weakref.finalize(self, _close_soon, self.loop, (client, *closables))

    def call(self, fn: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(*args, **kwargs)`` on the I/O loop and return its result."""
        result: T = sync(self.loop, fn, *args, **kwargs)
        return result

    def pages(self, paged: AsyncItemPaged[Any]) -> Iterator[list[Any]]:
        """The pages of a listing, each fetched once the previous one has been consumed."""
        pages = paged.by_page()
        while (page := self.call(_next_page, pages)) is not None:
            yield page

    def _open(
        self,
        path: str,
        mode: str = "rb",
        block_size: int | None = None,
        cache_options: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PinnedBlobFile:
        if mode != "rb":
            raise NotImplementedError("this filesystem is read-only")
        container, blob, _ = self.split_path(path)
        details = self.call(self._details_of, container, blob)
        return PinnedBlobFile(
            self,
            path,
            details=details,
            block_size=block_size or self.blocksize,
            cache_type="readahead",
            cache_options=cache_options or {},
        )

    async def _details_of(self, container: str, blob: str) -> Entry:
        props = await self.service_client.get_blob_client(container, blob).get_blob_properties()
        return {
            "name": f"{container}/{blob}",
            "type": "file",
            "size": props.size,
            "etag": props.etag,
            "last_modified": props.last_modified,
        }


class PinnedBlobFile(AzureBlobFile):  # type: ignore[misc]
    """adlfs's buffered blob reader, every range requested ``If-Match`` the opened ETag."""

    def __init__(self, fs: BlobFileSystem, path: str, *, details: Entry, **kwargs: Any) -> None:
        self.details = details  # adlfs then skips its own properties request
        super().__init__(fs, path, mode="rb", **kwargs)

    def _get_loop(self) -> asyncio.AbstractEventLoop:
        # adlfs's own makes fsspec's loop the calling thread's current event loop.
        loop: asyncio.AbstractEventLoop = self.fs.loop
        return loop

    async def _async_fetch_range(self, start: int, end: int | None = None, **kwargs: Any) -> bytes:
        stop = self.size if end is None else min(end, self.size)
        if start >= stop:
            return b""
        stream = await self.container_client.download_blob(
            self.blob,
            offset=start,
            length=stop - start,
            etag=self.details["etag"],
            match_condition=MatchConditions.IfNotModified,
            max_concurrency=1,
        )
        data: bytes = await stream.readall()
        return data

    _fetch_range = sync_wrapper(_async_fetch_range)


# -- listing entries --------------------------------------------------------------------------


def blob_entry(container: str, blob: BlobProperties) -> Entry:
    """The listing entry of a blob (``folder`` when it is a directory's marker)."""
    return {
        "name": f"{container}/{blob.name}",
        "type": "file",
        "size": blob.size,
        "last_modified": blob.last_modified,
        "etag": blob.etag,
        "folder": is_directory_blob(blob),
    }


def child_entry(container: str, item: Any) -> Entry:
    """The entry of an item of a delimited listing: a blob, a prefix or a directory's marker."""
    if not isinstance(item, BlobProperties):
        return {"name": f"{container}/{item.name}".rstrip("/"), "type": "directory", "size": 0}
    if is_directory_blob(item):
        return {"name": f"{container}/{item.name}", "type": "directory", "marker": True}
    return blob_entry(container, item)


def in_key_order(children: Iterator[tuple[BrowseEntry, bool]]) -> Iterator[BrowseEntry]:
    """Browse entries in key order, from entries in name order, each flagged when it comes from
    a directory's marker blob: the marker of ``raw/2024`` is listed before ``raw/2024.csv``, but
    its key (``2024/``) sorts after that file's, so it waits for the first key past its own."""
    waiting: list[BrowseEntry] = []
    for entry, is_marker in children:
        if is_marker:
            bisect.insort(waiting, entry, key=lambda e: e.key)
            continue
        while waiting and waiting[0].key < entry.key:
            yield waiting.pop(0)
        yield entry
    yield from waiting


def is_directory_blob(blob: BlobProperties) -> bool:
    """Whether a blob is the marker of an ADLS Gen2 directory (``hdi_isfolder=true``)."""
    metadata = blob.metadata or {}
    return any(k.lower() == "hdi_isfolder" and v.lower() == "true" for k, v in metadata.items())


async def _next_page(pages: AsyncIterator[AsyncIterator[Any]]) -> list[Any] | None:
    try:
        page = await anext(pages)
    except StopAsyncIteration:
        return None
    return [item async for item in page]


def _close_soon(loop: asyncio.AbstractEventLoop, resources: Sequence[Any]) -> None:
    # A finalizer may run on the loop's own thread, so it schedules rather than waits.
    if not loop.is_running():
        return
    for resource in resources:
        with contextlib.suppress(RuntimeError):
            asyncio.run_coroutine_threadsafe(resource.close(), loop)
