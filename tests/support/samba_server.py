"""A Samba server (``smbd``) as a subprocess, with its own configuration, user and share.

``smbd --foreground --no-process-group`` runs on a free loopback port with private state,
lock, cache and passdb directories under a temporary folder, serving one share
(:data:`SHARE`, a temporary folder) to one user (:data:`USER`, mapped to the Unix user
``nobody``; files are accessed as root, so the tests can write them directly). smbd switches
users, so the tests need root; when ``smbd`` is missing, ``scripts/test-servers/samba.sh``
installs it first (once, under a file lock shared by xdist workers). Without root or Samba, the
tests are skipped.
"""

from __future__ import annotations

import fcntl
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.moto_server import free_port
from support.server_process import ServerProcess, start_server, write_below

AZURE_FILES_SPEC = "be5ec48c-5b78-49d5-b8fa-7c89ec4569b8"
AZURE_FILES_AUTH = "Basic Authentication"
SHARE = "data"
USER = "hwuser"
UNIX_USER = "nobody"
INSTALL_SCRIPT = Path(__file__).parents[2] / "scripts" / "test-servers" / "samba.sh"
_CONF = """\
[global]
  server role = standalone server
  smb ports = {port}
  interfaces = 127.0.0.1
  bind interfaces only = yes
  disable netbios = yes
  private dir = {work}/private
  lock directory = {work}/lock
  state directory = {work}/state
  cache directory = {work}/cache
  pid directory = {work}/pid
  ncalrpc dir = {work}/ncalrpc
  passdb backend = tdbsam:{work}/private/passdb.tdb
  username map = {work}/users.map
  log level = 1
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
  map to guest = never
  server min protocol = SMB2_10
[{share}]
  path = {work}/share
  read only = yes
  force user = root
"""


@dataclass
class SambaServer:
    """A running smbd; ``share_root`` is the local folder behind :data:`SHARE`."""

    process: ServerProcess
    share_root: Path
    password: str

    @property
    def port(self) -> int:
        return self.process.port

    def auth_params(self, **extra: object) -> dict[str, object]:
        """``auth.params`` of the Azure File Storage connection (``extra`` added or replacing)."""
        params: dict[str, object] = {
            "host": "127.0.0.1",
            "port": self.port,
            "userId": USER,
            "password": self.password,
        }
        return {**params, **extra}

    def write(self, path: str, data: bytes) -> None:
        """Write a file into the share (``path`` relative to its root)."""
        write_below(self.share_root, path, data)

    def stop(self) -> None:
        self.process.stop()


def smbd_path() -> str | None:
    return shutil.which("smbd") or next(
        (p for p in ("/usr/sbin/smbd",) if os.access(p, os.X_OK)), None
    )


def ensure_samba() -> str | None:
    """The path of ``smbd``, installed first by ``samba.sh`` when missing (as root only)."""
    if smbd_path() or os.geteuid() != 0:
        return smbd_path()
    lock_path = Path(tempfile.gettempdir()) / "headwater-samba-install.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one xdist worker installs, the others wait
        if smbd_path() is None:
            subprocess.run(["bash", str(INSTALL_SCRIPT)], check=False, timeout=900)
    return smbd_path()


def start_samba_server() -> SambaServer:
    """Start smbd (see the module docstring); skips the test when it cannot run here."""
    smbd = ensure_samba()
    if smbd is None:
        pytest.skip("Samba (smbd) is not installed; scripts/test-servers/samba.sh installs it")
    if os.geteuid() != 0:
        pytest.skip("the Samba server of the tests needs root (smbd switches users)")
    try:
        pwd.getpwnam(UNIX_USER)
    except KeyError:
        pytest.skip(f"the Unix user '{UNIX_USER}' that the Samba user maps to does not exist")
    work = Path(tempfile.mkdtemp(prefix="hw-samba-"))
    for name in ("private", "lock", "state", "cache", "pid", "ncalrpc", "share"):
        (work / name).mkdir()
    password = f"pw-{uuid.uuid4().hex}"
    (work / "users.map").write_text(f"{UNIX_USER} = {USER}\n")
    port = free_port()
    conf = work / "smb.conf"
    conf.write_text(_CONF.format(port=port, work=work, share=SHARE))
    subprocess.run(
        ["smbpasswd", "-c", str(conf), "-s", "-a", UNIX_USER],
        input=f"{password}\n{password}\n".encode(),
        check=True,
        capture_output=True,
        timeout=60,
    )
    command = [smbd, "--foreground", "--no-process-group", "--debug-stdout", "-s", str(conf)]
    process = start_server(command, name="smbd", port=port)
    process.cleanup.append(work)
    return SambaServer(process, work / "share", password)


@pytest.fixture(scope="session")
def samba_server() -> Iterator[SambaServer]:
    """A Samba server shared by the session (per xdist worker)."""
    server = start_samba_server()
    try:
        yield server
    finally:
        server.stop()
