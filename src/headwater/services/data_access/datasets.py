"""Reading datasets back: a preview of their rows, and SQL over a sandbox's datasets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from headwater import lake
from headwater.errors import BadRequest
from headwater.services import catalog
from headwater.services.catalog.dataset_body import TABLE_TAG, table_name
from headwater.services.data_access.common import Doc, lake_options, table_of
from headwater.settings import Settings
from headwater.store import Database, Dataset, Scope, find

PREVIEW_ROWS: Final = 100


@dataclass(frozen=True)
class QueryResult:
    """A query's columns and its rows as JSON-ready dicts (nulls kept)."""

    columns: list[str]
    rows: list[dict[str, Any]]


def preview_dataset(
    db: Database, settings: Settings, scope: Scope, dataset_id: str, *, limit: int = PREVIEW_ROWS
) -> list[Doc]:
    """The first ``limit`` rows of the dataset as nested objects, without system columns.

    A dataset no batch has written to yet previews as no rows.

    Raises:
        NotFound: no such dataset in the caller's sandbox.
        BadRequest: ``limit`` is negative.
    """
    if limit < 0:
        raise BadRequest(f"limit must not be negative, got {limit}")
    catalog.get_dataset(db, scope, dataset_id)
    try:
        rows: list[Doc] = lake.preview(
            table_of(settings, scope, dataset_id),
            limit=limit,
            storage_options=lake_options(settings),
        )
    except lake.TableNotFound:
        return []
    return rows


def sql_name(dataset: Doc) -> str:
    """The name SQL knows a dataset by: its Query Service table name.

    That is the ``adobe/pqs/table`` tag Catalog gives every dataset (``"Leads 2024 (EU)"`` →
    ``leads_2024_eu``), else the dataset's name normalised the same way.
    """
    tagged = (dataset.get("tags") or {}).get(TABLE_TAG) or []
    return str(tagged[0]) if tagged else table_name(str(dataset.get("name", "")))


def sql_tables(db: Database, settings: Settings, scope: Scope) -> dict[str, str]:
    """View name -> table URI for every written dataset of the sandbox.

    Each dataset is registered under its id and, unless another dataset has the same one
    (case-insensitively), under ``sql_name``. Datasets no batch has written to are left out.
    """
    with db.transaction() as session:
        datasets = [(record.id, sql_name(record.body)) for record in find(session, Dataset, scope)]
    tables: dict[str, str] = {}
    named: dict[str, list[tuple[str, str]]] = {}
    for dataset_id, name in datasets:
        uri = table_of(settings, scope, dataset_id)
        if not _written(uri, settings):
            continue
        tables[dataset_id] = uri
        named.setdefault(name.lower(), []).append((name, uri))
    for key, found in named.items():
        if len(found) == 1 and key not in tables:
            tables[found[0][0]] = found[0][1]
    return tables


def run_sql(db: Database, settings: Settings, scope: Scope, sql: str) -> QueryResult:
    """Run one DuckDB query over the sandbox's datasets (see ``sql_tables`` for their names).

    Raises:
        QueryError: the SQL is invalid, names unknown tables or columns, or is not a query.
        LakeUnavailable: storage could not be read.
    """
    tables = sql_tables(db, settings, scope)
    try:
        table = lake.query(sql, tables, storage_options=lake_options(settings))
    except lake.QueryError as error:
        known = ", ".join(f'"{name}"' for name in sorted(tables)) or "none (nothing written yet)"
        raise lake.QueryError(f"{error.message}\nTables: {known}") from error
    rows: list[dict[str, Any]] = lake.to_records(table, keep_nulls=True)
    return QueryResult(columns=list(table.column_names), rows=rows)


def _written(uri: str, settings: Settings) -> bool:
    try:
        lake.open_table(uri, storage_options=lake_options(settings))
    except lake.TableNotFound:
        return False
    return True


def remove_orphan_files(
    db: Database, settings: Settings, scope: Scope, *, older_than_hours: int, dry_run: bool
) -> dict[str, list[str]]:
    """Dataset id -> the unreferenced data files removed from its table (see
    ``lake.remove_orphans``), for every written dataset of the sandbox."""
    with db.transaction() as session:
        ids = [record.id for record in find(session, Dataset, scope)]
    removed: dict[str, list[str]] = {}
    for dataset_id in ids:
        uri = table_of(settings, scope, dataset_id)
        if _written(uri, settings):
            removed[dataset_id] = lake.remove_orphans(
                uri,
                older_than_hours=older_than_hours,
                dry_run=dry_run,
                storage_options=lake_options(settings),
            )
    return removed
