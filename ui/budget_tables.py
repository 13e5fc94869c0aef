"""The budget page's tables (specs in present/budget_view.py): the table, its Excel download and, on a click on a
number, the source of that cell."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from metrics import budget as m
from metrics.figures import Figure
from present import budget_view as view

from .export import show_table
from .i18n import current_language, t
from .provenance import by_column

FiguresOf = Callable[[dict[str, object], pd.DataFrame], dict[str, Figure]]


def show_budget_table(
    frame: pd.DataFrame, spec: view.BudgetTable, year: int, source_rows: pd.DataFrame, figures_of: FiguresOf
) -> None:
    """One budget table: `figures_of(group, the group's rows)` gives a row's figures, the group named by the row's
    non-figure columns (e.g. strategy and programme), the rows taken from `source_rows`."""
    lang = current_language()
    show_table(
        view.table_frame(frame, spec, lang),
        key=f"{spec.key}_table",
        pin_first=True,
        placeholder=None,
        file_name=t(spec.file_key, year=year),
        sheet_name=t(spec.sheet_key),
        download_label=t("budget.download"),
        download_help=t("budget.download.help"),
        money_columns=view.labels_of_kind(spec, "money", lang),
        percent_columns=view.labels_of_kind(spec, "percent", lang),
        points_columns=view.labels_of_kind(spec, "points", lang),
        download_only=tuple(view.column_label(c, lang) for c in spec.download_only),
        cell_source=by_column(
            view.figure_columns(spec, lang),
            lambda row, column: m.cell_figure(figures_of, source_rows, view.group_of(frame.iloc[row]), column),
        ),
    )
