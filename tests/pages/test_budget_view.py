"""One view-model for the budget page and its briefing slide (present.budget_view, issue #27), computed once per
data version for every session and fresh after an import or a language switch (ui.shared, issue #23)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from briefing import BriefingData, DataVersion
from briefing.slides import budget_slide
from metrics import budget_filters as cascade
from metrics.as_of import data_as_of
from present import budget_view
from present import format as fmt
from program import load_program
from store import open_store
from tests.support.apptest import metrics_of, no_exception, view_page
from tests.support.store_data import import_more_spent
from ui import shared

HEADLINE = ("planned", "executed", "rate", "gap")  # the slide's four figures, in its order

built: list[tuple] = []  # the arguments of each build, in order
the_view: list[budget_view.BudgetView] = []  # when set, every build returns this one view-model


def recorded_build(raw, targets, selection, year, as_of, sources, lang) -> budget_view.BudgetView:
    """build_budget_view, recording its calls (module-level, so ui.shared accepts it)."""
    built.append((selection, year, as_of, sources, lang))
    if the_view:
        return the_view[0]
    return REAL_BUILD(raw, targets, selection, year, as_of, sources, lang)


REAL_BUILD = budget_view.build_budget_view


@pytest.fixture(autouse=True)
def _recording(monkeypatch):
    built.clear()
    the_view.clear()
    monkeypatch.setattr(budget_view, "build_budget_view", recorded_build)
    yield
    built.clear()
    the_view.clear()


def viewer(lang: str = "ko") -> AppTest:
    at = view_page("budget", lang)
    no_exception(at)
    return at


def test_the_page_and_the_slide_render_the_same_view_model(sample_store):
    viewer()  # the store is seeded with the sample data on first use
    store = open_store(sample_store)
    versions = store.latest_versions()
    frames = {name: store.frame(versions[name]) for name in ("budget", "targets")}
    as_of = data_as_of("budget", frames["budget"], versions["budget"].uploaded_on)
    program = load_program()
    sources = tuple(cascade.source_options(budget_view.prepared(frames["budget"], True), program.funding_sources))
    view = REAL_BUILD(frames["budget"], frames["targets"], budget_view.ALL, as_of.year, as_of, sources, "ko")
    the_view.append(view)  # built once: the page and the slide both get this object
    built.clear()
    shared.clear()

    page = metrics_of(viewer())
    slide = budget_slide(BriefingData(frames, {name: DataVersion.of(versions[name]) for name in frames}, "ko", as_of))
    # the page asked for the view of the whole budget in the as-of year; so did the slide
    assert [call[:3] for call in built] == [(budget_view.ALL, as_of.year, as_of)] * 2
    for tile in view.tiles:  # the page shows every tile as the view-model writes it
        assert page[tile.label] == (tile.value, tile.delta)
    assert len(slide.headlines) == len(HEADLINE)
    for name, headline in zip(HEADLINE, slide.headlines, strict=True):
        assert headline.figure is view.figure(name)  # the same Figure object, tracing to the same rows
        assert headline.value == page[view.tile(name).label][0]  # written the same on the page and the slide
    assert slide.headlines[3].detail == view.usual_pace
    assert view.projection is not None and view.projection in slide.note
    summary = view.figures.summary
    assert fmt.money(summary.projected, "ko") in slide.note
    assert page[view.tile("projected_rate").label][0] == fmt.percent(summary.projected_rate)


def test_the_view_model_is_built_once_per_data_version_for_every_session(sample_store):
    first = metrics_of(viewer())
    assert len(built) == 1
    second = viewer()
    assert metrics_of(second) == first and len(built) == 1  # the second session reused the first one's view
    second.run()
    assert len(built) == 1

    import_more_spent(sample_store)  # 0.1억원 more executed: a new budget version
    after = metrics_of(second.run())
    assert len(built) == 2  # a new version: built again, at once
    executed = next(label for label in first if label.startswith("집행액"))
    assert after[executed] != first[executed]

    english = metrics_of(viewer("en"))
    assert len(built) == 3 and built[-1][-1] == "en"
    assert set(english) != set(first)
