"""A run's ``metrics`` and ``activities`` in the platform's shape (reference §2.11.1)."""

from __future__ import annotations

from typing import Any

from headwater.engine import RunOutcome

EXPORT = "/data/foundation/export/batches"


def run_metrics(
    outcome: RunOutcome, *, started: int, completed: int, batch_id: str
) -> dict[str, Any]:
    failed_files = [f for f in outcome.files if f.failed]
    errors = (
        [{"code": outcome.error_code, "message": outcome.error_message}]
        if outcome.error_code
        else []
    )
    errors += [
        {"code": f.error_code, "message": f"{f.file.path}: {f.error_message}"}
        for f in failed_files
        if outcome.error_code is None or len(failed_files) > 1
    ]
    status = "success" if outcome.error_code is None else "failed"
    return {
        "durationSummary": {"startedAtUTC": started, "completedAtUTC": completed},
        "sizeSummary": {"inputBytes": outcome.bytes_read, "outputBytes": outcome.output_bytes},
        "recordSummary": {
            "inputRecordCount": outcome.records_read,
            "outputRecordCount": outcome.records_written,
            "failedRecordCount": outcome.records_failed,
            "skippedRecordCount": 0,
        },
        "fileSummary": {
            "inputFileCount": len(outcome.files),
            "outputFileCount": outcome.output_files,
            "failedFileCount": len(failed_files),
            "skippedFileCount": 0,
            "extensions": {"manifest": {"fileInfo": f"{EXPORT}/{batch_id}/meta?path=input_files"}},
        },
        "statusSummary": {
            "status": status,
            "errors": errors,
            "extensions": _status_extensions(outcome, batch_id),
        },
    }


def _status_extensions(outcome: RunOutcome, batch_id: str) -> dict[str, Any]:
    if outcome.row_errors_path is None:
        return {}
    return {
        "manifest": {"failedRecords": f"{EXPORT}/{batch_id}/meta?path=row_errors"},
        "errors": [
            {
                "code": "INGEST-1212-400",
                "message": "Rows were rejected",
                "recordCount": outcome.records_failed,
            }
        ],
    }


def activities(
    metrics: dict[str, Any], *, source_id: str, target_id: str, batch_id: str, completed: int
) -> list[dict[str, Any]]:
    """The copy and promotion activities whose values roll up into ``metrics``."""
    common = {
        k: metrics[k]
        for k in ("durationSummary", "sizeSummary", "recordSummary", "fileSummary", "statusSummary")
    }
    source = [{"id": source_id, "type": "SourceConnection"}]
    target = [
        {
            "id": target_id,
            "type": "TargetConnection",
            "reference": {"type": "Batch", "ids": [batch_id]},
        }
    ]
    return [
        {
            "id": "copyActivity",
            "updatedAtUTC": completed,
            **common,
            "sourceInfo": source,
            "targetInfo": target,
        },
        {
            "id": "promotionActivity",
            "updatedAtUTC": completed,
            **common,
            "sourceInfo": source,
            "targetInfo": target,
        },
    ]


def queued_metrics(status: str) -> dict[str, Any]:
    return {"statusSummary": {"status": status, "errors": []}}
