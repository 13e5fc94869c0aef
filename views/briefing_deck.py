"""브리핑 모드: one story per slide, full width, large figures, ←/→ keys, optional auto-advance, ?slide=N bookmarks,
and the briefing pack as one PDF."""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st

from briefing import slide_index
from briefing.pack import deck_of, deck_versions, default_since, earlier_versions
from briefing.pdf import PDF_MIME, briefing_pdf
from briefing.render import body_html, title_html
from present import clock
from present.chart_png import PNG_MIME, chart_png, png_file_name
from ui import access
from ui.data import dataset_versions
from ui.i18n import t
from ui.page import page_setup
from ui.phone import fixed_picture
from ui.shared import StoredRows

st.set_page_config(page_title=t("briefing.deck_title"), layout="wide", initial_sidebar_state="collapsed")
ctx = page_setup("nav.briefing", show_title=False)
lang, today = ctx.lang, clock.today()
INTERVALS = (10, 20, 30, 60)  # seconds, for auto-advance
SCREENS = {"720": 0, "1080": 300}  # screen height → px the chart may grow (a slide is built to fit 1280×720)
SLIDE, WRITTEN, SHOWN_AT = "briefing_slide", "briefing_slide_written", "briefing_shown_at"
SINCE_KEY = "briefing_since"


DEFAULT_SINCE = default_since(today)  # about a month: the usual gap between briefings


def since_date() -> dt.date:
    """The what-changed slide's comparison date: the control, else the `since` URL parameter, else 30 days ago."""
    chosen = st.session_state.get(SINCE_KEY)
    if isinstance(chosen, dt.date):
        return chosen
    try:
        return dt.date.fromisoformat(st.query_params.get("since", ""))
    except ValueError:
        return DEFAULT_SINCE


versions = deck_versions(ctx.versions)
since = since_date()
earlier = earlier_versions(versions, lambda name: dataset_versions(name, versions[name].id), since)
# Built once per data version, comparison date, language and day for every viewer (ui.shared).
deck = ctx.shared(
    deck_of,
    versions,
    earlier,
    {name: StoredRows(version) for name, version in versions.items()},  # read only when the deck is built
    {name: StoredRows(version) for name, version in earlier.items()},
    lang,
    today,
    since,
)
slides = deck.slides
keys = [s.key for s in slides]

# Which slide: the URL parameter when it changed (a bookmark, an edited link), else this session's position.
requested = st.query_params.get("slide")
if SLIDE not in st.session_state or (requested is not None and requested != st.session_state.get(WRITTEN)):
    st.session_state[SLIDE] = slide_index(requested, keys)
index = min(max(int(st.session_state[SLIDE]), 0), len(slides) - 1)
if st.session_state.get("briefing_shown") != index:
    st.session_state["briefing_shown"], st.session_state[SHOWN_AT] = index, time.monotonic()
st.session_state[SLIDE] = index
st.session_state[WRITTEN] = str(index + 1)
st.query_params["slide"] = str(index + 1)
current = slides[index]


def go(step: int) -> None:
    st.session_state[SLIDE] = (st.session_state[SLIDE] + step) % len(slides)


def restart_clock() -> None:
    """Auto-advance counts from when it is switched on, not from when the slide came up."""
    st.session_state[SHOWN_AT] = time.monotonic()


# Title row: position and title, previous/next (← / → keys), the briefing pack as PDF, presenter tools ---------------
with st.container(key="briefing_titlebar"):  # on a phone: title, then the controls two to a row (ui.phone)
    title_col, previous_col, next_col, pdf_col, tools_col = st.columns(
        [5.0, 1.3, 1.2, 2.0, 1.6], vertical_alignment="center"
    )
    title_col.html(title_html(current, index + 1, len(slides), lang))
    previous_col.button(
        t("briefing.previous"),
        key="briefing_previous",
        on_click=go,
        args=(-1,),
        shortcut="Left",
        disabled=index == 0,
        help=t("briefing.previous.help"),
        width="stretch",
    )
    next_col.button(
        t("briefing.next"),
        key="briefing_next",
        on_click=go,
        args=(1,),
        shortcut="Right",
        type="primary",
        disabled=index == len(slides) - 1,
        help=t("briefing.next.help"),
        width="stretch",
    )
    pdf_col.download_button(
        t("briefing.pdf"),
        data=access.logged(
            lambda: briefing_pdf(slides, lang, dt.datetime.now(dt.UTC)),
            access.DOWNLOAD_PDF,
            file=t("briefing.pdf.file", date=today.strftime("%Y%m%d")),
        ),
        mime=PDF_MIME,
        key="briefing_pdf",
        file_name=t("briefing.pdf.file", date=today.strftime("%Y%m%d")),
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        help=t("briefing.pdf.help"),
        width="stretch",
    )
    with tools_col.popover(t("briefing.tools"), icon=":material/tune:", width="stretch"):
        auto = st.toggle(t("briefing.auto"), key="briefing_auto", help=t("briefing.auto.help"), on_change=restart_clock)
        interval = st.selectbox(
            t("briefing.interval"),
            INTERVALS,
            index=1,
            key="briefing_interval",
            format_func=lambda s: t("briefing.interval.value", seconds=s),
        )
        st.date_input(t("whatchanged.since_control"), value=since, key=SINCE_KEY, format="YYYY.MM.DD")
        linked = st.query_params.get("screen")
        screen = (
            st.segmented_control(
                t("briefing.screen"),
                list(SCREENS),
                default=linked if linked in SCREENS else "720",
                key="briefing_screen",
                format_func=lambda s: t(f"briefing.screen.{s}"),
                help=t("briefing.screen.help"),
            )
            or "720"
        )
        if current.chart is not None:
            slide_chart = current.chart
            st.download_button(
                t("chart_export.png"),
                data=lambda: chart_png(slide_chart),
                mime=PNG_MIME,
                key="briefing_png",
                file_name=png_file_name(t("briefing.png.file", number=index + 1, title=current.title)),
                on_click="ignore",
                icon=":material/image:",
                help=t("chart_export.png.help"),
                width="stretch",
            )

# The slide ------------------------------------------------------------------------------------------------------
st.html(body_html(current, lang))
if since != DEFAULT_SINCE:  # a bookmark keeps a chosen comparison date of the what-changed slide
    st.query_params["since"] = since.isoformat()
elif "since" in st.query_params:
    del st.query_params["since"]
if screen != "720":
    st.query_params["screen"] = screen
elif "screen" in st.query_params:
    del st.query_params["screen"]
chart = deck.chart_spec(index, SCREENS[screen])  # made once with the deck: no Altair on a rerun
if chart is not None:
    if deck.fixed_size[index]:  # drawn at its size, shrunk as a whole on a narrower screen
        fixed_picture(chart, key=f"briefing_chart_{current.key}")
    else:
        st.vega_lite_chart(chart, width="stretch", key=f"briefing_chart_{current.key}")

if auto:

    @st.fragment(run_every=interval)
    def advance() -> None:
        """Runs every `interval` seconds: once the slide has been up that long, show the next one (looping)."""
        if time.monotonic() - st.session_state.get(SHOWN_AT, 0.0) >= interval - 0.5:
            st.session_state[SLIDE] = (index + 1) % len(slides)
            st.rerun()

    advance()
