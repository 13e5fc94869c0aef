"""Checking a large upload in a separate process, so it neither freezes the other viewers' sessions (the app's
threads share one interpreter) nor takes the server's memory with it: the worker has its own memory ceiling, and
reports how far it got for a progress bar.

Small files are checked in the calling process: starting a worker costs more than they do.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from datetime import date

from .load import LoadResult, load_file
from .problems import Problem

IN_PROCESS_BYTES = 2 * 1024 * 1024  # files up to this size are checked in the caller
WORKER_MEMORY_BYTES = 1_500 * 1024 * 1024  # resident memory of a worker: a file needing more is refused, not the server
WORKERS = 2  # at most two large files are checked at once; more wait their turn

_pool: ProcessPoolExecutor | None = None
_manager = None


def _resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _limit_memory(limit: int) -> None:
    """Watch the worker's resident memory and end the worker past `limit`: its caller then refuses the file.
    (A ceiling on address space instead would stop the worker from even loading pandas, which maps much more.)"""

    def watch() -> None:
        while True:
            if _resident_bytes() > limit:
                os._exit(70)
            time.sleep(0.05)

    threading.Thread(target=watch, daemon=True, name="memory-ceiling").start()


def _pool_and_manager():
    global _pool, _manager
    if _pool is None:
        context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        _manager = context.Manager()
        _pool = ProcessPoolExecutor(
            WORKERS, mp_context=context, initializer=_limit_memory, initargs=(WORKER_MEMORY_BYTES,)
        )
        atexit.register(shutdown)
    return _pool, _manager


def shutdown() -> None:
    global _pool, _manager
    if _pool is not None:
        _pool.shutdown(cancel_futures=True)
        if _manager is not None:  # (started together with the pool)
            _manager.shutdown()
    _pool = _manager = None


def _check(data: bytes, filename: str, dataset: str | None, as_of: date | None, updates) -> LoadResult:
    try:
        return load_file(data, filename, dataset, as_of, progress=updates.put)
    except MemoryError:
        return LoadResult(filename, dataset, errors=[_too_big(len(data))])


def _too_big(size: int) -> Problem:
    return Problem(
        f"파일을 검사하는 데 메모리가 너무 많이 들어 받지 않았습니다(파일 크기 {size / 1024 / 1024:,.1f}MB, 아무것도 저장하지 "
        "않았습니다). 기간이나 시트를 나누어 여러 파일로 올려 주세요."
    )


def check_file(
    data: bytes,
    filename: str = "",
    dataset: str | None = None,
    as_of: date | None = None,
    progress: Callable[[float], None] | None = None,
    poll_seconds: float = 0.2,
) -> LoadResult:
    """`load_file`, in a worker process for a large file; `progress` hears the share done (0 to 1) as it goes."""
    report = progress or (lambda share: None)
    if len(data) <= IN_PROCESS_BYTES:
        return load_file(data, filename, dataset, as_of, progress=report)
    pool, manager = _pool_and_manager()
    updates = manager.Queue()
    try:
        future = pool.submit(_check, data, filename, dataset, as_of, updates)
        while True:
            try:
                report(updates.get(timeout=poll_seconds))
            except queue.Empty:
                if future.done():
                    break
        return future.result()
    except MemoryError:  # the worker could not even start its work within its ceiling
        return LoadResult(filename, dataset, errors=[_too_big(len(data))])
    except BrokenExecutor:  # the worker died (out of memory beyond what Python could catch): start afresh next time
        shutdown()
        return LoadResult(filename, dataset, errors=[_too_big(len(data))])
