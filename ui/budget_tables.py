"""The budget page's tables (specs in present/budget_view.py): the table, its Excel download and, on a click on a
number, the source of that cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from metrics import budget as m
from metrics.figures import Figure
from metrics.pace import Profile
from present import budget_page
from present import budget_view as view
from present import format as fmt
from present.shown_table import ShownFrame
from store import Version

from .data import upload_of_rows
from .export import show_table
from .i18n import current_language, t
from .provenance import by_column

FiguresOf = Callable[[dict[str, object], pd.DataFrame], dict[str, Figure]]


def _budget_table(frame: pd.DataFrame | ShownFrame, key: str, file_name: str, sheet_name: str, **options: Any) -> None:
    """A budget table as every table on the page is shown: first column pinned, an Excel download in won."""
    show_table(
        frame,
        key=key,
        contains=("budget",),
        pin_first=True,
        placeholder=None,
        file_name=file_name,
        sheet_name=sheet_name,
        download_label=t("budget.download"),
        download_help=t("budget.download.help"),
        **options,
    )


def show_budget_table(
    frame: pd.DataFrame,
    spec: view.BudgetTable,
    year: int,
    source_rows: Callable[[], pd.DataFrame],
    figures_of: FiguresOf,
    shown: ShownFrame | None = None,
) -> None:
    """One budget table: `figures_of(group, the group's rows)` gives a row's figures, the group named by the row's
    non-figure columns (e.g. strategy and programme), the rows taken from `source_rows()` (read on a click only). `shown` is the table as
    shown (`view.table_frame` of `frame`), when its view-model made it already (`present.budget_page`)."""
    lang = current_language()
    _budget_table(
        view.table_frame(frame, spec, lang) if shown is None else shown,
        f"{spec.key}_table",
        t(spec.file_key, year=year),
        t(spec.sheet_key),
        money_columns=view.labels_of_kind(spec, "money", lang),
        percent_columns=view.labels_of_kind(spec, "percent", lang),
        points_columns=view.labels_of_kind(spec, "points", lang),
        download_only=tuple(view.column_label(c, lang) for c in spec.download_only),
        cell_source=by_column(
            view.figure_columns(spec, lang),
            lambda row, column: m.cell_figure(figures_of, source_rows(), view.group_of(frame.iloc[row]), column),
        ),
    )


def show_points_table(points: pd.DataFrame, version: Version, snapshot_rows: pd.DataFrame, year: int) -> None:
    """A year held as year-to-date exports: one row per 기준일 with its cumulative executed, planned and the upload
    (file, version, who, when) it came from; a number opens the rows of that 기준일."""
    lang = current_language()
    uploads = [upload_of_rows(version, rows_of_point) for rows_of_point in points["source_rows"]]
    st.caption(t("budget.points.caption", count=len(points)))
    table = pd.DataFrame(
        {
            t("budget.col.as_of"): [fmt.date_label(pd.Timestamp(d).date(), lang) for d in points["as_of"]],
            t("budget.col.cum_executed"): points["executed_krw"],
            t("budget.col.planned"): points["planned_krw"],
            t("budget.col.upload"): [
                t(
                    "budget.point.upload",
                    file=u.filename,
                    number=u.number,
                    user=u.created_by,
                    when=fmt.datetime_label(u.created_at, lang),
                )
                for u in uploads
            ],
        }
    )
    columns = {t("budget.col.cum_executed"): "executed_krw", t("budget.col.planned"): "planned_krw"}
    _budget_table(
        table,
        "budget_points_table",
        t("budget.file.points", year=year),
        t("budget.sheet.points"),
        money_columns=tuple(columns),
        cell_source=by_column(
            columns,
            lambda row, column: m.snapshot_figure(
                snapshot_rows, pd.Timestamp(points["as_of"].iloc[row]).date(), column
            ),
        ),
    )


def show_monthly_table(
    curve: pd.DataFrame,
    rows: Callable[[], pd.DataFrame],
    year: int,
    as_of: dt.date,
    profile: Profile,
    shown: ShownFrame | None = None,
) -> None:
    """The S-curve's numbers by month; a number opens the rows it sums, `rows()` (or the formula of a pace line). `shown` is
    the table as shown (`present.budget_page.monthly_table` of `curve`), when its view-model made it already."""
    monthly_table = budget_page.monthly_table(curve, current_language()) if shown is None else shown
    monthly = monthly_table.frame
    columns = dict(zip(monthly.columns, curve.columns, strict=True))
    _budget_table(
        monthly_table,
        "budget_monthly_table",
        t("budget.file.monthly", year=year),
        t("budget.sheet.monthly"),
        money_columns=tuple(monthly.columns[1:]),
        cell_source=by_column(
            {k: v for k, v in columns.items() if v != "month"},
            lambda row, column: m.curve_figure(rows(), year, as_of, row + 1, column, profile),
        ),
    )
