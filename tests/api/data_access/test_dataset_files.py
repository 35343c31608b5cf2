"""``/batches/{id}/files`` and ``/files/{id}``: a batch's dataset file, its parts and bytes."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest

from headwater import lake
from headwater.services import catalog, tenancy

from .conftest import EXPORT, assert_not_found

CATALOG = "/data/foundation/catalog"


def parts(tenant, batch_id):
    reply = tenant.request("GET", f"{EXPORT}/files/{batch_id}")
    assert reply.status_code == 200, reply.text
    return reply.json()


def download(tenant, href, **headers):
    return tenant.request("GET", href, headers=headers)


def test_a_committed_batch_has_one_dataset_file(tenant, loaded):
    reply = tenant.request("GET", f"{EXPORT}/batches/{loaded.batch_id}/files")
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["_page"] == {"limit": 100, "count": 1}
    assert body["_links"] == {}
    [entry] = body["data"]
    batch = tenant.request("GET", f"{CATALOG}/batches/{loaded.batch_id}").json()[loaded.batch_id]
    dataset = tenant.request("GET", f"{CATALOG}/dataSets/{loaded.dataset_id}").json()
    files = lake.batch_files(loaded.table, loaded.batch_id)
    assert entry == {
        "dataSetFileId": loaded.batch_id,
        "dataSetViewId": dataset[loaded.dataset_id]["viewId"],
        "version": "1.0.0",
        "created": str(batch["created"]),
        "updated": str(batch["updated"]),
        "records": "120",
        "size": str(sum(f.size for f in files)),
        "isValid": True,
        "_links": {"self": {"href": f"{EXPORT}/files/{loaded.batch_id}"}},
    }


def test_a_batch_without_committed_rows_has_none(tenant, db, scope, dataset_id):
    batch = catalog.create_batch(db, scope, dataset_id)
    reply = tenant.request("GET", f"{EXPORT}/batches/{batch['id']}/files")
    assert reply.json() == {"data": [], "_page": {"limit": 100, "count": 0}, "_links": {}}
    assert_not_found(tenant.request("GET", f"{EXPORT}/files/{batch['id']}"))


def test_paging_of_dataset_files(tenant, loaded):
    path = f"{EXPORT}/batches/{loaded.batch_id}/files"
    assert tenant.request("GET", path, params={"start": 1}).json()["data"] == []
    for bad in ({"limit": 0}, {"limit": 101}, {"start": -1}, {"limit": "x"}, {"page": 2}):
        reply = tenant.request("GET", path, params=bad)
        assert reply.status_code == 400, (bad, reply.text)


def test_dataset_file_lists_its_parquet_files(tenant, loaded):
    body = parts(tenant, loaded.batch_id)
    files = lake.batch_files(loaded.table, loaded.batch_id)
    assert body["_page"] == {"limit": 100, "count": len(files)}
    names = [one["name"] for one in body["data"]]
    assert names == [f.path.rsplit("/", 1)[-1] for f in files]
    assert all(name.endswith(".parquet") and "/" not in name for name in names)
    first = body["data"][0]
    assert first["length"] == str(files[0].size)
    href = first["_links"]["self"]["href"]
    assert href.startswith(f"{EXPORT}/files/{loaded.batch_id}?path=")
    assert parse_qs(urlsplit(href).query) == {"path": [first["name"]]}


def test_download_streams_the_parquet_bytes(tenant, loaded):
    item = parts(tenant, loaded.batch_id)["data"][0]
    reply = download(tenant, item["_links"]["self"]["href"])
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/octet-stream"
    assert reply.headers["content-length"] == item["length"]
    assert reply.headers["accept-ranges"] == "bytes"
    table = pq.read_table(io.BytesIO(reply.content))
    assert table.num_rows == 120
    assert "_id" in table.column_names


@pytest.mark.parametrize(
    ("header", "piece"),
    [
        ("bytes=0-3", slice(0, 4)),
        ("bytes=4-13", slice(4, 14)),
        ("bytes=-4", slice(-4, None)),
        ("bytes=10-", slice(10, None)),
        ("bytes=0-99999999", slice(0, None)),
    ],
)
def test_range_requests_get_partial_content(tenant, loaded, header, piece):
    item = parts(tenant, loaded.batch_id)["data"][0]
    href, size = item["_links"]["self"]["href"], int(item["length"])
    whole = download(tenant, href).content
    reply = download(tenant, href, Range=header)
    assert reply.status_code == 206, reply.text
    assert reply.content == whole[piece]
    first = piece.start % size if piece.start is not None else 0
    last = first + len(reply.content) - 1
    assert reply.headers["content-range"] == f"bytes {first}-{last}/{size}"
    assert reply.headers["content-length"] == str(len(reply.content))


def test_ranges_past_the_end_or_unusable(tenant, loaded):
    item = parts(tenant, loaded.batch_id)["data"][0]
    href, size = item["_links"]["self"]["href"], int(item["length"])
    reply = download(tenant, href, Range=f"bytes={size}-")
    assert reply.status_code == 416
    assert reply.headers["content-range"] == f"bytes */{size}"
    assert reply.json()["report"]["size"] == size
    for ignored in ("items=0-3", "bytes=5-2", "bytes=0-1,4-5", "bytes=-"):
        reply = download(tenant, href, Range=ignored)
        assert reply.status_code == 200, ignored
        assert len(reply.content) == size


def test_head_gives_the_size(tenant, loaded):
    item = parts(tenant, loaded.batch_id)["data"][0]
    reply = tenant.request(
        "HEAD", f"{EXPORT}/files/{loaded.batch_id}", params={"path": item["name"]}
    )
    assert reply.status_code == 200
    assert reply.headers["content-length"] == item["length"]
    assert reply.headers["accept-ranges"] == "bytes"
    assert reply.content == b""


@pytest.mark.parametrize(
    "path",
    [
        "../../x",
        "../_delta_log/00000000000000000000.json",
        "_delta_log/00000000000000000000.json",
        "/etc/passwd",
        "nope.parquet",
        "",
    ],
)
def test_only_listed_files_can_be_read(tenant, loaded, path):
    reply = tenant.request("GET", f"{EXPORT}/files/{loaded.batch_id}", params={"path": path})
    assert reply.status_code in (400, 404), reply.text
    assert reply.json()["type"].startswith("https://ns.adobe.com/aep/errors/DAS-")


def test_foreign_and_unknown_ids_are_not_found(tenant, other_tenant, db, loaded):
    name = parts(tenant, loaded.batch_id)["data"][0]["name"]
    tenancy.create_sandbox(db, tenant.org_id, "dev")
    for caller in (other_tenant, tenant.in_sandbox("dev")):
        for path in (
            f"{EXPORT}/batches/{loaded.batch_id}/files",
            f"{EXPORT}/files/{loaded.batch_id}",
        ):
            assert_not_found(caller.request("GET", path))
        assert_not_found(
            caller.request("GET", f"{EXPORT}/files/{loaded.batch_id}", params={"path": name})
        )
    assert_not_found(tenant.request("GET", f"{EXPORT}/batches/000000000000000000000000/files"))
    assert_not_found(tenant.request("GET", f"{EXPORT}/files/000000000000000000000000"))
