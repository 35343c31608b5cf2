"""Property tests: random records and random expressions over the string, regex, logical,
aggregation and conversion families and the operators; the vectorised result must equal the
plain-Python reference row by row (values, and which rows fail)."""

from __future__ import annotations

import math
from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headwater.dataprep import compile_expression, evaluate, parse
from headwater.dataprep.ast import (
    Binary,
    Call,
    Conditional,
    Field,
    Literal,
    Method,
    Node,
    Unary,
    unparse,
)

# Letters whose case mappings Python and Rust agree on, blanks, digits, signs, other scripts.
ALPHABET = "aAbBzZéÉßøÆ ΣσςΩ日本\t\n-+.,;:1234567890eE_!$€😀\u0661"  # \u0661: an Arabic-Indic digit
SCHEMA = {
    "s1": pl.String,
    "s2": pl.String,
    "i1": pl.Int64,
    "i2": pl.Int64,
    "f1": pl.Float64,
    "b1": pl.Boolean,
}

texts = st.one_of(
    st.none(),
    st.text(ALPHABET, max_size=8),
    st.sampled_from(
        [
            "",
            " 12 ",
            "-7",
            "3.5",
            "1e2",
            "x",
            "TRUE",
            "false",
            "a,b,,c",
            "inf",
            "NaN",
            "1e999",
            ".5",
            "5.",
        ]
    ),
)
integers = st.one_of(st.none(), st.integers(-1000, 1000))
numbers = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 3)))
records = st.fixed_dictionaries(
    {
        "s1": texts,
        "s2": texts,
        "i1": integers,
        "i2": integers,
        "f1": numbers,
        "b1": st.one_of(st.none(), st.booleans()),
    }
)


def call(name: str, *args: Node) -> Node:
    return Call(name, tuple(args))


def binary(op: str) -> Any:
    return lambda a, b: Binary(op, a, b)


small = st.integers(0, 6).map(lambda n: Literal(n, "integer"))
words = st.text(ALPHABET, max_size=3).map(lambda t: Literal(t, "string"))
string_leaves = st.one_of(st.sampled_from([Field("s1"), Field("s2")]), words)
int_leaves = st.one_of(
    st.sampled_from([Field("i1"), Field("i2")]),
    st.integers(0, 50).map(lambda n: Literal(n, "integer")),
)
number_leaves = st.one_of(
    st.just(Field("f1")), st.floats(0, 100).map(lambda x: Literal(round(x, 2), "number"))
)
bool_leaves = st.one_of(st.just(Field("b1")), st.booleans().map(lambda b: Literal(b, "boolean")))
patterns = st.sampled_from(["[a-z]+", "\\d+", ".*e.*", "(a|b)+", "[^,]*,.*", "\\w+\\s\\w+"])


def extend_strings(inner: Any) -> Any:
    ints, bools = int_leaves, bool_leaves
    return st.one_of(
        st.builds(lambda a: call("lower", a), inner),
        st.builds(lambda a: call("upper", a), inner),
        st.builds(lambda a: call("trim", a), inner),
        st.builds(lambda a: call("ltrim", a), inner),
        st.builds(lambda a: call("rtrim", a), inner),
        st.builds(lambda a, b: call("concat", a, b), inner, inner),
        st.builds(lambda a, b, c: call("concat", a, b, c), inner, ints, number_leaves),
        st.builds(binary("+"), inner, st.one_of(inner, ints, number_leaves, bools)),
        st.builds(lambda a, b, c: call("substr", a, b, c), inner, small, small),
        st.builds(lambda a, b: call("left", a, b), inner, small),
        st.builds(lambda a, b: call("right", a, b), inner, small),
        st.builds(lambda a, b, c: call("replacestr", a, b, c), inner, words, words),
        st.builds(lambda a, b, c: call("lpad", a, b, c), inner, small, words),
        st.builds(lambda a, b, c: call("rpad", a, b, c), inner, small, words),
        st.builds(lambda c, a, b: call("iif", c, a, b), bools, inner, inner),
        st.builds(
            lambda k, a, b: call("decode", k, Literal("a", "string"), a, b), inner, inner, inner
        ),
        st.builds(lambda a, b: call("join", Literal("-", "string"), a, b), inner, ints),
        st.builds(
            lambda a: call(
                "join", Literal("|", "string"), call("split", a, Literal(",", "string"))
            ),
            inner,
        ),
        st.builds(lambda a: call("join", Literal("|", "string"), call("explode", a)), inner),
        st.builds(lambda a, b: call("max", a, b), inner, inner),
    )


strings = st.recursive(string_leaves, extend_strings, max_leaves=4)


def extend_integers(inner: Any) -> Any:
    return st.one_of(
        *(st.builds(binary(op), inner, inner) for op in ("+", "-", "*", "/", "%")),
        st.builds(lambda a: Unary("-", a), inner),
        st.builds(lambda s, w: call("instr", s, w), string_leaves, words),
        st.builds(lambda s: call("to_integer", s), string_leaves),
        st.builds(lambda s: call("to_bigint", s), string_leaves),
        st.builds(lambda a, b: call("min", a, b), inner, inner),
        st.builds(lambda c, a, b: call("iif", c, a, b), bool_leaves, inner, inner),
        st.builds(lambda c, a, b: Conditional(c, a, b), bool_leaves, inner, inner),
    )


ints_ = st.recursive(int_leaves, extend_integers, max_leaves=4)


def extend_numbers(inner: Any) -> Any:
    return st.one_of(
        # Floating-point % is left out: Polars' remainder is not Java's exact fmod in the last
        # bits, and chained remainders amplify that (it is tested by example instead).
        *(st.builds(binary(op), inner, st.one_of(inner, int_leaves)) for op in "+-*/"),
        st.builds(lambda s: call("to_decimal", s), string_leaves),
        st.builds(lambda s: call("to_float", s), string_leaves),
        st.builds(lambda s: Binary("*", s, Literal(2, "integer")), string_leaves),
        st.builds(lambda a, b: call("max", a, b), inner, int_leaves),
    )


numbers_ = st.recursive(number_leaves, extend_numbers, max_leaves=4)
comparable = st.one_of(
    st.tuples(strings, strings), st.tuples(ints_, numbers_), st.tuples(string_leaves, ints_)
)


def extend_booleans(inner: Any) -> Any:
    return st.one_of(
        st.builds(
            lambda ab, op: Binary(op, *ab),
            comparable,
            st.sampled_from(["==", "!=", "<", ">", "<=", ">="]),
        ),
        st.builds(binary("&&"), inner, inner),
        st.builds(binary("||"), inner, st.one_of(inner, strings, ints_)),
        st.builds(lambda a: Unary("!", a), st.one_of(inner, strings, numbers_)),
        st.builds(lambda a, b: Method(a, "equals", (b,)), strings, strings),
        st.builds(lambda a, b: Method(a, "equalsIgnoreCase", (b,)), strings, strings),
        st.builds(lambda a, p: call("matches_regex", a, Literal(p, "string")), strings, patterns),
    )


booleans = st.recursive(bool_leaves, extend_booleans, max_leaves=4)
expressions = st.one_of(strings, ints_, numbers_, booleans)


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9) or (math.isinf(a) and a == b)
    return bool(a == b) and type(a) is type(b)


def vectorised(text: str, frame: pl.DataFrame) -> pl.DataFrame:
    value = compile_expression(text, frame.schema)
    error = value.error if value.error is not None else pl.lit(None, dtype=pl.String)
    return frame.with_columns(value.expr.alias("__v"), error.alias("__e"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=expressions, data=st.lists(records, min_size=1, max_size=4))
def test_vectorised_equals_the_scalar_reference(tree: Node, data: list[dict[str, Any]]) -> None:
    text = unparse(tree)
    assert parse(text) == tree
    frame = pl.DataFrame(data, schema=SCHEMA)
    try:
        out = vectorised(text, frame)
    except Exception as failure:
        raise AssertionError(f"{text} over {data}: {failure}") from failure
    for record, got, failed in zip(data, out["__v"], out["__e"], strict=True):
        expected, reason = evaluate(tree, record, frame.schema)
        assert (failed is None) == (reason is None), (text, record, failed, reason)
        if failed is None:
            assert same(got, expected), (text, record, got, expected)


@settings(max_examples=100, deadline=None)
@given(tree=expressions)
def test_unparse_round_trips(tree: Node) -> None:
    assert parse(unparse(tree)) == tree
