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


def show_table(
    frame: pd.DataFrame,
    *,
    key: str,
    file_name: str,
    sheet_name: str,
    download_label: str,
    download_help: str | None = None,
    money_columns: tuple[str, ...] = (),
    percent_columns: tuple[str, ...] = (),
    points_columns: tuple[str, ...] = (),
    height: int | str = "auto",
    pin_first: bool = True,
    download_only: tuple[str, ...] = (),
    cell_source: CellFigure | None = None,
) -> None:
    """`frame` as an st.dataframe (exact won with separators; percentages and %p to one decimal) with an Excel
    download of the same columns and values beneath it. The workbook is built only when the button is pressed.
    The first column stays in view when a narrow screen scrolls the table sideways (`pin_first`); columns in
    `download_only` are left off the screen (to fit 1280 px) but are in the file."""
    import streamlit as st

    config = {frame.columns[0]: st.column_config.Column(frame.columns[0], pinned=True)} if pin_first and len(frame.columns) else {}
    config |= {c: st.column_config.NumberColumn(c, format="%,d") for c in money_columns}
    config |= {c: st.column_config.NumberColumn(c, format="%.1f") for c in percent_columns}
    config |= {c: st.column_config.NumberColumn(c, format="%+.1f") for c in points_columns}
    event = st.dataframe(
        frame, hide_index=True, width="stretch", column_config=config, height=height,
        column_order=[c for c in frame.columns if c not in download_only], **_selectable(cell_source, f"{key}_table", frame),
    )
    _offer_cell_source(event, f"{key}_table", cell_source, frame)
    formats = {c: "0.0" for c in percent_columns} | {c: "+0.0;-0.0;0.0" for c in points_columns}
    st.download_button(
        download_label,
        data=lambda: to_xlsx(frame, sheet_name, formats),
        file_name=file_name,
        mime=XLSX_MIME,
        key=f"{key}_download",
        on_click="ignore",
        icon=":material/download:",
        help=download_help,
    )


COUNT_FORMAT = "%,d"
SIGNED_FORMAT = "%+,d"  # "+500,000,000", "-1,234"


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


def show_figures_table(
    frame: pd.DataFrame, key: str, sheet: str, download_label: str, hidden: tuple[str, ...] = (),
    export: pd.DataFrame | None = None, number_formats: dict[str, str] | None = None, signed: tuple[str, ...] = (),
    right: tuple[str, ...] = (), cell_source: CellFigure | None = None, **options,
) -> None:
    """A table, and under it its Excel download: `export` (default: the table itself, hidden columns such as
    source rows included) with exact numbers. Integer columns get separators (`signed` ones a sign); `right`
    names text columns holding figures, aligned right like numbers. With `cell_source`, clicking a cell opens the
    source of its figure."""
    import streamlit as st

    shown = [c for c in frame.columns if c not in hidden]
    config: dict[str, object] = {
        c: st.column_config.NumberColumn(c, format=SIGNED_FORMAT if c in signed else COUNT_FORMAT)
        for c in shown if pd.api.types.is_integer_dtype(frame[c])
    }
    config |= {c: st.column_config.TextColumn(c, alignment="right") for c in right}
    event = st.dataframe(
        frame, hide_index=True, width="stretch", column_order=shown, column_config=config, placeholder="–",
        **_selectable(cell_source, key, frame), **options,
    )
    _offer_cell_source(event, key, cell_source, frame)
    st.download_button(
        download_label, lambda: to_xlsx(frame if export is None else export, sheet, number_formats),
        file_name=f"{key}.xlsx", key=f"{key}_download", mime=XLSX_MIME, icon=":material/download:", on_click="ignore",
    )


def download_xlsx_button(frame: pd.DataFrame, key: str, sheet: str, label: str) -> None:
    """An Excel download of a table shown above it (its headers as shown), built only when pressed."""
    import streamlit as st

    st.download_button(
        label, lambda: to_xlsx(frame, sheet[:31]), file_name=f"{key}.xlsx", key=f"{key}_download", mime=XLSX_MIME,
        icon=":material/download:", on_click="ignore", type="tertiary",
    )
