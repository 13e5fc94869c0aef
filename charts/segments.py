"""Stacked bars not told by colour alone (#17, #25): each segment tall enough carries its category's short mark
(the first letter of its name, as the legend writes it: 모 for 모빌리티, 아 for 아기유니콘), in white or black,
whichever reads on the segment's colour. The map's company markers carry the same mark (charts.map.sector_mark).

`segment_marks(...)` is a text layer to put over a stacked bar chart: it stacks the same rows the same way
(`transform_stack`, the bars' order) and writes the mark in each segment's middle when the segment is at least
`MIN_SEGMENT_PX` tall on the chart as drawn (a Vega `scale("y", …)` test), so a thin segment stays unlabelled
rather than overflowing.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from charts.palette import text_on

MIN_SEGMENT_PX = 16  # a segment shorter than this on screen gets no mark (the letter would not fit)
MARK_FONT = 11


def short_mark(name: Any) -> str:
    """A category's mark on its segments and markers: the first letter of its name ("" for none)."""
    text = "" if name is None or (not isinstance(name, str) and pd.isna(name)) else str(name).strip()
    return text[:1]


def with_marks(data: pd.DataFrame, name_field: str, colors: dict[str, str], neutral: str) -> pd.DataFrame:
    """`data` with `seg_mark` (the short mark of `name_field`) and `seg_ink` (the colour it is written in on the
    category's colour in `colors`)."""
    out = data.copy()
    out["seg_mark"] = [short_mark(v) for v in out[name_field]]
    out["seg_ink"] = [text_on(colors.get(str(v), neutral)) for v in out[name_field]]
    return out


def segment_marks(
    data: pd.DataFrame,
    *,
    x: alt.X,
    value: str,
    groupby: list[str | alt.FieldName],
    order: str,
    x_offset: alt.XOffset | None = None,
) -> alt.Chart:
    """The marks layer for bars of `value` stacked over `groupby` (x and any x-offset fields) in `order`
    ascending; `data` from `with_marks`."""
    tall = f'scale("y", datum.seg_start) - scale("y", datum.seg_end) >= {MIN_SEGMENT_PX}'
    encoding: dict[str, Any] = {
        "x": x,
        "y": alt.Y("seg_mid:Q"),
        "text": alt.condition(tall, alt.Text("seg_mark:N"), alt.value("")),
    }
    if x_offset is not None:
        encoding["xOffset"] = x_offset
    return (
        alt.Chart(data)
        .transform_stack(
            stack=value, groupby=groupby, sort=[alt.SortField(order, "ascending")], as_=["seg_start", "seg_end"]
        )
        .transform_calculate(seg_mid="(datum.seg_start + datum.seg_end) / 2")
        .mark_text(baseline="middle", fontSize=MARK_FONT, fontWeight="bold", color=alt.ExprRef("datum.seg_ink"))
        .encode(**encoding)
    )
