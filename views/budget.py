"""예산 집행 (Budget burn): execution against plan and pace for the filtered selection and year."""

from __future__ import annotations

from functools import cache

import pandas as pd
import streamlit as st

import clock
from auth.roles import Page
from charts import budget as charts
from metrics import budget as m
from metrics import budget_filters as cascade
from present import budget_page
from present import budget_view as view
from ui import filters
from ui import text as say
from ui.budget_tables import show_budget_table, show_monthly_table, show_points_table
from ui.chart_export import chart_with_download
from ui.guard import guarded
from ui.i18n import t
from ui.page import page_setup
from ui.reasons import reasons_month, show_reasons
from ui.tiles import show_tiles

ctx = page_setup("nav.budget", Page.BUDGET)
lang = ctx.lang
raw = ctx.frame("budget")
if raw is None or raw.empty:
    say.info(t("data.empty"))
    st.stop()

version = ctx.versions["budget"]
as_of = ctx.as_of("budget", version.uploaded_on)

# --- filters (sidebar; kept across pages and in the URL) ------------------------------------------------------
say.subheader(t("budget.filters"), place=st.sidebar, help=t("budget.filter.help"))
all_label = t("budget.filter.all")
phase = filters.select_one(
    "phase",
    ctx.shared(view.phase_choices, raw),
    t("budget.filter.phase"),
    "budget_phase",
    all_label=all_label,
    format_func=lambda number: view.phase_option(number, lang),
)
years = ctx.shared(view.year_choices, raw, phase)
year = filters.select_one(
    "year",
    years,
    t("budget.filter.year"),
    "budget_year",
    default=cascade.default_year(years, as_of),
    format_func=lambda y: t("budget.year_label", year=y),
)
strategy = filters.select_one(
    "strategy",
    ctx.shared(view.strategy_choices, raw, phase, year),
    t("budget.filter.strategy"),
    "budget_strategy",
    all_label=all_label,
)
programs = filters.select_many(
    "program",
    ctx.shared(view.program_choices, raw, phase, year, strategy),
    t("budget.filter.program"),
    "budget_program",
    placeholder=t("budget.filter.all_placeholder"),
)
sources = ctx.shared(view.source_choices, raw)
chosen_sources = filters.select_many(
    "source", sources, t("budget.filter.source"), "budget_source", placeholder=t("budget.filter.all_placeholder")
)

selection = m.Selection(phase, strategy, tuple(programs), tuple(chosen_sources))
events = ctx.frame("events")
page = ctx.shared_view(
    budget_page.build_budget_page, raw, ctx.frame("targets"), events, selection, year, as_of, tuple(sources), lang
)
v, specs, tables = page.view, page.charts, page.tables
f, summary, target = v.figures, v.figures.summary, v.figures.target
say.caption(v.context)
if not summary.source_rows:
    say.info(t("budget.no_rows"))
    st.stop()
say.caption(v.basis)


@cache
def rows() -> pd.DataFrame:
    """The selection's rows in the year, behind a table cell: read only when a cell's source is opened."""
    return m.select(ctx.shared(view.prepared, raw, True), selection, year)


@cache
def phase_rows() -> pd.DataFrame:
    """The selection's rows in every year (the phase × source table), read likewise on a click only."""
    every_year = m.Selection(None, strategy, selection.programs, selection.sources)
    return m.select(ctx.shared(view.prepared, raw, True), every_year)


# --- headline -----------------------------------------------------------------------------------------------
# Each tile's figure and delta; the "출처" dialog lists the version and the Excel rows (or the formula).
show_tiles(v.tiles)

# --- S-curve ------------------------------------------------------------------------------------------------
say.subheader(t("budget.section.curve"))
say.caption(t("budget.section.curve.caption"))
if not f.has_months:
    say.info(t("budget.no_months"))
else:
    show_straight = page.seasonal and st.toggle(
        t("pace.straight_toggle"), key="budget_show_straight", help=say.label(t("pace.straight_toggle.help"))
    )  # the straight line as a reference, beside the programme events on the S-curve
    chart_with_download(specs["s_curve_straight" if show_straight else "s_curve"], key="budget_s_curve")
    if len(f.points):  # a year held as year-to-date exports: each point is one upload, named with its file
        snapshot_rows = m.snapshots(m.select(ctx.shared(view.prepared, raw, False), selection, year), year)
        show_points_table(f.points, version, snapshot_rows, year)
    else:
        with say.expander(t("budget.section.curve.table")):
            show_monthly_table(f.curve, rows, year, as_of, summary.profile, page.monthly)

# --- execution rates: strategy (click to drill down) and programmes -------------------------------------------
say.subheader(t("budget.section.rates"))
by_strategy, by_program = f.by_strategy, f.by_program


def on_strategy_click(chart_key: str) -> None:
    picked = charts.selected_strategy(st.session_state.get(chart_key))
    if picked is not None:
        filters.set_value("strategy", picked)


chart_key = f"budget_strategy_chart_{strategy or 'all'}"  # a fresh chart (no stale click) whenever the filter changes
chart_with_download(
    specs["strategies"],
    key=chart_key,
    on_select=lambda: on_strategy_click(chart_key),
    selection_mode=charts.STRATEGY_PARAM,
)
hint, clear = st.columns([4, 1], vertical_alignment="center")
say.caption(v.strategy_caption, place=hint)
if strategy is not None:
    clear.button(
        t("budget.drill.clear"),
        key="budget_drill_clear",
        icon=":material/arrow_back:",
        on_click=filters.set_value,
        args=("strategy", None),
        width="stretch",
    )
chart_with_download(specs["programs"], key="budget_program_rates")


# --- tables: lagging programmes, all programmes -------------------------------------------------------------
def in_year_figures(group, group_rows):
    """A programme row's figures: the same year, as-of date and pace profile as the table."""
    return m.year_figures(group_rows, year, as_of, f.profile_of(group))


# the strategy chart's numbers as a table (#17: every chart's figures reachable as text)
with say.expander(t("chart.table.strategies")):
    show_budget_table(by_strategy, view.STRATEGIES, year, rows, in_year_figures, tables[view.STRATEGIES.key])

say.subheader(t("budget.section.lagging"))
threshold = v.lagging_threshold
say.caption(t("budget.section.lagging.caption", threshold=threshold))
behind = f.behind
if behind.empty:
    say.success(t("budget.lagging.none", threshold=threshold))
else:
    show_budget_table(behind, view.BEHIND, year, rows, in_year_figures, tables[view.BEHIND.key])

# --- 부진 사유와 대책 (issue #24): beside the lagging list; the form for staff ----------------------------------
with guarded("reasons.title"):
    say.subheader(t("reasons.title"), anchor="reasons")
    show_reasons(ctx, behind, reasons_month(year, as_of), clock.today(), "budget_reasons", table=True)

say.subheader(t("pace.risk.title"))
target_label = v.target_label
if target is None:
    say.info(t("pace.risk.no_target"))
elif f.risk.empty:
    say.success(t("pace.risk.none", target=target_label))
else:
    say.caption(t("pace.risk.caption", target=target_label))
    show_budget_table(f.risk, view.RISK, year, rows, in_year_figures, tables[view.RISK.key])

say.subheader(t("budget.section.programs"))
show_budget_table(by_program, view.PROGRAMS, year, rows, in_year_figures, tables[view.PROGRAMS.key])

# --- phase × funding source ---------------------------------------------------------------------------------
say.subheader(t("budget.section.phases"))
say.caption(t("budget.section.phases.caption"))
totals = v.phase_totals
chart_with_download(specs["phases"], key="budget_phase_source")
show_budget_table(
    totals,
    view.PHASES,
    year,
    phase_rows,
    lambda group, group_rows: m.total_figures(group_rows),
    tables[view.PHASES.key],
)

with say.expander(t("pace.sources.title")):
    show_budget_table(f.by_source, view.SOURCES, year, rows, in_year_figures, tables[view.SOURCES.key])
