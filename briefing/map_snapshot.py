"""A still picture of the district map for the briefing: parcels by status, the outline, roads and the sites.

The map page draws the district with pydeck (interactive, with a basemap). A briefing slide and its PDF page need
a picture that a projector and a printer show the same way, without map tiles from the network: this draws the
same data (`metrics.map_layers.MapData`) as an Altair chart (Mercator projection fitted to the data), with the
same status colours (`charts.palette.STATUS_COLORS`), a number on each site's marker (the slide's note is the key),
and names placed as on the map page (#25, `charts.map_labels`): facilities first, then parcels and roads, then
the companies' buildings, each beside its marker or on its parcel or road where it is clear of every other name and
marker; a name with no such spot is left out (its site stays in the note's key) rather than drawn over another.

The picture has a fixed size (`MAP_WIDTH` × the slide's height, the legend beside it) and the projection is fitted
to the map's bounds (`FittedMercator`, as Vega fits it), so the names are placed for the very pixels the slide's
PNG and the PDF pack show (the PDF scales the picture, it does not redraw it taller).
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from charts import map_labels
from charts.describe import layered
from charts.map_symbols import site_symbol
from charts.palette import NEUTRAL, STATUS_COLORS
from metrics.map_layers import (
    COMPANY_SITE_KIND,
    MapData,
    parcel_label_spots,
    road_label_spots,
)
from metrics.ordering import configured_order
from present.i18n import translate

TEXT = "#000000"
ROAD = "#8C96A3"
MAP_WIDTH = 640  # the plot's width in px (the legend comes beside it)
BOUNDS_MARGIN = 0.06  # share of the bounds' span added on each side, so that edge markers are whole
LABEL_PX = 17  # the projector theme's smallest mark text (briefing.theme.MARK_TEXT_SIZE)
MARKER_SIZE = 520  # a site marker's area in px²
MARKER_PX = 16.0  # its radius, stroke included (a circle of area 520 is 12.9 px, the theme's stroke 3 px)
LENGTH_DATA = ("dx", "dy")  # the names' offsets from their points: px, in the picture's data (theme.scaled)
PRIORITY = {"facility": 60, "parcel": 40, "road": 35, "company": 20}  # as on the map page (charts.map)


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


def projection(data: MapData, height: int, width: int = MAP_WIDTH) -> map_labels.FittedMercator | None:
    """Where the picture draws each (lon, lat): Mercator fitted to the bounds (plus BOUNDS_MARGIN) in its plot."""
    if data.bounds is None:
        return None
    b = data.bounds
    dx, dy = (b.east - b.west) * BOUNDS_MARGIN or 1e-4, (b.north - b.south) * BOUNDS_MARGIN or 1e-4
    return map_labels.FittedMercator(b.west - dx, b.south - dy, b.east + dx, b.north + dy, width, height)


def _fit_feature(fitted: map_labels.FittedMercator) -> dict:
    corners = [[fitted.west, fitted.south], [fitted.east, fitted.north]]
    return {"type": "Feature", "geometry": {"type": "MultiPoint", "coordinates": corners}, "properties": {}}


def label_candidates(data: MapData) -> list[map_labels.Label]:
    """Every name the picture could write, with its priority: facilities, parcels holding no site, roads, and
    the companies' buildings (charts.map's order)."""
    found: list[map_labels.Label] = []
    site_points: list[tuple[float, float]] = []
    for site in data.sites.to_dict("records"):
        point = (float(site["lon"]), float(site["lat"]))
        site_points.append(point)
        kind = "company" if site.get("kind") == COMPANY_SITE_KIND else "facility"
        text = map_labels.wrap(str(site["name"]))
        found.append(map_labels.Label(text, [point], LABEL_PX, PRIORITY[kind], marker_px=MARKER_PX))
    for parcel, point in parcel_label_spots(data.parcels, site_points):
        text = map_labels.wrap(str(parcel["name"]))
        found.append(map_labels.Label(text, [point], LABEL_PX, PRIORITY["parcel"]))
    for name, spots in road_label_spots(data.roads, site_points):
        found.append(
            map_labels.Label(
                name,
                [(lon, lat) for lon, lat, _ in spots],
                LABEL_PX,
                PRIORITY["road"],
                angles=[angle for _, _, angle in spots],
            )
        )
    return found


def placed_labels(data: MapData, height: int, width: int = MAP_WIDTH) -> list[map_labels.Placed]:
    """The names the picture draws: `label_candidates` placed by priority clear of each other and of the site
    markers, inside the plot (charts.map_labels.place)."""
    fitted = projection(data, height, width)
    if fitted is None:
        return []
    markers = [
        map_labels.marker_box(*fitted.pixel(float(lon), float(lat)), MARKER_PX)
        for lon, lat in zip(data.sites["lon"], data.sites["lat"], strict=False)
    ]
    return map_labels.place(label_candidates(data), fitted, markers)


def snapshot_chart(data: MapData, lang: str, height: int = 300, width: int = MAP_WIDTH) -> alt.LayerChart | None:
    """Parcels (fill = status), outline (dashed), roads (grey) and every site (marker colour = status, shape =
    kind as on the map page (charts.map_symbols: a 부지 is a hollow circle), its number in `site_key` order on it),
    and the names `placed_labels` places, in a plot `width` × `height` px. None when there is nothing to draw."""
    fitted = projection(data, height, width)
    if fitted is None:
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
                .mark_point(filled=True, size=MARKER_SIZE, stroke=TEXT, strokeWidth=1.5, opacity=1)
                .encode(color=color, shape=shape, tooltip=tooltip)
            )
        if not points["filled"].all():  # a hollow symbol (부지 ○): its outline in the status colour
            layers.append(
                base.transform_filter("!datum.filled")
                .mark_point(filled=False, size=MARKER_SIZE, strokeWidth=4, opacity=1)
                .encode(color=color, shape=shape, tooltip=tooltip)
            )
        # The site's number on its marker (names would overlap at this scale): the slide's note is the key.
        number: dict[str, Any] = {"fontSize": 14, "fontWeight": "bold", "baseline": "middle"}
        layers.append(
            base.mark_text(**number, stroke="white", strokeWidth=3.5, strokeJoin="round").encode(text="number:N")
        )
        layers.append(base.mark_text(**number, color=TEXT).encode(text="number:N"))
    layers += _label_layers(placed_labels(data, height, width))
    # A fixed size (autosize "pad": the legend beside the plot, not taken from it): the names are placed for it.
    return (
        layered(*layers)
        .project(type="mercator", fit=_fit_feature(fitted))
        .properties(width=width, height=height, autosize=alt.AutoSizeParams(type="pad", contains="padding"))
    )


def _label_layers(placed: list[map_labels.Placed]) -> list[alt.Chart]:
    """The placed names: a white halo under black text, centred `offset` px from their point, turned as placed
    (map_labels' angles are counter-clockwise, Vega's clockwise). Names are data, drawn as text."""
    if not placed:
        return []
    rows = pd.DataFrame(
        {
            "lon": [p.lon for p in placed],
            "lat": [p.lat for p in placed],
            "label": [p.label.text for p in placed],
            "dx": [p.offset[0] for p in placed],
            # Vega writes a name's first line at its point and the others below: moved up by half the rest
            "dy": [p.offset[1] - p.label.text.count("\n") * LABEL_PX * map_labels.LINE_HEIGHT / 2 for p in placed],
            "angle": [(-p.angle) % 360 for p in placed],
        }
    )
    text: dict[str, Any] = {
        "fontSize": LABEL_PX,
        "lineBreak": "\n",
        "lineHeight": LABEL_PX * map_labels.LINE_HEIGHT,
        "align": "center",
        "baseline": "middle",
        "dx": alt.ExprRef("datum.dx"),
        "dy": alt.ExprRef("datum.dy"),
    }
    base = alt.Chart(rows).encode(
        longitude="lon:Q", latitude="lat:Q", text="label:N", angle=alt.Angle("angle:Q", scale=None)
    )
    return [
        base.mark_text(**text, stroke="white", strokeWidth=4, strokeJoin="round"),
        base.mark_text(**text, color=TEXT),
    ]


def site_key(data: MapData, lang: str) -> str:
    """'1 국가 AI 데이터센터 · 2 AI 실증장비동 · …': the names behind the numbers on the map, in the sites' order."""
    return " · ".join(f"{i} {name}" for i, name in enumerate(data.sites["name"].astype(str), start=1))
