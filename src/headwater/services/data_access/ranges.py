"""Byte ranges of a download (HTTP ``Range: bytes=…``), resolved against a file's size."""

from __future__ import annotations

from dataclasses import dataclass

from headwater.errors import HeadwaterError


class RangeNotSatisfiable(HeadwaterError):
    """The requested range starts past the end of the file (HTTP 416)."""

    status = 416
    default_code = "1416"
    title = "Range not satisfiable"


@dataclass(frozen=True)
class ByteRange:
    """One range as a client asks for it.

    ``ByteRange(first=a, last=b)`` is ``bytes=a-b``, ``ByteRange(first=a)`` is ``bytes=a-``
    (to the end) and ``ByteRange(suffix=n)`` is ``bytes=-n`` (the last ``n`` bytes).
    """

    first: int | None = None
    last: int | None = None
    suffix: int | None = None

    def span(self, size: int) -> tuple[int, int]:
        """The inclusive ``(first, last)`` offsets this range covers in a file of ``size``.

        Raises:
            RangeNotSatisfiable: the range selects no byte of the file.
        """
        if self.suffix is not None:
            if self.suffix <= 0 or size == 0:
                raise self._unsatisfiable(size)
            return max(size - self.suffix, 0), size - 1
        first = self.first or 0
        if first >= size:
            raise self._unsatisfiable(size)
        last = size - 1 if self.last is None else min(self.last, size - 1)
        return first, last

    def _unsatisfiable(self, size: int) -> RangeNotSatisfiable:
        return RangeNotSatisfiable(
            f"The requested range is outside the file ({size} bytes)", details={"size": size}
        )
