"""The deck's built-in slides: overview, budget burn, jobs, unicorn pipeline, district map.

Each builder reads `BriefingData`, takes its headline figures from the metrics modules (as `Figure`s that trace
to their rows) and its chart from the chart builders in `charts/`, restyled for a projector. A slide whose data
is missing still appears, saying which data it waits for.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from charts import budget as budget_charts
from charts import jobs as jobs_charts
from charts import pipeline as pipeline_charts
from charts.overview import TitleLayout, timeline_chart
from charts.palette import STATUS_COLORS
from loaders.contract import DATASETS, slide_datasets
from metrics import budget as budget_metrics
from metrics import overview
from metrics.as_of import data_as_of
from metrics.figures import Figure, row_count
from metrics.map_layers import COMPANY_SITE_KIND, map_data
from metrics.ordering import configured_order
from present import budget_view, pipeline_view
from present import format as fmt
from present.freshness import overdue_line
from present.i18n import translate
from present.jobs_view import JobsView, build_jobs_view
from program import load_program

from .map_snapshot import site_key, snapshot_chart
from .model import BriefingData, Headline, Slide, Source
from .registry import slide
from .theme import MARK_TEXT_SIZE, projector_spec

CHART_HEIGHT = 225  # px of plot: with the figures above and the controls below, a slide fits 1280×720
TIMELINE_HEIGHT = 230  # the phases and, above and below the milestones, six lanes of their titles
TIMELINE_PLOT_PX = 1000  # the plot's width at 1280×720 (the slide's 1,120 px less the lanes' names)
MAP_HEIGHT = 255


# --- shared pieces ------------------------------------------------------------------------------------------


def _t(data: BriefingData, key: str, **values: object) -> str:
    return translate(key, data.lang, **values)


def as_of_text(dataset: str, as_of: dt.date, lang: str) -> str:
    """'2026년 11월' for datasets reported by month (as the pages' as-of lines write them), else '2026. 9. 30.'
    (a month still under way, too)."""
    return fmt.as_of_label(as_of, DATASETS[dataset].monthly, lang)


def sources(data: BriefingData, datasets: tuple[str, ...]) -> tuple[Source, ...]:
    """The slide's datasets that have a stored version, each with its as-of date as the page headers state it
    (`metrics.as_of.data_as_of`: the data's own date for budget, jobs and companies, else the upload date)."""
    found = []
    for name in datasets:
        version = data.versions.get(name)
        if version is not None:
            found.append(Source(name, data_as_of(name, data.frame(name), version.uploaded_on), version))
    return tuple(found)


def as_of_line(found: tuple[Source, ...], lang: str) -> str:
    """'자료: 예산 집행 2026년 11월 기준 · 목표 2026. 11. 25. 기준' (version numbers are in the 출처 dialogs)."""
    parts = []
    for source in found:
        dataset = translate(f"dataset.{source.dataset}", lang)
        if source.as_of is None:
            parts.append(translate("briefing.source.undated", lang, dataset=dataset, number=source.version.number))
        else:
            parts.append(
                translate(
                    "briefing.source",
                    lang,
                    dataset=dataset,
                    as_of=as_of_text(source.dataset, source.as_of, lang),
                    number=source.version.number,
                )
            )
    return translate("briefing.sources", lang, sources=" · ".join(parts)) if parts else ""


def headline(data: BriefingData, label: str, figure: Figure, *details: str | None) -> Headline:
    """A big number: the figure formatted for the slide's language, with the non-empty details joined by ' · '."""
    detail = " · ".join(d for d in details if d)
    return Headline(label, figure, fmt.figure_value(figure.value, figure.unit, data.lang), detail or None)


def change_detail(data: BriefingData, tile: overview.Tile, key: str, **values: object) -> str | None:
    """'전월 대비 +8.1%p' from a tile's change against its previous period (None without one)."""
    change = overview.change(tile)
    if change is None or change.value is None:
        return None
    if change.value == 0:
        return _t(data, f"{key}.same", **values)
    text = fmt.figure_value(change.value, change.unit, data.lang, signed=True)
    return _t(data, key, change=text, **values)


def target_detail(data: BriefingData, tile: overview.Tile) -> str | None:
    """'목표 90%' for rates, '목표 1,200명의 85.0%' for counts; None without a target."""
    if tile.target is None:
        return None
    figure = tile.figure
    if figure.unit == "ratio":
        return _t(data, "briefing.detail.target_rate", target=fmt.percent(tile.target, trim=True))
    share = fmt.percent(figure.value / tile.target) if tile.target and figure.value is not None else "–"
    target = fmt.figure_value(int(tile.target), figure.unit, data.lang)
    return _t(data, "briefing.detail.target_share", target=target, share=share)


def empty_slide(data: BriefingData, key: str, title: str, needed: tuple[str, ...], shown: tuple[str, ...]) -> Slide:
    found = sources(data, shown)
    missing = [translate(f"dataset.{name}", data.lang) for name in needed if data.frame(name) is None]
    note = _t(data, "briefing.slide.empty", datasets=", ".join(missing))
    return Slide(key, title, sources=found, as_of_line=as_of_line(found, data.lang), note=note)


# --- the slides ---------------------------------------------------------------------------------------------


@slide("overview", order=10)
def overview_slide(data: BriefingData) -> Slide:
    """Execution rate, executed to date, jobs created and companies, over the programme timeline."""
    title = _t(data, "briefing.slide.overview")
    budget, jobs, companies = data.frame("budget"), data.frame("jobs"), data.frame("companies")
    targets = data.frame("targets")
    found = sources(data, slide_datasets("overview"))
    headlines: list[Headline] = []
    if budget is not None:
        as_of = data_as_of("budget", budget, data.versions["budget"].uploaded_on)
        tiles = overview.budget_tiles(budget, as_of.year, as_of.month, targets)
        rate = tiles["rate"]
        headlines.append(
            headline(
                data,
                _t(data, "briefing.label.rate", year=as_of.year),
                rate.figure,
                target_detail(data, rate),
                change_detail(data, rate, "briefing.detail.vs_previous_month"),
            )
        )
        planned = fmt.money(tiles["planned"].figure.value, data.lang)
        headlines.append(
            headline(
                data,
                _t(data, "briefing.label.executed", month=as_of.month),
                tiles["executed"].figure,
                _t(data, "briefing.detail.of_budget", planned=planned),
            )
        )
    if jobs is not None:
        as_of = data_as_of("jobs", jobs, data.versions["jobs"].uploaded_on)
        created = overview.jobs_tiles(jobs, as_of.year, as_of, targets)["created"]
        headlines.append(
            headline(
                data,
                _t(data, "briefing.label.jobs_created", year=as_of.year),
                created.figure,
                target_detail(data, created),
            )
        )
    if companies is not None:
        as_of = data_as_of("companies", companies, data.versions["companies"].uploaded_on)
        tile = overview.company_tiles(companies, as_of.year, targets)["companies"]
        previous = _previous_date(companies, as_of, data.lang)
        headlines.append(
            headline(
                data,
                _t(data, "briefing.label.companies"),
                tile.figure,
                change_detail(data, tile, "briefing.detail.vs_previous_date", date=previous) if previous else None,
            )
        )
    if not headlines:
        return empty_slide(
            data, "overview", title, slide_datasets("overview", needed=True), slide_datasets("overview", needed=False)
        )
    milestones = overview.milestones(data.frame("events"), data.frame("sites"))
    layout = TitleLayout(TIMELINE_PLOT_PX, TIMELINE_HEIGHT, MARK_TEXT_SIZE)  # titles placed in the slide's own pixels
    chart = timeline_chart(overview.timeline_frame(data.today), milestones, data.today, data.lang, layout)
    late = overdue_line({s.dataset: s.as_of for s in found if s.as_of is not None}, data.today, data.lang)
    return Slide(
        "overview",
        title,
        tuple(headlines),
        projector_spec(chart, TIMELINE_HEIGHT),
        found,
        as_of_line(found, data.lang),
        overdue=late,
    )


def _previous_date(companies: pd.DataFrame, as_of: dt.date, lang: str) -> str | None:
    earlier = [pd.Timestamp(d).date() for d in companies["as_of"].unique() if pd.Timestamp(d).date() < as_of]
    return fmt.date_label(max(earlier), lang) if earlier else None


@slide("budget", order=20)
def budget_slide(data: BriefingData) -> Slide:
    """The year's planned, executed, execution rate and pace gap, with the S-curve of cumulative execution: the
    budget page's view-model for the whole budget in the as-of year (`present.budget_view`), the same figures and
    texts the page shows."""
    budget, targets = data.frame("budget"), data.frame("targets")
    if budget is None:
        return empty_slide(data, "budget", translate("nav.budget", data.lang), ("budget",), ("targets",))
    as_of = data_as_of("budget", budget, data.versions["budget"].uploaded_on)
    year = as_of.year
    found = sources(data, slide_datasets("budget"))
    page = budget_view.build_budget_view(budget, targets, budget_view.ALL, year, as_of, (), data.lang)
    # the change since the month before and the target, as the overview's tiles state them
    tiles = overview.budget_tiles(budget, year, as_of.month, targets)
    headlines = (
        headline(data, _t(data, "briefing.label.planned", year=year), page.figure("planned")),
        headline(
            data,
            _t(data, "briefing.label.executed", month=as_of.month),
            page.figure("executed"),
            change_detail(data, tiles["executed"], "briefing.detail.vs_previous_month"),
        ),
        headline(
            data,
            _t(data, "briefing.label.rate", year=year),
            page.figure("rate"),
            target_detail(data, tiles["rate"]),
            change_detail(data, tiles["rate"], "briefing.detail.vs_previous_month"),
        ),
        headline(data, _t(data, "briefing.label.gap"), page.figure("gap"), page.usual_pace),
    )
    summary = page.figures.summary
    chart = budget_charts.s_curve_chart(
        page.figures.curve,
        year,
        data.lang,
        summary.projected,
        budget_metrics.whole_months(year, as_of),
        show_straight=False,
        projected_range=page.projected_span,
    )
    note = None
    if page.projection is not None and summary.projected is not None:
        note = _t(
            data,
            "briefing.note.projection",
            sentence=page.projection,
            projected=fmt.money(summary.projected, data.lang),
        )
        risk = page.figures.risk
        if len(risk):
            at_risk = sum(int(v) for v in risk["at_risk_krw"])
            note += " " + _t(data, "briefing.note.risk", count=len(risk), amount=fmt.money(at_risk, data.lang))
    return Slide(
        "budget",
        _t(data, "briefing.slide.budget", year=year),
        headlines,
        projector_spec(chart, CHART_HEIGHT),
        found,
        as_of_line(found, data.lang),
        note,
    )


@slide("jobs", order=30)
def jobs_slide(data: BriefingData) -> Slide:
    """Jobs created this year against the target, headcount this month, local-hire share; cumulative jobs chart:
    the jobs page's view-model for the latest year, whole cluster (`present.jobs_view`)."""
    jobs, targets = data.frame("jobs"), data.frame("targets")
    if jobs is None:
        return empty_slide(data, "jobs", translate("nav.jobs", data.lang), ("jobs",), ("targets",))
    year = data_as_of("jobs", jobs, data.versions["jobs"].uploaded_on).year
    view = build_jobs_view(jobs, targets, year, (), None, data.lang)
    if view is None:
        return empty_slide(data, "jobs", translate("nav.jobs", data.lang), ("jobs",), ("targets",))
    return jobs_slide_of(data, view)


def jobs_slide_of(data: BriefingData, view: JobsView) -> Slide:
    """The jobs slide drawn from the page's view-model: its headline figures and its cumulative chart's data."""
    found = sources(data, slide_datasets("jobs"))
    figures = view.headline
    change = figures.headcount_change
    local, new = figures.local_share.parts
    headlines = (
        headline(
            data,
            _t(data, "briefing.label.jobs_created", year=view.year),
            figures.created,
            target_detail(data, overview.Tile(figures.created, None, figures.target)),
        ),
        headline(
            data,
            _t(data, "briefing.label.headcount", month=fmt.month_label(figures.month, data.lang)),
            figures.headcount,
            None
            if change is None
            else change_detail(
                data, overview.Tile(figures.headcount, change.parts[1]), "briefing.detail.vs_previous_month"
            ),
        ),
        headline(
            data,
            _t(data, "briefing.label.local_share", year=view.year),
            figures.local_share,
            _t(data, "briefing.detail.local", new=f"{new.value:,}", local=f"{local.value:,}") if new.value else None,
        ),
    )
    chart = jobs_charts.cumulative_chart(view.monthly, figures.target, view.year, data.lang)
    return Slide(
        "jobs",
        _t(data, "briefing.slide.jobs", year=view.year),
        headlines,
        projector_spec(chart, CHART_HEIGHT),
        found,
        as_of_line(found, data.lang),
    )


@slide("pipeline", order=40)
def pipeline_slide(data: BriefingData) -> Slide:
    """Companies at the latest 기준일 and per K-Unicorn stage (their highest selection, #35) with the unicorn status,
    and companies per sector stacked by stage."""
    companies, targets, selections = data.frame("companies"), data.frame("targets"), data.frame("selections")
    if companies is None:
        return empty_slide(data, "pipeline", _t(data, "briefing.slide.pipeline"), ("companies",), ())
    as_of = data_as_of("companies", companies, data.versions["companies"].uploaded_on)
    target = overview.target_for(targets, "companies", as_of.year)
    return pipeline_slide_of(
        data, pipeline_view.stages_view(companies, selections, pd.Timestamp(as_of), data.lang, target)
    )


def pipeline_slide_of(data: BriefingData, stages: pipeline_view.StagesView) -> Slide:
    """The pipeline slide drawn from the page's view-model of the latest 기준일: its tiles' figures and changes
    (every company under the slide's own label, against the year's target), its chart and the ladder."""
    found = sources(data, slide_datasets("pipeline"))
    previous = None if stages.previous is None else fmt.date_label(stages.previous.date(), data.lang)
    headlines = []
    never = load_program().k_unicorn.never_selected
    for tile in stages.tiles:
        if tile.name == never:
            continue  # the slide shows what was selected; the page lists the rest
        total = tile.name == pipeline_view.TOTAL
        shown = overview.Tile(tile.figure, tile.previous, stages.target if total else None)
        headlines.append(
            headline(
                data,
                _t(data, "briefing.label.companies") if total else tile.label,
                tile.figure,
                target_detail(data, shown),
                change_detail(data, shown, "briefing.detail.vs_previous_date", date=previous) if previous else None,
            )
        )
    chart = pipeline_charts.stage_chart(stages.by_sector, list(stages.sectors), stages.as_of, load_program(), data.lang)
    return Slide(
        "pipeline",
        _t(data, "briefing.slide.pipeline"),
        tuple(headlines),
        projector_spec(chart, CHART_HEIGHT),
        found,
        as_of_line(found, data.lang),
        _t(data, "briefing.ladder", ladder=pipeline_view.ladder_text(data.lang, spans=False)),
    )


def _status_breakdown(statuses: pd.Series, lang: str) -> str | None:
    """'운영 2 · 준공 1 · 공사중 1 · 계획 2' in the palette's status order (statuses it does not know last)."""
    counts = statuses.dropna().astype(str).value_counts()
    order = configured_order(counts.index, reversed(list(STATUS_COLORS)))
    parts = [f"{_translated_status(s, lang)} {int(counts[s]):,}" for s in order]
    return " · ".join(parts) or None


def _translated_status(status: str, lang: str) -> str:
    try:
        return translate(f"map.status.{status}", lang)
    except KeyError:
        return status


@slide("map", order=50)
def map_slide(data: BriefingData) -> Slide:
    """Facilities and company buildings by status, parcels by status, over a still picture of the district map."""
    sites, parcels = data.frame("sites"), data.frame("parcels")
    title = _t(data, "briefing.slide.map")
    if sites is None and parcels is None:
        return empty_slide(data, "map", title, ("sites",), ())
    found = sources(data, slide_datasets("map"))
    drawn = map_data(parcels, sites, None, None)
    headlines = []
    if not drawn.sites.empty:
        is_company = drawn.sites["kind"] == COMPANY_SITE_KIND
        for key, rows in (("facilities", drawn.sites[~is_company]), ("company_sites", drawn.sites[is_company])):
            if rows.empty:
                continue
            figure = row_count(rows, "sites", f"briefing.figure.{key}", unit="count")
            headlines.append(
                Headline(
                    _t(data, f"briefing.label.{key}"),
                    figure,
                    _t(data, "briefing.map.places", n=f"{figure.value:,}"),
                    _status_breakdown(rows["status"], data.lang),
                )
            )
    if not drawn.parcels.empty:
        figure = row_count(drawn.parcels, "parcels", "briefing.figure.parcels", unit="count")
        headlines.append(
            Headline(
                _t(data, "briefing.label.parcels"),
                figure,
                _t(data, "briefing.map.parcels", n=f"{figure.value:,}"),
                _status_breakdown(drawn.parcels["status"], data.lang),
            )
        )
    chart = snapshot_chart(drawn, data.lang, MAP_HEIGHT)
    note = _t(data, "briefing.map.key", names=site_key(drawn, data.lang)) if not drawn.sites.empty else None
    return Slide(
        "map",
        title,
        tuple(headlines),
        projector_spec(chart, MAP_HEIGHT) if chart is not None else None,
        found,
        as_of_line(found, data.lang),
        note,
    )
