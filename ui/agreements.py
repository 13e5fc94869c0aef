"""The investment agreements' part of the pipeline page, drawn from its view-model (`present.agreements_view`):
tiles with their 출처, the funnel chart and table, the cohorts, who stalled, who left, and every agreement with how
its figures were verified."""

from __future__ import annotations

import streamlit as st

from present.agreements_view import AgreementsView

from . import text as say
from .chart_export import chart_with_download
from .export import show_table
from .i18n import t
from .tiles import show_tiles

ROWS_SHOWN = 10  # rows of the stalled list on screen


def _table(frame, key: str, sheet: str, **options) -> None:
    show_table(
        frame,
        key=key,
        contains=("agreements",),
        sheet_name=t(sheet),
        download_label=t("agreements.download"),
        **options,
    )


def show_agreements(view: AgreementsView | None) -> None:
    """The section, or why it is empty."""
    if view is None:
        say.subheader(t("dataset.agreements"), anchor="agreements")
        say.info(t("agreements.none"))
        return
    say.subheader(view.title, anchor="agreements")  # an id of its own: Streamlit keeps only ASCII of a title
    say.caption(view.caption)
    show_tiles(view.tiles, per_row=3)
    left, right = st.columns(2)
    with left:
        chart_with_download(view.chart, key="agreements_funnel_chart")
    with right:
        say.text(say.bold(view.funnel_title))
        _table(
            view.funnel_table,
            "agreements_funnel",
            "agreements.sheet.funnel",
            cell_source=lambda row, label: view.funnel_cells.get((row, label)),
        )
    say.caption(t("agreements.funnel.caption"))
    say.text(say.bold(t("agreements.cohort.title")))
    _table(
        view.cohort_table,
        "agreements_cohorts",
        "agreements.sheet.cohorts",
        cell_source=lambda row, label: view.cohort_cells.get((row, label)),
    )
    say.text(say.bold(view.stalled_title))
    if view.stalled_table.empty:
        say.caption(t("agreements.stalled.none"))
    else:  # the longest waits on screen (a rerun draws no more), every one in the Excel file
        shown = view.stalled_table.head(ROWS_SHOWN)
        _table(shown, "agreements_stalled", "agreements.sheet.stalled", export=view.stalled_table)
        if len(view.stalled_table) > ROWS_SHOWN:
            say.caption(t("agreements.more_in_file", n=f"{len(view.stalled_table) - ROWS_SHOWN:,}"))
    say.text(say.bold(view.exits_title))
    if view.exits_table.empty:
        say.caption(t("agreements.exits.none"))
    else:
        _table(view.exits_table, "agreements_exits", "agreements.sheet.exits")
    # every agreement (with how its 실적 was verified), drawn only when asked: a long table costs every rerun
    if st.toggle(view.list_title, key="agreements_list_shown"):
        _table(view.list_table, "agreements_list", "agreements.sheet.list", height=320)
