"""The errors connectors raise: third-party errors translated at the connector boundary.

Every class also derives from one class of the root tree (``headwater.errors``), so the API and
the engine handle them without knowing about connectors; ``ConnectorError`` lets a caller catch
all of them at once. Messages name the problem, the storage system and the path, never a
credential.

    ConnectorError (marker)
    ├── ConnectorAuthError    (Forbidden)           403  1001  credentials wrong or not allowed
    ├── SourceNotFound        (NotFound)            404  1101  bucket, folder or file missing
    ├── InvalidSourcePath     (BadRequest)          400  1000  malformed or escaping path
    ├── ConnectorUnsupported  (BadRequest)          400  1385  spec without an I/O implementation
    ├── SourceUnavailable     (ServiceUnavailable)  503  1103  transient: retry with backoff
    │   └── FileChanged                             503  1103  file changed since it was listed
    └── SourceError                                 500  1001  any other failure of the source
"""

from __future__ import annotations

from headwater.errors import (
    BadRequest,
    Forbidden,
    HeadwaterError,
    NotFound,
    ServiceUnavailable,
)


class ConnectorError(HeadwaterError):
    """Marker base of every connector error (defines no status or code of its own)."""


class ConnectorAuthError(ConnectorError, Forbidden):
    """The storage system rejected the credentials, or they do not allow the request."""

    default_code = "1001"


class SourceNotFound(ConnectorError, NotFound):
    """The bucket, container, folder or file does not exist."""


class InvalidSourcePath(ConnectorError, BadRequest):
    """A path is malformed, or would leave the location the connection may read."""


class ConnectorUnsupported(ConnectorError, BadRequest):
    """The connection spec exists but headwater cannot read from it (yet)."""

    default_code = "1385"


class SourceUnavailable(ConnectorError, ServiceUnavailable):
    """A transient failure: connection refused or lost, timeout, throttling, server error."""


class FileChanged(SourceUnavailable):
    """A file changed between listing and reading; list again and retry."""


class SourceError(ConnectorError):
    """Any other failure of the storage system while listing or reading."""

    status = 500
    default_code = "1001"
    title = "Error while copying from source"
