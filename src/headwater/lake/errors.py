"""Errors of the lake, and the one place third-party storage errors are translated.

HeadwaterError
├── BadRequest
│   ├── InvalidPath        a file path that is absolute, escapes the table or is malformed
│   └── QueryError         SQL that DuckDB rejects (syntax, unknown table, forbidden access)
├── NotFound
│   ├── TableNotFound      no Delta table at the URI
│   └── FileNotInTable     a path that is not one of the table's current data files
├── Conflict
│   └── SchemaConflict     rows whose schema the table cannot take (not additive)
├── ServiceUnavailable
│   └── LakeUnavailable    storage failed or a commit lost too many races: retry (transient)
└── LakeError              any other failure of the Delta library (not transient)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from deltalake.exceptions import (
    CommitFailedError,
    DeltaError,
    SchemaMismatchError,
    TableNotFoundError,
)

from headwater.errors import (
    BadRequest,
    Conflict,
    HeadwaterError,
    NotFound,
    ServiceUnavailable,
)


class LakeError(HeadwaterError):
    """The Delta library failed in a way retrying will not fix."""

    title = "Data lake error"


class LakeUnavailable(ServiceUnavailable):
    """Storage could not be reached or a commit kept conflicting; retrying may help."""


class TableNotFound(NotFound):
    """No Delta table exists at the URI."""


class FileNotInTable(NotFound):
    """The path is not one of the table's current data files."""


class InvalidPath(BadRequest):
    """A file path that is absolute, climbs out of the table (``..``) or is malformed."""


class SchemaConflict(Conflict):
    """Rows whose schema the table cannot take."""


class QueryError(BadRequest):
    """SQL that cannot run: a syntax error, an unknown table or column, forbidden access."""


def translate(error: Exception, uri: str) -> HeadwaterError:
    """The headwater error for an exception raised by deltalake or by storage."""
    message = f"{uri}: {_first_line(error)}"
    if isinstance(error, TableNotFoundError):
        return TableNotFound(f"no Delta table at {uri}", resource_type="table", resource_id=uri)
    if isinstance(error, FileNotFoundError):
        return FileNotInTable(message)
    if isinstance(error, SchemaMismatchError):
        return SchemaConflict(message)
    if isinstance(error, CommitFailedError | OSError):
        return LakeUnavailable(message)
    if isinstance(error, DeltaError) and _looks_like_io(str(error)):
        return LakeUnavailable(message)
    return LakeError(message)


@contextmanager
def translated(uri: str) -> Iterator[None]:
    """Raise deltalake and storage errors of the block as headwater errors."""
    try:
        yield
    except HeadwaterError:
        raise
    except (DeltaError, OSError) as error:
        raise translate(error, uri) from error


_IO_HINTS = ("object store", "objectstore", "generic s3", "io error", "timed out", "connection")


def _looks_like_io(text: str) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in _IO_HINTS)


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
