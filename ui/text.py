"""The one way pages put text on screen (issue #37): every Streamlit element that reads its text as Markdown, with
the text escaped first (`present.safe_text`), so a sentence of ours or a value from a file shows exactly as written.
Text whose markup is meant is a `present.safe_text.Markdown` (built with `markdown()`, `bold()`, `bullets()`), and
passes as it is. Pages call these instead of `st.markdown`, `st.caption`, `st.info` … (an architecture test
enforces it); each takes the same arguments as the Streamlit function it wraps, drawn on `st` or on the `place` given (a
column, a container)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from present.i18n import translate
from present.safe_text import Markdown, bold, bullets, lines, markdown, shown_markdown

from .i18n import current_language

__all__ = [
    "Markdown",
    "bold",
    "bullets",
    "caption",
    "error",
    "expander",
    "info",
    "label",
    "lines",
    "markdown",
    "marked",
    "metric",
    "subheader",
    "success",
    "text",
    "title",
    "toast",
    "warning",
]


def marked(key: str, **values: object) -> Markdown:
    """A catalogue message whose markup is meant ("**{username}** 계정을 지웁니다", a `command` in code type), in
    the session's language, with every value escaped."""
    return markdown(translate(key, current_language()), **values)


def label(value: object) -> Any:
    """A widget's label or help (they are Markdown too): escaped; None (no help) stays None."""
    return None if value is None else Markdown(shown_markdown(value))


def _help(kwargs: dict[str, Any]) -> dict[str, Any]:
    if kwargs.get("help") is not None:
        kwargs["help"] = shown_markdown(kwargs["help"])
    return kwargs


def text(body: object, *, place: Any = st, **kwargs: Any) -> Any:
    """A paragraph (st.markdown)."""
    return place.markdown(shown_markdown(body), **_help(kwargs))


def caption(body: object, *, place: Any = st, **kwargs: Any) -> Any:
    return place.caption(shown_markdown(body), **_help(kwargs))


def info(body: object, *, place: Any = st, **kwargs: Any) -> Any:
    return place.info(shown_markdown(body), **kwargs)


def success(body: object, *, place: Any = st, **kwargs: Any) -> Any:
    return place.success(shown_markdown(body), **kwargs)


def warning(body: object, *, place: Any = st, **kwargs: Any) -> Any:
    return place.warning(shown_markdown(body), **kwargs)


def error(body: object, *, place: Any = st, **kwargs: Any) -> Any:
    return place.error(shown_markdown(body), **kwargs)


def toast(body: object, **kwargs: Any) -> Any:
    return st.toast(shown_markdown(body), **kwargs)


def title(body: object, *, place: Any = st, **kwargs: Any) -> Any:
    return place.title(shown_markdown(body), **_help(kwargs))


def subheader(body: object, *, place: Any = st, **kwargs: Any) -> Any:
    return place.subheader(shown_markdown(body), **_help(kwargs))


def expander(heading: object, *, place: Any = st, **kwargs: Any) -> Any:
    return place.expander(shown_markdown(heading), **kwargs)


def metric(name: object, value: Any, delta: Any = None, *, place: Any = st, **kwargs: Any) -> Any:
    """A metric tile: its label, value, delta and help are all Markdown in Streamlit 1.67, so each text is escaped
    (a delta's leading minus, which points its arrow down, is not markup and stays as it is)."""
    value, delta = (shown_markdown(v) if isinstance(v, str) else v for v in (value, delta))
    return place.metric(shown_markdown(name), value, delta, **_help(kwargs))
