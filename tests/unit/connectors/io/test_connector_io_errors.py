"""Connector errors and the translation of third-party exceptions (no server needed)."""

from __future__ import annotations

import errno
import http.client
from typing import Any

import aiohttp
import botocore.exceptions
import pytest

from headwater.connectors.errors import (
    ConnectorAuthError,
    ConnectorError,
    ConnectorUnsupported,
    FileChanged,
    InvalidSourcePath,
    SourceError,
    SourceNotFound,
    SourceUnavailable,
)
from headwater.connectors.s3_errors import classify_s3_error
from headwater.connectors.s3_io import S3Connector
from headwater.connectors.translate import Problem, classify_builtin, exception_chain, to_error
from headwater.errors import BadRequest, Forbidden, NotFound, ServiceUnavailable


@pytest.mark.parametrize(
    ("cls", "base", "status", "code", "transient"),
    [
        (ConnectorAuthError, Forbidden, 403, "1001", False),
        (SourceNotFound, NotFound, 404, "1101", False),
        (InvalidSourcePath, BadRequest, 400, "1000", False),
        (ConnectorUnsupported, BadRequest, 400, "1385", False),
        (SourceUnavailable, ServiceUnavailable, 503, "1103", True),
        (FileChanged, SourceUnavailable, 503, "1103", True),
        (SourceError, ConnectorError, 500, "1001", False),
    ],
)
def test_error_classes(
    cls: type[ConnectorError], base: type, status: int, code: str, transient: bool
) -> None:
    error = cls("message")
    assert isinstance(error, base) and isinstance(error, ConnectorError)
    assert (error.status, error.code, error.transient) == (status, code, transient)


def client_error(
    code: str, status: int, message: str = "server says"
) -> botocore.exceptions.ClientError:
    response: Any = {
        "Error": {"Code": code, "Message": message},
        "ResponseMetadata": {"HTTPStatusCode": status},
    }
    return botocore.exceptions.ClientError(response, "ListObjectsV2")


@pytest.mark.parametrize(
    ("exc", "kind", "reason_part"),
    [
        (client_error("InvalidAccessKeyId", 403), "auth", "InvalidAccessKeyId"),
        (client_error("SignatureDoesNotMatch", 403), "auth", "secret key"),
        (client_error("ExpiredToken", 400), "auth", "session token"),
        (client_error("403", 403), "auth", "HTTP 403"),
        (client_error("NoSuchBucket", 404), "not_found", "bucket"),
        (client_error("404", 404), "not_found", "HTTP 404"),
        (client_error("SlowDown", 503), "transient", "throttling"),
        (client_error("InternalError", 500), "transient", "InternalError"),
        (client_error("Weird", 502), "transient", "HTTP 502"),
        (client_error("PreconditionFailed", 412), "changed", "ETag"),
        (
            botocore.exceptions.EndpointConnectionError(endpoint_url="http://x"),
            "transient",
            "connect",
        ),
        (
            botocore.exceptions.ConnectTimeoutError(endpoint_url="http://x"),
            "transient",
            "timed out",
        ),
        (botocore.exceptions.ReadTimeoutError(endpoint_url="http://x"), "transient", "timed out"),
        (botocore.exceptions.ResponseStreamingError(error="cut"), "transient", "lost"),
        (aiohttp.ServerDisconnectedError(), "transient", "lost"),
        (aiohttp.ClientPayloadError("cut"), "transient", "lost"),
    ],
)
def test_classify_s3_errors(exc: BaseException, kind: str, reason_part: str) -> None:
    problem = classify_s3_error(exc)
    assert problem is not None and problem.kind == kind
    assert reason_part in problem.reason


def test_unknown_s3_errors_are_not_classified() -> None:
    assert classify_s3_error(client_error("SomethingElse", 400)) is None
    assert classify_s3_error(ValueError("x")) is None


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (PermissionError("denied"), "auth"),
        (FileNotFoundError("gone"), "not_found"),
        (IsADirectoryError("dir"), "not_found"),
        (ConnectionRefusedError(), "transient"),
        (ConnectionResetError(), "transient"),
        (TimeoutError(), "transient"),
        (http.client.IncompleteRead(b"partial"), "transient"),
        (OSError(errno.EBUSY, "busy"), "transient"),
        (OSError(errno.EIO, "io"), None),
        (ValueError("x"), None),
    ],
)
def test_classify_builtin(exc: BaseException, kind: str | None) -> None:
    problem = classify_builtin(exc)
    assert (problem.kind if problem else None) == kind


def test_exception_chain_follows_causes_and_contexts_once() -> None:
    root = client_error("SlowDown", 503)
    try:
        try:
            raise root
        except botocore.exceptions.ClientError as exc:
            raise OSError(errno.EIO, "wrapped") from exc
    except OSError as wrapped:
        chain = list(exception_chain(wrapped))
    assert chain[0].args[1] == "wrapped" and chain[1] is root


def test_the_s3_connector_prefers_the_specific_cause() -> None:
    connector = S3Connector.from_auth({"s3AccessKey": "AKIA", "s3SecretKey": "s3cr3t"})
    wrapped = PermissionError("The request signature we calculated does not match")
    wrapped.__cause__ = client_error("SignatureDoesNotMatch", 403)
    error = connector._translate(wrapped, action="listing", path="/b/leads")
    assert isinstance(error, ConnectorAuthError)
    assert "SignatureDoesNotMatch" in error.message and "s3SecretKey" in error.message


def test_messages_never_quote_the_third_party_message() -> None:
    secret = "AKIA-and-s3cr3t-in-a-url"
    error = to_error(
        None, system="Amazon S3", action="reading", path="/b/f.csv", exc=ValueError(secret)
    )
    assert isinstance(error, SourceError)
    assert secret not in error.message and "ValueError" in error.message
    auth = to_error(
        Problem("auth", "access denied"), system="S", action="listing", path="/p", hint="Check k."
    )
    assert auth.message == "S rejected the credentials while listing '/p': access denied. Check k."
    assert auth.details == {"action": "listing", "path": "/p"}
