"""Alembic migrations of the assessment store, shipped inside the package and run on start (`store.migrate`)."""
