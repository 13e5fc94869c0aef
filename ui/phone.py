"""Narrow screens (phones): the one place for the CSS that re-flows pages below 640 px.

Why CSS: Streamlit builds a page on the server without knowing the screen's width, so a page cannot choose a
layout for a phone in Python. Instead it writes both where they differ (rarely: the overview's at-a-glance grid,
the one-line as-of statement) into containers keyed `phone_…` (shown only on narrow screens) or `wide_…` (shown
only on wide ones), and the rules below re-flow the rest. 640 px is Streamlit's own breakpoint (below it, it
stacks columns), so both agree on what a phone is. Desktop layouts are untouched: every rule except the hiding
of `phone_…` containers sits inside the narrow-screen media query.

`page_setup` injects this once per page run; a style-only `st.html` takes no space on the page.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

PHONE_MAX_PX = 640

CSS = f"""<style>
/* Containers for one kind of screen. A keyed container sits in a layout wrapper; hide the wrapper, so that no
   empty gap is left behind. */
@media (min-width: {PHONE_MAX_PX + 1}px) {{
  [data-testid="stLayoutWrapper"]:has(> [class*="st-key-phone_"]), [class*="st-key-phone_"] {{ display: none; }}
}}
@media (max-width: {PHONE_MAX_PX}px) {{
  [data-testid="stLayoutWrapper"]:has(> [class*="st-key-wide_"]), [class*="st-key-wide_"] {{ display: none; }}

  /* Less empty space above the title, and a title of two lines at most: the figures come on the first screen. */
  [data-testid="stMainBlockContainer"] {{ padding-top: 3.75rem; }}
  [data-testid="stMainBlockContainer"] h1 {{ font-size: 1.75rem; padding-top: 0.25rem; padding-bottom: 0.25rem; }}
  /* Korean headings break between words ("대시보 / 드" reads badly), a word longer than the line still wraps. */
  [data-testid="stMainBlockContainer"] :is(h1, h2, h3) {{ word-break: keep-all; overflow-wrap: anywhere; }}
  [data-testid="stMainBlockContainer"] h2 {{ font-size: 1.35rem; }}
  [data-testid="stMainBlockContainer"] h3 {{ font-size: 1.2rem; }}

  /* Overview: the at-a-glance grid (each figure once: the detailed tiles are wide-screen only) and "what needs
     attention" first, the timeline after them. Flex order keeps the elements' own order within each group. */
  [data-testid="stLayoutWrapper"]:has(> .st-key-overview_timeline) {{ order: 1; }}

  /* Briefing: the slide title on its own row, the four controls two to a row (not four full-width rows), and
     the headline figures one to a row (a row of four leaves each 60 px). */
  .st-key-briefing_titlebar [data-testid="stColumn"] {{
    min-width: calc(50% - 0.5rem) !important; flex: 1 1 calc(50% - 0.5rem) !important;
  }}
  .st-key-briefing_titlebar [data-testid="stColumn"]:first-child {{ min-width: 100% !important; }}
  .briefing-figures {{ flex-direction: column; gap: 8px !important; }}
}}

/* The overview's at-a-glance grid (present.glance), shown on phones only. */
.glance {{ display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.5rem; }}
.glance-tile {{
  border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: 0.45rem 0.6rem; min-width: 0;
}}
.glance-label {{ font-size: 0.8rem; color: rgba(49, 51, 63, 0.75); white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }}
.glance-value {{ font-size: 1.45rem; font-weight: 600; line-height: 1.25; white-space: nowrap; }}
.glance-change {{ font-size: 0.78rem; line-height: 1.3; }}
.glance-good, .glance-bad, .glance-flat {{ white-space: nowrap; }}  /* the arrow stays with its number */
.glance-good {{ color: #158237; }}
.glance-bad {{ color: #c0272d; }}
.glance-flat {{ color: rgba(49, 51, 63, 0.6); }}
.glance-since {{ color: rgba(49, 51, 63, 0.6); }}
.glance-note {{ font-size: 0.78rem; color: rgba(49, 51, 63, 0.75); line-height: 1.3; }}
.glance-scope {{ grid-column: 1 / -1; font-size: 0.85rem; font-weight: 600; color: rgba(49, 51, 63, 0.85); }}
</style>"""


def apply() -> None:
    """Inject the narrow-screen CSS (once per page run, from `ui.page.page_setup`)."""
    st.html(CSS)


# A chart of a fixed size (the briefing's map: its names are placed for its pixels) shrinks as a whole, never
# cropped, where the screen is narrower than it: every name keeps its place beside its marker.
PICTURE_CSS = """<style>
.st-key-fixed_picture [data-testid="stVegaLiteChart"], .st-key-fixed_picture .vega-embed,
.st-key-fixed_picture canvas, .st-key-fixed_picture svg { max-width: 100% !important; height: auto !important; }
</style>"""


def fixed_picture(chart: Any, key: str) -> None:
    """`chart` (an Altair chart or a Vega-Lite spec dict, its width in px) drawn at its size, or smaller as a whole
    on a narrower screen."""
    st.html(PICTURE_CSS)
    with st.container(key="fixed_picture"):
        if isinstance(chart, dict):
            st.vega_lite_chart(chart, width="content", key=key)
        else:
            st.altair_chart(chart, width="content", key=key)
