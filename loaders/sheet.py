"""One sheet of raw cells as the reader gives it: what every file format is turned into before headers are found."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]  # row 0 is Excel row 1, so row numbers in messages match what the user sees
    # Merged areas as (first_row, first_col, last_row, last_col), zero-based and inclusive.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False  # a hidden sheet: its figures are not what the user sees
