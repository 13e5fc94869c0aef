"""The overdue-data line the overview and the briefing's first slide show (no Streamlit: the briefing uses it too).

"일자리 자료가 2026년 10월 기준입니다: 2026년 11월 자료가 아직 없습니다" — the rule is `metrics.freshness`."""

from __future__ import annotations

import datetime as dt

from metrics.freshness import Overdue, Period, overdue
from program import load_program

from . import format as fmt
from .i18n import translate


def period_label(period: Period, lang: str) -> str:
    """ "2026년 11월" for a month, "2026년 3분기" / "Q3 2026" for a quarter."""
    if period.months == 1:
        return fmt.month_label(period.first, lang)
    return translate("freshness.quarter", lang, year=period.first.year, quarter=period.quarter)


def overdue_sentence(item: Overdue, lang: str) -> str:
    """One dataset's sentence: its as-of written as its page writes it (a month for monthly data, else the date)."""
    as_of = fmt.month_label(item.as_of, lang) if item.period.months == 1 else fmt.date_label(item.as_of, lang)
    return translate(
        "freshness.overdue",
        lang,
        dataset=translate(f"dataset.{item.dataset}", lang),
        as_of=as_of,
        expected=period_label(item.expected, lang),
    )


def overdue_line(as_of: dict[str, dt.date], today: dt.date, lang: str) -> str | None:
    """The sentences of every overdue dataset of `as_of` (dataset → as-of date), joined by " · "; None when all
    are on time. Rhythms come from program.toml's [rhythm]."""
    items = overdue(as_of, load_program().rhythms, today)
    return " · ".join(overdue_sentence(item, lang) for item in items) or None
