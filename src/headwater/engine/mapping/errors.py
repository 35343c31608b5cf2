"""Row errors of the map stage: the table shape and the codes.

The platform documents only a few ingestion codes (reference §5.3: ``INGEST-1555-400`` for a
missing required field, ``1401`` for an unreadable row); the mapper's codes below are
headwater's own, in the same ``SERVICE-NNNN-STATUS`` form.

=================  ========  ==============================================================
code               severity  meaning
=================  ========  ==============================================================
MAPPER-3700-400    warning   a value cannot be converted to its field's XDM type (set null)
MAPPER-3701-400    warning   a value converts but is out of the XDM type's range (set null)
MAPPER-3702-400    error     the source's type can never convert to the field's type
                             (a boolean to a number, an object to a string, ...)
MAPPER-3703-400    warning   a calculated field (``EXPRESSION``) failed on this row
                             (``to_integer("abc")``, a division by zero): set null
=================  ========  ==============================================================

Transformation errors null the field and keep the row (Data Prep's rule: they are warnings);
the validate stage rejects the row if the field was required. A type incompatibility makes
the row invalid XDM: the row is rejected.
"""

from __future__ import annotations

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

ROW_COLUMN = "_hw_row"
CONVERSION_FAILED = "MAPPER-3700-400"
OUT_OF_RANGE = "MAPPER-3701-400"
TYPE_MISMATCH = "MAPPER-3702-400"
EXPRESSION_FAILED = "MAPPER-3703-400"
WARNING = "warning"
ERROR = "error"
ERRORS_SCHEMA = pa.schema(
    [
        pa.field("row", pa.int64(), nullable=False),
        pa.field("field", pa.string(), nullable=False),
        pa.field("code", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
        pa.field("severity", pa.string(), nullable=False),
    ]
)


def error_rows(
    frame: pl.DataFrame, message: pl.Expr, *, field: str, code: str, severity: str
) -> pl.DataFrame:
    """One error per row of ``frame`` (which has ``_hw_row``), with a per-row message."""
    return frame.select(
        pl.col(ROW_COLUMN).cast(pl.Int64).alias("row"),
        pl.lit(field, dtype=pl.String).alias("field"),
        pl.lit(code, dtype=pl.String).alias("code"),
        message.cast(pl.String).alias("message"),
        pl.lit(severity, dtype=pl.String).alias("severity"),
    )


_NO_ERRORS = ERRORS_SCHEMA.empty_table()  # tables are immutable: one serves every batch


def errors_table(frames: list[pl.DataFrame]) -> pa.Table:
    """The errors of a batch as one table of :data:`ERRORS_SCHEMA`, in row order."""
    if not frames:
        return _NO_ERRORS
    return pl.concat(frames).sort("row", maintain_order=True).to_arrow().cast(ERRORS_SCHEMA)


def shown(value: pl.Expr, limit: int = 80) -> pl.Expr:
    """A value as text for a message, cut to ``limit`` characters."""
    text = value.cast(pl.String)
    return (
        pl.when(text.str.len_chars() > limit).then(text.str.slice(0, limit) + "…").otherwise(text)
    )
