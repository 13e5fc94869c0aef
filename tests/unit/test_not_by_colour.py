"""#17 not by colour alone (WCAG 1.4.1): what a colour tells is told by text or shape as well."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from charts import budget, jobs, pipeline, segments
from charts import map as chart_map
from charts import overview as overview_chart
from charts.palette import TEXT
from metrics import budget as mb
from metrics import jobs as mj
from metrics import overview
from metrics import pipeline as mp
from program import load_program
from tests.support.budget_frames import FEB_END, TINY
from tests.support.frames import CURVE, PROGRAM, companies_frame, jobs_frame

LAGGING_GAP = load_program().pace.lagging_gap  # program.toml [pace]: behind by more than this


def _datasets(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


def test_map_labels_say_the_status_under_the_name():
    assert chart_map.status_label("A-1 부지", "공사중", "ko") == "A-1 부지\n공사중"
    assert chart_map.status_label("A-1 부지", "공사중", "en").split("\n")[1] != "공사중"  # in English
    assert chart_map.status_label("A-1 부지", None, "ko") == "A-1 부지"


def test_timeline_bars_say_their_status():
    today = dt.date(2026, 11, 27)
    spec = overview_chart.timeline_chart(
        overview.timeline_frame(today), pd.DataFrame(columns=["date", "title", "kind"]), today, "ko"
    ).to_dict()
    texts = {row["bar_text"] for row in _datasets(spec) if "bar_text" in row}
    assert texts == {"1단계 · 완료", "2단계 · 진행 중"}


def test_s_curve_series_differ_in_point_shape_and_dash():
    spec = budget.s_curve_chart(CURVE, 2026, "ko").to_dict()
    shape, dash = spec["encoding"]["shape"]["scale"]["range"], spec["encoding"]["strokeDash"]["scale"]["range"]
    pairs = list(zip(map(str, dash), shape, strict=False))
    assert len(set(pairs)) == len(pairs) == 4  # executed and planned (both solid) differ by shape


def test_lagging_bars_say_so_in_words():
    rates = mb.rates_by(TINY, "strategy", 2025, FEB_END)
    spec = budget.rate_bars(rates, "strategy", "ko", title_key="budget.chart.strategy.title", threshold=-LAGGING_GAP)
    assert "진도 지연" in str(spec.to_dict()["layer"][1]["transform"])


def _marks_layer(spec: dict) -> dict:
    """The stacked chart's text layer that writes each segment's mark (charts.segments)."""
    text = [lyr for lyr in spec["layer"] if "text" in lyr.get("encoding", {})]
    (layer,) = [lyr for lyr in text if lyr["encoding"]["text"].get("condition", {}).get("field") == "seg_mark"]
    return layer


def _assert_segments_marked(spec: dict, name_field: str, names: set[str]) -> None:
    layer = _marks_layer(spec)
    assert layer["mark"]["type"] == "text"
    condition = layer["encoding"]["text"]["condition"]  # only where the segment has room
    assert f">= {segments.MIN_SEGMENT_PX}" in condition["test"] and condition["field"] == "seg_mark"
    rows = [r for r in _datasets(spec) if name_field in r]
    assert {r[name_field] for r in rows} == names
    assert all(r["seg_mark"] == r[name_field][0] for r in rows)  # each segment's mark: its name's first letter
    marks = {r["seg_mark"] for r in rows}
    assert len(marks) == len(names)  # one mark per category: told apart without colour
    assert {r["seg_ink"] for r in rows} <= {"white", TEXT}  # whichever reads on the colour (charts.palette.text_on)


def test_stacked_sector_charts_write_each_sectors_mark_on_its_segments():
    by_sector = mj.monthly_by(jobs_frame(), 2025, "sector")
    for builder in (jobs.new_hires_chart, jobs.headcount_chart):
        spec = builder(by_sector, 2025, "ko").to_dict()
        _assert_segments_marked(spec, "sector", set(by_sector["sector"]))
        stack = _marks_layer(spec)["transform"][0]
        assert stack["groupby"] == ["month_label"] and stack["sort"] == [{"field": "rank", "order": "ascending"}]
        assert spec["layer"][0]["encoding"]["order"]["field"] == "rank"  # the bars stack in the same order


def test_stacked_stage_chart_writes_each_stages_mark_in_the_readers_language():
    table = mp.stage_by_sector(companies_frame(), pd.Timestamp("2025-09-30"), PROGRAM)
    sectors = mp.ordered_sectors(table["sector"], PROGRAM)
    for lang in ("ko", "en"):
        spec = pipeline.stage_chart(table, sectors, pd.Timestamp("2025-09-30"), PROGRAM, lang).to_dict()
        names = {r["stage_name"] for r in _datasets(spec) if "stage_name" in r}
        _assert_segments_marked(spec, "stage_name", names)
    # Never selected, G-Unicorn, Baby unicorn, Pre-unicorn (selections, #35): the unicorn status is not a stage
    assert {r["seg_mark"] for r in _datasets(spec) if "seg_mark" in r} <= {"N", "G", "B", "P"}


def test_stacked_funding_chart_writes_each_sources_mark_on_its_segments():
    spec = budget.phase_source_chart(mb.phase_source_totals(TINY), {2: "2단계"}, "ko").to_dict()
    _assert_segments_marked(spec, "source", {"국비", "시비"})
    assert _marks_layer(spec)["encoding"]["xOffset"]["field"] == "measure"  # on each of the two bars


def test_the_map_marks_a_companys_sector_as_the_charts_do():
    for sector in ("모빌리티", "헬스케어", " 에너지", None):
        assert chart_map.sector_mark(sector) == segments.short_mark(sector)
    assert chart_map.sector_mark("모빌리티") == "모" and chart_map.sector_mark(None) == ""
