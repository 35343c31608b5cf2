"""The ``headwater`` command against a real data directory."""

from __future__ import annotations

import json
import stat

import jwt
from typer.testing import CliRunner

from headwater.cli import app

runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_credentials_sandboxes_and_token(tmp_path):
    data = str(tmp_path / "hw")
    creds = json.loads(
        invoke("credentials", "create", "--org", "ACME@AdobeOrg", "--data-dir", data)
    )
    assert creds["org_id"] == "ACME@AdobeOrg"
    assert len(creds["client_id"]) == 32 and creds["client_secret"].startswith("p8e-")
    sandbox = json.loads(
        invoke("sandboxes", "create", "--org", "ACME@AdobeOrg", "--name", "dev", "--data-dir", data)
    )
    assert sandbox["name"] == "dev"
    token = invoke("token", "--org", "ACME@AdobeOrg", "--data-dir", data).strip()
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["org"] == "ACME@AdobeOrg" and claims["sub"] == creds["client_id"]


def test_keys_are_private_files(tmp_path):
    data = tmp_path / "hw"
    invoke("credentials", "create", "--org", "K@AdobeOrg", "--data-dir", str(data))
    invoke("token", "--org", "K@AdobeOrg", "--data-dir", str(data))
    assert stat.S_IMODE((data / "keys").stat().st_mode) == 0o700
    for name in ("signing.key", "credentials.key"):
        mode = stat.S_IMODE((data / "keys" / name).stat().st_mode)
        assert mode == 0o600, name


def test_errors_are_reported_without_a_traceback(tmp_path):
    result = runner.invoke(
        app,
        [
            "sandboxes",
            "create",
            "--org",
            "nobody@AdobeOrg",
            "--name",
            "dev",
            "--data-dir",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 1
    assert "does not exist" in result.output
    result = runner.invoke(
        app,
        [
            "sandboxes",
            "create",
            "--org",
            "nobody@AdobeOrg",
            "--name",
            "Bad Name",
            "--data-dir",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 1


def test_migrate_reports_the_database(tmp_path):
    assert "database at head" in invoke("migrate", "--data-dir", str(tmp_path))


def test_settings_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("HEADWATER_DATA_DIR", str(tmp_path / "env-dir"))
    invoke("credentials", "create", "--org", "E@AdobeOrg")
    assert (tmp_path / "env-dir" / "headwater.db").exists()
