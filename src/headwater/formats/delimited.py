"""Delimited text (CSV, TSV, …) → Arrow record batches, with pyarrow's streaming CSV reader.

Decisions (the mapping stage applies the platform's type rules later):

* every column is read as ``string``; the values in ``null_values`` (by default the empty
  string, quoted or not) become null;
* quoted fields may hold delimiters, doubled quotes and line breaks; blank lines are skipped;
* column names come from the header row, made unique by :func:`~headwater.formats.rows.unique_names`
  (empty → ``_c<i>``, repeats → ``<name>_2``…); without a header they are ``_c0, _c1, …``;
* ISO-8859-1 input is transcoded to UTF-8; invalid UTF-8 under UTF-8 raises :class:`CorruptFile`;
* a record with too few or too many fields goes to ``on_bad_row`` with its number and text and
  is left out (its number is not reused); without a handler it raises :class:`CorruptFile`;
* a quoted field left open at the end of the file raises :class:`CorruptFile` (detected when the
  file has an odd number of quote characters and its last field runs over a line break; not
  checked when an escape character is set);
* an empty file yields nothing; a header-only file yields one empty batch carrying the columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]

from headwater.formats.errors import CorruptFile
from headwater.formats.options import DelimitedOptions
from headwater.formats.rows import (
    BadRow,
    BadRowHandler,
    row_numbers_skipping,
    split,
    unique_names,
    with_row_numbers,
)

BLOCK_SIZE = 1 << 20
"""Bytes parsed per block by pyarrow (one Arrow batch per block before re-slicing)."""

_ARROW_ENCODING = {"UTF-8": "utf8", "ISO-8859-1": "latin1"}


class _QuoteCounter:
    """A reader counting quote bytes (to spot a quote left open at the end) that fills reads.

    pyarrow's CSV reader takes a short read for a whole block and fails on a header cut in
    two, so ``read(n)`` returns ``n`` bytes unless the stream ends.
    """

    def __init__(self, inner: BinaryIO, quote: str | None) -> None:
        self._inner = inner
        self._quote = quote.encode("ascii") if quote else b""
        self.quotes = 0
        self.closed = False

    def read(self, size: int = -1) -> bytes:
        data = self._inner.read(size)
        if 0 < len(data) < size:
            buffer = bytearray(data)
            while len(buffer) < size and (more := self._inner.read(size - len(buffer))):
                buffer += more
            data = bytes(buffer)
        if self._quote:
            self.quotes += data.count(self._quote)
        return data

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.closed = True


class _BadRows:
    """pyarrow's ``invalid_row_handler``: records rejected rows; skips or stops on them."""

    def __init__(self, source: str, *, header: bool, keep_going: bool) -> None:
        self._source = source
        self._offset = 1 if header else 0
        self._keep_going = keep_going
        self.rows: list[BadRow] = []

    def __call__(self, row: Any) -> str:
        number = row.number - self._offset if row.number is not None else None
        message = f"expected {row.expected_columns} fields, found {row.actual_columns}"
        self.rows.append(BadRow(self._source, number, row.text, message))
        return "skip" if self._keep_going else "error"

    def numbers(self) -> list[int]:
        return [row.row_number or 0 for row in self.rows]

    def deliver(self, count: int, handler: BadRowHandler | None) -> None:
        delivered, self.rows = self.rows[:count], self.rows[count:]
        if handler is not None:
            for row in delivered:
                handler(row)


def _corrupt(exc: BaseException, source: str, bad: _BadRows) -> CorruptFile:
    if bad.rows:
        row = bad.rows[0]
        return CorruptFile(source, f"malformed record: {row.message}", row=row.row_number)
    if isinstance(exc, UnicodeError):
        return CorruptFile(source, f"text is not valid UTF-8: {exc}")
    return CorruptFile(source, f"cannot parse delimited data: {exc}")


def _open(stream: _QuoteCounter, options: DelimitedOptions, bad: _BadRows, source: str) -> Any:
    read = pacsv.ReadOptions(
        use_threads=False,  # row numbers of invalid rows are only known when single-threaded
        block_size=BLOCK_SIZE,
        encoding=_ARROW_ENCODING[options.encoding],
        autogenerate_column_names=not options.header,
    )
    parse = pacsv.ParseOptions(
        delimiter=options.delimiter,
        quote_char=options.quote or False,
        escape_char=options.escape or False,
        double_quote=True,
        newlines_in_values=True,
        ignore_empty_lines=True,
        invalid_row_handler=bad,
    )
    convert = pacsv.ConvertOptions(
        default_column_type=pa.string(),
        null_values=list(options.null_values),
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )
    try:
        return pacsv.open_csv(
            stream, read_options=read, parse_options=parse, convert_options=convert
        )
    except pa.ArrowInvalid as exc:
        if "Empty CSV file" in str(exc):
            return None
        raise _corrupt(exc, source, bad) from exc
    except (pa.ArrowException, UnicodeError) as exc:
        raise _corrupt(exc, source, bad) from exc


def _arrow_batches(reader: Any, source: str, bad: _BadRows) -> Iterator[pa.RecordBatch]:
    while True:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            return
        except (pa.ArrowException, UnicodeError) as exc:
            raise _corrupt(exc, source, bad) from exc
        yield batch


def _check_open_quote(
    counter: _QuoteCounter, options: DelimitedOptions, last: pa.RecordBatch | None, source: str
) -> None:
    if counter.quotes % 2 == 0 or options.escape is not None or last is None:
        return
    if last.num_rows == 0 or last.num_columns < 2:
        return
    value = last.column(last.num_columns - 2)[last.num_rows - 1].as_py()
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        row = last.column(last.num_columns - 1)[last.num_rows - 1].as_py()
        raise CorruptFile(source, "quoted field is not closed before the end of the file", row=row)


def read_delimited(
    stream: BinaryIO,
    options: DelimitedOptions,
    *,
    source: str,
    batch_rows: int,
    on_bad_row: BadRowHandler | None = None,
) -> Iterator[pa.RecordBatch]:
    """Read delimited text as batches of string columns plus ``_hw_row``.

    Args:
        stream: The decoded bytes of one file or archive member.
        options: Delimiter, quoting, header and encoding.
        source: The name used in errors and bad rows.
        batch_rows: The maximum number of rows per batch.
        on_bad_row: Receives each record with the wrong number of fields; without it such a
            record raises :class:`CorruptFile`.

    Yields:
        Record batches; ``_hw_row`` is the 1-based data-row number (header not counted).

    Raises:
        CorruptFile: for undecodable text, malformed quoting, or (without ``on_bad_row``) a record
            with the wrong number of fields.
    """
    counter = _QuoteCounter(stream, options.quote)
    bad = _BadRows(source, header=options.header, keep_going=on_bad_row is not None)
    reader = _open(counter, options, bad, source)
    if reader is None:
        return
    try:
        yield from _read_open(reader, counter, options, bad, source, batch_rows, on_bad_row)
    finally:
        # An open reader keeps read-ahead tasks in Arrow's pool: a process could hang at exit.
        reader.close()


def _read_open(
    reader: Any,
    counter: _QuoteCounter,
    options: DelimitedOptions,
    bad: _BadRows,
    source: str,
    batch_rows: int,
    on_bad_row: BadRowHandler | None,
) -> Iterator[pa.RecordBatch]:
    names = _names(reader.schema.names, header=options.header)
    start, last = 1, None
    for batch in _arrow_batches(reader, source, bad):
        numbers, used = row_numbers_skipping(start, batch.num_rows, bad.numbers())
        bad.deliver(used, on_bad_row)
        if batch.num_rows:
            start = numbers[-1].as_py() + 1
            last = with_row_numbers(batch, numbers, names)
            yield from split(last, batch_rows)
    bad.deliver(len(bad.rows), on_bad_row)
    _check_open_quote(counter, options, last, source)
    if last is None:
        empty = pa.RecordBatch.from_pylist([], schema=reader.schema)
        yield with_row_numbers(empty, pa.array([], pa.int64()), names)


def _names(names: list[str], *, header: bool) -> list[str]:
    if header:
        return unique_names(names)
    return [f"_c{index}" for index in range(len(names))]
