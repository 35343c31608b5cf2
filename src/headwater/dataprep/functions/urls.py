"""URL: the parts of a URL, its query string as a map, and percent-encoding.

A URL is split by the generic syntax of RFC 3986 (``scheme:[//authority]path[?query][#anchor]``)
with one regular expression, vectorised. It is *valid* when it has a scheme, each part holds
only what ``java.net.URI`` allows there (no space, control character, ``"<>\\^`{|}``, second
``#``; ``%`` only in a ``%XX`` escape; non-ASCII letters are fine), a port is digits, and a
``//`` authority is not empty unless a path follows (``file:///x``). An invalid URL gives null,
as the platform documents, without an error. Parts are returned as written, escapes not decoded
(``get_url_decoded`` does that); a URL without a scheme (``example.com/home``) is invalid.

``get_url_port`` falls back to the scheme's default port (``sftp`` → 22, see
:data:`DEFAULT_PORTS`); ``get_url_path(URL, false)`` returns the last segment of the path only.
``get_url_query_str`` returns a map of the ``name=value`` pairs (a pair without ``=`` has the
value ``""``, one without a name is dropped; each name once, the first occurrence winning, as
the project's maps do; null when there is none). ``ANCHOR`` is a constant: ``retain`` reads
the anchor as part of the query (``name=ferret#nose``), ``remove`` drops it, ``append`` adds it
under the key ``_anchor_``. The pairs are split on the batch's exploded frame (a kernel).

``get_url_encoded`` escapes every byte of the UTF-8 text except ``A-Z a-z 0-9 - _ .`` as
``%XX`` (space is ``%20``, ``*`` is ``%2A``, ``~`` is ``%7E``, as in the platform's table; its
``|`` row says ``%5C``, which is ``\\``: we write ``%7C``). ``get_url_decoded`` is Java's
``URLDecoder``: ``%XX`` escapes are UTF-8 bytes and ``+`` is a space; a malformed escape or
bytes that are not UTF-8 give null and an error (Java would write U+FFFD for the latter). Both
run as numpy kernels over the batch's bytes (``_percent``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import polars as pl

from headwater.dataprep.functions._kernels import text_arg
from headwater.dataprep.functions._percent import decode, decode_text, encode, encode_text
from headwater.dataprep.functions._url_parts import (
    QUERY_MAP,
    constant_choice,
    parse_query,
    parse_url,
    query_map,
    url_parts,
)
from headwater.dataprep.functions.registry import FunctionDef, Param
from headwater.dataprep.values import ExpressionError, Value

CATEGORY = "URL"
_URL = Param("URL", "The URL.")
_DECODED = pl.Struct({"text": pl.String, "error": pl.String})
_TRUE = Value(pl.lit(True), pl.Boolean(), constant=True)


def _url(args: Sequence[Value], function: str) -> pl.Expr:
    return url_parts(text_arg(args[0], function=function, param="URL"))


def _part(function: str, part: str, dtype: pl.DataType) -> Callable[[Sequence[Value]], Value]:
    def compile_part(args: Sequence[Value]) -> Value:
        return Value(_url(args, function).struct.field(part), dtype)

    return compile_part


def _path(args: Sequence[Value]) -> Value:
    parts = _url(args, "get_url_path")
    full = args[1] if len(args) > 1 else _TRUE
    if full.dtype not in (pl.Boolean, pl.Null):
        raise ExpressionError("get_url_path: FULL_PATH must be a boolean")
    path, last = parts.struct.field("path"), parts.struct.field("last")
    if full.is_constant:
        return Value(last if full.constant is False else path, pl.String())
    return Value(pl.when(full.expr.fill_null(True)).then(path).otherwise(last), pl.String())


def _query(args: Sequence[Value]) -> Value:
    parts = _url(args, "get_url_query_str")
    anchor = constant_choice(args[1], ("retain", "remove", "append"), function="get_url_query_str")
    query, fragment = pl.field("query"), pl.field("anchor")
    if anchor == "retain":
        query = pl.when(fragment.is_null()).then(query).otherwise(query + "#" + fragment)
    appended = fragment if anchor == "append" else pl.lit(None, dtype=pl.String)
    queries = parts.struct.with_fields(q=query, a=appended)
    return Value(queries.map_batches(query_map, QUERY_MAP, is_elementwise=True), QUERY_MAP)


def _encoded(args: Sequence[Value]) -> Value:
    text = text_arg(args[0], function="get_url_encoded", param="URL")
    return Value(text.map_batches(encode, pl.String, is_elementwise=True), pl.String())


def _decoded(args: Sequence[Value]) -> Value:
    text = text_arg(args[0], function="get_url_decoded", param="URL")
    result = text.map_batches(decode, _DECODED, is_elementwise=True)
    return Value(result.struct.field("text"), pl.String(), error=result.struct.field("error"))


def _scalar_part(part: str) -> Any:
    def scalar(url: str | None) -> Any:
        parsed = parse_url(url)
        return None if parsed is None else parsed[part]

    return scalar


def _path_scalar(url: str | None, full_path: bool | None = True) -> str | None:
    parsed = parse_url(url)
    if parsed is None:
        return None
    path: str = parsed["path"]
    return path if full_path is not False else path.split("/")[-1]


def _query_scalar(url: str | None, anchor: str) -> list[dict[str, str]] | None:
    return parse_query(url, anchor.lower())


def _def(
    name: str, doc: str, syntax: str, returns: str, example: str, result: str, **kw: Any
) -> FunctionDef:
    return FunctionDef(
        name=name,
        category=CATEGORY,
        description=doc,
        syntax=syntax,
        return_type=returns,
        example=example,
        result=result,
        **kw,
    )


_SFTP = '"sftp://example.com//home/joe/employee.csv"'
_FOO = '"foo://example.com:8042/over/there?name=ferret#nose"'
_STRING = "java.lang.String"
FUNCTIONS: tuple[FunctionDef, ...] = (
    _def(
        "get_url_protocol",
        "Returns the protocol from the given URL. If the input is invalid, it returns null.",
        "String get_url_protocol(String)",
        _STRING,
        'get_url_protocol("https://platform.adobe.com/home")',
        "https",
        params=(_URL,),
        compile=_part("get_url_protocol", "scheme", pl.String()),
        scalar=_scalar_part("scheme"),
    ),
    _def(
        "get_url_host",
        "Returns the host of the given URL. If the input is invalid, it returns null.",
        "String get_url_host(String)",
        _STRING,
        'get_url_host("https://platform.adobe.com/home")',
        "platform.adobe.com",
        params=(_URL,),
        compile=_part("get_url_host", "host", pl.String()),
        scalar=_scalar_part("host"),
    ),
    _def(
        "get_url_port",
        "Returns the port of the given URL (else its scheme's default port). If the input is "
        "invalid, it returns null.",
        "Integer get_url_port(String)",
        "java.lang.Integer",
        f"get_url_port({_SFTP})",
        "22",
        params=(_URL,),
        compile=_part("get_url_port", "port", pl.Int64()),
        scalar=_scalar_part("port"),
    ),
    _def(
        "get_url_path",
        "Returns the path of the given URL. By default, the full path is returned.",
        "String get_url_path(String, Boolean)",
        _STRING,
        f"get_url_path({_SFTP})",
        '"//home/joe/employee.csv"',
        params=(
            _URL,
            Param(
                "FULL_PATH",
                "If false, only the end of the path is returned.",
                "java.lang.Boolean",
                optional=True,
            ),
        ),
        compile=_path,
        scalar=_path_scalar,
    ),
    _def(
        "get_url_query_str",
        "Returns the query string of a given URL as a map of query string name and value.",
        "Map get_url_query_str(String, String)",
        "java.util.Map",
        f'get_url_query_str({_FOO}, "append")',
        '{"name": "ferret", "_anchor_": "nose"}',
        params=(
            _URL,
            Param("ANCHOR", 'What to do with the anchor: "retain", "remove" or "append".'),
        ),
        compile=_query,
        scalar=_query_scalar,
    ),
    _def(
        "get_url_encoded",
        "Encodes the special characters of a URL as %XX escapes of their UTF-8 bytes.",
        "String get_url_encoded(String)",
        _STRING,
        'get_url_encoded("https://example.com/partneralliance_asia-pacific_2022")',
        "https%3A%2F%2Fexample.com%2Fpartneralliance_asia-pacific_2022",
        params=(_URL,),
        compile=_encoded,
        scalar=encode_text,
    ),
    _def(
        "get_url_decoded",
        "Decodes the %XX escapes of a URL into the special characters they stand for.",
        "String get_url_decoded(String)",
        _STRING,
        'get_url_decoded("https%3A%2F%2Fexample.com%2Fpartneralliance_asia-pacific_2022")',
        "https://example.com/partneralliance_asia-pacific_2022",
        params=(_URL,),
        compile=_decoded,
        scalar=decode_text,
    ),
)
