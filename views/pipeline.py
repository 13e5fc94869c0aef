"""유니콘 후보: companies by their highest K-Unicorn selection (issue #35: selections, not valuation bands), the
selections per year, who moved between two 기준일 (and whether by a selection or a valuation change), who is closest
to the next programme's entry criteria, and one company's profile. Each part is a view-model of
`present.pipeline_view`, built once per data version, selection and language for every viewer (`ctx.shared`), and
drawn here."""

import streamlit as st

import clock
from auth.roles import Page
from present import agreements_view
from present import pipeline_view as view
from ui import text as say
from ui.agreements import show_agreements
from ui.chart_export import chart_with_download
from ui.i18n import t
from ui.page import page_setup
from ui.pipeline import pipeline_table, show_stages

ctx = page_setup("nav.pipeline", Page.PIPELINE)
lang = ctx.lang
companies = ctx.frame("companies")
jobs = ctx.frame("jobs")
selections = ctx.frame("selections")
today = clock.today()
agreements = ctx.frame("agreements")

# From investment agreement to resident company (issue #35) ----------------------------------------------------------
show_agreements(ctx.shared_view(agreements_view.build_agreements_view, agreements, lang))

if companies is None or companies.empty:
    say.info(t("data.empty"))
    st.stop()
options = ctx.shared(view.options_view, companies, selections, lang)
dates = list(options.dates)  # newest first
say.caption(options.ladder_caption)

# Stages at one 기준일 ---------------------------------------------------------------------------------------------
col_date, _ = st.columns([1, 2])
as_of = col_date.selectbox(
    t("pipeline.filter.as_of"), dates, index=0, format_func=options.date_option, key="pipeline_as_of"
)
show_stages(ctx.shared(view.stages_view, companies, selections, as_of, lang))

# Selections per year ---------------------------------------------------------------------------------------------
chosen = ctx.shared(view.selections_view, selections, companies, as_of, lang)
say.subheader(chosen.title, anchor="selections")  # an id of its own (titles share a date)
if chosen.empty:
    say.info(t("pipeline.selections.empty"))
else:
    say.caption(chosen.highest)
    say.caption(t("pipeline.selections.caption"))
    pipeline_table(chosen.table, "pipeline_selections", t("pipeline.download.sheet.selections"), export=chosen.export)
    if chosen.outside:
        say.caption(chosen.outside)

# Movement between two 기준일 -----------------------------------------------------------------------------------
say.subheader(t("pipeline.section.movement"))
say.caption(t("pipeline.movement.caption"))
col_before, col_after, _ = st.columns(3)
before = col_before.selectbox(
    t("pipeline.filter.before"),
    dates,
    index=min(1, len(dates) - 1),
    format_func=options.date_option,
    key="pipeline_before",
)
after = col_after.selectbox(
    t("pipeline.filter.after"), dates, index=0, format_func=options.date_option, key="pipeline_after"
)
moves = ctx.shared(view.movement_view, companies, selections, before, after, lang)
if moves.state == "same_dates":
    say.info(moves.message)
elif moves.state == "reversed":
    say.warning(moves.message)
else:
    for tile, column in zip(moves.tiles, st.columns(len(moves.tiles)), strict=True):
        say.metric(tile.label, tile.value, place=column, border=True)
    if moves.shown is None:
        say.success(moves.unchanged)
    else:
        say.caption(moves.unchanged)
        say.caption(moves.dates_caption)
        pipeline_table(moves.shown, "pipeline_movement", t("pipeline.download.sheet.movement"), export=moves.export)

# The gap to the next programme's entry criteria -------------------------------------------------------------------
gaps = ctx.shared(view.gap_view, companies, selections, as_of, lang, today)
say.subheader(gaps.title, anchor="entry-gaps")
say.caption(t("pipeline.gap.caption"))
say.caption(gaps.ready)
if gaps.chart is None:
    say.info(t("pipeline.gap.none"))
else:
    chart_with_download(gaps.chart, key="pipeline_gap_chart")
    pipeline_table(
        gaps.shown,
        "pipeline_gap",
        t("pipeline.download.sheet.gap"),
        export=gaps.export,
        number_formats={gaps.ratio_label: "0.0%"},
        right_aligned=gaps.right_aligned,
    )

# Company profile --------------------------------------------------------------------------------------------------
say.subheader(t("pipeline.section.profile"))
col_company, _ = st.columns([1, 2])
company = col_company.selectbox(t("pipeline.filter.company"), list(options.companies), index=0, key="pipeline_company")
profile = ctx.shared(view.profile_view, companies, selections, jobs, company, lang, today)
say.text(say.markdown("**{company}** — {summary}", company=profile.company, summary=profile.summary))
if profile.gap:
    say.text(profile.gap)
if profile.selections.empty:
    say.caption(t("pipeline.profile.no_selections"))
else:
    say.caption(t("pipeline.profile.selections"))
    pipeline_table(profile.selections, "pipeline_company_selections", t("pipeline.download.sheet.company_selections"))
agreement_line = ctx.shared(agreements_view.profile_line, agreements, jobs, company, lang)
if agreement_line:  # 고용계획 against the jobs data's headcount of the same company (company key)
    say.caption(agreement_line)
left, right = st.columns([3, 2])
with left:
    chart_with_download(profile.money_chart, key="pipeline_money_history_chart")
with right:
    if profile.employees_chart is not None:
        chart_with_download(profile.employees_chart, key="pipeline_employees_chart")
    else:
        say.caption(t("pipeline.profile.no_employees"))

if not profile.jobs_charts:
    say.info(t("pipeline.profile.no_jobs"))
else:
    say.caption(t("pipeline.profile.jobs_caption"))
    for column, chart, key in zip(
        st.columns(2), profile.jobs_charts, ("pipeline_headcount_chart", "pipeline_new_hires_chart"), strict=True
    ):
        with column:
            chart_with_download(chart, key=key)
    with say.expander(t("chart.table.company_jobs")):  # the two charts' numbers (#17)
        pipeline_table(profile.jobs_table, "pipeline_company_jobs", t("pipeline.download.sheet.jobs"))

pipeline_table(
    profile.history_table,
    "pipeline_history",
    t("pipeline.download.sheet.profile"),
    download_only=profile.download_only,
)
