"""Errors of the formats library, all under :class:`headwater.errors.HeadwaterError`.

    BadRequest
    ├── CorruptFile              a file (or archive member) cannot be decoded or parsed
    ├── DetectionFailed   1375   file properties could not be determined from a sample
    └── InvalidField
        ├── UnsupportedFormat        1327   ``data.format`` is not a file format we read
        ├── InvalidDelimiter         1331   delimiter/quote/escape is not one ASCII character
        ├── UnsupportedCompression   1000   unknown ``compressionType``
        └── UnsupportedEncoding      1000   unknown ``encoding``

A :class:`CorruptFile` fails the file it was raised for; the engine discards the rows it had
already produced for that file. Its ``code`` is the platform's ``CONNECTOR-2001`` ("error while
processing the copied data"); ``details`` carries ``source`` and, when known, ``row`` (1-based
record number) or ``byte`` (offset in the decompressed stream).
"""

from __future__ import annotations

from headwater.errors import BadRequest, InvalidField

CORRUPT_FILE = "2001"
UNSUPPORTED_FORMAT = "1327"
MULTI_CHAR_DELIMITER = "1331"
DETECTION_FAILED = "1375"
INVALID_VALUE = "1000"
ROW_CORRUPT = "1401"
"""Row-level code of the platform for a row that cannot be parsed (see :class:`BadRow`)."""


class CorruptFile(BadRequest):
    """A file or archive member that cannot be decoded or parsed."""

    default_code = CORRUPT_FILE
    title = "Corrupt file"

    def __init__(
        self, source: str, problem: str, *, row: int | None = None, byte: int | None = None
    ) -> None:
        where = f" at row {row}" if row is not None else ""
        where += f" at byte {byte}" if byte is not None else ""
        details: dict[str, object] = {"source": source}
        if row is not None:
            details["row"] = row
        if byte is not None:
            details["byte"] = byte
        super().__init__(f"{source}{where}: {problem}", details=details)
        self.source = source
        self.row = row
        self.byte = byte


class DetectionFailed(BadRequest):
    """The properties of a file could not be determined from its first bytes."""

    default_code = DETECTION_FAILED
    title = "File properties could not be detected"


class UnsupportedFormat(InvalidField):
    """``data.format`` names no file format headwater reads."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(
            field,
            f"unsupported format {value!r}; expected one of delimited, json, parquet, parquet_xdm",
            code=UNSUPPORTED_FORMAT,
        )


class InvalidDelimiter(InvalidField):
    """A delimiter, quote or escape that is not exactly one ASCII character."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(
            field, f"must be a single ASCII character, got {value!r}", code=MULTI_CHAR_DELIMITER
        )


class UnsupportedCompression(InvalidField):
    """A ``compressionType`` that is not one of the platform's codecs."""

    def __init__(self, value: object, *, field: str = "data.properties.compressionType") -> None:
        super().__init__(
            field,
            f"unsupported compression type {value!r}; expected one of "
            "bzip2, gzip, deflate, zipDeflate, tarGzip, tar",
            code=INVALID_VALUE,
        )


class UnsupportedEncoding(InvalidField):
    """An ``encoding`` other than UTF-8 and ISO-8859-1."""

    def __init__(self, value: object, *, field: str = "data.properties.encoding") -> None:
        super().__init__(
            field,
            f"unsupported encoding {value!r}; expected UTF-8 or ISO-8859-1",
            code=INVALID_VALUE,
        )
