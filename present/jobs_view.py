"""The jobs page as a view-model: its filters' choices, its three headline tiles (with the figures their 출처
buttons open), the arguments of its charts (charts/jobs.py), its tables and its texts. Streamlit-free and
picklable, so it is built once per data version and selection for every viewer (`ui.shared`), the page renders it
in a loop, and the briefing's jobs slide (briefing/slides.py) shows the very same headline figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import pandas as pd

from charts.jobs import month_short
from metrics import jobs as m
from metrics.figures import Figure
from present import format as fmt
from present.budget_view import SourceLink
from present.i18n import translate
from present.safe_text import lines
from present.shown_table import ShownFrame
from program import load_program

MEASURES = ("new_hires", "headcount")  # the company table's choice


@dataclass(frozen=True)
class JobsFilters:
    """The filters' choices: years newest first, the year shown by default, sectors in the programme's order."""

    years: tuple[int, ...]
    default_year: int
    sectors: tuple[str, ...]


def jobs_filters(jobs: pd.DataFrame, today: dt.date) -> JobsFilters:
    return JobsFilters(
        tuple(sorted(m.years(jobs), reverse=True)),
        m.default_year(jobs, today),
        tuple(m.sector_order(jobs, load_program().industries)),
    )


def company_choices(jobs: pd.DataFrame, sectors: tuple[str, ...]) -> tuple[str, ...]:
    """The companies of the chosen sectors (all when none), by name."""
    return tuple(sorted(m.filtered(jobs, sectors)["company"].unique()))


@dataclass(frozen=True)
class JobsHeadline:
    """The three headline figures, typed: jobs created in the year (against the cluster's target, None when a
    sector or company is chosen or the year has none), headcount in the year's latest month with its change since
    the month before (None when that month has no rows), and the local-hire share (`metrics.jobs.local_share_of`)."""

    year: int
    created: Figure
    target: float | None
    headcount: Figure
    month: pd.Timestamp
    previous_month: pd.Timestamp
    headcount_change: Figure | None
    local: m.LocalShare
    local_reported: bool  # False: the file had no 지역인재 column (or left it all blank)

    @property
    def local_share(self) -> Figure:
        return self.local.figure


@dataclass(frozen=True)
class JobsTile:
    """One bordered metric tile of the page and the 출처 button under it."""

    label: str
    value: str | None
    delta: str | int | None
    help: str
    source: SourceLink
    delta_description: str | None = None
    delta_color: Literal["normal", "off"] = "off"  # off: a target share is no judgement
    delta_arrow: Literal["auto", "off"] = "off"


@dataclass(frozen=True)
class JobsTable:
    """A table of the page with its Excel download (`ui.export.show_table`'s options), and which shown columns
    open a figure's source (label → metrics column)."""

    key: str
    sheet: str
    frame: pd.DataFrame
    figure_columns: dict[str, str] = field(default_factory=dict)
    export: pd.DataFrame | None = None
    download_only: tuple[str, ...] = ()
    signed_columns: tuple[str, ...] = ()
    right_aligned: tuple[str, ...] = ()
    number_formats: dict[str, str] | None = None
    height: int | Literal["auto"] = "auto"
    shown: ShownFrame | None = None  # `frame` as drawn, when the page's view-model made it (present.jobs_page)


@dataclass(frozen=True)
class JobsView:
    year: int
    lang: str
    headline: JobsHeadline
    tiles: tuple[JobsTile, ...]
    notes: str  # the caption under the tiles
    missing: str | None  # the warning when companies did not report the latest month
    monthly: pd.DataFrame  # metrics.jobs.monthly_totals: the cumulative chart's data
    by_sector: pd.DataFrame  # metrics.jobs.monthly_by(sector): the two stacked charts' data
    sector_table: JobsTable
    monthly_table: JobsTable
    company_tables: dict[str, JobsTable]  # by measure (MEASURES)
    share_by_sector: pd.DataFrame | None  # None: no local hires reported
    local_table: JobsTable | None
    top: pd.DataFrame
    top_title: str
    top_table: JobsTable
    losses: pd.DataFrame
    losses_text: str  # the summary above the table, or the line saying there were none
    losses_table: JobsTable | None


def build_jobs_view(
    jobs: pd.DataFrame,
    targets: pd.DataFrame | None,
    year: int,
    sectors: tuple[str, ...],
    company: str | None,
    lang: str,
) -> JobsView | None:
    """The page for the selection (None: the selection has no rows in `year`)."""
    rows = m.filtered(jobs, sectors, company)
    if m.in_year(rows, year).empty:
        return None

    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    is_filtered = bool(sectors) or company is not None
    headline = jobs_headline(rows, None if is_filtered else targets, year, m.reports_local_hires(jobs))
    progress = m.target_progress(rows, None if is_filtered else targets, year)
    month_text = fmt.month_label(headline.month, lang)
    notes = [t("jobs.caption.definition")]
    if not progress.complete:
        notes.append(t("jobs.caption.through", year=year, month=fmt.month_label(progress.through, lang)))
    if not headline.local_reported:
        notes.append(t("jobs.caption.local_not_reported"))
    elif headline.local.rows_unknown:
        notes.append(t("jobs.caption.local_unknown_rows", rows=headline.local.rows_unknown))
    missing = m.missing_reports(rows, headline.month)
    order = m.sector_order(jobs, load_program().industries)
    by_sector = m.monthly_by(rows, year, "sector")
    monthly = m.monthly_totals(rows, year)
    share_by_sector = m.local_share_by_sector(rows, year, sectors=order) if headline.local_reported else None
    top = m.top_employers(rows, year, n=10)
    losses = m.job_losses(rows, year)
    return JobsView(
        year,
        lang,
        headline,
        tiles=headline_tiles(headline, is_filtered, lang),
        notes=lines(notes),
        missing=t("jobs.warning.missing_reports", month=month_text, companies=", ".join(missing)) if missing else None,
        monthly=monthly,
        by_sector=by_sector,
        sector_table=_sector_table(by_sector, lang),
        monthly_table=_monthly_table(monthly, headline.local_reported, lang),
        company_tables={x: _company_table(rows, year, x, order, lang) for x in MEASURES},
        share_by_sector=share_by_sector,
        local_table=None if share_by_sector is None else _local_table(share_by_sector, lang),
        top=top,
        top_title=t("jobs.section.top", n=len(top), month=month_text),
        top_table=_top_table(top, year, lang),
        losses=losses,
        losses_text=(
            t("jobs.losses.none", year=year)
            if losses.empty
            else t("jobs.losses.summary", count=len(losses), total=fmt.count(m.jobs_lost(losses)))
        ),
        losses_table=None if losses.empty else _losses_table(losses, lang),
    )


def jobs_headline(rows: pd.DataFrame, targets: pd.DataFrame | None, year: int, local_reported: bool) -> JobsHeadline:
    """The headline of `rows` (already filtered) in `year`, which has rows."""
    traced = m.headline_figures(rows, year)
    latest = m.latest_headcount(rows, year)
    if latest is None:
        raise ValueError(f"no jobs rows in {year}")
    return JobsHeadline(
        year,
        traced["created"],
        m.annual_target(targets, year),
        traced["headcount"],
        latest.month,
        latest.previous_month,
        traced.get("headcount_change"),
        m.local_hire_share(rows, year),
        local_reported,
    )


def headline_tiles(headline: JobsHeadline, is_filtered: bool, lang: str) -> tuple[JobsTile, ...]:
    """Jobs created (against the target), headcount (against the month before), local-hire share."""

    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    people = t("unit.people")
    year = headline.year
    created, target = headline.created, headline.target
    if is_filtered:
        created_delta, created_help = t("jobs.kpi.filtered_target"), t("jobs.kpi.filtered_target_help")
    elif target is None:
        created_delta, created_help = t("jobs.kpi.no_target", year=year), t("jobs.kpi.created_help")
    else:
        ratio = int(created.value or 0) / target if target else None
        share = fmt.percent(ratio)
        created_delta = t("jobs.kpi.created_delta", target=fmt.target_count(target, people, lang), ratio=share)
        created_help = t("jobs.kpi.created_help")
    headcount_label = t("jobs.kpi.headcount", month=fmt.month_label(headline.month, lang))
    change = headline.headcount_change
    if change is None:
        headcount = JobsTile(
            headcount_label,
            fmt.count_cell(headline.headcount.value, people, lang),
            t("jobs.kpi.no_previous"),
            t("jobs.kpi.headcount_help"),
            SourceLink("jobs_headcount", headline.headcount),
        )
    else:
        headcount = JobsTile(
            headcount_label,
            fmt.count_cell(headline.headcount.value, people, lang),
            fmt.count_change(None if change.value is None else int(change.value), people, lang),
            t("jobs.kpi.headcount_help"),
            SourceLink("jobs_headcount", headline.headcount),
            delta_description=t("jobs.kpi.vs_previous", month=fmt.month_label(headline.previous_month, lang)),
            delta_color="normal",
            delta_arrow="auto",
        )
    local = headline.local
    if local.share is None:
        local_value = None
        local_delta = t("jobs.kpi.local_unknown" if headline.local_reported else "jobs.kpi.local_not_reported")
    else:
        local_value = fmt.percent(local.share)
        local_delta = t("jobs.kpi.local_detail", new=fmt.count(local.new_hires), local=fmt.count(local.local_hires))
    return (
        JobsTile(
            t("jobs.kpi.created", year=year),
            fmt.count_cell(created.value, people, lang),
            created_delta,
            created_help,
            SourceLink("jobs_created", created),
        ),
        headcount,
        JobsTile(
            t("jobs.kpi.local", year=year),
            local_value,
            local_delta,
            t("jobs.kpi.local_help"),
            SourceLink("jobs_local_share", headline.local_share),
        ),
    )


# --- the tables ------------------------------------------------------------------------------------------------


def _months(values: pd.Series, lang: str) -> list[str]:
    return [fmt.month_label(pd.Timestamp(x).date(), lang) for x in values]


Column = tuple[str, object, str | None]  # shown label, values, the metrics column of its cells' figures (or None)


def _table(key: str, sheet: str, columns: list[Column], **options: Any) -> JobsTable:
    """A table from its columns in order; the cells of those that name a metrics column open a figure's source."""
    frame = pd.DataFrame({label: values for label, values, _ in columns})
    figures = {label: figure for label, _, figure in columns if figure is not None}
    return JobsTable(key, sheet, frame, figures, **options)


def _sector_table(by_sector: pd.DataFrame, lang: str) -> JobsTable:
    """The numbers of the two charts by sector (#17)."""
    t = _translator(lang)
    return _table(
        "jobs_by_sector",
        t("chart.table.sheet.by_sector"),
        [
            (t("jobs.col.month"), _months(by_sector["month"], lang), None),
            (t("jobs.col.sector"), by_sector["sector"], None),
            (t("jobs.col.new_hires"), by_sector["new_hires"], None),
            (t("jobs.col.headcount"), by_sector["headcount"], None),
        ],
    )


def _monthly_table(monthly: pd.DataFrame, local_reported: bool, lang: str) -> JobsTable:
    t = _translator(lang)
    columns: list[Column] = [
        (t("jobs.col.month"), _months(monthly["month"], lang), None),
        (t("jobs.col.new_hires"), monthly["new_hires"], "new_hires"),
        (t("jobs.measure.cumulative"), monthly["cumulative_new_hires"], "cumulative_new_hires"),
        (t("jobs.col.headcount"), monthly["headcount"], "headcount"),
    ]
    if local_reported:
        columns.append((t("jobs.col.local_hires"), monthly["local_hires"], "local_hires"))
    return _table("jobs_monthly", t("jobs.download.sheet.monthly"), columns, height=40 + 35 * len(monthly))


def _company_table(rows: pd.DataFrame, year: int, measure: str, order: list[str], lang: str) -> JobsTable:
    """Companies × months of `measure`; the figure columns map each month's label to its month (ISO) or 'total'."""
    t = _translator(lang)
    pivot = m.company_month_table(rows, year, measure, sectors=order)
    # the months as the charts' axes name them
    labels: dict[object, str] = {
        c: month_short(pd.Timestamp(c).month, lang) for c in pivot.columns if isinstance(c, pd.Timestamp)
    }
    labels |= {"company": t("jobs.col.company"), "sector": t("jobs.col.sector"), "total": t("jobs.col.total")}
    columns = {
        label: "total" if column == "total" else pd.Timestamp(column).strftime("%Y-%m-%d")
        for column, label in labels.items()
        if column == "total" or isinstance(column, pd.Timestamp)
    }
    return JobsTable("jobs_by_company", t("jobs.download.sheet.company"), pivot.rename(columns=labels), columns)


def _local_table(share_by_sector: pd.DataFrame, lang: str) -> JobsTable:
    """Shares written as text on screen ("52.8%"), as numbers formatted 0.0% in the file."""
    t = _translator(lang)
    share = t("jobs.col.share")
    shares = share_by_sector["share"]
    spec = _table(
        "jobs_local",
        t("jobs.download.sheet.local"),
        [
            (t("jobs.col.sector"), share_by_sector["sector"], None),
            (t("jobs.col.new_hires"), share_by_sector["new_hires"], "new_hires"),
            (t("jobs.col.local_hires"), share_by_sector["local_hires"], "local_hires"),
            (share, [fmt.percent(None if pd.isna(s) else float(s)) for s in shares], "share"),
        ],
        right_aligned=(share,),
        number_formats={share: "0.0%"},
    )
    return replace(spec, export=spec.frame.assign(**{share: shares.astype("Float64")}))


def _top_table(top: pd.DataFrame, year: int, lang: str) -> JobsTable:
    t = _translator(lang)
    return _table(
        "jobs_top",
        t("jobs.download.sheet.top"),
        [
            (t("jobs.col.rank"), top["rank"].astype("Int64"), None),
            (t("jobs.col.company"), top["company"], None),
            (t("jobs.col.sector"), top["sector"], None),
            (t("jobs.col.headcount"), top["headcount"], "headcount"),
            (t("jobs.col.change"), top["change"], "change"),
            (t("jobs.col.new_hires_year", year=year), top["new_hires"], "new_hires"),
            (t("jobs.col.source_row"), fmt.source_rows(top["source_row"], lang), None),
        ],
        download_only=(t("jobs.col.source_row"),),
        signed_columns=(t("jobs.col.change"),),
    )


def _losses_table(losses: pd.DataFrame, lang: str) -> JobsTable:
    """Each fall with its two headcounts; 'previous' and 'headcount' open the two parts of the change."""
    t = _translator(lang)
    source_rows = (t("jobs.col.source_row"), t("jobs.col.previous_source_row"))
    return _table(
        "jobs_losses",
        t("jobs.download.sheet.losses"),
        [
            (t("jobs.col.company"), losses["company"], None),
            (t("jobs.col.sector"), losses["sector"], None),
            (t("jobs.col.month"), _months(losses["month"], lang), None),
            (t("jobs.col.previous_headcount"), losses["previous_headcount"], "previous"),
            (t("jobs.col.headcount"), losses["headcount"], "headcount"),
            (t("jobs.col.change"), losses["change"], "change"),
            (source_rows[0], fmt.source_rows(losses["source_row"], lang), None),
            (source_rows[1], fmt.source_rows(losses["previous_source_row"], lang), None),
        ],
        download_only=source_rows,
        height=min(420, 38 + 35 * len(losses)),
    )


def _translator(lang: str) -> Callable[..., str]:
    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    return t


# --- the figure behind a table cell (the 출처 dialogs), from the selection's rows --------------------------------


def cell_figure(view: JobsView, rows: pd.DataFrame, table: str, row: int, column: str, measure: str = "") -> Figure:
    """The figure behind a cell of `table` (a `JobsTable.key`) at `row`, for the metrics `column` its figure
    columns name; `rows` are the selection's rows (`metrics.jobs.filtered`)."""
    year = view.year
    if table == "jobs_monthly":
        return m.monthly_figure(rows, year, view.monthly["month"].iloc[row], column)
    if table == "jobs_by_company":
        company = str(view.company_tables[measure].frame.iloc[row, 0])
        month = None if column == "total" else pd.Timestamp(column)
        return m.company_month_figure(rows, year, company, month, measure)
    if table == "jobs_local" and view.share_by_sector is not None:
        return m.local_share_figure(rows, year, view.share_by_sector["sector"].iloc[row], column)
    if table == "jobs_top":
        company, month = view.top["company"].iloc[row], view.top["month"].iloc[row]
        if column == "change":
            return m.headcount_change_figure(rows, company, month)
        return m.company_month_figure(rows, year, company, month if column == "headcount" else None, column)
    if table == "jobs_losses":
        # the change, or one of its two parts: this month's headcount row and the month before's
        change = m.headcount_change_figure(rows, view.losses["company"].iloc[row], view.losses["month"].iloc[row])
        return {"change": change, "headcount": change.parts[0], "previous": change.parts[1]}[column]
    raise ValueError(f"no figures in table {table!r}")
