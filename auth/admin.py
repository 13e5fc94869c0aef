"""Which secrets file the running app reads its bootstrap accounts from (the accounts page shows it; the running
app's `secrets.files` option is read by `auth.session.secrets_path`). The accounts themselves are kept in the store
and changed through `auth.directory`; the page's table of them is `present.accounts`. No Streamlit here.

Where Streamlit reads secrets (1.67, streamlit/runtime/secrets.py): every entry of the `secrets.files` option, in
order — by default ~/.streamlit/secrets.toml, <working dir>/.streamlit/secrets.toml and <main script's
dir>/.streamlit/secrets.toml; `streamlit run` also takes it from STREAMLIT_SECRETS_FILES or --secrets.files. Each
file's top-level tables replace the same tables of earlier files (a shallow `dict.update`), so the whole `[auth]`
table comes from the LAST entry that has one: that file holds the bootstrap accounts.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path

from .accounts import SecretsFileError

DEFAULT_SECRETS = Path(".streamlit") / "secrets.toml"  # what `python -m auth add-user --secrets` writes


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
        if (str(entry).endswith(".toml") and has_auth_table(path)) or (path / "auth").is_dir():
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


def has_auth_table(path: Path) -> bool:
    """True when `path` is a readable TOML file with an [auth] table."""
    try:
        return isinstance(tomllib.loads(path.read_text(encoding="utf-8")).get("auth"), dict)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
