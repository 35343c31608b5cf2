"""URL functions: the platform's examples, invalid URLs, query maps, percent-encoding."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headwater.dataprep.functions import function_table
from headwater.dataprep.values import ExpressionError, Value

SFTP = "sftp://example.com//home/joe/employee.csv"
FOO = "foo://example.com:8042/over/there?name=ferret#nose"
PARTS = ["get_url_protocol", "get_url_host", "get_url_port", "get_url_path"]


def const(value: Any, dtype: pl.DataType) -> Value:
    return Value(pl.lit(value, dtype=dtype), dtype, constant=value)


def call(name: str, texts: list[str | None], *extra: Value) -> tuple[list[Any], list[Any]]:
    """The values and errors of ``name`` over a column of texts."""
    frame = pl.DataFrame({"u": texts}, schema={"u": pl.String})
    value = function_table()[name].compile([Value(pl.col("u"), pl.String()), *extra])
    error = pl.lit(None, dtype=pl.String) if value.error is None else value.error
    out = frame.select(value.expr.alias("value"), error.alias("error"))
    assert out.schema["value"] == value.dtype
    return out["value"].to_list(), out["error"].to_list()


def values(name: str, texts: list[str | None], *extra: Value) -> list[Any]:
    return call(name, texts, *extra)[0]


def test_the_documented_examples() -> None:
    home = "https://platform.adobe.com/home"
    assert values("get_url_protocol", [home]) == ["https"]
    assert values("get_url_host", [home]) == ["platform.adobe.com"]
    assert values("get_url_port", [SFTP]) == [22]
    assert values("get_url_path", [SFTP]) == ["//home/joe/employee.csv"]
    anchor = {mode: const(mode, pl.String()) for mode in ("retain", "remove", "append")}
    assert values("get_url_query_str", [FOO], anchor["retain"]) == [
        [{"key": "name", "value": "ferret#nose"}]
    ]
    assert values("get_url_query_str", [FOO], anchor["remove"]) == [
        [{"key": "name", "value": "ferret"}]
    ]
    assert values("get_url_query_str", [FOO], anchor["append"]) == [
        [{"key": "name", "value": "ferret"}, {"key": "_anchor_", "value": "nose"}]
    ]
    plain = "https://example.com/partneralliance_asia-pacific_2022"
    encoded = "https%3A%2F%2Fexample.com%2Fpartneralliance_asia-pacific_2022"
    assert values("get_url_encoded", [plain]) == [encoded]
    assert values("get_url_decoded", [encoded]) == [plain]


@pytest.mark.parametrize(
    ("url", "parts"),
    [
        ("https://user:pw@[::1]:8080/p?q#f", ("https", "[::1]", 8080, "/p")),
        ("HTTP://Ex.com/a?x=1", ("HTTP", "Ex.com", 80, "/a")),
        ("http://x.com", ("http", "x.com", 80, "")),
        ("http://h:/p", ("http", "h", 80, "/p")),
        ("file:///x", ("file", None, None, "/x")),
        ("mailto:a@b.c", ("mailto", None, None, "a@b.c")),
        ("http://exämple.com/ü", ("http", "exämple.com", 80, "/ü")),
        ("foo://h", ("foo", "h", None, "")),
        # invalid: no scheme, a space, an empty authority, a bad port, a bad escape, "|", "##"
        ("example.com/home", (None, None, None, None)),
        ("not a url", (None, None, None, None)),
        ("http://", (None, None, None, None)),
        ("http://h:abc/", (None, None, None, None)),
        ("http://h/%zz", (None, None, None, None)),
        ("http://h/a|b", (None, None, None, None)),
        ("http://h/p#a#b", (None, None, None, None)),
        ("", (None, None, None, None)),
        (None, (None, None, None, None)),
    ],
)
def test_the_parts_of_a_url(url: str | None, parts: tuple[Any, ...]) -> None:
    for name, part in zip(PARTS, parts, strict=True):
        got, errors = call(name, [url])
        assert got == [part], name
        assert errors == [None]  # an invalid URL is null, not an error
        assert function_table()[name].scalar(url) == part


def test_the_end_of_the_path() -> None:
    urls = [SFTP, "http://h/a/b/", "http://h", None]
    full = const(False, pl.Boolean())
    assert values("get_url_path", urls, full) == ["employee.csv", "", "", None]
    frame = pl.DataFrame({"u": [SFTP, SFTP, SFTP], "f": [True, False, None]})
    value = function_table()["get_url_path"].compile(
        [Value(pl.col("u"), pl.String()), Value(pl.col("f"), pl.Boolean())]
    )
    assert frame.select(value.expr).to_series().to_list() == [
        "//home/joe/employee.csv",
        "employee.csv",
        "//home/joe/employee.csv",
    ]


def test_query_maps() -> None:
    urls = [
        "http://h/p?a=1&a=2&&=3&b&c=x=y",
        "http://h/p?_anchor_=q#frag",
        "http://h/p",
        "http://h/p#only",
        "http://h/p?#",
        "not a url?a=1",
        None,
    ]
    append = values("get_url_query_str", urls, const("APPEND", pl.String()))
    assert append == [
        [
            {"key": "a", "value": "1"},
            {"key": "b", "value": ""},
            {"key": "c", "value": "x=y"},
        ],
        [{"key": "_anchor_", "value": "q"}],
        None,
        [{"key": "_anchor_", "value": "only"}],
        None,
        None,
        None,
    ]
    retain = values("get_url_query_str", urls, const("retain", pl.String()))
    assert retain[1] == [{"key": "_anchor_", "value": "q#frag"}]
    assert retain[3] is None  # no query to attach the anchor to
    for mode in ("retain", "remove", "append"):
        got = values("get_url_query_str", urls, const(mode, pl.String()))
        assert got == [function_table()["get_url_query_str"].scalar(url, mode) for url in urls]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([Value(pl.col("u"), pl.String()), Value(pl.col("u"), pl.String())], "constant"),
        ([Value(pl.col("u"), pl.String()), const("keep", pl.String())], "one of"),
        ([Value(pl.col("n"), pl.Int64()), const("remove", pl.String())], "must be a text"),
    ],
)
def test_wrong_query_arguments_do_not_compile(args: list[Value], message: str) -> None:
    with pytest.raises(ExpressionError, match=message):
        function_table()["get_url_query_str"].compile(args)


def test_wrong_path_arguments_do_not_compile() -> None:
    with pytest.raises(ExpressionError, match="boolean"):
        function_table()["get_url_path"].compile(
            [Value(pl.col("u"), pl.String()), const("no", pl.String())]
        )
    with pytest.raises(ExpressionError, match="must be a text"):
        function_table()["get_url_host"].compile([Value(pl.col("n"), pl.Float64())])


# The appendix of the platform's functions page, with "|" as %7C (the page says %5C, "\").
APPENDIX = {
    " ": "%20", "!": "%21", '"': "%22", "#": "%23", "$": "%24", "%": "%25", "&": "%26",
    "'": "%27", "(": "%28", ")": "%29", "*": "%2A", "+": "%2B", ",": "%2C", "/": "%2F",
    ":": "%3A", ";": "%3B", "<": "%3C", "=": "%3D", ">": "%3E", "?": "%3F", "@": "%40",
    "[": "%5B", "|": "%7C", "]": "%5D", "^": "%5E", "`": "%60", "~": "%7E", "\\": "%5C",
}  # fmt: skip


def test_encoding_follows_the_appendix_table() -> None:
    reserved = list(APPENDIX)
    assert values("get_url_encoded", reserved) == list(APPENDIX.values())
    assert values("get_url_decoded", list(APPENDIX.values())) == reserved
    assert values("get_url_encoded", ["aZ09-_.", "é€😀", "", None]) == [
        "aZ09-_.",
        "%C3%A9%E2%82%AC%F0%9F%98%80",
        "",
        None,
    ]


def test_decoding_is_javas_url_decoder() -> None:
    texts = ["a+b%20c", "%c3%A9€", "%F0%9F%98%80", "", None, "100%25"]
    assert call("get_url_decoded", texts) == (
        ["a b c", "é€", "😀", "", None, "100%"],
        [None] * 6,
    )


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("%zz", "malformed"),
        ("abc%4", "malformed"),
        ("%%41", "malformed"),
        ("%FF", "not UTF-8"),
        ("%C0%80", "not UTF-8"),  # an overlong form
        ("%ED%A0%80", "not UTF-8"),  # a surrogate
        ("%F4%90%80%80", "not UTF-8"),  # past U+10FFFF
    ],
)
def test_undecodable_texts_are_null_with_an_error(text: str, error: str) -> None:
    got, errors = call("get_url_decoded", ["ok", text])
    assert got == ["ok", None]
    assert errors[0] is None and error in errors[1]
    assert function_table()["get_url_decoded"].scalar(text) is None


url_texts = st.builds(
    "{}{}{}{}{}".format,
    st.sampled_from(["http:", "HTTPS:", "sftp:", "foo:", "", "1x:"]),
    st.sampled_from(["//", ""]),
    st.text(alphabet="ab.@:[]19 %", max_size=10),
    st.text(alphabet="/a?b=&c#%2F é|", max_size=16),
    st.sampled_from(["", "#", "#x", "?q=1#y"]),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.none() | url_texts, max_size=8))
def test_vectorised_url_parts_equal_the_reference(urls: list[str | None]) -> None:
    for name in PARTS:
        assert values(name, urls) == [function_table()[name].scalar(url) for url in urls]
    for mode in ("retain", "remove", "append"):
        got = values("get_url_query_str", urls, const(mode, pl.String()))
        assert got == [function_table()["get_url_query_str"].scalar(url, mode) for url in urls]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.none() | st.text(max_size=20) | st.text(alphabet="%+2aCf8", max_size=9)))
def test_vectorised_encoding_equals_the_reference(texts: list[str | None]) -> None:
    encoded = values("get_url_encoded", texts)
    assert encoded == [function_table()["get_url_encoded"].scalar(text) for text in texts]
    assert values("get_url_decoded", encoded) == texts
    decoded = values("get_url_decoded", texts)
    assert decoded == [function_table()["get_url_decoded"].scalar(text) for text in texts]
