"""Persistence: assessments saved as they are answered, with every answer change kept.

- `assessments`: the Store (open, migrate, save, sync, load, history); what the app and the bench use.
- `history`: plain data and rules: values by question, `Seen`, `Conflict`, events, reconciling two sessions.
- `database`: the URL (SQLite file or PostgreSQL), the engine, migrations on open, faults in plain words.
- `schema`: the tables for SQLAlchemy Core; `migrations/`: the Alembic revisions that make them.

Reviewer decisions and sign-offs (`license_risk.review`) are kept in append-only tables too.

May import `license_risk.content`, `license_risk.i18n`, `license_risk.shipped`, `scoring`,
`license_risk.decisions` and `license_risk.review`, and
SQLAlchemy, Alembic and psycopg; not the memo, the maintainers' tools, the CLI or the UI.
"""
