"""Bytes → Arrow record batches: file formats and compression codecs.

A stored file is read as ``format ∘ codec``: :func:`open_members` decodes the compression
(``gzip``, ``bzip2``, ``deflate``, ``zipDeflate``, ``tarGzip``, ``tar``; inferable from the name
with :func:`infer_codec`) into members, and :func:`read_batches` parses each member with the
reader selected by the type of its options (:class:`DelimitedOptions`, :class:`JsonOptions`,
:class:`ParquetOptions`). :func:`read_file` composes the two. Every batch carries ``_hw_row``,
the record's 1-based number within its member. Undecodable data raises :class:`CorruptFile`;
delimited records with the wrong number of fields go to an ``on_bad_row`` callback as
:class:`BadRow`. :func:`detect_properties` sniffs type, compression and delimiter from a sample.
"""

from __future__ import annotations

from headwater.formats.compression import CODECS, Member, canonical_codec, infer_codec, open_members
from headwater.formats.detect import Detected, detect_properties, sniff_delimiter
from headwater.formats.errors import (
    CorruptFile,
    DetectionFailed,
    InvalidDelimiter,
    UnsupportedCompression,
    UnsupportedEncoding,
    UnsupportedFormat,
)
from headwater.formats.options import (
    DelimitedOptions,
    FormatOptions,
    JsonOptions,
    ParquetOptions,
    compression_from_source,
    options_from_source,
)
from headwater.formats.read import DEFAULT_BATCH_ROWS, read_batches, read_file
from headwater.formats.rows import ROW_COLUMN, BadRow, BadRowHandler, unique_names

__all__ = [
    "CODECS",
    "DEFAULT_BATCH_ROWS",
    "ROW_COLUMN",
    "BadRow",
    "BadRowHandler",
    "CorruptFile",
    "DelimitedOptions",
    "Detected",
    "DetectionFailed",
    "FormatOptions",
    "InvalidDelimiter",
    "JsonOptions",
    "Member",
    "ParquetOptions",
    "UnsupportedCompression",
    "UnsupportedEncoding",
    "UnsupportedFormat",
    "canonical_codec",
    "compression_from_source",
    "detect_properties",
    "infer_codec",
    "open_members",
    "options_from_source",
    "read_batches",
    "read_file",
    "sniff_delimiter",
    "unique_names",
]
