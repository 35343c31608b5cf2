"""``headwater landing-zone upload|list``: a sandbox's Data Landing Zone container, locally.

The commands read the same ``Settings`` as the server (``HEADWATER_DATA_DIR`` or ``--data-dir``)
and write where flows read: an uploaded file is used with the source path it prints
(``dlz-user-container/<name>``). Uploads are atomic, as over the API.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from headwater.errors import HeadwaterError
from headwater.settings import Settings

if TYPE_CHECKING:
    from headwater.store import Scope

app = typer.Typer(help="The Data Landing Zone: files that flows read.", no_args_is_help=True)

DataDir = Annotated[Path | None, typer.Option(help="Data directory (HEADWATER_DATA_DIR).")]
OrgOption = Annotated[
    str | None, typer.Option("--org", help="Organisation id (default: the store's only one).")
]
SandboxOption = Annotated[str, typer.Option("--sandbox", help="Sandbox name.")]


@app.command("upload")
def upload(
    files: Annotated[
        list[Path],
        typer.Argument(exists=True, dir_okay=False, readable=True, help="Files to upload."),
    ],
    org: OrgOption = None,
    sandbox: SandboxOption = "prod",
    path: Annotated[
        str, typer.Option("--path", help="Folder inside the container (default: its top).")
    ] = "",
    data_dir: DataDir = None,
) -> None:
    """Copy files into the sandbox's container; print the source path of each."""
    from headwater.services import landing_zone

    folder = "/".join(part for part in path.split("/") if part)
    try:
        with _context(data_dir, org, sandbox) as (settings, scope):
            for file in files:
                target = f"{folder}/{file.name}" if folder else file.name
                stored = landing_zone.store_file(settings, scope, file, target)
                typer.echo(stored.path)
    except HeadwaterError as error:
        _fail(error)


@app.command("list")
def list_files(
    org: OrgOption = None,
    sandbox: SandboxOption = "prod",
    data_dir: DataDir = None,
) -> None:
    """Print the files of the sandbox's container (source path, size, upload time)."""
    from rich.console import Console
    from rich.table import Table

    from headwater.services import landing_zone

    try:
        with _context(data_dir, org, sandbox) as (settings, scope):
            stored = landing_zone.list_files(settings, scope)
    except HeadwaterError as error:
        _fail(error)
    table = Table("path", "size", "modified")
    for item in stored:
        when = datetime.fromtimestamp(item.modified, UTC).isoformat(timespec="seconds")
        table.add_row(item.path, str(item.size), when)
    console = Console()
    console.print(table)
    console.print(f"{len(stored)} file{'s' if len(stored) != 1 else ''}", highlight=False)


@contextmanager
def _context(
    data_dir: Path | None, org: str | None, sandbox: str
) -> Iterator[tuple[Settings, Scope]]:
    from headwater.services.data_access import local_scope
    from headwater.store import Database
    from headwater.store.migrate import upgrade

    settings = Settings(data_dir=data_dir) if data_dir else Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.resolved_database_url)
    db = Database(settings.resolved_database_url)
    try:
        scope = local_scope(db, org, sandbox)
    finally:
        db.dispose()
    yield settings, scope


def _fail(error: HeadwaterError) -> NoReturn:
    typer.echo(f"error: {error.message}", err=True)
    raise typer.Exit(code=1)
