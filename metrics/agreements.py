"""Investment agreements (투자협약) and what became of them: the funnel 협약 → 법인 설립 → 입주 → 가동 with the exits
철수 and 해지, by 협약 연도 cohort; how much of what was promised was invested and hired (이행률); who is stalled
(정체); who left and when.

Every count says what it counts: an agreement (건, one row of a snapshot) or a company (곳: agreements joined by
metrics/company_key.py, one company may hold two agreements). All functions take the loader's agreements frame
(columns of `loaders.contract.AGREEMENTS` plus `source_row`, `status` already a stage) and are pure.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import pandas as pd

from loaders.contract import AGREEMENT_EXITS, AGREEMENT_STAGES

from .company_key import CompanyKeys
from .figures import COUNT, Figure, ratio, row_count, total

DATASET = "agreements"
# What a count counts (its Figure unit): agreements (건) or companies (곳).
AGREEMENT = "agreements"
COMPANY = "companies"
SIGNED, INCORPORATED, RESIDENT, OPERATING = AGREEMENT_STAGES
RESIDENT_STAGES = (RESIDENT, OPERATING)  # 입주 or 가동: the company is here
# The funnel's steps: each counts the agreements that reached at least that stage (and have not left).
FUNNEL = AGREEMENT_STAGES
# Median time between stages, from the milestone dates: (from, to, from column, to column).
INTERVALS = (
    (SIGNED, INCORPORATED, "signed", "incorporated"),
    (SIGNED, RESIDENT, "signed", "moved_in"),
    (RESIDENT, OPERATING, "moved_in", "operating"),
)
RATE_DIGITS = 6  # the CLI's rates: 0.461888


def as_of_dates(frame: pd.DataFrame) -> list[pd.Timestamp]:
    """The 기준일 values in the data, newest first."""
    return sorted((pd.Timestamp(d) for d in frame["as_of"].dropna().unique()), reverse=True)


def snapshot_date(frame: pd.DataFrame, as_of: Any = None) -> pd.Timestamp | None:  # as_of: what pd.Timestamp reads
    """The snapshot that speaks for `as_of`: the latest 기준일 on or before it (None: the latest of all; no
    snapshot that early, or no rows: None)."""
    dates = as_of_dates(frame)
    if as_of is None:
        return dates[0] if dates else None
    limit = pd.Timestamp(as_of)
    return next((d for d in dates if d <= limit), None)


def snapshot(frame: pd.DataFrame, as_of: Any = None) -> pd.DataFrame:
    """The rows of the snapshot speaking for `as_of` (`snapshot_date`); empty when there is none."""
    date = snapshot_date(frame, as_of)
    if date is None:
        return frame.iloc[0:0]
    return frame[frame["as_of"] == date]


def with_keys(rows: pd.DataFrame, keys: CompanyKeys | None = None) -> pd.DataFrame:
    """`rows` with a `company_key` column (one company, one key)."""
    keys = keys or CompanyKeys()
    keys.learn_frame(rows)
    return rows.assign(company_key=keys.key_column(rows))


def _invested(rows: pd.DataFrame) -> pd.Series:
    return rows["invested_krw"].fillna(0) > 0


def _left(rows: pd.DataFrame) -> pd.Series:
    return rows["status"].isin(AGREEMENT_EXITS)


def _stage_rank(rows: pd.DataFrame) -> pd.Series:
    """The ladder position of each agreement's stage (-1 for an exit)."""
    rank = {stage: i for i, stage in enumerate(AGREEMENT_STAGES)}
    return rows["status"].map(lambda s: rank.get(s, -1)).astype(int)


@dataclass(frozen=True)
class Counts:
    """One group's counts (every agreement, or one cohort). All count agreements but `companies`."""

    agreements: int
    invested: int  # 투자실적 > 0
    companies: int  # distinct companies among the agreements
    resident: int  # 입주 or 가동
    operating: int  # 가동
    left: int  # 철수 or 해지

    def as_json(self, with_companies: bool = True) -> dict[str, int]:
        values = {
            "agreements": self.agreements,
            "invested": self.invested,
            "companies": self.companies,
            "resident": self.resident,
            "operating": self.operating,
            "left": self.left,
        }
        if not with_companies:
            values.pop("companies")
        return values


def counts(rows: pd.DataFrame, keys: CompanyKeys | None = None) -> Counts:
    """The counts of one snapshot's agreements (`rows`)."""
    keyed = with_keys(rows, keys)
    return Counts(
        agreements=len(rows),
        invested=int(_invested(rows).sum()),
        companies=int(keyed["company_key"].nunique()),
        resident=int(rows["status"].isin(RESIDENT_STAGES).sum()),
        operating=int((rows["status"] == OPERATING).sum()),
        left=int(_left(rows).sum()),
    )


def _rate(done: int, promised: int) -> float | None:
    if not promised:
        return None
    exact = Decimal(done) / Decimal(promised)
    return float(exact.quantize(Decimal(1).scaleb(-RATE_DIGITS), rounding=ROUND_HALF_EVEN))


def cohort_year(rows: pd.DataFrame) -> pd.Series:
    """Each agreement's 협약 연도."""
    return pd.to_datetime(rows["signed"]).dt.year.astype(int)


@dataclass(frozen=True)
class Summary:
    """`python -m metrics pipeline`'s answer, the page's tiles and the briefing slide's numbers, all one source."""

    as_of: dt.date | None
    totals: Counts
    investment_rate: float | None  # Σ투자실적 ÷ Σ투자계획 over every agreement (6 decimals)
    jobs_rate: float | None  # Σ고용실적 ÷ Σ고용계획
    by_cohort: dict[int, Counts]
    selections: dict[str, int] = field(default_factory=dict)  # 사업명 → companies whose highest selection it is

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            **self.totals.as_json(),
            "investment_rate": self.investment_rate,
            "jobs_rate": self.jobs_rate,
            "by_cohort": {str(year): c.as_json(with_companies=False) for year, c in sorted(self.by_cohort.items())},
            "selections": dict(self.selections),
        }


def summary(
    frame: pd.DataFrame,
    as_of: Any = None,
    keys: CompanyKeys | None = None,
    selections: dict[str, int] | None = None,
) -> Summary:
    """The funnel's numbers at the snapshot speaking for `as_of` (None: the latest)."""
    rows = snapshot(frame, as_of)
    date = snapshot_date(frame, as_of)
    planned, invested = _sum(rows, "planned_investment_krw"), _sum(rows, "invested_krw")
    planned_jobs, hired = _sum(rows, "planned_jobs"), _sum(rows, "hired")
    by_cohort = {int(year): counts(group, keys) for year, group in rows.groupby(cohort_year(rows))} if len(rows) else {}
    return Summary(
        as_of=date.date() if date is not None else None,
        totals=counts(rows, keys),
        investment_rate=_rate(invested, planned),
        jobs_rate=_rate(hired, planned_jobs),
        by_cohort=by_cohort,
        selections=dict(selections or {}),
    )


def _sum(rows: pd.DataFrame, column: str) -> int:
    return sum(int(v) for v in rows[column].dropna())


# --- the funnel on the page: traced figures ------------------------------------------------------------------------


def funnel_figures(rows: pd.DataFrame) -> dict[str, Figure]:
    """Agreements (건) that reached at least each stage of the ladder and have not left, then the exits: each a
    count of its rows, so 출처 lists them."""
    rank = _stage_rank(rows)
    figures = {
        stage: row_count(rows[rank >= i], DATASET, f"agreements.stage.{stage}", unit=AGREEMENT)
        for i, stage in enumerate(FUNNEL)
    }
    figures[SIGNED] = row_count(rows, DATASET, "agreements.figure.agreements", unit=AGREEMENT)  # every agreement
    figures["left"] = row_count(rows[_left(rows)], DATASET, "agreements.figure.left", unit=AGREEMENT)
    return figures


def conversions(figures: dict[str, Figure]) -> dict[str, Figure]:
    """Each step's share of the one before it (법인 설립 ÷ 협약, 입주 ÷ 법인 설립, 가동 ÷ 입주), keyed by the later
    stage."""
    return {
        later: ratio(figures[later], figures[earlier], "agreements.figure.conversion")
        for earlier, later in itertools.pairwise(FUNNEL)
    }


def company_rows(rows: pd.DataFrame, keys: CompanyKeys | None = None) -> pd.DataFrame:
    """One row per company: its furthest agreement (highest stage; an exit only when all its agreements left; then
    the largest 투자실적), with `company_key`."""
    keyed = with_keys(rows, keys)
    ordered = keyed.assign(_rank=_stage_rank(keyed), _inv=keyed["invested_krw"].fillna(0))
    ordered = ordered.sort_values(["_rank", "_inv", "source_row"], ascending=[False, False, True], kind="stable")
    return ordered.drop_duplicates("company_key").drop(columns=["_rank", "_inv"])


def headline_figures(rows: pd.DataFrame, keys: CompanyKeys | None = None) -> dict[str, Figure]:
    """The tiles: companies (곳) resident or operating among the companies with an agreement, the companies that
    invested at all, the agreements, and 이행률 by amount (투자, 고용) and by companies that invested."""
    firms = company_rows(rows, keys)
    all_firms = row_count(firms, DATASET, "agreements.figure.companies", unit=COMPANY)
    here = row_count(firms[firms["status"].isin(RESIDENT_STAGES)], DATASET, "agreements.figure.resident", COMPANY)
    invested_firms = company_rows(rows[_invested(rows)], keys)
    invested = row_count(invested_firms, DATASET, "agreements.figure.invested_companies", COMPANY)
    planned = total(rows, "planned_investment_krw", DATASET, "agreements.figure.planned_investment")
    actual = total(rows, "invested_krw", DATASET, "agreements.figure.invested")
    planned_jobs = total(rows, "planned_jobs", DATASET, "agreements.figure.planned_jobs")
    hired = total(rows, "hired", DATASET, "agreements.figure.hired")
    return {
        "agreements": row_count(rows, DATASET, "agreements.figure.agreements", unit=AGREEMENT),
        "companies": all_firms,
        "resident": here,
        "invested_companies": invested,
        "planned_investment": planned,
        "invested": actual,
        "investment_rate": ratio(actual, planned, "agreements.figure.investment_rate"),
        "planned_jobs": planned_jobs,
        "hired": hired,
        "jobs_rate": ratio(hired, planned_jobs, "agreements.figure.jobs_rate"),
        "company_rate": ratio(invested, all_firms, "agreements.figure.company_rate"),
    }


def cohort_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Agreements (건) per 협약 연도: signed, reached 법인 설립 / 입주 / 가동 (at least), left, invested; oldest first."""
    columns = ["year", "agreements", INCORPORATED, RESIDENT, OPERATING, "left", "invested"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rank = _stage_rank(rows)
    table = pd.DataFrame(
        {
            "year": cohort_year(rows),
            "agreements": 1,
            INCORPORATED: (rank >= 1).astype(int),
            RESIDENT: (rank >= 2).astype(int),
            OPERATING: (rank >= 3).astype(int),
            "left": _left(rows).astype(int),
            "invested": _invested(rows).astype(int),
        }
    )
    grouped = table.groupby("year", sort=True).sum().reset_index()
    return grouped[columns].astype("Int64")


def cohort_figure(rows: pd.DataFrame, year: int, column: str) -> Figure:
    """The figure behind one cell of `cohort_table`: the agreements of that 협약 연도 counted there."""
    rows = rows[cohort_year(rows) == year]
    if column == "left":
        rows = rows[_left(rows)]
    elif column == "invested":
        rows = rows[_invested(rows)]
    elif column in AGREEMENT_STAGES:
        rows = rows[_stage_rank(rows) >= AGREEMENT_STAGES.index(column)]
    return row_count(rows, DATASET, f"agreements.cohort.{column}", unit=AGREEMENT)


@dataclass(frozen=True)
class Interval:
    """The median time between two stages over the agreements whose two milestone dates are both given."""

    start: str
    end: str
    median_days: float | None
    agreements: int  # how many agreements it is the median of
    source_rows: tuple[int, ...]


def intervals(rows: pd.DataFrame) -> list[Interval]:
    """Median days 협약 → 법인 설립, 협약 → 입주, 입주 → 가동 (a 지사·연구소 has no 법인 설립 step)."""
    found = []
    for start, end, first, second in INTERVALS:
        if first not in rows.columns or second not in rows.columns:
            found.append(Interval(start, end, None, 0, ()))
            continue
        both = rows[rows[first].notna() & rows[second].notna()]
        if end == INCORPORATED:
            both = both[both["kind"] != "지사·연구소"]
        days = (pd.to_datetime(both[second]) - pd.to_datetime(both[first])).dt.days
        days = days[days >= 0]  # a milestone dated before the agreement is a typo, not a negative wait
        median = float(statistics.median(days.tolist())) if len(days) else None
        found.append(Interval(start, end, median, len(days), tuple(int(r) for r in both.loc[days.index, "source_row"])))
    return found


def stage_since(frame: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
    """When each agreement of `rows` reached its current stage, as well as the data tell: the milestone date of the
    stage when given (협약일 for 협약), else the first 기준일 from which every snapshot shows it there."""
    milestone = {SIGNED: "signed", INCORPORATED: "incorporated", RESIDENT: "moved_in", OPERATING: "operating"}
    keyed = frame[["company", "signed", "as_of", "status"]]
    history: dict[tuple[str, Any], list[tuple[pd.Timestamp, str]]] = {}
    for company, signed, as_of, status in keyed.itertuples(index=False):
        history.setdefault((company, pd.Timestamp(signed)), []).append((pd.Timestamp(as_of), status))
    result = {}
    for index, row in rows.iterrows():
        column = milestone.get(row["status"])
        if column and column in rows.columns and pd.notna(row[column]):
            result[index] = pd.Timestamp(row[column])
            continue
        seen = sorted(history.get((row["company"], pd.Timestamp(row["signed"])), []), reverse=True)
        since = pd.Timestamp(row["as_of"])
        for as_of, status in seen:
            if as_of > pd.Timestamp(row["as_of"]):
                continue
            if status != row["status"]:
                break
            since = as_of
        result[index] = since
    return pd.Series(result, index=rows.index, dtype="datetime64[ns]")


def stalled(
    frame: pd.DataFrame, rows: pd.DataFrame, days: int, stages: tuple[str, ...] = (SIGNED, INCORPORATED)
) -> pd.DataFrame:
    """Agreements at one of `stages` (program.toml [agreements] stalled_stages: not here yet) whose stage has not
    moved for `days` days or more by the snapshot's 기준일: company, kind, signed, status, since, days,
    invested_krw, source_row; longest first. `frame`: every snapshot (for when the stage was first seen)."""
    columns = ["company", "kind", "signed", "status", "since", "days", "invested_krw", "source_row"]
    open_rows = rows[rows["status"].isin(stages)]
    if open_rows.empty:
        return pd.DataFrame(columns=columns)
    since = stage_since(frame, open_rows)
    waited = (pd.to_datetime(open_rows["as_of"]) - since).dt.days
    table = open_rows.assign(since=since, days=waited)
    table = table[table["days"] >= days].sort_values(["days", "company"], ascending=[False, True], kind="stable")
    return table[columns].reset_index(drop=True)


def stalled_figure(table: pd.DataFrame) -> Figure:
    return Figure("agreements.figure.stalled", len(table), COUNT, AGREEMENT, DATASET, None, tuple(table["source_row"]))


def exits(frame: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Who left: the agreements of `rows` at 철수 or 해지, with the first 기준일 that shows it (`seen`), the stage
    reached before (the furthest milestone date), 투자실적, 비고; oldest exit first."""
    columns = ["company", "kind", "signed", "status", "seen", "reached", "invested_krw", "note", "source_row"]
    left = rows[_left(rows)]
    if left.empty:
        return pd.DataFrame(columns=columns)
    first_seen = (
        frame[_left(frame)].groupby(["company", "signed"])["as_of"].min().rename("seen").reset_index()
        if len(frame)
        else pd.DataFrame(columns=["company", "signed", "seen"])
    )
    table = left.merge(first_seen, on=["company", "signed"], how="left")
    table["reached"] = [_reached(row) for _, row in table.iterrows()]
    if "note" not in table.columns:
        table["note"] = None
    table = table.sort_values(["seen", "company"], kind="stable")
    return table[columns].reset_index(drop=True)


def _reached(row: pd.Series) -> str:
    for column, stage in (("operating", OPERATING), ("moved_in", RESIDENT), ("incorporated", INCORPORATED)):
        if column in row.index and pd.notna(row[column]):
            return stage
    return SIGNED


# --- between two snapshots: what-changed ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """One agreement whose stage changed between two snapshots (or that is new)."""

    company: str
    signed: dt.date
    before: str | None  # None: not in the earlier snapshot
    after: str
    source_row: int


@dataclass(frozen=True)
class Lowered:
    """A 투자실적 or 고용실적 lower than the earlier snapshot's: accepted, but worth a question."""

    company: str
    signed: dt.date
    column: str  # invested_krw or hired
    before: int
    after: int
    source_row: int


@dataclass(frozen=True)
class Changes:
    moves: list[Move]
    exits: list[Move]
    lowered: list[Lowered]
    before: dt.date | None = None
    after: dt.date | None = None


def _by_agreement(rows: pd.DataFrame) -> dict[tuple[str, pd.Timestamp], pd.Series]:
    keys = CompanyKeys()
    keyed = with_keys(rows, keys)
    return {(str(r["company_key"]), pd.Timestamp(r["signed"])): r for _, r in keyed.iterrows()}


def changes(earlier: pd.DataFrame, later: pd.DataFrame) -> Changes:
    """Stage moves, new exits and lowered 실적 from the snapshot `earlier` to the snapshot `later` (each one
    기준일's rows). An agreement is matched on its company (company key) and 협약일."""
    before = _by_agreement(earlier)
    after = _by_agreement(later)
    moves: list[Move] = []
    left: list[Move] = []
    lowered: list[Lowered] = []
    for key, row in after.items():
        old = before.get(key)
        old_stage = None if old is None else str(old["status"])
        move = Move(
            str(row["company"]),
            pd.Timestamp(row["signed"]).date(),
            old_stage,
            str(row["status"]),
            int(row["source_row"]),
        )
        if old_stage != move.after:
            (left if move.after in AGREEMENT_EXITS else moves).append(move)
        if old is None:
            continue
        for column in ("invested_krw", "hired"):
            was, now = old[column], row[column]
            if pd.notna(was) and pd.notna(now) and int(now) < int(was):
                lowered.append(Lowered(move.company, move.signed, column, int(was), int(now), move.source_row))
    rank = {s: i for i, s in enumerate((*AGREEMENT_STAGES, *AGREEMENT_EXITS))}
    moves.sort(key=lambda m: (-rank[m.after], m.company))
    return Changes(
        moves,
        left,
        lowered,
        _date_of(earlier),
        _date_of(later),
    )


def _date_of(rows: pd.DataFrame) -> dt.date | None:
    dates = rows["as_of"].dropna()
    return pd.Timestamp(dates.max()).date() if len(dates) else None


def lowered_against(previous: pd.DataFrame | None, new: pd.DataFrame) -> list[Lowered]:
    """The new file's agreements whose 투자실적 or 고용실적 is lower than in the stored snapshot just before its
    기준일 (an upload's warnings). `previous`: the stored dataset (every snapshot), or None."""
    if previous is None or previous.empty or new.empty:
        return []
    new_date = pd.Timestamp(new["as_of"].min())
    earlier_dates = [d for d in as_of_dates(previous) if d < new_date]
    if not earlier_dates:
        return []
    return changes(previous[previous["as_of"] == earlier_dates[0]], new).lowered


# --- jobs meet agreements ------------------------------------------------------------------------------------------


def planned_vs_headcount(
    agreements: pd.DataFrame, jobs: pd.DataFrame | None, keys: CompanyKeys | None = None
) -> pd.DataFrame:
    """Per company with an agreement in `agreements` (one snapshot): 고용계획 and 고용실적 summed over its
    agreements, against the jobs dataset's 재직자수 of the same company in its latest month (joined by company
    key). Columns: company, company_key, planned_jobs, hired, headcount (<NA> when the jobs data lack the company),
    month, source_rows (the agreements' rows); largest plan first."""
    columns = ["company", "company_key", "planned_jobs", "hired", "headcount", "month", "source_rows"]
    if agreements.empty:
        return pd.DataFrame(columns=columns)
    keys = keys or CompanyKeys()
    keyed = with_keys(agreements, keys)
    grouped = keyed.groupby("company_key", sort=False).agg(
        company=("company", "first"),
        planned_jobs=("planned_jobs", "sum"),
        hired=("hired", "sum"),
        source_rows=("source_row", lambda s: tuple(int(r) for r in s)),
    )
    headcount: dict[str, tuple[int, pd.Timestamp]] = {}
    if jobs is not None and not jobs.empty:
        jobs_keyed = jobs.assign(company_key=keys.key_column(jobs))
        latest = jobs_keyed.sort_values("month", kind="stable").groupby("company_key").tail(1)
        headcount = {
            str(k): (int(h), pd.Timestamp(m))
            for k, h, m in zip(latest["company_key"], latest["headcount"], latest["month"], strict=True)
            if pd.notna(h)
        }
    table = grouped.reset_index()
    table["headcount"] = pd.array([headcount.get(k, (None, None))[0] for k in table["company_key"]], dtype="Int64")
    table["month"] = [headcount.get(k, (None, None))[1] for k in table["company_key"]]
    table["planned_jobs"] = table["planned_jobs"].astype("Int64")
    table["hired"] = table["hired"].astype("Int64")
    table = table.sort_values(["planned_jobs", "company"], ascending=[False, True], kind="stable")
    return table[columns].reset_index(drop=True)


def stage_of_companies(rows: pd.DataFrame, keys: CompanyKeys | None = None) -> dict[str, str]:
    """company key → the stage of its furthest agreement (for the map's marker and the company profile)."""
    firms = company_rows(rows, keys)
    return {str(k): str(s) for k, s in zip(firms["company_key"], firms["status"], strict=True)}
