"""Today's date for the pages that compare data with it (the overview, the briefing): one function, so a test can
replace it (`monkeypatch.setattr("present.clock.today", ...)`) and see a page as it reads on another day."""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    return dt.date.today()
