"""The unicorn-pipeline page (views/pipeline.py): AppTest against figures computed here from data/companies.csv
and data/jobs.csv read with the csv module (억원 × 10^8 = won), and a real browser at 1920×1080 and 1280×720."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from present import format as fmt
from program import load_program
from tests.support.apptest import frame_with, metrics_of

REPO = Path(__file__).resolve().parents[2]
PAGE = str(REPO / "views" / "pipeline.py")
TIMEOUT = 90
EOK = 10**8
PROGRAM = load_program()
STAGES = PROGRAM.stages
FLOORS = PROGRAM.stage_floors_krw


def _read(name: str) -> list[dict[str, str]]:
    with open(REPO / "data" / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def stage_of(won: int) -> str:
    return [s for s, floor in zip(STAGES, FLOORS, strict=False) if won >= floor][-1]


RAW = [
    {
        "as_of": r["기준일"], "company": r["기업명"], "sector": r["산업분야"],
        "valuation": int(r["기업가치(억원)"]) * EOK, "funding": int(r["누적투자유치(억원)"]) * EOK,
        "revenue": int(r["매출액(억원)"]) * EOK, "employees": int(r["종업원수"]),
    }
    for r in _read("companies.csv")
]  # fmt: skip
for row in RAW:
    row["stage"] = stage_of(row["valuation"])  # the sample has no 성장단계 column: derived from the valuation
DATES = sorted({r["as_of"] for r in RAW})
JOBS = _read("jobs.csv")


def on(date: str) -> dict[str, dict]:
    return {r["company"]: r for r in RAW if r["as_of"] == date}


def day(date: str) -> str:
    return fmt.date_label(pd.Timestamp(date).date())


@pytest.fixture
def app(sample_store):
    return lambda: AppTest.from_file(PAGE, default_timeout=TIMEOUT)


def test_stages_at_the_latest_date(app):
    at = app().run()
    assert not at.exception, at.exception
    latest, before = on(DATES[-1]), on(DATES[-2])
    shown = metrics_of(at)
    assert shown["전체 기업"][0] == f"{len(latest)}개사"
    for stage in STAGES:
        now = sum(1 for r in latest.values() if r["stage"] == stage)
        change = now - sum(1 for r in before.values() if r["stage"] == stage)
        assert shown[stage] == (f"{now}개사", "0" if change == 0 else f"{change:+,}개사")
    assert (shown["아기유니콘"][0], shown["예비유니콘"][0], shown["유니콘"][0]) == ("31개사", "8개사", "1개사")
    assert any(f"직전 기준일({day(DATES[-2])})" in c.value for c in at.caption)
    assert any(
        "아기유니콘 1,000억원 미만 · 예비유니콘 1,000억원 이상 1조원 미만 · 유니콘 1조원 이상" in c.value
        for c in at.caption
    )

    stages = frame_with(at, "합계").set_index("산업분야")
    for sector in {r["sector"] for r in latest.values()}:
        for stage in STAGES:
            assert stages.loc[sector, stage] == sum(
                1 for r in latest.values() if r["sector"] == sector and r["stage"] == stage
            )
    assert stages["합계"].sum() == len(latest)


def test_default_movement_is_the_latest_two_dates(app):
    at = app().run()
    before, after = on(DATES[-2]), on(DATES[-1])
    changed = [c for c in before.keys() & after.keys() if before[c]["stage"] != after[c]["stage"]]
    changed += list(before.keys() ^ after.keys())
    assert at.selectbox(key="pipeline_before").value == pd.Timestamp(DATES[-2])
    assert at.selectbox(key="pipeline_after").value == pd.Timestamp(DATES[-1])
    assert sorted(changed) == ["빛고을모빌리티", "송정모빌리티"]  # the sample: one up, one down
    moves = frame_with(at, "구분").set_index("기업명")
    assert moves["구분"].to_dict() == {"빛고을모빌리티": "상향", "송정모빌리티": "하향"}
    before_col, after_col = "이전 기업가치 (원)", "이후 기업가치 (원)"
    assert moves.loc["빛고을모빌리티", before_col] == before["빛고을모빌리티"]["valuation"] == 970_000_000_000
    assert moves.loc["빛고을모빌리티", after_col] == after["빛고을모빌리티"]["valuation"] == 1_140_000_000_000
    assert moves.loc["송정모빌리티", after_col] == after["송정모빌리티"]["valuation"] == 90_000_000_000


def test_movement_between_chosen_dates(app):
    at = app().run()
    at.selectbox(key="pipeline_before").select(pd.Timestamp("2026-03-31"))
    at.selectbox(key="pipeline_after").select(pd.Timestamp("2026-06-30")).run()
    assert not at.exception, at.exception
    before, after = on("2026-03-31"), on("2026-06-30")
    rank = {s: i for i, s in enumerate(STAGES)}
    want = {}
    for c in before.keys() | after.keys():
        if c not in before:
            want[c] = "신규"
        elif c not in after:
            want[c] = "제외"
        elif rank[after[c]["stage"]] != rank[before[c]["stage"]]:
            want[c] = "상향" if rank[after[c]["stage"]] > rank[before[c]["stage"]] else "하향"
    moves = frame_with(at, "구분").set_index("기업명")
    assert moves["구분"].to_dict() == want
    assert want == {"동명크리에이티브": "신규", "양림에듀에이아이": "신규"}
    before_col, after_col = "이전 기업가치 (원)", "이후 기업가치 (원)"
    assert pd.isna(moves.loc["양림에듀에이아이", before_col])  # shown as "–"
    assert moves.loc["양림에듀에이아이", after_col] == after["양림에듀에이아이"]["valuation"]
    assert any(f"이전 = {day('2026-03-31')}, 이후 = {day('2026-06-30')}" in c.value for c in at.caption)
    shown = metrics_of(at)
    assert (shown["상향"][0], shown["하향"][0], shown["신규"][0], shown["제외"][0]) == (
        "0개사",
        "0개사",
        "2개사",
        "0개사",
    )


def test_reversed_dates_warn(app):
    at = app().run()
    at.selectbox(key="pipeline_before").select(pd.Timestamp(DATES[-1]))
    at.selectbox(key="pipeline_after").select(pd.Timestamp(DATES[0])).run()
    assert not at.exception
    assert any("시작은 이전 날짜로" in w.value for w in at.warning)


def test_watch_list(app):
    at = app().run()
    latest = on(DATES[-1])
    floors = {stage: FLOORS[i + 1] for i, stage in enumerate(STAGES[:-1])}
    candidates = [r for r in latest.values() if r["stage"] in floors]
    candidates.sort(key=lambda r: (-Fraction(r["valuation"], floors[r["stage"]]), -r["valuation"], r["company"]))
    watch = frame_with(at, "도달률")
    assert watch["기업명"].tolist() == [r["company"] for r in candidates[:10]]
    assert watch["기업가치 (원)"].tolist() == [r["valuation"] for r in candidates[:10]]
    gaps = [
        f"{(Decimal(floors[r['stage']] - r['valuation']) / EOK).quantize(Decimal('0.1'), ROUND_HALF_UP):,.1f}".removesuffix(
            ".0"
        )
        for r in candidates[:10]
    ]
    assert watch["남은 금액 (억원)"].tolist() == gaps
    assert watch["도달률"].tolist() == [
        fmt.percent(float(Fraction(r["valuation"], floors[r["stage"]]))) for r in candidates[:10]
    ]
    assert watch.iloc[0][["기업명", "도달률", "남은 금액 (억원)"]].tolist() == ["송정모빌리티", "90.0%", "100"]


def test_company_profile(app):
    at = app().run()
    latest = on(DATES[-1])
    top = max(latest.values(), key=lambda r: r["valuation"])["company"]
    assert at.selectbox(key="pipeline_company").value == top == "빛고을모빌리티"
    at.selectbox(key="pipeline_company").select("송정모빌리티").run()
    assert not at.exception, at.exception
    rows = sorted((r for r in RAW if r["company"] == "송정모빌리티"), key=lambda r: r["as_of"], reverse=True)
    history = frame_with(at, "종업원수 (명)")
    assert history["기준일"].tolist() == [day(r["as_of"]) for r in rows]
    assert history["기업가치 (원)"].tolist() == [r["valuation"] for r in rows]
    assert history["누적투자유치 (원)"].tolist() == [r["funding"] for r in rows]
    assert history["매출액 (원)"].tolist() == [r["revenue"] for r in rows]
    assert history["종업원수 (명)"].tolist() == [r["employees"] for r in rows]
    assert any("송정모빌리티" in md.value and fmt.money(rows[0]["valuation"]) in md.value for md in at.markdown)
    assert any(r["기업명"] == "송정모빌리티" for r in JOBS)
    assert any("일자리 자료(월별)를 기업명으로 연결했습니다" in c.value for c in at.caption)


def test_a_hostile_company_name_stays_text_in_the_profile(app, sample_store):
    """A company named with Markdown (bold, a colour directive, HTML) is shown as written, not as formatting."""
    from loaders import load_file
    from store import open_store

    hostile = "**굵게** :red[빨강] <b>태그</b>"
    data = (REPO / "data" / "companies.csv").read_bytes()
    loaded = load_file(data, "companies.csv")
    loaded.frame = loaded.frame.replace({"company": {"송정모빌리티": hostile}})
    open_store(sample_store).save_version(loaded, data, user="tester", replace="all")
    at = app().run()
    at.selectbox(key="pipeline_company").select(hostile).run()
    assert not at.exception, at.exception
    profile = next(md.value for md in at.markdown if md.value.startswith("**") and "—" in md.value)
    assert profile.startswith(r"**\*\*굵게\*\* \:red\[빨강\] \<b\>태그\</b\>** — ")


def test_english(app):
    at = app()
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Unicorn pipeline"
    shown = metrics_of(at)
    assert shown["All companies"][0] == f"{len(on(DATES[-1]))}"
    assert "Progress" in frame_with(at, "Progress").columns
    # Stage names in English wherever the page names them: tiles, the sector × stage table, the watch list.
    assert {"Baby unicorn", "Pre-unicorn", "Unicorn"} <= set(shown)
    assert {"Baby unicorn", "Pre-unicorn", "Unicorn"} <= set(frame_with(at, "Pre-unicorn").columns)
    assert set(frame_with(at, "Progress")["Stage"]) <= {"Baby unicorn", "Pre-unicorn", "Unicorn"}
    assert not any("유니콘" in c.value for c in at.caption)
