"""charts.budget builders: data, encodings, titles and the click selection, read from chart.to_dict()."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from charts import budget as c
from charts.palette import EXECUTED, FUNDING_COLORS, WARNING
from metrics import budget as m
from program import load_program
from tests.support.budget_frames import FEB_END, TINY

LAGGING_GAP = load_program().pace.lagging_gap  # program.toml [pace]: behind by more than this


def layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def datasets(spec: dict) -> dict[str, list[dict]]:
    return spec["datasets"]


def data_of(spec: dict, layer: dict) -> list[dict]:
    name = (layer.get("data") or spec.get("data"))["name"]
    return datasets(spec)[name]


def test_s_curve_data_and_axes_in_eok():
    curve = m.monthly_curve(TINY, 2025, FEB_END)
    spec = c.s_curve_chart(curve, 2025, "ko", projected=1_200_002_406, through_month=2).to_dict()
    assert spec["title"] == {"text": "2025년 누계 예산액·집행액", "subtitle": "단위: 억원"}
    rows = data_of(spec, spec)
    executed = [r for r in rows if r["series"] == "누계 집행액"]
    assert [r["month"] for r in executed] == [1, 2]  # nothing after the as-of month
    assert executed[1]["eok"] == 200_000_401 / 10**8
    assert executed[1]["exact"] == "200,000,401원"
    assert executed[1]["amount"] == "2억원"
    projection = [r for r in rows if r["series"] == "연말 예상"]
    assert [(r["month"], r["exact"]) for r in projection] == [(2, "200,000,401원"), (12, "1,200,002,406원")]
    assert spec["encoding"]["y"]["title"] is None  # the unit is the subtitle: no rotated Korean axis title
    assert spec["encoding"]["color"]["scale"]["range"][0] == EXECUTED
    assert spec["encoding"]["x"]["axis"]["labelAngle"] == 0


def test_s_curve_in_english():
    curve = m.monthly_curve(TINY, 2025, FEB_END)
    spec = c.s_curve_chart(curve, 2025, "en").to_dict()
    assert spec["title"]["text"] == "2025 cumulative planned and executed"
    assert {r["month_label"] for r in data_of(spec, spec)} >= {"Jan", "Dec"}


def test_rate_bars_order_status_target_and_selection():
    rates = m.rates_by(TINY, "strategy", 2025, FEB_END)
    spec = c.rate_bars(
        rates,
        "strategy",
        "ko",
        title_key="budget.chart.strategy.title",
        threshold=-LAGGING_GAP,
        target=0.9,
        selected="전략2",
        selectable=True,
    ).to_dict()
    rule, bars, _text, rule_text = layers(spec)  # the rule is drawn under the bars
    rows = data_of(spec, bars)
    assert [r["strategy"] for r in rows] == ["전략2", "전략1"]  # lowest rate first
    # 전략2: 100 ÷ 3,000 = 3.3%, 13.3%p behind 1/6 of the year → behind pace
    assert rows[0]["rate_text"] == "3.3%" and rows[0]["status"] == "진도 지연"
    assert rows[1]["status"] == "진도 양호"
    assert [r["selected"] for r in rows] == [True, False]
    assert bars["encoding"]["y"]["sort"] == ["전략2", "전략1"]
    assert bars["encoding"]["color"]["scale"]["range"] == [EXECUTED, WARNING]
    params = spec.get("params") or bars.get("params")
    assert params[0]["name"] == c.STRATEGY_PARAM
    assert params[0]["select"]["fields"] == ["strategy"]
    assert data_of(spec, rule)[0]["target"] == 90.0
    assert data_of(spec, rule_text)[0]["label"] == "목표 90%"
    assert spec["title"] == "추진전략별 집행률"


def test_rate_bars_without_target_or_selection():
    rates = m.rates_by(TINY, ["strategy", "program"], 2025, FEB_END)
    spec = c.rate_bars(rates, "program", "en", title_key="budget.chart.program.title", threshold=-LAGGING_GAP).to_dict()
    assert len(layers(spec)) == 2  # bars and labels, no target rule
    assert "params" not in spec and all("params" not in layer for layer in layers(spec))
    assert spec["height"] == 3 * c.BAR_STEP


def test_selected_strategy_reads_the_selection_state():
    state = {"selection": {c.STRATEGY_PARAM: [{"strategy": "핵심 기업 육성"}]}}
    assert c.selected_strategy(state) == "핵심 기업 육성"
    assert c.selected_strategy({"selection": {c.STRATEGY_PARAM: []}}) is None
    assert c.selected_strategy({"selection": {}}) is None
    assert c.selected_strategy(None) is None
    assert c.selected_strategy({"selection": {c.STRATEGY_PARAM: {"strategy": ["인재 양성"]}}}) == "인재 양성"


def test_phase_chart_stacks_sources_with_their_colours():
    totals = m.phase_source_totals(TINY, sources=tuple(FUNDING_COLORS))
    spec = c.phase_source_chart(totals, {1: "1단계", 2: "2단계"}, "ko").to_dict()
    bars, _marks, labels = layers(spec)
    rows = data_of(spec, bars)
    national = [r for r in rows if r["source"] == "국비" and r["measure"] == "집행"]
    assert national[0]["exact"] == "200,000,551원"  # 450 + 200,000,001 + 100
    scale = bars["encoding"]["color"]["scale"]
    assert scale["domain"] == ["국비", "시비"]  # only the sources present, in the palette's order
    assert scale["range"] == [FUNDING_COLORS["국비"], FUNDING_COLORS["시비"]]
    assert bars["encoding"]["xOffset"]["field"] == "measure"
    assert {r["label"] for r in data_of(spec, labels)} == {"예산 12억원", "집행 2억원"}


def test_month_names():
    assert c.month_name(3, "ko") == "3월" and c.month_name(3, "en") == "Mar"
    assert dt.date(2025, 2, 28) == FEB_END


def test_s_curve_marks_the_years_programme_events():
    curve = m.monthly_curve(TINY, 2025, FEB_END)
    events = pd.DataFrame(
        {"date": pd.to_datetime(["2025-03-16", "2024-12-03"]), "title": ["AI 지식산업센터 착공", "지난해 일"]}
    )
    spec = c.s_curve_chart(curve, 2025, "ko", events=events).to_dict()
    texts = [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "text"]
    assert texts, "events are drawn as labelled marks"
    titles = {row.get("title") for rows in spec["datasets"].values() for row in rows}
    assert "AI 지식산업센터 착공" in titles and "지난해 일" not in titles
    assert spec["title"]["text"] == "2025년 누계 예산액·집행액"


def test_rate_bars_say_behind_pace_in_words_not_by_colour_alone():
    """#17: a lagging bar's label reads "3.3% · 진도 지연"; a bar on pace shows only its rate."""
    import json

    import vl_convert

    rates = m.rates_by(TINY, "strategy", 2025, FEB_END)
    spec = c.rate_bars(
        rates, "strategy", "ko", title_key="budget.chart.strategy.title", threshold=-LAGGING_GAP
    ).to_dict()
    svg = vl_convert.vegalite_to_svg(json.dumps(spec, ensure_ascii=False))
    assert "3.3% · 진도 지연" in svg
    on_pace = next(r for r in data_of(spec, layers(spec)[0]) if r["status"] == "진도 양호")["rate_text"]
    assert f">{on_pace}<" in svg and f"{on_pace} · " not in svg
