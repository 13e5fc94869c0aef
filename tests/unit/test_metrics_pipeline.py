"""metrics.pipeline and charts.pipeline against hand-computed figures, and on the bundled sample data."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from charts import pipeline as charts
from charts.palette import stage_colors
from loaders import load_file
from metrics import pipeline as m
from program import parse_program
from tests.support.frames import BABY, EOK, JO, PRE, PROGRAM, UNICORN, companies_frame

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture
def companies():
    return companies_frame()


JUNE, SEPT = pd.Timestamp("2025-06-30"), pd.Timestamp("2025-09-30")


def test_dates_and_snapshot(companies):
    assert m.as_of_dates(companies) == [SEPT, JUNE]
    assert m.snapshot(companies, "2025-09-30")["company"].tolist() == ["A", "B", "C", "E"]


def test_stage_totals(companies):
    assert m.stage_totals(companies, SEPT, PROGRAM) == {BABY: 2, PRE: 1, UNICORN: 1}
    assert m.stage_totals(companies, JUNE, PROGRAM) == {BABY: 2, PRE: 2, UNICORN: 0}


def test_the_total_tile_counts_every_company_and_matches_its_source_rows(companies):
    """전체 기업 is every company at the date, as its 출처 lists, even one whose stage is none of the ladder's."""
    odd = companies.copy()
    odd.loc[odd["company"] == "E", "stage"] = None
    counts, traced = m.stage_counts(odd, SEPT, PROGRAM), m.stage_figures(odd, SEPT, PROGRAM)
    assert counts == {"total": 4, BABY: 1, PRE: 1, UNICORN: 1}  # E (아기유니콘) has no stage now
    assert {name: figure.value for name, figure in traced.items()} == counts
    assert len(traced["total"].source_rows) == 4
    change = m.stage_changes(odd, SEPT, JUNE, PROGRAM)["total"]
    assert change is not None and change.value == 4 - 4


def test_stage_by_sector_in_programme_order(companies):
    table = m.stage_by_sector(companies, SEPT, PROGRAM)
    assert table[["sector", "stage", "companies"]].values.tolist() == [
        ["모빌리티", PRE, 1], ["헬스케어", BABY, 1], ["에너지", UNICORN, 1], ["공공서비스", BABY, 1],
    ]  # fmt: skip
    june = m.stage_by_sector(companies, JUNE, PROGRAM)
    assert june[june["sector"] == "에너지"][["stage", "companies"]].values.tolist() == [[BABY, 1], [PRE, 1]]


def test_ordered_sectors_puts_unknown_last():
    assert m.ordered_sectors(["기타B", "에너지", "기타A", "모빌리티"], PROGRAM) == [
        "모빌리티",
        "에너지",
        "기타A",
        "기타B",
    ]


def test_movement(companies):
    moves = m.movement(companies, JUNE, SEPT, PROGRAM)
    assert moves[["company", "movement"]].values.tolist() == [
        ["C", "up"], ["A", "up"], ["B", "down"], ["E", "new"], ["D", "left"],
    ]  # fmt: skip
    c = moves.set_index("company").loc["C"]
    assert (c["stage_before"], c["stage_after"]) == (PRE, UNICORN)
    assert (c["valuation_before"], c["valuation_after"]) == (9_500 * EOK, JO)
    assert (c["source_row_before"], c["source_row_after"]) == (4, 8)
    e = moves.set_index("company").loc["E"]
    assert pd.isna(e["stage_before"]) and pd.isna(e["valuation_before"]) and e["valuation_after"] == 50 * EOK
    d = moves.set_index("company").loc["D"]
    assert d["sector"] == "에너지" and pd.isna(d["valuation_after"]) and d["valuation_before"] == 100 * EOK
    assert m.movement_counts(moves) == {"up": 2, "down": 1, "new": 1, "left": 1, "same": 0}


def test_movement_same_date_is_all_same(companies):
    moves = m.movement(companies, SEPT, SEPT, PROGRAM)
    assert m.movement_counts(moves) == {"up": 0, "down": 0, "new": 0, "left": 0, "same": 4}


def test_watch_list(companies):
    watch = m.watch_list(companies, SEPT, PROGRAM)
    # B: 950억 ÷ 1,000억 = 0.95; A: 1,100억 ÷ 1조 = 0.11; E: 50억 ÷ 1,000억 = 0.05; C is a unicorn (no next stage)
    assert watch["company"].tolist() == ["B", "A", "E"]
    assert watch["ratio"].tolist() == pytest.approx([0.95, 0.11, 0.05])
    assert watch["next_stage"].tolist() == [PRE, UNICORN, PRE]
    assert watch["next_floor"].tolist() == [1_000 * EOK, JO, 1_000 * EOK]
    assert watch["gap"].tolist() == [50 * EOK, 8_900 * EOK, 950 * EOK]
    assert watch["source_row"].tolist() == [7, 6, 9]
    assert m.watch_list(companies, SEPT, PROGRAM, n=1)["company"].tolist() == ["B"]


def test_watch_list_ties_and_a_stage_lower_than_the_valuation():
    rows = [
        ("2025-09-30", "X", "에너지", 500 * EOK, BABY, 2),  # 0.5
        ("2025-09-30", "Y", "에너지", 5_000 * EOK, PRE, 3),  # 0.5, larger valuation first
        ("2025-09-30", "W", "에너지", 500 * EOK, BABY, 4),  # 0.5, same valuation as X: by name
        ("2025-09-30", "Z", "에너지", 1_200 * EOK, BABY, 5),  # file says 아기유니콘: 1.2, gap −200억
    ]
    watch = m.watch_list(companies_frame(rows), "2025-09-30", PROGRAM)
    assert watch["company"].tolist() == ["Z", "Y", "W", "X"]
    assert watch.iloc[0]["gap"] == -200 * EOK


def test_thresholds_come_from_the_programme(companies):
    text = """
[[phases]]
number = 1
name = "1단계"
first_year = 2020
last_year = 2029
[industries]
names = ["모빌리티", "헬스케어", "에너지", "문화콘텐츠", "공공서비스"]
[funding]
sources = ["국비"]
[k_unicorn]
stages = ["아기유니콘", "예비유니콘", "유니콘"]
floors_krw = [0, 200_000_000_000, 2_000_000_000_000]
"""
    other = parse_program(text)
    watch = m.watch_list(companies, SEPT, other)
    assert watch.set_index("company").loc["B", "ratio"] == pytest.approx(950 / 2_000)
    assert watch.set_index("company").loc["B", "gap"] == 1_050 * EOK


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
    # by valuation at each company's latest date: C 1조, A 1,100억, B 950억, D 100억 (June), E 50억
    assert m.companies(companies) == ["C", "A", "B", "D", "E"]
    assert m.companies(companies, SEPT) == ["C", "A", "B", "E"]


# --- charts -------------------------------------------------------------------------------------------------


def _data(spec: dict) -> list[dict]:
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def test_stage_chart(companies):
    table = m.stage_by_sector(companies, SEPT, PROGRAM)
    sectors = m.ordered_sectors(table["sector"], PROGRAM)
    spec = charts.stage_chart(table, sectors, SEPT, PROGRAM, "ko").to_dict()
    assert spec["title"] == "산업분야별 성장단계 (2025. 9. 30.)"
    assert spec["layer"][0]["encoding"]["x"]["sort"] == ["모빌리티", "헬스케어", "에너지", "공공서비스"]
    color = spec["layer"][0]["encoding"]["color"]["scale"]
    assert color["domain"] == [BABY, PRE, UNICORN]
    assert color["range"] == [stage_colors()[s] for s in color["domain"]]
    assert sum(r["companies"] for r in _data(spec)) == 4
    assert spec["autosize"]["type"] == "fit-x"
    english = charts.stage_chart(table, sectors, SEPT, PROGRAM, "en").to_dict()
    assert english["title"] == "Stage by sector (30 Sep 2025)"


def test_watch_chart(companies):
    spec = charts.watch_chart(m.watch_list(companies, SEPT, PROGRAM), "ko").to_dict()
    rows = [r for r in _data(spec) if "company" in r and "seg_mark" not in r]
    assert [(r["company"], r["ratio_label"], r["gap_label"]) for r in rows] == [
        ("B", "95.0%", "50억원"), ("A", "11.0%", "8,900억원"), ("E", "5.0%", "950억원"),
    ]  # fmt: skip
    bars = spec["layer"][0]["encoding"]
    assert bars["color"]["scale"]["domain"] == [BABY, PRE]  # no unicorn on a watch list
    # the stage not by colour alone: its first letter at the start of each bar, in ink that reads on the bar
    marks = spec["layer"][1]
    assert marks["mark"]["type"] == "text" and marks["encoding"]["text"]["field"] == "seg_mark"
    assert marks["encoding"]["x"] == {"datum": 0}
    marked = {r["company"]: (r["seg_mark"], r["stage_name"]) for r in _data(spec) if "seg_mark" in r}
    assert marked == {c: (r["stage_name"][0], r["stage_name"]) for c, r in ((r["company"], r) for r in rows)}
    assert {mark for mark, _ in marked.values()} <= {BABY[0], PRE[0]}
    assert any(r.get("ratio") == 1.0 and "label" in r for r in _data(spec))  # the 100% rule


def test_money_history_chart(companies):
    history = m.company_history(companies, "C")
    spec = charts.money_history_chart(history, PROGRAM, "ko").to_dict()
    rows = _data(spec)
    valuation = [r for r in rows if r.get("measure") == "기업가치"]
    assert [(r["eok"], r["value_label"], r["exact_label"]) for r in valuation] == [
        (9_500.0, "9,500억원", "950,000,000,000원"), (10_000.0, "1조원", "1,000,000,000,000원"),
    ]  # fmt: skip
    assert not [r for r in rows if r.get("measure") == "매출액"]  # revenue missing: no points invented
    floors = [r["label"] for r in rows if "label" in r]
    assert floors == ["예비유니콘 하한 1,000억원", "유니콘 하한 1조원"]
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


def _stage(valuation_eok: str) -> str:
    won = int(valuation_eok) * EOK
    return UNICORN if won >= PROGRAM.stage_floors_krw[2] else PRE if won >= PROGRAM.stage_floors_krw[1] else BABY


def test_sample_stages_against_raw_csv(sample):
    latest = [r for r in _raw() if r["기준일"] == "2026-09-30"]
    expected = {stage: sum(1 for r in latest if _stage(r["기업가치(억원)"]) == stage) for stage in PROGRAM.stages}
    assert m.stage_totals(sample, "2026-09-30", PROGRAM) == expected == {BABY: 31, PRE: 8, UNICORN: 1}


def test_sample_movement_and_watch_list(sample):
    raw = _raw()
    before = {r["기업명"]: r for r in raw if r["기준일"] == "2026-06-30"}
    after = {r["기업명"]: r for r in raw if r["기준일"] == "2026-09-30"}
    moves = m.movement(sample, "2026-06-30", "2026-09-30", PROGRAM).set_index("company")
    up = sorted(c for c in before.keys() & after.keys()
                if PROGRAM.stages.index(_stage(after[c]["기업가치(억원)"])) > PROGRAM.stages.index(_stage(before[c]["기업가치(억원)"])))  # fmt: skip
    assert sorted(moves.index[moves["movement"] == "up"]) == up == ["빛고을모빌리티"]
    assert moves.loc["빛고을모빌리티", "valuation_after"] == int(after["빛고을모빌리티"]["기업가치(억원)"]) * EOK
    assert sorted(moves.index[moves["movement"] == "new"]) == sorted(after.keys() - before.keys())

    latest = [r for r in raw if r["기준일"] == "2026-09-30" and _stage(r["기업가치(억원)"]) != UNICORN]
    floor = {BABY: PROGRAM.stage_floors_krw[1], PRE: PROGRAM.stage_floors_krw[2]}
    best = max(latest, key=lambda r: int(r["기업가치(억원)"]) * EOK / floor[_stage(r["기업가치(억원)"])])
    watch = m.watch_list(sample, "2026-09-30", PROGRAM)
    assert watch.iloc[0]["company"] == best["기업명"] == "송정모빌리티"
    assert watch.iloc[0]["gap"] == floor[BABY] - int(best["기업가치(억원)"]) * EOK == 100 * EOK
    assert len(watch) == 10
