"""The accounts page's work: which secrets file the app reads its accounts from, and adding, changing and removing
`[auth.users.<name>]` tables in it (through auth.accounts' argon2 hashing and atomic writer), with the checks an
admin's change must pass. Only `secrets_path` and `wait_until_app_reads` touch Streamlit.

Where Streamlit reads secrets (1.67, streamlit/runtime/secrets.py): every entry of the `secrets.files` option, in
order — by default ~/.streamlit/secrets.toml, <working dir>/.streamlit/secrets.toml and <main script's
dir>/.streamlit/secrets.toml; `streamlit run` also takes it from STREAMLIT_SECRETS_FILES or --secrets.files. Each
file's top-level tables replace the same tables of earlier files (a shallow `dict.update`), so the whole `[auth]`
table comes from the LAST entry that has one. That entry is the file to change: writing to an earlier one would be
hidden by it.

Streamlit re-reads a changed secrets file by itself: when it first parses the secrets it puts a polling watcher
(every 0.2 s, always "poll", even with server.fileWatcherType = "none") on each .toml entry that exists, and on a
change re-parses and tells every session. That is asynchronous, so after a write `wait_until_app_reads` waits until
`st.secrets` shows the file's accounts.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from auth.accounts import (
    MIN_PASSWORD_LENGTH,
    USERNAME_PATTERN,
    SecretsFileError,
    UserRecord,
    _atomic_write,
    _header_path,
    add_user,
    load_users,
    normalise_username,
    upsert_user,
)
from auth.roles import Role
from ui.i18n import translate

_log = logging.getLogger(__name__)

DEFAULT_SECRETS = Path(".streamlit") / "secrets.toml"  # what `python -m auth add-user` writes by default
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_DISPLAY_NAME = 100
MAX_PASSWORD = 256
RELOAD_TIMEOUT = 3.0  # seconds to wait for Streamlit's watcher before asking it to re-read the file itself

_write_lock = threading.Lock()  # one read-modify-write of the secrets file at a time (per app process)


class AccountError(Exception):
    """A change refused before anything was written. `key` is a message key (accounts.*), `values` fill it;
    `kind` is how to show it ("error", or "info" when there was simply nothing to do)."""

    def __init__(self, key: str, kind: str = "error", **values: object):
        super().__init__(key)
        self.key = key
        self.kind = kind
        self.values = values


@dataclass(frozen=True)
class Change:
    """What an admin's change did: for the audit log (never a password or hash) and the message shown."""

    action: str  # account_add | account_update | account_remove
    username: str
    role: Role
    previous_role: Role | None = None
    changed: tuple[str, ...] = field(default_factory=tuple)  # of: role, display_name, email, password

    def audit_detail(self) -> dict:
        detail: dict = {"account": self.username, "role": self.role.value}
        if self.previous_role is not None and self.previous_role != self.role:
            detail["previous_role"] = self.previous_role.value
        if self.changed:
            detail["changed"] = list(self.changed)
        detail["note"] = self.note()
        return detail

    def note(self) -> str:
        """The audit page's 내용 column (it shows `note` as written): Korean, as the office reads the log."""
        role = translate(f"role.{self.role.value}", "ko")
        if self.action == "account_add":
            return translate("accounts.audit.added", "ko", username=self.username, role=role)
        if self.action == "account_remove":
            return translate("accounts.audit.removed", "ko", username=self.username, role=role)
        fields = ", ".join(translate(f"accounts.field.{name}", "ko") for name in self.changed)
        if self.previous_role is not None and self.previous_role != self.role:
            before = translate(f"role.{self.previous_role.value}", "ko")
            return translate("accounts.audit.role_changed", "ko", username=self.username, before=before, after=role, fields=fields)
        return translate("accounts.audit.updated", "ko", username=self.username, fields=fields)


# ---------------------------------------------------------------------------------------------- where


def choose_secrets_path(entries: Sequence[str], cwd: Path | None = None) -> Path:
    """The secrets file whose `[auth]` the app uses, from the `secrets.files` entries (in Streamlit's order).

    The last existing .toml entry with an [auth] table; else the last existing .toml entry (an [auth] written
    there is the only one); else the working directory's .streamlit/secrets.toml when it is an entry (what
    `streamlit run` reads by default and `python -m auth add-user` writes), else the last .toml entry.
    Raises SecretsFileError when [auth] comes from a directory of Kubernetes-style secrets, which cannot be
    edited here, or when no entry is a .toml file.
    """
    cwd = Path.cwd() if cwd is None else cwd
    tomls = [Path(entry) for entry in entries if str(entry).endswith(".toml")]
    if not tomls:
        raise SecretsFileError("secrets.files에 .toml 파일이 없어 계정을 저장할 곳이 없습니다")
    auth_source: Path | None = None
    auth_from_directory = False
    for entry in entries:
        path = Path(entry)
        if str(entry).endswith(".toml"):
            if _has_auth_table(path):
                auth_source, auth_from_directory = path, False
        elif (path / "auth").is_dir():
            auth_source, auth_from_directory = path, True
    if auth_source is not None:
        if auth_from_directory:
            raise SecretsFileError(
                f"계정([auth])을 디렉터리 형식 secrets({auth_source})에서 읽고 있어 화면에서 바꿀 수 없습니다"
            )
        return auth_source
    existing = [path for path in tomls if path.is_file()]
    if existing:
        return existing[-1]
    project = (cwd / DEFAULT_SECRETS).resolve()
    for path in tomls:
        if (cwd / path).resolve() == project:
            return path
    return tomls[-1]


def _has_auth_table(path: Path) -> bool:
    try:
        return isinstance(tomllib.loads(path.read_text(encoding="utf-8")).get("auth"), dict)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def secrets_path() -> Path:
    """The secrets file the running app reads its accounts from (see choose_secrets_path)."""
    from streamlit import config

    return choose_secrets_path(list(config.get_option("secrets.files") or []))


# ---------------------------------------------------------------------------------------------- reading


def _read(path: Path) -> tuple[str, dict]:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SecretsFileError(f"secrets 파일이 올바른 TOML이 아니어서 고치지 않았습니다: {error}") from None


def read_users(path: Path) -> dict[str, UserRecord]:
    """The accounts in the file at `path` (what load_users makes of its [auth])."""
    return load_users(_read(Path(path))[1].get("auth"))


def _raw_tables(parsed: Mapping) -> dict[str, Mapping]:
    users = (parsed.get("auth") or {}).get("users") or {}
    return {normalise_username(name): table for name, table in users.items() if isinstance(table, Mapping)}


def accounts_table(users: Mapping[str, UserRecord], lang: str) -> pd.DataFrame:
    """아이디 · 이름 · 권한 · 이메일 · 로그인 방식, by username. Never a hash."""
    records = sorted(users.values(), key=lambda r: r.username)
    ways = []
    for record in records:
        kinds = [translate(f"accounts.way.{kind}", lang) for kind, on in (("password", record.password_hash), ("oidc", record.email)) if on]
        ways.append(" · ".join(kinds) or translate("accounts.way.none", lang))
    return pd.DataFrame(
        {
            translate("accounts.col.username", lang): [r.username for r in records],
            translate("accounts.col.display_name", lang): [r.display_name for r in records],
            translate("accounts.col.role", lang): [translate(f"role.{r.role.value}", lang) for r in records],
            translate("accounts.col.email", lang): [r.email for r in records],
            translate("accounts.col.sign_in", lang): ways,
        }
    )


# ---------------------------------------------------------------------------------------------- checks


def _check_password(password: str, again: str) -> None:
    if password != again:
        raise AccountError("accounts.error.password_mismatch")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("accounts.error.password_short", minimum=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD:
        raise AccountError("accounts.error.password_long", maximum=MAX_PASSWORD)


def _clean_display_name(display_name: str, username: str) -> str:
    display_name = " ".join(str(display_name or "").split())
    if len(display_name) > MAX_DISPLAY_NAME:
        raise AccountError("accounts.error.display_name_long", maximum=MAX_DISPLAY_NAME)
    return display_name or username


def _clean_email(email: str, username: str, tables: Mapping[str, Mapping]) -> str:
    email = str(email or "").strip().lower()
    if not email:
        return ""
    if not EMAIL_PATTERN.match(email):
        raise AccountError("accounts.error.email", email=email)
    for other, table in tables.items():
        if other != username and str(table.get("email") or "").strip().lower() == email:
            raise AccountError("accounts.error.email_taken", email=email, other=other)
    return email


def _admins_after(tables: Mapping[str, Mapping], username: str, new_role: Role | None) -> int:
    """How many admin accounts the file would have with `username` given `new_role` (None: removed)."""
    count = 0
    for name, table in tables.items():
        role = new_role if name == username else _role_or_none(table)
        count += role is Role.ADMIN
    return count


def _role_or_none(table: Mapping) -> Role | None:
    try:
        return Role.parse(table.get("role"))
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------- changes


def add_account(path: Path, username: str, password: str, again: str, role: Role | str, display_name: str = "", email: str = "") -> Change:
    """Add a new local account (argon2 hash of `password`) to the secrets file. Refuses an existing username."""
    username = normalise_username(username)
    if not USERNAME_PATTERN.match(username):
        raise AccountError("accounts.error.username", username=username)
    role = Role.parse(role)
    _check_password(password, again)
    path = Path(path)
    with _write_lock:
        _, parsed = _read(path)
        tables = _raw_tables(parsed)
        if username in tables:
            raise AccountError("accounts.error.exists", username=username)
        display_name = _clean_display_name(display_name, username)
        email = _clean_email(email, username, tables)
        add_user(_target(path), username, password, role, display_name, email)
    return Change("account_add", username, role)


def update_account(
    path: Path,
    actor: str,
    username: str,
    role: Role | str,
    display_name: str,
    email: str,
    password: str = "",
    again: str = "",
) -> Change:
    """Change an account's role, display name, email and (when `password` is given) password.

    `actor` is the admin doing it: they may not change their own role (so an admin always remains), and no
    change may leave the file without an admin account.
    """
    username = normalise_username(username)
    role = Role.parse(role)
    path = Path(path)
    with _write_lock:
        text, parsed = _read(path)
        tables = _raw_tables(parsed)
        if username not in tables:
            raise AccountError("accounts.error.gone", username=username)
        old = tables[username]
        old_role = _role_or_none(old)
        if role != old_role and username == normalise_username(actor):
            raise AccountError("accounts.error.self_role")
        if _admins_after(tables, username, role) == 0:
            raise AccountError("accounts.error.last_admin")
        display_name = _clean_display_name(display_name, username)
        email = _clean_email(email, username, tables)
        changed = []
        if role != old_role:
            changed.append("role")
        if display_name != str(old.get("display_name") or username):
            changed.append("display_name")
        if email != str(old.get("email") or "").strip().lower():
            changed.append("email")
        if password or again:
            _check_password(password, again)
            changed.append("password")
        if not changed:
            raise AccountError("accounts.error.nothing_changed", kind="info", username=username)
        if "password" in changed:
            add_user(_target(path), username, password, role, display_name, email)
        else:
            new_text = upsert_user(text, username, str(old.get("password_hash") or ""), role, display_name, email)
            _atomic_write(_target(path), new_text)
    return Change("account_update", username, role, old_role, tuple(changed))


def remove_account(path: Path, actor: str, username: str) -> Change:
    """Remove an account's table from the secrets file. Not one's own, and never the last admin."""
    username = normalise_username(username)
    if username == normalise_username(actor):
        raise AccountError("accounts.error.self_remove")
    path = Path(path)
    with _write_lock:
        text, parsed = _read(path)
        tables = _raw_tables(parsed)
        if username not in tables:
            raise AccountError("accounts.error.gone", username=username)
        if _admins_after(tables, username, None) == 0:
            raise AccountError("accounts.error.last_admin")
        role = _role_or_none(tables[username]) or Role.VIEWER
        _atomic_write(_target(path), remove_user_text(text, username))
    return Change("account_remove", username, role)


def remove_user_text(text: str, username: str) -> str:
    """`text` (a secrets.toml) without the `[auth.users.<username>]` table; everything else kept as written.

    Comment lines directly above the table's header (no blank line between) go with it. Raises SecretsFileError
    when the account is not written as such a table (e.g. an inline table) or when the result would not read
    back as the same file minus that account.
    """
    username = normalise_username(username)
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SecretsFileError(f"지금 secrets 파일이 올바른 TOML이 아니어서 고치지 않았습니다: {error}") from None
    lines = text.splitlines()
    target = ("auth", "users", username)
    headers = [i for i, line in enumerate(lines) if _header_path(line) is not None]
    starts = [i for i in headers if tuple(normalise_username(p) for p in _header_path(lines[i])) == target]
    if len(starts) != 1:
        raise SecretsFileError(f"[auth.users.{username}] 표를 파일에서 찾지 못해 지우지 않았습니다. secrets 파일을 직접 고치세요.")
    start = starts[0]
    end = next((i for i in headers if i > start), len(lines))

    def is_comment(i: int) -> bool:
        return lines[i].strip().startswith("#")

    while end < len(lines) and end - 1 > start and is_comment(end - 1):
        end -= 1  # comments right above the next header belong to it
    while start > 0 and is_comment(start - 1):
        start -= 1
    kept = lines[:start] + lines[end:]
    while 0 < start < len(kept) and not kept[start - 1].strip() and not kept[start].strip():
        del kept[start]  # one blank line where the table was, not two
    result = "\n".join(kept).strip("\n")
    result = result + "\n" if result else ""
    try:
        after = tomllib.loads(result)
    except tomllib.TOMLDecodeError as error:
        raise SecretsFileError(f"[auth.users.{username}] 표를 지운 파일이 올바른 TOML이 아니어서 저장하지 않았습니다: {error}") from None
    if _without_user(before, username) != _without_user(after, username) or username in _raw_tables(after):
        raise SecretsFileError(f"[auth.users.{username}] 표를 지운 결과가 예상과 달라 저장하지 않았습니다. 파일을 직접 확인하세요.")
    return result


def _without_user(parsed: Mapping, username: str) -> dict:
    """The parsed file with `username`'s table (and tables left empty by that) taken out, for comparing."""
    result = dict(parsed)
    auth = dict(result.get("auth") or {})
    users = {k: v for k, v in (auth.get("users") or {}).items() if normalise_username(k) != username}
    auth.pop("users", None)
    if users:
        auth["users"] = users
    result.pop("auth", None)
    if auth:
        result["auth"] = auth
    return result


def _target(path: Path) -> Path:
    """Write through a symlink to the file it points at (keeps the link, e.g. to a mounted secrets file)."""
    return path.resolve() if path.is_symlink() else path


# ---------------------------------------------------------------------------------------------- reload


def wait_until_app_reads(path: Path, timeout: float | None = None) -> bool:
    """Wait until `st.secrets` shows the accounts now in the file at `path`; True when it does.

    Streamlit's own watcher re-reads the changed file within a fraction of a second (see the module docstring).
    When it has not after `timeout` seconds (a file it does not watch, or a busy polling pool), ask Streamlit to
    do what its watcher does on a change: re-read the secrets and tell the sessions (`Secrets._on_secrets_changed`,
    internal; there is no public reload).
    """
    import streamlit as st

    from auth.session import auth_section

    timeout = RELOAD_TIMEOUT if timeout is None else timeout
    wanted = read_users(path)
    deadline = time.monotonic() + timeout
    while True:
        if load_users(auth_section()) == wanted:
            return True
        if time.monotonic() >= deadline:
            break
        time.sleep(0.05)
    reread = getattr(st.secrets, "_on_secrets_changed", None)
    if reread is None:
        return False
    _log.info("secrets watcher did not pick up %s within %.1f s; asking Streamlit to re-read it", path, timeout)
    try:
        reread(os.fspath(path))
    except Exception:  # noqa: BLE001 - a failed re-read leaves the old secrets; the page says to restart
        _log.exception("could not re-read the secrets")
        return False
    return load_users(auth_section()) == wanted
