"""버전 기록 (staff): every version of a dataset, the original file of each, and rollback (a new version)."""

from functools import partial

import streamlit as st

from auth.roles import Page
from auth.session import authorize, require_role
from loaders import DATASETS
from ui import access
from ui import data_admin as views
from ui.data import Version, get_store
from ui.export import download_xlsx_button
from ui.i18n import t
from ui.page import dataset_label, page_setup

ctx = page_setup("nav.history")
account = require_role(Page.HISTORY.role)
lang = ctx.lang

done = st.session_state.pop("history_flash", None)
if done:
    st.success(t("history.rolled_back", **done), icon=":material/check_circle:")

dataset = st.selectbox(
    t("history.dataset"), list(DATASETS), format_func=dataset_label, key=views.language_key("history_dataset", lang)
)
label = dataset_label(dataset)
store = get_store()
versions = store.versions(dataset)  # newest first, read on every run
if not versions:
    st.info(t("history.none", dataset=label))
    st.stop()

st.caption(t("history.caption"))
versions_rows = views.versions_table(dataset, versions, lang)
st.dataframe(versions_rows, hide_index=True, width="stretch", key="history_table")
download_xlsx_button(versions_rows, f"history_{dataset}", t("nav.history"), t("export.download"))

by_number = {v.number: v for v in versions}
latest = versions[0]


def version_option(number: int) -> str:
    v = by_number[number]
    return t("history.version_option", number=number, when=views.korea_time(v.created_at, lang), who=views.who(v, lang))


number = st.selectbox(
    t("history.select"),
    list(by_number),
    format_func=version_option,
    key=views.language_key(f"history_version_{dataset}", lang),
)
version = by_number[number]
st.markdown(f"**{t('history.detail', number=version.number)}**")
st.dataframe(views.version_totals_table(dataset, version, lang), hide_index=True, width=560, key="history_totals")
st.caption(t("history.sha", sha=version.sha256))


CONFIRMING = "history_confirming"  # (dataset, number) while the confirm dialog is open: it survives full reruns


def close_dialog() -> None:
    st.session_state.pop(CONFIRMING, None)


@st.dialog(t("history.confirm_title"), width="medium", on_dismiss=close_dialog)
def confirm_rollback(target: Version, current: Version) -> None:
    st.markdown(
        t(
            "history.confirm_text",
            dataset=label,
            number=target.number,
            when=views.korea_time(target.created_at, lang),
            who=views.who(target, lang),
            file=target.filename,
            current=current.number,
            new=current.number + 1,
        )
    )
    st.markdown(f"**{t('history.confirm_totals')}**")
    totals = views.totals_comparison(
        dataset,
        current.totals,
        target.totals,
        current.row_count,
        target.row_count,
        lang,
        before_label=t("history.col_now", number=current.number),
        after_label=t("history.col_after_rollback", number=target.number),
    )
    st.dataframe(totals, hide_index=True, width="stretch")
    go, cancel = st.columns(2)
    if go.button(t("history.confirm_button"), type="primary", key="history_confirm", width="stretch"):
        actor = authorize("rollback")
        try:
            new = get_store().rollback(dataset, target.number, user=actor.actor)
        except (LookupError, ValueError) as error:
            st.error(t("history.rollback_failed", error=error))
            return
        close_dialog()
        st.session_state["history_flash"] = {"dataset": label, "restored": target.number, "number": new.number}
        st.rerun()
    if cancel.button(t("history.cancel_button"), key="history_cancel", width="stretch"):
        close_dialog()
        st.rerun()


def original_bytes(chosen: Version) -> bytes:
    return store.original_file(chosen)[1]


download, rollback = st.columns(2)
original_name, original_data = access.original_download(version, partial(original_bytes, version))
download.download_button(
    t("history.download", file=original_name),
    data=original_data,  # read from the store only when clicked, and written to the 접속기록 then
    file_name=original_name,
    mime="application/octet-stream",
    key="history_download",
    on_click="ignore",
    icon=":material/download:",
    width="stretch",
)
if version.number == latest.number:
    rollback.button(
        t("history.rollback"),
        key="history_rollback",
        disabled=True,
        help=t("history.rollback_current"),
        width="stretch",
    )
elif rollback.button(t("history.rollback"), key="history_rollback", icon=":material/history:", width="stretch"):
    authorize("rollback")
    st.session_state[CONFIRMING] = (dataset, version.number)
if st.session_state.get(CONFIRMING) == (dataset, version.number) and version.number != latest.number:
    confirm_rollback(version, latest)
else:
    close_dialog()
