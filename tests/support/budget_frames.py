"""A hand-made budget frame shared by the budget tests (3 programmes × 2 months, as the loader returns it)."""

from __future__ import annotations

import datetime as dt

import pandas as pd


def frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (year, month, phase, strategy, program, source, planned, executed) as the loader returns them."""
    columns = ["year", "month", "phase", "strategy", "program", "source", "planned_krw", "executed_krw"]
    out = pd.DataFrame(rows, columns=columns)
    for c in ("year", "month", "phase", "planned_krw", "executed_krw"):
        out[c] = pd.array(out[c].tolist(), dtype="Int64")
    for c in ("strategy", "program", "source"):
        out[c] = out[c].astype("str")
    out["source_row"] = range(2, 2 + len(out))
    return out


# 3 programmes × 2 months of 2025 (as of the end of February), plus one 2024 row for A.
#   A (전략1, 국비): planned 600,000,000 + 600,000,001 = 1,200,000,001; executed 100,000,000 + 100,000,001 = 200,000,001
#   B (전략1, 시비): planned 300 + 300 = 600;                           executed 300 + 0 = 300
#   C (전략2, 국비): planned 1,000 + 2,000 = 3,000;                       executed 0 + 100 = 100
TINY = frame(
    [
        (2024, 12, 2, "전략1", "A", "국비", 500, 450),
        (2025, 1, 2, "전략1", "A", "국비", 600_000_000, 100_000_000),
        (2025, 1, 2, "전략1", "B", "시비", 300, 300),
        (2025, 1, 2, "전략2", "C", "국비", 1_000, 0),
        (2025, 2, 2, "전략1", "A", "국비", 600_000_001, 100_000_001),
        (2025, 2, 2, "전략1", "B", "시비", 300, 0),
        (2025, 2, 2, "전략2", "C", "국비", 2_000, 100),
    ]
)
FEB_END = dt.date(2025, 2, 28)
