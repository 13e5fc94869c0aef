"""지도: the Cheomdan 3 district — parcels by status, facilities by kind, companies by sector and headcount."""

import pandas as pd
import streamlit as st

from auth.roles import Page
from charts import map as map_chart
from loaders.contract import SITE_STATUSES
from metrics.map_layers import map_data
from metrics.ordering import configured_order, positions
from present import clock
from present import format as fmt
from present.i18n import value_label
from ui.export import download_xlsx_button
from ui.i18n import t
from ui.page import dataset_label, page_setup

ctx = page_setup("nav.map", Page.MAP)
lang = ctx.lang
sites = ctx.frame("sites")
parcels = ctx.frame("parcels")

if sites is None or sites.empty:
    st.info(t("map.sites_empty"), icon=":material/info:")
if parcels is None or parcels.empty:
    st.caption(t("map.parcels_empty"))
data = map_data(parcels, sites, ctx.frame("jobs"), ctx.frame("companies"))
if data.bounds is None:
    st.info(t("map.nothing"))
    st.stop()


def secrets_map_section() -> dict:
    """The [map] section of the secrets file (empty without a secrets file or section)."""
    try:
        return dict(st.secrets.get("map", {}))
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return {}


tiles = map_chart.tile_settings(secrets_map_section())
if tiles.problem:
    st.warning(t("map.tiles_invalid"), icon=":material/warning:")

# Controls -----------------------------------------------------------------------------------------------------
st.session_state.setdefault("map_reset_count", 0)


def reset_view() -> None:
    st.session_state["map_reset_count"] += 1


col_layers, col_basemap = st.columns([5.4, 2.6], vertical_alignment="bottom")
chosen_layers = col_layers.pills(
    t("map.layers"),
    map_chart.LAYERS,
    selection_mode="multi",
    default=list(map_chart.LAYERS),
    format_func=lambda name: t(f"map.layer.{name}"),
    key="map_layers",
)
basemap = (
    col_basemap.segmented_control(
        t("map.basemap"),
        tiles.modes,
        default=tiles.start,
        format_func=lambda mode: t(f"map.basemap.{mode}"),
        help=t("map.basemap_help"),
        key="map_basemap",
    )
    or tiles.start
)
three_d = st.session_state.get("map_3d", False)  # the toggle itself sits beside the map

options = map_chart.MapOptions(
    layers=tuple(chosen_layers or ()), three_d=three_d, basemap=basemap, reset_count=st.session_state["map_reset_count"]
)
# One deck per page (#26: two decks repeat deck.gl's element ids). Streamlit cannot tell Python the screen's width,
# so the browser's own word decides: a phone's browser says "Mobi" in its User-Agent and gets the deck framed and
# labelled for a 390-px screen; every other screen gets the desktop's.
phone = map_chart.is_phone(st.context.headers.get("User-Agent"))
width_px = map_chart.PHONE_MAP_WIDTH_PX if phone else map_chart.MAP_WIDTH_PX
deck, found = map_chart.build_deck(data, lang, clock.today(), options, tiles, width_px=width_px)

# Map and, beside it, the selection, the legend and the companies that have no place on it -------------------
st.space("small")  # room for the chart's toolbar (clear selection, full screen) above its corner
col_map, col_side = st.columns([7, 3], gap="medium")
with col_map:
    state = st.pydeck_chart(
        deck,
        on_select="rerun",
        selection_mode="single-object",
        key="map_deck",
        height=map_chart.MAP_HEIGHT_PX,
        alt=t("map.alt"),
    )
    if basemap == "custom" and tiles.attribution:  # the map's own credit line folds away on narrow screens
        st.html(map_chart.attribution_html(t("map.attribution", attribution=tiles.attribution)))

with col_side:
    st.button(
        t("map.reset"), icon=":material/center_focus_strong:", on_click=reset_view, key="map_reset", width="stretch"
    )
    st.toggle(t("map.three_d"), help=t("map.three_d_help"), key="map_3d")
    feature = map_chart.selected_feature(state.get("selection") if state else None, found)
    with st.container(border=True, key="map_detail"):
        st.markdown(f"**{t('map.detail.title')}**")
        if feature is None:
            st.caption(t("map.detail.none"))
        else:
            st.caption(t(f"map.detail.kind.{feature.kind}"))
            st.text(feature.title)  # data: plain text, never Markdown or HTML
            st.text(
                "\n".join(f"{label}: {value}" if label else value for label, value in feature.fields + feature.more)
            )
            key = {"parcels": "map.detail.source_feature"}
            sources = " · ".join(
                t(key.get(dataset, "map.detail.source_row"), dataset=dataset_label(dataset), row=f"{row:,}")
                for dataset, row in feature.sources
            )
            st.caption(t("map.detail.source", sources=sources))
    st.markdown(f"**{t('map.legend')}**")
    st.html(map_chart.legend_html(data, options, lang))

    unplaced = data.unplaced
    st.markdown(
        f"**{t('map.unplaced', count=fmt.count(len(unplaced), t('unit.companies'), lang))}**",
        help=t("map.unplaced_help"),
    )
    if unplaced.empty:
        st.caption(t("map.unplaced.none"))
    else:
        table = pd.DataFrame(
            {
                t("map.unplaced.company"): unplaced["company"],
                t("map.unplaced.reason"): [
                    t(f"map.unplaced.reason.{r}", given=g)
                    for r, g in zip(unplaced["reason"], unplaced["given"], strict=True)
                ],
                t("map.unplaced.todo"): [t(f"map.unplaced.todo.{r}") for r in unplaced["reason"]],
                t("map.unplaced.sector"): unplaced["sector"],
                t("map.unplaced.headcount"): unplaced["headcount"],
                t("map.unplaced.stage"): unplaced["stage"],
            }
        ).sort_values(t("map.unplaced.headcount"), ascending=False, na_position="last")
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            height=280,
            key="map_unplaced",
            column_config={t("map.unplaced.headcount"): st.column_config.NumberColumn(format="%,d")},
        )
        download_xlsx_button(table, "map_unplaced", t("map.unplaced.company"), t("export.download"))


# The map as text (accessibility, #17): the sites and parcels it draws, by status, for whoever cannot see the map.
listed = pd.concat(
    [
        pd.DataFrame(
            {
                "layer": t("map.detail.kind.facility"),
                "name": data.sites["name"],
                "kind": data.sites["kind"],
                "status": data.sites["status"],
                "area": data.sites["area_m2"],
            }
        ),
        pd.DataFrame(
            {
                "layer": t("map.detail.kind.parcel"),
                "name": data.parcels["name"],
                "kind": data.parcels["kind"],
                "status": data.parcels["status"],
                "area": data.parcels["area_m2"],
            }
        ),
    ],
    ignore_index=True,
)
if not listed.empty:
    with st.expander(t("map.list.title")):
        # 계획 → 공사중 → 준공 → 운영, then other statuses alphabetically, rows without a status last
        order = positions(configured_order(listed["status"], SITE_STATUSES))
        listed = listed.assign(order=listed["status"].map(order)).sort_values(
            ["order", "layer", "name"], na_position="last", kind="stable"
        )
        st.dataframe(
            pd.DataFrame(
                {
                    t("map.field.status"): [value_label("map.status", v, lang) for v in listed["status"]],
                    t("map.list.layer"): listed["layer"],
                    t("map.list.name"): listed["name"].astype("string"),
                    t("map.field.kind"): [value_label("map.kind", v, lang) for v in listed["kind"]],
                    t("map.field.area"): pd.to_numeric(listed["area"], errors="coerce"),
                }
            ),
            hide_index=True,
            width="stretch",
            key="map_list",
            column_config={t("map.field.area"): st.column_config.NumberColumn(format="%,d ㎡")},
        )
