"""Entry point: routes to the pages. Titles, icons, order and who sees which page live here only.

Menu visibility is a convenience; every page checks the role it needs itself (auth.session.require_role).
"""

from pathlib import Path

import streamlit as st

from auth.session import account_sidebar, page_visibility
from ui.guard import report
from ui.i18n import current_language, t
from ui.navigation import menu

# The tab's icon is a file of the app's own (a ":material/…" icon would be fetched from Google's servers, which the
# city's network does not reach and the Content-Security-Policy refuses).
FAVICON = Path(__file__).parent / "ui" / "assets" / "favicon.svg"
st.set_page_config(page_title=t("app.short_title"), page_icon=str(FAVICON), layout="wide")


def page(file: str, url_path: str, title_key: str, icon: str, default: bool = False) -> st.Page:
    return st.Page(
        f"views/{file}",
        title=t(title_key),
        icon=icon,
        url_path=url_path,
        default=default,
        visibility=page_visibility(url_path),
    )


def overview_link() -> None:
    """/overview, as people bookmark it: the overview lives at the app's root, so go there (?lang= and all)."""
    st.switch_page(overview, query_params=st.query_params.to_dict())


overview = page("overview.py", "home", "nav.overview", ":material/dashboard:", default=True)
sections = {
    t("nav.section.dashboards"): [
        overview,
        page("budget.py", "budget", "nav.budget", ":material/account_balance:"),
        page("jobs.py", "jobs", "nav.jobs", ":material/groups:"),
        page("pipeline.py", "pipeline", "nav.pipeline", ":material/trending_up:"),
        page("map.py", "map", "nav.map", ":material/map:"),
        page("changes.py", "changes", "nav.changes", ":material/compare_arrows:"),
        page("briefing_deck.py", "briefing", "nav.briefing", ":material/slideshow:"),
    ],
    t("nav.section.data"): [
        page("upload.py", "upload", "nav.upload", ":material/upload_file:"),
        page("history.py", "history", "nav.history", ":material/history:"),
    ],
    t("nav.section.admin"): [
        page("audit.py", "audit", "nav.audit", ":material/policy:"),
        page("accounts.py", "accounts", "nav.accounts", ":material/manage_accounts:"),
        page("sign_in.py", "sign-in", "nav.sign_in", ":material/login:"),
        st.Page(overview_link, title=t("nav.overview"), url_path="overview", visibility="hidden"),
    ],
}
selected = st.navigation(sections, position="hidden")  # the menu is drawn by ui.navigation (issue #26)
menu(sections, selected, current_language())
account_sidebar()
try:
    selected.run()
except Exception as error:
    report(selected.title, error)
