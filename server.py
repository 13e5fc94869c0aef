"""The app's server: Streamlit's own ASGI entry (`st.App`) running app.py, plus the endpoints that keep a sign-in in
an HttpOnly cookie across reloads and tabs (auth/web.py) and the security headers on every response
(security_headers.py). Start it with `streamlit run server.py` (`make run`); `streamlit run app.py` still works, with
sign-ins that last for one browser tab and without the headers."""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config

from auth.web import routes
from charts.map import tile_settings
from security_headers import SecurityHeaders, inline_script_hashes, origin, policy, script_hash
from ui import accessible, navigation

# Streamlit's default base map (offered on the map page when the settings allow it) and where it loads from.
CARTO = ("https://basemaps.cartocdn.com", "https://*.basemaps.cartocdn.com")


def _engine():
    from ui.data import get_store

    return get_store().engine


def _map_sources() -> list[str]:
    """The hosts the map page's base maps load from, as the secrets' [map] section sets them up (read at start)."""
    try:
        section = dict(st.secrets.get("map", {}))
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        section = {}
    tiles = tile_settings(section)
    sources = list(CARTO) if "default" in tiles.modes else []
    if tiles.url:  # the city's tile server, through a style the page writes as a data: URL
        sources += [origin(tiles.url), "data:"]
    return sources


def _policy() -> str:
    """Scripts: Streamlit's own inline one (its index.html) and the app's (fixed bodies, by their hashes)."""
    index_html = Path(st.__file__).parent / "static" / "index.html"
    hashes = inline_script_hashes(index_html.read_text(encoding="utf-8"))
    hashes += [script_hash(body) for body in (*accessible.INLINE_SCRIPTS, *navigation.INLINE_SCRIPTS)]
    return policy(hashes, _map_sources())


app = st.App(
    "app.py",
    routes=routes(_engine, config.get_option("server.baseUrlPath") or ""),
    middleware=[Middleware(SecurityHeaders, csp=_policy())],
)
