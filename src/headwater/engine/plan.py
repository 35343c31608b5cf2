"""Plain, picklable descriptions of a run and of its outcome (shipped to any executor)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from headwater.connectors import FileVersion


@dataclass(frozen=True)
class SourcePlan:
    """Where and how to read: the connector, its credentials, the path and the file format."""

    spec_id: str
    auth_params: dict[str, Any] = field(repr=False)  # decrypted secrets: never printed
    path: str
    recursive: bool
    data: dict[str, Any]
    landing_zone_root: str | None = None


@dataclass(frozen=True)
class TargetPlan:
    """Where to write: the dataset's Delta table and its resolved XDM schema."""

    dataset_id: str
    table_uri: str
    resolved_schema: dict[str, Any]
    storage_options: dict[str, str] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class RunPlan:
    """Everything one run needs; built by ``services`` from the metadata store."""

    run_id: str
    flow_id: str
    batch_id: str
    source: SourcePlan
    target: TargetPlan
    mapping: dict[str, Any] | None  # the stored mapping set, or None (XDM-ready Parquet)
    files: tuple[FileVersion, ...]
    work_dir: str
    partial_ingestion_percent: float | None = None
    error_diagnostics: bool = False


@dataclass(frozen=True)
class FileOutcome:
    file: FileVersion
    records_read: int = 0
    records_written: int = 0
    records_failed: int = 0
    bytes_read: int = 0
    error_code: str | None = None
    error_message: str | None = None

    @property
    def failed(self) -> bool:
        return self.error_code is not None


@dataclass(frozen=True)
class RunOutcome:
    """What a run did: per-file results, the commit, and why it failed (if it did)."""

    files: tuple[FileOutcome, ...]
    committed: bool
    commit_version: int | None = None
    output_bytes: int = 0
    output_files: int = 0
    row_errors_path: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    warnings: tuple[str, ...] = ()
    committed_rows: int | None = None  # known from the commit itself (crash recovery)

    @property
    def records_read(self) -> int:
        return sum(f.records_read for f in self.files)

    @property
    def records_written(self) -> int:
        if self.committed_rows is not None:
            return self.committed_rows
        return sum(f.records_written for f in self.files) if self.committed else 0

    @property
    def records_failed(self) -> int:
        return sum(f.records_failed for f in self.files)

    @property
    def bytes_read(self) -> int:
        return sum(f.bytes_read for f in self.files)
