"""Reading an S3 object front to back in one request, for parsers that never seek.

s3fs reads a file as ranged ``GetObject`` requests of one block each (what random access
needs), on an asyncio loop in a thread of its own that must take Python's lock for every
network chunk, competing with the threads parsing and writing. A parser that reads from the
first byte to the last is better served by one request whose body a blocking botocore client
(:mod:`headwater.connectors.s3_client`) streams in large reads: no round trip per block, and
the socket reads run outside Python's lock. S3-compatible stores that read the whole object
for each range answer once.

The request is pinned to the listed version like s3fs's: ``If-Match`` with the listed ETag
(a ``412`` means the object changed), and the length the server announces must be the listed
size. A body that ends early raises a connection error (transient; the engine retries the file).
"""

from __future__ import annotations

import io
from typing import Any

from headwater.connectors.errors import FileChanged
from headwater.connectors.files import FileVersion


class S3ObjectStream(io.RawIOBase):
    """A forward-only stream over one version of an S3 object, fetched in one request.

    The request is sent when the stream is created, so a missing object, rejected
    credentials or a changed version raise at once.
    """

    def __init__(self, client: Any, bucket: str, key: str, file: FileVersion) -> None:
        super().__init__()
        self._file = file
        self._left = file.size
        request: dict[str, Any] = {"Bucket": bucket, "Key": key}
        if file.etag:
            request["IfMatch"] = f'"{file.etag}"'
        if file.size:
            request["Range"] = f"bytes=0-{file.size - 1}"
        response = client.get_object(**request)
        self._body = response["Body"]
        if int(response.get("ContentLength", file.size)) != file.size:
            self._body.close()
            raise FileChanged(
                f"Amazon S3: '{file.path}' changed after it was listed; list it again.",
                details={"action": "reading", "path": file.path},
            )

    @property
    def name(self) -> str:
        return self._file.path

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if not self._left or not len(view):
            return 0
        data: bytes = self._body.read(min(len(view), self._left))
        if not data:
            raise ConnectionError(
                f"the object ended {self._left} bytes before its listed size {self._file.size}"
            )
        view[: len(data)] = data
        self._left -= len(data)
        return len(data)

    def close(self) -> None:
        if self.closed:
            return
        try:
            self._body.close()
        finally:
            super().close()
