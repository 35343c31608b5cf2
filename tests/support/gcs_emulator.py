"""gcp-storage-emulator (Google Cloud Storage's JSON API) as a subprocess, and helpers for it.

``start_gcs_emulator()`` runs the venv's ``gcp-storage-emulator`` in memory on a free loopback
port. Objects are written through the JSON API itself (:func:`put_objects`). The emulator checks
no credentials: connections to it carry a real service account key (:func:`service_account_key`,
a fresh RSA key that google-auth loads), but no token is ever sent to it (plain http).
"""

from __future__ import annotations

import base64
import json
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from support.moto_server import free_port
from support.server_process import ServerProcess, start_server

PROJECT = "headwater-test"
_MULTIPART = "multipart/related; boundary=part"


@dataclass
class GcsEmulator:
    """A running emulator; ``stop()`` it when done (the fixtures do)."""

    server: ServerProcess

    @property
    def url(self) -> str:
        return self.server.url

    def stop(self) -> None:
        self.server.stop()


def start_gcs_emulator() -> GcsEmulator:
    """Start ``gcp-storage-emulator`` (in memory) and wait until it accepts connections."""
    port = free_port()
    binary = Path(sys.executable).with_name("gcp-storage-emulator")
    command = [str(binary), "start", "--host", "127.0.0.1", "--port", str(port), "--in-memory"]
    return GcsEmulator(start_server([*command, "--quiet"], name="gcs-emulator", port=port))


def put_objects(emulator: GcsEmulator, bucket: str, objects: Mapping[str, bytes]) -> None:
    """Create ``bucket`` if needed and write ``objects`` (name → content) into it."""
    body = json.dumps({"name": bucket}).encode()
    try:
        _send(emulator, "POST", f"/storage/v1/b?project={PROJECT}", body, "application/json")
    except urllib.error.HTTPError as exc:
        if exc.code != 409:  # 409: the bucket exists
            raise
    for name, data in objects.items():
        # A multipart upload, the content in base64: the emulator fails on an empty media upload.
        parts = [
            "--part\r\nContent-Type: application/json\r\n\r\n" + json.dumps({"name": name}),
            "--part\r\nContent-Type: application/octet-stream\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(data).decode(),
            "--part--\r\n",
        ]
        path = f"/upload/storage/v1/b/{bucket}/o?uploadType=multipart"
        _send(emulator, "POST", path, "\r\n".join(parts).encode(), _MULTIPART)


def _send(emulator: GcsEmulator, method: str, path: str, body: bytes, kind: str) -> None:
    request = urllib.request.Request(
        emulator.url + path, data=body, method=method, headers={"Content-Type": kind}
    )
    with urllib.request.urlopen(request, timeout=10):
        pass


@cache
def service_account_key(project: str = PROJECT) -> str:
    """A service account key file's JSON with a real (fresh, unregistered) RSA private key."""
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return json.dumps(
        {
            "type": "service_account",
            "project_id": project,
            "private_key_id": "0" * 40,
            "private_key": pem.decode(),
            "client_email": f"reader@{project}.iam.gserviceaccount.com",
            "client_id": "100000000000000000000",
            "token_uri": "https://oauth2.googleapis.com/token",
        }
    )


def gcs_auth_params(emulator: GcsEmulator, **extra: str) -> dict[str, str]:
    """``auth.params`` of a service-account ``google-cloud`` connection to the emulator."""
    return {"credentials": service_account_key(), "serviceUrl": emulator.url, **extra}
