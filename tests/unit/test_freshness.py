"""Overdue data (issue #11, part 6): the rule in metrics.freshness by hand, program.toml's [rhythm], and the one
line the overview and the briefing's first slide show when the newest figures are older than their rhythm allows."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from metrics.freshness import Period, expected_period, is_overdue, overdue, period_of
from present.freshness import overdue_line
from program import load_program, parse_program

REPO = Path(__file__).resolve().parents[2]
D = dt.date

# On time on every sample-data day up to 31 December 2026 (budget and jobs as of November, companies 30 September);
# from 1 January 2027 December and the fourth quarter are expected, so all three are overdue.
LATE_DAY = D(2027, 1, 10)
LATE_KO = (
    "예산 집행 자료가 2026년 11월 기준입니다: 2026년 12월 자료가 아직 없습니다 · "
    "일자리 자료가 2026년 11월 기준입니다: 2026년 12월 자료가 아직 없습니다 · "
    "기업·유니콘 후보 자료가 2026. 9. 30. 기준입니다: 2026년 4분기 자료가 아직 없습니다"
)
LATE_EN = (
    "Budget data is as of Nov 2026: the Dec 2026 figures are not in yet · "
    "Jobs data is as of Nov 2026: the Dec 2026 figures are not in yet · "
    "Companies data is as of 30 Sep 2026: the Q4 2026 figures are not in yet"
)


# --- the rule --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "today,expected",
    [
        (D(2026, 11, 30), D(2026, 10, 1)),  # the last day of November: October is the last complete month
        (D(2026, 12, 1), D(2026, 11, 1)),  # the first day of December: November is now expected
        (D(2026, 12, 31), D(2026, 11, 1)),
        (D(2027, 1, 1), D(2026, 12, 1)),  # across the year
    ],
)
def test_monthly_expects_the_previous_month(today, expected):
    assert expected_period("monthly", today) == Period(expected, 1)


@pytest.mark.parametrize(
    "today,expected",
    [
        (D(2026, 9, 30), D(2026, 4, 1)),  # the last day of Q3: Q2 is the last complete quarter
        (D(2026, 10, 1), D(2026, 7, 1)),  # Q3 expected from the first day of Q4
        (D(2026, 11, 30), D(2026, 7, 1)),
        (D(2027, 2, 15), D(2026, 10, 1)),  # across the year: Q4 2026
    ],
)
def test_quarterly_expects_the_previous_quarter(today, expected):
    assert expected_period("quarterly", today) == Period(expected, 3)


@pytest.mark.parametrize(
    "as_of,today,late",
    [
        (D(2026, 10, 31), D(2026, 11, 30), False),  # October data on the last day of November: on time
        (D(2026, 9, 30), D(2026, 11, 30), True),  # September data on 30 November: overdue
        (D(2026, 10, 31), D(2026, 12, 1), True),  # October data once December has begun: overdue
        (D(2026, 11, 30), D(2026, 12, 31), False),
        (D(2026, 12, 31), D(2026, 12, 15), False),  # data of the running month (or later) is never overdue
        (D(2026, 11, 30), D(2027, 1, 1), True),
    ],
)
def test_monthly_overdue(as_of, today, late):
    assert is_overdue(as_of, "monthly", today) is late


@pytest.mark.parametrize(
    "as_of,today,late",
    [
        (D(2026, 9, 30), D(2026, 11, 30), False),  # Q3 data in Q4: on time
        (D(2026, 7, 1), D(2026, 12, 31), False),  # any 기준일 inside Q3 counts as Q3
        (D(2026, 6, 30), D(2026, 10, 1), True),  # Q2 data once Q4 has begun: overdue
        (D(2026, 6, 30), D(2026, 9, 30), False),  # …but not on the last day of Q3
        (D(2026, 9, 30), D(2027, 1, 1), True),
    ],
)
def test_quarterly_overdue(as_of, today, late):
    assert is_overdue(as_of, "quarterly", today) is late


def test_period_of():
    assert period_of(D(2026, 11, 17), "monthly") == Period(D(2026, 11, 1), 1)
    assert period_of(D(2026, 11, 17), "quarterly") == Period(D(2026, 10, 1), 3)
    assert period_of(D(2026, 3, 31), "quarterly").quarter == 1


def test_overdue_lists_only_late_datasets_with_a_rhythm_in_order():
    rhythms = {"budget": "monthly", "jobs": "monthly", "companies": "quarterly"}
    as_of = {"jobs": D(2026, 9, 30), "targets": D(2020, 1, 1), "budget": D(2026, 10, 31), "companies": D(2026, 3, 31)}
    found = overdue(as_of, rhythms, D(2026, 11, 30))
    assert [(o.dataset, o.as_of, o.period.first, o.expected.first) for o in found] == [
        ("jobs", D(2026, 9, 30), D(2026, 9, 1), D(2026, 10, 1)),
        ("companies", D(2026, 3, 31), D(2026, 1, 1), D(2026, 7, 1)),
    ]


# --- program.toml ----------------------------------------------------------------------------------------------


def test_rhythms_come_from_program_toml():
    assert load_program().rhythms == {"budget": "monthly", "jobs": "monthly", "companies": "quarterly"}


def test_an_unknown_rhythm_is_refused():
    text = (REPO / "program.toml").read_text(encoding="utf-8").replace('jobs = "monthly"', 'jobs = "weekly"')
    with pytest.raises(ValueError, match="jobs = 'weekly'"):
        parse_program(text)


# --- the sentence ----------------------------------------------------------------------------------------------


def test_the_line_in_korean_and_english():
    as_of = {"budget": D(2026, 11, 30), "jobs": D(2026, 11, 30), "companies": D(2026, 9, 30), "targets": D(2020, 1, 1)}
    assert overdue_line(as_of, LATE_DAY, "ko") == LATE_KO
    assert overdue_line(as_of, LATE_DAY, "en") == LATE_EN
    assert overdue_line({"jobs": D(2026, 10, 31)}, D(2026, 12, 2), "ko") == (
        "일자리 자료가 2026년 10월 기준입니다: 2026년 11월 자료가 아직 없습니다"
    )
    assert overdue_line(as_of, D(2026, 12, 31), "ko") is None


# --- the pages (AppTest, with the page's clock set to another day) ------------------------------------------


def _overview(monkeypatch, today: dt.date, lang: str = "ko") -> AppTest:
    monkeypatch.setattr("clock.today", lambda: today)
    app = AppTest.from_file(str(REPO / "views" / "overview.py"), default_timeout=60)
    if lang != "ko":
        app.query_params["lang"] = lang
    return app.run()


def test_overview_says_which_data_is_overdue(sample_store, monkeypatch):
    app = _overview(monkeypatch, LATE_DAY)
    assert not app.exception
    assert [w.value for w in app.warning] == [LATE_KO]


def test_overview_in_english(sample_store, monkeypatch):
    app = _overview(monkeypatch, LATE_DAY, "en")
    assert [w.value for w in app.warning] == [LATE_EN]


def test_overview_says_nothing_while_the_data_is_on_time(sample_store, monkeypatch):
    app = _overview(monkeypatch, D(2026, 12, 31))
    assert not app.exception
    assert not app.warning


def _first_slide(monkeypatch, today: dt.date) -> str:
    monkeypatch.setattr("clock.today", lambda: today)
    app = AppTest.from_file(str(REPO / "views" / "briefing_deck.py"), default_timeout=90)
    app.query_params["slide"] = "1"
    app.run()
    assert not app.exception
    return next(h.value for h in app.html if 'data-testid="briefing-asof"' in h.value)


def test_briefing_first_slide_says_which_data_is_overdue(sample_store, monkeypatch):
    body = _first_slide(monkeypatch, LATE_DAY)
    lines = re.findall(r'data-testid="briefing-overdue"[^>]*>([^<]*)<', body)
    assert lines == [LATE_KO]
    assert "briefing-overdue" not in _first_slide(monkeypatch, D(2026, 12, 31))


def test_only_the_first_slide_carries_the_line():
    from briefing import BriefingData, DataVersion, build_deck
    from loaders import load_file

    files = {"budget": "budget.xlsx", "jobs": "jobs.csv", "companies": "companies.csv"}
    frames = {n: load_file((REPO / "data" / f).read_bytes(), f).frame for n, f in files.items()}
    uploaded = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    versions = {n: DataVersion(n, 1, uploaded, True) for n in frames}
    slides = build_deck(BriefingData(frames, versions, "ko", LATE_DAY))
    assert [s.overdue for s in slides] == [LATE_KO] + [None] * (len(slides) - 1)


def test_the_pack_prints_the_line_on_the_first_page(tmp_path):
    import shutil
    import subprocess

    from briefing import BriefingData, DataVersion, build_deck
    from briefing.pdf import briefing_pdf
    from loaders import load_file

    assert shutil.which("pdftotext"), (
        "pdftotext missing: `make test` installs poppler-utils (scripts/install_system_deps.sh)"
    )
    files = {"budget": "budget.xlsx", "jobs": "jobs.csv", "companies": "companies.csv"}
    frames = {n: load_file((REPO / "data" / f).read_bytes(), f).frame for n, f in files.items()}
    uploaded = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    versions = {n: DataVersion(n, 1, uploaded, True) for n in frames}
    slides = build_deck(BriefingData(frames, versions, "ko", LATE_DAY))[:1]
    path = tmp_path / "pack.pdf"
    path.write_bytes(briefing_pdf(slides, "ko", uploaded))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "일자리 자료가 2026년 11월 기준입니다: 2026년 12월 자료가 아직 없습니다" in " ".join(text.split())
