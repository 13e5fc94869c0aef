"""The phone layout's pieces without a browser (issue #15): the programmes-behind-pace count and its change, the
at-a-glance tiles as HTML, the overview's grid and one-line as-of statement in AppTest. The browser test at
390×844 is tests/browser/test_phone_browser.py."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from loaders import load_file
from metrics import overview
from metrics.figures import given
from present.glance import Glance, glance, glance_html

REPO = Path(__file__).resolve().parents[2]


def _budget(rows):
    frame = pd.DataFrame(rows, columns=["year", "month", "program", "planned_krw", "executed_krw"])
    frame = frame.astype({"year": "Int64", "month": "Int64", "planned_krw": "Int64", "executed_krw": "Int64"})
    return frame.assign(phase=pd.NA, strategy=pd.NA, source_row=range(5, 5 + len(rows)))


def test_lagging_tile_by_hand():
    # Planned 1,200 each over the year; by the end of June half the year has elapsed (pace 50 %); a programme lags
    # when its rate is more than 10 %p below that. A: 600 by June (on pace), 300 by May (25 % vs 5/12 ≈ 41.7 %: lags).
    # B: 100 by June (8.3 %: lags), 100 by May (lags). C: 550 by June (45.8 %: on pace), 500 by May (on pace).
    rows = [(2026, m, p, 100, 0) for m in range(1, 13) for p in "ABC"]
    spent = {("A", 5): 300, ("A", 6): 300, ("B", 1): 100, ("C", 5): 500, ("C", 6): 50}
    rows = [(y, m, p, plan, spent.get((p, m), 0)) for y, m, p, plan, _ in rows]
    tile = overview.lagging_tile(_budget(rows), dt.date(2026, 6, 30))
    assert tile.figure.value == 1  # B
    assert tile.previous.value == 2  # A and B at the end of May
    assert overview.change(tile).value == -1
    assert overview.lagging_tile(_budget(rows), dt.date(2026, 1, 31)).previous is None  # December is another year


def _snapshots(rows):
    """Year-to-date exports: (기준일, programme, planned for the year, executed to date), no month."""
    frame = pd.DataFrame(rows, columns=["as_of", "program", "planned_krw", "executed_krw"])
    frame["as_of"] = pd.to_datetime(frame["as_of"]).astype("datetime64[s]")
    frame = frame.assign(year=frame["as_of"].dt.year, month=pd.NA)
    frame = frame.astype({"year": "Int64", "month": "Int64", "planned_krw": "Int64", "executed_krw": "Int64"})
    return frame.assign(phase=pd.NA, strategy=pd.NA, source_row=range(5, 5 + len(rows)))


def test_lagging_tile_of_a_year_held_as_year_to_date_snapshots():
    # The same programmes as above, as two cumulative exports: the month before is the May snapshot, not June's
    # money measured against May's pace (which would put A on pace a month early).
    may = [("2026-05-31", "A", 1200, 300), ("2026-05-31", "B", 1200, 100), ("2026-05-31", "C", 1200, 500)]
    june = [("2026-06-30", "A", 1200, 600), ("2026-06-30", "B", 1200, 100), ("2026-06-30", "C", 1200, 550)]
    tile = overview.lagging_tile(_snapshots(may + june), dt.date(2026, 6, 30))
    assert tile.figure.value == 1  # B
    assert tile.previous.value == 2  # A and B in the May export
    assert overview.change(tile).value == -1
    # Only June's export: how things stood in May is unknown, so no change is shown (rather than a made-up one).
    assert overview.lagging_tile(_snapshots(june), dt.date(2026, 6, 30)).previous is None
    # A whole-year figure (no month, no 기준일) says nothing of the month before either.
    whole = _budget([(2026, None, p, 1200, e) for p, e in (("A", 600), ("B", 100), ("C", 550))])
    assert overview.lagging_tile(whole, dt.date(2026, 6, 30)).figure.value == 1
    assert overview.lagging_tile(whole, dt.date(2026, 6, 30)).previous is None


def test_lagging_count_matches_the_attention_list_on_the_sample():
    budget = load_file((REPO / "data" / "budget.xlsx").read_bytes(), "budget.xlsx").frame
    tile = overview.lagging_tile(budget, dt.date(2026, 11, 30))
    flags = overview.attention(budget, None, None, dt.date(2026, 11, 30), None)
    assert tile.figure.value == len(flags.lagging) == 3  # behind their usual pace (the straight line said 9)


def test_glance_change_colour_follows_what_is_good():
    up = overview.Tile(given(9, "count", "figure.lagging"), given(7, "count", "figure.lagging"))
    assert glance("늦은 사업", up, "ko", "전월 대비", lower_is_better=True) == Glance(
        "늦은 사업", "9", "+2", "bad", "▲", "전월 대비"
    )
    down = overview.Tile(given(0.5, "ratio", "figure.execution_rate"), given(0.6, "ratio", "figure.execution_rate"))
    assert glance("집행률", down, "ko", "전월 대비", "목표 90%") == Glance(
        "집행률", "50.0%", "-10.0%p", "bad", "▼", "전월 대비", "목표 90%"
    )
    same = overview.Tile(given(3, "count", "x"), given(3, "count", "x"))
    assert glance("x", same, "ko", "전월 대비").trend == "flat"
    alone = overview.Tile(given(3, "count", "x"))
    assert glance("x", alone, "ko", "전월 대비") == Glance("x", "3")


def test_glance_html_escapes_text():
    html = glance_html([Glance("<b>", "1 & 2", "+1", "good", "▲", "<i>", '"note"')])
    assert "<b>" not in html and "&lt;b&gt;" in html and "1 &amp; 2" in html and "&lt;i&gt;" in html
    assert "&quot;note&quot;" in html
    assert html.count('data-testid="glance-tile"') == 1


def test_overview_page_has_the_phone_grid_and_the_one_line_as_of(sample_store):
    app = AppTest.from_file(str(REPO / "views" / "overview.py"), default_timeout=60)
    app.run()
    assert not app.exception
    grid = next(h.value for h in app.html if 'data-testid="overview-glance"' in h.value)
    labels = re.findall(r'class="glance-label">([^<]*)<', grid)
    values = re.findall(r'data-testid="glance-value">([^<]*)<', grid)
    shown = {m.label: m.value for m in app.metric}  # the detailed tiles of the wide page
    assert labels == ["집행률", "집행액(누계)", "신규 일자리(누계)", "재직자 수", "입주 기업", "협약 기업 중 입주·가동",
                      "진도가 늦은 사업"]  # fmt: skip
    assert values == [shown["집행률"], shown["집행액(누계)"], shown["신규 일자리(누계)"], shown["재직자 수"],
                      shown["입주 기업"], shown["협약 기업 중 입주·가동"], "3개"]  # fmt: skip
    assert (
        shown["협약 기업 중 입주·가동"] == "60곳 / 128곳"
    )  # the sample's agreements (tests/unit/test_agreements_sample.py)
    assert "투자 이행률 41.0%" in grid
    assert len(re.findall(r'class="glance-change"', grid)) == 6
    assert "목표 940명 · 달성 93.4%" in grid and "연간 예산 1,235.3억원" in grid
    text = " ".join(m.value for m in app.markdown)
    assert "집행 진도가 늦은 사업 3개" in text  # the same count as the list under "what needs attention"
    # each figure once on a phone (issue #37): the grid says what it adds up, its 출처 are one tap under it
    scope = re.findall(r'data-testid="glance-scope">([^<]*)<', grid)
    assert scope == ["예산·일자리 2026년 1~11월 · 입주 기업 2026. 9. 30. 기준"]
    assert [e.label for e in app.expander] == [
        "예산 집행 2026년 11월 기준 외 8종",  # + 투자협약, K-유니콘 선정 (#35)
        "수치의 출처",
        "그림에 이름을 적을 자리가 없는 일정 4건 (표로 보기)",  # the wide timeline's titles without room
        "그림에 이름을 적을 자리가 없는 일정 14건 (표로 보기)",  # the phone's
        "단계별 일정 표로 보기",
    ]  # + the timeline as a table (#17)
    sources = [b.label for b in app.expander[1].button]
    assert sources == [f"{label} 출처" for label in labels]
    # who uploaded and when, no version tag (issue #37: version detail stays in the 출처 dialogs)
    assert re.match(
        r"예산 집행 2026년 11월 기준 · \d{4}\. \d{1,2}\. \d{1,2}\. \d{2}:\d{2} 샘플 데이터 올림  \n",
        app.expander[0].caption[0].value,
    )
