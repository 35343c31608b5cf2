"""``/batches/{id}/failed`` and ``/batches/{id}/meta``: row errors, input files, the sample."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from headwater.services import catalog

from .conftest import EXPORT, INPUTS, add_run, assert_not_found


def get(tenant, batch_id, kind, **params):
    return tenant.request("GET", f"{EXPORT}/batches/{batch_id}/{kind}", params=params)


def lines(reply):
    return [json.loads(line) for line in reply.text.splitlines()]


def test_failed_lists_row_error_files_in_order(tenant, settings, loaded):
    reply = get(tenant, loaded.batch_id, "failed")
    assert reply.status_code == 200, reply.text
    body = reply.json()
    names = ["conversion_errors_0.json", "conversion_errors_2.json", "conversion_errors_10.json"]
    assert [one["name"] for one in body["data"]] == names
    assert body["_page"] == {"limit": 100, "count": 3}
    assert body["_links"] == {}
    directory = settings.runs_dir / loaded.batch_id / "row_errors"
    first = body["data"][0]
    assert first["length"] == str((directory / names[0]).stat().st_size)
    assert first["_links"]["self"]["href"] == (
        f"{EXPORT}/batches/{loaded.batch_id}/failed?path=conversion_errors_0.json"
    )


def test_failed_file_downloads_as_json_lines(tenant, loaded):
    reply = get(tenant, loaded.batch_id, "failed", path="conversion_errors_0.json")
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"] == "application/x-ndjson"
    records = lines(reply)
    assert [r["_row"] for r in records] == [1, 2, 3]
    assert records[0]["_corrupt_record"] == "bad,row,1"
    assert records[0]["_filename"] == "leads.csv"
    assert records[0]["_errors"][0]["code"] == "1401"
    second = get(tenant, loaded.batch_id, "failed", path="conversion_errors_2.json")
    assert len(lines(second)) == 150


def test_listings_page_with_next_links(tenant, loaded):
    first = get(tenant, loaded.batch_id, "failed", limit=2).json()
    assert first["_page"] == {"limit": 2, "count": 2}
    href = first["_links"]["next"]["href"]
    assert parse_qs(urlsplit(href).query) == {"start": ["2"], "limit": ["2"]}
    second = tenant.request("GET", href).json()
    assert [one["name"] for one in second["data"]] == ["conversion_errors_10.json"]
    assert second["_links"] == {}
    meta = get(tenant, loaded.batch_id, "meta", path="row_errors", limit=1).json()
    assert parse_qs(urlsplit(meta["_links"]["next"]["href"]).query) == {
        "path": ["row_errors"],
        "start": ["1"],
        "limit": ["1"],
    }


def test_meta_root_lists_its_three_entries(tenant, loaded):
    body = get(tenant, loaded.batch_id, "meta").json()
    assert [one["name"] for one in body["data"]] == [
        "input_files",
        "row_errors",
        "row_errors_sample.json",
    ]
    assert body["data"][0]["length"] == "200"  # the input files' total size
    hrefs = [one["_links"]["self"]["href"] for one in body["data"]]
    assert hrefs[0] == f"{EXPORT}/batches/{loaded.batch_id}/meta?path=input_files"


def test_meta_input_files(tenant, loaded):
    body = get(tenant, loaded.batch_id, "meta", path="input_files").json()
    assert body["_page"] == {"limit": 100, "count": 2}
    assert [(one["name"], one["length"]) for one in body["data"]] == [
        ("incoming/leads.csv", "120"),
        ("incoming/more/leads 2.csv", "80"),
    ]
    href = body["data"][1]["_links"]["self"]["href"]
    assert parse_qs(urlsplit(href).query) == {"path": ["input_files/incoming/more/leads 2.csv"]}
    reply = tenant.request("GET", href)
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"] == "application/x-ndjson"
    assert lines(reply) == [INPUTS[1]]


def test_meta_row_errors(tenant, loaded):
    body = get(tenant, loaded.batch_id, "meta", path="row_errors").json()
    assert len(body["data"]) == 3
    href = body["data"][2]["_links"]["self"]["href"]
    assert parse_qs(urlsplit(href).query) == {"path": ["row_errors/conversion_errors_10.json"]}
    records = lines(tenant.request("GET", href))
    assert records == [
        {
            "_corrupt_record": '{"email": "x0"}',
            "_row": 1,
            "_errors": [{"code": "1555", "field": "email", "message": "required"}],
            "_filename": "file10.csv",
        }
    ]
    assert get(tenant, loaded.batch_id, "meta", path="row_errors/").json() == body


@pytest.mark.parametrize("name", ["row_errors_sample.json", "row_error_samples.json"])
def test_row_error_sample_is_the_first_hundred(tenant, loaded, name):
    reply = get(tenant, loaded.batch_id, "meta", path=name)
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"] == "application/json"
    assert "accept-ranges" not in reply.headers
    sample = reply.json()
    assert len(sample) == 100
    assert [r["_filename"] for r in sample[:4]] == ["leads.csv"] * 3 + ["file2.csv"]
    assert sample[3]["_row"] == 1


@pytest.mark.parametrize(
    "path",
    [
        "../../x",
        "row_errors/../../../etc/passwd",
        "row_errors/../row_errors/conversion_errors_0.json",
        "input_files/../row_errors",
        "input_files//incoming/leads.csv",
        "input_files/elsewhere.csv",
        "row_errors/nope.json",
        "row_errors_sample",
        "other",
        "/row_errors",
    ],
)
def test_meta_paths_outside_the_listings_are_not_found(tenant, loaded, path):
    reply = get(tenant, loaded.batch_id, "meta", path=path)
    assert reply.status_code in (400, 404), (path, reply.text)


@pytest.mark.parametrize(
    "path",
    [
        "../x",
        "../../runs/x/row_errors/conversion_errors_0.json",
        "row_errors/conversion_errors_0.json",
        "/etc/passwd",
    ],
)
def test_failed_paths_outside_the_listing_are_not_found(tenant, loaded, path):
    assert_not_found(get(tenant, loaded.batch_id, "failed", path=path))


def test_a_batch_without_run_or_errors_has_empty_listings(tenant, db, scope, dataset_id):
    batch_id = catalog.create_batch(db, scope, dataset_id)["id"]
    add_run(db, scope, batch_id, None)  # files not discovered yet
    assert get(tenant, batch_id, "failed").json()["data"] == []
    assert get(tenant, batch_id, "meta", path="input_files").json()["data"] == []
    assert get(tenant, batch_id, "meta", path="row_errors").json()["data"] == []
    assert get(tenant, batch_id, "meta", path="row_errors_sample.json").json() == []
    assert [one["length"] for one in get(tenant, batch_id, "meta").json()["data"]] == [
        "0",
        "0",
        "2",
    ]


def test_foreign_batches_are_not_found(tenant, other_tenant, loaded):
    for kind, params in (
        ("failed", {}),
        ("failed", {"path": "conversion_errors_0.json"}),
        ("meta", {}),
        ("meta", {"path": "row_errors_sample.json"}),
        ("meta", {"path": "input_files/incoming/leads.csv"}),
    ):
        assert_not_found(get(other_tenant, loaded.batch_id, kind, **params))
        assert get(tenant, loaded.batch_id, kind, **params).status_code == 200
    assert_not_found(get(tenant, "000000000000000000000000", "meta"))
