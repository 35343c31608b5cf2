"""A test server run as a subprocess that writes the port it listens on to a file when ready."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn


@dataclass
class ServerProcess:
    """A running server; ``stop()`` it when done (the fixtures do)."""

    process: subprocess.Popen[bytes]
    port: int
    log_path: Path
    cleanup: list[Path] = field(default_factory=list)  # folders removed once it stopped
    _log: Any = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:{port}`` (the form ``tcp_proxy.CuttingProxy`` takes)."""
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Terminate the server and everything it forked (killed after 5 seconds), then remove
        its folders (once)."""
        if self._log is None:
            return
        stop_group(self.process)
        self._log.close()
        self._log = None
        for folder in self.cleanup:
            shutil.rmtree(folder, ignore_errors=True)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Terminate ``process`` and its process group (it was started in a new session)."""
    if process.poll() is None:
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait(timeout=5)
    _signal_group(process, signal.SIGKILL)  # children that outlived their parent (smbd's)


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def start_server(
    command: list[str], *, name: str, port: int | None = None, timeout: float = 60.0
) -> ServerProcess:
    """Run ``command`` in a new session and wait until it listens.

    Without ``port``, ``--port-file PATH`` is appended to the command, which writes the port it
    listens on there (followed by a newline); with it, the port is polled until it accepts.
    """
    work = Path(tempfile.mkdtemp(prefix=f"hw-{name}-"))
    port_file = work / "port"
    log_path = work / "server.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        command if port else [*command, "--port-file", str(port_file)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = ServerProcess(process, port or 0, log_path, [work], _log=log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _fail(server, f"{name} exited early")
        if port is None and port_file.exists() and port_file.read_text().endswith("\n"):
            server.port = int(port_file.read_text())
            return server
        if port is not None and _accepts(port):
            return server
        time.sleep(0.05)
    _fail(server, f"{name} did not start within {timeout} s")


def _fail(server: ServerProcess, problem: str) -> NoReturn:
    log = server.log()
    server.stop()
    raise RuntimeError(f"{problem}:\n{log}")


def _accepts(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def unique_folder(prefix: str = "t") -> str:
    """A folder name no other test uses."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def write_below(root: Path, path: str, data: bytes) -> None:
    """Write a file below a served root (``path`` relative to it), making its folders."""
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
