"""첫 화면: headline tiles with previous period and target, the programme timeline, what needs attention.

On a phone (ui.phone) the page opens with a compact grid of the headline figures and "what needs attention";
the detailed tiles and the timeline follow them."""

import pandas as pd
import streamlit as st

from auth.roles import Page
from charts.overview import timeline_chart
from metrics import overview
from metrics.budget import target_rate
from present import clock
from present import format as fmt
from present.glance import glance, glance_html
from present.i18n import phase_label, value_label
from present.pace_text import projected_sentence
from present.safe_text import markdown_escape
from program import load_program
from ui.chart_export import chart_with_download
from ui.chart_spec import chart_spec
from ui.export import show_table
from ui.guard import guarded
from ui.i18n import t
from ui.page import page_setup, show_overdue
from ui.provenance import source_button
from ui.reasons import show_reasons

ATTENTION_ROWS = 5  # per list: the worst few, the rest are one click away on their page

ctx = page_setup("app.title", Page.HOME)
lang, today = ctx.lang, clock.today()
show_overdue(ctx, today)
budget, jobs, companies, targets = ctx.frame("budget"), ctx.frame("jobs"), ctx.frame("companies"), ctx.frame("targets")
glance_slot = st.container(key="phone_glance")  # filled below, once the tiles are known
shown: dict[str, overview.Tile] = {}  # the tiles drawn, for the phone's grid
year_outlook = None  # the budget's year-end projection and the programmes behind their pace or at risk


def target_note(tile: overview.Tile) -> str | None:
    """ "목표 집행률 90%" for a rate, "목표 940명 · 달성 93.4%" for a count; None without a target."""
    figure = tile.figure
    if tile.target is None:
        return None
    if figure.unit == "ratio":
        return t("overview.target_rate", target=fmt.percent(tile.target, trim=True))
    share = fmt.percent(figure.value / tile.target) if tile.target else "–"
    return t("overview.target", target=fmt.figure_value(int(tile.target), figure.unit, lang), share=share)


def show_tile(column, tile: overview.Tile, key: str, previous_key: str, note: str | None = None) -> None:
    figure = tile.figure
    change = overview.change(tile)
    with column.container(border=True):
        has_change = change is not None and change.value is not None
        st.metric(
            t(figure.key),
            fmt.figure_value(figure.value, figure.unit, lang, tile=True),
            delta=fmt.figure_value(change.value, change.unit, lang, signed=True, tile=True) if has_change else None,
            delta_description=t(previous_key) if has_change else None,
            delta_color="normal" if has_change and change.value else "off",
            delta_arrow="auto" if has_change and change.value else "off",
        )
        target = target_note(tile)
        if target is not None:
            st.caption(target)
        if note is not None:
            st.caption(note)
        source_button(figure, key)


with st.container(key="overview_details"):  # after "what needs attention" on a phone (ui.phone)
    with guarded("overview.part.budget"):
        if budget is not None and not budget.empty:
            as_of = ctx.as_of("budget", today)
            st.subheader(
                t("overview.budget_year", year=as_of.year, month=as_of.month, month_name=as_of.strftime("%B")),
                anchor="budget",
            )
            tiles = ctx.shared(overview.budget_tiles, budget, as_of.year, as_of.month, targets)
            shown |= {f"budget_{name}": tile for name, tile in tiles.items()}
            shown["budget_lagging"] = ctx.shared(overview.lagging_tile, budget, as_of)
            year_outlook = ctx.shared(overview.budget_outlook, budget, as_of, target_rate(targets, as_of.year))
            year_end = year_outlook.summary
            projection = (
                projected_sentence(
                    year_end.projected_rate, year_end.projected_low_rate, year_end.projected_high_rate, lang
                )
                if year_end.projected_rate is not None and as_of.month < 12
                else None
            )
            columns = st.columns(3)
            for column, name in zip(columns, ("planned", "executed", "rate"), strict=False):
                note = projection if name == "rate" else None
                show_tile(column, tiles[name], f"budget_{name}", "overview.vs_previous_month", note)

    with guarded("overview.part.jobs"):
        if jobs is not None and not jobs.empty:
            as_of = ctx.as_of("jobs", today)
            st.subheader(
                t("overview.jobs_year", year=as_of.year, month=as_of.month, month_name=as_of.strftime("%B")),
                anchor="jobs",
            )
            tiles = ctx.shared(overview.jobs_tiles, jobs, as_of.year, as_of, targets)
            shown |= {f"jobs_{name}": tile for name, tile in tiles.items()}
            columns = st.columns(3)
            for column, name in zip(columns, ("created", "headcount"), strict=False):
                show_tile(column, tiles[name], f"jobs_{name}", "overview.vs_previous_month")

    with guarded("overview.part.companies"):
        if companies is not None and not companies.empty:
            as_of = ctx.as_of("companies", today)
            st.subheader(t("overview.companies_title", date=fmt.date_label(as_of, lang)))
            tiles = ctx.shared(overview.company_tiles, companies, as_of.year, targets)
            shown["companies"] = tiles["companies"]
            columns = st.columns(1 + len(load_program().stages))
            for column, (name, tile) in zip(columns, tiles.items(), strict=False):
                show_tile(column, tile, f"companies_{name}", "overview.vs_previous_quarter")


with guarded("overview.tiles"), glance_slot:
    month, report = t("overview.vs_previous_month"), t("overview.vs_previous_quarter")
    items = []
    if "budget_rate" in shown:
        planned = fmt.figure_value(shown["budget_planned"].figure.value, "krw", lang)
        notes = [target_note(shown["budget_rate"])]
        if year_outlook is not None and year_outlook.summary.projected_rate is not None:
            year_end = year_outlook.summary
            notes.append(
                projected_sentence(
                    year_end.projected_rate, year_end.projected_low_rate, year_end.projected_high_rate, lang
                )
            )
        items += [
            glance(
                t("figure.execution_rate"),
                shown["budget_rate"],
                lang,
                month,
                " · ".join(n for n in notes if n) or None,
            ),
            glance(
                t("figure.executed_to_date"),
                shown["budget_executed"],
                lang,
                month,
                t("overview.glance.planned", planned=planned),
            ),
        ]
    if "jobs_created" in shown:
        items += [
            glance(t("figure.jobs_created"), shown["jobs_created"], lang, month, target_note(shown["jobs_created"])),
            glance(t("figure.headcount"), shown["jobs_headcount"], lang, month),
        ]
    if "companies" in shown:
        items.append(glance(t("figure.companies"), shown["companies"], lang, report))
    if "budget_lagging" in shown:
        lagging = shown["budget_lagging"]
        items.append(
            glance(
                t("overview.glance.lagging"),
                lagging,
                lang,
                month,
                lower_is_better=True,
                value=fmt.count(lagging.figure.value, t("unit.count") if lang == "ko" else "", lang),
            )
        )
    if items:
        st.html(glance_html(items))


def more(count: int, page_key: str) -> None:
    """Under a list cut at ATTENTION_ROWS: how many more, and on which page."""
    if count > ATTENTION_ROWS:
        st.caption(t("overview.attention.more", count=count - ATTENTION_ROWS, page=t(page_key)))


with guarded("overview.part.attention"):
    if budget is None and jobs is None and companies is None:
        st.info(t("data.empty"))
    else:
        st.subheader(t("overview.attention"))
        budget_as_of = ctx.as_of("budget", today) if budget is not None else None
        jobs_as_of = ctx.as_of("jobs", today) if jobs is not None else None
        # the same year outlook as the tiles' (computed again once per data version, then shared)
        flags = ctx.shared(overview.attention, budget, jobs, companies, budget_as_of, jobs_as_of, targets)
        if flags.lagging.empty and flags.losses.empty and flags.moves.empty:
            st.success(t("overview.attention_none"))
        lagging_col, losses_col, moves_col = st.columns(3)
        with lagging_col.container(border=True):
            st.markdown(f"**{t('overview.attention.lagging', count=len(flags.lagging))}**")
            lagging_gap = load_program().pace.lagging_gap
            st.caption(
                t("overview.attention.lagging_help", threshold=fmt.points(lagging_gap, 0, lang=lang).lstrip("+"))
            )
            for row in flags.lagging.head(ATTENTION_ROWS).itertuples():
                st.markdown(
                    f"- {markdown_escape(row.program)} · {fmt.percent(row.rate)} ({fmt.points(row.gap, lang=lang)})"
                )
            more(len(flags.lagging), "nav.budget")
            if len(flags.risk):
                st.markdown(f"**{t('overview.attention.risk', count=len(flags.risk))}**")
                for row in flags.risk.head(ATTENTION_ROWS).itertuples():
                    st.markdown(
                        f"- {markdown_escape(row.program)} · "
                        + t(
                            "overview.attention.risk_row",
                            rate=fmt.percent(row.projected_rate),
                            amount=fmt.money(row.at_risk_krw, lang),
                        )
                    )
                more(len(flags.risk), "nav.budget")
        with losses_col.container(border=True):
            month = fmt.month_label(jobs_as_of, lang) if jobs_as_of else "–"
            st.markdown(f"**{t('overview.attention.losses', month=month, count=len(flags.losses))}**")
            for row in flags.losses.head(ATTENTION_ROWS).itertuples():
                st.markdown(
                    f"- {markdown_escape(row.company)} · {row.previous_headcount:,} → {row.headcount:,} ({row.change:+,})"
                )
            more(len(flags.losses), "nav.jobs")
        with moves_col.container(border=True):
            st.markdown(f"**{t('overview.attention.moves', count=len(flags.moves))}**")
            for row in flags.moves.head(ATTENTION_ROWS).itertuples():
                before, after = (
                    markdown_escape(value_label("stage", s, lang)) for s in (row.stage_before, row.stage_after)
                )
                st.markdown(f"- {markdown_escape(row.company)} · {before} → {after}")
            more(len(flags.moves), "nav.pipeline")
        if budget_as_of is not None and not flags.lagging.empty:
            with st.container(border=True, key="overview_reasons"):
                st.markdown(f"**{t('reasons.title')}**")
                show_reasons(flags.lagging, budget_as_of, today, lang, "overview_reasons", limit=ATTENTION_ROWS)
                more(len(flags.lagging), "nav.budget")

with st.container(key="overview_timeline"), guarded("overview.part.timeline"):
    st.subheader(t("overview.timeline"))
    milestones = overview.milestones(ctx.frame("events"), ctx.frame("sites"))
    chart_with_download(
        chart_spec(timeline_chart, overview.timeline_frame(today), milestones, today, lang),
        key="overview_timeline_chart",
    )
    with st.expander(t("chart.table.phases")):  # the timeline's phases as text (#17)
        phase_rows = overview.timeline_frame(today)
        show_table(
            pd.DataFrame(
                {
                    t("overview.phase"): [
                        phase_label(n, name, lang)
                        for n, name in zip(phase_rows["phase"], phase_rows["name"], strict=False)
                    ],
                    t("overview.start"): [pd.Timestamp(d).strftime("%Y-%m") for d in phase_rows["start"]],
                    t("overview.end"): [pd.Timestamp(d).strftime("%Y-%m") for d in phase_rows["end"]],
                    t("chart.table.status"): [t(f"overview.phase_status.{s}") for s in phase_rows["status"]],
                }
            ),
            key="overview_phases",
            sheet_name=t("overview.timeline"),
            download_label=t("overview.download"),
        )
    for phase in load_program().phases:
        if phase.strategies:
            st.caption(
                t(
                    "overview.phase2_strategies",
                    phase=phase_label(phase.number, phase.name, lang),
                    strategies=" · ".join(value_label("strategy", s, lang) for s in phase.strategies),
                )
            )
    nearby = overview.around(milestones, today)
    if not nearby.empty:
        shown = nearby.assign(
            date=[fmt.date_label(d.date(), lang) for d in nearby["date"]],
            kind=[value_label("event_kind", k, lang) for k in nearby["kind"]],
        )
        shown = shown[["date", "title", "kind"]]
        show_table(
            shown.rename(
                columns={"date": t("overview.date"), "title": t("overview.event"), "kind": t("overview.kind")}
            ),
            key="overview_milestones",
            sheet_name=t("overview.timeline"),
            download_label=t("overview.download"),
        )
