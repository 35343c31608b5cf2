"""Compression codecs: a registry of openers turning one stored file into readable members.

Codec names are the platform's ``compressionType`` values, matched case-insensitively:

============  ==================================================================================
codec         members
============  ==================================================================================
``gzip``      one (multi-member gzip files are concatenated, as ``gunzip`` does)
``bzip2``     one (multi-stream files are concatenated)
``deflate``   one; zlib-wrapped (RFC 1950) and raw (RFC 1951) deflate, detected from the header
``zipDeflate``  every file of a zip archive, in name order; directories are skipped
``tarGzip``   every regular file of a (gzip-compressed) tar archive, in archive order
``tar``       every regular file of a tar archive, in archive order (compressed tars accepted)
============  ==================================================================================

Everything streams except zip, whose central directory is at the end: a non-seekable input is
spooled to a temporary file first. Decoding errors surface as :class:`CorruptFile` while the
member is read (a truncated gzip fails at its end, not at open). Members must be consumed in
order: advancing the iterator invalidates the previous member's stream (tar is read in one pass).
"""

from __future__ import annotations

import bz2
import gzip
import posixpath
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, cast

from headwater.errors import HeadwaterError
from headwater.formats._streams import (
    CORRUPTION,
    Decoder,
    DeflateReader,
    GuardedReader,
    describe,
    seekable,
)
from headwater.formats.errors import CorruptFile, UnsupportedCompression

CODECS = ("bzip2", "deflate", "gzip", "tar", "tarGzip", "zipDeflate")
"""The platform's compression types, in their canonical spelling."""

_BY_LOWER = {codec.lower(): codec for codec in CODECS}

_SUFFIXES = (
    (".tar.gz", "tarGzip"),
    (".tar.gzip", "tarGzip"),
    (".tgz", "tarGzip"),
    (".tar", "tar"),
    (".gz", "gzip"),
    (".gzip", "gzip"),
    (".bz2", "bzip2"),
    (".bzip2", "bzip2"),
    (".zip", "zipDeflate"),
    (".deflate", "deflate"),
    (".zz", "deflate"),
)


@dataclass(frozen=True)
class Member:
    """One readable stream inside a stored file.

    Attributes:
        name: The member's name: its path inside an archive, or for single-stream codecs the
            file's base name without the compression suffix (``leads.csv.gz`` → ``leads.csv``).
        stream: The decoded bytes; decoding errors raise :class:`CorruptFile`.
        source: The label used in errors and bad rows: the file name for single streams,
            ``"<file>!<member>"`` for archive members. Pass it as ``source=`` to the readers.
    """

    name: str
    stream: BinaryIO
    source: str


Opener = Callable[[BinaryIO, str], Iterator[Member]]


def canonical_codec(codec: object) -> str:
    """Return the canonical spelling of a compression type (``"GZIP"`` → ``"gzip"``).

    Raises:
        UnsupportedCompression: for an unknown name.
    """
    canonical = _BY_LOWER.get(codec.strip().lower()) if isinstance(codec, str) else None
    if canonical is None:
        raise UnsupportedCompression(codec)
    return canonical


def infer_codec(name: str) -> str | None:
    """Infer the codec from a file name's extension (``leads.csv.gz`` → ``"gzip"``).

    Recognises ``.gz/.gzip``, ``.bz2/.bzip2``, ``.zip``, ``.tar.gz/.tar.gzip/.tgz``, ``.tar`` and
    ``.deflate/.zz``, case-insensitively. Returns ``None`` for anything else (no compression).
    """
    lower = name.lower()
    for suffix, codec in _SUFFIXES:
        if lower.endswith(suffix):
            return codec
    return None


def inner_name(name: str) -> str:
    base = posixpath.basename(name.replace("\\", "/")) or name
    lower = base.lower()
    for suffix, _codec in _SUFFIXES:
        if lower.endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)]
    return base


def _single(decoder: Callable[[BinaryIO], Decoder]) -> Opener:
    def open_single(stream: BinaryIO, name: str) -> Iterator[Member]:
        reader = GuardedReader(decoder(stream), name)
        try:
            yield Member(inner_name(name), cast(BinaryIO, reader), name)
        finally:
            reader.close()

    return open_single


def _gzip(stream: BinaryIO) -> Decoder:
    return gzip.GzipFile(fileobj=stream, mode="rb")


def _bzip2(stream: BinaryIO) -> Decoder:
    return bz2.BZ2File(stream, mode="rb")


def _deflate(stream: BinaryIO) -> Decoder:
    return DeflateReader(stream)


def _zip_members(stream: BinaryIO, name: str) -> Iterator[Member]:
    with seekable(stream) as table:
        try:
            archive = zipfile.ZipFile(table)
        except HeadwaterError:
            raise
        except (*CORRUPTION, ValueError) as exc:
            raise CorruptFile(name, f"not a readable zip archive: {describe(exc)}") from exc
        with archive:
            infos = sorted((i for i in archive.infolist() if not i.is_dir()), key=_zip_key)
            for info in infos:
                yield from _zip_member(archive, info, name)


def _zip_key(info: zipfile.ZipInfo) -> str:
    return info.filename


def _zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Iterator[Member]:
    source = f"{name}!{info.filename}"
    try:
        inner = archive.open(info)
    except HeadwaterError:
        raise
    except (*CORRUPTION, ValueError, NotImplementedError) as exc:
        raise CorruptFile(source, f"cannot open zip member: {describe(exc)}") from exc
    reader = GuardedReader(cast(Decoder, inner), source)
    try:
        yield Member(info.filename, cast(BinaryIO, reader), source)
    finally:
        reader.close()


def _tar_members(stream: BinaryIO, name: str) -> Iterator[Member]:
    try:
        with tarfile.open(fileobj=stream, mode="r|*") as archive:
            yield from _tar_entries(archive, name)
    except HeadwaterError:
        raise
    except CORRUPTION as exc:
        raise CorruptFile(name, f"not a readable tar archive: {describe(exc)}") from exc


def _tar_entries(archive: tarfile.TarFile, name: str) -> Iterator[Member]:
    for info in archive:
        if not info.isreg():
            continue
        source = f"{name}!{info.name}"
        inner = archive.extractfile(info)
        if inner is None:  # pragma: no cover - isreg() members always have data
            continue
        reader = GuardedReader(cast(Decoder, inner), source)
        try:
            yield Member(info.name, cast(BinaryIO, reader), source)
        finally:
            reader.close()


def _none(stream: BinaryIO, name: str) -> Iterator[Member]:
    yield Member(posixpath.basename(name) or name, stream, name)


_OPENERS: dict[str, Opener] = {
    "bzip2": _single(_bzip2),
    "deflate": _single(_deflate),
    "gzip": _single(_gzip),
    "tar": _tar_members,
    "tarGzip": _tar_members,
    "zipDeflate": _zip_members,
}


def open_members(stream: BinaryIO, *, codec: str | None, name: str) -> Iterator[Member]:
    """Open the members of one stored file.

    Args:
        stream: The stored (compressed) bytes; not closed by this function.
        codec: A compression type (any case), or ``None`` for an uncompressed file, whose one
            member is ``stream`` itself.
        name: The file's name or path, used to name members and in error messages.

    Returns:
        An iterator of the members in order. Consume each member's stream before advancing.

    Raises:
        UnsupportedCompression: for an unknown codec (raised immediately).
        CorruptFile: when the archive or compressed data cannot be decoded (raised while
            iterating or reading).
    """
    opener = _none if codec is None else _OPENERS[canonical_codec(codec)]
    return opener(stream, name)
