"""#17: every chart's text alternative (its spec's `description`, the drawn chart's aria-label) says what the
chart shows — the figures a sighted reader takes from it — in the session's language."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from charts import budget, jobs, pipeline
from charts import overview as overview_chart
from metrics import budget as mb
from metrics import jobs as mj
from metrics import overview
from program import load_program
from tests.support.budget_frames import FEB_END, TINY
from tests.support.frames import CURVE, jobs_frame

LAGGING_GAP = load_program().pace.lagging_gap  # program.toml [pace]: behind by more than this


def test_the_s_curve_says_the_rate_against_the_plan_for_the_same_period():
    ko = budget.s_curve_chart(CURVE, 2026, "ko").to_dict()["description"]
    assert ko == "차트: 2026년 누계 예산액·집행액. 2026년 6월까지 집행률 72.3%, 같은 기간 계획 76.0% 대비 3.7%p 낮음."
    en = budget.s_curve_chart(CURVE, 2026, "en", projected=14_460_000_000, through_month=6).to_dict()["description"]
    assert en == (
        "Chart: 2026 cumulative planned and executed. 2026 to Jun: 72.3% executed, 3.7 pp below the 76.0% "
        "planned for the same period. At the usual pace, KRW 14.5 bn by December."
    )


def test_the_s_curve_with_events_keeps_its_description():
    events = pd.DataFrame({"date": pd.to_datetime(["2026-03-02"]), "title": ["착공식"]})
    spec = budget.s_curve_chart(CURVE, 2026, "ko", events=events).to_dict()
    assert spec["description"].endswith("3.7%p 낮음.")


def test_rate_bars_say_how_many_lag_and_the_lowest_and_highest():
    rates = mb.rates_by(TINY, "strategy", 2025, FEB_END)
    spec = budget.rate_bars(
        rates, "strategy", "ko", title_key="budget.chart.strategy.title", threshold=-LAGGING_GAP, target=0.9
    ).to_dict()
    assert spec["description"] == (
        "차트: 추진전략별 집행률. 2개 중 1개 진도 지연. 가장 낮은 곳 전략2 3.3%, 가장 높은 곳 전략1 16.7%. 목표 90%."
    )


def test_jobs_cumulative_says_the_latest_month_and_the_share_of_the_target():
    monthly = mj.monthly_totals(jobs_frame(), 2025)
    assert jobs.cumulative_chart(monthly, 940, 2025, "ko").to_dict()["description"] == (
        "차트: 2025년 누적 신규 일자리. 3월까지 누계 17명, 연간 목표 940명의 1.8%."
    )
    assert jobs.cumulative_chart(monthly, 940, 2025, "en").to_dict()["description"] == (
        "Chart: Cumulative jobs created, 2025. 17 people to Mar, 1.8% of the annual target of 940 people."
    )
    assert jobs.cumulative_chart(monthly, None, 2025, "ko").to_dict()["description"].endswith("3월까지 누계 17명.")


def test_jobs_by_sector_says_the_latest_month_its_largest_sector_and_the_year():
    by_sector = mj.monthly_by(jobs_frame(), 2025, "sector")
    assert jobs.new_hires_chart(by_sector, 2025, "ko").to_dict()["description"] == (
        "차트: 월별 신규채용 (2025년). 3월 5명 (가장 많은 분야 모빌리티 3명). 연간 합계 17명."
    )


def test_timeline_lists_the_phases_with_their_status_and_the_next_milestone():
    today = dt.date(2026, 11, 27)
    milestones = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-03-01", "2026-12-15"]),
            "title": ["착공", "개소식"],
            "kind": "행사",
            "source": "events",
        }
    )
    text = overview_chart.timeline_chart(overview.timeline_frame(today), milestones, today, "ko").to_dict()[
        "description"
    ]
    assert text.startswith("차트: 사업 추진 일정. 1단계 ")
    assert text.endswith(" 다음 일정: 2026-12-15 개소식.")
    for status in ("완료", "진행 중"):
        assert status in text or status.replace(" ", "") in text


def test_every_chart_has_a_description_beyond_title_and_axes():
    """Every builder sets a description that carries a figure (a digit), in both languages."""
    from metrics import pipeline as mp
    from metrics.selections import entry_gaps
    from tests.support.frames import PROGRAM, SEPT, companies_frame

    companies = companies_frame()
    table = mp.stage_by_sector(companies, SEPT, PROGRAM)
    frame = jobs_frame()
    for lang in ("ko", "en"):
        specs = [
            budget.s_curve_chart(CURVE, 2026, lang),
            budget.phase_source_chart(mb.phase_source_totals(TINY), {2: "2단계"}, lang),
            jobs.headcount_chart(mj.monthly_by(frame, 2025, "sector"), 2025, lang),
            jobs.top_employers_chart(mj.top_employers(frame, 2025), lang),
            jobs.local_share_chart(mj.local_share_by_sector(frame, 2025), 0.5, 2025, lang),
            pipeline.stage_chart(table, mp.ordered_sectors(table["sector"], PROGRAM), SEPT, PROGRAM, lang),
            pipeline.gap_chart(entry_gaps(companies, SEPT, PROGRAM, dt.date(2025, 10, 1)), lang),
            pipeline.money_history_chart(mp.company_history(companies, "A"), [("기준", 50 * 10**8)], lang),
            pipeline.employees_chart(mp.company_history(companies, "A"), lang),
        ]
        for chart in specs:
            text = chart.to_dict()["description"]
            assert text.startswith({"ko": "차트: ", "en": "Chart: "}[lang]) and any(c.isdigit() for c in text), text
