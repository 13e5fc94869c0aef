"""A row's reference inside a stored version: which file it came from, and its row in that file.

A version built by a period import holds rows from several uploads (the file just imported, and the rows it kept
from earlier versions), so an Excel row number alone no longer names a row. The frame's `source_row` is therefore a
reference: a row of the version's own file is its Excel row, as before; a row carried over from an earlier version's
file is `origin × SPAN + Excel row`, origin being that version's number. Figures keep listing `source_row`s; the
source dialog splits them by file.
"""

from __future__ import annotations

SPAN = 10_000_000  # above any sheet's row count (Excel stops at 1,048,576 rows)


def carried(reference: int, from_number: int) -> int:
    """The reference of a row of version `from_number`, once it is carried into a later version."""
    return reference if reference >= SPAN else from_number * SPAN + reference


def origin(reference: int) -> int | None:
    """The number of the version whose file the row came from; None: the version's own file."""
    return reference // SPAN or None


def excel_row(reference: int) -> int:
    """The row in its file, as Excel shows it."""
    return reference % SPAN
