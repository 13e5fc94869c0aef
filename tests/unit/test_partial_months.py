"""The rules behind a month still under way (issue #37): its figures are as of the upload date, not its end."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from loaders.periods import Period, unfinished_months
from metrics.as_of import closed_or_partial, data_as_of
from metrics.budget import months_elapsed
from present import format as fmt
from tests.support.budget_frames import frame


def test_a_month_uploaded_before_its_end_is_as_of_the_upload():
    december = dt.date(2026, 12, 1)
    assert closed_or_partial(december, dt.date(2026, 12, 8)) == dt.date(2026, 12, 8)
    assert closed_or_partial(december, dt.date(2026, 12, 31)) == dt.date(2026, 12, 31)
    assert closed_or_partial(december, dt.date(2027, 1, 5)) == dt.date(2026, 12, 31)
    assert closed_or_partial(december, dt.date(2026, 11, 20)) == dt.date(2026, 12, 1)  # never before the month


def test_the_budgets_as_of_date_follows_the_upload():
    budget = frame([(2026, 11, 2, "s", "A", "국비", 100, 90), (2026, 12, 2, "s", "A", "국비", 100, 30)])
    assert data_as_of("budget", budget, dt.date(2026, 12, 8)) == dt.date(2026, 12, 8)
    assert data_as_of("budget", budget, dt.date(2027, 1, 6)) == dt.date(2026, 12, 31)
    assert months_elapsed(2026, dt.date(2026, 12, 8)) == 11 + Fraction(8, 31)
    assert fmt.months_elapsed_label(months_elapsed(2026, dt.date(2026, 12, 8)), dt.date(2026, 12, 8)) == "11개월 8일"
    assert fmt.months_elapsed_label(Fraction(11), dt.date(2026, 11, 30), "en") == "11 months"


def test_the_files_unended_months_are_found():
    budget = frame([(2026, 11, 2, "s", "A", "국비", 100, 90), (2026, 12, 2, "s", "A", "국비", 100, 30)])
    assert unfinished_months("budget", budget, dt.date(2026, 12, 8)) == [Period("month", 2026, 12)]
    assert unfinished_months("budget", budget, dt.date(2026, 12, 31)) == []
    assert unfinished_months("budget", budget, dt.date(2027, 1, 5)) == []
