"""Figures that know where they come from: the rows they sum, or the figures they are derived from.

Every headline number a page shows is a Figure, so "where does this number come from?" has an answer:
the dataset version, the Excel rows (their `source_row`), and for derived figures the formula and its parts.
The invariant tests hold us to: a sum figure's value equals the sum of its rows' column.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

import pandas as pd

SUM, COUNT, RATIO, DIFFERENCE, PRODUCT, GIVEN = "sum", "count", "ratio", "difference", "product", "given"
MEAN = "mean"  # the mean of its parts (e.g. a month's usual share over the years learned from)
RANGE = "range"  # an interval: its two parts are the low and the high end


@dataclass(frozen=True)
class Figure:
    key: str  # message key of the figure's name, e.g. "figure.executed"
    value: int | float | None
    kind: str  # SUM, COUNT, RATIO, DIFFERENCE, PRODUCT, or GIVEN (not from data, e.g. the share of the year elapsed)
    unit: str  # "krw", "people", "companies", "count", "ratio" or "points" (how the value is written)
    dataset: str | None = None
    column: str | None = None  # the column summed (SUM), or None
    source_rows: tuple[int, ...] = ()  # Excel rows the value is made of (SUM, COUNT)
    parts: tuple[Figure, ...] = field(default=())  # operands of a derived figure
    version: int | None = None  # the dataset version (number) its rows are from; None: the latest
    args: tuple[tuple[str, int | str], ...] = ()  # values of the placeholders in its name, e.g. (("year", 2024),)

    @property
    def is_derived(self) -> bool:
        return self.kind in (RATIO, DIFFERENCE, PRODUCT, MEAN, RANGE)


def _unit_of(column: str) -> str:
    return "krw" if column.endswith("_krw") else "people" if column in PEOPLE_COLUMNS else "count"


PEOPLE_COLUMNS = {"new_hires", "headcount", "local_hires", "employees"}


def total(frame: pd.DataFrame, column: str, dataset: str, key: str) -> Figure:
    """The exact sum of `column` over `frame`'s rows (integer won stays integer)."""
    values = frame[column].dropna()
    value = int(values.sum()) if pd.api.types.is_integer_dtype(values.dtype) else float(values.sum())
    rows = tuple(int(r) for r in frame.loc[values.index, "source_row"])
    return Figure(key, value, SUM, _unit_of(column), dataset, column, rows)


def row_count(frame: pd.DataFrame, dataset: str, key: str, unit: str = "companies") -> Figure:
    """How many rows (e.g. companies at one 기준일)."""
    return Figure(key, len(frame), COUNT, unit, dataset, None, tuple(int(r) for r in frame["source_row"]))


def ratio(numerator: Figure, denominator: Figure, key: str) -> Figure:
    """numerator ÷ denominator (None when the denominator is zero), computed in decimal."""
    if not denominator.value or numerator.value is None:
        value = None
    else:
        value = float(Decimal(numerator.value) / Decimal(denominator.value))
    return Figure(key, value, RATIO, "ratio", parts=(numerator, denominator))


def difference(minuend: Figure, subtrahend: Figure, key: str) -> Figure:
    """minuend − subtrahend, in the operands' unit (ratios give percentage points)."""
    if minuend.value is None or subtrahend.value is None:
        value = None
    else:
        value = minuend.value - subtrahend.value
    unit = "points" if minuend.unit == "ratio" else minuend.unit
    return Figure(key, value, DIFFERENCE, unit, parts=(minuend, subtrahend))


def derived(kind: str, value: int | float | None, unit: str, key: str, *parts: Figure) -> Figure:
    """A figure computed elsewhere (e.g. rounded to the won) from `parts` by `kind`'s operator: the value is
    kept as computed, so the source dialog shows exactly the number on the page."""
    return Figure(key, value, kind, unit, parts=parts)


def of_version(figure: Figure, number: int | None) -> Figure:
    """The same figure, its rows read from version `number` of its dataset (e.g. the data at the last briefing)."""
    return replace(figure, version=number)


def given(value: int | float, unit: str, key: str) -> Figure:
    """A figure that comes from the calendar or configuration, not from uploaded rows."""
    return Figure(key, value, GIVEN, unit)


def traced_sum(figure: Figure, frame: pd.DataFrame) -> int | float:
    """Re-add the figure's rows from `frame` (by source_row): what provenance shows must equal the figure."""
    rows = frame[frame["source_row"].isin(figure.source_rows)]
    if figure.kind == COUNT:
        return len(rows)
    summed = rows[figure.column].dropna().sum()
    return int(summed) if pd.api.types.is_integer_dtype(rows[figure.column].dtype) else float(summed)
