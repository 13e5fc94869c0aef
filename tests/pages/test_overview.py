"""Overview figures: hand-computed on small frames, equal to the data on the page, and traceable to rows."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from loaders import load_file
from metrics import overview
from metrics.figures import traced_sum
from metrics.selections import highest_selection_counts, staged

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parents[1] / "fixtures"


def _budget(rows):
    frame = pd.DataFrame(rows, columns=["year", "month", "program", "planned_krw", "executed_krw"])
    return frame.astype({"year": "Int64", "month": "Int64", "planned_krw": "Int64", "executed_krw": "Int64"}).assign(
        source_row=range(5, 5 + len(rows))
    )


def test_budget_tiles_by_hand():
    budget = _budget(
        [
            (2026, 1, "A", 100, 90),
            (2026, 2, "A", 100, 80),
            (2026, 3, "A", 100, 0),
            (2026, 1, "B", 1_000_000_000_001, 500_000_000_000),
            (2025, 1, "A", 7, 7),
        ]
    )
    targets = pd.DataFrame({"metric": ["execution_rate"], "year": [2026], "target": [90.0]})
    tiles = overview.budget_tiles(budget, 2026, 2, targets)
    assert tiles["planned"].figure.value == 1_000_000_000_301  # whole year, every month
    assert tiles["executed"].figure.value == 500_000_000_170  # January and February
    assert tiles["executed"].previous.value == 500_000_000_090  # January only
    assert tiles["rate"].figure.value == pytest.approx(500_000_000_170 / 1_000_000_000_301)
    assert tiles["rate"].target == pytest.approx(0.9)
    assert overview.change(tiles["executed"]).value == 80


def test_jobs_tiles_by_hand():
    jobs = pd.DataFrame(
        {
            "month": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-02-01", "2025-12-01"]),
            "company": ["가", "가", "나", "가"],
            "new_hires": pd.array([3, 2, 5, 9], dtype="Int64"),
            "headcount": pd.array([10, 12, 5, 7], dtype="Int64"),
            "source_row": [2, 3, 4, 5],
        }
    )
    targets = pd.DataFrame({"metric": ["jobs_created"], "year": [2026], "target": [20.0]})
    tiles = overview.jobs_tiles(jobs, 2026, dt.date(2026, 2, 28), targets)
    assert tiles["created"].figure.value == 10 and tiles["created"].previous.value == 3
    assert tiles["created"].target == 20
    assert tiles["headcount"].figure.value == 17 and tiles["headcount"].previous.value == 10


def test_company_tiles_count_highest_selections_at_the_latest_date():
    """The tiles count selections (#35), never valuation bands: 가 was selected 예비유니콘 in 2026 (counted from
    2026-07-31), 나 아기유니콘 in 2025; 다 is valued at 1조 2,000억원 and never selected: a unicorn, no stage."""
    companies = pd.DataFrame(
        {
            "as_of": pd.to_datetime(["2026-06-30", "2026-06-30", "2026-09-30", "2026-09-30", "2026-09-30"]),
            "company": ["가", "나", "가", "나", "다"],
            "valuation_krw": pd.array([None, None, None, None, 1_200_000_000_000], dtype="Int64"),
            "source_row": [2, 3, 4, 5, 6],
        }
    )
    selections = pd.DataFrame(
        {
            "year": [2025, 2026, 2025],
            "programme": ["아기유니콘", "예비유니콘", "아기유니콘"],
            "company": ["가", "가", "나"],
            "source_row": [2, 3, 4],
        }
    )
    tiles = overview.company_tiles(companies, 2026, None, selections)
    assert list(tiles) == [
        "companies", "stage_count.G-유니콘", "stage_count.아기유니콘", "stage_count.예비유니콘", "stage_count.유니콘",
    ]  # fmt: skip
    assert tiles["companies"].figure.value == 3 and tiles["companies"].previous.value == 2
    assert tiles["stage_count.예비유니콘"].figure.value == 1 and tiles["stage_count.예비유니콘"].previous.value == 0
    assert tiles["stage_count.아기유니콘"].figure.source_rows == (5,)
    assert tiles["stage_count.아기유니콘"].previous.source_rows == (2, 3)
    assert tiles["stage_count.유니콘"].figure.source_rows == (6,)
    without = overview.company_tiles(companies, 2026, None)  # no selections data: nobody is on a stage
    assert [without[f"stage_count.{s}"].figure.value for s in ("G-유니콘", "아기유니콘", "예비유니콘")] == [0, 0, 0]


def test_milestones_merge_events_and_completions_without_repeating_one():
    events = pd.DataFrame(
        {"date": pd.to_datetime(["2023-11-30"]), "title": ["국가 AI 데이터센터 개소"], "kind": ["개소"]}
    )
    sites = pd.DataFrame(
        {
            "name": ["국가 AI 데이터센터", "AI 창업동", "빛고을에이아이"],
            "kind": ["데이터센터", "창업동", "기업"],
            "completion": pd.to_datetime(["2023-11-30", "2026-08-31", "2024-01-01"]),
        }
    )
    marks = overview.milestones(events, sites)
    assert list(marks["title"]) == ["국가 AI 데이터센터 개소", "AI 창업동"]


def _sample(name: str) -> pd.DataFrame:
    return load_file((REPO / "data" / name).read_bytes(), name).frame


@pytest.mark.parametrize("source", ["sample", "fixture"])
def test_every_headline_figure_traces_to_rows_that_sum_to_it(source):
    if source == "sample":
        budget, jobs, companies = _sample("budget.xlsx"), _sample("jobs.csv"), _sample("companies.csv")
        year, month, through = 2026, 11, dt.date(2026, 11, 30)
    else:  # title rows, unit note, 소계/합계 rows: the traced rows exclude the totals rows
        budget = load_file((FIXTURES / "budget_ehojo_style.xlsx").read_bytes(), "b.xlsx").frame
        jobs = load_file((FIXTURES / "jobs_monthly.csv").read_bytes(), "j.csv").frame
        companies = load_file((FIXTURES / "companies_cp949.csv").read_bytes(), "c.csv").frame
        year, month, through = 2025, 12, pd.Timestamp(jobs["month"].max()).date()
    tiles = {
        **overview.budget_tiles(budget, year, month, None),
        **overview.jobs_tiles(jobs, through.year, through, None),
        **overview.company_tiles(companies, through.year, None),
    }
    frames = {"budget": budget, "jobs": jobs, "companies": companies}
    for tile in tiles.values():
        for figure in (tile.figure, tile.previous):
            if figure is None:
                continue
            for part in figure.parts or (figure,):
                assert traced_sum(part, frames[part.dataset]) == part.value


def test_overview_page_shows_what_the_data_says(sample_store):
    app = AppTest.from_file(str(REPO / "views" / "overview.py"), default_timeout=60)
    app.run()
    assert not app.exception
    shown = {m.label: m.value for m in app.metric}
    budget = _sample("budget.xlsx")
    latest_month = int(budget.loc[(budget["year"] == 2026) & (budget["executed_krw"] > 0), "month"].max())
    year_rows = budget[budget["year"] == 2026]
    planned = int(year_rows["planned_krw"].sum())
    executed = int(year_rows.loc[year_rows["month"] <= latest_month, "executed_krw"].sum())
    assert shown["예산액(연간)"] == f"{planned / 10**8:,.1f}억원"
    assert shown["집행액(누계)"] == f"{executed / 10**8:,.1f}억원"
    assert shown["집행률"] == f"{executed / planned * 100:.1f}%"
    companies = _sample("companies.csv")
    latest = companies[companies["as_of"] == companies["as_of"].max()]
    assert shown["입주 기업"] == f"{len(latest)}개사"
    assert shown["유니콘 (상태)"] == f"{(latest['valuation_krw'] >= 10**12).sum()}개사" == "1개사"
    # selections (#35): the same counts as `python -m metrics pipeline` reads from data/selections.csv
    counts = highest_selection_counts(_sample("selections.csv"), latest["as_of"].iloc[0])
    assert {p: shown[f"{p} (최고 선정)"] for p in counts} == {p: f"{n}개사" for p, n in counts.items()}
    assert counts == {"G-유니콘": 8, "아기유니콘": 4, "예비유니콘": 4}
    assert any("샘플 데이터" in m.value for m in app.markdown)  # st.badge renders as a markdown badge


def test_jobs_and_pipeline_headline_figures_trace_to_rows_that_sum_to_them():
    from metrics import jobs as jobs_metrics
    from metrics import pipeline as pipeline_metrics
    from program import load_program

    jobs = _sample("jobs.csv")
    figures = jobs_metrics.headline_figures(jobs, 2026)
    assert figures["created"].value == jobs_metrics.jobs_created(jobs, 2026) == 878
    assert figures["headcount"].value == 2587
    share = jobs_metrics.local_hire_share(jobs, 2026)
    assert figures["local_share"].value == pytest.approx(share.local_hires / share.new_hires)
    for figure in figures.values():
        for part in figure.parts or (figure,):
            assert traced_sum(part, jobs) == part.value
    companies = staged(_sample("companies.csv"), _sample("selections.csv"))
    latest = companies["as_of"].max()
    stages = pipeline_metrics.stage_figures(companies, latest, load_program())
    assert stages["total"].value == sum(stages[s].value for s in load_program().stages) == 40
    for figure in stages.values():
        assert traced_sum(figure, companies) == figure.value


def test_source_panel_of_executed_budget_lists_rows_that_sum_to_the_figure(sample_store):
    app = AppTest.from_file(str(REPO / "views" / "overview.py"), default_timeout=60)
    # the rows behind a figure are shown to signed-in staff (a reader sees its version and formula: #36)
    app.secrets["auth"] = {"users": {"kim": {"email": "kim@example.org", "role": "staff", "display_name": "kim"}}}
    app.session_state["auth_signed_in"] = "kim"
    app.run()
    shown = next(m.value for m in app.metric if m.label == "집행액(누계)")
    app.button(key="source_budget_executed").click().run()
    assert not app.exception
    rows = app.dataframe[-1].value
    counted = rows["집계 값(원)"].astype("int64")
    budget = _sample("budget.xlsx")
    expected = budget[(budget["year"] == 2026) & (budget["month"] <= 11)]
    assert sorted(rows["엑셀 행"].astype(int)) == sorted(expected["source_row"])
    assert int(counted.sum()) == int(expected["executed_krw"].sum())
    assert shown == f"{int(counted.sum()) / 10**8:,.1f}억원"
    # The cells as written (천원, as in the file) times the unit note give the counted won.
    assert (rows["집행액"].str.replace(",", "").astype("int64") * 1000 == counted).all()
    assert any(f"{int(counted.sum()):,}원" in c.value for c in app.caption)


def test_attention_lists_on_the_sample_data():
    budget, jobs, companies = _sample("budget.xlsx"), _sample("jobs.csv"), _sample("companies.csv")
    flags = overview.attention(
        budget, jobs, companies, dt.date(2026, 11, 30), dt.date(2026, 11, 30), selections=_sample("selections.csv")
    )
    # 2026 through November, against the usual pace: no programme or strategy has three complete years, so each is
    # judged by the whole budget's 2020–2025 pattern (the mean share of a year's spending reached by the end of
    # November × the mean year-end rate); a programme lags when its rate is more than 10%p under that.
    earlier = budget[budget["year"] < 2026]
    by_year = earlier.groupby("year")
    share = (
        earlier[earlier["month"] <= 11].groupby("year")["executed_krw"].sum() / by_year["executed_krw"].sum()
    ).mean()
    final = (by_year["executed_krw"].sum() / by_year["planned_krw"].sum()).mean()
    year = budget[budget["year"] == 2026].groupby("program")[["planned_krw", "executed_krw"]].sum()
    rates = year["executed_krw"] / year["planned_krw"]
    behind = sorted(p for p, rate in rates.items() if rate - share * final < -0.10)
    straight_line = sorted(p for p, rate in rates.items() if rate - 11 / 12 < -0.10)
    assert sorted(flags.lagging["program"]) == behind
    assert len(behind) < len(straight_line) == 9  # the straight line cried wolf in November
    november = jobs[jobs["month"] == pd.Timestamp(2026, 11, 1)].set_index("company")["headcount"]
    october = jobs[jobs["month"] == pd.Timestamp(2026, 10, 1)].set_index("company")["headcount"]
    fewer = sorted(c for c in november.index if c in october.index and november[c] < october[c])
    assert sorted(flags.losses["company"]) == fewer
    # Between 2026-06-30 and 2026-09-30: a new selection (예비유니콘, July 2026) and a unicorn by valuation.
    moved = {(r.company, r.basis, r.stage_before, r.stage_after) for r in flags.moves.itertuples()}
    assert moved == {
        ("첨단그리드에이아이", "selection", "아기유니콘", "예비유니콘"),
        ("빛고을모빌리티", "valuation", "예비유니콘", "예비유니콘"),
    }


def test_overview_page_shows_the_attention_lists(sample_store):
    app = AppTest.from_file(str(REPO / "views" / "overview.py"), default_timeout=60)
    app.run()
    assert not app.exception
    text = " ".join(m.value for m in app.markdown)
    assert (
        "집행 진도가 늦은 사업" in text
        and "재직자가 줄어든 기업" in text
        and "새로 선정되거나 유니콘 상태가 바뀐 기업 2개사" in text
    )


def test_budget_projection_source_states_its_formula_with_exact_parts(sample_store):
    app = AppTest.from_file(str(REPO / "views" / "budget.py"), default_timeout=90)
    app.run()
    app.button(key="source_budget_projected").click().run()
    assert not app.exception
    budget = _sample("budget.xlsx")
    executed = int(budget.loc[(budget["year"] == 2026) & (budget["month"] <= 11), "executed_krw"].sum())
    # the usual share of a year's spending reached by the end of November, 2020–2025 (each year's share, averaged)
    earlier = budget[budget["year"] < 2026]
    through = earlier[earlier["month"] <= 11].groupby("year")["executed_krw"].sum()
    share = (through / earlier.groupby("year")["executed_krw"].sum()).mean()
    projected = executed / share
    formula = next(m.value for m in app.markdown if m.value.startswith("**연말 예상 집행액 ="))
    assert formula.startswith("**연말 예상 집행액 = 집행액(누계) ÷ 평소 누적 비율(11월 말)")
    assert f"{executed:,}원 ÷ {share * 100:.1f}%" in formula and formula.endswith(f"{projected / 10**8:,.1f}억원**")
    # the share is the mean of the six years' shares, each with its rows
    mean = next(m.value for m in app.markdown if m.value.startswith("**평소 누적 비율(11월 말) ="))
    assert mean.count(" + ") == 5 and "÷ 6" in mean


def test_the_timeline_writes_every_title_that_fits_clear_of_the_others_and_of_today_and_lists_the_rest():
    """Issue #37: titles placed greedily in lanes (nearest today first), measured at the size drawn; no two boxes
    overlap, none crosses the today line, the ones with no room are listed."""
    from charts.map_labels import Box
    from charts.overview import TitleLayout, milestone_titles, timeline_chart, timeline_domain
    from charts.timeline_labels import lanes, place_titles

    today = dt.date(2026, 11, 27)
    milestones = pd.DataFrame(
        {
            "date": pd.to_datetime(
                ["2024-03-01", "2026-10-01", "2026-11-20", "2026-12-15", "2027-02-01", "2028-05-01", "2026-11-01"]
            ),
            "title": ["착공", "준공", "국비 반영 확정 발표회", "개소식", "설명회", "증축", "입주기업 모집 공고"],
            "kind": "행사",
            "source": "events",
        }
    )
    phases = overview.timeline_frame(today)
    # eight lanes fit a 230-px plot at 12 px: five above the diamonds (up to the phase bar), three below (to the axis)
    assert [(lane.above, lane.index) for lane in lanes(230, 12)] == [
        (True, 0), (False, 0), (True, 1), (False, 1), (True, 2), (False, 2), (True, 3), (True, 4)
    ]  # fmt: skip
    layout = TitleLayout(width=260, height=90, font_px=12)  # a small picture: one lane above, one below
    assert [(lane.above, lane.index) for lane in lanes(90, 12)] == [(True, 0), (False, 0)]
    placed = place_titles(
        list(milestones.sort_values("date")["date"]),
        list(milestones.sort_values("date")["title"]),
        timeline_domain(phases, milestones),
        today,
        layout.width,
        layout.height,
        layout.font_px,
    )
    boxes = [p.box for p in placed]
    assert all(not a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])  # no two overlap
    domain = timeline_domain(phases, milestones)
    today_x = (pd.Timestamp(today) - domain[0]) / (domain[1] - domain[0]) * layout.width
    assert all(not (b.left <= today_x <= b.right) for b in boxes)  # the today line crosses none
    assert all(b.inside(layout.width, layout.height) for b in boxes)
    assert not any(b.intersects(Box(today_x, 0, today_x + 2.6 * 12, 12 * 1.3)) for b in boxes)  # nor "오늘"
    written, rest = milestone_titles(phases, milestones, today, layout)
    # nearest today first: last week's and next month's titles are written (moved just past the today line)
    assert list(written["title"]) == ["준공", "입주기업 모집 공고", "국비 반영 확정 발표회", "개소식", "증축"]
    assert list(written["align"]) == ["left", "right", "right", "left", "left"]
    assert list(written["dx"]) == [7.87, -2.24, -3.53, 2.78, 0.0]
    assert list(rest["title"]) == ["착공", "설명회"]  # no room left in either lane
    assert len(written) + len(rest) == len(milestones)
    spec = timeline_chart(phases, milestones, today, "ko", layout).to_dict()
    drawn = {d["title"] for rows in spec["datasets"].values() for d in rows if "dy" in d}
    assert drawn == set(written["title"])
