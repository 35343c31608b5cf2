"""Plain-Python counterparts of :mod:`headwater.dataprep.cast`, for scalar references.

A scalar reference (``FunctionDef.scalar``) gets Python values (``None`` for null; ``str``,
``int``, ``float``, ``bool``, ``datetime``, ``dict`` for objects, ``list`` for arrays and
maps). It signals a row error by raising :class:`RowError` (any exception counts as one).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

from headwater.dataprep.cast import JAVA_BLANKS, parse_constant


class RowError(ValueError):
    """A function failed on this row: the expression's value is null there, with this message."""


def quoted(value: Any, limit: int = 60) -> str:
    """The counterpart of ``cast.quoted``."""
    shown = value_text(value)
    return "'" + (shown[:limit] + "…" if len(shown) > limit else shown) + "'"


def about(value: Any, what: str, limit: int = 60) -> RowError:
    """The counterpart of ``cast.about``: ``'value' <what>``, the value cut to ``limit``."""
    return RowError("'" + value_text(value)[:limit] + "'" + what)


def value_text(value: Any) -> str:
    """A scalar as Polars casts it to a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return float_text(value)
    if isinstance(value, dt.datetime):
        return _stamp_text(value)
    return str(value)


def float_text(value: float) -> str:
    """A float as Polars writes it (``1e-6``, ``0.00001``, ``1e+16``, ``NaN``)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    shown = repr(value)
    if "e" not in shown:
        return shown
    mantissa, exponent = shown.split("e")
    power = int(exponent)
    if power == -5:
        return format(Decimal(shown), "f")
    return f"{mantissa}e{'+' if power > 0 else '-'}{abs(power)}"


def text(value: Any) -> str | None:
    """The counterpart of ``cast.text``."""
    return None if value is None else value_text(value)


def number(value: Any) -> float | None:
    """The counterpart of ``cast.number``."""
    if value is None:
        return None
    if isinstance(value, str):
        parsed = parse_constant(value, integer=False)
        if parsed is None:
            raise about(value, " is not a number")
        assert isinstance(parsed, float)
        return parsed
    return float(value)


def integer(value: Any) -> int | None:
    """The counterpart of ``cast.integer``."""
    if value is None:
        return None
    if isinstance(value, str):
        parsed = parse_constant(value, integer=True)
        if parsed is None:
            raise about(value, " is not an integer")
        return int(str(parsed))
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) >= 2.0**63:
            raise about(value, " is not an integer")
        return int(value)
    return int(value)


def truthy(value: Any) -> bool:
    """The counterpart of ``cast.truthy``."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0 and not math.isnan(value)
    if isinstance(value, str):
        return value not in ("", "false")
    return True


def java_trim(value: str) -> str:
    return value.strip(JAVA_BLANKS)


def _stamp_text(value: dt.datetime) -> str:
    utc = value.astimezone(dt.UTC) if value.tzinfo else value
    text_ = utc.strftime("%Y-%m-%dT%H:%M:%S")
    micros = utc.microsecond  # chrono's %.f: 3 or 6 digits, none for whole seconds
    if micros:
        text_ += f".{micros // 1000:03d}" if micros % 1000 == 0 else f".{micros:06d}"
    return text_ + "Z"
