""" "Configured order, then the rest": the one rule for listing values the programme configures (industries,
strategies, funding sources, stages, statuses) next to values the data brings that the configuration does not know.

Pure (no Streamlit); used by metrics, charts, views and briefing alike.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, Final, Literal

import pandas as pd

SORTED: Final = "sorted"
SEEN: Final = "seen"


def _missing(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # list-like values: not a missing scalar
        return False


def configured_order(
    values: Iterable[Hashable],
    configured: Iterable[Hashable],
    *,
    rest: Literal["sorted", "seen"] = SORTED,
    keep_configured: bool = False,
) -> list:
    """The distinct `values`: first those in `configured`, in configured order; then the values the configuration
    does not know, sorted (`rest="sorted"`, the default) or in the order first seen in `values` (`rest="seen"`).

    Missing values (None, NaN, pd.NA, NaT) are left out. With `keep_configured`, every configured value is listed
    even when `values` lacks it (e.g. a colour scale's domain or a filter offering every funding source).
    """
    configured = list(dict.fromkeys(c for c in configured if not _missing(c)))
    present = list(dict.fromkeys(v for v in values if not _missing(v)))
    present_set = set(present)
    known = configured if keep_configured else [c for c in configured if c in present_set]
    known_set = set(configured)
    others: list[Any] = [v for v in present if v not in known_set]
    if rest == SORTED:
        others = sorted(others)
    elif rest != SEEN:
        raise ValueError(f"rest must be {SORTED!r} or {SEEN!r}, not {rest!r}")
    return known + others


def positions(order: Iterable[Hashable]) -> dict:
    """Each value's place in `order` (0, 1, …): a sort key for `DataFrame.sort_values(key=lambda c: c.map(...))`."""
    return {value: i for i, value in enumerate(order)}
