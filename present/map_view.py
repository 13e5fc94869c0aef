"""The district map as a view-model: what the map page (views/map.py) shows, built from `metrics.map_layers` and
`charts.map` in the reader's language.

Streamlit-free and picklable, so the page builds each part once per data version, selection, language and device
kind for every viewer (`ui.shared`) and a rerun only draws it (issue #23). Parts, in the page's order:

- `base_view`: whether anything can be drawn, the companies without a place on the map and the map as text (#17);
  it depends on the data and the language only;
- `deck_view`: the pydeck Deck (framed for a desktop's or a phone's map width), the features its layers show by id
  (what a click selects) and the legend, for the chosen layers, 3D, base map and view resets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk

from charts import map as map_chart
from loaders.contract import SITE_STATUSES
from metrics.map_layers import map_data
from metrics.ordering import configured_order, positions
from present.agreements_view import without_site_table
from present.i18n import translate, value_label


@dataclass
class MapBase:
    """What the page shows whatever the controls say."""

    drawable: bool  # False: nothing has a place on the map (no parcel, no site, no company placed)
    unplaced: int  # companies without a place on the map
    unplaced_table: pd.DataFrame  # …by headcount, largest first, in the reader's language (empty: none)
    listed: pd.DataFrame  # the sites and parcels drawn, by status (empty: none)
    # investment agreements whose company has no place on the map: listed, not placed (issue #35; None: no data)
    agreements_unplaced: pd.DataFrame | None = None


@dataclass
class MapDeck:
    """The map for one choice of layers, 3D, base map, view reset and map width."""

    deck: pdk.Deck
    found: dict[str, map_chart.Feature]  # the features the layers show, by id
    legend: str  # HTML, every text escaped


def _unplaced_table(unplaced: pd.DataFrame, lang: str) -> pd.DataFrame:
    def t(key: str, **values: object) -> str:
        return translate(key, lang, **values)

    return pd.DataFrame(
        {
            t("map.unplaced.company"): unplaced["company"],
            t("map.unplaced.reason"): [
                t(f"map.unplaced.reason.{r}", given=g)
                for r, g in zip(unplaced["reason"], unplaced["given"], strict=True)
            ],
            t("map.unplaced.todo"): [t(f"map.unplaced.todo.{r}") for r in unplaced["reason"]],
            t("map.unplaced.sector"): unplaced["sector"],
            t("map.unplaced.headcount"): unplaced["headcount"],
            t("map.unplaced.stage"): [
                map_chart.company_stage({str(k): v for k, v in row.items()}, lang)
                for row in unplaced.to_dict("records")
            ],
        }
    ).sort_values(t("map.unplaced.headcount"), ascending=False, na_position="last")


def _listed(sites: pd.DataFrame, parcels: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The map as text: its sites and parcels, 계획 → 공사중 → 준공 → 운영, then other statuses alphabetically, rows
    without a status last."""
    listed = pd.concat(
        [
            pd.DataFrame(
                {
                    "layer": translate(f"map.detail.kind.{kind}", lang),
                    "name": frame["name"],
                    "kind": frame["kind"],
                    "status": frame["status"],
                    "area": frame["area_m2"],
                }
            )
            for kind, frame in (("facility", sites), ("parcel", parcels))
        ],
        ignore_index=True,
    )
    if listed.empty:
        return pd.DataFrame()
    order = positions(configured_order(listed["status"], SITE_STATUSES))
    listed = listed.assign(order=listed["status"].map(order)).sort_values(
        ["order", "layer", "name"], na_position="last", kind="stable"
    )
    return pd.DataFrame(
        {
            translate("map.field.status", lang): [value_label("map.status", v, lang) for v in listed["status"]],
            translate("map.list.layer", lang): listed["layer"],
            translate("map.list.name", lang): listed["name"].astype("string"),
            translate("map.field.kind", lang): [value_label("map.kind", v, lang) for v in listed["kind"]],
            translate("map.field.area", lang): pd.to_numeric(listed["area"], errors="coerce"),
        }
    )


def base_view(
    parcels: pd.DataFrame | None,
    sites: pd.DataFrame | None,
    jobs: pd.DataFrame | None,
    companies: pd.DataFrame | None,
    lang: str,
    agreements: pd.DataFrame | None = None,
    selections: pd.DataFrame | None = None,
) -> MapBase:
    """What the map page shows beside and under the map, whatever the controls say."""
    data = map_data(parcels, sites, jobs, companies, agreements, selections)
    return MapBase(
        drawable=data.bounds is not None,
        unplaced=len(data.unplaced),
        unplaced_table=_unplaced_table(data.unplaced, lang),
        listed=_listed(data.sites, data.parcels, lang),
        agreements_unplaced=without_site_table(agreements, list(data.placed["company"]), lang),
    )


def deck_view(
    parcels: pd.DataFrame | None,
    sites: pd.DataFrame | None,
    jobs: pd.DataFrame | None,
    companies: pd.DataFrame | None,
    lang: str,
    today: dt.date,
    layers: tuple[str, ...],
    three_d: bool,
    basemap: str,
    reset_count: int,
    tile_url: str | None,
    attribution: str,
    width_px: int,
    agreements: pd.DataFrame | None = None,
    selections: pd.DataFrame | None = None,
) -> MapDeck:
    """The map's Deck, features and legend for one choice of the controls (simple arguments: a cheap key)."""
    data = map_data(parcels, sites, jobs, companies, agreements, selections)
    options = map_chart.MapOptions(layers=layers, three_d=three_d, basemap=basemap, reset_count=reset_count)
    tiles = map_chart.TileSettings(url=tile_url, attribution=attribution)
    deck, found = map_chart.build_deck(data, lang, today, options, tiles, width_px=width_px)
    return MapDeck(deck=deck, found=found, legend=map_chart.legend_html(data, options, lang))
