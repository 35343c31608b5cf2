"""``headwater datasets preview`` and ``headwater sql`` over a real data directory."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from typer.testing import CliRunner

from headwater import clock, ids, lake
from headwater.cli import app
from headwater.services import tenancy
from headwater.services.data_access import local_scope
from headwater.services.data_access.common import table_of
from headwater.settings import Settings
from headwater.store import Database, Dataset, Scope, stamp
from headwater.store.migrate import upgrade

runner = CliRunner()
ORG = "ACME@AdobeOrg"
XDM = pa.schema(
    [
        ("_id", pa.string()),
        ("person", pa.struct([("name", pa.struct([("firstName", pa.string())]))])),
        ("score", pa.float64()),
    ]
)


def invoke(*args: str, code: int = 0, **env: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250", **env})
    assert result.exit_code == code, result.output
    return result.output


def add_dataset(db: Database, settings: Settings, scope: Scope, name: str, n: int) -> str:
    dataset_id = ids.new_catalog_id()
    body = {"name": name, "tags": {"adobe/pqs/table": [name.lower().replace(" ", "_")]}}
    with db.transaction() as session:
        record = Dataset(id=dataset_id, name=name, schema_id=None, body=body)
        stamp(record, scope, now=clock.now_ms(), etag=ids.new_etag())
        session.add(record)
    if n:
        rows = [
            {"_id": f"id-{i}", "person": {"name": {"firstName": f"First{i}"}}, "score": float(i)}
            for i in range(n)
        ]
        batch = lake.add_system_columns(
            pa.RecordBatch.from_pylist(rows, schema=XDM), source_file="in.csv", first_row=0
        )
        lake.commit_batch(
            table_of(settings, scope, dataset_id),
            lake.table_schema(XDM),
            [batch],
            batch_id=ids.new_catalog_id(),
        )
    return dataset_id


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "hw"


@pytest.fixture
def datasets(data_dir: Path) -> dict[str, str]:
    settings = Settings(data_dir=data_dir)
    settings.data_dir.mkdir(parents=True)
    upgrade(settings.resolved_database_url)
    db = Database(settings.resolved_database_url)
    try:
        tenancy.create_credentials(db, ORG)
        scope = local_scope(db, ORG, "prod")
        return {
            "leads": add_dataset(db, settings, scope, "Leads EU", 12),
            "empty": add_dataset(db, settings, scope, "Nothing Yet", 0),
        }
    finally:
        db.dispose()


def test_preview_prints_nested_fields_as_dotted_columns(data_dir, datasets):
    out = invoke(
        "datasets", "preview", datasets["leads"], "--org", ORG, "--data-dir", str(data_dir)
    )
    for text in ("_id", "person.name.firstName", "score", "id-0", "First11", "12 rows"):
        assert text in out
    assert "_hw_batch_id" not in out


def test_preview_limit_and_the_only_org(data_dir, datasets):
    out = invoke(
        "datasets", "preview", datasets["leads"], "--limit", "2", "--data-dir", str(data_dir)
    )
    assert "2 rows" in out
    assert "First2" not in out


def test_preview_of_an_unwritten_dataset(data_dir, datasets):
    assert "0 rows" in invoke("datasets", "preview", datasets["empty"], "--data-dir", str(data_dir))


def test_preview_errors(data_dir, datasets):
    out = invoke(
        "datasets", "preview", "000000000000000000000000", "--data-dir", str(data_dir), code=1
    )
    assert "error:" in out and "not found" in out
    out = invoke(
        "datasets",
        "preview",
        datasets["leads"],
        "--sandbox",
        "dev",
        "--data-dir",
        str(data_dir),
        code=1,
    )
    assert "Sandbox dev does not exist" in out
    tenancy_db = Database(Settings(data_dir=data_dir).resolved_database_url)
    try:
        tenancy.create_credentials(tenancy_db, "OTHER@AdobeOrg")
    finally:
        tenancy_db.dispose()
    out = invoke("datasets", "preview", datasets["leads"], "--data-dir", str(data_dir), code=1)
    assert "--org" in out


def test_sql_by_table_name_and_by_quoted_id(data_dir, datasets):
    out = invoke(
        "sql", "SELECT count(*) AS n, max(score) AS top FROM leads_eu", "--data-dir", str(data_dir)
    )
    assert "12" in out and "11.0" in out and "1 row" in out
    out = invoke(
        "sql",
        f'SELECT _id FROM "{datasets["leads"]}" ORDER BY score LIMIT 2',
        "--org",
        ORG,
        "--sandbox",
        "prod",
        "--data-dir",
        str(data_dir),
    )
    assert "id-0" in out and "id-1" in out and "id-2" not in out and "2 rows" in out


def test_sql_flattens_structs_and_prints_values_literally(data_dir, datasets):
    out = invoke(
        "sql",
        "SELECT person, '[bold]x[/bold]' AS markup FROM leads_eu LIMIT 1",
        "--data-dir",
        str(data_dir),
    )
    assert "person.name.firstName" in out
    assert "[bold]x[/bold]" in out


def test_sql_errors_are_reported(data_dir, datasets):
    out = invoke("sql", "SELECT * FROM nothing_yet", "--data-dir", str(data_dir), code=1)
    assert out.startswith("error:")  # unwritten datasets are not registered
    out = invoke(
        "sql", "SELECT * FROM read_csv('/etc/passwd')", "--data-dir", str(data_dir), code=1
    )
    assert "error:" in out


def test_sql_reads_the_data_dir_from_the_environment(data_dir, datasets):
    out = invoke("sql", "SELECT count(*) AS n FROM leads_eu", HEADWATER_DATA_DIR=str(data_dir))
    assert "12" in out


def test_vacuum_lists_then_removes_old_unreferenced_files(data_dir, datasets):
    settings = Settings(data_dir=data_dir)
    db = Database(settings.resolved_database_url)
    try:
        uri = table_of(settings, local_scope(db, ORG, "prod"), datasets["leads"])
    finally:
        db.dispose()
    orphan = Path(uri) / "part-99999-left-by-a-killed-run.snappy.parquet"
    orphan.write_bytes(b"PAR1")
    two_days_ago = time.time() - 48 * 3600
    os.utime(orphan, (two_days_ago, two_days_ago))

    out = invoke("datasets", "vacuum", "--dry-run", "--data-dir", str(data_dir))
    assert f"{datasets['leads']}: would remove 1 file(s)" in out and orphan.name in out
    assert orphan.exists()
    out = invoke("datasets", "vacuum", "--data-dir", str(data_dir))
    assert f"{datasets['leads']}: removed 1 file(s)" in out
    assert not orphan.exists()
    assert "12 rows" in invoke(
        "datasets", "preview", datasets["leads"], "--data-dir", str(data_dir)
    )
