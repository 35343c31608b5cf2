"""Base connections through HTTP: validation, secrets, JSON Patch with If-Match, deletion."""

from __future__ import annotations

import pytest

from headwater.store import Connection

FS = "/data/foundation/flowservice"
S3 = "ecadc60c-7455-4d87-84dc-2a0e293d997b"
DATA_LAKE = "c604ff05-7f1a-43c0-8e18-33bf874cb11c"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


def s3_body(**params):
    return {
        "name": "S3 base connection",
        "description": "test",
        "auth": {
            "specName": "Access Key",
            "params": {"s3AccessKey": "AKIAEXAMPLE", "s3SecretKey": SECRET, **params},
        },
        "connectionSpec": {"id": S3, "version": "1.0"},
    }


def create(tenant, body):
    reply = tenant.request("POST", f"{FS}/connections", json=body)
    assert reply.status_code == 201, reply.text
    return reply.json()


def test_create_returns_id_and_etag_and_get_masks_secrets(tenant):
    created = create(tenant, s3_body())
    assert set(created) == {"id", "etag"}
    reply = tenant.request("GET", f"{FS}/connections/{created['id']}")
    assert reply.status_code == 200
    (item,) = reply.json()["items"]
    assert item["auth"]["specName"] == "Access Key"
    assert item["auth"]["params"]["s3AccessKey"] == "AKIAEXAMPLE"
    assert item["auth"]["params"]["s3SecretKey"] != SECRET
    assert SECRET not in reply.text
    assert item["etag"] == created["etag"]
    assert item["imsOrgId"] == tenant.org_id
    assert item["sandboxName"] == "prod"
    assert item["state"] == "enabled"


def test_credentials_are_encrypted_at_rest(tenant, db):
    created = create(tenant, s3_body())
    with db.transaction() as session:
        row = session.get(Connection, created["id"])
        assert row is not None
        assert SECRET not in str(row.body)
        assert row.auth_ciphertext and SECRET not in row.auth_ciphertext


def test_dataset_base_connection_needs_no_auth(tenant):
    body = {
        "name": "Base connection for datasets",
        "description": "Base connection for Data Lake",
        "connectionSpec": {"id": DATA_LAKE, "version": "1.0"},
    }
    assert create(tenant, body)["id"]


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda b: b["auth"].update(specName="No Such Auth"), "1415"),
        (lambda b: b["auth"]["params"].pop("s3SecretKey"), "1304"),
        (lambda b: b["connectionSpec"].update(id="00000000-0000-0000-0000-000000000000"), "1413"),
    ],
)
def test_invalid_connections_are_refused(tenant, mutate, code):
    body = s3_body()
    mutate(body)
    reply = tenant.request("POST", f"{FS}/connections", json=body)
    assert reply.status_code in (400, 404)
    assert f"FLOW-{code}-" in reply.json()["type"]
    assert SECRET not in reply.text


def test_patch_needs_if_match_and_rejects_stale_versions(tenant):
    created = create(tenant, s3_body())
    path = f"{FS}/connections/{created['id']}"
    ops = [{"op": "replace", "path": "/name", "value": "renamed"}]
    missing = tenant.request("PATCH", path, json=ops)
    assert missing.status_code == 400 and "FLOW-1403-400" in missing.json()["type"]
    stale = tenant.request("PATCH", path, json=ops, headers={"If-Match": '"stale"'})
    assert stale.status_code == 412
    ok = tenant.request("PATCH", path, json=ops, headers={"If-Match": created["etag"]})
    assert ok.status_code == 200, ok.text
    assert ok.json()["etag"] != created["etag"]
    assert tenant.request("GET", path).json()["items"][0]["name"] == "renamed"


def test_patching_a_secret_keeps_it_encrypted_and_masked(tenant, db):
    created = create(tenant, s3_body())
    ops = [{"op": "add", "path": "/auth/params/s3SessionToken", "value": "session-secret"}]
    reply = tenant.request(
        "PATCH",
        f"{FS}/connections/{created['id']}",
        json=ops,
        headers={"If-Match": created["etag"]},
    )
    assert reply.status_code == 200, reply.text
    shown = tenant.request("GET", f"{FS}/connections/{created['id']}")
    assert "session-secret" not in shown.text
    with db.transaction() as session:
        row = session.get(Connection, created["id"])
        assert "session-secret" not in (row.auth_ciphertext or "")


def test_connection_spec_is_immutable(tenant):
    created = create(tenant, s3_body())
    ops = [{"op": "replace", "path": "/connectionSpec/id", "value": DATA_LAKE}]
    reply = tenant.request(
        "PATCH",
        f"{FS}/connections/{created['id']}",
        json=ops,
        headers={"If-Match": created["etag"]},
    )
    assert reply.status_code == 400 and "FLOW-1414-400" in reply.json()["type"]


def test_unsupported_patch_op(tenant):
    created = create(tenant, s3_body())
    ops = [{"op": "frobnicate", "path": "/name", "value": "x"}]
    reply = tenant.request(
        "PATCH",
        f"{FS}/connections/{created['id']}",
        json=ops,
        headers={"If-Match": created["etag"]},
    )
    assert reply.status_code == 400 and "FLOW-1434-400" in reply.json()["type"]


def test_delete_then_get_is_404(tenant):
    created = create(tenant, s3_body())
    path = f"{FS}/connections/{created['id']}"
    assert tenant.request("DELETE", path).status_code == 204
    assert tenant.request("GET", path).status_code == 404
    assert tenant.request("DELETE", path).status_code == 404


def test_other_orgs_and_sandboxes_cannot_see_or_touch(tenant, other_tenant, db):
    from headwater.services import tenancy

    created = create(tenant, s3_body())
    path = f"{FS}/connections/{created['id']}"
    assert other_tenant.request("GET", path).status_code == 404
    ops = [{"op": "replace", "path": "/name", "value": "hijack"}]
    assert (
        other_tenant.request(
            "PATCH", path, json=ops, headers={"If-Match": created["etag"]}
        ).status_code
        == 404
    )
    assert other_tenant.request("DELETE", path).status_code == 404
    assert other_tenant.request("GET", f"{FS}/connections").json()["items"] == []
    tenancy.create_sandbox(db, tenant.org_id, "dev")
    dev = tenant.in_sandbox("dev")
    assert dev.request("GET", path).status_code == 404
    assert (
        dev.request("GET", f"{FS}/connections?property=id=={created['id']}").json()["items"] == []
    )
    assert tenant.request("GET", path).json()["items"][0]["name"] == "S3 base connection"


def test_listing_filters_and_pages(tenant):
    for i in range(3):
        create(tenant, {**s3_body(), "name": f"conn-{i}"})
    reply = tenant.request("GET", f"{FS}/connections", params={"limit": 2, "orderby": "-name"})
    body = reply.json()
    assert [c["name"] for c in body["items"]] == ["conn-2", "conn-1"]
    nxt = body["_links"]["next"]["href"]
    rest = tenant.request("GET", f"{FS}{nxt}").json()
    assert [c["name"] for c in rest["items"]] == ["conn-0"]
    count = tenant.request("GET", f"{FS}/connections", params={"count": "true"}).json()
    assert count == {"count": 3}
    one = tenant.request("GET", f"{FS}/connections", params={"property": "name==conn-1"}).json()
    assert [c["name"] for c in one["items"]] == ["conn-1"]
    both = tenant.request("GET", f"{FS}/connections", params={"count": "true", "limit": 1})
    assert both.status_code == 400 and "FLOW-1401-400" in both.json()["type"]


def test_unknown_query_parameter_is_refused(tenant):
    reply = tenant.request("GET", f"{FS}/connections", params={"colour": "blue"})
    assert reply.status_code == 400 and "FLOW-1451-400" in reply.json()["type"]


@pytest.mark.parametrize(
    ("spec_id", "auth_spec", "params", "field"),
    [
        (
            "b7bf2577-4520-42c9-bae9-cad01560f7bc",
            "Basic Authentication for sftp",
            {"host": "sftp://files.example.com", "userName": "u", "password": "pw-s3cr3t"},
            "host",
        ),
        (
            "54e221aa-d342-4707-bcff-7a4bceef0001",
            "Anonymous Authentication",
            {"url": "http://user:pw-s3cr3t@namenode:9870"},
            "url",
        ),
    ],
)
def test_malformed_hosts_and_urls_are_refused_when_the_connection_is_created(
    tenant, spec_id, auth_spec, params, field
):
    body = {
        "name": "malformed",
        "auth": {"specName": auth_spec, "params": params},
        "connectionSpec": {"id": spec_id, "version": "1.0"},
    }
    reply = tenant.request("POST", f"{FS}/connections", json=body)
    assert reply.status_code == 400, reply.text
    assert field in reply.text
    assert "pw-s3cr3t" not in reply.text
    assert tenant.request("GET", f"{FS}/connections").json()["items"] == []
