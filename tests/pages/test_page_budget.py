"""The budget page (views/budget.py): AppTest against figures computed here from data/budget.xlsx read with
openpyxl (천원 × 1,000), and a real browser at 1920×1080 and 1280×720 (screenshots, drill-down by click,
filters kept across pages and in the URL)."""

from __future__ import annotations

import csv
import io
import textwrap
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from present import format as fmt
from present.safe_text import unescape
from tests.support.apptest import frame_with, metrics_of

REPO = Path(__file__).resolve().parents[2]
PAGE = str(REPO / "views" / "budget.py")
TIMEOUT = 60


# --- independent expectations from the files ----------------------------------------------------------------


def sample_rows() -> list[dict]:
    """data/budget.xlsx as plain dicts, money in won (the sheet says 단위: 천원)."""
    sheet = openpyxl.load_workbook(REPO / "data" / "budget.xlsx", read_only=True)["집행현황"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][0] == "(단위: 천원)"
    header = rows[3]
    out = []
    for values in rows[4:]:
        if values[0] is None:
            continue
        r = dict(zip(header, values, strict=False))
        out.append(
            {
                "year": int(r["연도"]),
                "month": int(r["월"]),
                "phase": int(str(r["단계"]).rstrip("단계")),
                "strategy": r["추진전략"],
                "program": r["세부사업명"],
                "source": r["재원"],
                "planned": int(r["예산액"]) * 1000,
                "executed": int(r["집행액"]) * 1000,
            }
        )
    return out


ROWS = sample_rows()
AS_OF_YEAR = max(r["year"] for r in ROWS if r["executed"] > 0)
AS_OF_MONTH = max(r["month"] for r in ROWS if r["executed"] > 0 and r["year"] == AS_OF_YEAR)


def execution_target(year: int) -> Fraction | None:
    text = (REPO / "data" / "targets.csv").read_text(encoding="utf-8-sig")
    for r in csv.DictReader(io.StringIO(text)):
        values = list(r.values())
        if "execution_rate" in values and str(year) in values:
            return Fraction(values[-1]) / 100
    return None


def sums(rows, **where) -> tuple[int, int]:
    chosen = [
        r
        for r in rows
        if all((r[k] in v) if isinstance(v, (set, list, tuple)) else r[k] == v for k, v in where.items())
    ]
    return sum(r["planned"] for r in chosen), sum(r["executed"] for r in chosen)


def half_up(value: Fraction) -> int:
    return int((value * 2 + 1) // 2)


def usual_pace(rows: list[dict], year: int) -> tuple[list[Fraction], Fraction]:
    """The seasonal profile computed here from the file, independently of metrics/pace.py: for each month end
    0..12, the mean over the complete years before `year` of (executed through the month ÷ executed in the year),
    and the mean year-end rate (executed ÷ planned). Every year of the sample before 2026 has all twelve months."""
    years = sorted({r["year"] for r in rows if r["year"] < year})
    shares, finals = [], []
    for y in years:
        in_year = [r for r in rows if r["year"] == y]
        executed = sum(r["executed"] for r in in_year)
        planned = sum(r["planned"] for r in in_year)
        shares.append([Fraction(sum(r["executed"] for r in in_year if r["month"] <= m), executed) for m in range(13)])
        finals.append(Fraction(executed, planned))
    mean = [sum(s[m] for s in shares) / len(shares) for m in range(13)]
    return mean, sum(finals) / len(finals)


# --- AppTest ------------------------------------------------------------------------------------------------


@pytest.fixture
def app(sample_store):
    return lambda: AppTest.from_file(PAGE, default_timeout=TIMEOUT)


def test_default_view_shows_the_as_of_year_right_to_the_won(app):
    at = app().run()
    assert not at.exception, at.exception
    year, months = AS_OF_YEAR, AS_OF_MONTH
    assert (year, months) == (2026, 11)  # the sample: December 2026 has planned money only
    planned, executed = sums(ROWS, year=year)
    planned_to_date, _ = sums([r for r in ROWS if r["month"] <= months], year=year)
    shares, final = usual_pace(ROWS, year)  # the whole budget's pattern, 2020–2025
    rate = Fraction(executed, planned)
    projected = half_up(Fraction(executed) / shares[months])
    projected_rate = Fraction(executed) / shares[months] / planned
    previous_planned, _ = sums(ROWS, year=year - 1)
    _, previous_executed = sums([r for r in ROWS if r["month"] <= months], year=year - 1)
    _, executed_before = sums([r for r in ROWS if r["month"] <= months - 1], year=year)
    target = execution_target(year)

    shown = metrics_of(at)
    assert shown["예산액 (연간)"] == (fmt.money(planned), fmt.money(planned - previous_planned))
    assert shown["집행액 (누계)"] == (fmt.money(executed), fmt.money(executed - planned_to_date))
    assert shown["집행률"] == (
        fmt.percent(float(rate)),
        fmt.points(float(rate - Fraction(previous_executed, previous_planned))),
    )
    gap = rate - shares[months] * final
    gap_before = Fraction(executed_before, planned) - shares[months - 1] * final
    assert shown["진도 차이"] == (fmt.points(float(gap)), fmt.points(float(gap - gap_before)))
    assert shown["연말 예상 집행액"] == (fmt.money(projected), fmt.money(projected - planned))
    point = shown["연말 예상 집행률"][0]
    assert point == fmt.percent(float(projected_rate))
    assert shown["연말 예상 집행률"][1] == fmt.points(float(projected_rate - target))
    span = next(unescape(c.value) for c in at.caption if c.value.startswith("범위 "))
    low, high = (float(v.rstrip("%")) for v in span.removeprefix("범위 ").split(" ")[0].split("~"))
    assert low < float(point.rstrip("%")) < high
    # the figures as read by hand in the report
    assert (planned, executed) == (123_532_000_000, 93_785_591_000)
    assert shown["집행률"][0] == "75.9%" and shown["진도 차이"][0] == "-6.0%p"  # the straight line said -15.7%p
    assert point == "88.5%"  # the run rate said 82.8%

    # exact won in the help text behind the headline
    help_texts = {m.label: m.proto.help for m in at.metric}
    assert fmt.money_exact(planned) in help_texts["예산액 (연간)"]
    assert fmt.money_exact(executed) in help_texts["집행액 (누계)"]


def test_the_rate_traces_to_its_rows(app):
    at = app().run()
    at.button(key="source_budget_rate").click().run()
    assert not at.exception
    planned, executed = sums(ROWS, year=AS_OF_YEAR)
    formula = next(md.value for md in at.markdown if md.value.startswith("**집행률 ="))
    assert fmt.money_exact(executed) in formula and fmt.money_exact(planned) in formula
    assert formula.endswith(f"= {fmt.percent(executed / planned)}**")


def test_programme_and_lagging_tables_match_the_file(app):
    at = app().run()
    assert not at.exception
    year = AS_OF_YEAR
    shares, final = usual_pace(ROWS, year)  # no programme or strategy has three complete years: the whole budget's
    pace = shares[AS_OF_MONTH] * final
    expected = defaultdict(lambda: [0, 0])
    for r in ROWS:
        if r["year"] == year:
            expected[r["program"]][0] += r["planned"]
            expected[r["program"]][1] += r["executed"]
    programmes = frame_with(at, "연말 예상액 (원)")
    assert len(programmes) == len(expected)
    for row in programmes.itertuples(index=False):
        planned, executed = expected[row[0]]
        assert (int(row[2]), int(row[3])) == (planned, executed), row[0]
        assert row[4] == pytest.approx(100 * executed / planned)
        assert int(row[7]) == half_up(Fraction(executed) / shares[AS_OF_MONTH])
    rates = list(programmes["집행률 (%)"])
    assert rates == sorted(rates)  # lowest first

    behind = {name for name, (p, e) in expected.items() if Fraction(e, p) - pace < Fraction(-1, 10)}
    lagging = frame_with(at, "부족액 (원)")
    assert set(lagging["세부사업"]) == behind
    for row in lagging.itertuples(index=False):
        planned, executed = expected[row[0]]
        assert (int(row[2]), int(row[3])) == (planned, executed), row[0]
        assert row[6] == pytest.approx(100 * float(Fraction(executed, planned) - pace))  # pace gap in %p
        assert int(row[7]) == half_up(planned * pace) - executed  # shortfall against the usual pace

    phases = frame_with(at, "단계")
    for row in phases.itertuples(index=False):
        phase = int(row[0].rstrip("단계"))
        assert (int(row[2]), int(row[3])) == sums(ROWS, phase=phase, source=row[1])
    assert int(phases["예산액 (원)"].sum()) == sum(r["planned"] for r in ROWS)


def test_the_programme_download_has_korean_headers_and_exact_won(app):
    from present.xlsx import to_xlsx

    at = app().run()
    programmes = frame_with(at, "연말 예상액 (원)")
    assert "추진전략" in programmes.columns  # in the file, though left off the screen to fit 1280 px
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(programmes, "세부사업별 집행"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(programmes.columns)
    assert rows[0][:4] == ("세부사업", "추진전략", "예산액 (원)", "집행액 (원)")
    by_name = {r[0]: r for r in rows[1:]}
    for name in {r["program"] for r in ROWS if r["year"] == AS_OF_YEAR}:
        assert by_name[name][2:4] == sums(ROWS, year=AS_OF_YEAR, program=name)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_query_params_set_the_view_and_a_past_year_is_complete(app):
    at = app()
    at.query_params["year"] = "2025"
    at.query_params["source"] = "국비,시비"
    at.run()
    assert not at.exception
    assert at.selectbox(key="budget_year").value == 2025
    assert at.multiselect(key="budget_source").value == ["국비", "시비"]
    planned, executed = sums(ROWS, year=2025, source={"국비", "시비"})
    shown = metrics_of(at)
    assert shown["예산액 (연간)"][0] == fmt.money(planned)
    assert shown["집행액 (누계)"][0] == fmt.money(executed)
    chosen = [r for r in ROWS if r["source"] in {"국비", "시비"}]  # the selection's own years, 2020–2024
    _, final = usual_pace(chosen, 2025)
    assert shown["진도 차이"][0] == fmt.points(float(Fraction(executed, planned) - final))  # a past year: share 1
    assert shown["연말 예상 집행액"][0] == fmt.money(executed)  # nothing left to project
    assert at.query_params["year"] == "2025"
    assert at.query_params["source"] == "국비,시비"


def test_choosing_a_strategy_narrows_to_its_programmes_and_goes_in_the_url(app):
    at = app().run()
    strategy = "핵심 기업 육성"
    at.selectbox(key="budget_strategy").select(strategy).run()
    assert not at.exception
    assert at.query_params["strategy"] == strategy
    own = {r["program"] for r in ROWS if r["year"] == AS_OF_YEAR and r["strategy"] == strategy}
    assert set(frame_with(at, "연말 예상액 (원)")["세부사업"]) == own
    planned, executed = sums(ROWS, year=AS_OF_YEAR, strategy=strategy)
    assert metrics_of(at)["예산액 (연간)"][0] == fmt.money(planned)
    assert metrics_of(at)["집행액 (누계)"][0] == fmt.money(executed)
    # programme choices follow the strategy; a programme of another strategy in the URL is dropped
    assert set(at.multiselect(key="budget_program").options) == own
    at.button(key="budget_drill_clear").click().run()
    assert at.selectbox(key="budget_strategy").value == "__all__"
    assert "strategy" not in at.query_params


def test_choosing_a_phase_limits_the_years(app):
    at = app().run()
    at.selectbox(key="budget_phase").select(1).run()
    assert not at.exception
    phase_one = sorted({r["year"] for r in ROWS if r["phase"] == 1})
    assert at.selectbox(key="budget_year").options == [f"{y}년" for y in phase_one]
    assert at.selectbox(key="budget_year").value == phase_one[-1]  # the as-of year is not in phase 1
    planned, executed = sums(ROWS, year=phase_one[-1])
    assert metrics_of(at)["집행률"][0] == fmt.percent(float(Fraction(executed, planned)))
    assert at.query_params["phase"] == "1" and at.query_params["year"] == str(phase_one[-1])


def test_english(app):
    at = app()
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    planned, executed = sums(ROWS, year=AS_OF_YEAR)
    shown = metrics_of(at)
    assert shown["Planned (year)"][0] == fmt.money(planned, "en") == "KRW 123.5 bn"
    assert shown["Executed (to date)"][0] == fmt.money(executed, "en")
    assert "Programme" in frame_with(at, "Projected year-end (KRW)").columns


def test_english_and_empty_selection(app):
    at = app()
    at.query_params["lang"] = "en"
    at.query_params["source"] = "기타"  # the sample has no 기타 rows
    at.run()
    assert not at.exception
    assert any("No budget rows match" in i.value for i in at.info)


def test_filters_survive_another_page_and_back(app, tmp_path):
    """In a multipage app: set filters, visit another page (whose URL has none of them), come back."""
    other = tmp_path / "other.py"
    other.write_text("import streamlit as st\nst.write('other page')\n", encoding="utf-8")
    main = tmp_path / "app.py"
    main.write_text(
        textwrap.dedent(
            f"""
            import streamlit as st
            pages = [st.Page({PAGE!r}, title="예산 집행", url_path="budget", default=True),
                     st.Page({str(other)!r}, title="다른 화면", url_path="other")]
            st.navigation(pages).run()
            """
        ),
        encoding="utf-8",
    )
    at = AppTest.from_file(str(main), default_timeout=TIMEOUT).run()
    at.selectbox(key="budget_year").select(2025).run()
    at.multiselect(key="budget_source").select("민자").run()
    assert at.query_params["year"] == "2025" and at.query_params["source"] == "민자"
    at.switch_page(str(other)).run()
    at.query_params.clear()  # the browser drops the budget page's parameters on another page
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.selectbox(key="budget_year").value == 2025
    assert at.multiselect(key="budget_source").value == ["민자"]
    assert at.query_params["year"] == "2025" and at.query_params["source"] == "민자"  # written back to the URL


def test_the_range_traces_to_the_years_it_learned_from(app):
    at = app().run()
    span = next(unescape(c.value) for c in at.caption if c.value.startswith("범위 "))
    at.button(key="source_budget_projected_range").click().run()
    assert not at.exception
    texts = [unescape(md.value) for md in at.markdown]
    low, high = span.removeprefix("범위 ").split(" ")[0].split("~")
    assert f"**연말 예상 집행률의 80% 범위 = {low}% ~ {high}**" in texts
    # each end: executed to date ÷ the share's 80% bound, ÷ planned
    _, executed = sums(ROWS, year=AS_OF_YEAR)
    ends = [
        t for t in texts if t.startswith("**연말 예상 집행액(하한) =") or t.startswith("**연말 예상 집행액(상한) =")
    ]
    assert len(ends) == 2 and all(fmt.money_exact(executed) in t for t in ends)
