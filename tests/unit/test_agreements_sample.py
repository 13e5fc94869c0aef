"""The sample's investment agreements (data/agreements.xlsx) say the same numbers everywhere (issue #35): figures
computed here by hand from the workbook's cells (openpyxl, Decimal 억원, a word list of our own) against
`python -m metrics pipeline --sample --json`, the pipeline page, the overview tile, the briefing slide and its PDF."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "agreements.xlsx"
# 진행 상황 as the sample writes it → stage (written out here, not read from program.toml)
WORDS = {
    "협약 체결": "협약", "미이행": "협약", "추진 중": "협약", "법인 설립": "법인 설립", "법인 설립 완료": "법인 설립",
    "입주 완료": "입주", "입주": "입주", "이전 완료": "입주", "가동": "가동", "가동 중": "가동", "정상 가동": "가동",
    "철수": "철수", "폐업": "철수", "협약 해지": "해지", "해지": "해지",
}  # fmt: skip


def _rows() -> list[dict]:
    sheet = openpyxl.load_workbook(SAMPLE, data_only=True).active
    rows = []
    for values in sheet.iter_rows(min_row=5, values_only=True):
        if values[0] == "합계":
            break
        rows.append(
            {
                "signed": values[1],
                "company": values[2].replace("㈜", ""),
                "planned": Decimal(repr(values[5])),
                "invested": Decimal(repr(values[6])),
                "planned_jobs": values[7],
                "hired": values[8],
                "stage": WORDS[values[12]],
            }
        )
    return rows


ROWS = _rows()
AGREEMENTS = len(ROWS)
COMPANIES = len({r["company"] for r in ROWS})
INVESTED = sum(1 for r in ROWS if r["invested"] > 0)
RESIDENT = sum(1 for r in ROWS if r["stage"] in ("입주", "가동"))
OPERATING = sum(1 for r in ROWS if r["stage"] == "가동")
LEFT = sum(1 for r in ROWS if r["stage"] in ("철수", "해지"))
INVESTMENT_RATE = sum(r["invested"] for r in ROWS) / sum(r["planned"] for r in ROWS)
JOBS_RATE = Decimal(sum(r["hired"] for r in ROWS)) / Decimal(sum(r["planned_jobs"] for r in ROWS))


def _six(rate: Decimal) -> float:
    return float(rate.quantize(Decimal("0.000001"), rounding=ROUND_HALF_EVEN))


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_EVEN)}%"


def test_the_sample_tells_the_story():
    # about 130 agreements 2020–2026, a bit over half invested, a handful left (synthetic, labelled so)
    assert (AGREEMENTS, COMPANIES, INVESTED, RESIDENT, OPERATING, LEFT) == (128, 128, 76, 60, 30, 8)
    assert {r["signed"].year for r in ROWS} == set(range(2020, 2027))
    assert "샘플 데이터" in openpyxl.load_workbook(SAMPLE).active["A1"].value


def test_the_cli_gives_the_hand_computed_figures():
    proc = subprocess.run(
        [sys.executable, "-m", "metrics", "pipeline", "--sample", "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["as_of"] == "2026-09-30"
    assert (answer["agreements"], answer["companies"], answer["invested"]) == (AGREEMENTS, COMPANIES, INVESTED)
    assert (answer["resident"], answer["operating"], answer["left"]) == (RESIDENT, OPERATING, LEFT)
    assert answer["investment_rate"] == _six(INVESTMENT_RATE)
    assert answer["jobs_rate"] == _six(JOBS_RATE)
    for year, counts in answer["by_cohort"].items():
        cohort = [r for r in ROWS if r["signed"].year == int(year)]
        assert counts == {
            "agreements": len(cohort),
            "invested": sum(1 for r in cohort if r["invested"] > 0),
            "resident": sum(1 for r in cohort if r["stage"] in ("입주", "가동")),
            "operating": sum(1 for r in cohort if r["stage"] == "가동"),
            "left": sum(1 for r in cohort if r["stage"] in ("철수", "해지")),
        }, year
    assert sum(c["agreements"] for c in answer["by_cohort"].values()) == AGREEMENTS
    # the earlier snapshot, asked by date
    earlier = subprocess.run(
        [sys.executable, "-m", "metrics", "pipeline", "--sample", "--as-of", "2026-08-31", "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert json.loads(earlier.stdout)["as_of"] == "2026-06-30"


@pytest.fixture
def page(sample_store):
    return lambda name: AppTest.from_file(str(REPO / "views" / f"{name}.py"), default_timeout=120).run()


def test_the_pipeline_page_and_the_overview_show_the_same_figures(page):
    pipeline = page("pipeline")
    assert not pipeline.exception, pipeline.exception
    shown = {m.label: m.value for m in pipeline.metric}
    assert shown["협약 기업 중 입주·가동"] == f"{RESIDENT}곳 / {COMPANIES}곳"
    assert shown["투자 이행률 (금액)"] == _pct(INVESTMENT_RATE)
    assert shown["고용 이행률 (인원)"] == _pct(JOBS_RATE)
    assert shown["투자한 기업 (곳 기준 이행률)"] == f"{INVESTED}곳 / {COMPANIES}곳"
    assert any(c.value == f"곳 기준 이행률 {_pct(Decimal(INVESTED) / COMPANIES)}" for c in pipeline.caption)
    assert shown["철수·해지"] == f"{LEFT}건"
    funnel = next(d.value for d in pipeline.dataframe if "도달 (건)" in d.value.columns)
    reached = dict(zip(funnel["단계"], funnel["도달 (건)"], strict=True))
    assert reached["협약"] == AGREEMENTS and reached["가동"] == OPERATING and reached["철수·해지 (건)"] == LEFT
    assert reached["입주"] == RESIDENT  # at least 입주, not left
    overview = page("overview")
    tile = {m.label: m.value for m in overview.metric}["협약 기업 중 입주·가동"]
    assert tile == f"{RESIDENT}곳 / {COMPANIES}곳"
    assert any(f"투자 이행률 {_pct(INVESTMENT_RATE)}" in c.value for c in overview.caption)


def test_the_slide_and_the_pdf_show_the_same_figures(sample_store, tmp_path):
    from briefing.pack import store_deck
    from store import open_store

    store = open_store(sample_store)
    try:
        deck = {s.key: s for s in store_deck(store, "ko")}
    finally:
        store.close()
    slide = deck["agreements"]
    assert slide.title == "투자협약 이행"
    assert [(h.label, h.value) for h in slide.headlines] == [
        ("협약 기업 중 입주·가동", f"{RESIDENT}곳 / {COMPANIES}곳"),
        ("투자 이행률", _pct(INVESTMENT_RATE)),
        ("고용 이행률", _pct(JOBS_RATE)),
        ("철수·해지", f"{LEFT}건"),
    ]
    assert slide.chart is not None and "투자협약 이행 2026. 9. 30. 기준" in slide.as_of_line
    out = tmp_path / "pack.pdf"
    made = subprocess.run(
        [sys.executable, "-m", "briefing", "pack", "--out", str(out), "--url", sample_store],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    words = " ".join(text.split())
    assert "투자협약 이행" in words
    for value in (f"{RESIDENT}곳 / {COMPANIES}곳", _pct(INVESTMENT_RATE), _pct(JOBS_RATE), f"{LEFT}건"):
        assert value in words, value


def test_what_changed_names_moves_exits_and_the_lowered_figure():
    import pandas as pd

    from loaders import load_file
    from metrics.what_changed import summarise
    from present.change_text import render

    history = REPO / "data" / "history" / "agreements_2026-06-30.xlsx"
    before = load_file(history.read_bytes(), history.name).frame
    after = pd.concat([before, load_file(SAMPLE.read_bytes(), SAMPLE.name).frame], ignore_index=True)
    said = [render(s) for s in summarise("agreements", before, after).sentences]
    assert any(s.startswith("새 투자협약 6건") for s in said), said
    lowered = next(s for s in said if s.startswith("실적이 직전 보고보다 낮아진 협약 2건"))
    assert "빛고을모빌리티 투자실적 63.1억원 → 59.6억원 (5행)" in lowered
    assert any(s.startswith("철수·해지 1건") for s in said), said
