"""A moto server (S3 and other AWS APIs) as a subprocess, and helpers to fill it with objects.

``start_moto_server()`` runs the venv's ``moto_server`` on a free loopback port and waits until
it answers. With ``enforce_auth`` (the default) it then creates an IAM user allowed to do
everything and switches IAM authentication on, so wrong credentials fail as on AWS
(``InvalidAccessKeyId``, ``SignatureDoesNotMatch``); use ``server.access_key`` and
``server.secret_key`` (or :func:`s3_auth_params`) to talk to it.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

DUMMY_KEY = "testing"
_ALLOW_ALL = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
)


@dataclass
class MotoServer:
    """A running moto server; ``stop()`` it when done (the fixtures do)."""

    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    access_key: str = DUMMY_KEY
    secret_key: str = DUMMY_KEY
    _log: Any = field(default=None, repr=False)

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
            self.log_path.unlink(missing_ok=True)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def closed_port_url() -> str:
    """The URL of a loopback port nothing listens on (connections are refused)."""
    return f"http://127.0.0.1:{free_port()}"


def moto_binary() -> Path:
    return Path(sys.executable).with_name("moto_server")


def start_moto_server(*, enforce_auth: bool = True, timeout: float = 30.0) -> MotoServer:
    """Start ``moto_server`` as a subprocess and wait until it answers."""
    port = free_port()
    log_path = Path(tempfile.mkstemp(prefix="moto-", suffix=".log")[1])
    log = log_path.open("wb")
    process = subprocess.Popen(
        [str(moto_binary()), "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = MotoServer(f"http://127.0.0.1:{port}", process, log_path, _log=log)
    try:
        _wait_until_up(server, timeout)
        if enforce_auth:
            _enforce_auth(server)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_until_up(server: MotoServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"moto_server exited early:\n{server.log()}")
        try:
            with urllib.request.urlopen(f"{server.url}/moto-api/data.json", timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"moto_server did not answer within {timeout} s:\n{server.log()}")


def _enforce_auth(server: MotoServer) -> None:
    iam = boto3.client(
        "iam",
        endpoint_url=server.url,
        region_name="us-east-1",
        aws_access_key_id=DUMMY_KEY,
        aws_secret_access_key=DUMMY_KEY,
    )
    user = f"headwater-{uuid.uuid4().hex[:8]}"
    iam.create_user(UserName=user)
    iam.put_user_policy(UserName=user, PolicyName="allow-all", PolicyDocument=_ALLOW_ALL)
    key = iam.create_access_key(UserName=user)["AccessKey"]
    server.access_key, server.secret_key = key["AccessKeyId"], key["SecretAccessKey"]
    request = urllib.request.Request(
        f"{server.url}/moto-api/reset-auth",
        data=b"0",
        method="POST",
        headers={"Content-Type": "text/plain"},
    )
    with urllib.request.urlopen(request, timeout=5):
        pass


def s3_client(server: MotoServer) -> Any:
    """A boto3 S3 client for the server, with its credentials."""
    return boto3.client(
        "s3",
        endpoint_url=server.url,
        region_name="us-east-1",
        aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key,
    )


def s3_auth_params(server: MotoServer, **extra: str) -> dict[str, str]:
    """``auth.params`` of an ``amazon-s3`` connection to the server (``extra`` added)."""
    return {
        "s3AccessKey": server.access_key,
        "s3SecretKey": server.secret_key,
        "serviceUrl": server.url,
        **extra,
    }


def put_objects(server: MotoServer, bucket: str, objects: Mapping[str, bytes]) -> None:
    """Create ``bucket`` if needed and put ``objects`` (key → body) into it."""
    client = s3_client(server)
    existing = {b["Name"] for b in client.list_buckets().get("Buckets", [])}
    if bucket not in existing:
        client.create_bucket(Bucket=bucket)
    for key, body in objects.items():
        client.put_object(Bucket=bucket, Key=key, Body=body)


def unique_bucket(prefix: str = "hw") -> str:
    """A new bucket name (tests share one server, so each uses its own buckets)."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"
