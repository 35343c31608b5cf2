"""A plain-Python reference evaluator: one record at a time, for tests of the vectorised one.

It walks the same tree over a ``dict`` record with each function's ``scalar`` reference.
Types are decided as the compiler decides them (it asks the compiler for the type of each
node), so only the values are computed independently. A row error (a function's scalar
raising, a number that does not parse, a division by zero) makes the whole expression null
with that message, as a Java exception would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import polars as pl

from headwater.dataprep import ast, kinds, reference
from headwater.dataprep.compile import Compiler
from headwater.dataprep.kinds import AnyDType, DType
from headwater.dataprep.parse import parse
from headwater.dataprep.paths import flatten
from headwater.dataprep.reference import RowError
from headwater.dataprep.scalar_ops import binary, unary


def evaluate(
    expression: str | ast.Node, record: Mapping[str, Any], schema: Mapping[str, AnyDType]
) -> tuple[Any, str | None]:
    """The value of an expression for one record, and its error message (or ``None``).

    Args:
        expression: The text or tree (it must compile against ``schema``).
        record: Field name → Python value (``None`` for null; missing means null).
        schema: The Polars types of the record's fields, as the vectorised run sees them.

    Raises:
        ExpressionError: the expression does not compile against ``schema``.
        NotImplementedError: a function has no scalar reference (``now``, ``uuid``).
    """
    tree = parse(expression) if isinstance(expression, str) else expression
    evaluator = _Evaluator(Compiler(schema), record)
    evaluator.type_of(tree)  # compile errors first, as the vectorised path raises them
    try:
        return evaluator.visit(tree), None
    except NotImplementedError:
        raise
    except Exception as error:
        return None, str(error) if isinstance(error, RowError) else _message(error)


class _Evaluator:
    def __init__(self, compiler: Compiler, record: Mapping[str, Any]) -> None:
        self.compiler = compiler
        self.record = record

    def type_of(self, node: ast.Node) -> DType:
        return self.compiler.visit(node).dtype

    def visit(self, node: ast.Node) -> Any:
        return conform(self._visit(node), self.type_of(node))

    def _visit(self, node: ast.Node) -> Any:
        if isinstance(node, ast.Literal):
            return node.value
        if isinstance(node, ast.Field | ast.Member | ast.Index | ast.Each):
            return self._path(node)
        if isinstance(node, ast.Method):
            if node.name == "get" and self.compiler.functions.get("get") is None:
                return self._path(node)
            return self._call(node.name, (node.target, *node.args))
        if isinstance(node, ast.Call):
            return self._call(node.name, node.args)
        if isinstance(node, ast.Unary):
            return unary(node.op, self.visit(node.operand), self.type_of(node.operand))
        if isinstance(node, ast.Binary):
            return self._binary(node)
        assert isinstance(node, ast.Conditional)
        taken = node.then if reference.truthy(self.visit(node.condition)) else node.otherwise
        return self.visit(taken)

    def _binary(self, node: ast.Binary) -> Any:
        left = self.visit(node.left)
        if node.op == "&&":
            return reference.truthy(left) and reference.truthy(self.visit(node.right))
        if node.op == "||":
            return reference.truthy(left) or reference.truthy(self.visit(node.right))
        right = self.visit(node.right)
        types = (self.type_of(node.left), self.type_of(node.right))
        return binary(node.op, left, right, types)

    def _call(self, name: str, arg_nodes: tuple[ast.Node, ...]) -> Any:
        function = self.compiler.functions[name]
        if function.scalar is None:
            raise NotImplementedError(f"{name} has no scalar reference")
        if function.lazy:
            thunks = [(lambda n=n: self.visit(n)) for n in arg_nodes]
            return function.scalar(*thunks)
        args = [self.visit(arg) for arg in arg_nodes]
        return function.scalar(*args)

    def _path(self, node: ast.Node) -> Any:
        root, steps = flatten(node, with_get=self.compiler.functions.get("get") is None)
        if isinstance(root, ast.Field):
            value = self.record.get(root.name)
            dtype = self.compiler.field(root.name).dtype
        else:
            value, dtype = self.visit(root), self.type_of(root)
        return self._walk(conform(value, dtype), dtype, steps)

    def _walk(self, value: Any, dtype: DType, steps: list[Any]) -> Any:
        for position, step in enumerate(steps):
            if kinds.is_null(dtype):
                return None
            if step.each:
                inner = _element_type(dtype)
                rest = steps[position + 1 :]
                return None if value is None else [self._walk(v, inner, rest) for v in value]
            if step.name is not None:
                value, dtype = _member(value, dtype, step.name)
                continue
            index = self.visit(step.index)
            keyed = isinstance(dtype, pl.Struct) or kinds.is_map(dtype)
            if keyed and kinds.is_string(self.type_of(step.index)):
                value, dtype = _member(value, dtype, index)
                continue
            number = reference.integer(index)
            inner = _element_type(dtype)
            inside = value is not None and number is not None and 0 <= number < len(value)
            value, dtype = (conform(value[number], inner) if inside else None), inner
        return value


def _member(value: Any, dtype: DType, name: str) -> tuple[Any, DType]:
    if isinstance(dtype, pl.Struct):
        fields = {one.name: one.dtype for one in dtype.fields}
        if name not in fields:
            return None, kinds.NULL
        field_type = _normal_type(fields[name])
        found = None if value is None else value.get(name)
        return conform(found, field_type), field_type
    assert isinstance(dtype, pl.List)
    assert isinstance(dtype.inner, pl.Struct)
    value_type = _normal_type({f.name: f.dtype for f in dtype.inner.fields}["value"])
    for entry in value or ():
        if entry is not None and entry.get("key") == name:
            return conform(entry.get("value"), value_type), value_type
    return None, value_type


def _element_type(dtype: DType) -> DType:
    assert isinstance(dtype, pl.List)
    return _normal_type(dtype.inner)


def _normal_type(dtype: AnyDType) -> DType:
    return kinds.normalize(pl.lit(None), dtype)[1]


def conform(value: Any, dtype: DType) -> Any:
    """A Python value as the vectorised result of type ``dtype`` holds it."""
    if value is None:
        return None
    if kinds.is_string(dtype) and not isinstance(value, str):
        return reference.value_text(value)
    if kinds.is_integer(dtype) and isinstance(value, bool | Decimal | float):
        return int(value)
    if dtype == pl.Float64 and isinstance(value, int | Decimal) and not isinstance(value, bool):
        return float(value)
    if kinds.is_date_time(dtype) and isinstance(value, dt.date):
        return _zoned(value, dtype)
    if isinstance(dtype, pl.List) and isinstance(value, list):
        inner = _normal_type(dtype.inner)
        return [conform(item, inner) for item in value]
    if isinstance(dtype, pl.Struct) and isinstance(value, dict):
        return {f.name: conform(value.get(f.name), _normal_type(f.dtype)) for f in dtype.fields}
    return value


def _zoned(value: dt.date, dtype: DType) -> dt.datetime:
    assert isinstance(dtype, pl.Datetime)
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def _message(error: Exception) -> str:
    text = str(error)
    return text if text else type(error).__name__
