"""Syntax tree → one vectorised :class:`~headwater.dataprep.values.Value` over an input batch.

Fields resolve against the batch's Polars schema; a field the batch lacks is null (the
platform maps a missing source as null). Function names, arity and argument types are checked
here: problems are :class:`~headwater.dataprep.values.ExpressionError` with the position of the
node at fault. Argument errors are merged into the call's (first argument first), except for
``lazy`` functions, which merge them for the rows that use each argument.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

import polars as pl

from headwater.dataprep import ast, cast, kinds, operators
from headwater.dataprep.functions import FunctionDef, function_table
from headwater.dataprep.kinds import AnyDType, DType
from headwater.dataprep.parse import parse
from headwater.dataprep.paths import walk
from headwater.dataprep.values import ExpressionError, Value

_LITERAL_TYPES: dict[str, DType] = {
    "string": kinds.STRING,
    "integer": kinds.INTEGER,
    "number": kinds.NUMBER,
    "boolean": kinds.BOOLEAN,
    "null": kinds.NULL,
}
_INT64 = (-(2**63), 2**63 - 1)


def compile_expression(expression: str | ast.Node, schema: Mapping[str, AnyDType]) -> Value:
    """The expression as one Polars expression over batches with ``schema``.

    Args:
        expression: The text, or a tree from :func:`~headwater.dataprep.parse.parse`.
        schema: Column name → Polars type of the input batch.

    Returns:
        The value, its type and its per-row errors (null on rows without one).

    Raises:
        ExpressionError: a syntax error, an unknown function, a wrong number or type of
            arguments; ``position`` is where.
    """
    tree = parse(expression) if isinstance(expression, str) else expression
    return Compiler(schema).visit(tree)


def check_expression(expression: str) -> ast.Node:
    """Parse and compile against a batch without fields (every field null): the checks that
    do not depend on the input (syntax, names, arity, literal arguments). Returns the tree."""
    tree = parse(expression)
    Compiler({}).visit(tree)
    return tree


class Compiler:
    """Compiles trees against one input schema."""

    def __init__(
        self, schema: Mapping[str, AnyDType], functions: Mapping[str, FunctionDef] | None = None
    ) -> None:
        self.schema = schema
        self.functions = function_table() if functions is None else functions

    def visit(self, node: ast.Node) -> Value:
        """The value of ``node`` (errors without a position get ``node``'s)."""
        try:
            return self._visit(node)
        except ExpressionError as error:
            if error.position is None:
                error.position = node.position
            raise

    def _visit(self, node: ast.Node) -> Value:
        if isinstance(node, ast.Literal):
            return _literal(node)
        if isinstance(node, ast.Field | ast.Member | ast.Index | ast.Each):
            return walk(self, node)
        if isinstance(node, ast.Method):
            if node.name == "get" and self.functions.get("get") is None:
                return walk(self, node)
            return self.call(node.name, (node.target, *node.args), node, method=True)
        if isinstance(node, ast.Call):
            return self.call(node.name, node.args, node)
        if isinstance(node, ast.Unary):
            operand = self.visit(node.operand)
            return _fold(operators.unary(node.op, operand), operand)
        if isinstance(node, ast.Binary) and node.op == "+":
            return self._plus(node)
        if isinstance(node, ast.Binary):
            left, right = self.visit(node.left), self.visit(node.right)
            return _fold(operators.binary(node.op, left, right), left, right)
        assert isinstance(node, ast.Conditional)
        parts = (self.visit(node.condition), self.visit(node.then), self.visit(node.otherwise))
        return _fold(operators.conditional(*parts), *parts)

    def _plus(self, node: ast.Binary) -> Value:
        """``a + b + c ...``: numbers add until a string comes; from there the rest of the
        chain is joined in one operation (as nested joins would, but in one pass)."""
        spine: list[ast.Binary] = []
        first: ast.Node = node
        while isinstance(first, ast.Binary) and first.op == "+":
            spine.append(first)
            first = first.left
        current = self.visit(first)
        texts: list[Value] = []
        for plus in reversed(spine):
            right = self.visit(plus.right)
            try:
                if not texts and not (
                    kinds.is_string(current.dtype) or kinds.is_string(right.dtype)
                ):
                    current = _fold(operators.binary("+", current, right), current, right)
                else:
                    # Checked here, so that a type error points at this '+'.
                    added = [current, right] if not texts else [right]
                    texts.extend(cast.text(value, "A side of '+'") for value in added)
            except ExpressionError as error:
                if error.position is None:
                    error.position = plus.position
                raise
        return _fold(operators.concat(texts), *texts) if texts else current

    def field(self, name: str) -> Value:
        """A top-level field of the input (null when the input has none)."""
        dtype = self.schema.get(name)
        if dtype is None:
            return Value(pl.lit(None), kinds.NULL)
        expr, dtype = kinds.normalize(pl.col(name), dtype)
        return Value(expr, dtype)

    def call(
        self, name: str, arg_nodes: tuple[ast.Node, ...], node: ast.Node, *, method: bool = False
    ) -> Value:
        """``name(args...)`` (``method``: written ``args[0].name(args[1:]...)``)."""
        function = self.functions.get(name)
        if function is None:
            raise ExpressionError(_unknown(name, self.functions, method), position=node.position)
        _check_arity(function, len(arg_nodes) - method, method, node)
        args = [self.visit(arg) for arg in arg_nodes]
        try:
            result = function.compile(args)
        except ExpressionError as problem:
            if problem.position is None:
                problem.position = node.position
            raise
        if not function.lazy:
            errors = cast.merge_errors([*(arg.error for arg in args), result.error])
            result = Value(result.expr, result.dtype, errors, result.constant)
        if function.scalar is None or result.is_constant:
            return result  # clock and random functions are never folded
        return _fold(result, *args)


def _literal(node: ast.Literal) -> Value:
    if node.kind == "integer" and not _INT64[0] <= node.value <= _INT64[1]:
        raise ExpressionError(f"The integer {node.value} is too large", position=node.position)
    dtype = _LITERAL_TYPES[node.kind]
    if node.kind == "null":
        return Value(pl.lit(None), dtype, None, None)
    return cast.constant(node.value, dtype)


def _fold(value: Value, *operands: Value) -> Value:
    """A value computed from constants only, as a constant (when it has no error)."""
    if not all(operand.is_constant for operand in operands):
        return value
    error = value.error if value.error is not None else pl.lit(None, dtype=pl.String)
    row = pl.select(value.expr.alias("v"), error.alias("e")).row(0)
    if row[1] is not None:
        return value
    return Value(pl.lit(row[0], dtype=value.dtype), value.dtype, None, row[0])


def _check_arity(function: FunctionDef, given: int, method: bool, node: ast.Node) -> None:
    low, high = function.min_args - method, function.max_args
    high = None if high is None else high - method
    if given >= low and (high is None or given <= high):
        return
    names = ", ".join(p.name for p in function.params[method:])
    if high is None:
        wanted = f"at least {low} argument{'s' * (low != 1)}"
    elif low == high:
        wanted = f"{low} argument{'s' * (low != 1)}"
    else:
        wanted = f"{low} to {high} arguments"
    raise ExpressionError(
        f"{function.name} takes {wanted} ({names}), got {given}", position=node.position
    )


def _unknown(name: str, functions: Mapping[str, Any], method: bool) -> str:
    what = "method" if method else "function"
    lowered = {key.lower(): key for key in functions}
    close = [lowered[name.lower()]] if name.lower() in lowered else []
    close = close or difflib.get_close_matches(name, list(functions), n=1, cutoff=0.6)
    hint = f" — did you mean '{close[0]}'?" if close else ""
    return f"Unknown {what} '{name}'{hint}"
