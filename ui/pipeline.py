"""The pipeline page's parts drawn from its view-model (`present.pipeline_view`): a table with its Excel download,
and the companies per stage at one 기준일 (tiles with their 출처, the sector × stage chart and table)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from present.pipeline_view import StagesView

from . import text as say
from .chart_export import chart_with_download
from .export import show_table
from .i18n import t
from .provenance import source_button

TILES_PER_ROW = 3


def pipeline_table(frame: pd.DataFrame, key: str, sheet: str, **options: Any) -> None:
    """A table of the pipeline page with its Excel download (`ui.export.show_table`)."""
    show_table(
        frame, key=key, contains=("companies",), sheet_name=sheet, download_label=t("pipeline.download"), **options
    )


def show_stages(view: StagesView) -> None:
    """Companies in all and per stage at the view's 기준일, each tile with its change and 출처, then per sector."""
    say.subheader(view.title, anchor="stages")  # an id of its own: Streamlit keeps only ASCII of a title
    # rows of at most TILES_PER_ROW: six tiles in one row cut their labels ("G-유니콘 (최…") on a 1280-pixel screen
    for first in range(0, len(view.tiles), TILES_PER_ROW):
        row = view.tiles[first : first + TILES_PER_ROW]
        for column, tile in zip(st.columns(TILES_PER_ROW), row, strict=False):
            say.metric(tile.label, tile.value, tile.delta, place=column, delta_color="off", border=True)
            with column:
                source_button(tile.source.figure, tile.source.key, tile.source.label)
    say.caption(view.change_caption)
    left, right = st.columns(2)
    with left:
        chart_with_download(view.chart, key="pipeline_stage_chart")
    with right:
        pipeline_table(
            view.table,
            "pipeline_stages",
            t("pipeline.download.sheet.stages"),
            cell_source=lambda row, label: view.cell_figures.get((row, label)),
        )
