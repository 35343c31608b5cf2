"""What the expression compiler passes between nodes: a typed, vectorised value with its errors.

A :class:`Value` is one column of a batch, as a Polars expression. ``dtype`` is its Polars type
(``pl.Null`` for the literal ``null``). ``constant`` holds the Python value when the expression
is a literal known at compile time (function arguments such as formats, regexes and separators
must often be constants); it is :data:`NOT_CONSTANT` otherwise. ``error`` is a ``pl.String``
expression, null on rows without a transformation error and the message where the row failed
(``to_integer("abc")``); the compiler merges the errors of a call's arguments with its own, so a
mapping knows which rows to null and report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import polars as pl


class _NotConstant:
    def __repr__(self) -> str:
        return "NOT_CONSTANT"


NOT_CONSTANT: Final[Any] = _NotConstant()


@dataclass(frozen=True)
class Value:
    """A compiled (sub-)expression: a Polars expression, its type and its per-row errors."""

    expr: pl.Expr
    dtype: pl.DataType
    error: pl.Expr | None = None
    constant: Any = NOT_CONSTANT

    @property
    def is_constant(self) -> bool:
        return self.constant is not NOT_CONSTANT


class ExpressionError(ValueError):
    """An expression that cannot be compiled: a syntax, name, arity or type error.

    ``position`` is the 1-based (line, column) where the problem is, when known; the compiler
    fills it in for errors that functions raise without one.
    """

    def __init__(self, message: str, *, position: tuple[int, int] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        line, column = self.position
        return f"{self.message} (line {line}, column {column})"

    @property
    def located(self) -> str:
        """The message and where, as a sentence: ``... at line 1, column 18``."""
        if self.position is None:
            return self.message
        line, column = self.position
        return f"{self.message} at line {line}, column {column}"
