"""Persistence: assessments saved as they are answered, with every answer change kept.

- `assessments`: the Store (open, migrate, save, sync, load, history); what the app and the bench use.
- `history`: plain data and rules: values by question, `Seen`, `Conflict`, events, reconciling two sessions.
- `database`: the URL (SQLite file or PostgreSQL), the engine, migrations on open, faults in plain words.
- `schema`: the tables for SQLAlchemy Core; `migrations/`: the Alembic revisions that make them.

May import `license_risk.content`, `license_risk.i18n`, `license_risk.shipped` and `scoring`, and
SQLAlchemy, Alembic and psycopg; not the memo, the maintainers' tools, the CLI or the UI.
"""
