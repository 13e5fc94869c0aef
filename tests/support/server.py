"""The real app under `streamlit run`, on a free port, for browser tests."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.paths import REPO_ROOT, TEST_OUTPUT

# Logs of the servers running right now: tests/browser/conftest.py attaches them to the report of a failing test.
live_server_logs: list[Path] = []
# Process id of each server running right now, by its base URL: for a test that measures the server's memory.
server_pids: dict[str, int] = {}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def run_streamlit(env: dict[str, str] | None = None, app: str = "app.py", timeout: float = 60) -> Iterator[str]:
    """Run `streamlit run APP` from the repo root; yield its base URL; stop it on exit.

    `env` is added to this process's environment, so a test can point the app at
    its own data store (e.g. {"AICD_STORE_URL": postgres_url} or {"AICD_DATA_DIR": tmp}).
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    TEST_OUTPUT.mkdir(exist_ok=True)
    log_path = TEST_OUTPUT / f"streamlit-{port}.log"
    cmd = [
        sys.executable, "-m", "streamlit", "run", app,
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    live_server_logs.append(log_path)
    server_pids[url] = proc.pid
    try:
        _wait_healthy(proc, url, log_path, timeout)
        yield url
    finally:
        live_server_logs.remove(log_path)  # failing tests already got its output
        server_pids.pop(url, None)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log_path.unlink(missing_ok=True)


def _wait_healthy(proc: subprocess.Popen, url: str, log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"streamlit exited with code {proc.returncode} before answering.\n"
                f"--- server output ({log_path}) ---\n{tail(log_path)}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200 and r.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)  # polling a process that is starting: nothing in a page to wait on
    pytest.fail(
        f"streamlit at {url} not healthy within {timeout:.0f} s.\n--- server output ({log_path}) ---\n{tail(log_path)}",
        pytrace=False,
    )


def tail(path: Path, chars: int = 6000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return "(no output)"
