"""The budget page as a view-model: its figures, its six headline tiles (each with its value, change, help text,
notes and the figures its 출처 buttons open), its captions and its table specs. Streamlit-free: the page renders
it in a loop, the briefing's budget slide takes its headline figures and texts from the same object
(`BudgetView`), and tests read it directly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from metrics import budget as m
from metrics import budget_filters as cascade
from metrics.as_of import month_end
from metrics.figures import Figure
from present import format as fmt
from present.i18n import phase_label, translate
from present.pace_text import basis_lines, projected_sentence, rate_range
from present.safe_text import lines
from program import load_program


@dataclass(frozen=True)
class SourceLink:
    """A 출처 button under a tile: its widget key, the figure it opens, and its label (None: the usual '출처')."""

    key: str
    figure: Figure
    label: str | None = None


@dataclass(frozen=True)
class TileView:
    label: str
    value: str
    help: str
    sources: tuple[SourceLink, ...]
    delta: str | None = None
    delta_description: str | None = None
    delta_color: Literal["normal", "inverse", "off"] = "normal"  # off: no judgement (a bigger budget is neither)
    notes: tuple[str, ...] = ()  # lines under the value, e.g. the projection's range


def _figure(traced: dict[str, Figure | None], name: str) -> Figure:
    figure = traced[name]
    if figure is None:  # the tiles' own figures always exist; only their changes can be missing
        raise ValueError(f"no figure {name!r} for the budget headline")
    return figure


def _change(traced: dict[str, Figure | None], name: str) -> int | float | None:
    figure = traced.get(name)
    return None if figure is None else figure.value


def headline_tiles(
    summary: m.YearSummary,
    traced: dict[str, Figure | None],
    year: int,
    as_of: dt.date,
    target: float | None,
    lang: str,
) -> list[TileView]:
    """The six tiles in reading order: planned, executed, rate; pace gap, projected amount, projected rate (with
    its 80% range on its own line and the range's own source)."""

    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    def shown(value: int | float | None, formatter) -> str | None:
        return None if value is None else formatter(value)

    planned_delta = _change(traced, "planned_delta")
    executed_delta = _change(traced, "executed_delta")
    rate_delta = _change(traced, "rate_delta")
    gap_delta = _change(traced, "gap_delta")
    projected_delta = _change(traced, "projected_delta")
    projected_rate_delta = _change(traced, "projected_rate_delta")
    target_text = fmt.percent(target, 0) if target is not None else t("budget.metric.projected_rate.no_target")
    span = rate_range(summary.projected_low_rate, summary.projected_high_rate)
    share = float(summary.profile.share_at(m.months_elapsed(year, as_of)))
    range_sources: tuple[SourceLink, ...] = ()
    if traced.get("projected_range") is not None:
        range_sources = (
            SourceLink("budget_projected_range", _figure(traced, "projected_range"), t("pace.range_source")),
        )
    return [
        TileView(
            t("budget.metric.planned"),
            fmt.money(summary.planned, lang),
            t("budget.metric.planned.help", exact=fmt.money_exact(summary.planned, lang)),
            (SourceLink("budget_planned", _figure(traced, "planned_krw")),),
            shown(planned_delta, lambda v: fmt.money(v, lang)),
            t("budget.metric.planned.delta") if planned_delta is not None else None,
            delta_color="off",
        ),
        TileView(
            t("budget.metric.executed"),
            fmt.money(summary.executed, lang),
            t(
                "budget.metric.executed.help",
                as_of=fmt.date_label(as_of, lang),
                exact=fmt.money_exact(summary.executed, lang),
            ),
            (SourceLink("budget_executed", _figure(traced, "executed_krw")),),
            shown(executed_delta, lambda v: fmt.money(v, lang)),
            t("budget.metric.executed.delta") if executed_delta is not None else None,
        ),
        TileView(
            t("budget.metric.rate"),
            fmt.percent(summary.rate),
            t(
                "budget.metric.rate.help",
                executed=fmt.money_exact(summary.executed, lang),
                planned=fmt.money_exact(summary.planned, lang),
            ),
            (SourceLink("budget_rate", _figure(traced, "rate")),),
            shown(rate_delta, lambda v: fmt.points(v, lang=lang)),
            t("budget.metric.rate.delta") if rate_delta is not None else None,
        ),
        TileView(
            t("budget.metric.gap"),
            fmt.points(summary.gap, lang=lang),
            t("budget.metric.gap.help", expected=fmt.percent(summary.expected)),
            (SourceLink("budget_gap", _figure(traced, "gap")),),
            shown(gap_delta, lambda v: fmt.points(v, lang=lang)),
            t("budget.metric.gap.delta") if gap_delta is not None else None,
        ),
        TileView(
            t("budget.metric.projected"),
            fmt.money(summary.projected, lang),
            t(
                "budget.metric.projected.help",
                executed=fmt.money_exact(summary.executed, lang),
                share=fmt.percent(share),
                exact=fmt.money_exact(summary.projected, lang),
            ),
            (SourceLink("budget_projected", _figure(traced, "projected_krw")),),
            shown(projected_delta, lambda v: fmt.money(v, lang)),
            t("budget.metric.projected.delta") if projected_delta is not None else None,
        ),
        TileView(
            t("budget.metric.projected_rate"),
            fmt.percent(summary.projected_rate),
            t("budget.metric.projected_rate.help", target=target_text)
            + (" " + t("pace.range_caption") if span else ""),
            (SourceLink("budget_projected_rate", _figure(traced, "projected_rate")), *range_sources),
            shown(projected_rate_delta, lambda v: fmt.points(v, lang=lang)),
            t("budget.metric.projected_rate.delta", target=target_text) if projected_rate_delta is not None else None,
            # "범위 87.8~89.2%": the 80% range under the point, on a line of its own at every screen width
            notes=(t("pace.range_line", span=span if lang == "ko" else span.replace("~", "–")),) if span else (),
        ),
    ]


# --- the whole page, built once per data version, selection, year and language (ui.shared) ------------------------

ALL = m.Selection(None, None, (), ())  # no filter: the whole budget (the slide's, and the page's by default)


@dataclass(frozen=True)
class BudgetView:
    """What the budget page and the budget slide show for one selection and year, in one language."""

    year: int
    as_of: dt.date
    selection: m.Selection
    figures: m.PageFigures
    tiles: tuple[TileView, ...]  # planned, executed, rate, pace gap, projected, projected rate
    context: str  # "2026년 · 경과율 … · 2026년 11월 기준 (11개월)"
    basis: str  # where the expected pace comes from (and the years left out)
    usual_pace: str  # "평소 진도 81.9% (2020~2025년 6개 해의 이맘때)", or the share of the year elapsed
    projection: str | None  # "연말 예상 집행률 88.9% (범위 86.1~91.4%)" while the year runs; None after December
    strategy_caption: str  # under the strategy chart: click to drill down, and how strategies were filled in
    lagging_threshold: str  # "5%p"
    phase_names: dict[int, str]  # phase number → its short name (the phase × source chart and table)

    def tile(self, name: str) -> TileView:
        return self.tiles[TILE_NAMES.index(name)]

    def figure(self, name: str) -> Figure:
        """A tile's figure: the one its 출처 button opens."""
        return self.tile(name).sources[0].figure

    @property
    def target_label(self) -> str:
        target = self.figures.target
        return fmt.percent(target, 0) if target is not None else ""

    @property
    def phase_totals(self) -> pd.DataFrame:
        totals = self.figures.phase_totals.copy()
        totals["phase_name"] = [self.phase_names.get(int(p), str(p)) for p in totals["phase"]]
        return totals

    @property
    def projected_span(self) -> tuple[int, int] | None:
        summary = self.figures.summary
        if summary.projected_low is None or summary.projected_high is None:
            return None
        return (summary.projected_low, summary.projected_high)


TILE_NAMES = ("planned", "executed", "rate", "gap", "projected", "projected_rate")


def prepared(raw: pd.DataFrame, latest_only: bool) -> pd.DataFrame:
    """The version's rows with phase and strategy filled in from program.toml (`metrics.budget.prepare`)."""
    return m.prepare(raw, load_program(), latest_only)


def source_choices(raw: pd.DataFrame) -> list[str]:
    """The funding-source filter's options, in program.toml's order (once per version: it reads every row)."""
    return cascade.source_options(prepared(raw, True), load_program().funding_sources)


def phase_choices(raw: pd.DataFrame) -> list[int]:
    """The phase filter's options (once per version: it reads every row)."""
    return cascade.phase_options(prepared(raw, True))


def year_choices(raw: pd.DataFrame, phase: int | None) -> list[int]:
    """The year filter's options within the phase picked."""
    return cascade.year_options(cascade.in_phase(prepared(raw, True), phase))


def strategy_choices(raw: pd.DataFrame, phase: int | None, year: int) -> list[str]:
    """The strategy filter's options within the phase and year picked, in program.toml's order."""
    rows = cascade.in_year(cascade.in_phase(prepared(raw, True), phase), year)
    return cascade.strategy_options(rows, load_program().strategies)


def program_choices(raw: pd.DataFrame, phase: int | None, year: int, strategy: str | None) -> list[str]:
    """The programme filter's options within the phase, year and strategy picked."""
    in_year = cascade.in_year(cascade.in_phase(prepared(raw, True), phase), year)
    return cascade.program_options(cascade.in_strategy(in_year, strategy))


def build_budget_view(
    raw: pd.DataFrame,
    targets: pd.DataFrame | None,
    selection: m.Selection,
    year: int,
    as_of: dt.date,
    sources: tuple[str, ...],
    lang: str,
) -> BudgetView:
    """The page's figures, tiles and texts for `selection` in `year` at `as_of` (`sources`: the funding sources in
    their order), from the budget version's rows as stored and the targets."""
    program = load_program()
    budget = m.prepare(raw, program, True)
    every_snapshot = m.prepare(raw, program, False)
    target = m.target_rate(targets, year)
    page = m.page_figures(budget, selection, year, as_of, sources, every_snapshot, program.pace, target)
    summary = page.summary
    traced = m.headline_figures(budget, selection, year, as_of, page, target)
    fill = m.strategy_fill(raw[raw["year"] == year], program)
    fill_notes = [
        translate(key, lang, rows=fmt.count(rows))
        for key, rows in (
            ("budget.strategy.configured", fill.configured),
            ("budget.strategy.unassigned", fill.unassigned),
        )
        if rows
    ]
    elapsed = m.months_elapsed(year, as_of)
    return BudgetView(
        year=year,
        as_of=as_of,
        selection=selection,
        figures=page,
        tiles=tuple(headline_tiles(summary, traced, year, as_of, target, lang)),
        context=context_line(summary, year, as_of, lang),
        basis=lines(basis_lines(summary.profile, elapsed, program.pace.min_complete_years, lang)),
        usual_pace=usual_pace_text(summary, year, as_of, lang),
        projection=projected_sentence(
            summary.projected_rate, summary.projected_low_rate, summary.projected_high_rate, lang
        )
        if summary.projected is not None and elapsed < 12 and summary.projected_rate is not None
        else None,
        strategy_caption=lines([translate("budget.section.strategy.caption", lang), *fill_notes]),
        lagging_threshold=fmt.points(program.pace.lagging_gap, 0, lang).lstrip("+"),
        phase_names={p.number: phase_label(p.number, p.name, lang) for p in program.phases},
    )


def context_line(summary: m.YearSummary, year: int, as_of: dt.date, lang: str) -> str:
    """ "2026년 · 자료 기준 2026. 12. 8. · 연간 경과율 93.8% (11개월 8일 ÷ 12개월) · 2026년 12월은 아직 끝나지 않은
    달로, 8일까지의 집행입니다": a month under way is said to be one, and its days count, not the whole month."""
    partial = as_of.year == year and as_of != month_end(as_of)
    line = translate(
        "budget.context",
        lang,
        year=year,
        share=fmt.percent(summary.share),
        as_of=fmt.date_label(as_of, lang) if partial else fmt.month_label(as_of, lang),
        months=fmt.months_elapsed_label(m.months_elapsed(year, as_of), as_of, lang),
    )
    if partial:
        line += " · " + translate("budget.context.partial", lang, month=fmt.month_label(as_of, lang), day=as_of.day)
    return line


def usual_pace_text(summary: m.YearSummary, year: int, as_of: dt.date, lang: str) -> str:
    """ "평소 진도 81.9% (2020~2025년 6개 해의 이맘때)" or, with no history, the straight line's share elapsed."""
    profile = summary.profile
    if profile.learned:
        years = translate(
            "pace.years",
            lang,
            first=min(profile.year_numbers),
            last=max(profile.year_numbers),
            count=len(profile.years),
        )
        return translate("briefing.detail.usual_pace", lang, expected=fmt.percent(summary.expected), years=years)
    return translate(
        "briefing.detail.share_elapsed",
        lang,
        share=fmt.percent(summary.share),
        months=fmt.months_elapsed_label(m.months_elapsed(year, as_of), as_of, lang),
    )


def phase_option(number: int, lang: str) -> str:
    """A phase in the filter: "2단계 (2026~2030)"; the number alone for a phase program.toml does not name."""
    phase = next((p for p in load_program().phases if p.number == number), None)
    if phase is None:
        return str(number)
    return translate(
        "budget.phase_label", lang, name=phase.name, number=phase.number, first=phase.first_year, last=phase.last_year
    )


# --- the budget tables: which columns, how each is written, which file they download as ------------------------

COLUMN_KINDS = {  # metrics column → (message key, kind); rates are shown and exported in %, gaps in %p
    "phase_name": ("budget.col.phase", "text"),
    "source": ("budget.col.source", "text"),
    "strategy": ("budget.col.strategy", "text"),
    "program": ("budget.col.program", "text"),
    "planned_krw": ("budget.col.planned", "money"),
    "executed_krw": ("budget.col.executed", "money"),
    "rate": ("budget.col.rate", "percent"),
    "gap": ("budget.col.gap", "points"),
    "pace_krw": ("budget.col.pace", "money"),
    "shortfall_krw": ("budget.col.shortfall", "money"),
    "projected_krw": ("budget.col.projected", "money"),
    "projected_rate": ("budget.col.projected_rate", "percent"),
    "expected_rate": ("pace.col.expected", "percent"),
    "projected_low_rate": ("pace.col.low", "percent"),
    "projected_high_rate": ("pace.col.high", "percent"),
    "at_risk_krw": ("pace.col.at_risk", "money"),
}
GROUP_KEYS = ("phase", "source", "strategy", "program")  # the columns a table row aggregates over


@dataclass(frozen=True)
class BudgetTable:
    key: str  # widget key prefix
    columns: tuple[str, ...]
    file_key: str  # message key of the download's file name ({year})
    sheet_key: str
    download_only: tuple[str, ...] = ()  # in the file, left off the screen so the key figures fit at 1280 px


PROJECTION = ("projected_rate", "projected_low_rate", "projected_high_rate")
STRATEGIES = BudgetTable(
    "budget_strategies",
    ("strategy", "planned_krw", "executed_krw", "rate", "gap", *PROJECTION),
    "chart.table.file.strategies",
    "chart.table.sheet.strategies",
)
BEHIND = BudgetTable(
    "budget_lagging",
    ("program", "strategy", "planned_krw", "executed_krw", "rate", "expected_rate", "gap", "shortfall_krw"),
    "budget.file.lagging",
    "budget.sheet.lagging",
    ("strategy",),
)
RISK = BudgetTable(
    "budget_risk",
    ("program", "at_risk_krw", "strategy", "planned_krw", "executed_krw", *PROJECTION),
    "pace.file.risk",
    "pace.sheet.risk",
    ("strategy", "executed_krw"),
)
PROGRAMS = BudgetTable(
    "budget_programs",
    (
        "program",
        "strategy",
        "planned_krw",
        "executed_krw",
        "rate",
        "expected_rate",
        "gap",
        "projected_krw",
        *PROJECTION,
    ),
    "budget.file.programs",
    "budget.sheet.programs",
    ("strategy", "executed_krw"),
)
PHASES = BudgetTable(
    "budget_phases",
    ("phase_name", "source", "planned_krw", "executed_krw", "rate"),
    "budget.file.phases",
    "budget.sheet.phases",
)
SOURCES = BudgetTable(
    "budget_sources",
    (
        "source",
        "planned_krw",
        "executed_krw",
        "rate",
        "expected_rate",
        "projected_low_rate",
        *PROJECTION[:1],
        "projected_high_rate",
    ),
    "pace.file.sources",
    "pace.sheet.sources",
)


def column_label(column: str, lang: str) -> str:
    return translate(COLUMN_KINDS[column][0], lang)


def labels_of_kind(spec: BudgetTable, kind: str, lang: str) -> tuple[str, ...]:
    return tuple(column_label(c, lang) for c in spec.columns if COLUMN_KINDS[c][1] == kind)


def table_frame(frame, spec: BudgetTable, lang: str):
    """The table as shown and downloaded: the spec's columns, rates and gaps × 100, headers in `lang`."""
    shown = frame[list(spec.columns)].copy()
    for column in spec.columns:
        if COLUMN_KINDS[column][1] in ("percent", "points"):
            shown[column] = shown[column] * 100
    shown.columns = [column_label(c, lang) for c in spec.columns]
    return shown


def figure_columns(spec: BudgetTable, lang: str) -> dict[str, str]:
    """Shown label → metrics column, for the cells that open a source (names and labels have none)."""
    return {column_label(c, lang): c for c in spec.columns if COLUMN_KINDS[c][1] != "text"}


def group_of(table_row) -> dict[str, object]:
    """The keys a table row aggregates over (the columns that are not figures)."""
    return {k: table_row[k] for k in GROUP_KEYS if k in table_row.index}
