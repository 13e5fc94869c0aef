"""Sign-in sessions that survive a reload and a new tab: grants, the cookies that claim them, revocations.

    grant = create_grant(engine, "kim", hours=8)        # on sign-in (the app's script)
    token, expires = claim(engine, grant.code)          # once, from the browser (the /api/session/claim route)
    live = session_for_token(engine, token)             # a new tab: the cookie's session, if still live
    revoke(engine, grant.id, "sign_out")                # sign-out: every tab of that sign-in ends

The code and the token are random 256-bit strings; only their SHA-256 are stored. A grant may be claimed once,
within CLAIM_SECONDS; it lives until `expires_at` (absolute, from the sign-in) unless revoked. Rows are only ever
added. No Streamlit in here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

import clock

from .engine import inserted_id, retry_locked, write_transaction
from .schema import sign_in_cookies, sign_in_grants, sign_in_revocations

CLAIM_SECONDS = 120  # the browser claims its cookie right after signing in


def _naive(moment: dt.datetime | None) -> dt.datetime:
    if moment is None:
        return clock.utc_now()
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Grant:
    id: int
    code: str  # give to the browser once; never stored
    username: str
    expires_at: dt.datetime  # UTC, aware


@dataclass(frozen=True)
class LiveSession:
    grant_id: int
    username: str
    expires_at: dt.datetime  # UTC, aware


def create_grant(engine: Engine, username: str, hours: float, now: dt.datetime | None = None) -> Grant:
    """A new sign-in of `username`, valid `hours` from now, to be claimed by the browser within CLAIM_SECONDS."""
    now = _naive(now)
    code = secrets.token_urlsafe(32)
    expires = now + dt.timedelta(hours=hours)

    def write() -> int:
        with write_transaction(engine, lock=False) as conn:
            return inserted_id(
                conn.execute(
                    insert(sign_in_grants).values(
                        code_sha256=digest(code),
                        username=username,
                        created_at=now,
                        claim_until=now + dt.timedelta(seconds=CLAIM_SECONDS),
                        expires_at=expires,
                    )
                )
            )

    return Grant(retry_locked(write), code, username, expires.replace(tzinfo=dt.UTC))


def _revoked(conn, grant_id: int) -> bool:
    return (
        conn.execute(select(sign_in_revocations.c.grant_id).where(sign_in_revocations.c.grant_id == grant_id)).first()
        is not None
    )


def claim(engine: Engine, code: str, now: dt.datetime | None = None) -> tuple[str, dt.datetime] | None:
    """The cookie token for a grant's code, once: None for an unknown, late, already claimed, revoked or expired one."""
    if not code or len(code) > 200:
        return None
    now = _naive(now)
    token = secrets.token_urlsafe(32)

    def write():
        with write_transaction(engine, lock=False) as conn:
            grant = conn.execute(select(sign_in_grants).where(sign_in_grants.c.code_sha256 == digest(code))).first()
            if grant is None or now > grant.claim_until or now >= grant.expires_at or _revoked(conn, grant.id):
                return None
            conn.execute(insert(sign_in_cookies).values(grant_id=grant.id, token_sha256=digest(token), created_at=now))
            return token, grant.expires_at.replace(tzinfo=dt.UTC)

    try:
        return retry_locked(write)
    except IntegrityError:  # claimed already (one cookie per grant)
        return None


def session_for_token(engine: Engine, token: str | None, now: dt.datetime | None = None) -> LiveSession | None:
    """The live session a cookie token belongs to, or None (unknown, expired or revoked)."""
    if not token or len(token) > 200:
        return None
    now = _naive(now)
    query = (
        select(sign_in_grants.c.id, sign_in_grants.c.username, sign_in_grants.c.expires_at)
        .join(sign_in_cookies, sign_in_cookies.c.grant_id == sign_in_grants.c.id)
        .outerjoin(sign_in_revocations, sign_in_revocations.c.grant_id == sign_in_grants.c.id)
        .where(sign_in_cookies.c.token_sha256 == digest(token), sign_in_revocations.c.grant_id.is_(None))
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None or now >= row.expires_at:
        return None
    return LiveSession(row.id, row.username, row.expires_at.replace(tzinfo=dt.UTC))


def is_live(engine: Engine, grant_id: int, now: dt.datetime | None = None) -> bool:
    """Whether a sign-in is still on: not revoked (e.g. signed out in another tab) and not expired."""
    now = _naive(now)
    query = (
        select(sign_in_grants.c.expires_at)
        .outerjoin(sign_in_revocations, sign_in_revocations.c.grant_id == sign_in_grants.c.id)
        .where(sign_in_grants.c.id == grant_id, sign_in_revocations.c.grant_id.is_(None))
    )
    with engine.connect() as conn:
        expires = conn.execute(query).scalar()
    return expires is not None and now < expires


def revoke(engine: Engine, grant_id: int, reason: str, now: dt.datetime | None = None) -> None:
    """End a sign-in everywhere (idempotent: a second revocation changes nothing)."""
    now = _naive(now)

    def write() -> None:
        with write_transaction(engine, lock=False) as conn:
            if not _revoked(conn, grant_id):
                conn.execute(insert(sign_in_revocations).values(grant_id=grant_id, at=now, reason=reason))

    with contextlib.suppress(IntegrityError):  # revoked at the same moment elsewhere
        retry_locked(write)
