"""#17 contrast inside charts (WCAG 2.1 1.4.3 / 1.4.11): text in charts ≥ 4.5:1 on the white background, marks
that carry meaning ≥ 3:1. Over charts.palette, the colours written in charts/ and the briefing's projector theme,
and over the specs the builders produce (every text mark's colour)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing import theme
from charts import jobs, palette, pipeline
from charts import map as chart_map
from charts import overview as overview_chart
from charts.palette import BACKGROUND, MARK_CONTRAST, TEXT_CONTRAST, contrast_ratio
from program import load_program

LAGGING_GAP = load_program().pace.lagging_gap  # program.toml [pace]: behind by more than this

CHARTS = Path(__file__).resolve().parents[2] / "charts"


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # the classic just-failing grey


MARKS = {
    **{f"OKABE_ITO[{i}]": c for i, c in enumerate(palette.OKABE_ITO)},
    "NEUTRAL": palette.NEUTRAL,
    "PLANNED": palette.PLANNED,
    "EXECUTED": palette.EXECUTED,
    "TARGET": palette.TARGET,
    "WARNING": palette.WARNING,
    **{f"STATUS_COLORS[{k}]": c for k, c in palette.STATUS_COLORS.items()},
    **{f"FUNDING_COLORS[{k}]": c for k, c in palette.FUNDING_COLORS.items()},
    **{f"stage_colors[{k}]": c for k, c in palette.stage_colors().items()},
    **{f"sector_colors[{k}]": c for k, c in palette.sector_colors().items()},
    **{f"pipeline.MEASURE_COLORS[{i}]": c for i, c in enumerate(pipeline.MEASURE_COLORS)},
    **{f"overview.PHASE_STATUS_COLORS[{k}]": c for k, c in overview_chart.PHASE_STATUS_COLORS.items()},
    "map.OUTLINE_COLOR": chart_map.OUTLINE_COLOR,
}

TEXTS = {
    "palette.TEXT": palette.TEXT,
    "palette.TARGET_TEXT": palette.TARGET_TEXT,
    "palette.AXIS_TEXT": palette.AXIS_TEXT,
    "jobs.TEXT_COLOR": jobs.TEXT_COLOR,
    "pipeline.TEXT_COLOR": pipeline.TEXT_COLOR,
    "map.TEXT_COLOR": chart_map.TEXT_COLOR,
    "overview.TODAY_TEXT": overview_chart.TODAY_TEXT,
    "overview.MILESTONE_COLOR": overview_chart.MILESTONE_COLOR,
    "briefing.theme.TEXT": theme.TEXT,
}

# Colours in charts/ that are neither: the map's road fill (a background reference, each road named by a label),
# its basemap grey and tooltip border, and the legend's secondary grey (text: checked as such below).
NOT_MEANING = {"#A7AFBA", "#f3f5f9", "#d5dbe5", "#ffffff"}


@pytest.mark.parametrize("name", sorted(MARKS))
def test_marks_that_carry_meaning_have_3_to_1_on_white(name):
    ratio = contrast_ratio(MARKS[name], BACKGROUND)
    assert ratio >= MARK_CONTRAST, f"{name} {MARKS[name]}: {ratio:.2f}:1"


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_text_in_charts_has_4_5_to_1_on_white(name):
    ratio = contrast_ratio(TEXTS[name], BACKGROUND)
    assert ratio >= TEXT_CONTRAST, f"{name} {TEXTS[name]}: {ratio:.2f}:1"


def test_every_colour_written_in_charts_is_checked():
    """A hex colour typed into a chart module is one of the checked ones (or deliberately none of them)."""
    checked = {c.lower() for c in [*MARKS.values(), *TEXTS.values(), *NOT_MEANING, "#5b6675"]}
    found = {m.lower() for path in CHARTS.glob("*.py") for m in re.findall(r"#[0-9A-Fa-f]{6}\b", path.read_text())}
    palette_originals = {
        "#808495",
        "#e69f00",
        "#56b4e9",
        "#f0e442",
        "#8c96a3",
        "#a6c8e8",
        "#d55e00",
    }  # named in docstrings
    assert found - checked - palette_originals == set()
    assert contrast_ratio("#5b6675", BACKGROUND) >= TEXT_CONTRAST  # the map legend's notes


def test_briefing_theme_text_and_axes():
    for key in ("labelColor", "titleColor", "domainColor", "tickColor"):
        assert contrast_ratio(theme.CONFIG["axis"][key], BACKGROUND) >= TEXT_CONTRAST
    for key in ("labelColor", "titleColor"):
        assert contrast_ratio(theme.CONFIG["legend"][key], BACKGROUND) >= TEXT_CONTRAST
    assert contrast_ratio(theme.CONFIG["title"]["color"], BACKGROUND) >= TEXT_CONTRAST
    assert contrast_ratio(theme.CONFIG["title"]["subtitleColor"], BACKGROUND) >= TEXT_CONTRAST


def test_text_written_on_a_bar_reads_on_that_bar():
    for status, fill in overview_chart.PHASE_STATUS_COLORS.items():
        text = palette.text_on(fill)
        assert contrast_ratio("#FFFFFF" if text == "white" else text, fill) >= TEXT_CONTRAST, status


def _text_marks(node):
    if isinstance(node, dict):
        mark = node.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text":
            yield mark
        for value in node.values():
            yield from _text_marks(value)
    elif isinstance(node, list):
        for value in node:
            yield from _text_marks(value)


def test_text_marks_in_built_charts_are_4_5_to_1():
    """Every text mark with a fixed colour in the charts as built: 4.5:1 on white (a white halo drawn under
    dark text, stroke white, is exempt: it is the background)."""
    import datetime as dt

    import pandas as pd

    from charts import budget
    from metrics import budget as mb
    from metrics import jobs as mj
    from metrics import overview
    from tests.support.budget_frames import FEB_END, TINY
    from tests.support.frames import CURVE, jobs_frame

    today = dt.date(2026, 11, 27)
    milestones = pd.DataFrame(
        {"date": pd.to_datetime(["2026-12-15"]), "title": ["개소식"], "kind": "행사", "source": "events"}
    )
    specs = [
        budget.s_curve_chart(
            CURVE, 2026, "ko", events=pd.DataFrame({"date": pd.to_datetime(["2026-03-02"]), "title": ["착공식"]})
        ),
        budget.rate_bars(
            mb.rates_by(TINY, "strategy", 2025, FEB_END),
            "strategy",
            "ko",
            title_key="budget.chart.strategy.title",
            threshold=-LAGGING_GAP,
            target=0.9,
        ),
        budget.phase_source_chart(mb.phase_source_totals(TINY), {2: "2단계"}, "ko"),
        jobs.cumulative_chart(mj.monthly_totals(jobs_frame(), 2025), 20, 2025, "ko"),
        jobs.top_employers_chart(mj.top_employers(jobs_frame(), 2025), "ko"),
        overview_chart.timeline_chart(overview.timeline_frame(today), milestones, today, "ko"),
    ]
    seen = 0
    for chart in specs:
        for mark in _text_marks(chart.to_dict()):
            color = mark.get("color")
            if not isinstance(color, str) or mark.get("stroke") == "white":
                continue
            seen += 1
            assert contrast_ratio(color if color.startswith("#") else "#FFFFFF", BACKGROUND) >= TEXT_CONTRAST, mark
    assert seen >= 8


def test_axis_and_legend_text_of_page_charts_is_4_5_to_1():
    """Streamlit's chart theme writes axis and legend text in #808495 (3.7:1); pages' charts set AXIS_TEXT."""
    from ui.chart_export import readable_config

    assert contrast_ratio("#808495", BACKGROUND) < TEXT_CONTRAST
    spec = readable_config({"mark": "bar", "config": {"legend": {"orient": "bottom"}}})
    for part in ("axis", "legend"):
        for key in ("labelColor", "titleColor"):
            assert contrast_ratio(spec["config"][part][key], BACKGROUND) >= TEXT_CONTRAST
    assert spec["config"]["legend"]["orient"] == "bottom"  # the chart's own settings stay
    assert readable_config({"config": {"axis": {"labelColor": "#000000"}}})["config"]["axis"]["labelColor"] == "#000000"
