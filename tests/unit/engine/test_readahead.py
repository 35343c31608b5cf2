"""Reading ahead of the parser: the same bytes, errors where they happen, bounded blocks."""

from __future__ import annotations

import io
from typing import Any

import pytest

from headwater import formats
from headwater.connectors.errors import SourceUnavailable
from headwater.engine.readahead import ReadAhead, reads_sequentially


def test_the_bytes_are_those_of_the_stream_whatever_the_read_sizes() -> None:
    data = bytes(range(256)) * 4_000
    with ReadAhead(io.BytesIO(data), block=1_000) as stream:
        parts = [stream.read(333), stream.read(5_000), stream.read()]
    assert b"".join(parts) == data


class Breaking(io.BytesIO):
    def read(self, size: int | None = -1) -> bytes:
        if self.tell() >= 3_000:
            raise SourceUnavailable("connection reset")
        return super().read(size)


def test_an_error_of_the_stream_is_raised_where_the_reader_reaches_it() -> None:
    got: list[bytes] = []

    def read_all(stream: ReadAhead) -> None:
        while chunk := stream.read(1_000):
            got.append(chunk)

    with (
        ReadAhead(Breaking(b"x" * 10_000), block=1_000) as stream,
        pytest.raises(SourceUnavailable),
    ):
        read_all(stream)
    assert b"".join(got) == b"x" * 3_000  # every byte before the failure, then the failure


def test_closing_closes_the_stream() -> None:
    inner = io.BytesIO(b"abc" * 1_000_000)
    stream = ReadAhead(inner, block=10)
    stream.read(5)
    stream.close()
    assert inner.closed and stream.closed


@pytest.mark.parametrize(
    ("data", "codec", "expected"),
    [
        ({"format": "delimited"}, None, True),
        ({"format": "json"}, "gzip", True),
        ({"format": "delimited"}, "zipDeflate", False),  # zip reads its directory at the end
        ({"format": "parquet"}, None, False),  # so does Parquet, its footer
        ({"format": "delimited"}, "tarGzip", False),
    ],
)
def test_only_formats_read_front_to_back_are_read_ahead(
    data: dict[str, Any], codec: str | None, expected: bool
) -> None:
    assert reads_sequentially(formats.options_from_source(data), codec) is expected
