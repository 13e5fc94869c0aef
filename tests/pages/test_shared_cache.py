"""ui.shared: a page's computing done once per data version for every session, fresh after an import, a rollback
or a language switch."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders import load_file
from store import open_store
from tests.support import shared_builder

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60


def page() -> None:
    import streamlit as st

    from auth.roles import Page
    from tests.support.shared_builder import executed_total
    from ui.page import page_setup

    ctx = page_setup("app.title", Page.HOME, show_title=False)
    st.text(f"shown {ctx.shared(executed_total, ctx.frame('budget'), ctx.lang)}")


def shown(at: AppTest) -> str:
    assert not at.exception, [e.value for e in at.exception]
    return next(t.value for t in at.text if t.value.startswith("shown ")).removeprefix("shown ")


def viewer(lang: str = "ko") -> AppTest:
    at = AppTest.from_function(page, default_timeout=TIMEOUT)
    if lang != "ko":
        at.query_params["lang"] = lang
    return at.run()


@pytest.fixture(autouse=True)
def _calls():
    shared_builder.calls.clear()
    yield
    shared_builder.calls.clear()


def _budget_total(store) -> int:
    return int(store.frame(store.latest_versions()["budget"])["executed_krw"].sum())


def test_computed_once_for_every_session(sample_store):
    first, second = viewer(), viewer()
    assert shown(first) == shown(second)
    assert shared_builder.calls == ["ko"]  # the second session reused the first one's result
    first.run()
    assert shared_builder.calls == ["ko"]


def test_import_and_rollback_show_fresh_figures_at_once(sample_store):
    at = viewer()
    store = open_store(sample_store)
    before, before_number = _budget_total(store), store.latest_versions()["budget"].number
    assert shown(at) == f"ko:{before}"

    data = (REPO / "data" / "budget.xlsx").read_bytes()
    loaded = load_file(data, "budget.xlsx")
    frame = loaded.frame.copy()
    frame.loc[frame.index[0], "executed_krw"] += 1_000  # one row, a thousand won more
    loaded.frame = frame
    store.save_version(loaded, data, user="tester", replace="all")
    after_import = _budget_total(store)
    assert after_import == before + 1_000
    assert shown(at.run()) == f"ko:{after_import}"

    store.rollback("budget", before_number, user="tester")
    assert shown(at.run()) == f"ko:{before}"
    assert shared_builder.calls == ["ko", "ko", "ko"]  # a rollback is a new version: computed again


def test_a_language_switch_shows_the_other_language_at_once(sample_store):
    korean = shown(viewer())
    english = shown(viewer("en"))
    assert korean.startswith("ko:") and english.startswith("en:")
    assert korean.split(":")[1] == english.split(":")[1]
    assert shared_builder.calls == ["ko", "en"]


def test_only_version_frames_and_package_functions_are_shared(sample_store):
    def local_page() -> None:
        import pandas as pd
        import streamlit as st

        from auth.roles import Page
        from tests.support.shared_builder import executed_total
        from ui.page import page_setup

        ctx = page_setup("app.title", Page.HOME, show_title=False)
        for attempt in (
            lambda: ctx.shared(executed_total, pd.DataFrame({"executed_krw": [1]}), "ko"),
            lambda: ctx.shared(lambda frame: 0, ctx.frame("budget")),
        ):
            try:
                attempt()
            except (TypeError, ValueError) as error:
                st.text(f"refused {type(error).__name__}")

    at = AppTest.from_function(local_page, default_timeout=TIMEOUT).run()
    assert [t.value for t in at.text] == ["refused TypeError", "refused ValueError"]
