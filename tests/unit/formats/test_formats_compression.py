from __future__ import annotations

import bz2
import gzip
import io
import tarfile
import zipfile
import zlib
from pathlib import Path

import pytest

from headwater.errors import ServiceUnavailable
from headwater.formats import (
    CODECS,
    CorruptFile,
    UnsupportedCompression,
    canonical_codec,
    infer_codec,
    open_members,
)

PAYLOAD = b"id,name\n" + b"".join(b"%d,name %d\n" % (i, i) for i in range(20_000))


def _read_members(data: bytes, codec: str | None, name: str = "f") -> list[tuple[str, bytes, str]]:
    members = open_members(io.BytesIO(data), codec=codec, name=name)
    return [(m.name, m.stream.read(), m.source) for m in members]


def _zip(entries: dict[str, bytes], *, dirs: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for directory in dirs:
            archive.writestr(zipfile.ZipInfo(directory), b"")
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _tar(entries: dict[str, bytes], *, gz: bool = False) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz" if gz else "w") as archive:
        folder = tarfile.TarInfo("dir")
        folder.type = tarfile.DIRTYPE
        archive.addfile(folder)
        link = tarfile.TarInfo("dir/link")
        link.type = tarfile.SYMTYPE
        link.linkname = "b.csv"
        archive.addfile(link)
        for name, data in entries.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("codec", "compress"),
    [
        ("gzip", gzip.compress),
        ("bzip2", bz2.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compressobj(6, zlib.DEFLATED, -15).compress(data) + b""),
    ],
)
def test_single_stream_codecs_round_trip(codec: str, compress: object) -> None:
    if codec == "deflate" and compress is not zlib.compress:
        raw = zlib.compressobj(6, zlib.DEFLATED, -15)
        data = raw.compress(PAYLOAD) + raw.flush()
    else:
        data = compress(PAYLOAD)  # type: ignore[operator]
    [(name, content, source)] = _read_members(data, codec, "in/leads.csv.gz")
    assert content == PAYLOAD
    assert name == "leads.csv"
    assert source == "in/leads.csv.gz"


def test_concatenated_gzip_members_are_one_stream() -> None:
    data = gzip.compress(b"a,b\n1,2\n") + gzip.compress(b"3,4\n")
    assert _read_members(data, "gzip")[0][1] == b"a,b\n1,2\n3,4\n"


def test_zip_reads_every_member_in_name_order_skipping_directories(tmp_path: Path) -> None:
    path = tmp_path / "data.zip"
    path.write_bytes(_zip({"b.csv": b"B", "a.csv": b"A", "sub/c.csv": PAYLOAD}, dirs=("sub/",)))
    with path.open("rb") as stream:
        members = [
            (m.name, m.stream.read(), m.source)
            for m in open_members(stream, codec="zipDeflate", name=str(path))
        ]
    assert [(name, content) for name, content, _ in members] == [
        ("a.csv", b"A"),
        ("b.csv", b"B"),
        ("sub/c.csv", PAYLOAD),
    ]
    assert members[0][2] == f"{path}!a.csv"


def test_zip_from_a_non_seekable_stream_is_spooled(trickle: type) -> None:
    data = _zip({"x.csv": PAYLOAD, "y.csv": b"y"})
    members = open_members(trickle(data, step=4096), codec="ZIPDEFLATE", name="x.zip")
    assert [(m.name, m.stream.read()) for m in members] == [("x.csv", PAYLOAD), ("y.csv", b"y")]


@pytest.mark.parametrize(("codec", "gz"), [("tar", False), ("tarGzip", True), ("TARGZIP", True)])
def test_tar_reads_regular_files_in_archive_order(codec: str, gz: bool) -> None:
    data = _tar({"b.csv": b"B", "a.csv": PAYLOAD}, gz=gz)
    assert _read_members(data, codec, "t.tgz") == [
        ("b.csv", b"B", "t.tgz!b.csv"),
        ("a.csv", PAYLOAD, "t.tgz!a.csv"),
    ]


def test_no_codec_passes_the_stream_through() -> None:
    assert _read_members(b"abc", None, "/x/plain.csv") == [("plain.csv", b"abc", "/x/plain.csv")]


@pytest.mark.parametrize(
    ("codec", "compress"),
    [
        ("gzip", gzip.compress),
        ("bzip2", bz2.compress),
        ("deflate", zlib.compress),
        ("tarGzip", lambda data: _tar({"a.csv": data}, gz=True)),
        ("tar", lambda data: _tar({"a.csv": data})),
    ],
)
def test_streaming_codecs_never_read_the_whole_input(
    codec: str, compress: object, trickle: type
) -> None:
    data = compress(PAYLOAD * 5)  # type: ignore[operator]
    stream = trickle(data, step=1000, max_read=1 << 20)
    out = b"".join(
        m.stream.read(65536) + m.stream.read() for m in open_members(stream, codec=codec, name="x")
    )
    assert out == PAYLOAD * 5


@pytest.mark.parametrize(
    ("name", "codec"),
    [
        ("leads.csv.gz", "gzip"),
        ("LEADS.CSV.GZIP", "gzip"),
        ("a.json.bz2", "bzip2"),
        ("a.zip", "zipDeflate"),
        ("a.tar.gz", "tarGzip"),
        ("a.tgz", "tarGzip"),
        ("a.tar", "tar"),
        ("a.csv.deflate", "deflate"),
        ("a.zz", "deflate"),
        ("a.csv", None),
        ("a.tsv", None),
        ("gz", None),
    ],
)
def test_infer_codec(name: str, codec: str | None) -> None:
    assert infer_codec(name) == codec


def test_codec_names_are_case_insensitive_and_unknown_names_fail_eagerly() -> None:
    assert [canonical_codec(c.upper()) for c in CODECS] == list(CODECS)
    with pytest.raises(UnsupportedCompression) as caught:
        open_members(io.BytesIO(b""), codec="lzma", name="x")
    assert caught.value.status == 400


def _drain(data: bytes | io.RawIOBase, codec: str, name: str) -> None:
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    for member in open_members(stream, codec=codec, name=name):  # type: ignore[arg-type]
        while member.stream.read(4096):
            pass


def _truncated(codec: str) -> bytes:
    payload = bytes(range(256)) * 4000  # not very compressible
    data = {"gzip": gzip.compress, "bzip2": bz2.compress, "deflate": zlib.compress}[codec](payload)
    return data[: len(data) // 2]


@pytest.mark.parametrize("codec", ["gzip", "bzip2", "deflate"])
def test_truncated_stream_raises_corrupt_file_while_reading(codec: str) -> None:
    with pytest.raises(CorruptFile) as caught:
        _drain(_truncated(codec), codec, "t.gz")
    error = caught.value
    assert error.source == "t.gz"
    assert "t.gz" in error.message
    assert error.byte is not None
    assert error.code == "2001"
    assert error.status == 400


def test_garbage_gzip_raises_corrupt_file() -> None:
    with pytest.raises(CorruptFile, match=r"x\.gz"):
        _drain(b"not gzip at all" * 10, "gzip", "x.gz")


@pytest.mark.parametrize("codec", ["zipDeflate", "tar", "tarGzip"])
def test_garbage_archive_raises_corrupt_file(codec: str) -> None:
    with pytest.raises(CorruptFile, match=r"bad\.bin"):
        list(open_members(io.BytesIO(b"garbage " * 200), codec=codec, name="bad.bin"))


def test_truncated_tar_raises_corrupt_file() -> None:
    data = _tar({"a.csv": PAYLOAD})
    with pytest.raises(CorruptFile, match=r"t\.tar"):
        _drain(data[:3000], "tar", "t.tar")


def test_corrupt_zip_member_raises_corrupt_file_naming_the_member() -> None:
    data = bytearray(_zip({"a.csv": bytes(range(256)) * 100}))
    data[60:70] = b"\xff" * 10  # inside the first member's compressed data
    with pytest.raises(CorruptFile, match=r"z\.zip!a\.csv"):
        _drain(bytes(data), "zipDeflate", "z.zip")


class _Failing(io.RawIOBase):
    """A stream that delivers some bytes, then fails like a connector would."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = data

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if not self._data:
            raise ServiceUnavailable("storage went away")
        count = min(len(buffer), len(self._data), 1000)
        buffer[:count] = self._data[:count]
        self._data = self._data[count:]
        return count


@pytest.mark.parametrize("codec", ["gzip", "bzip2", "deflate", "tar"])
def test_headwater_errors_of_the_source_stream_pass_through(codec: str) -> None:
    compress = {
        "gzip": gzip.compress,
        "bzip2": bz2.compress,
        "deflate": zlib.compress,
        "tar": lambda data: _tar({"a": data}),
    }[codec]
    data = compress(bytes(range(256)) * 400)
    with pytest.raises(ServiceUnavailable):
        _drain(_Failing(data[: len(data) // 2]), codec, "x")
