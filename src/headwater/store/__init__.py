"""Metadata store: SQLAlchemy tables, sessions and migrations (SQLite or PostgreSQL)."""

from headwater.store.db import Database
from headwater.store.tables import (
    ApiClient,
    Base,
    Batch,
    Connection,
    Dataset,
    Descriptor,
    Flow,
    IngestedFile,
    MappingSet,
    MappingSetVersion,
    Org,
    Run,
    Sandbox,
    ScopedRecord,
    SourceConnection,
    TargetConnection,
    XdmResource,
)

__all__ = [
    "ApiClient",
    "Base",
    "Batch",
    "Connection",
    "Database",
    "Dataset",
    "Descriptor",
    "Flow",
    "IngestedFile",
    "MappingSet",
    "MappingSetVersion",
    "Org",
    "Run",
    "Sandbox",
    "ScopedRecord",
    "SourceConnection",
    "TargetConnection",
    "XdmResource",
]

from headwater.store.scoped import Scope, find, get, stamp

__all__ += ["Scope", "find", "get", "stamp"]
