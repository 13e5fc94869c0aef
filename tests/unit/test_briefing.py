"""Briefing mode: the slide registry, each slide's figures against the data (computed here independently), the
projector theme, the HTML, and the page in AppTest (?slide=N, next/previous, auto-advance, language)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from briefing import BriefingData, DataVersion, build_deck, registry, slide_index, specs
from briefing.model import Slide
from briefing.render import body_html, title_html
from briefing.theme import LABEL_SIZE, MIN_STROKE, projector_spec
from loaders import load_file
from loaders.geojson import load_geojson
from metrics.figures import COUNT, SUM, traced_sum
from metrics.jobs import in_year, local_share_of
from metrics.selections import highest_selection_counts

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 25)
FILES = {"budget": "budget.xlsx", "jobs": "jobs.csv", "companies": "companies.csv", "targets": "targets.csv",
         "events": "events.csv", "sites": "sites.xlsx", "agreements": "agreements.xlsx",
         "selections": "selections.csv"}  # fmt: skip
UPLOADED = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
# The monthly files as the routine brings them: after their last month (November) ended. Uploaded on 25 November,
# November would be a month under way, as of that day (issue #37).
MONTH_CLOSED = dt.datetime(2026, 12, 1, 0, 30, tzinfo=dt.UTC)
MONTHLY = ("budget", "jobs")


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    loaded = {name: load_file((REPO / "data" / file).read_bytes(), file).frame for name, file in FILES.items()}
    loaded["parcels"] = load_geojson((REPO / "data" / "parcels.geojson").read_bytes(), "parcels.geojson").frame
    return loaded


def _data(frames, lang="ko", numbers=None) -> BriefingData:
    versions = {
        n: DataVersion(n, (numbers or {}).get(n, 1), MONTH_CLOSED if n in MONTHLY else UPLOADED, True) for n in frames
    }
    return BriefingData(frames, versions, lang, TODAY)


@pytest.fixture(scope="module")
def deck(frames) -> dict[str, Slide]:
    return {s.key: s for s in build_deck(_data(frames, numbers={"budget": 3, "jobs": 2, "companies": 5, "targets": 4}))}


def _won(series) -> int:
    return int(sum(int(v) for v in series.dropna()))


def _eok(krw: int) -> str:
    """'1,235.3억원' by hand: half-up to 0.1억."""
    return f"{(Decimal(krw) / Decimal(10**8)).quantize(Decimal('0.1'), ROUND_HALF_UP):,}억원"


def _pct(numerator, denominator) -> str:
    return f"{(Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def _values(slide: Slide) -> dict[str, str]:
    return {h.label: h.value for h in slide.headlines}


# --- registry --------------------------------------------------------------------------------------------------


def test_deck_order_and_keys():
    assert [s.key for s in specs()] == [
        "overview",
        "budget",
        "reasons",
        "jobs",
        "pipeline",
        "agreements",
        "map",
        "changes",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, 0),
        ("", 0),
        ("1", 0),
        ("2", 1),
        ("4", 3),
        ("99", 3),
        ("0", 0),
        ("-3", 0),
        ("jobs", 2),
        ("x", 0),
        (" 3 ", 2),
    ],
)
def test_slide_parameter(value, expected):
    assert slide_index(value, ["overview", "budget", "jobs", "pipeline"]) == expected


def test_a_registered_slide_joins_the_deck_in_order(frames):
    @registry.slide("zz_test", order=25)
    def extra(data: BriefingData) -> Slide:
        return Slide("zz_test", "추가", note="테스트")

    try:
        keys = [s.key for s in build_deck(_data(frames))]
        assert keys == ["overview", "budget", "reasons", "zz_test", "jobs", "pipeline", "agreements", "map", "changes"]
    finally:
        registry._REGISTRY.pop("zz_test")


def test_a_key_cannot_be_taken_twice():
    with pytest.raises(KeyError):
        registry.slide("budget", order=99)(lambda data: Slide("budget", "x"))


# --- the slides' figures against the data (computed here, not with the metrics functions) ----------------------


def test_budget_slide_figures(frames, deck):
    budget = frames["budget"]
    spent = budget[budget["executed_krw"] > 0]
    year = int(spent["year"].max())
    month = int(spent.loc[spent["year"] == year, "month"].max())
    assert (year, month) == (2026, 11)  # the sample: December has nothing executed yet
    in_year = budget[budget["year"] == year]
    planned = _won(in_year["planned_krw"])
    executed = _won(in_year.loc[in_year["month"] <= month, "executed_krw"])
    slide = deck["budget"]
    values = _values(slide)
    assert values["2026년 예산액"] == _eok(planned)
    assert values["집행액 (11월까지)"] == _eok(executed)
    assert values["2026년 집행률"] == _pct(executed, planned)
    # the usual pace: the whole budget's 2020–2025 share of a year's spending by the end of November × its usual
    # year-end rate, each a mean over the six years (computed here from the rows, independently of metrics.pace)
    years = [y for y in sorted(budget["year"].unique()) if y < year]
    shares = [
        Fraction(_won(budget.loc[(budget["year"] == y) & (budget["month"] <= 11), "executed_krw"]))
        / _won(budget.loc[budget["year"] == y, "executed_krw"])
        for y in years
    ]
    finals = [
        Fraction(
            _won(budget.loc[budget["year"] == y, "executed_krw"]), _won(budget.loc[budget["year"] == y, "planned_krw"])
        )
        for y in years
    ]
    share, final = sum(shares) / len(years), sum(finals) / len(years)
    gap = Decimal(executed) / Decimal(planned) - Decimal(float(share * final))
    assert values["진도 차이 (평소 대비)"] == f"{(gap * 100).quantize(Decimal('0.1'), ROUND_HALF_UP)}%p"
    rate = next(h for h in slide.headlines if h.label == "2026년 집행률")
    assert rate.figure.parts[0].value == executed and rate.figure.parts[1].value == planned
    assert rate.detail.startswith("목표 90%")  # targets.csv: execution_rate 2026
    projected = Fraction(executed) / share
    assert _eok(int((projected * 2 + 1) // 2)) in slide.note
    assert slide.note.startswith(
        f"연말 예상 집행률 {_pct(Decimal(projected.numerator) / projected.denominator, planned)} (범위 "
    )
    assert slide.as_of_line == "자료: 예산 집행 2026년 11월 기준 · 목표 2026. 11. 25. 기준"
    assert slide.as_of == dt.date(2026, 11, 30)


def test_jobs_slide_figures(frames, deck):
    jobs, targets = frames["jobs"], frames["targets"]
    latest = jobs["month"].max()
    assert latest == pd.Timestamp("2026-11-01")
    in_year = jobs[jobs["month"].dt.year == 2026]
    created = int(in_year["new_hires"].sum())
    headcount = int(jobs.loc[jobs["month"] == latest, "headcount"].sum())
    before = int(jobs.loc[jobs["month"] == pd.Timestamp("2026-10-01"), "headcount"].sum())
    known = in_year[in_year["local_hires"].notna()]
    target = float(targets.loc[(targets["metric"] == "jobs_created") & (targets["year"] == 2026), "target"].iloc[0])
    values = {h.label: h for h in deck["jobs"].headlines}
    assert values["2026년 신규 일자리"].value == f"{created:,}명"
    assert values["2026년 신규 일자리"].detail == f"목표 {int(target):,}명의 {_pct(created, target)}"
    assert values["재직자 수 (2026년 11월)"].value == f"{headcount:,}명"
    assert values["재직자 수 (2026년 11월)"].detail == f"전월 대비 {headcount - before:+,}명"
    share = values["2026년 지역인재 비율"]
    assert share.value == _pct(int(known["local_hires"].sum()), int(known["new_hires"].sum()))
    assert deck["jobs"].as_of_line == "자료: 일자리 2026년 11월 기준 · 목표 2026. 11. 25. 기준"


def test_pipeline_slide_figures(frames, deck):
    companies = frames["companies"]
    latest = companies[companies["as_of"] == companies["as_of"].max()]
    assert latest["as_of"].iloc[0] == pd.Timestamp("2026-09-30")
    values = _values(deck["pipeline"])
    assert values["입주 기업"] == f"{len(latest)}개사"
    # stages are selections (#35): each programme's count is the companies whose highest selection it is, as
    # `python -m metrics pipeline` counts them from the selections data; 유니콘 is a status, counted from valuations
    counts = highest_selection_counts(frames["selections"], "2026-09-30")
    assert counts == {"G-유니콘": 8, "아기유니콘": 4, "예비유니콘": 4}
    for stage, count in counts.items():
        assert values[f"{stage} (최고 선정)"] == f"{count}개사"
    assert values["유니콘 (상태)"] == f"{int((latest['valuation_krw'] >= 10**12).sum())}개사" == "1개사"
    assert "선정 이력 없음" not in values  # the slide shows what was selected
    assert deck["pipeline"].as_of_line == (
        "자료: 기업·유니콘 후보 2026. 9. 30. 기준 · 목표 2026. 11. 25. 기준 · K-유니콘 선정 2026. 11. 25. 기준"
    )
    assert "G-유니콘 → 아기유니콘 → 예비유니콘" in deck["pipeline"].note and "1조원" in deck["pipeline"].note


def test_overview_slide_repeats_the_same_figures(deck):
    overview, budget, jobs, pipeline = (_values(deck[k]) for k in ("overview", "budget", "jobs", "pipeline"))
    assert overview["2026년 집행률"] == budget["2026년 집행률"]
    assert overview["집행액 (11월까지)"] == budget["집행액 (11월까지)"]
    assert overview["2026년 신규 일자리"] == jobs["2026년 신규 일자리"]
    assert overview["입주 기업"] == pipeline["입주 기업"]
    assert "주요 일정 2026. 11. 25. 기준" in deck["overview"].as_of_line


def test_map_slide_figures(frames, deck):
    sites, parcels = frames["sites"], frames["parcels"]
    located = sites[sites["lat"].notna() & sites["lon"].notna()]
    companies = located[located["kind"] == "기업"]
    facilities = located[located["kind"] != "기업"]
    lots = parcels[parcels["kind"] == "필지"]
    values = {h.label: h for h in deck["map"].headlines}
    assert values["시설"].value == f"{len(facilities)}곳"
    assert values["기업 사옥"].value == f"{len(companies)}곳"
    assert values["필지"].value == f"{len(lots)}필지"
    operating = int((facilities["status"] == "운영").sum())
    assert f"운영 {operating}" in values["시설"].detail
    assert deck["map"].note.startswith("지도 번호: 1 ")
    assert all(name in deck["map"].note for name in located["name"])
    spec = deck["map"].chart
    assert spec["projection"]["type"] == "mercator"


def test_map_polygons_are_wound_for_d3():
    from briefing.map_snapshot import _signed_area, for_d3

    counter_clockwise = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]  # RFC 7946 outer ring
    wound = for_d3({"type": "Polygon", "coordinates": [counter_clockwise, list(reversed(counter_clockwise))]})
    outer, hole = wound["coordinates"]
    assert _signed_area(outer) < 0 < _signed_area(hole)
    assert for_d3({"type": "LineString", "coordinates": [[0, 0], [1, 1]]})["coordinates"] == [[0, 0], [1, 1]]


def test_every_headline_traces_to_rows_that_make_it(frames, deck):
    def leaves(figure):
        if figure.kind in (SUM, COUNT):
            yield figure
        for part in figure.parts:
            yield from leaves(part)

    checked = 0
    for slide in deck.values():
        for headline in slide.headlines:
            for figure in leaves(headline.figure):
                assert traced_sum(figure, frames[figure.dataset]) == figure.value, (slide.key, headline.label)
                checked += 1
    assert checked >= 15


def test_local_share_by_hand():
    jobs = pd.DataFrame(
        {
            "month": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-02-01", "2025-12-01"]),
            "company": ["가", "가", "나", "가"],
            "new_hires": pd.array([4, 6, 10, 9], dtype="Int64"),
            "local_hires": pd.array([1, 3, pd.NA, 9], dtype="Int64"),
            "source_row": [2, 3, 4, 5],
        }
    )
    share = local_share_of(in_year(jobs, 2026))  # the one definition the page and the slide share
    assert share.value == pytest.approx(4 / 10)  # row 4 has no local_hires: left out of both sums
    assert share.parts[0].source_rows == (2, 3) and share.parts[1].source_rows == (2, 3)


def test_english_deck(frames):
    slides = {s.key: s for s in build_deck(_data(frames, "en"))}
    assert slides["budget"].title == "2026 budget burn"
    assert _values(slides["budget"])["2026 planned budget"].startswith("KRW ")
    assert slides["jobs"].as_of_line == "Data: Jobs as of Nov 2026 · Targets as of 25 Nov 2026"


def test_slides_without_data_stay_in_the_deck_and_say_why():
    slides = build_deck(BriefingData({}, {}, "ko", TODAY))
    assert [s.key for s in slides] == [
        "overview",
        "budget",
        "reasons",
        "jobs",
        "pipeline",
        "agreements",
        "map",
        "changes",
    ]
    for slide in slides:
        assert not slide.headlines and slide.chart is None
        assert "아직 없습니다" in slide.note


def test_no_sample_mark_on_real_data(frames):
    versions = {n: DataVersion(n, 7, UPLOADED, False) for n in frames}
    slide = build_deck(BriefingData(frames, versions, "ko", TODAY))[1]
    assert not slide.is_sample and "briefing-sample" not in body_html(slide, "ko")


# --- projector theme and HTML --------------------------------------------------------------------------------


def _walk(node, key):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                yield v
            if k not in ("datasets", "data"):
                yield from _walk(v, key)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item, key)


def test_projector_theme_enlarges_type_and_lines_and_keeps_the_data():
    data = pd.DataFrame({"x": ["가", "나"], "y": [1, 2], "s": ["계획", "실적"]})
    chart = (
        alt.Chart(data)
        .mark_line(strokeWidth=1.5)
        .encode(
            x=alt.X("x:N", axis=alt.Axis(labelFontSize=11, labelLimit=100)),
            y="y:Q",
            color=alt.Color("s:N", legend=alt.Legend(orient="bottom", columns=4)),
        )
        .properties(width="container", height=300)
    )
    spec = projector_spec(chart, height=240)
    assert min(_walk(spec, "labelFontSize")) >= LABEL_SIZE
    assert min(v for v in _walk(spec, "strokeWidth")) >= MIN_STROKE
    assert spec["encoding"]["color"]["legend"]["orient"] == "right"
    assert spec["height"] == 240 and spec["config"]["axis"]["labelColor"] == "#000000"
    assert spec["datasets"] == chart.to_dict()["datasets"]


def test_slide_charts_come_themed(deck):
    """Each slide's chart is its Vega-Lite spec in the projector theme, valid against Vega-Lite's schema (the deck
    keeps the spec Altair made and the theme changed, and does not turn it back into an Altair chart)."""
    for slide in deck.values():
        if slide.chart is None:  # what-changed without earlier data, and the reasons list
            assert slide.key in ("changes", "reasons")  # reasons: a list, no chart
            continue
        spec = slide.chart
        alt.Root.from_dict(spec, validate=True)  # raises on anything Vega-Lite does not know
        assert spec["config"]["axis"]["labelFontSize"] == LABEL_SIZE
        assert min(_walk(spec, "labelFontSize")) >= LABEL_SIZE, slide.key


def test_html_escapes_text():
    version = DataVersion("budget", 1, UPLOADED, True)
    from briefing.model import Headline, Source
    from metrics.figures import given

    slide = Slide(
        "x",
        "<script>alert(1)</script>",
        (Headline("<b>", given(1, "count", "k"), "1 & 2", "<i>"),),
        sources=(Source("budget", None, version),),
        as_of_line="a < b",
        note="\"'",
    )
    html = title_html(slide, 1, 2, "ko") + body_html(slide, "ko")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html and "1 &amp; 2" in html and "a &lt; b" in html and "<i>" not in html


# --- the page (AppTest) ----------------------------------------------------------------------------------------


def _page(params: dict[str, str] | None = None) -> AppTest:
    app = AppTest.from_file(str(REPO / "views" / "briefing_deck.py"), default_timeout=90)
    for key, value in (params or {}).items():
        app.query_params[key] = value
    return app.run()


def _shown(app: AppTest) -> tuple[int, str]:
    header = next(h.value for h in app.html if 'data-testid="briefing-header"' in h.value)
    number = int(re.search(r'data-number="(\d+)"', header).group(1))
    title = re.search(r'data-testid="briefing-title"[^>]*>([^<]*)<', header).group(1)
    return number, title


def _figures(app: AppTest) -> list[str]:
    body = next(h.value for h in app.html if 'data-testid="briefing-asof"' in h.value)
    return re.findall(r'data-testid="briefing-value"[^>]*>([^<]*)<', body)


def test_page_opens_the_slide_in_the_url_and_steps(sample_store, frames):
    app = _page({"slide": "2"})
    assert not app.exception
    assert _shown(app) == (2, "2026년 예산 집행")
    budget = frames["budget"]
    in_year = budget[budget["year"] == 2026]
    planned, executed = _won(in_year["planned_krw"]), _won(in_year.loc[in_year["month"] <= 11, "executed_krw"])
    assert _figures(app)[:3] == [_eok(planned), _eok(executed), _pct(executed, planned)]
    assert len(app.get("vega_lite_chart")) == 1

    app.button(key="briefing_next").click().run()
    assert _shown(app) == (3, "부진 사업과 대책")
    assert app.query_params["slide"] == "3"
    app.button(key="briefing_next").click().run()
    assert _shown(app) == (4, "2026년 일자리")
    app.button(key="briefing_previous").click().run()
    app.button(key="briefing_previous").click().run()
    app.button(key="briefing_previous").click().run()
    assert _shown(app)[0] == 1
    assert app.button(key="briefing_previous").disabled
    assert app.query_params["slide"] == "1"


def test_page_ends_and_unknown_slides(sample_store):
    app = _page({"slide": "pipeline"})
    assert _shown(app) == (5, "유니콘 후보 기업")
    app = _page({"slide": "6"})
    assert _shown(app) == (6, "투자협약 이행")
    app = _page({"slide": "7"})
    assert _shown(app) == (7, "집적단지 현황 지도")
    app = _page({"slide": "8"})
    assert _shown(app)[0] == 8 and _shown(app)[1].endswith("이후 변화")
    assert app.button(key="briefing_next").disabled
    app = _page({"slide": "abc"})
    assert _shown(app)[0] == 1


def test_page_auto_advance(sample_store):
    app = _page({"slide": "3"})
    app.toggle(key="briefing_auto").set_value(True).run()
    assert _shown(app)[0] == 3  # switched on just now: the slide stays up for the interval
    app.session_state["briefing_shown_at"] = 0.0  # as if the slide had been up since long ago
    app.run()
    assert _shown(app)[0] == 4
    app.session_state["briefing_shown_at"] = 0.0
    app.run()
    assert _shown(app)[0] == 5
    app.session_state["briefing_shown_at"] = 0.0
    app.run()
    assert _shown(app)[0] == 6
    app.session_state["briefing_shown_at"] = 0.0
    app.run()
    assert _shown(app)[0] == 7
    app.session_state["briefing_shown_at"] = 0.0
    app.run()
    assert _shown(app)[0] == 8
    app.session_state["briefing_shown_at"] = 0.0
    app.run()
    assert _shown(app)[0] == 1  # after the last slide it starts again


def test_page_in_english(sample_store):
    app = _page({"slide": "4", "lang": "en"})
    assert not app.exception
    assert _shown(app) == (4, "2026 jobs")
    assert app.button(key="briefing_next").label == "Next"


def test_page_has_the_pack_and_no_editing_widgets(sample_store):
    app = _page()
    labels = {b.label for b in app.get("download_button")}
    assert {"브리핑 자료 PDF", "PNG 내려받기"} <= labels
    assert not app.text_input and not app.number_input and not app.multiselect and not app.data_editor


def test_briefing_data_reads_today_from_the_clock(monkeypatch):
    """`BriefingData.today` defaults to clock.today(), so a test (or a page) that sets the clock sees it."""
    import datetime as dt

    from briefing.model import BriefingData

    monkeypatch.setattr("clock.today", lambda: dt.date(2027, 1, 15))
    assert BriefingData({}, {}).today == dt.date(2027, 1, 15)
