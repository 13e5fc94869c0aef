"""Tables as Excel files: exact values, headers as shown, and no way for a cell to run as a formula.

`to_xlsx(frame, sheet_name)`: the frame's columns become the header row, integers stay integers (exact won, shown
with thousands separators), text that a spreadsheet would read as a formula (starting with =, +, -, @, tab or
carriage return) gets a leading apostrophe (`present.cell_safety.neutralise`), and nothing is written as a formula.
With `data_class` (loaders/data_classes.py) the file carries its class: in the first row above the header, at the
front of the sheet's name and in the printed page's header and footer. The download buttons that offer these files
on a page are in `ui.export`.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from loaders.data_classes import marking

from .cell_safety import FORMULA_TRIGGERS, neutralise

__all__ = ["FORMULA_TRIGGERS", "XLSX_MIME", "neutralise", "row_label", "safe_sheet_name", "to_xlsx"]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Excel keeps 15 significant digits: larger integers (over 999조 won) are written as text so no won is lost.
EXCEL_EXACT_DIGITS = 15
INTEGER_FORMAT = "#,##0"
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _cell_value(value: object) -> object:
    """A pandas/numpy value as the plain Python value openpyxl writes (None for missing)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and len(str(abs(value))) > EXCEL_EXACT_DIGITS:
        return str(value)
    if isinstance(value, (int, float, dt.date, dt.datetime)):
        return value
    return neutralise(str(value))


def _width(values: list[object]) -> float:
    """Rough column width in characters; Korean glyphs count double."""
    longest = 0
    for value in values:
        text = value if isinstance(value, str) else (f"{value:,}" if isinstance(value, int) else str(value))
        longest = max(longest, sum(2 if ord(ch) > 0x2E80 else 1 for ch in text))
    return min(max(8, longest + 2), 60)


def safe_sheet_name(name: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\."""
    cleaned = SHEET_NAME_FORBIDDEN.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", name)).strip("' ") or "Sheet1"
    return cleaned[:31]


def to_xlsx(
    frame: pd.DataFrame,
    sheet_name: str,
    number_formats: Mapping[str, str] | None = None,
    data_class: str | None = None,
    lang: str = "ko",
) -> bytes:
    """`frame` as one worksheet (header row from its column names, index left out).

    Integer columns get the "#,##0" format; `number_formats` maps column names to other Excel number formats
    (e.g. {"집행률": "0.0%"} for a column holding ratios). `data_class`: the highest class of what the table
    holds, written in row 1 ("자료 등급: 대외비", the header then in row 2), before the sheet's name ("(대외비) …")
    and in the printed header and footer.
    """
    workbook = Workbook()
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):  # a new Workbook always starts with one worksheet
        raise TypeError("openpyxl gave no worksheet")
    sheet.title = safe_sheet_name(sheet_name if data_class is None else f"({data_class}) {sheet_name}")
    if data_class is not None:
        line = marking(data_class, lang)
        sheet.append([neutralise(line)])
        sheet["A1"].font = Font(bold=True, color="9C0006")
        for printed in (sheet.oddHeader, sheet.oddFooter, sheet.evenHeader, sheet.evenFooter):
            if printed is not None:  # a new worksheet has all four
                printed.center.text = line
    header_row = sheet.max_row + 1 if data_class is not None else 1
    headers = [neutralise(str(column)) for column in frame.columns]
    sheet.append(headers)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    columns = list(frame.columns)
    formats = {}
    for index, column in enumerate(columns, start=1):
        if number_formats and column in number_formats:
            formats[index] = number_formats[column]
        elif pd.api.types.is_integer_dtype(frame[column].dtype):
            formats[index] = INTEGER_FORMAT
    for row in frame.itertuples(index=False, name=None):
        sheet.append([_cell_value(v) for v in row])
    for index in range(1, len(columns) + 1):
        letter = get_column_letter(index)
        cells = sheet[letter][header_row:]
        for cell in cells:
            if cell.data_type == "f":  # never reached: text is neutralised, numbers are numbers
                cell.data_type = "s"
            if index in formats and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.number_format = formats[index]
        sheet.column_dimensions[letter].width = _width([headers[index - 1], *(c.value for c in cells)])
    sheet.freeze_panes = f"A{header_row + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row_label(frame: pd.DataFrame, row: int, column: str) -> str:
    """A table row named by its text cells left of `column` (e.g. "1단계 · 국비"), for the source dialog."""
    left = list(frame.columns[: list(frame.columns).index(column)]) if column in frame.columns else []
    names = [frame[c].iloc[row] for c in left if not pd.api.types.is_numeric_dtype(frame[c])]
    return " · ".join(str(n) for n in names if not pd.isna(n))
