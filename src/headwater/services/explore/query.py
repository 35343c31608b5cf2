"""The query of an explore call, as the services take it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExploreQuery:
    """The query parameters of an explore call (platform names in the comments)."""

    object_type: str  # objectType: root | folder | file
    object: str | None = None  # object: a folder's or file's path
    file_type: str | None = None  # fileType: delimited | json | parquet
    preview: bool = False  # preview: include the first rows
    column_delimiter: str | None = None  # columnDelimiter
    compression_type: str | None = None  # compressionType
    encoding: str | None = None  # encoding: UTF-8 | ISO-8859-1
    determine_properties: bool = False  # determineProperties: detect the three above
    limit: int | None = None  # limit: entries per listing page (headwater's)
    continuation_token: str | None = None  # continuationToken: the next page (headwater's)
