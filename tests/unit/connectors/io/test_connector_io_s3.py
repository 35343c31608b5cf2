"""The S3 connector without a server: path mapping and streamed listings over fake pages."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from headwater.connectors.errors import InvalidSourcePath
from headwater.connectors.s3_io import S3Connector

MODIFIED = datetime(2024, 5, 1, tzinfo=UTC)


def make(**params: str) -> S3Connector:
    return S3Connector.from_auth({"s3AccessKey": "a", "s3SecretKey": "b", **params}, page_size=3)


class FakeS3:
    """An S3 client's ``list_objects_v2`` over a sorted key list; counts the pages served."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = sorted(keys)
        self.pages_served = 0
        self.requests: list[dict[str, Any]] = []

    def list_objects_v2(self, **request: Any) -> dict[str, Any]:
        self.requests.append(request)
        self.pages_served += 1
        prefix, delimiter = request.get("Prefix", ""), request.get("Delimiter", "")
        start = int(request.get("ContinuationToken", 0))
        matching = [k for k in self.keys if k.startswith(prefix)]
        contents, prefixes = [], []
        for key in matching:
            rest = key[len(prefix) :]
            if delimiter and delimiter in rest:
                common = prefix + rest.split(delimiter)[0] + delimiter
                if common not in prefixes:
                    prefixes.append(common)
            else:
                contents.append(key)
        size = request.get("MaxKeys", 1000)
        page = contents[start : start + size]
        more = start + size < len(contents)
        out: dict[str, Any] = {
            "Contents": [
                {"Key": k, "Size": 1, "LastModified": MODIFIED, "ETag": '"e"'} for k in page
            ],
            "CommonPrefixes": [{"Prefix": p} for p in prefixes] if start == 0 else [],
            "KeyCount": len(page),
            "IsTruncated": more,
        }
        if more:
            out["NextContinuationToken"] = str(start + size)
        return out


def with_fake(connector: S3Connector, keys: list[str]) -> FakeS3:
    fake = FakeS3(keys)
    connector._client = lambda: fake  # type: ignore[method-assign]
    return fake


def test_listing_streams_one_page_at_a_time() -> None:
    connector = make()
    fake = with_fake(connector, [f"big/{i:06d}.csv" for i in range(100_000)])
    files = connector.list("/bkt/big/*.csv")
    first = [next(files) for _ in range(4)]
    assert [f.path for f in first] == [f"/bkt/big/{i:06d}.csv" for i in range(4)]
    assert fake.pages_served == 2  # 3 keys a page; nothing else was fetched
    assert first[0].etag == "e" and first[0].modified == MODIFIED.timestamp()


def test_recursive_listings_use_no_delimiter() -> None:
    connector = make()
    fake = with_fake(connector, ["b/x.csv", "b/sub/y.csv", "b/sub/", "b2/z.csv"])
    assert [f.path for f in connector.list("bkt/b", recursive=True)] == [
        "/bkt/b/sub/y.csv",
        "/bkt/b/x.csv",
    ]
    assert fake.requests[-1]["Delimiter"] == ""
    assert [f.path for f in connector.list("bkt/b")] == ["/bkt/b/x.csv"]
    assert fake.requests[-1]["Delimiter"] == "/"


def test_a_file_is_found_by_name_among_longer_keys() -> None:
    connector = make()
    with_fake(connector, ["d/a.csv", "d/a.csv.bak", "d/a.csv/inner.csv"])
    assert [f.path for f in connector.list("/bkt/d/a.csv")] == ["/bkt/d/a.csv"]


@pytest.mark.parametrize("path", ["", "/", "*.csv", "/Not A Bucket/x.csv", "/buck*/x.csv"])
def test_paths_must_start_with_a_bucket(path: str) -> None:
    with pytest.raises(InvalidSourcePath):
        make().list(path)


def test_bucket_name_makes_paths_bucket_relative() -> None:
    connector = make(bucketName="bkt")
    fake = with_fake(connector, ["leads/a.csv"])
    assert [f.path for f in connector.list("/leads")] == ["/leads/a.csv"]
    assert fake.requests[-1]["Bucket"] == "bkt"


def test_folder_path_restricts_paths() -> None:
    connector = make(bucketName="bkt", folderPath="leads/2024")
    with_fake(connector, ["leads/2024/a.csv"])
    assert [f.path for f in connector.list("leads/2024/*.csv")] == ["/leads/2024/a.csv"]
    for outside in ("leads", "leads/2024x/a.csv", "other/a.csv", "leads/*/a.csv"):
        with pytest.raises(InvalidSourcePath, match="restricted"):
            connector.list(outside)
