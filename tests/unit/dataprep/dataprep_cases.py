"""Running expressions over small frames in tests (vectorised and scalar)."""

from __future__ import annotations

from typing import Any

import polars as pl

from headwater.dataprep import compile_expression, evaluate


def frame_of(columns: dict[str, Any] | None = None) -> pl.DataFrame:
    """A frame of ``columns`` (one row with no columns when none are given)."""
    if not columns:
        return pl.DataFrame({"_": [0]})
    return pl.DataFrame(columns, strict=False)


def rows(expression: str, columns: dict[str, Any] | None = None) -> list[tuple[Any, str | None]]:
    """(value, error) per row, computed by the vectorised compiler; errored rows are null."""
    frame = frame_of(columns)
    value = compile_expression(expression, frame.schema)
    error = value.error if value.error is not None else pl.lit(None, dtype=pl.String)
    out = frame.with_columns(value.expr.alias("__v"), error.alias("__e"))
    return [
        (None if e is not None else v, e)
        for v, e in zip(out["__v"].to_list(), out["__e"].to_list(), strict=True)
    ]


def values(expression: str, columns: dict[str, Any] | None = None) -> list[Any]:
    """The values per row; fails if a row has an error."""
    found = rows(expression, columns)
    assert all(e is None for _, e in found), found
    return [v for v, _ in found]


def value(expression: str, columns: dict[str, Any] | None = None) -> Any:
    """The value of the first row (no error)."""
    return values(expression, columns)[0]


def error(expression: str, columns: dict[str, Any] | None = None) -> str | None:
    """The error of the first row."""
    return rows(expression, columns)[0][1]


def scalar_rows(expression: str, columns: dict[str, Any] | None = None) -> list[tuple[Any, Any]]:
    """(value, error) per row, computed by the scalar reference evaluator."""
    frame = frame_of(columns)
    return [evaluate(expression, record, frame.schema) for record in frame.to_dicts()]


def agree(expression: str, columns: dict[str, Any] | None = None) -> list[Any]:
    """Vectorised and scalar results agree (values, and which rows fail); returns values."""
    vectorised, scalar = rows(expression, columns), scalar_rows(expression, columns)
    assert [v for v, _ in vectorised] == [v for v, _ in scalar], (vectorised, scalar)
    assert [e for _, e in vectorised] == [e for _, e in scalar], (vectorised, scalar)
    return [v for v, _ in vectorised]
