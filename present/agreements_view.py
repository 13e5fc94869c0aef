"""The investment agreements (투자협약 이행) as a view-model: what the pipeline page's funnel section, the overview
tile, the briefing slide "투자협약 이행" (and so the PDF), the phone glance and the jobs page show, built from
`metrics.agreements` in the reader's language. One `AgreementsView` per data version and language: every place
reads its figures from it, so they cannot differ.

Streamlit-free and picklable (the page builds it once per version for every viewer, `ui.shared`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from charts.agreements import LEFT, funnel_chart
from loaders.columns import with_all_columns
from loaders.contract import AGREEMENT_STAGES
from loaders.problems import Problem
from metrics import agreements as m
from metrics.company_key import CompanyKeys, company_keys
from metrics.figures import Figure
from present import format as fmt
from present.budget_view import SourceLink, TileView
from present.chart_png import page_spec
from present.glance import Glance
from present.i18n import translate, value_label
from program import load_program

FUNNEL_COLUMNS = ("stage", "reached", "conversion", "median")


def stage_name(stage: object, lang: str) -> object:
    """An agreement stage (협약 … 가동, 철수, 해지) in the reader's language; anything else as written."""
    return value_label("agreement_stage", stage, lang)


def _ints(values: Any) -> pd.Series:
    """A column of whole numbers (money in won, people) for a shown table, by position (the index dropped)."""
    return pd.Series([None if pd.isna(v) else int(v) for v in values], dtype="Int64")


def _day(value: Any, lang: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    return fmt.date_label(pd.Timestamp(value).date(), lang)


def _duration(days: float | None, lang: str) -> str:
    if days is None:
        return translate("agreements.no_dates", lang)
    whole = round(days)
    if whole >= 365:
        return translate("agreements.days_years", lang, days=f"{whole:,}", years=f"{whole / 365.25:.1f}")
    if whole >= 60:
        return translate("agreements.days_months", lang, days=f"{whole:,}", months=f"{whole / 30.4:.0f}")
    return translate("agreements.days", lang, days=f"{whole:,}")


def keys_for(*frames: pd.DataFrame | None) -> CompanyKeys:
    """One company key for these datasets, aliases from program.toml. The agreements' counts (page, slide, CLI)
    key on the agreements frame alone, so every place counts the same companies."""
    return company_keys(*(f for f in frames if f is not None), aliases=load_program().company_aliases)


@dataclass(frozen=True)
class AgreementsView:
    as_of: pd.Timestamp
    previous: pd.Timestamp | None  # the 기준일 before (None: one snapshot only)
    title: str
    caption: str
    summary: m.Summary  # the CLI's numbers
    figures: dict[str, Figure]  # metrics.agreements.headline_figures
    tiles: tuple[TileView, ...]
    funnel: dict[str, Figure]  # stage → agreements that reached it (and "left")
    conversions: dict[str, Figure]
    chart_args: tuple[dict[str, int], dict[str, float | None]]  # charts.agreements.funnel_chart(reached, conversion)
    chart: dict[str, object]
    funnel_title: str
    funnel_table: pd.DataFrame
    funnel_cells: dict[tuple[int, str], Figure]
    cohort_table: pd.DataFrame
    cohort_cells: dict[tuple[int, str], Figure]
    stalled_title: str
    stalled_table: pd.DataFrame
    stalled_figure: Figure
    stalled_days: int
    exits_title: str
    exits_table: pd.DataFrame
    list_title: str
    list_table: pd.DataFrame
    stages_of_companies: dict[str, str]  # company key → its furthest agreement's stage (map, profile)

    def figure(self, name: str) -> Figure:
        return self.figures[name]

    @property
    def resident_text(self) -> tuple[int, int]:
        """(companies moved in or operating, companies with an agreement): the overview tile's "N곳 / M곳"."""
        return int(self.figures["resident"].value or 0), int(self.figures["companies"].value or 0)


def build_agreements_view(
    agreements: pd.DataFrame | None, lang: str, as_of: Any = None, keys: CompanyKeys | None = None
) -> AgreementsView | None:
    """The view of the snapshot speaking for `as_of` (None: the latest); None without agreements."""
    if agreements is None or agreements.empty:
        return None
    agreements = with_all_columns("agreements", agreements)  # a file may leave out the optional columns
    settings = load_program().agreements
    keys = keys or keys_for(agreements)
    date = m.snapshot_date(agreements, as_of)
    if date is None:
        return None
    rows = m.snapshot(agreements, date)
    earlier = [d for d in m.as_of_dates(agreements) if d < date]

    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    figures = m.headline_figures(rows, keys)
    funnel = m.funnel_figures(rows)
    conversions = m.conversions(funnel)
    stalled = m.stalled(agreements, rows, settings.stalled_after_days, settings.stalled_stages)
    stalled_figure = m.stalled_figure(stalled)
    tiles = _tiles(figures, funnel, stalled_figure, settings.stalled_after_days, settings.stalled_stages, lang)
    reached = {stage: int(funnel[stage].value or 0) for stage in AGREEMENT_STAGES} | {
        LEFT: int(funnel["left"].value or 0)
    }
    conversion = {stage: figure.value for stage, figure in conversions.items()}
    funnel_table, funnel_cells = _funnel_table(rows, funnel, conversions, lang)
    cohorts, cohort_cells = _cohort_table(rows, lang)
    exits = m.exits(agreements, rows)
    listing = _list_table(rows, lang)
    return AgreementsView(
        as_of=date,
        previous=earlier[0] if earlier else None,
        title=t("agreements.section", date=_day(date, lang)),
        caption=t("agreements.caption"),
        summary=m.summary(agreements, date, keys),
        figures=figures,
        tiles=tiles,
        funnel=funnel,
        conversions=conversions,
        chart_args=(reached, conversion),
        chart=page_spec(funnel_chart(reached, conversion, date.date(), lang), lang),
        funnel_title=t("agreements.funnel.title", date=_day(date, lang)),
        funnel_table=funnel_table,
        funnel_cells=funnel_cells,
        cohort_table=cohorts,
        cohort_cells=cohort_cells,
        stalled_title=t("agreements.stalled.title", days=f"{settings.stalled_after_days:,}", n=f"{len(stalled):,}"),
        stalled_table=_stalled_table(stalled, lang),
        stalled_figure=stalled_figure,
        stalled_days=settings.stalled_after_days,
        exits_title=t("agreements.exits.title", n=f"{len(exits):,}"),
        exits_table=_exits_table(exits, lang),
        list_title=t("agreements.list.title", n=f"{len(rows):,}"),
        list_table=listing,
        stages_of_companies=m.stage_of_companies(rows, keys),
    )


def resident_value(view: AgreementsView, lang: str) -> str:
    """ "19곳 / 40곳" (companies moved in or operating / companies with an agreement)."""
    n, total = view.resident_text
    return translate("agreements.tile.resident_value", lang, n=f"{n:,}", m=f"{total:,}")


def overview_tile(view: AgreementsView, lang: str) -> TileView:
    """The overview's tile: "협약 기업 중 입주·가동 N곳 / M곳" with the investment 이행률 beside it."""
    f = view.figures
    return TileView(
        translate("agreements.overview.label", lang),
        resident_value(view, lang),
        translate("agreements.tile.resident_help", lang),
        (
            SourceLink("overview_agreements_resident", f["resident"]),
            SourceLink(
                "overview_agreements_rate", f["investment_rate"], translate("agreements.figure.investment_rate", lang)
            ),
        ),
        notes=(
            translate("agreements.tile.rate_beside", lang, rate=fmt.percent(f["investment_rate"].value)),
            translate("agreements.tile.agreements_note", lang, n=f"{f['agreements'].value:,}"),
        ),
    )


def glance_item(view: AgreementsView, lang: str) -> Glance:
    """The phone's grid tile: the same figures as the overview tile."""
    return Glance(
        translate("agreements.overview.label", lang),
        resident_value(view, lang),
        note=translate("agreements.tile.rate_beside", lang, rate=fmt.percent(view.figures["investment_rate"].value)),
    )


def _tiles(
    figures: dict[str, Figure],
    funnel: dict[str, Figure],
    stalled: Figure,
    days: int,
    stages: tuple[str, ...],
    lang: str,
) -> tuple[TileView, ...]:
    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    resident, companies = figures["resident"], figures["companies"]
    invested, rate = figures["invested_companies"], figures["company_rate"]
    return (
        TileView(
            t("agreements.tile.resident"),
            t("agreements.tile.resident_value", n=f"{resident.value:,}", m=f"{companies.value:,}"),
            t("agreements.tile.resident_help"),
            (
                SourceLink("agreements_resident", resident),
                SourceLink("agreements_companies", companies, t("agreements.figure.companies")),
            ),
            notes=(t("agreements.tile.agreements_note", n=f"{figures['agreements'].value:,}"),),
        ),
        TileView(
            t("agreements.tile.investment_rate"),
            fmt.percent(figures["investment_rate"].value),
            t("agreements.tile.investment_help"),
            (SourceLink("agreements_investment_rate", figures["investment_rate"]),),
            notes=(
                t(
                    "agreements.tile.investment_note",
                    done=fmt.money(figures["invested"].value, lang),
                    promised=fmt.money(figures["planned_investment"].value, lang),
                ),
            ),
        ),
        TileView(
            t("agreements.tile.jobs_rate"),
            fmt.percent(figures["jobs_rate"].value),
            t("agreements.tile.jobs_help"),
            (SourceLink("agreements_jobs_rate", figures["jobs_rate"]),),
            notes=(
                t(
                    "agreements.tile.jobs_note",
                    done=fmt.figure_value(figures["hired"].value, "people", lang),
                    promised=fmt.figure_value(figures["planned_jobs"].value, "people", lang),
                ),
            ),
        ),
        TileView(
            t("agreements.tile.invested_companies"),
            t("agreements.tile.invested_value", n=f"{invested.value:,}", m=f"{companies.value:,}"),
            t("agreements.tile.invested_help"),
            (
                SourceLink("agreements_invested_companies", invested),
                SourceLink("agreements_company_rate", rate, t("agreements.tile.rate_source")),
            ),
            notes=(t("agreements.tile.invested_note", rate=fmt.percent(rate.value)),),
        ),
        TileView(
            t("agreements.tile.stalled"),
            t("agreements.tile.stalled_value", n=f"{stalled.value:,}"),
            t(
                "agreements.tile.stalled_help",
                days=f"{days:,}",
                stages="·".join(str(stage_name(s, lang)) for s in stages),
            ),
            (SourceLink("agreements_stalled", stalled),),
        ),
        TileView(
            t("agreements.tile.left"),
            t("agreements.tile.left_value", n=f"{funnel['left'].value:,}"),
            t("agreements.tile.left_help"),
            (SourceLink("agreements_left", funnel["left"]),),
        ),
    )


def _funnel_table(
    rows: pd.DataFrame, funnel: dict[str, Figure], conversions: dict[str, Figure], lang: str
) -> tuple[pd.DataFrame, dict[tuple[int, str], Figure]]:
    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    # each stage's row shows the median wait to reach it: 협약→법인 설립, 협약→입주 (a branch has no 법인), 입주→가동
    medians = {interval.end: interval for interval in m.intervals(rows)}
    stages: list[str] = [*AGREEMENT_STAGES, LEFT]
    labels = [str(stage_name(s, lang)) if s != LEFT else t("agreements.figure.left") for s in stages]
    reached_label, conversion_label, median_label = (
        t("agreements.col.reached"),
        t("agreements.col.conversion"),
        t("agreements.col.median"),
    )
    conversion_texts, median_texts = [], []
    for stage in stages:
        ratio = conversions.get(stage)
        conversion_texts.append("" if ratio is None else fmt.percent(ratio.value))
        interval = medians.get(stage)
        if interval is None:
            median_texts.append("")
            continue
        text = _duration(interval.median_days, lang)
        if interval.median_days is not None:
            text = t("agreements.median_of", median=text, n=fmt.count(interval.agreements, t("unit.agreements"), lang))
        if interval.start != AGREEMENT_STAGES[AGREEMENT_STAGES.index(stage) - 1]:
            text += f" ({stage_name(interval.start, lang)}→)"
        median_texts.append(text)
    table = pd.DataFrame(
        {
            t("agreements.col.stage"): labels,
            reached_label: _ints(funnel[s].value or 0 for s in stages),
            conversion_label: conversion_texts,
            median_label: median_texts,
        }
    )
    cells: dict[tuple[int, str], Figure] = {}
    for row, stage in enumerate(stages):
        cells[(row, reached_label)] = funnel[stage]
        if stage in conversions:
            cells[(row, conversion_label)] = conversions[stage]
    return table, cells


def _cohort_table(rows: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict[tuple[int, str], Figure]]:
    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    table = m.cohort_table(rows)
    names = {
        "year": t("agreements.col.year"),
        "agreements": t("agreements.col.agreements"),
        "법인 설립": f"{stage_name('법인 설립', lang)}+ ({t('unit.agreements')})",
        "입주": f"{stage_name('입주', lang)}+ ({t('unit.agreements')})",
        "가동": f"{stage_name('가동', lang)} ({t('unit.agreements')})",
        "left": t("agreements.col.left"),
        "invested": t("agreements.col.invested"),
    }
    cells = {
        (row, names[column]): m.cohort_figure(rows, int(year), column)
        for row, year in enumerate(table["year"])
        for column in ("agreements", "법인 설립", "입주", "가동", "left", "invested")
    }
    shown = table.assign(year=table["year"].astype(str)).rename(columns=names)
    return shown, cells


def _stalled_table(stalled: pd.DataFrame, lang: str) -> pd.DataFrame:
    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    return pd.DataFrame(
        {
            t("agreements.col.company"): stalled["company"].astype(str).tolist(),
            t("agreements.col.kind"): [value_label("agreement_kind", k, lang) for k in stalled["kind"]],
            t("agreements.col.signed"): [_day(d, lang) for d in stalled["signed"]],
            t("agreements.col.status"): [stage_name(s, lang) for s in stalled["status"]],
            t("agreements.col.since"): [_day(d, lang) for d in stalled["since"]],
            t("agreements.col.days"): [_duration(float(d), lang) for d in stalled["days"]],
            f"{t('agreements.col.invested_krw')} ({t('unit.krw')})": _ints(stalled["invested_krw"]),
        }
    )


def _exits_table(exits: pd.DataFrame, lang: str) -> pd.DataFrame:
    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    return pd.DataFrame(
        {
            t("agreements.col.company"): exits["company"].astype(str).tolist(),
            t("agreements.col.status"): [stage_name(s, lang) for s in exits["status"]],
            t("agreements.col.seen"): [_day(d, lang) for d in exits["seen"]],
            t("agreements.col.signed"): [_day(d, lang) for d in exits["signed"]],
            t("agreements.col.reached_before"): [stage_name(s, lang) for s in exits["reached"]],
            f"{t('agreements.col.invested_krw')} ({t('unit.krw')})": _ints(exits["invested_krw"]),
            t("agreements.col.note"): ["" if pd.isna(n) else str(n) for n in exits["note"]],
        }
    )


def _list_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    ordered = rows.sort_values(["signed", "company"], kind="stable")
    won = t("unit.krw")
    return pd.DataFrame(
        {
            t("agreements.col.company"): ordered["company"].astype(str).tolist(),
            t("agreements.col.signed"): [_day(d, lang) for d in ordered["signed"]],
            t("agreements.col.kind"): [value_label("agreement_kind", k, lang) for k in ordered["kind"]],
            t("agreements.col.status"): [stage_name(s, lang) for s in ordered["status"]],
            f"{t('agreements.col.planned_investment')} ({won})": _ints(ordered["planned_investment_krw"]),
            f"{t('agreements.col.invested_krw')} ({won})": _ints(ordered["invested_krw"]),
            t("agreements.col.planned_jobs"): _ints(ordered["planned_jobs"]),
            t("agreements.col.hired"): _ints(ordered["hired"]),
            t("agreements.col.verification"): [
                "" if pd.isna(v) else value_label("agreement_check", v, lang) for v in ordered["verification"]
            ],
            t("agreements.col.note"): ["" if pd.isna(n) else str(n) for n in ordered["note"]],
        }
    )


# --- the map ---------------------------------------------------------------------------------------------------------


def without_site_table(agreements: pd.DataFrame | None, placed: list[str], lang: str) -> pd.DataFrame | None:
    """The agreements (latest 기준일, not left) whose company has no place on the map (`placed`: the companies the
    map places, matched by company key): listed, never placed. None without agreements."""
    if agreements is None or agreements.empty:
        return None
    agreements = with_all_columns("agreements", agreements)
    keys = keys_for(agreements)
    rows = m.snapshot(agreements)
    rows = rows[~rows["status"].isin(("철수", "해지"))]
    here = {keys.key(name) for name in placed}
    unplaced = rows[~keys.key_column(rows).isin(here)].sort_values(["status", "signed"], kind="stable")

    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    rank = {stage: i for i, stage in enumerate(AGREEMENT_STAGES)}
    unplaced = unplaced.assign(_rank=unplaced["status"].map(rank)).sort_values(
        ["_rank", "signed"], ascending=[False, True], kind="stable"
    )
    return pd.DataFrame(
        {
            t("agreements.col.company"): unplaced["company"].astype(str).tolist(),
            t("agreements.col.status"): [stage_name(s, lang) for s in unplaced["status"]],
            t("agreements.col.signed"): [_day(d, lang) for d in unplaced["signed"]],
            t("agreements.col.kind"): [value_label("agreement_kind", k, lang) for k in unplaced["kind"]],
        }
    )


# --- an upload's warnings ------------------------------------------------------------------------------------------


def lowered_warnings(dataset: str, stored: pd.DataFrame | None, new: pd.DataFrame, lang: str) -> list[Problem]:
    """An agreements file's 투자실적 or 고용실적 lower than in the stored snapshot just before its 기준일: one warning
    per value, naming the file's row (accepted: a correction is possible; said again in what-changed)."""
    if dataset != "agreements":
        return []
    found = m.lowered_against(stored, new)
    if not found:
        return []
    earlier = [d for d in m.as_of_dates(stored) if d < pd.Timestamp(new["as_of"].min())] if stored is not None else []
    date = _day(earlier[0], lang) if earlier else "–"
    warnings = []
    for item in found:
        unit = "krw" if item.column.endswith("_krw") else "people"
        column = translate(f"measure.{item.column}", lang)
        warnings.append(
            Problem(
                translate(
                    "agreements.warning.lowered",
                    lang,
                    company=item.company,
                    column=column,
                    date=date,
                    before=fmt.figure_value(item.before, unit, lang),
                    after=fmt.figure_value(item.after, unit, lang),
                ),
                item.source_row,
                column,
            )
        )
    return warnings


# --- jobs meet agreements ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobsPlanView:
    title: str
    caption: str
    table: pd.DataFrame  # company, 고용계획, 고용실적, 재직자수, 기준월, 계획 대비


def jobs_plan_view(agreements: pd.DataFrame | None, jobs: pd.DataFrame | None, lang: str) -> JobsPlanView | None:
    """The jobs page's 고용계획 against the jobs data's headcount of the same companies (latest snapshot); None
    without agreements."""
    if agreements is None or agreements.empty:
        return None
    keys = keys_for(agreements, jobs)
    rows = m.snapshot(agreements)
    table = m.planned_vs_headcount(rows, jobs, keys)
    table = table[table["headcount"].notna()]

    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    shown = pd.DataFrame(
        {
            t("agreements.col.company"): table["company"].astype(str).tolist(),
            t("agreements.col.planned_jobs"): _ints(table["planned_jobs"]),
            t("agreements.col.hired"): _ints(table["hired"]),
            t("agreements.col.headcount"): _ints(table["headcount"]),
            t("agreements.col.month"): [fmt.month_label(pd.Timestamp(d).date(), lang) for d in table["month"]],
            t("agreements.col.jobs_gap"): [
                fmt.percent(int(h) / int(p)) if int(p) else "–"
                for h, p in zip(table["headcount"], table["planned_jobs"], strict=True)
            ],
        }
    )
    return JobsPlanView(t("agreements.jobs.title"), t("agreements.jobs.caption"), shown)


def profile_line(agreements: pd.DataFrame | None, jobs: pd.DataFrame | None, company: str, lang: str) -> str | None:
    """The company profile's line: its agreement stage, 고용계획 and 고용실적, and the jobs data's latest headcount
    (None when the company has no agreement)."""
    if agreements is None or agreements.empty:
        return None
    keys = keys_for(agreements, jobs)
    rows = m.snapshot(agreements)
    key = keys.key(company)
    table = m.planned_vs_headcount(rows, jobs, keys)
    match = table[table["company_key"] == key]
    if match.empty:
        return None
    row = match.iloc[0]
    stage = m.stage_of_companies(rows, keys).get(key)
    headcount = (
        ""
        if pd.isna(row["headcount"])
        else translate(
            "agreements.profile.headcount",
            lang,
            n=f"{int(row['headcount']):,}",
            month=fmt.month_label(pd.Timestamp(row["month"]).date(), lang),
        )
    )
    return translate(
        "agreements.profile.line",
        lang,
        stage=stage_name(stage, lang),
        planned=f"{int(row['planned_jobs']):,}",
        hired=f"{int(row['hired']):,}",
        headcount=headcount,
    )
