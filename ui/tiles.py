"""Headline tiles drawn from a Streamlit-free view-model (present/*_view.py): a bordered box per tile with its metric,
its notes and its 출처 buttons side by side."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from present.budget_view import TileView

from . import text as say
from .provenance import source_button


def show_tiles(tiles: Sequence[TileView], per_row: int = 3) -> None:
    for start in range(0, len(tiles), per_row):
        row = tiles[start : start + per_row]
        for column, tile in zip(st.columns(per_row), row, strict=False):
            with column.container(border=True):
                say.metric(
                    tile.label,
                    tile.value,
                    delta=tile.delta,
                    delta_color=tile.delta_color,
                    delta_description=tile.delta_description,
                    help=say.label(tile.help),
                )
                for note in tile.notes:
                    say.caption(note)
                buttons = st.columns(len(tile.sources)) if len(tile.sources) > 1 else [st.container()]
                for place, link in zip(buttons, tile.sources, strict=False):
                    with place:
                        source_button(link.figure, link.key, link.label)
