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

from headwater.engine.mapping.errors import ERRORS_SCHEMA, ROW_COLUMN, errors_table, shown
from headwater.engine.mapping.errors import error_rows as _error_rows

REQUIRED_MISSING = "INGEST-1555-400"
NOT_IN_ENUM = "INGEST-1556-400"
PATTERN_MISMATCH = "INGEST-1557-400"
BAD_LENGTH = "INGEST-1558-400"
OUT_OF_BOUNDS = "INGEST-1559-400"
INVALID_DATE = "INGEST-1560-400"

__all__ = ["ERRORS_SCHEMA", "ROW_COLUMN", "error_rows", "errors_table", "shown"]


def error_rows(frame: pl.DataFrame, message: pl.Expr, *, field: str, code: str) -> pl.DataFrame:
    """One ``error`` per row of ``frame`` (which has ``_hw_row``)."""
    return _error_rows(frame, message, field=field, code=code, severity="error")
