"""The district map as a pydeck Deck: pure builders (no Streamlit) from `metrics.map_layers.MapData`.

Layers (ids are stable: selections survive reruns):
  parcels     PolygonLayer   필지, fill = status colour (palette.STATUS_COLORS)
  outline     PathLayer      경계, dashed dark line
  roads       PathLayer      도로, grey line a road's width wide
  facilities  TextLayer      sites as symbols by kind (■ 데이터센터 ◆ 실증센터 ▲ 창업동 ★ 기업 ○ 부지 ⬢ 기타), colour = status
  companies   Scatterplot    companies on their site, colour = sector, area ∝ headcount
  columns     ColumnLayer    3D only: buildings (sites except 부지) as columns, height ∝ floor area
  labels      TextLayer      names of the district, roads, sites and parcels without a site (collision-filtered)

Safety: the tooltip is one HTML template of `{tip_*}` fields. Streamlit (1.67) HTML-escapes every field value it
substitutes, so values go in as plain text — escaping them here too would show "&lt;" to the reader. Data strings
that start with "@@" would be read by deck.gl's JSON converter as code ("@@=…" expressions, "@@#" constants);
they get a zero-width space in front so they stay text.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import pandas as pd
import pydeck as pdk

from charts import map_labels
from charts.map_symbols import SITE_SYMBOLS, site_symbol
from charts.palette import NEUTRAL, STATUS_COLORS, hex_to_rgb, sector_colors
from charts.segments import short_mark
from loaders.contract import SITE_KINDS, SITE_STATUSES
from metrics.map_layers import (
    BUILDING_FREE_KINDS,
    MapData,
    fit_view,
    parcel_label_spots,
    paths,
    placed_site_rows,
    places,
    polygons,
    road_label_points,
    road_label_spots,
)
from metrics.ordering import configured_order
from present import format as fmt
from present.i18n import translate, value_label
from present.stage_text import stage_text

LAYERS = ("parcels", "outline", "facilities", "companies", "labels")  # what the user can switch on and off
BASEMAPS = ("default", "custom", "none")
KIND_SYMBOLS = {kind: symbol.glyph for kind, symbol in SITE_SYMBOLS.items()}  # one definition: charts.map_symbols
SYMBOL_PX = 24  # a facility symbol's size
MARK_PX = 11  # the number on a building's company marker
MARK_OFFSET_PX = 15  # …at the marker's upper right
FONT_FAMILY = "'Noto Sans KR', 'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif"
TIP_LINES = 7
TEXT_COLOR = "#1c2430"
OUTLINE_COLOR = "#1c2430"
ROAD_COLOR = "#A7AFBA"
MAX_RADIUS_PX = 22  # the company with the largest headcount
MIN_RADIUS_PX = 4
COLUMN_RADIUS_M = 35
TALLEST_COLUMN_M = 300
MAP_WIDTH_PX = 560  # the map's width on a 1280-px screen (the view is fitted to it; wider screens show more)
MAP_HEIGHT_PX = 560
# A phone (390 px screen, Streamlit's 1 rem side padding): the map is 358 px wide. The phone's own deck is fitted to
# a slightly narrower map, so that the district's edges and outer labels are on the first view of every phone.
PHONE_MAP_WIDTH_PX = 340
PITCH_3D = 45
BEARING_3D = 0
ZOOM_OUT_3D = 0.0

Row = Mapping[str, Any]  # a data row (a frame's record): cell values of any type

_ZERO_WIDTH_SPACE = "\u200b"
# Drawn over whatever lies at the same height (no z-fighting with the parcels in 3D): symbols, circles, labels.
ON_TOP = {"depthCompare": "always"}


# ---------------------------------------------------------------------------- small helpers


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as records (its column names are text)."""
    return cast("list[dict[str, Any]]", frame.to_dict("records"))


def safe_text(value: Any) -> str:
    """A data value as deck.gl's JSON converter will leave it: text, never "@@" code. None → ""."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = str(value)
    return _ZERO_WIDTH_SPACE + text if text.startswith("@@") else text


def _rgb(color: str, alpha: int = 255) -> list[int]:
    return hex_to_rgb(color, alpha)


def status_color(status: object) -> str:
    """A construction status's colour (charts.palette.STATUS_COLORS); grey for a status outside it."""
    return STATUS_COLORS.get(status, NEUTRAL) if isinstance(status, str) else NEUTRAL


def _value(key_prefix: str, value: Any, lang: str) -> str:
    """A contract value (status, kind) in the reader's language; other values as written."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    try:
        return translate(f"{key_prefix}.{value}", lang)
    except KeyError:
        return str(value)


def area_label(area: Any, lang: str) -> str:
    """ "104,806㎡" / "104,806 m²" (decimals only when the data has them); "–" when missing."""
    if area is None or pd.isna(area):
        return "–"
    number = float(area)
    text = f"{number:,.0f}" if number.is_integer() else f"{number:,.2f}".rstrip("0").rstrip(".")
    return translate("map.area_value", lang, area=text)


def _date(value: Any) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def completion_field(value: Any, today: dt.date, lang: str) -> tuple[str, str] | None:
    """("준공일", "2023. 11. 30.") for a past date, ("준공 예정일", …) for a future one, None when unknown."""
    day = _date(value)
    if day is None:
        return None
    key = "map.field.completion" if day <= today else "map.field.completion_planned"
    return translate(key, lang), fmt.date_label(day, lang)


# ---------------------------------------------------------------------------- features (tooltips and details)


@dataclass
class Feature:
    """One thing on the map the reader can hover or click: what the tooltip and the details panel show."""

    id: str
    kind: str  # company, facility, parcel, road
    title: str
    fields: list[tuple[str, str]]  # shown in the tooltip and the details
    sources: list[tuple[str, int]] = field(default_factory=list)  # (dataset, source_row)
    more: list[tuple[str, str]] = field(default_factory=list)  # shown in the details only
    lang: str = "ko"

    def tip(self) -> dict[str, str]:
        """tip_title, tip_1 … tip_6 as plain text ("label: value"); unused lines are empty."""
        lines = [f"{label}: {value}" if label else value for label, value in self.fields[:TIP_LINES]]
        if len(self.fields) > TIP_LINES:  # a building's long list: the rest on click
            lines[-1] = translate("map.place.more", self.lang, count=len(self.fields) - TIP_LINES + 1)
        lines += [""] * (TIP_LINES - len(lines))
        return {"tip_title": safe_text(self.title), **{f"tip_{i}": safe_text(v) for i, v in enumerate(lines, 1)}}


def tooltip_template(lang: str) -> dict[str, object]:
    """The deck's tooltip: HTML of `{tip_*}` fields only (Streamlit escapes each value it puts in)."""
    lines = "".join(f"<div>{{tip_{i}}}</div>" for i in range(1, TIP_LINES + 1))
    return {
        "html": f'<div style="font-weight:700;margin-bottom:2px">{{tip_title}}</div>{lines}',
        "style": {
            "backgroundColor": "#ffffff",
            "color": TEXT_COLOR,
            "fontFamily": FONT_FAMILY,
            "fontSize": "13px",
            "lineHeight": "1.45",
            "border": "1px solid #d5dbe5",
            "borderRadius": "6px",
            "boxShadow": "0 2px 8px rgba(0,0,0,0.15)",
            "padding": "8px 10px",
            "maxWidth": "320px",
        },
    }


def _f(key: str, lang: str) -> str:
    return translate(f"map.field.{key}", lang)


def site_fields(site: Row, lang: str, today: dt.date) -> list[tuple[str, str]]:
    fields = [
        (_f("kind", lang), _value("map.kind", site.get("kind"), lang)),
        (_f("status", lang), _value("map.status", site.get("status"), lang)),
        (_f("area", lang), area_label(site.get("area_m2"), lang)),
    ]
    completion = completion_field(site.get("completion"), today, lang)
    if completion:
        fields.append(completion)
    return fields


def company_fields(company: Row, lang: str, today: dt.date) -> list[tuple[str, str]]:
    people = translate("unit.people", lang)
    headcount = company.get("headcount")
    if headcount is None or pd.isna(headcount):
        head_text = "–"
    else:
        head_text = translate(
            "map.field.headcount_value",
            lang,
            count=fmt.count(int(headcount), people, lang),
            month=fmt.month_label(_date(company.get("headcount_month")), lang),
        )
    stage = company_stage(company, lang)
    if stage is None:
        stage_text = "–"
    else:
        stage_text = translate(
            "map.field.stage_value",
            lang,
            stage=stage,
            as_of=fmt.date_label(_date(company.get("stage_as_of")), lang),
        )
    sector = company.get("sector")
    fields = [
        (_f("sector", lang), "–" if sector is None or pd.isna(sector) else str(sector)),
        (_f("headcount", lang), head_text),
        (_f("stage", lang), stage_text),
    ]
    agreement = company.get("agreement_stage")
    if agreement is not None and not pd.isna(agreement):  # its investment agreement's stage (issue #35)
        fields.append((_f("agreement", lang), str(value_label("agreement_stage", agreement, lang))))
    if company.get("site") is not None and not pd.isna(company.get("site")):
        fields.append(
            (_f("site", lang), f"{company['site']} ({_value('map.status', company.get('site_status'), lang)})")
        )
        fields.append((_f("area", lang), area_label(company.get("site_area_m2"), lang)))
        completion = completion_field(company.get("site_completion"), today, lang)
        if completion:
            fields.append(completion)
    return fields


def _valuation_field(company: Row, lang: str) -> list[tuple[str, str]]:
    value = company.get("valuation_krw")
    if value is None or pd.isna(value):
        return []
    return [(_f("valuation", lang), fmt.money(int(value), lang))]


def company_line(company: Row, lang: str) -> str:
    """ "빛고을모빌리티 · 모빌리티 · 343명 · 유니콘": one company of a building, as its list shows it."""
    parts = [str(company["company"])]
    for value in (company.get("sector"),):
        if value is not None and not pd.isna(value):
            parts.append(str(value))
    head = company.get("headcount")
    if head is not None and not pd.isna(head):
        parts.append(fmt.count(int(head), translate("unit.people", lang), lang))
    stage = company_stage(company, lang, estimate=False)
    if stage is not None:
        parts.append(stage)
    return " · ".join(parts)


def company_stage(company: Row, lang: str, estimate: bool = True) -> str | None:
    """A company's K-Unicorn stage as the pages write it: its highest selection with the year, never a valuation
    band (issue #35; `present.stage_text`); None when the company data does not list it."""
    basis = company.get("stage_basis")
    if basis is None or pd.isna(basis):
        return None
    return stage_text(company, lang, estimate=estimate)


def place_feature(place: Row, found: dict[str, Feature], lang: str) -> Feature:
    """A building with several companies: its name, how many and their people; the companies listed (the
    tooltip shows the first few, the details panel all of them)."""
    companies = place["companies"]
    assert isinstance(companies, list)
    people = translate("unit.people", lang)
    total = place["headcount"]
    fields = [
        (_f("companies", lang), fmt.count(len(companies), translate("unit.companies", lang), lang)),
        (_f("headcount", lang), "–" if total is None else fmt.count(int(str(total)), people, lang)),
    ]
    sources: list[tuple[str, int]] = []
    for company in companies:
        for source in found[f"company-{company['key']}"].sources:
            if source not in sources:
                sources.append(source)
    lines = [("", company_line(c, lang)) for c in companies]
    return Feature(place_id(place), "place", str(place["site"] or ""), fields + lines, sources, lang=lang)


def features(data: MapData, lang: str, today: dt.date) -> dict[str, Feature]:
    """Every hoverable thing on the map by id: companies, facilities, parcels and roads."""
    found: dict[str, Feature] = {}
    sites_by_name = {str(s["name"]): s for s in _rows(data.sites)}
    for site in _rows(data.sites):
        fid = f"site-{int(site['source_row'])}"
        found[fid] = Feature(
            fid, "facility", str(site["name"]), site_fields(site, lang, today), [("sites", int(site["source_row"]))]
        )
    for company in _rows(data.placed):
        fid = f"company-{company['key']}"
        site_row = company.get("site_row")
        sources = [] if site_row is None or pd.isna(site_row) else [("sites", int(site_row))]
        sources += [
            (name, int(company[column]))
            for name, column in (("jobs", "jobs_row"), ("companies", "companies_row"))
            if company.get(column) is not None and not pd.isna(company.get(column))
        ]
        found[fid] = Feature(
            fid,
            "company",
            str(company["company"]),
            company_fields(company, lang, today),
            sources,
            more=_valuation_field(company, lang),
        )
    for place in places(data.placed):
        if len(place["companies"]) > 1:
            found[place_id(place)] = place_feature(place, found, lang)
    for parcel in _rows(data.parcels):
        fid = f"parcel-{int(parcel['source_row'])}"
        fields = [
            (_f("status", lang), _value("map.status", parcel.get("status"), lang)),
            (_f("use", lang), "–" if parcel.get("use") is None or pd.isna(parcel.get("use")) else str(parcel["use"])),
            (_f("area", lang), area_label(parcel.get("area_m2"), lang)),
        ]
        sources = [("parcels", int(parcel["source_row"]))]
        facility = parcel.get("facility")
        if facility is not None and not pd.isna(facility):
            fields.append((_f("facility", lang), str(facility)))
            named = sites_by_name.get(str(facility))
            if named is not None:
                completion = completion_field(named.get("completion"), today, lang)
                if completion:
                    fields.append(completion)
                sources.append(("sites", int(named["source_row"])))
        found[fid] = Feature(fid, "parcel", str(parcel["name"]), fields, sources)
    for road in _rows(data.roads):
        fid = f"road-{int(road['source_row'])}"
        found[fid] = Feature(
            fid,
            "road",
            str(road["name"]),
            [(_f("kind", lang), _value("map.kind", "도로", lang))],
            [("parcels", int(road["source_row"]))],
        )
    return found


# ---------------------------------------------------------------------------- layers


@dataclass(frozen=True)
class MapOptions:
    layers: tuple[str, ...] = LAYERS
    three_d: bool = False
    basemap: str = "default"
    reset_count: int = 0  # bumped by the reset button: the view moves back to the start


def _records(rows: Sequence[Row]) -> list[dict[str, object]]:
    """Layer data as JSON-ready plain values, every string made safe for deck.gl's JSON converter."""

    def clean(value: Any) -> object:
        if isinstance(value, str):
            return safe_text(value)
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [clean(v) for v in value]
        if value is None or (not isinstance(value, (int, float)) and pd.isna(value)):
            return None
        if isinstance(value, float) and math.isnan(value):
            return None
        if hasattr(value, "item"):
            return value.item()
        return value

    return [{k: clean(v) for k, v in row.items()} for row in rows]


def text_layer(
    layer_id: str,
    rows: Sequence[Row],
    *,
    font_settings: Mapping[str, object],
    color: str | list[int],
    size: str | float,
    pickable: bool,
    font_weight: int | None = None,
    halo: list[int] | None = None,
    background: list[int] | None = None,
    offset: str | list[float] | None = None,
    angle: str | None = None,
    line_height: float | None = None,
) -> pdk.Layer:
    """The map's one TextLayer builder (symbols, company marks, names): text from each row's `text` at its
    [lon, lat], centred there (or `offset` px away), `size` px, turned to face the viewer, drawn over whatever
    lies at the same height. Glyphs come from the data (character set "auto") in a CJK font, so Korean draws.
    `color`, `size`, `offset` and `angle` are a value or a row field's name; `halo` is a 3-px outline (needs
    SDF glyphs), `background` a box behind the text."""
    props: dict[str, object] = {
        "font_settings": dict(font_settings),
        "get_color": color,
        "get_size": size,
        "size_units": '"pixels"',
        "get_text_anchor": '"middle"',
        "get_alignment_baseline": '"center"',
        "pickable": pickable,
        "billboard": True,
        "parameters": ON_TOP,
    }
    if font_weight is not None:
        props["font_weight"] = font_weight
    if halo is not None:
        props.update(outline_width=3, outline_color=halo)
    if background is not None:
        props.update(background=True, get_background_color=background, background_padding=[3, 1, 3, 1])
    if offset is not None:
        props["get_pixel_offset"] = offset
    if angle is not None:
        props["get_angle"] = angle
    if line_height is not None:
        props["line_height"] = line_height
    return pdk.Layer(
        "TextLayer",
        id=layer_id,
        data=_records(rows),
        get_position="[lon, lat]",
        get_text="text",
        character_set='"auto"',  # quoted: pydeck would read a bare string as an accessor
        font_family=f"`{FONT_FAMILY}`",
        **props,
    )


def company_radius(headcount: Any, largest: int) -> float:
    """Circle radius in pixels: area proportional to headcount, the largest marker MAX_RADIUS_PX."""
    if headcount is None or pd.isna(headcount) or largest <= 0:
        return MIN_RADIUS_PX
    return max(MIN_RADIUS_PX, MAX_RADIUS_PX * math.sqrt(int(headcount) / largest))


def largest_headcount(data: MapData) -> int:
    """The largest headcount of one marker (all the companies in one building together)."""
    heads = [p["headcount"] for p in places(data.placed) if p["headcount"] is not None]
    return max(heads) if heads else 0


def sector_color(sector: Any) -> str:
    return sector_colors().get(str(sector), NEUTRAL)


def sector_mark(sector: Any) -> str:
    """The sector's short mark written on a one-company marker and in the legend (its first letter), so the
    sector is not told by colour alone."""
    return short_mark(sector)  # as on the stacked charts' segments (charts.segments)


def place_id(place: Row) -> str:
    """A marker's feature id: the company's own for a building with one company, else the building's."""
    companies = place["companies"]
    assert isinstance(companies, list)
    if len(companies) == 1:
        return f"company-{companies[0]['key']}"
    return f"place-{place['place_key']}"


def place_color(place: Row) -> str:
    """One sector in the building: its colour; several: neutral grey (the list on click says which)."""
    companies = place["companies"]
    assert isinstance(companies, list)
    sectors = {str(c.get("sector")) for c in companies}
    return sector_color(sectors.pop()) if len(sectors) == 1 else NEUTRAL


def place_mark(place: Row) -> str:
    """What a marker says: the number of companies in the building, or a lone company's sector mark."""
    companies = place["companies"]
    assert isinstance(companies, list)
    return str(len(companies)) if len(companies) > 1 else sector_mark(companies[0].get("sector"))


def parcels_layer(data: MapData, found: dict[str, Feature]) -> list[pdk.Layer]:
    """필지: polygons filled by status colour."""
    rows = []
    for parcel in _rows(data.parcels):
        fid = f"parcel-{int(parcel['source_row'])}"
        color = status_color(parcel.get("status"))
        for polygon in polygons(parcel["geometry"]):
            rows.append(
                {"id": fid, "polygon": polygon, "fill": _rgb(color, 120), "line": _rgb(color, 255), **found[fid].tip()}
            )
    if not rows:
        return []
    return [
        pdk.Layer(
            "PolygonLayer",
            id="parcels",
            data=_records(rows),
            get_polygon="polygon",
            get_fill_color="fill",
            get_line_color="line",
            line_width_units='"pixels"',
            get_line_width=1.5,
            stroked=True,
            filled=True,
            pickable=True,
            auto_highlight=True,
            highlight_color=[255, 255, 255, 70],
        )
    ]


def roads_layer(data: MapData, found: dict[str, Feature]) -> list[pdk.Layer]:
    """도로: grey lines a road's width wide."""
    rows = []
    for road in _rows(data.roads):
        fid = f"road-{int(road['source_row'])}"
        for path in paths(road["geometry"]):
            rows.append({"id": fid, "path": path, **found[fid].tip()})
    if not rows:
        return []
    return [
        pdk.Layer(
            "PathLayer",
            id="roads",
            data=_records(rows),
            get_path="path",
            get_color=_rgb(ROAD_COLOR, 230),
            width_units='"meters"',
            get_width=14,
            width_min_pixels=2,
            cap_rounded=True,
            joint_rounded=True,
            pickable=True,
        )
    ]


def outline_layer(data: MapData) -> list[pdk.Layer]:
    """경계: the district's outline, dashed."""
    rows = [
        {"path": path, "name": outline["name"]}
        for outline in _rows(data.outline)
        for path in paths(outline["geometry"])
    ]
    if not rows:
        return []
    return [
        pdk.Layer(
            "PathLayer",
            id="outline",
            data=_records(rows),
            get_path="path",
            get_color=_rgb(OUTLINE_COLOR, 230),
            width_units='"pixels"',
            get_width=2.5,
            pickable=False,
            get_dash_array=[6, 4],
            dash_justified=True,
            extensions=[{"@@type": "PathStyleExtension", "dash": True}],
        )
    ]


def drawn_facilities(data: MapData, options: MapOptions, company_sites: set[int]) -> list[dict[str, Any]]:
    """The sites drawn as their kind's symbol: not a 기업 site drawn as its company, not a building drawn as a
    column in 3D."""
    return [
        site
        for site in _rows(data.sites)
        if int(site["source_row"]) not in company_sites and not (options.three_d and _is_building(site))
    ]


def facilities_layer(
    data: MapData, found: dict[str, Feature], options: MapOptions, company_sites: set[int]
) -> list[pdk.Layer]:
    """시설: each site as its kind's symbol (charts.map_symbols), coloured by status."""
    rows = []
    for site in drawn_facilities(data, options, company_sites):
        fid = f"site-{int(site['source_row'])}"
        rows.append(
            {
                "id": fid,
                "lon": float(site["lon"]),
                "lat": float(site["lat"]),
                "text": site_symbol(site.get("kind")).glyph,
                "color": _rgb(status_color(site.get("status"))),
                **found[fid].tip(),
            }
        )
    if not rows:
        return []
    # SDF glyphs with a white halo, so a symbol stands out on any fill. (Text layers with equal font settings
    # share one glyph atlas in deck.gl; the other text layers use other settings on purpose.)
    return [
        text_layer(
            "facilities",
            rows,
            font_settings={"sdf": True, "fontSize": 64, "buffer": 6, "radius": 12},
            color="color",
            size=SYMBOL_PX,
            pickable=True,
            halo=[255, 255, 255, 235],
        )
    ]


def companies_layers(data: MapData, found: dict[str, Feature]) -> list[pdk.Layer]:
    """기업: one circle per building (area ∝ the headcount of its companies), the number of companies on it (a lone
    company: its sector's mark) as a badge at its upper right."""
    largest = largest_headcount(data)
    circles, marks = [], []
    for place in places(data.placed):
        fid = place_id(place)
        radius = company_radius(place["headcount"], largest)
        tip = found[fid].tip()
        circles.append(
            {
                "id": fid,
                "lon": place["lon"],
                "lat": place["lat"],
                "radius": radius,
                "fill": _rgb(place_color(place), 225),
                **tip,
            }
        )
        marks.append(
            {"id": fid, "lon": place["lon"], "lat": place["lat"], "text": place_mark(place), "offset": [0, 0], **tip}
        )
    if not circles:
        return []
    return [
        pdk.Layer(
            "ScatterplotLayer",
            id="companies",
            data=_records(circles),
            get_position="[lon, lat]",
            get_radius="radius",
            radius_units='"pixels"',
            get_fill_color="fill",
            stroked=True,
            get_line_color=[255, 255, 255, 255],
            line_width_units='"pixels"',
            get_line_width=1.5,
            pickable=True,
            auto_highlight=True,
            highlight_color=[255, 255, 255, 90],
            billboard=False,
            parameters=ON_TOP,
        ),
        text_layer(
            "company_marks",
            marks,
            font_settings={"fontSize": 40, "buffer": 3},
            color=[255, 255, 255, 255],
            size=MARK_PX,
            pickable=True,
            font_weight=700,
            background=_rgb(TEXT_COLOR, 235),
            offset=[MARK_OFFSET_PX, -MARK_OFFSET_PX],
        ),
    ]


def labels_layer(rows: Sequence[Row]) -> list[pdk.Layer]:
    """Names, placed clear of each other (charts.map_labels)."""
    if not rows:
        return []
    return [
        text_layer(
            "labels",
            rows,
            font_settings={"fontSize": 48, "buffer": 4},
            color=_rgb(TEXT_COLOR),
            size="size",
            pickable=False,
            font_weight=600,
            background=[255, 255, 255, 215],
            offset="offset",
            angle="angle",
            line_height=map_labels.LINE_HEIGHT,
        )
    ]


def build_layers(
    data: MapData, found: dict[str, Feature], options: MapOptions, lang: str = "ko", width_px: int = MAP_WIDTH_PX
) -> list[pdk.Layer]:
    """The deck's layers, bottom to top, for the layers switched on (labels placed for a map `width_px` wide)."""
    shown = set(options.layers)
    companies_on = "companies" in shown and not data.placed.empty
    company_sites = placed_site_rows(data.placed) if companies_on else set()
    layers: list[pdk.Layer] = []
    markers = companies_layers(data, found) if companies_on else []
    if "parcels" in shown:
        layers += parcels_layer(data, found)
    if "outline" in shown:
        layers += roads_layer(data, found) + outline_layer(data)
    if companies_on:  # under the facilities' symbols: a building's companies circle its symbol
        layers += markers[:1]
    if "facilities" in shown:
        layers += facilities_layer(data, found, options, company_sites)
    if companies_on:
        layers += markers[1:]
    if options.three_d:  # after the flat circles: a column in front of a circle hides it
        layers.extend(_columns(data, found, company_sites, companies_on, "facilities" in shown))
    if "labels" in shown:
        layers += labels_layer(label_rows(data, options, company_sites, lang, width_px))
    return layers


def _is_building(site: Row) -> bool:
    area = site.get("area_m2")
    return site.get("kind") not in BUILDING_FREE_KINDS and area is not None and not pd.isna(area) and float(area) > 0


def column_scale(data: MapData) -> tuple[float, float]:
    """(metres of height per m² of area, largest area): the largest building stands TALLEST_COLUMN_M tall."""
    areas = [float(s["area_m2"]) for s in _rows(data.sites) if _is_building(s)]
    largest = max(areas) if areas else 0.0
    return (TALLEST_COLUMN_M / largest if largest else 0.0), largest


def _columns(
    data: MapData, found: dict[str, Feature], company_sites: set[int], companies_on: bool, facilities_on: bool
) -> list[pdk.Layer]:
    """3D buildings: the facilities' (when shown) and the companies' sites (when shown), height ∝ area."""
    scale, _ = column_scale(data)
    company_by_site = (
        {int(p["site_row"]): place_id(p) for p in places(data.placed) if not pd.isna(p["site_row"])}
        if companies_on
        else {}
    )
    rows = []
    for site in _rows(data.sites):
        if not _is_building(site):
            continue
        row = int(site["source_row"])
        if not (facilities_on or row in company_by_site):
            continue
        fid = company_by_site.get(row, f"site-{row}") if row in company_sites or not facilities_on else f"site-{row}"
        color = status_color(site.get("status"))
        rows.append(
            {
                "id": fid,
                "lon": float(site["lon"]),
                "lat": float(site["lat"]),
                "area": float(site["area_m2"]),
                "fill": _rgb(color, 235),
                **found[fid].tip(),
            }
        )
    if not rows:
        return []
    return [
        pdk.Layer(
            "ColumnLayer",
            id="columns",
            data=_records(rows),
            get_position="[lon, lat]",
            get_elevation="area",
            elevation_scale=scale,
            radius=COLUMN_RADIUS_M,
            disk_resolution=24,
            extruded=True,
            get_fill_color="fill",
            pickable=True,
            auto_highlight=True,
            highlight_color=[255, 255, 255, 90],
        )
    ]


def label_point(path: list[list[float]], avoid: list[tuple[float, float]]) -> tuple[float, float, float]:
    """The best spot for a road's name (the first of `road_label_points`)."""
    return road_label_points(path, avoid)[0]


def status_label(name: Any, status: Any, lang: str) -> str:
    """A site's or parcel's label: its name, and under it its construction status in words (#17: the status is
    not told by colour alone; the tooltip and the legend say it too)."""
    if status is None or pd.isna(status) or not str(status).strip():
        return str(name)
    return f"{name}\n{_value('map.status', status, lang)}"


# Label priorities (#25): the district, then facilities, then parcels and roads, then companies' own buildings.
PRIORITY = {"district": 100, "facility": 60, "parcel": 40, "road": 35, "company": 20}
LABEL_PX = {"district": 15, "facility": 12, "parcel": 11, "road": 11, "company": 11}
PHONE_LABEL_PX = {"district": 13, "facility": 11, "parcel": 10, "road": 10, "company": 10}
PHONE_WIDTH_LIMIT = 400  # a map narrower than this (a phone's) gets PHONE_LABEL_PX and names without status


def _marker_radii(data: MapData, options: MapOptions, company_sites: set[int]) -> dict[tuple[float, float], float]:
    """The radius in px of what is drawn at each point (a facility's symbol, a building's company circle)."""
    shown = set(options.layers)
    radii: dict[tuple[float, float], float] = {}
    if "facilities" in shown:
        for site in drawn_facilities(data, options, company_sites):
            radii[(float(site["lon"]), float(site["lat"]))] = SYMBOL_PX / 2
    if "companies" in shown and not data.placed.empty:
        largest = largest_headcount(data)
        for place in places(data.placed):
            point = (place["lon"], place["lat"])
            radii[point] = max(radii.get(point, 0.0), company_radius(place["headcount"], largest))
    return radii


def _obstacles(
    data: MapData, options: MapOptions, company_sites: set[int], screen: map_labels.Screen
) -> list[map_labels.Box]:
    boxes = [
        map_labels.marker_box(*screen.pixel(lon, lat), radius)
        for (lon, lat), radius in _marker_radii(data, options, company_sites).items()
    ]
    if "companies" in set(options.layers) and not data.placed.empty:
        for place in places(data.placed):
            x, y = screen.pixel(place["lon"], place["lat"])
            boxes.append(map_labels.label_box(x + MARK_OFFSET_PX, y - MARK_OFFSET_PX, place_mark(place), MARK_PX))
    return boxes


def label_candidates(
    data: MapData, options: MapOptions, company_sites: set[int], lang: str = "ko", width_px: int = MAP_WIDTH_PX
) -> list[map_labels.Label]:
    """Every name the map could write, with its priority: the district, facilities (with their status under the
    name), parcels holding no site, roads, and the companies' own buildings."""
    shown = set(options.layers)
    radii = _marker_radii(data, options, company_sites)
    found: list[map_labels.Label] = []
    sizes = PHONE_LABEL_PX if width_px < PHONE_WIDTH_LIMIT else LABEL_PX
    if "outline" in shown:
        for outline in _rows(data.outline):
            parts = polygons(outline["geometry"])
            if not parts:
                continue
            ring = parts[0][0]
            north = max(p[1] for p in ring)
            west, east = min(p[0] for p in ring), max(p[0] for p in ring)
            text = map_labels.wrap(str(outline["name"]), 14)
            found.append(map_labels.Label(text, [((west + east) / 2, north)], sizes["district"], PRIORITY["district"]))
    site_points: list[tuple[float, float]] = []
    if "facilities" in shown or "companies" in shown:
        for site in _rows(data.sites):
            point = (float(site["lon"]), float(site["lat"]))
            is_company = int(site["source_row"]) in company_sites
            if not ("facilities" in shown or is_company):
                continue
            site_points.append(point)
            kind = "company" if is_company else "facility"
            name = map_labels.wrap(str(site["name"]))
            phone = width_px < PHONE_WIDTH_LIMIT  # a phone's map has no room for the status line (legend, tip)
            text = name if is_company or phone else status_label(name, site.get("status"), lang)
            found.append(map_labels.Label(text, [point], sizes[kind], PRIORITY[kind], marker_px=radii.get(point, 0)))
    if "companies" in shown:  # companies at their own coordinates: a lone company's name
        for place in places(data.placed):
            if (place["site"] is not None and not pd.isna(place["site"])) or len(place["companies"]) != 1:
                continue
            point = (place["lon"], place["lat"])
            text = map_labels.wrap(str(place["companies"][0]["company"]))
            found.append(map_labels.Label(text, [point], sizes["company"], PRIORITY["company"], marker_px=radii[point]))
    if "parcels" in shown:
        for parcel, point in parcel_label_spots(data.parcels, site_points):
            text = status_label(map_labels.wrap(str(parcel["name"])), parcel.get("status"), lang)
            found.append(map_labels.Label(text, [point], sizes["parcel"], PRIORITY["parcel"]))
    if "outline" in shown:
        avoid = [(float(lon), float(lat)) for lon, lat in zip(data.sites["lon"], data.sites["lat"], strict=False)]
        for name, spots in road_label_spots(data.roads, avoid):
            found.append(
                map_labels.Label(
                    name,
                    [(lon, lat) for lon, lat, _ in spots],
                    sizes["road"],
                    PRIORITY["road"],
                    angles=[angle for _, _, angle in spots],
                )
            )
    return found


def label_screen(data: MapData, options: MapOptions, width_px: int = MAP_WIDTH_PX) -> map_labels.Screen:
    """The opening view's screen a map `width_px` wide (flat: labels are placed for the view from above)."""
    view = view_state(data, MapOptions(layers=options.layers), width_px)
    return map_labels.Screen(view.longitude, view.latitude, view.zoom, width_px, MAP_HEIGHT_PX)


def label_rows(
    data: MapData, options: MapOptions, company_sites: set[int], lang: str = "ko", width_px: int = MAP_WIDTH_PX
) -> list[dict[str, object]]:
    """The names drawn: `label_candidates` placed clear of each other and of the markers on a map `width_px`
    wide (charts.map_labels); a name that fits nowhere is left out (its thing is reachable by click and listed)."""
    if data.bounds is None:
        return []
    screen = label_screen(data, options, width_px)
    obstacles = _obstacles(data, options, company_sites, screen)
    chosen = map_labels.place(label_candidates(data, options, company_sites, lang, width_px), screen, obstacles)
    return [
        {
            "text": p.label.text,
            "lon": p.lon,
            "lat": p.lat,
            "size": p.label.size,
            "offset": [p.offset[0], p.offset[1]],
            "angle": p.angle,
            "priority": p.label.priority,
        }
        for p in chosen
    ]


# ---------------------------------------------------------------------------- base map and view


@dataclass(frozen=True)
class TileSettings:
    """The [map] section of the secrets file: an XYZ tile URL and its attribution, the starting base map, and whether
    Streamlit's own base map (CARTO, fetched from the internet) may be offered at all."""

    url: str | None = None
    attribution: str = ""
    start: str = "none"
    problem: str | None = None  # why a configured URL was not used
    internet: bool = False

    @property
    def modes(self) -> tuple[str, ...]:
        return tuple(m for m in BASEMAPS if (m != "custom" or self.url) and (m != "default" or self.internet))


def tile_settings(config: Row | None) -> TileSettings:
    """Read `[map] tile_url`, `attribution`, `tiles` ("none", "default" or "custom") and `internet_tiles`.

    The city's servers reach no outside host (issue #42): by default the map has no base map at all, or the tile
    server the secrets file names (the city's GIS server, 브이월드). Streamlit's CARTO map, which the browser fetches
    from the internet, is offered only when `internet_tiles = true` or `tiles = "default"` asks for it.
    """
    config = dict(config or {})
    url = str(config.get("tile_url") or "").strip() or None
    attribution = str(config.get("attribution") or "").strip()
    problem = None
    if url is not None:
        lowered = url.lower()
        if not lowered.startswith(("https://", "http://")) or not all(p in url for p in ("{z}", "{x}", "{y}")):
            problem, url = "tile_url", None
    start = str(config.get("tiles") or "").strip().lower()
    internet = config.get("internet_tiles") is True or start == "default"
    if start not in BASEMAPS or (start == "custom" and url is None):
        start = "custom" if url else "default" if internet else "none"
    return TileSettings(url, attribution, start, problem, internet)


def raster_style(url: str, attribution: str) -> str:
    """A MapLibre style with one raster XYZ source, as a data: URL the map can load without a server.

    (deck.gl's TileLayer cannot draw raster tiles from pydeck: it needs a JavaScript `renderSubLayers`.)
    MapLibre shows the attribution as HTML, so it is escaped here.
    """
    style = {
        "version": 8,
        "sources": {
            "city": {
                "type": "raster",
                "tiles": [url],
                "tileSize": 256,
                "maxzoom": 19,
                "attribution": html.escape(attribution, quote=True),
            },
        },
        "layers": [
            {"id": "background", "type": "background", "paint": {"background-color": "#f3f5f9"}},
            {"id": "city", "type": "raster", "source": "city"},
        ],
    }
    return "data:application/json;charset=utf-8," + urllib.parse.quote(json.dumps(style, ensure_ascii=False), safe="")


def attribution_html(text: str) -> str:
    """The tile credit under the map: small grey text, escaped (it comes from the secrets file)."""
    return f'<div style="font-size:0.8rem;color:#5b6675;margin-top:-0.5rem">{html.escape(text)}</div>'


def basemap_kwargs(mode: str, tiles: TileSettings) -> dict[str, object]:
    """pdk.Deck keyword arguments for the base map: Streamlit's CARTO tiles (from the internet), the city's tiles, or
    none."""
    if mode == "custom" and tiles.url:
        return {"map_provider": "carto", "map_style": raster_style(tiles.url, tiles.attribution)}
    if mode == "none":
        return {"map_provider": None}
    return {"map_style": None}  # Streamlit picks its light or dark CARTO style


def view_state(data: MapData, options: MapOptions, width_px: int = MAP_WIDTH_PX) -> pdk.ViewState:
    """The opening view, framing everything drawn in a map `width_px` wide (MAP_WIDTH_PX on a desktop,
    PHONE_MAP_WIDTH_PX on a phone). Each reset nudges it by 1e-9 so the chart applies it again."""
    if data.bounds is None:
        view = {"latitude": 35.233, "longitude": 126.845, "zoom": 14.0}  # never drawn: no data means no map
    else:
        view = fit_view(data.bounds, width_px, MAP_HEIGHT_PX)
    nudge = 1e-9 * (options.reset_count % 2)
    pitch, bearing = (PITCH_3D, BEARING_3D) if options.three_d else (0, 0)
    if options.three_d:
        view["zoom"] -= ZOOM_OUT_3D  # the tilted district and its columns need more room
    return pdk.ViewState(
        latitude=view["latitude"] + nudge,
        longitude=view["longitude"] + nudge,
        zoom=view["zoom"] + nudge,
        pitch=pitch + nudge,
        bearing=bearing + nudge,
        min_zoom=10,
        max_zoom=19,
    )


def build_deck(
    data: MapData,
    lang: str,
    today: dt.date,
    options: MapOptions,
    tiles: TileSettings | None = None,
    width_px: int = MAP_WIDTH_PX,
) -> tuple[pdk.Deck, dict[str, Feature]]:
    """The Deck for `st.pydeck_chart` (its opening view fitted to a map `width_px` wide) and the features its
    layers show, by id."""
    found = features(data, lang, today)
    deck = pdk.Deck(
        layers=build_layers(data, found, options, lang, width_px),
        initial_view_state=view_state(data, options, width_px),
        tooltip=tooltip_template(lang),
        **basemap_kwargs(options.basemap, tiles or TileSettings()),
    )
    return deck, found


def is_phone(user_agent: object) -> bool:
    """Whether a browser is a phone's, by its User-Agent ("Mobi" is in every phone browser's, MDN's advice)."""
    return isinstance(user_agent, str) and "Mobi" in user_agent


def selected_feature(selection: Row | None, found: dict[str, Feature]) -> Feature | None:
    """The feature the reader clicked, from `st.pydeck_chart`'s selection state (None when nothing is)."""
    if not selection:
        return None
    objects = selection.get("objects") if isinstance(selection, Mapping) else None
    if not isinstance(objects, Mapping):
        return None
    for picked in objects.values():
        for obj in picked or []:
            fid = obj.get("id") if isinstance(obj, Mapping) else None
            if isinstance(fid, str) and fid in found:
                return found[fid]
    return None


# ---------------------------------------------------------------------------- legend


def _swatch(color: str, label: str, shape: str = "square", mark: str = "") -> str:
    """A legend key: a colour swatch (with the mark the map writes on the marker, if any) and its label."""
    color = html.escape(color, quote=True)
    radius = "50%" if shape == "circle" else "2px"
    size = 16 if mark else 12
    return (
        f'<span style="display:inline-flex;align-items:center;gap:6px;margin:1px 12px 1px 0;white-space:nowrap">'
        f'<span style="width:{size}px;height:{size}px;border-radius:{radius};background:{color};'
        f"display:inline-flex;align-items:center;justify-content:center;font-size:10px;font-weight:700;"
        f'color:#fff;border:1px solid rgba(0,0,0,.25)">{html.escape(mark)}</span>{html.escape(label)}</span>'
    )


def _symbol(symbol: str, label: str) -> str:
    return (
        f'<span style="display:inline-flex;align-items:center;gap:5px;margin:1px 12px 1px 0;white-space:nowrap">'
        f'<span style="color:{NEUTRAL};font-size:15px;line-height:1">{html.escape(symbol)}</span>{html.escape(label)}</span>'
    )


def _line(color: str, label: str, dashed: bool) -> str:
    style = "dashed" if dashed else "solid"
    width = 2 if dashed else 5
    return (
        f'<span style="display:inline-flex;align-items:center;gap:6px;margin:1px 12px 1px 0;white-space:nowrap">'
        f'<span style="width:22px;border-top:{width}px {style} {html.escape(color, quote=True)};display:inline-block"></span>'
        f"{html.escape(label)}</span>"
    )


def legend_html(data: MapData, options: MapOptions, lang: str) -> str:
    """The legend beside the map (pydeck has none), as HTML with every text escaped."""
    shown = set(options.layers)
    parts: list[str] = []

    def section(title_key: str, items: list[str], **values: object) -> None:
        if items:
            title = html.escape(translate(title_key, lang, **values))
            parts.append(f'<div style="font-weight:600;margin:8px 0 2px">{title}</div><div>{"".join(items)}</div>')

    statuses_present = (
        ("parcels" in shown and data.has_parcels) or ("facilities" in shown and data.has_sites) or options.three_d
    )
    if statuses_present:
        section("map.legend.parcels", [_swatch(STATUS_COLORS[s], _value("map.status", s, lang)) for s in SITE_STATUSES])
    if "facilities" in shown and data.has_sites:
        company_sites = placed_site_rows(data.placed) if "companies" in shown else set()
        drawn = {s["kind"] for s in drawn_facilities(data, options, company_sites)}
        kinds = [k for k in SITE_KINDS if k in drawn]
        section("map.legend.facilities", [_symbol(KIND_SYMBOLS[k], _value("map.kind", k, lang)) for k in kinds])
    if "companies" in shown and not data.placed.empty:
        known = sector_colors()
        ordered = configured_order((str(s) for s in data.placed["sector"].dropna()), known, rest="seen")
        section("map.legend.companies", [_swatch(sector_color(s), s, "circle", sector_mark(s)) for s in ordered])
        if any(len(p["companies"]) > 1 for p in places(data.placed)):
            parts.append(
                f'<div style="color:#5b6675;font-size:0.85em">{html.escape(translate("map.legend.count", lang))}</div>'
            )
        largest = largest_headcount(data)
        if largest:
            size = html.escape(
                translate("map.legend.size", lang, count=fmt.count(largest, translate("unit.people", lang), lang))
            )
            parts.append(f'<div style="color:#5b6675;font-size:0.85em">{size}</div>')
    if "outline" in shown and (not data.outline.empty or not data.roads.empty):
        items = []
        if not data.outline.empty:
            items.append(_line(OUTLINE_COLOR, translate("map.legend.outline", lang), dashed=True))
        if not data.roads.empty:
            items.append(_line(ROAD_COLOR, translate("map.legend.road", lang), dashed=False))
        parts.append(f'<div style="margin-top:8px">{"".join(items)}</div>')
    if options.three_d:
        _, largest_area = column_scale(data)
        if largest_area:
            text = html.escape(translate("map.legend.columns", lang, area=area_label(largest_area, lang)))
            parts.append(f'<div style="color:#5b6675;font-size:0.85em;margin-top:6px">{text}</div>')
    return f'<div style="font-size:0.9rem;line-height:1.6">{"".join(parts)}</div>'
