"""일자리: jobs created against the yearly target, headcount, local hires, top employers, job losses."""

import pandas as pd
import streamlit as st

from auth.roles import Page
from charts import jobs as charts
from metrics import jobs as m
from present import clock
from present import format as fmt
from program import load_program
from ui import filters
from ui.chart_export import chart_with_download
from ui.chart_spec import chart_spec
from ui.export import show_table
from ui.i18n import t
from ui.page import page_setup
from ui.provenance import by_column, source_button

ctx = page_setup("nav.jobs", Page.JOBS)
lang = ctx.lang
jobs = ctx.frame("jobs")
targets = ctx.frame("targets")
if jobs is None or jobs.empty:
    st.info(t("data.empty"))
    st.stop()

PEOPLE = t("unit.people")


def people(n: object) -> str:
    return fmt.count_cell(n, PEOPLE, lang)


def table(frame: pd.DataFrame, key: str, sheet: str, **options) -> None:
    """A table of this page with its Excel download (`ui.export.show_table`)."""
    show_table(frame, key=key, sheet_name=sheet, download_label=t("jobs.download"), **options)


# Filters ------------------------------------------------------------------------------------------------------
year_options = sorted(m.years(jobs), reverse=True)
default = m.default_year(jobs, clock.today())
sector_options = m.sector_order(jobs, load_program().industries)

col_year, col_sector, col_company = st.columns([1, 2, 2])
year = filters.select_one(  # the year is shared with the other pages and kept in the URL (?year=)
    "year",
    year_options,
    t("jobs.filter.year"),
    "jobs_year",
    default=default,
    format_func=lambda y: t("jobs.year_value", year=y),
    container=col_year,
)
sectors = col_sector.multiselect(
    t("jobs.filter.sectors"), sector_options, placeholder=t("jobs.filter.sectors_placeholder"), key="jobs_sectors"
)
company_options = sorted(m.filtered(jobs, sectors)["company"].unique())
if st.session_state.get("jobs_company") not in company_options:
    st.session_state["jobs_company"] = None
company = col_company.selectbox(
    t("jobs.filter.company"),
    company_options,
    index=None,
    placeholder=t("jobs.filter.company_placeholder"),
    key="jobs_company",
)
is_filtered = bool(sectors) or company is not None
rows = m.filtered(jobs, sectors, company)
if m.in_year(rows, year).empty:
    st.info(t("jobs.no_rows"))
    st.stop()

# Headline -----------------------------------------------------------------------------------------------------
progress = m.target_progress(rows, None if is_filtered else targets, year)
latest = m.latest_headcount(rows, year)
local = m.local_hire_share(rows, year)
traced = m.headline_figures(rows, year)  # what each tile's 출처 button lists
local_reported = m.reports_local_hires(jobs)  # False: the file had no 지역인재 column (or left it all blank)

tile_created, tile_headcount, tile_local = st.columns(3)
if is_filtered:
    created_delta, created_help = t("jobs.kpi.filtered_target"), t("jobs.kpi.filtered_target_help")
elif progress.target is None:
    created_delta, created_help = t("jobs.kpi.no_target", year=year), t("jobs.kpi.created_help")
else:
    created_delta = t(
        "jobs.kpi.created_delta",
        target=fmt.target_count(progress.target, PEOPLE, lang),
        ratio=fmt.percent(progress.ratio),
    )
    created_help = t("jobs.kpi.created_help")
tile_created.metric(
    t("jobs.kpi.created", year=year),
    people(progress.created),
    created_delta,
    delta_color="off",
    delta_arrow="off",
    help=created_help,
    border=True,
)
month_text = fmt.month_label(latest.month, lang)
headcount_change = traced.get("headcount_change")  # None: the month before has no rows
if headcount_change is None:
    tile_headcount.metric(
        t("jobs.kpi.headcount", month=month_text),
        people(latest.headcount),
        t("jobs.kpi.no_previous"),
        delta_color="off",
        delta_arrow="off",
        help=t("jobs.kpi.headcount_help"),
        border=True,
    )
else:
    tile_headcount.metric(
        t("jobs.kpi.headcount", month=month_text),
        people(latest.headcount),
        fmt.count_change(headcount_change.value, PEOPLE, lang),
        delta_description=t("jobs.kpi.vs_previous", month=fmt.month_label(latest.previous_month, lang)),
        help=t("jobs.kpi.headcount_help"),
        border=True,
    )
if local.share is None:
    tile_local.metric(
        t("jobs.kpi.local", year=year),
        None,
        t("jobs.kpi.local_unknown" if local_reported else "jobs.kpi.local_not_reported"),
        delta_color="off",
        delta_arrow="off",
        help=t("jobs.kpi.local_help"),
        border=True,
    )
else:
    tile_local.metric(
        t("jobs.kpi.local", year=year),
        fmt.percent(local.share),
        t("jobs.kpi.local_detail", new=fmt.count(local.new_hires), local=fmt.count(local.local_hires)),
        delta_color="off",
        delta_arrow="off",
        help=t("jobs.kpi.local_help"),
        border=True,
    )

for tile, name in ((tile_created, "created"), (tile_headcount, "headcount"), (tile_local, "local_share")):
    if name in traced:
        with tile:
            source_button(traced[name], f"jobs_{name}")

notes = [t("jobs.caption.definition")]
if not progress.complete:
    notes.append(t("jobs.caption.through", year=year, month=fmt.month_label(progress.through, lang)))
if not local_reported:
    notes.append(t("jobs.caption.local_not_reported"))
elif local.rows_unknown:
    notes.append(t("jobs.caption.local_unknown_rows", rows=local.rows_unknown))
st.caption("  \n".join(notes))
missing = m.missing_reports(rows, latest.month)
if missing:
    st.warning(t("jobs.warning.missing_reports", month=month_text, companies=", ".join(missing)))

# Cumulative against target --------------------------------------------------------------------------------------
st.subheader(t("jobs.section.progress"))
monthly = m.monthly_totals(rows, year)
chart_with_download(
    chart_spec(charts.cumulative_chart, monthly, progress.target, year, lang), key="jobs_cumulative_chart"
)

# Monthly by sector / by company ---------------------------------------------------------------------------------
st.subheader(t("jobs.section.monthly"))
tab_sector, tab_company = st.tabs([t("jobs.tab.by_sector"), t("jobs.tab.by_company")])
with tab_sector:
    by_sector = m.monthly_by(rows, year, "sector")
    left, right = st.columns(2)
    with left:
        chart_with_download(chart_spec(charts.new_hires_chart, by_sector, year, lang), key="jobs_new_hires_chart")
    with right:
        chart_with_download(chart_spec(charts.headcount_chart, by_sector, year, lang), key="jobs_headcount_chart")
    with st.expander(t("chart.table.by_sector")):  # the two charts' numbers (#17)
        table(
            pd.DataFrame(
                {
                    t("jobs.col.month"): [fmt.month_label(pd.Timestamp(x).date(), lang) for x in by_sector["month"]],
                    t("jobs.col.sector"): by_sector["sector"],
                    t("jobs.col.new_hires"): by_sector["new_hires"],
                    t("jobs.col.headcount"): by_sector["headcount"],
                }
            ),
            "jobs_by_sector",
            t("chart.table.sheet.by_sector"),
        )
    monthly_table = pd.DataFrame(
        {
            t("jobs.col.month"): [fmt.month_label(pd.Timestamp(x).date(), lang) for x in monthly["month"]],
            t("jobs.col.new_hires"): monthly["new_hires"],
            t("jobs.measure.cumulative"): monthly["cumulative_new_hires"],
            t("jobs.col.headcount"): monthly["headcount"],
            t("jobs.col.local_hires"): monthly["local_hires"],
        }
    )
    if not local_reported:
        monthly_table = monthly_table.drop(columns=t("jobs.col.local_hires"))
    table(
        monthly_table,
        "jobs_monthly",
        t("jobs.download.sheet.monthly"),
        height=40 + 35 * len(monthly_table),
        cell_source=by_column(
            {
                t("jobs.col.new_hires"): "new_hires",
                t("jobs.measure.cumulative"): "cumulative_new_hires",
                t("jobs.col.headcount"): "headcount",
                t("jobs.col.local_hires"): "local_hires",
            },
            lambda row, column: m.monthly_figure(rows, year, monthly["month"].iloc[row], column),
        ),
    )
with tab_company:
    measure = (
        st.segmented_control(
            t("jobs.company_table.measure"),
            ["new_hires", "headcount"],
            default="new_hires",
            format_func=lambda x: t(f"jobs.measure.{x}"),
            key="jobs_company_measure",
        )
        or "new_hires"
    )
    pivot = m.company_month_table(rows, year, measure, sectors=sector_options)
    labels = {c: charts.month_short(c.month, lang) for c in pivot.columns if isinstance(c, pd.Timestamp)}
    labels |= {"company": t("jobs.col.company"), "sector": t("jobs.col.sector"), "total": t("jobs.col.total")}
    month_of = {
        label: None if column == "total" else column
        for column, label in labels.items()
        if column == "total" or isinstance(column, pd.Timestamp)
    }
    table(
        pivot.rename(columns=labels),
        "jobs_by_company",
        t("jobs.download.sheet.company"),
        cell_source=lambda row, label: (
            None
            if label not in month_of
            else m.company_month_figure(rows, year, pivot["company"].iloc[row], month_of[label], measure)
        ),
    )

# Local hires -----------------------------------------------------------------------------------------------------
st.subheader(t("jobs.section.local"))
if not local_reported:
    st.caption(t("jobs.caption.local_not_reported"))
else:
    share_by_sector = m.local_share_by_sector(rows, year, sectors=sector_options)
    left, right = st.columns(2)
    with left:
        chart_with_download(
            chart_spec(charts.local_share_chart, share_by_sector, local.share, year, lang),
            key="jobs_local_share_chart",
        )
    with right:
        local_table = pd.DataFrame(
            {
                t("jobs.col.sector"): share_by_sector["sector"],
                t("jobs.col.new_hires"): share_by_sector["new_hires"],
                t("jobs.col.local_hires"): share_by_sector["local_hires"],
                t("jobs.col.share"): [fmt.percent(None if pd.isna(s) else float(s)) for s in share_by_sector["share"]],
            }
        )
        share_column = t("jobs.col.share")
        local_export = local_table.assign(**{share_column: share_by_sector["share"].astype("Float64")})
        table(
            local_table,
            "jobs_local",
            t("jobs.download.sheet.local"),
            export=local_export,
            number_formats={share_column: "0.0%"},
            right_aligned=(share_column,),
            cell_source=by_column(
                {t("jobs.col.new_hires"): "new_hires", t("jobs.col.local_hires"): "local_hires", share_column: "share"},
                lambda row, column: m.local_share_figure(rows, year, share_by_sector["sector"].iloc[row], column),
            ),
        )

# Top employers --------------------------------------------------------------------------------------------------
top = m.top_employers(rows, year, n=10)
st.subheader(t("jobs.section.top", n=len(top), month=month_text))
chart_with_download(chart_spec(charts.top_employers_chart, top, lang), key="jobs_top_employers_chart")
top_table = pd.DataFrame(
    {
        t("jobs.col.rank"): top["rank"].astype("Int64"),
        t("jobs.col.company"): top["company"],
        t("jobs.col.sector"): top["sector"],
        t("jobs.col.headcount"): top["headcount"],
        t("jobs.col.change"): top["change"],
        t("jobs.col.new_hires_year", year=year): top["new_hires"],
        t("jobs.col.source_row"): fmt.source_rows(top["source_row"], lang),
    }
)


def top_employer_figure(row: int, column: str):
    company, month = top["company"].iloc[row], top["month"].iloc[row]
    if column == "change":
        return m.headcount_change_figure(rows, company, month)
    return m.company_month_figure(rows, year, company, month if column == "headcount" else None, column)


table(
    top_table,
    "jobs_top",
    t("jobs.download.sheet.top"),
    download_only=(t("jobs.col.source_row"),),
    signed_columns=(t("jobs.col.change"),),
    cell_source=by_column(
        {
            t("jobs.col.headcount"): "headcount",
            t("jobs.col.change"): "change",
            t("jobs.col.new_hires_year", year=year): "new_hires",
        },
        top_employer_figure,
    ),
)

# Job losses -----------------------------------------------------------------------------------------------------
st.subheader(t("jobs.section.losses", year=year))
st.caption(t("jobs.losses.caption"))
losses = m.job_losses(rows, year)


def loss_figure(company: str, month: object, column: str):
    """The change, or one of its two parts: this month's headcount row and the month before's."""
    change = m.headcount_change_figure(rows, company, month)
    return {"change": change, "headcount": change.parts[0], "previous": change.parts[1]}[column]


if losses.empty:
    st.success(t("jobs.losses.none", year=year))
else:
    st.markdown(t("jobs.losses.summary", count=len(losses), total=fmt.count(m.jobs_lost(losses))))
    losses_table = pd.DataFrame(
        {
            t("jobs.col.company"): losses["company"],
            t("jobs.col.sector"): losses["sector"],
            t("jobs.col.month"): [fmt.month_label(pd.Timestamp(x).date(), lang) for x in losses["month"]],
            t("jobs.col.previous_headcount"): losses["previous_headcount"],
            t("jobs.col.headcount"): losses["headcount"],
            t("jobs.col.change"): losses["change"],
            t("jobs.col.source_row"): fmt.source_rows(losses["source_row"], lang),
            t("jobs.col.previous_source_row"): fmt.source_rows(losses["previous_source_row"], lang),
        }
    )
    table(
        losses_table,
        "jobs_losses",
        t("jobs.download.sheet.losses"),
        download_only=(t("jobs.col.source_row"), t("jobs.col.previous_source_row")),
        height=min(420, 38 + 35 * len(losses)),
        cell_source=by_column(
            {
                t("jobs.col.previous_headcount"): "previous",
                t("jobs.col.headcount"): "headcount",
                t("jobs.col.change"): "change",
            },
            lambda row, part: loss_figure(losses["company"].iloc[row], losses["month"].iloc[row], part),
        ),
    )
