"""Reading a table's Delta log: which commit wrote a batch, and what it added."""

from __future__ import annotations

import json
from typing import Any, Final

import pyarrow.fs as pafs  # type: ignore[import-untyped]
from deltalake import DeltaTable

from headwater.lake.errors import translate, translated
from headwater.lake.table import StorageOptions, filesystem

BATCH_KEY: Final = "headwater.batchId"
APP_PREFIX: Final = "headwater.batch:"


def batch_commit(
    table: DeltaTable, uri: str, batch_id: str, storage_options: StorageOptions
) -> tuple[int, list[dict[str, Any]]] | None:
    """The version and actions of the commit that wrote ``batch_id`` (None: no such commit,
    or it has left the log's retention)."""
    with translated(uri):
        if table.transaction_version(APP_PREFIX + batch_id) is None:
            return None
        latest = table.version()
    fs = filesystem(uri, storage_options=storage_options)
    for version in range(latest, -1, -1):
        actions = log_entry(fs, uri, version)
        if actions is None:
            return None  # the log no longer reaches back that far
        info = commit_info(actions)
        if info.get(BATCH_KEY) == batch_id and info.get("operation") == "WRITE":
            return version, actions
    return None


def has_batch(table: DeltaTable, uri: str, batch_id: str) -> bool:
    with translated(uri):
        return table.transaction_version(APP_PREFIX + batch_id) is not None


def commit_info(actions: list[dict[str, Any]]) -> dict[str, Any]:
    for one in actions:
        if "commitInfo" in one:
            info: dict[str, Any] = one["commitInfo"] or {}
            return info
    return {}


def added_files(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [one["add"] for one in actions if one.get("add")]


def log_entry(fs: pafs.FileSystem, uri: str, version: int) -> list[dict[str, Any]] | None:
    """The actions of commit ``version`` (``None`` if its log file is gone)."""
    path = f"_delta_log/{version:020d}.json"
    try:
        with fs.open_input_stream(path) as stream:
            text = stream.read().decode()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise translate(error, uri) from error
    return [json.loads(line) for line in text.splitlines() if line.strip()]
