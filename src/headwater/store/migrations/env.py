"""Alembic environment: the URL comes from the caller's config (see ``store/migrate.py``)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from headwater.store.db import Database
from headwater.store.tables import Base

config = context.config
url = config.get_main_option("sqlalchemy.url") or ""


def run_migrations() -> None:
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = Database(url).engine if url else create_engine("sqlite://")
    with engine.connect() as connection:
        context.configure(
            connection=connection, target_metadata=Base.metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
