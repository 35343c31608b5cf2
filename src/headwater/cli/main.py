"""``headwater`` sub-commands. Every command reads the same ``Settings`` as the server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from headwater.cli.datasets import register as register_datasets
from headwater.cli.landing_zone import app as landing_zone_app
from headwater.errors import HeadwaterError
from headwater.settings import Settings

app = typer.Typer(
    help="headwater: self-hostable ingestion with the platform's APIs.",
    pretty_exceptions_enable=False,
    no_args_is_help=True,
)
credentials_app = typer.Typer(help="API clients (client id + secret) of an organisation.")
sandboxes_app = typer.Typer(help="Sandboxes of an organisation.")
app.add_typer(credentials_app, name="credentials")
app.add_typer(sandboxes_app, name="sandboxes")
app.add_typer(landing_zone_app, name="landing-zone")

DataDir = Annotated[Path | None, typer.Option(help="Data directory (HEADWATER_DATA_DIR).")]


def _settings(data_dir: Path | None = None) -> Settings:
    return Settings(data_dir=data_dir) if data_dir else Settings()


def _database(settings: Settings):  # type: ignore[no-untyped-def]
    from headwater.store import Database
    from headwater.store.migrate import upgrade

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.resolved_database_url)
    return Database(settings.resolved_database_url)


def _fail(error: HeadwaterError) -> None:
    typer.echo(f"error: {error.message}", err=True)
    raise typer.Exit(code=1)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Listen address.")] = None,
    port: Annotated[int | None, typer.Option(help="Listen port.")] = None,
    data_dir: DataDir = None,
) -> None:
    """Migrate the metadata store and serve the API (embedded defaults: SQLite, local lake)."""
    import uvicorn

    from headwater.api.app import create_app
    from headwater.runtime import LocalRuntime
    from headwater.scheduler import Scheduler
    from headwater.services.keys import load_keys

    settings = _settings(data_dir)
    db = _database(settings)
    background = []
    if settings.scheduler_enabled:
        background.append(Scheduler(db, settings, load_keys(settings), LocalRuntime()))
    app_ = create_app(settings, db=db, background=background)
    uvicorn.run(
        app_, host=host or settings.host, port=port or settings.port, log_level=settings.log_level
    )


@app.command()
def migrate(data_dir: DataDir = None) -> None:
    """Upgrade the metadata database to the newest schema."""
    settings = _settings(data_dir)
    _database(settings).dispose()
    typer.echo(f"database at head: {_redact(settings.resolved_database_url)}")


@credentials_app.command("create")
def credentials_create(
    org: Annotated[str, typer.Option("--org", help="Organisation id, e.g. ACME@AdobeOrg.")],
    name: Annotated[str, typer.Option(help="A label for the client.")] = "default",
    data_dir: DataDir = None,
) -> None:
    """Create an API client; creates the org, its tenant id and its prod sandbox if new."""
    from headwater.services import tenancy

    try:
        creds = tenancy.create_credentials(_database(_settings(data_dir)), org, name=name)
    except HeadwaterError as error:
        _fail(error)
    typer.echo(
        json.dumps(
            {
                "org_id": creds.org_id,
                "client_id": creds.client_id,
                "client_secret": creds.client_secret,
            }
        )
    )


@sandboxes_app.command("create")
def sandboxes_create(
    org: Annotated[str, typer.Option("--org", help="Organisation id.")],
    name: Annotated[str, typer.Option("--name", help="Sandbox name (lower-case).")],
    data_dir: DataDir = None,
) -> None:
    """Create a development sandbox in an existing organisation."""
    from headwater.services import tenancy

    try:
        sandbox = tenancy.create_sandbox(_database(_settings(data_dir)), org, name)
    except HeadwaterError as error:
        _fail(error)
    typer.echo(json.dumps({"id": sandbox.id, "name": sandbox.name, "org_id": sandbox.org_id}))


@app.command()
def token(
    org: Annotated[str, typer.Option("--org", help="Organisation id.")],
    client_id: Annotated[
        str | None, typer.Option(help="Client id (default: the org's first).")
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Print a bearer token for local use (no secret needed: this reads the local store)."""
    from headwater.services import tenancy
    from headwater.services.auth import mint_token
    from headwater.services.keys import load_keys

    settings = _settings(data_dir)
    try:
        client = tenancy.client_of(_database(settings), org, client_id)
    except HeadwaterError as error:
        _fail(error)
    typer.echo(mint_token(load_keys(settings), org, client, settings.token_ttl_seconds))


def _redact(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        rest = "***@" + rest.split("@", 1)[1]
    return scheme + sep + rest


register_datasets(app)
