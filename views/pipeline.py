"""유니콘 후보: companies on the K-Unicorn ladder, who moved between two 기준일, who is closest to the next stage,
and one company's profile."""

import pandas as pd
import streamlit as st

from auth.roles import Page
from charts import pipeline as charts
from metrics import pipeline as m
from present import format as fmt
from present.i18n import value_label
from program import load_program
from ui.chart_export import chart_with_download
from ui.chart_spec import chart_spec
from ui.export import show_table
from ui.i18n import t
from ui.page import page_setup
from ui.provenance import source_button

ctx = page_setup("nav.pipeline", Page.PIPELINE)
lang = ctx.lang
companies = ctx.frame("companies")
jobs = ctx.frame("jobs")
if companies is None or companies.empty:
    st.info(t("data.empty"))
    st.stop()
program = load_program()


def table(frame: pd.DataFrame, key: str, sheet: str, **options) -> None:
    """A table of this page with its Excel download (`ui.export.show_table`)."""
    show_table(frame, key=key, sheet_name=sheet, download_label=t("pipeline.download"), **options)


def day(value: object) -> str:
    return fmt.date_label(pd.Timestamp(value).date(), lang)


def date_option(value: pd.Timestamp) -> str:
    return t("pipeline.as_of_option", date=day(value), quarter=fmt.quarter_label(value.date(), lang))


def stage(name: object) -> object:
    """A K-Unicorn stage in the reader's language ("Baby unicorn"); missing stays missing."""
    return value_label("stage", name, lang)


def ladder_text() -> str:
    floors, stages = program.stage_floors_krw, program.stages
    parts = []
    for i, name in enumerate(stages):
        lower = fmt.money(floors[i], lang)
        upper = fmt.money(floors[i + 1], lang) if i + 1 < len(stages) else None
        if i == 0 and floors[0] == 0:
            parts.append(t("pipeline.ladder.first", stage=stage(name), upper=upper))
        elif upper is None:
            parts.append(t("pipeline.ladder.last", stage=stage(name), lower=lower))
        else:
            parts.append(t("pipeline.ladder.middle", stage=stage(name), lower=lower, upper=upper))
    return " · ".join(parts)


st.caption(t("pipeline.ladder.caption", ladder=ladder_text()))
dates = m.as_of_dates(companies)  # newest first

# Stages at one 기준일 ---------------------------------------------------------------------------------------------
col_date, _ = st.columns([1, 2])
as_of = col_date.selectbox(t("pipeline.filter.as_of"), dates, index=0, format_func=date_option, key="pipeline_as_of")
previous = next((d for d in dates if d < as_of), None)
counts = m.stage_counts(companies, as_of, program)
changes = m.stage_changes(companies, as_of, previous, program)

st.subheader(t("pipeline.section.stages", date=day(as_of)))
unit = t("unit.companies") if lang == "ko" else ""  # "40개사"; English tiles show the bare number
tiles = st.columns(len(program.stages) + 1)
for tile, name in zip(tiles, counts, strict=False):
    change = changes[name]
    tile.metric(
        t("pipeline.kpi.total") if name == "total" else stage(name),
        fmt.count(counts[name], unit, lang),
        fmt.count_change(None if change is None else change.value, unit, lang),
        delta_color="off",
        border=True,
    )
traced = m.stage_figures(companies, as_of, program)  # what each tile's 출처 button lists
for tile, name in zip(tiles, ("total", *program.stages), strict=False):
    with tile:
        source_button(traced[name], f"pipeline_{name}")
st.caption(t("pipeline.kpi.no_previous") if previous is None else t("pipeline.kpi.vs_previous", date=day(previous)))

by_sector = m.stage_by_sector(companies, as_of, program)
sectors = m.ordered_sectors(m.snapshot(companies, as_of)["sector"], program)
left, right = st.columns(2)
with left:
    chart_with_download(
        chart_spec(charts.stage_chart, by_sector, sectors, as_of, program, lang), key="pipeline_stage_chart"
    )
with right:
    stage_of = {stage(s): s for s in program.stages}  # column header → stage as configured
    total_label = t("pipeline.col.total")
    wide = m.stage_table(by_sector, sectors, program).rename(
        columns={"sector": t("pipeline.col.sector"), "total": total_label} | {s: stage(s) for s in program.stages}
    )
    table(
        wide,
        "pipeline_stages",
        t("pipeline.download.sheet.stages"),
        cell_source=lambda row, label: (
            None
            if label not in (*stage_of, total_label)
            else m.stage_figure(companies, as_of, sectors[row], stage_of.get(label))
        ),
    )

# Movement between two 기준일 -----------------------------------------------------------------------------------
st.subheader(t("pipeline.section.movement"))
st.caption(t("pipeline.movement.caption"))
col_before, col_after, _ = st.columns(3)
before = col_before.selectbox(
    t("pipeline.filter.before"), dates, index=min(1, len(dates) - 1), format_func=date_option, key="pipeline_before"
)
after = col_after.selectbox(t("pipeline.filter.after"), dates, index=0, format_func=date_option, key="pipeline_after")
if before == after:
    st.info(t("pipeline.movement.same_dates"))
elif before > after:
    st.warning(t("pipeline.movement.reversed"))
else:
    moves = m.movement(companies, before, after, program)
    counts = m.movement_counts(moves)
    tiles = st.columns(len(m.MOVEMENTS))
    for tile, name in zip(tiles, m.MOVEMENTS, strict=False):
        tile.metric(t(f"pipeline.movement.{name}"), fmt.count(counts[name], unit, lang), border=True)
    changed = moves[moves["movement"] != m.SAME]
    if changed.empty:
        st.success(t("pipeline.movement.none", same=counts[m.SAME]))
    else:
        st.caption(t("pipeline.movement.unchanged", same=counts[m.SAME]))
        labels = {
            "movement": t("pipeline.col.movement"),
            "company": t("pipeline.col.company"),
            "sector": t("pipeline.col.sector"),
            "stage_before": t("pipeline.col.stage_before"),
            "stage_after": t("pipeline.col.stage_after"),
        }
        valuation_before, valuation_after = (
            t("pipeline.col.valuation_before_krw"),
            t("pipeline.col.valuation_after_krw"),
        )
        columns = {
            labels["movement"]: [t(f"pipeline.movement.{x}") for x in changed["movement"]],
            labels["company"]: changed["company"],
            labels["sector"]: changed["sector"],
            labels["stage_before"]: changed["stage_before"].map(stage).astype(object).fillna("–"),
            labels["stage_after"]: changed["stage_after"].map(stage).astype(object).fillna("–"),
        }
        shown = pd.DataFrame(
            columns | {valuation_before: changed["valuation_before"], valuation_after: changed["valuation_after"]}
        )
        export = pd.DataFrame(
            columns
            | {
                f"{valuation_before} ({day(before)})": changed["valuation_before"],
                f"{valuation_after} ({day(after)})": changed["valuation_after"],
                t("pipeline.col.source_row_before"): fmt.source_rows(changed["source_row_before"], lang),
                t("pipeline.col.source_row_after"): fmt.source_rows(changed["source_row_after"], lang),
            }
        )
        st.caption(t("pipeline.movement.dates", before=day(before), after=day(after)))
        table(shown, "pipeline_movement", t("pipeline.download.sheet.movement"), export=export)

# Watch list -------------------------------------------------------------------------------------------------------
watch = m.watch_list(companies, as_of, program, n=10)
st.subheader(t("pipeline.section.watch", n=len(watch), date=day(as_of)))
st.caption(t("pipeline.watch.caption"))
if watch.empty:
    st.info(t("pipeline.watch.none"))
else:
    chart_with_download(chart_spec(charts.watch_chart, watch, lang), key="pipeline_watch_chart")
    shown = pd.DataFrame(
        {
            t("pipeline.col.company"): watch["company"],
            t("pipeline.col.sector"): watch["sector"],
            t("pipeline.col.stage"): watch["stage"].map(stage),
            t("pipeline.col.valuation_krw"): watch["valuation"],
            t("pipeline.col.next_stage"): watch["next_stage"].map(stage),
            t("pipeline.col.ratio"): [fmt.percent(float(r)) for r in watch["ratio"]],
            t("pipeline.col.gap_eok"): [fmt.eok_text(v) for v in watch["gap"]],
        }
    )
    export = pd.DataFrame(
        {
            t("pipeline.col.company"): watch["company"],
            t("pipeline.col.sector"): watch["sector"],
            t("pipeline.col.stage"): watch["stage"].map(stage),
            t("pipeline.col.valuation_krw"): watch["valuation"],
            t("pipeline.col.next_stage"): watch["next_stage"].map(stage),
            t("pipeline.col.next_floor_krw"): watch["next_floor"],
            t("pipeline.col.ratio"): watch["ratio"].astype("Float64"),
            t("pipeline.col.gap_krw"): watch["gap"],
            t("pipeline.col.source_row"): fmt.source_rows(watch["source_row"], lang),
        }
    )
    table(
        shown,
        "pipeline_watch",
        t("pipeline.download.sheet.watch"),
        export=export,
        number_formats={t("pipeline.col.ratio"): "0.0%"},
        right_aligned=(t("pipeline.col.ratio"), t("pipeline.col.gap_eok")),
    )

# Company profile --------------------------------------------------------------------------------------------------
st.subheader(t("pipeline.section.profile"))
names = m.companies(companies)
col_company, _ = st.columns([1, 2])
company = col_company.selectbox(t("pipeline.filter.company"), names, index=0, key="pipeline_company")
history = m.company_history(companies, company)
last = history.iloc[-1]
summary = t(
    "pipeline.profile.summary",
    sector=last["sector"],
    stage=stage(last["stage"]),
    valuation=fmt.money_cell(last["valuation_krw"], lang),
    date=day(last["as_of"]),
)
if pd.notna(last["moved_in"]):
    summary += " · " + t("pipeline.profile.moved_in", date=day(last["moved_in"]))
st.markdown(f"**{company}** — {summary}")
left, right = st.columns([3, 2])
with left:
    chart_with_download(
        chart_spec(charts.money_history_chart, history, program, lang), key="pipeline_money_history_chart"
    )
with right:
    if history["employees"].notna().any():
        chart_with_download(chart_spec(charts.employees_chart, history, lang), key="pipeline_employees_chart")
    else:
        st.caption(t("pipeline.profile.no_employees"))

company_jobs = m.company_jobs(jobs, company)
if company_jobs.empty:
    st.info(t("pipeline.profile.no_jobs"))
else:
    st.caption(t("pipeline.profile.jobs_caption"))
    left, right = st.columns(2)
    with left:
        chart_with_download(chart_spec(charts.headcount_chart, company_jobs, lang), key="pipeline_headcount_chart")
    with right:
        chart_with_download(chart_spec(charts.new_hires_chart, company_jobs, lang), key="pipeline_new_hires_chart")
    with st.expander(t("chart.table.company_jobs")):  # the two charts' numbers (#17)
        table(
            pd.DataFrame(
                {
                    t("jobs.col.month"): [fmt.month_label(pd.Timestamp(x).date(), lang) for x in company_jobs["month"]],
                    t("jobs.col.headcount"): company_jobs["headcount"],
                    t("jobs.col.new_hires"): company_jobs["new_hires"],
                }
            ),
            "pipeline_company_jobs",
            t("pipeline.download.sheet.jobs"),
        )

won = t("unit.krw")
history_table = pd.DataFrame(
    {
        t("pipeline.col.as_of"): [day(d) for d in history["as_of"]],
        t("pipeline.col.stage"): history["stage"].map(stage),
        t("pipeline.col.valuation_krw"): history["valuation_krw"],
        f"{t('pipeline.col.funding')} ({won})": history["funding_krw"],
        f"{t('pipeline.col.revenue')} ({won})": history["revenue_krw"],
        t("pipeline.col.employees_people"): history["employees"],
        t("pipeline.col.source_row"): fmt.source_rows(history["source_row"], lang),
    }
).iloc[::-1]
# A figure the data never gives (its file had no such column) is left out rather than shown as an empty column.
history_table = history_table.drop(
    columns=[
        label
        for label, column in (
            (f"{t('pipeline.col.funding')} ({won})", "funding_krw"),
            (f"{t('pipeline.col.revenue')} ({won})", "revenue_krw"),
            (t("pipeline.col.employees_people"), "employees"),
        )
        if history[column].isna().all()
    ]
)
table(
    history_table,
    "pipeline_history",
    t("pipeline.download.sheet.profile"),
    download_only=(t("pipeline.col.source_row"),),
)
