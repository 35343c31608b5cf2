"""The gateway checks every platform call goes through (reference §1.3)."""

from __future__ import annotations

import pytest

from headwater.services import tenancy

PATH = "/data/foundation/flowservice/connections"


def test_missing_token_is_403010(tenant):
    headers = {k: v for k, v in tenant.headers.items() if k != "Authorization"}
    reply = tenant.client.get(PATH, headers=headers)
    assert reply.status_code == 403
    assert reply.json() == {"error_code": "403010", "message": "Oauth token is missing."}


@pytest.mark.parametrize("value", ["Bearer not-a-token", "Basic abc", "Bearer "])
def test_invalid_token_is_401013(tenant, value):
    reply = tenant.request("GET", PATH, headers={"Authorization": value})
    assert reply.status_code == 401
    assert reply.json()["error_code"] == "401013"


def test_missing_api_key_is_403000(tenant):
    headers = {k: v for k, v in tenant.headers.items() if k != "x-api-key"}
    reply = tenant.client.get(PATH, headers=headers)
    assert (reply.status_code, reply.json()["error_code"]) == (403, "403000")


def test_wrong_api_key_is_403003(tenant):
    reply = tenant.request("GET", PATH, headers={"x-api-key": "someone-else"})
    assert (reply.status_code, reply.json()["error_code"]) == (403, "403003")


def test_missing_org_is_400003(tenant):
    headers = {k: v for k, v in tenant.headers.items() if k != "x-gw-ims-org-id"}
    reply = tenant.client.get(PATH, headers=headers)
    assert (reply.status_code, reply.json()["error_code"]) == (400, "400003")


def test_token_of_another_org_is_refused(tenant, other_tenant):
    reply = tenant.request("GET", PATH, headers={"x-gw-ims-org-id": other_tenant.org_id})
    assert (reply.status_code, reply.json()["error_code"]) == (403, "403025")


def test_missing_sandbox_header(tenant):
    headers = {k: v for k, v in tenant.headers.items() if k != "x-sandbox-name"}
    reply = tenant.client.get(PATH, headers=headers)
    assert reply.status_code == 400
    assert reply.json()["type"].endswith("FLOW-2105-400")


def test_unknown_sandbox_is_404(tenant):
    reply = tenant.request("GET", PATH, headers={"x-sandbox-name": "nope"})
    assert reply.status_code == 404
    assert reply.json()["type"].endswith("FLOW-2100-404")


def test_expired_token_is_401(tenant, settings, db):
    from headwater.services.auth import mint_token
    from headwater.services.keys import load_keys

    expired = mint_token(load_keys(settings), tenant.org_id, tenant.client_id, -10)
    reply = tenant.request("GET", PATH, headers={"Authorization": f"Bearer {expired}"})
    assert (reply.status_code, reply.json()["error_code"]) == (401, "401013")


def test_token_endpoint_rejects_a_wrong_secret(tenant):
    reply = tenant.client.post(
        "/ims/token/v3",
        data={
            "grant_type": "client_credentials",
            "client_id": tenant.client_id,
            "client_secret": "wrong",
        },
    )
    assert reply.status_code == 401
    assert reply.json()["error"] == "invalid_client"


def test_token_endpoint_answers_like_ims(tenant):
    reply = tenant.client.post(
        "/ims/token/v3",
        data={
            "grant_type": "client_credentials",
            "client_id": tenant.client_id,
            "client_secret": tenant.client_secret,
            "scope": "openid",
        },
    )
    body = reply.json()
    assert reply.status_code == 200
    assert body["token_type"] == "bearer"
    assert body["expires_in"] > 0
    assert body["access_token"].count(".") == 2


def test_dev_sandbox_is_reachable_once_created(tenant, db):
    assert tenant.request("GET", PATH, headers={"x-sandbox-name": "dev"}).status_code == 404
    tenancy.create_sandbox(db, tenant.org_id, "dev")
    assert tenant.request("GET", PATH, headers={"x-sandbox-name": "dev"}).status_code == 200
