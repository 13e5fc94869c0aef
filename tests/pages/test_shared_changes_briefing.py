"""ui.shared for the what-changed page and the briefing page (issue #23): their computing (the what-changed rows,
the slide deck) is done once per data version, selection and language for every viewer, and an import, a
rollback or a language switch shows fresh content at once."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from briefing import pack
from loaders import load_file
from present import changes_view
from store import open_store
from tests.support.apptest import no_exception

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 120


@pytest.fixture
def calls(monkeypatch):
    """The languages each builder was called with (a miss of the shared cache), by builder name."""
    seen: dict[str, list[str]] = {"changes": [], "deck": []}

    def counting(module, name: str, kind: str, lang_at: int) -> None:
        build = getattr(module, name)

        @functools.wraps(build)  # the same module and name: the same shared cache entry
        def wrapper(*args, **kwargs):
            seen[kind].append(args[lang_at])
            return build(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    counting(changes_view, "build_changes_view", "changes", 3)
    counting(pack, "deck_of", "deck", 4)
    return seen


def page(name: str, lang: str = "ko") -> AppTest:
    at = AppTest.from_file(str(REPO / "views" / f"{name}.py"), default_timeout=TIMEOUT)
    if lang != "ko":
        at.query_params["lang"] = lang
    at.run()
    no_exception(at)
    return at


def sentences(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("- "))


def slide(at: AppTest) -> str:
    return "\n".join(str(h.proto.body) for h in at.get("html"))


def import_budget(url: str) -> tuple[int, int]:
    """One 2026 budget row 100억원 more (a change the slides show), stored as a new version; returns (its number,
    the one before)."""
    store = open_store(url)
    before = store.latest_versions()["budget"].number
    data = (REPO / "data" / "budget.xlsx").read_bytes()
    loaded = load_file(data, "budget.xlsx")
    frame = loaded.frame.copy()
    row = frame.index[(frame["year"] == 2026) & (frame["month"] == 11)][0]
    frame.loc[row, "executed_krw"] += 10_000_000_000
    loaded.frame = frame
    return store.save_version(loaded, data, user="tester", replace="all").number, before


def test_what_changed_is_computed_once_for_every_viewer_and_fresh_after_an_import(sample_store, calls):
    first, second = page("changes"), page("changes")
    assert sentences(first) == sentences(second)
    assert calls["changes"] == ["ko"]  # the second viewer reused the first one's rows
    shown = sentences(first)

    _, before = import_budget(sample_store)
    first.run()
    assert sentences(first) != shown  # the new version at once
    assert calls["changes"] == ["ko", "ko"]

    open_store(sample_store).rollback("budget", before, user="tester")
    first.run()
    assert sentences(first) == shown  # a rollback is a new version with the old rows: computed again
    assert calls["changes"] == ["ko", "ko", "ko"]


def test_what_changed_in_the_other_language_at_once(sample_store, calls):
    korean, english = sentences(page("changes")), sentences(page("changes", "en"))
    assert korean != english
    assert calls["changes"] == ["ko", "en"]


def test_the_deck_is_built_once_for_every_viewer_and_fresh_after_an_import_and_a_rollback(sample_store, calls):
    first, second = page("briefing_deck"), page("briefing_deck")
    assert slide(first) == slide(second)
    assert calls["deck"] == ["ko"]
    shown = slide(first)

    number, before = import_budget(sample_store)
    first.run()
    assert slide(first) != shown  # the overview slide's figures are the new version's (no version tag: issue #37)
    assert calls["deck"] == ["ko", "ko"]

    rolled_back = open_store(sample_store).rollback("budget", before, user="tester")
    first.run()
    assert rolled_back.number == number + 1 and slide(first) == shown  # the old rows again, computed again
    assert calls["deck"] == ["ko", "ko", "ko"]

    english = page("briefing_deck", "en")
    assert slide(english) != slide(first)
    assert calls["deck"] == ["ko", "ko", "ko", "en"]
