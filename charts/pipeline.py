"""Charts for the unicorn-pipeline page: pure builders of Altair charts from `metrics.pipeline` frames.

Stage colours come from `charts.palette.stage_colors()`, money axes are in 억원, tooltips carry values
formatted by `present.format`, all text comes from the message catalogue in `lang`.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from metrics.ordering import configured_order
from present import format as fmt
from present.i18n import translate, value_label
from program import Program

from .describe import cell, described, layered, listing, rows_of
from .palette import NEUTRAL, OKABE_ITO, TARGET, TARGET_TEXT, color_scale, stage_colors
from .segments import MARK_FONT, segment_marks, short_mark, with_marks

HEIGHT = 260  # px of plotting area; titles, axes and legends come on top (autosize fit-x)
SMALL_HEIGHT = 200
LABEL_LIMIT = 160
TEXT_COLOR = "#1c2430"
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")
# One colour per money measure on the profile chart (valuation, funding, revenue).
MEASURE_COLORS = (OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2])  # blue, orange, green


def _iso(value: Any) -> str:
    """A date as local ISO date-time (no zone), so browsers in any time zone show the same day."""
    return pd.Timestamp(value).strftime("%Y-%m-%dT00:00:00")


def _time_axis(lang: str, title: str) -> alt.Axis:
    """A time axis ticked once a year ("2025년"): quarter-end and month points sit between the ticks."""
    return alt.Axis(
        title=title,
        format="%Y" if lang == "en" else "%Y년",
        tickCount={"interval": "year", "step": 1},
        labelAngle=0,
        labelOverlap=True,
        grid=False,
    )


def y_axis(title: str, format: str = ",d", **extra: Any) -> alt.Axis:
    """A value axis with its unit written horizontally above it (Korean is not read sideways)."""
    return alt.Axis(title=title, titleAngle=0, titleAlign="right", titleBaseline="bottom", titleX=0, titleY=-8,
                    format=format, **extra)  # fmt: skip


def _stage_color(lang: str, present: list[str]) -> alt.Color:
    """Stage colours from the palette; the legend lists the stages present, in ladder order, in `lang` (the
    data's `stage_name` field)."""
    scale = color_scale(stage_colors(), present)
    domain = [s for s in scale.domain if s in present]
    colors = dict(zip(scale.domain, scale.range, strict=False))
    return alt.Color(
        "stage_name:N",
        scale=alt.Scale(domain=[value_label("stage", s, lang) for s in domain], range=[colors[s] for s in domain]),
        legend=alt.Legend(title=translate("pipeline.col.stage", lang), orient="bottom", direction="horizontal"),
    )


def stage_chart(by_sector: pd.DataFrame, sectors: list[str], as_of: Any, program: Program, lang: str) -> alt.LayerChart:
    """Companies per sector stacked by stage (from `metrics.pipeline.stage_by_sector`), sectors in `sectors` order,
    stages bottom-up in ladder order."""
    rank = {s: i for i, s in enumerate(program.stages)}
    data = pd.DataFrame(
        {
            "sector": by_sector["sector"].astype(str).tolist(),
            "stage": by_sector["stage"].astype(str).tolist(),
            "stage_name": [value_label("stage", s, lang) for s in by_sector["stage"].astype(str)],
            "stage_rank": [rank.get(s, len(rank)) for s in by_sector["stage"]],
            "companies": [int(v) for v in by_sector["companies"]],
            "label": [fmt.count(int(v), translate("unit.companies", lang), lang) for v in by_sector["companies"]],
        }
    )
    title = translate("pipeline.chart.stages.title", lang, date=fmt.date_label(pd.Timestamp(as_of).date(), lang))
    per_stage = data.groupby("stage", sort=False)["companies"].sum()
    stages = sorted(per_stage.index, key=lambda s: rank.get(s, len(rank)))
    unit = translate("unit.companies", lang)
    summary = (
        ""
        if data.empty
        else translate(
            "chart.desc.stages",
            lang,
            total=fmt.count(int(per_stage.sum()), unit, lang),
            items=listing(
                [f"{value_label('stage', s, lang)} {fmt.count(int(per_stage[s]), unit, lang)}" for s in stages], lang
            ),
        )
    )
    data = with_marks(data, "stage", stage_colors(), NEUTRAL).assign(
        seg_mark=[short_mark(name) for name in data["stage_name"]]  # the stage's name as the legend writes it
    )
    x = alt.X("sector:N", sort=sectors, title=None, axis=alt.Axis(labelAngle=0, labelLimit=LABEL_LIMIT))
    bars = (
        alt.Chart(data)
        .mark_bar(stroke="white", strokeWidth=1)  # a white seam between stacked stages (#17)
        .encode(
            x=x,
            y=alt.Y(
                "sum(companies):Q",
                title=None,
                axis=y_axis(translate("unit.companies", lang), format="d", tickMinStep=1),
            ),
            color=_stage_color(lang, configured_order(data["stage"], program.stages)),
            order=alt.Order("stage_rank:Q", sort="ascending"),
            tooltip=[
                alt.Tooltip("sector:N", title=translate("pipeline.col.sector", lang)),
                alt.Tooltip("stage_name:N", title=translate("pipeline.col.stage", lang)),
                alt.Tooltip("label:N", title=translate("pipeline.col.companies", lang)),
            ],
        )
    )
    # each stage's first letter on its segments, so the stage is not told by colour alone (charts.segments)
    marks = segment_marks(data, x=x, value="companies", groupby=["sector"], order="stage_rank")
    chart = layered(bars, marks).properties(title=title, height=HEIGHT, width="container", autosize=AUTOSIZE)
    return described(chart, title, summary, lang)


def gap_chart(gaps: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Each company's figure as a share of the next programme's entry criterion it is nearest (from
    `metrics.selections.entry_gaps`), coloured by its current stage, a rule at 100 %."""
    data = pd.DataFrame(
        {
            "company": gaps["company"].astype(str).tolist(),
            "stage": gaps["stage"].astype(str).tolist(),
            "stage_name": [value_label("stage", s, lang) for s in gaps["stage"].astype(str)],
            "next_stage": [value_label("stage", s, lang) for s in gaps["next_programme"].astype(str)],
            "criterion": [translate(f"stage.measure.{x}", lang) for x in gaps["measure"]],
            "ratio": [float(r) for r in gaps["ratio"]],
            "ratio_label": [fmt.percent(float(r)) for r in gaps["ratio"]],
            "valuation_label": [fmt.money(int(v), lang) for v in gaps["value"]],
            "threshold_label": [fmt.money(int(v), lang) for v in gaps["threshold"]],
            "gap_label": [fmt.money(int(g), lang) for g in gaps["gap"]],
        }
    )
    y = alt.Y("company:N", sort=data["company"].tolist(), title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT))
    top = max([1.0, *data["ratio"]])
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X(
                "ratio:Q",
                title=translate("pipeline.col.ratio", lang),
                axis=alt.Axis(format=".0%", tickCount=7),
                scale=alt.Scale(domain=[0, top * 1.12]),
            ),
            color=_stage_color(lang, sorted(set(data["stage"]))),
            tooltip=[
                alt.Tooltip("company:N", title=translate("pipeline.col.company", lang)),
                alt.Tooltip("stage_name:N", title=translate("pipeline.col.stage", lang)),
                alt.Tooltip("next_stage:N", title=translate("pipeline.col.next_programme", lang)),
                alt.Tooltip("criterion:N", title=translate("pipeline.col.criterion", lang)),
                alt.Tooltip("valuation_label:N", title=translate("pipeline.col.value", lang)),
                alt.Tooltip("threshold_label:N", title=translate("pipeline.col.threshold", lang)),
                alt.Tooltip("ratio_label:N", title=translate("pipeline.col.ratio", lang)),
                alt.Tooltip("gap_label:N", title=translate("pipeline.col.gap", lang)),
            ],
        )
    )
    labels = (
        alt.Chart(data).mark_text(align="left", dx=4, color=TEXT_COLOR).encode(y=y, x="ratio:Q", text="ratio_label:N")
    )
    # the stage's first letter at the start of its bar, as on the stacked chart: the stage not by colour alone (#25)
    marked = with_marks(data, "stage", stage_colors(), NEUTRAL).assign(
        seg_mark=[short_mark(name) for name in data["stage_name"]]
    )
    stage_marks = (
        alt.Chart(marked)
        .mark_text(
            align="left",
            baseline="middle",
            dx=5,
            fontSize=MARK_FONT,
            fontWeight="bold",
            color=alt.ExprRef("datum.seg_ink"),
        )
        .encode(y=y, x=alt.datum(0), text="seg_mark:N")
    )
    rule = (
        alt.Chart(pd.DataFrame({"ratio": [1.0], "label": [translate("pipeline.chart.gap.threshold", lang)]}))
        .mark_rule(color=TARGET, strokeDash=[5, 3], strokeWidth=1.5)
        .encode(x="ratio:Q", tooltip=[alt.Tooltip("label:N", title=translate("pipeline.col.threshold", lang))])
    )
    title = translate("pipeline.chart.gap.title", lang)
    chart = layered(bars, stage_marks, labels, rule).properties(
        title=title, height=max(120, 30 * len(data)), width="container", autosize=AUTOSIZE
    )
    summary = (
        ""
        if data.empty
        else translate(
            "chart.desc.gap",
            lang,
            count=fmt.count(len(data), translate("unit.companies", lang), lang),
            company=cell(data, data["ratio"].idxmax(), "company"),
            ratio=fmt.percent(data["ratio"].max()),
        )
    )
    return described(chart, title, summary, lang)


def money_history_chart(history: pd.DataFrame, thresholds: list[tuple[str, int]], lang: str) -> alt.LayerChart:
    """Valuation (an estimate), funding and revenue over time in 억원 (from `metrics.pipeline.company_history`),
    with the next programme's entry criteria (`thresholds`: label, won) that fall inside the chart's range as dashed
    rules."""
    measures = [("valuation_krw", "pipeline.col.valuation_estimate"), ("funding_krw", "pipeline.col.funding"),
                ("revenue_krw", "pipeline.col.revenue")]  # fmt: skip
    names = [translate(key, lang) for _, key in measures]
    records = []
    for row in rows_of(history, index=False):
        for (column, _), name in zip(measures, names, strict=False):
            value = getattr(row, column)
            if pd.isna(value):
                continue
            records.append(
                {
                    "as_of": _iso(row.as_of),
                    "date_label": fmt.date_label(pd.Timestamp(row.as_of).date(), lang),
                    "measure": name,
                    "eok": fmt.eok(int(value)),
                    "value_label": fmt.money(int(value), lang),
                    "exact_label": fmt.money_exact(int(value), lang),
                }
            )
    data = pd.DataFrame.from_records(
        records, columns=["as_of", "date_label", "measure", "eok", "value_label", "exact_label"]
    )
    lines = (
        alt.Chart(data)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=alt.X("as_of:T", axis=_time_axis(lang, translate("pipeline.chart.axis.date", lang))),
            y=alt.Y("eok:Q", title=None, axis=y_axis(translate("pipeline.chart.axis.eok", lang), format=",.0f")),
            color=alt.Color(
                "measure:N",
                scale=alt.Scale(domain=names, range=list(MEASURE_COLORS)),
                legend=alt.Legend(
                    title=translate("pipeline.chart.legend.measure", lang), orient="bottom", direction="horizontal"
                ),
            ),
            tooltip=[
                alt.Tooltip("date_label:N", title=translate("pipeline.chart.axis.date", lang)),
                alt.Tooltip("measure:N", title=translate("pipeline.chart.legend.measure", lang)),
                alt.Tooltip("value_label:N", title=translate("pipeline.chart.axis.eok", lang)),
                alt.Tooltip("exact_label:N", title=translate("unit.krw", lang)),
            ],
        )
    )
    layers: list[alt.Chart] = [lines]
    measured = [int(v) for c in ("valuation_krw", "funding_krw") for v in history[c].dropna()] if len(history) else []
    highest = max(measured, default=0)
    floors = [{"eok": fmt.eok(won), "label": label} for label, won in thresholds if 0 < won <= highest * 1.5]
    if floors:
        floor_data = pd.DataFrame.from_records(floors)
        layers.append(
            alt.Chart(floor_data)
            .mark_rule(color=TARGET, strokeDash=[5, 3])
            .encode(y="eok:Q", tooltip=[alt.Tooltip("label:N", title=translate("pipeline.col.threshold", lang))])
        )
        layers.append(
            alt.Chart(floor_data)
            .mark_text(align="left", baseline="bottom", dx=4, dy=-4, color=TARGET_TEXT)
            .encode(y="eok:Q", x=alt.value(0), text="label:N")
        )
    title = translate("pipeline.chart.money.title", lang)
    chart = layered(*layers).properties(title=title, height=HEIGHT, width="container", autosize=AUTOSIZE)
    summary = ""
    if not data.empty:
        latest = data[data["as_of"] == data["as_of"].max()]
        summary = translate(
            "chart.desc.history",
            lang,
            date=latest["date_label"].iloc[0],
            items=listing([f"{r.measure} {r.value_label}" for r in latest.itertuples()], lang),
        )
    return described(chart, title, summary, lang)


def _count_chart(data: pd.DataFrame, mark: str, title: str, axis: alt.Axis, color: str, lang: str) -> alt.Chart:
    """People over time: a line with points, or bars spanning each month (x to x2)."""
    chart = alt.Chart(data)
    tooltip = [
        alt.Tooltip("when_label:N", title=axis.title),
        alt.Tooltip("value_label:N", title=translate("pipeline.chart.axis.people", lang)),
    ]
    y = alt.Y("value:Q", title=None, axis=y_axis(translate("pipeline.chart.axis.people", lang), tickMinStep=1))
    if mark == "line":
        chart = chart.mark_line(point=alt.OverlayMarkDef(size=18, color=color), color=color, strokeWidth=2).encode(
            x=alt.X("when:T", axis=axis), y=y, tooltip=tooltip
        )
    else:
        chart = chart.mark_bar(color=color, stroke="white", strokeWidth=0.5).encode(
            x=alt.X("when:T", axis=axis), x2="when_end:T", y=y, y2=alt.datum(0), tooltip=tooltip
        )
    summary = (
        ""
        if data.empty
        else translate(
            "chart.desc.people",
            lang,
            first_when=data["when_label"].iloc[0],
            first=data["value_label"].iloc[0],
            last_when=data["when_label"].iloc[-1],
            last=data["value_label"].iloc[-1],
        )
    )
    return described(
        chart.properties(title=title, height=SMALL_HEIGHT, width="container", autosize=AUTOSIZE), title, summary, lang
    )


def _people_data(dates: pd.Series, values: pd.Series, lang: str, monthly: bool) -> pd.DataFrame:
    keep = values.notna()
    dates, values = dates[keep], values[keep]
    label = (lambda d: fmt.month_label(d, lang)) if monthly else (lambda d: fmt.date_label(d, lang))
    return pd.DataFrame(
        {
            "when": [_iso(d) for d in dates],
            "when_end": [_iso(pd.Timestamp(d) + pd.offsets.MonthBegin(1)) for d in dates],
            "when_label": [label(pd.Timestamp(d).date()) for d in dates],
            "value": [int(v) for v in values],
            "value_label": [fmt.count(int(v), translate("unit.people", lang), lang) for v in values],
        }
    )


def employees_chart(history: pd.DataFrame, lang: str) -> alt.Chart:
    """Employees at each 기준일 (companies dataset)."""
    data = _people_data(history["as_of"], history["employees"], lang, monthly=False)
    axis = _time_axis(lang, translate("pipeline.chart.axis.date", lang))
    return _count_chart(data, "line", translate("pipeline.chart.employees.title", lang), axis, OKABE_ITO[3], lang)


def headcount_chart(company_jobs: pd.DataFrame, lang: str) -> alt.Chart:
    """Monthly headcount from the jobs dataset (from `metrics.pipeline.company_jobs`)."""
    data = _people_data(company_jobs["month"], company_jobs["headcount"], lang, monthly=True)
    axis = _time_axis(lang, translate("pipeline.chart.axis.month", lang))
    return _count_chart(data, "line", translate("pipeline.chart.headcount.title", lang), axis, OKABE_ITO[0], lang)


def new_hires_chart(company_jobs: pd.DataFrame, lang: str) -> alt.Chart:
    """Monthly new hires from the jobs dataset (from `metrics.pipeline.company_jobs`)."""
    data = _people_data(company_jobs["month"], company_jobs["new_hires"], lang, monthly=True)
    axis = _time_axis(lang, translate("pipeline.chart.axis.month", lang))
    return _count_chart(data, "bar", translate("pipeline.chart.new_hires.title", lang), axis, OKABE_ITO[2], lang)
