"""Validate speed on a large export: our whole validate against a bare pandas.read_excel(openpyxl) read.

Goal (issue #12): on a 100,000-row export, validate (size check + read + detect + validate + normalise) takes at
most 0.30 of the time of the bare openpyxl read alone. Run: .venv/bin/python bench/bench_validate.py [--rows N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd
from openpyxl import Workbook

from loaders import load_file

PROGRAMS = [f"세부사업 {i:03d}" for i in range(1, 400)]
SOURCES = ["국비", "시비", "민자"]


def write_budget_xlsx(path: Path, rows: int, seed: int = 7) -> int:
    """A realistic e-호조-style export: title, unit note, header, `rows` data rows. Returns planned total in won."""
    rng = random.Random(seed)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("집행현황")
    sheet.append(["국가 인공지능 집적단지 조성사업 예산 집행 현황 (벤치마크)"])
    sheet.append([])
    sheet.append(["(단위: 천원)"])
    sheet.append(["연도", "월", "추진전략", "세부사업명", "재원", "예산현액", "집행액"])
    total = 0
    written = 0
    year = 2000
    while written < rows:
        for month in range(1, 13):
            for program in PROGRAMS:
                for source in SOURCES:
                    if written == rows:
                        break
                    planned = rng.randint(1_000, 900_000)
                    total += planned * 1000
                    sheet.append([year, month, "산업 기반 조성", program, source, planned, rng.randint(0, planned)])
                    written += 1
        year += 1
    workbook.save(path)
    return total


GOAL_RATIO = 0.30


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "budget_large.xlsx"
        started = time.perf_counter()
        planned_total = write_budget_xlsx(path, args.rows)
        print(
            f"generated {args.rows:,} rows in {time.perf_counter() - started:.1f} s ({path.stat().st_size / 1e6:.1f} MB)"
        )

        started = time.perf_counter()
        result = load_file(path.read_bytes(), path.name)
        validate_s = time.perf_counter() - started
        assert result.ok, result.errors[:5]
        assert result.rows == args.rows and result.totals["planned_krw"] == planned_total

        started = time.perf_counter()
        pd.read_excel(path, engine="openpyxl", header=3)
        openpyxl_s = time.perf_counter() - started

    print(f"validate (read+detect+validate+normalise): {validate_s:.2f} s")
    print(f"bare pandas.read_excel(engine='openpyxl'): {openpyxl_s:.2f} s")
    ratio = validate_s / openpyxl_s
    print(
        f"validate ratio: validate / openpyxl read = {ratio:.3f} (goal <= {GOAL_RATIO:.2f}) {'met' if ratio <= GOAL_RATIO else 'MISSED'}"
    )
    return 0 if ratio <= GOAL_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
