"""The operators of the language, vectorised, with JEXL's meaning where it is well defined.

* ``+`` joins text when either side is a string (a null side counts as empty; both null is
  null); otherwise it adds numbers.
* ``- * / %`` take numbers; a string side is parsed as a number (a row that does not parse is
  an error). Two integers give an integer: ``/`` truncates toward zero and ``%`` has the sign
  of the dividend, as in Java. Division by zero is an error on that row.
* ``== !=`` are null-safe (``null == null`` is true); ``< > <= >=`` are null where a side is
  null. A string compared with a number is read as a number.
* ``&& || !`` and ``? :`` use JEXL's truthiness (:func:`cast.truthy`); the right side of
  ``&&``/``||`` and the branch not taken by ``? :`` report no errors (short-circuit).
* Other operand types (an object plus a number, ...) are compile-time errors.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from headwater.dataprep import cast, kinds
from headwater.dataprep.kinds import DType
from headwater.dataprep.values import ExpressionError, Value

ARITHMETIC = ("+", "-", "*", "/", "%")
COMPARISON = ("==", "!=", "<", ">", "<=", ">=")
_MIRROR = {"==": "==", "!=": "!=", "<": ">", ">": "<", "<=": ">=", ">=": "<="}


def binary(op: str, left: Value, right: Value) -> Value:
    """``left op right`` (``op`` is a symbol: word operators are mapped by the parser)."""
    if op == "&&" or op == "||":
        return _logical(op, left, right)
    if op in COMPARISON:
        return _compare(op, left, right)
    if op == "+" and (kinds.is_string(left.dtype) or kinds.is_string(right.dtype)):
        return concat([left, right])
    return _arithmetic(op, left, right)


def unary(op: str, operand: Value) -> Value:
    """``-x``, ``!x`` or ``~x``."""
    if op == "!":
        return Value(~cast.truthy(operand), kinds.BOOLEAN, operand.error)
    if op == "~":
        value = cast.integer(_numeric_operand("~", operand), "The operand of '~'")
        return Value(~value.expr, kinds.INTEGER, value.error)
    value = _numeric_operand("-", operand)
    if kinds.is_null(value.dtype):
        return value
    return Value(-value.expr, value.dtype, value.error)


def conditional(condition: Value, then: Value, otherwise: Value) -> Value:
    """``condition ? then : otherwise``: errors of a branch count only where it is taken."""
    test = cast.truthy(condition)
    dtype, (yes, no) = unify([then, otherwise], "The two results of a condition")
    expr = pl.when(test).then(yes.expr).otherwise(no.expr)
    branch_errors = cast.merge_errors(
        [
            None if yes.error is None else pl.when(test).then(yes.error),
            None if no.error is None else pl.when(~test).then(no.error),
        ]
    )
    return Value(expr, dtype, cast.merge_errors([condition.error, branch_errors]))


def unify(values: Sequence[Value], what: str) -> tuple[DType, list[Value]]:
    """A type all ``values`` can take (integers widen to numbers; mixed scalars become
    strings), and the values in it."""
    typed = [v.dtype for v in values if not kinds.is_null(v.dtype)]
    if not typed:
        return kinds.NULL, list(values)
    first = typed[0]
    if all(t == first for t in typed):
        target: DType = first
    elif all(kinds.is_number(t) for t in typed):
        target = kinds.NUMBER
    elif all(kinds.is_scalar(t) for t in typed):
        target = kinds.STRING
    else:
        names = ", ".join(sorted({kinds.kind_name(t) for t in typed}))
        raise ExpressionError(f"{what} have types that do not mix ({names})")
    return target, [_as(v, target, what) for v in values]


def equal(left: Value, right: Value) -> Value:
    """Null-safe ``left == right``, as ``==`` compares."""
    return _compare("==", left, right)


def _as(value: Value, target: DType, what: str) -> Value:
    if value.dtype == target:
        return value
    if kinds.is_null(value.dtype):
        return Value(pl.lit(None, dtype=target), target, value.error, value.constant)
    if target == kinds.STRING:
        return cast.text(value, what)
    return Value(value.expr.cast(target), target, value.error)


def _logical(op: str, left: Value, right: Value) -> Value:
    test = cast.truthy(left)
    other = cast.truthy(right)
    expr = (test & other) if op == "&&" else (test | other)
    taken = test if op == "&&" else ~test
    right_error = None if right.error is None else pl.when(taken).then(right.error)
    return Value(expr, kinds.BOOLEAN, cast.merge_errors([left.error, right_error]))


def concat(values: Sequence[Value]) -> Value:
    """``a + b + ...`` where the chain is text: one join (a null counts as empty)."""
    texts = [cast.text(value, "A side of '+'") for value in values]
    return Value(cast.joined(texts), kinds.STRING, cast.merge_errors(t.error for t in texts))


def _numeric_operand(op: str, value: Value) -> Value:
    dtype = value.dtype
    if kinds.is_null(dtype) or kinds.is_integer(dtype):
        return value
    if kinds.is_number(dtype) or kinds.is_string(dtype):
        return cast.number(value, f"An operand of '{op}'")
    raise ExpressionError(
        f"Operator '{op}' cannot be applied to {_a(kinds.kind_name(dtype))} value"
    )


def _arithmetic(op: str, left: Value, right: Value) -> Value:
    a, b = _numeric_operand(op, left), _numeric_operand(op, right)
    errors = [a.error, b.error]
    if kinds.is_null(a.dtype) and kinds.is_null(b.dtype):
        return Value(pl.lit(None), kinds.NULL, cast.merge_errors(errors))
    integral = all(kinds.is_integer(v.dtype) or kinds.is_null(v.dtype) for v in (a, b))
    target = kinds.INTEGER if integral else kinds.NUMBER
    x, y = a.expr.cast(target), b.expr.cast(target)
    if op == "+":
        return Value(x + y, target, cast.merge_errors(errors))
    if op == "-":
        return Value(x - y, target, cast.merge_errors(errors))
    if op == "*":
        return Value(x * y, target, cast.merge_errors(errors))
    zero = x.is_not_null() & (y == 0)
    errors.append(cast.failing(zero, "Division by zero"))
    if op == "/":
        quotient = _truncated_division(x, y) if integral else x / y
        result = pl.when(~zero).then(quotient)
    else:
        result = pl.when(~zero).then(_truncated_remainder(x, y))
    return Value(result, target, cast.merge_errors(errors))


def _truncated_division(x: pl.Expr, y: pl.Expr) -> pl.Expr:
    """Java's integer ``/``: the quotient rounded toward zero (Polars' ``//`` floors)."""
    floor = x // y
    inexact = (x % y != 0) & ((x < 0) != (y < 0))
    return pl.when(inexact).then(floor + 1).otherwise(floor)


def _truncated_remainder(x: pl.Expr, y: pl.Expr) -> pl.Expr:
    """Java's ``%``: the sign of the dividend (Polars' ``%`` has the divisor's)."""
    floor = x % y
    return pl.when((floor != 0) & ((floor < 0) != (x < 0))).then(floor - y).otherwise(floor)


def _compare(op: str, left: Value, right: Value) -> Value:
    errors = cast.merge_errors([left.error, right.error])
    if kinds.is_null(left.dtype) or kinds.is_null(right.dtype):
        return Value(_against_null(op, left, right), kinds.BOOLEAN, errors)
    if left.is_constant and not right.is_constant:
        # Polars 2.1 mis-sizes `literal <op> column` when the column is a when/then whose
        # condition is false on every row of the batch: keep literals on the right.
        op, left, right = _MIRROR[op], right, left
    x, y = _comparable(op, left, right)
    if op == "==":
        expr = x.eq_missing(y)
    elif op == "!=":
        expr = x.ne_missing(y)
    else:
        expr = {"<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y}[op]
    return Value(expr, kinds.BOOLEAN, errors)


def _against_null(op: str, left: Value, right: Value) -> pl.Expr:
    other = right if kinds.is_null(left.dtype) else left
    if op == "==":
        return other.expr.is_null()
    if op == "!=":
        return other.expr.is_not_null()
    return pl.lit(None, dtype=pl.Boolean)


def _comparable(op: str, left: Value, right: Value) -> tuple[pl.Expr, pl.Expr]:
    a, b = left.dtype, right.dtype
    if kinds.is_integer(a) and kinds.is_integer(b):
        return left.expr, right.expr
    numeric = (kinds.is_number(a) or kinds.is_string(a)) and (
        kinds.is_number(b) or kinds.is_string(b)
    )
    if kinds.is_string(a) and kinds.is_string(b):
        return left.expr, right.expr
    if numeric:
        return _as_float(left), _as_float(right)
    if kinds.is_date_time(a) and kinds.is_date_time(b):
        return _utc(left.expr), _utc(right.expr)
    if a == b and (kinds.is_boolean(a) or op in ("==", "!=")):
        return left.expr, right.expr
    if kinds.is_scalar(a) and kinds.is_scalar(b) and (kinds.is_string(a) or kinds.is_string(b)):
        return cast.text(left, "").expr, cast.text(right, "").expr
    raise ExpressionError(
        f"Operator '{op}' cannot compare {_a(kinds.kind_name(a))} value with "
        f"{_a(kinds.kind_name(b))} value"
    )


def _as_float(value: Value) -> pl.Expr:
    if kinds.is_string(value.dtype):
        return cast.parse_number(value, integer=False).expr
    return value.expr.cast(pl.Float64)


def _utc(expr: pl.Expr) -> pl.Expr:
    return expr.dt.convert_time_zone("UTC")


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word
