"""Issue #36: `python -m loaders import` records who imported as the operating-system user running it, or as an
existing account (with that OS user); a --user naming no account is refused in Korean and nothing is stored."""

from __future__ import annotations

import getpass
import subprocess
import sys
from pathlib import Path

from store import open_store

REPO_ROOT = Path(__file__).resolve().parents[2]
JOBS_CSV = "기준월,기업명,산업분야,신규채용,재직자수\n2026-10,가나에이아이,모빌리티,1,10\n"


def _import(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    path = tmp_path / "jobs.csv"
    path.write_text(JOBS_CSV, encoding="utf-8")
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir(exist_ok=True)
    secrets.write_text(
        '[auth.users.kim]\nrole = "staff"\ndisplay_name = "김담당"\nemail = "kim@example.org"\n', "utf-8"
    )
    return subprocess.run(
        [sys.executable, "-m", "loaders", "import", str(path), "--url", f"sqlite:///{tmp_path / 's.sqlite'}", *extra],
        cwd=REPO_ROOT,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "USER": getpass.getuser()},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _importers(tmp_path: Path) -> list[str]:
    return [version.created_by for version in open_store(f"sqlite:///{tmp_path / 's.sqlite'}").versions("jobs")]


def test_an_unknown_user_is_refused_and_nothing_is_stored(tmp_path):
    done = _import(tmp_path, "--user", "누구든 아무나")
    assert done.returncode == 2
    assert "'누구든 아무나'은(는) 등록된 계정이 아닙니다" in done.stderr
    assert _importers(tmp_path) == []


def test_the_os_user_or_an_existing_account_is_recorded(tmp_path):
    os_user = getpass.getuser()
    assert _import(tmp_path).returncode == 0
    assert _import(tmp_path, "--user", "kim").returncode == 0
    assert _importers(tmp_path) == [f"김담당 (kim) · 명령줄({os_user})", f"명령줄({os_user})"]
