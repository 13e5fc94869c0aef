"""The budget page's filter cascade, without widgets: which options remain after each filter.

phase → year → strategy → programmes, each list computed from the rows the filters before it leave; funding
sources are offered from every row. Pure (no Streamlit): frames as returned by `metrics.budget.prepare`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from .ordering import configured_order


def phase_options(budget: pd.DataFrame) -> list[int]:
    """The programme phases that have rows, ascending."""
    return sorted(int(p) for p in budget["phase"].dropna().unique())


def in_phase(budget: pd.DataFrame, phase: int | None) -> pd.DataFrame:
    """The rows of `phase` (every row when None: "all")."""
    return budget if phase is None else budget[budget["phase"] == phase]


def year_options(rows: pd.DataFrame) -> list[int]:
    """The years of `rows` (those left by the phase filter), ascending."""
    return sorted(int(y) for y in rows["year"].unique())


def default_year(years: list[int], as_of: dt.date) -> int:
    """The data's as-of year when it is offered, else the latest year offered."""
    return as_of.year if as_of.year in years else years[-1]


def in_year(rows: pd.DataFrame, year: int) -> pd.DataFrame:
    return rows[rows["year"] == year]


def strategy_options(rows: pd.DataFrame, configured: Iterable[str]) -> list[str]:
    """The strategies of `rows` (those left by phase and year): configured order, then the others alphabetically."""
    return configured_order(rows["strategy"].unique(), configured)


def in_strategy(rows: pd.DataFrame, strategy: str | None) -> pd.DataFrame:
    return rows if strategy is None else rows[rows["strategy"] == strategy]


def program_options(rows: pd.DataFrame) -> list[str]:
    """The programmes of `rows` (those left by phase, year and strategy), by strategy then name, each once."""
    return list(dict.fromkeys(rows.sort_values(["strategy", "program"])["program"]))


def source_options(budget: pd.DataFrame, configured: Iterable[str]) -> list[str]:
    """Every configured funding source (in configured order, present or not), then any other source in the data,
    alphabetically. Not narrowed by the other filters."""
    return configured_order(budget["source"], configured, keep_configured=True)
