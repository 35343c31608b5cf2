"""Row errors of the validate stage: codes and the table shape (the map stage's shape).

Only ``INGEST-1555-400`` (a required field missing or null) is a documented platform code
(reference §5.3); the others are headwater's, in the same form. Every validation error
rejects its row (severity ``error``).

================  ============================================================
code              meaning
================  ============================================================
INGEST-1555-400   a required field is missing or null (its object is present)
INGEST-1556-400   a value is not one of the field's ``enum`` values
INGEST-1557-400   a string does not match the field's ``pattern``
INGEST-1558-400   a string is shorter than ``minLength`` or longer than ``maxLength``
INGEST-1559-400   a number is below ``minimum`` or above ``maximum``
INGEST-1560-400   a date or date-time is not valid (unparsable text, year not 1-9999)
================  ============================================================
"""

from __future__ import annotations

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

ROW_COLUMN = "_hw_row"
REQUIRED_MISSING = "INGEST-1555-400"
NOT_IN_ENUM = "INGEST-1556-400"
PATTERN_MISMATCH = "INGEST-1557-400"
BAD_LENGTH = "INGEST-1558-400"
OUT_OF_BOUNDS = "INGEST-1559-400"
INVALID_DATE = "INGEST-1560-400"
ERRORS_SCHEMA = pa.schema(
    [
        pa.field("row", pa.int64(), nullable=False),
        pa.field("field", pa.string(), nullable=False),
        pa.field("code", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
        pa.field("severity", pa.string(), nullable=False),
    ]
)


def error_rows(frame: pl.DataFrame, message: pl.Expr, *, field: str, code: str) -> pl.DataFrame:
    """One ``error`` per row of ``frame`` (which has ``_hw_row``)."""
    return frame.select(
        pl.col(ROW_COLUMN).cast(pl.Int64).alias("row"),
        pl.lit(field, dtype=pl.String).alias("field"),
        pl.lit(code, dtype=pl.String).alias("code"),
        message.cast(pl.String).alias("message"),
        pl.lit("error", dtype=pl.String).alias("severity"),
    )


def errors_table(frames: list[pl.DataFrame]) -> pa.Table:
    """The errors of a batch as one table of :data:`ERRORS_SCHEMA`, in row order."""
    if not frames:
        return ERRORS_SCHEMA.empty_table()
    return pl.concat(frames).sort("row", maintain_order=True).to_arrow().cast(ERRORS_SCHEMA)


def shown(value: pl.Expr, limit: int = 80) -> pl.Expr:
    """A value as text for a message, cut to ``limit`` characters."""
    text = value.cast(pl.String)
    cut = text.str.slice(0, limit) + "…"
    return pl.when(text.str.len_chars() > limit).then(cut).otherwise(text)
