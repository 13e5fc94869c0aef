"""A chart's text alternative: what it shows, in the session's language (#17).

Vega-Lite writes a spec's `description` on the drawn chart as its accessible name (aria-label), so a screen reader
announces "차트: 월별 누계 집행. 2026년 6월까지 집행률 72.3%, …" instead of an unnamed picture. Each builder in
charts/ calls `described` with a one- or two-sentence summary of its data; numbers are formatted by `ui.format`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

import altair as alt
import pandas as pd

from present.i18n import translate

C = TypeVar("C", bound=alt.TopLevelMixin)


def title_text(title: object) -> str:
    """The text of a chart title given as a string or an `alt.Title`."""
    if isinstance(title, alt.Title):
        title = title.text
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return str(title)


def description(title: object, summary: str, lang: str) -> str:
    """ "차트: {title}. {summary}" in `lang` (a chart without data says so)."""
    return translate(
        "chart.desc", lang, title=title_text(title), summary=summary or translate("chart.desc.empty", lang)
    )


def described(chart: C, title: object, summary: str, lang: str) -> C:
    """`chart` with its `description` set (see `description`)."""
    return chart.properties(description=description(title, summary, lang))


def listing(items: list[str], lang: str) -> str:
    """Items of a sentence, joined: "가, 나, 다" / "a, b, c"."""
    return ", ".join(items)


def rows_of(frame: pd.DataFrame, index: bool = True) -> Iterator[Any]:
    """`frame.itertuples(index=index)`, each row typed as any (its fields are the frame's columns)."""
    return frame.itertuples(index=index)


def cell(frame: pd.DataFrame, label: Any, column: str) -> Any:
    """`frame.loc[label, column]` for a label from `idxmax()`/`idxmin()` (typed as any hashable)."""
    return frame.loc[label, column]


def layered(*charts: Any, **kwargs: Any) -> alt.LayerChart:
    """`alt.layer(*charts, **kwargs)`, typed: our layers carry no facet encodings, so it is always a LayerChart."""
    chart = alt.layer(*charts, **kwargs)
    assert isinstance(chart, alt.LayerChart)
    return chart
