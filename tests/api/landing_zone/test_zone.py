"""``GET /landingzone`` and ``/landingzone/credentials`` (reference §2.10.4)."""

from __future__ import annotations

from headwater.services import tenancy

from .conftest import LZ, problem_code

ZONE = {"type": "user_drop_zone"}


def test_the_landing_zone_is_one_container_kept_seven_days(tenant, settings):
    reply = tenant.request("GET", LZ, params=ZONE)
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"containerName": "dlz-user-container", "containerTTL": "7"}
    sandboxes = list((settings.landing_zone_dir / tenant.org_id).iterdir())
    assert [p.name for p in sandboxes[0].iterdir() if p.is_dir()].count("dlz-user-container") == 1


def test_credentials_point_at_the_upload_endpoint(tenant):
    reply = tenant.request("GET", f"{LZ}/credentials", params=ZONE)
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert set(body) == {
        "containerName",
        "SASToken",
        "storageAccountName",
        "SASUri",
        "expiryDate",
    }
    assert body["containerName"] == "dlz-user-container"
    assert body["SASUri"].endswith(f"{LZ}/files")
    assert len(body["SASToken"]) >= 32
    again = tenant.request("GET", f"{LZ}/credentials", params=ZONE).json()
    assert again["SASToken"] == body["SASToken"]  # stable until refreshed


def test_refresh_hands_out_a_new_token(tenant):
    first = tenant.request("GET", f"{LZ}/credentials", params=ZONE).json()["SASToken"]
    reply = tenant.request("POST", f"{LZ}/credentials", params={**ZONE, "action": "refresh"})
    assert reply.status_code == 200, reply.text
    refreshed = reply.json()["SASToken"]
    assert refreshed != first
    assert tenant.request("GET", f"{LZ}/credentials", params=ZONE).json()["SASToken"] == refreshed


def test_tokens_are_per_sandbox(tenant, other_tenant, db):
    tenancy.create_sandbox(db, tenant.org_id, "dev")
    tokens = {
        t.request("GET", f"{LZ}/credentials", params=ZONE).json()["SASToken"]
        for t in (tenant, tenant.in_sandbox("dev"), other_tenant)
    }
    assert len(tokens) == 3


def test_unknown_type_or_action_is_400(tenant):
    for method, path, params in [
        ("GET", LZ, {"type": "dlz_destination"}),
        ("GET", f"{LZ}/credentials", {"type": "nope"}),
        ("POST", f"{LZ}/credentials", {"type": "user_drop_zone", "action": "rotate"}),
        ("POST", f"{LZ}/credentials", {"type": "nope", "action": "refresh"}),
    ]:
        reply = tenant.request(method, path, params=params)
        assert reply.status_code == 400, (path, reply.text)
        assert reply.json()["type"].startswith("https://ns.adobe.com/aep/errors/FLOW-")
    missing = tenant.request("GET", LZ)
    assert missing.status_code == 400
    assert problem_code(missing) == "1304"


def test_the_landing_zone_needs_the_gateway_headers(client):
    reply = client.get(LZ, params=ZONE)
    assert reply.status_code == 403
    assert reply.json()["error_code"] == "403010"
