"""지도: the Cheomdan 3 district — parcels by status, facilities by kind, companies by sector and headcount.
The map's layers, placement, deck and tables are view-models of `present.map_view`, built once per data version,
selection, language and device kind for every viewer (`ctx.shared`), and drawn here."""

import streamlit as st

import clock
from auth.roles import Page
from charts import map as map_chart
from present import format as fmt
from present import map_view as view
from ui import text as say
from ui.export import download_xlsx_button
from ui.i18n import t
from ui.page import dataset_label, page_setup

ctx = page_setup("nav.map", Page.MAP)
lang = ctx.lang
sites = ctx.frame("sites")
parcels = ctx.frame("parcels")

if sites is None or sites.empty:
    say.info(t("map.sites_empty"), icon=":material/info:")
if parcels is None or parcels.empty:
    say.caption(t("map.parcels_empty"))
jobs, companies = ctx.frame("jobs"), ctx.frame("companies")
agreements, selections = ctx.frame("agreements"), ctx.frame("selections")
base = ctx.shared(view.base_view, parcels, sites, jobs, companies, lang, agreements, selections)
if not base.drawable:
    say.info(t("map.nothing"))
    st.stop()


def secrets_map_section() -> dict:
    """The [map] section of the secrets file (empty without a secrets file or section)."""
    try:
        return dict(st.secrets.get("map", {}))
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return {}


tiles = map_chart.tile_settings(secrets_map_section())
if tiles.problem:
    say.warning(t("map.tiles_invalid"), icon=":material/warning:")

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
        help=say.label(t("map.basemap_help")),
        key="map_basemap",
    )
    or tiles.start
)
three_d = st.session_state.get("map_3d", False)  # the toggle itself sits beside the map

# One deck per page (#26: two decks repeat deck.gl's element ids). Streamlit cannot tell Python the screen's width,
# so the browser's own word decides: a phone's browser says "Mobi" in its User-Agent and gets the deck framed and
# labelled for a 390-px screen; every other screen gets the desktop's.
phone = map_chart.is_phone(st.context.headers.get("User-Agent"))
width_px = map_chart.PHONE_MAP_WIDTH_PX if phone else map_chart.MAP_WIDTH_PX
shown = ctx.shared(
    view.deck_view,
    parcels,
    sites,
    jobs,
    companies,
    lang,
    clock.today(),
    tuple(chosen_layers or ()),
    three_d,
    basemap,
    st.session_state["map_reset_count"],
    tiles.url,
    tiles.attribution,
    width_px,
    agreements,
    selections,
)

# Map and, beside it, the selection, the legend and the companies that have no place on it -------------------
st.space("small")  # room for the chart's toolbar (clear selection, full screen) above its corner
col_map, col_side = st.columns([7, 3], gap="medium")
with col_map:
    state = st.pydeck_chart(
        shown.deck,
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
    st.toggle(t("map.three_d"), help=say.label(t("map.three_d_help")), key="map_3d")
    feature = map_chart.selected_feature(state.get("selection") if state else None, shown.found)
    with st.container(border=True, key="map_detail"):
        say.text(say.bold(t("map.detail.title")))
        if feature is None:
            say.caption(t("map.detail.none"))
        else:
            say.caption(t(f"map.detail.kind.{feature.kind}"))
            st.text(feature.title)  # data: plain text, never Markdown or HTML
            st.text(
                "\n".join(f"{label}: {value}" if label else value for label, value in feature.fields + feature.more)
            )
            key = {"parcels": "map.detail.source_feature"}
            sources = " · ".join(
                t(key.get(dataset, "map.detail.source_row"), dataset=dataset_label(dataset), row=f"{row:,}")
                for dataset, row in feature.sources
            )
            say.caption(t("map.detail.source", sources=sources))
    say.text(say.bold(t("map.legend")))
    st.html(shown.legend)

    say.text(
        f"**{t('map.unplaced', count=fmt.count(base.unplaced, t('unit.companies'), lang))}**",
        help=say.label(t("map.unplaced_help")),
    )
    if base.unplaced == 0:
        say.caption(t("map.unplaced.none"))
    else:
        table = base.unplaced_table
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            height=280,
            key="map_unplaced",
            column_config={t("map.unplaced.headcount"): st.column_config.NumberColumn(format="%,d")},
        )
        download_xlsx_button(
            table,
            "map_unplaced",
            t("map.unplaced.company"),
            t("export.download"),
            contains=("companies.company", "companies.address", "jobs.headcount"),
        )
    if base.agreements_unplaced is not None:  # investment agreements without a site: listed, not placed (#35)
        say.text(
            say.bold(t("agreements.map.title", n=f"{len(base.agreements_unplaced):,}")),
            help=t("agreements.map.caption"),
        )
        if not base.agreements_unplaced.empty:
            st.dataframe(base.agreements_unplaced, hide_index=True, width="stretch", height=240, key="map_agreements")


# The map as text (accessibility, #17): the sites and parcels it draws, by status, for whoever cannot see the map.
if not base.listed.empty:
    with say.expander(t("map.list.title")):
        st.dataframe(
            base.listed,
            hide_index=True,
            width="stretch",
            key="map_list",
            column_config={t("map.field.area"): st.column_config.NumberColumn(format="%,d ㎡")},
        )
