"""The one place every file the app writes for download or storage (Excel, CSV) makes its cells safe.

A spreadsheet runs a cell that starts with =, +, -, @, a tab or a carriage return as a formula (`=HYPERLINK(…)`
sends the reader elsewhere, `=cmd|…` once ran programs): such text gets a leading apostrophe, which Excel shows as
text; control characters an xlsx cannot hold are dropped. Numbers, dates and booleans stay what they are, so a
negative amount is still a number. `present.xlsx.to_xlsx`, `csv_bytes` below, the input templates
(loaders/templates.py) and the 부진 사유 form's stored file (present/reasons.py) all go through `neutralise`.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"  # what a spreadsheet reads as "the rest is text"


def neutralise(text: str) -> str:
    """Text safe for a spreadsheet cell: a leading apostrophe before formula triggers, control characters
    that xlsx cannot hold removed."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return TEXT_MARK + text if text.startswith(FORMULA_TRIGGERS) else text


def unneutralise(text: str) -> str:
    """The text a neutralised cell stands for ("'=1+1" → "=1+1"): how a file the app wrote reads back."""
    return text[1:] if text.startswith(TEXT_MARK) and text[1:].startswith(FORMULA_TRIGGERS) else text


def is_missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def safe_value(value: object) -> object:
    """A value for a CSV cell: numbers and booleans as they are, missing as empty, everything else as neutralised
    text."""
    if is_missing(value):
        return ""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        value = value.item()
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return neutralise(str(value))


def csv_bytes(frame: pd.DataFrame, first_rows: Sequence[Sequence[str]] = ()) -> bytes:
    """`frame` as UTF-8 CSV with a BOM (Excel opens it in Korean), header row from its columns, every cell through
    `safe_value`; `first_rows` (e.g. the data-class marking) come before the header."""
    return rows_csv([*first_rows, list(map(str, frame.columns)), *frame.itertuples(index=False, name=None)])


def rows_csv(rows: Iterable[Sequence[object]]) -> bytes:
    """Rows of cells as UTF-8 CSV with a BOM, every cell through `safe_value`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([safe_value(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")
