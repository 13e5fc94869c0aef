"""A still picture of the district map for the briefing: parcels by status, the outline, roads and the sites.

The map page draws the district with pydeck (interactive, with a basemap). A briefing slide and its PDF page need
a picture that a projector and a printer show the same way, without map tiles from the network: this draws the
same data (`metrics.map_layers.MapData`) as an Altair chart (Mercator projection fitted to the data), with the
same status colours (`charts.palette.STATUS_COLORS`) and the site names written beside their markers.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from charts.describe import layered
from charts.map_symbols import site_symbol
from charts.palette import NEUTRAL, STATUS_COLORS
from metrics.map_layers import MapData
from metrics.ordering import configured_order
from present.i18n import translate

TEXT = "#000000"
ROAD = "#8C96A3"


def _translated(prefix: str, value: object, lang: str) -> str:
    try:
        return translate(f"{prefix}.{value}", lang)
    except KeyError:
        return str(value)


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:] + ring[:1], strict=False)) / 2


def _polygon_for_d3(rings: list) -> list:
    """Rings in the winding d3-geo (Vega's projection) reads: the outer ring clockwise, holes counter-clockwise.
    GeoJSON files (RFC 7946) wind the other way, which d3 reads as "the whole globe except this polygon"."""
    out = []
    for i, ring in enumerate(rings):
        clockwise = _signed_area(ring) < 0
        out.append(ring if clockwise == (i == 0) else list(reversed(ring)))
    return out


def for_d3(geometry: dict) -> dict:
    """`geometry` with its polygons wound for d3-geo; lines and points unchanged."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return {**geometry, "coordinates": _polygon_for_d3(coordinates)}
    if kind == "MultiPolygon":
        return {**geometry, "coordinates": [_polygon_for_d3(polygon) for polygon in coordinates]}
    return geometry


def _features(shapes: pd.DataFrame, lang: str) -> list[dict]:
    return [
        {
            "type": "Feature",
            "geometry": for_d3(geometry),
            "properties": {
                "name": str(name),
                "status": _translated("map.status", status, lang) if pd.notna(status) else "",
            },
        }
        for name, status, geometry in zip(shapes["name"], shapes["status"], shapes["geometry"], strict=False)
    ]


def status_scale(lang: str, present: list[str]) -> alt.Scale:
    """STATUS_COLORS with the statuses' names in `lang`; statuses outside the palette are grey."""
    names = {_translated("map.status", s, lang): color for s, color in STATUS_COLORS.items()}
    domain = configured_order([p for p in present if p], names, rest="seen", keep_configured=True)
    return alt.Scale(domain=domain, range=[names.get(d, NEUTRAL) for d in domain])


def snapshot_chart(data: MapData, lang: str, height: int = 300) -> alt.LayerChart | None:
    """Parcels (fill = status), outline (dashed), roads (grey) and every site (marker colour = status, shape =
    kind as on the map page (charts.map_symbols: a 부지 is a hollow circle), its number in `site_key` order on it).
    None when there is nothing to draw."""
    if data.bounds is None:
        return None
    parcels = _features(data.parcels, lang) if not data.parcels.empty else []
    sites = data.sites
    site_status = [_translated("map.status", s, lang) for s in sites["status"]] if not sites.empty else []
    present = list(dict.fromkeys([f["properties"]["status"] for f in parcels] + site_status))
    color = alt.Color("status:N", title=translate("map.field.status", lang), scale=status_scale(lang, present),
                      legend=alt.Legend(orient="right"))  # fmt: skip
    layers: list[alt.Chart] = []
    if parcels:
        layers.append(
            alt.Chart(alt.Data(values=parcels))
            .transform_calculate(status="datum.properties.status", name="datum.properties.name")
            .mark_geoshape(stroke=TEXT, strokeWidth=1, fillOpacity=0.55)
            .encode(color=color, tooltip=[alt.Tooltip("name:N", title=None)])
        )
    if not data.roads.empty:
        layers.append(
            alt.Chart(alt.Data(values=_features(data.roads, lang))).mark_geoshape(
                filled=False, stroke=ROAD, strokeWidth=5
            )
        )
    if not data.outline.empty:
        layers.append(
            alt.Chart(alt.Data(values=_features(data.outline, lang))).mark_geoshape(
                filled=False, stroke=TEXT, strokeWidth=2.5, strokeDash=[8, 5]
            )
        )
    if not sites.empty:
        points = pd.DataFrame(
            {
                "lon": sites["lon"].astype(float).tolist(),
                "lat": sites["lat"].astype(float).tolist(),
                "name": sites["name"].astype(str).tolist(),
                "status": site_status,
                "kind": [_translated("map.kind", k, lang) for k in sites["kind"]],
                "shape": [site_symbol(k).shape for k in sites["kind"]],  # the page's symbols (charts.map_symbols)
                "filled": [site_symbol(k).filled for k in sites["kind"]],
                "number": [str(i) for i in range(1, len(sites) + 1)],
            }
        )
        base = alt.Chart(points).encode(longitude="lon:Q", latitude="lat:Q")
        tooltip = [alt.Tooltip("name:N", title=None), alt.Tooltip("kind:N", title=None)]
        shape = alt.Shape("shape:N", scale=None)
        if points["filled"].any():
            layers.append(
                base.transform_filter("datum.filled")
                .mark_point(filled=True, size=520, stroke=TEXT, strokeWidth=1.5, opacity=1)
                .encode(color=color, shape=shape, tooltip=tooltip)
            )
        if not points["filled"].all():  # a hollow symbol (부지 ○): its outline in the status colour
            layers.append(
                base.transform_filter("!datum.filled")
                .mark_point(filled=False, size=520, strokeWidth=4, opacity=1)
                .encode(color=color, shape=shape, tooltip=tooltip)
            )
        # The site's number on its marker (names would overlap at this scale): the slide's note is the key.
        number: dict[str, Any] = {"fontSize": 14, "fontWeight": "bold", "baseline": "middle"}
        layers.append(
            base.mark_text(**number, stroke="white", strokeWidth=3.5, strokeJoin="round").encode(text="number:N")
        )
        layers.append(base.mark_text(**number, color=TEXT).encode(text="number:N"))
    return layered(*layers).project(type="mercator").properties(width="container", height=height)


def site_key(data: MapData, lang: str) -> str:
    """'1 국가 AI 데이터센터 · 2 AI 실증장비동 · …': the names behind the numbers on the map, in the sites' order."""
    return " · ".join(f"{i} {name}" for i, name in enumerate(data.sites["name"].astype(str), start=1))
