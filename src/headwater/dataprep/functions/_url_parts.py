"""Splitting URLs into their parts and query strings into maps, vectorised; plain twins for tests.

One regular expression both splits a URL and checks it (see
:mod:`headwater.dataprep.functions.urls` for what counts as valid): each component may hold
only the characters ``java.net.URI`` allows there, non-ASCII letters included, and ``%`` only
as the start of a ``%XX`` escape.
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from headwater.dataprep.values import ExpressionError, Value

_OTHER = r'\x00-\x20"<>\\^`{|}\x7f%'  # never allowed as such; "%" only in an escape


def _chars(excluded: str) -> str:
    return rf"(?:[^{_OTHER}{excluded}]|%[0-9A-Fa-f]{{2}})*"


_HOST_CHARS = _chars(r"/?#@:\[\]")
# RFC 3986, appendix B, with the scheme required and the authority split.
URL_PATTERN = (
    r"^(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*):"
    rf"(?://(?<authority>(?:{_chars('/?#@')}@)?"
    rf"(?<host>\[[0-9A-Fa-f:.]*\]|{_HOST_CHARS})(?::(?<port>[0-9]{{0,9}}))?))?"
    rf"(?<path>{_chars('?#')})(?:\?(?<query>{_chars('#')}))?(?:#(?<anchor>{_chars('#')}))?$"
)
QUERY_MAP = pl.List(pl.Struct({"key": pl.String, "value": pl.String}))
ANCHOR_KEY = "_anchor_"
DEFAULT_PORTS: dict[str, int] = {
    "ftp": 21,
    "ftps": 990,
    "git": 9418,
    "gopher": 70,
    "http": 80,
    "https": 443,
    "imap": 143,
    "ldap": 389,
    "ldaps": 636,
    "nntp": 119,
    "pop3": 110,
    "rtsp": 554,
    "scp": 22,
    "sftp": 22,
    "smtp": 25,
    "ssh": 22,
    "telnet": 23,
    "ws": 80,
    "wss": 443,
}
_PY_URL = re.compile(URL_PATTERN.replace("(?<", "(?P<"))


def url_parts(text: pl.Expr) -> pl.Expr:
    """The parts of the URLs in ``text`` as one struct, each part null where a URL is invalid.

    Fields: ``scheme``, ``host``, ``port`` (``Int64``, the scheme's default when absent),
    ``path``, ``last`` (its last segment), ``query`` and ``anchor``. The URL is matched once;
    read the parts with ``.struct.field`` or derive more with ``.struct.with_fields``.
    """
    field = pl.field
    authority, path, scheme = field("authority"), field("path"), field("scheme")
    empty = (authority == "") & (path == "")  # "http://" has no host
    # After an authority, a path starts with "/" ("http://h:abc/" has a bad port, no path).
    bad_path = authority.is_not_null() & (path != "") & ~path.str.starts_with("/")
    valid = scheme.is_not_null() & ~empty.fill_null(False) & ~bad_path.fill_null(False)

    def part(expr: pl.Expr) -> pl.Expr:
        return pl.when(valid).then(expr)

    default = scheme.str.to_lowercase().replace_strict(
        DEFAULT_PORTS, default=None, return_dtype=pl.Int64
    )
    port = field("port").str.to_integer(dtype=pl.Int64, strict=False)
    return text.str.extract_groups(URL_PATTERN).struct.with_fields(
        scheme=part(scheme),
        host=part(pl.when(field("host") != "").then(field("host"))),
        port=part(pl.coalesce(port, default)),
        path=part(path),
        last=part(path.str.split("/").list.last()),
        query=part(field("query")),
        anchor=part(field("anchor")),
    )


def query_map(queries: pl.Series) -> pl.Series:
    """Maps of ``{q: query text, a: anchor to append}`` structs (a batch kernel).

    Pairs are split on ``&`` and their first ``=``; a pair without a name is dropped, a name
    keeps its first value, the anchor comes last under ``_anchor_``; no pair gives null.
    """
    frame = queries.struct.unnest().select("q", "a").with_row_index("row")
    pairs = frame.select("row", pair=pl.col("q").str.split("&")).explode("pair")
    pairs = pairs.select(
        "row",
        key=pl.col("pair").str.splitn("=", 2).struct.field("field_0"),
        value=pl.col("pair").str.splitn("=", 2).struct.field("field_1").fill_null(""),
    )
    anchors = frame.filter(pl.col("a") != "").select("row", key=pl.lit(ANCHOR_KEY), value="a")
    entries = pl.concat([pairs, anchors]).sort("row", maintain_order=True)
    entries = entries.filter((pl.col("key") != "") & pl.struct("row", "key").is_first_distinct())
    maps = entries.group_by("row", maintain_order=True).agg(map=pl.struct("key", "value"))
    joined = frame.join(maps, on="row", how="left", maintain_order="left")
    return joined.get_column("map").cast(QUERY_MAP).rename(queries.name)


def constant_choice(value: Value, choices: tuple[str, ...], *, function: str) -> str:
    """The lowercased constant text of an argument that must be one of ``choices``."""
    constant = value.constant if value.is_constant else None
    if not isinstance(constant, str) or constant.lower() not in choices:
        raise ExpressionError(f"{function}: the anchor must be a constant, one of {choices}")
    return constant.lower()


def parse_url(url: str | None) -> dict[str, Any] | None:
    """The parts of one URL (``port`` as a number, defaulted), or None when it is invalid."""
    match = None if url is None else _PY_URL.fullmatch(url)
    if match is None or (match["authority"] == "" and match["path"] == ""):
        return None
    if match["authority"] is not None and match["path"][:1] not in ("", "/"):
        return None
    parts = match.groupdict()
    port = parts["port"]
    default = DEFAULT_PORTS.get(parts["scheme"].lower())
    parts.update(host=parts["host"] or None, port=int(port) if port else default)
    return parts


def parse_query(url: str | None, anchor: str) -> list[dict[str, str]] | None:
    """The query map of one URL (the plain twin of :func:`query_map`)."""
    parsed = parse_url(url)
    if parsed is None:
        return None
    query, fragment = parsed["query"], parsed["anchor"]
    if anchor == "retain" and fragment is not None and query is not None:
        query = f"{query}#{fragment}"
    pairs: dict[str, str] = {}
    for item in [] if query is None else query.split("&"):
        key, _, value = item.partition("=")
        if key:
            pairs.setdefault(key, value)
    if anchor == "append" and fragment:
        pairs.setdefault(ANCHOR_KEY, fragment)
    return [{"key": key, "value": value} for key, value in pairs.items()] or None
