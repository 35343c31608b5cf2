"""What a batch leaves beside its data: its rejected rows and the input files of its run.

Rejected rows are JSON Lines files in ``settings.runs_dir / <batchId> / "row_errors"``
(``headwater.engine.diagnostics`` writes them); the input files are the ``_run.files`` the run
that produced the batch recorded. Only names these listings give can be read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, Final

from headwater.services.data_access.common import JSON_LINES, Doc, Download, Entry, by_name
from headwater.settings import Settings
from headwater.store import Database, Run, Scope, find

SAMPLE_SIZE: Final = 100
CHUNK_SIZE: Final = 1 << 16
_SAFE_ID: Final = re.compile(r"^[A-Za-z0-9_-]+$")
_DIGITS: Final = re.compile(r"(\d+)")


def row_error_files(settings: Settings, batch_id: str) -> list[Entry]:
    """The batch's row-error files (``conversion_errors_0.json``, …) in numeric order."""
    directory = _row_errors_dir(settings, batch_id)
    if directory is None or not directory.is_dir():
        return []
    files = [
        p for p in directory.iterdir() if p.suffix == ".json" and p.is_file() and not p.is_symlink()
    ]
    entries = [Entry(p.name, p.stat().st_size) for p in files]
    return sorted(entries, key=lambda e: _natural(e.name))


def row_errors_download(settings: Settings, batch_id: str, name: str) -> Download:
    """One row-error file as JSON Lines; ``NotFound`` unless ``name`` is listed."""
    entry = by_name(row_error_files(settings, batch_id), name, what="row-error file")
    directory = _row_errors_dir(settings, batch_id)
    assert directory is not None  # the file is listed
    handle = (directory / entry.name).open("rb")
    return Download(entry.name, entry.length, _chunks(handle, entry.length), JSON_LINES)


def row_error_sample(settings: Settings, batch_id: str, *, limit: int = SAMPLE_SIZE) -> list[Doc]:
    """The first ``limit`` row errors of the batch, across its files in order."""
    directory = _row_errors_dir(settings, batch_id)
    sample: list[Doc] = []
    for entry in row_error_files(settings, batch_id):
        assert directory is not None
        sample.extend(_records(directory / entry.name, limit - len(sample)))
        if len(sample) >= limit:
            break
    return sample


def input_files(db: Database, scope: Scope, batch_id: str, batch: Doc) -> list[Doc]:
    """The files the run that produced the batch took (``{path, size, modified, etag}``)."""
    flows = batch.get("tags", {}).get("flowId") or []
    with db.transaction() as session:
        runs = find(session, Run, scope, flow_id=flows[0]) if flows else find(session, Run, scope)
        bodies = [run.body for run in runs]
    mine = [b for b in bodies if (b.get("_run") or {}).get("batchId") == batch_id]
    files = next((b["_run"].get("files") for b in reversed(mine) if b["_run"].get("files")), None)
    return [dict(f) for f in files or [] if isinstance(f, dict) and f.get("path")]


def input_file_entries(files: list[Doc]) -> list[Entry]:
    """Input files listed by their path without a leading ``/``."""
    seen: dict[str, Entry] = {}
    for doc in files:
        name = str(doc["path"]).lstrip("/")
        seen.setdefault(name, Entry(name, int(doc.get("size") or 0)))
    return list(seen.values())


def input_file_download(files: list[Doc], name: str) -> Download:
    """One input file's metadata as a JSON Lines document of ``{path, size, modified, etag}``."""
    by_name(input_file_entries(files), name, what="input file")
    doc = next(f for f in files if str(f["path"]).lstrip("/") == name)
    line = json.dumps({key: doc.get(key) for key in ("path", "size", "modified", "etag")})
    body = (line + "\n").encode()
    return Download(name, len(body), iter([body]), JSON_LINES)


def json_download(name: str, value: Any) -> Download:
    body = json.dumps(value).encode()
    return Download(name, len(body), iter([body]), "application/json")


def _row_errors_dir(settings: Settings, batch_id: str) -> Path | None:
    if not _SAFE_ID.match(batch_id):
        return None
    return settings.runs_dir / batch_id / "row_errors"


def _records(path: Path, limit: int) -> list[Doc]:
    out: list[Doc] = []
    with path.open(encoding="utf-8", errors="replace") as source:
        for line in source:
            if len(out) >= limit:
                break
            try:
                record = json.loads(line)
            except ValueError:  # a line still being written, or a blank one
                continue
            if isinstance(record, dict):
                out.append(record)
    return out


def _chunks(handle: BinaryIO, length: int) -> Iterator[bytes]:
    remaining = length
    with handle:
        while remaining > 0:
            chunk = handle.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk


def _natural(name: str) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in _DIGITS.split(name)]
