"""Failed sign-ins kept in the store (store.sign_in_failures), on SQLite and PostgreSQL: backoff by username and
source address, the spray limit by address, the owner's fresh address never refused, one audit row per burst, and
state that a second connection (another app server, a restart) sees."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from store import open_store, sign_in_failures
from store.schema import audit_log
from store.sign_in_failures import ThrottlePolicy, Wait

NOW = dt.datetime(2026, 12, 8, 1, 0, tzinfo=dt.UTC)
POLICY = ThrottlePolicy()  # 5 free per username+address, 10 per address; 30 s doubling to 15 min; 24 h window
ATTACKER = "203.0.113.9"
OWNER = "10.20.30.40"


def _fail_until_waiting(engine, username, address, clock, times):
    """`times` wrong passwords, each after any wait is over (the clock moves past it), as a patient attacker does."""
    for _ in range(times):
        wait = sign_in_failures.wait_seconds(engine, username, address, POLICY, clock[0])
        if wait is not None:
            clock[0] += dt.timedelta(seconds=wait.seconds)
            assert sign_in_failures.wait_seconds(engine, username, address, POLICY, clock[0]) is None
        sign_in_failures.failed(engine, username, address, "wrong_password", POLICY, clock[0])
        clock[0] += dt.timedelta(seconds=1)


def _bursts(engine) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(audit_log.c.username, audit_log.c.detail)
            .where(audit_log.c.action == "login_failed")
            .order_by(audit_log.c.id)
        )
        return [{"username": r.username, **json.loads(r.detail)} for r in rows]


def test_waits_double_after_the_free_failures_up_to_the_maximum():
    assert [POLICY.wait_after(n, 5) for n in range(4, 12)] == [0, 30, 60, 120, 240, 480, 900, 900]
    assert POLICY.wait_after(10_000, 5) == 900


def test_thirty_wrong_passwords_from_one_address_do_not_keep_the_owner_out(store):
    engine = store.engine
    clock = [NOW]
    _fail_until_waiting(engine, "admin", ATTACKER, clock, 30)
    # The attacker's address waits the longest wait (15 min) after its 30th failure …
    assert sign_in_failures.wait_seconds(engine, "admin", ATTACKER, POLICY, clock[0]) == Wait(899, "account")
    # … and the owner, from an address with no failures, may check the password at once.
    assert sign_in_failures.wait_seconds(engine, "admin", OWNER, POLICY, clock[0]) is None
    sign_in_failures.succeeded(engine, "admin", OWNER, POLICY, clock[0])
    # The owner's sign-in does not lift the attacker's wait (it closes only the owner's own burst).
    assert sign_in_failures.wait_seconds(engine, "admin", ATTACKER, POLICY, clock[0]).seconds == 899


def test_a_spray_over_twelve_accounts_from_one_address_is_slowed(store):
    engine = store.engine
    told: list[Wait | None] = []
    for number in range(1, 14):
        username = f"user{number:02d}"
        moment = NOW + dt.timedelta(seconds=number)
        wait = sign_in_failures.wait_seconds(engine, username, ATTACKER, POLICY, moment)
        told.append(wait)
        if wait is None:
            sign_in_failures.failed(engine, username, ATTACKER, "unknown_user", POLICY, moment)
        else:
            assert sign_in_failures.refused(engine, username, ATTACKER, POLICY, moment) == wait
    # Ten accounts are tried; from the 11th on (also the 12th and the 13th) the address waits 30 s after the 10th.
    assert told[:10] == [None] * 10
    assert told[10:] == [Wait(29, "address"), Wait(28, "address"), Wait(27, "address")]
    assert sign_in_failures.wait_seconds(engine, "user13", OWNER, POLICY, NOW) is None  # another address is not
    later = NOW + dt.timedelta(seconds=40)
    assert sign_in_failures.wait_seconds(engine, "user13", ATTACKER, POLICY, later) is None


def test_the_wait_survives_a_restart_and_is_shared_by_replicas(store_url):
    first = open_store(store_url)
    clock = [NOW]
    _fail_until_waiting(first.engine, "kim", ATTACKER, clock, 6)
    first.close()
    restarted = open_store(store_url)  # a new process, or the other replica: nothing but the store in common
    try:
        assert sign_in_failures.wait_seconds(restarted.engine, "kim", ATTACKER, POLICY, clock[0]) == Wait(59, "account")
    finally:
        restarted.close()


def test_a_burst_is_one_audit_entry_counted_up_and_closed_by_a_sign_in(store):
    engine = store.engine
    clock = [NOW]
    _fail_until_waiting(engine, "kim", ATTACKER, clock, 7)
    for _ in range(25):  # tries during the wait: refused, counted, the wait not made longer
        assert sign_in_failures.refused(engine, "kim", ATTACKER, POLICY, clock[0]) is not None
    assert sign_in_failures.wait_seconds(engine, "kim", ATTACKER, POLICY, clock[0]).seconds == 119
    [burst] = _bursts(engine)
    assert {k: burst[k] for k in ("username", "method", "reason", "address", "failures", "refused")} == {
        "username": "kim",
        "method": "local",
        "reason": "wrong_password",
        "address": ATTACKER,
        "failures": 7,
        "refused": 25,
    }
    assert "ended" not in burst
    clock[0] += dt.timedelta(minutes=5)
    sign_in_failures.succeeded(engine, "kim", ATTACKER, POLICY, clock[0])
    assert _bursts(engine)[0]["ended"] == "signed_in"
    assert sign_in_failures.wait_seconds(engine, "kim", ATTACKER, POLICY, clock[0]) is None
    sign_in_failures.failed(engine, "kim", ATTACKER, "wrong_password", POLICY, clock[0])  # a new burst
    assert [b["failures"] for b in _bursts(engine)] == [7, 1]


def test_failures_older_than_the_window_are_forgotten(store):
    engine = store.engine
    clock = [NOW]
    _fail_until_waiting(engine, "kim", ATTACKER, clock, 5)
    assert sign_in_failures.wait_seconds(engine, "kim", ATTACKER, POLICY, clock[0]) is not None
    day_later = clock[0] + dt.timedelta(hours=24, seconds=1)
    assert sign_in_failures.wait_seconds(engine, "kim", ATTACKER, POLICY, day_later) is None
    sign_in_failures.failed(engine, "kim", ATTACKER, "wrong_password", POLICY, day_later)
    assert [b["failures"] for b in _bursts(engine)] == [5, 1]
