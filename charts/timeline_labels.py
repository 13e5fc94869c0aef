"""Milestone titles on the programme timeline that never overlap (issue #37: 3 of about 25 were written, and the
"오늘" line cut two of them): placed greedily in lanes above and below the milestones' diamonds, nearest today
first, each title starting or ending at its diamond; a title that fits in no lane is left out of the picture and
listed in the table under it. Like the map's names (`charts.map_labels`), boxes are measured from the text (a wide
character 1 em, any other 0.65 em) at the size drawn, in the pixels of a plot `width` wide: a wider plot only
leaves more room.

The geometry follows the chart (`charts.overview.timeline_chart`): two lanes of equal height (the phases, then the
milestones), the phase bar `BAR_PX` tall in the middle of the first, the diamonds in the middle of the second.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .map_labels import Box, text_em

BAR_PX = 30  # the phase bar's height (charts.overview)
DIAMOND_GAP = 10  # px between a diamond's centre and the nearest lane of titles
CLEARANCE = 3  # px kept between two titles, and between a title and the today line
PITCH = 1.35  # a lane's height, in the titles' font size
TODAY_BOX_EM = 2.6  # "오늘" (or "Today") at the top of the today line, bold


@dataclass(frozen=True)
class Lane:
    """A row of titles: `above` the diamonds or below them, `index` 0 nearest them."""

    above: bool
    index: int


@dataclass(frozen=True)
class PlacedTitle:
    row: int  # the milestone's position in the frame given
    lane: Lane
    starts_at_diamond: bool  # True: the title runs right from its diamond (align left); False: it ends there
    box: Box
    dx: float = 0.0  # px the title is moved off its diamond: a diamond by the today line, the title past the line


def lanes(height: float, font_px: float) -> list[Lane]:
    """The lanes that fit a plot `height` px tall: above the diamonds up to the phase bar, below them down to the
    axis; nearest the diamonds first, alternating above and below."""
    pitch = font_px * PITCH
    above = int((height / 2 - BAR_PX / 2 - DIAMOND_GAP - font_px - 2) // pitch) + 1
    below = int((height / 4 - DIAMOND_GAP - font_px) // pitch) + 1
    out = []
    for index in range(max(above, below, 0)):
        if index < above:
            out.append(Lane(True, index))
        if index < below:
            out.append(Lane(False, index))
    return out


def offset(lane: Lane, font_px: float) -> float:
    """The title's dy from its diamond (Vega: baseline "bottom" above the diamonds, "top" below them)."""
    step = DIAMOND_GAP + lane.index * font_px * PITCH
    return -step if lane.above else step


def _box(x: float, width: float, lane: Lane, starts: bool, diamond_y: float, font_px: float) -> Box:
    dy = offset(lane, font_px)
    top, bottom = (
        (diamond_y + dy - font_px, diamond_y + dy) if lane.above else (diamond_y + dy, diamond_y + dy + font_px)
    )
    left, right = (x, x + width) if starts else (x - width, x)
    return Box(left, top, right, bottom)


def _off_today(x: float, starts: bool, today_x: float) -> float:
    """Where a title's end at its diamond goes: the diamond itself, or just past the today line when the diamond is
    beside it on the side the title runs to (a milestone of last week, or next week, keeps its title)."""
    margin = CLEARANCE + 1
    if starts and today_x - margin < x <= today_x + margin:
        return today_x + margin
    if not starts and today_x - margin <= x < today_x + margin:
        return today_x - margin
    return x


def place_titles(
    dates: list[pd.Timestamp],
    titles: list[str],
    domain: tuple[pd.Timestamp, pd.Timestamp],
    today: dt.date,
    width: float,
    height: float,
    font_px: float,
) -> list[PlacedTitle]:
    """Which titles the timeline writes and where: nearest today first (the next ones, then the latest ones), each
    in the first lane where its box stays inside the plot, clear of every title already placed, of the today line
    and of its "오늘" mark."""
    span = (domain[1] - domain[0]).total_seconds() or 1.0

    def x_of(when: pd.Timestamp) -> float:
        return (when - domain[0]).total_seconds() / span * width

    today_x = x_of(pd.Timestamp(today))
    diamond_y = height * 3 / 4
    obstacles = [Box(today_x, 0, today_x + TODAY_BOX_EM * font_px, font_px * 1.3)]  # "오늘" at the line's top
    when = pd.Timestamp(today)
    order = sorted(range(len(dates)), key=lambda i: (abs((dates[i] - when).days), dates[i] < when))
    placed: list[PlacedTitle] = []
    for i in order:
        x, text_width = x_of(dates[i]), text_em(titles[i]) * font_px
        for lane in lanes(height, font_px):
            spot = _spot(x, text_width, lane, diamond_y, font_px, width, today_x, obstacles)
            if spot is not None:
                starts, box = spot
                placed.append(PlacedTitle(i, lane, starts, box, (box.left if starts else box.right) - x))
                obstacles.append(_grown(box))
                break
    return sorted(placed, key=lambda p: p.row)


def _spot(
    x: float,
    text_width: float,
    lane: Lane,
    diamond_y: float,
    font_px: float,
    width: float,
    today_x: float,
    obstacles: list[Box],
) -> tuple[bool, Box] | None:
    """(starts at its diamond, box) for the title in `lane`, or None: running right from the diamond when the plot
    has room on that side, else ending at it."""
    for starts in (x < width * 0.6, x >= width * 0.6):
        box = _box(_off_today(x, starts, today_x), text_width, lane, starts, diamond_y, font_px)
        crosses_today = box.left - CLEARANCE < today_x < box.right + CLEARANCE
        if box.left >= 0 and box.right <= width and not crosses_today and not any(box.intersects(o) for o in obstacles):
            return starts, box
    return None


def _grown(box: Box) -> Box:
    return Box(box.left - CLEARANCE, box.top - 1, box.right + CLEARANCE, box.bottom + 1)
