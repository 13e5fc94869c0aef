"""The K-Unicorn pipeline: companies per stage, movement between two 기준일.

A company's stage is its highest K-Unicorn selection by that 기준일 (issue #35; `metrics.selections.staged` adds
`stage`, `stage_basis`, `selected`, `selected_year` and the estimate band to the companies frame), the unicorn
status, or never selected; the stages' order is `program.stages` (program.toml [k_unicorn]). All functions take
that staged companies frame (columns of `loaders.contract.COMPANIES` plus `source_row` and the staging columns)
and are pure. How far a company is from the next programme is `metrics.selections.entry_gaps`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from program import Program

from .figures import DIFFERENCE, Figure, derived, row_count
from .ordering import configured_order, positions

UP, DOWN, NEW, LEFT, SAME = "up", "down", "new", "left", "same"
MOVEMENTS = (UP, DOWN, NEW, LEFT)


def as_of_dates(frame: pd.DataFrame) -> list[pd.Timestamp]:
    """The 기준일 values in the data, newest first."""
    return sorted((pd.Timestamp(d) for d in frame["as_of"].unique()), reverse=True)


def snapshot(frame: pd.DataFrame, as_of: Any) -> pd.DataFrame:  # as_of: anything pd.Timestamp reads
    """The rows of one 기준일."""
    return frame[frame["as_of"] == pd.Timestamp(as_of)]


def ordered_sectors(sectors: Iterable[str], program: Program) -> list[str]:
    """The programme's industries in configured order, then any other sector present, alphabetically."""
    return configured_order(sectors, program.industries)


def stage_totals(frame: pd.DataFrame, as_of: object, program: Program) -> dict[str, int]:
    """Companies per stage at `as_of`, every configured stage present (0 when none)."""
    counts = snapshot(frame, as_of)["stage"].value_counts()
    return {stage: int(counts.get(stage, 0)) for stage in program.stages}


def stage_by_sector(frame: pd.DataFrame, as_of: object, program: Program) -> pd.DataFrame:
    """Companies per sector and stage at `as_of`: columns sector, stage, companies (rows with 0 left out)."""
    rows = snapshot(frame, as_of)
    grouped = rows.groupby(["sector", "stage"]).size().rename("companies").reset_index()
    sector_rank = positions(ordered_sectors(rows["sector"], program))
    stage_rank = positions(program.stages)
    grouped = grouped.sort_values(
        ["sector", "stage"], key=lambda c: c.map(sector_rank if c.name == "sector" else stage_rank), kind="stable"
    )
    grouped["companies"] = grouped["companies"].astype("Int64")
    return grouped.reset_index(drop=True)


SIDE = ["stage", "stage_basis", "selected_year", "unicorn", "estimate_floor", "estimate_ceiling"]  # per 기준일


def movement(frame: pd.DataFrame, before: object, after: object, program: Program) -> pd.DataFrame:
    """Who moved between the 기준일 `before` and `after` (a staged frame).

    One row per company present on either date, with `movement` one of "up" / "down" (stage rank rose / fell; for
    the same stage: the unicorn status gained / lost, else for a company never selected its valuation estimate band
    rose / fell), "new" (only on `after`), "left" (only on `before`) or "same", and `basis` what the move rests
    on: "selection" (a new selection, or one no longer in the data), "valuation" (the unicorn status gained or
    lost) or "estimate" (only the estimate band of a company never selected moved); empty for new, left, same. Columns: company, sector (the latest known),
    movement, basis, the SIDE columns of each date suffixed _before / _after, valuation_before, valuation_after
    (won, <NA> when absent), source_row_before, source_row_after. Sorted by movement (up, down, new, left, same),
    then valuation after (or before) descending, then name.
    """
    keep = ["company", "sector", *SIDE, "valuation_krw", "source_row"]
    first = snapshot(frame, before)[keep]
    second = snapshot(frame, after)[keep]
    merged = first.merge(second, on="company", how="outer", suffixes=("_before", "_after"))
    k = program.k_unicorn

    def classify(row: pd.Series) -> tuple[str, str]:
        if pd.isna(row["stage_before"]):
            return NEW, ""
        if pd.isna(row["stage_after"]):
            return LEFT, ""
        step = k.rank(row["stage_after"]) - k.rank(row["stage_before"])
        if step:
            return (UP if step > 0 else DOWN), "selection"
        if bool(row["unicorn_after"]) != bool(row["unicorn_before"]):
            return (UP if row["unicorn_after"] else DOWN), "valuation"
        if row["stage_basis_after"] == "none":
            low, high = row["estimate_floor_before"], row["estimate_floor_after"]
            if pd.notna(low) and pd.notna(high) and low != high:
                return (UP if high > low else DOWN), "estimate"
        return SAME, ""

    classified = [classify(row) for _, row in merged.iterrows()]
    result = pd.DataFrame(
        {
            "company": merged["company"],
            "sector": merged["sector_after"].where(merged["sector_after"].notna(), merged["sector_before"]),
            "movement": pd.Series([c[0] for c in classified], index=merged.index, dtype=object),
            "basis": pd.Series([c[1] for c in classified], index=merged.index, dtype=object),
            **{f"{c}_{side}": merged[f"{c}_{side}"] for side in ("before", "after") for c in SIDE},
            "valuation_before": merged["valuation_krw_before"].astype("Int64"),
            "valuation_after": merged["valuation_krw_after"].astype("Int64"),
            "source_row_before": merged["source_row_before"].astype("Int64"),
            "source_row_after": merged["source_row_after"].astype("Int64"),
        }
    )
    order = {name: i for i, name in enumerate((*MOVEMENTS, SAME))}
    latest_value = result["valuation_after"].fillna(result["valuation_before"])
    result = result.assign(_order=result["movement"].map(order), _value=latest_value)
    result = result.sort_values(["_order", "_value", "company"], ascending=[True, False, True], kind="stable")
    return result.drop(columns=["_order", "_value"]).reset_index(drop=True)


def side(row: Any, when: str) -> dict[str, Any]:
    """One date's stage columns of a `movement` row, named as in a staged frame (for `present.stage_text`)."""
    return {column: row[f"{column}_{when}"] for column in SIDE}


def movement_counts(moves: pd.DataFrame) -> dict[str, int]:
    """How many companies moved up, down, were new, left (and stayed) in a `movement` frame."""
    counts = moves["movement"].value_counts()
    return {name: int(counts.get(name, 0)) for name in (*MOVEMENTS, SAME)}


def company_history(frame: pd.DataFrame, company: str) -> pd.DataFrame:
    """One company's rows over time (oldest first)."""
    rows = frame[frame["company"] == company]
    return rows.sort_values("as_of", kind="stable").reset_index(drop=True)


def company_jobs(jobs: pd.DataFrame | None, company: str) -> pd.DataFrame:
    """The jobs dataset's monthly rows for `company` (joined by company name): month, headcount, new_hires,
    local_hires, source_row; empty when the jobs dataset is missing or has no such company."""
    columns = ["month", "headcount", "new_hires", "local_hires", "source_row"]
    if jobs is None or jobs.empty:
        return pd.DataFrame(columns=columns)
    rows = jobs[jobs["company"] == company]
    return rows.sort_values("month", kind="stable")[columns].reset_index(drop=True)


def companies(frame: pd.DataFrame, program: Program, as_of: object | None = None) -> list[str]:
    """Company names (at `as_of` when given, else anywhere in the data), by stage at their latest 기준일 (highest
    first), then valuation (where given), then name."""
    rows = frame if as_of is None else snapshot(frame, as_of)
    latest = rows.sort_values("as_of").groupby("company", sort=False).tail(1)
    latest = latest.assign(_rank=latest["stage"].map(program.k_unicorn.rank))
    latest = latest.sort_values(
        ["_rank", "valuation_krw", "company"], ascending=[False, False, True], kind="stable", na_position="last"
    )
    return latest["company"].tolist()


def stage_figures(frame: pd.DataFrame, as_of: object, program: Program) -> dict[str, Figure]:
    """Companies at `as_of` in all and per stage, as traceable counts of the rows they are made of."""
    rows = snapshot(frame, as_of)
    figures = {"total": row_count(rows, "companies", "pipeline.figure.total")}
    for stage in program.stages:
        figures[stage] = row_count(rows[rows["stage"] == stage], "companies", f"stage_count.{stage}")
    return figures


def stage_figure(frame: pd.DataFrame, as_of: object, sector: str, stage: str | None) -> Figure:
    """The figure behind a cell of the sector × stage table: the companies of `sector` at `stage` (None: every
    stage) on the 기준일 `as_of`, as a count of their rows."""
    rows = snapshot(frame, as_of)
    rows = rows[rows["sector"] == sector]
    if stage is not None:
        rows = rows[rows["stage"] == stage]
    return row_count(rows, "companies", f"stage_count.{stage}" if stage else "pipeline.figure.sector_total")


def stage_table(by_sector: pd.DataFrame, sectors: list[str], program: Program) -> pd.DataFrame:
    """`stage_by_sector` as a table: one row per sector (in `sectors` order, e.g. `ordered_sectors`), one column
    per configured stage (ladder order, 0 when none) and "total" (the row's sum); integers (Int64), column
    `sector` first."""
    wide = by_sector.pivot_table(index="sector", columns="stage", values="companies", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=sectors, columns=list(program.stages), fill_value=0).astype("Int64")
    wide["total"] = wide.sum(axis=1).astype("Int64")
    wide = wide.reset_index()
    wide.columns.name = None
    return wide


def stage_counts(frame: pd.DataFrame, as_of: object, program: Program) -> dict[str, int]:
    """The stage tiles' numbers: "total" (every company at `as_of`, as the tile 전체 기업 says) and one per
    configured stage. They are the values of `stage_figures`, so a tile and the rows its 출처 lists never differ."""
    # each is a row count, so its value is the number of its rows
    return {name: len(figure.source_rows) for name, figure in stage_figures(frame, as_of, program).items()}


def stage_changes(
    frame: pd.DataFrame, as_of: object, previous: object | None, program: Program
) -> dict[str, Figure | None]:
    """The stage tiles' changes since the 기준일 before (`previous`; None: no change shown): "total" and one per
    configured stage, each the difference of the two dates' counts of companies (`stage_counts`), its parts the two
    dates' traced counts (`stage_figures`)."""
    names = ("total", *program.stages)
    if previous is None:
        return dict.fromkeys(names)
    now, before = stage_counts(frame, as_of, program), stage_counts(frame, previous, program)
    traced_now, traced_before = stage_figures(frame, as_of, program), stage_figures(frame, previous, program)
    return {
        name: derived(
            DIFFERENCE,
            now[name] - before[name],
            "companies",
            "pipeline.kpi.vs_previous",
            traced_now[name],
            traced_before[name],
        )
        for name in names
    }
