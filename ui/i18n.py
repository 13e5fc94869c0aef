"""The session's language and the pages' shorthand `t()`; the catalogue itself is `present.i18n`."""

from __future__ import annotations

import streamlit as st

from present.i18n import DEFAULT_LANGUAGE, LANGUAGE_KEY, LANGUAGES, translate


def current_language() -> str:
    """The language chosen in this session (URL parameter first), Korean by default."""
    chosen = st.session_state.get(LANGUAGE_KEY) or st.query_params.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **values: object) -> str:
    """Shorthand used by pages: the message in the session's language."""
    return translate(key, current_language(), **values)
