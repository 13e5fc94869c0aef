"""What the jobs and pipeline pages used to compute themselves, now in metrics: sector order, the company × month
and local-share tables in that order, the jobs lost, the sector × stage table and the stage tiles' changes."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics import jobs as jm
from metrics import pipeline as pm
from metrics.figures import traced_sum
from program import load_program
from tests.support.frames import COMPANY_ROWS
from tests.support.frames import companies_frame as staged_companies_frame

PROGRAM = load_program()
INDUSTRIES = list(PROGRAM.industries)
NEVER, G_UNICORN, BABY, PRE = PROGRAM.stages


def jobs_frame() -> pd.DataFrame:
    rows = [  # month, company, sector, new_hires, headcount, local_hires, source_row
        ("2025-01", "A", "모빌리티", 2, 12, 1, 2),
        ("2025-02", "A", "모빌리티", 0, 11, 0, 3),
        ("2025-01", "B", "헬스케어", 4, 20, 3, 4),
        ("2025-02", "B", "헬스케어", 1, 18, None, 5),
        ("2025-02", "C", "에너지", 5, 5, 5, 6),
        ("2025-01", "Z", "기타", 1, 3, 1, 7),
        ("2025-01", "D", "에너지", 1, 9, 0, 8),
    ]
    frame = pd.DataFrame(
        rows, columns=["month", "company", "sector", "new_hires", "headcount", "local_hires", "source_row"]
    )
    frame["month"] = pd.to_datetime(frame["month"]).astype("datetime64[s]")
    for column in ("new_hires", "headcount", "local_hires"):
        frame[column] = frame[column].astype("Int64")
    return frame


def test_sector_order_is_configured_then_the_rest():
    order = jm.sector_order(jobs_frame(), INDUSTRIES)
    known = [s for s in INDUSTRIES if s in {"모빌리티", "헬스케어", "에너지"}]
    assert order == [*known, "기타"]


def test_company_month_table_in_sector_order_then_company():
    jobs = jobs_frame()
    order = jm.sector_order(jobs, INDUSTRIES)
    table = jm.company_month_table(jobs, 2025, "new_hires", sectors=order)
    assert table["sector"].tolist() == sorted(table["sector"], key=order.index)
    assert table[table["sector"] == "에너지"]["company"].tolist() == ["C", "D"]
    assert table["company"].iloc[-1] == "Z"
    # without an order: by sector name, as before
    assert jm.company_month_table(jobs, 2025, "new_hires")["sector"].tolist() == sorted(table["sector"])
    # the same rows and values either way
    plain = jm.company_month_table(jobs, 2025, "headcount").set_index("company").sort_index()
    ordered = jm.company_month_table(jobs, 2025, "headcount", sectors=order).set_index("company").sort_index()
    pd.testing.assert_frame_equal(plain, ordered)


def test_local_share_by_sector_in_sector_order():
    jobs = jobs_frame()
    order = jm.sector_order(jobs, INDUSTRIES)
    table = jm.local_share_by_sector(jobs, 2025, sectors=order)
    assert table["sector"].tolist() == order
    assert list(table.index) == list(range(len(order)))
    energy = table.set_index("sector").loc["에너지"]
    assert (energy["new_hires"], energy["local_hires"]) == (6, 5)
    assert energy["share"] == pytest.approx(5 / 6)
    assert jm.local_share_by_sector(jobs, 2025)["sector"].tolist() == sorted(order)


def test_jobs_lost_is_the_positive_sum_of_the_falls():
    losses = jm.job_losses(jobs_frame(), 2025)
    assert losses["change"].tolist() == [-2, -1]
    assert jm.jobs_lost(losses) == 3
    assert jm.jobs_lost(losses.iloc[:0]) == 0


# --- pipeline ---------------------------------------------------------------------------------------------------

EOK = 10**8


def companies_frame() -> pd.DataFrame:
    """The shared pipeline frame (tests.support.frames), staged by its selections, with E in a sector of its own."""
    rows = [(*row[:2], "기타" if row[1] == "E" else row[2], *row[3:]) for row in COMPANY_ROWS]
    return staged_companies_frame(rows)


JUNE, SEPT = pd.Timestamp("2025-06-30"), pd.Timestamp("2025-09-30")


def test_stage_table_rows_in_sector_order_every_stage_and_total():
    companies = companies_frame()
    sectors = pm.ordered_sectors(pm.snapshot(companies, SEPT)["sector"], PROGRAM)
    table = pm.stage_table(pm.stage_by_sector(companies, SEPT, PROGRAM), sectors, PROGRAM)
    assert list(table.columns) == ["sector", *PROGRAM.stages, "total"]
    assert table["sector"].tolist() == sectors and sectors[-1] == "기타"
    assert all(str(table[c].dtype) == "Int64" for c in (*PROGRAM.stages, "total"))
    energy = table.set_index("sector").loc["에너지"]
    assert (energy[NEVER], energy[G_UNICORN], energy[BABY], energy[PRE], energy["total"]) == (0, 0, 0, 1, 1)
    assert int(table["total"].sum()) == len(pm.snapshot(companies, SEPT))
    # a sector asked for but without companies is a row of zeros
    padded = pm.stage_table(pm.stage_by_sector(companies, SEPT, PROGRAM), [*sectors, "없는 분야"], PROGRAM)
    assert padded.iloc[-1][["total", *PROGRAM.stages]].tolist() == [0, 0, 0, 0, 0]


def test_stage_counts_and_changes():
    companies = companies_frame()
    counts = pm.stage_counts(companies, SEPT, PROGRAM)
    assert counts == {"total": 4, NEVER: 1, G_UNICORN: 0, BABY: 1, PRE: 2}
    changes = pm.stage_changes(companies, SEPT, JUNE, PROGRAM)
    assert {k: v.value for k, v in changes.items()} == {"total": 0, NEVER: 0, G_UNICORN: 0, BABY: -1, PRE: 1}
    pre = changes[PRE]  # A selected 예비유니콘 in July 2025
    assert pre.parts[0].source_rows == (6, 8) and pre.parts[1].source_rows == (4,)
    for change in changes.values():  # each part re-adds from its rows
        for part in change.parts:
            assert traced_sum(part, companies) == part.value
    assert pm.stage_changes(companies, JUNE, None, PROGRAM) == dict.fromkeys(counts)


def test_stage_counts_equal_the_traced_tiles_on_the_sample():
    from pathlib import Path

    from loaders import load_file
    from metrics.selections import staged

    data = Path(__file__).resolve().parents[2] / "data"
    sample = load_file((data / "companies.csv").read_bytes(), "companies.csv").frame
    selections = load_file((data / "selections.csv").read_bytes(), "selections.csv").frame
    sample = staged(sample, selections, PROGRAM)
    for as_of in pm.as_of_dates(sample):
        traced = pm.stage_figures(sample, as_of, PROGRAM)
        assert pm.stage_counts(sample, as_of, PROGRAM) == {name: figure.value for name, figure in traced.items()}


def test_headcount_tile_change_is_a_traced_figure_equal_to_latest_headcount():
    from pathlib import Path

    from loaders import load_file

    repo = Path(__file__).resolve().parents[2]
    sample = load_file((repo / "data" / "jobs.csv").read_bytes(), "jobs.csv").frame
    monthly = load_file((repo / "tests" / "fixtures" / "jobs_monthly.csv").read_bytes(), "j.csv").frame
    for frame in (jobs_frame(), sample, monthly):
        for year in jm.years(frame):
            figures, latest = jm.headline_figures(frame, year), jm.latest_headcount(frame, year)
            if latest.change is None:
                assert "headcount_change" not in figures
                continue
            change = figures["headcount_change"]
            assert change.value == latest.change
            now, before = change.parts
            assert (now.value, before.value) == (latest.headcount, latest.previous_headcount)
            assert traced_sum(now, frame) == now.value and traced_sum(before, frame) == before.value
    # January 2025 of the hand-made frame: no December rows, so no change
    assert "headcount_change" not in jm.headline_figures(jobs_frame().iloc[[0, 2, 5, 6]], 2025)
