"""The store on both engines: `store_url` is parametrised, once on a SQLite file in tmp_path, once on a fresh
database of the session's throwaway PostgreSQL cluster (`fresh_postgres_url`, tests/conftest.py), marked
`postgres`. Each test gets its own empty store."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> str:
    """URL of an empty store: SQLite in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("fresh_postgres_url")


@pytest.fixture
def store(store_url):
    from store import open_store

    opened = open_store(store_url)
    yield opened
    opened.close()
