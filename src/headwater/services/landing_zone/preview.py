"""``objectType=file``: a file's columns, its first rows, and optionally its detected properties.

The answer is ``{format: "flat", schema: {columns: [{name, type, xdm: {type}}]}, data: [rows]}``
(``data`` only with ``preview=true``). The file is read through the same format readers as a
run, stopping after :data:`PREVIEW_ROWS` rows, so a compressed file is never read whole. Properties
come either from the query (``fileType``, ``compressionType`` — inferred from the name when
absent —, ``columnDelimiter``, ``encoding``) or, with ``determineProperties=true``, from the first
:data:`SAMPLE_BYTES` of the file; then ``properties: {fileType, compressionType,
columnDelimiter}`` is added. Archives are previewed from their first member.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from headwater.connectors.errors import SourceNotFound
from headwater.connectors.files import FileVersion
from headwater.errors import BadRequest
from headwater.formats import (
    ROW_COLUMN,
    BadRow,
    Member,
    canonical_codec,
    detect_properties,
    infer_codec,
    options_from_source,
    read_file,
)
from headwater.services.landing_zone.container import ContainerFiles, container_files
from headwater.services.landing_zone.query import ExploreQuery
from headwater.settings import Settings
from headwater.store import Scope

PREVIEW_ROWS = 100
SAMPLE_BYTES = 64 * 1024
FILE_TYPES = ("delimited", "json", "parquet")


@dataclass(frozen=True)
class FileProperties:
    file_type: str
    compression: str | None
    delimiter: str | None
    encoding: str | None


def preview_file(settings: Settings, scope: Scope, query: ExploreQuery) -> dict[str, Any]:
    """Describe one file of the container (see the module docstring)."""
    files = container_files(settings, scope)
    version = _file_version(files, query.object or "")
    props = _properties(files, version, query)
    schema, rows = _read(files, version, props)
    body: dict[str, Any] = {
        "format": "flat",
        "schema": {"columns": [_column(field) for field in schema if field.name != ROW_COLUMN]},
    }
    if query.preview:
        body["data"] = rows
    if query.determine_properties:
        body["properties"] = {
            "fileType": props.file_type,
            "compressionType": props.compression,
            "columnDelimiter": props.delimiter,
        }
    return body


def _file_version(files: ContainerFiles, path: str) -> FileVersion:
    fs_path = files.resolve(path)
    if fs_path == files.root or not fs_path.is_file():
        raise SourceNotFound(f"There is no file '{path}' in the landing zone")
    stat = fs_path.stat()
    return FileVersion(files.public_path(fs_path), stat.st_size, stat.st_mtime)


def _properties(files: ContainerFiles, version: FileVersion, query: ExploreQuery) -> FileProperties:
    explicit = (query.file_type, query.compression_type, query.column_delimiter)
    if query.determine_properties:
        if any(value not in (None, "") for value in explicit):
            raise BadRequest(
                "determineProperties cannot be combined with fileType, compressionType or "
                "columnDelimiter",
                code="1374",
            )
        with files.open(version) as stream:
            found = detect_properties(stream.read(SAMPLE_BYTES), version.path)
        return FileProperties(
            found.file_type, found.compression, found.column_delimiter, query.encoding
        )
    if not query.file_type:
        raise BadRequest(
            "fileType cannot be empty for objectType=file (or pass determineProperties=true)",
            code="1337",
        )
    file_type = query.file_type.strip().lower()
    if file_type not in FILE_TYPES:
        raise BadRequest(
            f"Unsupported fileType {query.file_type!r}; expected delimited, json or parquet",
            code="1327",
        )
    compression = (
        canonical_codec(query.compression_type)
        if query.compression_type
        else infer_codec(version.path)
    )
    return FileProperties(file_type, compression, query.column_delimiter, query.encoding)


def _read(
    files: ContainerFiles, version: FileVersion, props: FileProperties
) -> tuple[pa.Schema, list[dict[str, Any]]]:
    properties = {"columnDelimiter": props.delimiter, "encoding": props.encoding}
    options = options_from_source(
        {
            "format": props.file_type,
            "properties": {k: v for k, v in properties.items() if v not in (None, "")},
        }
    )
    with files.open(version) as stream:
        batches = read_file(
            stream,
            options,
            name=version.path,
            codec=props.compression,
            batch_rows=PREVIEW_ROWS,
            on_bad_row=_skip,
        )
        try:
            return _first_rows(batches)
        finally:
            close = getattr(batches, "close", None)
            if callable(close):
                close()  # stop the readers before the file closes


def _first_rows(
    batches: Iterator[tuple[Member, pa.RecordBatch]],
) -> tuple[pa.Schema, list[dict[str, Any]]]:
    """The schema and first rows of the first member (archives may hold several files)."""
    schema: pa.Schema | None = None
    source: str | None = None
    rows: list[dict[str, Any]] = []
    for member, batch in batches:
        if source not in (None, member.source) or len(rows) >= PREVIEW_ROWS:
            break
        if schema is None:
            source, schema = member.source, batch.schema
        rows.extend(_rows(batch.slice(0, PREVIEW_ROWS - len(rows))))
    return schema if schema is not None else pa.schema([]), rows


def _skip(_row: BadRow) -> None:
    """Rows with the wrong number of fields are left out of a preview."""


def _rows(batch: pa.RecordBatch) -> list[dict[str, Any]]:
    names = [name for name in batch.schema.names if name != ROW_COLUMN]
    return [{k: _plain(v) for k, v in row.items()} for row in batch.select(names).to_pylist()]


def _plain(value: Any) -> Any:
    """A JSON-ready value: nested lists and objects kept, other scalars as text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Decimal):
        return str(value)
    return value


def _column(field: pa.Field) -> dict[str, Any]:
    xdm = _xdm_type(field.type)
    return {"name": field.name, "type": xdm["type"], "xdm": xdm}


def _xdm_type(kind: pa.DataType) -> dict[str, str]:
    types = pa.types
    if types.is_boolean(kind):
        return {"type": "boolean"}
    if types.is_integer(kind):
        return {"type": "integer"}
    if types.is_floating(kind) or types.is_decimal(kind):
        return {"type": "number"}
    if types.is_struct(kind) or types.is_map(kind):
        return {"type": "object"}
    if types.is_list(kind) or types.is_large_list(kind):
        return {"type": "array"}
    if types.is_timestamp(kind):
        return {"type": "string", "format": "date-time"}
    if types.is_date(kind):
        return {"type": "string", "format": "date"}
    return {"type": "string"}
