"""The jobs page and its briefing slide from one view-model (present/jobs_view.py, issue #27), built once per data
version and selection for every viewer, fresh after an import and a language switch (ui.shared, issue #23)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from briefing import BriefingData, DataVersion
from briefing.slides import jobs_slide, jobs_slide_of
from loaders import load_file
from metrics.as_of import data_as_of
from present import jobs_view
from present.jobs_view import JobsView
from store import open_store, seed_sample_data
from tests.support.apptest import metrics_of, no_exception
from ui import shared

REPO = Path(__file__).resolve().parents[2]
PAGE = str(REPO / "views" / "jobs.py")
TIMEOUT = 90

BUILT: list[JobsView] = []  # the one view-model the page is served (see `served`)
CALLS: list[tuple] = []  # the selections the page's builder was asked for


def served(*args: object) -> JobsView | None:
    """Stands in for `build_jobs_view` on the page: the view-model the test built, whatever the arguments."""
    CALLS.append(args[2:])
    return BUILT[0]


def counted(*args: object) -> JobsView | None:
    """`build_jobs_view`, counting its calls (by year, sectors, company, language)."""
    CALLS.append(args[2:])
    return REAL_BUILD(*args)  # type: ignore[arg-type]


REAL_BUILD = jobs_view.build_jobs_view


@pytest.fixture(autouse=True)
def _fresh():
    shared.clear()
    BUILT.clear()
    CALLS.clear()
    yield
    shared.clear()


def _frames(url: str):
    store = open_store(url)
    seed_sample_data(store, REPO / "data")  # as the app's first page does (ui.data)
    versions = store.latest_versions()
    frames = {name: store.frame(versions[name]) for name in ("jobs", "targets")}
    return store, versions, frames


def _page(year: int | None = None, lang: str = "ko") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    if year is not None:
        at.query_params["year"] = str(year)
    if lang != "ko":
        at.query_params["lang"] = lang
    return at


def test_page_and_slide_show_the_figures_of_one_view_model(sample_store, monkeypatch):
    _, versions, frames = _frames(sample_store)
    year = data_as_of("jobs", frames["jobs"], versions["jobs"].uploaded_on).year
    view = jobs_view.build_jobs_view(frames["jobs"], frames["targets"], year, (), None, "ko")
    assert view is not None
    BUILT.append(view)
    monkeypatch.setattr(jobs_view, "build_jobs_view", served)

    at = _page(year).run()
    no_exception(at)
    assert len(CALLS) == 1 and CALLS[0] == (year, (), None, "ko")  # the page rendered the view-model built here
    shown = metrics_of(at)
    assert list(shown) == [tile.label for tile in view.tiles]
    assert [shown[tile.label] for tile in view.tiles] == [(tile.value, tile.delta) for tile in view.tiles]

    data = BriefingData(frames, {name: DataVersion.of(versions[name]) for name in frames}, "ko")
    slide = jobs_slide_of(data, view)
    # the slide's figures are the tiles' figures (the same rows, names and values), written the same way
    assert [h.figure for h in slide.headlines] == [tile.source.figure for tile in view.tiles]
    assert [h.value for h in slide.headlines] == [tile.value for tile in view.tiles]
    assert [h.label for h in slide.headlines[:2]] == [tile.label for tile in view.tiles[:2]]
    created, headcount, local = (h.figure for h in slide.headlines)
    assert created.value == view.headline.created.value == int(shown[view.tiles[0].label][0].replace(",", "")[:-1])
    assert headcount.value == int(shown[view.tiles[1].label][0].replace(",", "")[:-1])
    assert local.parts[0].value == view.headline.local.local_hires
    assert local.parts[1].value == view.headline.local.new_hires
    # and the deck's own jobs slide builds that same view-model
    assert jobs_slide(data).headlines == slide.headlines


def test_built_once_for_every_viewer(sample_store, monkeypatch):
    monkeypatch.setattr(jobs_view, "build_jobs_view", counted)
    first, second = _page().run(), _page().run()
    no_exception(first)
    assert metrics_of(first) == metrics_of(second)
    assert len(CALLS) == 1  # the second session reused the first one's view-model
    first.run()
    assert len(CALLS) == 1


def _created(at: AppTest) -> tuple[str, str]:
    no_exception(at)
    label, (value, _) = next(iter(metrics_of(at).items()))
    return label, value


def test_an_import_and_a_language_switch_show_fresh_jobs_figures_at_once(sample_store, monkeypatch):
    monkeypatch.setattr(jobs_view, "build_jobs_view", counted)
    store, versions, frames = _frames(sample_store)
    year = data_as_of("jobs", frames["jobs"], versions["jobs"].uploaded_on).year
    at = _page(year).run()
    label, before = _created(at)
    assert label == f"{year}년 신규 일자리"
    created = int(before.replace(",", "").removesuffix("명"))
    assert created == int(frames["jobs"].loc[frames["jobs"]["month"].dt.year == year, "new_hires"].sum())

    raw = (REPO / "data" / "jobs.csv").read_bytes()
    loaded = load_file(raw, "jobs.csv")
    frame = loaded.frame.copy()
    row = frame.index[frame["month"].dt.year == year][0]
    frame.loc[row, "new_hires"] += 7  # seven more hires in one row of the year
    loaded.frame = frame
    store.save_version(loaded, raw, user="tester", replace="all")
    assert _created(at.run()) == (label, f"{created + 7:,}명")

    at.segmented_control(key="language_control").set_value("en").run()  # the switch reruns the page in English
    assert _created(at) == (f"Jobs created in {year}", f"{created + 7:,} people")
    assert [call[3] for call in CALLS] == ["ko", "ko", "en"]  # a new version, then a new language: built again
