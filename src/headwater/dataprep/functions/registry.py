"""The shape of one function of the expression language: how it is called, compiled and listed.

Every family module (``strings``, ``dates``, ...) exports ``FUNCTIONS: tuple[FunctionDef, ...]``;
:mod:`headwater.dataprep.functions` joins them into the one table that the compiler looks names
up in and that ``GET /languages/el/functions`` lists.

``compile`` turns the compiled arguments into the call's :class:`~headwater.dataprep.values.Value`
(vectorised: Polars expressions only, never a Python function per row; ``map_elements`` is not
allowed in the ingestion path). It raises :class:`~headwater.dataprep.values.ExpressionError`
for a wrong argument type or a non-constant argument that must be constant. The arity has been
checked against ``params`` before it is called.

``scalar`` is the plain-Python reference of the same function over Python values (``None`` for
null), used by property tests to check the vectorised result row by row; functions whose
result depends on the clock or randomness (``now``, ``uuid``) have none. It signals a row error
by raising (any exception; ``headwater.dataprep.reference.RowError`` says so explicitly).

A ``lazy`` function (``iif``) evaluates only some of its arguments on each row: the compiler
does not merge its arguments' errors (its ``compile`` does, for the rows that use each one),
and the scalar evaluator passes each argument as a zero-argument callable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from headwater.dataprep.values import Value

Compile = Callable[[Sequence[Value]], Value]


@dataclass(frozen=True)
class Param:
    """One parameter, as ``GET /languages/el/functions`` lists it.

    ``data_type`` is the Java-style name the platform shows (``java.lang.String``,
    ``[Ljava.lang.Object;`` for a variadic). ``optional`` parameters may be left out (only at the
    end); a ``variadic`` parameter (the last one) takes any number of arguments, at least one
    unless it is also optional.
    """

    name: str
    description: str
    data_type: str = "java.lang.String"
    optional: bool = False
    variadic: bool = False


@dataclass(frozen=True)
class FunctionDef:
    """A function of the expression language."""

    name: str
    category: str
    description: str
    syntax: str
    return_type: str
    example: str
    result: str
    params: tuple[Param, ...]
    compile: Compile
    scalar: Callable[..., Any] | None = None
    aliases: tuple[str, ...] = field(default=())
    since: str = "1.0"
    lazy: bool = False

    @property
    def min_args(self) -> int:
        return sum(1 for p in self.params if not p.optional)

    @property
    def max_args(self) -> int | None:
        """The most arguments it takes; ``None`` when its last parameter is variadic."""
        if self.params and self.params[-1].variadic:
            return None
        return len(self.params)
