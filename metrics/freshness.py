"""Is the newest data as recent as its rhythm promises? Pure functions; the caller passes today's date.

The rule (also in docs/data-contract.md, "자료 주기"): the city takes each period's figures after the period has
closed, so on any day the newest figures *expected* are those of the last complete period before today:

- monthly (budget, jobs): the previous calendar month. On any day of December 2026 the November figures are
  expected; on 2026-11-30 the October figures are, so data as of October is on time and data as of September is
  overdue.
- quarterly (companies): the previous calendar quarter. On any day from 1 October to 31 December 2026 the third
  quarter (July–September) is expected; data whose 기준일 lies in the second quarter or earlier is overdue.

Data is overdue when the period its as-of date (`metrics.as_of.data_as_of`) falls in is before the expected
period. Data as of the current (unfinished) period, or later, is on time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

RHYTHMS = {"monthly": 1, "quarterly": 3}  # rhythm → months per period


@dataclass(frozen=True)
class Period:
    """A calendar month or quarter: `first` is its first day, `months` its length (1 or 3)."""

    first: dt.date
    months: int

    @property
    def quarter(self) -> int:
        return (self.first.month - 1) // 3 + 1


@dataclass(frozen=True)
class Overdue:
    """A dataset whose newest figures are older than its rhythm allows."""

    dataset: str
    as_of: dt.date  # the date the stored figures speak for
    period: Period  # the period those figures belong to
    expected: Period  # the period whose figures should be in by now


def _index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _start(index: int, months: int) -> Period:
    index -= index % months  # the period's first month (quarters start in January, April, July, October)
    return Period(dt.date(index // 12, index % 12 + 1, 1), months)


def period_of(day: dt.date, rhythm: str) -> Period:
    """The month or quarter `day` lies in."""
    return _start(_index(day), RHYTHMS[rhythm])


def expected_period(rhythm: str, today: dt.date) -> Period:
    """The last complete period before `today`: the newest one whose figures should be in."""
    months = RHYTHMS[rhythm]
    return _start(_index(period_of(today, rhythm).first) - months, months)


def is_overdue(as_of: dt.date, rhythm: str, today: dt.date) -> bool:
    """True when the period `as_of` lies in is before the last complete period before `today`."""
    return period_of(as_of, rhythm).first < expected_period(rhythm, today).first


def overdue(as_of: dict[str, dt.date], rhythms: dict[str, str], today: dt.date) -> list[Overdue]:
    """The datasets of `as_of` (dataset → as-of date) that have a rhythm and are overdue, in `as_of`'s order."""
    found = []
    for dataset, day in as_of.items():
        rhythm = rhythms.get(dataset)
        if rhythm is not None and is_overdue(day, rhythm, today):
            found.append(Overdue(dataset, day, period_of(day, rhythm), expected_period(rhythm, today)))
    return found
