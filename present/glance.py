"""The overview's at-a-glance grid for phones: the headline figures, two to a row, each with its change.

Pure functions (no Streamlit): the page passes `glance_html` to `st.html`. All text is escaped. The grid's look
lives with the other narrow-screen rules in `ui.phone` (one place for such CSS)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from metrics import overview
from metrics.figures import Figure

from . import format as fmt


@dataclass(frozen=True)
class Glance:
    """One small tile: "집행률 / 75.9% / ▲ +8.9%p 전월 대비 / 목표 90%"."""

    label: str
    value: str
    change: str | None = None  # "+8.9%p"; None when there is no earlier figure
    trend: str = "flat"  # "good", "bad" or "flat": the change's colour
    arrow: str = "–"  # ▲ a rise, ▼ a fall (whichever is good), – no change
    since: str | None = None  # what the change is measured against: "전월 대비"
    note: str | None = None  # a target, or where the figure stands
    figure: Figure | None = field(default=None, compare=False)  # the tile's figure: its 출처 under the grid


def glance(
    label: str,
    tile: overview.Tile,
    lang: str,
    since: str,
    note: str | None = None,
    value: str | None = None,
    lower_is_better: bool = False,
) -> Glance:
    """A tile's figure and its change against the previous period, written for `lang` (`value` overrides the
    figure as written); a rise is good unless `lower_is_better` (e.g. programmes behind pace)."""
    figure, change = tile.figure, overview.change(tile)
    text = value if value is not None else fmt.figure_value(figure.value, figure.unit, lang, tile=True)
    if change is None or change.value is None:
        return Glance(label, text, note=note, figure=figure)
    trend = "flat" if change.value == 0 else "good" if (change.value > 0) != lower_is_better else "bad"
    arrow = "–" if change.value == 0 else "▲" if change.value > 0 else "▼"
    written = fmt.figure_value(change.value, change.unit, lang, signed=True, tile=True)
    return Glance(label, text, written, trend, arrow, since, note, figure)


def glance_html(items: list[Glance], scope: str | None = None) -> str:
    """The tiles as one grid (two to a row on a phone: `ui.phone`), every text escaped, under the line saying what
    period the figures add up (`scope`, issue #37)."""
    cells = [f'<div class="glance-scope" data-testid="glance-scope">{escape(scope)}</div>'] if scope else []
    for item in items:
        change = ""
        if item.change is not None:
            since = f' <span class="glance-since">{escape(item.since)}</span>' if item.since else ""
            change = (
                f'<div class="glance-change"><span class="glance-{item.trend}">{item.arrow} {escape(item.change)}'
                f"</span>{since}</div>"
            )
        note = f'<div class="glance-note">{escape(item.note)}</div>' if item.note else ""
        cells.append(
            f'<div class="glance-tile" data-testid="glance-tile"><div class="glance-label">{escape(item.label)}</div>'
            f'<div class="glance-value" data-testid="glance-value">{escape(item.value)}</div>{change}{note}</div>'
        )
    return f'<div class="glance" data-testid="overview-glance">{"".join(cells)}</div>'
