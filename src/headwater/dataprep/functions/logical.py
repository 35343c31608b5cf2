"""Logical functions (reference §6.4 "Logical"): category ``Logical operators``.

``iif`` evaluates only the branch its condition picks (an error in the other branch does not
count), with JEXL's truthiness for the condition. ``decode`` compares the key with each
candidate as ``==`` does and returns the value paired with the first equal one, else the
default (null without one). Results of different types share one: integers widen to numbers,
other mixed scalars become strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import polars as pl

from headwater.dataprep import cast, kinds, operators, reference, scalar_ops
from headwater.dataprep.functions.common import OBJECT, OBJECTS, param
from headwater.dataprep.functions.registry import FunctionDef
from headwater.dataprep.kinds import DType
from headwater.dataprep.values import ExpressionError, Value

CATEGORY = "Logical operators"


def c_iif(args: Sequence[Value]) -> Value:
    return operators.conditional(*args)


def s_iif(condition: Callable[[], Any], yes: Callable[[], Any], no: Callable[[], Any]) -> Any:
    return yes() if reference.truthy(condition()) else no()


def c_decode(args: Sequence[Value]) -> Value:
    if len(args) < 3:
        raise ExpressionError("decode needs a key, then at least one candidate and its value")
    key, rest = args[0], list(args[1:])
    default = rest.pop() if len(rest) % 2 else None
    candidates, results = rest[0::2], rest[1::2]
    outcomes = [*results, default] if default is not None else results
    dtype, typed = operators.unify(outcomes, "The results of decode")
    tests = [operators.equal(key, candidate) for candidate in candidates]
    chain: Any = pl
    for test, result in zip(tests, typed, strict=False):
        chain = chain.when(test.expr).then(result.expr)
    fallback = typed[-1].expr if default is not None else pl.lit(None, dtype=dtype)
    expr = chain.otherwise(fallback)
    errors = cast.merge_errors(test.error for test in tests)
    return Value(expr, dtype, errors)


def s_decode(key: Any, *rest: Any) -> Any:
    items = list(rest)
    default = items.pop() if len(items) % 2 else None
    for candidate, result in zip(items[0::2], items[1::2], strict=True):
        if scalar_ops.binary("==", key, candidate, (_type(key), _type(candidate))):
            return result
    return default


def _type(value: Any) -> DType:
    """The language's type of a Python value (what the compiler would have seen)."""
    if value is None:
        return kinds.NULL
    if isinstance(value, bool):
        return kinds.BOOLEAN
    if isinstance(value, int):
        return kinds.INTEGER
    if isinstance(value, float):
        return kinds.NUMBER
    if isinstance(value, dt.datetime):
        return kinds.DATE_TIME
    return kinds.STRING if isinstance(value, str) else pl.Object()


FUNCTIONS: tuple[FunctionDef, ...] = (
    FunctionDef(
        name="decode",
        category=CATEGORY,
        description="Given a key and pairs of candidate and value, the value of the first "
        "candidate equal to the key; else the default (the last argument when their number "
        "is even), or null.",
        syntax="T decode(Object, Object...)",
        return_type=OBJECT,
        example='decode(stateCode, "ca", "California", "pa", "Pennsylvania", "N/A")',
        result='"California" (when stateCode is "ca")',
        params=(
            param("KEY", "The value to match.", OBJECT),
            param(
                "OPTIONS",
                "Candidate, value pairs, then an optional default.",
                OBJECTS,
                variadic=True,
            ),
        ),
        compile=c_decode,
        scalar=s_decode,
    ),
    FunctionDef(
        name="iif",
        category=CATEGORY,
        description="TRUE_VALUE where the condition holds, else FALSE_VALUE; only the chosen "
        "one is evaluated.",
        syntax="T iif(Boolean, T, T)",
        return_type=OBJECT,
        example='iif("s".equalsIgnoreCase("S"), "True", "False")',
        result='"True"',
        params=(
            param("EXPRESSION", "The condition.", "java.lang.Boolean"),
            param("TRUE_VALUE", "The result where the condition holds.", OBJECT),
            param("FALSE_VALUE", "The result elsewhere.", OBJECT),
        ),
        compile=c_iif,
        scalar=s_iif,
        lazy=True,
    ),
)
