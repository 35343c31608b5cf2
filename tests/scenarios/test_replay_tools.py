"""The seed parser, the shape comparison and the id map the seed replay is built on."""

from __future__ import annotations

import json

import pytest

from support.replay import IdMap, says_invalid_json
from support.seeds import find_seed, parse_curl, parse_seed, seeds_dir
from support.shapes import shape_mismatches

CURL = """curl -X POST \\
    'https://platform.adobe.io/data/foundation/flowservice/sourceConnections' \\
    -H 'Authorization: Bearer {ACCESS_TOKEN}' \\
    -H 'Content-Type: application/json' \\
    -d '{
        "name": "tabs",
        "data": {"format": "delimited", "columnDelimiter": "\\t"}
    }'
"""


def test_parse_curl_reads_method_url_headers_and_body():
    call = parse_curl(CURL)
    assert call.method == "POST"
    assert call.url == "https://platform.adobe.io/data/foundation/flowservice/sourceConnections"
    assert call.headers == {
        "Authorization": "Bearer {ACCESS_TOKEN}",
        "Content-Type": "application/json",
    }
    assert call.body is not None
    assert json.loads(call.body)["data"]["columnDelimiter"] == "\t"


def test_parse_curl_defaults_like_curl():
    assert parse_curl("curl 'https://platform.adobe.io/x'").method == "GET"
    assert parse_curl("curl https://platform.adobe.io/x -d '{}'").method == "POST"


def test_shape_mismatches_reports_missing_keys_and_other_types():
    documented = {"id": "x", "n": 1, "flag": True, "items": [{"a": "s"}], "any": None}
    assert (
        shape_mismatches(
            documented,
            {"id": "y", "n": 2.5, "flag": False, "items": [{"a": "t", "b": 1}], "any": 3},
        )
        == []
    )
    problems = shape_mismatches(documented, {"id": 5, "n": True, "items": [{}], "any": 1})
    assert problems == [
        "$.id: documented string, got number (5)",
        "$.n: documented number, got boolean (True)",
        "$.flag: missing",
        "$.items[0].a: missing",
    ]
    assert shape_mismatches(["@/dataSets/x"], []) == ["$: documented a non-empty array, got []"]


def test_id_map_learns_from_responses_first_id_wins_and_aliases():
    ids = IdMap()
    ids.learn_from(
        {"id": "doc-1", "nested": {"$id": "https://doc/2"}},
        {"id": "act-1", "nested": {"$id": "https://act/2"}},
    )
    ids.learn_from(["@/dataSets/5e74"], ["@/dataSets/abcd"])
    ids.learn("doc-1", "later")
    ids.alias("other", "doc-1")
    text = '{"a": "doc-1", "b": "https://doc/2", "c": "5e74", "d": "other", "e": "@/dataSets/5e74"}'
    assert json.loads(ids.apply(text)) == {
        "a": "act-1",
        "b": "https://act/2",
        "c": "abcd",
        "d": "act-1",
        "e": "@/dataSets/abcd",
    }


def test_says_invalid_json():
    assert says_invalid_json("The request body is not valid JSON: Expecting value")
    assert not says_invalid_json("name: Field required")


@pytest.fixture
def seeds():
    found = {prefix: find_seed(prefix) for prefix in ("000_", "003_")}
    if None in found.values():
        pytest.skip(f"seed tutorials not found in {seeds_dir()}")
    return {prefix: parse_seed(path) for prefix, path in found.items() if path}


def test_the_seeds_parse_into_the_calls_the_replay_relies_on(seeds):
    """The replay's special paths are exercised: calls without a token, bodies that are not JSON."""
    for prefix, expected_calls in (("000_", 5), ("003_", 8)):
        seed = seeds[prefix]
        assert len(seed.steps) == expected_calls
        assert all(step.documented is not None for step in seed.steps)
    without_token = {
        (prefix, step.number)
        for prefix, seed in seeds.items()
        for step in seed.steps
        if "Authorization" not in step.call.headers
    }
    assert without_token == {("000_", 5), ("003_", 7), ("003_", 8)}
    invalid_bodies = {
        (prefix, step.number)
        for prefix, seed in seeds.items()
        for step in seed.steps
        if step.call.body and not _is_json(step.call.body)
    }
    assert invalid_bodies == {("000_", 3), ("000_", 4)}


def _is_json(body: str) -> bool:
    # The placeholders the replay fills are not JSON themselves.
    filled = body.replace("{{$timestamp}}", "0")
    try:
        json.loads(filled)
    except ValueError:
        return False
    return True
