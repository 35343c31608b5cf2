"""Shared pieces of the Schema Registry API tests: paths, Accept headers, the seed bodies."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import quote

BASE = "/data/foundation/schemaregistry"
CTX = "https://ns.adobe.com/xdm/context/"
PROFILE = CTX + "profile"
EVENT = CTX + "experienceevent"
RECORD = "https://ns.adobe.com/xdm/data/record"
AUDITABLE = "https://ns.adobe.com/xdm/common/auditable"
SEED_000_GROUPS = [
    CTX + "profile-person-details",
    CTX + "profile-personal-details",
    CTX + "profile-work-details",
    CTX + "profile-subscriptions",
    CTX + "identitymap",
]
XED = "application/vnd.adobe.xed+json; version=1"
XED_FULL = "application/vnd.adobe.xed-full+json; version=1"
XED_ID = "application/vnd.adobe.xed-id+json"
XED_LIST = "application/vnd.adobe.xed+json"


def enc(resource_id: str) -> str:
    """A ``$id`` as a path segment (URL-encoded, as the docs recommend)."""
    return quote(resource_id, safe="")


def seed_000_body(title: str = "Sample Demo Profile XDM 8d96a964") -> dict[str, Any]:
    """The target-schema create body of tutorial seed 000 (Parquet ingestion)."""
    return {
        "type": "object",
        "title": title,
        "description": "",
        "allOf": [{"$ref": ref} for ref in [PROFILE, *SEED_000_GROUPS]],
        "meta:containerId": "tenant",
        "meta:resourceType": "schemas",
        "meta:xdmType": "object",
        "meta:class": PROFILE,
    }


def seed_003_body(title: str = "Target schema for a Cloud Storage connector") -> dict[str, Any]:
    """The target-schema create body of tutorial seed 003 (one field group listed twice)."""
    return {
        "type": "object",
        "title": title,
        "description": "Target schema for a Cloud Storage connector",
        "allOf": [
            {"$ref": PROFILE},
            {"$ref": CTX + "profile-person-details"},
            {"$ref": CTX + "profile-personal-details"},
            {"$ref": CTX + "profile-personal-details"},
        ],
        "meta:containerId": "tenant",
        "meta:resourceType": "schemas",
        "meta:xdmType": "object",
        "meta:class": PROFILE,
    }


def create(tenant: Any, segment: str, body: dict[str, Any]) -> dict[str, Any]:
    reply = tenant.request("POST", f"{BASE}/tenant/{segment}", json=body)
    assert reply.status_code == 201, reply.text
    doc: dict[str, Any] = reply.json()
    return doc


def lookup(
    tenant: Any, segment: str, ident: str, accept: str = XED, container: str = "tenant"
) -> Any:
    return tenant.request(
        "GET", f"{BASE}/{container}/{segment}/{enc(ident)}", headers={"Accept": accept}
    )


def field_group_body(tenant_id: str, title: str = "Loyalty Details") -> dict[str, Any]:
    """A tenant field group for profiles with its fields under ``_{tenant_id}``."""
    return {
        "type": "object",
        "title": title,
        "description": "Loyalty program fields",
        "meta:intendedToExtend": [PROFILE],
        "definitions": {
            "loyalty": {
                "properties": {
                    f"_{tenant_id}": {
                        "type": "object",
                        "properties": {
                            "loyaltyId": {"title": "Loyalty ID", "type": "string"},
                            "points": {"title": "Points", "type": "integer"},
                        },
                    }
                }
            }
        },
        "allOf": [{"$ref": "#/definitions/loyalty"}],
    }


class _SdkSession:
    """Stands in for the ``requests.Session`` of an aepp connector: calls go to the test app."""

    def __init__(self, tenant: Any) -> None:
        self.tenant = tenant

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
        data: Any = None,
        verify: Any = None,
    ) -> Any:
        return self.tenant.client.request(method, url, headers=headers, params=params, content=data)

    def __getattr__(self, method: str) -> Any:
        return lambda url, **kwargs: self.request(method.upper(), url, **kwargs)


def sdk_schema(tenant: Any) -> Any:
    """An aepp ``Schema`` client whose HTTP calls reach the test app (token exchange skipped)."""
    from aepp import schema as aepp_schema

    config = {
        "org_id": tenant.org_id,
        "client_id": tenant.client_id,
        "secret": "",
        "token": tenant.token,
        "date_limit": time.time() + 3600,
        "sandbox": tenant.sandbox,
        "connectionType": "oauthV2",
        "scopes": "openid",
        "environment": "prod",
        "retry": 0,
    }
    header = {
        "Accept": "application/json",
        "Content-Type": "application/json",
        "Authorization": "",
        "x-api-key": tenant.client_id,
        "x-gw-ims-org-id": tenant.org_id,
        "x-sandbox-name": tenant.sandbox,
    }
    client = aepp_schema.Schema(config=config, header=header)
    client.connector.session = _SdkSession(tenant)
    return client
