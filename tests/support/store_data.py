"""Fixtures and helpers for tests that need a data store (import them into a test module).

    from store_fixtures import store_url, store, fresh_postgres_url, budget_csv, run_python

`store_url` is parametrised: once on a SQLite file in tmp_path, once on a fresh database of the session's throwaway
PostgreSQL cluster (`postgres_url` from conftest.py), marked `postgres`. Each test gets its own empty store.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

BIG_WON = 2**53 + 1  # 9,007,199,254,740,993 won: not representable as a float64


@pytest.fixture
def fresh_postgres_url(request) -> Iterator[str]:
    """A new, empty database on the session's PostgreSQL cluster; dropped after the test."""
    base = request.getfixturevalue("postgres_url")
    name = f"aicd_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


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


def budget_csv(rows: int, big_rows: int = 2, start_year: int = 2020, unit: str = "원") -> bytes:
    """A valid budget CSV with `rows` data rows; the first `big_rows` carry amounts above 2**53 won."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["연도", "월", "추진전략", "세부사업명", "재원", f"예산액({unit})", f"집행액({unit})"])
    sources = ("국비", "시비", "민자", "기타")
    n, year = 0, start_year
    while n < rows:
        for month in range(1, 13):
            for program in range(250):
                for source in sources:
                    if n >= rows:
                        break
                    planned = 1_000_000 + n * 7_919
                    executed = planned // 2
                    if n < big_rows:
                        planned, executed = BIG_WON + n, BIG_WON - 2 - n
                    writer.writerow([year, month, "산업 기반 조성", f"세부사업 {program:03d}", source, planned, executed])
                    n += 1
        year += 1
    return out.getvalue().encode("utf-8")


def run_python(args: list[str], env: dict[str, str] | None = None, timeout: float = 120, **kwargs):
    """Run `python ARGS` from the repo root with extra env; returns the CompletedProcess (text)."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )
