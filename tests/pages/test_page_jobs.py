"""The jobs page (views/jobs.py): AppTest against figures computed here from data/jobs.csv and data/targets.csv
read with the csv module, and a real browser at 1920×1080 and 1280×720 (screenshots)."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import clock
from present import format as fmt
from tests.support.apptest import frame_with, metrics_of

REPO = Path(__file__).resolve().parents[2]
PAGE = str(REPO / "views" / "jobs.py")
TIMEOUT = 90


# --- independent expectations from the files ----------------------------------------------------------------


def _read(name: str) -> list[dict[str, str]]:
    with open(REPO / "data" / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


RAW = [
    {
        "month": r["기준월"], "company": r["기업명"], "sector": r["산업분야"], "new": int(r["신규채용"]),
        "head": int(r["재직자수"]), "local": int(r["지역인재"]),
    }
    for r in _read("jobs.csv")
]  # fmt: skip
TARGETS = {int(r["연도"]): Fraction(r["목표"]) for r in _read("targets.csv") if r["지표"] == "jobs_created"}
YEARS = sorted({int(r["month"][:4]) for r in RAW})


def default_year() -> int:
    today = clock.today()
    return today.year if today.year in YEARS else YEARS[-1]


def expected(year: int, sectors: set[str] | None = None, company: str | None = None) -> dict:
    rows = [r for r in RAW if (not sectors or r["sector"] in sectors) and (company is None or r["company"] == company)]
    in_year = [r for r in rows if r["month"].startswith(f"{year}-")]
    last = max(r["month"] for r in in_year)
    y, mo = int(last[:4]), int(last[5:])
    previous = f"{y - 1}-12" if mo == 1 else f"{y}-{mo - 1:02d}"
    head = sum(r["head"] for r in rows if r["month"] == last)
    head_before = sum(r["head"] for r in rows if r["month"] == previous)
    return {
        "created": sum(r["new"] for r in in_year),
        "local": sum(r["local"] for r in in_year),
        "last": dt.date(y, mo, 1),
        "previous": dt.date(int(previous[:4]), int(previous[5:]), 1),
        "head": head,
        "change": head - head_before,
        "latest_rows": {r["company"]: r["head"] for r in rows if r["month"] == last},
        "rows": rows,
    }


def losses(rows: list[dict], year: int) -> list[tuple[str, str, int]]:
    by_key = {(r["company"], r["month"]): r["head"] for r in rows}
    out = []
    for (company, month), head in by_key.items():
        y, mo = int(month[:4]), int(month[5:])
        previous = f"{y - 1}-12" if mo == 1 else f"{y}-{mo - 1:02d}"
        if y == year and (company, previous) in by_key and head < by_key[(company, previous)]:
            out.append((company, month, head - by_key[(company, previous)]))
    return out


# --- AppTest ------------------------------------------------------------------------------------------------


@pytest.fixture
def app(sample_store):
    return lambda: AppTest.from_file(PAGE, default_timeout=TIMEOUT)


def people(n: int) -> str:
    return f"{n:,}명"


def test_default_view_matches_the_files(app):
    at = app().run()
    assert not at.exception, at.exception
    year = default_year()
    e = expected(year)
    target = TARGETS[year]
    shown = metrics_of(at)

    assert shown[f"{year}년 신규 일자리"] == (
        people(e["created"]),
        f"연간 목표 {people(int(target))}의 {fmt.percent(float(Fraction(e['created']) / target))}",
    )
    assert shown[f"재직자 수 ({fmt.month_label(e['last'])})"] == (people(e["head"]), f"{e['change']:+,}명")
    assert shown[f"{year}년 지역인재 채용 비율"] == (
        fmt.percent(float(Fraction(e["local"], e["created"]))),
        f"신규채용 {e['created']:,}명 중 {e['local']:,}명",
    )
    if year == 2026:  # the sample as read in the report
        assert shown["2026년 신규 일자리"] == ("878명", "연간 목표 940명의 93.4%")
        assert shown["재직자 수 (2026년 11월)"] == ("2,587명", "+42명")
        assert shown["2026년 지역인재 채용 비율"][0] == "52.8%"
        assert any("2026년 자료는 2026년 11월까지입니다" in c.value for c in at.caption)
    assert any("신규 일자리 = 월별 신규채용 인원의 합계" in c.value for c in at.caption)

    monthly = frame_with(at, "누적 신규 일자리")
    assert monthly["누적 신규 일자리"].iloc[-1] == e["created"]
    assert monthly["재직자 수 (명)"].iloc[-1] == e["head"]
    assert monthly["신규채용 (명)"].sum() == e["created"]

    top = frame_with(at, "순위")
    ranked = sorted(e["latest_rows"].items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    assert top["기업명"].tolist() == [c for c, _ in ranked]
    assert top["재직자 수 (명)"].tolist() == [h for _, h in ranked]

    lost = frame_with(at, "전월 재직자 (명)")
    want = losses(RAW, year)
    assert len(lost) == len(want)
    assert sorted(zip(lost["기업명"], lost["전월 대비 (명)"], strict=False)) == sorted((c, d) for c, _, d in want)
    assert not at.warning  # every company reported the latest month


def test_local_share_table_by_sector(app):
    at = app().run()
    year = default_year()
    local = frame_with(at, "지역인재 비율").set_index("산업분야")
    by_sector = defaultdict(lambda: [0, 0])
    for r in RAW:
        if r["month"].startswith(f"{year}-"):
            by_sector[r["sector"]][0] += r["new"]
            by_sector[r["sector"]][1] += r["local"]
    for sector, (new, loc) in by_sector.items():
        assert local.loc[sector, "신규채용 (명)"] == new
        assert local.loc[sector, "지역인재 (명)"] == loc
        assert local.loc[sector, "지역인재 비율"] == fmt.percent(float(Fraction(loc, new)))


def test_another_year(app):
    at = app().run()
    at.selectbox(key="jobs_year").select(2025).run()
    assert not at.exception, at.exception
    e = expected(2025)
    shown = metrics_of(at)
    ratio = fmt.percent(float(Fraction(e["created"]) / TARGETS[2025]))
    assert shown["2025년 신규 일자리"] == (people(e["created"]), f"연간 목표 {people(int(TARGETS[2025]))}의 {ratio}")
    assert shown["재직자 수 (2025년 12월)"] == (people(e["head"]), f"{e['change']:+,}명")
    assert (e["created"], ratio) == (804, "92.4%")
    assert not any("자료는" in c.value and "까지입니다" in c.value for c in at.caption)  # a complete year
    assert at.query_params["year"] == "2025"  # shared with the other pages through the URL


def test_sector_filter_drops_the_cluster_target(app):
    at = app().run()
    year = default_year()
    at.multiselect(key="jobs_sectors").select("헬스케어").run()
    assert not at.exception, at.exception
    e = expected(year, {"헬스케어"})
    shown = metrics_of(at)
    assert shown[f"{year}년 신규 일자리"] == (people(e["created"]), "목표는 집적단지 전체 기준")
    assert shown[f"재직자 수 ({fmt.month_label(e['last'])})"][0] == people(e["head"])
    assert set(frame_with(at, "순위")["산업분야"]) == {"헬스케어"}
    assert at.selectbox(key="jobs_company").options == sorted({r["company"] for r in e["rows"]})


def test_company_filter(app):
    at = app().run()
    year = default_year()
    at.selectbox(key="jobs_company").select("무등헬스랩").run()
    assert not at.exception, at.exception
    e = expected(year, company="무등헬스랩")
    shown = metrics_of(at)
    assert shown[f"{year}년 신규 일자리"][0] == people(e["created"])
    assert shown[f"재직자 수 ({fmt.month_label(e['last'])})"] == (people(e["head"]), f"{e['change']:+,}명")
    assert frame_with(at, "순위")["기업명"].tolist() == ["무등헬스랩"]


def test_english(app):
    at = app()
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception, at.exception
    year = default_year()
    e = expected(year)
    shown = metrics_of(at)
    assert shown[f"Jobs created in {year}"][0] == f"{e['created']:,} people"
    assert shown[f"Jobs created in {year}"][1].endswith(f"of the {int(TARGETS[year]):,} target")
    assert at.title[0].value == "Jobs"
    assert "Rank" in frame_with(at, "Rank").columns
