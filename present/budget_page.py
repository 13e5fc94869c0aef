"""What the budget page draws for one selection, year and language, made once per data version for every session
(`ui.shared`): the view-model (`present.budget_view.build_budget_view`, which the briefing's budget slide shares),
the Vega-Lite specs of its charts (`present.chart_png.page_spec`) and its tables as shown (`present.shown_table`),
so a rerun neither hashes frames, runs Altair nor converts a table to Arrow."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from charts import budget as charts
from metrics import budget as m
from present import budget_view as view
from present.chart_png import PageSpec, page_spec
from present.i18n import translate
from present.shown_table import ShownFrame, shown_frame
from program import load_program

# the tables drawn from the figures, by their spec's key (the monthly and year-to-date tables are drawn apart)
TABLE_SPECS = (view.STRATEGIES, view.BEHIND, view.RISK, view.PROGRAMS, view.PHASES, view.SOURCES)


@dataclass(frozen=True)
class BudgetPage:
    view: view.BudgetView
    seasonal: bool  # the expected pace differs from the straight line: the page offers the straight line too
    charts: dict[str, PageSpec]  # s_curve (and s_curve_straight when seasonal), strategies, programs, phases
    tables: dict[str, ShownFrame]  # BudgetTable key → the table as shown and downloaded
    monthly: ShownFrame  # the S-curve's numbers by month (`monthly_table`)


MONTHLY_LABELS = {  # the S-curve's columns → message keys of their headers
    "month": "budget.col.month",
    "planned_krw": "budget.col.month_planned",
    "executed_krw": "budget.col.month_executed",
    "cum_planned_krw": "budget.col.cum_planned",
    "cum_executed_krw": "budget.col.cum_executed",
    "pace_krw": "budget.col.pace_line",
    "expected_krw": "budget.col.expected_line",
}


def monthly_table(curve: pd.DataFrame, lang: str) -> ShownFrame:
    """The S-curve's numbers by month as shown: month names and headers in `lang`, the curve's column order."""
    monthly = curve.assign(month=[charts.month_name(int(x), lang) for x in curve["month"]])
    return shown_frame(monthly.rename(columns={c: translate(key, lang) for c, key in MONTHLY_LABELS.items()}))


def table_frames(page: view.BudgetView) -> dict[str, pd.DataFrame]:
    """The figures each budget table shows, by its spec's key."""
    f = page.figures
    frames = {
        view.STRATEGIES.key: f.by_strategy,
        view.BEHIND.key: f.behind,
        view.RISK.key: f.risk,
        view.PROGRAMS.key: f.by_program,
        view.PHASES.key: page.phase_totals,
        view.SOURCES.key: f.by_source,
    }
    return frames


def build_budget_page(
    raw: pd.DataFrame,
    targets: pd.DataFrame | None,
    events: pd.DataFrame | None,
    selection: m.Selection,
    year: int,
    as_of: dt.date,
    sources: tuple[str, ...],
    lang: str,
) -> BudgetPage:
    """The budget page for `selection` in `year` at `as_of`: `build_budget_view`'s arguments, and the programme
    events marked on the S-curve."""
    v = view.build_budget_view(raw, targets, selection, year, as_of, sources, lang)
    f, summary, target = v.figures, v.figures.summary, v.figures.target
    lagging_gap = load_program().pace.lagging_gap
    seasonal = bool(f.has_months and charts.has_expected_line(f.curve))
    specs: dict[str, PageSpec] = {}
    if f.has_months:
        marks = events[["date", "title"]] if events is not None else None
        for name, straight in (("s_curve", False), ("s_curve_straight", True))[: 2 if seasonal else 1]:
            specs[name] = page_spec(
                charts.s_curve_chart(
                    f.curve,
                    year,
                    lang,
                    summary.projected,
                    m.whole_months(year, as_of),
                    events=marks,
                    show_straight=straight,
                    projected_range=v.projected_span,
                )
            )
    specs["strategies"] = page_spec(
        charts.rate_bars(
            f.by_strategy.drop(columns="source_rows"),
            "strategy",
            lang,
            title_key="budget.chart.strategy.title",
            threshold=-lagging_gap,
            target=target,
            selected=selection.strategy,
            selectable=True,
        )
    )
    specs["programs"] = page_spec(
        charts.rate_bars(
            f.by_program.drop(columns="source_rows"),
            "program",
            lang,
            title_key="budget.chart.program.title",
            threshold=-lagging_gap,
            target=target,
        )
    )
    specs["phases"] = page_spec(
        charts.phase_source_chart(v.phase_totals.drop(columns="source_rows"), v.phase_names, lang)
    )
    frames = table_frames(v)
    tables = {spec.key: shown_frame(view.table_frame(frames[spec.key], spec, lang)) for spec in TABLE_SPECS}
    return BudgetPage(v, seasonal, specs, tables, monthly_table(f.curve, lang))
