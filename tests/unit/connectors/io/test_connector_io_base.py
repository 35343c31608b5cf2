"""The shared fsspec base, over fsspec's in-memory filesystem (a third, tiny backend)."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fsspec.implementations.memory import MemoryFileSystem

from headwater.connectors.errors import (
    FileChanged,
    InvalidSourcePath,
    SourceError,
    SourceNotFound,
    SourceUnavailable,
)
from headwater.connectors.files import FileVersion
from headwater.connectors.fsspec_base import (
    FileSystemConnector,
    etag_of,
    modified_of,
    same_version,
)
from headwater.connectors.protocol import Connector
from headwater.connectors.streams import GuardedReader


class MemoryConnector(FileSystemConnector):
    system = "Memory"

    def __init__(self) -> None:
        super().__init__(MemoryFileSystem(skip_instance_cache=True))
        self.root = f"/{uuid.uuid4().hex}"

    def _to_fs_path(self, path: str) -> str:
        return f"{self.root}/{path}".rstrip("/")

    def _to_public_path(self, fs_path: str) -> str:
        return fs_path[len(self.root) + 1 :]

    def put(self, path: str, data: bytes) -> None:
        self.fs.pipe(self._to_fs_path(path), data)


@pytest.fixture
def memory() -> MemoryConnector:
    connector = MemoryConnector()
    for path in ["b/c.csv", "b-x.csv", "b0.csv", "b/d/e.csv", "a.csv", "B.csv"]:
        connector.put(path, path.encode())
    connector.fs.mkdir(connector._to_fs_path("empty"))
    return connector


def paths(connector: Connector, path: str, *, recursive: bool = False) -> list[str]:
    return [f.path for f in connector.list(path, recursive=recursive)]


def test_is_a_connector(memory: MemoryConnector) -> None:
    assert isinstance(memory, Connector)


def test_recursive_listings_are_sorted_by_path_not_by_folder(memory: MemoryConnector) -> None:
    listed = paths(memory, "", recursive=True)
    assert listed == sorted(listed)
    assert listed == ["B.csv", "a.csv", "b-x.csv", "b/c.csv", "b/d/e.csv", "b0.csv"]


def test_folder_listing_without_recursion(memory: MemoryConnector) -> None:
    assert paths(memory, "/b") == ["b/c.csv"]
    assert paths(memory, "empty", recursive=True) == []


def test_globs(memory: MemoryConnector) -> None:
    assert paths(memory, "b*.csv") == ["b-x.csv", "b0.csv"]
    assert paths(memory, "*/*.csv") == ["b/c.csv"]
    assert paths(memory, "b/*.csv", recursive=True) == ["b/c.csv", "b/d/e.csv"]


def test_versions_use_created_when_there_is_no_mtime(memory: MemoryConnector) -> None:
    (file,) = memory.list("a.csv")
    assert file.size == 5 and file.etag is None
    assert abs(file.modified - datetime.now(UTC).timestamp()) < 60


def test_missing_paths(memory: MemoryConnector) -> None:
    with pytest.raises(SourceNotFound, match=r"'nope/x\.csv'"):
        list(memory.list("nope/x.csv"))


def test_bad_paths_fail_before_iteration(memory: MemoryConnector) -> None:
    with pytest.raises(InvalidSourcePath):
        memory.list("../x")


def test_open_reads_and_detects_changes(memory: MemoryConnector) -> None:
    (file,) = memory.list("a.csv")
    with memory.open(file) as stream:
        assert stream.read() == b"a.csv"
    memory.put("a.csv", b"longer content")
    with pytest.raises(FileChanged):
        memory.open(file)


def test_open_a_missing_file(memory: MemoryConnector) -> None:
    with pytest.raises(SourceNotFound):
        memory.open(FileVersion("gone.csv", 1, 0.0))


def test_unknown_errors_become_source_errors(memory: MemoryConnector, monkeypatch: Any) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("internal detail with a s3cr3t")

    monkeypatch.setattr(memory.fs, "ls", broken)
    with pytest.raises(SourceError) as caught:
        list(memory.list("b", recursive=True))
    assert "s3cr3t" not in caught.value.message and caught.value.status == 500


class Dropping(io.BytesIO):
    def read(self, size: int | None = -1) -> bytes:
        if self.tell() >= 2:
            raise ConnectionResetError("peer reset")
        return super().read(2)


def test_guarded_reader_translates_errors_while_reading() -> None:
    def translate(exc: Exception) -> SourceUnavailable:
        return SourceUnavailable(f"lost: {type(exc).__name__}")

    reader = GuardedReader(Dropping(b"abcdef"), translate, name="f.csv")
    assert reader.name == "f.csv" and reader.seekable() and reader.readable()
    assert reader.read(2) == b"ab"
    with pytest.raises(SourceUnavailable, match="ConnectionResetError"):
        reader.read()
    reader.seek(0)
    buffer = bytearray(2)
    assert reader.readinto(buffer) == 2 and bytes(buffer) == b"ab"
    reader.close()
    assert reader.closed
    with pytest.raises(ValueError, match="closed"):
        reader.read()


def test_modified_of_accepts_every_shape() -> None:
    moment = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    epoch = moment.timestamp()
    assert modified_of({"LastModified": moment}) == epoch
    assert modified_of({"LastModified": moment.replace(tzinfo=None)}) == epoch
    assert modified_of({"mtime": epoch}) == epoch
    assert modified_of({"created": "2024-01-02T03:04:05Z"}) == epoch
    assert modified_of({"LastModified": moment + timedelta(seconds=1), "mtime": 0}) == epoch + 1
    assert modified_of({}) == 0.0


def test_etags_lose_their_quotes() -> None:
    assert etag_of({"ETag": '"abc-2"'}) == "abc-2"
    assert etag_of({"etag": "abc"}) == "abc"
    assert etag_of({"ETag": '""'}) is None
    assert etag_of({}) is None


def test_same_version_prefers_etags() -> None:
    listed = FileVersion("p", 3, 10.123, "e1")
    assert same_version(FileVersion("p", 3, 10.0, "e1"), listed)  # HEAD has second precision
    assert not same_version(FileVersion("p", 3, 10.123, "e2"), listed)
    assert not same_version(FileVersion("p", 4, 10.123, "e1"), listed)
    assert same_version(FileVersion("p", 3, 10.123), FileVersion("p", 3, 10.123))
    assert not same_version(FileVersion("p", 3, 10.5), FileVersion("p", 3, 10.123))
