"""The seasonal pace, the year-end projection with its range, the risk list and the backtest (#22), with exact
values from crafted histories, a generated strongly seasonal history, and the sample."""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from metrics import budget as m
from metrics import pace
from program import PaceSettings, parse_program
from tests.support.budget_frames import frame

REPO = Path(__file__).resolve().parents[2]
SETTINGS = PaceSettings(min_complete_years=2, lagging_gap=0.10)


def history(shapes: dict[int, list[int]], planned_per_month: int = 100, program: str = "A", strategy: str = "S"):
    """Rows of (year, month, …, planned, executed): each year's executed by month as given, planned flat."""
    rows = []
    for year, executed in shapes.items():
        for month, spent in enumerate(executed, start=1):
            rows.append((year, month, 2, strategy, program, "국비", planned_per_month, spent))
    return frame(rows)


# Two complete years whose cumulative shares at the end of month 6 are 40% and 60% of their year's spending.
YEAR_2023 = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 40]  # 150 spent: 60/150 = 0.4 by June
YEAR_2024 = [15, 15, 15, 15, 15, 15, 10, 10, 10, 10, 10, 10]  # 150 spent: 90/150 = 0.6 by June
THIS_YEAR = [10, 10, 10, 10, 10, 10, 0, 0, 0, 0, 0, 0]  # 60 spent by June 2025
CRAFTED = history({2023: YEAR_2023, 2024: YEAR_2024, 2025: THIS_YEAR})
JUNE_END = dt.date(2025, 6, 30)


def test_profile_from_a_crafted_history():
    book = pace.PaceBook(CRAFTED, 2025, SETTINGS)
    profile = book.total()
    assert profile.level == pace.TOTAL and profile.year_numbers == (2023, 2024)
    assert float(profile.share_at(6)) == pytest.approx(0.5)  # (0.4 + 0.6) ÷ 2
    assert profile.spread_at(6) == pytest.approx(math.sqrt(0.02))  # sample sd of 0.4 and 0.6
    assert float(profile.final_rate) == pytest.approx(150 / 1200)  # both years spent 150 of 1,200 planned
    assert profile.share_at(0) == 0 and profile.share_at(12) == 1
    # between month ends the share is interpolated: half-way through July
    july = (0.4 + 10 / 150 + 0.6 + 10 / 150) / 2
    assert float(profile.share_at(Fraction(13, 2))) == pytest.approx((0.5 + july) / 2)


def test_projection_and_range_for_a_known_case():
    profile = pace.PaceBook(CRAFTED, 2025, SETTINGS).total()
    projection = pace.project(profile, executed=60, planned=1200, months=Fraction(6))
    assert projection.point == Fraction(60) / Fraction(profile.share_at(6))  # 60 ÷ 0.5 = 120
    assert projection.point_krw == 120
    # 80% range: 0.5 ± t(0.90; 1) × sd × √(1 + 1/2) = 0.5 ± 3.078 × 0.1414 × 1.2247, kept within (0, 1]
    half = 3.078 * math.sqrt(0.02) * math.sqrt(1.5)
    assert projection.high_krw == round(60 / max(0.5 - half, 0.005))
    assert projection.low_krw == 60  # the share's high end is capped at 1: the year cannot end below what is spent
    assert projection.run_rate == 120  # 60 ÷ 6 × 12: here the straight line happens to agree
    values = m.pace_values(1200, 60, 2025, JUNE_END, profile)
    assert values["projected_krw"] == 120 and values["projected_rate"] == pytest.approx(0.1)
    assert values["expected_rate"] == pytest.approx(0.5 * 150 / 1200)
    assert values["gap"] == pytest.approx(60 / 1200 - 0.5 * 150 / 1200)
    assert values["pace_krw"] == 75  # 1,200 × 0.5 × 0.125


def test_a_narrow_range_from_close_years():
    close = history({2022: YEAR_2023, 2023: YEAR_2023, 2024: [10] * 11 + [42], 2025: THIS_YEAR})
    profile = pace.PaceBook(close, 2025, SETTINGS).total()
    projection = pace.project(profile, 60, 1200, Fraction(6))
    assert projection.low_krw < projection.point_krw < projection.high_krw
    assert projection.low_rate < projection.point_rate < projection.high_rate


def test_the_straight_line_with_one_complete_year_and_it_says_so():
    one_year = history({2024: YEAR_2024, 2025: THIS_YEAR})
    profile = pace.PaceBook(one_year, 2025, SETTINGS).total(one_year[one_year["year"] == 2025].iloc[:0])
    assert profile.level == pace.STRAIGHT and not profile.has_range
    values = m.pace_values(1200, 60, 2025, JUNE_END, profile)
    assert values["projected_krw"] == 120 and values["projected_low_krw"] is None  # the run rate, no range
    assert values["expected_rate"] == 0.5 and values["pace_krw"] == 600  # the straight line: 6 ÷ 12
    from present.pace_text import basis_lines

    assert basis_lines(profile, 6, 2, "ko") == [
        "배울 만한 완결된 이전 연도가 없어(최소 2개 해 필요) 직선 진도(연간 예산액 × 경과율)로 판단하고, "
        "연말 예상은 지금까지의 월평균 속도로 계산합니다. 범위는 내지 않습니다."
    ]


def test_the_straight_line_reproduces_the_old_figures_exactly():
    """Without history nothing changes: the figures are the straight line's and the run rate, to the won."""
    values = m.pace_values(1_200_000_601, 200_000_301, 2025, dt.date(2025, 2, 28))
    assert values["pace_krw"] == 200_000_100  # 1,200,000,601 × 2 ÷ 12 = 200,000,100.17 → half-up
    assert values["projected_krw"] == 1_200_001_806  # 200,000,301 ÷ 2 × 12
    assert values["gap"] == float(Fraction(200_000_301, 1_200_000_601) - Fraction(1, 6))


def test_a_month_by_month_plan_sets_the_pace_when_there_is_no_history():
    planned = [50] * 11 + [650]  # the plan puts half the year's money in December
    rows = frame([(2025, month, 2, "S", "A", "국비", p, 5) for month, p in enumerate(planned, start=1)])
    profile = pace.PaceBook(rows, 2025, SETTINGS).total(rows)
    assert profile.level == pace.PLAN
    assert profile.share_at(6) == Fraction(300, 1200)  # exact
    preferring = pace.PaceBook(CRAFTED, 2025, PaceSettings(min_complete_years=2, prefer_monthly_plan=True))
    assert preferring.total(CRAFTED[CRAFTED["year"] == 2025]).level == pace.PLAN


def test_a_year_with_missing_months_is_left_out_and_said_so():
    gappy = CRAFTED[~((CRAFTED["year"] == 2023) & (CRAFTED["month"] == 5))]
    profile = pace.PaceBook(gappy, 2025, SETTINGS).total(gappy.iloc[:0])
    assert profile.level == pace.STRAIGHT  # only 2024 is complete: fewer than two years
    assert profile.left_out == ((2023, pace.MISSING_MONTHS),)
    from present.pace_text import basis_lines

    assert basis_lines(profile, 6, 2, "ko")[-1] == "계산에서 뺀 해: 2023년(빠진 달 있음)."


def test_programme_then_strategy_then_whole_budget():
    a = history({2022: YEAR_2023, 2023: YEAR_2023, 2024: YEAR_2023, 2025: THIS_YEAR}, program="A", strategy="S1")
    b = history({2024: YEAR_2024, 2025: THIS_YEAR}, program="B", strategy="S1")
    c = history({2025: THIS_YEAR}, program="C", strategy="S2")
    budget = pd.concat([a, b, c], ignore_index=True)
    budget["source_row"] = range(2, 2 + len(budget))
    book = pace.PaceBook(budget, 2025, SETTINGS)
    assert book.for_group({"strategy": "S1", "program": "A"}, a).level == pace.PROGRAM
    assert book.for_group({"strategy": "S1", "program": "B"}, b).level == pace.STRATEGY  # B: one year; S1: three
    assert book.for_group({"strategy": "S2", "program": "C"}, c).level == pace.TOTAL
    assert book.for_group({"program": "B"}, b).level == pace.STRATEGY  # a table by programme finds its strategy


def test_a_year_held_as_snapshots_uses_the_same_profile_at_its_date():
    snapshot = frame([(2025, None, 2, "S", "A", "국비", 1200, 60)])
    snapshot["as_of"] = pd.to_datetime(["2025-06-30"])
    budget = pd.concat([CRAFTED[CRAFTED["year"] < 2025].assign(as_of=pd.NaT), snapshot], ignore_index=True)
    budget["source_row"] = range(2, 2 + len(budget))
    f = m.page_figures(budget, m.Selection(), 2025, JUNE_END, settings=SETTINGS, every_snapshot=budget)
    assert f.summary.profile.level == pace.TOTAL
    assert f.summary.projected == 120  # 60 ÷ 0.5, as for the same year held by month
    assert f.curve["expected_krw"].tolist()[5] == 75  # the plan line at June: 1,200 × 0.5 × 0.125


def test_risk_list_names_programmes_whose_range_ends_below_the_target():
    rates = pd.DataFrame(
        {
            "program": ["low", "ok", "no_range"],
            "planned_krw": pd.array([1000, 1000, 1000], dtype="Int64"),
            "projected_krw": pd.array([700, 950, 800], dtype="Int64"),
            "projected_rate": pd.array([0.70, 0.95, 0.80], dtype="Float64"),
            "projected_high_rate": pd.array([0.85, 0.99, None], dtype="Float64"),
        }
    )
    risky = m.year_end_risk(rates, 0.90)
    assert risky["program"].tolist() == ["low", "no_range"]  # 300 and 200 at risk, largest first
    assert risky["at_risk_krw"].tolist() == [300, 200]
    assert m.year_end_risk(rates, None).empty


def test_behind_means_behind_the_profile():
    rows = CRAFTED[CRAFTED["year"] == 2025]
    book = pace.PaceBook(CRAFTED, 2025, SETTINGS)
    rates = m.rates_by(rows, "program", 2025, JUNE_END, book.for_group)
    # rate 60/1200 = 5%; usual pace 0.5 × 12.5% = 6.25%: 1.25%p behind, within the 10%p threshold
    assert m.lagging(rates, SETTINGS.lagging_gap).empty
    assert rates.loc[0, "expected_rate"] == pytest.approx(0.0625)
    straight = m.rates_by(rows, "program", 2025, JUNE_END)  # the straight line: 50% by June
    assert m.lagging(straight, SETTINGS.lagging_gap)["program"].tolist() == ["A"]


def seasonal_history(years: range, seed: int = 7) -> pd.DataFrame:
    """A generated history with a known, strongly seasonal profile (a third of the year in December) and noise."""
    shape = [3, 4, 5, 6, 6, 7, 7, 7, 8, 8, 9, 30]
    rng = random.Random(seed)
    rows = []
    for year in years:
        rate = rng.uniform(0.80, 0.95)
        for month, weight in enumerate(shape, start=1):
            planned = 1_000_000 * weight
            rows.append((year, month, 2, "S", "A", "국비", planned, round(planned * rate * rng.gauss(1, 0.08))))
    return frame(rows)


def test_backtest_on_generated_strongly_seasonal_histories():
    """Ten generated 26-year histories with the same known profile: the seasonal projection's error is at most half
    the run rate's in each, and the 80% range holds the actual in at least 75% of all their cases. (One history's
    coverage alone swings with its draws, 73–87% here, around the 80% the interval is built for.)"""
    held = cases = 0
    for seed in range(1, 11):
        result = pace.backtest(seasonal_history(range(2000, 2026), seed), PaceSettings(), dt.date(2025, 12, 31))
        assert len(result.cases) == (2025 - 2003 + 1) * 9  # 2003–2025, months 3–11
        assert {y for y, _ in result.skipped} == {2000, 2001, 2002}  # fewer than three earlier years
        assert result.mae <= result.mae_run_rate / 2
        held += sum(c.held for c in result.cases)
        cases += len(result.cases)
    assert held / cases >= 0.75


def test_backtest_command_on_the_sample_json():
    out = subprocess.run(
        [sys.executable, "-m", "metrics", "backtest", "--sample", "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    answer = json.loads(out)
    summary = answer["summary"]
    assert set(answer["cases"][0]) >= {
        "year",
        "month",
        "actual_rate",
        "projected_rate",
        "low_rate",
        "high_rate",
        "run_rate_projection",
    }
    assert summary["cases"] == len(answer["cases"]) == 27  # 2023–2025 × months 3–11
    assert summary["mae"] <= summary["mae_run_rate"] / 2
    assert summary["coverage"] >= 0.75
    assert {c["year"] for c in answer["cases"]} == {2023, 2024, 2025}  # 2026 is not over: never replayed


def test_settings_are_read_and_checked():
    base = (REPO / "program.toml").read_text(encoding="utf-8")
    assert parse_program(base).pace == PaceSettings(min_complete_years=3, lagging_gap=0.10, prefer_monthly_plan=False)
    with pytest.raises(ValueError, match="min_complete_years"):
        parse_program(base.replace("min_complete_years = 3", "min_complete_years = 1"))


def learned_years_by_definition(rows: pd.DataFrame, years: list[int]) -> list[tuple]:
    """learned_years written as docs/pace.md defines it, one filter per year and month (slow, plain)."""
    out = []
    for year in years:
        in_year = rows[(rows["year"] == year) & rows["month"].notna()]
        if in_year.empty:
            continue
        cumulative, running = [], 0
        for month in range(1, 13):
            running += sum(int(v) for v in in_year.loc[in_year["month"] == month, "executed_krw"].dropna())
            cumulative.append(running)
        rows_by_month = tuple(
            tuple(int(r) for r in in_year.loc[in_year["month"] == month, "source_row"]) for month in range(1, 13)
        )
        planned = sum(int(v) for v in in_year["planned_krw"].dropna())
        out.append((year, planned, cumulative[-1], tuple(cumulative), tuple(in_year["source_row"]), rows_by_month))
    return out


def test_learned_years_match_their_definition_on_random_budgets():
    """The one-pass learned_years gives, to the won and the Excel row, what the definition gives: random rows
    with missing years, months and amounts, refunds, months out of order, and years with nothing executed."""
    rng = random.Random(23)
    for _ in range(60):
        n = rng.randint(0, 50)
        rows = pd.DataFrame(
            {
                "year": pd.array([rng.choice([2021, 2022, 2023, None]) for _ in range(n)], dtype="Int64"),
                "month": pd.array([rng.choice([1, 2, 6, 11, 12, None]) for _ in range(n)], dtype="Int64"),
                "executed_krw": pd.array(
                    [rng.choice([None, 0, -7, rng.randint(-(10**9), 10**13)]) for _ in range(n)], dtype="Int64"
                ),
                "planned_krw": pd.array([rng.choice([None, rng.randint(0, 10**13)]) for _ in range(n)], dtype="Int64"),
                "source_row": range(5, 5 + n),
            }
        )
        learned, left_out = pace.learned_years(rows, [2021, 2022, 2023])
        expected = learned_years_by_definition(rows, [2021, 2022, 2023])
        assert [(y.year, y.planned, y.executed, y.cumulative, y.source_rows, y.rows_by_month) for y in learned] == [
            e for e in expected if e[2] > 0
        ]
        assert left_out == [(e[0], pace.NOTHING_EXECUTED) for e in expected if e[2] <= 0]
