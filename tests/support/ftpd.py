"""An FTP server for the tests (pyftpdlib), run as a script; see ``support.ftp_server``.

    python ftpd.py --root DIR --user NAME --password SECRET [--no-mlsd] --port-file FILE

Serves ``DIR`` to one user on a free loopback port (passive mode), which it writes to ``FILE``
once it listens. ``--no-mlsd`` removes MLSD and MLST, as on servers that lack them (vsftpd).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--no-mlsd", action="store_true")
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    authorizer = DummyAuthorizer()
    authorizer.add_user(args.user, args.password, args.root, perm="elradfmwMT")
    handler = type("Handler", (FTPHandler,), {})
    handler.authorizer = authorizer
    handler.auth_failed_timeout = 0  # no anti-brute-force pause in tests
    if args.no_mlsd:
        handler.proto_cmds = {
            k: v for k, v in FTPHandler.proto_cmds.items() if k not in ("MLSD", "MLST")
        }
    server = FTPServer(("127.0.0.1", 0), handler)
    port = server.socket.getsockname()[1]
    Path(args.port_file).write_text(f"{port}\n")
    server.serve_forever()


if __name__ == "__main__":
    main()
