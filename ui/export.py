"""Tables on a page with their Excel download (the workbook, built only when the button is pressed, is
`present.xlsx.to_xlsx`: exact values, headers as shown, nothing a spreadsheet would run as a formula)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from present.xlsx import XLSX_MIME, row_label, to_xlsx

from .i18n import t
from .provenance import CellFigure, open_cell_source, selectable_key


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
    return {"key": selectable_key(key, frame), "on_select": "rerun", "selection_mode": "single-cell"}


def _offer_cell_source(event: object, key: str, cell_source: CellFigure | None, frame: pd.DataFrame) -> None:
    if cell_source is None:
        return
    st.caption(t("provenance.cell_hint"))
    open_cell_source(event.selection, key, cell_source, lambda row, column: row_label(frame, row, column))


def show_figures_table(
    frame: pd.DataFrame, key: str, sheet: str, download_label: str, hidden: tuple[str, ...] = (),
    export: pd.DataFrame | None = None, number_formats: dict[str, str] | None = None, signed: tuple[str, ...] = (),
    right: tuple[str, ...] = (), cell_source: CellFigure | None = None, **options,
) -> None:
    """A table, and under it its Excel download: `export` (default: the table itself, hidden columns such as
    source rows included) with exact numbers. Integer columns get separators (`signed` ones a sign); `right`
    names text columns holding figures, aligned right like numbers. With `cell_source`, clicking a cell opens the
    source of its figure."""
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
    st.download_button(
        label, lambda: to_xlsx(frame, sheet[:31]), file_name=f"{key}.xlsx", key=f"{key}_download", mime=XLSX_MIME,
        icon=":material/download:", on_click="ignore", type="tertiary",
    )
