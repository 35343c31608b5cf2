"""Live ``headwater serve`` processes with settings of the test's choosing (one or several).

Unlike ``support.live_server`` (one shared server per session), these are started per test, may
share a data directory and database, and may be killed by the test.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx

from headwater.services import tenancy
from headwater.store import Database
from support.flows import Api
from support.live_server import CLI, LiveTenant, fetch_token, free_port, server_env

# A short lease so a killed worker's run is taken over quickly; a fast tick so runs start soon.
FAST = {"run_lease_seconds": 3, "scheduler_tick_seconds": 0.2}


@dataclasses.dataclass(frozen=True)
class Server:
    """A running ``headwater serve`` (its ``process`` may be killed by the test)."""

    process: subprocess.Popen[bytes]
    base_url: str
    data_dir: Path
    database_url: str

    def new_tenant(self) -> LiveTenant:
        """A new organisation: credentials written to the server's store, a token over HTTP.

        (In process rather than through the CLI, which costs a cold interpreter start.)
        """
        org_id = f"ORG{uuid.uuid4().hex[:12].upper()}@AdobeOrg"
        database = Database(self.database_url)
        try:
            creds = tenancy.create_credentials(database, org_id)
        finally:
            database.dispose()
        token = fetch_token(self.base_url, creds.client_id, creds.client_secret)
        return LiveTenant(self.base_url, org_id, creds.client_id, creds.client_secret, token)

    def log(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.data_dir.glob("server-*.log"))


@contextmanager
def serve(data_dir: Path, **settings: Any) -> Iterator[Server]:
    """``headwater serve`` as in ``support.live_server.running_server``, with extra settings.

    ``settings`` become ``HEADWATER_<NAME>`` environment variables of the server, e.g.
    ``serve(path, run_lease_seconds=3)``; ``database_url`` also points the store elsewhere.
    """
    with serve_many(data_dir, 1, **settings) as (server,):
        yield server


@contextmanager
def serve_many(data_dir: Path, count: int, **settings: Any) -> Iterator[tuple[Server, ...]]:
    """``count`` servers on one data directory, started together (migrate the store first)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    env = server_env(data_dir)
    env.update({f"HEADWATER_{name.upper()}": str(value) for name, value in settings.items()})
    database_url = str(
        settings.get("database_url") or f"sqlite:///{(data_dir / 'headwater.db').resolve()}"
    )
    with ExitStack() as stack:
        started = []
        for _ in range(count):
            port = free_port()
            log = stack.enter_context((data_dir / f"server-{port}.log").open("w+b"))
            command = [
                *(sys.executable, "-c", CLI, "serve", "--host", "127.0.0.1", "--port", str(port)),
                *("--data-dir", str(data_dir)),
            ]
            process = subprocess.Popen(command, env=env, cwd=data_dir, stdout=log, stderr=log)
            stack.callback(_stop, process)
            started.append((process, f"http://127.0.0.1:{port}", log.name))
        for process, base_url, log_name in started:
            _wait_until_ready(process, base_url, log_name)
        yield tuple(Server(p, url, data_dir, database_url) for p, url, _ in started)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_until_ready(process: subprocess.Popen[bytes], base_url: str, log: str) -> None:
    deadline = time.monotonic() + 120  # a busy CI machine starts Python slowly
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{base_url}/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"headwater serve did not start:\n{Path(log).read_text(errors='replace')}")


def on(server: Server, tenant: LiveTenant) -> Api:
    """An API client of ``tenant`` talking to ``server`` (tenants outlive a server restart)."""
    return Api(dataclasses.replace(tenant, base_url=server.base_url))
