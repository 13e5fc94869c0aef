"""The briefing pack: every slide of the deck on one A4 landscape page, readable in Korean.

Each page has the slide's title, the dataset as-of dates and stored version numbers its figures come from, the
headline figures, the slide's note and its chart (drawn by vl-convert through `present.chart_png`). Every page's
header and footer carry the pack's 자료 등급: the highest class of the datasets its slides read
(loaders/data_classes.py), also in the document's subject. A Korean font
is embedded (subset) from `present.fonts`: Noto Sans KR from the pip package `pylopdf-fonts-ko`, or Debian's Noto Sans
CJK collection; without either, `KoreanFontMissing` says what to install. Pure: no Streamlit.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from loaders.data_classes import data_classes, marking
from present import fonts
from present import format as fmt
from present.chart_png import chart_png
from present.i18n import translate

from .model import Slide

PDF_MIME = "application/pdf"
FONT = "korean"
PAGE_W, PAGE_H, MARGIN = 297.0, 210.0, 12.0
FOOTER_H = 9.0
TEXT = (0, 0, 0)
MUTED = (28, 36, 48)
ACCENT = (0, 114, 178)  # charts.palette.EXECUTED
SAMPLE = (138, 59, 0)
CLASS_MARK = (156, 0, 6)
CHART_PX = 1200  # chart width in CSS px before vl-convert's 2× scale
MAX_GROWTH = 1.8  # a chart's plot may grow this much taller on paper than on the slide
CHART_FRAME_PX = 150  # title, axes and legend around a chart's plot, roughly


def _png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's IHDR chunk."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def deck_class(deck: Sequence[Slide]) -> str:
    """The highest 자료 등급 of the datasets the deck's slides read."""
    return data_classes().of(sorted({source.dataset for slide in deck for source in slide.sources}))


class _Pack(FPDF):
    def __init__(self, lang: str, made_at: dt.datetime, data_class: str) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.lang, self.made_at, self.marking = lang, made_at, marking(data_class, lang)
        regular = fonts.regular_face()
        bold = fonts.bold_face() or regular
        self.add_font(FONT, "", str(regular.path), collection_font_number=regular.index)
        self.add_font(FONT, "B", str(bold.path), collection_font_number=bold.index)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)
        self.set_title(translate("briefing.pdf.title", lang))
        self.set_subject(self.marking)
        self.set_creator(translate("app.title", lang))
        self.set_lang("ko-KR" if lang == "ko" else "en")

    def header(self) -> None:
        self.set_xy(MARGIN, MARGIN - 5)
        self.set_font(FONT, "B", 9)
        self.set_text_color(*CLASS_MARK)
        self.cell(0, 5, self.marking, align="L")

    def footer(self) -> None:
        self.set_y(PAGE_H - MARGIN - FOOTER_H + 3)
        self.set_draw_color(*MUTED)
        self.set_line_width(0.3)
        self.line(MARGIN, self.get_y() - 1.5, PAGE_W - MARGIN, self.get_y() - 1.5)
        self.set_font(FONT, "", 8.5)
        self.set_text_color(*MUTED)
        made = translate("briefing.pdf.made", self.lang, when=fmt.datetime_label(self.made_at, self.lang))
        left = f"{self.marking} · {translate('briefing.pdf.title', self.lang)} · {made}"
        self.cell(0, 5, left, align="L")
        self.set_x(MARGIN)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="R")


def _text_block(
    pdf: _Pack, text: str, size: float, style: str = "", color: tuple[int, int, int] = TEXT, height: float | None = None
) -> None:
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, height or size * 0.45, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _figures(pdf: _Pack, slide: Slide, top: float) -> float:
    """The headline figures as boxes in a row from `top`; returns the y below them."""
    count = len(slide.headlines)
    if not count:
        return top
    gap, box_h = 4.0, 27.0
    width = (PAGE_W - 2 * MARGIN - gap * (count - 1)) / count
    for i, headline in enumerate(slide.headlines):
        x = MARGIN + i * (width + gap)
        pdf.set_draw_color(*MUTED)
        pdf.set_line_width(0.5)
        pdf.rect(x, top, width, box_h)
        pdf.set_fill_color(*ACCENT)
        pdf.rect(x, top, 2.5, box_h, style="F")
        inner, inner_w = x + 5, width - 7
        pdf.set_xy(inner, top + 2)
        pdf.set_font(FONT, "", 10)
        pdf.set_text_color(*MUTED)
        pdf.cell(inner_w, 5, _fit(pdf, headline.label, inner_w))
        pdf.set_xy(inner, top + 8)
        size = 22.0
        pdf.set_font(FONT, "B", size)
        while pdf.get_string_width(headline.value) > inner_w and size > 12:
            size -= 1
            pdf.set_font(FONT, "B", size)
        pdf.set_text_color(*TEXT)
        pdf.cell(inner_w, 10, headline.value)
        if headline.detail:
            pdf.set_xy(inner, top + 19.5)
            size = 8.5
            pdf.set_font(FONT, "", size)
            while pdf.get_string_width(headline.detail) > inner_w and size > 6.5:
                size -= 0.5
                pdf.set_font(FONT, "", size)
            pdf.set_text_color(*MUTED)
            pdf.cell(inner_w, 5, _fit(pdf, headline.detail, inner_w))
    return top + box_h


def _fit(pdf: _Pack, text: str, width: float) -> str:
    """`text`, shortened with '…' when wider than `width` at the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _chart_filling(slide: Slide, box_w: float, box_h: float) -> bytes:
    """The slide's chart as PNG, its plot made taller (up to MAX_GROWTH×) so that the picture about fills the
    page's box: the title, axes and legend around the plot take roughly CHART_FRAME_PX. A picture of a fixed
    width (the map: its names are placed for its pixels) is drawn as on the slide, and scaled to the box."""
    assert slide.chart is not None  # (only slides with a chart come here)
    spec = dict(slide.chart)  # only its top-level height changes
    height = spec.get("height")
    if isinstance(height, (int, float)) and not isinstance(spec.get("width"), (int, float)):
        wanted = CHART_PX * box_h / box_w - CHART_FRAME_PX
        spec["height"] = int(min(max(height, wanted), height * MAX_GROWTH))
    return chart_png(spec, width=CHART_PX)


def _page(pdf: _Pack, slide: Slide, lang: str) -> None:
    pdf.add_page()
    if slide.is_sample:
        pdf.set_font(FONT, "B", 9)
        pdf.set_text_color(*SAMPLE)
        pdf.set_xy(MARGIN, MARGIN - 5)
        pdf.cell(0, 5, translate("briefing.sample.long", lang), align="R")
    pdf.set_xy(MARGIN, MARGIN)
    _text_block(pdf, slide.title, 22, "B", TEXT, 10)
    if slide.as_of_line:
        _text_block(pdf, slide.as_of_line, 9.5, "", MUTED, 4.6)
    if slide.overdue:
        _text_block(pdf, slide.overdue, 9.5, "B", SAMPLE, 4.6)
    y = _figures(pdf, slide, pdf.get_y() + 3)
    pdf.set_xy(MARGIN, y + 2)
    if slide.note:
        _text_block(pdf, slide.note, 10.5, "", MUTED, 5.2)
    for item in slide.items:
        title = " · ".join((item.title, *item.flags))
        _text_block(pdf, title, 11, "B", SAMPLE if item.flags else TEXT, 5.4)
        for line in item.lines:
            _text_block(pdf, line, 9.5, "", MUTED, 4.6)
    if slide.chart is None:
        return
    top = pdf.get_y() + 2
    bottom = PAGE_H - MARGIN - FOOTER_H - 3
    box_w, box_h = PAGE_W - 2 * MARGIN, bottom - top
    png = _chart_filling(slide, box_w, box_h)
    px_w, px_h = _png_size(png)
    scale = min(box_w / px_w, box_h / px_h)
    w, h = px_w * scale, px_h * scale
    pdf.image(io.BytesIO(png), x=MARGIN + (box_w - w) / 2, y=top, w=w, h=h)


def briefing_pdf(deck: Sequence[Slide], lang: str, made_at: dt.datetime) -> bytes:
    """The deck as a PDF: one page per slide, each with its as-of dates and data versions."""
    pdf = _Pack(lang, made_at, deck_class(deck))
    for slide in deck:
        _page(pdf, slide, lang)
    return bytes(pdf.output())
