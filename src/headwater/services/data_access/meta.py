"""A batch's meta directory and failed files: ``/batches/{batchId}/meta`` and ``/failed``.

The meta directory of a batch holds ``input_files/`` (one entry per file its run read),
``row_errors/`` (its row-error files) and ``row_errors_sample.json`` (the first 100 row errors;
``row_error_samples.json``, the name run manifests use, is the same file). ``path`` selects a
directory (a listing) or a file (a download); only listed names resolve, so a path cannot
reach anything else.
"""

from __future__ import annotations

import json
from typing import Final

from headwater.errors import NotFound
from headwater.services import catalog
from headwater.services.data_access import diagnostics as diag
from headwater.services.data_access.common import EXPORT, Doc, Download, Entry, Page, listing
from headwater.settings import Settings
from headwater.store import Database, Scope

INPUT_FILES: Final = "input_files"
ROW_ERRORS: Final = "row_errors"
SAMPLE: Final = "row_errors_sample.json"
SAMPLE_NAMES: Final = frozenset({SAMPLE, "row_error_samples.json"})


def batch_meta(
    db: Database,
    settings: Settings,
    scope: Scope,
    batch_id: str,
    *,
    path: str | None = None,
    page: Page | None = None,
) -> Doc | Download:
    """The batch's meta directory, one of its sub-directories, or one of its files.

    Raises:
        NotFound: no such batch in the caller's sandbox, or nothing at ``path``.
        BadRequest: ``page`` is out of bounds.
    """
    batch = catalog.get_batch(db, scope, batch_id)
    page = page or Page()
    base = f"{EXPORT}/batches/{batch_id}/meta"
    wanted = (path or "").rstrip("/")
    if wanted in SAMPLE_NAMES:
        return diag.json_download(wanted, diag.row_error_sample(settings, batch_id))
    head, _, rest = wanted.partition("/")
    if head == INPUT_FILES:
        files = diag.input_files(db, scope, batch_id, batch)
        if not rest:
            return listing(
                diag.input_file_entries(files),
                page,
                base=base,
                query={"path": INPUT_FILES},
                prefix=f"{INPUT_FILES}/",
            )
        return diag.input_file_download(files, rest)
    if head == ROW_ERRORS:
        if not rest:
            return listing(
                diag.row_error_files(settings, batch_id),
                page,
                base=base,
                query={"path": ROW_ERRORS},
                prefix=f"{ROW_ERRORS}/",
            )
        return diag.row_errors_download(settings, batch_id, rest)
    if wanted:
        raise NotFound(
            f"Batch {batch_id} has no meta file {path!r}", resource_type="files", resource_id=path
        )
    return listing(_root(db, settings, scope, batch_id, batch), page, base=base)


def failed_files(
    db: Database,
    settings: Settings,
    scope: Scope,
    batch_id: str,
    *,
    path: str | None = None,
    page: Page | None = None,
) -> Doc | Download:
    """The batch's row-error files, or with ``path`` one of them (JSON Lines).

    Raises:
        NotFound: no such batch in the caller's sandbox, or no row-error file ``path``.
        BadRequest: ``page`` is out of bounds.
    """
    catalog.get_batch(db, scope, batch_id)
    if path is None:
        return listing(
            diag.row_error_files(settings, batch_id),
            page or Page(),
            base=f"{EXPORT}/batches/{batch_id}/failed",
        )
    return diag.row_errors_download(settings, batch_id, path)


def _root(db: Database, settings: Settings, scope: Scope, batch_id: str, batch: Doc) -> list[Entry]:
    inputs = diag.input_file_entries(diag.input_files(db, scope, batch_id, batch))
    errors = diag.row_error_files(settings, batch_id)
    sample = json.dumps(diag.row_error_sample(settings, batch_id)).encode()
    return [
        Entry(INPUT_FILES, sum(e.length for e in inputs)),
        Entry(ROW_ERRORS, sum(e.length for e in errors)),
        Entry(SAMPLE, len(sample)),
    ]
