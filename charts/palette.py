"""One colour per sector, status, stage and funding source, the same on every page and chart.

Colours come from the Okabe–Ito palette, which stays distinguishable for the common colour-vision
deficiencies and on projectors.

Contrast (#17, WCAG 2.1 1.4.11): a mark that carries meaning (a bar, a line, a map symbol) has at least 3:1
against the white chart background. Okabe–Ito's light tones do not (orange 2.2:1, sky blue 2.3:1, yellow 1.3:1),
so those are the nearest darker colour of the same hue and saturation that does (HLS lightness lowered until
3:1): orange #E69F00 → #C68900, sky blue #56B4E9 → #239DE2, yellow #F0E442 → #A2970D; the neutral grey
#8C96A3 (2.997:1) → #8B95A3 and the "planned" tone #A6C8E8 (1.7:1) → #5B99D5. Text in charts is
TEXT (#1c2430, 15.6:1). tests/test_chart_contrast.py checks every colour here and those written in charts/.
"""

from __future__ import annotations

import altair as alt

from metrics.ordering import configured_order
from program import load_program

OKABE_ITO = ["#0072B2", "#C68900", "#009E73", "#CC79A7", "#239DE2", "#D55E00", "#A2970D", "#000000"]
NEUTRAL = "#8B95A3"  # anything outside a known list (e.g. a sector the configuration does not name)

# Planned vs executed money: a light and a strong tone of one hue read as "plan" and "actual".
PLANNED = "#5B99D5"
EXECUTED = "#0072B2"
TARGET = "#D55E00"  # target lines and pace references
WARNING = "#D55E00"
TARGET_TEXT = "#C35600"  # target labels written in TARGET's hue: #D55E00 is 3.9:1 on white, this 4.5:1
TEXT = "#1c2430"  # the theme's text colour: titles, labels and text in charts
# Axis and legend text: Streamlit's chart theme draws it in #808495, 3.7:1 on white; the nearest of that grey-blue
# with 4.5:1 (ui.chart_export sets it on every chart's config).
AXIS_TEXT = "#717688"
BACKGROUND = "#FFFFFF"  # charts are drawn on white
MARK_CONTRAST = 3.0  # WCAG 1.4.11 non-text contrast, for marks that carry meaning
TEXT_CONTRAST = 4.5  # WCAG 1.4.3, for text

STATUS_COLORS = {"계획": NEUTRAL, "공사중": "#C68900", "준공": "#239DE2", "운영": "#009E73"}
FUNDING_COLORS = {"국비": "#0072B2", "시비": "#009E73", "민자": "#C68900", "기타": NEUTRAL}


def sector_colors() -> dict[str, str]:
    return dict(zip(load_program().industries, OKABE_ITO, strict=False))


def stage_colors() -> dict[str, str]:
    """K-Unicorn stages (never selected, then the ladder's programmes): the grey of "nothing" for never selected,
    and stronger hues up the ladder."""
    return dict(zip(load_program().stages, [NEUTRAL, "#239DE2", "#0072B2", "#CC79A7"], strict=False))


def color_scale(mapping: dict[str, str], present: list[str] | None = None) -> alt.Scale:
    """An Altair scale fixing each known value's colour; unknown values present get the neutral grey."""
    domain = configured_order(present or [], mapping, rest="seen", keep_configured=True)
    return alt.Scale(domain=domain, range=[mapping.get(v, NEUTRAL) for v in domain])


def hex_to_rgb(color: str, alpha: int = 255) -> list[int]:
    """'#0072B2' → [0, 114, 178, alpha], as pydeck layers want colours."""
    color = color.lstrip("#")
    return [int(color[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def relative_luminance(color: str) -> float:
    """WCAG 2.1 relative luminance of '#RRGGBB'."""
    channels = [c / 255 for c in hex_to_rgb(color)[:3]]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(fill: str) -> str:
    """White or the theme's text colour, whichever reads on `fill` (white only when it has 4.5:1)."""
    return "white" if contrast_ratio("#FFFFFF", fill) >= TEXT_CONTRAST else TEXT
