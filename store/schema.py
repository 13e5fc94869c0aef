"""The store's tables (SQLAlchemy Core). Nothing is ever updated or deleted: every import is a new version. (The one
exception is sign-in bookkeeping: a burst of failed sign-ins is one row, and one audit row, counted up as it grows; a
sign-in's last activity is moved forward.)

Provenance is a query: a figure on a page is a sum over rows of one version; those rows carry the Excel row
number (`source_row`), the canonical values (`payload`) and the cells as written in the file (`written`):

    SELECT r.source_row, r.written
      FROM dataset_rows r JOIN dataset_versions v ON v.id = r.version_id
     WHERE v.dataset = 'budget' AND v.number = 3 AND r.source_row IN (5, 6, 7)
     ORDER BY r.position;
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

dataset_versions = Table(
    "dataset_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(40), nullable=False),
    Column("number", Integer, nullable=False),  # 1, 2, 3 … per dataset
    Column("created_at", DateTime(timezone=False), nullable=False),  # naive UTC
    Column("created_by", String(200), nullable=False),
    Column("filename", String(500), nullable=False),
    Column("sha256", String(64), nullable=False),  # of the original file's bytes
    Column("row_count", Integer, nullable=False),
    Column("totals", Text, nullable=False),  # JSON: {measure: sum in canonical units}
    Column("sheet", String(300)),
    Column("rolled_back_from", Integer),  # the version number this one restores, if a rollback
    Column("note", Text, nullable=False, default=""),
    # JSON [[column, pandas dtype], …] in frame order (source_row last): frame() rebuilds exactly this.
    Column("dtypes", Text, nullable=False),
    UniqueConstraint("dataset", "number", name="uq_dataset_versions_dataset_number"),
)

source_files = Table(
    "source_files",
    metadata,
    Column("version_id", Integer, ForeignKey("dataset_versions.id"), primary_key=True),
    Column("filename", String(500), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

dataset_rows = Table(
    "dataset_rows",
    metadata,
    Column("version_id", Integer, ForeignKey("dataset_versions.id"), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),  # 0-based order in the frame
    Column("source_row", Integer, nullable=False),  # Excel row number (1-based, as the user sees it)
    Column("payload", Text, nullable=False),  # JSON {column: canonical value}; ints exact, dates ISO
    Column("written", Text, nullable=False),  # JSON {header as written: cell text as written}
    Index("ix_dataset_rows_version_source_row", "version_id", "source_row"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=False), nullable=False),  # naive UTC
    # Not "user": that is a reserved word in PostgreSQL (an unquoted `user` there means the session user).
    Column("username", String(200), nullable=False),
    Column("action", String(40), nullable=False),  # import, rollback, login, login_failed, …
    Column("dataset", String(40)),
    Column("number", Integer),  # version number the action concerns
    Column("detail", Text, nullable=False, default="{}"),  # JSON
)

# Sign-in accounts, as a history: every add, change and removal is a new row (revision 1, 2, … per username);
# an account's state is its newest row, and a removal is a row with action = 'remove'. Nothing is updated or deleted.
# Accounts in the secrets file are a read-only bootstrap: a username with rows here is governed by them alone.
account_events = Table(
    "account_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("action", String(20), nullable=False),  # add | update | remove | migrate
    Column("at", DateTime(timezone=False), nullable=False),  # naive UTC
    Column("by", String(200), nullable=False),  # who made the change (audit actor)
    Column("role", String(20), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("email", String(320), nullable=False, default=""),
    Column("password_hash", Text, nullable=False, default=""),  # argon2id; empty: OIDC only
    UniqueConstraint("username", "revision", name="uq_account_events_username_revision"),
)

# Sign-in sessions that outlive a browser tab (a reload, a new tab) for a limited time. Append-only like the rest:
# a sign-in makes a grant; the browser claims it once for an HttpOnly cookie (only the token's SHA-256 is kept);
# a sign-out or a removed account adds a revocation. Not backed up: after a restore everyone signs in again.
sign_in_grants = Table(
    "sign_in_grants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("code_sha256", String(64), nullable=False, unique=True),  # the one-time code the browser claims with
    Column("username", String(64), nullable=False),
    Column("created_at", DateTime(timezone=False), nullable=False),  # naive UTC
    Column("claim_until", DateTime(timezone=False), nullable=False),
    Column("expires_at", DateTime(timezone=False), nullable=False),
)

sign_in_cookies = Table(
    "sign_in_cookies",
    metadata,
    Column("grant_id", Integer, ForeignKey("sign_in_grants.id"), primary_key=True),  # one cookie per grant
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=False), nullable=False),
)

sign_in_revocations = Table(
    "sign_in_revocations",
    metadata,
    Column("grant_id", Integer, ForeignKey("sign_in_grants.id"), primary_key=True),
    Column("at", DateTime(timezone=False), nullable=False),
    Column("reason", String(40), nullable=False),  # sign_out | account_gone | idle | ended_by_admin
)

# When a sign-in was last used (any tab), for the idle timeout: moved forward at most once a minute (store.sessions).
sign_in_activity = Table(
    "sign_in_activity",
    metadata,
    Column("grant_id", Integer, ForeignKey("sign_in_grants.id"), primary_key=True),
    Column("last_seen_at", DateTime(timezone=False), nullable=False),  # naive UTC
)

# Failed sign-ins, one row per burst: one username from one source address, until a sign-in from there closes it
# (store.sign_in_failures). Shared by every app server and kept across restarts; each burst has one audit row
# (`audit_id`) whose detail is counted up with it. Not backed up (like the sessions).
sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(100), nullable=False),  # as typed (normalised), also when no such account exists
    Column("address", String(64), nullable=False),  # the source address, "-" when unknown
    Column("started_at", DateTime(timezone=False), nullable=False),  # naive UTC
    Column("last_at", DateTime(timezone=False), nullable=False),  # last try, failed or refused
    Column("last_failed_at", DateTime(timezone=False)),  # last password checked and wrong (waits run from here)
    Column("failures", Integer, nullable=False),  # passwords checked and wrong
    Column("refused", Integer, nullable=False),  # tries refused during a wait, password not checked
    Column("closed_at", DateTime(timezone=False)),  # a sign-in from the same address ended the burst
    Column("audit_id", Integer, ForeignKey("audit_log.id"), nullable=False),
    Index("ix_sign_in_failures_address_last_at", "address", "last_at"),
    Index("ix_sign_in_failures_username_address", "username", "address"),
)

# 접속기록: who opened a figure's 출처 (its rows) or downloaded a file (an original, a table, the briefing PDF), when
# and what, for the period `[access_log] keep_days` of program.toml (store/access_log.py). Sign-ins are in
# audit_log. The one table rows leave: those older than the period are purged (at the app's start, or by
# `python -m store purge-access-log`).
access_log = Table(
    "access_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=False), nullable=False),  # naive UTC
    Column("username", String(200), nullable=False),  # the account's actor name, or "-" (not signed in)
    Column("action", String(40), nullable=False),  # open_source | download_original | download_table | download_pdf
    Column("dataset", String(40)),
    Column("number", Integer),  # the version the action concerns
    Column("file", String(300), nullable=False, default=""),  # the file downloaded, or the figure whose source opened
    Column("address", String(64), nullable=False, default=""),  # the client's address as the server saw it
    Column("detail", Text, nullable=False, default="{}"),  # JSON
    Index("ix_access_log_at", "at"),
)
