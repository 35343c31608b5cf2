"""The Alembic migrations build exactly the schema the code's tables declare."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from headwater.store import Base, Database
from headwater.store.migrate import upgrade


def test_migrations_match_the_tables(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    db = Database(url)
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    db.dispose()
    assert diff == []


def test_upgrade_is_idempotent(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    upgrade(url)
    db = Database(url)
    with db.engine.connect() as connection:
        version = connection.exec_driver_sql("select version_num from alembic_version").scalar()
    db.dispose()
    assert version == "0002"
