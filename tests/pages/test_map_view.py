"""ui.shared for the map page (issue #23): its layers, placement, deck and tables are built once per data version,
selection, language and device kind for every viewer, and an import of sites or companies or a language switch
shows fresh map content at once."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders import load_file
from present import map_view
from store import open_store
from tests.support.apptest import no_exception

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 120


@pytest.fixture
def calls(monkeypatch):
    """The languages each builder was called with (a miss of the shared cache), by builder name."""
    seen: dict[str, list[str]] = {"base_view": [], "deck_view": []}
    for name in seen:
        build = getattr(map_view, name)

        def wrapper(*args, build=build, name=name, **kwargs):
            seen[name].append(args[4])  # lang
            return build(*args, **kwargs)

        monkeypatch.setattr(map_view, name, functools.wraps(build)(wrapper))  # same module and name: same entry
    return seen


def page(lang: str = "ko") -> AppTest:
    at = AppTest.from_file(str(REPO / "views" / "map.py"), default_timeout=TIMEOUT)
    if lang != "ko":
        at.query_params["lang"] = lang
    at.run()
    no_exception(at)
    return at


def deck(at: AppTest) -> str:
    (chart,) = at.get("deck_gl_json_chart")
    return chart.proto.json


def text(at: AppTest) -> str:
    """The deck's JSON as readable text (the chart's JSON escapes Korean)."""
    return json.dumps(json.loads(deck(at)), ensure_ascii=False)


def import_file(url: str, name: str, change) -> None:
    """The bundled file `name` with `change` applied to its rows, stored as a new version."""
    data = (REPO / "data" / name).read_bytes()
    loaded = load_file(data, name)
    loaded.frame = change(loaded.frame.copy())
    open_store(url).save_version(loaded, data, user="tester", replace="all")


def test_two_viewers_share_one_build_and_a_rerun_only_draws(sample_store, calls):
    first, second = page(), page()
    assert deck(first) == deck(second)
    assert first.dataframe and all(
        d.value.equals(e.value) for d, e in zip(first.dataframe, second.dataframe, strict=True)
    )
    assert calls == {"base_view": ["ko"], "deck_view": ["ko"]}  # the second viewer reused the first one's build
    first.run()
    no_exception(first)
    assert calls == {"base_view": ["ko"], "deck_view": ["ko"]}

    first.toggle(key="map_3d").set_value(True).run()  # a new choice of the controls: a new deck, the same tables
    no_exception(first)
    assert '"columns"' in deck(first) and deck(first) != deck(second)
    assert calls == {"base_view": ["ko"], "deck_view": ["ko", "ko"]}
    second.toggle(key="map_3d").set_value(True).run()
    assert deck(second) == deck(first)
    assert calls == {"base_view": ["ko"], "deck_view": ["ko", "ko"]}


def test_an_import_of_sites_shows_on_the_map_at_once(sample_store, calls):
    at = page()
    assert "새 데이터센터" not in text(at)

    def renamed(frame):
        frame.loc[frame.index[0], "name"] = "새 데이터센터"
        return frame

    import_file(sample_store, "sites.xlsx", renamed)
    at.run()
    no_exception(at)
    assert "새 데이터센터" in text(at)
    assert calls == {"base_view": ["ko", "ko"], "deck_view": ["ko", "ko"]}


def test_an_import_of_companies_shows_on_the_map_at_once(sample_store, calls):
    at = page()
    assert "새이름테크" not in text(at)

    def renamed(frame):
        first = frame["company"] == frame["company"].iloc[0]
        frame.loc[first, "company"] = "새이름테크"
        return frame

    import_file(sample_store, "companies.csv", renamed)
    at.run()
    no_exception(at)
    assert "새이름테크" in text(at)
    assert calls == {"base_view": ["ko", "ko"], "deck_view": ["ko", "ko"]}


def test_a_language_switch_shows_the_map_in_the_other_language_at_once(sample_store, calls):
    korean, english = page(), page("en")
    assert deck(korean) != deck(english)
    assert "Status" in text(english) and "상태" in text(korean) and "상태" not in text(english)
    assert [list(d.value.columns) for d in korean.dataframe] != [list(d.value.columns) for d in english.dataframe]
    assert calls == {"base_view": ["ko", "en"], "deck_view": ["ko", "en"]}
