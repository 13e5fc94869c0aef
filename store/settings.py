"""The store URL, for the app (ui/data.py) and every command line alike, without Streamlit:

    --url argument  >  env AICD_STORE_URL  >  [connections.store] url in the secrets files  >  the default SQLite file

The secrets files are the ones `streamlit run` reads by default, in its order (a later file wins):
~/.streamlit/secrets.toml, <working dir>/.streamlit/secrets.toml, <repository>/.streamlit/secrets.toml.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from .engine import REPO_ROOT, URL_ENV, default_store_url

SECRETS = Path(".streamlit") / "secrets.toml"


def secrets_files(cwd: Path | None = None) -> list[Path]:
    cwd = Path.cwd() if cwd is None else cwd
    found: list[Path] = []
    for path in (Path.home() / SECRETS, cwd / SECRETS, REPO_ROOT / SECRETS):
        path = path.expanduser().resolve()
        if path not in found:
            found.append(path)
    return found


def secrets_store_url(cwd: Path | None = None) -> str | None:
    """[connections.store] url of the last secrets file that has one, else None."""
    chosen = None
    for path in secrets_files(cwd):
        try:
            parsed = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        url = ((parsed.get("connections") or {}).get("store") or {}).get("url")
        if url:
            chosen = str(url)
    return chosen


def configured_url(explicit: str | None = None, cwd: Path | None = None) -> str:
    """The store the app uses (or `explicit`)."""
    return explicit or os.environ.get(URL_ENV) or secrets_store_url(cwd) or default_store_url()


def shown(url: str) -> str:
    """The URL with any password hidden, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
