"""What checking every upload in a process of its own costs (issue #36): the time to check the 36-row e-호조 fixture
and a 144,000-row export in the calling process (load_file, as small files were before) and through
loaders/worker.py with a cold start (no process waiting: Python, pandas and the loaders imported for this file) and
with the process kept waiting (the app's case after its first upload; cold minus waiting is the start-up), and the
peak resident memory of this side and of a checking process. Run: .venv/bin/python bench/bench_upload_worker.py [--rows 144000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
from loaders import load_file, worker  # noqa: E402
from tests.support.budget_export import write_huge_xlsx  # noqa: E402

SMALL = REPO_ROOT / "tests" / "fixtures" / "budget_ehojo_style.xlsx"
# The waiting process has its imports done once the previous check returns and it was started: give it that time,
# as a staffer's next upload does.
SPARE_READY_SECONDS = 5.0


def timed(run) -> float:
    started = time.perf_counter()
    result = run()
    assert result.ok, result.errors
    return time.perf_counter() - started


def median_of(repeat: int, run, between=None) -> float:
    times = []
    for _ in range(repeat):
        if between:
            between()
        times.append(timed(run))
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=144_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        large = Path(folder) / "budget_large.xlsx"
        write_huge_xlsx(large, args.rows)
        files = {"36 rows": SMALL.read_bytes(), f"{args.rows:,} rows": large.read_bytes()}
        print(f"{'file':>14} {'in process':>11} {'worker cold':>12} {'worker waiting':>15}  (medians of {args.repeat})")
        for label, data in files.items():
            in_process = median_of(args.repeat, lambda data=data: load_file(data, "b.xlsx"))
            cold = median_of(
                args.repeat, lambda data=data: worker.check_file(data, "b.xlsx", keep_waiting=False), worker.shutdown
            )

            def ready() -> None:
                worker.shutdown()
                worker.check_file(files["36 rows"], "b.xlsx")  # leaves a process waiting
                time.sleep(SPARE_READY_SECONDS)

            waiting = median_of(args.repeat, lambda data=data: worker.check_file(data, "b.xlsx"), ready)
            print(f"{label:>14} {in_process:>10.2f}s {cold:>11.2f}s {waiting:>14.2f}s   ({len(data) / 1e6:.1f} MB)")
        worker.shutdown()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"peak resident memory: this process {peak:.0f} MB (incl. the in-process runs), a checking process {children:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
