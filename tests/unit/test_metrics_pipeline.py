"""metrics.pipeline and charts.pipeline against hand-computed figures, and on the bundled sample data."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from charts import pipeline as charts
from charts.palette import stage_colors
from loaders import load_file
from metrics import pipeline as m
from metrics.selections import entry_gaps, highest_selection_counts, staged, unicorn_count
from tests.support.frames import BABY, EOK, G_UNICORN, JO, NEVER, PRE, PROGRAM, companies_frame

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture
def companies():
    return companies_frame()


JUNE, SEPT = pd.Timestamp("2025-06-30"), pd.Timestamp("2025-09-30")


def test_dates_and_snapshot(companies):
    assert m.as_of_dates(companies) == [SEPT, JUNE]
    assert m.snapshot(companies, "2025-09-30")["company"].tolist() == ["A", "B", "C", "E"]


def test_stage_totals_are_highest_selections(companies):
    # September: A 예비유니콘 (2025 선정, counted from 2025-07-31), C 예비유니콘 (2024) and a unicorn by valuation
    # (a status, not a stage), B 아기유니콘 (2023), E never selected. June: A was still 아기유니콘 (2024), D never.
    assert m.stage_totals(companies, SEPT, PROGRAM) == {NEVER: 1, G_UNICORN: 0, BABY: 1, PRE: 2}
    assert m.stage_totals(companies, JUNE, PROGRAM) == {NEVER: 1, G_UNICORN: 0, BABY: 2, PRE: 1}


def test_the_total_tile_counts_every_company_and_matches_its_source_rows(companies):
    """전체 기업 is every company at the date, as its 출처 lists, even one whose stage is none of the ladder's."""
    odd = companies.copy()
    odd.loc[odd["company"] == "E", "stage"] = None
    counts, traced = m.stage_counts(odd, SEPT, PROGRAM), m.stage_figures(odd, SEPT, PROGRAM)
    assert counts == {"total": 4, NEVER: 0, G_UNICORN: 0, BABY: 1, PRE: 2}  # E has no stage now
    assert {name: figure.value for name, figure in traced.items()} == counts
    assert len(traced["total"].source_rows) == 4
    assert traced[PRE].source_rows == (6, 8) and traced[PRE].key == f"stage_count.{PRE}"
    change = m.stage_changes(odd, SEPT, JUNE, PROGRAM)["total"]
    assert change is not None and change.value == 4 - 4


def test_stage_by_sector_in_programme_order(companies):
    table = m.stage_by_sector(companies, SEPT, PROGRAM)
    assert table[["sector", "stage", "companies"]].values.tolist() == [
        ["모빌리티", PRE, 1], ["헬스케어", BABY, 1], ["에너지", PRE, 1], ["공공서비스", NEVER, 1],
    ]  # fmt: skip
    june = m.stage_by_sector(companies, JUNE, PROGRAM)
    assert june[june["sector"] == "에너지"][["stage", "companies"]].values.tolist() == [[NEVER, 1], [PRE, 1]]


def test_ordered_sectors_puts_unknown_last():
    assert m.ordered_sectors(["기타B", "에너지", "기타A", "모빌리티"], PROGRAM) == [
        "모빌리티",
        "에너지",
        "기타A",
        "기타B",
    ]


def test_movement_says_whether_a_move_is_a_selection_or_a_valuation(companies):
    moves = m.movement(companies, JUNE, SEPT, PROGRAM)
    assert moves[["company", "movement", "basis"]].values.tolist() == [
        ["C", "up", "valuation"], ["A", "up", "selection"], ["E", "new", ""], ["D", "left", ""], ["B", "same", ""],
    ]  # fmt: skip
    c = moves.set_index("company").loc["C"]
    assert (c["stage_before"], c["stage_after"]) == (PRE, PRE)  # the same selection: the unicorn status moved
    assert (bool(c["unicorn_before"]), bool(c["unicorn_after"])) == (False, True)
    assert (c["valuation_before"], c["valuation_after"]) == (9_500 * EOK, JO)
    assert (c["source_row_before"], c["source_row_after"]) == (4, 8)
    a = moves.set_index("company").loc["A"]
    assert (a["stage_before"], a["selected_year_before"], a["stage_after"], a["selected_year_after"]) == (
        BABY, 2024, PRE, 2025,
    )  # fmt: skip
    e = moves.set_index("company").loc["E"]
    assert pd.isna(e["stage_before"]) and pd.isna(e["valuation_before"]) and e["valuation_after"] == 50 * EOK
    d = moves.set_index("company").loc["D"]
    assert d["sector"] == "에너지" and pd.isna(d["valuation_after"]) and d["valuation_before"] == 100 * EOK
    # B's valuation fell from 1,200억 to 950억: no move, its stage is its 2023 selection
    assert m.movement_counts(moves) == {"up": 2, "down": 0, "new": 1, "left": 1, "same": 1}


def test_a_never_selected_companys_estimate_band_moves_as_an_estimate():
    rows = [("2025-06-30", "X", "에너지", 250 * EOK, 2), ("2025-09-30", "X", "에너지", 320 * EOK, 3)]
    moves = m.movement(companies_frame(rows, []), JUNE, SEPT, PROGRAM)
    assert moves[["company", "movement", "basis", "stage_before", "stage_after"]].values.tolist() == [
        ["X", "up", "estimate", NEVER, NEVER]
    ]
    assert (moves.loc[0, "estimate_floor_before"], moves.loc[0, "estimate_floor_after"]) == (0, 300 * EOK)


def test_movement_same_date_is_all_same(companies):
    moves = m.movement(companies, SEPT, SEPT, PROGRAM)
    assert m.movement_counts(moves) == {"up": 0, "down": 0, "new": 0, "left": 0, "same": 4}


def test_company_history_jobs_and_names(companies):
    history = m.company_history(companies, "A")
    assert history["as_of"].tolist() == [JUNE, SEPT] and history["source_row"].tolist() == [2, 6]
    jobs = pd.DataFrame(
        {
            "month": pd.to_datetime(["2025-02-01", "2025-01-01", "2025-01-01"]).astype("datetime64[s]"),
            "company": ["A", "A", "B"],
            "sector": ["모빌리티", "모빌리티", "헬스케어"],
            "new_hires": pd.array([1, 2, 3], dtype="Int64"),
            "headcount": pd.array([11, 10, 30], dtype="Int64"),
            "local_hires": pd.array([0, 1, 1], dtype="Int64"),
            "source_row": [3, 2, 4],
        }
    )
    a_jobs = m.company_jobs(jobs, "A")
    assert a_jobs["headcount"].tolist() == [10, 11] and a_jobs["new_hires"].tolist() == [2, 1]
    assert m.company_jobs(jobs, "Q").empty and m.company_jobs(None, "A").empty
    # by stage at each company's latest date (예비: C, A; 아기: B; never: D in June, E), then valuation
    assert m.companies(companies, PROGRAM) == ["C", "A", "B", "D", "E"]
    assert m.companies(companies, PROGRAM, SEPT) == ["C", "A", "B", "E"]


# --- charts -------------------------------------------------------------------------------------------------


def _data(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def test_stage_chart(companies):
    table = m.stage_by_sector(companies, SEPT, PROGRAM)
    sectors = m.ordered_sectors(table["sector"], PROGRAM)
    spec = charts.stage_chart(table, sectors, SEPT, PROGRAM, "ko").to_dict()
    assert spec["title"] == "산업분야별 최고 선정 단계 (2025. 9. 30.)"
    assert spec["layer"][0]["encoding"]["x"]["sort"] == ["모빌리티", "헬스케어", "에너지", "공공서비스"]
    color = spec["layer"][0]["encoding"]["color"]["scale"]
    assert color["domain"] == [NEVER, BABY, PRE]
    assert color["range"] == [stage_colors()[s] for s in color["domain"]]
    assert sum(r["companies"] for r in _data(spec)) == 4
    assert spec["autosize"]["type"] == "fit-x"
    english = charts.stage_chart(table, sectors, SEPT, PROGRAM, "en").to_dict()
    assert english["title"] == "Highest selection by sector (30 Sep 2025)"


def test_gap_chart(companies):
    gaps = entry_gaps(companies, SEPT, PROGRAM, dt.date(2025, 10, 1))
    spec = charts.gap_chart(gaps, "ko").to_dict()
    rows = [r for r in _data(spec) if "company" in r and "seg_mark" not in r]
    # B: 누적투자 190억 ÷ 예비유니콘 기준 50억 (met); E: 10억 ÷ 아기유니콘 기준 20억
    assert [(r["company"], r["ratio_label"], r["gap_label"], r["criterion"]) for r in rows] == [
        ("B", "380.0%", "0원", "누적투자"), ("E", "50.0%", "10억원", "누적투자"),
    ]  # fmt: skip
    marks = spec["layer"][1]
    assert marks["mark"]["type"] == "text" and marks["encoding"]["text"]["field"] == "seg_mark"
    marked = {r["company"]: r["seg_mark"] for r in _data(spec) if "seg_mark" in r}
    assert marked == {"B": BABY[0], "E": NEVER[0]}
    assert any(r.get("ratio") == 1.0 and "label" in r for r in _data(spec))  # the 100% rule


def test_money_history_chart(companies):
    history = m.company_history(companies, "C")
    spec = charts.money_history_chart(
        history, [("예비유니콘 신청 기준: 기업가치 1,000억원", 1_000 * EOK)], "ko"
    ).to_dict()
    rows = _data(spec)
    valuation = [r for r in rows if r.get("measure") == "기업가치 (추정)"]
    assert [(r["eok"], r["value_label"], r["exact_label"]) for r in valuation] == [
        (9_500.0, "9,500억원", "950,000,000,000원"), (10_000.0, "1조원", "1,000,000,000,000원"),
    ]  # fmt: skip
    assert not [r for r in rows if r.get("measure") == "매출액"]  # revenue missing: no points invented
    assert [r["label"] for r in rows if "label" in r] == ["예비유니콘 신청 기준: 기업가치 1,000억원"]
    assert valuation[0]["as_of"] == "2025-06-30T00:00:00"


def test_people_charts(companies):
    history = m.company_history(companies, "A")
    spec = charts.employees_chart(history, "ko").to_dict()
    assert [(r["when_label"], r["value_label"]) for r in _data(spec)] == [
        ("2025. 6. 30.", "10명"),
        ("2025. 9. 30.", "14명"),
    ]
    jobs = pd.DataFrame(
        {
            "month": pd.to_datetime(["2025-01-01", "2025-02-01"]).astype("datetime64[s]"),
            "headcount": pd.array([10, 11], dtype="Int64"),
            "new_hires": pd.array([2, 1], dtype="Int64"),
            "local_hires": pd.array([1, 0], dtype="Int64"),
            "source_row": [2, 3],
        }
    )
    bars = charts.new_hires_chart(jobs, "ko").to_dict()
    assert [(r["when_label"], r["value"], r["when_end"]) for r in _data(bars)] == [
        ("2025년 1월", 2, "2025-02-01T00:00:00"), ("2025년 2월", 1, "2025-03-01T00:00:00"),
    ]  # fmt: skip
    line = charts.headcount_chart(jobs, "en").to_dict()
    assert line["title"] == "Headcount (monthly, jobs data)"
    assert [r["value_label"] for r in _data(line)] == ["10 people", "11 people"]


# --- bundled sample data ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    result = load_file((DATA / "companies.csv").read_bytes(), "companies.csv")
    assert result.ok
    return result.frame


def _raw() -> list[dict[str, str]]:
    with open(DATA / "companies.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _raw_selections() -> list[dict[str, str]]:
    with open(DATA / "selections.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _highest_by_hand(as_of: str) -> dict[str, str]:
    """Company → its highest selection by `as_of`, from the raw CSV: a year's selection counts from the end of its
    programme's selection month (아기유니콘 April, 예비유니콘 July, G-유니콘 May in program.toml)."""
    counts_from = {"G-유니콘": "05-31", "아기유니콘": "04-30", "예비유니콘": "07-31"}
    ladder = ["G-유니콘", "아기유니콘", "예비유니콘"]
    best: dict[str, str] = {}
    for r in _raw_selections():
        made = f"{r['선정연도']}-{counts_from[r['사업명']]}" <= as_of
        if made and (r["기업명"] not in best or ladder.index(r["사업명"]) > ladder.index(best[r["기업명"]])):
            best[r["기업명"]] = r["사업명"]
    return best


@pytest.fixture(scope="module")
def sample_selections() -> pd.DataFrame:
    result = load_file((DATA / "selections.csv").read_bytes(), "selections.csv")
    assert result.ok and result.dataset == "selections"
    return result.frame


def test_sample_stages_against_raw_csv(sample, sample_selections):
    staged_sample = staged(sample, sample_selections, PROGRAM)
    latest = {r["기업명"] for r in _raw() if r["기준일"] == "2026-09-30"}
    for as_of, expected in (
        ("2026-09-30", {NEVER: 24, G_UNICORN: 8, BABY: 4, PRE: 4}),
        ("2026-06-30", {NEVER: 24, G_UNICORN: 8, BABY: 5, PRE: 3}),  # 첨단그리드에이아이: 예비유니콘 in July
    ):
        best = _highest_by_hand(as_of)
        by_hand = {s: sum(1 for c in latest if best.get(c, NEVER) == s) for s in PROGRAM.stages}
        assert m.stage_totals(staged_sample, as_of, PROGRAM) == by_hand == expected
    assert highest_selection_counts(sample_selections, "2026-09-30") == {G_UNICORN: 8, BABY: 4, PRE: 4}
    assert unicorn_count(staged_sample, "2026-09-30") == 1  # 빛고을모빌리티, 1조 1,400억원


def test_sample_movement(sample, sample_selections):
    staged_sample = staged(sample, sample_selections, PROGRAM)
    moves = m.movement(staged_sample, "2026-06-30", "2026-09-30", PROGRAM).set_index("company")
    up = moves[moves["movement"] == "up"]
    assert up["basis"].to_dict() == {"빛고을모빌리티": "valuation", "첨단그리드에이아이": "selection"}
    after = {r["기업명"]: r for r in _raw() if r["기준일"] == "2026-09-30"}
    assert moves.loc["빛고을모빌리티", "valuation_after"] == int(after["빛고을모빌리티"]["기업가치(억원)"]) * EOK
    assert moves.loc["첨단그리드에이아이", "selected_year_after"] == 2026
    assert (moves["movement"] == "down").sum() == 0
