"""Format options (one frozen dataclass per format) and their construction from a source's ``data``.

Readers are keyed by the type of their options (see :mod:`headwater.formats.read`). Compression is
not part of the format: it is composed separately (:mod:`headwater.formats.compression`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from headwater.formats.compression import canonical_codec
from headwater.formats.errors import InvalidDelimiter, UnsupportedEncoding, UnsupportedFormat

Encoding: TypeAlias = Literal["UTF-8", "ISO-8859-1"]

_ENCODINGS: dict[str, Encoding] = {
    "utf-8": "UTF-8",
    "utf8": "UTF-8",
    "iso-8859-1": "ISO-8859-1",
    "iso8859-1": "ISO-8859-1",
    "iso_8859_1": "ISO-8859-1",
    "latin1": "ISO-8859-1",
    "latin-1": "ISO-8859-1",
}


def _check_char(field: str, value: str | None, *, optional: bool) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str) or len(value) != 1 or not value.isascii() or value in "\r\n":
        raise InvalidDelimiter(field, value)


@dataclass(frozen=True, slots=True)
class DelimitedOptions:
    """Options of delimited text (CSV, TSV, any one-character delimiter).

    Attributes:
        delimiter: The column delimiter, one ASCII character (``"\\t"`` for TSV).
        quote: The quote character, or ``None`` to disable quoting.
        escape: An escape character (``\\"`` style), or ``None`` (quotes are doubled: ``""``).
        header: Whether the first row holds the column names.
        encoding: ``UTF-8`` or ``ISO-8859-1`` (transcoded to UTF-8 while reading).
        null_values: Values read as null. By default the empty string (quoted or not).
    """

    delimiter: str = ","
    quote: str | None = '"'
    escape: str | None = None
    header: bool = True
    encoding: Encoding = "UTF-8"
    null_values: tuple[str, ...] = ("",)

    def __post_init__(self) -> None:
        _check_char("data.properties.columnDelimiter", self.delimiter, optional=False)
        _check_char("quote", self.quote, optional=True)
        _check_char("escape", self.escape, optional=True)
        if self.quote is not None and self.quote == self.delimiter:
            raise InvalidDelimiter("quote", self.quote)
        if self.encoding not in ("UTF-8", "ISO-8859-1"):
            raise UnsupportedEncoding(self.encoding)


@dataclass(frozen=True, slots=True)
class JsonOptions:
    """Options of JSON files.

    Attributes:
        multiline: ``False`` for JSON Lines, ``True`` for multi-line documents (pretty-printed
            objects, or a top-level array of objects), ``None`` to detect from the content. A file
            whose first non-space byte is ``[`` is always read as an array.
    """

    multiline: bool | None = None


@dataclass(frozen=True, slots=True)
class ParquetOptions:
    """Options of Parquet files.

    Attributes:
        xdm: The source declared ``parquet_xdm`` (XDM-shaped Parquet ingested without mapping).
    """

    xdm: bool = False


FormatOptions: TypeAlias = DelimitedOptions | JsonOptions | ParquetOptions


def normalize_encoding(value: object, *, field: str = "data.properties.encoding") -> Encoding:
    """Return the platform spelling of an encoding name (``utf8`` → ``UTF-8``).

    Raises:
        UnsupportedEncoding: for anything other than UTF-8 or ISO-8859-1.
    """
    encoding = _ENCODINGS.get(value.strip().lower()) if isinstance(value, str) else None
    if encoding is None:
        raise UnsupportedEncoding(value, field=field)
    return encoding


def _properties(data: Mapping[str, Any]) -> Mapping[str, Any]:
    properties = data.get("properties")
    return properties if isinstance(properties, Mapping) else {}


def _delimiter(data: Mapping[str, Any]) -> str:
    properties = _properties(data)
    if "columnDelimiter" in properties:
        field, value = "data.properties.columnDelimiter", properties["columnDelimiter"]
    else:
        field, value = "data.columnDelimiter", data.get("columnDelimiter", ",")
    if value == "\\t":
        value = "\t"
    _check_char(field, value, optional=False)
    return str(value)


def _delimited_from(data: Mapping[str, Any]) -> DelimitedOptions:
    properties = _properties(data)
    raw = properties.get("encoding", data.get("encoding"))
    encoding = normalize_encoding(raw) if raw is not None else "UTF-8"
    return DelimitedOptions(delimiter=_delimiter(data), encoding=encoding)


def options_from_source(data: Mapping[str, Any]) -> FormatOptions:
    """Build the format options of a source connection from its ``data`` object.

    Reads ``format`` (``delimited`` | ``json`` | ``parquet`` | ``parquet_xdm``, any case), the
    ``columnDelimiter`` (at ``data.columnDelimiter`` or ``data.properties.columnDelimiter``;
    the two-character text ``\\t`` means a tab) and ``encoding``.

    Args:
        data: The ``data`` object of a source connection.

    Returns:
        The options object whose type selects the reader.

    Raises:
        UnsupportedFormat: for a missing or unknown format (``1327``).
        InvalidDelimiter: for a delimiter that is not one ASCII character (``1331``).
        UnsupportedEncoding: for an encoding other than UTF-8/ISO-8859-1.
    """
    fmt = data.get("format")
    name = fmt.strip().lower() if isinstance(fmt, str) else None
    if name == "delimited":
        return _delimited_from(data)
    if name == "json":
        return JsonOptions()
    if name in ("parquet", "parquet_xdm"):
        return ParquetOptions(xdm=name == "parquet_xdm")
    raise UnsupportedFormat("data.format", fmt)


def compression_from_source(data: Mapping[str, Any]) -> str | None:
    """Return the canonical codec named by ``data.properties.compressionType`` (or ``None``).

    Raises:
        UnsupportedCompression: for an unknown compression type.
    """
    value = _properties(data).get("compressionType", data.get("compressionType"))
    if value is None or value == "":
        return None
    return canonical_codec(value)
