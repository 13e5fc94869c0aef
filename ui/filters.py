"""Dashboard filters that persist across pages and live in the URL, so a link reproduces the view.

Each filter has a stable name (its URL query parameter) and a session-state key `filters.<name>`:

- The URL wins when it names the filter (an opened link, or `st.page_link(..., query_params=...)`); otherwise the
  value remembered in session state is used, so a filter survives going to another page and back.
- Widgets are drawn under page-specific keys (e.g. "budget_year"). Their change callback writes the new value both
  to session state and to `st.query_params`, so the two never disagree.
- Lists are written to the URL as comma-separated values (a comma inside a value is escaped as "\\,").
  Only this module's parameters are touched; other parameters (e.g. `lang`) are left alone.

The parsing and serialising functions at the top are pure and unit-tested; the Streamlit part is below them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from . import text as say

STATE_PREFIX = "filters."
ALL = "__all__"  # the "전체" option of single-choice widgets (None in session state)


@dataclass(frozen=True)
class FilterSpec:
    name: str  # URL query parameter and the suffix of the session-state key
    kind: type = str  # int or str
    multi: bool = False  # a list of values (empty: no filter) or one value (None: no filter)


FILTERS: dict[str, FilterSpec] = {
    spec.name: spec
    for spec in (
        FilterSpec("phase", int),
        FilterSpec("year", int),
        FilterSpec("strategy", str),
        FilterSpec("program", str, multi=True),
        FilterSpec("source", str, multi=True),
    )
}


# --- pure parts ---------------------------------------------------------------------------------------------


def split_list(raw: str) -> list[str]:
    """Split on commas not preceded by a backslash; "\\," is a comma inside a value, "\\\\" a backslash."""
    items, current, chars = [], [], iter(raw)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            current.append(nxt if nxt in (",", "\\") else ch + nxt)
        elif ch == ",":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return items


def join_list(values: Sequence[str]) -> str:
    """The inverse of split_list."""
    return ",".join(str(v).replace("\\", "\\\\").replace(",", "\\,") for v in values)


def _convert(text: str, kind: type) -> Any:
    text = text.strip()
    if not text:
        return None
    if kind is int:
        try:
            return int(text)
        except ValueError:
            return None
    return text


def parse_param(raw: str | Sequence[str] | None, spec: FilterSpec) -> Any:
    """A query parameter's value(s) as the filter's value: None / [] when absent or unreadable.

    Lists accept comma-separated values and repeated parameters; duplicates and unreadable items are dropped.
    A single-value filter takes the last readable value.
    """
    if raw is None:
        return [] if spec.multi else None
    raws = [raw] if isinstance(raw, str) else list(raw)
    if spec.multi:
        values: list[Any] = []
        for one in raws:
            for item in split_list(one):
                value = _convert(item, spec.kind)
                if value is not None and value not in values:
                    values.append(value)
        return values
    for one in reversed(raws):
        value = _convert(one, spec.kind)
        if value is not None:
            return value
    return None


def serialise(value: Any, spec: FilterSpec) -> str | None:
    """The filter's value as a query parameter string; None means "leave the parameter out"."""
    if spec.multi:
        values = list(value or [])
        return join_list([str(v) for v in values]) if values else None
    return None if value is None else str(value)


def clean(value: Any, options: Sequence[Any], spec: FilterSpec) -> Any:
    """Keep only values among `options` (in the URL's order for lists); None/[] when nothing is left."""
    if spec.multi:
        return [v for v in (value or []) if v in options]
    return value if value in options else None


# --- Streamlit part -----------------------------------------------------------------------------------------


def state_key(name: str) -> str:
    return STATE_PREFIX + name


def _from_url(spec: FilterSpec) -> Any:
    if spec.name not in st.query_params:
        return None
    return parse_param(st.query_params.get_all(spec.name), spec)


def current(name: str) -> Any:
    """The filter's value for this run: from the URL when it names the filter, else from session state."""
    spec = FILTERS[name]
    from_url = _from_url(spec)
    if from_url is not None and (from_url != [] or spec.multi):
        return from_url
    return st.session_state.get(state_key(name), [] if spec.multi else None)


def set_value(name: str, value: Any) -> None:
    """Set a filter (also from callbacks, e.g. a chart click): session state and URL together."""
    spec = FILTERS[name]
    value = list(value or []) if spec.multi else value
    st.session_state[state_key(name)] = value
    text = serialise(value, spec)
    if text is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get_all(name) != [text]:
        st.query_params[name] = text


def _on_widget_change(name: str, widget_key: str) -> None:
    value = st.session_state[widget_key]
    if not FILTERS[name].multi and value == ALL:
        value = None
    set_value(name, value)


def select_one(
    name: str,
    options: Sequence[Any],
    label: str,
    widget_key: str,
    *,
    default: Any = None,
    all_label: str | None = None,
    format_func: Callable[[Any], str] = str,
    container: Any = None,
    help: str | None = None,
) -> Any:
    """A selectbox for a single-value filter. With `all_label`, an "all" option comes first and stands for
    None (no filter). Returns the value in force (None for all); the value is also written to the URL."""
    spec = FILTERS[name]
    value = clean(current(name), options, spec)
    if value is None and all_label is None:
        value = default if default in options else (options[0] if options else None)
    choices = ([ALL] if all_label is not None else []) + list(options)
    st.session_state[widget_key] = ALL if value is None else value
    (container or st.sidebar).selectbox(
        label,
        choices,
        key=widget_key,
        format_func=lambda v: str(all_label) if v == ALL else format_func(v),  # (ALL is offered only with a label)
        on_change=_on_widget_change,
        args=(name, widget_key),
        help=say.label(help),
    )
    set_value(name, value)
    return value


def select_many(
    name: str,
    options: Sequence[Any],
    label: str,
    widget_key: str,
    *,
    placeholder: str | None = None,
    format_func: Callable[[Any], str] = str,
    container: Any = None,
    help: str | None = None,
) -> list[Any]:
    """A multiselect for a list filter (empty: no filter). Returns the values in force, also written to the URL."""
    spec = FILTERS[name]
    value = clean(current(name), options, spec)
    st.session_state[widget_key] = value
    (container or st.sidebar).multiselect(
        label,
        list(options),
        key=widget_key,
        format_func=format_func,
        placeholder=placeholder,
        on_change=_on_widget_change,
        args=(name, widget_key),
        help=say.label(help),
    )
    set_value(name, value)
    return value
