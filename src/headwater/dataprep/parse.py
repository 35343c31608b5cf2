"""Expression text → syntax tree (:mod:`headwater.dataprep.ast`), with errors a person can act on.

The grammar is ``grammar.lark`` (LALR(1), built once). Syntax errors become
:class:`~headwater.dataprep.values.ExpressionError` with the 1-based (line, column) of the
problem and a message naming what was expected and where (``Expected ')' after the arguments of
concat``). Names, calls and arity are checked later, by the compiler.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken, VisitError

from headwater.dataprep import ast
from headwater.dataprep.ast import RESERVED
from headwater.dataprep.syntax_errors import describe_unexpected
from headwater.dataprep.values import ExpressionError

MAX_LENGTH = 4096
_ESCAPE = re.compile(r"\\(.)", re.S)
_UNSPLIT_DOT = re.compile(r"(?<!\\)((?:\\\\)*)\.")
_WORD_OPS = {
    "or": "||",
    "and": "&&",
    "eq": "==",
    "ne": "!=",
    "lt": "<",
    "gt": ">",
    "le": "<=",
    "ge": ">=",
    "div": "/",
    "mod": "%",
    "not": "!",
}
_STRING_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r"}


def parse(text: str) -> ast.Node:
    """The syntax tree of an expression.

    Args:
        text: The expression (at most 4,096 characters, the platform's limit).

    Returns:
        The root node.

    Raises:
        ExpressionError: the text is empty, too long or not an expression; ``position`` says
            where.
    """
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"The expression is {len(text)} characters long; at most {MAX_LENGTH} are allowed",
            position=(1, MAX_LENGTH + 1),
        )
    if not text.strip():
        raise ExpressionError("The expression is empty", position=(1, 1))
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as error:
        raise _syntax_error(text, error) from None
    except VisitError as error:
        if isinstance(error.orig_exc, ExpressionError):
            raise error.orig_exc from None
        raise
    assert isinstance(tree, ast.Node)
    return tree


@cache
def _parser() -> Lark:
    grammar = resources.files("headwater.dataprep").joinpath("grammar.lark").read_text()
    return Lark(grammar, parser="lalr", transformer=_Build(), maybe_placeholders=True)


def _syntax_error(text: str, error: UnexpectedInput) -> ExpressionError:
    if isinstance(error, UnexpectedCharacters):
        return _bad_character(text, error)
    assert isinstance(error, UnexpectedToken)
    stack = list(error.interactive_parser.parser_state.value_stack)
    message, position = describe_unexpected(text, error.token, set(error.expected), stack)
    return ExpressionError(message, position=position)


def _bad_character(text: str, error: UnexpectedCharacters) -> ExpressionError:
    at = error.pos_in_stream or 0
    char = text[at] if at < len(text) else ""
    where = (error.line or 1, error.column or 1)
    if char in "\"'":
        return ExpressionError(f"The string starting with {char} is never closed", position=where)
    if text.startswith("${", at) or text.startswith("${", max(at - 1, 0)):
        return ExpressionError("The name starting with '${' is never closed by '}'", position=where)
    if char == "\\":
        return ExpressionError("A '\\' must escape a character of a field name", position=where)
    return ExpressionError(f"Unexpected character {char!r}", position=where)


class _Name:
    """A name as written: its token and the path it stands for (``${a.b}`` is two steps)."""

    def __init__(self, token: Token, parts: list[str]) -> None:
        self.token, self.parts = token, parts


def _position(token: Token) -> tuple[int, int]:
    return (token.line or 1, token.column or 1)


def _where(token: Token) -> dict[str, int]:
    line, column = _position(token)
    return {"line": line, "column": column}


@v_args(inline=True)
class _Build(Transformer[Token, ast.Node]):
    """Parse-tree callbacks (run by the LALR parser as it reduces) that build the AST."""

    def name(self, token: Token) -> _Name:
        if token.type == "WRAPPED":
            inner = token.value[2:-1]
            if not inner:
                raise ExpressionError("'${}' names no field", position=_position(token))
            parts = [_unescape(p) for p in _split_dots(inner)]
            return _Name(token, parts)
        value = token.value
        if value in RESERVED:
            raise ExpressionError(
                f"'{value}' is a reserved word; write ${{{value}}} to use it as a field name",
                position=_position(token),
            )
        return _Name(token, [_unescape(value)])

    def field(self, name: _Name) -> ast.Node:
        node: ast.Node = ast.Field(name.parts[0], **_where(name.token))
        for part in name.parts[1:]:
            node = ast.Member(node, part, **_where(name.token))
        return node

    def member(self, target: ast.Node, _dot: Token, name: _Name) -> ast.Node:
        node = target
        for part in name.parts:
            node = ast.Member(node, part, **_where(name.token))
        return node

    def call(self, name: _Name, _lpar: Token, args: list[ast.Node] | None, _r: Token) -> ast.Node:
        return ast.Call(self._function(name), tuple(args or ()), **_where(name.token))

    def method(
        self,
        target: ast.Node,
        _dot: Token,
        name: _Name,
        _lpar: Token,
        args: list[ast.Node] | None,
        _rpar: Token,
    ) -> ast.Node:
        return ast.Method(target, self._function(name), tuple(args or ()), **_where(name.token))

    def index(self, target: ast.Node, bracket: Token, index: ast.Node, _r: Token) -> ast.Node:
        return ast.Index(target, index, **_where(bracket))

    def each(self, target: ast.Node, bracket: Token, _star: Token, _r: Token) -> ast.Node:
        return ast.Each(target, **_where(bracket))

    def group(self, _lpar: Token, inner: ast.Node, _rpar: Token) -> ast.Node:
        return inner

    def args(self, *items: Any) -> list[ast.Node]:
        return [item for item in items if isinstance(item, ast.Node)]

    def binary(self, left: ast.Node, op: Token, right: ast.Node) -> ast.Node:
        symbol = _WORD_OPS.get(op.value, op.value)
        return ast.Binary(symbol, left, right, **_where(op))

    def unary(self, op: Token, operand: ast.Node) -> ast.Node:
        return ast.Unary(_WORD_OPS.get(op.value, op.value), operand, **_where(op))

    def ternary(
        self, condition: ast.Node, mark: Token, then: ast.Node, _colon: Token, otherwise: ast.Node
    ) -> ast.Node:
        return ast.Conditional(condition, then, otherwise, **_where(mark))

    def _op(self, token: Token) -> Token:
        return token

    or_op = and_op = eq_op = rel_op = add_op = mul_op = unary_op = _op

    def string(self, token: Token) -> ast.Node:
        return ast.Literal(_string(token.value[1:-1]), "string", **_where(token))

    def integer(self, token: Token) -> ast.Node:
        text = token.value.rstrip("lL")
        value = int(text, 16) if text[:2].lower() == "0x" else int(text)
        return ast.Literal(value, "integer", **_where(token))

    def number(self, token: Token) -> ast.Node:
        return ast.Literal(float(token.value.rstrip("dDfF")), "number", **_where(token))

    def true(self, token: Token) -> ast.Node:
        return ast.Literal(True, "boolean", **_where(token))

    def false(self, token: Token) -> ast.Node:
        return ast.Literal(False, "boolean", **_where(token))

    def null(self, token: Token) -> ast.Node:
        return ast.Literal(None, "null", **_where(token))

    @staticmethod
    def _function(name: _Name) -> str:
        if name.token.type == "WRAPPED" or len(name.parts) != 1:
            raise ExpressionError(
                "A function name is written without ${}",
                position=_position(name.token),
            )
        return name.parts[0]


def _split_dots(text: str) -> list[str]:
    """``a.b\\.c`` → ``["a", "b\\.c"]`` (escaped dots stay in their part)."""
    parts, start = [], 0
    for match in _UNSPLIT_DOT.finditer(text):
        parts.append(text[start : match.end() - 1])
        start = match.end()
    parts.append(text[start:])
    return parts


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def _string(body: str) -> str:
    """A string literal's value, as JEXL reads it: ``\\uXXXX``, ``\\b \\t \\n \\f \\r``, an
    escaped quote or backslash; any other escape keeps its backslash (``"\\d+"`` is ``\\d+``)."""
    out: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char != "\\" or i + 1 >= len(body):
            out.append(char)
            i += 1
            continue
        nxt = body[i + 1]
        hexa = body[i + 2 : i + 6]
        if nxt == "u" and len(hexa) == 4 and all(c in "0123456789abcdefABCDEF" for c in hexa):
            out.append(chr(int(hexa, 16)))
            i += 6
            continue
        if nxt in "\"'\\":
            out.append(nxt)
        else:
            out.append(_STRING_ESCAPES.get(nxt, "\\" + nxt))
        i += 2
    return "".join(out)
