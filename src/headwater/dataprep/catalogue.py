"""What ``GET /languages/el/functions`` and ``GET /languages/el/operators`` list.

Functions come from the one function table (each name and alias once); operators from
:data:`OPERATORS`, the language's operators as the parser reads them.
"""

from __future__ import annotations

from typing import Any

from headwater.dataprep.functions import FunctionDef, function_table

Doc = dict[str, Any]

# (symbol, JEXL method name, operands, description, example)
OPERATORS: tuple[tuple[str, str, int, str, str], ...] = (
    (
        "+",
        "add",
        2,
        "Adds two numbers, or joins two strings when either is a string",
        'price + tax, firstName + " " + lastName',
    ),
    ("-", "subtract", 2, "Subtracts the second number from the first", "total - discount"),
    ("*", "multiply", 2, "Multiplies two numbers", "quantity * price"),
    ("/", "divide", 2, "Divides; two integers give an integer (rounded toward zero)", "7 / 2"),
    ("div", "divide", 2, "Same as /", "7 div 2"),
    ("%", "mod", 2, "The remainder of a division (the sign of the dividend)", "7 % 2"),
    ("mod", "mod", 2, "Same as %", "7 mod 2"),
    ("-", "negate", 1, "Negates a number", "-amount"),
    ("~", "complement", 1, "The bitwise complement of an integer", "~flags"),
    ("==", "equals", 2, "Whether two values are equal (null == null is true)", 'status == "A"'),
    ("eq", "equals", 2, "Same as ==", 'status eq "A"'),
    ("!=", "not equals", 2, "Whether two values differ", 'status != "A"'),
    ("ne", "not equals", 2, "Same as !=", 'status ne "A"'),
    ("<", "lessThan", 2, "Less than (numbers, strings, date-times)", "age < 18"),
    ("lt", "lessThan", 2, "Same as <", "age lt 18"),
    (">", "greaterThan", 2, "Greater than", "age > 18"),
    ("gt", "greaterThan", 2, "Same as >", "age gt 18"),
    ("<=", "lessThanOrEqual", 2, "Less than or equal", "age <= 18"),
    ("le", "lessThanOrEqual", 2, "Same as <=", "age le 18"),
    (">=", "greaterThanOrEqual", 2, "Greater than or equal", "age >= 18"),
    ("ge", "greaterThanOrEqual", 2, "Same as >=", "age ge 18"),
    (
        "&&",
        "and",
        2,
        "Logical and (the right side is evaluated only when needed)",
        'age > 18 && country == "US"',
    ),
    ("and", "and", 2, "Same as &&", 'age > 18 and country == "US"'),
    (
        "||",
        "or",
        2,
        "Logical or (the right side is evaluated only when needed)",
        "vip || total > 100",
    ),
    ("or", "or", 2, "Same as ||", "vip or total > 100"),
    ("!", "not", 1, "Logical not", "!vip"),
    ("not", "not", 1, "Same as !", "not vip"),
    ("?:", "ternary", 3, "condition ? value : value, like iif", 'age > 18 ? "adult" : "minor"'),
)


def function_catalogue() -> list[Doc]:
    """One entry per function name and alias, sorted by category then name."""
    entries = [_entry(name, function) for name, function in function_table().items()]
    return sorted(entries, key=lambda e: (e["category"], e["function"]))


def operator_catalogue() -> list[Doc]:
    """The operators, in precedence groups from arithmetic to logic."""
    return [
        {
            "operatorSymbol": symbol,
            "methodName": method,
            "numberOfOperands": operands,
            "description": description,
            "example": example,
        }
        for symbol, method, operands, description, example in OPERATORS
    ]


def _entry(name: str, function: FunctionDef) -> Doc:
    description = function.description
    if name != function.name:
        description = f"{description} (an alias of {function.name})"
    return {
        "category": function.category,
        "function": name,
        "description": description,
        "syntax": function.syntax.replace(f" {function.name}(", f" {name}(", 1),
        "returns": _short(function.return_type),
        "returnType": function.return_type,
        "example": function.example,
        "result": function.result,
        "params": [
            {
                "name": param.name,
                "description": param.description,
                "type": _short(param.data_type),
                "dataType": param.data_type,
                "position": position,
                "optional": param.optional,
            }
            for position, param in enumerate(function.params)
        ],
        "since": function.since,
    }


def _short(java: str) -> str:
    """``java.lang.String`` → ``String``; ``[Ljava.lang.Object;`` → ``Object[]``."""
    if java.startswith("[L") and java.endswith(";"):
        return _short(java[2:-1]) + "[]"
    return java.rsplit(".", 1)[-1]
