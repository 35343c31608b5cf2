"""Binary stream helpers: error translation, streaming deflate, spooling, chunking."""

from __future__ import annotations

import io
import shutil
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, BinaryIO, Protocol, cast

from headwater.errors import HeadwaterError
from headwater.formats.errors import CorruptFile

CHUNK = 1 << 20
"""Bytes read from an input stream at a time."""

CORRUPTION = (EOFError, OSError, zlib.error, zipfile.BadZipFile, tarfile.TarError, RuntimeError)


class Decoder(Protocol):
    """What :class:`GuardedReader` needs from a decoding stream."""

    def readinto(self, buffer: Any, /) -> int: ...

    def close(self) -> None: ...


def describe(exc: BaseException) -> str:
    """A short text for a decoding error: its message, or its type when it has none."""
    text = str(exc).strip()
    return text or type(exc).__name__


class GuardedReader(io.RawIOBase):
    """A readable stream over a decoder that raises :class:`CorruptFile` for decoding errors.

    Headwater errors raised below (e.g. by a connector) pass through unchanged; ``EOFError``,
    ``OSError``, ``zlib.error`` and archive errors become ``CorruptFile`` naming ``source`` and
    the offset reached in the decoded data.
    """

    def __init__(self, inner: Decoder, source: str) -> None:
        super().__init__()
        self._inner = inner
        self._source = source
        self._position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            count = self._inner.readinto(buffer)
        except HeadwaterError:
            raise
        except CORRUPTION as exc:
            raise CorruptFile(self._source, describe(exc), byte=self._position) from exc
        self._position += count
        return count

    def close(self) -> None:
        if not self.closed:
            try:
                self._inner.close()
            finally:
                super().close()


def deflate_wbits(head: bytes) -> int:
    if head[:2] == b"\x1f\x8b":
        return 47  # gzip header: accept it under "deflate" too
    if len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0:
        return 15  # zlib-wrapped deflate (RFC 1950)
    return -15  # raw deflate (RFC 1951)


class DeflateReader(io.RawIOBase):
    """Streaming inflate of zlib-wrapped or raw deflate data (detected from the first bytes).

    Raises ``EOFError`` when the input ends before the end-of-stream marker; wrap it in a
    :class:`GuardedReader` to turn that into :class:`CorruptFile`. Trailing bytes after the
    end of the deflate stream are ignored.
    """

    def __init__(self, inner: IO[bytes]) -> None:
        super().__init__()
        self._inner = inner
        self._inflater: Any = None
        self._pending = memoryview(b"")
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._done:
            self._fill()
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def _fill(self) -> None:
        tail = self._inflater.unconsumed_tail if self._inflater is not None else b""
        data = tail or self._inner.read(CHUNK)
        if self._inflater is None:
            if not data:  # an empty file is an empty stream, as for gzip
                self._done = True
                return
            self._inflater = zlib.decompressobj(deflate_wbits(data))
        if not data:
            if not self._inflater.eof:
                raise EOFError("compressed data ended before the end-of-stream marker")
            self._done = True
            return
        self._pending = memoryview(self._inflater.decompress(data, CHUNK))
        if self._inflater.eof:
            self._done = True


def is_seekable(stream: object) -> bool:
    """Whether ``stream`` says it supports random access."""
    try:
        return bool(stream.seekable())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False


@contextmanager
def seekable(stream: BinaryIO) -> Iterator[BinaryIO]:
    """Yield ``stream`` when it is seekable, else a temporary file holding a copy of it."""
    if is_seekable(stream):
        yield stream
        return
    with tempfile.TemporaryFile(prefix="headwater-spool-") as spool:
        shutil.copyfileobj(stream, spool, CHUNK)
        spool.seek(0)
        yield cast(BinaryIO, spool)


def iter_chunks(stream: IO[bytes], size: int = CHUNK) -> Iterator[bytes]:
    """Yield the bytes of ``stream`` in chunks of at most ``size`` bytes."""
    while chunk := stream.read(size):
        yield chunk
