"""The budget page's headline as a view-model: six tiles, each with its value, change, help text, notes and the
figures its 출처 buttons open. Streamlit-free, so the page renders it in a loop and tests read it directly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from metrics import budget as m
from metrics.figures import Figure
from present import format as fmt
from present.i18n import translate
from present.pace_text import rate_range


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
