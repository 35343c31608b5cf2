"""The operators over Python values: the reference of :mod:`headwater.dataprep.operators`.

``&&``, ``||`` and ``? :`` are evaluated lazily by the scalar evaluator itself. Operand types
are the compiler's (the same decisions as the vectorised operators).
"""

from __future__ import annotations

import math
from typing import Any

from headwater.dataprep import kinds, reference
from headwater.dataprep.cast import parse_constant
from headwater.dataprep.kinds import DType
from headwater.dataprep.reference import RowError


def binary(op: str, left: Any, right: Any, types: tuple[DType, DType]) -> Any:
    """``left op right`` for the comparison and arithmetic operators."""
    if op in ("==", "!=", "<", ">", "<=", ">="):
        return _compare(op, left, right, types)
    if op == "+" and any(kinds.is_string(t) for t in types):
        a, b = reference.text(left), reference.text(right)
        return None if a is None and b is None else (a or "") + (b or "")
    return _arithmetic(op, left, right, types)


def unary(op: str, value: Any, dtype: DType) -> Any:
    """``-x``, ``!x`` or ``~x``."""
    if op == "!":
        return not reference.truthy(value)
    if op == "~":
        number = reference.integer(_operand(value, dtype))
        return None if number is None else ~number
    operand = _operand(value, dtype)
    return None if operand is None else -operand


def _operand(value: Any, dtype: DType) -> Any:
    if value is None or kinds.is_integer(dtype):
        return value
    return reference.number(value)


def _arithmetic(op: str, left: Any, right: Any, types: tuple[DType, DType]) -> Any:
    x, y = _operand(left, types[0]), _operand(right, types[1])
    integral = all(kinds.is_integer(t) or kinds.is_null(t) for t in types)
    if x is None or y is None:
        return None
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if y == 0:
        raise RowError("Division by zero")
    if op == "/":
        if not integral:
            return x / y
        quotient = abs(x) // abs(y)
        return quotient if (x < 0) == (y < 0) else -quotient
    if integral:
        remainder = abs(x) % abs(y)
        return -remainder if x < 0 else remainder
    return math.fmod(x, y)


def _compare(op: str, left: Any, right: Any, types: tuple[DType, DType]) -> Any:
    a, b = types
    if kinds.is_null(a) or kinds.is_null(b):
        other = right if kinds.is_null(a) else left
        if op in ("==", "!="):
            return (other is None) == (op == "==")
        return None
    x, y = _comparable(left, right, a, b)
    if op == "==":
        return x == y
    if op == "!=":
        return x != y
    if x is None or y is None:
        return None
    return {"<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y}[op]


def _comparable(left: Any, right: Any, a: DType, b: DType) -> tuple[Any, Any]:
    if (kinds.is_integer(a) and kinds.is_integer(b)) or (kinds.is_string(a) and kinds.is_string(b)):
        return left, right
    numeric = all(kinds.is_number(t) or kinds.is_string(t) for t in (a, b))
    if numeric:
        return _float(left), _float(right)
    if kinds.is_scalar(a) and kinds.is_scalar(b) and (kinds.is_string(a) or kinds.is_string(b)):
        return reference.text(left), reference.text(right)
    return left, right


def _float(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        parsed = parse_constant(value, integer=False)
        return None if parsed is None else float(str(parsed))
    return float(value)
