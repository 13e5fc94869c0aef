"""The accounts page's text: the table (one row per account, in the reader's language, never a password hash), the
option labels and the message each change leaves (a flash: shown in its tab after the rerun)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from auth.accounts import UserRecord
from auth.directory import AccountError, Change

from .i18n import translate

Flash = dict[str, Any]  # {"where": tab, "kind": "success"|"error"|"info"|"warning", "key": …, "values": {…}}


def accounts_table(users: Mapping[str, UserRecord], lang: str) -> pd.DataFrame:
    """아이디 · 이름 · 권한 · 이메일 · 로그인 방식 · 보관 위치, by username. Never a hash."""
    records = sorted(users.values(), key=lambda r: r.username)
    ways = []
    for record in records:
        kinds = [
            translate(f"accounts.way.{kind}", lang)
            for kind, on in (("password", record.password_hash), ("oidc", record.email))
            if on
        ]
        ways.append(" · ".join(kinds) or translate("accounts.way.none", lang))
    return pd.DataFrame(
        {
            translate("accounts.col.username", lang): [r.username for r in records],
            translate("accounts.col.display_name", lang): [r.display_name for r in records],
            translate("accounts.col.role", lang): [translate(f"role.{r.role.value}", lang) for r in records],
            translate("accounts.col.email", lang): [r.email for r in records],
            translate("accounts.col.sign_in", lang): ways,
            translate("accounts.col.source", lang): [translate(f"accounts.source.{r.source}", lang) for r in records],
        }
    )


def role_name(role: str, lang: str) -> str:
    """ "담당자" for "staff": an option label of the role boxes."""
    return translate(f"role.{role}", lang)


def option_label(record: UserRecord, lang: str) -> str:
    """ "kim (김담당, 담당자)": an account in the edit and remove boxes."""
    return translate(
        "accounts.option",
        lang,
        username=record.username,
        name=record.display_name,
        role=role_name(record.role.value, lang),
    )


def refused_flash(where: str, error: AccountError) -> Flash:
    """The message of a change the directory refused (nothing written), shown in tab `where`."""
    return {"where": where, "kind": error.kind, "key": error.key, "values": error.values}


def store_failed_flash(where: str, error: BaseException) -> Flash:
    """The store could not be written: the error's kind only, never its text (it may hold a connection URL)."""
    return {"where": where, "kind": "error", "key": "accounts.error.store", "values": {"error": type(error).__name__}}


def done_flash(where: str, done: Change, lang: str) -> Flash:
    """ "kim 계정의 이름, 이메일을 바꿨습니다." and the like: what a change did, in the reader's language."""
    fields = ", ".join(translate(f"accounts.field.{name}", lang) for name in done.changed)
    values = {"username": done.username, "role": role_name(done.role.value, lang), "fields": fields}
    return {"where": where, "kind": "success", "key": f"accounts.done.{done.action}", "values": values}
