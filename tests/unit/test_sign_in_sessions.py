"""Sign-in that survives a reload and a new tab: store.sessions, the /api/session endpoints (auth/web.py, mounted by
server.py through st.App) and the HttpOnly cookie in a real browser."""

from __future__ import annotations

import datetime as dt

import pytest

from store import open_store, sessions

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    if request.param == "sqlite":
        store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    else:
        store = open_store(request.getfixturevalue("fresh_postgres_url"))
    yield store.engine
    store.close()


def test_a_grant_is_claimed_once_and_lives_until_it_expires(engine):
    grant = sessions.create_grant(engine, "kim", hours=8, now=NOW)
    assert grant.expires_at == NOW + dt.timedelta(hours=8)
    token, expires = sessions.claim(engine, grant.code, now=NOW + dt.timedelta(seconds=5))
    assert expires == grant.expires_at and token != grant.code
    assert sessions.claim(engine, grant.code, now=NOW + dt.timedelta(seconds=6)) is None  # once only
    live = sessions.session_for_token(engine, token, now=NOW + dt.timedelta(hours=7, minutes=59))
    assert (live.grant_id, live.username) == (grant.id, "kim")
    assert sessions.session_for_token(engine, token, now=NOW + dt.timedelta(hours=8)) is None
    assert sessions.is_live(engine, grant.id, now=NOW + dt.timedelta(hours=7))
    assert not sessions.is_live(engine, grant.id, now=NOW + dt.timedelta(hours=8))
    assert sessions.session_for_token(engine, "made-up", now=NOW) is None


def test_a_revoked_or_late_grant_gives_no_cookie(engine):
    late = sessions.create_grant(engine, "kim", hours=8, now=NOW)
    assert sessions.claim(engine, late.code, now=NOW + dt.timedelta(seconds=sessions.CLAIM_SECONDS + 1)) is None
    revoked = sessions.create_grant(engine, "kim", hours=8, now=NOW)
    sessions.revoke(engine, revoked.id, "sign_out", now=NOW)
    assert sessions.claim(engine, revoked.code, now=NOW) is None
    assert not sessions.is_live(engine, revoked.id, now=NOW)


def test_revoking_ends_the_session_of_every_tab(engine):
    grant = sessions.create_grant(engine, "kim", hours=8, now=NOW)
    token, _ = sessions.claim(engine, grant.code, now=NOW)
    sessions.revoke(engine, grant.id, "sign_out", now=NOW)
    sessions.revoke(engine, grant.id, "sign_out", now=NOW)  # twice: nothing more
    assert sessions.session_for_token(engine, token, now=NOW) is None
    assert not sessions.is_live(engine, grant.id, now=NOW)


def test_only_hashes_are_stored(engine):
    from sqlalchemy import select

    from store.schema import sign_in_cookies, sign_in_grants

    grant = sessions.create_grant(engine, "kim", hours=8, now=NOW)
    token, _ = sessions.claim(engine, grant.code, now=NOW)
    with engine.connect() as conn:
        stored = [*conn.execute(select(sign_in_grants)).first(), *conn.execute(select(sign_in_cookies)).first()]
    assert grant.code not in map(str, stored) and token not in map(str, stored)
    assert sessions.digest(token) in stored and sessions.digest(grant.code) in stored


def test_sessions_are_not_backed_up(engine, tmp_path):
    from store.backup import backup_to_file

    sessions.create_grant(engine, "kim", hours=8, now=NOW)
    summary = backup_to_file(engine, tmp_path / "b.aicd-backup")
    assert not {"sign_in_grants", "sign_in_cookies", "sign_in_revocations"} & set(summary.tables)


def test_a_sign_in_unused_for_the_idle_timeout_ends_and_use_keeps_it_on(engine):
    idle = dt.timedelta(minutes=30)
    grant = sessions.create_grant(engine, "kim", hours=8, now=NOW)
    token, _ = sessions.claim(engine, grant.code, now=NOW)
    assert sessions.is_live(engine, grant.id, idle, now=NOW + dt.timedelta(minutes=29))
    sessions.touch(engine, grant.id, now=NOW + dt.timedelta(minutes=29))  # a page run in any tab
    sessions.touch(engine, grant.id, now=NOW + dt.timedelta(minutes=29, seconds=30))  # within a minute: not written
    assert sessions.is_live(engine, grant.id, idle, now=NOW + dt.timedelta(minutes=58, seconds=59))
    assert sessions.session_for_token(engine, token, idle, now=NOW + dt.timedelta(minutes=58)).username == "kim"
    assert not sessions.is_live(engine, grant.id, idle, now=NOW + dt.timedelta(minutes=59))
    assert sessions.session_for_token(engine, token, idle, now=NOW + dt.timedelta(minutes=59)) is None
    assert sessions.is_live(engine, grant.id, now=NOW + dt.timedelta(minutes=59))  # not revoked: only idle
    # Used all along, it still ends at its absolute lifetime.
    for minutes in range(0, 8 * 60, 20):
        sessions.touch(engine, grant.id, now=NOW + dt.timedelta(minutes=minutes))
    assert sessions.is_live(engine, grant.id, idle, now=NOW + dt.timedelta(hours=7, minutes=59))
    assert not sessions.is_live(engine, grant.id, idle, now=NOW + dt.timedelta(hours=8))


def test_ending_an_accounts_sessions_revokes_every_live_one(engine):
    first = sessions.create_grant(engine, "kim", hours=8, now=NOW)
    second = sessions.create_grant(engine, "kim", hours=8, now=NOW + dt.timedelta(minutes=5))
    expired = sessions.create_grant(engine, "kim", hours=1, now=NOW - dt.timedelta(hours=2))
    other = sessions.create_grant(engine, "lee", hours=8, now=NOW)
    moment = NOW + dt.timedelta(minutes=10)
    assert sessions.live_sessions(engine, "kim", now=moment) == [first.id, second.id]
    assert sessions.end_sessions(engine, "kim", "ended_by_admin", now=moment) == 2
    assert not sessions.is_live(engine, first.id, now=moment) and not sessions.is_live(engine, second.id, now=moment)
    assert sessions.is_live(engine, other.id, now=moment)
    assert sessions.end_sessions(engine, "kim", "ended_by_admin", now=moment) == 0
    assert expired.id not in sessions.live_sessions(engine, "kim", now=moment)
