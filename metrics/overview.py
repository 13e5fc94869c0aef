"""The overview's headline figures: each with its previous period and, where one exists, its target."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from program import load_program

from . import budget as budget_metrics
from . import jobs as jobs_metrics
from . import pipeline as pipeline_metrics
from . import selections as selections_metrics
from .budget import current, snapshots
from .figures import Figure, difference, given, ratio, row_count, total


@dataclass(frozen=True)
class Tile:
    figure: Figure
    previous: Figure | None = None  # the same figure one period earlier
    target: float | None = None  # the year's target in the figure's unit (ratio for rates)


def target_for(targets: pd.DataFrame | None, metric: str, year: int) -> float | None:
    """The `targets` dataset's value for (metric, year), or None."""
    if targets is None or targets.empty:
        return None
    match = targets[(targets["metric"] == metric) & (targets["year"] == year)]
    return float(match["target"].iloc[0]) if len(match) else None


def budget_tiles(budget: pd.DataFrame, year: int, through_month: int, targets: pd.DataFrame | None) -> dict[str, Tile]:
    """Planned (whole year), executed and 집행률 to date, each against the position one month earlier (for a
    year held as year-to-date snapshots: against the previous snapshot)."""
    points = sorted(snapshots(budget, year).get("as_of", pd.Series(dtype="datetime64[ns]")).unique())
    in_year = current(budget)
    in_year = in_year[in_year["year"] == year]
    to_date = in_year[in_year["month"].isna() | (in_year["month"] <= through_month)]
    if len(points) > 1:
        before = budget[(budget["year"] == year) & (budget["as_of"] == points[-2])]
    elif in_year["month"].notna().any():
        before = in_year[in_year["month"].notna() & (in_year["month"] <= through_month - 1)]
    else:
        before = None  # the year is one export's figures: nothing earlier to compare with
    planned = total(in_year, "planned_krw", "budget", "figure.planned_year")
    executed = total(to_date, "executed_krw", "budget", "figure.executed_to_date")
    executed_before = None if before is None else total(before, "executed_krw", "budget", "figure.executed_to_date")
    rate = ratio(executed, planned, "figure.execution_rate")
    rate_before = None if executed_before is None else ratio(executed_before, planned, "figure.execution_rate")
    rate_target = target_for(targets, "execution_rate", year)
    return {
        "planned": Tile(planned),
        "executed": Tile(executed, executed_before),
        "rate": Tile(rate, rate_before, rate_target / 100 if rate_target is not None else None),
    }


def jobs_tiles(jobs: pd.DataFrame, year: int, through: dt.date, targets: pd.DataFrame | None) -> dict[str, Tile]:
    """Jobs created this year to date (sum of new hires) against the year's target; headcount this month."""
    month = pd.Timestamp(through.replace(day=1))
    previous_month = month - pd.DateOffset(months=1)
    in_year = jobs[jobs["month"].dt.year == year]
    created = total(in_year[in_year["month"] <= month], "new_hires", "jobs", "figure.jobs_created")
    created_before = total(in_year[in_year["month"] <= previous_month], "new_hires", "jobs", "figure.jobs_created")
    headcount = total(jobs[jobs["month"] == month], "headcount", "jobs", "figure.headcount")
    headcount_before = total(jobs[jobs["month"] == previous_month], "headcount", "jobs", "figure.headcount")
    return {
        "created": Tile(created, created_before, target_for(targets, "jobs_created", year)),
        "headcount": Tile(headcount, headcount_before),
    }


def company_tiles(
    companies: pd.DataFrame, year: int, targets: pd.DataFrame | None, selections: pd.DataFrame | None = None
) -> dict[str, Tile]:
    """Companies at the latest 기준일, those whose highest K-Unicorn selection by then is each programme of the
    ladder (issue #35: selections, not valuation bands), and the unicorn status, against the previous 기준일."""
    program = load_program()
    companies = selections_metrics.staged(companies, selections, program)
    dates = sorted(companies["as_of"].unique())
    latest = companies[companies["as_of"] == dates[-1]]
    previous = companies[companies["as_of"] == dates[-2]] if len(dates) > 1 else None
    tiles = {
        "companies": Tile(
            row_count(latest, "companies", "figure.companies"),
            row_count(previous, "companies", "figure.companies") if previous is not None else None,
            target_for(targets, "companies", year),
        )
    }
    k = program.k_unicorn
    for stage in (*k.names, k.unicorn):
        key = f"stage_count.{stage}"

        def counted(rows: pd.DataFrame, stage: str = stage, key: str = key) -> Figure:
            chosen = rows["unicorn"] if stage == k.unicorn else rows["stage"] == stage
            return row_count(rows[chosen], "companies", key)

        tiles[key] = Tile(counted(latest), counted(previous) if previous is not None else None)
    return tiles


def lagging_tile(budget: pd.DataFrame, as_of: dt.date) -> Tile:
    """How many programmes are behind their spending pace at `as_of` (the overview's list, `budget.lagging`),
    against the count at the end of the month before, from the same year's rows as they stood then
    (`_as_it_stood`). No previous count for January, whose month before lies in another year, nor when the data
    cannot say how things stood then."""
    program = load_program()
    every = budget_metrics.prepare(budget, program, latest_only=False)
    history = budget_metrics.current(every)

    def count(rows: pd.DataFrame, through: dt.date) -> Figure:
        behind = budget_metrics.outlook(history, through.year, through, program.pace, rows=rows).behind
        return given(len(behind), "count", "figure.lagging")

    previous = None
    if as_of.month > 1:
        month_before = as_of.replace(day=1) - dt.timedelta(days=1)
        then = _as_it_stood(every, month_before)
        previous = None if then is None else count(then, month_before)
    return Tile(count(budget_metrics.current(every), as_of), previous)


def _as_it_stood(every: pd.DataFrame, through: dt.date) -> pd.DataFrame | None:
    """The budget rows of `through`'s year as they stood on that date: rows held by month with the money executed
    after its month left out; a year held as year-to-date snapshots by its latest snapshot on or before that date.
    None when the data cannot say: no snapshot that early, or a whole-year figure (no month, no 기준일)."""
    rows = every[every["year"] == through.year]
    by_month = rows["month"].notna()
    dated = rows["as_of"].notna() if "as_of" in rows.columns else pd.Series(False, index=rows.index)
    if (~by_month & ~dated).any():
        return None
    monthly = rows[by_month]
    monthly = monthly.assign(executed_krw=monthly["executed_krw"].where(monthly["month"] <= through.month, 0))
    if not dated.any():
        return monthly
    snapshots = rows[dated]
    known = snapshots[snapshots["as_of"] <= pd.Timestamp(through)]
    if known.empty:
        return None
    return pd.concat([monthly, known[known["as_of"] == known["as_of"].max()]])


def change(tile: Tile) -> Figure | None:
    """The tile's change against its previous period (None without one)."""
    if tile.previous is None:
        return None
    return difference(tile.figure, tile.previous, "figure.change")


def timeline_frame(today: dt.date) -> pd.DataFrame:
    """One row per programme phase (start, end, name, status against today) for the timeline chart."""
    rows = []
    for phase in load_program().phases:
        start, end = dt.date(phase.first_year, 1, 1), dt.date(phase.last_year, 12, 31)
        status = "done" if end < today else "current" if start <= today else "planned"
        rows.append(
            {
                "phase": phase.number,
                "name": phase.name,
                "start": pd.Timestamp(start),
                "end": pd.Timestamp(end),
                "status": status,
                "strategies": " · ".join(phase.strategies),
            }
        )
    return pd.DataFrame(rows)


def milestones(events: pd.DataFrame | None, sites: pd.DataFrame | None) -> pd.DataFrame:
    """Events plus facility completion dates from `sites`, for marks on the timeline (date, title, kind, source)."""
    frames = []
    if events is not None and not events.empty:
        frames.append(
            pd.DataFrame({"date": events["date"], "title": events["title"], "kind": events["kind"], "source": "events"})
        )
    if sites is not None and not sites.empty:
        done = sites[sites["completion"].notna() & sites["kind"].ne("기업")]
        if events is not None and not events.empty:
            # An event already naming the facility on its completion day says the same thing.
            told = {(d, title) for d, title in zip(events["date"], events["title"], strict=True)}
            said = [
                any(d == when and name in title for when, title in told)
                for d, name in zip(done["completion"], done["name"], strict=True)
            ]
            done = done[~pd.Series(said, index=done.index, dtype=bool)]
        frames.append(
            pd.DataFrame({"date": done["completion"], "title": done["name"], "kind": "준공", "source": "sites"})
        )
    if not frames:
        return pd.DataFrame(columns=["date", "title", "kind", "source"])
    return pd.concat(frames, ignore_index=True).sort_values("date", ignore_index=True)


def around(milestones: pd.DataFrame, today: dt.date, past: int = 4, upcoming: int = 2) -> pd.DataFrame:
    """The latest `past` milestones up to today and the next `upcoming` ones, in date order."""
    when = pd.Timestamp(today)
    before = milestones[milestones["date"] <= when].tail(past)
    after = milestones[milestones["date"] > when].head(upcoming)
    return pd.concat([before, after], ignore_index=True)


@dataclass(frozen=True)
class Attention:
    """What the overview flags: programmes behind their spending pace, job losses in the latest month,
    and unicorn candidates that moved stage at the latest 기준일."""

    lagging: pd.DataFrame  # program, rate, expected_rate, gap (rate − expected pace), shortfall_krw
    losses: pd.DataFrame  # company, sector, month, previous_headcount, headcount, change
    moves: pd.DataFrame  # company, movement (up/down), stage_before, stage_after
    # programmes whose projected range ends below the year's target: program, projected_rate, projected_high_rate,
    # at_risk_krw (planned − projected)
    risk: pd.DataFrame = field(default_factory=pd.DataFrame)
    outlook: budget_metrics.YearOutlook | None = None  # the year's projection and range, for the tiles


def attention(
    budget: pd.DataFrame | None,
    jobs: pd.DataFrame | None,
    companies: pd.DataFrame | None,
    budget_as_of: dt.date | None,
    jobs_as_of: dt.date | None,
    targets: pd.DataFrame | None = None,
    year_outlook: budget_metrics.YearOutlook | None = None,
    selections: pd.DataFrame | None = None,
) -> Attention:
    """The lists, each computed by the module that owns the figure (budget, jobs, pipeline); `year_outlook`: the
    budget's year when already computed (`budget_outlook`)."""

    lagging, risk = budget_lists(None)
    year = None
    if budget is not None and not budget.empty and budget_as_of is not None:
        target = budget_metrics.target_rate(targets, budget_as_of.year)
        year = year_outlook or budget_outlook(budget, budget_as_of, target)
        lagging, risk = budget_lists(year)
    losses, moves = people_lists(jobs, companies, jobs_as_of, selections)
    return Attention(lagging, losses, moves, risk, year)


def budget_lists(year: budget_metrics.YearOutlook | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The attention lists of the budget's year (`budget_outlook`): the programmes behind their pace, and those at
    risk of missing the year's target (empty, with their columns, without a budget)."""
    lagging = pd.DataFrame(columns=["program", "rate", "expected_rate", "gap", "shortfall_krw"])
    risk = pd.DataFrame(columns=["program", "projected_rate", "projected_high_rate", "at_risk_krw"])
    if year is not None:
        lagging = year.behind[list(lagging.columns)]
        risk = year.risk[list(risk.columns)]
    return lagging.reset_index(drop=True), risk.reset_index(drop=True)


def people_lists(
    jobs: pd.DataFrame | None,
    companies: pd.DataFrame | None,
    jobs_as_of: dt.date | None,
    selections: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The attention lists of jobs and companies: job losses in the latest month, and companies that moved at the
    latest 기준일 (a new selection, or the unicorn status gained or lost: `metrics.pipeline.movement`)."""
    program = load_program()
    losses = pd.DataFrame(columns=["company", "sector", "month", "previous_headcount", "headcount", "change"])
    if jobs is not None and not jobs.empty and jobs_as_of is not None:
        month = pd.Timestamp(jobs_as_of.replace(day=1))
        all_losses = jobs_metrics.job_losses(jobs, jobs_as_of.year)
        losses = all_losses[all_losses["month"] == month][list(losses.columns)].reset_index(drop=True)
    sides = [f"{c}_{when}" for when in ("before", "after") for c in pipeline_metrics.SIDE]
    moves = pd.DataFrame(columns=["company", "movement", "basis", *sides])
    if companies is not None and not companies.empty:
        dates = sorted(companies["as_of"].unique())
        if len(dates) > 1:
            staged = selections_metrics.staged(companies, selections, program)
            moved = pipeline_metrics.movement(staged, dates[-2], dates[-1], program)
            shown = moved["movement"].isin([pipeline_metrics.UP, pipeline_metrics.DOWN]) & (
                moved["basis"] != "estimate"
            )
            moves = moved[shown][list(moves.columns)]
    return losses, moves.reset_index(drop=True)


def budget_outlook(budget: pd.DataFrame, as_of: dt.date, target: float | None) -> budget_metrics.YearOutlook:
    """The whole budget's year of `as_of`: projection with its range, programmes behind their pace, year-end risk."""
    program = load_program()
    return budget_metrics.outlook(budget_metrics.prepare(budget, program), as_of.year, as_of, program.pace, target)
