"""Java regular expressions (what the platform's functions take) as Rust regex (what Polars runs).

Most syntax is shared. Translated: Java's ASCII ``\\d \\w \\s`` (Rust's are Unicode), POSIX
``\\p{Alpha}``-style classes, ``\\h \\v \\R``, ``\\Q...\\E`` quoting, ``\\uXXXX``, ``\\cX``,
``\\e``, octal ``\\0nn``, ``(?<name>...)`` and the inline flags Rust lacks (``u``, ``U``, ``d``:
Unicode case and classes are always on). Refused with a clear message: look-around,
backreferences, atomic groups, possessive quantifiers, ``\\G``, Unicode blocks (``\\p{InX}``)
and ``\\p{javaX}`` classes. The ``python`` flavour is for the plain-Python references.
"""

from __future__ import annotations

import re
from typing import Literal

import polars as pl

from headwater.dataprep.values import ExpressionError

Flavor = Literal["rust", "python"]

_ASCII_CLASSES = {
    "d": "0-9",
    "w": "a-zA-Z0-9_",
    "s": " \\t\\n\\x0B\\f\\r",
    "h": " \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000",
    "v": "\\n\\x0B\\f\\r\\x85\\u2028\\u2029",
}
_POSIX = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": "\\x00-\\x7F",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": "!-/:-@\\[-`{-~",
    "Graph": "!-~",
    "Print": " -~",
    "Blank": " \\t",
    "Cntrl": "\\x00-\\x1F\\x7F",
    "XDigit": "0-9a-fA-F",
    "Space": " \\t\\n\\x0B\\f\\r",
}
_SIMPLE = {"t": "\\t", "n": "\\n", "r": "\\r", "f": "\\f", "a": "\\x07", "e": "\\x1B"}
_UNSUPPORTED = {
    "(?=": "look-ahead",
    "(?!": "look-ahead",
    "(?<=": "look-behind",
    "(?<!": "look-behind",
    "(?>": "atomic groups",
}
_DROPPED_FLAGS = set("uUd")


def translate(pattern: str, *, flavor: Flavor = "rust") -> str:
    """A Java regular expression in Rust's (or Python's) syntax.

    Raises:
        ExpressionError: the pattern uses Java syntax that has no equivalent.
    """
    out: list[str] = []
    i, depth = 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            piece, i = _escape(pattern, i, depth > 0, flavor)
            out.append(piece)
            continue
        if depth == 0 and char == "(":
            piece, i = _group(pattern, i)
            out.append(piece)
            continue
        if depth == 0 and char in "*+?}" and pattern[i + 1 : i + 2] == "+":
            raise _unsupported("possessive quantifiers (such as '*+')")
        if char == "[":
            depth += 1
        elif char == "]" and depth > 0:
            depth -= 1
        out.append(char)
        i += 1
    return "".join(out)


def checked(pattern: str) -> str:
    """``pattern`` translated to Rust syntax and compiled once (a clear error if invalid)."""
    rust = translate(pattern)
    try:
        pl.select(pl.lit("").str.contains(rust))
    except pl.exceptions.ComputeError as error:
        reason = str(error).split("error:")[-1].strip().splitlines()[0]
        raise ExpressionError(f"Invalid regular expression {pattern!r}: {reason}") from None
    return rust


def python_pattern(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled by Python's ``re`` (for scalar references)."""
    return re.compile(translate(pattern, flavor="python"))


def _group(pattern: str, i: int) -> tuple[str, int]:
    for opening, what in _UNSUPPORTED.items():
        if pattern.startswith(opening, i):
            raise _unsupported(what)
    if pattern.startswith("(?<", i):
        return "(?P<", i + 3
    flags = re.match(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])", pattern[i:])
    if flags is None:
        return "(", i + 1
    on = "".join(f for f in flags[1] if f not in _DROPPED_FLAGS)
    off = "".join(f for f in (flags[2] or "") if f not in _DROPPED_FLAGS)
    end = flags[3]
    text = "(?" + on + (f"-{off}" if off else "") + end
    return ("" if text == "(?)" else text), i + flags.end()


def _escape(pattern: str, i: int, in_class: bool, flavor: Flavor) -> tuple[str, int]:
    if i + 1 >= len(pattern):
        raise ExpressionError(f"The regular expression {pattern!r} ends with a lone '\\'")
    char = pattern[i + 1]
    if char.lower() in _ASCII_CLASSES:
        return _ascii_class(char, in_class, flavor), i + 2
    if char in "pP":
        return _property(pattern, i, in_class, flavor)
    if char == "Q":
        end = pattern.find("\\E", i + 2)
        end = len(pattern) if end < 0 else end
        quoted = "".join(_literal(c) for c in pattern[i + 2 : end])
        return quoted, min(end + 2, len(pattern))
    if char == "E":
        return "", i + 2
    if char == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", pattern[i + 2 : i + 6]):
        return _code_point(int(pattern[i + 2 : i + 6], 16), flavor), i + 6
    if char == "x" and pattern.startswith("{", i + 2) and flavor == "python":
        end = pattern.index("}", i + 2)
        return _code_point(int(pattern[i + 3 : end], 16), flavor), end + 1
    if char == "0":
        digits = re.match(r"[0-7]{1,3}", pattern[i + 2 :])
        if digits is None:
            raise ExpressionError("An octal escape '\\0' needs digits after it")
        return _code_point(int(digits[0], 8), flavor), i + 2 + len(digits[0])
    if char == "c" and i + 2 < len(pattern):
        return _code_point(ord(pattern[i + 2]) ^ 64, flavor), i + 3
    if (char in "123456789" and not in_class) or char == "k":
        raise _unsupported("backreferences")
    if char in _SIMPLE:
        return _SIMPLE[char], i + 2
    if char in "zZ":
        return ("\\Z" if flavor == "python" else "\\z"), i + 2
    if char in "GXN":
        raise _unsupported(f"'\\{char}'")
    if char in "bBAx" or not char.isalnum():
        return "\\" + char, i + 2
    raise ExpressionError(f"Unknown escape '\\{char}' in a regular expression")


def _ascii_class(char: str, in_class: bool, flavor: Flavor) -> str:
    members = _members(_ASCII_CLASSES[char.lower()], flavor)
    negated = char.isupper()
    if in_class and flavor == "python":
        if negated:
            return "\\" + char if char.lower() in "dws" else ""
        return members
    return f"[{'^' if negated else ''}{members}]"


def _property(pattern: str, i: int, in_class: bool, flavor: Flavor) -> tuple[str, int]:
    negated = pattern[i + 1] == "P"
    if pattern.startswith("{", i + 2):
        end = pattern.find("}", i + 2)
        if end < 0:
            raise ExpressionError("A '\\p{' property is never closed by '}'")
        name, after = pattern[i + 3 : end], end + 1
    else:
        name, after = pattern[i + 2 : i + 3], i + 3
    if name in _POSIX:
        members = _members(_POSIX[name], flavor)
        if in_class and flavor == "python" and not negated:
            return members, after
        return f"[{'^' if negated else ''}{members}]", after
    if name.startswith("In") or name.startswith("java"):
        raise _unsupported(f"support for \\p{{{name}}}")
    if flavor == "python":
        raise _unsupported(f"support for \\p{{{name}}} in Python references")
    bare = name[2:] if name.startswith("Is") else name
    return f"\\{'P' if negated else 'p'}{{{bare}}}", after


def _members(text: str, flavor: Flavor) -> str:
    if flavor == "python":
        return text
    return re.sub(r"\\u([0-9A-F]{4})", r"\\x{\1}", text)


def _code_point(code: int, flavor: Flavor) -> str:
    if flavor == "python":
        return f"\\U{code:08x}"
    return f"\\x{{{code:x}}}"


def _literal(char: str) -> str:
    return "\\" + char if not char.isalnum() and char != " " else char


def _unsupported(what: str) -> ExpressionError:
    return ExpressionError(
        f"Regular expressions here run on Rust's engine, which has no {what}; "
        "rewrite the pattern without them"
    )
