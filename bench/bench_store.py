"""Store speed on a large budget version: save it, read it back three times, roll back to it.

Goal (a timed test in tests/store/test_store.py until #23: speed goals live in bench/): reading back a 50,000-row
version (`Store.frame`) takes well under 1 s; about 0.4 s on an idle 2-core machine. The goal is checked
on this process's CPU time (best of three), so other work on the machine does not decide it.
Run: .venv/bin/python bench/bench_store.py [--rows N] [--url STORE_URL]  (default: a SQLite file in a temp dir; for
PostgreSQL pass an empty database's URL, e.g. postgresql+psycopg://user@host/db)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from loaders import load_file  # noqa: E402
from loaders.columns import with_all_columns  # noqa: E402
from store import open_store  # noqa: E402
from tests.support.store_data import budget_csv  # noqa: E402

GOAL_FRAME_CPU_S = 1.0


def measure(url: str, rows: int) -> bool:
    data = budget_csv(rows)
    result = load_file(data, f"budget_{rows}.csv")
    assert result.ok, result.errors[:5]
    store = open_store(url)
    try:
        started = time.perf_counter()
        version = store.save_version(result, data, user="벤치마크")
        saved = time.perf_counter() - started
        walls, cpus = [], []
        for _ in range(3):
            wall, cpu = time.perf_counter(), time.process_time()
            frame = store.frame(version)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        pd.testing.assert_frame_equal(frame, with_all_columns(result.dataset, result.frame), check_exact=True)
        store.save_version(result, data, user="벤치마크")
        started = time.perf_counter()
        store.rollback("budget", version.number, user="벤치마크")
        rolled = time.perf_counter() - started
    finally:
        store.close()
    met = min(cpus) < GOAL_FRAME_CPU_S
    print(
        f"[{store.backend}] {rows:,} budget rows: save_version {saved:.2f} s, frame() best {min(walls):.3f} s "
        f"(this process's CPU {min(cpus):.3f} s, goal < {GOAL_FRAME_CPU_S:.1f} s: {'met' if met else 'MISSED'}) / "
        f"worst {max(walls):.3f} s, rollback {rolled:.2f} s"
    )
    return met


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--url", help="an empty store's URL (default: SQLite in a temp dir)")
    args = parser.parse_args()
    if args.url:
        return 0 if measure(args.url, args.rows) else 1
    with tempfile.TemporaryDirectory() as folder:
        return 0 if measure(f"sqlite:///{folder}/store.sqlite", args.rows) else 1


if __name__ == "__main__":
    sys.exit(main())
