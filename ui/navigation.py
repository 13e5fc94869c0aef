"""The app's menu, drawn by the app (issue #26): `st.navigation` still routes, keeps deep links and decides who sees
which page (app.py asks auth.session.page_visibility), but its own sidebar menu is hidden (`position="hidden"`):
Streamlit draws it as a `<ul>` whose children are `<div>`s holding the section `<header>` and the `<li>` items
(axe-core's `list` and `listitem` rules), with no `<nav>` landmark and `outline: none` on the links.

Here the same sections, order and icons are drawn with `st.page_link` (client-side page switches, as before) in a
sidebar container that a one-line script marks as the navigation landmark (`role="navigation"`, labelled "주 메뉴"),
and the current page's link gets `aria-current="page"`. The section titles are headings (level 2) inside it. The
focus ring is ui.accessible's, made to win over the link's own `outline: none` below.
"""

from __future__ import annotations

from html import escape

import streamlit as st

from ui.accessible import FOCUS_RING, MUTED_TEXT
from ui.i18n import t

KEY = "app_nav"  # the container's key: its element has the class st-key-app_nav

CSS = f"""<style>
.st-key-{KEY} {{ gap: 0.125rem; }}
.st-key-{KEY} .nav-section {{
  margin: 0.75rem 0 0.25rem 0.5rem; padding: 0; font-size: 0.875rem; font-weight: 600;
  line-height: 1.5; color: {MUTED_TEXT};
}}
.st-key-{KEY} [data-testid="stPageLink-NavLink"] {{ width: 100%; }}
.st-key-{KEY} [data-testid="stPageLink-NavLink"] [data-testid="stIconMaterial"] {{ color: {MUTED_TEXT}; }}
.st-key-{KEY} [data-testid="stPageLink-NavLink"]:focus-visible {{
  outline: 2px solid {FOCUS_RING} !important; outline-offset: 2px;
}}
/* The landmark's hidden script container. */
[data-testid="stLayoutWrapper"]:has(> .st-key-{KEY}_script), .st-key-{KEY}_script {{ display: none; }}
</style>"""


# Fixed (the Content-Security-Policy allows it by its SHA-256, see server.py); the label and the current page's path
# come from the script element's data- attributes.
LANDMARK_SCRIPT = (
    "(() => {"
    "const own = document.currentScript.dataset;"
    "const label = own.label, current = own.current;"
    "const doc = document;"
    "const mark = () => {"
    f"  const nav = doc.querySelector('.st-key-{KEY}');"
    "  if (!nav) return;"
    "  if (nav.getAttribute('role') !== 'navigation') nav.setAttribute('role', 'navigation');"
    "  if (nav.getAttribute('aria-label') !== label) nav.setAttribute('aria-label', label);"
    "  for (const link of nav.querySelectorAll('a[data-testid=\"stPageLink-NavLink\"]')) {"
    "    const path = (link.getAttribute('href') || '').split('?')[0].split('#')[0];"
    "    const here = path.replace(/^[./]+/, '').replace(/\\/+$/, '') === current;"
    "    if (here && link.getAttribute('aria-current') !== 'page') link.setAttribute('aria-current', 'page');"
    "    if (!here && link.hasAttribute('aria-current')) link.removeAttribute('aria-current');"
    "  }"
    "};"
    "window.__aicdNav = mark; mark();"
    "if (!window.__aicdNavObserver) {"
    "  window.__aicdNavObserver = new MutationObserver(() => window.__aicdNav());"
    "  window.__aicdNavObserver.observe(doc.body, {childList: true, subtree: true});"
    "}"
    "})();"
)
INLINE_SCRIPTS = (LANDMARK_SCRIPT,)  # bodies, for the Content-Security-Policy's hashes


def landmark_script(label: str, current_href: str) -> str:
    """The script that makes the menu's container a labelled `navigation` landmark and marks the current page's
    link `aria-current="page"`; kept applied while Streamlit redraws the sidebar. Values go in as attributes."""
    return (
        f'<script data-label="{escape(label, quote=True)}" data-current="{escape(current_href, quote=True)}">'
        f"{LANDMARK_SCRIPT}</script>"
    )


def menu(sections: dict[str, list[st.Page]], current: st.Page, lang: str) -> None:
    """Draw the sidebar menu: per section its title and a link for each page its reader may see, in order."""
    query = {"lang": lang} if lang != "ko" else None
    with st.sidebar:
        st.html(CSS)
        with st.container(key=KEY, gap=None):
            for title, pages in sections.items():
                shown = [p for p in pages if p.visibility == "visible"]
                if not shown:
                    continue
                st.html(f'<h2 class="nav-section">{escape(title)}</h2>')
                for page in shown:
                    st.page_link(page, label=page.title, icon=page.icon or None, query_params=query, width="stretch")
        with st.container(key=f"{KEY}_script"):
            st.html(landmark_script(t("nav.label"), current_path(current)), unsafe_allow_javascript=True)


def current_path(page: st.Page) -> str:
    """The current page's path as its link's href has it ("budget"; "" for the default page, whose href is only its
    query): compared with each link's own href attribute, not the resolved URL (which for "" is the open page)."""
    return page.url_path
