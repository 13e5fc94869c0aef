"""The unicorn-pipeline page (views/pipeline.py): AppTest against figures computed here from data/companies.csv,
data/selections.csv and data/jobs.csv read with the csv module (억원 × 10^8 = won). K-Unicorn stages are selections
(issue #35): a company's stage is its highest selection made by the 기준일, never its valuation."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from present import format as fmt
from present.safe_text import markdown_escape
from program import load_program
from tests.support.apptest import frame_with, metrics_of

REPO = Path(__file__).resolve().parents[2]
PAGE = str(REPO / "views" / "pipeline.py")
TIMEOUT = 90
EOK = 10**8
PROGRAM = load_program()
NEVER, G_UNICORN, BABY, PRE = PROGRAM.stages
LADDER = [G_UNICORN, BABY, PRE]
COUNTS_FROM = {G_UNICORN: "05-31", BABY: "04-30", PRE: "07-31"}  # the end of each programme's selection month


def _read(name: str) -> list[dict[str, str]]:
    with open(REPO / "data" / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _won(text: str) -> int | None:
    return int(text) * EOK if text else None


RAW = [
    {
        "as_of": r["기준일"], "company": r["기업명"], "sector": r["산업분야"],
        "valuation": _won(r["기업가치(억원)"]), "funding": _won(r["누적투자유치(억원)"]),
        "revenue": _won(r["매출액(억원)"]), "employees": int(r["종업원수"]),
    }
    for r in _read("companies.csv")
]  # fmt: skip
SELECTIONS = _read("selections.csv")
DATES = sorted({r["as_of"] for r in RAW})
JOBS = _read("jobs.csv")


def highest(company: str, date: str) -> tuple[str, int | None]:
    """(stage, year) of `company` at `date`, by hand: its highest selection counted by then, else never selected."""
    best: tuple[str, int | None] = (NEVER, None)
    for r in SELECTIONS:
        made = f"{r['선정연도']}-{COUNTS_FROM[r['사업명']]}" <= date
        if r["기업명"] == company and made and LADDER.index(r["사업명"]) + 1 > ([NEVER, *LADDER].index(best[0])):
            best = (r["사업명"], int(r["선정연도"]))
    return best


def on(date: str) -> dict[str, dict]:
    rows = {r["company"]: dict(r) for r in RAW if r["as_of"] == date}
    for row in rows.values():
        row["stage"], row["year"] = highest(row["company"], date)
        row["unicorn"] = (row["valuation"] or 0) >= 10**12
    return rows


def day(date: str) -> str:
    return fmt.date_label(pd.Timestamp(date).date())


@pytest.fixture
def app(sample_store):
    return lambda: AppTest.from_file(PAGE, default_timeout=TIMEOUT)


def test_stages_are_highest_selections_at_the_latest_date(app):
    at = app().run()
    assert not at.exception, at.exception
    latest, before = on(DATES[-1]), on(DATES[-2])
    shown = metrics_of(at)
    assert shown["전체 기업"][0] == f"{len(latest)}개사"
    labels = {NEVER: NEVER} | {s: f"{s} (최고 선정)" for s in LADDER}
    for stage, label in labels.items():
        now = sum(1 for r in latest.values() if r["stage"] == stage)
        change = now - sum(1 for r in before.values() if r["stage"] == stage)
        assert shown[label] == (f"{now}개사", "0" if change == 0 else f"{change:+,}개사")
    assert [shown[labels[s]][0] for s in (NEVER, *LADDER)] == ["24개사", "8개사", "4개사", "4개사"]
    assert shown["유니콘 (상태)"] == ("1개사", "+1개사")  # 빛고을모빌리티: 1조 1,400억원 (9,700억원 before)
    assert "아기유니콘" not in shown and "유니콘" not in shown  # no count without saying what it counts
    assert any(f"직전 기준일({day(DATES[-2])})" in c.value for c in at.caption)
    assert any(
        "K-유니콘 단계는 선정입니다: G-유니콘(광주광역시) → 아기유니콘(중소벤처기업부) → 예비유니콘(중소벤처기업부)"
        " · 유니콘은 선정이 아니라 기업가치 1조원 이상 비상장 기업의 상태" in c.value
        for c in at.caption
    )
    stages = frame_with(at, "선정 이력 없음").set_index("산업분야")
    for sector in {r["sector"] for r in latest.values()}:
        for stage in (NEVER, *LADDER):
            assert stages.loc[sector, stage] == sum(
                1 for r in latest.values() if r["sector"] == sector and r["stage"] == stage
            )
    assert stages["합계"].sum() == len(latest)


def test_selections_per_year_and_the_highest_count_of_the_cli(app):
    at = app().run()
    table = frame_with(at, "선정연도").set_index("선정연도")
    for year in sorted({r["선정연도"] for r in SELECTIONS}):
        for programme in LADDER:
            assert table.loc[year, programme] == sum(
                1 for r in SELECTIONS if r["선정연도"] == year and r["사업명"] == programme
            )
    assert table["합계"].tolist() == [2, 3, 6, 4, 4, 4]
    assert any(
        c.value
        == f"선정 자료의 최고 선정 기업 수 ({day(DATES[-1])} 기준): G-유니콘 8개사 · 아기유니콘 4개사 · 예비유니콘 4개사"
        for c in at.caption
    )


def test_default_movement_says_selection_or_valuation(app):
    at = app().run()
    assert at.selectbox(key="pipeline_before").value == pd.Timestamp(DATES[-2])
    assert at.selectbox(key="pipeline_after").value == pd.Timestamp(DATES[-1])
    moves = frame_with(at, "근거").set_index("기업명")
    assert moves[["구분", "근거", "이전 단계", "이후 단계"]].to_dict("index") == {
        "빛고을모빌리티": {
            "구분": "상향", "근거": "기업가치 (유니콘 상태)", "이전 단계": "예비유니콘 (2022 선정)",
            "이후 단계": "유니콘 (기업가치 1조원 이상) · 예비유니콘 (2022 선정)",
        },
        "첨단그리드에이아이": {
            "구분": "상향", "근거": "신규 선정 (2026)", "이전 단계": "아기유니콘 (2023 선정)",
            "이후 단계": "예비유니콘 (2026 선정)",
        },
    }  # fmt: skip
    before, after = on(DATES[-2]), on(DATES[-1])
    before_col, after_col = "이전 기업가치 추정 (원)", "이후 기업가치 추정 (원)"
    assert moves.loc["빛고을모빌리티", before_col] == before["빛고을모빌리티"]["valuation"] == 970_000_000_000
    assert moves.loc["빛고을모빌리티", after_col] == after["빛고을모빌리티"]["valuation"] == 1_140_000_000_000


def test_movement_between_chosen_dates(app):
    at = app().run()
    at.selectbox(key="pipeline_before").select(pd.Timestamp("2026-03-31"))
    at.selectbox(key="pipeline_after").select(pd.Timestamp("2026-06-30")).run()
    assert not at.exception, at.exception
    before, after = on("2026-03-31"), on("2026-06-30")
    rank = {s: i for i, s in enumerate((NEVER, *LADDER))}
    want = {}
    for c in before.keys() | after.keys():
        if c not in before:
            want[c] = ("신규", "")
        elif c not in after:
            want[c] = ("제외", "")
        elif rank[after[c]["stage"]] > rank[before[c]["stage"]]:
            want[c] = ("상향", f"신규 선정 ({after[c]['year']})")
    moves = frame_with(at, "근거").set_index("기업명")
    estimate = moves[moves["근거"] == "기업가치 추정 구간 변화"]
    shown = {c: (r["구분"], r["근거"]) for c, r in moves.drop(estimate.index).iterrows()}
    assert shown == want == {
        "동명크리에이티브": ("신규", ""), "양림에듀에이아이": ("신규", ""),
        "무등로보틱스": ("상향", "신규 선정 (2026)"),  # G-유니콘 (2023) → 아기유니콘 in April 2026
        "운암드론": ("상향", "신규 선정 (2026)"), "상무케어랩": ("상향", "신규 선정 (2026)"),  # G-유니콘 in May
    }  # fmt: skip
    assert all(after[c]["stage"] == NEVER for c in estimate.index)  # an estimate moves only for the never selected
    assert any(f"이전 = {day('2026-03-31')}, 이후 = {day('2026-06-30')}" in c.value for c in at.caption)


def test_reversed_dates_warn(app):
    at = app().run()
    at.selectbox(key="pipeline_before").select(pd.Timestamp(DATES[-1]))
    at.selectbox(key="pipeline_after").select(pd.Timestamp(DATES[0])).run()
    assert not at.exception
    assert any("시작은 이전 날짜로" in w.value for w in at.warning)


def test_gap_to_the_next_programme(app):
    at = app().run()
    latest = on(DATES[-1])
    criteria = {
        BABY: {"누적투자": 20 * EOK, "기업가치": 300 * EOK},
        PRE: {"누적투자": 50 * EOK, "기업가치": 1_000 * EOK},
    }
    rows = []
    for r in latest.values():
        if r["unicorn"] or r["stage"] == PRE:
            continue
        target = BABY if r["stage"] in (NEVER, G_UNICORN) else PRE  # G-유니콘 has no criteria configured
        figures = {"누적투자": r["funding"], "기업가치": r["valuation"]}
        known = {m: figures[m] / t for m, t in criteria[target].items() if figures[m] is not None}
        if not known or max(known.values()) >= 1:
            continue  # nothing to compare, or already meets a criterion
        measure = max(known, key=lambda m: (known[m], m == "누적투자"))
        rows.append((r["company"], target, measure, known[measure], criteria[target][measure] - figures[measure]))
    rows.sort(key=lambda x: (-x[3], x[0]))
    gaps = frame_with(at, "도달률")
    assert gaps["기업명"].tolist() == [x[0] for x in rows[:10]]
    assert gaps["다음 사업"].tolist() == [x[1] for x in rows[:10]]
    assert gaps["가까운 기준"].tolist() == [x[2] for x in rows[:10]]
    assert gaps["도달률"].tolist() == [fmt.percent(x[3]) for x in rows[:10]]
    assert gaps["부족액 (억원)"].tolist() == [fmt.eok_text(x[4]) for x in rows[:10]]
    assert gaps.iloc[0][["기업명", "성장단계", "도달률", "부족액 (억원)"]].tolist() == [
        "빛고을솔라데이터", "선정 이력 없음", "90.0%", "2",
    ]  # fmt: skip
    assert any(c.value.startswith("다음 신청 때 기준을 충족하는 기업: 아기유니콘 16개사 (") for c in at.caption)


def test_company_profile_says_its_selection_and_its_gap(app):
    at = app().run()
    assert at.selectbox(key="pipeline_company").value == "빛고을모빌리티"  # a unicorn first, then by stage
    profile = next(md.value for md in at.markdown if md.value.startswith("**빛고을모빌리티**"))
    assert profile == "**빛고을모빌리티** — " + markdown_escape(
        "모빌리티 · 유니콘 (기업가치 1조원 이상) · 예비유니콘 (2022 선정) (2026. 9. 30.) · 입주일 2020. 3. 16."
    )
    at.selectbox(key="pipeline_company").select("빛고을메타버스").run()
    assert not at.exception, at.exception
    rows = sorted((r for r in RAW if r["company"] == "빛고을메타버스"), key=lambda r: r["as_of"], reverse=True)
    assert rows[0]["valuation"] is None and rows[0]["funding"] == 10 * EOK  # never selected, valuation unknown
    assert any(
        md.value
        == markdown_escape("아기유니콘 신청까지 누적투자 10억원 부족, 기업가치는 자료에 없음, 다음 신청 2027년 1~2월")
        for md in at.markdown
    )
    assert any(c.value == "선정 자료에 이 기업의 선정이 없습니다." for c in at.caption)
    history = frame_with(at, "종업원수 (명)")
    assert history["기준일"].tolist() == [day(r["as_of"]) for r in rows]
    assert set(history["성장단계"]) == {"선정 이력 없음"}
    assert "기업가치 추정 (원)" not in history.columns  # the file never gives its valuation: no empty column
    assert history["누적투자유치 (원)"].tolist() == [r["funding"] for r in rows]
    assert history["종업원수 (명)"].tolist() == [r["employees"] for r in rows]

    at.selectbox(key="pipeline_company").select("첨단그리드에이아이").run()
    chosen = frame_with(at, "지원 내용")
    assert chosen[["선정연도", "사업명"]].values.tolist() == [["2023", "아기유니콘"], ["2026", "예비유니콘"]]
    history = frame_with(at, "종업원수 (명)")
    assert history["성장단계"].tolist()[:3] == [
        "예비유니콘 (2026 선정)",
        "아기유니콘 (2023 선정)",
        "아기유니콘 (2023 선정)",
    ]
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
    # a new name is another company to the join: the selections under the old name are not claimed for it
    assert markdown_escape("선정 이력 없음") in profile
    assert profile.startswith(r"**\*\*굵게\*\* \:red\[빨강\] \<b\>태그\</b\>** — ")


def test_english(app):
    at = app()
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Unicorn pipeline"
    shown = metrics_of(at)
    assert shown["All companies"][0] == f"{len(on(DATES[-1]))}"
    assert {"Never selected", "G-Unicorn (highest selection)", "Baby unicorn (highest selection)",
            "Pre-unicorn (highest selection)", "Unicorn (status)"} <= set(shown)  # fmt: skip
    assert {"Never selected", "Baby unicorn", "Pre-unicorn"} <= set(frame_with(at, "Pre-unicorn").columns)
    assert set(frame_with(at, "Progress")["Stage"]) <= {"Never selected", "G-Unicorn (selected 2023)",
        "G-Unicorn (selected 2024)", "G-Unicorn (selected 2025)", "G-Unicorn (selected 2026)"}  # fmt: skip
    assert not any("유니콘" in c.value for c in at.caption)
