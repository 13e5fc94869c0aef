"""Charts for the jobs page: pure builders of Altair charts from the frames `metrics.jobs` returns.

Every builder takes `lang`; titles, axes and tooltips come from the message catalogue, numbers in tooltips are
formatted by `present.format` (the readers' units), and colours come from `charts.palette`.
"""

from __future__ import annotations

import calendar
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import altair as alt
import pandas as pd

from present import format as fmt
from present.i18n import translate

from .describe import cell, described, layered, rows_of
from .palette import EXECUTED, NEUTRAL, TARGET, TARGET_TEXT, color_scale, sector_colors
from .segments import segment_marks, with_marks

HEIGHT = 260  # px of plotting area; titles, axes and legends come on top (autosize fit-x)
LABEL_LIMIT = 160  # px: long company names are cut with an ellipsis, never overlap
TEXT_COLOR = "#1c2430"
# Width follows the container; the height given is the plotting area's, so legends never squeeze the plot.
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")


def y_axis(title: str, format: str = ",d", **extra: Any) -> alt.Axis:
    """A value axis with its unit written horizontally above it (Korean is not read sideways)."""
    return alt.Axis(title=title, titleAngle=0, titleAlign="right", titleBaseline="bottom", titleX=0, titleY=-8,
                    format=format, **extra)  # fmt: skip


def month_short(month: int, lang: str) -> str:
    """ "3월" / "Mar": month names for axes inside one year."""
    return calendar.month_abbr[month] if lang == "en" else translate("jobs.month_short", lang, month=month)


def _month_domain(lang: str) -> list[str]:
    return [month_short(m, lang) for m in range(1, 13)]


def _people(n: Any, lang: str) -> str:
    return fmt.count(None if pd.isna(n) else int(n), translate("unit.people", lang), lang)


def _people_decimal(value: float, lang: str) -> str:
    """People with at most one decimal, rounded half-up ("78.3명", "940명"): targets and pace may be fractional."""
    rounded = (Decimal(repr(float(value)))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.1f}".removesuffix(".0")
    unit = translate("unit.people", lang)
    return f"{text}{unit}" if lang == "ko" else f"{text} {unit}"


def _legend(title: str, columns: int | alt.ExprRef = 6) -> alt.Legend:
    return alt.Legend(title=title, orient="bottom", direction="horizontal", labelLimit=LABEL_LIMIT, columns=columns)


def _x_month(lang: str) -> alt.X:
    return alt.X(
        "month_label:O",
        title=translate("jobs.chart.axis.month", lang),
        scale=alt.Scale(domain=_month_domain(lang)),
        axis=alt.Axis(labelAngle=0),
    )


def cumulative_chart(monthly: pd.DataFrame, target: float | None, year: int, lang: str) -> alt.LayerChart | alt.Chart:
    """Cumulative jobs created by month (from `metrics.jobs.monthly_totals`) against the annual target: a solid
    line for the actual figure, a dashed even-pace line to the target and a rule at the target."""
    series_actual = translate("jobs.measure.cumulative", lang)
    series_pace = translate("jobs.measure.pace", lang)
    records = [
        {
            "month_label": month_short(pd.Timestamp(row.month).month, lang),
            "series": series_actual,
            "value": int(row.cumulative_new_hires),
            "value_label": _people(row.cumulative_new_hires, lang),
        }
        for row in rows_of(monthly)
    ]
    if target is not None:
        for m in range(1, 13):
            pace = float(Decimal(repr(float(target))) * m / 12)
            records.append(
                {
                    "month_label": month_short(m, lang),
                    "series": series_pace,
                    "value": pace,
                    "value_label": _people_decimal(pace, lang),
                }
            )
    data = pd.DataFrame.from_records(records, columns=["month_label", "series", "value", "value_label"])
    domain = [series_actual] + ([series_pace] if target is not None else [])
    colors = alt.Scale(domain=domain, range=[EXECUTED, TARGET][: len(domain)])
    tooltip = [
        alt.Tooltip("month_label:O", title=translate("jobs.chart.axis.month", lang)),
        alt.Tooltip("series:N", title=translate("jobs.chart.legend.series", lang)),
        alt.Tooltip("value_label:N", title=translate("jobs.chart.axis.people", lang)),
    ]
    lines = (
        alt.Chart(data)
        .mark_line(point=True, strokeWidth=2.5)
        .encode(
            x=_x_month(lang),
            y=alt.Y("value:Q", title=None, axis=y_axis(translate("jobs.chart.axis.people", lang))),
            color=alt.Color(
                "series:N",
                scale=colors,
                legend=alt.Legend(
                    title=translate("jobs.chart.legend.series", lang),
                    orient="bottom",
                    direction="horizontal",
                    symbolType="stroke",
                    symbolStrokeWidth=2.5,
                    labelLimit=LABEL_LIMIT,
                ),
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                scale=alt.Scale(domain=domain, range=[[1, 0], [6, 4]][: len(domain)]),
                legend=None,
            ),
            tooltip=tooltip,
        )
    )
    layers: list[alt.Chart] = [lines]
    if target is not None:
        label = f"{translate('jobs.measure.target', lang)} {_people_decimal(target, lang)}"
        rule_data = pd.DataFrame({"value": [target], "label": [label]})
        rule = (
            alt.Chart(rule_data)
            .mark_rule(color=TARGET, strokeWidth=1.5)
            .encode(y="value:Q", tooltip=[alt.Tooltip("label:N", title=translate("jobs.measure.target", lang))])
        )
        text = (
            alt.Chart(rule_data)
            .mark_text(align="left", baseline="bottom", dx=4, dy=-4, color=TARGET_TEXT, fontWeight="bold")
            .encode(y="value:Q", x=alt.value(0), text="label:N")
        )
        layers += [rule, text]
    title = translate("jobs.chart.cumulative.title", lang, year=year)
    chart = layered(*layers).properties(title=title, height=HEIGHT, width="container", autosize=AUTOSIZE)
    return described(chart, title, cumulative_summary(monthly, target, lang), lang)


def cumulative_summary(monthly: pd.DataFrame, target: float | None, lang: str) -> str:
    """ "6월까지 누계 412명, 연간 목표 940명의 43.8%." (the latest month with figures)."""
    if monthly.empty:
        return ""
    last = monthly.iloc[-1]
    values = {
        "month": month_short(pd.Timestamp(last["month"]).month, lang),
        "total": _people(last["cumulative_new_hires"], lang),
    }
    if target is None or not target:
        return translate("chart.desc.cumulative.no_target", lang, **values)
    share = fmt.percent(float(last["cumulative_new_hires"]) / float(target))
    return translate("chart.desc.cumulative", lang, **values, target=_people_decimal(target, lang), share=share)


def _by_group_data(monthly: pd.DataFrame, measure: str, group: str, lang: str) -> pd.DataFrame:
    rank = {s: i for i, s in enumerate(sector_colors())}
    return pd.DataFrame(
        {
            "month_label": [month_short(pd.Timestamp(m).month, lang) for m in monthly["month"]],
            group: monthly[group].astype(str).tolist(),
            "rank": [rank.get(g, len(rank)) for g in monthly[group]],
            "value": [int(v) for v in monthly[measure]],
            "value_label": [_people(v, lang) for v in monthly[measure]],
        }
    )


def _group_tooltip(group: str, lang: str) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("month_label:O", title=translate("jobs.chart.axis.month", lang)),
        alt.Tooltip(f"{group}:N", title=translate(f"jobs.col.{group}", lang)),
        alt.Tooltip("value_label:N", title=translate("jobs.chart.axis.people", lang)),
    ]


def _sector_color(data: pd.DataFrame, lang: str, legend: bool = True) -> alt.Color:
    """Sector colours from the palette; the legend lists only the sectors present (three to a row)."""
    present = list(data["sector"].unique())
    scale = color_scale(sector_colors(), present)
    domain = [s for s in scale.domain if s in present]
    scale = alt.Scale(domain=domain, range=[sector_colors().get(s, NEUTRAL) for s in domain])
    # three to a row; two when the chart is drawn narrow (a phone), so the third does not run off its right edge
    columns = alt.expr("width < 560 ? 2 : 3")
    return alt.Color(
        "sector:N", scale=scale, legend=_legend(translate("jobs.col.sector", lang), columns=columns) if legend else None
    )


def _stacked_by_sector(
    monthly_by_sector: pd.DataFrame, measure: str, title_key: str, year: int, lang: str
) -> alt.LayerChart:
    """Monthly `measure` stacked by sector (bars; from `metrics.jobs.monthly_by(..., "sector")`)."""
    data = with_marks(_by_group_data(monthly_by_sector, measure, "sector", lang), "sector", sector_colors(), NEUTRAL)
    title = translate(title_key, lang, year=year)
    bars = (
        alt.Chart(data)
        .mark_bar(stroke="white", strokeWidth=1)  # a white seam between stacked sectors (#17)
        .encode(
            x=_x_month(lang),
            y=alt.Y("sum(value):Q", title=None, axis=y_axis(translate("jobs.chart.axis.people", lang))),
            color=_sector_color(data, lang),
            order=alt.Order("rank:Q", sort="ascending"),
            tooltip=_group_tooltip("sector", lang),
        )
    )
    # each sector's first letter on its segments, so the sector is not told by colour alone (charts.segments)
    marks = segment_marks(data, x=_x_month(lang), value="value", groupby=["month_label"], order="rank")
    chart = layered(bars, marks).properties(title=title, height=HEIGHT, width="container", autosize=AUTOSIZE)
    return described(chart, title, by_sector_summary(monthly_by_sector, measure, lang), lang)


def by_sector_summary(monthly_by_sector: pd.DataFrame, measure: str, lang: str) -> str:
    """The latest month's total and its largest sector; for new hires also the year's total."""
    if monthly_by_sector.empty:
        return ""
    latest = monthly_by_sector["month"].max()
    month = monthly_by_sector[monthly_by_sector["month"] == latest]
    top = month.loc[month[measure].astype(int).idxmax()]
    text = translate(
        "chart.desc.by_sector",
        lang,
        month=month_short(pd.Timestamp(latest).month, lang),
        total=_people(int(month[measure].sum()), lang),
        sector=top["sector"],
        value=_people(top[measure], lang),
    )
    if measure == "new_hires":
        text += translate("chart.desc.by_sector.year", lang, total=_people(int(monthly_by_sector[measure].sum()), lang))
    return text


def new_hires_chart(monthly_by_sector: pd.DataFrame, year: int, lang: str) -> alt.LayerChart:
    """Monthly new hires stacked by sector."""
    return _stacked_by_sector(monthly_by_sector, "new_hires", "jobs.chart.new_hires.title", year, lang)


def headcount_chart(monthly_by_sector: pd.DataFrame, year: int, lang: str) -> alt.LayerChart:
    """Monthly headcount stacked by sector."""
    return _stacked_by_sector(monthly_by_sector, "headcount", "jobs.chart.headcount.title", year, lang)


def top_employers_chart(top: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Horizontal bars of the largest employers' headcount (from `metrics.jobs.top_employers`)."""
    data = pd.DataFrame(
        {
            "company": top["company"].astype(str).tolist(),
            "sector": top["sector"].astype(str).tolist(),
            "value": [int(v) for v in top["headcount"]],
            "value_label": [_people(v, lang) for v in top["headcount"]],
        }
    )
    order = data["company"].tolist()
    y = alt.Y("company:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X(
                "value:Q",
                title=translate("jobs.chart.axis.people", lang),
                axis=alt.Axis(format=",d", tickCount=8, labelFlush=True),
                scale=alt.Scale(domain=[0, max([1, *data["value"]]) * 1.15]),
            ),
            color=_sector_color(data, lang),
            tooltip=[
                alt.Tooltip("company:N", title=translate("jobs.col.company", lang)),
                alt.Tooltip("sector:N", title=translate("jobs.col.sector", lang)),
                alt.Tooltip("value_label:N", title=translate("jobs.measure.headcount", lang)),
            ],
        )
    )
    labels = (
        alt.Chart(data).mark_text(align="left", dx=4, color=TEXT_COLOR).encode(y=y, x="value:Q", text="value_label:N")
    )
    title = translate("jobs.chart.top.title", lang)
    chart = layered(bars, labels).properties(
        title=title, height=max(120, 30 * len(data)), width="container", autosize=AUTOSIZE
    )
    summary = (
        ""
        if data.empty
        else translate(
            "chart.desc.top",
            lang,
            company=cell(data, data["value"].idxmax(), "company"),
            value=_people(data["value"].max(), lang),
            count=len(data),
            total=_people(int(data["value"].sum()), lang),
        )
    )
    return described(chart, title, summary, lang)


def local_share_chart(by_sector: pd.DataFrame, overall: float | None, year: int, lang: str) -> alt.LayerChart:
    """Local-hire share per sector (from `metrics.jobs.local_share_by_sector`), with the overall share as a rule."""
    rows = by_sector[by_sector["share"].notna()]
    data = pd.DataFrame(
        {
            "sector": rows["sector"].astype(str).tolist(),
            "share": [float(s) for s in rows["share"]],
            "share_label": [fmt.percent(float(s)) for s in rows["share"]],
            "detail": [
                translate("jobs.kpi.local_detail", lang, local=f"{int(lo):,}", new=f"{int(n):,}")
                for lo, n in zip(rows["local_hires"], rows["new_hires"], strict=False)
            ],
        }
    )
    y = alt.Y("sector:N", title=None, sort=list(sector_colors()), axis=alt.Axis(labelLimit=LABEL_LIMIT))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X(
                "share:Q",
                title=translate("jobs.measure.share", lang),
                axis=alt.Axis(format=".0%", values=[0, 0.2, 0.4, 0.6, 0.8, 1.0]),
                scale=alt.Scale(domain=[0, 1.08]),
            ),
            color=alt.Color("sector:N", scale=color_scale(sector_colors(), sorted(data["sector"])), legend=None),
            tooltip=[
                alt.Tooltip("sector:N", title=translate("jobs.col.sector", lang)),
                alt.Tooltip("share_label:N", title=translate("jobs.measure.share", lang)),
                alt.Tooltip("detail:N", title=translate("jobs.measure.local_hires", lang)),
            ],
        )
    )
    labels = (
        alt.Chart(data).mark_text(align="left", dx=4, color=TEXT_COLOR).encode(y=y, x="share:Q", text="share_label:N")
    )
    layers = [bars, labels]
    if overall is not None:
        rule_data = pd.DataFrame({"share": [overall], "label": [fmt.percent(overall)]})
        layers.insert(
            0,
            alt.Chart(rule_data)
            .mark_rule(color=TARGET, strokeDash=[4, 3])
            .encode(x="share:Q", tooltip=[alt.Tooltip("label:N", title=translate("jobs.measure.share", lang))]),
        )
    title = translate("jobs.chart.local.title", lang, year=year)
    chart = layered(*layers).properties(
        title=title, height=max(120, 36 * len(data)), width="container", autosize=AUTOSIZE
    )
    summary = (
        ""
        if data.empty
        else translate(
            "chart.desc.local",
            lang,
            overall=fmt.percent(overall),
            high=cell(data, data["share"].idxmax(), "sector"),
            high_share=fmt.percent(data["share"].max()),
            low=cell(data, data["share"].idxmin(), "sector"),
            low_share=fmt.percent(data["share"].min()),
        )
    )
    return described(chart, title, summary, lang)
