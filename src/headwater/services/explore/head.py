"""The start of a text stream: its first bytes, up to the end of the line they end in."""

from __future__ import annotations

import io
from typing import Any, BinaryIO

_TAIL_CHUNK = 64 * 1024


class LinesHead(io.RawIOBase):
    """A stream of the first ``limit`` bytes of ``inner``, then the rest of that line; then
    the end, so readers that read far ahead stop there and never see half a line."""

    def __init__(self, inner: BinaryIO, limit: int) -> None:
        super().__init__()
        self._inner = inner
        self._left = limit
        self._ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._ended:
            return 0
        view = memoryview(buffer).cast("B")
        if self._left > 0:
            data = self._inner.read(min(len(view), self._left))
            self._left -= len(data)
            self._ended = not data
        else:
            data = self._inner.read(min(len(view), _TAIL_CHUNK))
            end = data.find(b"\n")
            if end >= 0 or not data:
                data = data[: end + 1] if end >= 0 else data
                self._ended = True
        view[: len(data)] = data
        return len(data)
