"""A binary stream that translates the errors of the stream it wraps."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import IO, Any, TypeVar

from headwater.errors import HeadwaterError

T = TypeVar("T")


class GuardedReader(io.RawIOBase):
    """A read-only view of ``inner`` whose failures become ``headwater`` errors.

    A dropped connection in the middle of a read then surfaces as a transient
    ``SourceUnavailable`` that the engine can retry, not as a ``botocore`` or ``aiohttp`` error.
    """

    def __init__(
        self,
        inner: IO[bytes],
        translate: Callable[[Exception], HeadwaterError],
        *,
        name: str = "",
    ) -> None:
        super().__init__()
        self._inner = inner
        self._translate = translate
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    def _call(self, fn: Callable[..., T], *args: Any) -> T:
        if self.closed:
            raise ValueError("I/O operation on closed file")
        try:
            return fn(*args)
        except HeadwaterError:
            raise
        except Exception as exc:
            raise self._translate(exc) from exc

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return bool(self._call(self._inner.seekable))

    def read(self, size: int | None = -1) -> bytes:
        return bytes(self._call(self._inner.read, -1 if size is None else size))

    def readall(self) -> bytes:
        return self.read(-1)

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self.read(len(view))
        view[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return int(self._call(self._inner.seek, offset, whence))

    def tell(self) -> int:
        return int(self._call(self._inner.tell))

    def close(self) -> None:
        if self.closed:
            return
        try:
            self._inner.close()
        except Exception:  # closing a broken connection must not hide the original error
            pass
        finally:
            super().close()
