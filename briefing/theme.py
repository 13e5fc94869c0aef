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


# --- screens ------------------------------------------------------------------------------------------------------

# A slide is laid out for 1280×720; a 1920×1080 screen shows the same layout half as large again in every length
# (type, tiles, charts, the map), so that it fills the screen as it fills the smaller one (issue #37: at 1920×1080 the
# text stayed 16 px and half the reasons and map slides was empty). The presenter picks the screen; it stays in the link.
SCREENS = {"720": 1.0, "1080": 1.5}
# A picture drawn at its own size (the map: its names placed for its pixels) grows into the height the figures and
# its key leave it: at 1920×1080 the map is 1.9 times its 1280×720 size (plot 485 px tall, not 383 at 1.5).
PICTURE_SCREENS = {"720": 1.0, "1080": 1.9}

# Lengths in a Vega-Lite spec, in px: multiplied by the screen's scale. Areas (a point's `size`, a legend's
# `symbolSize`) by its square. Relative amounts (a bar's band, opacities, angles) are not lengths.
_LENGTHS = frozenset(
    {
        "fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize", "lineHeight",
        "strokeWidth", "symbolStrokeWidth", "domainWidth", "tickWidth", "gridWidth", "tickSize",
        "labelPadding", "titlePadding", "labelOffset", "offset", "labelLimit", "titleLimit", "padding",
        "dx", "dy", "height", "width", "step", "cornerRadius", "strokeDash", "symbolOffset", "rowPadding",
    }
)  # fmt: skip
_AREAS = frozenset({"size", "symbolSize"})
_DATA_KEYS = frozenset({"datasets", "data", "values"})


def _times(value: Any, factor: float) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float, list)):
        return value
    if isinstance(value, list):
        return [_times(v, factor) for v in value] if all(isinstance(v, (int, float)) for v in value) else value
    scaled = round(value * factor, 2)
    return int(scaled) if scaled.is_integer() else scaled


def scaled(spec: Any, factor: float, data_lengths: tuple[str, ...] = ()) -> Any:
    """A copy of the Vega-Lite `spec` with every length `factor` times as long (areas by its square): the same
    picture, larger. `data_lengths` names inline data columns that are lengths too (the map's label offsets, px);
    other data is kept as it is. A picture whose names were placed for its pixels stays right: everything in it
    grows alike (a fitted projection grows with its width and height)."""
    if factor == 1:
        return spec
    if isinstance(spec, list):
        return [scaled(item, factor, data_lengths) for item in spec]
    if not isinstance(spec, dict):
        return spec
    out: dict[str, Any] = {}
    for key, value in spec.items():
        if key in _DATA_KEYS:
            out[key] = _scaled_data(value, factor, data_lengths) if data_lengths else value
        elif key in _LENGTHS and not isinstance(value, (dict, str)):
            out[key] = _times(value, factor)
        elif key in _AREAS and not isinstance(value, (dict, str)):
            out[key] = _times(value, factor * factor)
        elif key in _AREAS and isinstance(value, dict):  # {"value": 300} in an encoding
            out[key] = {k: _times(v, factor * factor) if k == "value" else scaled(v, factor) for k, v in value.items()}
        else:
            out[key] = scaled(value, factor, data_lengths)
    return out


def _scaled_data(value: Any, factor: float, columns: tuple[str, ...]) -> Any:
    """Inline data with its `columns` multiplied (rows are dicts); datasets by name, or `{"values": [...]}`."""
    if isinstance(value, list):
        return [
            {k: _times(v, factor) if k in columns else v for k, v in row.items()} if isinstance(row, dict) else row
            for row in value
        ]
    if isinstance(value, dict):
        return {k: _scaled_data(v, factor, columns) for k, v in value.items()}
    return value
