"""Reading a remote file ahead of its parser, so download and parsing overlap.

A connector's stream fetches a block when the parser asks for it, and the parser waits for
it: on object stores the download time then adds to the parsing time. :class:`ReadAhead`
fetches the next blocks in a thread of its own (:class:`Prefetched`); at most ``depth`` blocks
wait in memory. It is a forward-only stream, for readers that never seek (delimited and JSON
text, stream codecs); formats that need random access keep the connector's seekable stream.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, BinaryIO

from headwater import formats
from headwater.engine.prefetch import Prefetched

BLOCK = 8 * 2**20
FIRST_BLOCK = 2**20  # small, so that parsing starts as soon as the first bytes arrive
SEQUENTIAL_CODECS = frozenset({None, "gzip", "bzip2", "deflate"})


def reads_sequentially(options: formats.FormatOptions, codec: str | None) -> bool:
    """Whether a file with these options and codec is read front to back, never seeking."""
    text = isinstance(options, formats.DelimitedOptions | formats.JsonOptions)
    return text and codec in SEQUENTIAL_CODECS


class ReadAhead(io.RawIOBase):
    """A forward-only view of ``inner`` whose next blocks are read in the background.

    Errors of ``inner`` are raised where the reader reaches them; closing stops the background
    reads and closes ``inner``.
    """

    def __init__(self, inner: BinaryIO, *, block: int = BLOCK, depth: int = 2) -> None:
        super().__init__()
        self._inner = inner
        self._blocks = Prefetched(self._read_blocks(block), depth=depth, name="read-ahead")
        self._current = memoryview(b"")

    @property
    def name(self) -> str:
        return str(getattr(self._inner, "name", ""))

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self._take(len(view))
        view[: len(data)] = data
        return len(data)

    def read(self, size: int | None = -1) -> bytes:
        """Up to ``size`` bytes (fewer at a block's end), copied once; all that is left when
        ``size`` is negative or ``None``."""
        if size is None or size < 0:
            return b"".join(iter(lambda: bytes(self._take(BLOCK)), b""))
        return bytes(self._take(size))

    def _take(self, size: int) -> memoryview:
        if not self._current:
            self._current = memoryview(next(self._blocks, b""))
        taken, self._current = self._current[:size], self._current[size:]
        return taken

    def close(self) -> None:
        if self.closed:
            return
        try:
            self._blocks.close()
        finally:
            self._inner.close()
            super().close()

    def _read_blocks(self, block: int) -> Iterator[bytes]:
        size = min(FIRST_BLOCK, block)
        while chunk := self._inner.read(size):
            yield chunk
            size = block
