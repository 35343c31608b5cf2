"""Browsing Amazon S3 (moto): the account's buckets, restricted roots, and lazy pages."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from typing import Any

import pytest

from headwater.connectors.errors import InvalidSourcePath, SourceNotFound
from headwater.connectors.s3_io import S3Connector
from support.moto_server import (
    MotoServer,
    put_objects,
    s3_auth_params,
    s3_client,
    unique_bucket,
)

OBJECTS = 1000
PAGE = 50
FOLDERS = ["many/sub-a/", "many/sub-b/", "many/zz/"]


@pytest.fixture(scope="module")
def many(moto_server: MotoServer) -> str:
    """A bucket with OBJECTS files in many/ and three sub-folders between them."""
    name = unique_bucket("many")
    put_objects(moto_server, name, {folder + "x.csv": b"x" for folder in FOLDERS})
    client = s3_client(moto_server)

    def put(index: int) -> None:
        client.put_object(Bucket=name, Key=f"many/{index:05d}.csv", Body=b"1")

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(put, range(OBJECTS)))
    return name


class CountingConnector(S3Connector):
    """An S3 connector that records the listing requests it sends (the client is real)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages: list[dict[str, Any]] = []

    def _client(self) -> Any:
        return _Counted(super()._client(), self.pages)


class _Counted:
    def __init__(self, client: Any, pages: list[dict[str, Any]]) -> None:
        self._client = client
        self._pages = pages

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def list_objects_v2(self, **request: Any) -> Any:
        if request.get("MaxKeys") == PAGE:
            self._pages.append(request)
        return self._client.list_objects_v2(**request)


def counting(server: MotoServer) -> CountingConnector:
    connector = CountingConnector.from_auth(s3_auth_params(server), page_size=PAGE)
    assert isinstance(connector, CountingConnector)
    return connector


def expected_keys() -> list[str]:
    files = [f"{i:05d}.csv" for i in range(OBJECTS)]
    return sorted(files + [folder.split("/")[1] + "/" for folder in FOLDERS])


def test_browse_requests_pages_only_as_they_are_consumed(
    moto_server: MotoServer, many: str
) -> None:
    connector = counting(moto_server)
    entries: Iterator[Any] = connector.browse(f"/{many}/many")
    assert connector.pages == []  # nothing is requested before iterating
    first = list(islice(entries, PAGE + 10))
    assert len(connector.pages) == 2
    assert all(page["Delimiter"] == "/" for page in connector.pages)
    rest = list(entries)
    assert [e.key for e in first + rest] == expected_keys()
    assert len(connector.pages) == -(-(OBJECTS + len(FOLDERS)) // PAGE)


def test_list_requests_pages_only_as_they_are_consumed(moto_server: MotoServer, many: str) -> None:
    connector = counting(moto_server)
    files = connector.list(f"/{many}/many/*.csv")
    assert len(list(islice(files, 3 * PAGE))) == 3 * PAGE
    assert len(connector.pages) == 3


def test_browse_resumes_with_start_after(moto_server: MotoServer, many: str) -> None:
    connector = counting(moto_server)
    keys = expected_keys()
    for after in ("00499.csv", "sub-a/", "sub-b/", "zz/"):
        resumed = [e.key for e in islice(connector.browse(f"{many}/many", start_after=after), 5)]
        assert resumed == keys[keys.index(after) + 1 :][:5]
    assert connector.pages[0]["StartAfter"] == "many/00499.csv"
    # Past a folder: a key above every key inside it, so its contents are not listed again.
    assert connector.pages[1]["StartAfter"].startswith("many/sub-a/\U0010ffff")


def test_the_root_of_an_account_is_its_buckets(moto_server: MotoServer, many: str) -> None:
    connector = S3Connector.from_auth(s3_auth_params(moto_server))
    buckets = {e.name: e for e in connector.browse("/")}
    assert buckets[many].is_folder and buckets[many].path == f"/{many}"
    after = [e.name for e in connector.browse("", start_after=many + "/")]
    assert many not in after and all(name > many for name in after)


def test_the_root_of_a_restricted_connection_is_its_folder(
    moto_server: MotoServer, many: str
) -> None:
    params = s3_auth_params(moto_server, bucketName=many, folderPath="many/sub-a")
    connector = S3Connector.from_auth(params)
    (only,) = connector.browse("")
    assert (only.path, only.is_folder) == ("/many/sub-a/x.csv", False)
    with pytest.raises(InvalidSourcePath):
        list(connector.browse("/many"))
    whole_bucket = S3Connector.from_auth(s3_auth_params(moto_server, bucketName=many))
    assert [e.key for e in whole_bucket.browse("/")] == ["many/"]


def test_missing_buckets_and_folders_are_not_found(moto_server: MotoServer) -> None:
    name = unique_bucket()
    put_objects(moto_server, name, {"a.csv": b"1", "d/": b""})
    connector = S3Connector.from_auth(s3_auth_params(moto_server))
    assert [e.key for e in connector.browse(f"/{name}/d")] == []  # a folder marker only
    for path in (f"/{unique_bucket('missing')}", f"/{name}/nope", f"/{name}/a.csv"):
        with pytest.raises(SourceNotFound):
            list(connector.browse(path))
    with pytest.raises(InvalidSourcePath):
        list(connector.browse("/Not A Bucket!/x"))
