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
- `selections_view`: 선정 기업 수 by year and programme, and the highest selections at the 기준일;
- `movement_view`: who moved between two 기준일, and whether a move is a selection or a valuation change;
- `gap_view`: the companies closest to the next programme's entry criteria, and when they can apply;
- `profile_view`: one company over time, its selections and its gap to the next programme.

A company's stage is its highest K-Unicorn selection with its year (issue #35: `metrics.selections.staged`), never
a valuation band; a valuation, where given, shows only as a labelled estimate for a company never selected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from charts import pipeline as charts
from metrics import pipeline as m
from metrics import selections as sel
from metrics.figures import DIFFERENCE, Figure, derived, row_count
from present import format as fmt
from present.budget_view import SourceLink
from present.chart_png import page_spec
from present.i18n import translate, value_label
from present.stage_text import gap_sentence, stage_text, window_text
from program import load_program

TOTAL = "total"  # the tile of every company at the 기준일, before the configured stages
UNICORN = "unicorn"  # the tile of the unicorn status, after the stages: a status, counted beside them


def stage_label(stage: object, lang: str) -> object:
    """A K-Unicorn stage in the reader's language ("Baby unicorn"); a stage not configured stays as written and a
    missing one stays missing."""
    return value_label("stage", stage, lang)


def ladder_text(lang: str, spans: bool = True) -> str:
    """The K-Unicorn ladder from program.toml, as selections: 'G-유니콘 (광주광역시) → 아기유니콘 (중소벤처기업부) →
    예비유니콘 (중소벤처기업부) 선정 · 유니콘은 선정이 아니라 기업가치 1조원 이상 비상장 기업의 상태'. Without `spans`
    (a slide's short line) the selecting bodies are left out."""
    k = load_program().k_unicorn
    steps = [
        translate("pipeline.ladder.step", lang, stage=stage_label(p.name, lang), by=p.by)
        if spans and p.by
        else str(stage_label(p.name, lang))
        for p in k.ladder
    ]
    return translate(
        "pipeline.ladder.selections",
        lang,
        ladder=" → ".join(steps),
        unicorn=stage_label(k.unicorn, lang),
        floor=fmt.money(k.unicorn_floor_krw, lang),
    )


def count_label(stage: str, lang: str) -> str:
    """What a stage's count counts: '예비유니콘 (최고 선정)', '선정 이력 없음', '유니콘 (상태)'."""
    k = load_program().k_unicorn
    if stage == k.never_selected:
        return str(stage_label(stage, lang))
    if stage == k.unicorn:
        return translate("pipeline.kpi.unicorn", lang, stage=stage_label(stage, lang))
    return translate("pipeline.kpi.highest", lang, stage=stage_label(stage, lang))


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
    companies: tuple[str, ...]  # by stage at their latest 기준일 (highest first), valuation, then name
    ladder_caption: str

    def date_option(self, value: pd.Timestamp) -> str:
        return self.date_labels[value]


def options_view(companies: pd.DataFrame, selections: pd.DataFrame | None, lang: str) -> OptionsView:
    program = load_program()
    staged = sel.staged(companies, selections, program)
    dates = tuple(m.as_of_dates(companies))
    labels = {
        d: translate("pipeline.as_of_option", lang, date=day(d, lang), quarter=fmt.quarter_label(d.date(), lang))
        for d in dates
    }
    caption = translate("pipeline.ladder.caption", lang, ladder=ladder_text(lang))
    return OptionsView(dates, labels, tuple(m.companies(staged, program)), caption)


# --- companies per stage at one 기준일 -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StageTile:
    """One stage tile: every company ("total") or one configured stage, at the 기준일 and against the one before."""

    name: str  # TOTAL, a configured stage, or UNICORN
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
    tiles: tuple[StageTile, ...]  # TOTAL, the stages in ladder order (never selected first), then UNICORN
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


def stages_view(
    companies: pd.DataFrame,
    selections: pd.DataFrame | None,
    as_of: pd.Timestamp,
    lang: str,
    target: float | None = None,
) -> StagesView:
    """Companies in all and per stage (highest selection by `as_of`) at `as_of` against the 기준일 before, the
    unicorn status beside them, and per sector."""
    program = load_program()
    k = program.k_unicorn
    staged = sel.staged(companies, selections, program)
    earlier = [d for d in m.as_of_dates(companies) if d < as_of]
    previous = earlier[0] if earlier else None

    def unicorns(date: object) -> Figure:
        rows = m.snapshot(staged, date)
        return row_count(rows[rows["unicorn"]], "companies", f"stage_count.{k.unicorn}")

    figures = m.stage_figures(staged, as_of, program) | {UNICORN: unicorns(as_of)}
    before = None if previous is None else m.stage_figures(staged, previous, program) | {UNICORN: unicorns(previous)}
    changes = m.stage_changes(staged, as_of, previous, program)
    changes[UNICORN] = (
        None
        if before is None
        else derived(
            DIFFERENCE,
            int(figures[UNICORN].value or 0) - int(before[UNICORN].value or 0),
            "companies",
            "pipeline.kpi.vs_previous",
            figures[UNICORN],
            before[UNICORN],
        )
    )
    unit = company_unit(lang)
    tiles = []
    for name in (TOTAL, *program.stages, UNICORN):
        change = changes[name]
        label = (
            translate("pipeline.kpi.total", lang)
            if name == TOTAL
            else count_label(k.unicorn if name == UNICORN else name, lang)
        )
        tiles.append(
            StageTile(
                name,
                label,
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
    by_sector = m.stage_by_sector(staged, as_of, program)
    sectors = m.ordered_sectors(m.snapshot(staged, as_of)["sector"], program)
    total_label = translate("pipeline.col.total", lang)
    stage_of = {str(stage_label(s, lang)): s for s in program.stages}  # column header → stage as configured
    table = m.stage_table(by_sector, sectors, program).rename(
        columns={"sector": translate("pipeline.col.sector", lang), "total": total_label}
        | {s: str(stage_label(s, lang)) for s in program.stages}
    )
    cells = {
        (row, label): m.stage_figure(staged, as_of, sector, stage_of.get(label))
        for row, sector in enumerate(sectors)
        for label in (*stage_of, total_label)
    }
    title = translate("pipeline.section.stages", lang, date=day(as_of, lang))
    chart = page_spec(charts.stage_chart(by_sector, sectors, as_of, program, lang), lang)
    return StagesView(
        as_of, previous, title, tuple(tiles), change_caption, target, by_sector, tuple(sectors), chart, table, cells
    )


# --- selections by year --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SelectionsView:
    title: str
    highest: str  # "최고 선정 기준 (2026. 9. 30.): G-유니콘 8개사 · 아기유니콘 4개사 · 예비유니콘 4개사"
    table: pd.DataFrame  # 선정 기업 수: a row per year, a column per programme (ladder order) and the total
    export: pd.DataFrame  # the same with the selections rows of each year
    outside: str | None  # selected companies the companies data does not list (None: none)
    empty: bool  # no selections data: every company shows as never selected


def selections_view(
    selections: pd.DataFrame | None, companies: pd.DataFrame, as_of: pd.Timestamp, lang: str
) -> SelectionsView:
    """선정 기업 수 by year (companies selected that year, per programme) and the highest selections at `as_of`,
    counted from the selections data as `python -m metrics pipeline` counts them."""

    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    program = load_program()
    unit = company_unit(lang)
    names = program.k_unicorn.names
    counts = sel.highest_selection_counts(selections, as_of, program)
    highest = t(
        "pipeline.selections.highest",
        date=day(as_of, lang),
        items=" · ".join(f"{stage_label(p, lang)} {fmt.count(n, unit, lang)}" for p, n in counts.items()),
    )
    by_year = sel.selected_by_year(selections, program)
    year_label, total_label = t("pipeline.col.year"), t("pipeline.col.total")
    years = sorted(set(by_year["year"]))
    columns = zip(
        by_year["year"].tolist(),
        by_year["programme"].tolist(),
        by_year["companies"].tolist(),
        by_year["source_rows"],
        strict=True,
    )
    cell: dict[tuple[int, str], int] = {}
    rows_of: dict[tuple[int, str], tuple[int, ...]] = {}
    for year, programme, count, source_rows in columns:
        cell[(int(year), str(programme))] = int(count)
        rows_of[(int(year), str(programme))] = tuple(source_rows)
    table = pd.DataFrame(
        {year_label: [str(y) for y in years]}
        | {str(stage_label(p, lang)): pd.array([cell.get((y, p), 0) for y in years], dtype="Int64") for p in names}
    )
    table[total_label] = pd.array([sum(cell.get((y, p), 0) for p in names) for y in years], dtype="Int64")
    export = table.assign(
        **{
            t("pipeline.col.source_row"): [
                ", ".join(
                    str(r) for r in fmt.source_rows(sorted(r for p in names for r in rows_of.get((y, p), ())), lang)
                )
                for y in years
            ]
        }
    )
    keys = sel.keys_for(program, selections, companies)
    known = set(keys.key_column(companies)) if not companies.empty else set()
    best = sel.highest_selections(selections, as_of, program, keys)
    missing = best[~best["key"].isin(known)]["company"].tolist()
    outside = t("pipeline.selections.outside", count=len(missing), names=", ".join(missing)) if missing else None
    return SelectionsView(
        t("pipeline.section.selections"), highest, table, export, outside, selections is None or selections.empty
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


def movement_view(
    companies: pd.DataFrame, selections: pd.DataFrame | None, before: pd.Timestamp, after: pd.Timestamp, lang: str
) -> MovementView:
    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    if before == after:
        return MovementView("same_dates", t("pipeline.movement.same_dates"))
    if before > after:
        return MovementView("reversed", t("pipeline.movement.reversed"))
    program = load_program()
    moves = m.movement(sel.staged(companies, selections, program), before, after, program)
    counts = m.movement_counts(moves)
    unit = company_unit(lang)
    tiles = tuple(
        CountTile(t(f"pipeline.movement.{name}"), fmt.count(counts[name], unit, lang)) for name in m.MOVEMENTS
    )
    changed = moves[moves["movement"] != m.SAME]
    if changed.empty:
        return MovementView("moves", tiles=tiles, unchanged=t("pipeline.movement.none", same=counts[m.SAME]))

    def stage(when: str) -> list[str]:
        return [
            "–" if pd.isna(row[f"stage_{when}"]) else stage_text(m.side(row, when), lang)
            for _, row in changed.iterrows()
        ]

    basis = [
        t(f"pipeline.movement.basis.{row['basis']}", year=row["selected_year_after"]) if row["basis"] else ""
        for _, row in changed.iterrows()
    ]
    columns = {
        t("pipeline.col.movement"): [t(f"pipeline.movement.{x}") for x in changed["movement"]],
        t("pipeline.col.basis"): basis,
        t("pipeline.col.company"): changed["company"],
        t("pipeline.col.sector"): changed["sector"],
        t("pipeline.col.stage_before"): stage("before"),
        t("pipeline.col.stage_after"): stage("after"),
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


# --- the companies closest to the next programme's entry criteria --------------------------------------------------


@dataclass(frozen=True)
class GapView:
    title: str
    ready: str  # the companies that meet the next programme's criteria already, and when they can apply
    gaps: pd.DataFrame  # `metrics.selections.entry_gaps` rows not yet meeting them, nearest first (top n)
    chart: dict[str, object] | None  # the gap chart's spec; None when no company has a figure to compare
    shown: pd.DataFrame
    export: pd.DataFrame
    ratio_label: str  # the column of ratios: written "61.6%" on screen, a number formatted 0.0% in the file
    gap_label: str

    @property
    def right_aligned(self) -> tuple[str, ...]:
        return (self.ratio_label, self.gap_label)


def gap_view(
    companies: pd.DataFrame,
    selections: pd.DataFrame | None,
    as_of: pd.Timestamp,
    lang: str,
    today: dt.date,
    n: int = 10,
) -> GapView:
    """How far each company is from the next programme's entry criteria (program.toml), the nearest first."""

    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    program = load_program()
    staged = sel.staged(companies, selections, program)
    every = sel.entry_gaps(staged, as_of, program, today)
    met = every[every["met"]]
    gaps = every[~every["met"] & every["ratio"].notna()].head(n).reset_index(drop=True)
    unit = company_unit(lang)
    ready_parts = []
    for programme, group in met.groupby("next_programme", sort=False):
        window = window_text(
            sel.EntryGap(str(programme), (), *_window(str(programme), today)),
            lang,
        )
        ready_parts.append(
            t(
                "pipeline.gap.ready_item",
                programme=stage_label(programme, lang),
                count=fmt.count(len(group), unit, lang),
                names=", ".join(group["company"]),
                window=window,
            )
        )
    ready = t("pipeline.gap.ready", items=" / ".join(ready_parts)) if ready_parts else t("pipeline.gap.ready_none")
    stage_of = {
        row["company"]: stage_text(row, lang, estimate=False) for _, row in m.snapshot(staged, as_of).iterrows()
    }
    measure = [t(f"stage.measure.{x}") for x in gaps["measure"]]
    first = {
        t("pipeline.col.company"): gaps["company"],
        t("pipeline.col.sector"): gaps["sector"],
        t("pipeline.col.stage"): [stage_of[c] for c in gaps["company"]],
        t("pipeline.col.next_programme"): [stage_label(p, lang) for p in gaps["next_programme"]],
        t("pipeline.col.criterion"): measure,
    }
    ratio_label, gap_label = t("pipeline.col.ratio"), t("pipeline.col.gap_eok")
    shown = pd.DataFrame(
        first
        | {
            ratio_label: [fmt.percent(float(r)) for r in gaps["ratio"]],
            gap_label: [fmt.eok_text(v) for v in gaps["gap"]],
        }
    )
    export = pd.DataFrame(
        first
        | {
            t("pipeline.col.value_krw"): gaps["value"],
            t("pipeline.col.threshold_krw"): gaps["threshold"],
            ratio_label: gaps["ratio"].astype("Float64"),
            t("pipeline.col.gap_krw"): gaps["gap"],
            t("pipeline.col.source_row"): fmt.source_rows(gaps["source_row"], lang),
        }
    )
    title = t("pipeline.section.gap", n=len(gaps), date=day(as_of, lang))
    chart = None if gaps.empty else page_spec(charts.gap_chart(gaps, lang), lang)
    return GapView(title, ready, gaps, chart, shown, export, ratio_label, gap_label)


def _window(programme: str, today: dt.date) -> tuple[int | None, tuple[int, ...], bool]:
    months = load_program().k_unicorn.programme(programme).apply_months
    year, is_open = sel.next_window(months, today)
    return year, months, is_open


# --- one company over time -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileView:
    company: str
    summary: str  # '모빌리티 · 예비유니콘 (2025 선정) (2026. 9. 30.)', markdown-free text from the data
    gap: str  # '아기유니콘 신청까지 누적투자 8억원 부족, 다음 신청 2027년 1~2월' ("" for a unicorn or the top)
    selections: pd.DataFrame  # the company's selections (연도, 사업명, 지원 내용, 원본 행), oldest first; may be empty
    history: pd.DataFrame  # the company's rows, oldest first
    money_chart: dict[str, object]  # valuation, funding and revenue over time (`money_history_chart`)
    employees_chart: dict[str, object] | None  # None: the file gives no employees
    jobs: pd.DataFrame  # the jobs dataset's monthly rows of the company; may be empty
    jobs_charts: tuple[dict[str, object], ...]  # headcount and new hires by month; () without jobs rows
    jobs_table: pd.DataFrame  # the two jobs charts' numbers
    history_table: pd.DataFrame  # newest first; a figure the file never gives is left out
    download_only: tuple[str, ...]


def profile_view(
    companies: pd.DataFrame,
    selections: pd.DataFrame | None,
    jobs: pd.DataFrame | None,
    company: str,
    lang: str,
    today: dt.date,
) -> ProfileView:
    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    program = load_program()
    staged = sel.staged(companies, selections, program)
    history = m.company_history(staged, company)
    last = history.iloc[-1]
    summary = t(
        "pipeline.profile.summary", sector=last["sector"], stage=stage_text(last, lang), date=day(last["as_of"], lang)
    )
    if pd.notna(last["moved_in"]):
        summary += " · " + t("pipeline.profile.moved_in", date=day(last["moved_in"], lang))
    gap = sel.entry_gap(last, program, today)
    record = sel.company_selections(selections, company, program, companies)
    selections_table = pd.DataFrame(
        {
            t("pipeline.col.year"): [str(y) for y in record["year"]],
            t("pipeline.col.programme"): [stage_label(p, lang) for p in record["programme"]],
            t("pipeline.col.support"): record["support"].astype(object).fillna("–"),
            t("pipeline.col.source_row"): fmt.source_rows(record["source_row"], lang),
        }
    )
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
        t("pipeline.col.valuation_estimate_krw"): "valuation_krw",
        f"{t('pipeline.col.funding')} ({won})": "funding_krw",
        f"{t('pipeline.col.revenue')} ({won})": "revenue_krw",
        t("pipeline.col.employees_people"): "employees",
    }
    history_table = pd.DataFrame(
        {
            t("pipeline.col.as_of"): [day(d, lang) for d in history["as_of"]],
            t("pipeline.col.stage"): [stage_text(row, lang) for _, row in history.iterrows()],
        }
        | {label: history[column] for label, column in optional.items() if column in history.columns}
        | {t("pipeline.col.source_row"): fmt.source_rows(history["source_row"], lang)}
    ).iloc[::-1]
    history_table = history_table.drop(
        columns=[
            label for label, column in optional.items() if column in history.columns and history[column].isna().all()
        ]
    )
    thresholds = (
        []
        if gap is None
        else [
            (
                t(
                    "pipeline.chart.criterion",
                    programme=stage_label(gap.programme, lang),
                    measure=t(f"stage.measure.{c.measure}"),
                    threshold=fmt.money(c.threshold, lang),
                ),
                c.threshold,
            )
            for c in gap.criteria
        ]
    )
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
        gap_sentence(gap, lang),
        selections_table,
        history,
        page_spec(charts.money_history_chart(history, thresholds, lang), lang),
        page_spec(charts.employees_chart(history, lang), lang) if history["employees"].notna().any() else None,
        company_jobs,
        jobs_charts,
        jobs_table,
        history_table,
        (t("pipeline.col.source_row"),),
    )
