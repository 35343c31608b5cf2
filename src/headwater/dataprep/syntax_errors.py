"""Messages for syntax errors: what the parser expected, said in words, with where it was.

The LALR parser stops at the first token that cannot continue the expression. Its value stack
holds what was read so far: an open ``(`` or ``[`` still on it tells which call, group or index
the expression is inside, so the message can name it (``Expected ')' after the arguments of
concat``).
"""

from __future__ import annotations

from typing import Any

from lark import Token

from headwater.dataprep.ast import RESERVED

_VALUES = {"NAME", "WRAPPED", "STRING", "INT", "HEX", "FLOAT", "TRUE", "FALSE", "NULL", "LPAR"}
_SHOWN = {
    "RPAR": "')'",
    "RSQB": "']'",
    "COMMA": "','",
    "COLON": "':'",
    "QMARK": "'?'",
    "DOT": "'.'",
    "LPAR": "'('",
    "LSQB": "'['",
    "STAR": "'*'",
    "NAME": "a name",
    "WRAPPED": "a ${...} name",
}
_KEYWORDS = {"TRUE": "true", "FALSE": "false", "NULL": "null"}


def describe_unexpected(
    text: str, token: Token, expected: set[str], stack: list[Any]
) -> tuple[str, tuple[int, int]]:
    """The message and (line, column) for ``token``, which the parser did not expect."""
    at_end = token.type == "$END"
    position = _end(text) if at_end else (token.line or 1, token.column or 1)
    found = "the end of the expression" if at_end else _found(token)
    opened = _innermost_open(stack)
    if expected & _VALUES and not ({"RPAR", "RSQB", "COMMA"} & expected):
        return _wanting_value(found, at_end, stack), position
    if opened is not None and _closer(opened[0]) in expected:
        return _unclosed(opened, found, at_end), position
    if "COLON" in expected and _open_conditional(stack):
        return f"Expected ':' in the condition ? value : value expression, found {found}", position
    if at_end:
        return "The expression ends too early", position
    if expected & {"NAME", "WRAPPED"} and token.value in set(_KEYWORDS.values()) | RESERVED:
        word = token.value
        return f"'{word}' is a reserved word; write ${{{word}}} to use it as a name", position
    return f"Expected an operator or the end of the expression, found {found}", position


def _wanting_value(found: str, at_end: bool, stack: list[Any]) -> str:
    after = _last_token(stack)
    where = f" after {after!r}" if after else ""
    if at_end:
        return f"The expression ends where a value was expected{where}"
    return f"Expected a value{where}, found {found}"


def _unclosed(opened: tuple[Token, str | None], found: str, at_end: bool) -> str:
    bracket, function = opened
    closer = "')'" if bracket.type == "LPAR" else "']'"
    tail = "" if at_end else f", found {found}"
    if function is not None:
        return f"Expected {closer} after the arguments of {function}{tail}"
    if bracket.type == "LSQB":
        return f"Expected ']' to close the index opened at column {bracket.column}{tail}"
    return f"Expected ')' to close the '(' at line {bracket.line}, column {bracket.column}{tail}"


def _innermost_open(stack: list[Any]) -> tuple[Token, str | None] | None:
    """The last ``(`` or ``[`` still open, and the function it calls (if a call's)."""
    for i in range(len(stack) - 1, -1, -1):
        item = stack[i]
        if isinstance(item, Token) and item.type in ("LPAR", "LSQB"):
            before = stack[i - 1] if i > 0 else None
            function = None
            if item.type == "LPAR" and before is not None and hasattr(before, "parts"):
                function = ".".join(before.parts)
            return item, function
    return None


def _open_conditional(stack: list[Any]) -> bool:
    """Whether a ``?`` was read whose ``:`` has not been."""
    marks = sum(1 for item in stack if isinstance(item, Token) and item.type == "QMARK")
    colons = sum(1 for item in stack if isinstance(item, Token) and item.type == "COLON")
    return marks > colons


def _closer(token: Token) -> str:
    return "RPAR" if token.type == "LPAR" else "RSQB"


def _last_token(stack: list[Any]) -> str | None:
    for item in reversed(stack):
        if isinstance(item, Token):
            return str(item.value)
        return None
    return None


def _found(token: Token) -> str:
    if token.type in ("NAME", "WRAPPED"):
        return f"the name {token.value!r}"
    if token.type in ("STRING",):
        return f"the string {token.value}"
    if token.type in ("INT", "HEX", "FLOAT"):
        return f"the number {token.value}"
    return repr(str(token.value))


def _end(text: str) -> tuple[int, int]:
    lines = text.split("\n")
    return len(lines), len(lines[-1]) + 1
