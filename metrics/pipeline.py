"""The K-Unicorn pipeline: companies per stage, movement between two 기준일, who is closest to the next stage.

Stages and their valuation floors come from `program.toml` (pass `load_program()`); a company's stage is the
`stage` column (the loader derives it from the valuation when the file has none, and keeps the file's value when
it has one). All functions take the loader's companies frame (columns of `loaders.contract.COMPANIES` plus
`source_row`) and are pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
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


def movement(frame: pd.DataFrame, before: object, after: object, program: Program) -> pd.DataFrame:
    """Who moved between the 기준일 `before` and `after`.

    One row per company present on either date, with `movement` one of "up" / "down" (stage index rose / fell),
    "new" (only on `after`), "left" (only on `before`) or "same". Columns: company, sector (the latest known),
    movement, stage_before, stage_after, valuation_before, valuation_after (won, <NA> when absent),
    source_row_before, source_row_after. Sorted by movement (up, down, new, left, same), then valuation after
    (or before) descending, then name.
    """
    keep = ["company", "sector", "stage", "valuation_krw", "source_row"]
    first = snapshot(frame, before)[keep]
    second = snapshot(frame, after)[keep]
    merged = first.merge(second, on="company", how="outer", suffixes=("_before", "_after"))
    rank = {s: i for i, s in enumerate(program.stages)}

    def classify(row: pd.Series) -> str:
        if pd.isna(row["stage_before"]):
            return NEW
        if pd.isna(row["stage_after"]):
            return LEFT
        step = rank[row["stage_after"]] - rank[row["stage_before"]]
        return UP if step > 0 else DOWN if step < 0 else SAME

    result = pd.DataFrame(
        {
            "company": merged["company"],
            "sector": merged["sector_after"].where(merged["sector_after"].notna(), merged["sector_before"]),
            "movement": merged.apply(classify, axis=1) if len(merged) else pd.Series(dtype=str),
            "stage_before": merged["stage_before"],
            "stage_after": merged["stage_after"],
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


def movement_counts(moves: pd.DataFrame) -> dict[str, int]:
    """How many companies moved up, down, were new, left (and stayed) in a `movement` frame."""
    counts = moves["movement"].value_counts()
    return {name: int(counts.get(name, 0)) for name in (*MOVEMENTS, SAME)}


def watch_list(frame: pd.DataFrame, as_of: object, program: Program, n: int = 10) -> pd.DataFrame:
    """The `n` companies closest to the next stage at `as_of`: valuation ÷ the next stage's floor, highest first.

    Companies on the top stage have no next stage and are left out. Columns: company, sector, stage, next_stage,
    valuation (won), next_floor (won), ratio (float), gap (won = next_floor − valuation; ≤ 0 only when the file's
    stage is lower than its valuation says), source_row. Ties: larger valuation, then name.
    """
    rows = snapshot(frame, as_of)
    records: list[dict[str, Any]] = []
    row: Any  # itertuples rows: fields named after the columns
    for row in rows.itertuples(index=False):
        floor = program.next_stage_floor(row.stage)
        if floor is None:
            continue
        valuation = int(row.valuation_krw)
        records.append(
            {
                "company": row.company,
                "sector": row.sector,
                "stage": row.stage,
                "next_stage": program.stages[program.stages.index(row.stage) + 1],
                "valuation": valuation,
                "next_floor": floor,
                "ratio": valuation / floor,
                "gap": floor - valuation,
                "source_row": int(row.source_row),
                "_exact": Fraction(valuation, floor),
            }
        )
    columns = ["company", "sector", "stage", "next_stage", "valuation", "next_floor", "ratio", "gap", "source_row"]
    if not records:
        return pd.DataFrame(columns=columns)
    records.sort(key=lambda r: (-r["_exact"], -r["valuation"], r["company"]))
    table = pd.DataFrame.from_records(records[:n])[columns]
    for column in ("valuation", "next_floor", "gap"):
        table[column] = table[column].astype("Int64")
    return table


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


def companies(frame: pd.DataFrame, as_of: object | None = None) -> list[str]:
    """Company names (at `as_of` when given, else anywhere in the data), by valuation at their latest 기준일 then
    name."""
    rows = frame if as_of is None else snapshot(frame, as_of)
    latest = rows.sort_values("as_of").groupby("company", sort=False).tail(1)
    latest = latest.sort_values(["valuation_krw", "company"], ascending=[False, True], kind="stable")
    return latest["company"].tolist()


def stage_figures(frame: pd.DataFrame, as_of: object, program: Program) -> dict[str, Figure]:
    """Companies at `as_of` in all and per stage, as traceable counts of the rows they are made of."""
    rows = snapshot(frame, as_of)
    figures = {"total": row_count(rows, "companies", "pipeline.figure.total")}
    for stage in program.stages:
        figures[stage] = row_count(rows[rows["stage"] == stage], "companies", f"stage.{stage}")
    return figures


def stage_figure(frame: pd.DataFrame, as_of: object, sector: str, stage: str | None) -> Figure:
    """The figure behind a cell of the sector × stage table: the companies of `sector` at `stage` (None: every
    stage) on the 기준일 `as_of`, as a count of their rows."""
    rows = snapshot(frame, as_of)
    rows = rows[rows["sector"] == sector]
    if stage is not None:
        rows = rows[rows["stage"] == stage]
    return row_count(rows, "companies", f"stage.{stage}" if stage else "pipeline.figure.sector_total")


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
