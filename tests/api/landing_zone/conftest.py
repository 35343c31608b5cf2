"""Helpers for the landing-zone API tests."""

from __future__ import annotations

from typing import Any

LZ = "/data/foundation/connectors/landingzone"
FS = "/data/foundation/flowservice"
DLZ_SPEC = "26f526f2-58f4-4712-961d-e41bf1ccc0e8"
EXPLORE = f"{FS}/connectionSpecs/{DLZ_SPEC}/explore"
OCTET = {"Content-Type": "application/octet-stream"}


def upload(tenant: Any, path: str, content: bytes, status: int = 201) -> Any:
    reply = tenant.request("PUT", f"{LZ}/files/{path}", content=content, headers=OCTET)
    assert reply.status_code == status, reply.text
    return reply.json()


def listed(tenant: Any) -> dict[str, int]:
    reply = tenant.request("GET", f"{LZ}/files")
    assert reply.status_code == 200, reply.text
    return {item["path"]: item["size"] for item in reply.json()["items"]}


def problem_code(reply: Any) -> str:
    """``1337`` from a FLOW problem type ``…/FLOW-1337-400``."""
    return str(reply.json()["type"].rsplit("/", 1)[-1].split("-")[1])
