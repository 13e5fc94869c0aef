"""Who may sign in: accounts kept in the store, over the secrets file's accounts as a read-only bootstrap.

    directory = Directory(store.engine, auth_section)   # auth_section: the secrets' [auth] table (may be empty)
    directory.users()                                   # {username: UserRecord}, what sign-in checks against
    directory.add("박관리 (park)", "kim", "password", "password", "staff", "김담당")

The store's accounts (`store.accounts`, table account_events) are managed by the accounts page and
`python -m auth add-user|set-role|remove-user`; every change is a new row plus an audit entry, written in one
transaction under the store's write lock, and the rules (no one changes their own role or removes themself, there
is always an admin) are checked inside it. A secrets-file account (e.g. the first admin, written by
`python -m auth add-user --secrets …`) signs in as long as the store holds nothing about its username; changing or
removing it here records that in the store, which from then on governs it (the file is never written).
`migrate_from_secrets` copies every secrets-only account into the store, hash and all.

The rules' refusals are `AccountError`s carrying a message key (accounts.*) so the page and the command line say
them in Korean (or English). No Streamlit in here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from present.i18n import translate
from store import sessions
from store.accounts import AccountRow, AuditEntry, StoredAccount, change_accounts, stored_accounts

from .accounts import MIN_PASSWORD_LENGTH, USERNAME_PATTERN, UserRecord, hash_password, load_users, normalise_username
from .roles import Role

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_DISPLAY_NAME = 100
MAX_PASSWORD = 256


# What a change raises when the store fails (not a refusal): pages catch these without importing the database.
STORE_ERRORS: tuple[type[Exception], ...] = (SQLAlchemyError,)


class AccountError(Exception):
    """A change refused before anything was written. `key` is a message key (accounts.*), `values` fill it;
    `kind` is how to show it ("error", or "info" when there was simply nothing to do)."""

    def __init__(self, key: str, kind: str = "error", **values: object):
        super().__init__(key)
        self.key = key
        self.kind = kind
        self.values = values

    def korean(self) -> str:
        return translate(self.key, "ko", **self.values)


@dataclass(frozen=True)
class Change:
    """What a change did: for the audit log (never a password or hash) and the message shown."""

    action: str  # account_add | account_update | account_remove | account_migrate
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
        if self.action == "account_migrate":
            return translate("accounts.audit.migrated", "ko", username=self.username, role=role)
        fields = ", ".join(translate(f"accounts.field.{name}", "ko") for name in self.changed)
        if self.previous_role is not None and self.previous_role != self.role:
            before = translate(f"role.{self.previous_role.value}", "ko")
            return translate(
                "accounts.audit.role_changed", "ko", username=self.username, before=before, after=role, fields=fields
            )
        return translate("accounts.audit.updated", "ko", username=self.username, fields=fields)


# ---------------------------------------------------------------------------------------------- reading


def _record(account: StoredAccount) -> UserRecord | None:
    try:
        role = Role.parse(account.role)
    except ValueError:
        return None
    return UserRecord(
        account.username, role, account.display_name or account.username, account.password_hash, account.email, "store"
    )


def merge(stored: Mapping[str, StoredAccount], bootstrap: Mapping[str, UserRecord]) -> dict[str, UserRecord]:
    """The accounts that may sign in: the store's (not removed), and the secrets' whose username the store does not
    know. Sorted by username."""
    users: dict[str, UserRecord] = {name: record for name, record in bootstrap.items() if name not in stored}
    for name, account in stored.items():
        record = None if account.removed else _record(account)
        if record is not None:
            users[name] = record
    return dict(sorted(users.items()))


# ---------------------------------------------------------------------------------------------- checks


def check_password(password: str, again: str) -> None:
    if password != again:
        raise AccountError("accounts.error.password_mismatch")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("accounts.error.password_short", minimum=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD:
        raise AccountError("accounts.error.password_long", maximum=MAX_PASSWORD)


def clean_display_name(display_name: str | None, username: str) -> str:
    display_name = " ".join(str(display_name or "").split())
    if len(display_name) > MAX_DISPLAY_NAME:
        raise AccountError("accounts.error.display_name_long", maximum=MAX_DISPLAY_NAME)
    return display_name or username


def clean_email(email: str | None, username: str, users: Mapping[str, UserRecord]) -> str:
    email = str(email or "").strip().lower()
    if not email:
        return ""
    if not EMAIL_PATTERN.match(email):
        raise AccountError("accounts.error.email", email=email)
    for other, record in users.items():
        if other != username and record.email == email:
            raise AccountError("accounts.error.email_taken", email=email, other=other)
    return email


def admins_after(users: Mapping[str, UserRecord], username: str, new_role: Role | None) -> int:
    """How many admin accounts there would be with `username` given `new_role` (None: removed)."""
    count = sum(1 for name, record in users.items() if name != username and record.role is Role.ADMIN)
    return count + (new_role is Role.ADMIN)


def leaves_no_admin(users: Mapping[str, UserRecord], username: str, new_role: Role | None) -> bool:
    """Whether the change would take away the last admin account (with none to begin with, nothing is taken)."""
    before = sum(1 for record in users.values() if record.role is Role.ADMIN)
    return before > 0 and admins_after(users, username, new_role) == 0


# ---------------------------------------------------------------------------------------------- the directory


class Directory:
    """The accounts of one store plus the secrets' bootstrap accounts. Cheap to make (per run or per command)."""

    def __init__(self, engine: Engine, auth_section: Mapping | None = None) -> None:
        self.engine = engine
        self.bootstrap = load_users(auth_section)

    def users(self) -> dict[str, UserRecord]:
        return merge(stored_accounts(self.engine), self.bootstrap)

    def _change(self, actor: str, decide):
        """Run `decide(users, stored)` → (rows, changes) under the store's lock; audit each change as `actor`."""

        def locked(stored):
            rows, changes = decide(merge(stored, self.bootstrap), stored)
            return rows, [AuditEntry(change.action, actor, change.audit_detail()) for change in changes]

        rows, entries = change_accounts(self.engine, actor, locked)
        return rows, entries

    # -- add

    def add(
        self,
        actor: str,
        username: str,
        password: str,
        again: str,
        role: Role | str,
        display_name: str = "",
        email: str = "",
    ) -> Change:
        """Add a new local account (argon2 hash of `password`). Refuses a username that exists."""
        username = normalise_username(username)
        if not USERNAME_PATTERN.match(username):
            raise AccountError("accounts.error.username", username=username)
        role = Role.parse(role)
        check_password(password, again)
        password_hash = hash_password(password)  # slow: before taking the lock
        change = Change("account_add", username, role)

        def decide(users, stored):
            if username in users:
                raise AccountError("accounts.error.exists", username=username)
            name = clean_display_name(display_name, username)
            mail = clean_email(email, username, users)
            return [AccountRow(username, "add", role.value, name, mail, password_hash)], [change]

        self._change(actor, decide)
        return change

    # -- update

    def update(
        self,
        actor: str,
        actor_username: str,
        username: str,
        role: Role | str,
        display_name: str | None,
        email: str | None,
        password: str = "",
        again: str = "",
    ) -> Change:
        """Change an account's role, display name, email and (when `password` is given) password; None keeps a
        field. `actor_username` may not change their own role, and no change may leave no admin account."""
        username = normalise_username(username)
        role = Role.parse(role)
        new_hash = None
        if password or again:
            check_password(password, again)
            new_hash = hash_password(password)
        result: list[Change] = []

        def decide(users, stored):
            old = users.get(username)
            if old is None:
                raise AccountError("accounts.error.gone", username=username)
            if role != old.role and username == normalise_username(actor_username):
                raise AccountError("accounts.error.self_role")
            if leaves_no_admin(users, username, role):
                raise AccountError("accounts.error.last_admin")
            name = old.display_name if display_name is None else clean_display_name(display_name, username)
            mail = old.email if email is None else clean_email(email, username, users)
            changed = [
                field_name
                for field_name, differs in (
                    ("role", role != old.role),
                    ("display_name", name != old.display_name),
                    ("email", mail != old.email),
                    ("password", new_hash is not None),
                )
                if differs
            ]
            if not changed:
                raise AccountError("accounts.error.nothing_changed", kind="info", username=username)
            change = Change("account_update", username, role, old.role, tuple(changed))
            result.append(change)
            row = AccountRow(
                username, "update", role.value, name, mail, old.password_hash if new_hash is None else new_hash
            )
            return [row], [change]

        self._change(actor, decide)
        return result[0]

    def set_role(self, actor: str, actor_username: str, username: str, role: Role | str) -> Change:
        return self.update(actor, actor_username, username, role, None, None)

    # -- remove

    def remove(self, actor: str, actor_username: str, username: str) -> Change:
        """Remove an account (a 'remove' row; the history stays). Not one's own, and never the last admin."""
        username = normalise_username(username)
        if username == normalise_username(actor_username):
            raise AccountError("accounts.error.self_remove")
        result: list[Change] = []

        def decide(users, stored):
            old = users.get(username)
            if old is None:
                raise AccountError("accounts.error.gone", username=username)
            if leaves_no_admin(users, username, None):
                raise AccountError("accounts.error.last_admin")
            change = Change("account_remove", username, old.role)
            result.append(change)
            row = AccountRow(username, "remove", old.role.value, old.display_name, old.email, "")
            return [row], [change]

        self._change(actor, decide)
        return result[0]

    # -- migrate

    def live_sessions(self, username: str) -> int:
        """How many sign-ins of `username` are on now (not signed out, ended or past their lifetime)."""
        return len(sessions.live_sessions(self.engine, normalise_username(username)))

    def end_sessions(self, actor: str, username: str) -> int:
        """End every sign-in of `username` in every browser (each ends at its next step); how many were on.

        Audited as `end_sessions` by `actor`, also when none was on (the admin's attempt is on record)."""
        username = normalise_username(username)
        if not USERNAME_PATTERN.match(username):
            raise AccountError("accounts.error.username", username=username)
        note = translate("accounts.audit.sessions_ended", "ko", username=username)
        return sessions.end_sessions(
            self.engine, username, "ended_by_admin", audit=(actor, {"account": username, "note": note})
        )

    def migrate_from_secrets(self, actor: str) -> list[Change]:
        """Copy every secrets account the store knows nothing about into the store (same hash, role, name, email).
        Returns what was copied (empty when there was nothing to do). The secrets file is left as it is."""
        result: list[Change] = []

        def decide(users, stored):
            rows = []
            for name, record in sorted(self.bootstrap.items()):
                if name in stored:
                    continue
                rows.append(
                    AccountRow(
                        name, "migrate", record.role.value, record.display_name, record.email, record.password_hash
                    )
                )
                result.append(Change("account_migrate", name, record.role))
            return rows, list(result)

        self._change(actor, decide)
        return result
