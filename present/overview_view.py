"""The overview (첫 화면) as view-models: each part's tiles with their notes, the attention lists, the phone's
at-a-glance grid and the timeline's tables. Streamlit-free: the page renders them; each builder is shared once per
data version (ui.shared), so the budget's year outlook is computed once for the tiles and the attention list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from charts.overview import PAGE_PLOT_PX, PHONE_PLOT_PX, TitleLayout, milestone_titles, timeline_chart
from metrics import budget as budget_metrics
from metrics import overview
from metrics import pipeline as pipeline_metrics
from program import load_program

from . import format as fmt
from .chart_png import PageSpec, page_spec
from .glance import Glance, glance
from .i18n import phase_label, translate, value_label
from .pace_text import projected_sentence
from .safe_text import Markdown, markdown_escape
from .shown_table import ShownFrame, shown_frame
from .stage_text import stage_text


@dataclass(frozen=True)
class BudgetPart:
    """The budget's year at the as-of date: planned, executed and rate (each against the month before), the count
    behind their pace, the year-end projection, and the programmes behind their pace or at risk of the target."""

    tiles: dict[str, overview.Tile]  # planned, executed, rate
    lagging_tile: overview.Tile
    projected: tuple[float, float | None, float | None] | None  # the year-end rate and its range (None: none)
    year_running: bool  # before December: the rate tile notes the projection (the phone's grid always does)
    lagging: pd.DataFrame  # overview.budget_lists: program, rate, expected_rate, gap, shortfall_krw
    risk: pd.DataFrame  # program, projected_rate, projected_high_rate, at_risk_krw

    def projection(self, lang: str) -> str | None:
        """ "연말 예상 집행률 88.9% (범위 86.1~91.4%)"; None without a projected rate."""
        return None if self.projected is None else projected_sentence(*self.projected, lang)

    def note(self, name: str, lang: str) -> str | None:
        """The line under a tile: the rate's year-end projection while the year runs."""
        return self.projection(lang) if name == "rate" and self.year_running else None


def budget_part(budget: pd.DataFrame, targets: pd.DataFrame | None, as_of: dt.date) -> BudgetPart:
    """The budget part of the overview, with one year outlook (`overview.budget_outlook`) for its projection and
    its attention lists; in no language, so shared by both."""
    year_outlook = overview.budget_outlook(budget, as_of, budget_metrics.target_rate(targets, as_of.year))
    year_end = year_outlook.summary
    lagging, risk = overview.budget_lists(year_outlook)
    return BudgetPart(
        tiles=overview.budget_tiles(budget, as_of.year, as_of.month, targets),
        lagging_tile=overview.lagging_tile(budget, as_of),
        projected=(year_end.projected_rate, year_end.projected_low_rate, year_end.projected_high_rate)
        if year_end.projected_rate is not None
        else None,
        year_running=as_of.month < 12,
        lagging=lagging,
        risk=risk,
    )


def target_note(tile: overview.Tile, lang: str) -> str | None:
    """ "목표 집행률 90%" for a rate, "목표 940명 · 달성 93.4%" for a count; None without a target."""
    figure = tile.figure
    if tile.target is None:
        return None
    if figure.unit == "ratio":
        return translate("overview.target_rate", lang, target=fmt.percent(tile.target, trim=True))
    share = fmt.percent(figure.value / tile.target) if tile.target and figure.value is not None else "–"
    return translate("overview.target", lang, target=fmt.figure_value(int(tile.target), figure.unit, lang), share=share)


def glance_items(
    budget: BudgetPart | None,
    jobs: dict[str, overview.Tile] | None,
    companies: overview.Tile | None,
    lang: str,
    agreements: Glance | None = None,
) -> list[Glance]:
    """The phone's grid, from the tiles the page drew (None: a part without data, or one that failed);
    `agreements`: the investment agreements' tile (present.agreements_view.glance_item), after the companies."""

    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    month, report = t("overview.vs_previous_month"), t("overview.vs_previous_quarter")
    items = []
    if budget is not None:
        rate, executed = budget.tiles["rate"], budget.tiles["executed"]
        planned = fmt.figure_value(budget.tiles["planned"].figure.value, "krw", lang)
        notes = [n for n in (target_note(rate, lang), budget.projection(lang)) if n]
        items += [
            glance(t("figure.execution_rate"), rate, lang, month, " · ".join(notes) or None),
            glance(t("figure.executed_to_date"), executed, lang, month, t("overview.glance.planned", planned=planned)),
        ]
    if jobs is not None:
        items += [
            glance(t("figure.jobs_created"), jobs["created"], lang, month, target_note(jobs["created"], lang)),
            glance(t("figure.headcount"), jobs["headcount"], lang, month),
        ]
    if companies is not None:
        items.append(glance(t("figure.companies"), companies, lang, report))
    if agreements is not None:
        items.append(agreements)
    if budget is not None:
        lagging = budget.lagging_tile
        items.append(
            glance(
                t("overview.glance.lagging"),
                lagging,
                lang,
                month,
                lower_is_better=True,
                value=fmt.count(lagging.figure.value, t("unit.count") if lang == "ko" else "", lang),
            )
        )
    return items


def glance_scope(
    budget_as_of: dt.date | None, jobs_as_of: dt.date | None, companies_as_of: dt.date | None, lang: str
) -> str | None:
    """What the phone's grid adds up, in one line: "예산·일자리 2026년 1~11월 · 입주 기업 2026. 9. 30. 기준" (the
    budget and jobs figures are the year to date, the companies those of the latest 기준일)."""
    periods: dict[str, list[str]] = {}
    for name, as_of in (("budget", budget_as_of), ("jobs", jobs_as_of)):
        if as_of is not None:
            span = translate("overview.glance.year_to_date", lang, year=as_of.year, month=as_of.month,
                             month_name=as_of.strftime("%b"))  # fmt: skip
            periods.setdefault(span, []).append(translate(f"overview.glance.{name}", lang))
    parts = [f"{'·'.join(names)} {span}" for span, names in periods.items()]
    if companies_as_of is not None:
        parts.append(translate("overview.glance.companies_at", lang, date=fmt.date_label(companies_as_of, lang)))
    return " · ".join(parts) or None


def phase_table(today: dt.date, lang: str) -> pd.DataFrame:
    """The timeline's phases as text (#17): name, start and end month, status."""
    rows = overview.timeline_frame(today)
    return pd.DataFrame(
        {
            translate("overview.phase", lang): [
                phase_label(n, name, lang) for n, name in zip(rows["phase"], rows["name"], strict=False)
            ],
            translate("overview.start", lang): [pd.Timestamp(d).strftime("%Y-%m") for d in rows["start"]],
            translate("overview.end", lang): [pd.Timestamp(d).strftime("%Y-%m") for d in rows["end"]],
            translate("chart.table.status", lang): [
                translate(f"overview.phase_status.{s}", lang) for s in rows["status"]
            ],
        }
    )


def phase_strategies(lang: str) -> list[str]:
    """One line per phase with strategies: "2단계 (…) 추진전략: …"."""
    return [
        translate(
            "overview.phase2_strategies",
            lang,
            phase=phase_label(phase.number, phase.name, lang),
            strategies=" · ".join(value_label("strategy", s, lang) for s in phase.strategies),
        )
        for phase in load_program().phases
        if phase.strategies
    ]


def milestone_table(milestones: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Milestones as a table: date, title, kind (in date order, as given)."""
    shown = milestones.assign(
        date=[fmt.date_label(pd.Timestamp(d).date(), lang) for d in milestones["date"]],
        kind=[value_label("event_kind", k, lang) for k in milestones["kind"]],
    )[["date", "title", "kind"]]
    return shown.rename(
        columns={
            "date": translate("overview.date", lang),
            "title": translate("overview.event", lang),
            "kind": translate("overview.kind", lang),
        }
    )


@dataclass(frozen=True)
class TimelinePicture:
    """The timeline for one kind of screen: its Vega-Lite spec, and the milestones whose titles it could not write
    clear of the others (a table under it; None when every title is written)."""

    chart: PageSpec
    unwritten: ShownFrame | None


@dataclass(frozen=True)
class TimelineView:
    """The timeline part as drawn: the picture for a wide screen and for a phone (its titles placed for each), its
    phases as a table, the phases' strategy lines; made once per data version, day and language."""

    wide: TimelinePicture
    phone: TimelinePicture
    phases: ShownFrame
    strategies: list[str]


def _picture(phases: pd.DataFrame, marks: pd.DataFrame, today: dt.date, lang: str, width: float) -> TimelinePicture:
    layout = TitleLayout(width=width)
    _, rest = milestone_titles(phases, marks, today, layout)
    return TimelinePicture(
        page_spec(timeline_chart(phases, marks, today, lang, layout)),
        None if rest.empty else shown_frame(milestone_table(rest, lang)),
    )


def timeline_view(events: pd.DataFrame | None, sites: pd.DataFrame | None, today: dt.date, lang: str) -> TimelineView:
    marks = overview.milestones(events, sites)
    phases = overview.timeline_frame(today)
    return TimelineView(
        wide=_picture(phases, marks, today, lang, PAGE_PLOT_PX),
        phone=_picture(phases, marks, today, lang, PHONE_PLOT_PX),
        phases=shown_frame(phase_table(today, lang)),
        strategies=phase_strategies(lang),
    )


# --- what needs attention: one markdown line per row, the data's text escaped ------------------------------------


def lagging_lines(lagging: pd.DataFrame, lang: str) -> list[Markdown]:
    """ "- 사업명 · 61.2% (-8.4%p)": a programme behind its pace, its rate and its gap."""
    return [
        Markdown(
            f"- {markdown_escape(row['program'])} · {fmt.percent(row['rate'])} ({fmt.points(row['gap'], lang=lang)})"
        )
        for row in lagging.to_dict("records")
    ]


def risk_lines(risk: pd.DataFrame, lang: str) -> list[Markdown]:
    """ "- 사업명 · 연말 예상 71.0% · 12.3억원 미집행 우려": a programme at risk of missing the year's target."""
    return [
        Markdown(
            f"- {markdown_escape(row['program'])} · "
            + markdown_escape(
                translate(
                    "overview.attention.risk_row",
                    lang,
                    rate=fmt.percent(row["projected_rate"]),
                    amount=fmt.money(row["at_risk_krw"], lang),
                )
            )
        )
        for row in risk.to_dict("records")
    ]


def loss_lines(losses: pd.DataFrame) -> list[Markdown]:
    """ "- 회사 · 120 → 112 (-8)": a company whose headcount fell in the latest month."""
    return [
        Markdown(
            f"- {markdown_escape(row['company'])} · "
            f"{row['previous_headcount']:,} → {row['headcount']:,} ({row['change']:+,})"
        )
        for row in losses.to_dict("records")
    ]


def move_lines(moves: pd.DataFrame, lang: str) -> list[Markdown]:
    """ "- 회사 · G-유니콘 (2023 선정) → 아기유니콘 (2026 선정)": a company newly selected, or whose unicorn status
    changed, at the latest 기준일 (`metrics.overview.people_lists`)."""
    lines = []
    for row in moves.to_dict("records"):
        before, after = (
            markdown_escape(stage_text(pipeline_metrics.side(row, when), lang)) for when in ("before", "after")
        )
        lines.append(Markdown(f"- {markdown_escape(row['company'])} · {before} → {after}"))
    return lines
