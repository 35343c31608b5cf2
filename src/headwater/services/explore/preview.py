"""``objectType=file``: a file's columns, its first rows, and optionally its detected properties.

Shared by every explore call (a connection's, and the Data Landing Zone's spec explore): the file
is found and read through the :class:`~headwater.connectors.Connector` of the location.

The answer is ``{format: "flat", schema: {columns: [{name, type, xdm: {type}}]}, data: [rows]}``
(``data`` only with ``preview=true``). The file is read through the same format readers as a
run, stopping after :data:`PREVIEW_ROWS` rows; delimited text is cut after
:data:`PREVIEW_BYTES` of decoded data (at a line end), so a large compressed file is only read
from its start (Arrow's readers would otherwise read tens of megabytes ahead). Properties
come either from the query (``fileType``, ``compressionType`` — inferred from the name when
absent —, ``columnDelimiter``, ``encoding``) or, with ``determineProperties=true``, from the first
:data:`SAMPLE_BYTES` of the file; then ``properties: {fileType, compressionType,
columnDelimiter}`` is added. Archives are previewed from their first member.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, cast

import pyarrow as pa  # type: ignore[import-untyped]

from headwater.connectors import Connector
from headwater.connectors.errors import InvalidSourcePath, SourceNotFound
from headwater.connectors.files import FileVersion
from headwater.connectors.paths import has_glob, split_segments
from headwater.errors import BadRequest
from headwater.formats import (
    BadRow,
    DelimitedOptions,
    canonical_codec,
    detect_properties,
    infer_codec,
    open_members,
    options_from_source,
    read_batches,
)
from headwater.services.explore.columns import preview_columns, preview_rows
from headwater.services.explore.head import LinesHead
from headwater.services.explore.query import ExploreQuery

PREVIEW_ROWS = 100
SAMPLE_BYTES = 64 * 1024
PREVIEW_BYTES = 4 * 2**20
FILE_TYPES = ("delimited", "json", "parquet")


@dataclass(frozen=True)
class FileProperties:
    file_type: str
    compression: str | None
    delimiter: str | None
    encoding: str | None


def preview_file(connector: Connector, query: ExploreQuery) -> dict[str, Any]:
    """Describe one file (see the module docstring).

    Raises:
        BadRequest: ``1374`` for ``determineProperties`` with explicit properties, ``1337`` for
            neither, ``1327`` for an unsupported ``fileType``.
        SourceNotFound: when the file does not exist (or is a folder).
        InvalidSourcePath: for a malformed path, one outside the connection's reach, or a glob.
    """
    requested = _requested(query)
    version = find_file(connector, query.object or "")
    props = requested or _detected(connector, version, query.encoding)
    schema, rows = _read(connector, version, props)
    body: dict[str, Any] = {"format": "flat", "schema": {"columns": preview_columns(schema)}}
    if query.preview:
        body["data"] = rows
    if query.determine_properties:
        body["properties"] = {
            "fileType": props.file_type,
            "compressionType": props.compression,
            "columnDelimiter": props.delimiter,
        }
    return body


def find_file(connector: Connector, path: str) -> FileVersion:
    """The current version of the one file ``path`` names (no globs; folders are not files)."""
    wanted = split_segments(path)
    if any(has_glob(segment) for segment in wanted):
        raise InvalidSourcePath(
            f"The path '{path}' contains * ? or [, which name a pattern, not one file."
        )
    found = next(iter(connector.list(path)), None) if wanted else None
    # Listing a folder yields its files: only a file whose path ends with the one asked is it.
    if found is None or split_segments(found.path)[-len(wanted) :] != wanted:
        raise SourceNotFound(f"There is no file '{path}'.")
    return found


def _requested(query: ExploreQuery) -> FileProperties | None:
    """The properties the query names, checked before any I/O (None: determine them)."""
    explicit = (query.file_type, query.compression_type, query.column_delimiter)
    if query.determine_properties:
        if any(value not in (None, "") for value in explicit):
            raise BadRequest(
                "determineProperties cannot be combined with fileType, compressionType or "
                "columnDelimiter",
                code="1374",
            )
        return None
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
        else infer_codec(query.object or "")
    )
    return FileProperties(file_type, compression, query.column_delimiter, query.encoding)


def _detected(connector: Connector, version: FileVersion, encoding: str | None) -> FileProperties:
    with connector.open(version) as stream:
        found = detect_properties(stream.read(SAMPLE_BYTES), version.path)
    return FileProperties(found.file_type, found.compression, found.column_delimiter, encoding)


def _read(
    connector: Connector, version: FileVersion, props: FileProperties
) -> tuple[pa.Schema, list[dict[str, Any]]]:
    properties = {"columnDelimiter": props.delimiter, "encoding": props.encoding}
    options = options_from_source(
        {
            "format": props.file_type,
            "properties": {k: v for k, v in properties.items() if v not in (None, "")},
        }
    )
    with connector.open(version) as stream:
        members = open_members(stream, codec=props.compression, name=version.path)
        try:
            first = next(members, None)
            if first is None:
                return pa.schema([]), []
            # Text is cut after PREVIEW_BYTES (at a line end): the readers read ahead far more
            # than a preview needs. Parquet reads its footer and first row group only.
            text = isinstance(options, DelimitedOptions)
            head = cast(BinaryIO, LinesHead(first.stream, PREVIEW_BYTES))
            data = head if text else first.stream
            batches = read_batches(
                data, options, source=first.source, batch_rows=PREVIEW_ROWS, on_bad_row=_skip
            )
            try:
                return _first_rows(batches)
            finally:
                _close(batches)  # stop the readers before the file closes
        finally:
            _close(members)


def _first_rows(batches: Iterator[pa.RecordBatch]) -> tuple[pa.Schema, list[dict[str, Any]]]:
    schema: pa.Schema | None = None
    rows: list[dict[str, Any]] = []
    for batch in batches:
        schema = schema or batch.schema
        rows.extend(preview_rows(batch.slice(0, PREVIEW_ROWS - len(rows))))
        if len(rows) >= PREVIEW_ROWS:
            break
    return schema if schema is not None else pa.schema([]), rows


def _close(iterator: Iterator[Any]) -> None:
    close = getattr(iterator, "close", None)
    if callable(close):
        close()


def _skip(_row: BadRow) -> None:
    """Rows with the wrong number of fields are left out of a preview."""
