"""Shared pieces of the Catalog and Data Prep API tests: paths, schemas, seed steps."""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from headwater import clock, ids
from headwater.store import Database, Sandbox, Scope, XdmResource, stamp
from support.seeds import Step, find_seed, parse_seed

CATALOG = "/data/foundation/catalog"
CONVERSION = "/data/foundation/conversion"
REGISTRY = "/data/foundation/schemaregistry"
CTX = "https://ns.adobe.com/xdm/context/"
XED_NOTEXT = "application/vnd.adobe.xed-full-notext+json; version=1"
SEED_SCHEMA = re.compile(r"https://ns\.adobe\.com/\{TENANT_ID\}/schemas/[0-9a-f]+")


def profile_schema_body(title: str | None = None) -> dict[str, Any]:
    """The target schema of seed 000: a profile with person, personal, work, subscriptions."""
    title = title or f"Sample Demo Profile XDM {uuid.uuid4()}"  # titles are unique per sandbox
    groups = [
        "profile-person-details",
        "profile-personal-details",
        "profile-work-details",
        "profile-subscriptions",
        "identitymap",
    ]
    return {
        "type": "object",
        "title": title,
        "description": "",
        "allOf": [{"$ref": CTX + "profile"}, *({"$ref": CTX + g} for g in groups)],
        "meta:containerId": "tenant",
        "meta:resourceType": "schemas",
        "meta:xdmType": "object",
        "meta:class": CTX + "profile",
    }


def create_schema(tenant: Any, db: Database, body: dict[str, Any] | None = None) -> str:
    """A tenant schema in the tenant's sandbox, through the Schema Registry API; its ``$id``.

    Falls back to writing the registry's row directly while that API is not mounted.
    """
    body = body or profile_schema_body()
    reply = tenant.request("POST", f"{REGISTRY}/tenant/schemas", json=body)
    if reply.status_code == 404 and "No such endpoint" in reply.text:
        return _insert_schema(tenant, db, body)
    assert reply.status_code == 201, reply.text
    return str(reply.json()["$id"])


def scope_of(tenant: Any, db: Database) -> Scope:
    """The scope the gateway gives ``tenant``'s calls (for calling services directly)."""
    with db.transaction() as session:
        sandbox = session.scalars(
            select(Sandbox).where(Sandbox.org_id == tenant.org_id, Sandbox.name == tenant.sandbox)
        ).one()
        return Scope(tenant.org_id, sandbox.id, sandbox.name, tenant.client_id)


def _insert_schema(tenant: Any, db: Database, body: dict[str, Any]) -> str:
    digest = ids.new_schema_hash()
    schema_id = f"https://ns.adobe.com/test/schemas/{digest}"
    doc = {**body, "$id": schema_id, "meta:altId": f"_test.schemas.{digest}"}
    with db.transaction() as session:
        record = XdmResource(
            id=schema_id, kind="schemas", alt_id=doc["meta:altId"], title=body["title"], body=doc
        )
        stamp(record, scope_of(tenant, db), now=clock.now_ms(), etag=ids.new_etag())
        session.add(record)
    return schema_id


def seed_step(prefix: str, url_part: str) -> Step:
    """The first documented call of seed ``prefix`` whose URL contains ``url_part``."""
    path = find_seed(prefix)
    if path is None:
        pytest.skip(f"seed {prefix} is not available")
    return next(s for s in parse_seed(path).steps if url_part in s.call.url)


def with_schema(text: str, schema_id: str) -> str:
    """A seed body with its placeholder schema ``$id`` replaced by a real one."""
    return SEED_SCHEMA.sub(schema_id, text)


def create_dataset(tenant: Any, schema_id: str, name: str = "Leads", **extra: Any) -> str:
    body = {"name": name, "schemaRef": {"id": schema_id, "contentType": XED_NOTEXT}, **extra}
    reply = tenant.request("POST", f"{CATALOG}/dataSets", json=body)
    assert reply.status_code == 201, reply.text
    ref = reply.json()[0]
    assert ref.startswith("@/dataSets/")
    return str(ref.removeprefix("@/dataSets/"))


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


def sdk(module: str, tenant: Any) -> Any:
    """An aepp ``Catalog`` or ``DataPrep`` client whose HTTP calls reach the test app.

    aepp's endpoints are relative while ``aepp.config.endpoints["global"]`` is empty, and a
    token with a future ``date_limit`` skips its IMS exchange, so only the session is swapped.
    """
    import importlib

    sdk_module = importlib.import_module(f"aepp.{module.lower()}")
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
    client = getattr(sdk_module, module)(config=config, header=header)
    client.connector.session = _SdkSession(tenant)
    return client
