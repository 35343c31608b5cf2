"""The connector catalogue: connection specs, flow specs and the validation of what refers to them.

One module per storage system (``s3``, ``azure_blob``, ``adls_gen2``, ``azure_file_storage``,
``gcs``, ``sftp``, ``ftp``, ``hdfs``, ``oracle_object_storage``, ``landing_zone``, ``kinesis``,
``event_hubs``; ``data_lake`` for the target) defines its ``SPEC``; ``registry`` lists them and
imports them on first use. The catalogue is pure Python: no database, no HTTP, no storage I/O.

The I/O side: :func:`open_connector` builds a :class:`Connector` (``list``, ``browse``, ``open``,
``check``) for a base connection from the table in ``protocol``; backends are thin subclasses of
``fsspec_base.FileSystemConnector`` (``s3_io``, ``landing_zone_io``) imported on first use.
Their failures are the errors of ``connectors.errors``; :func:`retrying` retries the transient
ones with backoff.
"""

from __future__ import annotations

from headwater.connectors.auth import (
    find_auth_spec,
    secret_fields,
    validate_auth,
    validate_base_connection,
)
from headwater.connectors.catalogue import connection_spec_item, connection_specs
from headwater.connectors.errors import (
    ConnectorAuthError,
    ConnectorError,
    ConnectorUnsupported,
    FileChanged,
    InvalidSourcePath,
    SourceError,
    SourceNotFound,
    SourceUnavailable,
)
from headwater.connectors.files import BrowseEntry, FileVersion
from headwater.connectors.flow_specs import (
    CLOUD_STORAGE_FLOW_SPEC_ID,
    STREAMING_FLOW_SPEC_ID,
    find_flow_spec,
    flow_specs,
    get_flow_spec,
)
from headwater.connectors.protocol import Connector, check_params, open_connector
from headwater.connectors.registry import all_specs, find_spec, find_spec_by_name, get_spec
from headwater.connectors.retry import retrying
from headwater.connectors.schedule import validate_options, validate_schedule
from headwater.connectors.source import validate_source, validate_target
from headwater.connectors.spec import (
    DATA_LAKE_SPEC_ID,
    AuthParams,
    AuthSpec,
    ConnectorSpec,
    SourceParams,
)

__all__ = [
    "CLOUD_STORAGE_FLOW_SPEC_ID",
    "DATA_LAKE_SPEC_ID",
    "STREAMING_FLOW_SPEC_ID",
    "AuthParams",
    "AuthSpec",
    "BrowseEntry",
    "Connector",
    "ConnectorAuthError",
    "ConnectorError",
    "ConnectorSpec",
    "ConnectorUnsupported",
    "FileChanged",
    "FileVersion",
    "InvalidSourcePath",
    "SourceError",
    "SourceNotFound",
    "SourceParams",
    "SourceUnavailable",
    "all_specs",
    "check_params",
    "connection_spec_item",
    "connection_specs",
    "find_auth_spec",
    "find_flow_spec",
    "find_spec",
    "find_spec_by_name",
    "flow_specs",
    "get_flow_spec",
    "get_spec",
    "open_connector",
    "retrying",
    "secret_fields",
    "validate_auth",
    "validate_base_connection",
    "validate_options",
    "validate_schedule",
    "validate_source",
    "validate_target",
]
