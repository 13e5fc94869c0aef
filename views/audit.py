"""감사 기록 (admin): every import, rollback, sign-in, failed sign-in and sign-out, newest first; and the 접속기록
(sign-ins, sources opened, downloads) of a chosen period as a CSV file."""

import datetime as dt

import streamlit as st

from auth.roles import Page
from auth.session import require_role
from present import clock
from ui import access
from ui import data_admin as views
from ui.data import get_store
from ui.export import download_xlsx_button
from ui.i18n import t
from ui.page import dataset_label, page_setup

LIMITS = (200, 1000, 5000)

ctx = page_setup("nav.audit")
account = require_role(Page.AUDIT.role)
lang = ctx.lang

with st.container(border=True, key="audit_access"):
    st.markdown(f"**{t('audit.access.title')}**")
    st.caption(t("audit.access.caption", days=f"{access.keep_days():,}"))
    today = clock.today()
    chosen = st.date_input(
        t("audit.access.period"), (today - dt.timedelta(days=30), today), max_value=today, key="audit_access_period"
    )
    if isinstance(chosen, tuple) and len(chosen) == 2:
        start, end = chosen
        st.download_button(
            t("audit.access.download"),
            data=access.access_log_csv(start, end),
            file_name=t("audit.access.file", start=start.isoformat(), end=end.isoformat()),
            mime="text/csv",
            key="audit_access_download",
            on_click="ignore",
            icon=":material/download:",
        )

left, right = st.columns([1, 3])
limit = left.selectbox(t("audit.limit"), LIMITS, key="audit_limit")
log = get_store().audit_log(limit=limit)
present = list(dict.fromkeys(log["action"]))
actions = right.multiselect(
    t("audit.actions"),
    present,
    format_func=lambda a: views.action_label(a, lang),
    placeholder=t("audit.actions_placeholder"),
    key=views.language_key("audit_actions", lang),
)
if actions:
    log = log[log["action"].isin(actions)]

st.caption(t("audit.caption", limit=f"{limit:,}"))
if log.empty:
    st.info(t("audit.empty"))
    st.stop()
failed = int((log["action"] == "login_failed").sum())
if failed:
    st.caption(t("audit.failed_count", count=failed))
audit_rows = views.audit_table(log, lang, dataset_label)
st.dataframe(
    audit_rows,
    hide_index=True,
    width="stretch",
    height=min(600, 38 + 35 * len(log)),  # no empty rows under a short log
    column_config={
        t("audit.col_dataset"): st.column_config.TextColumn(width="small"),
        t("audit.col_detail"): st.column_config.TextColumn(width="large"),
    },
    key="audit_table",
)
download_xlsx_button(audit_rows, "audit_log", t("nav.audit"), t("export.download"))
