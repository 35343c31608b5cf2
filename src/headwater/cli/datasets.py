"""``headwater datasets preview|vacuum`` and ``headwater sql``: datasets in the lake.

Both read the same ``Settings`` as the server (``HEADWATER_DATA_DIR`` or ``--data-dir``) and
print a table; nested fields become dotted columns (``person.name.firstName``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from headwater.errors import HeadwaterError
from headwater.settings import Settings

if TYPE_CHECKING:
    from headwater.store import Database, Scope

datasets_app = typer.Typer(help="Datasets: read back what batches wrote.", no_args_is_help=True)

DataDir = Annotated[Path | None, typer.Option(help="Data directory (HEADWATER_DATA_DIR).")]
OrgOption = Annotated[
    str | None, typer.Option("--org", help="Organisation id (default: the store's only one).")
]
SandboxOption = Annotated[str, typer.Option("--sandbox", help="Sandbox name.")]


def register(app: typer.Typer) -> None:
    """Add ``datasets`` and ``sql`` to the ``headwater`` command."""
    app.add_typer(datasets_app, name="datasets")
    app.command("sql")(sql)


@datasets_app.command("preview")
def preview(
    dataset_id: Annotated[str, typer.Argument(help="The dataset's id.")],
    org: OrgOption = None,
    sandbox: SandboxOption = "prod",
    limit: Annotated[int, typer.Option(min=0, help="Rows to show.")] = 100,
    data_dir: DataDir = None,
) -> None:
    """Print the first rows of a dataset."""
    from headwater.services import data_access

    try:
        with _context(data_dir, org, sandbox) as (settings, db, scope):
            rows = data_access.preview_dataset(db, settings, scope, dataset_id, limit=limit)
    except HeadwaterError as error:
        _fail(error)
    _print_rows(rows, [], title=f"dataset {dataset_id}")


@datasets_app.command("vacuum")
def vacuum(
    org: OrgOption = None,
    sandbox: SandboxOption = "prod",
    older_than_hours: Annotated[
        int, typer.Option(min=1, help="Only files at least this old (a write may be running).")
    ] = 24,
    dry_run: Annotated[bool, typer.Option(help="List the files without deleting them.")] = False,
    data_dir: DataDir = None,
) -> None:
    """Delete data files no commit refers to (left by runs that did not commit)."""
    from headwater.services import data_access

    try:
        with _context(data_dir, org, sandbox) as (settings, db, scope):
            removed = data_access.remove_orphan_files(
                db, settings, scope, older_than_hours=older_than_hours, dry_run=dry_run
            )
    except HeadwaterError as error:
        _fail(error)
    verb = "would remove" if dry_run else "removed"
    for dataset_id, files in removed.items():
        typer.echo(f"{dataset_id}: {verb} {len(files)} file(s)")
        for name in files:
            typer.echo(f"  {name}")


def sql(
    query: Annotated[
        str,
        typer.Argument(
            help='One SELECT. Datasets are views named by id (quote it: "5f0c…") and by table '
            "name (their adobe/pqs/table tag: Leads 2024 → leads_2024)."
        ),
    ],
    org: OrgOption = None,
    sandbox: SandboxOption = "prod",
    data_dir: DataDir = None,
) -> None:
    """Run DuckDB SQL over a sandbox's datasets and print the result."""
    from headwater.services import data_access

    try:
        with _context(data_dir, org, sandbox) as (settings, db, scope):
            result = data_access.run_sql(db, settings, scope, query)
    except HeadwaterError as error:
        _fail(error)
    _print_rows(result.rows, result.columns, title=None)


@contextmanager
def _context(
    data_dir: Path | None, org: str | None, sandbox: str
) -> Iterator[tuple[Settings, Database, Scope]]:
    from headwater.services.data_access import local_scope
    from headwater.store import Database
    from headwater.store.migrate import upgrade

    settings = Settings(data_dir=data_dir) if data_dir else Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.resolved_database_url)
    db = Database(settings.resolved_database_url)
    try:
        yield settings, db, local_scope(db, org, sandbox)
    finally:
        db.dispose()


def _fail(error: HeadwaterError) -> NoReturn:
    typer.echo(f"error: {error.message}", err=True)
    raise typer.Exit(code=1)


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects as dotted keys: ``{"a": {"b": 1}}`` → ``{"a.b": 1}``."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            out.update(flatten(value, f"{name}."))
        else:
            out[name] = value
    return out


def _print_rows(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], *, title: str | None
) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    flat = [flatten(row) for row in rows]
    names = list(dict.fromkeys(key for row in flat for key in row)) or list(columns)
    table = Table(*names, title=title)
    for row in flat:
        table.add_row(*(Text(_cell(row.get(name))) for name in names))
    console = Console()
    console.print(table)
    console.print(f"{len(flat)} row{'s' if len(flat) != 1 else ''}", highlight=False)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, default=str)
