"""Data for tests of the store: a big budget CSV, and running a script of the repo.

The fixtures that give a store (`store_url`, `store`) are in tests/store/conftest.py, `fresh_postgres_url` in
tests/conftest.py.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

from tests.support.paths import FIXTURES, REPO_ROOT  # noqa: F401  (FIXTURES re-exported for the store tests)

BIG_WON = 2**53 + 1  # 9,007,199,254,740,993 won: not representable as a float64


def budget_csv(rows: int, big_rows: int = 2, start_year: int = 2020, unit: str = "원") -> bytes:
    """A valid budget CSV with `rows` data rows; the first `big_rows` carry amounts above 2**53 won."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["연도", "월", "추진전략", "세부사업명", "재원", f"예산액({unit})", f"집행액({unit})"])
    sources = ("국비", "시비", "민자", "기타")
    n, year = 0, start_year
    while n < rows:
        for month in range(1, 13):
            for program in range(250):
                for source in sources:
                    if n >= rows:
                        break
                    planned = 1_000_000 + n * 7_919
                    executed = planned // 2
                    if n < big_rows:
                        planned, executed = BIG_WON + n, BIG_WON - 2 - n
                    writer.writerow(
                        [year, month, "산업 기반 조성", f"세부사업 {program:03d}", source, planned, executed]
                    )
                    n += 1
        year += 1
    return out.getvalue().encode("utf-8")


def run_python(args: list[str], env: dict[str, str] | None = None, timeout: float = 120, **kwargs):
    """Run `python ARGS` from the repo root with extra env; returns the CompletedProcess (text)."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        **kwargs,
    )


def import_more_spent(store_url: str, krw: int = 10_000_000) -> None:
    """Import the sample budget again with `krw` (default 0.1억원) more executed on the as-of month's last spending
    row: a new budget version whose executed-to-date differs from the sample's, as a staff upload would store it."""
    from loaders import load_file
    from store import open_store

    data = (REPO_ROOT / "data" / "budget.xlsx").read_bytes()
    loaded = load_file(data, "budget.xlsx")
    frame = loaded.frame.copy()
    spent = frame[frame["executed_krw"] > 0].sort_values(["year", "month"]).index[-1]  # of the as-of month
    frame.loc[spent, "executed_krw"] += krw
    loaded.frame = frame
    open_store(store_url).save_version(loaded, data, user="tester", replace="all")
