"""The accounts page's changes: make one, rerun, and show its outcome (a flash) in the tab it was made in.

A change's widgets are reset before they are drawn again (Streamlit forbids changing a drawn widget's value), so
the resets ride along with the flash into the next run."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from auth.directory import STORE_ERRORS, AccountError, Change
from present.accounts import Flash, done_flash, refused_flash, store_failed_flash

from .i18n import t

FLASH = "accounts_flash"  # the outcomes to show after the rerun (present.accounts.Flash)
RESET = "accounts_reset"  # widget keys to reset before the widgets are drawn: "" for text, None to forget
ICONS = {
    "success": ":material/check_circle:",
    "error": ":material/error:",
    "info": ":material/info:",
    "warning": ":material/warning:",
}


def take_flashes() -> list[Flash]:
    """At the top of the page: reset what the last change asked to, and take the outcomes it left to show."""
    for key, value in st.session_state.pop(RESET, {}).items():
        if value is None:
            st.session_state.pop(key, None)
        else:
            st.session_state[key] = value
    return st.session_state.pop(FLASH, [])


def show_flashes(flashes: list[Flash], where: str) -> None:
    for flash in flashes:
        if flash["where"] == where:
            kind = flash["kind"]
            getattr(st, kind)(t(flash["key"], **flash["values"]), icon=ICONS[kind])


def apply(
    where: str,
    change: Callable[[], Change],
    lang: str,
    reset_on_success: Mapping[str, object],
    reset_always: Mapping[str, object],
) -> None:
    """Make the change (its actor authorized by the caller just before; the directory writes it with its audit
    entry) and rerun with the outcome to show in tab `where`. A refusal writes nothing."""
    try:
        done = change()
    except AccountError as error:
        outcome = refused_flash(where, error)
    except STORE_ERRORS as error:
        outcome = store_failed_flash(where, error)
    else:
        outcome = done_flash(where, done, lang)
        reset_always = {**reset_always, **reset_on_success}
    st.session_state[FLASH] = [outcome]
    st.session_state[RESET] = dict(reset_always)
    st.rerun()
