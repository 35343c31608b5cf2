"""A real ``headwater serve`` process on a loopback port, and tenants created through its CLI.

The server runs as a subprocess with its own temporary data directory and the embedded SQLite
store (``HEADWATER_DATABASE_URL`` is removed from its environment), so tests exercise exactly what
a user gets from ``headwater serve``: the real HTTP stack, the CLI and the token endpoint.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import httpx

# Generous: a cold start takes ~3 s, but 15 s was seen on a loaded two-core machine.
READY_TIMEOUT_SECONDS = 120.0  # generous: a busy CI machine starts Python slowly
CLI = "from headwater.cli import main; main()"


class ServerDidNotStartError(RuntimeError):
    pass


@dataclass(frozen=True)
class LiveTenant:
    """An organisation on the live server with an API client and a bearer token."""

    base_url: str
    org_id: str
    client_id: str
    client_secret: str
    token: str
    sandbox: str = "prod"

    def headers(self, **extra: str) -> dict[str, str]:
        """The platform's gateway headers for this tenant (``extra`` adds or overrides)."""
        return {
            "Authorization": f"Bearer {self.token}",
            "x-api-key": self.client_id,
            "x-gw-ims-org-id": self.org_id,
            "x-sandbox-name": self.sandbox,
            **extra,
        }


class LiveServer:
    """A running ``headwater serve`` and its data directory; ``default`` is a ready tenant."""

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        base_url: str,
        data_dir: Path,
        env: dict[str, str],
        stderr: IO[bytes],
    ) -> None:
        self.process = process
        self.base_url = base_url
        self.data_dir = data_dir
        self._env = env
        self._stderr = stderr
        self.default = self.new_tenant()

    # The default tenant's values, so the server object can be used as a tenant directly.
    @property
    def org_id(self) -> str:
        return self.default.org_id

    @property
    def client_id(self) -> str:
        return self.default.client_id

    @property
    def client_secret(self) -> str:
        return self.default.client_secret

    @property
    def token(self) -> str:
        return self.default.token

    def headers(self, **extra: str) -> dict[str, str]:
        return self.default.headers(**extra)

    def new_tenant(self, org_id: str | None = None) -> LiveTenant:
        """Create an organisation and client with the CLI, and get a token over HTTP."""
        org_id = org_id or f"ORG{uuid.uuid4().hex[:12].upper()}@AdobeOrg"
        creds = json.loads(self.cli("credentials", "create", "--org", org_id))
        token = fetch_token(self.base_url, creds["client_id"], creds["client_secret"])
        return LiveTenant(
            self.base_url, creds["org_id"], creds["client_id"], creds["client_secret"], token
        )

    def cli(self, *args: str) -> str:
        """Run ``headwater <args> --data-dir <this server's dir>``; return its stdout."""
        done = subprocess.run(
            [sys.executable, "-c", CLI, *args, "--data-dir", str(self.data_dir)],
            env=self._env,
            cwd=self.data_dir,
            capture_output=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"headwater {' '.join(args)} failed: {done.stderr.decode()}")
        return done.stdout.decode()

    def server_log(self) -> str:
        """What the server printed so far (its tracebacks, for a 5xx)."""
        self._stderr.flush()
        return Path(self._stderr.name).read_text(errors="replace")


def fetch_token(base_url: str, client_id: str, client_secret: str) -> str:
    reply = httpx.post(
        f"{base_url}/ims/token/v3",
        timeout=30,
        data={
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": client_secret,
            "scope": "openid,AdobeID,read_organizations",
        },
    )
    reply.raise_for_status()
    return str(reply.json()["access_token"])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(data_dir: Path) -> dict[str, str]:
    """The caller's environment without headwater settings that would point elsewhere."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEADWATER_")}
    env["HEADWATER_DATA_DIR"] = str(data_dir)
    return env


@contextmanager
def running_server(data_dir: Path, **settings: Any) -> Iterator[LiveServer]:
    """Start ``headwater serve`` on a free port; yield it once it answers; stop it afterwards.

    ``settings`` become ``HEADWATER_<NAME>`` variables (``scheduler_enabled=False``).
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = server_env(data_dir)
    env.update({f"HEADWATER_{name.upper()}": str(value) for name, value in settings.items()})
    command = [
        sys.executable,
        "-c",
        CLI,
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
    ]
    with (data_dir / "server.log").open("w+b") as stderr:
        # cwd is the data dir so a developer's .env in the repository is not read.
        process = subprocess.Popen(command, env=env, cwd=data_dir, stdout=stderr, stderr=stderr)
        try:
            _wait_until_ready(process, base_url, stderr)
            yield LiveServer(process, base_url, data_dir, env, stderr)
        finally:
            _stop(process)


def _wait_until_ready(process: subprocess.Popen[bytes], base_url: str, log: IO[bytes]) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if httpx.get(f"{base_url}/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    log.flush()
    output = Path(log.name).read_text(errors="replace")
    state = f"exited with {process.returncode}" if process.poll() is not None else "still silent"
    raise ServerDidNotStartError(
        f"headwater serve did not answer {base_url}/openapi.json within "
        f"{READY_TIMEOUT_SECONDS:.0f}s ({state}). Its output:\n{output}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
