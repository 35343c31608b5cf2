"""Azurite (the Azure Storage emulator, Blob service) as a subprocess, and helpers to fill it.

``start_azurite()`` runs ``azurite-blob`` from ``scripts/test-servers/azurite/node_modules`` on
a free loopback port (in memory, telemetry off) and waits until it answers. When Azurite is not
installed yet it runs ``scripts/test-servers/azurite.sh`` first, once per machine at a time (a
file lock keeps two xdist workers from installing together), so a plain ``pytest`` works on a
fresh clone. Import the ``azurite`` fixture (one server per test module) into a test module.

Azurite knows one account, ``devstoreaccount1``, with a well-known key; its URLs are
path-style (``http://127.0.0.1:{port}/devstoreaccount1``).
"""

from __future__ import annotations

import base64
import fcntl
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from azure.storage.blob import (
    AccountSasPermissions,
    BlobServiceClient,
    ContainerSasPermissions,
    ResourceTypes,
    generate_account_sas,
    generate_container_sas,
)

from support.moto_server import free_port

ACCOUNT = "devstoreaccount1"
ACCOUNT_KEY = (
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)
REPO = Path(__file__).resolve().parents[2]
INSTALL_SCRIPT = REPO / "scripts" / "test-servers" / "azurite.sh"
BINARY = REPO / "scripts" / "test-servers" / "azurite" / "node_modules" / ".bin" / "azurite-blob"


@dataclass
class AzuriteServer:
    """A running Azurite Blob service; ``stop()`` it when done (the fixture does)."""

    port: int
    process: subprocess.Popen[bytes]
    log_path: Path
    _log: Any = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The account's blob endpoint."""
        return f"http://127.0.0.1:{self.port}/{ACCOUNT}"

    def connection_string(self, *, endpoint: str | None = None, key: str = ACCOUNT_KEY) -> str:
        """A connection string with the account key (``endpoint`` replaces the server's URL)."""
        return (
            f"DefaultEndpointsProtocol=http;AccountName={ACCOUNT};AccountKey={key};"
            f"BlobEndpoint={endpoint or self.url};"
        )

    def client(self) -> BlobServiceClient:
        return BlobServiceClient.from_connection_string(self.connection_string())

    def stop(self) -> None:
        """Terminate the server (killing it if it does not exit within 5 seconds)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self._log is not None:
            self._log.close()
            self._log = None
            shutil.rmtree(self.log_path.parent, ignore_errors=True)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@cache
def ensure_installed() -> Path:
    """Install Azurite unless it is installed (the script is idempotent and quick then)."""
    lock_path = Path(tempfile.gettempdir()) / "headwater-azurite-install.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = subprocess.run(
            ["bash", str(INSTALL_SCRIPT)], capture_output=True, text=True, check=False
        )
    if done.returncode != 0 or not BINARY.exists():
        raise RuntimeError(f"could not install Azurite ({INSTALL_SCRIPT}):\n{done.stderr}")
    return BINARY


def start_azurite(*, timeout: float = 60.0) -> AzuriteServer:
    """Start ``azurite-blob`` on a free loopback port and wait until it answers."""
    binary = ensure_installed()
    port = free_port()
    workspace = Path(tempfile.mkdtemp(prefix="azurite-"))
    log_path = workspace / "azurite.log"
    log = log_path.open("wb")
    command = [
        *(str(binary), "--blobHost", "127.0.0.1", "--blobPort", str(port)),
        *("--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent"),
    ]
    process = subprocess.Popen(command, cwd=workspace, stdout=log, stderr=subprocess.STDOUT)
    server = AzuriteServer(port, process, log_path, _log=log)
    try:
        _wait_until_up(server, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_up(server: AzuriteServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"azurite-blob exited early:\n{server.log()}")
        try:
            with urllib.request.urlopen(f"{server.url}?comp=list", timeout=1):
                return
        except urllib.error.HTTPError:
            return  # it answers (403 without credentials)
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"azurite-blob did not answer within {timeout} s:\n{server.log()}")


@pytest.fixture(scope="module")
def azurite() -> Iterator[AzuriteServer]:
    """An Azurite Blob service for the tests of one module."""
    server = start_azurite()
    try:
        yield server
    finally:
        server.stop()


def unique_container(prefix: str = "hw") -> str:
    """A new container name (tests share one server, so each uses its own containers)."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def put_blobs(server: AzuriteServer, container: str, blobs: Mapping[str, bytes]) -> None:
    """Create ``container`` if needed and upload ``blobs`` (name → content) into it."""
    with server.client() as service:
        client = service.get_container_client(container)
        if not client.exists():
            client.create_container()
        for name, data in blobs.items():
            client.upload_blob(name, data, overwrite=True)


def account_sas_url(server: AzuriteServer, *, path: str = "") -> str:
    """A SAS URI (read and list on the whole account), optionally naming a container/folder."""
    token = generate_account_sas(
        ACCOUNT,
        ACCOUNT_KEY,
        resource_types=ResourceTypes(service=True, container=True, object=True),
        permission=AccountSasPermissions(read=True, list=True),
        expiry=datetime.now(UTC) + timedelta(hours=2),
    )
    return f"{server.url}{'/' + path if path else ''}?{token}"


def container_sas_url(server: AzuriteServer, container: str, *, folder: str = "") -> str:
    """A SAS URI of one container (read and list), optionally naming a folder in it."""
    token = generate_container_sas(
        ACCOUNT,
        container,
        account_key=ACCOUNT_KEY,
        permission=ContainerSasPermissions(read=True, list=True),
        expiry=datetime.now(UTC) + timedelta(hours=2),
    )
    path = f"{container}/{folder}" if folder else container
    return f"{server.url}/{path}?{token}"


def tampered(sas_uri: str) -> tuple[str, str]:
    """The SAS URI with another signature, and that signature."""
    parts = urlsplit(sas_uri)
    query = dict(parse_qsl(parts.query))
    assert query["sig"]
    query["sig"] = base64.b64encode(b"W" * 32).decode()
    return urlunsplit(parts._replace(query=urlencode(query))), query["sig"]
