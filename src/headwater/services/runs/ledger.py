"""The ledger of ingested file versions: what makes a file version ingest exactly once."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from headwater import clock
from headwater.connectors import FileVersion
from headwater.store import IngestedFile, Scope


def ingested_hashes(session: Session, scope: Scope, flow_id: str) -> frozenset[str]:
    stmt = select(IngestedFile.file_key_hash).where(
        IngestedFile.sandbox_id == scope.sandbox_id, IngestedFile.flow_id == flow_id
    )
    return frozenset(session.scalars(stmt))


def record_ingested(
    session: Session,
    scope: Scope,
    flow_id: str,
    files: Iterable[FileVersion],
    *,
    run_id: str,
    batch_id: str,
) -> None:
    """Add ``files`` to the flow's ledger (in the transaction that marks the run a success)."""
    known = ingested_hashes(session, scope, flow_id)
    now = clock.now_ms()
    for file in files:
        if file.key_hash in known:
            continue
        session.add(
            IngestedFile(
                org_id=scope.org_id,
                sandbox_id=scope.sandbox_id,
                flow_id=flow_id,
                file_key_hash=file.key_hash,
                path=file.path,
                size=file.size,
                modified=file.modified,
                etag=file.etag,
                run_id=run_id,
                batch_id=batch_id,
                ingested_at=now,
            )
        )
