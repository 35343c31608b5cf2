"""Previews read only the start of a file, even a large compressed one, through any connector."""

from __future__ import annotations

import gzip
import io
import random
from pathlib import Path
from typing import Any, BinaryIO

from headwater.connectors.files import FileVersion
from headwater.connectors.landing_zone_io import LandingZoneConnector
from headwater.services.explore import ExploreQuery, explore
from headwater.services.explore.head import LinesHead

CONTAINER = "dlz-user-container"


class CountingConnector(LandingZoneConnector):
    """The landing-zone connector, counting the bytes callers read from the files it opens."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.bytes_read = 0

    def open(self, file: FileVersion, *, sequential: bool = False) -> BinaryIO:
        stream = super().open(file)
        connector = self
        real_read, real_readinto = stream.read, getattr(stream, "readinto", None)

        def read(size: int = -1) -> bytes:
            data = real_read(size)
            connector.bytes_read += len(data)
            return data

        stream.read = read  # type: ignore[method-assign]
        if real_readinto is not None:

            def readinto(buffer: Any) -> int:
                count = int(real_readinto(buffer))
                connector.bytes_read += count
                return count

            stream.readinto = readinto  # type: ignore[attr-defined]
        return stream


def big_gzip_csv(rows: int) -> bytes:
    rng = random.Random(7)
    text = io.StringIO()
    text.write("Id,Token\n")
    for i in range(rows):
        text.write(f"{i},{rng.getrandbits(128):032x}\n")  # random: gzip cannot shrink it much
    return gzip.compress(text.getvalue().encode(), compresslevel=1)


def test_a_large_gzip_file_is_previewed_from_its_first_bytes(tmp_path: Path) -> None:
    root = tmp_path / CONTAINER
    root.mkdir()
    data = big_gzip_csv(400_000)
    (root / "big.csv.gz").write_bytes(data)
    connector = CountingConnector(root)
    for query in (
        ExploreQuery("file", "big.csv.gz", file_type="delimited", preview=True),
        ExploreQuery("file", "big.csv.gz", determine_properties=True, preview=True),
    ):
        connector.bytes_read = 0
        body = explore(connector, query)
        assert isinstance(body, dict)
        assert [row["Id"] for row in body["data"]] == [str(i) for i in range(100)]
        # 4 MiB of text (PREVIEW_BYTES) is about a quarter of this file once compressed.
        assert connector.bytes_read < len(data) / 3, (connector.bytes_read, len(data))


def test_the_head_of_a_text_stream_ends_at_a_line_end() -> None:
    text = b"h\n" + b"".join(b"%05d,abcdefgh\n" % i for i in range(1000))
    for limit in (1, 5, 100, 1234, len(text) - 1, len(text), 10 * len(text)):
        head = LinesHead(io.BytesIO(text), limit).read()
        assert text.startswith(head)
        assert len(head) >= min(limit, len(text))
        assert head.endswith(b"\n") and len(head) - text.rfind(b"\n", 0, limit) <= 16
    assert LinesHead(io.BytesIO(b"no newline at all"), 3).read() == b"no newline at all"
    assert LinesHead(io.BytesIO(b""), 3).read() == b""
