"""Property tests: what Python's csv module writes reads back identically; JSON arrays stream."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from headwater.formats import DelimitedOptions, JsonOptions, read_batches
from headwater.formats.json_normalize import to_json_lines

SPECIAL = st.sampled_from(
    [",", ";", "\t", "|", '"', "\n", "\r\n", "\r", " ", "é", "日本", "🙂", "''"]
)
CELL = st.lists(
    st.one_of(
        SPECIAL, st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=5)
    ),
    max_size=6,
).map("".join)
DELIMITERS = st.sampled_from([",", "\t", ";", "|", "^"])


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    width = draw(st.integers(1, 5))
    names = draw(
        st.lists(
            st.text(min_size=1, max_size=8).filter(lambda n: n != "_hw_row"),
            min_size=width,
            max_size=width,
            unique=True,
        )
    )
    body = draw(st.lists(st.lists(CELL, min_size=width, max_size=width), max_size=20))
    return names, body


@settings(max_examples=200, deadline=None)
@given(
    table=tables(),
    delimiter=DELIMITERS,
    encoding=st.sampled_from(["UTF-8", "ISO-8859-1"]),
    batch_rows=st.integers(1, 7),
)
def test_csv_written_by_python_reads_back(table, delimiter, encoding, batch_rows) -> None:
    names, body = table
    if encoding == "ISO-8859-1":
        names = [n.encode("latin-1", "replace").decode("latin-1") for n in names]
        body = [[c.encode("latin-1", "replace").decode("latin-1") for c in row] for row in body]
        if len(set(names)) != len(names):
            return
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(names)
    writer.writerows(body)
    data = text.getvalue().encode("utf-8" if encoding == "UTF-8" else "latin-1")
    options = DelimitedOptions(delimiter=delimiter, encoding=encoding)
    batches = list(read_batches(io.BytesIO(data), options, source="p", batch_rows=batch_rows))
    got = [row for batch in batches for row in batch.to_pylist()]
    expected = [
        {**{n: (v if v != "" else None) for n, v in zip(names, row, strict=True)}, "_hw_row": i}
        for i, row in enumerate(body, 1)
    ]
    assert got == expected
    assert batches[0].schema.names == [*names, "_hw_row"]


JSON_TEXT = st.text(st.sampled_from(list('ab"\\,[]{}:\n\t é🙂')), max_size=8)
JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 5), JSON_TEXT),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(JSON_TEXT, inner, max_size=3)
    ),
    max_leaves=8,
)
OBJECTS = st.lists(st.dictionaries(JSON_TEXT, JSON_VALUE, max_size=4), max_size=8)


@settings(max_examples=200, deadline=None)
@given(objects=OBJECTS, indent=st.sampled_from([None, 0, 2]), cuts=st.lists(st.integers(1, 50)))
def test_json_arrays_become_one_object_per_line(objects, indent, cuts) -> None:
    document = json.dumps(objects, indent=indent, ensure_ascii=False).encode()
    chunks, rest = [], document
    for cut in cuts:
        chunks.append(rest[:cut])
        rest = rest[cut:]
    chunks.append(rest)
    lines = b"".join(to_json_lines(chunks, array=True, source="p")).splitlines()
    assert [json.loads(line) for line in lines if line.strip()] == objects


@settings(max_examples=100, deadline=None)
@given(
    objects=st.lists(st.fixed_dictionaries({"k": JSON_TEXT, "n": st.integers(-9, 9)}), max_size=15),
    pretty=st.booleans(),
)
def test_json_records_read_back(objects, pretty) -> None:
    document = json.dumps(objects, indent=2 if pretty else None).encode()
    batches = list(read_batches(io.BytesIO(document), JsonOptions(), source="p", batch_rows=4))
    got = [row for batch in batches for row in batch.to_pylist()]
    assert got == [{**o, "_hw_row": i} for i, o in enumerate(objects, 1)]
