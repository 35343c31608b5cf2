"""An SFTP server for the tests (asyncssh), run as a script; see ``support.sftp_server``.

    python sftpd.py --root DIR --users USERS.json --port-file FILE

Serves ``DIR`` as ``/`` (chroot) on a free loopback port, which it writes to ``FILE`` once it
listens. ``USERS.json`` maps user names to ``{"password": ...}`` and/or ``{"keys": [public key
lines]}``. Only password and public key authentication are offered (no keyboard-interactive),
with a fresh host key each run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path
from typing import Any

import asyncssh


class _Server(asyncssh.SSHServer):
    def __init__(self, users: dict[str, dict[str, Any]]) -> None:
        self._users = users
        self._conn: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn

    def begin_auth(self, username: str) -> bool:
        keys = self._users.get(username, {}).get("keys")
        if keys and self._conn is not None:
            self._conn.set_authorized_keys(asyncssh.import_authorized_keys("\n".join(keys)))
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        expected = self._users.get(username, {}).get("password")
        return expected is not None and password == expected

    def public_key_auth_supported(self) -> bool:
        return True

    def kbdint_auth_supported(self) -> bool:
        return False


async def _serve(root: str, users: dict[str, dict[str, Any]], port_file: Path) -> None:
    host_key = asyncssh.generate_private_key("ssh-ed25519")
    server = await asyncssh.listen(
        "127.0.0.1",
        0,
        server_host_keys=[host_key],
        server_factory=lambda: _Server(users),
        sftp_factory=lambda chan: asyncssh.SFTPServer(chan, chroot=root.encode()),
        allow_scp=False,
    )
    port = server.sockets[0].getsockname()[1]
    port_file.write_text(f"{port}\n")
    await server.wait_closed()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--users", required=True)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    users = json.loads(Path(args.users).read_text())
    asyncio.run(_serve(args.root, users, Path(args.port_file)))


if __name__ == "__main__":
    main()
