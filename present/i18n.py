"""The interface's one message catalogue: Korean first, English complete.

Messages live in `present/messages/<area>.py` as `MESSAGES = {key: (korean, english)}`; keys are unique
across areas. No Streamlit here: the session's language (the `lang` URL parameter or the sidebar control) and the
pages' shorthand `t()` are in `ui.i18n`.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Any

from pandas import isna

from . import messages

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"
LANGUAGE_KEY = "lang"  # session_state key and URL query parameter


@cache
def catalogue() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for module in pkgutil.iter_modules(messages.__path__):
        area = importlib.import_module(f"{messages.__name__}.{module.name}")
        for key, texts in area.MESSAGES.items():
            if key in merged:
                raise KeyError(f"message key {key!r} defined twice (present/messages/{module.name}.py)")
            merged[key] = texts
    return merged


def translate(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The message for `key` in `lang`, with `{name}` placeholders filled from `values`."""
    korean, english = catalogue()[key]
    text = english if lang == "en" else korean
    return text.format(**values) if values else text


def value_label(kind: str, value: Any, lang: str = DEFAULT_LANGUAGE) -> Any:
    """A configured or data value in `lang` when the catalogue knows it under "<kind>.<value>" (a K-Unicorn
    stage, a strategy, an event kind), else the value as written: data stays as the file has it, and a missing
    value stays missing."""
    if isna(value):
        return value
    try:
        return translate(f"{kind}.{value}", lang)
    except KeyError:
        return str(value)


def phase_label(number: int, name: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A programme phase: its configured name in Korean ("1단계"), "Phase 1" in English."""
    return translate("phase.label", lang, name=name, number=number)
