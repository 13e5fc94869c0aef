"""How each kind of contract column is held in a frame, and a stored frame made whole.

A file may leave out any optional column (real exports do); every page reads the same columns whatever the
file had, so a column the file did not have is there, with every value missing.
"""

from __future__ import annotations

import pandas as pd

from .contract import DATASETS, Kind

DTYPES = {
    Kind.MONEY: "Int64",
    Kind.COUNT: "Int64",
    Kind.YEAR: "Int64",
    Kind.MONTH_NUMBER: "Int64",
    Kind.PHASE: "Int64",
    Kind.NUMBER: "Float64",
    Kind.LATITUDE: "Float64",
    Kind.LONGITUDE: "Float64",
}


def typed_array(kind: Kind, values: list[object]):
    """Cell values (None for blank) as the array the loader stores for `kind`."""
    if kind in (Kind.MONTH, Kind.DATE):
        return pd.to_datetime(pd.Series(values, dtype="object")).to_numpy()
    if kind in DTYPES:
        # pandas-stubs only take literal dtype names (DTYPES holds them as str) and typed element sequences
        return pd.array(values, dtype=DTYPES[kind])  # type: ignore[call-overload]
    return pd.array(values, dtype="object")


def with_all_columns(dataset: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every column of its dataset's contract, in contract order (then any others, e.g. source_row).

    A column the file did not have is added with every value missing, typed as the loader would have typed it.
    """
    columns = DATASETS[dataset].columns
    missing = [c for c in columns if c.name not in frame.columns]
    if not missing:
        return frame
    added = {c.name: typed_array(c.kind, [None] * len(frame)) for c in missing}
    whole = frame.assign(**{name: pd.Series(values, index=frame.index) for name, values in added.items()})
    contract = [c.name for c in columns]
    return whole[contract + [c for c in frame.columns if c not in contract]]
