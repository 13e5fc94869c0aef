"""Local accounts checked against argon2 hashes: the account records, the [auth] settings and the secrets file's
read-only bootstrap accounts. No Streamlit in here.

Accounts are kept in the store (`auth.directory`, store/accounts.py) and managed on the accounts page or with
`python -m auth add-user|set-role|remove-user|list-users`. The secrets file `.streamlit/secrets.toml` may hold
bootstrap accounts (e.g. the first admin, `python -m auth add-user NAME --role admin --secrets FILE`), one table per
user, read-only for the app and moved into the store by `python -m auth migrate-accounts`:

    [auth]
    viewers_must_sign_in = false      # intranet default: anyone on the network may read the dashboards

    [auth.users.kim]
    password_hash = "$argon2id$v=19$m=65536,t=3,p=4$…"
    role = "staff"                    # viewer | staff | admin
    display_name = "김담당"
    email = "kim@korea.kr"            # optional: gives this role to the same person signing in through OIDC

Passwords are never stored or compared as text: only their argon2id hashes, verified in constant time.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .roles import Role

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MIN_PASSWORD_LENGTH = 8
# Keys add-user writes in a user's table, in this order.
MANAGED_KEYS = ("password_hash", "role", "display_name", "email")

_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory profile (t=3, m=64 MiB, p=4)


@dataclass(frozen=True)
class UserRecord:
    """One account: an `[auth.users.<username>]` table of the secrets, or an account kept in the store
    (`auth.directory`)."""

    username: str
    role: Role
    display_name: str
    password_hash: str = ""  # empty: may only sign in through OIDC (matched by email)
    email: str = ""
    source: str = "secrets"  # secrets (read-only bootstrap) | store


@dataclass(frozen=True)
class Account:
    """Someone signed in: who, with which role, and how ('local' password or 'oidc')."""

    username: str
    role: Role
    display_name: str
    method: str = "local"

    @property
    def actor(self) -> str:
        """The name stored with every import, rollback and audit entry: "김담당 (kim)", or the username alone."""
        if self.display_name and self.display_name != self.username:
            return f"{self.display_name} ({self.username})"
        return self.username

    def allows(self, required: Role) -> bool:
        return self.role.allows(required)


# ---------------------------------------------------------------------------------------------- reading


def normalise_username(username: str) -> str:
    return str(username or "").strip().lower()


def load_users(auth_section: Mapping | None) -> dict[str, UserRecord]:
    """The `[auth.users]` tables as records, by lower-case username. Tables with an unknown role are left out
    (they cannot sign in); see `user_problems` for why."""
    users: dict[str, UserRecord] = {}
    for name, table in _user_tables(auth_section).items():
        try:
            users[normalise_username(name)] = _record(name, table)
        except (TypeError, ValueError):
            continue
    return users


def user_problems(auth_section: Mapping | None) -> list[str]:
    """What is wrong with the account tables, in Korean (for `python -m auth check`)."""
    problems = []
    for name, table in _user_tables(auth_section).items():
        try:
            record = _record(name, table)
        except (TypeError, ValueError) as error:
            problems.append(f"[auth.users.{name}]: {error}")
            continue
        if "password" in table:
            problems.append(
                f"[auth.users.{name}]: 비밀번호를 글자 그대로(password) 적으면 안 됩니다. 지우고 add-user로 다시 만드세요."
            )
        if not record.password_hash and not record.email:
            problems.append(f"[auth.users.{name}]: password_hash도 email도 없어 로그인할 수 없습니다.")
        if record.password_hash and not record.password_hash.startswith("$argon2"):
            problems.append(f"[auth.users.{name}]: password_hash가 argon2 해시가 아닙니다.")
    return problems


def _user_tables(auth_section: Mapping | None) -> dict[str, Mapping]:
    if not auth_section:
        return {}
    tables = auth_section.get("users") or {}
    return {str(name): table for name, table in tables.items() if isinstance(table, Mapping)}


def _record(name: str, table: Mapping) -> UserRecord:
    if "role" not in table:
        raise ValueError("role이 없습니다 (viewer, staff, admin 중 하나)")
    return UserRecord(
        username=normalise_username(name),
        role=Role.parse(table["role"]),
        display_name=str(table.get("display_name") or name),
        password_hash=str(table.get("password_hash") or ""),
        email=str(table.get("email") or "").strip().lower(),
    )


def setting_enabled(auth_section: Mapping | None, name: str, default: bool = False) -> bool:
    """A true/false setting under [auth]; strings like "true"/"yes"/"1" count too (env-style secrets)."""
    if not auth_section or name not in auth_section:
        return default
    value = auth_section[name]
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on", "예")
    return bool(value)


def viewers_must_sign_in(auth_section: Mapping | None) -> bool:
    """[auth] viewers_must_sign_in: false by default (an intranet may allow anonymous viewing)."""
    return setting_enabled(auth_section, "viewers_must_sign_in", False)


# ---------------------------------------------------------------------------------------------- verifying


def hash_password(password: str) -> str:
    """An argon2id hash of `password` (random salt): what the secrets file keeps instead of the password."""
    if not isinstance(password, str) or not password:
        raise ValueError("비밀번호가 비어 있습니다")
    return _hasher.hash(password)


@cache
def _dummy_hash() -> str:
    """A hash to verify against when the username is unknown, so both cases take the same time."""
    return _hasher.hash(os.urandom(16).hex())


def verify(username: str, password: str, users: Mapping[str, UserRecord | Mapping]) -> Account | None:
    """The account when `password` is right for `username`, else None (unknown user, wrong password, no hash).

    Always runs one argon2 verification, also for unknown users, so the time taken does not tell which it was.
    `users` is `load_users(...)` or the raw `[auth.users]` table.
    """
    record = _lookup(username, users)
    password = password if isinstance(password, str) else ""
    stored = record.password_hash if record is not None and record.password_hash else _dummy_hash()
    try:
        matched = _hasher.verify(stored, password) and bool(password)
    except (VerificationError, InvalidHashError):
        matched = False
    if not matched or record is None or not record.password_hash:
        return None
    return Account(record.username, record.role, record.display_name, "local")


def reason_refused(username: str, users: Mapping[str, UserRecord | Mapping]) -> str:
    """Why a sign-in failed, for the audit log only (the user is told the same thing either way)."""
    record = _lookup(username, users)
    if record is None:
        return "unknown_user"
    if not record.password_hash:
        return "no_password"
    return "wrong_password"


def _lookup(username: str, users: Mapping[str, UserRecord | Mapping]) -> UserRecord | None:
    wanted = normalise_username(username)
    if not wanted:
        return None
    for name, value in users.items():
        if normalise_username(name) != wanted:
            continue
        if isinstance(value, UserRecord):
            return value
        try:
            return _record(name, value)
        except (TypeError, ValueError):
            return None
    return None


def account_for(username: str, users: Mapping[str, UserRecord | Mapping], method: str = "local") -> Account | None:
    """The account of a user already signed in (re-read each run, so a changed role applies at once)."""
    record = _lookup(username, users)
    if record is None:
        return None
    return Account(record.username, record.role, record.display_name, method)


# ---------------------------------------------------------------------------------------------- OIDC (st.login)

_NOT_PROVIDERS = {"users", "client_kwargs", "expose_tokens"}


def oidc_provider(auth_section: Mapping | None) -> str | None:
    """The provider name to pass to st.login when OIDC is configured in [auth], else None.

    Configured means redirect_uri and cookie_secret, and either client_id/client_secret/server_metadata_url
    directly under [auth] ('default') or in a named table such as [auth.microsoft]. `[auth] oidc_provider = "…"`
    picks one when there are several.
    """
    if not auth_section or not auth_section.get("redirect_uri") or not auth_section.get("cookie_secret"):
        return None
    needed = ("client_id", "client_secret", "server_metadata_url")
    chosen = auth_section.get("oidc_provider")
    if chosen:
        table = auth_section.get(chosen)
        return str(chosen) if isinstance(table, Mapping) and all(table.get(k) for k in needed) else None
    if all(auth_section.get(k) for k in needed):
        return "default"
    for name, table in auth_section.items():
        if name in _NOT_PROVIDERS or not isinstance(table, Mapping) or "_" in str(name):
            continue
        if all(table.get(k) for k in needed):
            return str(name)
    return None


def oidc_account(
    claims: Mapping, auth_section: Mapping | None, users: Mapping[str, UserRecord] | None = None
) -> Account | None:
    """The account of someone signed in through OIDC (st.user's claims), or None when not signed in.

    The role comes from the `[auth.users.*]` table whose `email` matches; others get `[auth] oidc_default_role`
    (viewer unless set). Set oidc_default_role = "none" to let only listed people in. `users`: the accounts to
    match (default: the secrets' own; the app passes `auth.directory`'s, which include the store's).
    """
    if not claims or not claims.get("is_logged_in"):
        return None
    email = str(claims.get("email") or "").strip().lower()
    subject = email or str(claims.get("sub") or "").strip()
    if not subject:
        return None
    name = str(claims.get("name") or subject)
    for record in (load_users(auth_section) if users is None else users).values():
        if email and record.email == email:
            return Account(record.username, record.role, record.display_name or name, "oidc")
    default = str((auth_section or {}).get("oidc_default_role", Role.VIEWER.value)).strip().lower()
    if default in ("", "none"):
        return None
    try:
        role = Role.parse(default)
    except ValueError:
        role = Role.VIEWER
    return Account(subject, role, name, "oidc")


# ---------------------------------------------------------------------------------------------- writing


class SecretsFileError(Exception):
    """The secrets file cannot be updated safely; the message says what to do (Korean)."""


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in value:
        code = ord(char)
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char in "\b\t\n\f\r":
            out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


_HEADER = re.compile(r"^\s*\[\[?\s*(?P<name>[^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY_LINE = re.compile(r"^\s*(?P<key>[A-Za-z0-9_-]+|\"[^\"]*\")\s*=")


def _header_path(line: str) -> tuple[str, ...] | None:
    """('auth', 'users', 'kim') for '[auth.users.kim]' / '[ auth . users . "kim" ]'; None if not a header."""
    match = _HEADER.match(line)
    if not match:
        return None
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)', match.group("name"))
    return tuple(a or b or c for a, b, c in parts)


def upsert_user(
    text: str,
    username: str,
    password_hash: str,
    role: Role | str,
    display_name: str | None = None,
    email: str | None = None,
) -> str:
    """`text` (a secrets.toml) with the `[auth.users.<username>]` table added or updated; all else kept.

    When updating, display_name and email keep their old values unless given, and keys add-user does not
    manage (and comments) stay. Raises SecretsFileError if the file is not valid TOML before or after.
    """
    username = normalise_username(username)
    if not USERNAME_PATTERN.match(username):
        raise SecretsFileError(
            f"아이디 '{username}'은(는) 쓸 수 없습니다: 영문 소문자·숫자로 시작하고 영문 소문자, 숫자, . _ - 만 (64자까지)"
        )
    role = Role.parse(role)
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SecretsFileError(f"지금 secrets 파일이 올바른 TOML이 아니어서 고치지 않았습니다: {error}") from None
    old = ((before.get("auth") or {}).get("users") or {}).get(username) or {}
    if display_name is None:
        display_name = str(old.get("display_name") or username)
    if email is None:
        email = str(old.get("email") or "")
    values = {"password_hash": password_hash, "role": role.value, "display_name": display_name, "email": email.strip()}
    managed = [f"{key} = {toml_string(values[key])}" for key in MANAGED_KEYS if values[key]]

    lines = text.splitlines()
    target = ("auth", "users", username)
    start = next((i for i, line in enumerate(lines) if _header_path(line) == target), None)
    if start is None:
        block = [f"[auth.users.{username}]", *managed]
        body = "\n".join(lines).rstrip("\n")
        result = (body + "\n\n" if body else "") + "\n".join(block) + "\n"
    else:
        end = next((i for i in range(start + 1, len(lines)) if _header_path(lines[i]) is not None), len(lines))
        kept = []
        for line in lines[start + 1 : end]:
            key = _KEY_LINE.match(line)
            if key and key.group("key").strip('"') in MANAGED_KEYS:
                continue
            kept.append(line)
        result = "\n".join([*lines[: start + 1], *managed, *kept, *lines[end:]]) + "\n"

    try:
        after = tomllib.loads(result)
    except tomllib.TOMLDecodeError as error:
        raise SecretsFileError(
            f"사용자 '{username}'을(를) 파일에 자동으로 넣을 수 없습니다 ({error}). 이미 다른 형식으로 적혀 있다면 "
            f"그 부분을 지우고 다시 실행하거나 [auth.users.{username}] 표를 직접 고치세요."
        ) from None
    written = ((after.get("auth") or {}).get("users") or {}).get(username) or {}
    if any(written.get(key, "") != values[key] for key in MANAGED_KEYS if values[key]):
        raise SecretsFileError(
            f"[auth.users.{username}] 표를 다시 읽어 보니 쓴 값과 달라 저장하지 않았습니다. 파일을 직접 확인하세요."
        )
    return result


def add_user(
    path: Path,
    username: str,
    password: str,
    role: Role | str,
    display_name: str | None = None,
    email: str | None = None,
) -> UserRecord:
    """Add or update a local account in the secrets file at `path` (created, mode 600, if missing).

    The file is replaced atomically; the new table is read back and the password verified before it is.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise SecretsFileError(f"비밀번호는 {MIN_PASSWORD_LENGTH}자 이상이어야 합니다")
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    new_text = upsert_user(text, username, hash_password(password), role, display_name, email)
    users = load_users(tomllib.loads(new_text).get("auth"))
    account = verify(username, password, users)
    if account is None:
        raise SecretsFileError("새로 쓴 계정으로 비밀번호를 확인하지 못해 저장하지 않았습니다")
    _atomic_write(path, new_text)
    return users[normalise_username(username)]


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = (path.stat().st_mode & 0o777) if path.exists() else 0o600
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
