"""Readers of what an AppTest run shows, shared by the page tests."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from streamlit.testing.v1 import AppTest

from present.safe_text import unescape


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def texts(elements: Iterable[object]) -> str:
    """The text of Streamlit elements as the page shows it (their Markdown escapes read, present.safe_text), or of a
    column's cells, one per line."""
    return "\n".join(unescape(str(e.value)) if hasattr(e, "proto") else str(e) for e in elements)


def metrics_of(at: AppTest) -> dict[str, tuple[str, str | None]]:
    """Each metric tile's label → (value, delta)."""
    return {unescape(m.label): (unescape(m.value), None if m.delta is None else unescape(m.delta)) for m in at.metric}


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first dataframe on the page that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def view_page(view: str, lang: str = "ko", timeout: float = 60) -> AppTest:
    """A new viewer's session of views/<view>.py in `lang` (a fresh AppTest: another browser tab), run once."""
    from tests.support.paths import REPO_ROOT

    at = AppTest.from_file(str(REPO_ROOT / "views" / f"{view}.py"), default_timeout=timeout)
    if lang != "ko":
        at.query_params["lang"] = lang
    return at.run()
