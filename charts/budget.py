"""Charts of the budget burn page: the S-curve, execution rates (clickable by strategy) and phase totals.

Builders are pure: frames from `metrics.budget` in, `alt.Chart` out. Money axes are in 억원 (`fmt.eok`), tooltips
carry the formatted short amount and the exact won; all text comes from the message catalogue in `lang`.
"""

from __future__ import annotations

from typing import Any, cast

import altair as alt
import pandas as pd

from present import format as fmt
from present.i18n import translate

from .describe import cell, described, layered, listing, rows_of
from .palette import EXECUTED, FUNDING_COLORS, NEUTRAL, PLANNED, TARGET, TARGET_TEXT, TEXT, WARNING
from .segments import segment_marks, with_marks

STRATEGY_PARAM = "strategy_pick"  # the point selection of the strategy chart (its name in the selection state)
BAR_STEP = 34  # px per bar in horizontal bar charts
LABEL_LIMIT = 220  # px for category labels (Korean programme names fit; longer ones end in "…")
AXIS_FONT = 13
NARROW_PX = 560  # a chart drawn narrower than this (a phone's) gets compact labels: Vega's `width` signal decides
# Streamlit sizes charts with autosize "fit" (the height then includes title, axes and legend, so a chart of a few
# bars collapses). "fit-x" fits the container's width and keeps `height` for the plot itself.
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")


def _t(key: str, lang: str, **values: object) -> str:
    return translate(key, lang, **values)


def month_name(month: int, lang: str) -> str:
    return (
        f"{month}월"
        if lang == "ko"
        else ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
    )


# --- S-curve ------------------------------------------------------------------------------------------------


def has_expected_line(curve: pd.DataFrame) -> bool:
    """Whether the curve's expected pace (the city's seasonal profile) differs from the straight line: then both
    can be drawn, the straight line as a reference."""
    return "expected_krw" in curve.columns and not curve["expected_krw"].equals(curve["pace_krw"])


def s_curve_frame(
    curve: pd.DataFrame,
    lang: str,
    projected: int | None = None,
    through_month: int | None = None,
    show_straight: bool = True,
    projected_range: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """Long frame behind the S-curve: one row per (series, month) with 억원 value and formatted amounts.
    The expected pace (평소 진도) is drawn when the curve has one that differs from the straight line, and the
    straight line then only when `show_straight`. The projection series runs from the last executed month to
    December when both are given; its 80% range (`projected_range`, won) adds a low and a high point in December."""
    series = {
        "planned": _t("budget.chart.series.planned", lang),
        "executed": _t("budget.chart.series.executed", lang),
        "expected": _t("budget.chart.series.expected", lang),
        "pace": _t("budget.chart.series.pace", lang),
        "projection": _t("budget.chart.series.projection", lang),
        "range": _t("budget.chart.series.range", lang),
    }
    records = []

    def add(kind: str, month: int, krw: int) -> None:
        records.append(
            {
                "series": series[kind],
                "month": month,
                "month_label": month_name(month, lang),
                "eok": fmt.eok(krw),
                "amount": fmt.money(krw, lang),
                "exact": fmt.money_exact(krw, lang),
            }
        )

    seasonal = has_expected_line(curve)
    for row in rows_of(curve, index=False):
        if not pd.isna(row.cum_planned_krw):  # unknown by month in year-to-date exports
            add("planned", int(row.month), int(row.cum_planned_krw))
        if seasonal:
            add("expected", int(row.month), int(row.expected_krw))
        if show_straight or not seasonal:
            add("pace", int(row.month), int(row.pace_krw))
        if not pd.isna(row.cum_executed_krw):
            add("executed", int(row.month), int(row.cum_executed_krw))
    if projected is not None and through_month is not None and 0 < through_month < 12:
        last = curve.loc[curve["month"] == through_month, "cum_executed_krw"]
        if len(last) and not pd.isna(last.iloc[0]):
            add("projection", through_month, int(last.iloc[0]))
            add("projection", 12, int(projected))
            if projected_range is not None:
                add("range", 12, int(projected_range[0]))
                add("range", 12, int(projected_range[1]))
    return pd.DataFrame(records, columns=["series", "month", "month_label", "eok", "amount", "exact"])


def s_curve_chart(
    curve: pd.DataFrame,
    year: int,
    lang: str,
    projected: int | None = None,
    through_month: int | None = None,
    events: pd.DataFrame | None = None,
    show_straight: bool = True,
    projected_range: tuple[int, int] | None = None,
) -> alt.Chart | alt.LayerChart:
    """Cumulative planned and executed by month with the expected pace (the city's seasonal profile; the straight
    line as a reference when `show_straight`) and the year-end projection with its 80% range;
    the year's programme events (date, title) as labelled marks on their month."""
    title = alt.Title(_t("budget.chart.curve.title", lang, year=year), subtitle=_t("budget.chart.unit.eok", lang))
    frame = {
        "width": "container",
        "height": 300,
        "autosize": AUTOSIZE,
        "padding": {"left": 8, "right": 16, "top": 8, "bottom": 8},
    }
    chart = _s_curve_lines(curve, year, lang, projected, through_month, show_straight, projected_range)
    marks = None if events is None or events.empty else events[events["date"].dt.year == year]
    summary = s_curve_summary(curve, year, lang, projected, through_month, projected_range)
    if marks is None or marks.empty:
        return described(chart.properties(title=title, **frame), title, summary, lang)
    marks = marks.assign(
        month_label=[month_name(d.month, lang) for d in marks["date"]], day=marks["date"].dt.strftime("%Y-%m-%d")
    )
    # A wide chart writes each label to the right of its rule, on one line (two events in one month: stacked).
    # A narrow one (a phone's; Vega's `width` signal decides) gives each event its own line, so no two labels
    # overlap, labels an event in the second half of the year to the left of its rule, and cuts each label ("…")
    # to the room between its rule and the plot's edge.
    marks = marks.sort_values("date", kind="stable").reset_index(drop=True)
    marks = marks.assign(
        month=marks["date"].dt.month, lane=range(len(marks)), month_lane=marks.groupby("month_label").cumcount()
    )
    narrow = f"width < {NARROW_PX}"
    leftward = f"{narrow} && datum.month > 6"
    rules = (
        alt.Chart(marks)
        .mark_rule(color=TEXT, strokeDash=[2, 3], strokeWidth=1.5)
        .encode(
            x=alt.X("month_label:O"),
            tooltip=[
                alt.Tooltip("day:N", title=_t("budget.chart.event.date", lang)),
                alt.Tooltip("title:N", title=_t("budget.chart.event.title", lang)),
            ],
        )
    )
    labels = (
        alt.Chart(marks)
        .transform_calculate(row=f"{narrow} ? datum.lane : datum.month_lane")
        .mark_text(
            baseline="top",
            fontSize=12,
            color=TEXT,
            align=alt.expr(f"{leftward} ? 'right' : 'left'"),
            dx=alt.expr(f"{leftward} ? -4 : 4"),
            limit=alt.expr(
                f"{narrow} ? max(24, ({leftward} ? datum.month - 0.5 : 12.5 - datum.month) * width / 12 - 8) : 180"
            ),
        )
        .encode(
            x=alt.X("month_label:O"),
            y=alt.Y("row:Q", scale=alt.Scale(domain=[0, 12], reverse=True), axis=None),
            text="title:N",
        )
    )
    layered_chart = layered(chart, rules, labels, title=title).resolve_scale(y="independent").properties(**frame)
    return described(layered_chart, title, summary, lang)


def s_curve_summary(
    curve: pd.DataFrame,
    year: int,
    lang: str,
    projected: int | None = None,
    through_month: int | None = None,
    projected_range: tuple[int, int] | None = None,
) -> str:
    """The S-curve in words: the execution rate to the last month with figures against the plan's share by then
    ("2026년 6월까지 집행률 72.3%, 같은 기간 계획 76.0% 대비 3.7%p 낮음."), and the projection when drawn."""
    done = curve[curve["cum_executed_krw"].notna()]
    if done.empty or curve.empty:
        return ""
    annual = int(cell(curve, curve["month"].idxmax(), "pace_krw"))  # the straight line ends at the year's plan
    if annual <= 0:
        return ""
    last = done.loc[cast(Any, done["month"].idxmax())]
    planned = last["cum_planned_krw"] if not pd.isna(last["cum_planned_krw"]) else last["pace_krw"]
    rate, plan = int(last["cum_executed_krw"]) / annual, int(planned) / annual
    values = {
        "year": year,
        "month": month_name(int(last["month"]), lang),
        "rate": fmt.percent(rate),
        "plan": fmt.percent(plan),
    }
    gap = round(rate * 100, 1) - round(plan * 100, 1)
    if abs(gap) < 0.05:
        text = _t("chart.desc.curve.same", lang, **values)
    else:
        text = _t(
            "chart.desc.curve",
            lang,
            **values,
            gap=fmt.points(abs(gap) / 100, lang=lang).lstrip("+"),
            direction=_t("chart.desc.higher" if gap > 0 else "chart.desc.lower", lang),
        )
    if projected is not None and through_month is not None and 0 < through_month < 12:
        text += _t("chart.desc.curve.projection", lang, amount=fmt.money(int(projected), lang))
        if projected_range is not None:
            low, high = (fmt.money(int(v), lang) for v in projected_range)
            text += _t("chart.desc.curve.range", lang, low=low, high=high)
    return text


def _s_curve_lines(
    curve: pd.DataFrame,
    year: int,
    lang: str,
    projected: int | None = None,
    through_month: int | None = None,
    show_straight: bool = True,
    projected_range: tuple[int, int] | None = None,
) -> alt.Chart:
    data = s_curve_frame(curve, lang, projected, through_month, show_straight, projected_range)
    every = {
        "executed": (EXECUTED, [1, 0], "circle"),
        "planned": (PLANNED, [1, 0], "square"),
        "expected": (TARGET, [8, 3], "triangle-down"),
        "pace": (NEUTRAL, [2, 4], "triangle-up"),
        "projection": (NEUTRAL, [3, 3], "diamond"),
        "range": (NEUTRAL, [1, 0], "cross"),  # a vertical bar in December, low to high
    }
    seasonal = has_expected_line(curve)
    if not seasonal:  # the straight line is the pace itself, drawn as it always was
        every["pace"] = (TARGET, [6, 4], "triangle-up")
    # the legend names every series the chart can show, drawn or not (a projection before any month is known)
    applicable = {"expected": seasonal, "pace": show_straight or not seasonal, "range": projected_range is not None}
    shown = [k for k in every if applicable.get(k, True)]
    names = [_t(f"budget.chart.series.{k}", lang) for k in shown]
    colors = [every[k][0] for k in shown]
    dashes = [every[k][1] for k in shown]
    shapes = [every[k][2] for k in shown]
    months = [month_name(m, lang) for m in range(1, 13)]
    # one legend for colour, dash and point shape
    legend = alt.Legend(
        title=None,
        orient="bottom",
        labelFontSize=AXIS_FONT,
        labelLimit=260,
        columns=alt.expr(f"width < {NARROW_PX} ? 2 : {max(4, len(names))}"),
        symbolStrokeWidth=0,
        symbolSize=110,  # each series' point shape in its colour (dashes: on the lines)
    )
    return (
        alt.Chart(data)
        .mark_line(point=alt.OverlayMarkDef(size=48, filled=True), strokeWidth=2.5)
        .encode(
            x=alt.X(
                "month_label:O",
                sort=months,
                scale=alt.Scale(domain=months),
                title=_t("budget.chart.axis.month", lang),
                axis=alt.Axis(labelAngle=0, labelFontSize=AXIS_FONT),
            ),
            y=alt.Y("eok:Q", title=None, axis=alt.Axis(format=",.0f", labelFontSize=AXIS_FONT)),
            color=alt.Color("series:N", scale=alt.Scale(domain=names, range=colors), sort=names, legend=legend),
            strokeDash=alt.StrokeDash(
                "series:N", scale=alt.Scale(domain=names, range=dashes), sort=names, legend=legend
            ),
            # Not by colour alone (#17): executed and planned are both solid lines; their points differ in shape
            shape=alt.Shape("series:N", scale=alt.Scale(domain=names, range=shapes), sort=names, legend=legend),
            order=alt.Order("month:Q"),
            tooltip=[
                alt.Tooltip("month_label:N", title=_t("budget.chart.tooltip.month", lang)),
                alt.Tooltip("series:N", title=_t("budget.chart.tooltip.series", lang)),
                alt.Tooltip("amount:N", title=_t("budget.chart.tooltip.amount", lang)),
                alt.Tooltip("exact:N", title=_t("budget.chart.tooltip.exact", lang)),
            ],
        )
    )


# --- execution-rate bars ------------------------------------------------------------------------------------


def rate_frame(
    rates: pd.DataFrame, label: str, lang: str, threshold: float, selected: str | None = None
) -> pd.DataFrame:
    """Frame behind a rate bar chart: the group's key (`label` column, kept raw for selections), rate in %,
    status (behind pace or not) and formatted tooltip values. Keeps the order of `rates`."""
    statuses = {False: _t("budget.chart.status.on_pace", lang), True: _t("budget.chart.status.lagging", lang)}
    out = pd.DataFrame(
        {
            label: rates[label].astype(str).tolist(),
            "rate_pct": [None if pd.isna(r) else float(r) * 100 for r in rates["rate"]],
            "rate_text": [fmt.percent(None if pd.isna(r) else float(r)) for r in rates["rate"]],
            "gap_text": [fmt.points(None if pd.isna(g) else float(g), lang=lang) for g in rates["gap"]],
            "planned": [fmt.money(int(v), lang) for v in rates["planned_krw"]],
            "executed": [fmt.money(int(v), lang) for v in rates["executed_krw"]],
            "status": [statuses[bool(not pd.isna(g) and float(g) < threshold)] for g in rates["gap"]],
            "selected": [selected is None or str(v) == selected for v in rates[label]],
        }
    )
    return out


def rate_bars(
    rates: pd.DataFrame,
    label: str,
    lang: str,
    *,
    title_key: str,
    threshold: float,
    target: float | None = None,
    selected: str | None = None,
    selectable: bool = False,
) -> alt.LayerChart:
    """Horizontal bars of execution rate per group in `rates`' order (metrics sort lowest first), coloured by
    pace status, with the year's target as a dashed rule. `selectable` adds a click (point) selection on the
    `label` field named STRATEGY_PARAM; `selected` dims the other bars."""
    data = rate_frame(rates, label, lang, threshold, selected)
    order = data[label].tolist()
    statuses = [_t("budget.chart.status.on_pace", lang), _t("budget.chart.status.lagging", lang)]
    top = max([110.0, *(r + 12 for r in data["rate_pct"].dropna())])
    y = alt.Y(
        f"{label}:N",
        sort=order,
        title=None,
        scale=alt.Scale(paddingInner=0.3, paddingOuter=0.2),
        axis=alt.Axis(labelLimit=LABEL_LIMIT, labelFontSize=AXIS_FONT),
    )
    x = alt.X(
        "rate_pct:Q",
        title=_t("budget.chart.axis.rate", lang),
        scale=alt.Scale(domain=[0, top], nice=False),
        axis=alt.Axis(format=".0f", labelFontSize=AXIS_FONT, values=list(range(0, int(top) + 1, 20))),
    )
    tooltip = [
        alt.Tooltip(f"{label}:N", title=_t(f"budget.col.{label}", lang)),
        alt.Tooltip("rate_text:N", title=_t("budget.chart.tooltip.rate", lang)),
        alt.Tooltip("gap_text:N", title=_t("budget.chart.tooltip.gap", lang)),
        alt.Tooltip("executed:N", title=_t("budget.chart.tooltip.executed", lang)),
        alt.Tooltip("planned:N", title=_t("budget.chart.tooltip.planned", lang)),
        alt.Tooltip("status:N", title=_t("budget.chart.tooltip.status", lang)),
    ]
    base = alt.Chart(data)
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=x,
        y=y,
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=statuses, range=[EXECUTED, WARNING]),
            legend=alt.Legend(title=None, orient="bottom", labelFontSize=AXIS_FONT),
        ),
        opacity=alt.condition(alt.datum.selected, alt.value(1.0), alt.value(0.3)),
        tooltip=tooltip,
    )
    if selectable:
        bars = bars.add_params(alt.selection_point(name=STRATEGY_PARAM, fields=[label], on="click", clear=False))
    # Not by colour alone (#17): a lagging bar's label also says so in words ("3.3% · 진도 지연").
    lagging = alt.datum.status == statuses[1]
    text = (
        base.mark_text(align="left", dx=4, fontSize=12, color=TEXT)
        .transform_calculate(
            bar_text=alt.expr.if_(lagging, alt.datum.rate_text + " · " + statuses[1], alt.datum.rate_text)
        )
        .encode(x=x, y=y, text="bar_text:N", tooltip=tooltip)
    )
    layers = [bars, text]  # the target rule goes underneath, its label on top
    if target is not None:
        rule_data = pd.DataFrame(
            {"target": [target * 100], "label": [_t("budget.chart.target", lang, target=fmt.percent(target, 0))]}
        )
        rule = alt.Chart(rule_data).mark_rule(color=TARGET, strokeDash=[6, 4], strokeWidth=2).encode(x="target:Q")
        rule_text = (
            alt.Chart(rule_data)
            .mark_text(align="left", dx=4, dy=-6, baseline="bottom", color=TARGET_TEXT, fontSize=12, fontWeight="bold")
            .encode(x="target:Q", y=alt.value(0), text="label:N")
        )
        layers = [rule, bars, text, rule_text]
    height = max(2, len(data)) * BAR_STEP
    chart = layered(*layers, title=_t(title_key, lang)).properties(
        width="container", height=height, autosize=AUTOSIZE, padding={"left": 8, "right": 24, "top": 20, "bottom": 8}
    )
    return described(chart, _t(title_key, lang), rate_summary(data, label, statuses[1], target, lang), lang)


def rate_summary(data: pd.DataFrame, label: str, lagging: str, target: float | None, lang: str) -> str:
    """The rate bars in words: how many groups lag, the lowest and the highest rate, the target."""
    known = data[data["rate_pct"].notna()]
    if known.empty:
        return ""
    low, high = known.loc[cast(Any, known["rate_pct"].idxmin())], known.loc[cast(Any, known["rate_pct"].idxmax())]
    text = _t(
        "chart.desc.rates",
        lang,
        count=len(data),
        lagging=int((data["status"] == lagging).sum()),
        low=low[label],
        low_rate=low["rate_text"],
        high=high[label],
        high_rate=high["rate_text"],
    )
    if target is not None:
        text += _t("chart.desc.rates.target", lang, target=fmt.percent(target, 0))
    return text


def selected_strategy(selection_state: object) -> str | None:
    """The strategy clicked in the strategy chart, from `st.altair_chart(..., on_select=...)`'s state
    ({"selection": {STRATEGY_PARAM: [{"strategy": "..."}]}}); None when nothing is selected."""
    try:
        points = selection_state["selection"][STRATEGY_PARAM]  # type: ignore[index]
    except (KeyError, TypeError, AttributeError):
        return None
    if isinstance(points, dict):  # some versions report {"strategy": [...]} for point selections
        values = points.get("strategy") or []
        return str(values[0]) if values else None
    for point in points or []:
        if isinstance(point, dict) and point.get("strategy") is not None:
            return str(point["strategy"])
    return None


# --- phase × funding source ---------------------------------------------------------------------------------


def phase_frame(totals: pd.DataFrame, phase_names: dict[int, str], lang: str) -> pd.DataFrame:
    """Long frame behind the phase chart: one row per (phase, source, measure) with 억원 and formatted amounts."""
    measures = {
        "planned_krw": _t("budget.chart.measure.planned", lang),
        "executed_krw": _t("budget.chart.measure.executed", lang),
    }
    records = []
    for row in rows_of(totals, index=False):
        for column, measure in measures.items():
            krw = int(getattr(row, column))
            records.append(
                {
                    "phase": phase_names.get(int(row.phase), str(row.phase)),
                    "phase_number": int(row.phase),
                    "source": row.source,
                    "source_order": list(FUNDING_COLORS).index(row.source)
                    if row.source in FUNDING_COLORS
                    else len(FUNDING_COLORS),
                    "measure": measure,
                    "eok": fmt.eok(krw),
                    "amount": fmt.money(krw, lang),
                    "exact": fmt.money_exact(krw, lang),
                }
            )
    return pd.DataFrame(
        records, columns=["phase", "phase_number", "source", "source_order", "measure", "eok", "amount", "exact"]
    )


def phase_source_chart(totals: pd.DataFrame, phase_names: dict[int, str], lang: str) -> alt.LayerChart:
    """Per phase, a planned and an executed bar side by side, each stacked by funding source (억원),
    with each bar's measure and total written above it."""
    data = phase_frame(totals, phase_names, lang)
    measures = [_t("budget.chart.measure.planned", lang), _t("budget.chart.measure.executed", lang)]
    phases = data.drop_duplicates("phase").sort_values("phase_number")["phase"].tolist()
    # the sources present, in the palette's order: each keeps its colour of every other page
    present = data.sort_values(["source_order", "source"])["source"].drop_duplicates().tolist()
    sums = data.groupby(["phase", "measure"], as_index=False, sort=False)["eok"].sum()
    totals_krw = {
        (phase_names.get(int(r.phase), str(r.phase)), m): int(getattr(r, c))
        for r in rows_of(totals.groupby("phase", as_index=False)[["planned_krw", "executed_krw"]].sum(), index=False)
        for c, m in zip(("planned_krw", "executed_krw"), measures, strict=False)
    }
    sums["label"] = [
        f"{m} {fmt.money(totals_krw[(p, m)], lang)}" for p, m in zip(sums["phase"], sums["measure"], strict=False)
    ]
    x = alt.X("phase:N", sort=phases, title=None, axis=alt.Axis(labelAngle=0, labelFontSize=AXIS_FONT, labelLimit=200))
    offset = alt.XOffset("measure:N", sort=measures, scale=alt.Scale(domain=measures, paddingInner=0.15))
    # each source's first letter on its segments (국 시 민), so the source is not told by colour alone
    # (charts.segments); on a planned bar's pale fill the letter is black
    data = with_marks(data, "source", FUNDING_COLORS, NEUTRAL)
    data["seg_ink"] = [
        ink if m == measures[1] else TEXT for ink, m in zip(data["seg_ink"], data["measure"], strict=True)
    ]
    bars = (
        alt.Chart(data)
        .mark_bar(strokeWidth=1.5)
        .encode(
            x=x,
            xOffset=offset,
            y=alt.Y("sum(eok):Q", stack="zero", title=None, axis=alt.Axis(format=",.0f", labelFontSize=AXIS_FONT)),
            color=alt.Color(
                "source:N",
                scale=alt.Scale(domain=present, range=[FUNDING_COLORS.get(v, NEUTRAL) for v in present]),
                legend=alt.Legend(title=_t("budget.col.source", lang), orient="bottom", labelFontSize=AXIS_FONT),
            ),
            # planned is the pale fill, executed the full one; each bar keeps a 1.5 px edge in its source's full colour,
            # so a pale (planned) bar still stands out 3:1 from the white (#17), and the label above names the measure
            fillOpacity=alt.FillOpacity(
                "measure:N", sort=measures, scale=alt.Scale(domain=measures, range=[0.45, 1.0]), legend=None
            ),
            stroke=alt.Stroke(
                "source:N",
                scale=alt.Scale(domain=present, range=[FUNDING_COLORS.get(v, NEUTRAL) for v in present]),
                legend=None,
            ),
            order=alt.Order("source_order:Q", sort="ascending"),
            tooltip=[
                alt.Tooltip("phase:N", title=_t("budget.col.phase", lang)),
                alt.Tooltip("measure:N", title=_t("budget.chart.measure", lang)),
                alt.Tooltip("source:N", title=_t("budget.col.source", lang)),
                alt.Tooltip("amount:N", title=_t("budget.chart.tooltip.amount", lang)),
                alt.Tooltip("exact:N", title=_t("budget.chart.tooltip.exact", lang)),
            ],
        )
    )
    labels = (
        alt.Chart(sums)
        # on a narrow chart the measure and the amount go on two lines (side by side they run into the next bar's)
        .mark_text(
            baseline="bottom",
            color=TEXT,
            dy=alt.expr(f"width < {NARROW_PX} ? -20 : -6"),
            fontSize=alt.expr(f"width < {NARROW_PX} ? 11 : 12"),
            lineBreak=alt.expr(f"width < {NARROW_PX} ? ' ' : '\\n'"),
        )
        .encode(x=x, xOffset=offset, y=alt.Y("eok:Q"), text="label:N")
    )
    title = alt.Title(_t("budget.chart.phase.title", lang), subtitle=_t("budget.chart.unit.eok", lang))
    marks = segment_marks(data, x=x, value="eok", groupby=["phase", "measure"], order="source_order", x_offset=offset)
    chart = layered(bars, marks, labels, title=title).properties(
        width="container", height=300, autosize=AUTOSIZE, padding={"left": 8, "right": 16, "top": 24, "bottom": 8}
    )
    summary = listing(
        [
            _t(
                "chart.desc.phase_item",
                lang,
                phase=p,
                planned=fmt.money(totals_krw[(p, measures[0])], lang),
                executed=fmt.money(totals_krw[(p, measures[1])], lang),
            )
            for p in phases
            if (p, measures[0]) in totals_krw
        ],
        lang,
    )
    return described(chart, title, f"{summary}." if summary else "", lang)
