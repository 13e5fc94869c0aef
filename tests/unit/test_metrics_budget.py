"""metrics.budget against hand-computed figures (tiny frames), and against the bundled sample file."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from loaders import load_file
from metrics import budget as m
from metrics.as_of import data_as_of
from program import load_program
from tests.support.budget_frames import FEB_END, TINY, frame

REPO = Path(__file__).resolve().parents[2]


def test_months_and_share_elapsed_come_from_the_as_of_date():
    assert m.months_elapsed(2024, FEB_END) == 12  # a past year is complete
    assert m.months_elapsed(2025, FEB_END) == 2
    assert m.months_elapsed(2026, FEB_END) == 0  # a later year has not started
    assert m.months_elapsed(2025, dt.date(2025, 2, 14)) == Fraction(3, 2)  # 1 month + 14/28
    assert m.share_elapsed(2025, FEB_END) == Fraction(1, 6)
    assert m.share_elapsed(2024, FEB_END) == 1
    assert m.whole_months(2025, FEB_END) == 2
    assert m.whole_months(2025, dt.date(2025, 2, 14)) is None


def test_round_won_is_half_up():
    assert m.round_won(Fraction(5, 2)) == 3
    assert m.round_won(Fraction(-5, 2)) == -3
    assert m.round_won(Fraction(7, 3)) == 2
    assert m.round_won(Fraction(12, 7)) == 2  # 1.714…


def test_projection_is_the_run_rate_to_the_won():
    # 200,000,001 ÷ 2 × 12 = 1,200,000,006
    assert m.projection(200_000_001, 2025, FEB_END) == 1_200_000_006
    # 1 won over 7 months → 12/7 = 1.71 → 2 won
    assert m.projection(1, 2025, dt.date(2025, 7, 31)) == 2
    assert m.projection(450, 2024, FEB_END) == 450  # past year: what was executed
    assert m.projection(0, 2026, FEB_END) is None  # year not started


def test_summary_of_the_year_by_hand():
    s = m.summarise(TINY, 2025, FEB_END)
    # planned 1,200,000,001 + 600 + 3,000; executed 200,000,001 + 300 + 100
    assert s.planned == 1_200_003_601
    assert s.executed == 200_000_401
    assert s.planned_to_date == 1_200_003_601  # both months are through February
    assert s.rate == 200_000_401 / 1_200_003_601
    assert s.share == pytest.approx(1 / 6)
    assert s.gap == pytest.approx(200_000_401 / 1_200_003_601 - 1 / 6)
    assert s.projected == 1_200_002_406  # 200,000,401 × 6
    assert s.projected_rate == pytest.approx(1_200_002_406 / 1_200_003_601)
    assert sorted(s.source_rows) == [3, 4, 5, 6, 7, 8]


def test_summary_of_a_past_year_has_share_one():
    s = m.summarise(TINY, 2024, FEB_END)
    assert (s.planned, s.executed, s.share, s.projected) == (500, 450, 1.0, 450)
    assert s.rate == 0.9 and s.gap == pytest.approx(-0.1)


def test_planned_to_date_counts_months_through_the_as_of_month():
    s = m.summarise(TINY, 2025, dt.date(2025, 1, 31))
    assert s.planned_to_date == 600_000_000 + 300 + 1_000
    assert s.share == pytest.approx(1 / 12)


def test_rates_by_programme_by_hand_lowest_first():
    rates = m.rates_by(TINY, ["strategy", "program"], 2025, FEB_END)
    assert rates["program"].tolist() == ["C", "A", "B"]  # 100/3,000 < 200,000,001/1,200,000,001 < 300/600
    c, a, b = (rates.iloc[i] for i in range(3))
    assert (int(a.planned_krw), int(a.executed_krw)) == (1_200_000_001, 200_000_001)
    assert a.rate == 200_000_001 / 1_200_000_001
    assert b.rate == 0.5 and b.gap == pytest.approx(0.5 - 1 / 6)
    assert c.rate == pytest.approx(1 / 30) and c.gap == pytest.approx(1 / 30 - 1 / 6)
    # straight-line amount: planned × 1/6, half-up; shortfall = that − executed
    assert int(a.pace_krw) == 200_000_000  # 1,200,000,001 / 6 = 200,000,000.17
    assert int(a.shortfall_krw) == -1
    assert int(c.pace_krw) == 500 and int(c.shortfall_krw) == 400
    assert int(b.projected_krw) == 1_800  # 300 × 6
    assert int(c.projected_krw) == 600
    assert c.projected_rate == pytest.approx(600 / 3_000)
    assert sorted(a.source_rows) == [3, 6]


def test_rates_by_strategy_sums_its_programmes():
    rates = m.rates_by(TINY, "strategy", 2025, FEB_END).set_index("strategy")
    assert int(rates.loc["전략1", "planned_krw"]) == 1_200_000_601
    assert int(rates.loc["전략1", "executed_krw"]) == 200_000_301
    assert int(rates.loc["전략2", "executed_krw"]) == 100


def test_lagging_uses_the_threshold():
    rates = m.rates_by(TINY, ["strategy", "program"], 2025, FEB_END)
    # gaps: C = 1/30 − 1/6 = −13.3%p; A = +0.0%p; B = +33.3%p
    assert m.lagging(rates)["program"].tolist() == ["C"]
    assert m.lagging(rates, gap=0.2).empty
    assert m.lagging(rates, gap=-0.1)["program"].tolist() == ["C", "A"]
    assert load_program().pace.lagging_gap == 0.10  # program.toml [pace]


def test_monthly_curve_by_hand():
    curve = m.monthly_curve(TINY, 2025, FEB_END)
    assert curve["month"].tolist() == list(range(1, 13))
    assert curve["planned_krw"].tolist()[:3] == [600_001_300, 600_002_301, 0]
    assert curve["cum_planned_krw"].tolist()[:2] == [600_001_300, 1_200_003_601]
    assert curve["cum_planned_krw"].iloc[-1] == 1_200_003_601
    assert curve["cum_executed_krw"].tolist()[:2] == [100_000_300, 200_000_401]
    assert curve["cum_executed_krw"].iloc[2:].isna().all()  # nothing drawn after the as-of month
    # straight line: 1,200,003,601 × m/12 → 100,000,300.08 (m=1), 600,001,800.5 (m=6) → half-up
    assert curve["pace_krw"].iloc[0] == 100_000_300
    assert curve["pace_krw"].iloc[5] == 600_001_801
    assert curve["pace_krw"].iloc[11] == 1_200_003_601


def test_rate_and_gap_through_a_month():
    # January 2025: executed 100,000,300 of 1,200,003,601 planned
    assert m.rate_through(TINY, 2025, 1) == 100_000_300 / 1_200_003_601
    assert m.gap_through(TINY, 2025, 1) == pytest.approx(100_000_300 / 1_200_003_601 - 1 / 12)
    assert m.rate_through(TINY, 2023, 1) is None


def test_select_filters_rows():
    assert len(m.select(TINY, m.Selection(), 2025)) == 6
    assert m.select(TINY, m.Selection(strategy="전략2"), 2025)["program"].unique().tolist() == ["C"]
    assert set(m.select(TINY, m.Selection(sources=("시비",)))["program"]) == {"B"}
    assert len(m.select(TINY, m.Selection(programs=("A", "C")), 2025)) == 4
    assert m.select(TINY, m.Selection(phase=1)).empty


def test_prepare_fills_phase_from_year_and_marks_missing_strategy():
    rows = TINY.copy()
    rows.loc[0, "phase"] = pd.NA
    rows["strategy"] = rows["strategy"].astype(object)
    rows.loc[1, "strategy"] = None
    out = m.prepare(rows, load_program())
    assert int(out.loc[0, "phase"]) == 1  # 2024 is phase 1 in program.toml
    assert out.loc[1, "strategy"] == m.UNASSIGNED
    assert len(out) == len(rows)


def test_phase_source_totals_by_hand():
    totals = m.phase_source_totals(TINY, sources=("국비", "시비")).set_index(["phase", "source"])
    assert int(totals.loc[(2, "국비"), "planned_krw"]) == 500 + 1_200_000_001 + 3_000
    assert int(totals.loc[(2, "국비"), "executed_krw"]) == 450 + 200_000_001 + 100
    assert int(totals.loc[(2, "시비"), "executed_krw"]) == 300
    assert totals.loc[(2, "시비"), "rate"] == 0.5


def test_a_money_column_with_every_cell_missing_sums_to_zero():
    """Missing cells count as 0 (as in `won`); a selection whose executed cells are all missing must not crash the
    int64 check (an all-NA column has no max)."""
    rows = TINY[TINY["year"] == 2025].copy()
    rows["executed_krw"] = pd.array([pd.NA] * len(rows), dtype="Int64")
    totals = m.phase_source_totals(rows, sources=("국비", "시비")).set_index(["phase", "source"])
    assert int(totals.loc[(2, "국비"), "planned_krw"]) == 600_000_000 + 1_000 + 600_000_001 + 2_000
    assert int(totals.loc[(2, "국비"), "executed_krw"]) == 0
    assert m.won(rows["executed_krw"]) == 0
    by_program = m.rates_by(rows, "program", 2025, FEB_END).set_index("program")
    assert [int(by_program.loc[p, "executed_krw"]) for p in ("A", "B", "C")] == [0, 0, 0]


def test_target_rate():
    targets = pd.DataFrame(
        {
            "metric": ["execution_rate", "jobs_created"],
            "year": pd.array([2025, 2025], dtype="Int64"),
            "target": pd.array([90.0, 500.0], dtype="Float64"),
            "source_row": [2, 3],
        }
    )
    assert m.target_rate(targets, 2025) == 0.9
    assert m.target_rate(targets, 2024) is None
    assert m.target_rate(None, 2025) is None


def test_zero_planned_has_no_rate():
    rows = frame([(2025, 1, 2, "전략", "Z", "국비", 0, 0)])
    s = m.summarise(rows, 2025, FEB_END)
    assert s.rate is None and s.gap is None and s.projected_rate is None


# --- the bundled sample data --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return load_file((REPO / "data" / "budget.xlsx").read_bytes(), "budget").frame


def test_sample_2026_against_plain_sums(sample):
    # the sample describes 25 November: uploaded then, November was under way; uploaded after it, it is closed
    assert data_as_of("budget", sample, dt.date(2026, 11, 25)) == dt.date(2026, 11, 25)
    as_of = data_as_of("budget", sample, dt.date(2026, 12, 4))
    assert as_of == dt.date(2026, 11, 30)  # December 2026 carries planned money only
    rows = sample[sample["year"] == 2026]
    planned = sum(int(v) for v in rows["planned_krw"])
    executed = sum(int(v) for v in rows["executed_krw"])
    s = m.summarise(m.prepare(sample, load_program()), 2026, as_of)
    assert (s.planned, s.executed) == (planned, executed) == (123_532_000_000, 93_785_591_000)
    assert s.rate == pytest.approx(0.759201, abs=1e-6)  # 93,785,591,000 ÷ 123,532,000,000
    assert s.gap == pytest.approx(0.759201 - 11 / 12, abs=1e-6)
    assert s.projected == 102_311_553_818  # 93,785,591,000 ÷ 11 × 12 = 102,311,553,818.18
    by_program = m.rates_by(m.prepare(sample, load_program()), ["strategy", "program"], 2026, as_of)
    assert int(by_program["planned_krw"].sum()) == planned
    assert int(by_program["executed_krw"].sum()) == executed
    assert by_program["program"].iloc[0] == "AI 지식산업센터 건립"  # 2,475,745,000 ÷ 6,177,000,000 = 40.1%


def test_sample_phase_totals_cover_every_row(sample):
    prepared = m.prepare(sample, load_program())
    totals = m.phase_source_totals(prepared, load_program().funding_sources)
    assert int(totals["planned_krw"].sum()) == sum(int(v) for v in sample["planned_krw"])
    assert int(totals["executed_krw"].sum()) == sum(int(v) for v in sample["executed_krw"])
    assert sorted(r for rows in totals["source_rows"] for r in rows) == sorted(sample["source_row"])


def test_sums_stay_exact_beyond_int64():
    # the vectorised int64 sum is used only when it cannot overflow; otherwise Python integers
    rows = frame(
        [
            (2025, 1, 2, "s", "A", "국비", 2**62, 1),
            (2025, 2, 2, "s", "A", "국비", 2**62 - 1, 1),
            (2025, 1, 2, "s", "B", "국비", 2**53 + 1, 0),
        ]
    )
    assert m.won(rows["planned_krw"]) == 2**63 - 1 + 2**53 + 1
    assert m.won(TINY["planned_krw"]) == 500 + 1_200_003_601


def test_page_figures_by_hand():
    f = m.page_figures(TINY, m.Selection(strategy="전략1"), 2025, FEB_END, ("국비", "시비"))
    assert (f.summary.planned, f.summary.executed) == (1_200_000_601, 200_000_301)
    assert f.previous_planned == 500  # the 2024 row of A (strategy 전략1)
    assert f.previous_rate == 0  # nothing executed in January–February 2024
    # end of January: (100,000,000 + 300) ÷ 1,200,000,601 − 1/12
    assert f.gap_last_month == pytest.approx(100_000_300 / 1_200_000_601 - 1 / 12)
    assert f.by_strategy["strategy"].tolist() == ["전략2", "전략1"]  # the strategy filter does not apply here
    assert f.by_program["program"].tolist() == ["A", "B"]
    assert f.behind.empty
    assert int(f.phase_totals["planned_krw"].sum()) == 500 + 1_200_000_601
