"""The syntax tree of an expression: frozen nodes with the (line, column) they start at.

Positions are 1-based and do not take part in equality, so a tree parsed from
:func:`unparse`'s text equals the original. :func:`unparse` writes a tree back as text that
parses to the same tree (fully parenthesised).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from typing import Literal as Kind

LiteralKind = Kind["string", "integer", "number", "boolean", "null"]


@dataclass(frozen=True)
class Node:
    """Where a node starts in the text (1-based; not compared)."""

    line: int = field(default=1, compare=False, kw_only=True)
    column: int = field(default=1, compare=False, kw_only=True)

    @property
    def position(self) -> tuple[int, int]:
        return (self.line, self.column)


@dataclass(frozen=True)
class Literal(Node):
    """``"text"``, ``'text'``, ``42``, ``4.2``, ``true``, ``false`` or ``null``."""

    value: Any
    kind: LiteralKind


@dataclass(frozen=True)
class Field(Node):
    """A top-level field of the input record (``name`` or ``${First Name}``)."""

    name: str


@dataclass(frozen=True)
class Member(Node):
    """``target.name``: a field of an object (or a key of a map)."""

    target: Node
    name: str


@dataclass(frozen=True)
class Index(Node):
    """``target[index]``: an element of an array (0-based) or, with a string, a field."""

    target: Node
    index: Node


@dataclass(frozen=True)
class Each(Node):
    """``target[*]``: every element of an array; what follows applies to each."""

    target: Node


@dataclass(frozen=True)
class Call(Node):
    """``name(args...)``."""

    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Method(Node):
    """``target.name(args...)``: ``get``, or the function ``name(target, args...)``."""

    target: Node
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Unary(Node):
    """``-x``, ``!x`` / ``not x``, ``~x`` (``op`` is ``-``, ``!`` or ``~``)."""

    op: str
    operand: Node


@dataclass(frozen=True)
class Binary(Node):
    """``left op right``; word operators are stored as their symbols (``div`` is ``/``)."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Conditional(Node):
    """``condition ? then : otherwise``."""

    condition: Node
    then: Node
    otherwise: Node


_IDENTIFIER = re.compile(r"^(?:[^\W\d]|\$)[\w$]*$")
# Words that must be wrapped in ${} to be field names (reference §6.3; JEXL's keywords).
RESERVED = frozenset(
    [
        "new",
        "mod",
        "or",
        "break",
        "var",
        "lt",
        "for",
        "false",
        "while",
        "eq",
        "gt",
        "div",
        "not",
        "null",
        "continue",
        "else",
        "and",
        "ne",
        "true",
        "le",
        "if",
        "ge",
        "return",
        "_errors",
        "do",
        "function",
        "empty",
        "size",
    ]
)


def unparse(node: Node) -> str:
    """The text of a tree; parsing it gives an equal tree."""
    if isinstance(node, Literal):
        return _literal(node)
    if isinstance(node, Field):
        return name_text(node.name)
    if isinstance(node, Member):
        return f"{unparse(node.target)}.{name_text(node.name)}"
    if isinstance(node, Index):
        return f"{unparse(node.target)}[{unparse(node.index)}]"
    if isinstance(node, Each):
        return f"{unparse(node.target)}[*]"
    if isinstance(node, Call):
        return f"{node.name}({', '.join(unparse(a) for a in node.args)})"
    if isinstance(node, Method):
        args = ", ".join(unparse(a) for a in node.args)
        return f"{unparse(node.target)}.{node.name}({args})"
    if isinstance(node, Unary):
        return f"{node.op}({unparse(node.operand)})"
    if isinstance(node, Binary):
        return f"({unparse(node.left)} {node.op} {unparse(node.right)})"
    assert isinstance(node, Conditional)
    parts = (unparse(node.condition), unparse(node.then), unparse(node.otherwise))
    return "({} ? {} : {})".format(*parts)


def name_text(name: str) -> str:
    """A field name as written in an expression: bare, or wrapped as ``${...}``."""
    if _IDENTIFIER.match(name) and name not in RESERVED:
        return name
    return "${" + re.sub(r"([\\}.])", r"\\\1", name) + "}"


def _literal(node: Literal) -> str:
    if node.kind == "string":
        text = str(node.value).replace("\\", "\\\\").replace('"', '\\"')
        return f'"{text}"'
    if node.kind == "boolean":
        return "true" if node.value else "false"
    if node.kind == "null":
        return "null"
    if node.kind == "number":
        return repr(float(node.value))
    return str(node.value)
