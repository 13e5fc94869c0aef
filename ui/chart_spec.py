"""Chart specs built once per distinct input and shared by every session.

Altair's schema validation (`to_dict`) costs more than everything else in a page rerun, so pages draw
`chart_spec(charts.jobs.new_hires_chart, ...)` (the builder itself, so a type checker sees its arguments) instead of
building the Altair chart on every run.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, ParamSpec

import altair as alt
import streamlit as st

from present.chart_png import page_spec

P = ParamSpec("P")


def chart_spec(builder: Callable[P, alt.TopLevelMixin], *args: P.args, **kwargs: P.kwargs) -> dict[str, Any]:
    """The Vega-Lite spec of `builder(*args, **kwargs)`, a chart builder of `charts/`, cached by the builder's name
    and the arguments."""
    return _cached_spec(builder.__module__, builder.__name__, *args, **kwargs)


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_spec(module: str, builder: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    return page_spec(getattr(importlib.import_module(module), builder)(*args, **kwargs))
