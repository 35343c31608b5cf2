"""The OpenAPI document is part of the product: it is served, valid, and the live server keeps it.

``schemathesis`` generates requests for every operation from ``/openapi.json`` (valid and invalid
ones) and sends them, with a real tenant's gateway headers, to a live ``headwater serve``. Every
answer must be a documented status, not a server error, and match the declared response schema.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from support.fixtures import live_server
from support.live_server import LiveServer, LiveTenant

__all__ = ["live_server"]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
SERVICES = ("flowservice", "schemaregistry", "catalog", "conversion")


@pytest.fixture(scope="module")
def openapi_document(live_server: LiveServer) -> dict[str, Any]:
    reply = httpx.get(f"{live_server.base_url}/openapi.json", timeout=30)
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"].startswith("application/json")
    return dict(reply.json())


@pytest.fixture(scope="module")
def fuzz_tenant(live_server: LiveServer) -> LiveTenant:
    return live_server.new_tenant()


def app_openapi() -> dict[str, Any]:
    """The document the application generates, built without a server (for collection time).

    The schema has to exist when pytest collects this module, before the live server runs
    (``schemathesis.pytest.from_fixture`` would defer it, but it does not work with pytest 9:
    it sets ``Function._nodeid``, which pytest 9 no longer has).
    ``test_live_server_serves_the_collected_document`` shows it is the served document.
    """
    from headwater.api.app import create_app
    from headwater.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), database_url=f"sqlite:///{tmp}/openapi.db")
        app = create_app(settings)
        try:
            return app.openapi()
        finally:
            app.state.ctx.db.dispose()


COLLECTED = app_openapi()
api_schema = schemathesis.openapi.from_dict(copy.deepcopy(COLLECTED))


def test_live_server_serves_the_collected_document(openapi_document):
    assert openapi_document == COLLECTED


def test_openapi_document_is_valid(openapi_document):
    assert openapi_document["openapi"].startswith("3.")
    schemathesis.openapi.from_dict(openapi_document).validate()


def test_openapi_document_covers_every_service(openapi_document):
    paths = openapi_document["paths"]
    for service in SERVICES:
        assert any(path.startswith(f"/data/foundation/{service}/") for path in paths), service
    assert "/ims/token/{version}" in paths
    creates = {
        "/data/foundation/flowservice/connections": "201",
        "/data/foundation/flowservice/flows": "201",
        "/data/foundation/schemaregistry/tenant/schemas": "201",
        "/data/foundation/catalog/dataSets": "201",
        "/data/foundation/conversion/mappingSets": "200",
    }
    for path, status in creates.items():
        assert status in paths[path]["post"]["responses"], path


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"client_id": "someone"},
        {"grant_type": "password", "client_id": "someone", "client_secret": "x"},
    ],
    ids=["empty", "no-secret", "password-grant"],
)
def test_token_endpoint_errors_are_documented(live_server, openapi_document, form):
    """What the fuzzing below may or may not hit, asked every time."""
    documented = openapi_document["paths"]["/ims/token/{version}"]["post"]["responses"]
    reply = httpx.post(f"{live_server.base_url}/ims/token/v3", data=form, timeout=30)
    assert 400 <= reply.status_code < 500, reply.text
    assert str(reply.status_code) in documented, (
        f"{reply.status_code} {reply.text} is not among the documented {sorted(documented)}"
    )


@api_schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)
def test_live_server_keeps_its_openapi_promises(case, fuzz_tenant):
    case.call_and_validate(
        base_url=fuzz_tenant.base_url, headers=fuzz_tenant.headers(), checks=CHECKS, timeout=30
    )
