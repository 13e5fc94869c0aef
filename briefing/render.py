"""A slide's title, sources line and figures as HTML for `st.html`: large type, black on white, all text escaped.

Pure functions (no Streamlit): the page passes their output to `st.html`. Sizes are chosen so that at 1280×720
the title row, up to four figures and the chart fit on one screen, and the figures read from the back of a room;
`scale` (`briefing.theme.SCREENS`: 1.5 for 1920×1080) makes every length of the slide that much larger, so a big
screen is filled the same way. A slide with a list (부진 사업과 대책) gives the list the large type: its counts are a
row of small tiles above it.
"""

from __future__ import annotations

from html import escape

from present.i18n import translate
from present.list_html import ListEntry, ListLook, list_html

from .model import Headline, Slide

TEXT = "#000000"
MUTED = "#1c2430"
ACCENT = "#0072B2"  # charts.palette.EXECUTED
SAMPLE_BG = "#FFF3E0"
SAMPLE_FG = "#8A3B00"
LIST_TITLE_REM = 1.5  # the 사유·대책 list: a programme's name and its warnings (24 px at 1280×720, 36 px at 1080)
LIST_LINE_REM = 1.4  # its 사유 and 대책 (22 px, 34 px): as large as a figure's label, read from the back of a room
LIST_SOURCE_REM = 1.0


def _rem(size: float, scale: float) -> str:
    return f"{size * scale:.3g}rem"


def _px(size: float, scale: float) -> str:
    return f"{size * scale:.3g}px"


def items_look(scale: float = 1.0) -> ListLook:
    """The slide's 사유·대책 list: warnings beside the title as badges, the 사유 and 대책 in large type under it."""
    return ListLook(
        list_attributes=(
            f'data-testid="briefing-items" style="font-size:{_rem(LIST_LINE_REM, scale)};line-height:1.3;'
            f'margin-top:{_px(10, scale)}"'
        ),
        item_testid="briefing-item",
        item_style=f"padding:{_px(6, scale)} 0;border-bottom:{_px(2, scale)} solid #d0d4da",
        title_style=f"font-size:{_rem(LIST_TITLE_REM, scale)};font-weight:800;color:{TEXT};overflow-wrap:anywhere",
        flag_testid="briefing-item-flag",
        flag_style=(
            f"display:inline-block;font-size:{_rem(LIST_LINE_REM, scale)};color:{SAMPLE_FG};background:{SAMPLE_BG};"
            f"border:{_px(2, scale)} solid {SAMPLE_FG};border-radius:{_px(6, scale)};padding:0 {_px(8, scale)};"
            f"margin-left:{_px(12, scale)};font-weight:700;white-space:nowrap"
        ),
        flags_in_title=True,
        lines_style=f"color:{TEXT}",
        source_style=f"font-size:{_rem(LIST_SOURCE_REM, scale)};color:{MUTED}",
    )


ITEMS = items_look()


def title_html(slide: Slide, number: int, total: int, lang: str, scale: float = 1.0) -> str:
    """'2 / 5' and the slide's title on one line."""
    position = escape(translate("briefing.position", lang, number=number, total=total))
    return (
        f'<div data-testid="briefing-header" data-slide="{escape(slide.key)}" data-number="{number}" '
        f'style="display:flex;align-items:baseline;gap:{_px(18, scale)};color:{TEXT};min-width:0">'
        f'<span data-testid="briefing-position" style="font-size:{_rem(1.3, scale)};font-weight:700;color:{MUTED};'
        f'white-space:nowrap">{position}</span>'
        f'<span data-testid="briefing-title" style="font-size:{_rem(2.1, scale)};font-weight:800;line-height:1.15;'
        f'white-space:nowrap;overflow:hidden;text-overflow:ellipsis">{escape(slide.title)}</span></div>'
    )


def sources_html(slide: Slide, lang: str, scale: float = 1.0) -> str:
    """The sample-data mark (when the figures are sample data), the as-of dates and versions, and the line saying
    which data is overdue (the overview slide only)."""
    sample = ""
    if slide.is_sample:
        sample = (
            f'<span data-testid="briefing-sample" title="{escape(translate("sample.help", lang))}" '
            f'style="background:{SAMPLE_BG};color:{SAMPLE_FG};border-radius:{_px(6, scale)};'
            f"padding:{_px(1, scale)} {_px(10, scale)};margin-right:{_px(10, scale)};"
            f'font-weight:700;white-space:nowrap">{escape(translate("briefing.sample", lang))}</span>'
        )
    overdue = (
        f'<div data-testid="briefing-overdue" style="font-size:{_rem(1.05, scale)};font-weight:700;'
        f'color:{SAMPLE_FG};line-height:1.45">{escape(slide.overdue)}</div>'
        if slide.overdue
        else ""
    )
    return (
        f'<div data-testid="briefing-asof" style="font-size:{_rem(1.05, scale)};color:{MUTED};line-height:1.45">'
        f"{sample}{escape(slide.as_of_line)}</div>{overdue}"
    )


def _parts(text: str) -> str:
    """Escaped `text` that wraps between its ' · ' parts first: each part is an inline block, which moves to the
    next line whole when it fits there and wraps inside itself only when it is wider than the tile."""
    parts = text.split(" · ")
    blocks = [escape(parts[0])] + [f"· {escape(part)}" for part in parts[1:]]  # "·" starts a part, never dangles
    return " ".join(f'<span style="display:inline-block">{block}</span>' for block in blocks)


def _em_width(text: str) -> float:
    """Rough width in em of bold Noto Sans: Hangul ~1.0, digits and Latin ~0.62, punctuation and spaces ~0.3."""
    return sum(1.0 if ord(ch) >= 0x1100 else 0.3 if ch in " .,:%-+()" else 0.62 for ch in text)


def value_font_size(texts: list[str], scale: float = 1.0, largest: float = 3.4) -> str:
    """One CSS size for a row of figures: the largest at which the widest fits its tile (cqw = 1% of the tile's
    width), at most `largest` rem (times the screen's scale); the same for every tile, so the row reads evenly."""
    width = max([_em_width(text) for text in texts] + [1.0])
    return f"min({_rem(largest, scale)}, {max(6.0, 94 / width):.1f}cqw)"


def label_font_size(texts: list[str], scale: float = 1.0, largest: float = 1.15) -> str:
    """One CSS size for a row of labels: `largest` rem where the longest fits its tile, else smaller so that it
    still fits whole ("아기유니콘 (최고 선정)" in a tile of six at 1280 px) instead of ending in an ellipsis."""
    width = max([_em_width(text) for text in texts] + [1.0])
    return f"min({_rem(largest, scale)}, {max(4.0, 80 / width):.1f}cqw)"


def _tile(headline: Headline, size: str, scale: float, compact: bool, label_size: str | None = None) -> str:
    detail = (
        f'<div data-testid="briefing-detail" style="font-size:{_rem(1, scale)};color:{MUTED};line-height:1.3">'
        f"{_parts(headline.detail)}</div>"
        if headline.detail
        else ""
    )
    label_style = (
        f"font-size:{label_size or _rem(1.15, scale)};font-weight:600;color:{MUTED};white-space:nowrap;overflow:hidden;"
        "text-overflow:ellipsis"
    )
    # compact (a slide whose list is its point): label and number on one line, the number no larger than the list
    layout = "display:flex;align-items:center;justify-content:space-between;gap:12px;" if compact else ""
    return (
        f'<div data-testid="briefing-figure" style="flex:1 1 0;min-width:0;container-type:inline-size;{layout}'
        f"border:{_px(2, scale)} solid {MUTED};border-left:{_px(10, scale)} solid {ACCENT};"
        f'border-radius:{_px(8, scale)};padding:{_px(6, scale)} {_px(14, scale)};background:#ffffff">'
        f'<div data-testid="briefing-label" style="{label_style}">{escape(headline.label)}</div>'
        f'<div data-testid="briefing-value" style="font-size:{size};font-weight:800;'
        f"line-height:1.15;"
        f'color:{TEXT};white-space:nowrap">{escape(headline.value)}</div>'
        f"{detail}</div>"
    )


def figures_html(slide: Slide, scale: float = 1.0) -> str:
    """The slide's headline figures side by side, then its note (or, for an empty slide, why it is empty), then its
    list. With a list the figures are small tiles: the list is what the slide is about."""
    compact = bool(slide.items)
    size = value_font_size([h.value for h in slide.headlines], scale, largest=1.8 if compact else 3.4)
    # compact tiles put label and number on one line: the label's size is not tied to the tile's width there
    label_size = None if compact else label_font_size([h.label for h in slide.headlines], scale)
    tiles = "".join(_tile(h, size, scale, compact, label_size) for h in slide.headlines)
    # class "briefing-figures": one figure to a row on a phone (ui.phone)
    row = (
        f'<div class="briefing-figures" style="display:flex;gap:{_px(16, scale)};align-items:stretch;'
        f'margin-top:{_px(8, scale)}">{tiles}</div>'
        if tiles
        else ""
    )
    note = (
        f'<div data-testid="briefing-note" style="font-size:{_rem(1.05, scale)};color:{MUTED};'
        f'margin-top:{_px(6, scale)};line-height:1.3">{_parts(slide.note)}</div>'
        if slide.note
        else ""
    )
    return row + items_html(slide, scale) + note if compact else row + note


def items_html(slide: Slide, scale: float = 1.0) -> str:
    """The slide's list (programme, warnings, 사유 and 대책), every text escaped and wrapping on a narrow screen."""
    if not slide.items:
        return ""
    entries = (
        ListEntry(
            item.title,
            tuple(("line", line) for line in item.lines) + ((("source", item.source),) if item.source else ()),
            item.flags,
        )
        for item in slide.items
    )
    return list_html(entries, items_look(scale))


def body_html(slide: Slide, lang: str, scale: float = 1.0) -> str:
    """Sources line, figures and note in one block (one element: no gaps between them)."""
    return sources_html(slide, lang, scale) + figures_html(slide, scale)
