"""What every page starts with: language, access check, title, sample-data badge and the data's as-of line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

import clock
from auth.roles import Page, Role
from auth.session import require_role
from loaders.contract import DATASETS, page_datasets
from metrics.as_of import data_as_of
from present import format as fmt
from present.freshness import overdue_line
from present.i18n import LANGUAGE_KEY, LANGUAGES
from store import Version

from . import accessible, phone
from . import text as say
from .data import dataset_frame, latest_versions
from .i18n import current_language, t
from .shared import T, shared, shared_view

LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}


@dataclass
class PageContext:
    lang: str
    versions: dict[str, Version]
    frames: dict[str, pd.DataFrame | None] = field(default_factory=dict)

    def frame(self, dataset: str) -> pd.DataFrame | None:
        return self.frames.get(dataset)

    def shared(self, build: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """`build(*args, **kwargs)` computed once per data version and arguments for every session (ui.shared)."""
        return shared(self, build, *args, **kwargs)

    def shared_view(self, build: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """`shared` without a copy per rerun, for a view-model the page only reads (ui.shared.shared_view)."""
        return shared_view(self, build, *args, **kwargs)

    def as_of(self, dataset: str, uploaded: dt.date) -> dt.date:
        """The date `dataset`'s figures speak for (metrics.as_of), once per version for every session."""
        return self.shared(data_as_of, dataset, self.frames.get(dataset), uploaded)

    def latest_as_of(self, dataset: str) -> dt.date:
        """`as_of` for the newest version's upload date (a month still under way then is as of that date)."""
        version = self.versions.get(dataset)
        return self.as_of(dataset, version.uploaded_on if version is not None else clock.today())


def language_control() -> str:
    """Sidebar language switch, kept in step with the `lang` URL parameter so links reproduce it."""
    lang = current_language()
    chosen = st.sidebar.segmented_control(
        t("language.label"), LANGUAGES, default=lang, format_func=LANGUAGE_NAMES.__getitem__, key="language_control"
    )
    if chosen and chosen != lang:
        st.session_state[LANGUAGE_KEY] = chosen
        st.query_params[LANGUAGE_KEY] = chosen
        st.rerun()
    st.session_state[LANGUAGE_KEY] = lang
    if lang != "ko":
        st.query_params[LANGUAGE_KEY] = lang
    return lang


def _as_of_text(dataset: str, version: Version, context: PageContext) -> str:
    as_of = context.as_of(dataset, version.uploaded_on)
    return fmt.as_of_label(as_of, DATASETS[dataset].monthly, context.lang)


def as_of_line(dataset: str, version: Version | None, context: PageContext) -> str:
    """ "예산 집행 2026년 11월 기준 · 2026. 11. 25. 18:31 홍길동 올림": the full statement of one dataset (its version
    number is in the 출처 dialogs, not in what every reader sees)."""
    label = t(f"dataset.{dataset}")
    if version is None:
        return t("asof.none", dataset=label)
    return t(
        "asof.line",
        dataset=label,
        as_of=_as_of_text(dataset, version, context),
        uploaded=fmt.datetime_label(version.created_at, context.lang),
        user=version.created_by,
    )


def as_of_short(dataset: str, version: Version | None, context: PageContext) -> str:
    """ "예산 집행 2026년 11월 기준": the page header's compact form."""
    label = t(f"dataset.{dataset}")
    if version is None:
        return t("asof.none", dataset=label)
    return t("asof.short", dataset=label, as_of=_as_of_text(dataset, version, context))


def page_setup(title_key: str, page: Page | None = None, show_title: bool = True) -> PageContext:
    """Run at the top of every dashboard page. Returns the language and the latest frames of the datasets the
    registry says `page` reads (loaders.contract: each dataset's `pages`), in its as-of line's order."""
    lang = language_control()
    phone.apply()
    accessible.apply(lang)
    require_role(Role.VIEWER)  # stops here when viewers must sign in and nobody has
    datasets = page_datasets(page.value) if page is not None else ()
    versions = latest_versions()
    context = PageContext(lang, versions, {name: dataset_frame(name, versions) for name in datasets})
    if show_title:
        say.title(t(title_key))
        if title_key == "app.title":
            say.caption(t("app.subtitle"))
    shown = [versions[name] for name in datasets if name in versions]
    if any(v.is_sample for v in shown):
        st.badge(t("sample.badge"), icon=":material/science:", color="orange", help=say.label(t("sample.help")))
    if datasets:
        short = " · ".join(as_of_short(name, versions.get(name), context) for name in datasets)
        full = say.lines(as_of_line(name, versions.get(name), context) for name in datasets)
        with st.container(key="wide_asof"):
            say.caption(short, help=say.label(full))
        # a phone: one line, the statement behind a tap (ui.phone)
        with st.container(key="phone_asof"), say.expander(as_of_compact(datasets, context)):
            say.caption(full)
    return context


def as_of_compact(datasets: tuple[str, ...], context: PageContext) -> str:
    """ "예산 집행 2026년 11월 기준 외 5종": the first dataset's as-of and how many more, for one line on a phone."""
    first = datasets[0]
    version = context.versions.get(first)
    if version is None:
        text = t("asof.none", dataset=t(f"dataset.{first}"))
    else:
        as_of = _as_of_text(first, version, context)
        text = t("asof.compact", dataset=t(f"dataset.{first}"), as_of=as_of)
    return t("asof.compact.more", first=text, count=len(datasets) - 1) if len(datasets) > 1 else text


def show_overdue(context: PageContext, today: dt.date) -> None:
    """One warning line when a dataset's newest figures are older than its rhythm allows (metrics.freshness)."""
    as_of = {
        name: context.as_of(name, context.versions[name].uploaded_on)
        for name in context.frames
        if name in context.versions
    }
    line = overdue_line(as_of, today, context.lang)
    if line:
        say.warning(line, icon=":material/schedule:")


def dataset_label(name: str) -> str:
    return t(f"dataset.{name}") if name in DATASETS else name
