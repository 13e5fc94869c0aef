"""The briefing pack from the store: which versions the deck shows, the data as it stood at the comparison date,
the deck, and the PDF. One road for the briefing page (which passes its cached readers) and for the command line:

    python -m briefing pack --out 브리핑.pdf [--lang ko|en] [--since 2026-10-31] [--url STORE_URL]

No Streamlit in here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

import clock
from loaders.contract import DATASETS as DATASETS_BY_NAME
from loaders.contract import briefing_datasets
from metrics.what_changed import version_at
from present.chart_png import chart_description
from present.i18n import translate

from .changes_slide import COMPARED
from .map_snapshot import LENGTH_DATA
from .model import BriefingData, DataVersion, Slide
from .pdf import briefing_pdf
from .registry import build_deck
from .theme import PICTURE_SCREENS, SCREENS, scaled

if TYPE_CHECKING:
    from store import Store, Version

DATASETS = briefing_datasets()  # what the deck's slides read
# Read when there, never required (the reasons slide lists the lagging programmes with "사유 미입력" without
# them): the registry's datasets that a pack does not wait for.
OPTIONAL = tuple(name for name in DATASETS if not DATASETS_BY_NAME[name].required_for_pack)
SINCE_DAYS = 30  # the what-changed slide compares with about a month ago: the usual gap between briefings


class PackDataMissing(Exception):
    """The store lacks data the pack needs; the message (Korean) names it."""


def default_since(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=SINCE_DAYS)


def deck_versions(latest: Mapping[str, Version]) -> dict[str, Version]:
    """The latest version of each dataset the deck reads."""
    return {name: latest[name] for name in DATASETS if name in latest}


def earlier_versions(
    versions: Mapping[str, Version], history: Callable[[str], list[Version]], since: dt.date
) -> dict[str, Version]:
    """For the what-changed slide: the version of each compared dataset that was the latest at the end of `since`
    (Seoul time). `history(name)` gives a dataset's versions, newest first."""
    moment = dt.datetime.combine(since, dt.time.max, tzinfo=clock.city_zone())
    earlier: dict[str, Version] = {}
    for name in COMPARED:
        if name in versions:
            then = version_at(history(name), moment)
            if then is not None:
                earlier[name] = then
    return earlier


def briefing_data(
    versions: Mapping[str, Version],
    earlier: Mapping[str, Version],
    frame: Callable[[Version], pd.DataFrame],
    lang: str,
    today: dt.date,
    since: dt.date,
) -> BriefingData:
    """What the slides read, with `frame(version)` giving a version's rows (the page passes its cached reader)."""
    return BriefingData(
        {name: frame(versions[name]) if name in versions else None for name in DATASETS},
        {name: DataVersion.of(version) for name, version in versions.items()},
        lang,
        today,
        since=since,
        earlier_frames={name: frame(version) for name, version in earlier.items()},
        earlier_versions={name: DataVersion.of(version) for name, version in earlier.items()},
    )


@dataclass(frozen=True)
class PageDeck:
    """The deck as the briefing page shows it: the slides, and each slide's chart as the Vega-Lite spec the page
    draws (`page_spec`: with its accessible name) for each screen (`briefing.theme.SCREENS`: the 1920×1080 spec is
    the slide's, every length half as large again) and whether it is drawn at its own size, made once when the deck
    is built, so a rerun neither runs Altair nor validates a schema."""

    slides: list[Slide]
    specs: dict[str, tuple[dict[str, Any] | None, ...]]  # by screen ("720", "1080"), one per slide
    fixed_size: tuple[bool, ...]  # a picture drawn at its own width (the map: its names are placed for its pixels)

    def chart_spec(self, index: int, screen: str) -> dict[str, Any] | None:
        """Slide `index`'s chart spec for `screen` ("720" when the screen is not known)."""
        return self.specs.get(screen, self.specs["720"])[index]


def page_spec(chart: dict[str, Any], lang: str) -> dict[str, Any]:
    """The Vega-Lite spec the page draws for a slide's chart (the slide's own spec, `briefing.theme.projector_spec`),
    with the chart's accessible name (`chart_description`) unless it names itself. Built once with the deck: a rerun
    draws it without Altair."""
    spec = dict(chart)  # the slide's spec stays as it is (the PDF draws it too)
    if not spec.get("description"):
        spec["description"] = chart_description(spec, lang)
    return spec


def deck_of(
    versions: Mapping[str, Version],
    earlier: Mapping[str, Version],
    frames: Mapping[str, pd.DataFrame],
    earlier_frames: Mapping[str, pd.DataFrame],
    lang: str,
    today: dt.date,
    since: dt.date,
) -> PageDeck:
    """The slides for these versions, language and day, with `frames` and `earlier_frames` their rows by dataset
    (the briefing page's cached reads): the page builds it once per data version for every viewer (ui.shared)."""
    rows = {version.id: frames[name] for name, version in versions.items()}
    rows |= {version.id: earlier_frames[name] for name, version in earlier.items()}
    slides = build_deck(briefing_data(versions, earlier, lambda version: rows[version.id], lang, today, since))
    specs = tuple(None if slide.chart is None else page_spec(slide.chart, lang) for slide in slides)
    fixed = tuple(spec is not None and isinstance(spec.get("width"), int) for spec in specs)
    return PageDeck(
        slides,
        {
            screen: tuple(
                scaled(spec, PICTURE_SCREENS[screen] if picture else factor, LENGTH_DATA)
                for spec, picture in zip(specs, fixed, strict=True)
            )
            for screen, factor in SCREENS.items()
        },
        fixed,
    )


def missing_datasets(latest: Mapping[str, Version]) -> list[str]:
    """The deck's required datasets without any stored version, in deck order."""
    return [name for name in DATASETS if name not in latest and name not in OPTIONAL]


def store_deck(
    store: Store, lang: str = "ko", today: dt.date | None = None, since: dt.date | None = None
) -> list[Slide]:
    """The deck the briefing page shows for the store's latest data."""
    today = clock.today() if today is None else today
    since = default_since(today) if since is None else since
    versions = deck_versions(store.latest_versions())
    earlier = earlier_versions(versions, store.versions, since)
    return build_deck(briefing_data(versions, earlier, store.frame, lang, today, since))


def store_pack(
    store: Store,
    lang: str = "ko",
    today: dt.date | None = None,
    since: dt.date | None = None,
    made_at: dt.datetime | None = None,
    allow_missing: bool = False,
) -> bytes:
    """The briefing pack PDF, the same the briefing page offers for download.

    Raises PackDataMissing (Korean) when a dataset the deck reads has no stored version, unless `allow_missing`
    (then its slide says what it waits for, as on the page); always when the store holds no data at all."""
    latest = store.latest_versions()
    missing = missing_datasets(latest)
    if len(missing) == len(DATASETS) - len(OPTIONAL):
        raise PackDataMissing("저장소에 자료가 하나도 없어 브리핑 자료를 만들 수 없습니다. 먼저 데이터를 올리세요.")
    if missing and not allow_missing:
        names = ", ".join(f"{translate(f'dataset.{name}', 'ko')}({name})" for name in missing)
        raise PackDataMissing(
            f"다음 자료가 저장소에 없어 브리핑 자료를 만들지 않았습니다: {names}. 데이터를 올리거나, 빈 슬라이드를 "
            "포함해 만들려면 --allow-missing을 붙이세요."
        )
    made_at = clock.now() if made_at is None else made_at
    return briefing_pdf(store_deck(store, lang, today, since), lang, made_at)
