"""Charts on a page: `chart_with_download(chart, key, name)` is what pages call instead of `st.altair_chart`: the
chart, and under it a small "PNG" download button whose file (`present.chart_png.chart_png`) is drawn only when
pressed."""

from __future__ import annotations

from typing import Any

import altair as alt
import streamlit as st

from charts.palette import AXIS_TEXT
from present.chart_png import PNG_MIME, chart_description, chart_png, chart_title, png_file_name

from . import text as say
from .i18n import current_language, t


def readable_config(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` with axis and legend text in charts.palette.AXIS_TEXT (4.5:1 on white) unless it sets its own: the
    Streamlit chart theme's #808495 is 3.7:1 (#17)."""
    config = dict(spec.get("config") or {})
    for part in ("axis", "legend"):
        config[part] = {"labelColor": AXIS_TEXT, "titleColor": AXIS_TEXT, **(config.get(part) or {})}
    return {**spec, "config": config}


def chart_with_download(
    chart: alt.TopLevelMixin | dict[str, Any], key: str, name: str | None = None, **options: Any
) -> Any:
    """The chart (an Altair chart, or a Vega-Lite spec dict as `present.chart_png.page_spec` makes it with a page's
    view-model: a `PageSpec` also brings its data as Arrow bytes, sent as they are) at full width, and under it
    a PNG download of the same chart, drawn by vl-convert only when pressed.

    `key` is a stable widget key (the button's is f"png_{key}": a selector for the chart's key never matches it);
    `name` the file name without .png (default: the chart's title); other keyword arguments go to
    st.altair_chart / st.vega_lite_chart (e.g. on_select).
    """
    options.setdefault("width", "stretch")
    if isinstance(chart, dict):
        arrow = getattr(chart, "arrow", None)  # a PageSpec: its datasets already as the Arrow bytes sent
        if not chart.get("description"):
            chart = {**chart, "description": chart_description(chart, current_language())}
        chart = readable_config(chart)
        sent = {**chart, "datasets": {**chart["datasets"], **arrow}} if arrow else chart
        result = st.vega_lite_chart(sent, key=key, **options)
        name = name or chart_title(chart, key)
    else:
        styled: Any = chart.configure_axis(labelColor=AXIS_TEXT, titleColor=AXIS_TEXT).configure_legend(
            labelColor=AXIS_TEXT, titleColor=AXIS_TEXT
        )
        result = st.altair_chart(styled, key=key, **options)
        name = name or chart_title(styled.to_dict(), key)
    st.download_button(
        t("chart_export.png"),
        data=lambda: chart_png(chart),
        file_name=png_file_name(name),
        mime=PNG_MIME,
        key=f"png_{key}",
        on_click="ignore",
        icon=":material/image:",
        help=say.label(t("chart_export.png.help")),
        type="tertiary",
    )
    return result
