"""A builder for the tests of ui.shared: the budget's executed total and the language, counting its calls."""

from __future__ import annotations

import pandas as pd

calls: list[str] = []


def executed_total(budget: pd.DataFrame, lang: str) -> str:
    calls.append(lang)
    return f"{lang}:{int(budget['executed_krw'].sum())}"
