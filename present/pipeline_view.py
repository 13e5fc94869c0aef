"""The unicorn-candidate pipeline as a view-model: what the pipeline page (views/pipeline.py) and the briefing's
pipeline slide (briefing/slides.py) show, built from `metrics.pipeline` in the reader's language.

Streamlit-free and picklable, so a page builds each part once per data version, selection and language for every
viewer (`ui.shared`), renders it in a loop, and tests read it directly. Charts come as the arguments of their
`charts.pipeline` builder (the slide restyles the builder's chart for a projector) and as the Vega-Lite spec the page
draws (`present.chart_png.page_spec`), made with the view, so a rerun neither hashes frames nor runs Altair.
Parts, in the page's order:

- `options_view`: the 기준일 and companies to choose from, and the K-Unicorn ladder caption;
- `stages_view`: companies per stage at one 기준일 (tiles with their traced figures, changes and 출처), the
  sector × stage chart's arguments and table; the slide draws its headline figures and chart from the same object;
- `movement_view`: who moved between two 기준일;
- `watch_view`: the companies closest to the next stage;
- `profile_view`: one company over time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from charts import pipeline as charts
from metrics import pipeline as m
from metrics.figures import Figure
from present import format as fmt
from present.budget_view import SourceLink
from present.chart_png import page_spec
from present.i18n import translate, value_label
from program import load_program

TOTAL = "total"  # the tile of every company at the 기준일, before the configured stages


def stage_label(stage: object, lang: str) -> object:
    """A K-Unicorn stage in the reader's language ("Baby unicorn"); a stage not configured stays as written and a
    missing one stays missing."""
    return value_label("stage", stage, lang)


def ladder_text(lang: str, spans: bool = True) -> str:
    """The K-Unicorn ladder from program.toml: '아기유니콘 1,000억원 미만 · 예비유니콘 1,000억원 이상 1조원 미만 ·
    유니콘 1조원 이상'. Without `spans` (a slide's short line) a middle stage says only its floor ('예비유니콘
    1,000억원 이상')."""
    program = load_program()
    stages, floors = program.stages, program.stage_floors_krw
    parts = []
    for i, name in enumerate(stages):
        stage = stage_label(name, lang)
        lower = fmt.money(floors[i], lang)
        upper = fmt.money(floors[i + 1], lang) if i + 1 < len(stages) else None
        if i == 0 and floors[0] == 0 and upper is not None:
            parts.append(translate("pipeline.ladder.first", lang, stage=stage, upper=upper))
        elif upper is None or not spans:
            parts.append(translate("pipeline.ladder.last", lang, stage=stage, lower=lower))
        else:
            parts.append(translate("pipeline.ladder.middle", lang, stage=stage, lower=lower, upper=upper))
    return " · ".join(parts)


def day(value: object, lang: str) -> str:
    """A 기준일 as the page writes it ('2026. 9. 30.')."""
    return fmt.date_label(pd.Timestamp(value).date(), lang)  # type: ignore[arg-type]


def company_unit(lang: str) -> str:
    """'개사' after a count of companies in Korean ("40개사"); English tiles show the bare number."""
    return translate("unit.companies", lang) if lang == "ko" else ""


# --- what to choose from ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionsView:
    dates: tuple[pd.Timestamp, ...]  # the 기준일 in the data, newest first
    date_labels: dict[pd.Timestamp, str]  # '2026. 9. 30. (2026년 3분기)'
    companies: tuple[str, ...]  # by valuation at their latest 기준일, then name
    ladder_caption: str

    def date_option(self, value: pd.Timestamp) -> str:
        return self.date_labels[value]


def options_view(companies: pd.DataFrame, lang: str) -> OptionsView:
    dates = tuple(m.as_of_dates(companies))
    labels = {
        d: translate("pipeline.as_of_option", lang, date=day(d, lang), quarter=fmt.quarter_label(d.date(), lang))
        for d in dates
    }
    caption = translate("pipeline.ladder.caption", lang, ladder=ladder_text(lang))
    return OptionsView(dates, labels, tuple(m.companies(companies)), caption)


# --- companies per stage at one 기준일 -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StageTile:
    """One stage tile: every company ("total") or one configured stage, at the 기준일 and against the one before."""

    name: str  # TOTAL or a configured stage
    label: str
    value: str  # "40개사"
    figure: Figure  # the count, traced to its rows (what the 출처 button lists)
    previous: Figure | None  # the same count at the 기준일 before (None: no earlier 기준일)
    change: Figure | None  # figure − previous
    delta: int | str | None  # the change as the tile writes it: "+1개사", 0 (no change), None (no delta)
    source: SourceLink


@dataclass(frozen=True)
class StagesView:
    as_of: pd.Timestamp
    previous: pd.Timestamp | None  # the 기준일 before `as_of`
    title: str
    tiles: tuple[StageTile, ...]  # TOTAL, then the stages in ladder order
    change_caption: str
    target: float | None  # the year's target for the number of companies (the slide shows it; None: none)
    # the sector × stage chart (`charts.pipeline.stage_chart(by_sector, sectors, as_of, program, lang)`)
    by_sector: pd.DataFrame
    sectors: tuple[str, ...]
    chart: dict[str, object]  # its spec as the page draws it
    table: pd.DataFrame  # the chart's numbers: a row per sector, a column per stage and the total
    cell_figures: dict[tuple[int, str], Figure]  # (table row, column label) → the figure its cell opens

    def tile(self, name: str) -> StageTile:
        return next(tile for tile in self.tiles if tile.name == name)


def stages_view(companies: pd.DataFrame, as_of: pd.Timestamp, lang: str, target: float | None = None) -> StagesView:
    """Companies in all and per stage at `as_of` against the 기준일 before, and per sector."""
    program = load_program()
    earlier = [d for d in m.as_of_dates(companies) if d < as_of]
    previous = earlier[0] if earlier else None
    figures = m.stage_figures(companies, as_of, program)
    before = m.stage_figures(companies, previous, program) if previous is not None else None
    changes = m.stage_changes(companies, as_of, previous, program)
    unit = company_unit(lang)
    tiles = []
    for name in (TOTAL, *program.stages):
        change = changes[name]
        tiles.append(
            StageTile(
                name,
                translate("pipeline.kpi.total", lang) if name == TOTAL else str(stage_label(name, lang)),
                fmt.count(figures[name].value, unit, lang),
                figures[name],
                None if before is None else before[name],
                change,
                fmt.count_change(None if change is None or change.value is None else int(change.value), unit, lang),
                SourceLink(f"pipeline_{name}", figures[name]),
            )
        )
    change_caption = (
        translate("pipeline.kpi.no_previous", lang)
        if previous is None
        else translate("pipeline.kpi.vs_previous", lang, date=day(previous, lang))
    )
    by_sector = m.stage_by_sector(companies, as_of, program)
    sectors = m.ordered_sectors(m.snapshot(companies, as_of)["sector"], program)
    total_label = translate("pipeline.col.total", lang)
    stage_of = {str(stage_label(s, lang)): s for s in program.stages}  # column header → stage as configured
    table = m.stage_table(by_sector, sectors, program).rename(
        columns={"sector": translate("pipeline.col.sector", lang), "total": total_label}
        | {s: str(stage_label(s, lang)) for s in program.stages}
    )
    cells = {
        (row, label): m.stage_figure(companies, as_of, sector, stage_of.get(label))
        for row, sector in enumerate(sectors)
        for label in (*stage_of, total_label)
    }
    title = translate("pipeline.section.stages", lang, date=day(as_of, lang))
    chart = page_spec(charts.stage_chart(by_sector, sectors, as_of, program, lang), lang)
    return StagesView(
        as_of, previous, title, tuple(tiles), change_caption, target, by_sector, tuple(sectors), chart, table, cells
    )


# --- movement between two 기준일 ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountTile:
    label: str
    value: str


@dataclass(frozen=True)
class MovementView:
    state: Literal["same_dates", "reversed", "moves"]
    message: str | None = None  # why nothing is compared (same dates, or the dates reversed)
    tiles: tuple[CountTile, ...] = ()  # up, down, new, left
    unchanged: str = ""  # how many stayed at their stage
    dates_caption: str = ""
    shown: pd.DataFrame | None = None  # the companies that moved; None: none did
    export: pd.DataFrame | None = None  # the same with both 기준일 in the headers and the Excel rows


def movement_view(companies: pd.DataFrame, before: pd.Timestamp, after: pd.Timestamp, lang: str) -> MovementView:
    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    if before == after:
        return MovementView("same_dates", t("pipeline.movement.same_dates"))
    if before > after:
        return MovementView("reversed", t("pipeline.movement.reversed"))
    moves = m.movement(companies, before, after, load_program())
    counts = m.movement_counts(moves)
    unit = company_unit(lang)
    tiles = tuple(
        CountTile(t(f"pipeline.movement.{name}"), fmt.count(counts[name], unit, lang)) for name in m.MOVEMENTS
    )
    changed = moves[moves["movement"] != m.SAME]
    if changed.empty:
        return MovementView("moves", tiles=tiles, unchanged=t("pipeline.movement.none", same=counts[m.SAME]))

    def stage(column: str) -> pd.Series:
        return changed[column].map(lambda s: stage_label(s, lang)).astype(object).fillna("–")

    columns = {
        t("pipeline.col.movement"): [t(f"pipeline.movement.{x}") for x in changed["movement"]],
        t("pipeline.col.company"): changed["company"],
        t("pipeline.col.sector"): changed["sector"],
        t("pipeline.col.stage_before"): stage("stage_before"),
        t("pipeline.col.stage_after"): stage("stage_after"),
    }
    valuation_before, valuation_after = t("pipeline.col.valuation_before_krw"), t("pipeline.col.valuation_after_krw")
    shown = pd.DataFrame(
        columns | {valuation_before: changed["valuation_before"], valuation_after: changed["valuation_after"]}
    )
    export = pd.DataFrame(
        columns
        | {
            f"{valuation_before} ({day(before, lang)})": changed["valuation_before"],
            f"{valuation_after} ({day(after, lang)})": changed["valuation_after"],
            t("pipeline.col.source_row_before"): fmt.source_rows(changed["source_row_before"], lang),
            t("pipeline.col.source_row_after"): fmt.source_rows(changed["source_row_after"], lang),
        }
    )
    return MovementView(
        "moves",
        tiles=tiles,
        unchanged=t("pipeline.movement.unchanged", same=counts[m.SAME]),
        dates_caption=t("pipeline.movement.dates", before=day(before, lang), after=day(after, lang)),
        shown=shown,
        export=export,
    )


# --- the companies closest to the next stage -----------------------------------------------------------------------


@dataclass(frozen=True)
class WatchView:
    title: str
    watch: pd.DataFrame  # `metrics.pipeline.watch_list` (`charts.pipeline.watch_chart(watch, lang)`); empty: none
    chart: dict[str, object] | None  # the watch chart's spec; None when the list is empty
    shown: pd.DataFrame
    export: pd.DataFrame
    ratio_label: str  # the column of ratios: written "61.6%" on screen, a number formatted 0.0% in the file
    gap_label: str

    @property
    def right_aligned(self) -> tuple[str, ...]:
        return (self.ratio_label, self.gap_label)


def watch_view(companies: pd.DataFrame, as_of: pd.Timestamp, lang: str, n: int = 10) -> WatchView:
    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    watch = m.watch_list(companies, as_of, load_program(), n=n)

    def stage(column: str) -> pd.Series:
        return watch[column].map(lambda s: stage_label(s, lang))

    first = {
        t("pipeline.col.company"): watch["company"],
        t("pipeline.col.sector"): watch["sector"],
        t("pipeline.col.stage"): stage("stage"),
        t("pipeline.col.valuation_krw"): watch["valuation"],
        t("pipeline.col.next_stage"): stage("next_stage"),
    }
    ratio_label, gap_label = t("pipeline.col.ratio"), t("pipeline.col.gap_eok")
    shown = pd.DataFrame(
        first
        | {
            ratio_label: [fmt.percent(float(r)) for r in watch["ratio"]],
            gap_label: [fmt.eok_text(v) for v in watch["gap"]],
        }
    )
    export = pd.DataFrame(
        first
        | {
            t("pipeline.col.next_floor_krw"): watch["next_floor"],
            ratio_label: watch["ratio"].astype("Float64"),
            t("pipeline.col.gap_krw"): watch["gap"],
            t("pipeline.col.source_row"): fmt.source_rows(watch["source_row"], lang),
        }
    )
    title = t("pipeline.section.watch", n=len(watch), date=day(as_of, lang))
    chart = None if watch.empty else page_spec(charts.watch_chart(watch, lang), lang)
    return WatchView(title, watch, chart, shown, export, ratio_label, gap_label)


# --- one company over time -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileView:
    company: str
    summary: str  # '인공지능 · 예비유니콘 · 기업가치 1,234억원 (2026. 9. 30.)', markdown-free text from the data
    history: pd.DataFrame  # the company's rows, oldest first
    money_chart: dict[str, object]  # valuation, funding and revenue over time (`money_history_chart`)
    employees_chart: dict[str, object] | None  # None: the file gives no employees
    jobs: pd.DataFrame  # the jobs dataset's monthly rows of the company; may be empty
    jobs_charts: tuple[dict[str, object], ...]  # headcount and new hires by month; () without jobs rows
    jobs_table: pd.DataFrame  # the two jobs charts' numbers
    history_table: pd.DataFrame  # newest first; a figure the file never gives is left out
    download_only: tuple[str, ...]


def profile_view(companies: pd.DataFrame, jobs: pd.DataFrame | None, company: str, lang: str) -> ProfileView:
    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    history = m.company_history(companies, company)
    last = history.iloc[-1]
    summary = t(
        "pipeline.profile.summary",
        sector=last["sector"],
        stage=stage_label(last["stage"], lang),
        valuation=fmt.money_cell(last["valuation_krw"], lang),
        date=day(last["as_of"], lang),
    )
    if pd.notna(last["moved_in"]):
        summary += " · " + t("pipeline.profile.moved_in", date=day(last["moved_in"], lang))
    company_jobs = m.company_jobs(jobs, company)
    jobs_table = pd.DataFrame(
        {
            t("jobs.col.month"): [fmt.month_label(pd.Timestamp(x).date(), lang) for x in company_jobs["month"]],
            t("jobs.col.headcount"): company_jobs["headcount"],
            t("jobs.col.new_hires"): company_jobs["new_hires"],
        }
    )
    won = t("unit.krw")
    optional = {  # a figure the data never gives (its file had no such column) is left out, not an empty column
        f"{t('pipeline.col.funding')} ({won})": "funding_krw",
        f"{t('pipeline.col.revenue')} ({won})": "revenue_krw",
        t("pipeline.col.employees_people"): "employees",
    }
    history_table = pd.DataFrame(
        {
            t("pipeline.col.as_of"): [day(d, lang) for d in history["as_of"]],
            t("pipeline.col.stage"): history["stage"].map(lambda s: stage_label(s, lang)),
            t("pipeline.col.valuation_krw"): history["valuation_krw"],
        }
        | {label: history[column] for label, column in optional.items()}
        | {t("pipeline.col.source_row"): fmt.source_rows(history["source_row"], lang)}
    ).iloc[::-1]
    history_table = history_table.drop(
        columns=[label for label, column in optional.items() if history[column].isna().all()]
    )
    program = load_program()
    jobs_charts = (
        ()
        if company_jobs.empty
        else (
            page_spec(charts.headcount_chart(company_jobs, lang), lang),
            page_spec(charts.new_hires_chart(company_jobs, lang), lang),
        )
    )
    return ProfileView(
        company,
        summary,
        history,
        page_spec(charts.money_history_chart(history, program, lang), lang),
        page_spec(charts.employees_chart(history, lang), lang) if history["employees"].notna().any() else None,
        company_jobs,
        jobs_charts,
        jobs_table,
        history_table,
        (t("pipeline.col.source_row"),),
    )
