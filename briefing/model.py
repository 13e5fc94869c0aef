"""What a slide is, as plain data: the page and the PDF pack draw the same objects.

A `Slide` holds its title, its headline figures (each a `metrics.figures.Figure`, so every number traces to its
rows), one chart (its Vega-Lite spec in the projector theme, `briefing.theme.projector_spec`), and where its numbers come from (`Source`: dataset, as-of date, version).
Builders get a `BriefingData`: the latest frame and version of every dataset, the language and today's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

import clock
from metrics.figures import Figure


@dataclass(frozen=True)
class DataVersion:
    """The stored version a slide's figures come from (the parts of `store.Version` a slide shows)."""

    dataset: str
    number: int
    created_at: dt.datetime
    is_sample: bool = False

    @property
    def uploaded_on(self) -> dt.date:
        """The city's date of the upload (clock.py), as `store.Version.uploaded_on`."""
        return clock.in_city(self.created_at).date()

    @classmethod
    def of(cls, version: object) -> DataVersion:
        """From a `store.Version` (or anything with the same attributes)."""
        return cls(version.dataset, version.number, version.created_at, bool(version.is_sample))  # type: ignore[attr-defined]


@dataclass(frozen=True)
class BriefingData:
    """Everything slide builders read: frames and versions by dataset, the language, and today."""

    frames: dict[str, pd.DataFrame | None]
    versions: dict[str, DataVersion]
    lang: str = "ko"
    today: dt.date = field(default_factory=lambda: clock.today())
    # The data as it stood at `since` (e.g. the last briefing), for the what-changed slide; empty when not asked.
    since: dt.date | None = None
    earlier_frames: dict[str, pd.DataFrame | None] = field(default_factory=dict)
    earlier_versions: dict[str, DataVersion] = field(default_factory=dict)

    def frame(self, dataset: str) -> pd.DataFrame | None:
        frame = self.frames.get(dataset)
        return None if frame is None or frame.empty else frame


@dataclass(frozen=True)
class Source:
    """One dataset behind a slide: the date its figures speak for, and the stored version they were read from."""

    dataset: str
    as_of: dt.date | None  # the data's own date (budget, jobs, companies), else the upload date; None: not known
    version: DataVersion


@dataclass(frozen=True)
class Headline:
    """One big number on a slide: its label, the figure, the figure written out, and a line under it."""

    label: str
    figure: Figure
    value: str  # the figure formatted for the slide's language (fmt.figure_value)
    detail: str | None = None  # e.g. "목표 90% · 전월 대비 +8.1%p"


@dataclass(frozen=True)
class SlideItem:
    """One entry of a slide's list (the lagging programmes' 사유·대책): a bold title, warnings, lines of text.
    Plain text from the data: the page escapes it, the PDF writes it as is."""

    title: str
    lines: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    source: str = ""  # where the text comes from ("담당: 인공지능산업과"), smaller under the lines


@dataclass(frozen=True)
class Slide:
    key: str  # stable id, also accepted by the `slide` URL parameter
    title: str
    headlines: tuple[Headline, ...] = ()
    chart: dict[str, Any] | None = None  # Vega-Lite, projector theme
    sources: tuple[Source, ...] = ()
    as_of_line: str = ""  # "기준: 예산 집행 2026년 11월 (버전 3) · 목표 (버전 1)"
    note: str | None = None  # a sentence under the figures, or why the slide is empty
    overdue: str | None = None  # "일자리 자료가 2026년 10월 기준입니다: …" under the as-of line (present.freshness)
    items: tuple[SlideItem, ...] = ()  # a list under the figures (the 부진 사업과 대책 slide)

    @property
    def is_sample(self) -> bool:
        return any(s.version.is_sample for s in self.sources)

    @property
    def as_of(self) -> dt.date | None:
        """The latest as-of date among the slide's sources."""
        dates = [s.as_of for s in self.sources if s.as_of is not None]
        return max(dates) if dates else None
