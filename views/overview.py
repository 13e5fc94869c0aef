"""첫 화면: headline tiles with previous period and target, the programme timeline, what needs attention.

On a phone (ui.phone) the page opens with a compact grid of the headline figures and "what needs attention";
the detailed tiles and the timeline follow them."""

from __future__ import annotations

from typing import Any

import streamlit as st

import clock
from auth.roles import Page
from metrics import overview
from present import agreements_view
from present import format as fmt
from present import overview_view as view
from present.glance import glance_html
from program import load_program
from ui import text as say
from ui.chart_export import chart_with_download
from ui.export import show_table
from ui.guard import guarded
from ui.i18n import t
from ui.page import page_setup, show_overdue
from ui.provenance import source_button
from ui.reasons import show_reasons
from ui.tiles import show_tiles

ATTENTION_ROWS = 5  # per list: the worst few, the rest are one click away on their page

ctx = page_setup("app.title", Page.HOME)
lang, today = ctx.lang, clock.today()
show_overdue(ctx, today)
budget, jobs, companies, targets = ctx.frame("budget"), ctx.frame("jobs"), ctx.frame("companies"), ctx.frame("targets")
selections = ctx.frame("selections")
glance_slot = st.container(key="phone_glance")  # filled below, once the tiles are known
# the parts drawn, for the phone's grid and the attention list (None: no data, or the part failed)
budget_part: view.BudgetPart | None = None
jobs_tiles: dict[str, overview.Tile] | None = None
companies_tile: overview.Tile | None = None
agreements_part: agreements_view.AgreementsView | None = None


def show_tile(column: Any, tile: overview.Tile, key: str, previous_key: str, note: str | None = None) -> None:
    figure = tile.figure
    change = overview.change(tile)
    with column.container(border=True):
        has_change = change is not None and change.value is not None
        moved = bool(has_change and change is not None and change.value)
        say.metric(
            t(figure.key),
            fmt.figure_value(figure.value, figure.unit, lang, tile=True),
            delta=fmt.figure_value(change.value, change.unit, lang, signed=True, tile=True)
            if has_change and change is not None
            else None,
            delta_description=t(previous_key) if has_change else None,
            delta_color="normal" if moved else "off",
            delta_arrow="auto" if moved else "off",
        )
        for line in (view.target_note(tile, lang), note):
            if line is not None:
                say.caption(line)
        source_button(figure, key)


# The tiles with their 출처, on a wide screen only: a phone shows each figure once, in the grid above (issue #37:
# the grid and then these tiles made the phone's page 5,600 px long); the grid's 출처 are one tap under it.
with st.container(key="wide_overview_details"):
    with guarded("overview.part.budget"):
        if budget is not None and not budget.empty:
            as_of = ctx.latest_as_of("budget")
            say.subheader(
                t("overview.budget_year", year=as_of.year, month=as_of.month, month_name=as_of.strftime("%B")),
                anchor="budget",
            )
            budget_part = ctx.shared(view.budget_part, budget, targets, as_of)
            for column, name in zip(st.columns(3), ("planned", "executed", "rate"), strict=False):
                show_tile(
                    column,
                    budget_part.tiles[name],
                    f"budget_{name}",
                    "overview.vs_previous_month",
                    budget_part.note(name, lang),
                )

    with guarded("overview.part.jobs"):
        if jobs is not None and not jobs.empty:
            as_of = ctx.latest_as_of("jobs")
            say.subheader(
                t("overview.jobs_year", year=as_of.year, month=as_of.month, month_name=as_of.strftime("%B")),
                anchor="jobs",
            )
            jobs_tiles = ctx.shared(overview.jobs_tiles, jobs, as_of.year, as_of, targets)
            for column, name in zip(st.columns(3), ("created", "headcount"), strict=False):
                show_tile(column, jobs_tiles[name], f"jobs_{name}", "overview.vs_previous_month")

    with guarded("overview.part.companies"):
        if companies is not None and not companies.empty:
            as_of = ctx.latest_as_of("companies")
            say.subheader(t("overview.companies_title", date=fmt.date_label(as_of, lang)))
            tiles = ctx.shared(overview.company_tiles, companies, as_of.year, targets, selections)
            companies_tile = tiles["companies"]
            columns = st.columns(len(tiles))
            for column, (name, tile) in zip(columns, tiles.items(), strict=False):
                show_tile(column, tile, f"companies_{name}", "overview.vs_previous_quarter")

    with guarded("overview.part.agreements"):
        agreements_part = ctx.shared_view(agreements_view.build_agreements_view, ctx.frame("agreements"), lang)
        if agreements_part is not None:
            say.subheader(agreements_part.title)
            show_tiles([agreements_view.overview_tile(agreements_part, lang)], per_row=3)


with guarded("overview.tiles"), glance_slot:
    agreements_glance = agreements_view.glance_item(agreements_part, lang) if agreements_part is not None else None
    # the tiles drawn above, not built again
    items = view.glance_items(budget_part, jobs_tiles, companies_tile, lang, agreements_glance)
    if items:
        scope = view.glance_scope(
            ctx.as_of("budget", today) if budget_part is not None else None,
            ctx.as_of("jobs", today) if jobs_tiles is not None else None,
            ctx.as_of("companies", today) if companies_tile is not None else None,
            lang,
        )
        st.html(glance_html(items, scope))
        with say.expander(t("overview.glance.sources"), icon=":material/info:"):
            for number, item in enumerate(items):
                if item.figure is not None:
                    source_button(item.figure, f"glance_{number}", t("overview.glance.source", name=item.label))


def more(count: int, page_key: str) -> None:
    """Under a list cut at ATTENTION_ROWS: how many more, and on which page."""
    if count > ATTENTION_ROWS:
        say.caption(t("overview.attention.more", count=count - ATTENTION_ROWS, page=t(page_key)))


with guarded("overview.part.attention"):
    if budget is None and jobs is None and companies is None:
        say.info(t("data.empty"))
    else:
        say.subheader(t("overview.attention"))
        budget_as_of = ctx.latest_as_of("budget") if budget is not None else None
        jobs_as_of = ctx.latest_as_of("jobs") if jobs is not None else None
        # the budget's lists from the same year outlook as its tiles (one shared call per data version)
        if budget_part is None and budget is not None and not budget.empty and budget_as_of is not None:
            budget_part = ctx.shared(view.budget_part, budget, targets, budget_as_of)  # its own error, if any
        lagging, risk = (budget_part.lagging, budget_part.risk) if budget_part else overview.budget_lists(None)
        losses, moves = ctx.shared(overview.people_lists, jobs, companies, jobs_as_of, selections)
        if lagging.empty and losses.empty and moves.empty:
            say.success(t("overview.attention_none"))
        lagging_col, losses_col, moves_col = st.columns(3)
        with lagging_col.container(border=True):
            say.text(say.bold(t("overview.attention.lagging", count=len(lagging))))
            lagging_gap = load_program().pace.lagging_gap
            say.caption(
                t("overview.attention.lagging_help", threshold=fmt.points(lagging_gap, 0, lang=lang).lstrip("+"))
            )
            for line in view.lagging_lines(lagging.head(ATTENTION_ROWS), lang):
                say.text(line)
            more(len(lagging), "nav.budget")
            if len(risk):
                say.text(say.bold(t("overview.attention.risk", count=len(risk))))
                for line in view.risk_lines(risk.head(ATTENTION_ROWS), lang):
                    say.text(line)
                more(len(risk), "nav.budget")
        with losses_col.container(border=True):
            month = fmt.month_label(jobs_as_of, lang) if jobs_as_of else "–"
            say.text(say.bold(t("overview.attention.losses", month=month, count=len(losses))))
            for line in view.loss_lines(losses.head(ATTENTION_ROWS)):
                say.text(line)
            more(len(losses), "nav.jobs")
        with moves_col.container(border=True):
            say.text(say.bold(t("overview.attention.moves", count=len(moves))))
            for line in view.move_lines(moves.head(ATTENTION_ROWS), lang):
                say.text(line)
            more(len(moves), "nav.pipeline")
        if budget_as_of is not None and not lagging.empty:
            with st.container(border=True, key="overview_reasons"):
                say.text(say.bold(t("reasons.title")))
                show_reasons(ctx, lagging, budget_as_of, today, "overview_reasons", limit=ATTENTION_ROWS)
                more(len(lagging), "nav.budget")

with st.container(key="overview_timeline"), guarded("overview.part.timeline"):
    say.subheader(t("overview.timeline"))
    timeline = ctx.shared(view.timeline_view, ctx.frame("events"), ctx.frame("sites"), today, lang)
    # the titles are placed for the picture's width: one picture for a wide screen, one for a phone (ui.phone)
    for screen, picture in (("wide", timeline.wide), ("phone", timeline.phone)):
        with st.container(key=f"{screen}_timeline"):
            chart_with_download(picture.chart, key=f"overview_timeline_chart_{screen}")
            if picture.unwritten is not None:
                with say.expander(t("overview.timeline.unwritten", count=len(picture.unwritten.frame))):
                    show_table(
                        picture.unwritten,
                        key=f"overview_milestones_{screen}",
                        contains=("events.date", "events.title", "events.kind", "sites.completion", "sites.name"),
                        sheet_name=t("overview.timeline"),
                        download_label=t("overview.download"),
                    )
    with say.expander(t("chart.table.phases")):  # the timeline's phases as text (#17)
        show_table(
            timeline.phases,
            key="overview_phases",
            contains=(),  # the phases of program.toml: no data of the contract
            sheet_name=t("overview.timeline"),
            download_label=t("overview.download"),
        )
    for strategy in timeline.strategies:
        say.caption(strategy)
