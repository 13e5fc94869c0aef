"""The deck: an ordered registry of slide builders.

A slide is a function `BriefingData -> Slide` registered with `@slide(key, order=...)`. The deck shows the
registered slides by `order` (then key); numbers in the `slide` URL parameter count from 1 in that order, so
give a new slide an order after the existing ones to keep bookmarks pointing where they did:

    from briefing.registry import slide

    @slide("changes", order=60)
    def changes_slide(data: BriefingData) -> Slide:
        ...

Modules holding slides are listed in SLIDE_MODULES and imported on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from .model import BriefingData, Slide

SLIDE_MODULES = ("briefing.slides", "briefing.reasons_slide", "briefing.agreements_slide", "briefing.changes_slide")

Builder = Callable[[BriefingData], Slide]


@dataclass(frozen=True)
class SlideSpec:
    key: str
    order: int
    build: Builder


_REGISTRY: dict[str, SlideSpec] = {}


def slide(key: str, order: int) -> Callable[[Builder], Builder]:
    """Register the decorated builder as the deck's slide `key`, placed by `order`."""

    def register(build: Builder) -> Builder:
        existing = _REGISTRY.get(key)
        if existing is not None and existing.build.__qualname__ != build.__qualname__:
            raise KeyError(f"slide {key!r} registered twice ({existing.build.__module__}, {build.__module__})")
        _REGISTRY[key] = SlideSpec(key, order, build)
        return build

    return register


def specs() -> list[SlideSpec]:
    """The registered slides in deck order."""
    for module in SLIDE_MODULES:
        importlib.import_module(module)
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.key))


def build_deck(data: BriefingData) -> list[Slide]:
    """Every slide of the deck, built from `data` (a slide whose data is missing says so; it is never left out,
    so slide numbers stay the same for bookmarks)."""
    return [spec.build(data) for spec in specs()]


def slide_index(value: str | None, deck_keys: list[str]) -> int:
    """The 0-based slide for a `slide` URL parameter: a 1-based number or a slide key; 0 when absent or unknown."""
    if not value:
        return 0
    value = value.strip()
    if value in deck_keys:
        return deck_keys.index(value)
    try:
        number = int(value)
    except ValueError:
        return 0
    return min(max(number, 1), len(deck_keys)) - 1 if deck_keys else 0
