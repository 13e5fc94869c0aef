"""metrics.jobs and charts.jobs against hand-computed figures, and on the bundled sample data."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from charts import jobs as charts
from charts.palette import EXECUTED, TARGET, sector_colors
from loaders import load_file
from metrics import jobs as m
from tests.support.frames import jobs_frame

DATA = Path(__file__).resolve().parents[2] / "data"


def targets_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "metric": ["jobs_created", "jobs_created", "companies"],
            "year": pd.array([2024, 2025, 2025], dtype="Int64"),
            "target": pd.array([3.0, 20.0, 5.0], dtype="Float64"),
            "source_row": [2, 3, 4],
        }
    )


@pytest.fixture
def jobs():
    return jobs_frame()


# --- hand-made frame ----------------------------------------------------------------------------------------


def test_years_and_default_year(jobs):
    assert m.years(jobs) == [2024, 2025]
    assert m.default_year(jobs, dt.date(2025, 6, 1)) == 2025
    assert m.default_year(jobs, dt.date(2027, 1, 1)) == 2025  # no 2027 data: the latest year


def test_jobs_created_is_sum_of_new_hires(jobs):
    assert m.jobs_created(jobs, 2025) == 2 + 0 + 3 + 4 + 1 + 2 + 5  # 17
    assert m.jobs_created(jobs, 2024) == 1


def test_target_progress(jobs):
    progress = m.target_progress(jobs, targets_frame(), 2025)
    assert progress.created == 17
    assert progress.target == 20.0  # the jobs_created row, not the companies row
    assert progress.ratio == pytest.approx(0.85)
    assert progress.remaining == 3
    assert progress.through == pd.Timestamp("2025-03-01")
    assert progress.months_reported == 3
    assert not progress.complete


def test_target_progress_without_target(jobs):
    assert m.target_progress(jobs, None, 2025).ratio is None
    assert m.annual_target(targets_frame(), 2030) is None
    assert m.target_progress(jobs, targets_frame(), 2024).ratio == pytest.approx(1 / 3)


def test_monthly_totals(jobs):
    monthly = m.monthly_totals(jobs, 2025)
    assert monthly["month"].tolist() == [pd.Timestamp(f"2025-0{i}-01") for i in (1, 2, 3)]
    assert monthly["new_hires"].tolist() == [6, 6, 5]
    assert monthly["headcount"].tolist() == [32, 34, 34]
    assert monthly["local_hires"].tolist() == [4, 5, 3]  # February: 0 + (unknown) + 5
    assert monthly["cumulative_new_hires"].tolist() == [6, 12, 17]
    assert monthly["companies"].tolist() == [2, 3, 2]


def test_monthly_by_sector_and_company(jobs):
    by_sector = m.monthly_by(jobs, 2025, "sector")
    feb = by_sector[by_sector["month"] == pd.Timestamp("2025-02-01")].set_index("sector")
    assert feb["new_hires"].to_dict() == {"모빌리티": 0, "에너지": 5, "헬스케어": 1}
    assert feb["headcount"].to_dict() == {"모빌리티": 11, "에너지": 5, "헬스케어": 18}
    assert pd.isna(feb.loc["헬스케어", "local_hires"])  # the only row has no local hires
    by_company = m.monthly_by(jobs, 2025, "company")
    assert len(by_company) == 7
    with pytest.raises(ValueError):
        m.monthly_by(jobs, 2025, "month")


def test_company_month_table(jobs):
    table = m.company_month_table(jobs, 2025, "new_hires")
    assert table["company"].tolist() == ["A", "C", "B"]  # by sector (모빌리티, 에너지, 헬스케어), then name
    months = [pd.Timestamp(f"2025-0{i}-01") for i in (1, 2, 3)]
    a = table.set_index("company").loc["A"]
    assert [a[mo] for mo in months] == [2, 0, 3] and a["total"] == 5
    c = table.set_index("company").loc["C"]
    assert pd.isna(c[months[0]]) and c[months[1]] == 5 and pd.isna(c[months[2]]) and c["total"] == 5
    headcount = m.company_month_table(jobs, 2025, "headcount")
    assert "total" not in headcount.columns
    assert headcount.set_index("company").loc["B", months[1]] == 18


def test_headcount_and_change(jobs):
    assert m.headcount_at(jobs, "2025-03") == 14 + 20
    latest = m.latest_headcount(jobs, 2025)
    assert latest.month == pd.Timestamp("2025-03-01")
    assert (latest.headcount, latest.previous_headcount, latest.change) == (34, 34, 0)
    first = m.latest_headcount(jobs, 2024)
    assert (first.headcount, first.previous_headcount, first.change) == (10, None, None)  # no November 2024 rows
    assert m.latest_headcount(jobs, 2030) is None


def test_missing_reports(jobs):
    assert m.missing_reports(jobs, "2025-03") == ["C"]
    assert m.missing_reports(jobs, "2025-02") == []


def test_local_hire_share_leaves_out_unknown_rows(jobs):
    share = m.local_hire_share(jobs, 2025)
    assert (share.local_hires, share.new_hires, share.rows_unknown) == (12, 16, 1)  # B's February row left out
    assert share.share == pytest.approx(0.75)
    empty = m.local_hire_share(jobs_frame([("2025-01", "X", "에너지", 0, 3, 0, 2)]), 2025)
    assert empty.share is None


def test_local_share_by_sector(jobs):
    table = m.local_share_by_sector(jobs, 2025).set_index("sector")
    assert table.loc["모빌리티", ["new_hires", "local_hires"]].tolist() == [5, 3]
    assert table.loc["헬스케어", ["new_hires", "local_hires"]].tolist() == [6, 4]
    assert table.loc["에너지", "share"] == pytest.approx(1.0)
    assert table.loc["헬스케어", "share"] == pytest.approx(4 / 6)


def test_top_employers(jobs):
    top = m.top_employers(jobs, 2025)
    assert top["company"].tolist() == ["B", "A"]  # C has no March row
    assert top["rank"].tolist() == [1, 2]
    assert top["headcount"].tolist() == [20, 14]
    assert top["change"].tolist() == [2, 3]
    assert top["new_hires"].tolist() == [7, 5]
    assert top["source_row"].tolist() == [8, 5]
    assert m.top_employers(jobs, 2025, n=1)["company"].tolist() == ["B"]


def test_top_employers_ties_by_name():
    rows = [("2025-01", "Z", "에너지", 0, 10, 0, 2), ("2025-01", "Y", "에너지", 0, 10, 0, 3)]
    assert m.top_employers(jobs_frame(rows), 2025)["company"].tolist() == ["Y", "Z"]


def test_job_losses(jobs):
    losses = m.job_losses(jobs, 2025)
    assert losses["company"].tolist() == ["B", "A"]  # same month: larger fall first
    assert losses["month"].tolist() == [pd.Timestamp("2025-02-01")] * 2
    assert losses["previous_headcount"].tolist() == [20, 12]
    assert losses["headcount"].tolist() == [18, 11]
    assert losses["change"].tolist() == [-2, -1]
    assert losses["source_row"].tolist() == [7, 4]
    assert losses["previous_source_row"].tolist() == [6, 3]
    assert m.job_losses(jobs, 2024).empty


def test_job_losses_january_compares_with_december_and_gaps_are_skipped():
    rows = [
        ("2024-12", "A", "에너지", 0, 10, 0, 2),
        ("2025-01", "A", "에너지", 0, 9, 0, 3),  # −1 against December 2024
        ("2025-03", "A", "에너지", 0, 5, 0, 4),  # no February row: not compared
    ]
    losses = m.job_losses(jobs_frame(rows), 2025)
    assert losses[["month", "change"]].values.tolist() == [[pd.Timestamp("2025-01-01"), -1]]


def test_filtered(jobs):
    assert set(m.filtered(jobs, ["헬스케어"])["company"]) == {"B"}
    assert set(m.filtered(jobs, [], "A")["company"]) == {"A"}
    assert len(m.filtered(jobs)) == len(jobs)
    assert m.jobs_created(m.filtered(jobs, ["모빌리티", "에너지"]), 2025) == 5 + 5


# --- charts -------------------------------------------------------------------------------------------------


def _data(spec: dict) -> list[dict]:
    """All rows of all datasets in a chart's dict."""
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def test_cumulative_chart(jobs):
    spec = charts.cumulative_chart(m.monthly_totals(jobs, 2025), 20.0, 2025, "ko").to_dict()
    assert spec["title"] == "2025년 누적 신규 일자리"
    rows = _data(spec)
    actual = [r for r in rows if r.get("series") == "누적 신규 일자리"]
    assert [(r["month_label"], r["value"], r["value_label"]) for r in actual] == [
        ("1월", 6, "6명"), ("2월", 12, "12명"), ("3월", 17, "17명"),
    ]  # fmt: skip
    pace = [r for r in rows if r.get("series") == "목표 달성 속도 (월 균등)"]
    assert len(pace) == 12 and pace[-1]["value"] == pytest.approx(20.0) and pace[2]["value"] == pytest.approx(5.0)
    assert any(r.get("label") == "연간 목표 20명" for r in rows)
    line = spec["layer"][0]["encoding"]
    assert line["color"]["scale"]["range"] == [EXECUTED, TARGET]
    assert line["x"]["scale"]["domain"][0] == "1월" and len(line["x"]["scale"]["domain"]) == 12
    assert spec["autosize"]["type"] == "fit-x"


def test_cumulative_chart_without_target_and_in_english(jobs):
    spec = charts.cumulative_chart(m.monthly_totals(jobs, 2025), None, 2025, "en").to_dict()
    assert spec["title"] == "Cumulative jobs created, 2025"
    assert len(spec["layer"]) == 1
    assert {r["series"] for r in _data(spec)} == {"Cumulative jobs created"}
    assert [r["month_label"] for r in _data(spec)] == ["Jan", "Feb", "Mar"]


def test_sector_charts_use_palette(jobs):
    by_sector = m.monthly_by(jobs, 2025, "sector")
    for builder in (charts.new_hires_chart, charts.headcount_chart):
        spec = builder(by_sector, 2025, "ko").to_dict()
        bars = spec["layer"][0]["encoding"]
        color = bars["color"]["scale"]
        assert color["domain"] == ["모빌리티", "헬스케어", "에너지"]  # programme order, present sectors only
        assert color["range"] == [sector_colors()[s] for s in color["domain"]]
        assert bars["y"]["axis"]["title"] == "명"
    rows = _data(charts.new_hires_chart(by_sector, 2025, "ko").to_dict())
    assert sum(r["value"] for r in rows) == 17
    rows = _data(charts.headcount_chart(by_sector, 2025, "ko").to_dict())
    assert sum(r["value"] for r in rows if r["month_label"] == "3월") == 34


def test_top_employers_and_local_share_charts(jobs):
    spec = charts.top_employers_chart(m.top_employers(jobs, 2025), "ko").to_dict()
    bars = list(_data(spec))
    assert [(r["company"], r["value_label"]) for r in bars] == [("B", "20명"), ("A", "14명")]
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["B", "A"]
    share = charts.local_share_chart(m.local_share_by_sector(jobs, 2025), 0.75, 2025, "ko").to_dict()
    labels = {r["sector"]: r["share_label"] for r in _data(share) if "sector" in r}
    assert labels == {"모빌리티": "60.0%", "에너지": "100.0%", "헬스케어": "66.7%"}
    assert any(r.get("label") == "75.0%" for r in _data(share))


# --- bundled sample data ------------------------------------------------------------------------------------


def _csv_rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def sample():
    jobs = load_file((DATA / "jobs.csv").read_bytes(), "jobs.csv")
    targets = load_file((DATA / "targets.csv").read_bytes(), "targets.csv")
    assert jobs.ok and targets.ok
    return jobs.frame, targets.frame


def test_sample_2026_against_raw_csv(sample):
    jobs, targets = sample
    raw = _csv_rows("jobs.csv")
    raw_2026 = [r for r in raw if r["기준월"].startswith("2026-")]
    created = sum(int(r["신규채용"]) for r in raw_2026)
    target = next(
        float(r["목표"]) for r in _csv_rows("targets.csv") if r["지표"] == "jobs_created" and r["연도"] == "2026"
    )
    progress = m.target_progress(jobs, targets, 2026)
    assert (progress.created, progress.target) == (created, target) == (878, 940.0)
    assert progress.ratio == pytest.approx(878 / 940)  # 93.4%
    assert progress.through == pd.Timestamp("2026-11-01")

    nov = sum(int(r["재직자수"]) for r in raw if r["기준월"] == "2026-11")
    oct_ = sum(int(r["재직자수"]) for r in raw if r["기준월"] == "2026-10")
    latest = m.latest_headcount(jobs, 2026)
    assert (latest.headcount, latest.previous_headcount, latest.change) == (nov, oct_, nov - oct_) == (2587, 2545, 42)

    local = sum(int(r["지역인재"]) for r in raw_2026)
    share = m.local_hire_share(jobs, 2026)
    assert (share.local_hires, share.new_hires) == (local, created) == (464, 878)


def test_sample_losses_and_top_employer(sample):
    jobs, _ = sample
    raw = _csv_rows("jobs.csv")
    by_key = {(r["기업명"], r["기준월"]): int(r["재직자수"]) for r in raw}
    expected = set()
    for (company, month), headcount in by_key.items():
        year, mon = int(month[:4]), int(month[5:])
        previous = f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"
        if year == 2026 and (company, previous) in by_key and headcount < by_key[(company, previous)]:
            expected.add((company, month, headcount - by_key[(company, previous)]))
    losses = m.job_losses(jobs, 2026)
    got = {(r.company, r.month.strftime("%Y-%m"), int(r.change)) for r in losses.itertuples()}
    assert got == expected and len(expected) == 69

    nov = {r["기업명"]: int(r["재직자수"]) for r in raw if r["기준월"] == "2026-11"}
    top = m.top_employers(jobs, 2026)
    assert top["headcount"].tolist() == sorted(nov.values(), reverse=True)[:10]
    assert top.iloc[0]["company"] == max(nov, key=nov.get) == "빛고을모빌리티"


def test_fractional_target_and_pace_are_not_truncated(jobs):
    spec = charts.cumulative_chart(m.monthly_totals(jobs, 2025), 6.5, 2025, "ko").to_dict()
    rows = _data(spec)
    assert any(r.get("label") == "연간 목표 6.5명" for r in rows)
    pace = {r["month_label"]: r["value_label"] for r in rows if r.get("series") == "목표 달성 속도 (월 균등)"}
    assert pace["1월"] == "0.5명"  # 6.5 ÷ 12 = 0.54…
    assert pace["6월"] == "3.3명"  # 3.25 rounds half-up
    assert pace["12월"] == "6.5명"
