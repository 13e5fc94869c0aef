"""부진 사유와 대책 beside the lagging figures (issue #24): the list every reader sees, and the small form staff use
to write one programme's 사유·대책 (a save is a new version of the `reasons` dataset, like an upload).

Pages call `show_reasons(...)` with the lagging programmes they already show; the list is one escaped HTML block
(text exactly as written, wrapping on a phone), the form appears only to staff and admins.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from auth.roles import Role
from auth.session import authorize, is_allowed
from loaders.contract import REASON_STATUSES
from loaders.load import load_file
from metrics import reasons as m
from present import format as fmt
from present import reasons as present
from present.list_html import PAGE, list_html, page_entries

from .data import dataset_frame, get_store
from .export import show_table
from .i18n import t
from .page import PageContext
from .shared import StoredRows


def show_reasons(
    context: PageContext,
    lagging: pd.DataFrame,
    month: dt.date,
    today: dt.date,
    key: str,
    limit: int | None = None,
    table: bool = False,
) -> pd.DataFrame:
    """The lagging programmes (`program`, and `rate`/`gap` when known) with their latest 사유·대책; the staff form
    under them. Returns the `metrics.reasons.reasons_for` rows shown. The text is made once per data version for
    every session (`present.reasons.reasons_view`)."""
    lang = context.lang
    version = context.versions.get("reasons")
    known = "rate" in lagging and "gap" in lagging
    view = context.shared(
        present.reasons_view,
        tuple(lagging["program"]),
        tuple(lagging["rate"]) if known else None,
        tuple(lagging["gap"]) if known else None,
        None if version is None else StoredRows(version),
        month,
        today,
        lang,
        limit,
        table,
    )
    if view.rows.empty:
        st.caption(t("reasons.none"))
    else:
        st.caption(t("reasons.counts", count=len(view.rows), missing=view.missing, overdue=view.overdue))
        st.html(list_html(page_entries(view.items), PAGE))
        if view.table is not None:
            with st.expander(t("reasons.table")):
                show_table(
                    view.table,
                    key=f"{key}_table",
                    contains=("reasons",),
                    sheet_name=t("reasons.sheet"),
                    download_label=t("reasons.download"),
                    file_name=f"{t('reasons.file')}.xlsx",
                )
    if is_allowed(Role.STAFF):
        reasons_form(list(lagging["program"].astype(str)), month, lang, key)
    return view.rows


def reasons_form(programs: list[str], month: dt.date, lang: str, key: str) -> None:
    """One programme's 사유·대책 for `month`, saved as a new version of the dataset (staff only)."""
    flash = st.session_state.pop(f"{key}_saved", None)
    if flash:
        st.success(flash, icon=":material/check:")
    if not programs:
        return
    with st.expander(t("reasons.form.open"), icon=":material/edit_note:"):
        st.caption(t("reasons.form.help"))
        current = dataset_frame("reasons")
        with st.form(key=f"{key}_form", clear_on_submit=False, enter_to_submit=False):
            program = st.selectbox(t("reasons.form.program"), programs, key=f"{key}_program")
            st.text_input(t("reasons.form.month"), fmt.month_label(month, lang), disabled=True, key=f"{key}_month")
            reason = st.text_area(t("reasons.form.reason"), key=f"{key}_reason", max_chars=1000)
            action = st.text_area(t("reasons.form.action"), key=f"{key}_action", max_chars=1000)
            department = st.text_input(t("reasons.form.department"), key=f"{key}_department", max_chars=100)
            due = st.date_input(t("reasons.form.due"), value=None, key=f"{key}_due")
            status = st.radio(
                t("reasons.form.status"),
                REASON_STATUSES,
                format_func=lambda s: present.status_label(s, lang),
                horizontal=True,
                key=f"{key}_status",
            )
            submitted = st.form_submit_button(
                t("reasons.form.save"), type="primary", icon=":material/save:", key=f"{key}_save"
            )
        if not submitted:
            return
        if not reason.strip() or not action.strip():
            st.error(t("reasons.form.required"))
            return
        actor = authorize("import")
        entry = m.Entry(str(program), month, reason.strip(), action.strip(), department.strip(), due, status)
        data = present.month_file(m.with_entry(current, entry))
        result = load_file(data, present.file_name(month), "reasons")
        if not result.ok:
            st.error(t("reasons.form.refused", error="; ".join(str(p) for p in result.errors[:3])))
            return
        try:
            version = get_store().save_version(
                result, data, user=actor.actor, note=t("reasons.form.note", program=program)
            )
        except Exception as error:
            st.error(t("reasons.form.refused", error=error))
            return
        st.session_state[f"{key}_saved"] = t(
            "reasons.form.saved", program=program, month=fmt.month_label(month, lang), number=version.number
        )
        st.rerun()


def reasons_month(year: int, as_of: dt.date) -> dt.date:
    """The month a year's lagging list speaks for: the data's month for the current year, else December."""
    return as_of.replace(day=1) if year == as_of.year else dt.date(year, 12, 1)
