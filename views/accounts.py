"""계정 관리 (admin): the sign-in accounts — list them, add one, change one's role, name, email or password, remove
one. Accounts are kept in the store (auth.directory), shared by every app server; the secrets file's accounts are
listed as read-only starting accounts. Every change is authorized right before it is made and written with its audit
entry (never a password) in one transaction. An admin cannot change their own role or remove themself, and there is
always an admin."""

import streamlit as st

from auth.accounts import MIN_PASSWORD_LENGTH, SecretsFileError, user_problems
from auth.directory import MAX_DISPLAY_NAME
from auth.roles import Page, Role
from auth.session import auth_section, authorize, directory, require_role, secrets_path
from present.accounts import accounts_table, option_label, role_name
from present.i18n import LANGUAGES
from ui import data_admin as views
from ui.account_changes import FLASH, ICONS, apply, show_flashes, take_flashes
from ui.i18n import t
from ui.page import page_setup

ctx = page_setup("nav.accounts")
account = require_role(Page.ACCOUNTS.role)
assert account is not None  # an admin page: require_role stops anyone not signed in
lang = ctx.lang
me = account.username

CONFIRMING = "accounts_confirming"  # username while the remove dialog is open
ROLES = [role.value for role in Role]
flashes = take_flashes()

try:
    path: object = secrets_path()
except SecretsFileError:
    path = "-"

section = auth_section()
accounts = directory()
users = accounts.users()  # what the app signs people in with, re-read on every run
st.caption(t("accounts.caption", path=path), help=t("accounts.applies_at_once"))
problems = user_problems(section)
if problems:
    st.warning(t("accounts.problems", count=len(problems)), icon=":material/report:")
secrets_only = sum(record.source == "secrets" for record in users.values())
if secrets_only:
    st.info(t("accounts.source_secrets", count=secrets_only), icon=":material/move_down:")
if users:
    st.dataframe(accounts_table(users, lang), hide_index=True, width="stretch", key="accounts_table")
else:
    st.info(t("accounts.empty"))


# Option labels in this run's language, not looked up again later (format_func may be called outside the run).
def role_option(role: str) -> str:
    return role_name(role, lang)


def user_option(username: str) -> str:
    return option_label(users[username], lang)


add_tab, edit_tab, remove_tab, sessions_tab = st.tabs(
    [t("accounts.tab.add"), t("accounts.tab.edit"), t("accounts.tab.remove"), t("accounts.tab.sessions")]
)

with add_tab:
    show_flashes(flashes, "add")
    with st.form("accounts_add_form", width=760, enter_to_submit=False):
        left, right = st.columns(2)
        username = left.text_input(
            t("accounts.username"), key="accounts_add_username", max_chars=64, help=t("accounts.username_help")
        )
        display_name = right.text_input(
            t("accounts.display_name"),
            key="accounts_add_display_name",
            max_chars=MAX_DISPLAY_NAME,
            help=t("accounts.display_name_help"),
        )
        left, right = st.columns(2)
        role = left.selectbox(
            t("accounts.role"), ROLES, format_func=role_option, key=views.language_key("accounts_add_role", lang)
        )
        email = right.text_input(t("accounts.email"), key="accounts_add_email", help=t("accounts.email_help"))
        left, right = st.columns(2)
        password = left.text_input(
            t("accounts.password", minimum=MIN_PASSWORD_LENGTH),
            type="password",
            key="accounts_add_password",
            autocomplete="new-password",
        )
        again = right.text_input(
            t("accounts.password_again"),
            type="password",
            key="accounts_add_password_again",
            autocomplete="new-password",
        )
        submitted = st.form_submit_button(
            t("accounts.add_button"), type="primary", icon=":material/person_add:", key="accounts_add"
        )
    if submitted:
        actor = authorize("manage_accounts")
        passwords = {"accounts_add_password": "", "accounts_add_password_again": ""}
        apply(
            "add",
            lambda: accounts.add(actor.actor, username, password, again, role, display_name, email),
            lang,
            reset_on_success={"accounts_add_username": "", "accounts_add_display_name": "", "accounts_add_email": ""},
            reset_always=passwords,
        )

names = sorted(users)

with edit_tab:
    show_flashes(flashes, "edit")
    if names:
        chosen = st.selectbox(
            t("accounts.select"),
            names,
            format_func=user_option,
            key=views.language_key("accounts_edit_user", lang),
            width=480,
        )
        record = users[chosen]
        own = chosen == me
        prefix = f"accounts_edit_{chosen}"
        role_key = views.language_key(f"{prefix}_role", lang)
        if role_key not in st.session_state:
            st.session_state[role_key] = record.role.value  # not index=: language_key may have set it already
        with st.form("accounts_edit_form", width=760, enter_to_submit=False):
            left, right = st.columns(2)
            new_role = left.selectbox(
                t("accounts.role"),
                ROLES,
                format_func=role_option,
                key=role_key,
                disabled=own,
                help=t("accounts.self_role_locked") if own else None,
            )
            new_name = right.text_input(
                t("accounts.display_name"),
                value=record.display_name,
                key=f"{prefix}_display_name",
                max_chars=MAX_DISPLAY_NAME,
            )
            left, _ = st.columns(2)
            new_email = left.text_input(
                t("accounts.email"), value=record.email, key=f"{prefix}_email", help=t("accounts.email_help")
            )
            left, right = st.columns(2)
            new_password = left.text_input(
                t("accounts.new_password", minimum=MIN_PASSWORD_LENGTH),
                type="password",
                key=f"{prefix}_password",
                autocomplete="new-password",
                help=t("accounts.new_password_help"),
            )
            new_again = right.text_input(
                t("accounts.new_password_again"),
                type="password",
                key=f"{prefix}_password_again",
                autocomplete="new-password",
            )
            saved = st.form_submit_button(
                t("accounts.save_button"), type="primary", icon=":material/save:", key="accounts_save"
            )
        if own:
            st.caption(t("accounts.self_role_locked"))
        if saved:
            actor = authorize("manage_accounts")
            fields = [f"{prefix}_display_name", f"{prefix}_email"] + [
                views.language_key(f"{prefix}_role", other) for other in LANGUAGES
            ]
            apply(
                "edit",
                lambda: accounts.update(
                    actor.actor,
                    actor.username,
                    chosen,
                    record.role.value if own else new_role,
                    new_name,
                    new_email,
                    new_password,
                    new_again,
                ),
                lang,
                reset_on_success=dict.fromkeys(fields),  # drawn again from the account as now saved
                reset_always={f"{prefix}_password": "", f"{prefix}_password_again": ""},
            )


def close_dialog() -> None:
    st.session_state.pop(CONFIRMING, None)


@st.dialog(t("accounts.remove_title"), width="medium", on_dismiss=close_dialog)
def confirm_remove(username: str) -> None:
    record = users[username]
    st.markdown(
        t("accounts.remove_text", username=username, name=record.display_name, role=role_name(record.role.value, lang))
    )
    go, cancel = st.columns(2)
    if go.button(
        t("accounts.remove_confirm"),
        type="primary",
        key="accounts_remove_confirm",
        icon=":material/person_remove:",
        width="stretch",
    ):
        actor = authorize("manage_accounts")
        close_dialog()
        selections = [
            views.language_key(f"accounts_{box}_user", other) for box in ("edit", "remove") for other in LANGUAGES
        ]
        apply(
            "remove",
            lambda: accounts.remove(actor.actor, actor.username, username),
            lang,
            reset_on_success=dict.fromkeys(selections),  # the removed account is no longer an option
            reset_always={},
        )
    if cancel.button(t("accounts.cancel"), key="accounts_remove_cancel", width="stretch"):
        close_dialog()
        st.rerun()


with remove_tab:
    show_flashes(flashes, "remove")
    if names:
        doomed = st.selectbox(
            t("accounts.select"),
            names,
            format_func=user_option,
            key=views.language_key("accounts_remove_user", lang),
            width=480,
        )
        own = doomed == me
        if own:
            st.caption(t("accounts.self_remove_locked"))
        if st.button(t("accounts.remove_button"), key="accounts_remove", icon=":material/person_remove:", disabled=own):
            authorize("manage_accounts")
            if own:  # the button is disabled for one's own account; refuse here too, on the server
                close_dialog()
                st.error(t("accounts.error.self_remove"), icon=ICONS["error"])
            else:
                st.session_state[CONFIRMING] = doomed
        if st.session_state.get(CONFIRMING) == doomed and not own:
            confirm_remove(doomed)
        else:
            close_dialog()


with sessions_tab:
    show_flashes(flashes, "sessions")
    st.caption(t("accounts.sessions_intro"))
    if names:
        ending = st.selectbox(
            t("accounts.select"),
            names,
            format_func=user_option,
            key=views.language_key("accounts_sessions_user", lang),
            width=480,
        )
        st.markdown(t("accounts.sessions_live", count=accounts.live_sessions(ending)))
        if ending == me:
            st.caption(t("accounts.sessions_own"))
        if st.button(t("accounts.sessions_button"), key="accounts_end_sessions", icon=":material/logout:"):
            actor = authorize("manage_accounts")
            ended = accounts.end_sessions(actor.actor, ending)
            values = {"username": ending, "count": ended}
            st.session_state[FLASH] = [
                {"where": "sessions", "kind": "success", "key": "accounts.done.end_sessions", "values": values}
            ]
            st.rerun()
