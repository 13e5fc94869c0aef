"""One definition of each site kind's map symbol (#27), used by the map page (a glyph in a deck.gl TextLayer,
charts/map.py) and by the briefing's still map (a Vega point shape, briefing/map_snapshot.py): a 부지 is the same
hollow circle on the screen, on the slide and in the PDF pack.

`shape` is a Vega-Lite point shape: a built-in name or an SVG path in a [-1, 1] box (Vega's custom shapes).
`filled` False draws the outline only (in the status colour), as the hollow glyph does.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteSymbol:
    glyph: str  # the character drawn on the page
    shape: str  # the same figure as a Vega point shape
    filled: bool = True


_STAR = "M0,-1L0.225,-0.31L0.951,-0.309L0.363,0.118L0.588,0.809L0,0.382L-0.588,0.809L-0.363,0.118L-0.951,-0.309L-0.225,-0.31Z"
_HEXAGON = "M0,-1L0.866,-0.5L0.866,0.5L0,1L-0.866,0.5L-0.866,-0.5Z"

SITE_SYMBOLS: dict[str, SiteSymbol] = {
    "데이터센터": SiteSymbol("■", "square"),
    "실증센터": SiteSymbol("◆", "diamond"),
    "창업동": SiteSymbol("▲", "triangle-up"),
    "기업": SiteSymbol("★", _STAR),
    "부지": SiteSymbol("○", "circle", filled=False),
    "기타": SiteSymbol("⬢", _HEXAGON),
}
OTHER_SYMBOL = SiteSymbol("●", "circle")  # a kind outside the contract (never accepted by the loader)


def site_symbol(kind: object) -> SiteSymbol:
    return SITE_SYMBOLS.get(str(kind), OTHER_SYMBOL)
