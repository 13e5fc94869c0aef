"""Expected pace and year-end projection learned from the city's own spending pattern (its seasons).

Korean public spending is not a straight line: a large share of a year is executed in December. So the pace a
programme is judged against, and the year-end it is projected to reach, come from the complete earlier years in
the store (docs/pace.md):

- a year's cumulative share at month m: s(y, m) = executed in months 1..m of year y ÷ executed in the whole year y;
- the profile: for each month, the mean of s(y, m) over the learned years, and its spread (sample standard
  deviation); between month ends (a mid-month 기준일) the share is interpolated linearly;
- the usual final rate: the mean of (a year's executed ÷ its planned) over the same years;
- expected pace at month m (rate): profile(m) × usual final rate; expected amount: planned × that, to the won;
- year-end projection: executed to date ÷ profile(m), to the won; its 80% range: executed to date ÷ the upper and
  lower ends of a prediction interval for a new year's share at m, mean ± t(0.90; n−1) × sd × √(1 + 1/n);
- levels: a programme's own years when it has at least `min_complete_years` complete years, else its strategy's,
  else the whole budget's; with fewer at every level, a month-by-month plan (월별 예산액) in the year's rows, else
  the straight line (m ÷ 12, final rate 1), which is the old pace and has no range.

A learned year is a year before the one judged whose rows carry every month 1–12 (a year with months missing,
held as year-to-date snapshots, or as whole-year rows is left out, and the reason kept for the page to say).
Pure functions: frames in, numbers out, no Streamlit and no clock.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import pandas as pd

from program import PaceSettings

# Student's t quantile at 0.90 by degrees of freedom: the two-sided 80% prediction interval's multiplier.
_T90 = (3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372, 1.363, 1.356, 1.350, 1.345, 1.341)
_T90_LARGE = 1.2816  # the normal quantile, for many years
RANGE_COVERAGE = 0.80  # the range is an 80% prediction interval

# Levels a profile can come from, most specific first (message keys "pace.level.<level>").
PROGRAM, STRATEGY, SOURCE, SELECTION, TOTAL, PLAN, STRAIGHT = (
    "program",
    "strategy",
    "source",
    "selection",
    "total",
    "plan",
    "straight",
)

# Why a year was not learned from (message keys "pace.left_out.<reason>").
MISSING_MONTHS, NO_MONTHS, NOTHING_EXECUTED = "missing_months", "no_months", "nothing_executed"


def t90(degrees_of_freedom: int) -> float:
    """Student's t at 0.90 (the 80% two-sided multiplier) for `degrees_of_freedom` ≥ 1."""
    if degrees_of_freedom < 1:
        raise ValueError("a spread needs two years")
    if degrees_of_freedom <= len(_T90):
        return _T90[degrees_of_freedom - 1]
    return _T90_LARGE + 2.5 / degrees_of_freedom  # within 0.005 of the exact value beyond 15


@dataclass(frozen=True)
class LearnedYear:
    """One complete earlier year of a subject: its planned, executed and cumulative executed by month (won)."""

    year: int
    planned: int
    executed: int
    cumulative: tuple[int, ...]  # 12 values: executed in months 1..m, m = 1..12
    source_rows: tuple[int, ...]
    rows_by_month: tuple[tuple[int, ...], ...] = ()  # 12 tuples: the Excel rows of each month

    def rows_through(self, month: int) -> tuple[int, ...]:
        return tuple(r for rows in self.rows_by_month[:month] for r in rows)

    def share(self, month: int) -> float:
        """s(y, m): executed through `month` ÷ executed in the year (0 at month 0)."""
        if month <= 0:
            return 0.0
        return float(Fraction(self.cumulative[month - 1], self.executed))

    @property
    def final_rate(self) -> float | None:
        return float(Fraction(self.executed, self.planned)) if self.planned else None


Share = Fraction | float  # exact for the straight line and a plan, a mean of floats for a learned profile


@dataclass(frozen=True)
class Profile:
    """The expected pace of one subject: month-end shares 0..12, their spread, and the usual final rate."""

    level: str  # PROGRAM, STRATEGY, SOURCE, SELECTION, TOTAL, PLAN or STRAIGHT
    subject: str | None  # the programme, strategy or source it was learned for (None: the whole budget)
    shares: tuple[Share, ...]  # 13 values, month 0 (0) to month 12 (1)
    spread: tuple[float, ...] = ()  # 13 sample standard deviations (empty: no range)
    final_rate: Share = Fraction(1)  # usual year-end execution rate (executed ÷ planned)
    years: tuple[LearnedYear, ...] = ()
    left_out: tuple[tuple[int, str], ...] = ()  # (year, reason) not learned from

    @property
    def learned(self) -> bool:
        return self.level not in (PLAN, STRAIGHT)

    @property
    def has_range(self) -> bool:
        return len(self.years) >= 2 and bool(self.spread)

    @property
    def year_numbers(self) -> tuple[int, ...]:
        return tuple(y.year for y in self.years)

    @property
    def source_rows(self) -> tuple[int, ...]:
        return tuple(r for y in self.years for r in y.source_rows)

    def share_at(self, months: Fraction | float) -> Fraction:
        """The expected share of the year's execution reached after `months` (0–12), linear between month ends;
        exact for the straight line (months ÷ 12) and a plan."""
        return interpolate(self.shares, months)

    def spread_at(self, months: Fraction | float) -> float:
        return float(interpolate(self.spread, months)) if self.spread else 0.0

    def expected_rate(self, months: Fraction | float) -> Fraction:
        """Expected execution rate after `months`: share × usual final rate."""
        return self.share_at(months) * Fraction(self.final_rate)

    def share_bounds(self, months: Fraction | float) -> tuple[Fraction, Fraction] | None:
        """The 80% prediction interval of a new year's share after `months` (None without a range), within (0, 1]."""
        if not self.has_range:
            return None
        n = len(self.years)
        centre = float(self.share_at(months))
        half = t90(n - 1) * self.spread_at(months) * math.sqrt(1 + 1 / n)
        floor = min(centre, 0.005)  # a share is never below 0.5% of the year, or the projection would explode
        return Fraction(max(centre - half, floor)), Fraction(min(centre + half, 1.0))


def interpolate(values: Sequence[Share], months: Fraction | float) -> Fraction:
    months = min(max(Fraction(months), Fraction(0)), Fraction(12))
    low = math.floor(months)
    if low >= 12:
        return Fraction(values[12])
    weight = months - low
    return Fraction(values[low]) * (1 - weight) + Fraction(values[low + 1]) * weight


STRAIGHT_LINE = Profile(STRAIGHT, None, tuple(Fraction(m, 12) for m in range(13)))


# --- learning from earlier years ------------------------------------------------------------------------------


def _won(values: pd.Series) -> int:
    return int(sum(int(v) for v in values.dropna()))


def year_completeness(budget: pd.DataFrame, before_year: int) -> tuple[list[int], list[tuple[int, str]]]:
    """The years before `before_year` whose rows (the whole budget) carry every month 1–12, and the others with
    their reason. Only the rows held by month count: a year held as year-to-date snapshots has no months."""
    complete: list[int] = []
    left_out: list[tuple[int, str]] = []
    earlier = budget[budget["year"] < before_year]
    for year in sorted(int(y) for y in earlier["year"].dropna().unique()):
        months = {int(m) for m in earlier.loc[earlier["year"] == year, "month"].dropna()}
        if not months:
            left_out.append((year, NO_MONTHS))
        elif months != set(range(1, 13)):
            left_out.append((year, MISSING_MONTHS))
        else:
            complete.append(year)
    return complete, left_out


def learned_years(rows: pd.DataFrame, years: Sequence[int]) -> tuple[list[LearnedYear], list[tuple[int, str]]]:
    """The subject's rows in each of `years` (complete years of the store) as LearnedYears; a year in which the
    subject executed nothing (or a net refund) is left out with its reason."""
    # One pass over the rows (in frame order) instead of a filter per year and month: a page asks this of every
    # programme, strategy and funding source of the budget.
    wanted = {int(year) for year in years}
    in_years: dict[int, list[tuple[Any, Any, Any, int]]] = {}
    dated = rows[rows["month"].notna()]
    for year, month, executed, planned, source_row in zip(
        dated["year"], dated["month"], dated["executed_krw"], dated["planned_krw"], dated["source_row"], strict=True
    ):
        if not pd.isna(year) and int(year) in wanted and int(year) == year:
            in_years.setdefault(int(year), []).append((month, executed, planned, int(source_row)))
    learned, left_out = [], []
    for year in years:
        entries = in_years.get(int(year))
        if not entries:
            continue  # the subject did not exist that year: not a gap, nothing to say
        executed_by_month = [0] * 13
        rows_by_month: list[list[int]] = [[] for _ in range(13)]
        for month, executed, _planned, source_row in entries:
            number = int(month) if month == int(month) and 1 <= int(month) <= 12 else 0
            if not pd.isna(executed):
                executed_by_month[number] += int(executed)
            rows_by_month[number].append(source_row)
        cumulative, running = [], 0
        for month in range(1, 13):
            running += executed_by_month[month]
            cumulative.append(running)
        executed_total = cumulative[-1]
        if executed_total <= 0:
            left_out.append((year, NOTHING_EXECUTED))
            continue
        learned.append(
            LearnedYear(
                year=year,
                planned=sum(int(planned) for _m, _e, planned, _r in entries if not pd.isna(planned)),
                executed=executed_total,
                cumulative=tuple(cumulative),
                source_rows=tuple(source_row for _m, _e, _p, source_row in entries),
                rows_by_month=tuple(tuple(rows_by_month[month]) for month in range(1, 13)),
            )
        )
    return learned, left_out


def profile_from(
    years: Sequence[LearnedYear], level: str, subject: str | None, left_out: Sequence[tuple[int, str]] = ()
) -> Profile:
    """The mean share and spread at each month end, and the usual final rate, over `years` (at least one)."""
    if not years:
        raise ValueError("a profile needs at least one learned year")
    shares: list[Share] = []
    spread: list[float] = []
    for month in range(13):
        values = [y.share(month) for y in years]
        shares.append(math.fsum(values) / len(values))
        spread.append(_sample_sd(values) if len(values) >= 2 else 0.0)
    rates = [r for r in (y.final_rate for y in years) if r is not None]
    return Profile(
        level=level,
        subject=subject,
        shares=tuple(shares),
        spread=tuple(spread) if len(years) >= 2 else (),
        final_rate=math.fsum(rates) / len(rates) if rates else Fraction(1),
        years=tuple(years),
        left_out=tuple(left_out),
    )


def _sample_sd(values: Sequence[float]) -> float:
    mean = math.fsum(values) / len(values)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1))


def plan_profile(rows: pd.DataFrame, year: int, left_out: Sequence[tuple[int, str]] = ()) -> Profile | None:
    """The pace of a month-by-month plan (월별 예산액) in `year`'s rows: cumulative planned ÷ the year's planned,
    final rate 1 (a plan plans to spend it all). None unless the rows give every month 1–12 (months uploaded so far
    are not a whole year's plan) and plan some money."""
    in_year = rows[rows["year"] == year]
    if in_year.empty or in_year["month"].isna().any():
        return None
    by_month = in_year.groupby("month")["planned_krw"].agg(_won)
    annual = int(by_month.sum())
    if annual <= 0 or {int(m) for m in by_month.index} != set(range(1, 13)):
        return None
    running, shares = 0, [Fraction(0)]
    for month in range(1, 13):
        running += int(by_month.get(month, 0))
        shares.append(Fraction(running, annual))
    return Profile(PLAN, None, tuple(shares), left_out=tuple(left_out))


@dataclass
class PaceBook:
    """The profiles of one budget (as `metrics.budget.prepare` returns it) for judging `year`, learned once per
    subject and kept: the whole budget's, each strategy's, programme's and funding source's."""

    budget: pd.DataFrame
    year: int
    settings: PaceSettings = field(default_factory=PaceSettings)
    # Each subject's profile, or None when it has too few complete years: asked again for every table row.
    _cache: dict[tuple[str, str | None], Profile | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.complete_years, self.left_out = year_completeness(self.budget, self.year)

    def _learn(self, level: str, subject: str | None, rows: Callable[[], pd.DataFrame]) -> Profile | None:
        """The subject's profile; `rows` gives its rows, and is called only the first time the subject is asked."""
        key = (level, subject)
        if key not in self._cache:
            years, skipped = learned_years(rows(), self.complete_years)
            left_out = sorted([*self.left_out, *skipped])
            enough = len(years) >= self.settings.min_complete_years
            self._cache[key] = profile_from(years, level, subject, left_out) if enough else None
        return self._cache[key]

    def _subject_rows(self, column: str, value: str) -> Callable[[], pd.DataFrame]:
        return lambda: self.budget[self.budget[column] == value]

    def _all_rows(self) -> pd.DataFrame:
        return self.budget

    def _fallback(self, plan_rows: pd.DataFrame) -> Profile:
        plan = plan_profile(plan_rows, self.year, self.left_out)
        if plan is not None:
            return plan
        return Profile(STRAIGHT, None, STRAIGHT_LINE.shares, left_out=tuple(self.left_out))

    def total(self, plan_rows: pd.DataFrame | None = None) -> Profile:
        """The whole budget's profile (or the plan of `plan_rows`, or the straight line)."""
        rows = self.budget if plan_rows is None else plan_rows
        if self.settings.prefer_monthly_plan and (plan := plan_profile(rows, self.year)) is not None:
            return plan
        return self._learn(TOTAL, None, self._all_rows) or self._fallback(rows)

    def of(self, chain: Sequence[tuple[str, str]], plan_rows: pd.DataFrame) -> Profile:
        """The first profile learned along `chain` ((level, value) pairs, e.g. (PROGRAM, "창업 보육"), then
        (STRATEGY, "핵심 기업 육성")), else the whole budget's; `plan_rows` are the subject's rows of the year."""
        if self.settings.prefer_monthly_plan and (plan := plan_profile(plan_rows, self.year)) is not None:
            return plan
        for level, value in chain:
            column = {PROGRAM: "program", STRATEGY: "strategy", SOURCE: "source"}[level]
            learned = self._learn(level, value, self._subject_rows(column, value))
            if learned is not None:
                return learned
        return self._learn(TOTAL, None, self._all_rows) or self._fallback(plan_rows)

    def for_group(self, group: dict[str, object], plan_rows: pd.DataFrame) -> Profile:
        """A table row's profile: a programme's chain is programme → strategy → total; a strategy's strategy →
        total; a funding source's source → total."""
        chain: list[tuple[str, str]] = []
        strategy = group.get("strategy")
        if isinstance(group.get("program"), str):
            chain.append((PROGRAM, str(group["program"])))
            if strategy is None and "strategy" in self.budget.columns:  # a table by programme alone
                named = self.budget.loc[self.budget["program"] == group["program"], "strategy"].dropna()
                strategy = named.mode().iloc[0] if len(named) else None
        if isinstance(strategy, str):
            chain.append((STRATEGY, strategy))
        if not chain and isinstance(group.get("source"), str):
            chain.append((SOURCE, str(group["source"])))
        return self.of(chain, plan_rows)

    def for_selection(self, history: pd.DataFrame, selection_rows: pd.DataFrame, key: str | None) -> Profile:
        """The headline's profile: the selection's own history (`history`: its rows in every year) when the
        selection narrows the budget (`key` names it; None: the whole budget) and has enough years, else the
        whole budget's."""
        if key is not None and not (self.settings.prefer_monthly_plan and plan_profile(selection_rows, self.year)):
            learned = self._learn(SELECTION, key, lambda: history)
            if learned is not None:
                return learned
        return self.total(selection_rows)


# --- the year-end projection ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """A year-end projection of executed money, exact (rounded to the won when shown), with its 80% range."""

    executed: int  # to date, won
    planned: int  # the year's planned, won
    months: Fraction  # months of the year elapsed
    share: Fraction  # the profile's expected share of the year's execution reached by now
    point: Fraction | None
    low: Fraction | None = None
    high: Fraction | None = None

    @staticmethod
    def _won(value: Fraction | None) -> int | None:
        return None if value is None else round_won(value)

    def _rate(self, value: Fraction | None) -> float | None:
        return None if value is None or not self.planned else float(value / self.planned)

    @property
    def point_krw(self) -> int | None:
        return self._won(self.point)

    @property
    def low_krw(self) -> int | None:
        return self._won(self.low)

    @property
    def high_krw(self) -> int | None:
        return self._won(self.high)

    @property
    def point_rate(self) -> float | None:
        return self._rate(self.point)

    @property
    def low_rate(self) -> float | None:
        return self._rate(self.low)

    @property
    def high_rate(self) -> float | None:
        return self._rate(self.high)

    @property
    def run_rate(self) -> Fraction | None:
        """executed ÷ months × 12: the straight-line projection, for comparison."""
        return Fraction(self.executed) * 12 / self.months if self.months else None

    @property
    def run_rate_rate(self) -> float | None:
        return self._rate(self.run_rate)


def round_won(value: Fraction) -> int:
    """Half-up rounding of an exact amount to whole won (away from zero at .5)."""
    sign = -1 if value < 0 else 1
    return sign * int((abs(value) * 2 + 1) // 2)


def project(profile: Profile, executed: int, planned: int, months: Fraction) -> Projection:
    """Executed to date ÷ the share usually reached after `months` (and its range). Before the year starts
    (months 0) nothing is projected; at 12 months the projection is what was executed."""
    months = Fraction(months)
    if months <= 0:
        return Projection(executed, planned, Fraction(0), Fraction(0), None)
    if months >= 12:
        done = Fraction(executed)
        return Projection(executed, planned, Fraction(12), Fraction(1), done, done, done)
    share = profile.share_at(months)
    if share <= 0:
        return Projection(executed, planned, months, share, None)
    bounds = profile.share_bounds(months)
    low = high = None
    if bounds is not None:
        low_share, high_share = bounds
        # a larger share reached means less to come: the high share gives the low end
        low, high = sorted((Fraction(executed) / high_share, Fraction(executed) / low_share))
        if executed >= 0:
            low = max(low, Fraction(executed))  # the year cannot end below what is already spent (refunds aside)
    return Projection(executed, planned, months, share, Fraction(executed) / share, low, high)


def expected_amount(profile: Profile, planned: int, months: Fraction) -> int:
    """Planned × the expected rate after `months`, to the won: where the money usually is by now."""
    return round_won(planned * profile.expected_rate(months))


# --- the backtest ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BacktestCase:
    year: int
    month: int
    actual_rate: float
    projected_rate: float | None
    low_rate: float | None
    high_rate: float | None
    run_rate_projection: float | None
    learned_from: tuple[int, ...]

    @property
    def held(self) -> bool:
        return (
            self.low_rate is not None
            and self.high_rate is not None
            and self.low_rate - 1e-12 <= self.actual_rate <= self.high_rate + 1e-12
        )


@dataclass(frozen=True)
class Backtest:
    cases: tuple[BacktestCase, ...]
    skipped: tuple[tuple[int, str], ...]  # (year, reason): complete years not replayed, and years not complete

    @property
    def mae(self) -> float | None:
        errors = [abs(c.projected_rate - c.actual_rate) for c in self.cases if c.projected_rate is not None]
        return math.fsum(errors) / len(errors) if errors else None

    @property
    def mae_run_rate(self) -> float | None:
        errors = [abs(c.run_rate_projection - c.actual_rate) for c in self.cases if c.run_rate_projection is not None]
        return math.fsum(errors) / len(errors) if errors else None

    @property
    def coverage(self) -> float | None:
        ranged = [c for c in self.cases if c.low_rate is not None]
        return sum(c.held for c in ranged) / len(ranged) if ranged else None

    def as_json(self) -> dict[str, object]:
        return {
            "cases": [
                {
                    "year": c.year,
                    "month": c.month,
                    "actual_rate": c.actual_rate,
                    "projected_rate": c.projected_rate,
                    "low_rate": c.low_rate,
                    "high_rate": c.high_rate,
                    "run_rate_projection": c.run_rate_projection,
                    "learned_from": list(c.learned_from),
                }
                for c in self.cases
            ],
            "summary": {
                "mae": self.mae,
                "mae_run_rate": self.mae_run_rate,
                "coverage": self.coverage,
                "cases": len(self.cases),
                "skipped": [{"year": y, "reason": r} for y, r in self.skipped],
            },
        }


TOO_FEW_EARLIER_YEARS = "too_few_earlier_years"
BACKTEST_MONTHS = range(3, 12)


def backtest(
    budget: pd.DataFrame, settings: PaceSettings, as_of: dt.date, months: Sequence[int] = BACKTEST_MONTHS
) -> Backtest:
    """Replay every complete year of `budget` (the whole budget; a year is complete when its rows carry every
    month and the data's `as_of` date is past its end): at the end of each month in `months`, project the year-end
    from that year's rows up to the month, learning only from complete years before it."""
    first_open_year = as_of.year + 1 if (as_of.month, as_of.day) == (12, 31) else as_of.year
    complete, not_complete = year_completeness(budget, first_open_year)
    cases: list[BacktestCase] = []
    skipped = list(not_complete)
    for year in complete:
        book = PaceBook(budget, year, settings)
        profile = book.total()
        if not profile.learned:
            skipped.append((year, TOO_FEW_EARLIER_YEARS))
            continue
        (actual,), _ = learned_years(budget, [year])
        for month in months:
            to_date = actual.cumulative[month - 1]
            projection = project(profile, to_date, actual.planned, Fraction(month))
            cases.append(
                BacktestCase(
                    year=year,
                    month=month,
                    actual_rate=float(Fraction(actual.executed, actual.planned)),
                    projected_rate=projection.point_rate,
                    low_rate=projection.low_rate,
                    high_rate=projection.high_rate,
                    run_rate_projection=projection.run_rate_rate,
                    learned_from=profile.year_numbers,
                )
            )
    return Backtest(tuple(cases), tuple(sorted(skipped)))


ProfileOf = Callable[[dict[str, object], pd.DataFrame], Profile]
