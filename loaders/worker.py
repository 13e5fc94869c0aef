"""Checking every upload in a process of its own, with a memory and a time ceiling, so that no file (a huge export,
a zip bomb, a file that trips a parser) can freeze the other viewers' sessions or take the server's memory.

Each check runs in a fresh `python -m loaders.check_process` (loaders/check_process.py), started with subprocess:
a program of its own, not a multiprocessing child, which would re-run the app's main module under `streamlit run`.
So it starts the same way in the app, in each of several replicas and from the command line. This side
  - watches the process's resident memory and ends it past `memory_bytes` (the process also caps its own address
    space, so that an allocation faster than the watch fails there instead of growing);
  - ends it past `seconds`;
  - turns either, or a crash, into a Korean refusal saying which ceiling and what to do: nothing is stored;
  - passes the process's progress to the caller for a progress bar.
One process is kept started and waiting (its imports done) for the next check, so that a small file does not wait
for Python and pandas to load; at most WORKERS checks run at once per app process, the others wait their turn.
"""

from __future__ import annotations

import atexit
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from multiprocessing.connection import Connection
from pathlib import Path

from .load import LoadResult
from .problems import Problem
from .size_limits import upload_limits_section

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MEMORY_MB = 1_500  # resident memory of one check: a file needing more is refused, not the server
DEFAULT_SECONDS = 180  # a 200,000-row workbook takes about 10 s on one free core
ADDRESS_SPACE_MARGIN = 1024 * 1024 * 1024  # mapped but not resident: Python, pandas and their libraries
WORKERS = 2  # at most two files are checked at once per app process; more wait their turn
POLL_SECONDS = 0.05  # how often the memory and the clock are looked at while a check runs


@dataclass(frozen=True)
class WorkerLimits:
    memory_bytes: int = DEFAULT_MEMORY_MB * 1024 * 1024
    seconds: float = DEFAULT_SECONDS

    @property
    def address_space_bytes(self) -> int:
        return self.memory_bytes + ADDRESS_SPACE_MARGIN


@cache
def configured_worker_limits() -> WorkerLimits:
    """`[upload_limits]` of program.toml (worker_memory_mb, worker_seconds); the defaults where it says nothing."""
    raw = upload_limits_section()
    return WorkerLimits(
        int(raw.get("worker_memory_mb", DEFAULT_MEMORY_MB)) * 1024 * 1024,
        float(raw.get("worker_seconds", DEFAULT_SECONDS)),
    )


class _CheckProcess:
    """One started `python -m loaders.check_process`, with the pipe its replies come on."""

    def __init__(self, limits: WorkerLimits):
        self.limits = limits
        read_end, write_end = os.pipe()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "loaders.check_process", str(write_end), str(limits.address_space_bytes)],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                pass_fds=(write_end,),
                cwd=REPO_ROOT,
            )
        except BaseException:
            os.close(read_end)
            raise
        finally:
            os.close(write_end)  # the child holds it now: its exit closes the pipe and ends our reading
        self.replies = Connection(read_end, writable=False)

    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, request: tuple) -> None:
        """Write the request in a thread of its own: a process still loading pandas reads it only then, and the
        caller meanwhile watches the clock and the memory."""

        stdin = self.process.stdin
        assert stdin is not None  # (Popen made it a pipe)

        def write() -> None:
            try:
                with stdin:
                    pickle.dump(request, stdin, protocol=pickle.HIGHEST_PROTOCOL)
            except (BrokenPipeError, OSError, ValueError):
                pass  # the process died first: its exit says what happened

        threading.Thread(target=write, daemon=True, name="upload-request").start()

    def resident_bytes(self) -> int:
        try:
            with open(f"/proc/{self.process.pid}/statm") as statm:
                return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):  # gone, or not Linux: the address-space cap still holds
            return 0

    def stop(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait()  # (its stdin belongs to the writing thread, which ends with the process)
        self.replies.close()


_slots = threading.BoundedSemaphore(WORKERS)
_spare_lock = threading.Lock()
_spare: _CheckProcess | None = None


def _take_process(limits: WorkerLimits) -> _CheckProcess:
    """The waiting process if it has these limits and is alive, else a new one."""
    global _spare
    with _spare_lock:
        spare, _spare = _spare, None
    if spare is not None and spare.limits == limits and spare.alive():
        return spare
    if spare is not None:
        spare.stop()
    return _CheckProcess(limits)


def _keep_one_waiting(limits: WorkerLimits) -> None:
    global _spare
    with _spare_lock:
        if _spare is None:
            try:
                _spare = _CheckProcess(limits)
            except OSError:  # no process to spare now: the next check starts its own
                return


def shutdown() -> None:
    """End the waiting process (at exit, and in tests that want a fresh start)."""
    global _spare
    with _spare_lock:
        spare, _spare = _spare, None
    if spare is not None:
        spare.stop()


atexit.register(shutdown)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.1f}MB"


def _ceiling(size: int) -> str:
    return f"{size / 1024**3:,.1f}GB" if size >= 1024**3 else f"{size / 1024**2:,.0f}MB"


def memory_problem(size: int, limits: WorkerLimits) -> Problem:
    return Problem(
        f"파일을 검사하는 데 메모리가 너무 많이 들어 받지 않았습니다(파일 크기 {_megabytes(size)}, 검사 한 건의 "
        f"메모리 한도 {_ceiling(limits.memory_bytes)}). 아무것도 저장하지 않았습니다. "
        "기간이나 시트를 나누어 여러 파일로 올려 주세요."
    )


def time_problem(size: int, limits: WorkerLimits) -> Problem:
    return Problem(
        f"파일 검사가 {limits.seconds:g}초 안에 끝나지 않아 멈추고 받지 않았습니다(검사 한 건의 시간 한도, 파일 크기 "
        f"{_megabytes(size)}). 아무것도 저장하지 않았습니다. 기간이나 시트를 나누어 더 작은 파일로 올려 주세요. "
        "작은 파일도 그렇다면 이 파일을 시스템 담당자에게 보내 주세요."
    )


def crash_problem(code: int) -> Problem:
    return Problem(
        f"파일을 검사하던 프로세스가 비정상 종료되어 받지 않았습니다(종료 코드 {code}). 아무것도 저장하지 않았습니다. "
        "엑셀에서 열어 xlsx로 다시 저장한 파일을 올려 보고, 그래도 그렇다면 이 파일을 시스템 담당자에게 보내 주세요."
    )


def start_problem(error: OSError) -> Problem:
    return Problem(
        f"파일을 검사할 프로세스를 시작하지 못했습니다({error.strerror or error}). 아무것도 저장하지 않았습니다. "
        "잠시 뒤 다시 올려 주세요. 계속되면 시스템 담당자에게 알려 주세요."
    )


def check_file(
    data: bytes,
    filename: str = "",
    dataset: str | None = None,
    as_of: date | None = None,
    progress: Callable[[float], None] | None = None,
    limits: WorkerLimits | None = None,
    keep_waiting: bool = True,
) -> LoadResult:
    """`load_file` in a process of its own, within `limits` (program.toml's by default); `progress` hears the share
    done (0 to 1) as it goes. Never raises for a bad file: a ceiling reached or a crash is a refusal.
    `keep_waiting` starts the next check's process afterwards (the app); a one-off command has no next check."""
    limits = limits or configured_worker_limits()
    report = progress or (lambda share: None)
    with _slots:
        try:
            process = _take_process(limits)
        except OSError as error:
            return LoadResult(filename, dataset, errors=[start_problem(error)], unreadable=True)
        try:
            outcome = _run(process, (data, filename, dataset, as_of), report)
        finally:
            process.stop()
    if keep_waiting:
        _keep_one_waiting(limits)
    if isinstance(outcome, LoadResult):
        return outcome
    problem = {
        "memory": memory_problem(len(data), limits),
        "time": time_problem(len(data), limits),
    }.get(outcome) or crash_problem(process.process.returncode)
    return LoadResult(filename, dataset, errors=[problem], unreadable=True)


def _run(process: _CheckProcess, request: tuple, report: Callable[[float], None]) -> LoadResult | str:
    """The check's LoadResult, or why there is none: "memory", "time" or "crash"."""
    limits = process.limits
    deadline = time.monotonic() + limits.seconds
    process.send(request)
    while True:
        if process.replies.poll(POLL_SECONDS):
            try:
                kind, value = process.replies.recv()
            except (EOFError, OSError):  # the process ended without a result
                process.process.wait()
                return _why_it_ended(process.process.returncode)
            if kind == "progress":
                report(value)
            elif kind == "result":
                return value
            else:  # "memory": a MemoryError within its address-space cap
                return "memory"
        if process.resident_bytes() > limits.memory_bytes:
            process.stop()
            return "memory"
        if time.monotonic() > deadline:
            process.stop()
            return "time"


def _why_it_ended(code: int) -> str:
    # An allocation refused by the address-space cap inside Rust (calamine) aborts the process: SIGABRT.
    return "memory" if code in (-signal.SIGABRT, -signal.SIGKILL) else "crash"
