"""What changed between two versions of a dataset: rows added, removed and changed (by the dataset's key),
which columns changed, and the totals before and after.

Used by the upload page (the current version against the file about to be imported) and for "what changed
since the last briefing" (any two stored versions). Pure pandas: no Streamlit, no store.

    changes = compare_versions("budget", before_frame, after_frame)
    changes.added / changes.removed      # whole rows, as in the after / before frame (with source_row)
    changes.changed                      # one row per changed cell: key columns, column, before, after, source rows
    changes.totals_before, changes.totals_after, changes.difference   # {measure: exact sum}
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from loaders.contract import DATASETS

PROVENANCE = "source_row"
_OCCURRENCE = "_occurrence"  # nth row with the same key (keys should be unique; this keeps duplicates apart)
_SIDE = "_merge"


@dataclass(frozen=True)
class Changes:
    """The difference between `before` and `after` versions of one dataset."""

    dataset: str
    key: tuple[str, ...]
    added: pd.DataFrame  # rows only in `after` (after's columns, source_row = its row in the new file)
    removed: pd.DataFrame  # rows only in `before` (before's columns, source_row = its row in the old file)
    # One row per changed cell: the key columns, `column`, `before`, `after`, `source_row_before`, `source_row_after`.
    changed: pd.DataFrame
    rows_before: int
    rows_after: int
    totals_before: dict[str, int | float] = field(default_factory=dict)
    totals_after: dict[str, int | float] = field(default_factory=dict)

    @property
    def changed_rows(self) -> int:
        """How many rows (keys) have at least one changed cell."""
        if self.changed.empty:
            return 0
        return len(
            self.changed.drop_duplicates([*self.key, _OCCURRENCE] if _OCCURRENCE in self.changed else [*self.key])
        )

    @property
    def unchanged_rows(self) -> int:
        return self.rows_after - len(self.added) - self.changed_rows

    @property
    def changed_columns(self) -> tuple[str, ...]:
        """Columns with at least one changed cell, in the dataset's column order."""
        return tuple(dict.fromkeys(self.changed["column"])) if not self.changed.empty else ()

    @property
    def difference(self) -> dict[str, int | float]:
        """after − before for every measure in either version (a measure missing on one side counts as 0)."""
        names = list(dict.fromkeys([*self.totals_before, *self.totals_after]))
        return {name: self.totals_after.get(name, 0) - self.totals_before.get(name, 0) for name in names}

    @property
    def is_empty(self) -> bool:
        """True when the two versions hold the same rows with the same values (row order and Excel rows aside)."""
        return self.added.empty and self.removed.empty and self.changed.empty


def measure_totals(dataset: str, frame: pd.DataFrame | None) -> dict[str, int | float]:
    """Sum of each measure column present (money and counts as exact ints); empty for no frame."""
    if frame is None:
        return {}
    totals: dict[str, int | float] = {}
    for column in DATASETS[dataset].measures:
        if column.name not in frame.columns:
            continue
        values = frame[column.name]
        total = values.sum(skipna=True)
        if pd.api.types.is_integer_dtype(values.dtype):
            totals[column.name] = int(total)
        else:
            totals[column.name] = int(total) if float(total).is_integer() else float(total)
    return totals


def compare_versions(
    dataset: str,
    before: pd.DataFrame | None,
    after: pd.DataFrame | None,
    key: Sequence[str] | None = None,
) -> Changes:
    """Compare two frames of `dataset` row by row, matching rows by the dataset's key (or `key`).

    `before` None means there was no version yet (every row is added); `after` None means nothing (every row
    removed). Missing key values (e.g. no month in a yearly budget) match each other. Columns compared are the
    canonical columns present in both frames except the key and `source_row` (which only says where a row was).
    """
    columns = _canonical_columns(dataset, before, after)
    key = tuple(k for k in (key or DATASETS[dataset].key) if k in columns)
    before_frame = _prepared(before, columns, key)
    after_frame = _prepared(after, columns, key)
    if not key:  # nothing to match on: compare as whole rows
        key = tuple(c for c in columns)

    on = [*key, _OCCURRENCE]
    compared = [c for c in columns if c not in key]
    if before is None or after is None:  # one side empty: every row of the other is added / removed
        added = after_frame.drop(columns=[_OCCURRENCE])
        removed = before_frame.drop(columns=[_OCCURRENCE])
        both = pd.DataFrame()
    else:
        merged = before_frame.merge(
            after_frame, on=on, how="outer", suffixes=("_before", "_after"), indicator=_SIDE, sort=False
        )
        added = _side(merged, after_frame, on, "right_only", "_after")
        removed = _side(merged, before_frame, on, "left_only", "_before")
        both = merged[merged[_SIDE] == "both"]
    pieces = []
    for column in compared if not both.empty else ():
        old, new = both[f"{column}_before"], both[f"{column}_after"]
        differs = _differs(old, new)
        if not differs.any():
            continue
        rows = both[differs]
        piece = rows[on].copy()
        piece["column"] = column
        piece["before"] = pd.Series(rows[f"{column}_before"].astype(object).to_numpy(), index=rows.index)
        piece["after"] = pd.Series(rows[f"{column}_after"].astype(object).to_numpy(), index=rows.index)
        piece["source_row_before"] = rows[f"{PROVENANCE}_before"].astype("Int64")
        piece["source_row_after"] = rows[f"{PROVENANCE}_after"].astype("Int64")
        pieces.append(piece)
    changed_columns = [*on, "column", "before", "after", "source_row_before", "source_row_after"]
    if pieces:
        changed = pd.concat(pieces, ignore_index=False)
        order = {c: i for i, c in enumerate(compared)}
        changed = (
            changed.assign(_order=changed["column"].map(order), _row=changed.index)
            .sort_values(["source_row_after", "_row", "_order"], kind="stable", na_position="last")
            .drop(columns=["_order", "_row"])
            .reset_index(drop=True)
        )
    else:
        changed = pd.DataFrame({c: pd.Series(dtype=object) for c in changed_columns})
    if not _has_duplicates(before_frame, after_frame):
        changed = changed.drop(columns=[_OCCURRENCE])

    return Changes(
        dataset=dataset,
        key=key,
        added=added,
        removed=removed,
        changed=changed,
        rows_before=len(before_frame),
        rows_after=len(after_frame),
        totals_before=measure_totals(dataset, before) if before is not None else {},
        totals_after=measure_totals(dataset, after) if after is not None else {},
    )


def _canonical_columns(dataset: str, before: pd.DataFrame | None, after: pd.DataFrame | None) -> list[str]:
    present = [f for f in (before, after) if f is not None]
    names = [c.name for c in DATASETS[dataset].columns]
    if not present:
        return names
    return [c for c in names if all(c in f.columns for f in present)]


def _prepared(frame: pd.DataFrame | None, columns: list[str], key: tuple[str, ...]) -> pd.DataFrame:
    """The frame's canonical columns and source_row, plus the occurrence counter of each key."""
    if frame is None:
        empty = pd.DataFrame({c: pd.Series(dtype=object) for c in [*columns, PROVENANCE]})
        return empty.assign(**{_OCCURRENCE: pd.Series(dtype="int64")})
    kept = [c for c in columns if c in frame.columns]
    if PROVENANCE in frame.columns:
        kept.append(PROVENANCE)
    prepared = frame[kept].reset_index(drop=True)
    if PROVENANCE not in prepared.columns:
        prepared[PROVENANCE] = pd.array([None] * len(prepared), dtype="Int64")
    if key:
        occurrence = prepared.groupby(list(key), dropna=False, sort=False).cumcount()
    else:
        occurrence = pd.Series(0, index=prepared.index)
    return prepared.assign(**{_OCCURRENCE: occurrence.astype("int64")})


def _side(merged: pd.DataFrame, original: pd.DataFrame, on: list[str], which: str, suffix: str) -> pd.DataFrame:
    """Rows on one side only, with that side's columns and dtypes."""
    rows = merged[merged[_SIDE] == which]
    out = pd.DataFrame(index=rows.index)
    for column in original.columns:
        if column == _OCCURRENCE:
            continue
        source = column if column in on else f"{column}{suffix}"
        out[column] = (
            rows[source].astype(original[column].dtype) if len(rows) else pd.Series(dtype=original[column].dtype)
        )
    if PROVENANCE in out.columns and out[PROVENANCE].notna().all():
        out = out.sort_values(PROVENANCE, kind="stable")  # in file order
    return out.reset_index(drop=True)


def _differs(old: pd.Series, new: pd.Series) -> pd.Series:
    """Cell by cell: True where the values differ (two missing values are equal)."""
    old_missing, new_missing = old.isna(), new.isna()
    both_present = ~old_missing & ~new_missing
    unequal = pd.Series(False, index=old.index)
    if both_present.any():
        a, b = old[both_present], new[both_present]
        try:
            if a.dtype != b.dtype:
                raise TypeError("different dtypes")
            unequal[both_present] = (a != b).fillna(False).astype(bool).to_numpy()
        except (TypeError, ValueError):  # mixed types: compare value by value
            pairs = zip(a.astype(object), b.astype(object), strict=True)
            # pandas-stubs: no __setitem__ overload for a boolean mask with a list of values (pandas takes it)
            unequal[both_present] = [bool(x != y) for x, y in pairs]  # type: ignore[call-overload]
    return (old_missing != new_missing) | unequal


def _has_duplicates(before: pd.DataFrame, after: pd.DataFrame) -> bool:
    return bool((before[_OCCURRENCE] > 0).any() or (after[_OCCURRENCE] > 0).any())
