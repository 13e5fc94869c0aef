"""The overview's computing shared once per data version (ui.shared, issue #23): one year outlook for the budget
tiles and the attention list, the phone grid from the tiles drawn, fresh figures after an import or a language
switch."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from metrics import overview
from tests.support.apptest import no_exception, view_page
from tests.support.store_data import import_more_spent

calls: list[str] = []


@pytest.fixture(autouse=True)
def _counted(monkeypatch):
    """Count the budget's year outlooks and headline tiles the page builds."""
    outlook, tiles = overview.budget_outlook, overview.budget_tiles

    def counted_outlook(*args, **kwargs):
        calls.append("outlook")
        return outlook(*args, **kwargs)

    def counted_tiles(*args, **kwargs):
        calls.append("tiles")
        return tiles(*args, **kwargs)

    calls.clear()
    monkeypatch.setattr(overview, "budget_outlook", counted_outlook)
    monkeypatch.setattr(overview, "budget_tiles", counted_tiles)
    yield
    calls.clear()


def viewer(lang: str = "ko") -> AppTest:
    at = view_page("overview", lang)
    no_exception(at)
    return at


def shown(at: AppTest) -> tuple[dict[str, str], str, list[str]]:
    """The tiles, the phone grid and the attention list's lines."""
    grid = next(h.value for h in at.html if 'data-testid="overview-glance"' in h.value)
    return {m.label: m.value for m in at.metric}, grid, [m.value for m in at.markdown if m.value.startswith("- ")]


def test_one_year_outlook_per_data_version_for_every_session(sample_store):
    first = viewer()
    # the tiles, the rate's projection note, the phone grid and the attention list: one outlook, one set of tiles
    assert sorted(calls) == ["outlook", "tiles"]
    tiles, grid, lines = shown(first)
    assert tiles["집행률"] in grid and any("연말 예상 집행률" in c.value for c in first.caption)
    assert lines  # the sample has programmes behind their pace
    second = viewer()
    assert shown(second) == (tiles, grid, lines)
    assert sorted(calls) == ["outlook", "tiles"]  # the second session reused the first one's


def test_an_import_and_a_language_switch_show_fresh_figures_at_once(sample_store):
    at = viewer()
    before, _, _ = shown(at)
    import_more_spent(sample_store)  # 0.1억원 more executed: a new budget version
    after, grid, _ = shown(at.run())
    assert after["집행액(누계)"] != before["집행액(누계)"] and after["집행액(누계)"] in grid
    assert sorted(calls) == ["outlook", "outlook", "tiles", "tiles"]  # a new version: computed again, once

    english, grid, _ = shown(viewer("en"))
    assert english["Execution rate"] == after["집행률"] and "projected" in grid
    assert len(calls) == 4  # the other language: the same shared figures, only written in English
