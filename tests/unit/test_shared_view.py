"""ui.shared.shared_view: a page view-model built once per data version and arguments, and handed to every rerun
as the very object built (no copy to unpickle); keyed like ui.shared.shared, fresh for a new version."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from store import Version
from tests.support import shared_builder
from ui import shared
from ui.page import PageContext


def context(version_id: int, executed: int) -> PageContext:
    version = Version(
        id=version_id,
        dataset="budget",
        number=version_id,
        filename="budget.xlsx",
        created_at=dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC),
        created_by="test",
        sha256="0" * 64,
        row_count=1,
        totals={},
        sheet=None,
        rolled_back_from=None,
        note="",
    )
    frame = pd.DataFrame({"executed_krw": [executed]})
    return PageContext("ko", {"budget": version}, {"budget": frame})


def test_the_same_object_for_every_rerun_until_a_new_version():
    shared.clear()
    shared_builder.calls.clear()
    first = context(1, 100)
    kept = shared.shared_view(first, shared_builder.executed_total, first.frame("budget"), "ko")
    again = context(1, 999)  # another session's copy of version 1: keyed by the version, not hashed
    assert shared.shared_view(again, shared_builder.executed_total, again.frame("budget"), "ko") is kept
    assert kept == "ko:100" and shared_builder.calls == ["ko"]
    newer = context(2, 250)
    assert shared.shared_view(newer, shared_builder.executed_total, newer.frame("budget"), "en") == "en:250"
    assert shared_builder.calls == ["ko", "en"]
    shared.clear()
    assert shared.shared_view(first, shared_builder.executed_total, first.frame("budget"), "ko") == "ko:100"
    assert shared_builder.calls == ["ko", "en", "ko"]
