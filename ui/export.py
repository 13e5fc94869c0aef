"""Tables on a page with their Excel download (the workbook, built only when the button is pressed, is
`present.xlsx.to_xlsx`: exact values, headers as shown, nothing a spreadsheet would run as a formula, marked with
the highest 자료 등급 of what the table holds). Each download is written to the 접속기록 (ui.access)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import pandas as pd
import streamlit as st

from loaders.data_classes import data_classes
from present.shown_table import ShownFrame
from present.xlsx import XLSX_MIME, row_label, to_xlsx
from store.access_log import DOWNLOAD_TABLE

from . import access
from .i18n import current_language, t
from .provenance import CellFigure, open_cell_source, selectable_key

COUNT_FORMAT = "%,d"  # integer won, people, companies: exact, with thousands separators
SIGNED_FORMAT = "%+,d"  # "+500,000,000", "-1,234"
PERCENT_FORMAT, POINTS_FORMAT = "%.1f", "%+.1f"  # values already ×100: "61.6", "+3.2"
XLSX_PERCENT_FORMAT, XLSX_POINTS_FORMAT = "0.0", "+0.0;-0.0;0.0"


def show_table(
    table: pd.DataFrame | ShownFrame,
    *,
    key: str,
    contains: Sequence[str],
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
    height: int | Literal["auto"] = "auto",
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

    `contains` names what the table's figures come from, each a dataset ("budget": all its columns) or a
    "dataset.column": the file is marked with their highest 자료 등급 (loaders/data_classes.py).

    With `cell_source`, a click on a cell opens the source of its figure (`ui.provenance`).

    A `ShownFrame` (`present.shown_table`, made once with a view-model) is drawn from its Arrow table, so the
    rerun neither converts nor hashes the frame.
    """
    prepared = table if isinstance(table, ShownFrame) else None
    frame = table.frame if isinstance(table, ShownFrame) else table
    shown = [c for c in frame.columns if c not in download_only]
    pinned = frame.columns[0] if pin_first and len(frame.columns) else None
    config: dict[str, Any] = {pinned: st.column_config.Column(pinned, pinned=True)} if pinned is not None else {}

    def put(column: str, column_config: Any) -> None:
        config[column] = column_config | ({"pinned": True} if column == pinned else {})

    dtypes = frame.dtypes  # one Series of dtypes, not a column Series per column
    for c in shown:
        if pd.api.types.is_integer_dtype(dtypes[c]) and c not in (*percent_columns, *points_columns):
            put(c, st.column_config.NumberColumn(c, format=SIGNED_FORMAT if c in signed_columns else COUNT_FORMAT))
    for columns, number_format in (
        (money_columns, COUNT_FORMAT),
        (percent_columns, PERCENT_FORMAT),
        (points_columns, POINTS_FORMAT),
    ):
        for c in columns:
            put(c, st.column_config.NumberColumn(c, format=number_format))
    for c in right_aligned:
        put(c, st.column_config.TextColumn(c, alignment="right"))
    event = st.dataframe(
        prepared.arrow if prepared is not None and prepared.arrow is not None else frame,
        hide_index=True,
        width="stretch",
        column_order=shown,
        column_config=config,
        height=height,
        placeholder=placeholder,
        **_selectable(cell_source, key, frame, prepared.digest if prepared is not None else None),
    )
    _offer_cell_source(event, key, cell_source, frame)
    formats = dict.fromkeys(percent_columns, XLSX_PERCENT_FORMAT) | dict.fromkeys(points_columns, XLSX_POINTS_FORMAT)
    formats |= dict(number_formats or {})
    level, lang, name = data_classes().of(contains), current_language(), file_name or f"{key}.xlsx"
    st.download_button(
        download_label,
        data=access.logged(
            lambda: to_xlsx(frame if export is None else export, sheet_name, formats, level, lang),
            DOWNLOAD_TABLE,
            dataset=_single_dataset(contains),
            file=name,
        ),
        file_name=name,
        mime=XLSX_MIME,
        key=f"{key}_download",
        on_click="ignore",
        icon=":material/download:",
        help=download_help,
    )


def _selectable(cell_source: CellFigure | None, key: str, frame: pd.DataFrame, digest: str | None) -> dict[str, Any]:
    """st.dataframe's key, and for tables whose cells have a source the options that let a click select a cell."""
    if cell_source is None:
        return {"key": key}
    return {"key": selectable_key(key, frame, digest), "on_select": "rerun", "selection_mode": "single-cell"}


def _offer_cell_source(event: Any, key: str, cell_source: CellFigure | None, frame: pd.DataFrame) -> None:
    if cell_source is None:
        return
    st.caption(t("provenance.cell_hint"))
    open_cell_source(event.selection, key, cell_source, lambda row, column: row_label(frame, row, column))


def download_xlsx_button(
    frame: pd.DataFrame, key: str, sheet: str, label: str, contains: Sequence[str] | None = None
) -> None:
    """An Excel download of a table shown above it (its headers as shown), built only when pressed; marked with
    the highest 자료 등급 of `contains` (as for `show_table`) when the table holds the data's figures."""
    level = None if contains is None else data_classes().of(contains)
    lang = current_language()
    st.download_button(
        label,
        access.logged(
            lambda: to_xlsx(frame, sheet[:31], data_class=level, lang=lang),
            DOWNLOAD_TABLE,
            dataset=None if contains is None else _single_dataset(contains),
            file=f"{key}.xlsx",
        ),
        file_name=f"{key}.xlsx",
        key=f"{key}_download",
        mime=XLSX_MIME,
        icon=":material/download:",
        on_click="ignore",
        type="tertiary",
    )


def _single_dataset(contains: Sequence[str]) -> str | None:
    """The one dataset a table's figures come from, for the 접속기록 (None for several)."""
    datasets = {item.partition(".")[0] for item in contains}
    return datasets.pop() if len(datasets) == 1 else None
