"""``headwater landing-zone upload|list`` over a real data directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from headwater.cli import app
from headwater.services import tenancy
from headwater.services.data_access import local_scope
from headwater.settings import Settings
from headwater.store import Database
from headwater.store.migrate import upgrade

runner = CliRunner()
ORG = "ACME@AdobeOrg"


def invoke(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250"})
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    settings = Settings(data_dir=tmp_path / "hw")
    settings.data_dir.mkdir(parents=True)
    upgrade(settings.resolved_database_url)
    db = Database(settings.resolved_database_url)
    try:
        tenancy.create_credentials(db, ORG)
        tenancy.create_sandbox(db, ORG, "dev")
    finally:
        db.dispose()
    return settings.data_dir


def container(data_dir: Path, sandbox: str = "prod") -> Path:
    settings = Settings(data_dir=data_dir)
    db = Database(settings.resolved_database_url)
    try:
        scope = local_scope(db, ORG, sandbox)
    finally:
        db.dispose()
    return settings.landing_zone_dir / ORG / scope.sandbox_id / "dlz-user-container"


def test_upload_copies_files_and_prints_their_source_paths(data_dir, tmp_path):
    first, second = tmp_path / "data8.csv", tmp_path / "leads.tsv"
    first.write_text("Id\n1\n")
    second.write_text("Id\tName\n1\tAda\n")
    out = invoke("landing-zone", "upload", str(first), str(second), "--data-dir", str(data_dir))
    assert out.split() == ["dlz-user-container/data8.csv", "dlz-user-container/leads.tsv"]
    assert (container(data_dir) / "data8.csv").read_text() == "Id\n1\n"
    assert list((container(data_dir).parent / ".incoming").iterdir()) == []


def test_upload_into_a_folder_of_another_sandbox(data_dir, tmp_path):
    source = tmp_path / "a.csv"
    source.write_text("x\n")
    out = invoke(
        "landing-zone",
        "upload",
        str(source),
        "--org",
        ORG,
        "--sandbox",
        "dev",
        "--path",
        "/campaigns/2024/",
        "--data-dir",
        str(data_dir),
    )
    assert out.strip() == "dlz-user-container/campaigns/2024/a.csv"
    assert (container(data_dir, "dev") / "campaigns" / "2024" / "a.csv").exists()
    assert not container(data_dir).exists() or not any(container(data_dir).iterdir())


def test_list_shows_the_files(data_dir, tmp_path):
    assert "0 files" in invoke("landing-zone", "list", "--data-dir", str(data_dir))
    source = tmp_path / "a.csv"
    source.write_text("x\n")
    invoke("landing-zone", "upload", str(source), "--path", "in", "--data-dir", str(data_dir))
    out = invoke("landing-zone", "list", "--org", ORG, "--data-dir", str(data_dir))
    assert "dlz-user-container/in/a.csv" in out
    assert "1 file" in out


def test_errors_are_reported_without_a_traceback(data_dir, tmp_path):
    source = tmp_path / "a.csv"
    source.write_text("x\n")
    out = invoke(
        "landing-zone",
        "upload",
        str(source),
        "--path",
        "../..",
        "--data-dir",
        str(data_dir),
        code=1,
    )
    assert "error:" in out
    out = invoke("landing-zone", "list", "--sandbox", "nope", "--data-dir", str(data_dir), code=1)
    assert "error:" in out
    invoke(
        "landing-zone", "upload", str(tmp_path / "missing.csv"), "--data-dir", str(data_dir), code=2
    )
