"""Accessibility (KWCAG 2.2 / WCAG 2.1 AA): the one place for the CSS that overrides Streamlit's own styling
for contrast, and for the document's language. Checked by tests/test_accessibility_browser.py (axe-core).

Why override here: Streamlit draws captions (`st.caption`, the description under a metric's delta, the as-of
line) in the theme's text colour with `opacity: 0.6`, and the sidebar menu's icons at 60 % alpha. With our theme's
textColor (#1c2430) that is #777c83 on white, a contrast of 4.2:1, and #727880 on the sidebar's #f3f5f9 (4.1:1);
WCAG asks for 4.5:1. The theme has no setting for that opacity, so the rules below raise it to 72 % (#5c616a: 6.2:1 on
white, 5.9:1 on the sidebar grey): still quieter than body text, and readable.

Why a script: Streamlit's page is `<html lang="en">` whatever the content, so a screen reader reads Korean with
an English voice. `st.html` runs the one-line script that sets `lang` to the page's language (a fixed code from
present.i18n.LANGUAGES, never user data); its container is hidden so it takes no space.

Keyboard focus: Streamlit draws no focus ring on some of its own controls (the sidebar menu's links, a chart's
toolbar); one rule below gives every focusable element a 2 px ring in the theme's primary colour, for the keyboard
only; a table's hover-only toolbar is shown while one of its buttons has the focus (else the focus would be
invisible: tests/test_keyboard_browser.py found it in the source dialog).

`page_setup` injects both once per page run, next to the narrow-screen CSS (ui.phone).
"""

from __future__ import annotations

import streamlit as st

from present.i18n import LANGUAGES

FOCUS_RING = "#1f4e9c"  # the theme's primaryColor: 8.0:1 on white, 7.3:1 on the sidebar grey
MUTED_TEXT = "rgba(28, 36, 48, 0.72)"  # theme textColor #1c2430 at 72 %: 6.2:1 on white, 5.9:1 on #f3f5f9

CSS = f"""<style>
/* Captions, metric-delta descriptions and the as-of line: Streamlit's 60 % (4.2:1) raised to 72 % (6.2:1). */
[data-testid="stCaptionContainer"] {{ opacity: 1; color: {MUTED_TEXT}; }}
/* The overview's at-a-glance grid on phones (ui.phone, present.glance): "전월 대비" and an unchanged "– 0" were
   rgba(49, 51, 63, 0.6), 3.7:1; the same quieter grey as captions instead. */
.glance .glance-since, .glance .glance-flat {{ color: {MUTED_TEXT}; }}
/* A visible keyboard focus everywhere (WCAG 2.4.7): Streamlit shows none on the sidebar menu's links, a chart's
   toolbar buttons or links in text. Only for the keyboard (:focus-visible), so a mouse click draws no ring. */
:is(a, button, summary, [role="button"], [role="tab"], [tabindex]:not([tabindex="-1"])):focus-visible {{
  outline: 2px solid {FOCUS_RING}; outline-offset: 2px;
}}
/* A table's or chart's toolbar (search, full screen, show/hide columns) is drawn only on mouse hover
   (opacity 0), yet its buttons take the keyboard focus: the focus would vanish (WCAG 2.4.7). Shown while it
   holds the focus. */
[data-testid="stElementToolbar"]:focus-within {{ opacity: 1; }}
/* The hidden container of the language script (below). */
[data-testid="stLayoutWrapper"]:has(> .st-key-a11y_lang), .st-key-a11y_lang {{ display: none; }}
</style>"""


# The app's inline scripts have fixed bodies (the Content-Security-Policy allows them by their SHA-256, see server.py)
# and take what varies from their own data- attributes.
LANG_SCRIPT = "document.documentElement.lang = document.currentScript.dataset.lang;"


def lang_script(lang: str) -> str:
    """The script that sets `<html lang>`; `lang` must be one of present.i18n.LANGUAGES."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    return f'<script data-lang="{lang}">{LANG_SCRIPT}</script>'


# st.dataframe's grid (glide-data-grid) names the cells of its accessible table id="glide-cell-<column>-<row>" in
# every table, so two tables on a page repeat ids (axe-core: duplicate-id-active). Nothing refers to these ids (the
# grid finds its cells by their React refs and data-testid), so this script prefixes each grid's cell ids with the
# grid's number on the page ("g2-glide-cell-0-0"), now and whenever the grid draws or renumbers a cell. It renames
# them in the MutationObserver's callback itself: a microtask of the very task that drew the cells, so no other
# task (a screen reader's query, axe-core, the next paint) ever sees an id without its prefix. Its own renames call
# it once more and find nothing left to do.
GRID_IDS = """(() => {
  if (window.__aicdGridIds) return;
  let grids = 0;
  const fix = () => {
    for (const cell of document.querySelectorAll('[data-testid="stDataFrame"] td[id^="glide-cell-"]')) {
      const grid = cell.closest('[data-testid="stDataFrame"]');
      if (!grid.dataset.aicdGrid) grid.dataset.aicdGrid = String(++grids);
      cell.id = `g${grid.dataset.aicdGrid}-${cell.id}`;
    }
  };
  window.__aicdGridIds = new MutationObserver(fix);
  window.__aicdGridIds.observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ["id"]});
  fix();
})();"""
GRID_IDS_SCRIPT = f"<script>{GRID_IDS}</script>"
INLINE_SCRIPTS = (LANG_SCRIPT, GRID_IDS)  # bodies, for the Content-Security-Policy's hashes


def apply(lang: str) -> None:
    """Inject the contrast CSS and set the document's language (once per page run, from ui.page.page_setup)."""
    st.html(CSS)
    with st.container(key="a11y_lang"):
        st.html(lang_script(lang), unsafe_allow_javascript=True)
        st.html(GRID_IDS_SCRIPT, unsafe_allow_javascript=True)
