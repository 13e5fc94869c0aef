"""Charts as PNG files: the same Vega-Lite spec the page shows, drawn by vl-convert (the library Altair uses).

`chart_png(chart)` is pure (no Streamlit) and cached by the spec's hash, so a chart drawn once (on a page's
download button or in the briefing PDF) is not drawn again. Korean text is drawn with a Korean font found by
`ui.fonts` (a pip-shipped Noto Sans KR or Debian's Noto Sans CJK); vl-convert is told where it lives.

`chart_with_download(chart, name, key)` is what pages call instead of `st.altair_chart`: the chart, and under it
a small "PNG" download button whose file is drawn only when pressed.
"""

from __future__ import annotations

import copy
import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any

import altair as alt

from . import fonts

PNG_MIME = "image/png"
EXPORT_WIDTH = 1100  # px, for charts that take the container's width on the page
SCALE = 2  # device pixels per CSS pixel: sharp when printed or projected
_CACHE_SIZE = 64

_lock = threading.Lock()
_cache: OrderedDict[str, bytes] = OrderedDict()
_fonts_registered = False


def _register_fonts() -> None:
    global _fonts_registered
    if _fonts_registered:
        return
    import vl_convert

    for folder in fonts.font_directories():
        vl_convert.register_font_directory(str(folder))
    _fonts_registered = True


def _fixed_width(spec: dict[str, Any], width: int) -> None:
    """Replace width "container" (the page's column) by `width` px: a file has no container."""
    if spec.get("width") == "container":
        spec["width"] = width
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for child in spec.get(key, []) or []:
            if isinstance(child, dict) and child.get("width") == "container":
                child["width"] = width if key in ("layer", "vconcat") else "container"
    if isinstance(spec.get("spec"), dict):
        _fixed_width(spec["spec"], width)


def export_spec(chart: alt.TopLevelMixin | dict[str, Any], width: int = EXPORT_WIDTH) -> dict[str, Any]:
    """The Vega-Lite spec as drawn to a file: fixed width, white background, a Korean font unless one is set."""
    spec = copy.deepcopy(chart) if isinstance(chart, dict) else chart.to_dict()
    _fixed_width(spec, width)
    spec.setdefault("background", "white")
    config = spec.setdefault("config", {})
    config.setdefault("font", fonts.chart_font_family())
    return spec


def spec_key(spec: dict[str, Any]) -> str:
    """sha256 of the spec's canonical JSON: equal charts (same data, same encodings) share one PNG."""
    return hashlib.sha256(json.dumps(spec, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def chart_png(chart: alt.TopLevelMixin | dict[str, Any], width: int = EXPORT_WIDTH, scale: int = SCALE) -> bytes:
    """PNG bytes of `chart` (an Altair chart or a Vega-Lite spec dict), cached by the spec's hash."""
    import vl_convert

    spec = export_spec(chart, width)
    key = f"{scale}:{spec_key(spec)}"
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        _register_fonts()
    png = vl_convert.vegalite_to_png(json.dumps(spec, ensure_ascii=False, default=str), scale=scale)
    with _lock:
        _cache[key] = png
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return png


def png_file_name(name: str) -> str:
    """A safe file name: the chart's name without path characters, ending in .png."""
    cleaned = "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip(" .") or "chart"
    return cleaned if cleaned.lower().endswith(".png") else f"{cleaned}.png"


def chart_title(spec: dict[str, Any], fallback: str = "chart") -> str:
    """A chart's title text (for its PNG's file name), or `fallback`."""
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return str(title) if title else fallback


def _axis_titles(spec: dict[str, Any]) -> list[str]:
    """The x and y axis titles of a spec and its layers, in order, without repeats."""
    titles: list[str] = []
    for part in [spec, *spec.get("layer", [])]:
        for channel in ("x", "y"):
            title = part.get("encoding", {}).get(channel, {}).get("title")
            if isinstance(title, list):
                title = " ".join(map(str, title))
            if title and str(title) not in titles:
                titles.append(str(title))
    return titles


def chart_description(spec: dict[str, Any]) -> str:
    """A short text alternative for a chart: its title and what its axes measure ("차트: 누계 집행 (월, 억원)").

    Vega-Lite puts a spec's `description` on the drawn <svg> as its accessible name (aria-label), so a screen
    reader announces the chart instead of skipping an unnamed picture.
    """
    from .i18n import t

    title = chart_title(spec, "")
    axes = ", ".join(_axis_titles(spec))
    return t("chart_export.description", title=title or t("chart_export.untitled"), axes=axes) if axes else (
        t("chart_export.description.no_axes", title=title or t("chart_export.untitled"))
    )


def readable_config(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` with axis and legend text in charts.palette.AXIS_TEXT (4.5:1 on white) unless it sets its own: the
    Streamlit chart theme's #808495 is 3.7:1 (#17)."""
    from charts.palette import AXIS_TEXT

    config = dict(spec.get("config") or {})
    for part in ("axis", "legend"):
        config[part] = {"labelColor": AXIS_TEXT, "titleColor": AXIS_TEXT, **(config.get(part) or {})}
    return {**spec, "config": config}


def chart_with_download(chart: alt.TopLevelMixin | dict[str, Any], key: str, name: str | None = None, **options: Any) -> Any:
    """The chart (an Altair chart, or a Vega-Lite spec dict as `ui.chart_spec` builds) at full width, and under it
    a PNG download of the same chart, drawn by vl-convert only when pressed.

    `key` is a stable widget key (the button's is f"png_{key}": a selector for the chart's key never matches it);
    `name` the file name without .png (default: the chart's title); other keyword arguments go to
    st.altair_chart / st.vega_lite_chart (e.g. on_select).
    """
    import streamlit as st

    from .i18n import t

    options.setdefault("width", "stretch")
    if isinstance(chart, dict):
        if not chart.get("description"):
            chart = {**chart, "description": chart_description(chart)}
        chart = readable_config(chart)
        result = st.vega_lite_chart(chart, key=key, **options)
        name = name or chart_title(chart, key)
    else:
        from charts.palette import AXIS_TEXT

        chart = chart.configure_axis(labelColor=AXIS_TEXT, titleColor=AXIS_TEXT).configure_legend(
            labelColor=AXIS_TEXT, titleColor=AXIS_TEXT
        )
        result = st.altair_chart(chart, key=key, **options)
        name = name or chart_title(chart.to_dict(), key)
    st.download_button(
        t("chart_export.png"),
        data=lambda: chart_png(chart),
        file_name=png_file_name(name),
        mime=PNG_MIME,
        key=f"png_{key}",
        on_click="ignore",
        icon=":material/image:",
        help=t("chart_export.png.help"),
        type="tertiary",
    )
    return result
