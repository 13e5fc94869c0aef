"""Briefing mode: a deck of slides (one story each) built as plain data, shown full-screen and printed as a PDF.

- `briefing.model`: Slide, Headline, Source, BriefingData.
- `briefing.registry`: the ordered slide registry (`@slide(key, order)`), `build_deck(data)`, `slide_index(...)`.
- `briefing.slides`: the built-in slides (overview, budget, jobs, pipeline).
- `briefing.theme`: the projector chart theme.
- `briefing.pdf`: the briefing pack (`briefing_pdf(deck, lang, made_at)`).
"""

from .model import BriefingData, DataVersion, Headline, Slide, Source
from .registry import build_deck, slide, slide_index, specs

__all__ = ["BriefingData", "DataVersion", "Headline", "Slide", "Source", "build_deck", "slide", "slide_index", "specs"]
