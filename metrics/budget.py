"""Budget burn (예산 집행): execution rate, pace, run-rate projection and totals, exact to the won.

Definitions used everywhere on the budget page (and meant for any page that shows the same figures):

- planned (예산액): the year's planned money, the sum of the year's rows (all months).
- executed (집행액): money executed in the year to date (the data's as-of month).
- execution rate (집행률) = executed ÷ planned, the annual budget (None when planned is 0).
- share of the year elapsed (경과율) = months elapsed ÷ 12, months elapsed taken from the data's as-of date,
  never the wall clock: 12 for a past year, 0 for a future year.
- expected pace (평소 진도) = the profile's share of a year's execution usually reached by now × the usual final
  rate (metrics/pace.py: learned from the complete earlier years; the straight line, share elapsed × 1, without).
- pace gap (진도 차이) = execution rate − expected pace, in ratio units (×100 = %p).
- pace amount = annual planned × expected pace, to the won; shortfall = pace amount − executed.
- year-end projection (연말 예상 집행액) = executed ÷ the profile's share by now, rounded half-up to the won, with an
  80% range; projected rate = that ÷ planned (computed exactly, before rounding). With the straight line this is
  the run rate, executed ÷ months elapsed × 12.

Money stays integer won (Python ints) through every sum; rates are floats of exact fractions.
Functions are pure: frames in, frames or numbers out, no Streamlit and no clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import TypedDict

import pandas as pd

from program import PaceSettings, Program

from .figures import DIFFERENCE, GIVEN, MEAN, PRODUCT, RANGE, RATIO, Figure, derived, given, total
from .pace import (
    STRAIGHT_LINE,
    LearnedYear,
    PaceBook,
    Profile,
    ProfileOf,
    expected_amount,
    interpolate,
    project,
    round_won,
)

UNASSIGNED = "미분류"  # strategy of a row with no 추진전략 in its file and none configured for its programme

MONEY = ("planned_krw", "executed_krw")


@dataclass(frozen=True)
class Selection:
    """The row filters the budget page applies (empty or None: no filter on that column)."""

    phase: int | None = None
    strategy: str | None = None
    programs: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class StrategyFill:
    """How many rows had no 추진전략 in their file: filled from program.toml, or left UNASSIGNED."""

    configured: int
    unassigned: int


def current(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows a year's figures are made of. A year held as year-to-date snapshots (cumulative exports, each
    with its 기준일) counts only its latest snapshot; the earlier ones are points of its S-curve (`snapshots`)."""
    if "as_of" not in frame.columns or frame["as_of"].isna().all():  # no year held as snapshots
        return frame
    dated = frame["as_of"].notna()
    latest = frame["as_of"].where(dated).groupby(frame["year"]).transform("max")
    return frame[~dated | (frame["as_of"] == latest)]


def snapshots(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Every year-to-date snapshot row of `year` (empty when the year is held by month or as a whole year)."""
    if "as_of" not in frame.columns:
        return frame.iloc[:0]
    return frame[(frame["year"] == year) & frame["as_of"].notna()]


def prepare(frame: pd.DataFrame, program: Program, latest_only: bool = True) -> pd.DataFrame:
    """The budget frame with every row's phase known (from the year when the file had none) and a strategy label:
    the file's, else the programme's strategy in program.toml, else UNASSIGNED. Columns and row order are kept.
    `latest_only`: only the rows the figures are made of (`current`); False keeps every snapshot (the S-curve)."""
    out = (current(frame) if latest_only else frame).copy()
    missing = out["phase"].isna()
    if missing.any():
        out.loc[missing, "phase"] = [program.phase_of_year(int(y)) for y in out.loc[missing, "year"]]
    configured = out["program"].map(program.program_strategies)
    out["strategy"] = out["strategy"].fillna(configured).fillna(UNASSIGNED)
    return out


def strategy_fill(frame: pd.DataFrame, program: Program) -> StrategyFill:
    """What `prepare` does for rows without a 추진전략: the page says it in one line."""
    without = frame.loc[frame["strategy"].isna(), "program"]
    configured = int(without.isin(program.program_strategies.keys()).sum())
    return StrategyFill(configured=configured, unassigned=len(without) - configured)


def select(frame: pd.DataFrame, selection: Selection, year: int | None = None) -> pd.DataFrame:
    """Rows matching the selection (and the year, when given)."""
    keep = pd.Series(True, index=frame.index)
    if year is not None:
        keep &= frame["year"] == year
    if selection.phase is not None:
        keep &= frame["phase"] == selection.phase
    if selection.strategy is not None:
        keep &= frame["strategy"] == selection.strategy
    if selection.programs:
        keep &= frame["program"].isin(selection.programs)
    if selection.sources:
        keep &= frame["source"].isin(selection.sources)
    return frame[keep.fillna(False).astype(bool)]


# --- the calendar of a fiscal year, as the data sees it ------------------------------------------------------


def months_elapsed(year: int, as_of: dt.date) -> Fraction:
    """Months of `year` the data covers: 12 for a year before the as-of date's, 0 for a later year, else the
    as-of month (a month-end as-of date gives a whole number; a mid-month date counts the month's elapsed days)."""
    if year < as_of.year:
        return Fraction(12)
    if year > as_of.year:
        return Fraction(0)
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    return Fraction(as_of.month - 1) + Fraction(as_of.day, days)


def share_elapsed(year: int, as_of: dt.date) -> Fraction:
    """Share of the year elapsed (경과율): months elapsed ÷ 12."""
    return months_elapsed(year, as_of) / 12


def whole_months(year: int, as_of: dt.date) -> int | None:
    """Months elapsed when that is a whole number of months (month-end as-of), else None."""
    months = months_elapsed(year, as_of)
    return int(months) if months.denominator == 1 else None


# --- small exact helpers ------------------------------------------------------------------------------------


INT64_SAFE = 2**62  # below this a sum of int64 values cannot overflow


def won(values: pd.Series) -> int:
    """Exact integer sum of a money column (missing cells count as 0): vectorised int64 when the sum provably
    fits (count × largest magnitude below 2**62), Python integers otherwise."""
    values = values.dropna()
    if values.empty:
        return 0
    array = values.to_numpy(dtype="object" if values.dtype == object else "int64")
    if array.dtype != object and _largest_magnitude(values) * len(array) < INT64_SAFE:
        return int(array.sum())
    return int(sum(int(v) for v in array))


def _largest_magnitude(values: pd.Series) -> int:
    """The largest absolute value among the present cells; 0 when every cell is missing (a column of NA has no
    max: comparing it raises)."""
    present = values.dropna()
    return 0 if present.empty else max(abs(int(present.max())), abs(int(present.min())))


def _fits_int64(rows: pd.DataFrame) -> bool:
    """Whether any sum of the money columns over `rows` provably fits in int64 (count × largest magnitude)."""
    largest = max((_largest_magnitude(rows[c]) for c in MONEY), default=0)
    return largest * len(rows) < INT64_SAFE


def _group_sums(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Planned and executed won per group, exact (int64 when it provably fits, else Python integers), with each
    group's Excel rows as a tuple in `source_rows`. One row per group, keys as columns, sorted by the keys."""
    grouped = rows.groupby(keys, sort=True, dropna=False)
    sums = grouped[list(MONEY)].sum() if _fits_int64(rows) else grouped[list(MONEY)].agg(won)
    # pandas-stubs: SeriesGroupBy.agg's result type variable does not admit a tuple per group (pandas does)
    sums["source_rows"] = grouped["source_row"].agg(lambda r: tuple(int(x) for x in r))  # type: ignore[type-var]
    return sums.reset_index()


def ratio(numerator: int | Fraction, denominator: int | Fraction) -> float | None:
    """numerator ÷ denominator as a float of the exact fraction; None when the denominator is 0."""
    if not denominator:
        return None
    return float(Fraction(numerator) / Fraction(denominator))


def projection(executed: int, year: int, as_of: dt.date) -> int | None:
    """Run-rate year-end projection: executed ÷ months elapsed × 12, to the won (None before the year starts)."""
    months = months_elapsed(year, as_of)
    if months == 0:
        return None
    return round_won(Fraction(executed) * 12 / months)


def target_rate(targets: pd.DataFrame | None, year: int) -> float | None:
    """The targets dataset's execution_rate for `year`, as a ratio (90 → 0.9); None when absent."""
    if targets is None or targets.empty:
        return None
    match = targets[(targets["metric"] == "execution_rate") & (targets["year"] == year)]["target"].dropna()
    if match.empty:
        return None
    return float(Fraction(str(float(match.iloc[-1]))) / 100)


# --- the year's headline ------------------------------------------------------------------------------------


class PaceValues(TypedDict):
    """What `pace_values` returns (a plain dict at run time)."""

    rate: float | None
    expected_rate: float
    gap: float | None
    pace_krw: int
    shortfall_krw: int
    projected_krw: int | None
    projected_rate: float | None
    projected_low_krw: int | None
    projected_high_krw: int | None
    projected_low_rate: float | None
    projected_high_rate: float | None


def pace_values(planned: int, executed: int, year: int, as_of: dt.date, profile: Profile = STRAIGHT_LINE) -> PaceValues:
    """The figures derived from a year's planned and executed won, defined once for the headline, the tables and
    their sources: rate, expected_rate (the profile's pace by now), gap (rate − expected), pace_krw (planned ×
    expected, to the won), shortfall_krw (pace − executed), the year-end projection (projected_krw and its 80%
    range, projected_low_krw / projected_high_krw) and their rates (exact, before rounding)."""
    months = months_elapsed(year, as_of)
    rate = ratio(executed, planned)
    expected = profile.expected_rate(months)
    pace = round_won(planned * expected)
    projection = project(profile, executed, planned, months)
    return {
        "rate": rate,
        "expected_rate": float(expected),
        "gap": None if rate is None else float(Fraction(executed, planned) - expected),
        "pace_krw": pace,
        "shortfall_krw": pace - executed,
        "projected_krw": projection.point_krw,
        "projected_rate": projection.point_rate,
        "projected_low_krw": projection.low_krw,
        "projected_high_krw": projection.high_krw,
        "projected_low_rate": projection.low_rate,
        "projected_high_rate": projection.high_rate,
    }


@dataclass(frozen=True)
class YearSummary:
    """The headline figures of one year for a selection of rows."""

    year: int
    planned: int  # annual planned, won
    executed: int  # executed to date, won
    planned_to_date: int | None  # planned through the as-of month (None without whole months)
    rate: float | None  # executed ÷ planned
    share: float  # share of the year elapsed
    gap: float | None  # rate − expected pace
    projected: int | None  # year-end projection, won
    projected_rate: float | None  # projected ÷ planned
    source_rows: tuple[int, ...] = ()  # the Excel rows summed
    expected: float | None = None  # expected pace (rate) by now, from the profile
    projected_low: int | None = None  # the projection's 80% range, won (None without a range)
    projected_high: int | None = None
    projected_low_rate: float | None = None
    projected_high_rate: float | None = None
    profile: Profile = STRAIGHT_LINE  # where the expected pace comes from

    @property
    def months(self) -> float:
        return self.share * 12


def summarise(rows: pd.DataFrame, year: int, as_of: dt.date, profile: Profile = STRAIGHT_LINE) -> YearSummary:
    """Headline figures of `year` over `rows` (rows of other years are ignored), paced by `profile`."""
    rows = rows[rows["year"] == year]
    planned = won(rows["planned_krw"])
    executed = won(rows["executed_krw"])
    through = whole_months(year, as_of)
    planned_to_date = None
    if through is not None and rows["month"].notna().all():
        planned_to_date = won(rows.loc[rows["month"] <= through, "planned_krw"])
    derived_values = pace_values(planned, executed, year, as_of, profile)
    return YearSummary(
        year=year,
        planned=planned,
        executed=executed,
        planned_to_date=planned_to_date,
        rate=derived_values["rate"],
        share=float(share_elapsed(year, as_of)),
        gap=derived_values["gap"],
        projected=derived_values["projected_krw"],
        projected_rate=derived_values["projected_rate"],
        source_rows=tuple(int(r) for r in rows["source_row"]),
        expected=derived_values["expected_rate"],
        projected_low=derived_values["projected_low_krw"],
        projected_high=derived_values["projected_high_krw"],
        projected_low_rate=derived_values["projected_low_rate"],
        projected_high_rate=derived_values["projected_high_rate"],
        profile=profile,
    )


def rate_through(rows: pd.DataFrame, year: int, through_month: int) -> float | None:
    """Executed in months 1..through_month of `year` ÷ the year's planned: the rate at the same point
    of an earlier year (None when the year has no planned money or its rows have no months)."""
    rows = rows[rows["year"] == year]
    if rows.empty or rows["month"].isna().any():
        return None
    executed = won(rows.loc[rows["month"] <= through_month, "executed_krw"])
    return ratio(executed, won(rows["planned_krw"]))


def gap_through(rows: pd.DataFrame, year: int, through_month: int, profile: Profile = STRAIGHT_LINE) -> float | None:
    """The pace gap at the end of month `through_month` of `year`: executed in months 1..through_month ÷ the
    year's planned − the expected pace at that month (None without planned money or months)."""
    rate = rate_through(rows, year, through_month)
    if rate is None:
        return None
    rows = rows[rows["year"] == year]
    executed = won(rows.loc[rows["month"] <= through_month, "executed_krw"])
    return float(Fraction(executed, won(rows["planned_krw"])) - profile.expected_rate(through_month))


# --- frames behind the charts and tables --------------------------------------------------------------------


def snapshot_points(snapshot_rows: pd.DataFrame) -> pd.DataFrame:
    """One row per 기준일 of a year held as snapshots, oldest first: as_of, planned_krw and executed_krw to that date
    (exact), and the rows summed (`source_rows`)."""
    if snapshot_rows.empty:
        return pd.DataFrame(columns=["as_of", "planned_krw", "executed_krw", "source_rows"])
    return _group_sums(snapshot_rows, ["as_of"])


def snapshot_curve(snapshot_rows: pd.DataFrame, year: int, profile: Profile = STRAIGHT_LINE) -> pd.DataFrame:
    """The S-curve of a year held as year-to-date snapshots, in `monthly_curve`'s shape: cumulative executed at the
    month of each 기준일 (the latest in a month; missing in months without one), the straight-line pace from the
    latest snapshot's annual planned. Month-by-month planned is unknown in such exports (missing)."""
    points = snapshot_points(snapshot_rows)
    by_month = {pd.Timestamp(p["as_of"]).month: int(p["executed_krw"]) for p in points.to_dict("records")}
    annual = int(points["planned_krw"].iloc[-1]) if len(points) else 0
    months = list(range(1, 13))
    missing = [None] * 12
    return pd.DataFrame(
        {
            "month": pd.array(months, dtype="Int64"),
            "planned_krw": pd.array(missing, dtype="Int64"),
            "executed_krw": pd.array(missing, dtype="Int64"),
            "cum_planned_krw": pd.array(missing, dtype="Int64"),
            "cum_executed_krw": pd.array([by_month.get(m) for m in months], dtype="Int64"),
            "pace_krw": pd.array([round_won(Fraction(annual * m, 12)) for m in months], dtype="Int64"),
            "expected_krw": pd.array([expected_amount(profile, annual, Fraction(m)) for m in months], dtype="Int64"),
        }
    )


def year_curve(frame: pd.DataFrame, year: int, as_of: dt.date, profile: Profile = STRAIGHT_LINE) -> pd.DataFrame:
    """The S-curve of `year` over `frame`'s rows (any selection): drawn from its year-to-date snapshots when the
    year is held that way (each upload a point), else month by month."""
    points = snapshots(frame, year)
    return snapshot_curve(points, year, profile) if len(points) else monthly_curve(current(frame), year, as_of, profile)


def snapshot_figure(snapshot_rows: pd.DataFrame, as_of: dt.date, column: str) -> Figure:
    """The figure behind one snapshot point: planned_krw or executed_krw of the rows of that 기준일."""
    rows = snapshot_rows[snapshot_rows["as_of"] == pd.Timestamp(as_of)]
    return total(rows, column, "budget", f"figure.snapshot_{column}")


def monthly_curve(rows: pd.DataFrame, year: int, as_of: dt.date, profile: Profile = STRAIGHT_LINE) -> pd.DataFrame:
    """The S-curve of `year`: one row per month 1–12 with the month's planned and executed, cumulative planned,
    cumulative executed (missing after the as-of month), the straight-line pace (annual planned × month ÷ 12,
    to the won) and the expected pace of `profile` (annual planned × its expected rate at the month end, to the
    won). Rows without a month are left out of the monthly columns but count in the annual planned."""
    rows = rows[rows["year"] == year]
    annual = won(rows["planned_krw"])
    dated = rows[rows["month"].notna()]
    months = list(range(1, 13))
    by_month = {int(g["month"]): g for g in _group_sums(dated, ["month"]).to_dict("records")} if len(dated) else {}
    planned = [int(by_month[m]["planned_krw"]) if m in by_month else 0 for m in months]
    executed = [int(by_month[m]["executed_krw"]) if m in by_month else 0 for m in months]
    elapsed = months_elapsed(year, as_of)
    cum_planned, cum_executed, total_planned, total_executed = [], [], 0, 0
    for m, p, e in zip(months, planned, executed, strict=True):
        total_planned += p
        total_executed += e
        cum_planned.append(total_planned)
        cum_executed.append(total_executed if m <= elapsed else None)
    return pd.DataFrame(
        {
            "month": pd.array(months, dtype="Int64"),
            "planned_krw": pd.array(planned, dtype="Int64"),
            "executed_krw": pd.array(executed, dtype="Int64"),
            "cum_planned_krw": pd.array(cum_planned, dtype="Int64"),
            "cum_executed_krw": pd.array(cum_executed, dtype="Int64"),
            "pace_krw": pd.array([round_won(Fraction(annual * m, 12)) for m in months], dtype="Int64"),
            "expected_krw": pd.array([expected_amount(profile, annual, Fraction(m)) for m in months], dtype="Int64"),
        }
    )


RATE_COLUMNS = (
    "planned_krw",
    "executed_krw",
    "rate",
    "expected_rate",
    "gap",
    "pace_krw",
    "shortfall_krw",
    "projected_krw",
    "projected_rate",
    "projected_low_krw",
    "projected_high_krw",
    "projected_low_rate",
    "projected_high_rate",
    "pace_level",
    "source_rows",
)


def rates_by(
    rows: pd.DataFrame, by: str | list[str], year: int, as_of: dt.date, profile_of: ProfileOf | None = None
) -> pd.DataFrame:
    """Per group (e.g. "strategy", or ["strategy", "program"]) for `year`: planned, executed, rate, the expected
    pace (from `profile_of(group keys, group rows)`, the straight line without), pace gap, the pace amount and the
    shortfall against it (that − executed), the year-end projection with its range, and the level the pace came
    from (`pace_level`); lowest rate first (ties by name). `source_rows` lists each group's Excel rows."""
    keys = [by] if isinstance(by, str) else list(by)
    rows = rows[rows["year"] == year]
    records = []
    for group in _group_sums(rows, keys).to_dict("records"):
        planned, executed = int(group["planned_krw"]), int(group["executed_krw"])
        keys_of_group = {k: group[k] for k in keys}
        profile = profile_of(keys_of_group, group_rows(rows, keys_of_group)) if profile_of else STRAIGHT_LINE
        records.append(
            {
                **keys_of_group,
                "planned_krw": planned,
                "executed_krw": executed,
                **pace_values(planned, executed, year, as_of, profile),
                "pace_level": profile.level,
                "source_rows": group["source_rows"],
            }
        )
    out = pd.DataFrame(records, columns=[*keys, *RATE_COLUMNS])
    for column in RATE_COLUMNS:
        if column.endswith("_krw"):
            out[column] = pd.array(out[column].tolist(), dtype="Int64")
        elif column.endswith("rate") or column == "gap":
            out[column] = pd.array(out[column].tolist(), dtype="Float64")
    out = out.sort_values(["rate", *keys], na_position="last", kind="stable").reset_index(drop=True)
    return out


def lagging(rates: pd.DataFrame, gap: float = PaceSettings.lagging_gap) -> pd.DataFrame:
    """Groups whose execution rate is under their expected pace by more than `gap` (program.toml
    [pace] lagging_gap, 0.10 = 10%p), furthest behind first."""
    behind = rates[rates["gap"].notna() & (rates["gap"] < -gap)]
    return behind.sort_values("gap", kind="stable").reset_index(drop=True)


def year_end_risk(rates: pd.DataFrame, target: float | None) -> pd.DataFrame:
    """Groups whose projected range ends below the year's target rate: even the high end of the 80% range falls
    short (the point, when there is no range). `at_risk_krw` = planned − projected (the money likely left as
    불용 or 이월). Largest amount first. Empty without a target."""
    if target is None or rates.empty:
        return rates.iloc[:0].assign(at_risk_krw=pd.array([], dtype="Int64"))
    high = rates["projected_high_rate"].fillna(rates["projected_rate"])
    risky = rates[high.notna() & (high < target)].copy()
    risky["at_risk_krw"] = pd.array(
        [int(p) - int(x) for p, x in zip(risky["planned_krw"], risky["projected_krw"], strict=True)], dtype="Int64"
    )
    return risky.sort_values(
        ["at_risk_krw", *[c for c in ("program", "strategy") if c in risky]], ascending=False, kind="stable"
    ).reset_index(drop=True)


def phase_source_totals(rows: pd.DataFrame, sources: Iterable[str] = ()) -> pd.DataFrame:
    """Planned, executed and rate per phase and funding source over all years of `rows` (through the data's
    as-of date, since later months carry no executed money). Sources in `sources` come first, in that order."""
    order = {name: i for i, name in enumerate(sources)}
    records = []
    for group in _group_sums(rows, ["phase", "source"]).to_dict("records"):
        planned, executed = int(group["planned_krw"]), int(group["executed_krw"])
        records.append(
            {
                "phase": int(group["phase"]),
                "source": group["source"],
                "planned_krw": planned,
                "executed_krw": executed,
                "rate": ratio(executed, planned),
                "source_rows": group["source_rows"],
            }
        )
    out = pd.DataFrame(records, columns=["phase", "source", "planned_krw", "executed_krw", "rate", "source_rows"])
    out["rate"] = pd.array(out["rate"].tolist(), dtype="Float64")
    out["_order"] = [order.get(s, len(order)) for s in out["source"]]
    out = out.sort_values(["phase", "_order", "source"], kind="stable").drop(columns="_order").reset_index(drop=True)
    for column in ("planned_krw", "executed_krw"):
        out[column] = pd.array(out[column].tolist(), dtype="Int64")
    out["phase"] = pd.array(out["phase"].tolist(), dtype="Int64")
    return out


# --- everything the budget page shows, in one call -------------------------------------------------------------


@dataclass(frozen=True)
class PageFigures:
    """The budget page's figures for one selection and year (see `page_figures`)."""

    summary: YearSummary  # the selection in the year
    previous_planned: int | None  # the year before, same strategy/programme/source filters (None: no rows)
    previous_rate: float | None  # the year before at the same point (same whole month), None without months
    gap_last_month: float | None  # the pace gap at the end of the month before the as-of month
    curve: pd.DataFrame  # year_curve of the selection (by month, or from its year-to-date snapshots)
    points: pd.DataFrame  # snapshot_points of the selection: one per 기준일 (empty for a year held by month)
    by_strategy: pd.DataFrame  # rates per strategy: phase and source filters only (the drill-down chart)
    by_program: pd.DataFrame  # rates per (strategy, programme) of the selection
    behind: pd.DataFrame  # lagging(by_program): under the expected pace by more than the configured gap
    phase_totals: pd.DataFrame  # per phase and source over all years: strategy, programme and source filters
    has_months: bool  # whether the selection's rows carry months (else no monthly curve can be drawn)
    by_source: pd.DataFrame = field(default_factory=pd.DataFrame)  # rates and projection per funding source
    risk: pd.DataFrame = field(default_factory=pd.DataFrame)  # year_end_risk(by_program, target)
    target: float | None = None  # the year's target execution rate (None: no target)
    # each table row's profile, by its group keys (`group_key`): its cells' sources are paced the same way
    profiles: dict[tuple[tuple[str, object], ...], Profile] = field(default_factory=dict)

    def profile_of(self, group: dict[str, object]) -> Profile:
        """The profile a table row (named by its group keys) was paced by; the headline's for an unknown group."""
        return self.profiles.get(group_key(group), self.summary.profile)


def group_key(group: dict[str, object]) -> tuple[tuple[str, object], ...]:
    return tuple(sorted(group.items()))


def page_figures(
    budget: pd.DataFrame,
    selection: Selection,
    year: int,
    as_of: dt.date,
    source_order: Iterable[str] = (),
    every_snapshot: pd.DataFrame | None = None,
    settings: PaceSettings | None = None,
    target: float | None = None,
) -> PageFigures:
    """All figures of the budget page for `selection` in `year` (budget as returned by `prepare`; `every_snapshot`
    as returned by `prepare(…, latest_only=False)`, for the S-curve of a year held as year-to-date snapshots),
    paced by the profiles learned from the budget's complete earlier years (`settings`: program.toml [pace])."""
    settings = settings or PaceSettings()
    rows = select(budget, selection, year)
    snapshot_rows = (
        snapshots(select(every_snapshot, selection, year), year) if every_snapshot is not None else rows.iloc[:0]
    )
    months = whole_months(year, as_of)
    across_phases = Selection(None, selection.strategy, selection.programs, selection.sources)
    previous = select(budget, across_phases, year - 1)
    book = PaceBook(budget, year, settings)
    profile = selection_profile(book, budget, selection, year)
    profiles: dict[tuple[tuple[str, object], ...], Profile] = {}

    def recorded(group: dict[str, object], group_rows: pd.DataFrame) -> Profile:
        profiles[group_key(group)] = book.for_group(group, group_rows)
        return profiles[group_key(group)]

    by_program = rates_by(rows, ["strategy", "program"], year, as_of, recorded)
    return PageFigures(
        summary=summarise(rows, year, as_of, profile),
        previous_planned=won(previous["planned_krw"]) if not previous.empty else None,
        previous_rate=rate_through(previous, year - 1, months) if months else None,
        gap_last_month=gap_through(rows, year, months - 1, profile) if months and 1 < months < 12 else None,
        curve=snapshot_curve(snapshot_rows, year, profile)
        if len(snapshot_rows)
        else monthly_curve(rows, year, as_of, profile),
        points=snapshot_points(snapshot_rows),
        by_strategy=rates_by(
            select(budget, Selection(selection.phase, None, (), selection.sources), year),
            "strategy",
            year,
            as_of,
            recorded,
        ),
        by_program=by_program,
        behind=lagging(by_program, settings.lagging_gap),
        phase_totals=phase_source_totals(select(budget, across_phases), source_order),
        has_months=bool(rows["month"].notna().any() or len(snapshot_rows)),
        by_source=rates_by(rows, "source", year, as_of, recorded),
        risk=year_end_risk(by_program, target),
        target=target,
        profiles=profiles,
    )


@dataclass(frozen=True)
class YearOutlook:
    """The whole budget's year at a date, as the overview, the phone glance and the briefing show it: the headline
    with its projection and range, each programme's pace, those behind it and those at risk of missing the target."""

    summary: YearSummary
    by_program: pd.DataFrame  # rates_by(…, "program") paced by each programme's profile
    behind: pd.DataFrame  # lagging(by_program)
    risk: pd.DataFrame  # year_end_risk(by_program, target)
    target: float | None


def outlook(
    budget: pd.DataFrame,
    year: int,
    as_of: dt.date,
    settings: PaceSettings | None = None,
    target: float | None = None,
    rows: pd.DataFrame | None = None,
) -> YearOutlook:
    """`year` of the whole budget (as `prepare` returns it) at `as_of`, paced by the profiles learned from the
    budget's complete earlier years. `rows`: the year's rows to judge, when not the budget's own (e.g. the year
    as it stood a month earlier)."""
    settings = settings or PaceSettings()
    in_year = budget[budget["year"] == year] if rows is None else rows[rows["year"] == year]
    book = PaceBook(budget, year, settings)
    by_program = rates_by(in_year, "program", year, as_of, book.for_group)
    return YearOutlook(
        summary=summarise(in_year, year, as_of, book.total(in_year)),
        by_program=by_program,
        behind=lagging(by_program, settings.lagging_gap),
        risk=year_end_risk(by_program, target),
        target=target,
    )


def selection_profile(book: PaceBook, budget: pd.DataFrame, selection: Selection, year: int) -> Profile:
    """The headline's profile: the selection's own earlier years (its strategy, programme and source filters, in
    any phase) when it narrows the budget and has enough of them, else the whole budget's."""
    narrowed = bool(selection.strategy or selection.programs or selection.sources)
    history = select(budget, Selection(None, selection.strategy, selection.programs, selection.sources))
    key = repr((selection.strategy, selection.programs, selection.sources)) if narrowed else None
    return book.for_selection(history, select(budget, selection, year), key)


# --- the same figures, each knowing the rows it is made of (the "출처" dialogs) ------------------------------


def share_figure(profile: Profile, year: int, as_of: dt.date) -> Figure:
    """The share of a year's execution usually reached by the as-of date, as a figure: the straight line's
    months ÷ 12 (given), a plan's cumulative 예산액 share, or the mean of each learned year's share, each that
    year's executed through the month ÷ its whole year (with their rows)."""
    months = months_elapsed(year, as_of)
    value = float(profile.share_at(months))
    if not profile.learned:
        key = "figure.share_elapsed" if profile.level == "straight" else "figure.plan_share"
        return given(value, "ratio", key)
    whole = int(months) if months.denominator == 1 else None
    parts = []
    for learned in profile.years:
        share_of_year = float(_interpolate_share(learned, months))
        args: tuple[tuple[str, int | str], ...] = (("year", learned.year), ("month", whole or 0))
        if whole is None or whole in (0, 12):
            parts.append(Figure("figure.year_share_interpolated", share_of_year, GIVEN, "ratio", args=args))
            continue
        through = Figure(
            "figure.year_cum_executed",
            learned.cumulative[whole - 1],
            "sum",
            "krw",
            "budget",
            "executed_krw",
            learned.rows_through(whole),
            args=args,
        )
        year_total = Figure(
            "figure.year_executed",
            learned.executed,
            "sum",
            "krw",
            "budget",
            "executed_krw",
            learned.source_rows,
            args=args,
        )
        parts.append(
            replace(derived(RATIO, share_of_year, "ratio", "figure.year_share", through, year_total), args=args)
        )
    return Figure("figure.usual_share", value, MEAN, "ratio", parts=tuple(parts), args=(("month", whole or 0),))


def _interpolate_share(learned: LearnedYear, months: Fraction) -> Fraction:
    return interpolate([Fraction(0), *(Fraction(c, learned.executed) for c in learned.cumulative)], months)


def year_figures(rows: pd.DataFrame, year: int, as_of: dt.date, profile: Profile = STRAIGHT_LINE) -> dict[str, Figure]:
    """`rates_by`'s columns for one group of rows (or `summarise`'s headline for a selection) as traceable figures:
    planned_krw, executed_krw, rate, expected_rate, gap, pace_krw, shortfall_krw, projected_krw, projected_rate and
    projected_range. Values are the exact ones the tables show; derived figures name their parts."""
    rows = rows[rows["year"] == year]
    planned = total(rows, "planned_krw", "budget", "figure.planned_year")
    executed = total(rows, "executed_krw", "budget", "figure.executed_to_date")
    values = pace_values(won(rows["planned_krw"]), won(rows["executed_krw"]), year, as_of, profile)
    share = share_figure(profile, year, as_of)
    if profile.learned:
        final = given(float(profile.final_rate), "ratio", "figure.usual_final_rate")
        expected = derived(PRODUCT, values["expected_rate"], "ratio", "figure.expected_rate", share, final)
    else:
        expected = share
    rate = derived(RATIO, values["rate"], "ratio", "figure.execution_rate", executed, planned)
    pace = derived(PRODUCT, values["pace_krw"], "krw", "figure.pace_amount", planned, expected)
    projected = derived(RATIO, values["projected_krw"], "krw", "figure.projected", executed, share)
    projected_rate = derived(RATIO, values["projected_rate"], "ratio", "figure.projected_rate", projected, planned)
    figures = {
        "planned_krw": planned,
        "executed_krw": executed,
        "rate": rate,
        "expected_rate": expected,
        "gap": derived(DIFFERENCE, values["gap"], "points", "figure.pace_gap", rate, expected),
        "pace_krw": pace,
        "shortfall_krw": derived(DIFFERENCE, values["shortfall_krw"], "krw", "figure.shortfall", pace, executed),
        "projected_krw": projected,
        "projected_rate": projected_rate,
    }
    bounds = profile.share_bounds(months_elapsed(year, as_of))
    if values["projected_low_rate"] is not None and bounds is not None:
        low_share = given(float(bounds[1]), "ratio", "figure.share_bound_high")
        high_share = given(float(bounds[0]), "ratio", "figure.share_bound_low")
        low_krw = derived(RATIO, values["projected_low_krw"], "krw", "figure.projected_low", executed, low_share)
        high_krw = derived(RATIO, values["projected_high_krw"], "krw", "figure.projected_high", executed, high_share)
        low = derived(RATIO, values["projected_low_rate"], "ratio", "figure.projected_low_rate", low_krw, planned)
        high = derived(RATIO, values["projected_high_rate"], "ratio", "figure.projected_high_rate", high_krw, planned)
        figures["projected_range"] = derived(RANGE, None, "ratio", "figure.projected_range", low, high)
        figures["projected_low_rate"], figures["projected_high_rate"] = low, high
    return figures


def at_risk_figure(figures: dict[str, Figure]) -> Figure:
    """The money likely left unspent or carried over (불용·이월): planned − projected year-end executed."""
    planned, projected = figures["planned_krw"], figures["projected_krw"]
    value = None if planned.value is None or projected.value is None else int(planned.value) - int(projected.value)
    return derived(DIFFERENCE, value, "krw", "figure.at_risk", planned, projected)


def cell_figure(
    figures_of: Callable[[dict[str, object], pd.DataFrame], dict[str, Figure]],
    source_rows: pd.DataFrame,
    group: dict[str, object],
    column: str,
) -> Figure | None:
    """The figure behind one table cell: the group's figures (`figures_of(group, its rows)`); the money at risk is
    planned − projected."""
    found = figures_of(group, group_rows(source_rows, group))
    if column == "at_risk_krw":
        return at_risk_figure(found)
    return found.get(column)


def total_figures(rows: pd.DataFrame) -> dict[str, Figure]:
    """`phase_source_totals`' columns for one group of rows (all its years): planned_krw, executed_krw, rate."""
    planned = total(rows, "planned_krw", "budget", "figure.planned_total")
    executed = total(rows, "executed_krw", "budget", "figure.executed_total")
    rate = derived(
        RATIO,
        ratio(won(rows["executed_krw"]), won(rows["planned_krw"])),
        "ratio",
        "figure.execution_rate",
        executed,
        planned,
    )
    return {"planned_krw": planned, "executed_krw": executed, "rate": rate}


def group_rows(rows: pd.DataFrame, group: dict[str, object]) -> pd.DataFrame:
    """The rows of one table row's group, e.g. {"strategy": …, "program": …} or {"phase": 2, "source": "국비"}."""
    keep = pd.Series(True, index=rows.index)
    for column, value in group.items():
        keep &= rows[column] == value
    return rows[keep.fillna(False).astype(bool)]


def curve_figure(
    rows: pd.DataFrame, year: int, as_of: dt.date, month: int, column: str, profile: Profile = STRAIGHT_LINE
) -> Figure | None:
    """The figure behind one cell of `monthly_curve`'s table (None for a cumulative executed month not yet
    reached): the month's planned_krw / executed_krw, cum_planned_krw / cum_executed_krw through the month, or
    pace_krw = the year's planned × month ÷ 12, or expected_krw = the year's planned × the profile's expected rate."""
    rows = rows[rows["year"] == year]
    dated = rows[rows["month"].notna()]
    if column in ("planned_krw", "executed_krw"):
        return total(dated[dated["month"] == month], column, "budget", f"figure.month_{column}")
    if column in ("cum_planned_krw", "cum_executed_krw"):
        if column == "cum_executed_krw" and month > months_elapsed(year, as_of):
            return None
        return total(dated[dated["month"] <= month], column.removeprefix("cum_"), "budget", f"figure.{column}")
    if column == "pace_krw":
        annual = total(rows, "planned_krw", "budget", "figure.planned_year")
        assert isinstance(annual.value, int)  # won columns are integer, and total() sums them exactly
        return derived(
            PRODUCT,
            round_won(Fraction(annual.value * month, 12)),
            "krw",
            "figure.pace_line",
            annual,
            given(month / 12, "ratio", "figure.months_share"),
        )
    if column == "expected_krw":
        annual = total(rows, "planned_krw", "budget", "figure.planned_year")
        assert isinstance(annual.value, int)
        return derived(
            PRODUCT,
            expected_amount(profile, annual.value, Fraction(month)),
            "krw",
            "figure.expected_line",
            annual,
            given(float(profile.expected_rate(month)), "ratio", "figure.expected_rate"),
        )
    raise ValueError(f"no figure for column {column!r}")


# --- the headline tiles: figures and their deltas --------------------------------------------------------------


def headline_figures(
    budget: pd.DataFrame, selection: Selection, year: int, as_of: dt.date, page: PageFigures, target: float | None
) -> dict[str, Figure | None]:
    """The six headline tiles' figures (`year_figures` of the selection) and each tile's delta, as figures:

    - planned_delta = planned − the year before's planned (same filters but phase; None without such rows or money)
    - executed_delta = executed − planned through the as-of month (None without whole months)
    - rate_delta = rate − the year before's rate at the same month
    - gap_delta = gap − the gap at the end of the month before
    - projected_delta = projected − planned (what the year would leave unspent, negative, or overspend)
    - projected_rate_delta = projected rate − the year's target rate

    A delta is None when either side is missing. Values equal `page`'s (the same cached computation)."""
    summary = page.summary
    rows = select(budget, selection, year)
    tiles = year_figures(rows, year, as_of, summary.profile)
    figures: dict[str, Figure | None] = dict(tiles)
    planned, executed = tiles["planned_krw"], tiles["executed_krw"]

    previous_rows = select(budget, Selection(None, selection.strategy, selection.programs, selection.sources), year - 1)
    previous_planned = total(previous_rows, "planned_krw", "budget", "figure.planned_year")
    figures["planned_delta"] = (
        derived(
            DIFFERENCE,
            summary.planned - page.previous_planned,
            "krw",
            "budget.metric.planned.delta",
            planned,
            previous_planned,
        )
        if page.previous_planned
        else None
    )
    through = whole_months(year, as_of)
    if summary.planned_to_date is not None:
        in_year = rows[rows["year"] == year]
        to_date = total(in_year[in_year["month"] <= through], "planned_krw", "budget", "figure.cum_planned_krw")
        figures["executed_delta"] = derived(
            DIFFERENCE,
            summary.executed - summary.planned_to_date,
            "krw",
            "budget.metric.executed.delta",
            executed,
            to_date,
        )
    else:
        figures["executed_delta"] = None
    if summary.rate is not None and page.previous_rate is not None:
        before = previous_rows[(previous_rows["year"] == year - 1) & (previous_rows["month"] <= through)]
        previous_rate = derived(
            RATIO,
            page.previous_rate,
            "ratio",
            "figure.execution_rate",
            total(before, "executed_krw", "budget", "figure.cum_executed_krw"),
            previous_planned,
        )
        figures["rate_delta"] = derived(
            DIFFERENCE,
            summary.rate - page.previous_rate,
            "points",
            "budget.metric.rate.delta",
            tiles["rate"],
            previous_rate,
        )
    else:
        figures["rate_delta"] = None
    if summary.gap is not None and page.gap_last_month is not None:
        last_month = derived(DIFFERENCE, page.gap_last_month, "points", "figure.pace_gap")
        figures["gap_delta"] = derived(
            DIFFERENCE,
            summary.gap - page.gap_last_month,
            "points",
            "budget.metric.gap.delta",
            tiles["gap"],
            last_month,
        )
    else:
        figures["gap_delta"] = None
    figures["projected_delta"] = (
        derived(
            DIFFERENCE,
            summary.projected - summary.planned,
            "krw",
            "budget.metric.projected.delta",
            tiles["projected_krw"],
            planned,
        )
        if summary.projected is not None
        else None
    )
    figures["projected_rate_delta"] = (
        derived(
            DIFFERENCE,
            summary.projected_rate - target,
            "points",
            "budget.metric.projected_rate.delta",
            tiles["projected_rate"],
            given(target, "ratio", "figure.projected_rate"),
        )
        if summary.projected_rate is not None and target is not None
        else None
    )
    return figures
