"""An SFTP server (asyncssh, ``support/sftpd.py``) as a subprocess, with users and keys.

The server serves a temporary folder as ``/``. It has a password user and a key user whose
authorized keys are those of :data:`KEYS`: an OpenSSH ed25519 key, a PEM RSA key (the form the
platform documents), and a PEM RSA and a PKCS#8 ed25519 key encrypted with :data:`PASS_PHRASE`
(encrypted keys in the OpenSSH format need ``bcrypt``, which is not installed). Tests share one
server per session (and xdist worker), so each writes below a folder of its own
(:func:`support.server_process.unique_folder`).
"""

from __future__ import annotations

import base64
import json
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh
import pytest

from support.server_process import ServerProcess, start_server, write_below

SFTP_SPEC = "b7bf2577-4520-42c9-bae9-cad01560f7bc"
PASSWORD_AUTH = "Basic Authentication for sftp"
KEY_AUTH = "SSH PublicKey Authentication for sftp"
PASSWORD_USER = "alice"
KEY_USER = "bob"
PASS_PHRASE = "correct horse battery staple"
# name → (algorithm, export format, encrypted)
KEYS: dict[str, tuple[str, str, bool]] = {
    "openssh": ("ssh-ed25519", "openssh", False),
    "rsa-pem": ("ssh-rsa", "pkcs1-pem", False),
    "rsa-pem-encrypted": ("ssh-rsa", "pkcs1-pem", True),
    "pkcs8-encrypted": ("ssh-ed25519", "pkcs8-pem", True),
}


@dataclass
class SftpServer:
    """A running SFTP server; ``root`` is the local folder it serves as ``/``."""

    process: ServerProcess
    root: Path
    password: str
    private_keys: dict[str, str] = field(default_factory=dict)  # name → base64 key file

    @property
    def port(self) -> int:
        return self.process.port

    def password_params(self, **extra: object) -> dict[str, object]:
        """``auth.params`` of Basic Authentication for sftp (``extra`` added or replacing)."""
        params: dict[str, object] = {
            "host": "127.0.0.1",
            "port": self.port,
            "userName": PASSWORD_USER,
            "password": self.password,
        }
        return {**params, **extra}

    def key_params(self, key: str = "openssh", **extra: object) -> dict[str, object]:
        """``auth.params`` of SSH PublicKey Authentication with one of :data:`KEYS`."""
        params: dict[str, object] = {
            "host": "127.0.0.1",
            "port": self.port,
            "userName": KEY_USER,
            "privateKeyContent": self.private_keys[key],
        }
        if KEYS[key][2]:
            params["passPhrase"] = PASS_PHRASE
        return {**params, **extra}

    def write(self, path: str, data: bytes) -> None:
        """Write a file below the served root (``path`` relative to it)."""
        write_below(self.root, path, data)

    def stop(self) -> None:
        self.process.stop()


def start_sftp_server() -> SftpServer:
    """Generate keys, write the users file and start ``sftpd.py`` on a free port."""
    work = Path(tempfile.mkdtemp(prefix="hw-sftp-"))
    root = work / "root"
    root.mkdir()
    password = f"pw-{uuid.uuid4().hex}"
    private_keys, public_keys = {}, []
    for name, (algorithm, fmt, encrypted) in KEYS.items():
        options = {"key_size": 2048} if algorithm == "ssh-rsa" else {}
        key = asyncssh.generate_private_key(algorithm, **options)
        exported = key.export_private_key(fmt, PASS_PHRASE if encrypted else None)
        private_keys[name] = base64.b64encode(exported).decode()
        public_keys.append(key.export_public_key().decode().strip())
    users = {PASSWORD_USER: {"password": password}, KEY_USER: {"keys": public_keys}}
    (work / "users.json").write_text(json.dumps(users))
    script = Path(__file__).with_name("sftpd.py")
    command = [
        sys.executable,
        str(script),
        "--root",
        str(root),
        "--users",
        str(work / "users.json"),
    ]
    process = start_server(command, name="sftpd")
    process.cleanup.append(work)
    return SftpServer(process, root, password, private_keys)


@pytest.fixture(scope="session")
def sftp_server() -> Iterator[SftpServer]:
    """An SFTP server shared by the session (per xdist worker)."""
    server = start_sftp_server()
    try:
        yield server
    finally:
        server.stop()
