"""``/datasets/{id}/preview``: the first 100 rows of a dataset as nested objects."""

from __future__ import annotations

from .conftest import EXPORT, assert_not_found, person


def test_preview_gives_the_first_hundred_rows(tenant, loaded):
    reply = tenant.request("GET", f"{EXPORT}/datasets/{loaded.dataset_id}/preview")
    assert reply.status_code == 200, reply.text
    rows = reply.json()["data"]
    assert len(rows) == 100
    assert set(reply.json()) == {"data"}
    for row in rows:
        assert set(row) == {"_id", "person", "score"}  # no system columns
        index = int(row["_id"].removeprefix("id-"))
        expected = person(index)
        del expected["person"]["name"]["lastName"]  # nulls are left out
        assert row == expected


def test_an_unwritten_dataset_previews_empty(tenant, dataset_id):
    reply = tenant.request("GET", f"{EXPORT}/datasets/{dataset_id}/preview")
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"data": []}


def test_foreign_and_unknown_datasets_are_not_found(tenant, other_tenant, loaded):
    assert_not_found(other_tenant.request("GET", f"{EXPORT}/datasets/{loaded.dataset_id}/preview"))
    assert_not_found(tenant.request("GET", f"{EXPORT}/datasets/000000000000000000000000/preview"))
    reply = tenant.request(
        "GET", f"{EXPORT}/datasets/{loaded.dataset_id}/preview", params={"limit": 5}
    )
    assert reply.status_code == 400
