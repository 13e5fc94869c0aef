"""K-Unicorn selections (issue #35): a company's stage is its highest selection with its year, never a valuation band.

아기유니콘 and 예비유니콘 are selections the Ministry of SMEs and Startups makes once a year (G-유니콘 the city's own);
`program.toml` [k_unicorn] holds the ladder (lowest first), each programme's calendar and entry criteria, and the
unicorn status (an unlisted company valued at 1조원 or more: a status, not a selection). A selection of year Y
counts from the end of its programme's selection month in Y, so a quarter's snapshot shows only the selections made
by then.

All functions are pure. `selections` is the loader's selections frame (year, programme, company, registration_no,
support, source_row); `companies` the companies frame. Companies are matched by `metrics.company_key` (one company,
one key: 사업자등록번호 where given, else the normalised name with the configured aliases of renamed companies).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from program import CRITERIA_MEASURES, Program, load_program

from .company_key import CompanyKeys, company_keys

SELECTION, NONE = "selection", "none"  # what a company's stage rests on: a selection, or nothing


def counted_from(year: int, programme: str, program: Program) -> pd.Timestamp:
    """The day a selection of `year` counts from: the last day of its programme's selection month."""
    month = program.k_unicorn.programme(programme).select_month
    return pd.Timestamp(dt.date(int(year), month, calendar.monthrange(int(year), month)[1]))


def keys_for(program: Program, *frames: pd.DataFrame | None) -> CompanyKeys:
    """The company keys of these frames (every (기업명, 사업자등록번호) pair learnt), with the configured aliases."""
    return company_keys(*(f for f in frames if f is not None), aliases=program.company_aliases)


def selections_as_of(
    selections: pd.DataFrame | None, as_of: Any, program: Program, keys: CompanyKeys | None = None
) -> pd.DataFrame:
    """The selection rows made by `as_of` (anything pd.Timestamp reads), with `key` (the company's join key from
    `keys`, by default learnt from `selections` alone) and `rank` (its programme's place on the ladder, 1 = lowest)."""
    columns = ["key", "company", "programme", "year", "rank", "support", "source_row"]
    if selections is None or selections.empty:
        return pd.DataFrame(columns=columns)
    k = program.k_unicorn
    known = selections[selections["programme"].isin(k.names)]
    counted = [counted_from(y, p, program) for y, p in zip(known["year"], known["programme"], strict=True)]
    made = known[pd.Series(counted, index=known.index, dtype="datetime64[ns]") <= pd.Timestamp(as_of)]
    support = made["support"] if "support" in made.columns else pd.Series(pd.NA, index=made.index, dtype=object)
    return pd.DataFrame(
        {
            "key": (keys or keys_for(program, selections)).key_column(made),
            "company": made["company"],
            "programme": made["programme"],
            "year": made["year"].astype("int64"),
            "rank": made["programme"].map(k.rank).astype("int64"),
            "support": support,
            "source_row": made["source_row"].astype("int64"),
        },
        columns=columns,
    )


def highest_selections(
    selections: pd.DataFrame | None, as_of: Any, program: Program, keys: CompanyKeys | None = None
) -> pd.DataFrame:
    """One row per company selected by `as_of`: its highest programme (ladder rank, then the latest year),
    columns as `selections_as_of`, sorted by rank (highest first), year (latest first), then name."""
    made = selections_as_of(selections, as_of, program, keys)
    best = made.sort_values(["rank", "year", "source_row"], ascending=[False, False, True], kind="stable")
    best = best.drop_duplicates("key", keep="first")
    return best.sort_values(["rank", "year", "company"], ascending=[False, False, True], kind="stable").reset_index(
        drop=True
    )


def highest_selection_counts(
    selections: pd.DataFrame | None, as_of: Any, program: Program | None = None
) -> dict[str, int]:
    """사업명 → how many companies have it as their highest selection at `as_of`, every ladder programme present
    (0 when none), lowest first. What `python -m metrics pipeline` prints as `selections`."""
    program = program or load_program()
    counts = highest_selections(selections, as_of, program)["programme"].value_counts()
    return {name: int(counts.get(name, 0)) for name in program.k_unicorn.names}


def selected_by_year(selections: pd.DataFrame | None, program: Program) -> pd.DataFrame:
    """선정 기업 수 by year: one row per year and programme with a selection (year ascending, ladder order), the
    number of distinct companies selected that year (`companies`) and their rows (`source_rows`)."""
    columns = ["year", "programme", "companies", "source_rows"]
    if selections is None or selections.empty:
        return pd.DataFrame(columns=columns)
    known = selections[selections["programme"].isin(program.k_unicorn.names)]
    keys = keys_for(program, selections)
    rows = known.assign(key=keys.key_column(known), rank=known["programme"].map(program.k_unicorn.rank))
    grouped = [
        {
            "year": int(group["year"].iloc[0]),
            "programme": str(group["programme"].iloc[0]),
            "companies": int(group["key"].nunique()),
            "source_rows": tuple(int(r) for r in group["source_row"]),
            "_rank": int(group["rank"].iloc[0]),
        }
        for _, group in rows.groupby(["year", "programme"], sort=False)
    ]
    table = pd.DataFrame.from_records(grouped, columns=[*columns, "_rank"])
    table = table.sort_values(["year", "_rank"], kind="stable").drop(columns="_rank").reset_index(drop=True)
    table["companies"] = table["companies"].astype("int64")
    return table


def company_selections(
    selections: pd.DataFrame | None, company: str, program: Program, companies: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every selection of `company` (one company, one key: `companies` lends the numbers it knows), oldest first:
    year, programme, support, source_row (whenever made: a profile lists the company's record)."""
    keys = keys_for(program, selections, companies)
    rows = selections_as_of(selections, pd.Timestamp.max, program, keys)
    rows = rows[rows["key"] == keys.key(company)]
    return rows.sort_values(["year", "rank"], kind="stable")[
        ["year", "programme", "support", "source_row"]
    ].reset_index(drop=True)


def staged(companies: pd.DataFrame, selections: pd.DataFrame | None, program: Program | None = None) -> pd.DataFrame:
    """`companies` with each row's K-Unicorn stage at its own 기준일:

    - `stage`: its highest selection made by that 기준일, else the never-selected name (program.toml);
    - `stage_basis`: "selection" or "none";
    - `selected_year`, `selection_row`: the year and selections row of that highest selection (<NA> when none);
    - `unicorn`: the unicorn status, a status beside the stage and not a selection: its valuation is at least the
      unicorn floor;
    - `estimate_floor`, `estimate_ceiling` (won): the valuation estimate band of a company never selected and not a
      unicorn whose valuation is given (<NA> otherwise): shown only as a labelled estimate, never as a stage.
    Any `stage` column the frame had (files before #35 carried one derived from valuation) is replaced."""
    program = program or load_program()
    k = program.k_unicorn
    out = companies.drop(columns=[c for c in ("stage",) if c in companies.columns]).copy()
    keys_ = keys_for(program, companies, selections)
    keys = keys_.key_column(out)
    selected = pd.Series(pd.NA, index=out.index, dtype=object)
    selected_year = pd.Series(pd.NA, index=out.index, dtype="Int64")
    selection_row = pd.Series(pd.NA, index=out.index, dtype="Int64")
    for as_of in out["as_of"].dropna().unique():
        chosen = highest_selections(selections, as_of, program, keys_)
        best = {
            str(key): {"programme": programme, "year": year, "source_row": row}
            for key, programme, year, row in zip(
                chosen["key"].tolist(),
                chosen["programme"].tolist(),
                chosen["year"].tolist(),
                chosen["source_row"].tolist(),
                strict=True,
            )
        }
        here = out.index[(out["as_of"] == as_of) & keys.isin(list(best))]
        selected.loc[here] = [best[keys[i]]["programme"] for i in here]
        selected_year.loc[here] = [int(best[keys[i]]["year"]) for i in here]
        selection_row.loc[here] = [int(best[keys[i]]["source_row"]) for i in here]
    valuation = (
        out["valuation_krw"].astype("Int64")
        if "valuation_krw" in out.columns
        else pd.Series(pd.NA, index=out.index, dtype="Int64")
    )
    unicorn = (valuation.fillna(-1) >= k.unicorn_floor_krw).astype(bool)
    stage = selected.where(selected.notna(), k.never_selected).astype(object)
    basis = pd.Series(NONE, index=out.index, dtype=object).where(selected.isna(), SELECTION)
    floors = k.estimate_floors()
    estimated = (basis == NONE) & valuation.notna() & ~unicorn
    floor = pd.Series(pd.NA, index=out.index, dtype="Int64")
    ceiling = pd.Series(pd.NA, index=out.index, dtype="Int64")
    for i in out.index[estimated]:
        value = int(valuation[i])
        floor[i] = max(f for f in floors if f <= value)
        ceiling[i] = min(f for f in (*floors, k.unicorn_floor_krw) if f > value)
    return out.assign(
        stage=stage,
        stage_basis=basis,
        selected_year=selected_year,
        selection_row=selection_row,
        unicorn=unicorn,
        estimate_floor=floor,
        estimate_ceiling=ceiling,
    )


def unicorn_count(staged_rows: pd.DataFrame, as_of: Any) -> int:
    """Companies with the unicorn status at `as_of` (a status, counted beside the stages, not among them)."""
    return int(staged_rows.loc[staged_rows["as_of"] == pd.Timestamp(as_of), "unicorn"].sum())


# --- the gap to the next programme ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    measure: str  # "funding_krw" or "valuation_krw"
    threshold: int  # won
    value: int | None  # the company's figure (None: the data does not give it)

    @property
    def met(self) -> bool:
        return self.value is not None and self.value >= self.threshold

    @property
    def shortfall(self) -> int | None:
        """Won still missing (0 when met; None when the figure is not in the data)."""
        return None if self.value is None else max(0, self.threshold - self.value)

    @property
    def ratio(self) -> float | None:
        return None if self.value is None else self.value / self.threshold


@dataclass(frozen=True)
class EntryGap:
    """How far one company is from the next programme's entry criteria, and when it can next apply."""

    programme: str  # the next programme on the ladder with criteria configured
    criteria: tuple[Criterion, ...]  # in CRITERIA_MEASURES order; meeting any one qualifies
    window_year: int | None  # the next application window (None: no months configured)
    window_months: tuple[int, ...]
    window_open: bool  # `today` falls inside it

    @property
    def met(self) -> bool:
        return any(c.met for c in self.criteria)

    @property
    def known(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.value is not None)

    @property
    def nearest(self) -> Criterion | None:
        """The criterion the company is closest to (largest ratio), among those the data gives."""
        known = self.known
        return max(known, key=lambda c: (c.ratio or 0.0, -CRITERIA_MEASURES.index(c.measure))) if known else None


def next_window(months: tuple[int, ...], today: dt.date) -> tuple[int | None, bool]:
    """(year, open now) of the next application window of `months` on or after `today`."""
    if not months:
        return None, False
    first, last = min(months), max(months)
    if first <= today.month <= last:
        return today.year, True
    return (today.year if today.month < first else today.year + 1), False


def entry_gap(row: Any, program: Program, today: dt.date) -> EntryGap | None:
    """The gap of a `staged` row to the next programme above its highest selection that has entry criteria; None
    for a unicorn and for a company already selected for the top programme with criteria."""
    k = program.k_unicorn
    if row["unicorn"]:
        return None
    current = k.rank(row["stage"])
    above = [p for p in k.ladder if k.rank(p.name) > current and p.criteria]
    if not above:
        return None
    programme = above[0]
    criteria = []
    for measure in CRITERIA_MEASURES:
        if measure not in programme.criteria:
            continue
        value = row[measure] if measure in row.index else None
        criteria.append(Criterion(measure, programme.criteria[measure], None if pd.isna(value) else int(value)))
    year, is_open = next_window(programme.apply_months, today)
    return EntryGap(programme.name, tuple(criteria), year, programme.apply_months, is_open)


def entry_gaps(staged_rows: pd.DataFrame, as_of: Any, program: Program, today: dt.date) -> pd.DataFrame:
    """Every company at `as_of` with a next programme: company, sector, stage, next_programme, measure (the
    criterion it is nearest; <NA> when the data gives none), value, threshold, ratio, gap (won; 0 when met), met,
    missing (the criteria whose figure the data lacks), source_row. Nearest first (ratio descending; companies the
    data says nothing about last), then name."""
    rows = staged_rows[staged_rows["as_of"] == pd.Timestamp(as_of)]
    records = []
    for _, row in rows.iterrows():
        gap = entry_gap(row, program, today)
        if gap is None:
            continue
        nearest = gap.nearest
        records.append(
            {
                "company": row["company"],
                "sector": row["sector"],
                "stage": row["stage"],
                "next_programme": gap.programme,
                "measure": None if nearest is None else nearest.measure,
                "value": None if nearest is None else nearest.value,
                "threshold": None if nearest is None else nearest.threshold,
                "ratio": None if nearest is None else nearest.ratio,
                "gap": None if nearest is None else nearest.shortfall,
                "met": gap.met,
                "missing": tuple(c.measure for c in gap.criteria if c.value is None),
                "source_row": int(row["source_row"]),
            }
        )
    columns = [
        "company", "sector", "stage", "next_programme", "measure", "value", "threshold", "ratio", "gap", "met",
        "missing", "source_row",
    ]  # fmt: skip
    table = pd.DataFrame.from_records(records, columns=columns)
    table = table.assign(_known=table["ratio"].notna(), _ratio=table["ratio"].astype("Float64").fillna(0.0))
    table = table.sort_values(["_known", "_ratio", "company"], ascending=[False, False, True], kind="stable")
    table = table.drop(columns=["_known", "_ratio"]).reset_index(drop=True)
    for column in ("value", "threshold", "gap"):
        table[column] = table[column].astype("Int64")
    table["ratio"] = table["ratio"].astype("Float64")
    table["met"] = table["met"].astype(bool)  # bool even when empty: an object column would select columns, not rows
    return table
