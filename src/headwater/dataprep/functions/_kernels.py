"""Batch kernels for the functions that Polars expressions alone cannot compute.

Two ways out of pure Polars, both working on a whole batch inside ``map_batches``:

* :func:`duckdb_map` runs one DuckDB scalar function (``md5``, ``sha1``, ``sha256``) over the
  batch's Arrow column: native and vectorised, with no Python per row.
* :func:`map_distinct` calls a Python function once per *distinct* non-null value of the batch
  and joins the results back (``replace_strict``, a hash lookup; skipped when nothing
  repeats). It is for what only a library call per value can do: user-agent parsing, hashing
  in a charset other than UTF-8, SHA-512 and CRC-32, finding the JSON texts that do not fit
  their type. Real columns repeat (user agents, e-mail addresses), so the calls number the
  distinct values, not the rows.

:func:`text_arg` is the type check the text-taking functions share.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import duckdb
import polars as pl

from headwater.dataprep.values import ExpressionError, Value

_DUCKDB_LOCK = threading.Lock()
_DUCKDB: list[duckdb.DuckDBPyConnection] = []


def text_arg(value: Value, *, function: str, param: str) -> pl.Expr:
    """The expression of a text argument; the ``null`` literal reads as a null text.

    Raises:
        ExpressionError: The argument is not a text.
    """
    if value.dtype == pl.Null:
        return pl.lit(None, dtype=pl.String)
    if value.dtype != pl.String:
        raise ExpressionError(f"{function}: {param} must be a text, not {value.dtype}")
    return value.expr


def map_distinct(
    series: pl.Series, function: Callable[[str], Any], dtype: pl.DataType
) -> pl.Series:
    """``function`` of each value of ``series``, called once per distinct non-null value."""
    values = series.drop_nulls()
    distinct = values.unique()
    if len(distinct) < len(values):
        results = pl.Series([function(value) for value in distinct.to_list()], dtype=dtype)
        return series.replace_strict(distinct, results, default=None, return_dtype=dtype)
    # Nothing repeats: call in row order and skip the lookup.
    results = pl.Series(series.name, [function(value) for value in values.to_list()], dtype=dtype)
    if len(values) == len(series):
        return results
    out = pl.repeat(None, len(series), dtype=dtype, eager=True).rename(series.name)
    return out.scatter(series.is_not_null().arg_true(), results)


def duckdb_map(series: pl.Series, function: str) -> pl.Series:
    """DuckDB's scalar ``function`` (a trusted name, e.g. ``sha256``) over a text column."""
    cursor = _connection().cursor()  # one cursor per call: cursors are thread-safe
    try:
        cursor.register("batch", series.rename("v").to_frame().to_arrow())
        result = cursor.sql(f"SELECT {function}(v) AS r FROM batch").to_arrow_table()
    finally:
        cursor.close()
    return pl.Series(series.name, result.column("r"), dtype=pl.String)


def _connection() -> duckdb.DuckDBPyConnection:
    # Opening a database costs tens of milliseconds; a cursor of a shared one, a few.
    with _DUCKDB_LOCK:
        if not _DUCKDB:
            _DUCKDB.append(duckdb.connect())
        return _DUCKDB[0]
