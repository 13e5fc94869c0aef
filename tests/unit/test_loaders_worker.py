"""A large upload is checked in a worker process with its own memory ceiling, and reports its progress (issue #12)."""

from __future__ import annotations

import pytest

from loaders import load_file, worker


def jobs_csv(rows: int) -> bytes:
    lines = ["기준월,기업명,산업분야,신규채용,재직자수"]
    lines += [f"2026-{1 + i % 12:02d},기업{i // 12:05d},에너지,{i % 7},{10 + i % 50}" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def fresh_workers():
    worker.shutdown()
    yield
    worker.shutdown()


def test_a_large_file_is_checked_in_a_worker_with_the_same_answer_and_progress(fresh_workers):
    data = jobs_csv(80_000)
    assert len(data) > worker.IN_PROCESS_BYTES
    shares: list[float] = []
    result = worker.check_file(data, "jobs.csv", progress=shares.append)
    direct = load_file(data, "jobs.csv")
    assert result.ok and (result.rows, result.totals) == (direct.rows, direct.totals) == (80_000, result.totals)
    assert result.totals == {
        "new_hires": sum(i % 7 for i in range(80_000)),
        "headcount": sum(10 + i % 50 for i in range(80_000)),
    }
    assert worker._pool is not None  # it went through the worker
    assert shares == sorted(shares) and shares[-1] == 1.0


def test_a_small_file_stays_in_the_calling_process(fresh_workers):
    shares: list[float] = []
    result = worker.check_file(jobs_csv(10), "jobs.csv", progress=shares.append)
    assert result.ok and result.rows == 10 and shares[-1] == 1.0
    assert worker._pool is None


def test_a_file_beyond_the_workers_memory_is_refused_and_the_server_goes_on(fresh_workers, monkeypatch):
    monkeypatch.setattr(worker, "WORKER_MEMORY_BYTES", 32 * 1024 * 1024)  # too little even to read a sheet
    result = worker.check_file(jobs_csv(80_000), "jobs.csv")
    assert not result.ok and len(result.errors) == 1
    assert str(result.errors[0]).startswith("파일을 검사하는 데 메모리가 너무 많이 들어 받지 않았습니다(파일 크기 ")
    worker.shutdown()
    monkeypatch.undo()
    assert worker.check_file(jobs_csv(80_000), "jobs.csv").ok  # a fresh worker with the normal ceiling
