"""HDFS over WebHDFS without an HDFS: parameters, a server that is down, the classification of
WebHDFS error responses, and the order of folder listings.

No HDFS (or WebHDFS) server runs where these tests run, and none is faked: listing and reading
against a real NameNode are not tested here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from headwater.connectors.errors import (
    ConnectorAuthError,
    FileChanged,
    SourceError,
    SourceNotFound,
    SourceUnavailable,
)
from headwater.connectors.files import FileVersion
from headwater.connectors.fsspec_base import Entry, child_key
from headwater.connectors.hdfs_errors import ReadCutShort, classify_hdfs_error, remote_error
from headwater.connectors.hdfs_io import HdfsConnector, in_key_order, status_entry
from headwater.connectors.protocol import open_connector
from headwater.connectors.translate import to_error
from headwater.errors import InvalidField
from support.moto_server import closed_port_url

HDFS = "54e221aa-d342-4707-bcff-7a4bceef0001"


def connector(url: str) -> HdfsConnector:
    built = open_connector(HDFS, {"url": url})
    assert isinstance(built, HdfsConnector)
    return built


# -- parameters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "api"),
    [
        ("http://namenode:9870", "http://namenode:9870/webhdfs/v1"),
        ("webhdfs://namenode", "http://namenode:9870/webhdfs/v1"),
        ("swebhdfs://nn.example.com", "https://nn.example.com:9871/webhdfs/v1"),
        ("https://nn:50470/webhdfs/v1/", "https://nn:50470/webhdfs/v1"),
        (" HTTP://10.0.0.5:14000/ ", "http://10.0.0.5:14000/webhdfs/v1"),
        ("http://[::1]:9870", "http://[::1]:9870/webhdfs/v1"),
    ],
)
def test_the_url_names_the_webhdfs_api(url: str, api: str) -> None:
    built = connector(url)
    assert built.fs.url == api
    assert built.fs.pars == {}


def test_a_user_name_in_the_url_is_sent_as_user_name() -> None:
    assert connector("http://etl@namenode:9870").fs.pars == {"user.name": "etl"}


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("ftp://namenode:21", "must start with http://"),
        ("namenode:9870", "must start with http://"),
        ("http://etl:s3cr3t-pw@namenode:9870", "must not contain a password"),
        ("http://namenode:9870/data/leads", "no path other than /webhdfs/v1"),
        ("http://namenode:9870?user.name=etl", "must not have a query"),
        ("http://", "must name the NameNode's host"),
        ("http://name node:9870", "host name"),
        ("http://namenode:0", "port 0"),
        ("http://namenode:99999", "valid URL"),
    ],
)
def test_an_invalid_url_is_an_invalid_field(url: str, rule: str) -> None:
    with pytest.raises(InvalidField) as caught:
        open_connector(HDFS, {"url": url})
    assert caught.value.field == "auth.params.url"
    assert rule in caught.value.message
    assert "s3cr3t" not in caught.value.message


def test_url_is_the_only_parameter() -> None:
    with pytest.raises(InvalidField) as caught:
        open_connector(HDFS, {})
    assert (caught.value.field, caught.value.code) == ("auth.params.url", "1304")
    with pytest.raises(InvalidField) as caught:
        open_connector(HDFS, {"url": "http://namenode:9870", "user": "etl"})
    assert caught.value.field == "auth.params.user"


# -- a server that is down --------------------------------------------------------------------


def test_a_namenode_that_is_down_is_a_transient_error() -> None:
    down = HdfsConnector.from_auth({"url": closed_port_url()}, connect_timeout=2)
    listed = FileVersion("/leads/a.tsv", size=4, modified=1.0)
    calls = [
        down.check,
        lambda: list(down.list("/leads/*.tsv")),
        lambda: list(down.browse("/leads")),
        lambda: down.open(listed),
    ]
    for call in calls:
        with pytest.raises(SourceUnavailable) as caught:
            call()
        assert caught.value.transient and caught.value.status == 503
        assert "HDFS is unavailable" in caught.value.message


# -- error responses --------------------------------------------------------------------------


def remote(exception: str, java_class: str, message: str = "File does not exist: /x") -> bytes:
    body = {"exception": exception, "javaClassName": java_class, "message": message}
    return json.dumps({"RemoteException": body}).encode()


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (404, remote("FileNotFoundException", "java.io.FileNotFoundException"), SourceNotFound),
        (
            403,
            remote(
                "AccessControlException",
                "org.apache.hadoop.security.AccessControlException",
                "Permission denied: user=dr.who, access=READ_EXECUTE, inode=/secret-leads",
            ),
            ConnectorAuthError,
        ),
        (
            401,
            remote("InvalidToken", "org.apache.hadoop.security.token.SecretManager$InvalidToken"),
            ConnectorAuthError,
        ),
        (401, b"<html><body>Authentication required</body></html>", ConnectorAuthError),
        (403, remote("StandbyException", "org.apache.hadoop.ipc.StandbyException"), None),
        (403, b"", ConnectorAuthError),
        (403, remote("SafeModeException", "org.apache.hadoop.hdfs.SafeModeException"), None),
        (500, remote("RetriableException", "org.apache.hadoop.ipc.RetriableException"), None),
        (500, remote("IOException", "java.io.IOException"), None),
        (503, b"Service Unavailable", None),
        (404, b"not json", SourceNotFound),
        (
            400,
            remote("IllegalArgumentException", "java.lang.IllegalArgumentException"),
            SourceError,
        ),
        (
            400,
            json.dumps(
                {"RemoteException": {"javaClassName": "java.lang.SecurityException"}}
            ).encode(),
            ConnectorAuthError,
        ),
    ],
)
def test_webhdfs_error_responses_are_classified(
    status: int, body: bytes, expected: type[Exception] | None
) -> None:
    exc = remote_error(status, body)
    error = to_error(classify_hdfs_error(exc), system="HDFS", action="listing", path="/x", exc=exc)
    assert type(error) is (expected or SourceUnavailable)
    assert f"HTTP {status}" in error.message or type(error) is SourceError
    assert "secret-leads" not in error.message and "dr.who" not in error.message


def test_the_standby_namenode_is_named() -> None:
    exc = remote_error(403, remote("StandbyException", "org.apache.hadoop.ipc.StandbyException"))
    problem = classify_hdfs_error(exc)
    assert problem is not None and problem.kind == "transient"
    assert "standby" in problem.reason and "StandbyException" in problem.reason


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (requests.exceptions.ConnectTimeout(), SourceUnavailable),
        (requests.exceptions.ReadTimeout(), SourceUnavailable),
        (requests.exceptions.ConnectionError(), SourceUnavailable),
        (requests.exceptions.ChunkedEncodingError(), SourceUnavailable),
        (ReadCutShort("/leads/a.tsv"), FileChanged),
        (ValueError("something else"), SourceError),
    ],
)
def test_client_failures_are_classified(exc: Exception, expected: type[Exception]) -> None:
    error = to_error(classify_hdfs_error(exc), system="HDFS", action="reading", path="/a", exc=exc)
    assert type(error) is expected


def test_a_file_status_is_a_version() -> None:
    status = json.loads(
        '{"accessTime": 1700000000000, "blockSize": 134217728, "childrenNum": 0, '
        '"fileId": 16390, "group": "supergroup", "length": 24930, '
        '"modificationTime": 1700000123456, "owner": "etl", "pathSuffix": "a.tsv", '
        '"permission": "644", "replication": 3, "storagePolicy": 0, "type": "FILE"}'
    )
    entry = status_entry("/leads/a.tsv", status)
    assert entry == {"name": "/leads/a.tsv", "type": "file", "size": 24930, "mtime": 1700000123.456}
    version = connector("http://namenode:9870")._version(entry)
    assert version == FileVersion("/leads/a.tsv", size=24930, modified=1700000123.456, etag=None)
    folder = status_entry("/leads", {**status, "type": "DIRECTORY", "length": 0})
    assert folder["type"] == "directory"
    assert status_entry("/l", {**status, "type": "SYMLINK"})["type"] == "other"


# -- listing order ----------------------------------------------------------------------------


def java_signed_bytes(name: str) -> list[int]:
    """HDFS's order of names in a folder: UTF-8 bytes compared as Java's signed bytes."""
    return [b - 256 if b > 127 else b for b in name.encode()]


def entries(names: list[str], folders: set[str]) -> list[Entry]:
    return [
        {"name": f"/d/{n}", "type": "directory" if n in folders else "file", "size": 0}
        for n in names
    ]


NAME = st.text(
    alphabet=st.sampled_from(list("ab-._/0zé€😀 ")).filter(lambda c: c != "/"),
    min_size=1,
    max_size=6,
)


@given(st.sets(NAME, max_size=30), st.data())
@pytest.mark.parametrize("server_order", [java_signed_bytes, str.encode])
def test_listings_come_out_in_path_order(
    server_order: Callable[[str], Any], names: set[str], data: st.DataObject
) -> None:
    folders = data.draw(st.sets(st.sampled_from(sorted(names)))) if names else set()
    listed = entries(sorted(names, key=server_order), folders)
    assert list(in_key_order(listed)) == sorted(listed, key=child_key)


def test_ascii_names_stream_one_entry_behind() -> None:
    names = ["a", "a-b", "a.c", "b", "c", "c0"]
    pulled = 0

    def source() -> Iterator[Entry]:
        nonlocal pulled
        for entry in entries(names, {"a", "c"}):
            pulled += 1
            yield entry

    out, pulled_at = [], []
    for entry in in_key_order(source()):
        out.append(child_key(entry))
        pulled_at.append(pulled)
    assert out == ["a-b", "a.c", "a/", "b", "c/", "c0"]
    # Each entry waits for the next one; the folder a/ also for a.c, which sorts before it.
    assert pulled_at == [3, 4, 4, 5, 6, 6]


def test_a_listing_in_no_known_order_is_refused() -> None:
    with pytest.raises(RuntimeError, match="out of order"):
        list(in_key_order(entries(["b", "c", "a"], set())))
