"""Jobs in the cluster: new hires, headcount, local hires, against the yearly target.

Definitions (the page says them too):
- **jobs created** in a year = the sum of `new_hires` over that year's months;
- **headcount as of a month** = the sum of `headcount` over the rows of that month (companies without a row
  that month count as 0: the page warns when a company reported the month before but not this month);
- **local-hire share** = sum of `local_hires` ÷ sum of `new_hires`, over the rows where `local_hires` is known;
- a **job loss** = a company's headcount lower than in the calendar month just before (both months reported).

All functions take the loader's frame (columns of `loaders.contract.JOBS` plus `source_row`) and never read the
clock: `today` is a parameter where it matters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .figures import Figure, difference, ratio, total
from .ordering import configured_order, positions

TARGET_METRIC = "jobs_created"


def _month(value: Any) -> pd.Timestamp:  # value: anything pd.Timestamp reads
    return pd.Timestamp(value).to_period("M").to_timestamp()


def _previous_month(month: pd.Timestamp) -> pd.Timestamp:
    return (pd.Timestamp(month).to_period("M") - 1).to_timestamp()


def years(frame: pd.DataFrame) -> list[int]:
    """The calendar years present in the data, ascending."""
    return sorted({int(y) for y in frame["month"].dt.year.unique()})


def default_year(frame: pd.DataFrame, today: dt.date) -> int:
    """Today's year when the data has it, otherwise the latest year in the data."""
    present = years(frame)
    return today.year if today.year in present else present[-1]


def filtered(frame: pd.DataFrame, sectors: Iterable[str] | None = None, company: str | None = None) -> pd.DataFrame:
    """Rows of the chosen sectors (all when empty/None) and of one company (all when None)."""
    mask = pd.Series(True, index=frame.index)
    sectors = list(sectors or [])
    if sectors:
        mask &= frame["sector"].isin(sectors)
    if company:
        mask &= frame["company"] == company
    return frame[mask]


def in_year(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    return frame[frame["month"].dt.year == year]


def jobs_created(frame: pd.DataFrame, year: int) -> int:
    """Jobs created in `year` = sum of new_hires over the year's rows."""
    return int(in_year(frame, year)["new_hires"].sum())


def last_month(frame: pd.DataFrame, year: int | None = None) -> pd.Timestamp | None:
    """The latest month with rows (in `year` when given), or None."""
    rows = frame if year is None else in_year(frame, year)
    return None if rows.empty else _month(rows["month"].max())


def annual_target(targets: pd.DataFrame | None, year: int, metric: str = TARGET_METRIC) -> float | None:
    """The target for `metric` in `year` from the targets frame, or None when there is none."""
    if targets is None or targets.empty:
        return None
    rows = targets[(targets["metric"] == metric) & (targets["year"] == year)]
    if rows.empty or pd.isna(rows["target"].iloc[0]):
        return None
    return float(rows["target"].iloc[0])


@dataclass(frozen=True)
class TargetProgress:
    year: int
    created: int  # sum of new_hires in the year
    target: float | None  # annual jobs_created target
    through: pd.Timestamp | None  # last month of the year with data
    months_reported: int  # months of the year with data (1–12)

    @property
    def ratio(self) -> float | None:
        """Created ÷ annual target (None without a positive target)."""
        return self.created / self.target if self.target else None

    @property
    def remaining(self) -> float | None:
        return None if self.target is None else self.target - self.created

    @property
    def complete(self) -> bool:
        return self.through is not None and self.through.month == 12


def target_progress(frame: pd.DataFrame, targets: pd.DataFrame | None, year: int) -> TargetProgress:
    """Jobs created in `year` against the year's `jobs_created` target."""
    rows = in_year(frame, year)
    return TargetProgress(
        year=year,
        created=int(rows["new_hires"].sum()),
        target=annual_target(targets, year),
        through=last_month(frame, year),
        months_reported=int(rows["month"].dt.month.nunique()),
    )


def monthly_totals(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per month of `year` with data: new_hires, headcount, local_hires (sums over companies),
    cumulative new_hires since January, and the companies reporting."""
    rows = in_year(frame, year)
    grouped = rows.groupby("month", sort=True).agg(
        new_hires=("new_hires", "sum"),
        headcount=("headcount", "sum"),
        local_hires=("local_hires", lambda s: s.sum(min_count=1)),
        companies=("company", "nunique"),
    )
    grouped = grouped.reset_index()
    grouped["cumulative_new_hires"] = grouped["new_hires"].cumsum()
    for column in ("new_hires", "headcount", "local_hires", "companies", "cumulative_new_hires"):
        grouped[column] = grouped[column].astype("Int64")
    return grouped


def monthly_by(frame: pd.DataFrame, year: int, by: str = "sector") -> pd.DataFrame:
    """Monthly new_hires, headcount and local_hires of `year` per `by` ("sector" or "company")."""
    if by not in ("sector", "company"):
        raise ValueError(f"by must be 'sector' or 'company', not {by!r}")
    rows = in_year(frame, year)
    grouped = rows.groupby(["month", by], sort=True).agg(
        new_hires=("new_hires", "sum"),
        headcount=("headcount", "sum"),
        local_hires=("local_hires", lambda s: s.sum(min_count=1)),
    )
    grouped = grouped.reset_index()
    for column in ("new_hires", "headcount", "local_hires"):
        grouped[column] = grouped[column].astype("Int64")
    return grouped


def sector_order(frame: pd.DataFrame, industries: Iterable[str]) -> list[str]:
    """The sectors of `frame`: the programme's industries in configured order, then the others alphabetically."""
    return configured_order(frame["sector"], industries)


def _by_sector(table: pd.DataFrame, order: list[str] | None, then: list[str]) -> pd.DataFrame:
    """`table` (already sorted by sector name) in `order` of its sectors, the rest of each sector's rows kept
    sorted by `then` (a stable sort). Unchanged when `order` is None."""
    if order is None:
        return table
    rank = positions(order)
    return table.sort_values(
        ["sector", *then], key=lambda c: c.map(rank) if c.name == "sector" else c, kind="stable", ignore_index=True
    )


def company_month_table(
    frame: pd.DataFrame, year: int, measure: str = "new_hires", sectors: list[str] | None = None
) -> pd.DataFrame:
    """Companies × months of `year` for `measure` (new_hires or headcount): one row per company with its sector,
    one column per month (Timestamp), and for new_hires the year's total. Missing months are <NA>. Rows by sector
    (alphabetically, or in `sectors` order, e.g. `sector_order`), then company."""
    if measure not in ("new_hires", "headcount"):
        raise ValueError(f"measure must be new_hires or headcount, not {measure!r}")
    rows = in_year(frame, year)
    table = rows.pivot_table(index=["company", "sector"], columns="month", values=measure, aggfunc="sum")
    table = table.astype("Int64")
    table.columns = [pd.Timestamp(c) for c in table.columns]
    if measure == "new_hires":
        table["total"] = table.sum(axis=1).astype("Int64")
    table = table.reset_index().sort_values(["sector", "company"], kind="stable", ignore_index=True)
    return _by_sector(table, sectors, ["company"])


def headcount_at(frame: pd.DataFrame, month: object) -> int:
    """Headcount as of `month` = sum of headcount over that month's rows."""
    month = _month(month)
    return int(frame.loc[frame["month"] == month, "headcount"].sum())


@dataclass(frozen=True)
class HeadcountChange:
    month: pd.Timestamp
    headcount: int
    previous_month: pd.Timestamp
    previous_headcount: int | None  # None when the previous month has no rows at all

    @property
    def change(self) -> int | None:
        return None if self.previous_headcount is None else self.headcount - self.previous_headcount


def latest_headcount(frame: pd.DataFrame, year: int) -> HeadcountChange | None:
    """Headcount in the latest month of `year` with data, and the change against the month before."""
    month = last_month(frame, year)
    if month is None:
        return None
    previous = _previous_month(month)
    has_previous = (frame["month"] == previous).any()
    return HeadcountChange(
        month=month,
        headcount=headcount_at(frame, month),
        previous_month=previous,
        previous_headcount=headcount_at(frame, previous) if has_previous else None,
    )


def missing_reports(frame: pd.DataFrame, month: object) -> list[str]:
    """Companies with a row in the month before `month` but none in `month` (their headcount then counts as 0)."""
    month = _month(month)
    before = set(frame.loc[frame["month"] == _previous_month(month), "company"])
    now = set(frame.loc[frame["month"] == month, "company"])
    return sorted(before - now)


def reports_local_hires(frame: pd.DataFrame) -> bool:
    """Whether the jobs data gives local hires at all (a file may have no 지역인재 column: every value missing)."""
    return bool(frame["local_hires"].notna().any())


def local_share_of(rows: pd.DataFrame) -> Figure:
    """The local-hire share of `rows`, the one definition the page's tiles, its table's cells and the briefing
    slide use: sum(local_hires) ÷ sum(new_hires), both over the rows whose local_hires is known (None when they
    have no new hires), each part traced to its rows."""
    known = rows[rows["local_hires"].notna()]
    return ratio(
        total(known, "local_hires", "jobs", "jobs.figure.local_hires"),
        total(known, "new_hires", "jobs", "jobs.figure.new_hires_known"),
        "jobs.figure.local_share",
    )


@dataclass(frozen=True)
class LocalShare:
    figure: Figure  # `local_share_of` the year's rows: local hires ÷ new hires, with its two parts
    rows_unknown: int  # rows of the year without local_hires (left out of both sums)

    @property
    def local_hires(self) -> int:
        return int(self.figure.parts[0].value or 0)

    @property
    def new_hires(self) -> int:  # over the rows where local_hires is known
        return int(self.figure.parts[1].value or 0)

    @property
    def share(self) -> float | None:
        value = self.figure.value
        return None if value is None else float(value)


def local_hire_share(frame: pd.DataFrame, year: int) -> LocalShare:
    """Share of local hires in `year`: sum(local_hires) ÷ sum(new_hires) over rows with local_hires known."""
    rows = in_year(frame, year)
    return LocalShare(local_share_of(rows), rows_unknown=int(rows["local_hires"].isna().sum()))


def local_share_by_sector(frame: pd.DataFrame, year: int, sectors: list[str] | None = None) -> pd.DataFrame:
    """Per sector in `year`: new_hires and local_hires (rows with local_hires known) and the share (float, NaN
    when no hires). Sectors alphabetically, or in `sectors` order (e.g. `sector_order`)."""
    rows = in_year(frame, year)
    rows = rows[rows["local_hires"].notna()]
    grouped = rows.groupby("sector", sort=True).agg(new_hires=("new_hires", "sum"), local_hires=("local_hires", "sum"))
    grouped = grouped.reset_index()
    grouped["new_hires"] = grouped["new_hires"].astype("Int64")
    grouped["local_hires"] = grouped["local_hires"].astype("Int64")
    hires = grouped["new_hires"].astype("float64")
    grouped["share"] = grouped["local_hires"].astype("float64") / hires.where(hires > 0)
    return _by_sector(grouped, sectors, [])


def top_employers(frame: pd.DataFrame, year: int, n: int = 10) -> pd.DataFrame:
    """The `n` companies with the largest headcount in the latest month of `year` with data.

    Columns: rank, company, sector, month, headcount, change (vs the company's previous calendar month, <NA> when
    that month has no row), new_hires (sum over `year`), source_row (the row of the headcount figure).
    Ties keep company-name order.
    """
    month = last_month(frame, year)
    columns = ["rank", "company", "sector", "month", "headcount", "change", "new_hires", "source_row"]
    if month is None:
        return pd.DataFrame(columns=columns)
    latest = frame[frame["month"] == month]
    previous = frame[frame["month"] == _previous_month(month)].set_index("company")["headcount"]
    hires = in_year(frame, year).groupby("company")["new_hires"].sum()
    table = latest[["company", "sector", "month", "headcount", "source_row"]].copy()
    table["change"] = (table["headcount"] - table["company"].map(previous).astype("Int64")).astype("Int64")
    table["new_hires"] = table["company"].map(hires).astype("Int64")
    table = table.sort_values(["headcount", "company"], ascending=[False, True], kind="stable").head(n)
    table.insert(0, "rank", range(1, len(table) + 1))
    return table[columns].reset_index(drop=True)


def job_losses(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Months of `year` in which a company's headcount fell below its previous calendar month's.

    Columns: company, sector, month, previous_headcount, headcount, change (negative), source_row (this month's
    row) and previous_source_row. January compares with the December before. Newest first, then largest fall.
    """
    rows = frame[["company", "sector", "month", "headcount", "source_row"]]
    # Each month's rows, moved one month on: joined with the next month's rows they are its "previous month".
    wanted = (rows["month"] >= pd.Timestamp(year - 1, 12, 1)) & (rows["month"] < pd.Timestamp(year, 12, 1))
    before = rows[wanted]
    before = before.assign(month=(before["month"].dt.to_period("M") + 1).dt.to_timestamp().astype(rows["month"].dtype))
    before = before.rename(columns={"headcount": "previous_headcount", "source_row": "previous_source_row"})
    paired = in_year(rows, year).merge(
        before[["company", "month", "previous_headcount", "previous_source_row"]], on=["company", "month"], how="inner"
    )
    paired["change"] = (paired["headcount"] - paired["previous_headcount"]).astype("Int64")
    losses = paired[paired["change"] < 0]
    losses = losses.sort_values(["month", "change", "company"], ascending=[False, True, True], kind="stable")
    columns = ["company", "sector", "month", "previous_headcount", "headcount", "change", "source_row",
               "previous_source_row"]  # fmt: skip
    return losses[columns].reset_index(drop=True)


def headline_figures(frame: pd.DataFrame, year: int) -> dict[str, Figure]:
    """The page's headline tiles as traceable figures: jobs created in `year`, headcount in its latest month
    (and, when the month before has rows, its change since then: the headcount tile's delta, `latest_headcount`'s
    change), and the local-hire share (over rows where local hires are known), each with the rows it is made of."""
    rows = in_year(frame, year)
    figures = {"created": total(rows, "new_hires", "jobs", "jobs.figure.created")}
    month = last_month(frame, year)
    if month is not None:
        figures["headcount"] = total(frame[frame["month"] == month], "headcount", "jobs", "jobs.figure.headcount")
        before = frame[frame["month"] == _previous_month(month)]
        if not before.empty:
            figures["headcount_change"] = difference(
                figures["headcount"],
                total(before, "headcount", "jobs", "jobs.figure.previous_headcount"),
                "jobs.figure.change",
            )
    figures["local_share"] = local_share_of(rows)
    return figures


# --- one table cell as a traceable figure (the "출처" dialogs under the tables) -----------------------------------


def monthly_figure(frame: pd.DataFrame, year: int, month: object, column: str) -> Figure:
    """The figure behind a cell of `monthly_totals`: the month's new_hires / headcount / local_hires, or
    cumulative_new_hires from January through the month."""
    rows = in_year(frame, year)
    month = _month(month)
    if column == "cumulative_new_hires":
        return total(rows[rows["month"] <= month], "new_hires", "jobs", "jobs.figure.cumulative")
    if column not in ("new_hires", "headcount", "local_hires"):
        raise ValueError(f"no figure for column {column!r}")
    return total(rows[rows["month"] == month], column, "jobs", f"jobs.figure.{column}")


def company_month_figure(frame: pd.DataFrame, year: int, company: str, month: object | None, measure: str) -> Figure:
    """The figure behind a cell of `company_month_table`: the company's `measure` in `month`, or (month None)
    its new hires over the year."""
    rows = in_year(frame, year)
    rows = rows[rows["company"] == company]
    if month is not None:
        rows = rows[rows["month"] == _month(month)]
    return total(rows, measure, "jobs", f"jobs.figure.{measure}")


def local_share_figure(frame: pd.DataFrame, year: int, sector: str, column: str) -> Figure:
    """The figure behind a cell of `local_share_by_sector`: new_hires, local_hires (rows with local hires known)
    or share = local_hires ÷ new_hires."""
    rows = in_year(frame, year)
    share = local_share_of(rows[rows["sector"] == sector])
    local, hires = share.parts
    return {"new_hires": hires, "local_hires": local, "share": share}[column]


def headcount_change_figure(frame: pd.DataFrame, company: str, month: object) -> Figure:
    """A company's headcount in `month` minus its headcount the month before (top employers, job losses)."""
    month = _month(month)
    mine = frame[frame["company"] == company]
    now = total(mine[mine["month"] == month], "headcount", "jobs", "jobs.figure.headcount")
    before = total(mine[mine["month"] == _previous_month(month)], "headcount", "jobs", "jobs.figure.previous_headcount")
    return difference(now, before, "jobs.figure.change")


def jobs_lost(losses: pd.DataFrame) -> int:
    """The headcount lost over `job_losses`' rows (a positive number: the sum of their falls)."""
    return -int(losses["change"].sum())
