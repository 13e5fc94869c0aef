"""The budget page's logic without its widgets: the filter cascade (metrics.budget_filters), the headline tiles'
figures and deltas (metrics.budget.headline_figures), and the property the page once asserted at run time: the
traced tiles (the 출처 dialog's figures) equal the page's summary."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pandas as pd
import pytest

from loaders import load_file
from metrics import budget as m
from metrics import budget_filters as cascade
from metrics.as_of import data_as_of
from metrics.figures import traced_sum
from program import load_program
from tests.support.budget_frames import FEB_END, TINY, frame

REPO = Path(__file__).resolve().parents[2]
PROGRAM = load_program()


@pytest.fixture(scope="module")
def sample() -> tuple[pd.DataFrame, dt.date]:
    raw = load_file((REPO / "data" / "budget.xlsx").read_bytes(), "budget.xlsx").frame
    return m.prepare(raw, PROGRAM), data_as_of("budget", raw, dt.date(2026, 12, 31))


def selections(budget: pd.DataFrame, year: int) -> list[m.Selection]:
    """All, each phase, each strategy, each source, one programme, and strategy × source."""
    rows = budget[budget["year"] == year]
    out = [m.Selection()]
    out += [m.Selection(phase=p) for p in cascade.phase_options(budget)]
    out += [m.Selection(strategy=s) for s in rows["strategy"].unique()]
    out += [m.Selection(sources=(s,)) for s in budget["source"].unique()]
    out += [m.Selection(programs=(rows["program"].iloc[0],))]
    out += [
        m.Selection(strategy=s, sources=(src,))
        for s, src in itertools.product(rows["strategy"].unique()[:2], budget["source"].unique())
    ]
    return out


def assert_tiles_match_summary(budget: pd.DataFrame, selection: m.Selection, year: int, as_of: dt.date) -> None:
    page = m.page_figures(budget, selection, year, as_of)
    traced = m.headline_figures(budget, selection, year, as_of, page, target=0.9)
    summary = page.summary
    # what the page asserted at run time: the traced tiles are the summary's figures
    assert (traced["planned_krw"].value, traced["executed_krw"].value) == (summary.planned, summary.executed)
    assert (traced["rate"].value, traced["gap"].value) == (summary.rate, summary.gap)
    assert (traced["projected_krw"].value, traced["projected_rate"].value) == (
        summary.projected,
        summary.projected_rate,
    )
    # and the sums re-add from their Excel rows
    assert traced_sum(traced["planned_krw"], budget) == summary.planned
    assert traced_sum(traced["executed_krw"], budget) == summary.executed


def test_traced_tiles_equal_the_summary_on_the_sample(sample):
    budget, as_of = sample
    for year in cascade.year_options(budget):
        for selection in selections(budget, year):
            assert_tiles_match_summary(budget, selection, year, as_of)


def test_traced_tiles_equal_the_summary_on_a_crafted_frame():
    # big and odd amounts (exact won beyond float precision once summed), an unknown source
    crafted = frame(
        [
            (2025, 1, 2, "전략1", "A", "국비", 9_007_199_254_740_993, 1),
            (2025, 2, 2, "전략1", "A", "국비", 3, 2),
            (2025, 2, 2, "전략2", "B", "기타", 7, 0),
            (2024, 5, 2, "전략2", "B", "국비", 11, 5),
        ]
    )
    for selection in (
        m.Selection(),
        m.Selection(strategy="전략1"),
        m.Selection(sources=("기타",)),
        m.Selection(phase=2),
    ):
        assert_tiles_match_summary(crafted, selection, 2025, FEB_END)
    page = m.page_figures(crafted, m.Selection(), 2025, FEB_END)
    assert page.summary.planned == 9_007_199_254_741_003


def test_headline_deltas_by_hand():
    # TINY: 2025 planned 1,200,003,601, executed 200,000,401 as of Feb; 2024 planned 500 (A only, December)
    page = m.page_figures(TINY, m.Selection(), 2025, FEB_END)
    d = m.headline_figures(TINY, m.Selection(), 2025, FEB_END, page, target=0.5)
    s = page.summary
    assert d["planned_delta"].value == s.planned - 500
    assert d["planned_delta"].parts[1].source_rows == (2,)
    assert d["executed_delta"].value == s.executed - s.planned_to_date == 200_000_401 - 1_200_003_601
    assert d["projected_delta"].value == s.projected - s.planned
    assert d["projected_rate_delta"].value == s.projected_rate - 0.5
    assert page.previous_rate == 0.0  # nothing of 2024 executed by the end of February
    assert d["rate_delta"].value == s.rate - 0.0
    assert d["rate_delta"].parts[1].parts[0].source_rows == ()
    assert d["gap_delta"].value == s.gap - page.gap_last_month


def test_headline_deltas_missing_without_a_year_before_or_a_target():
    page = m.page_figures(TINY, m.Selection(), 2024, dt.date(2024, 12, 31))
    d = m.headline_figures(TINY, m.Selection(), 2024, dt.date(2024, 12, 31), page, target=None)
    assert d["planned_delta"] is None and d["rate_delta"] is None and d["projected_rate_delta"] is None
    assert d["gap_delta"] is None  # December: no "month before" within a closed year


# --- the filter cascade ---------------------------------------------------------------------------------------


def test_cascade_on_the_crafted_frame():
    rows = frame(
        [
            (2024, 1, 1, "전략2", "Z", "국비", 1, 0),
            (2025, 1, 2, "미분류", "Y", "민자", 1, 0),
            (2025, 1, 2, "전략2", "X", "시비", 1, 0),
            (2025, 2, 2, "전략1", "W", "국비", 1, 0),
            (2026, 1, 2, "전략1", "V", "국비", 1, 0),
        ]
    )
    assert cascade.phase_options(rows) == [1, 2]
    assert cascade.year_options(cascade.in_phase(rows, 1)) == [2024]
    years = cascade.year_options(cascade.in_phase(rows, None))
    assert years == [2024, 2025, 2026]
    assert cascade.default_year(years, dt.date(2025, 6, 30)) == 2025
    assert cascade.default_year(years, dt.date(2030, 1, 31)) == 2026
    in_year = cascade.in_year(cascade.in_phase(rows, 2), 2025)
    assert cascade.strategy_options(in_year, ["전략1", "전략2", "전략3"]) == ["전략1", "전략2", "미분류"]
    assert cascade.program_options(in_year) == ["Y", "W", "X"]  # by strategy name, then programme
    assert cascade.program_options(cascade.in_strategy(in_year, "전략2")) == ["X"]
    assert cascade.source_options(rows, ["국비", "시비", "도비"]) == ["국비", "시비", "도비", "민자"]


def test_cascade_on_the_sample(sample):
    budget, _as_of = sample
    for phase in [None, *cascade.phase_options(budget)]:
        in_phase = cascade.in_phase(budget, phase)
        for year in cascade.year_options(in_phase):
            in_year = cascade.in_year(in_phase, year)
            strategies = cascade.strategy_options(in_year, PROGRAM.strategies)
            assert set(strategies) == set(in_year["strategy"])
            known = [s for s in strategies if s in PROGRAM.strategies]
            assert known == [s for s in dict.fromkeys(PROGRAM.strategies) if s in known]
            for strategy in [None, *strategies]:
                programs = cascade.program_options(cascade.in_strategy(in_year, strategy))
                assert programs and len(programs) == len(set(programs))
                assert set(programs) <= set(in_year["program"])
    sources = cascade.source_options(budget, PROGRAM.funding_sources)
    assert sources[: len(PROGRAM.funding_sources)] == list(PROGRAM.funding_sources)
    assert set(budget["source"]) <= set(sources)
