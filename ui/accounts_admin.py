"""The accounts page's helpers: the accounts table it shows, and which secrets file the running app reads its
bootstrap accounts from (shown on the page). The accounts themselves are kept in the store and changed through
`auth.directory` (its rules and refusals are re-exported here for the page). Only `secrets_path` touches Streamlit.

Where Streamlit reads secrets (1.67, streamlit/runtime/secrets.py): every entry of the `secrets.files` option, in
order — by default ~/.streamlit/secrets.toml, <working dir>/.streamlit/secrets.toml and <main script's
dir>/.streamlit/secrets.toml; `streamlit run` also takes it from STREAMLIT_SECRETS_FILES or --secrets.files. Each
file's top-level tables replace the same tables of earlier files (a shallow `dict.update`), so the whole `[auth]`
table comes from the LAST entry that has one: that file holds the bootstrap accounts.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from auth.accounts import SecretsFileError, UserRecord
from auth.directory import MAX_DISPLAY_NAME, AccountError, Change  # noqa: F401  (the page's names for them)
from present.i18n import translate

DEFAULT_SECRETS = Path(".streamlit") / "secrets.toml"  # what `python -m auth add-user --secrets` writes


# ---------------------------------------------------------------------------------------------- where


def choose_secrets_path(entries: Sequence[str], cwd: Path | None = None) -> Path:
    """The secrets file whose `[auth]` the app uses, from the `secrets.files` entries (in Streamlit's order).

    The last existing .toml entry with an [auth] table (or a directory of Kubernetes-style secrets holding auth/);
    else the last existing .toml entry (an [auth] written there is the only one); else the working directory's
    .streamlit/secrets.toml when it is an entry (what `streamlit run` reads by default and
    `python -m auth add-user --secrets` writes), else the last .toml entry. Raises SecretsFileError when no entry
    is a .toml file.
    """
    cwd = Path.cwd() if cwd is None else cwd
    tomls = [Path(entry) for entry in entries if str(entry).endswith(".toml")]
    if not tomls:
        raise SecretsFileError("secrets.files에 .toml 파일이 없어 계정을 저장할 곳이 없습니다")
    auth_source: Path | None = None
    for entry in entries:
        path = Path(entry)
        if (str(entry).endswith(".toml") and _has_auth_table(path)) or (path / "auth").is_dir():
            auth_source = path
    if auth_source is not None:
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


# ---------------------------------------------------------------------------------------------- showing


def accounts_table(users: Mapping[str, UserRecord], lang: str) -> pd.DataFrame:
    """아이디 · 이름 · 권한 · 이메일 · 로그인 방식 · 보관 위치, by username. Never a hash."""
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
            translate("accounts.col.source", lang): [translate(f"accounts.source.{r.source}", lang) for r in records],
        }
    )
