"""로그인: sign in with a local account (or the organisation's OIDC sign-in when configured), or sign out.

This page is never gated itself, so it does not go through page_setup's access check."""

import streamlit as st

from auth.session import (
    current_account,
    idle_minutes,
    lasting_sign_in,
    role_label,
    session_hours,
    sign_in_form,
    sign_in_needed_to_view,
    sign_out,
)
from ui import accessible
from ui.i18n import t
from ui.page import language_control

accessible.apply(language_control())
st.title(t("nav.sign_in"))

account = current_account()
if account is not None:
    st.success(
        t("auth.signed_in", name=account.display_name, username=account.username, role=role_label(account.role)),
        icon=":material/verified_user:",
    )
    if st.button(t("auth.sign_out"), key="sign_in_page_sign_out", icon=":material/logout:"):
        sign_out()
        st.rerun()
    st.stop()

st.markdown(t("auth.sign_in_intro_required") if sign_in_needed_to_view() else t("auth.sign_in_intro"))
sign_in_form()
if lasting_sign_in():
    st.caption(t("auth.session_note_lasting", hours=f"{session_hours():g}", idle=f"{idle_minutes():g}"))
else:
    st.caption(t("auth.session_note", idle=f"{idle_minutes():g}"))
