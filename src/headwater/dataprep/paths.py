"""Field paths in expressions: ``a.b``, ``a[0]``, ``a["key"]``, ``a[*].b``, ``m.get("key")``.

A path is flattened into its root (a field, or any other expression such as a call) and the
steps after it, then walked over the types: a name picks an object's field or a map's key; a
number picks an array element (0-based; out of range or negative is null); ``[*]`` applies the
rest of the path to every element of an array. A step on null is null (a missing field's
children are missing too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeGuard

import polars as pl

from headwater.dataprep import ast, cast, kinds
from headwater.dataprep.kinds import DType
from headwater.dataprep.values import ExpressionError, Value

if TYPE_CHECKING:
    from headwater.dataprep.compile import Compiler


@dataclass(frozen=True)
class _Step:
    node: ast.Node  # the node the step came from (for positions)
    name: str | None = None  # .name
    index: ast.Node | None = None  # [index] or .get(index)
    each: bool = False  # [*]


def walk(compiler: Compiler, node: ast.Node) -> Value:
    """The value of a path node (``Field``, ``Member``, ``Index``, ``Each`` or ``x.get(k)``)."""
    root, steps = flatten(node, with_get=compiler.functions.get("get") is None)
    start = compiler.field(root.name) if isinstance(root, ast.Field) else compiler.visit(root)
    walker = _Walker(compiler, [start.error])
    expr, dtype = walker.go(start.expr, start.dtype, steps, inside=False)
    return Value(expr, dtype, cast.merge_errors(walker.errors))


def flatten(node: ast.Node, *, with_get: bool) -> tuple[ast.Node, list[_Step]]:
    """The root of a path and its steps, first to last (``with_get``: ``x.get(k)`` is a step,
    when no function ``get`` is defined)."""
    steps: list[_Step] = []
    while True:
        if isinstance(node, ast.Member):
            steps.append(_Step(node, name=node.name))
            node = node.target
        elif isinstance(node, ast.Index):
            steps.append(_Step(node, index=node.index))
            node = node.target
        elif isinstance(node, ast.Each):
            steps.append(_Step(node, each=True))
            node = node.target
        elif with_get and _is_get(node):
            steps.append(_Step(node, index=node.args[0]))
            node = node.target
        else:
            steps.reverse()
            return node, steps


class _Walker:
    def __init__(self, compiler: Compiler, errors: list[pl.Expr | None]) -> None:
        self.compiler = compiler
        self.errors = errors

    def go(
        self, expr: pl.Expr, dtype: DType, steps: list[_Step], *, inside: bool
    ) -> tuple[pl.Expr, DType]:
        for position, step in enumerate(steps):
            if kinds.is_null(dtype):
                return pl.lit(None), kinds.NULL
            try:
                if step.each:
                    return self._each(expr, dtype, steps[position + 1 :])
                if step.name is not None:
                    expr, dtype = _member(expr, dtype, step.name)
                else:
                    assert step.index is not None
                    expr, dtype = self._index(expr, dtype, step.index, inside=inside)
            except ExpressionError as error:
                if error.position is None:
                    error.position = step.node.position
                raise
        return expr, dtype

    def _each(self, expr: pl.Expr, dtype: DType, rest: list[_Step]) -> tuple[pl.Expr, DType]:
        if not isinstance(dtype, pl.List):
            raise ExpressionError(f"[*] needs an array, not {_a(kinds.kind_name(dtype))}")
        element, inner = kinds.normalize(pl.element(), dtype.inner)
        item, item_type = self.go(element, inner, rest, inside=True)
        return expr.list.eval(item), pl.List(item_type)

    def _index(
        self, expr: pl.Expr, dtype: DType, node: ast.Node, *, inside: bool
    ) -> tuple[pl.Expr, DType]:
        index = self.compiler.visit(node)
        if inside and not index.is_constant:
            raise ExpressionError("After [*], an index must be a literal", position=node.position)
        if kinds.is_string(index.dtype) and (kinds.is_object(dtype) or kinds.is_map(dtype)):
            if not index.is_constant or index.constant is None:
                raise ExpressionError("A field name or map key in [...] must be a literal")
            return _member(expr, dtype, str(index.constant))
        if not isinstance(dtype, pl.List):
            raise ExpressionError(f"[...] needs an array, not {_a(kinds.kind_name(dtype))}")
        number = cast.integer(index, "An array index")
        self.errors.append(number.error)
        if number.is_constant and number.constant is not None and number.constant < 0:
            raise ExpressionError(f"An array index must be 0 or more, not {number.constant}")
        got = expr.list.get(number.expr, null_on_oob=True)
        element = pl.when(number.expr >= 0).then(got)
        return kinds.normalize(element, dtype.inner)


def _is_get(node: ast.Node) -> TypeGuard[ast.Method]:
    return isinstance(node, ast.Method) and node.name == "get" and len(node.args) == 1


def _member(expr: pl.Expr, dtype: DType, name: str) -> tuple[pl.Expr, DType]:
    if isinstance(dtype, pl.Struct):
        fields = {one.name: one.dtype for one in dtype.fields}
        if name not in fields:
            return pl.lit(None), kinds.NULL
        return kinds.normalize(expr.struct.field(name), fields[name])
    if kinds.is_map(dtype):
        return _map_get(expr, dtype, name)
    if isinstance(dtype, pl.List):
        raise ExpressionError(
            f"'{name}' is read from an array: write [*].{name} for every element or "
            f"[0].{name} for the first"
        )
    raise ExpressionError(f"{_a(kinds.kind_name(dtype)).capitalize()} has no field '{name}'")


def _map_get(expr: pl.Expr, dtype: DType, key: str) -> tuple[pl.Expr, DType]:
    assert isinstance(dtype, pl.List)
    assert isinstance(dtype.inner, pl.Struct)
    value_type = {one.name: one.dtype for one in dtype.inner.fields}["value"]
    entry = pl.element().struct
    match = expr.list.filter(entry.field("key") == pl.lit(key, dtype=pl.String))
    found = match.list.first().struct.field("value")
    return kinds.normalize(found, value_type)


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word
