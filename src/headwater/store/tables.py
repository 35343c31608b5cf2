"""Tables of the metadata store.

Every tenant resource is a ``ScopedRecord``: it belongs to exactly one (org, sandbox), and every
query in ``store/scoped.py`` filters on both, so ids of another org or sandbox are simply absent.
Columns hold what the store must query or constrain; the rest of a resource stays in ``body``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JsonDoc = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JsonDoc}


class Org(Base):
    __tablename__ = "orgs"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[int] = mapped_column(BigInteger)


class Sandbox(Base):
    __tablename__ = "sandboxes"
    __table_args__ = (UniqueConstraint("org_id", "name"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("orgs.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(256))
    type: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[int] = mapped_column(BigInteger)


class ApiClient(Base):
    __tablename__ = "api_clients"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("orgs.id"), index=True)
    name: Mapped[str] = mapped_column(String(256))
    secret_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[int] = mapped_column(BigInteger)


class ScopedRecord(Base):
    """Columns shared by every resource that lives in one org's sandbox."""

    __abstract__ = True

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    org_id: Mapped[str] = mapped_column(String(128), index=True)
    sandbox_id: Mapped[str] = mapped_column(ForeignKey("sandboxes.id"), index=True)
    created_at: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[int] = mapped_column(BigInteger)
    etag: Mapped[str] = mapped_column(String(64))
    body: Mapped[dict[str, Any]] = mapped_column()


class Connection(ScopedRecord):
    __tablename__ = "connections"

    spec_id: Mapped[str] = mapped_column(String(64))
    # auth.params, Fernet-encrypted as one JSON document; never stored in ``body``.
    auth_ciphertext: Mapped[str | None] = mapped_column(Text, nullable=True)


class SourceConnection(ScopedRecord):
    __tablename__ = "source_connections"

    base_connection_id: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)


class TargetConnection(ScopedRecord):
    __tablename__ = "target_connections"

    base_connection_id: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)


class Flow(ScopedRecord):
    __tablename__ = "flows"

    state: Mapped[str] = mapped_column(String(32))
    # When the scheduler should next start a run (epoch seconds); None: nothing scheduled.
    # Schedulers claim a due flow by moving this value with a conditional UPDATE.
    next_run_at: Mapped[int | None] = mapped_column(BigInteger, index=True, nullable=True)


class Run(ScopedRecord):
    __tablename__ = "runs"

    flow_id: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(32), index=True, server_default="queued")
    # A worker owns an in-progress run while its lease is fresh; an expired lease means the
    # worker died, and another may recover the run.
    lease_owner: Mapped[str | None] = mapped_column(String(64), nullable=True)
    lease_expires_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class IngestedFile(Base):
    """The ledger of file versions a flow has committed: each version is ingested once."""

    __tablename__ = "ingested_files"
    __table_args__ = (UniqueConstraint("flow_id", "file_key_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    org_id: Mapped[str] = mapped_column(String(128))
    sandbox_id: Mapped[str] = mapped_column(String(36), index=True)
    flow_id: Mapped[str] = mapped_column(String(64), index=True)
    file_key_hash: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(BigInteger)
    modified: Mapped[float] = mapped_column()
    etag: Mapped[str | None] = mapped_column(String(256), nullable=True)
    run_id: Mapped[str] = mapped_column(String(64))
    batch_id: Mapped[str] = mapped_column(String(64))
    ingested_at: Mapped[int] = mapped_column(BigInteger)


class XdmResource(ScopedRecord):
    """A tenant schema, field group ("mixins"), data type or class; ``id`` is its ``$id``."""

    __tablename__ = "xdm_resources"
    __table_args__ = (
        UniqueConstraint("sandbox_id", "alt_id"),
        Index("ix_xdm_kind", "sandbox_id", "kind"),
    )

    kind: Mapped[str] = mapped_column(String(16))
    alt_id: Mapped[str] = mapped_column(String(256))
    title: Mapped[str] = mapped_column(String(512))


class Descriptor(ScopedRecord):
    __tablename__ = "xdm_descriptors"

    type: Mapped[str] = mapped_column(String(128))
    source_schema: Mapped[str] = mapped_column(String(512), index=True)


class Dataset(ScopedRecord):
    __tablename__ = "datasets"

    name: Mapped[str] = mapped_column(String(512))
    schema_id: Mapped[str | None] = mapped_column(String(512), nullable=True)


class Batch(ScopedRecord):
    __tablename__ = "batches"

    dataset_id: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)
    status: Mapped[str] = mapped_column(String(32))


class MappingSet(ScopedRecord):
    """A mapping set's identity; its versions live in ``MappingSetVersion``."""

    __tablename__ = "mapping_sets"

    name: Mapped[str | None] = mapped_column(String(512), nullable=True)
    current_version: Mapped[int] = mapped_column(Integer)


class MappingSetVersion(Base):
    __tablename__ = "mapping_set_versions"

    mapping_set_id: Mapped[str] = mapped_column(ForeignKey("mapping_sets.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    body: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[int] = mapped_column(BigInteger)
