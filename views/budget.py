"""예산 집행 (Budget burn): execution against plan and pace for the filtered selection and year."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts import budget as charts
from metrics import budget as m
from metrics import budget_filters as cascade
from metrics.as_of import data_as_of, month_end
from present import clock
from present import format as fmt
from present.i18n import phase_label
from program import load_program
from ui import filters
from ui.chart_export import chart_with_download
from ui.chart_spec import chart_spec
from ui.data import upload_of_rows
from ui.export import show_table
from ui.guard import guarded
from ui.i18n import t
from ui.page import page_setup
from ui.provenance import by_column, source_button
from ui.reasons import reasons_month, show_reasons

ctx = page_setup("nav.budget", datasets=("budget", "targets", "events"))
lang = ctx.lang
raw = ctx.frame("budget")
if raw is None or raw.empty:
    st.info(t("data.empty"))
    st.stop()

program = load_program()
version = ctx.versions["budget"]


@st.cache_data(show_spinner=False, max_entries=16)
def prepared(version_id: int, latest_only: bool, _raw):
    """The version's rows with phase and strategy filled in: once per version, shared by all sessions."""
    return m.prepare(_raw, program, latest_only)


@st.cache_data(show_spinner=False, max_entries=256)
def figures(
    version_id: int, selection: tuple, year: int, as_of, sources: tuple, _budget, _every_snapshot
) -> m.PageFigures:
    """The page's figures, once per version and filter combination (shared by all sessions)."""
    return m.page_figures(_budget, m.Selection(*selection), year, as_of, sources, _every_snapshot)


def spec(builder: str, *args, **kwargs) -> dict:
    return chart_spec("budget", builder, *args, **kwargs)


budget = prepared(version.id, True, raw)
every_snapshot = prepared(version.id, False, raw)
targets = ctx.frame("targets")
as_of = data_as_of("budget", raw, version.created_at.date())
phases = {p.number: p for p in program.phases}


def phase_name(number: int) -> str:
    p = phases.get(number)
    if p is None:
        return str(number)
    return t("budget.phase_label", name=p.name, number=p.number, first=p.first_year, last=p.last_year)


# --- filters (sidebar; kept across pages and in the URL) ------------------------------------------------------
st.sidebar.subheader(t("budget.filters"), help=t("budget.filter.help"))
all_label = t("budget.filter.all")
phase = filters.select_one(
    "phase",
    cascade.phase_options(budget),
    t("budget.filter.phase"),
    "budget_phase",
    all_label=all_label,
    format_func=phase_name,
)
in_phase = cascade.in_phase(budget, phase)
years = cascade.year_options(in_phase)
year = filters.select_one(
    "year",
    years,
    t("budget.filter.year"),
    "budget_year",
    default=cascade.default_year(years, as_of),
    format_func=lambda y: t("budget.year_label", year=y),
)
in_year = cascade.in_year(in_phase, year)
strategy = filters.select_one(
    "strategy",
    cascade.strategy_options(in_year, program.strategies),
    t("budget.filter.strategy"),
    "budget_strategy",
    all_label=all_label,
)
programs = filters.select_many(
    "program",
    cascade.program_options(cascade.in_strategy(in_year, strategy)),
    t("budget.filter.program"),
    "budget_program",
    placeholder=t("budget.filter.all_placeholder"),
)
sources = cascade.source_options(budget, program.funding_sources)
chosen_sources = filters.select_many(
    "source", sources, t("budget.filter.source"), "budget_source", placeholder=t("budget.filter.all_placeholder")
)

selection = (phase, strategy, tuple(programs), tuple(chosen_sources))
f = figures(version.id, selection, year, as_of, tuple(sources), budget, every_snapshot)
summary = f.summary
months = m.whole_months(year, as_of)
target = m.target_rate(targets, year)

st.caption(
    t(
        "budget.context",
        year=year,
        share=fmt.percent(summary.share),
        as_of=fmt.month_label(as_of, lang) if as_of == month_end(as_of) else fmt.date_label(as_of, lang),
        months=f"{summary.months:g}" if months is None else months,
    )
)
if not summary.source_rows:
    st.info(t("budget.no_rows"))
    st.stop()

# --- headline -----------------------------------------------------------------------------------------------
# Each tile's figure and delta; the "출처" dialog lists the version and the Excel rows (or the formula).
rows = m.select(budget, m.Selection(*selection), year)
traced = m.headline_figures(budget, m.Selection(*selection), year, as_of, f, target)


def delta(name: str):
    """The tile's delta figure's value (None: no delta shown)."""
    figure = traced[name]
    return None if figure is None else figure.value


planned_delta = delta("planned_delta")
row1 = [c.container(border=True) for c in st.columns(3)]
with row1[0]:
    st.metric(
        t("budget.metric.planned"),
        fmt.money(summary.planned, lang),
        delta=fmt.money(planned_delta, lang) if planned_delta is not None else None,
        delta_color="off",
        delta_description=t("budget.metric.planned.delta") if planned_delta is not None else None,
        help=t("budget.metric.planned.help", exact=fmt.money_exact(summary.planned, lang)),
    )
    source_button(traced["planned_krw"], "budget_planned")
behind_plan = delta("executed_delta")
with row1[1]:
    st.metric(
        t("budget.metric.executed"),
        fmt.money(summary.executed, lang),
        delta=fmt.money(behind_plan, lang) if behind_plan is not None else None,
        delta_description=t("budget.metric.executed.delta") if behind_plan is not None else None,
        help=t(
            "budget.metric.executed.help",
            as_of=fmt.date_label(as_of, lang),
            exact=fmt.money_exact(summary.executed, lang),
        ),
    )
    source_button(traced["executed_krw"], "budget_executed")
rate_delta = delta("rate_delta")
with row1[2]:
    st.metric(
        t("budget.metric.rate"),
        fmt.percent(summary.rate),
        delta=fmt.points(rate_delta, lang=lang) if rate_delta is not None else None,
        delta_description=t("budget.metric.rate.delta") if rate_delta is not None else None,
        help=t(
            "budget.metric.rate.help",
            executed=fmt.money_exact(summary.executed, lang),
            planned=fmt.money_exact(summary.planned, lang),
        ),
    )
    source_button(traced["rate"], "budget_rate")
row2 = [c.container(border=True) for c in st.columns(3)]
gap_change = delta("gap_delta")
row2[0].metric(
    t("budget.metric.gap"),
    fmt.points(summary.gap, lang=lang),
    delta=fmt.points(gap_change, lang=lang) if gap_change is not None else None,
    delta_description=t("budget.metric.gap.delta") if gap_change is not None else None,
    help=t("budget.metric.gap.help", share=fmt.percent(summary.share)),
)
with row2[0]:
    source_button(traced["gap"], "budget_gap")
projected_left = delta("projected_delta")
row2[1].metric(
    t("budget.metric.projected"),
    fmt.money(summary.projected, lang),
    delta=fmt.money(projected_left, lang) if projected_left is not None else None,
    delta_description=t("budget.metric.projected.delta") if projected_left is not None else None,
    help=t(
        "budget.metric.projected.help",
        executed=fmt.money_exact(summary.executed, lang),
        months=f"{summary.months:g}",
        exact=fmt.money_exact(summary.projected, lang),
    ),
)
with row2[1]:
    source_button(traced["projected_krw"], "budget_projected")
target_text = fmt.percent(target, 0) if target is not None else t("budget.metric.projected_rate.no_target")
projected_vs_target = delta("projected_rate_delta")
row2[2].metric(
    t("budget.metric.projected_rate"),
    fmt.percent(summary.projected_rate),
    delta=fmt.points(projected_vs_target, lang=lang) if projected_vs_target is not None else None,
    delta_description=t("budget.metric.projected_rate.delta", target=target_text)
    if projected_vs_target is not None
    else None,
    help=t("budget.metric.projected_rate.help", target=target_text),
)
with row2[2]:
    source_button(traced["projected_rate"], "budget_projected_rate")

# --- S-curve ------------------------------------------------------------------------------------------------
st.subheader(t("budget.section.curve"))
st.caption(t("budget.section.curve.caption"))
curve = f.curve
if not f.has_months:
    st.info(t("budget.no_months"))
else:
    events = ctx.frame("events")
    marks = events[["date", "title"]] if events is not None else None  # programme events on the S-curve
    chart_with_download(
        spec("s_curve_chart", curve, year, lang, summary.projected, months, events=marks), key="budget_s_curve"
    )
    if len(f.points):
        # A year held as year-to-date exports: each point is one upload, named with its file and version.
        points = f.points
        uploads = [upload_of_rows(version, rows_of_point) for rows_of_point in points["source_rows"]]
        st.caption(t("budget.points.caption", count=len(points)))
        point_table = pd.DataFrame(
            {
                t("budget.col.as_of"): [fmt.date_label(pd.Timestamp(d).date(), lang) for d in points["as_of"]],
                t("budget.col.cum_executed"): points["executed_krw"],
                t("budget.col.planned"): points["planned_krw"],
                t("budget.col.upload"): [
                    t(
                        "budget.point.upload",
                        file=u.filename,
                        number=u.number,
                        user=u.created_by,
                        when=fmt.datetime_label(u.created_at, lang),
                    )
                    for u in uploads
                ],
            }
        )
        point_columns = {t("budget.col.cum_executed"): "executed_krw", t("budget.col.planned"): "planned_krw"}
        show_table(
            point_table,
            key="budget_points_table",
            pin_first=True,
            placeholder=None,
            file_name=t("budget.file.points", year=year),
            sheet_name=t("budget.sheet.points"),
            download_label=t("budget.download"),
            download_help=t("budget.download.help"),
            money_columns=tuple(point_columns),
            cell_source=by_column(
                point_columns,
                lambda row, column: m.snapshot_figure(
                    m.snapshots(m.select(every_snapshot, m.Selection(*selection), year), year),
                    pd.Timestamp(points["as_of"].iloc[row]).date(),
                    column,
                ),
            ),
        )
    else:
        with st.expander(t("budget.section.curve.table")):
            monthly = curve.assign(month=[charts.month_name(int(x), lang) for x in curve["month"]]).rename(
                columns={
                    "month": t("budget.col.month"),
                    "planned_krw": t("budget.col.month_planned"),
                    "executed_krw": t("budget.col.month_executed"),
                    "cum_planned_krw": t("budget.col.cum_planned"),
                    "cum_executed_krw": t("budget.col.cum_executed"),
                    "pace_krw": t("budget.col.pace_line"),
                }
            )
            curve_columns = dict(zip(monthly.columns, curve.columns, strict=False))
            show_table(
                monthly,
                key="budget_monthly_table",
                pin_first=True,
                placeholder=None,
                file_name=t("budget.file.monthly", year=year),
                sheet_name=t("budget.sheet.monthly"),
                download_label=t("budget.download"),
                download_help=t("budget.download.help"),
                money_columns=tuple(monthly.columns[1:]),
                cell_source=by_column(
                    {k: v for k, v in curve_columns.items() if v != "month"},
                    lambda row, column: m.curve_figure(rows, year, as_of, row + 1, column),
                ),
            )

# --- execution rates: strategy (click to drill down) and programmes -------------------------------------------
st.subheader(t("budget.section.rates"))
by_strategy, by_program = f.by_strategy, f.by_program


def on_strategy_click(chart_key: str) -> None:
    picked = charts.selected_strategy(st.session_state.get(chart_key))
    if picked is not None:
        filters.set_value("strategy", picked)


chart_key = f"budget_strategy_chart_{strategy or 'all'}"  # a fresh chart (no stale click) whenever the filter changes
chart_with_download(
    spec(
        "rate_bars",
        by_strategy.drop(columns="source_rows"),
        "strategy",
        lang,
        title_key="budget.chart.strategy.title",
        threshold=m.LAGGING_GAP,
        target=target,
        selected=strategy,
        selectable=True,
    ),
    key=chart_key,
    on_select=lambda: on_strategy_click(chart_key),
    selection_mode=charts.STRATEGY_PARAM,
)
hint, clear = st.columns([4, 1], vertical_alignment="center")
fill = m.strategy_fill(raw[raw["year"] == year], program)
fill_notes = [
    t(key, rows=fmt.count(rows))
    for key, rows in (("budget.strategy.configured", fill.configured), ("budget.strategy.unassigned", fill.unassigned))
    if rows
]
hint.caption("  \n".join([t("budget.section.strategy.caption"), *fill_notes]))
if strategy is not None:
    clear.button(
        t("budget.drill.clear"),
        key="budget_drill_clear",
        icon=":material/arrow_back:",
        on_click=filters.set_value,
        args=("strategy", None),
        width="stretch",
    )
chart_with_download(
    spec(
        "rate_bars",
        by_program.drop(columns="source_rows"),
        "program",
        lang,
        title_key="budget.chart.program.title",
        threshold=m.LAGGING_GAP,
        target=target,
    ),
    key="budget_program_rates",
)

# --- tables: lagging programmes, all programmes -------------------------------------------------------------
COLUMNS = {  # metrics column → (message key, kind); rates are shown and exported in %, gaps in %p
    "phase_name": ("budget.col.phase", "text"),
    "source": ("budget.col.source", "text"),
    "strategy": ("budget.col.strategy", "text"),
    "program": ("budget.col.program", "text"),
    "planned_krw": ("budget.col.planned", "money"),
    "executed_krw": ("budget.col.executed", "money"),
    "rate": ("budget.col.rate", "percent"),
    "gap": ("budget.col.gap", "points"),
    "pace_krw": ("budget.col.pace", "money"),
    "shortfall_krw": ("budget.col.shortfall", "money"),
    "projected_krw": ("budget.col.projected", "money"),
    "projected_rate": ("budget.col.projected_rate", "percent"),
}


def table(
    frame,
    columns: list[str],
    key: str,
    file_key: str,
    sheet_key: str,
    source_rows,
    figures_of,
    download_only: tuple[str, ...] = (),
) -> None:
    """One of the budget tables; a click on a number opens its source: `figures_of(rows of the group)` gives
    the figures of a row, the group named by its non-figure columns (e.g. strategy and programme)."""
    shown = frame[columns].copy()
    for column in columns:
        if COLUMNS[column][1] in ("percent", "points"):
            shown[column] = shown[column] * 100
    shown.columns = [t(COLUMNS[c][0]) for c in columns]
    of_kind = lambda kind: tuple(t(COLUMNS[c][0]) for c in columns if COLUMNS[c][1] == kind)  # noqa: E731
    show_table(
        shown,
        key=f"{key}_table",
        pin_first=True,
        placeholder=None,
        file_name=t(file_key, year=year),
        sheet_name=t(sheet_key),
        download_label=t("budget.download"),
        download_help=t("budget.download.help"),
        money_columns=of_kind("money"),
        percent_columns=of_kind("percent"),
        points_columns=of_kind("points"),
        download_only=tuple(t(COLUMNS[c][0]) for c in download_only),
        cell_source=by_column(
            {t(COLUMNS[c][0]): c for c in columns if COLUMNS[c][1] != "text"},
            lambda row, column: figures_of(m.group_rows(source_rows, group_of(frame.iloc[row])))[column],
        ),
    )


def group_of(table_row) -> dict[str, object]:
    """The keys a table row aggregates over (the columns that are not figures)."""
    return {k: table_row[k] for k in ("phase", "source", "strategy", "program") if k in table_row.index}


def in_year_figures(group_rows):
    """A programme row's figures: the same year and as-of date as the table."""
    return m.year_figures(group_rows, year, as_of)


# the strategy chart's numbers as a table (#17: every chart's figures reachable as text)
with st.expander(t("chart.table.strategies")):
    table(
        by_strategy,
        ["strategy", "planned_krw", "executed_krw", "rate", "gap"],
        "budget_strategies",
        "chart.table.file.strategies",
        "chart.table.sheet.strategies",
        source_rows=rows,
        figures_of=in_year_figures,
    )

st.subheader(t("budget.section.lagging"))
threshold = fmt.points(m.LAGGING_GAP, 0, lang)
st.caption(t("budget.section.lagging.caption", threshold=threshold, one_month=fmt.points(1 / 12, 1, lang).lstrip("+")))
behind = f.behind
if behind.empty:
    st.success(t("budget.lagging.none", threshold=threshold))
else:
    table(
        behind,
        ["program", "strategy", "planned_krw", "executed_krw", "rate", "gap", "shortfall_krw"],
        "budget_lagging",
        "budget.file.lagging",
        "budget.sheet.lagging",
        source_rows=rows,
        figures_of=in_year_figures,
    )

# --- 부진 사유와 대책 (issue #24): beside the lagging list; the form for staff ----------------------------------
with guarded("reasons.title"):
    st.subheader(t("reasons.title"), anchor="reasons")
    show_reasons(behind, reasons_month(year, as_of), clock.today(), lang, "budget_reasons", table=True)

st.subheader(t("budget.section.programs"))
table(
    by_program,
    ["program", "strategy", "planned_krw", "executed_krw", "rate", "gap", "projected_krw", "projected_rate"],
    "budget_programs",
    "budget.file.programs",
    "budget.sheet.programs",
    download_only=("strategy",),
    source_rows=rows,
    figures_of=in_year_figures,
)

# --- phase × funding source ---------------------------------------------------------------------------------
st.subheader(t("budget.section.phases"))
st.caption(t("budget.section.phases.caption"))
totals = f.phase_totals.copy()
short_names = {n: phase_label(n, p.name, lang) for n, p in phases.items()}
totals["phase_name"] = [short_names.get(int(p), str(p)) for p in totals["phase"]]
chart_with_download(
    spec("phase_source_chart", totals.drop(columns="source_rows"), short_names, lang), key="budget_phase_source"
)
table(
    totals,
    ["phase_name", "source", "planned_krw", "executed_krw", "rate"],
    "budget_phases",
    "budget.file.phases",
    "budget.sheet.phases",
    source_rows=m.select(budget, m.Selection(None, *selection[1:])),
    figures_of=m.total_figures,
)
