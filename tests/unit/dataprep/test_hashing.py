"""Hashing functions: the platform's examples, Java's bytes per charset, nulls, wrong types."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headwater.dataprep.functions import function_table
from headwater.dataprep.functions.hashing import FUNCTIONS, java_bytes
from headwater.dataprep.values import ExpressionError, Value

NAMES = [function.name for function in FUNCTIONS]
CHARSETS = ["UTF-8", "UTF-16", "ISO-8859-1", "US-ASCII"]

# Computed with Java 17: MessageDigest / CRC32 over String.getBytes(charset), CRC bytes
# written least significant first as Guava's HashCode does.
JAVA = {
    ("my text", "UTF-16"): (
        "85925c6d7d275f30ebef27331d853e85",
        "136874f2acb914216e5f8ff754e285663c3fe7ad2054387cc6508749ed11e14d",
        "a4decf59",
    ),
    ("é€😀", "UTF-8"): (
        "3b07a39fef0ac5d7ef21575e7315a482",
        "df9226927fd572c1ee66eec85de1bb139497614899f36e4e90474cb71f6ef9d0",
        "a6cdd884",
    ),
    ("é€😀", "UTF-16"): (
        "bbaf4cc9856a07623eba671deb5d6c46",
        "d929276b28a2105f7bef81f7b3f072bb167a0989c74cb99f2769612080d867a9",
        "5643eb50",
    ),
    ("é€😀", "ISO-8859-1"): (
        "4916f58529c49c8775b0be04dccec420",
        "98e907f06ff681eae5882132464dcca76976a94ba37914bb152dfcab1288caaf",
        "3c35cab7",
    ),
    ("é€😀", "US-ASCII"): (
        "0d1b08c34858921bc7c662b228acb7ba",
        "a03b221c6c6eae7122ca51695d456d5222e524889136394944b2f9763b483615",
        "be7cce3e",
    ),
    ("", "UTF-16"): (
        "d41d8cd98f00b204e9800998ecf8427e",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "00000000",
    ),
}


def const(value: Any, dtype: pl.DataType) -> Value:
    return Value(pl.lit(value, dtype=dtype), dtype, constant=value)


def hash_column(name: str, texts: list[str | None], *extra: Value) -> list[Any]:
    frame = pl.DataFrame({"t": texts}, schema={"t": pl.String})
    value = function_table()[name].compile([Value(pl.col("t"), pl.String()), *extra])
    assert value.dtype == pl.String
    assert value.error is None
    return frame.select(value.expr).to_series().to_list()


@pytest.mark.parametrize("function", FUNCTIONS, ids=NAMES)
def test_the_documented_example(function: Any) -> None:
    assert hash_column(function.name, ["my text"], const("UTF-8", pl.String())) == [function.result]
    assert hash_column(function.name, ["my text"]) == [function.result]
    assert function.scalar("my text", "UTF-8") == function.result


def test_crc32_writes_the_bytes_least_significant_first() -> None:
    assert hash_column("crc32", ["my text"]) == ["8df92e80"]  # zlib reads 0x802ef98d


@pytest.mark.parametrize(("text", "charset"), list(JAVA))
def test_the_bytes_of_each_charset_are_javas(text: str, charset: str) -> None:
    md5, sha256, crc32 = JAVA[(text, charset)]
    charset_arg = const(charset, pl.String())
    assert hash_column("md5", [text], charset_arg) == [md5]
    assert hash_column("sha256", [text], charset_arg) == [sha256]
    assert hash_column("crc32", [text], charset_arg) == [crc32]


def test_utf16_is_big_endian_with_a_byte_order_mark() -> None:
    assert java_bytes("ab", "UTF-16") == b"\xfe\xff\x00a\x00b"
    assert java_bytes("", "UTF-16") == b""
    assert java_bytes("é€😀", "US-ASCII") == b"???"
    assert java_bytes("é€😀", "ISO-8859-1") == b"\xe9??"


@pytest.mark.parametrize("name", NAMES)
def test_nulls_stay_null_and_repeats_keep_their_rows(name: str) -> None:
    texts = ["b", None, "a", "b", "", None, "a"]
    for charset in CHARSETS:
        got = hash_column(name, texts, const(charset, pl.String()))
        assert got[1] is None and got[5] is None
        assert got[0] == got[3] and got[2] == got[6] and got[0] != got[2]
        assert got == [function_table()[name].scalar(text, charset) for text in texts]


def test_the_null_literal_hashes_to_null() -> None:
    value = function_table()["sha1"].compile([Value(pl.lit(None), pl.Null())])
    assert pl.select(value.expr).to_series().to_list() == [None]


def test_a_null_or_lowercase_charset_is_accepted() -> None:
    utf16 = hash_column("md5", ["my text"], const("UTF-16", pl.String()))
    assert hash_column("md5", ["my text"], const("utf-16", pl.String())) == utf16
    assert hash_column("md5", ["my text"], const(None, pl.String())) == hash_column(
        "md5", ["my text"]
    )


def test_an_empty_batch_hashes_to_an_empty_column() -> None:
    assert hash_column("sha256", []) == []
    assert hash_column("sha512", []) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([Value(pl.col("n"), pl.Int64())], "INPUT must be a text"),
        ([Value(pl.col("t"), pl.String()), Value(pl.col("t"), pl.String())], "constant"),
        ([Value(pl.col("t"), pl.String()), const("UTF-32", pl.String())], "unsupported charset"),
        ([Value(pl.col("t"), pl.String()), const(8, pl.Int64())], "must be a text"),
    ],
)
def test_wrong_arguments_do_not_compile(args: list[Value], message: str) -> None:
    with pytest.raises(ExpressionError, match=message):
        function_table()["md5"].compile(args)


@settings(max_examples=100, deadline=None)
@given(
    texts=st.lists(st.none() | st.text(max_size=40), max_size=12),
    charset=st.sampled_from(CHARSETS),
)
def test_vectorised_hashes_equal_the_reference(texts: list[str | None], charset: str) -> None:
    for function in FUNCTIONS:
        got = hash_column(function.name, texts, const(charset, pl.String()))
        assert got == [function.scalar(text, charset) for text in texts]
