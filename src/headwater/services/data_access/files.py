"""A batch's dataset files: ``/batches/{batchId}/files`` and ``/files/{dataSetFileId}``.

A batch that committed rows to its dataset has exactly one *dataset file*, whose id
(``dataSetFileId``) is the batch id; its parts are the batch's Parquet files in the dataset's
Delta table, listed by file name. Batches without committed rows (failed, reverted, still
loading) have none.
"""

from __future__ import annotations

from headwater import lake
from headwater.errors import NotFound
from headwater.services.data_access.common import (
    EXPORT,
    BatchData,
    Doc,
    Download,
    Entry,
    Page,
    batch_data,
    by_name,
    lake_options,
    listing,
    next_link,
)
from headwater.services.data_access.ranges import ByteRange
from headwater.settings import Settings
from headwater.store import Database, Scope

VERSION = "1.0.0"


def list_dataset_files(
    db: Database, settings: Settings, scope: Scope, batch_id: str, page: Page
) -> Doc:
    """The batch's dataset files: one entry when it committed rows, none otherwise.

    Raises:
        NotFound: no such batch in the caller's sandbox.
        BadRequest: ``page`` is out of bounds.
    """
    start, limit = page.bounds()
    data = batch_data(db, settings, scope, batch_id)
    parts = _parts(data, settings)
    entries = [_dataset_file(data, parts)] if parts else []
    shown = entries[start : start + limit]
    base = f"{EXPORT}/batches/{batch_id}/files"
    return {
        "data": shown,
        "_page": {"limit": limit, "count": len(shown)},
        "_links": next_link(base, {}, start, limit, len(entries)),
    }


def dataset_file(
    db: Database,
    settings: Settings,
    scope: Scope,
    file_id: str,
    *,
    path: str | None = None,
    page: Page | None = None,
    byte_range: ByteRange | None = None,
) -> Doc | Download:
    """The parts of a dataset file, or with ``path`` the bytes of one part (or a range of them).

    Raises:
        NotFound: no such dataset file in the caller's sandbox, or no part named ``path``.
        RangeNotSatisfiable: ``byte_range`` lies past the end of the part.
        BadRequest: ``page`` is out of bounds.
    """
    data, parts = _file_parts(db, settings, scope, file_id)
    named = {_name(part.path): part for part in parts}
    if path is None:
        entries = [Entry(name, part.size) for name, part in named.items()]
        return listing(entries, page or Page(), base=f"{EXPORT}/files/{file_id}")
    part = named.get(path)
    if part is None or data.table is None:
        raise NotFound(
            f"Dataset file {file_id} has no file named {path!r}",
            resource_type="files",
            resource_id=path,
        )
    span = byte_range.span(part.size) if byte_range is not None else None
    offset, length = (span[0], span[1] - span[0] + 1) if span else (0, None)
    chunks = lake.read_file(
        data.table, part.path, offset=offset, length=length, storage_options=lake_options(settings)
    )
    return Download(path, part.size, chunks, span=span, ranged=True)


def dataset_file_head(
    db: Database, settings: Settings, scope: Scope, file_id: str, path: str
) -> Entry:
    """The name and size of one part of a dataset file (for ``HEAD``), without reading it."""
    _, parts = _file_parts(db, settings, scope, file_id)
    entries = [Entry(_name(part.path), part.size) for part in parts]
    return by_name(entries, path, what=f"file of dataset file {file_id}")


def _file_parts(
    db: Database, settings: Settings, scope: Scope, file_id: str
) -> tuple[BatchData, list[lake.FileInfo]]:
    try:
        data = batch_data(db, settings, scope, file_id)
    except NotFound:
        data = None
    parts = _parts(data, settings) if data is not None else []
    if data is None or not parts:
        raise NotFound(
            f"Dataset file {file_id} was not found",
            resource_type="dataSetFiles",
            resource_id=file_id,
        )
    return data, parts


def _parts(data: BatchData, settings: Settings) -> list[lake.FileInfo]:
    if data.table is None:
        return []
    try:
        return lake.batch_files(data.table, data.batch_id, storage_options=lake_options(settings))
    except lake.TableNotFound:
        return []


def _dataset_file(data: BatchData, parts: list[lake.FileInfo]) -> Doc:
    dataset = data.dataset or {}
    return {
        "dataSetFileId": data.batch_id,
        "dataSetViewId": str(dataset.get("viewId", "")),
        "version": VERSION,
        "created": str(data.doc.get("created", "")),
        "updated": str(data.doc.get("updated", "")),
        "records": str(sum(part.records for part in parts)),
        "size": str(sum(part.size for part in parts)),
        "isValid": True,
        "_links": {"self": {"href": f"{EXPORT}/files/{data.batch_id}"}},
    }


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]
