"""One colour per sector, status, stage and funding source, the same on every page and chart.

Colours come from the Okabe–Ito palette, which stays distinguishable for the common colour-vision
deficiencies and on projectors.
"""

from __future__ import annotations

import altair as alt

from metrics.ordering import configured_order
from program import load_program

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
NEUTRAL = "#8C96A3"  # anything outside a known list (e.g. a sector the configuration does not name)

# Planned vs executed money: a light and a strong tone of one hue read as "plan" and "actual".
PLANNED = "#A6C8E8"
EXECUTED = "#0072B2"
TARGET = "#D55E00"  # target lines and pace references
WARNING = "#D55E00"

STATUS_COLORS = {"계획": "#8C96A3", "공사중": "#E69F00", "준공": "#56B4E9", "운영": "#009E73"}
FUNDING_COLORS = {"국비": "#0072B2", "시비": "#009E73", "민자": "#E69F00", "기타": "#8C96A3"}


def sector_colors() -> dict[str, str]:
    return dict(zip(load_program().industries, OKABE_ITO))


def stage_colors() -> dict[str, str]:
    return dict(zip(load_program().stages, ["#56B4E9", "#0072B2", "#CC79A7"]))


def color_scale(mapping: dict[str, str], present: list[str] | None = None) -> alt.Scale:
    """An Altair scale fixing each known value's colour; unknown values present get the neutral grey."""
    domain = configured_order(present or [], mapping, rest="seen", keep_configured=True)
    return alt.Scale(domain=domain, range=[mapping.get(v, NEUTRAL) for v in domain])


def hex_to_rgb(color: str, alpha: int = 255) -> list[int]:
    """'#0072B2' → [0, 114, 178, alpha], as pydeck layers want colours."""
    color = color.lstrip("#")
    return [int(color[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]
