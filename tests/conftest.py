"""Fixtures shared by every tier: a migrated metadata store, the API app, and tenants.

API tests run once per metadata backend: SQLite always, PostgreSQL when
``HEADWATER_TEST_POSTGRES_URL`` points at a server (``scripts/test`` starts one if needed).
Each test gets its own organisation, which is the isolation boundary of the product itself.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import create_engine, text

from headwater.settings import Settings
from headwater.store import Database
from headwater.store.migrate import upgrade

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get("HEADWATER_TEST_POSTGRES_URL") else ["sqlite"]


@pytest.fixture(scope="session", params=_backends())
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('meta') / 'headwater.db'}"
        return
    yield from _postgres_database(os.environ["HEADWATER_TEST_POSTGRES_URL"])


def _postgres_database(server_url: str) -> Iterator[str]:
    name = f"headwater_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        server_url.replace("postgresql://", "postgresql+psycopg://", 1),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = server_url.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    data_dir: Path = tmp_path_factory.mktemp("data")
    return Settings(data_dir=data_dir, database_url=database_url)


@pytest.fixture(scope="session")
def db(settings: Settings) -> Iterator[Database]:
    upgrade(settings.resolved_database_url)
    database = Database(settings.resolved_database_url)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def client(settings: Settings, db: Database) -> Iterator[TestClient]:
    # Imported here so unit tests of leaf libraries do not load the whole application.
    from fastapi.testclient import TestClient

    from headwater.api.app import create_app

    with TestClient(create_app(settings, db=db)) as test_client:
        yield test_client


@dataclass
class Tenant:
    """An organisation with an API client and a token, and helpers to call the API as it."""

    client: TestClient
    org_id: str
    client_id: str
    client_secret: str
    token: str
    sandbox: str = "prod"
    extra_headers: dict[str, str] = field(default_factory=dict)

    @property
    def headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.token}",
            "x-api-key": self.client_id,
            "x-gw-ims-org-id": self.org_id,
            "x-sandbox-name": self.sandbox,
            **self.extra_headers,
        }

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.client.request(method, path, headers=headers, **kwargs)

    def in_sandbox(self, name: str) -> Tenant:
        return Tenant(
            self.client,
            self.org_id,
            self.client_id,
            self.client_secret,
            self.token,
            name,
            dict(self.extra_headers),
        )


def make_tenant(client: TestClient, db: Database) -> Tenant:
    from headwater.services import tenancy

    org = f"ORG{uuid.uuid4().hex[:12].upper()}@AdobeOrg"
    creds = tenancy.create_credentials(db, org)
    reply = client.post(
        "/ims/token/v3",
        data={
            "grant_type": "client_credentials",
            "client_id": creds.client_id,
            "client_secret": creds.client_secret,
            "scope": "openid,AdobeID",
        },
    )
    assert reply.status_code == 200, reply.text
    return Tenant(client, org, creds.client_id, creds.client_secret, reply.json()["access_token"])


@pytest.fixture
def tenant(client: TestClient, db: Database) -> Tenant:
    return make_tenant(client, db)


@pytest.fixture
def other_tenant(client: TestClient, db: Database) -> Tenant:
    return make_tenant(client, db)
