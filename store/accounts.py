"""Sign-in accounts kept in the store (table `account_events`), the same on SQLite and PostgreSQL.

Each change of an account is a new row; an account is its newest row, and a removed account's newest row says
'remove'. `change_accounts` runs a decision on the current accounts and writes its rows and audit entries in one
transaction under the store's write lock, so two app servers changing accounts at once cannot both remove the last
admin. Roles and rules belong to `auth`; this module only keeps rows. No Streamlit in here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, insert, select

import clock

from . import codec
from .engine import retry_locked, write_transaction
from .schema import account_events, audit_log


@dataclass(frozen=True)
class StoredAccount:
    """An account's newest row. `removed`: the account was removed (it may be added again later)."""

    username: str
    role: str
    display_name: str
    email: str
    password_hash: str
    revision: int
    action: str
    at: dt.datetime  # UTC, aware
    by: str

    @property
    def removed(self) -> bool:
        return self.action == "remove"


@dataclass(frozen=True)
class AccountRow:
    """One change to write: the account's state after it (for a removal: its state when removed)."""

    username: str
    action: str  # add | update | remove | migrate
    role: str
    display_name: str
    email: str = ""
    password_hash: str = ""


@dataclass(frozen=True)
class AuditEntry:
    action: str
    user: str
    detail: dict


def read_accounts(conn: Connection) -> dict[str, StoredAccount]:
    """Every username's newest row (removed ones included), by username."""
    newest = (
        select(account_events.c.username, func.max(account_events.c.revision).label("revision"))
        .group_by(account_events.c.username)
        .subquery()
    )
    rows = conn.execute(
        select(account_events).join(
            newest,
            (account_events.c.username == newest.c.username) & (account_events.c.revision == newest.c.revision),
        )
    )
    return {
        row.username: StoredAccount(
            row.username,
            row.role,
            row.display_name,
            row.email or "",
            row.password_hash or "",
            row.revision,
            row.action,
            row.at.replace(tzinfo=dt.UTC),
            row.by,
        )
        for row in rows
    }


def stored_accounts(engine: Engine) -> dict[str, StoredAccount]:
    """Every username's newest row (one query; cheap enough to run on every page run)."""
    with engine.connect() as conn:
        return read_accounts(conn)


def change_accounts(
    engine: Engine,
    by: str,
    decide: Callable[[dict[str, StoredAccount]], tuple[list[AccountRow], list[AuditEntry]]],
):
    """Call `decide(current accounts)` under the write lock; write the rows it returns (next revision of each
    username) and its audit entries in the same transaction. `decide` raises to refuse: nothing is written.
    Returns what `decide` returned."""

    def write():
        with write_transaction(engine) as conn:
            current = read_accounts(conn)
            rows, entries = decide(current)
            now = clock.utc_now()
            for row in rows:
                revision = current[row.username].revision + 1 if row.username in current else 1
                conn.execute(
                    insert(account_events).values(
                        username=row.username,
                        revision=revision,
                        action=row.action,
                        at=now,
                        by=by,
                        role=row.role,
                        display_name=row.display_name,
                        email=row.email,
                        password_hash=row.password_hash,
                    )
                )
            for entry in entries:
                conn.execute(
                    insert(audit_log).values(
                        at=now,
                        username=entry.user,
                        action=entry.action,
                        dataset=None,
                        number=None,
                        detail=codec.dumps(entry.detail),
                    )
                )
            return rows, entries

    return retry_locked(write)


def account_history(engine: Engine, username: str) -> list[StoredAccount]:
    """Every row of one account, oldest first (for tests and support)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(account_events).where(account_events.c.username == username).order_by(account_events.c.revision)
        )
        return [
            StoredAccount(
                r.username,
                r.role,
                r.display_name,
                r.email,
                r.password_hash,
                r.revision,
                r.action,
                r.at.replace(tzinfo=dt.UTC),
                r.by,
            )
            for r in rows
        ]
