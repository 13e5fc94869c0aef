"""The Streamlit side of sign-in: who is using this session, and the gate every page and action goes through.

    account = require_role(Role.STAFF)      # top of a staff page: returns the account, or shows the sign-in form /
                                            # a refusal and stops the script (nothing below it runs)
    account = authorize("import")           # again right before the action itself

Local accounts sign in with the form below; the username is kept in st.session_state for this browser tab. When
the app runs through server.py, the sign-in also lasts across reloads and new tabs for `[auth] session_hours`
(default 8): the sign-in makes a one-time grant (store.sessions), the page posts its code to /api/session/claim,
whose response sets an HttpOnly cookie; a new tab finds it in st.context.cookies. Every run checks the sign-in is
still live, so a sign-out in any tab (which revokes it in the store), an admin ending the account's sessions, `[auth]
idle_minutes` without use (default 30) or the end of `session_hours` ends it in all, and a removed account is signed
out at its next step. When OIDC is configured in [auth] (see auth.accounts.oidc_provider) the form
also offers st.login, and st.user's identity is used. Every sign-in and sign-out is written to the store's audit log;
failed sign-ins are counted in bursts (store.sign_in_failures), each with one audit entry, and slow down by username
and source address (`source_address`) as the [auth] sign_in_* settings say.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import streamlit as st
from streamlit import config

from store import sign_in_failures
from store.sign_in_failures import ThrottlePolicy
from ui.i18n import t

from .accounts import (
    Account,
    UserRecord,
    account_for,
    normalise_username,
    oidc_account,
    oidc_provider,
    reason_refused,
    verify,
    viewers_must_sign_in,
)
from .admin import choose_secrets_path
from .directory import Directory
from .roles import Role, action_role, page_role

SIGNED_IN_KEY = "auth_signed_in"  # session_state: username of the local account signed in
GRANT_KEY = "auth_grant"  # session_state: id of the sign-in (store.sessions grant) that keeps it across tabs
_CLAIM_KEY = "auth_claim_code"  # session_state: one-time code the page posts for the cookie (next run only)
_END_KEY = "auth_end_cookie"  # session_state: clear the cookie on the next run (after a sign-out)
_COOKIE_CHECKED_KEY = "auth_cookie_checked"  # session_state: the cookie already tried (not live), not asked again
_WAIT_KEY = "auth_wait"  # session_state: (seconds, limit) of a sign-in refused during a wait, for the form's message
DEFAULT_SESSION_HOURS = 8.0
DEFAULT_IDLE_MINUTES = 30.0
_OIDC_RECORDED_KEY = "auth_oidc_recorded"  # session_state: OIDC identity whose sign-in is already in the audit log
_NOTICE_KEY = "auth_notice"  # session_state: a message to show once after a rerun (e.g. signed out)

_log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------- settings


def auth_section() -> Mapping:
    """The [auth] table of the app's secrets; empty when there is no secrets file or no [auth]."""
    try:
        section = st.secrets.get("auth")
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return {}
    if section is None:
        return {}
    return section.to_dict() if hasattr(section, "to_dict") else dict(section)


def session_hours(section: Mapping | None = None) -> float:
    """How long a sign-in lasts across reloads and tabs: env AICD_SESSION_HOURS, else [auth] session_hours, else 8."""
    section = auth_section() if section is None else section
    configured = os.environ.get("AICD_SESSION_HOURS") or section.get("session_hours")
    try:
        hours = float(configured) if configured not in (None, "") else DEFAULT_SESSION_HOURS
    except (TypeError, ValueError):
        hours = DEFAULT_SESSION_HOURS
    return hours if hours > 0 else DEFAULT_SESSION_HOURS


def _positive(value: object, default: float) -> float:
    try:
        number = float(value) if value not in (None, "") else default  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


def idle_minutes(section: Mapping | None = None) -> float:
    """Minutes without use after which a sign-in ends: env AICD_IDLE_MINUTES, else [auth] idle_minutes, else 30."""
    section = auth_section() if section is None else section
    return _positive(os.environ.get("AICD_IDLE_MINUTES") or section.get("idle_minutes"), DEFAULT_IDLE_MINUTES)


def idle_timeout(section: Mapping | None = None) -> dt.timedelta:
    return dt.timedelta(minutes=idle_minutes(section))


def throttle_policy(section: Mapping | None = None) -> ThrottlePolicy:
    """The [auth] sign_in_* settings (defaults: store.sign_in_failures.ThrottlePolicy)."""
    section = auth_section() if section is None else section
    default = ThrottlePolicy()
    return ThrottlePolicy(
        account_free_failures=int(_positive(section.get("sign_in_free_failures"), default.account_free_failures)),
        address_free_failures=int(
            _positive(section.get("sign_in_address_free_failures"), default.address_free_failures)
        ),
        first_wait_seconds=_positive(section.get("sign_in_first_wait_seconds"), default.first_wait_seconds),
        max_wait_seconds=60 * _positive(section.get("sign_in_max_wait_minutes"), default.max_wait_seconds / 60),
        window_hours=_positive(section.get("sign_in_window_hours"), default.window_hours),
    )


def source_address() -> str:
    """The address this session connected from (its websocket), as the sign-in throttle keys it.

    Streamlit's server (uvicorn) takes it from X-Forwarded-For only when the connection comes from a proxy listed in
    FORWARDED_ALLOW_IPS (uvicorn's setting; by default the same machine, 127.0.0.1 and ::1) and then uses the last
    address that proxy added, which the browser cannot forge. A direct connection from this machine has no address
    here (Streamlit reports None for localhost): "-".
    """
    try:
        address = st.context.ip_address
    except Exception:  # deliberately broad: no browser context (e.g. bare script)
        address = None
    return str(address) if address else sign_in_failures.UNKNOWN_ADDRESS


def lasting_sign_in() -> bool:
    """Whether this server keeps sign-ins in a cookie (started through server.py)."""
    from . import web

    return web.installed()


def sign_in_needed_to_view() -> bool:
    """[auth] viewers_must_sign_in (false by default: anonymous viewing on the intranet)."""
    return viewers_must_sign_in(auth_section())


def directory() -> Directory:
    """The accounts: the store's (shared by every app server) over the secrets' bootstrap accounts."""
    from ui.data import get_store

    return Directory(get_store().engine, auth_section())


def users() -> dict[str, UserRecord]:
    """Everyone who may sign in, read afresh (one small query): changes on any app server apply at once."""
    return directory().users()


def role_label(role: Role | str) -> str:
    return t(f"role.{Role.parse(role).value}")


# ---------------------------------------------------------------------------------------------- who


def current_account() -> Account | None:
    """The account using this session, re-read from the store and the secrets on every run (a changed role
    applies at once, a removed account is signed out), or None when nobody is signed in."""
    section = auth_section()
    username = st.session_state.get(SIGNED_IN_KEY) or _resume_from_cookie()
    known = None
    if username and not _still_live():
        _forget_sign_in()
        username = None
    if username:
        known = users()
        account = account_for(username, known, "local")
        if account is not None:
            return account
        _end_grant("account_gone")
        _forget_sign_in()
    if oidc_provider(section):
        try:
            claims = st.user.to_dict()
        except Exception:  # deliberately broad: st.user unavailable outside a session
            return None
        account = oidc_account(claims, section, users() if known is None else known)
        if account is not None and st.session_state.get(_OIDC_RECORDED_KEY) != account.username:
            st.session_state[_OIDC_RECORDED_KEY] = account.username
            audit("login", account.actor, method="oidc", role=account.role.value)
        return account
    return None


def signed_in_username() -> str | None:
    """The username this session signed in with, as the gate last checked it this run (no query): for the
    접속기록 of what the session opens and downloads (ui.access)."""
    return st.session_state.get(SIGNED_IN_KEY) or st.session_state.get(_OIDC_RECORDED_KEY)


def _engine():
    from ui.data import get_store

    return get_store().engine


def _resume_from_cookie() -> str | None:
    """A new tab or a reload: the sign-in kept in this browser's cookie, if it is still live."""
    if not lasting_sign_in():
        return None
    from store import sessions

    from .web import COOKIE

    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:  # deliberately broad: no browser context (e.g. bare script)
        return None
    if not token or st.session_state.get(_COOKIE_CHECKED_KEY) == sessions.digest(token):
        return None
    live = sessions.session_for_token(_engine(), token, idle_timeout())
    if live is None:
        st.session_state[_COOKIE_CHECKED_KEY] = sessions.digest(token)
        return None
    st.session_state[SIGNED_IN_KEY] = live.username
    st.session_state[GRANT_KEY] = live.grant_id
    return live.username


def _still_live() -> bool:
    """False when this tab's sign-in was ended elsewhere (signed out in another tab, by an admin), has expired or
    was not used for the idle timeout; otherwise it counts as used now."""
    grant = st.session_state.get(GRANT_KEY)
    if grant is None:
        return True  # signed in by a test harness straight into session_state: no grant to check
    from store import sessions

    engine = _engine()
    if sessions.is_live(engine, int(grant), idle_timeout()):
        sessions.touch(engine, int(grant))
        return True
    if sessions.is_live(engine, int(grant)):  # live but unused too long: ended here, for every tab
        _end_grant("idle")
        username = st.session_state.get(SIGNED_IN_KEY) or "-"
        account = account_for(username, users())
        audit("logout", account.actor if account else username, method="local", reason="idle")
        st.session_state[_NOTICE_KEY] = "auth.idle_signed_out"
    return False


def _end_grant(reason: str) -> None:
    grant = st.session_state.get(GRANT_KEY)
    if grant is None:
        return
    from store import sessions

    try:
        sessions.revoke(_engine(), int(grant), reason)
    except Exception:  # deliberately broad: the tab is signed out either way; the grant expires by itself
        _log.exception("could not revoke sign-in %s", grant)


def _forget_sign_in() -> None:
    for key in (SIGNED_IN_KEY, GRANT_KEY, _CLAIM_KEY):
        st.session_state.pop(key, None)


def is_allowed(required: Role | str, account: Account | None = None) -> bool:
    """Whether this session may use something needing `required` (anonymous: viewer pages, when allowed)."""
    required = Role.parse(required)
    account = current_account() if account is None else account
    if account is not None:
        return account.allows(required)
    return required is Role.VIEWER and not sign_in_needed_to_view()


def page_visibility(url_path: str) -> Literal["visible", "hidden"]:
    """For app.py's st.Page(..., visibility=…): show a page in the menu only to those who may open it.

    Hiding is a convenience; every page still checks with require_role itself. The sign-in page is shown
    only to someone not signed in (the sidebar has the sign-out button).
    """
    account = current_account()
    if url_path == "sign-in":
        return "hidden" if account is not None else "visible"
    return "visible" if is_allowed(page_role(url_path), account) else "hidden"


# ---------------------------------------------------------------------------------------------- the gate


def require_role(required: Role | str, *, action: bool = False) -> Account | None:
    """Let the script go on only for someone with `required` (or higher).

    Returns the account (None for an anonymous reader of a viewer page when viewers need not sign in).
    Not signed in and a sign-in is needed: shows the sign-in form and stops the script.
    Signed in without the role: shows a refusal in Korean (or English) and stops the script.
    """
    required = Role.parse(required)
    account = current_account()
    if account is not None:
        if account.allows(required):
            return account
        key = "auth.refused.action" if action else "auth.refused.page"
        st.error(
            t(key, required=role_label(required), name=account.display_name, role=role_label(account.role)),
            icon=":material/block:",
        )
        st.stop()
    if required is Role.VIEWER and not sign_in_needed_to_view():
        return None
    st.info(t("auth.sign_in_needed", required=role_label(required)), icon=":material/lock:")
    sign_in_form()
    st.stop()


def authorize(action: str) -> Account:
    """Check `action` ('import', 'rollback', …) against the role table right before doing it; stops if not allowed."""
    account = require_role(action_role(action), action=True)
    if account is None:  # only possible for a viewer-level action, which no write is
        st.stop()
    return account


# ---------------------------------------------------------------------------------------------- sign in / out


def audit(action: str, user: str, **detail: object) -> None:
    """Write an audit entry through the store; a failure to write is logged, never shown to the user."""
    from ui.data import get_store

    try:
        get_store().record(action, user or "-", detail=detail)
    except Exception:  # deliberately broad: a sign-in must not fail because the log could not be written
        _log.exception("could not write audit entry %s for %s", action, user)


def sign_in(username: str, password: str) -> Account | None:
    """Check a local sign-in from this session's source address, remember it in the session and audit it.

    Returns the account, or None: a wrong password (counted on the burst of this username and address), or a try
    during a wait (the password is not checked; the wait is left in session_state for `sign_in_form`'s message)."""
    known = users()
    attempted = normalise_username(username)[:100] or "-"
    address = source_address()
    policy = throttle_policy()
    engine = _engine()
    if sign_in_failures.wait_seconds(engine, attempted, address, policy) is not None:
        wait = sign_in_failures.refused(engine, attempted, address, policy)  # checked again under the write lock
        if wait is not None:
            st.session_state[_WAIT_KEY] = (wait.seconds, wait.limit)
            return None
    account = verify(username, password, known)
    if account is None:
        sign_in_failures.failed(engine, attempted, address, reason_refused(username, known), policy)
        return None
    sign_in_failures.succeeded(engine, attempted, address, policy)
    st.session_state[SIGNED_IN_KEY] = account.username
    from store import sessions

    # Every local sign-in has a grant in the store: the idle timeout, the lifetime and an admin's "end sessions"
    # apply to it; through server.py the browser also claims it for the cookie that keeps it across tabs.
    grant = sessions.create_grant(engine, account.username, session_hours())
    st.session_state[GRANT_KEY] = grant.id
    if lasting_sign_in():
        st.session_state[_CLAIM_KEY] = grant.code
    audit("login", account.actor, method="local", role=account.role.value, address=address)
    return account


def wait_text(seconds: int) -> str:
    """A wait in words: 45초, 2분, 14분 30초."""
    minutes, rest = divmod(max(1, int(seconds)), 60)
    if not minutes:
        return t("auth.wait_seconds", seconds=rest)
    if not rest:
        return t("auth.wait_minutes", minutes=minutes)
    return t("auth.wait_minutes_seconds", minutes=minutes, seconds=rest)


def sign_out() -> None:
    """End this session's sign-in (audited). For an OIDC account this also clears Streamlit's identity cookie."""
    account = current_account()
    if st.session_state.get(GRANT_KEY) is not None:
        _end_grant("sign_out")  # every tab of this sign-in ends at its next step
        st.session_state[_END_KEY] = True  # and the browser drops the cookie on the next run
    _forget_sign_in()
    st.session_state.pop(_OIDC_RECORDED_KEY, None)
    st.session_state[_NOTICE_KEY] = "auth.signed_out"
    if account is None:
        return
    audit("logout", account.actor, method=account.method)
    if account.method == "oidc":
        st.logout()


def sign_in_form(key: str = "sign_in") -> None:
    """The sign-in form (아이디, 비밀번호) and, when OIDC is configured, the organisation sign-in button.

    On success the session is signed in and the app reruns, so the page (and the menu) show what the account
    may use. On failure a message that does not say whether the username exists.
    """
    section = auth_section()
    provider = oidc_provider(section)
    if provider and st.button(t("auth.oidc_button"), key=f"{key}_oidc", type="primary", icon=":material/login:"):
        try:
            st.login(provider)
        except st.errors.StreamlitAPIException as error:  # e.g. Authlib not installed
            st.error(t("auth.oidc_unavailable", error=str(error)))
    if not provider and not users():
        st.warning(t("auth.no_accounts"), icon=":material/person_off:")
        return
    with st.form(f"{key}_form", clear_on_submit=True, width=420):
        username = st.text_input(t("auth.username"), key=f"{key}_username", autocomplete="username")
        password = st.text_input(
            t("auth.password"), type="password", key=f"{key}_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(t("auth.submit"), type="primary", icon=":material/login:")
    if not submitted:
        return
    if not username.strip() or not password:
        st.error(t("auth.missing"))
        return
    account = sign_in(username, password)
    if account is None:
        wait = st.session_state.pop(_WAIT_KEY, None)
        if wait is None:
            st.error(t("auth.failed"), icon=":material/error:")
        else:
            seconds, limit = wait
            key = "auth.throttled_address" if limit == "address" else "auth.throttled"
            st.error(t(key, wait=wait_text(seconds)), icon=":material/timer:")
        return
    st.rerun()


def show_notice() -> None:
    """A message left for the next run (e.g. 로그아웃했습니다), shown once."""
    key = st.session_state.pop(_NOTICE_KEY, None)
    if key:
        st.toast(t(key, minutes=f"{idle_minutes():g}"), icon=":material/logout:")


def _post(path: str, body: dict | None) -> None:
    """Have the browser POST to one of auth.web's endpoints (same origin, with its cookies; nothing in the URL), by
    auth.web's script file: the Content-Security-Policy allows no inline script."""
    from html import escape

    from .web import script_path

    source = script_path(config.get_option("server.baseUrlPath") or "")
    data = f' data-body="{escape(json.dumps(body))}"' if body is not None else ""
    st.html(f'<script src="{escape(source)}" data-path="{escape(path)}"{data}></script>', unsafe_allow_javascript=True)


def keep_sign_in() -> None:
    """Right after a sign-in, the browser claims the cookie that keeps it; right after a sign-out, it drops it.
    Call once per run (account_sidebar does)."""
    code = st.session_state.pop(_CLAIM_KEY, None)
    ended = st.session_state.pop(_END_KEY, False)
    if not lasting_sign_in() or not (code or ended):
        return
    from .web import paths

    claim_path, end_path = paths(config.get_option("server.baseUrlPath") or "")
    with st.sidebar:  # an empty element: out of the page's way
        if code:
            _post(claim_path, {"code": code})
        elif ended:
            _post(end_path, None)


def secrets_path() -> Path:
    """The secrets file the running app reads its accounts from (see auth.admin.choose_secrets_path)."""
    return choose_secrets_path(list(config.get_option("secrets.files") or []))


def account_sidebar() -> None:
    """Sidebar: who is signed in, with which role, and the sign-out button. Call once per run (app.py)."""
    show_notice()
    keep_sign_in()
    account = current_account()
    if account is None:
        return
    with st.sidebar:
        st.caption(
            t("auth.signed_in_as", name=account.display_name, username=account.username, role=role_label(account.role))
        )
        if st.button(t("auth.sign_out"), key="auth_sign_out", icon=":material/logout:"):
            sign_out()
            st.rerun()
