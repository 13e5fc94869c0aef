"""What changed between two versions of a dataset, as facts ready to be said in sentences.

Every sentence is a message key plus the computed numbers it states (no free text): the page formats
them in the reader's language, and tests check each number against hand-computed differences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import pandas as pd

from loaders.contract import DATASETS
from program import load_program

from . import reasons
from .agreements import changes as agreement_changes
from .budget import current
from .changes import Changes, compare_versions, measure_totals
from .figures import Figure, difference, of_version, total

TOP_PROGRAMS = 3  # programmes named in a sentence: enough to act on, short enough to read aloud
NAMES_LISTED = 5  # companies named before "외 N개사"


@dataclass(frozen=True)
class Sentence:
    key: str  # message key under "whatchanged."
    values: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ChangeSummary:
    dataset: str
    changes: Changes
    sentences: tuple[Sentence, ...]
    by_program: pd.DataFrame | None = None  # budget: program, planned/executed before, after, difference
    by_sector: pd.DataFrame | None = None  # jobs: sector, new hires and latest headcount, before/after/difference
    # companies: company, move (new / left / unicorn_up / unicorn_down), valuations before and after
    company_moves: pd.DataFrame | None = None


def _measure_unit(column: str) -> str:
    return "krw" if column.endswith("_krw") else "area" if column == "area_m2" else "people"


def _levels(dataset: str) -> tuple[str, ...]:
    """The dataset's measures that are levels at a date (loaders.contract.Column.level): headcount, valuation…"""
    return tuple(c.name for c in DATASETS[dataset].measures if c.level)


def _period_column(dataset: str) -> str | None:
    """The column a dataset's rows are reported by (its first period column: year, month or 기준일); None: a register."""
    period = DATASETS[dataset].period
    return period[0] if period else None


@dataclass(frozen=True)
class Scope:
    """What a total adds up, said beside it (issue #37): every period of the versions compared (`kind` "years" or
    "months", from `first` to `last`), each version's latest period for a level ("latest_month", "latest_date":
    `before` → `after`, `before` None when there was no earlier version), or every row of a register ("all")."""

    kind: str
    first: object = None  # a year (int) or a month (date)
    last: object = None
    before: object = None  # the earlier version's latest month or 기준일 (a date)
    after: object = None


def _dates(frame: pd.DataFrame | None, column: str) -> pd.Series:
    if frame is None or frame.empty or column not in frame.columns:
        return pd.Series(dtype="datetime64[ns]")
    return pd.to_datetime(frame[column]).dropna()


def scope_of(dataset: str, measure: str, before: pd.DataFrame | None, after: pd.DataFrame | None) -> Scope:
    """The scope of `measure`'s total in `dataset` when `before` and `after` are compared (either may be None)."""
    column = _period_column(dataset)
    if column is None:
        return Scope("all")
    if measure in _levels(dataset):
        earlier, later = (_dates(f, column).max() for f in (before, after))
        kind = "latest_month" if column == "month" else "latest_date"
        return Scope(
            kind, before=None if pd.isna(earlier) else earlier.date(), after=None if pd.isna(later) else later.date()
        )
    frames = [f for f in (before, after) if f is not None and not f.empty and column in f.columns]
    if not frames:
        return Scope("all")
    if column == "year":
        years = pd.concat([f[column] for f in frames]).dropna().astype(int)
        return Scope("years", first=int(years.min()), last=int(years.max()))
    months = pd.concat([_dates(f, column) for f in frames])
    return Scope("months", first=months.min().date(), last=months.max().date())


def totalled(dataset: str, measure: str, frame: pd.DataFrame | None) -> pd.DataFrame | None:
    """The rows `measure`'s total adds up: a level's latest period; a budget's current rows (a year held as
    year-to-date snapshots counts its latest only); else every row."""
    if frame is None:
        return None
    column = _period_column(dataset)
    if measure in _levels(dataset) and column is not None:
        return _latest(frame, column)
    if dataset == "budget":
        return current(frame)
    return frame


def _totals_sentences(
    dataset: str, changes: Changes, before: pd.DataFrame | None, after: pd.DataFrame | None
) -> list[Sentence]:
    sentences = []
    for column in changes.totals_after:
        sides = [
            measure_totals(dataset, totalled(dataset, column, frame)).get(column, 0) if frame is not None else 0
            for frame in (before, after)
        ]
        was, now = sides
        direction = "up" if now > was else "down" if now < was else "same"
        sentences.append(
            Sentence(
                f"whatchanged.total_{direction}",
                {
                    "measure": column,
                    "unit": _measure_unit(column),
                    "before": was,
                    "after": now,
                    "difference": now - was,
                    "scope": scope_of(dataset, column, before, after),
                },
            )
        )
    return sentences


def _difference_by(
    before: pd.DataFrame | None, after: pd.DataFrame | None, group: str, measures: list[str]
) -> pd.DataFrame:
    """Per `group` value: each measure's sum before, after and the difference (exact integers)."""
    sums = []
    for frame, side in ((before, "before"), (after, "after")):
        if frame is None or frame.empty:
            sums.append(pd.DataFrame(columns=[f"{m}_{side}" for m in measures]))
            continue
        summed = frame.groupby(group, sort=False)[measures].sum()
        sums.append(summed.rename(columns={m: f"{m}_{side}" for m in measures}))
    table = sums[0].join(sums[1], how="outer").fillna(0)
    for m in measures:
        table[f"{m}_before"] = table[f"{m}_before"].astype("int64")
        table[f"{m}_after"] = table[f"{m}_after"].astype("int64")
        table[f"{m}_difference"] = table[f"{m}_after"] - table[f"{m}_before"]
    return table.rename_axis(group).reset_index()


def _budget(before: pd.DataFrame | None, after: pd.DataFrame | None) -> tuple[list[Sentence], pd.DataFrame]:
    # A year-to-date export's earlier snapshots are not money of their own: compare what each version counts.
    before, after = (None if f is None else current(f) for f in (before, after))
    table = _difference_by(before, after, "program", ["planned_krw", "executed_krw"])
    sentences = []
    for measure in ("executed_krw", "planned_krw"):
        moved = table[table[f"{measure}_difference"] != 0]
        if moved.empty:
            continue
        top = moved.reindex(moved[f"{measure}_difference"].abs().sort_values(ascending=False).index).head(TOP_PROGRAMS)
        items = [(str(p), int(d)) for p, d in zip(top["program"], top[f"{measure}_difference"], strict=True)]
        sentences.append(Sentence("whatchanged.top_programs", {"measure": measure, "unit": "krw", "items": items}))
    return sentences, table


def _latest(frame: pd.DataFrame | None, column: str) -> pd.DataFrame:
    if frame is None or frame.empty:
        return pd.DataFrame(columns=["company", "sector", "headcount", "valuation_krw"])
    return frame[frame[column] == frame[column].max()]


def _jobs(before: pd.DataFrame | None, after: pd.DataFrame | None) -> tuple[list[Sentence], pd.DataFrame]:
    hires = _difference_by(before, after, "sector", ["new_hires"])
    heads = _difference_by(_latest(before, "month"), _latest(after, "month"), "sector", ["headcount"])
    table = hires.merge(heads, on="sector", how="outer").fillna(0)
    for column in table.columns:
        if column != "sector":
            table[column] = table[column].astype("int64")
    sentences = []
    for measure in ("new_hires", "headcount"):
        moved = table[table[f"{measure}_difference"] != 0]
        if not moved.empty:
            items = [(str(s), int(d)) for s, d in zip(moved["sector"], moved[f"{measure}_difference"], strict=True)]
            sentences.append(Sentence(f"whatchanged.sector_{measure}", {"unit": "people", "items": items}))
    return sentences, table


def _at(frame: pd.DataFrame, row: object, column: str) -> Any:
    """`frame.at[row, column]` (pandas-stubs type it as the union of every scalar; the column's dtype says more)."""
    return frame.at[row, column]


def _valuation(frame: pd.DataFrame, company: object) -> int | None:
    value = _at(frame, company, "valuation_krw") if "valuation_krw" in frame.columns else None
    return None if value is None or pd.isna(value) else int(value)


def _companies(before: pd.DataFrame | None, after: pd.DataFrame | None) -> tuple[list[Sentence], pd.DataFrame]:
    """Compare each version's latest 기준일: companies new, left, and those whose unicorn status (an unlisted company
    valued at the configured floor or more) was gained or lost. K-Unicorn stages are selections (issue #35): a new
    selection is a change of the selections data (`_selections`), never of a valuation."""
    old = _latest(before, "as_of").set_index("company")
    new = _latest(after, "as_of").set_index("company")
    floor = load_program().k_unicorn.unicorn_floor_krw
    moves = []
    for company in new.index.difference(old.index, sort=False):
        moves.append({"company": company, "move": "new", "valuation_before": None,
                      "valuation_after": _valuation(new, company)})  # fmt: skip
    for company in old.index.difference(new.index, sort=False):
        moves.append({"company": company, "move": "left", "valuation_before": _valuation(old, company),
                      "valuation_after": None})  # fmt: skip
    for company in new.index.intersection(old.index, sort=False):
        was, now = _valuation(old, company), _valuation(new, company)
        was_unicorn, is_unicorn = (v is not None and v >= floor for v in (was, now))
        if was_unicorn != is_unicorn:
            move = "unicorn_up" if is_unicorn else "unicorn_down"
            moves.append({"company": company, "move": move, "valuation_before": was, "valuation_after": now})
    table = pd.DataFrame(moves, columns=["company", "move", "valuation_before", "valuation_after"])
    sentences = []
    for move in ("new", "left"):
        names = list(table.loc[table["move"] == move, "company"])
        if names:
            sentences.append(Sentence(f"whatchanged.companies_{move}", {"count": len(names), "names": names}))
    for move in ("unicorn_up", "unicorn_down"):
        names = list(table.loc[table["move"] == move, "company"])
        if names:
            sentences.append(Sentence(f"whatchanged.{move}", {"count": len(names), "names": names, "floor": floor}))
    return sentences, table


def _selections(before: pd.DataFrame | None, after: pd.DataFrame | None) -> list[Sentence]:
    """New K-Unicorn selections (and selections no longer in the data), naming company, programme and year."""
    key = ["year", "programme", "company"]

    def rows(frame: pd.DataFrame | None) -> set[tuple[int, str, str]]:
        if frame is None or frame.empty:
            return set()
        return {(int(y), str(p), str(c)) for y, p, c in zip(*(frame[k] for k in key), strict=True)}

    was, now = rows(before), rows(after)
    rank = load_program().k_unicorn.rank
    sentences = []
    for name, found in (("selections_new", now - was), ("selections_removed", was - now)):
        if found:
            items = [(c, p, y) for y, p, c in sorted(found, key=lambda r: (-r[0], -rank(r[1]), r[2]))]
            sentences.append(Sentence(f"whatchanged.{name}", {"count": len(items), "items": items}))
    return sentences


def _reasons(before: pd.DataFrame | None, after: pd.DataFrame | None) -> list[Sentence]:
    """New and changed 사유·대책 (issue #24), naming the programmes."""
    new, moved = reasons.changed(before, after)
    sentences = []
    for key, names in (("whatchanged.reasons_new", new), ("whatchanged.reasons_changed", moved)):
        if names:
            sentences.append(Sentence(key, {"count": len(names), "names": names}))
    return sentences


def _snapshot(frame: pd.DataFrame | None) -> pd.DataFrame | None:
    """A version's latest 기준일 (None stays None: no version yet)."""
    if frame is None or frame.empty:
        return frame
    return frame[frame["as_of"] == frame["as_of"].max()]


def _agreements(before: pd.DataFrame | None, after: pd.DataFrame | None) -> list[Sentence]:
    """Investment agreements between two versions' latest 기준일 (issue #35): new agreements, stage moves, exits,
    and a 투자실적 or 고용실적 lower than before (accepted at upload with a warning, said again here)."""
    if after is None or after.empty:
        return []
    empty = after.iloc[0:0]
    found = agreement_changes(before if before is not None else empty, after)
    sentences = []
    new = [m.company for m in found.moves if m.before is None]
    if new:
        sentences.append(Sentence("whatchanged.agreements_new", {"count": len(new), "names": new}))
    moved = [(m.company, m.before, m.after) for m in found.moves if m.before is not None]
    if moved:
        sentences.append(Sentence("whatchanged.agreements_moved", {"count": len(moved), "items": moved}))
    if found.exits:
        items = [(m.company, m.before, m.after) for m in found.exits]
        sentences.append(Sentence("whatchanged.agreements_left", {"count": len(items), "items": items}))
    if found.lowered:
        lowered = [(x.company, x.column, x.before, x.after, x.source_row) for x in found.lowered]
        sentences.append(Sentence("whatchanged.agreements_lowered", {"count": len(lowered), "items": lowered}))
    return sentences


def summarise(dataset: str, before: pd.DataFrame | None, after: pd.DataFrame | None) -> ChangeSummary:
    """Everything the what-changed view says about `dataset` going from `before` to `after`."""
    if dataset == "agreements":  # a snapshot per 기준일: compare the latest one of each version, agreement by agreement
        before, after = _snapshot(before), _snapshot(after)
        undated = [None if f is None else f.drop(columns=["as_of"]) for f in (before, after)]  # not a change itself
        changes = compare_versions(dataset, undated[0], undated[1], key=("company", "signed"))
    else:
        changes = compare_versions(dataset, before, after)
    if changes.is_empty:
        return ChangeSummary(dataset, changes, (Sentence("whatchanged.none"),))
    sentences = _totals_sentences(dataset, changes, before, after)
    sentences.append(
        Sentence(
            "whatchanged.rows",
            {
                "added": len(changes.added),
                "removed": len(changes.removed),
                "changed": changes.changed_rows,
            },
        )
    )
    extra: dict[str, pd.DataFrame] = {}
    if dataset == "budget":
        more, extra["by_program"] = _budget(before, after)
        sentences += more
    elif dataset == "jobs":
        more, extra["by_sector"] = _jobs(before, after)
        sentences += more
    elif dataset == "companies":
        more, extra["company_moves"] = _companies(before, after)
        sentences += more
    elif dataset == "reasons":
        sentences += _reasons(before, after)
    elif dataset == "selections":
        sentences += _selections(before, after)
    elif dataset == "agreements":
        sentences += _agreements(before, after)
    return ChangeSummary(dataset, changes, tuple(sentences), **extra)


MEASURES = tuple(c.name for d in DATASETS.values() for c in d.measures)


class _Stored(Protocol):
    @property
    def created_at(self) -> dt.datetime: ...


StoredT = TypeVar("StoredT", bound=_Stored)


def version_at(versions: Sequence[StoredT], moment: dt.datetime) -> StoredT | None:
    """The version that was the latest at `moment` (an aware datetime), from a newest-first list; None if none yet."""
    for version in versions:
        if version.created_at <= moment:
            return version
    return None


def change_figure(
    dataset: str,
    before: pd.DataFrame | None,
    after: pd.DataFrame | None,
    numbers: tuple[int | None, int | None],
    group: str,
    value: object,
    column: str,
) -> Figure:
    """The figure behind a cell of the by-programme (budget) or by-sector (jobs) table: `column` is
    "<measure>_before", "_after" or "_difference"; before/after sum the group's rows of that version (headcount:
    the version's latest month), each pinned to its version number in `numbers`."""
    measure, side = column.rsplit("_", 1)
    sides = []
    for frame, number, name in ((before, numbers[0], "before"), (after, numbers[1], "after")):
        rows = _latest(frame, "month") if measure == "headcount" else frame
        if rows is None or rows.empty:
            rows = pd.DataFrame(
                {
                    group: pd.Series(dtype=object),
                    measure: pd.Series(dtype="int64"),
                    "source_row": pd.Series(dtype="int64"),
                }
            )
        sides.append(
            of_version(total(rows[rows[group] == value], measure, dataset, f"whatchanged.figure.{name}"), number)
        )
    if side == "before":
        return sides[0]
    if side == "after":
        return sides[1]
    return difference(sides[1], sides[0], "whatchanged.figure.difference")
