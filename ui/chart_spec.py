"""Chart specs built once per distinct input and shared by every session.

Altair's schema validation (`to_dict`) costs more than everything else in a page rerun, so pages draw
`st.vega_lite_chart(chart_spec(module, "builder", ...))` instead of building the Altair chart on every run.
"""

from __future__ import annotations

import importlib

import streamlit as st

ALTAIR_DEFAULT_CONFIG = {"view": {"continuousWidth": 300, "continuousHeight": 300}}


@st.cache_data(show_spinner=False, max_entries=1024)
def chart_spec(module: str, builder: str, *args, **kwargs) -> dict:
    """The Vega-Lite spec of `charts.<module>.<builder>(*args, **kwargs)`."""
    chart = getattr(importlib.import_module(f"charts.{module}"), builder)(*args, **kwargs).to_dict()
    if chart.get("config") == ALTAIR_DEFAULT_CONFIG:
        del chart["config"]  # Altair's default theme; Streamlit's own theme applies instead
    return chart
