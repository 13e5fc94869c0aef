"""Small frames shaped as the loaders return them, shared by the metrics, chart and description tests."""

from __future__ import annotations

import pandas as pd

from metrics.selections import staged
from program import load_program

# --- jobs ------------------------------------------------------------------------------------------------------

# month, company, sector, new_hires, headcount, local_hires, source_row
JOB_ROWS = [
    ("2024-12", "A", "모빌리티", 1, 10, 0, 2),
    ("2025-01", "A", "모빌리티", 2, 12, 1, 3),
    ("2025-02", "A", "모빌리티", 0, 11, 0, 4),  # A: −1 against January
    ("2025-03", "A", "모빌리티", 3, 14, 2, 5),
    ("2025-01", "B", "헬스케어", 4, 20, 3, 6),
    ("2025-02", "B", "헬스케어", 1, 18, None, 7),  # B: −2 against January; local hires not given
    ("2025-03", "B", "헬스케어", 2, 20, 1, 8),
    ("2025-02", "C", "에너지", 5, 5, 5, 9),  # C reports February only (absent in March)
]


def jobs_frame(rows=JOB_ROWS) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["month", "company", "sector", "new_hires", "headcount", "local_hires", "source_row"]
    )
    frame["month"] = pd.to_datetime(frame["month"]).astype("datetime64[s]")
    for column in ("new_hires", "headcount", "local_hires"):
        frame[column] = frame[column].astype("Int64")
    return frame


# --- companies (K-Unicorn pipeline) -------------------------------------------------------------------------------

EOK = 10**8
JO = 10**12
PROGRAM = load_program()
NEVER, G_UNICORN, BABY, PRE = PROGRAM.stages  # 선정 이력 없음, G-유니콘, 아기유니콘, 예비유니콘 (selections, #35)
UNICORN = PROGRAM.k_unicorn.unicorn  # 유니콘: a status (valuation of 1조원 or more), not a stage

# as_of, company, sector, valuation (won), source_row
COMPANY_ROWS = [
    ("2025-06-30", "A", "모빌리티", 900 * EOK, 2),
    ("2025-06-30", "B", "헬스케어", 1_200 * EOK, 3),
    ("2025-06-30", "C", "에너지", 9_500 * EOK, 4),
    ("2025-06-30", "D", "에너지", 100 * EOK, 5),
    ("2025-09-30", "A", "모빌리티", 1_100 * EOK, 6),  # up: selected 예비유니콘 in July 2025
    ("2025-09-30", "B", "헬스케어", 950 * EOK, 7),  # its valuation fell: still 아기유니콘 (2023 선정)
    ("2025-09-30", "C", "에너지", 1 * JO, 8),  # up: the unicorn status by valuation
    ("2025-09-30", "E", "공공서비스", 50 * EOK, 9),  # new, never selected; D left
]

# year, programme, company, support, source_row (selections: 아기유니콘 counts from April's end, 예비유니콘 July's)
SELECTION_ROWS = [
    (2024, BABY, "A", "보증", 2),
    (2025, PRE, "A", "특별보증", 3),  # counts from 2025-07-31: after June's 기준일, before September's
    (2023, BABY, "B", None, 4),
    (2024, PRE, "C", None, 5),
    (2023, G_UNICORN, "C", None, 6),
]


def selections_frame(rows=SELECTION_ROWS) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["year", "programme", "company", "support", "source_row"])
    frame["year"] = frame["year"].astype("Int64")
    return frame


def raw_companies_frame(rows=COMPANY_ROWS) -> pd.DataFrame:
    """The companies frame as the loader returns it (no stage: stages come from the selections)."""
    frame = pd.DataFrame(rows, columns=["as_of", "company", "sector", "valuation_krw", "source_row"])
    frame["as_of"] = pd.to_datetime(frame["as_of"]).astype("datetime64[s]")
    frame["valuation_krw"] = frame["valuation_krw"].astype("Int64")
    frame["funding_krw"] = (frame["valuation_krw"] // 5).astype("Int64")
    frame["revenue_krw"] = pd.array([None] * len(frame), dtype="Int64")
    frame["employees"] = pd.array(range(10, 10 + len(frame)), dtype="Int64")
    frame["moved_in"] = pd.Series([pd.NaT] * len(frame), dtype="datetime64[s]")
    return frame


def companies_frame(rows=COMPANY_ROWS, selections=SELECTION_ROWS) -> pd.DataFrame:
    """The companies frame staged by its selections (`metrics.selections.staged`), as the pipeline metrics take it."""
    return staged(raw_companies_frame(rows), selections_frame(selections), PROGRAM)


JUNE, SEPT = pd.Timestamp("2025-06-30"), pd.Timestamp("2025-09-30")

# --- budget S-curve ---------------------------------------------------------------------------------------------


def curve_frame(planned: list[int], executed: list[int | None]) -> pd.DataFrame:
    """A monthly curve as metrics.budget.monthly_curve returns it (cumulative columns, straight-line pace)."""
    annual = sum(planned)
    cum_planned, cum_executed, p, e = [], [], 0, 0
    for month in range(12):
        p += planned[month]
        cum_planned.append(p)
        if executed[month] is None:
            cum_executed.append(None)
        else:
            e += executed[month]
            cum_executed.append(e)
    return pd.DataFrame(
        {
            "month": range(1, 13),
            "planned_krw": planned,
            "executed_krw": [x or 0 for x in executed],
            "cum_planned_krw": pd.array(cum_planned, dtype="Int64"),
            "cum_executed_krw": pd.array(cum_executed, dtype="Int64"),
            "pace_krw": pd.array([annual * m // 12 for m in range(1, 13)], dtype="Int64"),
        }
    )


# 100억원 a year; by June 76억원 planned (76.0 %) and 72.3억원 executed (72.3 %): 3.7 %p behind the plan
PLANNED = [10, 14, 14, 14, 12, 12, 4, 4, 4, 4, 4, 4]
EXECUTED = [8, 12, 14, 14, 12, 12.3, None, None, None, None, None, None]
CURVE = curve_frame([x * 10**8 for x in PLANNED], [None if x is None else int(x * 10**8) for x in EXECUTED])
