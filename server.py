"""The app's server: Streamlit's own ASGI entry (`st.App`) running app.py, plus the two endpoints that keep a
sign-in in an HttpOnly cookie across reloads and tabs (auth/web.py). Start it with `streamlit run server.py`
(`make run`); `streamlit run app.py` still works, with sign-ins that last for one browser tab."""

import streamlit as st
from streamlit import config

from auth.web import routes


def _engine():
    from ui.data import get_store

    return get_store().engine


app = st.App("app.py", routes=routes(_engine, config.get_option("server.baseUrlPath") or ""))
