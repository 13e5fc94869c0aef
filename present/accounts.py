"""The accounts page's table: one row per account, in the reader's language, never a password hash."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from auth.accounts import UserRecord

from .i18n import translate


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
