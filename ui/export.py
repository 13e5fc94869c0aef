"""Tables as Excel downloads: exact values, headers as shown, and no way for a cell to run as a formula.

`to_xlsx(frame, sheet_name)` is pure (no Streamlit): the frame's columns become the header row, integers stay
integers (exact won, shown with thousands separators), text that a spreadsheet would read as a formula
(starting with =, +, -, @, tab or carriage return) gets a leading apostrophe, and nothing is written as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

if TYPE_CHECKING:  # the Streamlit side is imported only where a table is shown
    from .provenance import CellFigure

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Excel keeps 15 significant digits: larger integers (over 999조 won) are written as text so no won is lost.
EXCEL_EXACT_DIGITS = 15
INTEGER_FORMAT = "#,##0"
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralise(text: str) -> str:
    """Text safe for a spreadsheet cell: a leading apostrophe before formula triggers, control characters
    that xlsx cannot hold removed."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


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


def to_xlsx(frame: pd.DataFrame, sheet_name: str, number_formats: Mapping[str, str] | None = None) -> bytes:
    """`frame` as one worksheet (header row from its column names, index left out).

    Integer columns get the "#,##0" format; `number_formats` maps column names to other Excel number formats
    (e.g. {"집행률": "0.0%"} for a column holding ratios).
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = safe_sheet_name(sheet_name)
    headers = [neutralise(str(column)) for column in frame.columns]
    sheet.append(headers)
    for cell in sheet[1]:
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
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cells = sheet[letter][1:]
        for cell in cells:
            if cell.data_type == "f":  # never reached: text is neutralised, numbers are numbers
                cell.data_type = "s"
            if index in formats and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.number_format = formats[index]
        sheet.column_dimensions[letter].width = _width([headers[index - 1], *(c.value for c in cells)])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


COUNT_FORMAT = "%,d"  # integer won, people, companies: exact, with thousands separators
SIGNED_FORMAT = "%+,d"  # "+500,000,000", "-1,234"
PERCENT_FORMAT, POINTS_FORMAT = "%.1f", "%+.1f"  # values already ×100: "61.6", "+3.2"
XLSX_PERCENT_FORMAT, XLSX_POINTS_FORMAT = "0.0", "+0.0;-0.0;0.0"


def show_table(
    frame: pd.DataFrame,
    *,
    key: str,
    sheet_name: str,
    download_label: str,
    file_name: str | None = None,
    download_help: str | None = None,
    money_columns: tuple[str, ...] = (),
    percent_columns: tuple[str, ...] = (),
    points_columns: tuple[str, ...] = (),
    signed_columns: tuple[str, ...] = (),
    right_aligned: tuple[str, ...] = (),
    download_only: tuple[str, ...] = (),
    export: pd.DataFrame | None = None,
    number_formats: Mapping[str, str] | None = None,
    pin_first: bool = False,
    placeholder: str | None = "–",
    height: int | str = "auto",
    cell_source: CellFigure | None = None,
) -> None:
    """The one way a page shows a table of figures: `frame` as an st.dataframe (key `key`) and, beneath it, its
    Excel download (key `{key}_download`, file `file_name` or `{key}.xlsx`), built only when the button is pressed.

    On screen, by column name of `frame`:
    - every integer column, and each of `money_columns`, shows exact with thousands separators ("1,234,000");
      `signed_columns` (integers) with a sign ("+1,234", "-5");
    - `percent_columns` hold percentages (already ×100) shown to one decimal ("61.6"); `points_columns` hold
      percentage points (×100) shown signed to one decimal ("+3.2");
    - `right_aligned` text columns (figures already written as text, e.g. "61.6%") are aligned right like numbers;
    - `download_only` columns (e.g. Excel row numbers) are left off the screen but are in the file;
    - `pin_first` keeps the first column in view when a narrow screen scrolls the table sideways;
    - `placeholder` is shown for a missing value (None: Streamlit's default).

    The file holds `export` (default `frame` itself: every column, download-only ones included) with exact values;
    percent and points columns get the Excel formats "0.0" and "+0.0;-0.0;0.0", and `number_formats` maps any
    other column of the exported frame to an Excel number format (e.g. {"지역인재 비율": "0.0%"} for ratios).

    With `cell_source`, a click on a cell opens the source of its figure (`ui.provenance`).
    """
    import streamlit as st

    shown = [c for c in frame.columns if c not in download_only]
    pinned = frame.columns[0] if pin_first and len(frame.columns) else None
    config: dict[str, dict] = {pinned: st.column_config.Column(pinned, pinned=True)} if pinned is not None else {}

    def put(column: str, column_config: dict) -> None:
        config[column] = column_config | ({"pinned": True} if column == pinned else {})

    for c in shown:
        if pd.api.types.is_integer_dtype(frame[c]) and c not in (*percent_columns, *points_columns):
            put(c, st.column_config.NumberColumn(c, format=SIGNED_FORMAT if c in signed_columns else COUNT_FORMAT))
    for columns, number_format in ((money_columns, COUNT_FORMAT), (percent_columns, PERCENT_FORMAT),
                                   (points_columns, POINTS_FORMAT)):
        for c in columns:
            put(c, st.column_config.NumberColumn(c, format=number_format))
    for c in right_aligned:
        put(c, st.column_config.TextColumn(c, alignment="right"))
    event = st.dataframe(
        frame, hide_index=True, width="stretch", column_order=shown, column_config=config, height=height,
        placeholder=placeholder, **_selectable(cell_source, key, frame),
    )
    _offer_cell_source(event, key, cell_source, frame)
    formats = {c: XLSX_PERCENT_FORMAT for c in percent_columns} | {c: XLSX_POINTS_FORMAT for c in points_columns}
    formats |= dict(number_formats or {})
    st.download_button(
        download_label,
        data=lambda: to_xlsx(frame if export is None else export, sheet_name, formats),
        file_name=file_name or f"{key}.xlsx",
        mime=XLSX_MIME,
        key=f"{key}_download",
        on_click="ignore",
        icon=":material/download:",
        help=download_help,
    )


def _selectable(cell_source: CellFigure | None, key: str, frame: pd.DataFrame) -> dict[str, object]:
    """st.dataframe's key, and for tables whose cells have a source the options that let a click select a cell."""
    if cell_source is None:
        return {"key": key}
    from .provenance import selectable_key

    return {"key": selectable_key(key, frame), "on_select": "rerun", "selection_mode": "single-cell"}


def _offer_cell_source(event: object, key: str, cell_source: CellFigure | None, frame: pd.DataFrame) -> None:
    if cell_source is None:
        return
    import streamlit as st

    from .i18n import t
    from .provenance import open_cell_source

    st.caption(t("provenance.cell_hint"))
    open_cell_source(event.selection, key, cell_source, lambda row, column: row_label(frame, row, column))


def row_label(frame: pd.DataFrame, row: int, column: str) -> str:
    """A table row named by its text cells left of `column` (e.g. "1단계 · 국비"), for the source dialog."""
    left = list(frame.columns[: list(frame.columns).index(column)]) if column in frame.columns else []
    names = [frame[c].iloc[row] for c in left if not pd.api.types.is_numeric_dtype(frame[c])]
    return " · ".join(str(n) for n in names if not pd.isna(n))


def download_xlsx_button(frame: pd.DataFrame, key: str, sheet: str, label: str) -> None:
    """An Excel download of a table shown above it (its headers as shown), built only when pressed."""
    import streamlit as st

    st.download_button(
        label, lambda: to_xlsx(frame, sheet[:31]), file_name=f"{key}.xlsx", key=f"{key}_download", mime=XLSX_MIME,
        icon=":material/download:", on_click="ignore", type="tertiary",
    )
