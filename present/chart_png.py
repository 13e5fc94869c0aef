"""Charts as PNG files: the same Vega-Lite spec the page shows, drawn by vl-convert (the library Altair uses).

`chart_png(chart)` is cached by the spec's hash, so a chart drawn once (on a page's download button or in the
briefing PDF) is not drawn again. Korean text is drawn with a Korean font found by `present.fonts` (a pip-shipped
Noto Sans KR or Debian's Noto Sans CJK); vl-convert is told where it lives. Also here: a chart's title, its file
name and its text alternative. The page widget (the chart with a PNG download button) is `ui.chart_export`.
"""

from __future__ import annotations

import copy
import hashlib
import json
import threading
from collections import OrderedDict
from typing import Any

import altair as alt
import pandas as pd
import pyarrow as pa

from . import fonts
from .i18n import DEFAULT_LANGUAGE, translate
from .shown_table import ARROW_ERRORS

PNG_MIME = "image/png"
EXPORT_WIDTH = 1100  # px, for charts that take the container's width on the page
SCALE = 2  # device pixels per CSS pixel: sharp when printed or projected
_CACHE_SIZE = 64

_lock = threading.Lock()
_cache: OrderedDict[str, bytes] = OrderedDict()
_fonts_registered = False


def vega_lite_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite spec, without Altair's check of it against the Vega-Lite JSON schema.

    A chart's shape is fixed by its builder in charts/, not by the data, and tests/pages/test_chart_specs.py checks every
    page's and slide's spec against the schema, in both languages. Checking again on every build was about a tenth of
    a page's first view (issue #23); the spec is the same either way."""
    return chart.to_dict(validate=False)


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
    spec = copy.deepcopy(chart) if isinstance(chart, dict) else vega_lite_spec(chart)
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


def chart_description(spec: dict[str, Any], lang: str = DEFAULT_LANGUAGE) -> str:
    """A short text alternative for a chart: its title and what its axes measure ("차트: 누계 집행 (월, 억원)").

    Vega-Lite puts a spec's `description` on the drawn <svg> as its accessible name (aria-label), so a screen
    reader announces the chart instead of skipping an unnamed picture.
    """
    title = chart_title(spec, "") or translate("chart_export.untitled", lang)
    axes = ", ".join(_axis_titles(spec))
    return (
        translate("chart_export.description", lang, title=title, axes=axes)
        if axes
        else (translate("chart_export.description.no_axes", lang, title=title))
    )


ALTAIR_DEFAULT_CONFIG = {"view": {"continuousWidth": 300, "continuousHeight": 300}}


class PageSpec(dict):
    """A Vega-Lite spec (a dict like any other: its data as values, for the PNG, the title and the description)
    that also carries `arrow`: its tabular datasets as the Arrow IPC bytes st.vega_lite_chart sends in their place,
    made once with the view-model that holds the spec instead of on every rerun (`ui.chart_export`)."""

    arrow: dict[str, bytes]


def _arrow_bytes(records: Any) -> bytes | None:
    """A named dataset (a list of records) as Streamlit would send it (`streamlit.dataframe_util`: a pandas frame
    of the records, `pyarrow.Table.from_pandas`, one IPC stream); None for anything else, or what pyarrow cannot
    convert as it is (Streamlit then converts it itself)."""
    if not isinstance(records, list) or not records or not all(isinstance(r, dict) for r in records):
        return None
    if records[0].get("type") == "Feature":  # GeoJSON stays in the spec
        return None
    try:
        table = pa.Table.from_pandas(pd.DataFrame(records))
    except ARROW_ERRORS:
        return None
    if any(pa.types.is_large_list(field.type) for field in table.schema):
        return None
    sink = pa.BufferOutputStream()
    with pa.RecordBatchStreamWriter(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def page_spec(chart: alt.TopLevelMixin, lang: str | None = None) -> PageSpec:
    """The Vega-Lite spec a page draws for an Altair chart of `charts/`: Altair's default theme left out (Streamlit's
    own theme applies instead) and, given `lang`, the chart's description for screen readers
    (`chart_description`), as `ui.chart_export.chart_with_download` would add it on every run; its datasets
    also as Arrow bytes (`PageSpec`)."""
    spec = PageSpec(vega_lite_spec(chart))
    if spec.get("config") == ALTAIR_DEFAULT_CONFIG:
        del spec["config"]
    if lang is not None and not spec.get("description"):
        spec["description"] = chart_description(spec, lang)
    converted = {str(name): _arrow_bytes(data) for name, data in (spec.get("datasets") or {}).items()}
    spec.arrow = {name: data for name, data in converted.items() if data is not None}
    return spec
