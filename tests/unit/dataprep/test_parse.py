"""The parser: every syntax feature of reference §6.3, and syntax errors with their positions."""

from __future__ import annotations

import pytest

from headwater.dataprep import ExpressionError, parse
from headwater.dataprep.ast import (
    Binary,
    Call,
    Conditional,
    Each,
    Field,
    Index,
    Literal,
    Member,
    Method,
    Unary,
    unparse,
)


def lit(value, kind):
    return Literal(value, kind)


def s(text):
    return Literal(text, "string")


def i(number):
    return Literal(number, "integer")


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("name", Field("name")),
        ("customerInfo.name", Member(Field("customerInfo"), "name")),
        ("emails[0].email", Member(Index(Field("emails"), i(0)), "email")),
        ("a.emails[*].name", Member(Each(Member(Field("a"), "emails")), "name")),
        ('m["key"]', Index(Field("m"), s("key"))),
        ("Full\\.Name", Field("Full.Name")),
        ("address.street\\.name", Member(Field("address"), "street.name")),
        ("${First Name}", Field("First Name")),
        ("${First\\.Name}", Field("First.Name")),
        ("${a.b}", Member(Field("a"), "b")),
        ("${if}", Field("if")),
        ("$price", Field("$price")),
        ("_id", Field("_id")),
        ("prénom", Field("prénom")),
        ("名前", Field("名前")),
    ],
)
def test_field_paths(text, tree):
    assert parse(text) == tree


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"double"', s("double")),
        ("'single'", s("single")),
        ('"say \\"hi\\""', s('say "hi"')),
        ("'it\\'s'", s("it's")),
        ('"a\\\\b"', s("a\\b")),
        ('"tab\\there\\n"', s("tab\there\n")),
        ('"\\u00e9t\\u00E9"', s("été")),
        ('"\\d+\\.\\w"', s("\\d+\\.\\w")),  # unknown escapes keep their backslash, as JEXL
        ('""', s("")),
        ("42", i(42)),
        ("42L", i(42)),
        ("0x1F", i(31)),
        ("4.5", lit(4.5, "number")),
        ("1e3", lit(1000.0, "number")),
        ("2.5d", lit(2.5, "number")),
        ("true", lit(True, "boolean")),
        ("false", lit(False, "boolean")),
        ("null", lit(None, "null")),
    ],
)
def test_literals(text, expected):
    assert parse(text) == expected


def test_arithmetic_precedence_and_word_operators():
    assert parse("a + b * c") == Binary("+", Field("a"), Binary("*", Field("b"), Field("c")))
    assert parse("(a + b) * c") == Binary("*", Binary("+", Field("a"), Field("b")), Field("c"))
    assert parse("a - b - c") == Binary("-", Binary("-", Field("a"), Field("b")), Field("c"))
    assert parse("a div b mod c") == Binary("%", Binary("/", Field("a"), Field("b")), Field("c"))
    assert parse("a / b % c") == parse("a div b mod c")
    assert parse("-a * 2") == Binary("*", Unary("-", Field("a")), i(2))
    assert parse("- -a") == Unary("-", Unary("-", Field("a")))
    assert parse("~flags") == Unary("~", Field("flags"))


@pytest.mark.parametrize(
    ("word", "symbol"),
    [("eq", "=="), ("ne", "!="), ("lt", "<"), ("gt", ">"), ("le", "<="), ("ge", ">=")],
)
def test_comparison_words_are_their_symbols(word, symbol):
    assert parse(f"a {word} 1") == parse(f"a {symbol} 1") == Binary(symbol, Field("a"), i(1))


def test_logical_operators_and_their_precedence():
    tree = parse("a || b && !c")
    assert tree == Binary("||", Field("a"), Binary("&&", Field("b"), Unary("!", Field("c"))))
    assert parse("a or b and not c") == tree
    assert parse("a == 1 && b < 2") == Binary(
        "&&", Binary("==", Field("a"), i(1)), Binary("<", Field("b"), i(2))
    )
    assert parse("a ? b : c ? d : e") == Conditional(
        Field("a"), Field("b"), Conditional(Field("c"), Field("d"), Field("e"))
    )


def test_function_and_method_calls():
    assert parse("now()") == Call("now", ())
    assert parse('concat(lower(a), "-", upper(b))') == Call(
        "concat", (Call("lower", (Field("a"),)), s("-"), Call("upper", (Field("b"),)))
    )
    assert parse('a.equals("x")') == Method(Field("a"), "equals", (s("x"),))
    assert parse('"s".equalsIgnoreCase(b.c)') == Method(
        s("s"), "equalsIgnoreCase", (Member(Field("b"), "c"),)
    )
    assert parse('str_to_object(x).get("k").deeper') == Member(
        Method(Call("str_to_object", (Field("x"),)), "get", (s("k"),)), "deeper"
    )
    assert parse("split(x, ',')[0]") == Index(Call("split", (Field("x"), s(","))), i(0))


def test_whitespace_and_comments_are_ignored():
    assert parse(" /* lead */ a\n  +  // trailing\n b ## end") == Binary(
        "+", Field("a"), Field("b")
    )


def test_positions_are_one_based_lines_and_columns():
    tree = parse("concat(\n  a,\n  lower(b)\n)")
    assert isinstance(tree, Call)
    assert tree.position == (1, 1)
    assert tree.args[0].position == (2, 3)
    assert tree.args[1].position == (3, 3)
    assert parse("x + y").position == (1, 3)  # an operator node is where its operator is


def test_the_longest_expression_is_accepted_and_one_more_is_not():
    longest = "a" * 4096
    assert parse(longest) == Field(longest)
    with pytest.raises(ExpressionError, match="4097 characters long; at most 4096") as caught:
        parse("a" * 4097)
    assert caught.value.position == (1, 4097)


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ('concat(firstName, " "', "Expected ')' after the arguments of concat", (1, 22)),
        ("concat(a b)", "Expected ')' after the arguments of concat, found the name 'b'", (1, 10)),
        ("concat(a,)", "Expected a value after ',', found ')'", (1, 10)),
        ("a +", "The expression ends where a value was expected after '+'", (1, 4)),
        ("(a + b", "Expected ')' to close the '(' at line 1, column 1", (1, 7)),
        ("a[0", "Expected ']' to close the index opened at column 2", (1, 4)),
        ("x ? y", "Expected ':'", (1, 6)),
        ("a b", "Expected an operator or the end of the expression, found the name 'b'", (1, 3)),
        ("f(x) )", "Expected an operator or the end of the expression, found ')'", (1, 6)),
        ('"open', 'The string starting with " is never closed', (1, 1)),
        ("'open", "The string starting with ' is never closed", (1, 1)),
        ("${open", "The name starting with '${' is never closed", (1, 2)),
        ("a # b", "Unexpected character '#'", (1, 3)),
        ("if + 1", "'if' is a reserved word; write ${if}", (1, 1)),
        ("size", "'size' is a reserved word", (1, 1)),
        ("a.new", "'new' is a reserved word", (1, 3)),
        ("a.and", "'and' is a reserved word", (1, 3)),
        ("${}", "'${}' names no field", (1, 1)),
        ("${f}(1)", "A function name is written without ${}", (1, 1)),
        ("", "The expression is empty", (1, 1)),
        ("lower(\n  a,\n  b c)", "Expected ')' after the arguments of lower", (3, 5)),
    ],
)
def test_syntax_errors_say_what_and_where(text, message, position):
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert message in caught.value.message
    assert caught.value.position == position
    assert caught.value.located.endswith(f"at line {position[0]}, column {position[1]}")


@pytest.mark.parametrize(
    "text",
    [
        'concat(a.b[0], " ", ${First Name}, lower(x[*].y))',
        "iif(a > 1 && !b, -c / 2, d % 3) ? 1.5 : null",
        "${if}.${size} == true || x ne 'y'",
        '"quote \\" and \\\\ backslash" + ${a\\.b}',
    ],
)
def test_unparse_gives_text_that_parses_to_the_same_tree(text):
    tree = parse(text)
    assert parse(unparse(tree)) == tree
