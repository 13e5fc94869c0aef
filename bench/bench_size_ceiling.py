"""The size ceiling on a huge export: a 1,000,000-row (~20 MB) xlsx must be refused in under 5 s with under 400 MB
peak memory, measured on `python -m loaders validate FILE --json` as staff scripts run it (a fresh process).

The sheet is written without a <dimension> element (as openpyxl's streaming writer does), so the ceiling is found by
counting rows in the compressed XML: the slower of the two ways. Run: .venv/bin/python bench/bench_size_ceiling.py
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
from tests.support.budget_export import write_huge_xlsx  # noqa: E402

GOAL_SECONDS, GOAL_PEAK_MB = 5.0, 400


def validate_in_fresh_process(path: Path) -> tuple[float, float, dict]:
    """(seconds, peak resident MB, the JSON answer) of `python -m loaders validate FILE --json`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "loaders", "validate", str(path), "--json"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out = process.stdout.read()
    process.stderr.read()
    _, _, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = 1  # reaped by wait4 above
    return seconds, usage.ru_maxrss / 1024, json.loads(out)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "budget_huge.xlsx"
        started = time.perf_counter()
        write_huge_xlsx(path, args.rows)
        megabytes = path.stat().st_size / 1e6
        print(
            f"generated {args.rows:,} rows in {time.perf_counter() - started:.1f} s ({megabytes:.1f} MB, no <dimension>)"
        )
        seconds, peak_mb, answer = validate_in_fresh_process(path)
    refused = answer["ok"] is False and "파일이 너무 큽니다" in answer["errors"][0]["message"]
    print(
        f"size ceiling: refused={refused} in {seconds:.2f} s (goal < {GOAL_SECONDS:.0f} s), "
        f"peak memory {peak_mb:.0f} MB (goal < {GOAL_PEAK_MB} MB), whole process incl. start-up"
    )
    print(f"  message: {answer['errors'][0]['message'] if answer['errors'] else '-'}")
    met = refused and seconds < GOAL_SECONDS and peak_mb < GOAL_PEAK_MB
    print(f"size ceiling goal {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
