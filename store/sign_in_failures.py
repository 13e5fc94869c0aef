"""Failed sign-ins, kept in the store so every app server sees them and a restart forgets nothing.

A *burst* is one row of `sign_in_failures`: the failures of one username from one source address, until a
successful sign-in from that address closes it (or `window` passes without a failure). Each burst has one row in the
audit log, updated as the burst grows ("로그인 실패 · 12회"), instead of a row per try.

Two limits, each with exponential backoff once its free failures are used (`ThrottlePolicy.wait_after`):

- per username *and* address: an attacker guessing one account's password from one address slows down; the owner
  signing in from any other address is not refused;
- per address, across usernames: a password spray (one or two guesses at many accounts) from one address slows
  down too.

Attempts refused because of a wait are counted on the burst (`refused`) without checking the password and do not
extend the wait. No Streamlit in here: `auth.session` calls `wait_seconds`, `failed`, `refused` and `succeeded`.

    wait = wait_seconds(engine, "kim", "10.0.0.7", policy)        # 0: check the password
    failed(engine, "kim", "10.0.0.7", "wrong_password")           # or succeeded(engine, "kim", "10.0.0.7")
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, insert, select, update

from . import codec
from .engine import inserted_id, retry_locked, write_transaction
from .schema import audit_log, sign_in_failures

UNKNOWN_ADDRESS = "-"  # no address known (a local connection, a test harness)
_ADDRESS_LENGTH = 64
_USERNAME_LENGTH = 100


@dataclass(frozen=True)
class ThrottlePolicy:
    """How many failures are free and how long the waits after them grow ([auth] settings, see auth.session)."""

    account_free_failures: int = 5  # per username from one address
    address_free_failures: int = 10  # per address, all usernames together
    first_wait_seconds: float = 30.0  # after the last free failure; doubles with each further failure
    max_wait_seconds: float = 900.0  # the longest wait (15 minutes)
    window_hours: float = 24.0  # failures older than this (since a burst's last one) are forgotten

    def wait_after(self, failures: int, free: int) -> float:
        """Seconds to wait after the last of `failures` (0 while within `free`): 30, 60, 120, … up to the maximum."""
        if failures < free or free < 0:
            return 0.0
        doublings = min(failures - free, 30)  # 2**30 × 30 s is far past any maximum
        return min(self.first_wait_seconds * 2**doublings, self.max_wait_seconds)

    @property
    def window(self) -> dt.timedelta:
        return dt.timedelta(hours=self.window_hours)


@dataclass(frozen=True)
class Wait:
    """Why and until when a sign-in is refused without checking the password."""

    seconds: int
    limit: str  # "account" (this username from this address) | "address" (every username from this address)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _naive(moment: dt.datetime | None) -> dt.datetime:
    if moment is None:
        return _utcnow()
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _key(username: str, address: str | None) -> tuple[str, str]:
    return (username or "-")[:_USERNAME_LENGTH], (address or UNKNOWN_ADDRESS)[:_ADDRESS_LENGTH]


def _open_bursts(since: dt.datetime):
    return (sign_in_failures.c.closed_at.is_(None)) & (sign_in_failures.c.last_at >= since)


def _wait(conn: Connection, username: str, address: str, policy: ThrottlePolicy, now: dt.datetime) -> Wait | None:
    since = now - policy.window
    pair = conn.execute(
        select(sign_in_failures.c.failures, sign_in_failures.c.last_failed_at)
        .where(
            _open_bursts(since),
            sign_in_failures.c.username == username,
            sign_in_failures.c.address == address,
        )
        .order_by(sign_in_failures.c.id.desc())
        .limit(1)
    ).first()
    waits: list[Wait] = []
    if pair is not None and pair.last_failed_at is not None:
        until = pair.last_failed_at + dt.timedelta(
            seconds=policy.wait_after(pair.failures, policy.account_free_failures)
        )
        if until > now:
            waits.append(Wait(math.ceil((until - now).total_seconds()), "account"))
    total, last = conn.execute(
        select(
            func.coalesce(func.sum(sign_in_failures.c.failures), 0), func.max(sign_in_failures.c.last_failed_at)
        ).where(_open_bursts(since), sign_in_failures.c.address == address)
    ).one()
    if last is not None:
        until = last + dt.timedelta(seconds=policy.wait_after(int(total), policy.address_free_failures))
        if until > now:
            waits.append(Wait(math.ceil((until - now).total_seconds()), "address"))
    return max(waits, key=lambda w: w.seconds) if waits else None


def wait_seconds(
    engine: Engine, username: str, address: str | None, policy: ThrottlePolicy, now: dt.datetime | None = None
) -> Wait | None:
    """The wait before `username` may try again from `address`, or None when the password may be checked now."""
    username, address = _key(username, address)
    with engine.connect() as conn:
        return _wait(conn, username, address, policy, _naive(now))


def _burst_detail(burst, reason: str) -> dict:
    detail = {
        "method": "local",
        "reason": reason,
        "address": burst.address,
        "failures": burst.failures,
        "refused": burst.refused,
        "last_at": burst.last_at.replace(tzinfo=dt.UTC).isoformat(timespec="seconds"),
    }
    if burst.closed_at is not None:
        detail["ended"] = "signed_in"
    return detail


def _add_to_burst(
    conn: Connection,
    username: str,
    address: str,
    policy: ThrottlePolicy,
    now: dt.datetime,
    reason: str,
    failed: bool,
) -> None:
    """Count one failure (or one refused try) on the open burst of username+address, or start one; its audit row
    follows."""
    burst = conn.execute(
        select(sign_in_failures)
        .where(
            _open_bursts(now - policy.window),
            sign_in_failures.c.username == username,
            sign_in_failures.c.address == address,
        )
        .order_by(sign_in_failures.c.id.desc())
        .limit(1)
    ).first()
    if burst is None:
        audit_id = inserted_id(
            conn.execute(
                insert(audit_log).values(
                    at=now, username=username, action="login_failed", dataset=None, number=None, detail="{}"
                )
            )
        )
        burst_id = inserted_id(
            conn.execute(
                insert(sign_in_failures).values(
                    username=username,
                    address=address,
                    started_at=now,
                    last_at=now,
                    last_failed_at=now if failed else None,
                    failures=1 if failed else 0,
                    refused=0 if failed else 1,
                    audit_id=audit_id,
                )
            )
        )
    else:
        burst_id = burst.id
        changes: dict = {"last_at": now}
        if failed:
            changes |= {"failures": sign_in_failures.c.failures + 1, "last_failed_at": now}
        else:
            changes["refused"] = sign_in_failures.c.refused + 1
        conn.execute(update(sign_in_failures).where(sign_in_failures.c.id == burst_id).values(**changes))
    _write_audit(conn, burst_id, reason if failed else None)


def _write_audit(conn: Connection, burst_id: int, reason: str | None) -> None:
    """Bring the burst's audit row up to date; `reason` None keeps the row's own (a refused try is no new reason)."""
    burst = conn.execute(select(sign_in_failures).where(sign_in_failures.c.id == burst_id)).one()
    if reason is None:
        stored = json.loads(
            conn.execute(select(audit_log.c.detail).where(audit_log.c.id == burst.audit_id)).scalar_one()
        )
        reason = stored.get("reason") or "throttled"
    conn.execute(
        update(audit_log)
        .where(audit_log.c.id == burst.audit_id)
        .values(detail=codec.dumps(_burst_detail(burst, reason)))
    )


def failed(
    engine: Engine,
    username: str,
    address: str | None,
    reason: str,
    policy: ThrottlePolicy,
    now: dt.datetime | None = None,
) -> None:
    """A wrong password (or unknown username): one more failure on the burst and its audit row."""
    username, address = _key(username, address)
    moment = _naive(now)

    def write() -> None:
        with write_transaction(engine) as conn:
            _add_to_burst(conn, username, address, policy, moment, reason, failed=True)

    retry_locked(write)


def refused(
    engine: Engine, username: str, address: str | None, policy: ThrottlePolicy, now: dt.datetime | None = None
) -> Wait | None:
    """A try while a wait is on: counted on the burst (not as a failure), the password left unchecked.

    Checks the wait again under the write lock and returns it; None when it ended meanwhile (check the password)."""
    username, address = _key(username, address)
    moment = _naive(now)

    def write() -> Wait | None:
        with write_transaction(engine) as conn:
            wait = _wait(conn, username, address, policy, moment)
            if wait is not None:
                _add_to_burst(conn, username, address, policy, moment, "throttled", failed=False)
            return wait

    return retry_locked(write)


def succeeded(
    engine: Engine, username: str, address: str | None, policy: ThrottlePolicy, now: dt.datetime | None = None
) -> None:
    """A sign-in from `address`: the burst of username+address ends (its audit row says so)."""
    username, address = _key(username, address)
    moment = _naive(now)

    def write() -> None:
        with write_transaction(engine) as conn:
            bursts = conn.execute(
                select(sign_in_failures.c.id).where(
                    _open_bursts(moment - policy.window),
                    sign_in_failures.c.username == username,
                    sign_in_failures.c.address == address,
                )
            ).all()
            for (burst_id,) in bursts:
                conn.execute(update(sign_in_failures).where(sign_in_failures.c.id == burst_id).values(closed_at=moment))
                _write_audit(conn, burst_id, None)

    retry_locked(write)
