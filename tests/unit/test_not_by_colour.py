"""#17 not by colour alone (WCAG 1.4.1): what a colour tells is told by text or shape as well."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from charts import budget
from charts import map as chart_map
from charts import overview as overview_chart
from metrics import budget as mb
from metrics import overview
from program import load_program
from tests.support.budget_frames import FEB_END, TINY
from tests.support.frames import CURVE

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
