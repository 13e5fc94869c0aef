"""Every upload is checked in a process of its own, with a memory and a time ceiling, and reports its progress
(issues #12, #36). A ceiling reached or a crash is a Korean refusal that says which ceiling and what to do."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from loaders import load_file, worker
from tests.support.paths import REPO_ROOT


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
    shares: list[float] = []
    result = worker.check_file(data, "jobs.csv", progress=shares.append)
    direct = load_file(data, "jobs.csv")
    assert result.ok and (result.rows, result.totals) == (direct.rows, direct.totals) == (80_000, result.totals)
    assert result.totals == {
        "new_hires": sum(i % 7 for i in range(80_000)),
        "headcount": sum(10 + i % 50 for i in range(80_000)),
    }
    assert shares == sorted(shares) and shares[-1] == 1.0
    assert (
        result.written[2]
        == direct.written[2]
        == {
            "기준월": "2026-01",
            "기업명": "기업00000",
            "산업분야": "에너지",
            "신규채용": "0",
            "재직자수": "10",
        }
    )


def test_a_small_file_is_checked_in_a_worker_too_and_the_next_one_waits_ready(fresh_workers):
    shares: list[float] = []
    result = worker.check_file(jobs_csv(10), "jobs.csv", progress=shares.append)
    assert result.ok and result.rows == 10 and shares[-1] == 1.0
    spare = worker._spare
    assert spare is not None and spare.alive() and spare.process.pid != os.getpid()
    assert worker.check_file(jobs_csv(3), "jobs.csv").rows == 3
    assert not spare.alive()  # the waiting process took that check, and ended with it (one file per process)
    assert worker._spare is not None and worker._spare.process.pid != spare.process.pid


def test_a_one_off_command_leaves_no_process_waiting(fresh_workers):
    assert worker.check_file(jobs_csv(3), "jobs.csv", keep_waiting=False).ok
    assert worker._spare is None


def test_a_file_beyond_the_workers_memory_is_refused_and_the_next_check_goes_on(fresh_workers):
    tight = worker.WorkerLimits(memory_bytes=32 * 1024 * 1024)  # too little even to load pandas
    result = worker.check_file(jobs_csv(80_000), "jobs.csv", limits=tight)
    assert not result.ok and result.frame.empty and len(result.errors) == 1
    assert str(result.errors[0]) == (
        "파일을 검사하는 데 메모리가 너무 많이 들어 받지 않았습니다(파일 크기 2.7MB, 검사 한 건의 메모리 한도 32MB). "
        "아무것도 저장하지 않았습니다. 기간이나 시트를 나누어 여러 파일로 올려 주세요."
    )
    assert worker.check_file(jobs_csv(80_000), "jobs.csv").ok  # a fresh process with the normal ceiling


def test_a_check_past_its_time_is_ended_and_refused(fresh_workers):
    result = worker.check_file(jobs_csv(80_000), "jobs.csv", limits=worker.WorkerLimits(seconds=0.3))
    assert [str(p) for p in result.errors] == [
        "파일 검사가 0.3초 안에 끝나지 않아 멈추고 받지 않았습니다(검사 한 건의 시간 한도, 파일 크기 2.7MB). "
        "아무것도 저장하지 않았습니다. 기간이나 시트를 나누어 더 작은 파일로 올려 주세요. "
        "작은 파일도 그렇다면 이 파일을 시스템 담당자에게 보내 주세요."
    ]


def test_a_crashed_check_is_refused_saying_so(fresh_workers, monkeypatch):
    """A process that dies of something other than memory (here killed with SIGSEGV as it starts)."""
    started = worker._CheckProcess.__init__

    def crashing(self, limits):
        started(self, limits)
        os.kill(self.process.pid, signal.SIGSEGV)

    monkeypatch.setattr(worker._CheckProcess, "__init__", crashing)
    result = worker.check_file(jobs_csv(10), "jobs.csv", keep_waiting=False)
    assert [str(p) for p in result.errors] == [
        "파일을 검사하던 프로세스가 비정상 종료되어 받지 않았습니다(종료 코드 -11). 아무것도 저장하지 않았습니다. "
        "엑셀에서 열어 xlsx로 다시 저장한 파일을 올려 보고, 그래도 그렇다면 이 파일을 시스템 담당자에게 보내 주세요."
    ]


def test_the_checking_process_does_not_run_the_callers_main_module(tmp_path):
    """The cause of #36's failures: a multiprocessing child re-ran `app.py` (the main module under `streamlit run`).
    A caller whose main module would fail if imported again still gets its file checked."""
    script = tmp_path / "main_that_must_not_rerun.py"
    script.write_text(
        "import sys\n"
        "if __name__ != '__main__':\n"
        "    raise SystemExit('the main module ran again in the checking process')\n"
        f"sys.path.insert(0, {str(REPO_ROOT)!r})\n"
        "from loaders import worker\n"
        "result = worker.check_file('연도,세부사업명,재원,예산액(원),집행액(원)\\n2025,A,국비,10,5\\n'.encode(), 'b.csv')\n"
        "print(result.ok, result.rows, result.totals)\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True 1 {'planned_krw': 10, 'executed_krw': 5}"


def test_the_ceilings_come_from_program_toml():
    assert worker.configured_worker_limits() == worker.WorkerLimits(1_500 * 1024 * 1024, 180.0)
    assert worker.WorkerLimits().address_space_bytes == (1_500 + 1_024) * 1024 * 1024
