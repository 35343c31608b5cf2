"""``GET /connections/{id}/test`` on S3 connections (moto): ``{"result": …}`` and why not."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest

from headwater.services.explore.connection import check_connection
from support.moto_server import MotoServer, closed_port_url, put_objects, unique_bucket

from .s3_explore import FS, moto_server, problem_code, s3_connection, scope_of

__all__ = ["moto_server"]

WRONG_SECRET = "wRoNg/SeCrEt+kEy0123456789abcdefghijklmn"


@pytest.fixture(scope="module")
def bucket(moto_server: MotoServer) -> str:
    name = unique_bucket("test")
    put_objects(moto_server, name, {"leads/a.csv": b"a\n1\n"})
    return name


def call_test(tenant: Any, connection_id: str, status: int = 200) -> Any:
    """GET the test route of a connection, expecting ``status``."""
    reply = tenant.request("GET", f"{FS}/connections/{connection_id}/test")
    assert reply.status_code == status, reply.text
    return reply


def test_working_connections_answer_true(tenant: Any, moto_server: MotoServer, bucket: str) -> None:
    for params in ({}, {"bucketName": bucket}, {"bucketName": bucket, "folderPath": "/leads/"}):
        connection = s3_connection(tenant, moto_server, **params)
        assert call_test(tenant, connection).json() == {"result": True}


def test_a_missing_bucket_or_folder_answers_false_with_the_reason(
    tenant: Any, moto_server: MotoServer, bucket: str
) -> None:
    missing = unique_bucket("missing")
    connection = s3_connection(tenant, moto_server, bucketName=missing)
    body = call_test(tenant, connection).json()
    assert body["result"] is False and body["code"] == "1101"
    assert "bucket does not exist" in body["reason"]
    folder = s3_connection(tenant, moto_server, bucketName=bucket, folderPath="nope")
    body = call_test(tenant, folder).json()
    assert (body["result"], body["code"]) == (False, "1101")
    assert f"/{bucket}/nope" in body["reason"]


@pytest.mark.parametrize("wrong", ["s3SecretKey", "s3AccessKey"])
def test_wrong_credentials_answer_false_without_the_secret(
    tenant: Any, moto_server: MotoServer, wrong: str, caplog: pytest.LogCaptureFixture
) -> None:
    value = WRONG_SECRET if wrong == "s3SecretKey" else "AKIAUNKNOWN000000000"
    connection = s3_connection(tenant, moto_server, **{wrong: value})
    caplog.set_level(logging.DEBUG)  # botocore and s3fs log requests at DEBUG
    reply = call_test(tenant, connection)
    assert caplog.records  # the logs were captured, and hold no secret:
    assert WRONG_SECRET not in caplog.text and moto_server.secret_key not in caplog.text
    body = reply.json()
    assert body["result"] is False and body["code"] == "1001"
    assert "credentials" in body["reason"] and "s3SecretKey" in body["reason"]
    for secret in (WRONG_SECRET, moto_server.secret_key):
        assert secret not in reply.text


def test_an_unreachable_server_answers_false(tenant: Any, moto_server: MotoServer) -> None:
    connection = s3_connection(tenant, moto_server, serviceUrl=closed_port_url())
    body = call_test(tenant, connection).json()
    assert (body["result"], body["code"]) == (False, "1103")
    assert "refused" in body["reason"] or "unavailable" in body["reason"]


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A loopback port that accepts connections and never answers (a hung server)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_a_server_that_never_answers_fails_within_the_deadline(
    tenant: Any, moto_server: MotoServer, silent_server: str, db: Any
) -> None:
    connection = s3_connection(tenant, moto_server, serviceUrl=silent_server)
    ctx = tenant.client.app.state.ctx
    started = time.monotonic()
    outcome = check_connection(
        db, ctx.settings, ctx.keys.fernet, scope_of(tenant, db), connection, timeout=1.0
    )
    assert time.monotonic() - started < 30  # the connector alone would wait minutes
    assert (outcome.result, outcome.code) == (False, "1104")
    assert outcome.reason == "The storage system did not answer within 1 seconds."


def test_another_sandboxes_connection_is_not_found(
    tenant: Any, other_tenant: Any, moto_server: MotoServer, db: Any
) -> None:
    from headwater.services import tenancy

    connection = s3_connection(tenant, moto_server)
    tenancy.create_sandbox(db, tenant.org_id, "dev")
    for caller in (other_tenant, tenant.in_sandbox("dev")):
        assert problem_code(call_test(caller, connection, 404)) == "1101"


def test_a_connection_that_cannot_be_read_from_is_400(tenant: Any) -> None:
    body = {
        "name": "kinesis",
        "auth": {
            "specName": "Aws Kinesis authentication credentials",
            "params": {"accessKeyId": "AKIA", "secretKey": "s3cr3t-value", "region": "us-east-1"},
        },
        "connectionSpec": {"id": "86043421-563b-46ec-8e6c-e23184711bf6", "version": "1.0"},
    }
    reply = tenant.request("POST", f"{FS}/connections", json=body)
    assert reply.status_code == 201, reply.text
    failed = call_test(tenant, reply.json()["id"], 400)
    assert problem_code(failed) == "1385"
    assert "s3cr3t-value" not in failed.text
