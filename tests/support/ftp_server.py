"""An FTP server (pyftpdlib, ``support/ftpd.py``) as a subprocess.

The server serves a temporary folder as ``/`` to one user. Tests share one server per session
(and xdist worker), so each writes below a folder of its own
(:func:`support.server_process.unique_folder`).
"""

from __future__ import annotations

import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.server_process import ServerProcess, start_server, write_below

FTP_SPEC = "fb2e94c9-c031-467d-8103-6bd6e0a432f2"
FTP_AUTH = "Basic Authentication for FTP"
USER = "ftpuser"


@dataclass
class FtpServer:
    """A running FTP server; ``root`` is the local folder it serves as ``/``."""

    process: ServerProcess
    root: Path
    password: str

    @property
    def port(self) -> int:
        return self.process.port

    def auth_params(self, **extra: object) -> dict[str, object]:
        """``auth.params`` of Basic Authentication for FTP (``extra`` added or replacing)."""
        params: dict[str, object] = {
            "host": "127.0.0.1",
            "port": self.port,
            "userName": USER,
            "password": self.password,
        }
        return {**params, **extra}

    def write(self, path: str, data: bytes) -> None:
        """Write a file below the served root (``path`` relative to it)."""
        write_below(self.root, path, data)

    def stop(self) -> None:
        self.process.stop()


def start_ftp_server(*, mlsd: bool = True) -> FtpServer:
    """Start ``ftpd.py`` on a free port (``mlsd=False``: without MLSD and MLST)."""
    root = Path(tempfile.mkdtemp(prefix="hw-ftp-"))
    password = f"pw-{uuid.uuid4().hex}"
    script = Path(__file__).with_name("ftpd.py")
    command = [sys.executable, str(script), "--root", str(root), "--user", USER]
    command += ["--password", password, *([] if mlsd else ["--no-mlsd"])]
    process = start_server(command, name="ftpd")
    process.cleanup.append(root)
    return FtpServer(process, root, password)


@pytest.fixture(scope="session")
def ftp_server() -> Iterator[FtpServer]:
    """An FTP server shared by the session (per xdist worker)."""
    server = start_ftp_server()
    try:
        yield server
    finally:
        server.stop()
