"""Where the store lives (URL resolution) and the per-backend set-up: SQLite pragmas and locking, PostgreSQL locks."""

from __future__ import annotations

import os
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, CursorResult, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

REPO_ROOT = Path(__file__).resolve().parent.parent
URL_ENV = "AICD_STORE_URL"
DATA_DIR_ENV = "AICD_DATA_DIR"
SQLITE_FILE = "store.sqlite"
# Seconds a SQLite writer waits for another writer's lock before giving up (imports of 50k rows take ~1 s).
SQLITE_BUSY_SECONDS = 120
# One PostgreSQL advisory lock serialises every write transaction of the store (imports are rare).
PG_WRITE_LOCK = zlib.crc32(b"aicd.store.write")
_WRITE_OPTION = "aicd_write"


def data_dir() -> Path:
    """AICD_DATA_DIR, or var/ in the repository."""
    configured = os.environ.get(DATA_DIR_ENV)
    return Path(configured).expanduser() if configured else REPO_ROOT / "var"


def default_store_url() -> str:
    """sqlite:///<AICD_DATA_DIR or var/>/store.sqlite (the folder is created)."""
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return URL.create("sqlite", database=str((folder / SQLITE_FILE).resolve())).render_as_string(hide_password=False)


def resolve_url(url: str | URL | None = None) -> URL:
    """The argument, else env AICD_STORE_URL, else a SQLite file in the data dir (created if missing)."""
    chosen = url if url is not None else os.environ.get(URL_ENV) or None
    if chosen is None:
        chosen = default_store_url()
    resolved = make_url(chosen)
    if resolved.get_backend_name() == "sqlite" and resolved.database and _is_file_database(resolved):
        Path(resolved.database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    return resolved


def inserted_id(result: CursorResult) -> Any:
    """The primary key of a single-row INSERT (SQLAlchemy types it optional: it is None only for executemany)."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("INSERT returned no primary key")
    return key[0]


def _is_file_database(url: URL) -> bool:
    database = url.database or ""
    return bool(database) and database != ":memory:" and not database.startswith("file:")


def make_engine(url: str | URL | None = None) -> Engine:
    resolved = resolve_url(url)
    options: dict[str, object] = {}
    if resolved.get_backend_name() == "sqlite":
        options["connect_args"] = {"timeout": SQLITE_BUSY_SECONDS}
        if not _is_file_database(resolved):
            from sqlalchemy.pool import StaticPool  # one in-memory database shared by every checkout

            options["poolclass"] = StaticPool
            options["connect_args"] = {"timeout": SQLITE_BUSY_SECONDS, "check_same_thread": False}
    else:
        options["pool_pre_ping"] = True
    engine = create_engine(resolved, **options)
    configure_engine(engine)
    return engine


def configure_engine(engine: Engine) -> None:
    """Install the SQLite hooks (idempotent); nothing to do for other backends."""
    if engine.dialect.name != "sqlite" or event.contains(engine, "connect", _sqlite_connect):
        return
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    # An engine made elsewhere (e.g. st.connection) may already pool connections opened without the hooks.
    engine.dispose()


def _sqlite_connect(dbapi_connection, connection_record) -> None:
    # We emit BEGIN ourselves (see _sqlite_begin); pysqlite's own transaction handling would defer it.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_SECONDS * 1000}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # Switching to WAL needs a moment of exclusive access; when a new file is opened by two processes at
        # once, one of them may be told "locked" even with a busy timeout. WAL is persistent: retry briefly.
        for attempt in range(50):
            try:
                cursor.execute("PRAGMA journal_mode = WAL")
                break
            except Exception:  # sqlite3.OperationalError: database is locked
                if attempt == 49:
                    raise
                time.sleep(0.1)
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the write lock up front (BEGIN IMMEDIATE), so "max(number) + 1" is read under the lock and a
    # busy writer waits for the busy timeout instead of failing on lock upgrade. Readers use a deferred BEGIN.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE_OPTION) else "BEGIN")


@contextmanager
def write_transaction(engine: Engine, lock: bool = True) -> Iterator[Connection]:
    """One write transaction. With `lock`, it holds the store's write lock: every other such writer waits until
    it commits. (SQLite has one write lock anyway; on PostgreSQL `lock=False` suits lone audit inserts.)"""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE_OPTION: True})
        with conn.begin():
            if lock and engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK})
            yield conn


def retry_locked(action, attempts: int = 5):
    """Run `action()`, retrying a few times on SQLite 'database is locked' that outlived the busy timeout."""
    for attempt in range(attempts):
        try:
            return action()
        except OperationalError as error:
            if "locked" not in str(error).lower() or attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")
