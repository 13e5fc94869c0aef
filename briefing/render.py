"""A slide's title, sources line and figures as HTML for `st.html`: large type, black on white, all text escaped.

Pure functions (no Streamlit): the page passes their output to `st.html`. Sizes are chosen so that at 1280×720
the title row, up to four figures and the chart fit on one screen, and the figures read from the back of a room.
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
ITEMS = ListLook(  # the slide's 사유·대책 list: warnings beside the title, the lines muted under it
    list_attributes='data-testid="briefing-items" style="font-size:1.05rem;line-height:1.35;margin-top:8px"',
    item_testid="briefing-item",
    item_style="padding:4px 0;border-bottom:1px solid #d0d4da",
    title_style=f"font-weight:800;color:{TEXT};overflow-wrap:anywhere",
    flag_testid="briefing-item-flag",
    flag_style=f"color:{SAMPLE_FG};font-weight:700;margin-left:12px",
    flags_in_title=True,
    lines_style=f"color:{MUTED}",
)


def title_html(slide: Slide, number: int, total: int, lang: str) -> str:
    """'2 / 5' and the slide's title on one line."""
    position = escape(translate("briefing.position", lang, number=number, total=total))
    return (
        f'<div data-testid="briefing-header" data-slide="{escape(slide.key)}" data-number="{number}" '
        f'style="display:flex;align-items:baseline;gap:18px;color:{TEXT};min-width:0">'
        f'<span data-testid="briefing-position" style="font-size:1.3rem;font-weight:700;color:{MUTED};'
        f'white-space:nowrap">{position}</span>'
        f'<span data-testid="briefing-title" style="font-size:2.1rem;font-weight:800;line-height:1.15;'
        f'white-space:nowrap;overflow:hidden;text-overflow:ellipsis">{escape(slide.title)}</span></div>'
    )


def sources_html(slide: Slide, lang: str) -> str:
    """The sample-data mark (when the figures are sample data), the as-of dates and versions, and the line saying
    which data is overdue (the overview slide only)."""
    sample = ""
    if slide.is_sample:
        sample = (
            f'<span data-testid="briefing-sample" title="{escape(translate("sample.help", lang))}" '
            f'style="background:{SAMPLE_BG};color:{SAMPLE_FG};border-radius:6px;padding:1px 10px;margin-right:10px;'
            f'font-weight:700;white-space:nowrap">{escape(translate("briefing.sample", lang))}</span>'
        )
    overdue = (
        f'<div data-testid="briefing-overdue" style="font-size:1.05rem;font-weight:700;color:{SAMPLE_FG};'
        f'line-height:1.45">{escape(slide.overdue)}</div>'
        if slide.overdue
        else ""
    )
    return (
        f'<div data-testid="briefing-asof" style="font-size:1.05rem;color:{MUTED};line-height:1.45">'
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


def value_font_size(texts: list[str]) -> str:
    """One CSS size for a row of figures: the largest at which the widest fits its tile (cqw = 1% of the tile's
    width), at most 3.4rem; the same for every tile, so the row reads evenly."""
    width = max([_em_width(text) for text in texts] + [1.0])
    return f"min(3.4rem, {max(6.0, 94 / width):.1f}cqw)"


def _tile(headline: Headline, size: str) -> str:
    detail = (
        f'<div data-testid="briefing-detail" style="font-size:1rem;color:{MUTED};line-height:1.3">'
        f"{_parts(headline.detail)}</div>"
        if headline.detail
        else ""
    )
    return (
        f'<div data-testid="briefing-figure" style="flex:1 1 0;min-width:0;container-type:inline-size;'
        f"border:2px solid {MUTED};border-left:10px solid {ACCENT};border-radius:8px;padding:6px 14px;"
        f'background:#ffffff">'
        f'<div data-testid="briefing-label" style="font-size:1.15rem;font-weight:600;color:{MUTED};white-space:nowrap;'
        f'overflow:hidden;text-overflow:ellipsis">{escape(headline.label)}</div>'
        f'<div data-testid="briefing-value" style="font-size:{size};font-weight:800;'
        f"line-height:1.15;"
        f'color:{TEXT};white-space:nowrap">{escape(headline.value)}</div>'
        f"{detail}</div>"
    )


def figures_html(slide: Slide) -> str:
    """The slide's headline figures side by side, then its note (or, for an empty slide, why it is empty)."""
    size = value_font_size([h.value for h in slide.headlines])
    tiles = "".join(_tile(h, size) for h in slide.headlines)
    # class "briefing-figures": one figure to a row on a phone (ui.phone)
    row = (
        f'<div class="briefing-figures" style="display:flex;gap:16px;align-items:stretch;margin-top:8px">{tiles}</div>'
        if tiles
        else ""
    )
    note = (
        f'<div data-testid="briefing-note" style="font-size:1.05rem;color:{MUTED};margin-top:6px;line-height:1.3">'
        f"{_parts(slide.note)}</div>"
        if slide.note
        else ""
    )
    return row + note + items_html(slide)


def items_html(slide: Slide) -> str:
    """The slide's list (programme, warnings, 사유 and 대책), every text escaped and wrapping on a narrow screen."""
    if not slide.items:
        return ""
    entries = (ListEntry(item.title, tuple(("line", line) for line in item.lines), item.flags) for item in slide.items)
    return list_html(entries, ITEMS)


def body_html(slide: Slide, lang: str) -> str:
    """Sources line, figures and note in one block (one element: no gaps between them)."""
    return sources_html(slide, lang) + figures_html(slide)
