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
