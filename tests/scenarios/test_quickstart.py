"""The README quickstart, run as a newcomer would: ``scripts/quickstart.sh`` against a server."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.live_server import running_server, server_env

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).with_name("headwater")


@pytest.mark.skipif(shutil.which("curl") is None, reason="the quickstart calls the API with curl")
def test_the_quickstart_ingests_its_csv_into_a_dataset(tmp_path: Path) -> None:
    with running_server(tmp_path / "server") as server:
        env = server_env(server.data_dir)
        env.update(
            HEADWATER_URL=server.base_url,
            HEADWATER=str(CLI),
            TMPDIR=str(tmp_path),
            PATH=os.environ["PATH"],
        )
        done = subprocess.run(
            ["bash", str(ROOT / "scripts" / "quickstart.sh")],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    status = next(line for line in lines if line.startswith("success"))
    assert "'outputRecordCount': 2" in status
    preview = json.loads(next(line for line in lines if line.startswith('{"data"')))
    assert preview["data"] == [
        {"_id": "1", "person": {"name": {"firstName": "Ada", "lastName": "Lovelace"}}},
        {"_id": "2", "person": {"name": {"firstName": "Alan", "lastName": "Turing"}}},
    ]
    assert "Ada" in done.stdout.split('{"data"')[1] and "2 rows" in done.stdout
