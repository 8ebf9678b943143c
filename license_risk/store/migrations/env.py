"""Alembic's entry: migrate the connection `store.migrate` hands over (never a URL from a file)."""

from __future__ import annotations

from alembic import context

from license_risk.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
