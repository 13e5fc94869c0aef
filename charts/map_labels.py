"""Labels that never overlap (#25): placed in screen space for the map's opening view, by priority, each tried at a
few spots around its point; a label that fits nowhere is left out (its thing stays reachable by click and in the
lists beside the map) rather than drawn over another.

Pure geometry, no deck.gl: the map (charts/map.py) gives each label's point, size and priority, this returns the
labels to draw with their pixel offsets, and the tests measure the same boxes.

Screen space is deck.gl's Web Mercator: a 512-px world at zoom 0, the view's centre in the middle of the map
(`Screen`); for the briefing's still map (briefing/map_snapshot.py) it is Vega's Mercator projection fitted to the
map's bounds (`FittedMercator`, d3-geo's fitSize).
A label's box is a conservative estimate of what deck.gl draws: a wide (Hangul, CJK) character 1 em, any other
0.65 em, lines 1.2 em, plus the background's padding; a turned label (a road) takes the box around its turned box.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

PADDING_X = 4  # the label background's padding (3 px) and a pixel to spare, each side
PADDING_Y = 2
GAP = 2  # room kept between a label and its marker
LINE_HEIGHT = 1.2
MAX_LINE_EM = 9.0  # longer names wrap between words


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def intersects(self, other: Box) -> bool:
        return (
            self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom
        )

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


@dataclass
class Label:
    """A label to place: its text, where (lon, lat, or several points for a road), size in px, priority (higher
    first), angle (degrees, counter-clockwise), and the radius of the marker it names (0: none)."""

    text: str
    points: list[tuple[float, float]]
    size: float
    priority: int
    angle: float = 0.0
    marker_px: float = 0.0
    angles: list[float] = field(default_factory=list)  # one per point for a road; else `angle` for all


def char_em(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.65


def text_em(line: str) -> float:
    return sum(char_em(ch) for ch in line)


def wrap(text: str, max_em: float = MAX_LINE_EM) -> str:
    """Words on lines of at most `max_em` (a longer word stays whole); existing line breaks kept."""
    out: list[str] = []
    for paragraph in str(text).split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and text_em(candidate) > max_em:
                out.append(line)
                line = word
            else:
                line = candidate
        out.append(line)
    return "\n".join(out)


def text_size(text: str, size: float) -> tuple[float, float]:
    """(width, height) in px of a label as drawn, background included."""
    lines = str(text).split("\n")
    width = max(text_em(line) for line in lines) * size + 2 * PADDING_X
    height = len(lines) * size * LINE_HEIGHT + 2 * PADDING_Y
    return width, height


def label_box(x: float, y: float, text: str, size: float, angle: float = 0.0) -> Box:
    """The box of a label centred on (x, y) px, turned by `angle`° (the box around the turned box)."""
    width, height = text_size(text, size)
    a = math.radians(angle)
    half_w = (abs(math.cos(a)) * width + abs(math.sin(a)) * height) / 2
    half_h = (abs(math.sin(a)) * width + abs(math.cos(a)) * height) / 2
    return Box(x - half_w, y - half_h, x + half_w, y + half_h)


@dataclass(frozen=True)
class Screen:
    """A map's opening view: centre (lon, lat), zoom, and the map's size in px."""

    longitude: float
    latitude: float
    zoom: float
    width: float
    height: float

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        scale = 512 * 2**self.zoom

        def y(latitude: float) -> float:
            return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2)) / (2 * math.pi)

        return (
            self.width / 2 + (lon - self.longitude) / 360 * scale,
            self.height / 2 - (y(lat) - y(self.latitude)) * scale,
        )


@dataclass(frozen=True)
class FittedMercator:
    """Vega's (d3-geo's) Mercator projection fitted to the box `west`…`east` × `south`…`north` (lon/lat) in a
    plot `width` × `height` px: `projection.fitSize([width, height], MultiPoint of the two corners)`, as a
    Vega-Lite chart does with `project(type="mercator", fit=…)`."""

    west: float
    south: float
    east: float
    north: float
    width: float
    height: float

    @staticmethod
    def _raw(lon: float, lat: float) -> tuple[float, float]:  # d3's geoMercatorRaw at scale 150, y down
        return 150 * math.radians(lon), -150 * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    def _fit(self) -> tuple[float, float, float]:
        (x0, y0), (x1, y1) = self._raw(self.west, self.north), self._raw(self.east, self.south)
        k = min(self.width / max(x1 - x0, 1e-12), self.height / max(y1 - y0, 1e-12))
        return k, (self.width - k * (x1 + x0)) / 2, (self.height - k * (y1 + y0)) / 2

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        k, tx, ty = self._fit()
        x, y = self._raw(lon, lat)
        return k * x + tx, k * y + ty


class Projection(Protocol):
    """Where a (lon, lat) is drawn on a map `width` × `height` px."""

    @property
    def width(self) -> float: ...
    @property
    def height(self) -> float: ...
    def pixel(self, lon: float, lat: float) -> tuple[float, float]: ...


@dataclass(frozen=True)
class Placed:
    label: Label
    lon: float
    lat: float
    offset: tuple[float, float]
    angle: float
    box: Box


def _spots(label: Label, width: float, height: float) -> list[tuple[float, float]]:
    """Pixel offsets to try: below, above, right and left of a marker; for a label without one, its point and
    then a line above and below it."""
    if label.marker_px > 0:
        r = label.marker_px + GAP
        d = r * 0.7  # a diagonal spot: the box's corner just off the marker
        return [
            (0, r + height / 2),
            (0, -r - height / 2),
            (r + width / 2, 0),
            (-r - width / 2, 0),
            (d + width / 2, d + height / 2),
            (-d - width / 2, d + height / 2),
            (d + width / 2, -d - height / 2),
            (-d - width / 2, -d - height / 2),
            *((0, r + height * (k + 0.5)) for k in (1, 2, 3)),  # farther out below (a phone's crowded row)
            *((0, -r - height * (k + 0.5)) for k in (1, 2)),
        ]
    return [(0, 0), (0, -height * 0.75), (0, height * 0.75)]


def _options(label: Label, screen: Projection) -> list[Placed]:
    """Every spot a label may take inside the map, in order of preference."""
    width, height = text_size(label.text, label.size)
    angles = label.angles or [label.angle] * len(label.points)
    found = []
    for (lon, lat), angle in zip(label.points, angles, strict=True):
        x, y = screen.pixel(lon, lat)
        for dx, dy in _spots(label, width, height):
            box = label_box(x + dx, y + dy, label.text, label.size, angle)
            if box.inside(screen.width, screen.height):
                found.append(Placed(label, lon, lat, (dx, dy), angle, box))
    return found


def _all_of(tier: list[list[Placed]], taken: list[Box], budget: list[int]) -> list[Placed] | None:
    """One spot for every label of a tier, clear of each other and of `taken` (depth first, first spots first);
    None when there is none (or the search ran out of `budget` steps)."""
    if not tier:
        return []
    for option in tier[0]:
        budget[0] -= 1
        if budget[0] < 0:
            return None
        if any(option.box.intersects(other) for other in taken):
            continue
        rest = _all_of(tier[1:], [*taken, option.box], budget)
        if rest is not None:
            return [option, *rest]
    return None


SEARCH_STEPS = 20_000  # per priority tier: enough for a district's facilities, bounded for a long list


def place(labels: Iterable[Label], screen: Projection, obstacles: Iterable[Box] = ()) -> list[Placed]:
    """Labels by priority, each tier (labels of one priority) at spots inside the map and clear of every label
    already placed and of every obstacle (the markers): all of the tier if some choice of spots fits them all,
    else one by one (as given) at each one's first free spot, the others left out."""
    blocked = list(obstacles)
    taken: list[Box] = []
    placed: list[Placed] = []
    tiers: dict[int, list[Label]] = {}
    for label in labels:
        tiers.setdefault(label.priority, []).append(label)
    for priority in sorted(tiers, reverse=True):
        options = [
            [o for o in _options(label, screen) if not any(o.box.intersects(b) for b in blocked)]
            for label in tiers[priority]
        ]
        whole = _all_of(options, taken, [SEARCH_STEPS]) if all(options) else None
        if whole is None:
            whole = []
            for choices in options:
                free = next((o for o in choices if not any(o.box.intersects(b) for b in taken)), None)
                if free is not None:
                    whole.append(free)
                    taken.append(free.box)
        else:
            taken += [o.box for o in whole]
        placed += whole
    return placed


def marker_box(x: float, y: float, radius: float) -> Box:
    return Box(x - radius, y - radius, x + radius, y + radius)
