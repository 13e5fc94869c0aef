"""Sign-in sessions that survive a reload and a new tab: grants, the cookies that claim them, revocations.

    grant = create_grant(engine, "kim", hours=8)        # on sign-in (the app's script)
    token, expires = claim(engine, grant.code)          # once, from the browser (the /api/session/claim route)
    live = session_for_token(engine, token, idle)       # a new tab: the cookie's session, if still live
    is_live(engine, grant.id, idle)                     # every run: not revoked, not expired, not idle too long
    touch(engine, grant.id)                             # … and it was used now (written at most once a minute)
    revoke(engine, grant.id, "sign_out")                # sign-out: every tab of that sign-in ends
    end_sessions(engine, "kim", "ended_by_admin")       # an admin ends every live sign-in of an account

The code and the token are random 256-bit strings; only their SHA-256 are stored. A grant may be claimed once,
within CLAIM_SECONDS; it lives until `expires_at` (absolute, from the sign-in) unless revoked or unused for longer
than the idle timeout (`idle`, from its last use in any tab: `sign_in_activity`). Rows are only ever added, except the
last-use time, moved forward at most once every TOUCH_SECONDS. No Streamlit in here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from . import codec
from .engine import inserted_id, retry_locked, write_transaction
from .schema import audit_log, sign_in_activity, sign_in_cookies, sign_in_grants, sign_in_revocations

CLAIM_SECONDS = 120  # the browser claims its cookie right after signing in
# A sign-in's last use is written at most this often: a page run reads it every time but seldom writes.
TOUCH_SECONDS = 60


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _naive(moment: dt.datetime | None) -> dt.datetime:
    if moment is None:
        return _utcnow()
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


def _last_used():
    return func.coalesce(sign_in_activity.c.last_seen_at, sign_in_grants.c.created_at).label("last_used")


def _on(row, idle: dt.timedelta | None, now: dt.datetime) -> bool:
    return row is not None and now < row.expires_at and (idle is None or now - row.last_used < idle)


def session_for_token(
    engine: Engine, token: str | None, idle: dt.timedelta | None = None, now: dt.datetime | None = None
) -> LiveSession | None:
    """The live session a cookie token belongs to, or None (unknown, expired, revoked or unused for `idle`)."""
    if not token or len(token) > 200:
        return None
    now = _naive(now)
    query = (
        select(sign_in_grants.c.id, sign_in_grants.c.username, sign_in_grants.c.expires_at, _last_used())
        .join(sign_in_cookies, sign_in_cookies.c.grant_id == sign_in_grants.c.id)
        .outerjoin(sign_in_revocations, sign_in_revocations.c.grant_id == sign_in_grants.c.id)
        .outerjoin(sign_in_activity, sign_in_activity.c.grant_id == sign_in_grants.c.id)
        .where(sign_in_cookies.c.token_sha256 == digest(token), sign_in_revocations.c.grant_id.is_(None))
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None or not _on(row, idle, now):
        return None
    return LiveSession(row.id, row.username, row.expires_at.replace(tzinfo=dt.UTC))


def is_live(engine: Engine, grant_id: int, idle: dt.timedelta | None = None, now: dt.datetime | None = None) -> bool:
    """Whether a sign-in is still on: not revoked (e.g. signed out in another tab or by an admin), not expired and,
    with `idle`, used (in any tab) within that time."""
    now = _naive(now)
    query = (
        select(sign_in_grants.c.expires_at, _last_used())
        .outerjoin(sign_in_revocations, sign_in_revocations.c.grant_id == sign_in_grants.c.id)
        .outerjoin(sign_in_activity, sign_in_activity.c.grant_id == sign_in_grants.c.id)
        .where(sign_in_grants.c.id == grant_id, sign_in_revocations.c.grant_id.is_(None))
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return _on(row, idle, now)


def touch(engine: Engine, grant_id: int, now: dt.datetime | None = None) -> None:
    """The sign-in was used now (a page run): moves its last use forward, written only when TOUCH_SECONDS old."""
    now = _naive(now)
    stale = now - dt.timedelta(seconds=TOUCH_SECONDS)
    with engine.connect() as conn:
        seen = conn.execute(
            select(sign_in_activity.c.last_seen_at).where(sign_in_activity.c.grant_id == grant_id)
        ).scalar()
    if seen is not None and seen > stale:
        return

    def write() -> None:
        with write_transaction(engine, lock=False) as conn:
            moved = conn.execute(
                update(sign_in_activity)
                .where(sign_in_activity.c.grant_id == grant_id, sign_in_activity.c.last_seen_at < now)
                .values(last_seen_at=now)
            ).rowcount
            if not moved and seen is None:
                conn.execute(insert(sign_in_activity).values(grant_id=grant_id, last_seen_at=now))

    with contextlib.suppress(IntegrityError):  # another tab wrote its first use at the same moment
        retry_locked(write)


def revoke(engine: Engine, grant_id: int, reason: str, now: dt.datetime | None = None) -> None:
    """End a sign-in everywhere (idempotent: a second revocation changes nothing)."""
    now = _naive(now)

    def write() -> None:
        with write_transaction(engine, lock=False) as conn:
            if not _revoked(conn, grant_id):
                conn.execute(insert(sign_in_revocations).values(grant_id=grant_id, at=now, reason=reason))

    with contextlib.suppress(IntegrityError):  # revoked at the same moment elsewhere
        retry_locked(write)


def live_sessions(engine: Engine, username: str, now: dt.datetime | None = None) -> list[int]:
    """The ids of `username`'s sign-ins not revoked and not expired (idle ones included: they are ended too)."""
    now = _naive(now)
    query = (
        select(sign_in_grants.c.id)
        .outerjoin(sign_in_revocations, sign_in_revocations.c.grant_id == sign_in_grants.c.id)
        .where(
            sign_in_grants.c.username == username,
            sign_in_grants.c.expires_at > now,
            sign_in_revocations.c.grant_id.is_(None),
        )
        .order_by(sign_in_grants.c.id)
    )
    with engine.connect() as conn:
        return [row.id for row in conn.execute(query)]


def end_sessions(
    engine: Engine, username: str, reason: str, audit: tuple[str, dict] | None = None, now: dt.datetime | None = None
) -> int:
    """Revoke every live sign-in of `username` (all its browsers and tabs end at their next step); how many.

    `audit` = (actor, detail): an `end_sessions` audit entry written in the same transaction, with
    detail["sessions_ended"] set to the count."""
    now = _naive(now)

    def write() -> int:
        with write_transaction(engine) as conn:
            ended = [
                row.id
                for row in conn.execute(
                    select(sign_in_grants.c.id)
                    .outerjoin(sign_in_revocations, sign_in_revocations.c.grant_id == sign_in_grants.c.id)
                    .where(
                        sign_in_grants.c.username == username,
                        sign_in_grants.c.expires_at > now,
                        sign_in_revocations.c.grant_id.is_(None),
                    )
                )
            ]
            for grant_id in ended:
                conn.execute(insert(sign_in_revocations).values(grant_id=grant_id, at=now, reason=reason))
            if audit is not None:
                actor, detail = audit
                conn.execute(
                    insert(audit_log).values(
                        at=now,
                        username=actor,
                        action="end_sessions",
                        dataset=None,
                        number=None,
                        detail=codec.dumps({**detail, "sessions_ended": len(ended)}),
                    )
                )
            return len(ended)

    return retry_locked(write)
