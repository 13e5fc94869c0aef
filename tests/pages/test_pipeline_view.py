"""The pipeline page and its briefing slide from one view-model (present/pipeline_view.py, issue #27), built once
per data version for every viewer and fresh at once after an import or a language switch (ui.shared, issue #23)."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from briefing import BriefingData, DataVersion
from briefing.slides import pipeline_slide, pipeline_slide_of
from loaders import load_file
from metrics.overview import target_for
from present import pipeline_view
from store import open_store
from tests.support.apptest import metrics_of, no_exception, view_page

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 90
UPLOADED = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


def _frame(dataset: str, file: str) -> pd.DataFrame:
    return load_file((REPO / "data" / file).read_bytes(), file).frame


def render_stages(view) -> None:  # an AppTest script: its source runs on its own, without this module's imports
    from ui.pipeline import show_stages

    show_stages(view)


def test_page_and_slide_render_one_view_model(sample_store):
    companies, targets = _frame("companies", "companies.csv"), _frame("targets", "targets.csv")
    selections = _frame("selections", "selections.csv")
    latest = pd.Timestamp(companies["as_of"].max())
    view = pipeline_view.stages_view(companies, selections, latest, "ko", target_for(targets, "companies", latest.year))

    page = AppTest.from_function(render_stages, args=(view,), default_timeout=TIMEOUT).run()
    no_exception(page)
    frames = {"companies": companies, "targets": targets, "selections": selections}
    data = BriefingData(frames, {n: DataVersion(n, 1, UPLOADED, True) for n in frames}, "ko", latest.date())
    slide = pipeline_slide_of(data, view)

    tiles = [(m.label, m.value, m.delta) for m in page.metric]
    # the page: all, never selected, the three programmes (highest selection), the unicorn status; the slide shows
    # what was selected (not the never-selected tile)
    assert len(tiles) == len(view.tiles) == 6 and len(slide.headlines) == 5
    on_slide = [(t, v) for t, v in zip(tiles, view.tiles, strict=True) if v.name != "선정 이력 없음"]
    for ((label, value, delta), tile), headline in zip(on_slide, slide.headlines, strict=True):
        assert headline.figure is tile.figure  # the very same traced figure on the page's tile and the slide
        assert value == headline.value == f"{tile.figure.value}개사"
        assert label == tile.label
        if tile.name != pipeline_view.TOTAL:
            assert headline.label == label  # a stage is named once
        assert tile.change is not None and headline.detail is not None
        if tile.change.value:
            assert delta == f"{tile.change.value:+,}개사" and delta in headline.detail
        else:
            assert delta == "0" and headline.detail.endswith("대비 변동 없음")
    # the same figures as the deck's slide built on its own, and the total over the page's sector table
    assert [(h.label, h.value, h.detail) for h in pipeline_slide(data).headlines] == [
        (h.label, h.value, h.detail) for h in slide.headlines
    ]
    stages_table = next(d.value for d in page.dataframe if "합계" in d.value.columns)
    assert int(stages_table["합계"].sum()) == view.tile(pipeline_view.TOTAL).figure.value
    assert slide.note == "K-유니콘 단계: " + pipeline_view.ladder_text("ko", spans=False)


@pytest.fixture
def builds(monkeypatch) -> list[str]:
    """The languages `stages_view` was computed for (a counting wrapper under the builder's own name)."""
    calls: list[str] = []
    real = pipeline_view.stages_view

    @functools.wraps(real)
    def counted(companies, selections, as_of, lang, target=None):
        calls.append(lang)
        return real(companies, selections, as_of, lang, target)

    monkeypatch.setattr(pipeline_view, "stages_view", counted)
    return calls


def page(lang: str = "ko") -> AppTest:
    return view_page("pipeline", lang, TIMEOUT)


def total(at: AppTest, label: str = "전체 기업") -> str:
    no_exception(at)
    return metrics_of(at)[label][0]


def test_an_import_and_a_rollback_show_fresh_pipeline_figures_at_once(sample_store, builds):
    first, second = page(), page()
    assert total(first) == total(second)
    assert builds == ["ko"]  # the second viewer reused the first one's view-model

    store = open_store(sample_store)
    version = store.latest_versions()["companies"]
    count = len(store.frame(version).query("as_of == as_of.max()"))
    assert total(first) == f"{count}개사"
    data = (REPO / "data" / "companies.csv").read_bytes()
    loaded = load_file(data, "companies.csv")
    frame = loaded.frame
    loaded.frame = frame.drop(index=frame.index[frame["as_of"] == frame["as_of"].max()][:1])  # one company less
    store.save_version(loaded, data, user="tester", replace="all")
    assert total(first.run()) == f"{count - 1}개사"
    assert total(second.run()) == f"{count - 1}개사"
    assert builds == ["ko", "ko"]  # a new version: computed again, once for both viewers

    store.rollback("companies", version.number, user="tester")  # a rollback is a new version too
    assert total(first.run()) == f"{count}개사"
    assert builds == ["ko", "ko", "ko"]


def test_a_language_switch_shows_english_figures_at_once(sample_store, builds):
    at = page()
    korean = total(at)
    at.segmented_control(key="language_control").set_value("en").run()  # the sidebar's switch, as a click
    english = total(at, "All companies")
    assert korean == f"{english}개사"
    assert {"Baby unicorn (highest selection)", "Pre-unicorn (highest selection)", "Unicorn (status)"} <= set(
        metrics_of(at)
    )
    assert builds == ["ko", "en"]
