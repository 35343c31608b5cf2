"""Endpoints in auth params (``serviceUrl``, hosts) and encoded paths are checked, safely."""

from __future__ import annotations

import pytest

from headwater.connectors import get_spec, validate_auth
from headwater.connectors.endpoints import check_host, check_http_url
from headwater.connectors.errors import InvalidSourcePath
from headwater.connectors.paths import split_segments
from headwater.errors import InvalidField

S3 = "ecadc60c-7455-4d87-84dc-2a0e293d997b"
PASSWORD = "pa55w0rd-Secret"


@pytest.mark.parametrize(
    "url",
    [
        "https://s3.us-east-1.amazonaws.com",
        "http://127.0.0.1:9000",
        "http://localhost:9000/base/",
        "http://[::1]:9000",
        "HTTPS://MINIO.EXAMPLE.COM",
    ],
)
def test_server_urls_are_accepted(url: str) -> None:
    assert check_http_url(url) == url


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("ftp://files.example.com", "http:// or https://"),
        ("file:///etc/passwd", "http:// or https://"),
        ("s3.amazonaws.com", "http:// or https://"),
        ("not a url", "spaces"),
        ("http://exa\tmple.com", "spaces"),
        ("http://host\\evil", "backslash"),
        (f"http://admin:{PASSWORD}@minio:9000", "user name or password"),
        ("http://user@minio:9000", "user name or password"),
        ("http://", "valid host"),
        ("http://a..b", "valid host"),
        ("http://host:99999", "host and port"),
        ("http://host:port", "host and port"),
        ("http://[::1", "host and port"),
        ("http://host:0", "port 0"),
        ("http://host/?X-Amz-Credential=x", "query"),
        ("http://host#frag", "fragment"),
    ],
)
def test_malformed_urls_name_the_rule_not_the_value(url: str, rule: str) -> None:
    with pytest.raises(ValueError, match=rule) as caught:
        check_http_url(url)
    assert url not in str(caught.value)


@pytest.mark.parametrize("host", ["sftp.example.com", "10.0.0.5", "::1", "[::1]", "my_host"])
def test_hosts_are_accepted(host: str) -> None:
    assert check_host(host) == host


@pytest.mark.parametrize(
    ("host", "rule"),
    [
        ("sftp://sftp.example.com", "without a scheme"),
        ("user@sftp.example.com", "without a user name"),
        ("sftp.example.com:22", "without a port"),
        ("sftp.example.com/home", "without a port or path"),
        ("two words", "host name or IP address"),
    ],
)
def test_malformed_hosts_name_the_rule(host: str, rule: str) -> None:
    with pytest.raises(ValueError, match=rule):
        check_host(host)


def test_an_s3_connection_with_a_bad_service_url_is_an_invalid_field_without_secrets() -> None:
    params = {
        "s3AccessKey": "AKIAEXAMPLE",
        "s3SecretKey": PASSWORD,
        "serviceUrl": f"http://admin:{PASSWORD}@minio:9000",
    }
    with pytest.raises(InvalidField) as caught:
        validate_auth(get_spec(S3), "Access Key", params)
    error = caught.value
    assert error.details["field"] == "auth.params.serviceUrl"
    assert error.status == 400
    assert "user name or password" in error.message
    assert PASSWORD not in error.message and PASSWORD not in repr(error.details)


def test_an_s3_connection_with_a_good_service_url_is_kept_as_sent() -> None:
    params = {"s3AccessKey": "AKIA", "s3SecretKey": "s", "serviceUrl": "http://127.0.0.1:9000"}
    assert validate_auth(get_spec(S3), "Access Key", params)["serviceUrl"] == params["serviceUrl"]


@pytest.mark.parametrize(
    "path",
    [
        "%2e%2e/etc/passwd",
        "bucket/%2E%2E/other",
        "bucket/%2e",
        "%252e%252e/x",
        "%25252e%25252e/x",
        "a%2f..%2fb",
        "a%5c..",
        "a%00b",
        "a%0ab",
    ],
)
def test_percent_encoded_traversal_is_rejected(path: str) -> None:
    with pytest.raises(InvalidSourcePath, match="encoded"):
        split_segments(path)


@pytest.mark.parametrize(
    ("path", "segments"),
    [
        ("b/100%25 done.csv", ["b", "100%25 done.csv"]),
        ("b/100%.csv", ["b", "100%.csv"]),
        ("b/a%2Fb.csv", ["b", "a%2Fb.csv"]),
        ("b/%2e%2eleads", ["b", "%2e%2eleads"]),
        ("b/..%2e", ["b", "..%2e"]),
    ],
)
def test_other_percent_signs_are_literal(path: str, segments: list[str]) -> None:
    assert split_segments(path) == segments
