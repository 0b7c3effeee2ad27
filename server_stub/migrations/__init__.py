"""Alembic migrations of the cloud database (``pos-server db upgrade``)."""
