"""A projector theme for slide charts: black text on white, thick lines, large type.

Projectors wash out pale colours and thin strokes, and a room reads from metres away. The chart builders set
some sizes on their own encodings (e.g. `labelFontSize=13`), which Vega-Lite ranks above `config`; so besides the
`configure_*` defaults, `projector_spec()` raises every font size and stroke width written into the spec to at least
the theme's. Colours stay those of `charts.palette` (one colour per series on every page and slide).
"""

from __future__ import annotations

from typing import Any

import altair as alt

from present.chart_png import vega_lite_spec

TEXT = "#000000"
GRID = "#B8BFC9"
LABEL_SIZE = 17
TITLE_SIZE = 19
CHART_TITLE_SIZE = 20
MARK_TEXT_SIZE = 17
SUBTITLE_SIZE = 15
MIN_STROKE = 3.0
FONT_GROWTH = LABEL_SIZE / 13  # the builders' usual 13 px grows to LABEL_SIZE; label limits grow alike

CONFIG: dict[str, Any] = {
    "background": "white",
    "axis": {
        "labelFontSize": LABEL_SIZE,
        "titleFontSize": TITLE_SIZE,
        "labelColor": TEXT,
        "titleColor": TEXT,
        "titleFontWeight": "bold",
        "domainColor": TEXT,
        "domainWidth": 2,
        "tickColor": TEXT,
        "tickWidth": 2,
        "gridColor": GRID,
        "gridWidth": 1,
        "labelPadding": 6,
        "titlePadding": 10,
    },
    "legend": {
        "labelFontSize": LABEL_SIZE,
        "titleFontSize": LABEL_SIZE,
        "labelColor": TEXT,
        "titleColor": TEXT,
        "symbolSize": 260,
        "symbolStrokeWidth": 4,
        "labelLimit": 320,
    },
    "title": {
        "fontSize": CHART_TITLE_SIZE,
        "color": TEXT,
        "fontWeight": "bold",
        "anchor": "start",
        "offset": 8,
        "subtitleFontSize": SUBTITLE_SIZE,
        "subtitleColor": TEXT,
    },
    "line": {"strokeWidth": 4.5},
    "rule": {"strokeWidth": MIN_STROKE},
    "point": {"size": 90},
    "text": {"fontSize": MARK_TEXT_SIZE},
    "view": {"stroke": None},
}

_MINIMUM_SIZE = {
    "labelFontSize": LABEL_SIZE,
    "titleFontSize": TITLE_SIZE,
    "fontSize": MARK_TEXT_SIZE,
    "subtitleFontSize": SUBTITLE_SIZE,
}


def _enlarge(node: Any, inside: str | None = None) -> None:
    """Raise font sizes, stroke widths and label limits written anywhere in the spec (not in inline data), and
    move bottom legends to the right. `inside` is "config" within the config, "legend" within a legend."""
    if isinstance(node, list):
        for item in node:
            _enlarge(item, inside)
        return
    if not isinstance(node, dict):
        return
    if inside == "legend" and node.get("orient") == "bottom":
        node["orient"] = "right"  # a slide is wide and short: legends beside the plot leave it its height
        node["direction"] = "vertical"
        node.pop("columns", None)
    for key, value in node.items():
        if key in ("datasets", "data", "values"):
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if key in _MINIMUM_SIZE:
                node[key] = max(value, _MINIMUM_SIZE[key])
            elif key == "strokeWidth" and inside != "config":
                node[key] = max(value * 1.5, MIN_STROKE)
            elif key == "labelLimit":
                node[key] = round(value * FONT_GROWTH)
        else:
            _enlarge(value, key if key in ("config", "legend") else ("config" if inside == "config" else None))


def projector_spec(chart: alt.TopLevelMixin | dict[str, Any], height: int | None = None) -> dict[str, Any]:
    """The chart's Vega-Lite spec with the projector theme (and, when given, the slide's chart height): what a slide
    keeps as its chart (`present.chart_png.vega_lite_spec`); the slide, its page and its PDF page draw this spec
    without turning it back into an Altair chart."""
    spec = chart if isinstance(chart, dict) else vega_lite_spec(chart)
    _enlarge(spec)
    config = spec.setdefault("config", {})
    for group, values in CONFIG.items():
        if isinstance(values, dict):
            config[group] = {**config.get(group, {}), **values}
        else:
            config.setdefault(group, values)
    # `height` is the plot's height (as vl-convert draws it), not the whole picture's, which Streamlit's default
    # autosize "fit" would make it
    spec.setdefault("autosize", {"type": "fit-x", "contains": "padding"})
    if (height is not None and "height" in spec) or (
        height is not None and not any(k in spec for k in ("hconcat", "vconcat", "concat", "facet", "repeat"))
    ):
        spec["height"] = height
    return spec
