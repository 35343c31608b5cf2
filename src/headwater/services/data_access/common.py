"""Pieces the Data Access use cases share: paging, listings, downloads, where a batch's data is."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlencode

from headwater import lake
from headwater.errors import BadRequest, NotFound
from headwater.services import catalog
from headwater.services.catalog.batches import dataset_of
from headwater.settings import Settings
from headwater.store import Database, Scope

Doc = dict[str, Any]
EXPORT: Final = "/data/foundation/export"
MAX_LIMIT: Final = 100
OCTET_STREAM: Final = "application/octet-stream"
JSON_LINES: Final = "application/x-ndjson"


@dataclass(frozen=True)
class Page:
    """``start`` (0-based offset) and ``limit`` (1 to 100, default 100) of a listing."""

    start: int | None = None
    limit: int | None = None

    def bounds(self) -> tuple[int, int]:
        start = 0 if self.start is None else self.start
        limit = MAX_LIMIT if self.limit is None else self.limit
        if start < 0:
            raise BadRequest(f"start must not be negative, got {start}", code="1001")
        if not 1 <= limit <= MAX_LIMIT:
            raise BadRequest(f"limit must be between 1 and {MAX_LIMIT}, got {limit}", code="1001")
        return start, limit


@dataclass(frozen=True)
class Download:
    """The bytes of one file, streamed.

    Attributes:
        name: The file's name as listed.
        size: The whole file's size in bytes.
        chunks: The bytes sent (the whole file, or ``span`` of it).
        media_type: The content type to send.
        span: ``(first, last)`` byte offsets (inclusive) when only part is sent.
        ranged: Whether the file can be asked for in byte ranges.
    """

    name: str
    size: int
    chunks: Iterator[bytes]
    media_type: str = OCTET_STREAM
    span: tuple[int, int] | None = None
    ranged: bool = False


@dataclass(frozen=True)
class Entry:
    """One listed file: its name, its size and the query that downloads it."""

    name: str
    length: int


@dataclass(frozen=True)
class BatchData:
    """A batch of the caller's sandbox and where its dataset's table is (if it has one)."""

    batch_id: str
    doc: Doc
    dataset: Doc | None
    table: str | None


def lake_options(settings: Settings) -> dict[str, str] | None:
    return dict(settings.lake_storage_options) or None


def table_of(settings: Settings, scope: Scope, dataset_id: str) -> str:
    config = lake.LakeConfig(settings.resolved_lake_uri, lake_options(settings))
    return lake.table_uri(config, scope.org_id, scope.sandbox_id, dataset_id)


def batch_data(db: Database, settings: Settings, scope: Scope, batch_id: str) -> BatchData:
    """The batch (``NotFound`` outside the caller's sandbox) and its dataset's table."""
    with db.transaction() as session:
        doc = catalog.get_batch(session, scope, batch_id)
        dataset_id = dataset_of(doc)
        try:
            dataset = catalog.get_dataset(session, scope, dataset_id) if dataset_id else None
        except NotFound:  # the dataset was deleted: the batch has no data any more
            dataset = None
    if dataset is None or dataset_id is None:
        return BatchData(batch_id, doc, None, None)
    return BatchData(batch_id, doc, dataset, table_of(settings, scope, dataset_id))


def listing(
    entries: Sequence[Entry],
    page: Page,
    *,
    base: str,
    query: Doc | None = None,
    item_query: str = "path",
    prefix: str = "",
) -> Doc:
    """``{data:[{name, length, _links}], _page:{limit, count}, _links}`` for one page."""
    start, limit = page.bounds()
    shown = entries[start : start + limit]
    data = [
        {
            "name": e.name,
            "length": str(e.length),
            "_links": {"self": {"href": href(base, {item_query: prefix + e.name})}},
        }
        for e in shown
    ]
    return {
        "data": data,
        "_page": {"limit": limit, "count": len(data)},
        "_links": next_link(base, query or {}, start, limit, len(entries)),
    }


def next_link(base: str, query: Doc, start: int, limit: int, total: int) -> Doc:
    if start + limit >= total:
        return {}
    return {"next": {"href": href(base, {**query, "start": start + limit, "limit": limit})}}


def href(base: str, query: Doc) -> str:
    return f"{base}?{urlencode(query)}" if query else base


def by_name(entries: Iterable[Entry], name: str, *, what: str) -> Entry:
    """The listed entry called ``name``: only listed names can be read (no path tricks)."""
    for entry in entries:
        if entry.name == name:
            return entry
    raise NotFound(f"No {what} named {name!r}", resource_type="files", resource_id=name)
