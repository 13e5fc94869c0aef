"""Investment agreements (issue #35): the loader reads them as the city keeps them and refuses what would show a
wrong number; the funnel and `python -m metrics pipeline` give the figures computed here by hand."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from loaders import load_file
from loaders.columns import with_all_columns
from metrics import agreements as agr
from metrics.company_key import CompanyKeys
from program import load_program

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "agreements_checklist.xlsx"
EXPECTED = json.loads((REPO / "tests" / "fixtures" / "expected.json").read_text(encoding="utf-8"))
HEADER = [
    "번호",
    "기업명",
    "협약일자",
    "구분",
    "투자계획(억원)",
    "투자실적(억원)",
    "고용계획(명)",
    "고용실적(명)",
    "진행 상황",
    "비고",
]


def workbook(rows: list[list[object]], title: str = "투자협약 이행 점검표 (2026. 6. 30. 기준)", merges=()) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.append([title])
        sheet.append(["(단위: 억원, 명)"])
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row(n, name, signed, kind, plan, actual, jobs_plan, hired, status, note=""):
    return [n, name, signed, kind, plan, actual, jobs_plan, hired, status, note]


GOOD = [
    row(1, "㈜가온에이아이", "2021-03-02", "본사 이전", 100, 62.5, 40, 31, "가동"),
    row(2, "나래데이터", "2022-05-10", "법인 신설", 30, 0, 20, 0, "협약 체결"),
    row(3, "다온로보틱스", "2022-07-01", "지사·연구소", 20, 4.25, 10, 2, "입주 완료"),
    row(4, "라온헬스", "2024-01-15", "법인 신설", 50, 0, 30, 0, "미이행"),
    row(5, "마루모빌리티", "2020-09-09", "본사 이전", 80, 10, 25, 3, "철수", "2025년 수도권 복귀"),
]


def load(data: bytes, name: str = "협약.xlsx", **kwargs):
    return load_file(data, name, **kwargs)


# --- the fixture: a real-shaped checklist ---------------------------------------------------------------------------


def test_the_fixture_loads_with_its_totals_and_stages():
    result = load(FIXTURE.read_bytes(), FIXTURE.name)
    assert result.ok, result.errors
    assert result.dataset == "agreements" and result.rows == 40
    assert result.totals == EXPECTED["agreements_checklist.xlsx"]["totals"]
    frame = result.frame
    assert set(frame["as_of"]) == {pd.Timestamp("2026-06-30")}  # from the title row "(2026. 6. 30. 기준)"
    stages = frame["status"].value_counts().to_dict()
    # 미이행 6 + 협약 체결 10 → 협약; 법인 설립 4; 입주 완료 12 → 입주; 가동 7; 철수 2; 협약 해지 1 → 해지
    assert stages == {"협약": 14, "입주": 12, "가동": 7, "법인 설립": 4, "철수": 2, "해지": 1}
    # 투자실적 49.3억원 → won exactly
    assert frame.loc[frame["company"] == "예시기업02", "invested_krw"].item() == 4_930_000_000


def test_the_fixture_funnel_matches_expected_to_the_unit():
    frame = with_all_columns("agreements", load(FIXTURE.read_bytes(), FIXTURE.name).frame)
    expected = dict(EXPECTED["agreements_checklist.xlsx"]["pipeline_as_of_2026_06_30"])
    got = agr.summary(frame, "2026-06-30").as_json()
    assert got == {"as_of": "2026-06-30", **expected, "selections": {}}
    # by hand: Σ투자실적 1,321억 ÷ Σ투자계획 2,860억 = 0.4618881…; Σ고용실적 358 ÷ Σ고용계획 1,155 = 0.3099567…
    assert got["investment_rate"] == 0.461888 and got["jobs_rate"] == 0.309957


def test_the_cli_prints_the_fixture_funnel_as_expected_json(tmp_path: Path):
    from store import open_store

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = open_store(url)
    store.save_version(load(FIXTURE.read_bytes(), FIXTURE.name), FIXTURE.read_bytes(), "tester")
    store.close()
    proc = subprocess.run(
        [sys.executable, "-m", "metrics", "pipeline", "--url", url, "--as-of", "2026-06-30", "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    expected = EXPECTED["agreements_checklist.xlsx"]["pipeline_as_of_2026_06_30"]
    assert list(answer) == [
        "as_of", "agreements", "invested", "companies", "resident", "operating", "left",
        "investment_rate", "jobs_rate", "by_cohort", "selections",
    ]  # fmt: skip
    assert answer == {"as_of": "2026-06-30", **expected, "selections": answer["selections"]}
    early = subprocess.run(
        [sys.executable, "-m", "metrics", "pipeline", "--url", url, "--as-of", "2026-03-31", "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert early.returncode == 1 and "2026-03-31" in early.stderr and not early.stdout


# --- reading what the city writes ----------------------------------------------------------------------------------


def test_merged_two_row_headers_units_and_a_matching_total_row_are_read():
    rows = [
        ["협약일", "기업명", "사업자등록번호", "이전 형태", "투자", None, "고용", None, "진행상황", "확인 방법"],
        [None, None, None, None, "계획", "실적", "계획", "실적", None, None],
        ["2021-03-02", "㈜가온에이아이", "123-45-67890", "본사이전", 100, 62.5, 40, 31, "정상 가동", "4대보험"],
        ["2022-05-10", "나래데이터", None, "신설 법인", 30, "-", 20, 0, "협약체결", "자체보고"],
        ["합계", None, None, None, 130, 62.5, 60, 31, None, None],
    ]
    result = load(workbook(rows, merges=("E3:F3", "G3:H3")))
    assert result.ok, result.errors
    frame = result.frame
    assert frame["planned_investment_krw"].tolist() == [10_000_000_000, 3_000_000_000]
    assert frame["invested_krw"].tolist() == [6_250_000_000, 0]
    assert frame["planned_jobs"].tolist() == [40, 20] and frame["hired"].tolist() == [31, 0]
    assert frame["status"].tolist() == ["가동", "협약"]
    assert frame["kind"].tolist() == ["본사 이전", "법인 신설"]
    assert frame["verification"].tolist() == ["4대보험 명부", "자체 보고"]
    assert frame["business_number"].tolist()[0] == "123-45-67890"
    assert frame["source_row"].tolist() == [5, 6]


def test_milestone_dates_set_the_stage_and_a_branch_skips_incorporation():
    rows = [
        [
            "기준일",
            "협약일",
            "기업명",
            "구분",
            "투자계획(억원)",
            "투자실적(억원)",
            "고용계획",
            "고용실적",
            "법인 설립일",
            "입주일",
            "가동일",
            "진행 상황",
        ],
        ["2026-06-30", "2021-01-04", "가", "법인 신설", 10, 1, 5, 1, "2021-06-01", "2022-01-03", None, "협약 체결"],
        ["2026-06-30", "2021-01-04", "나", "법인 신설", 10, 1, 5, 1, "2021-06-01", None, "2026-07-01", "법인 설립"],
        ["2026-06-30", "2021-01-04", "다", "지사·연구소", 10, 1, 5, 1, "2021-06-01", None, None, "협약"],
        ["2026-06-30", "2021-01-04", "라", "지사", 10, 1, 5, 1, None, None, None, "법인 설립"],
        ["2026-06-30", "2021-01-04", "마", "법인 신설", 10, 1, 5, 1, None, "2022-01-03", None, "협약 해지"],
    ]
    result = load(workbook(rows, title=""))
    assert result.ok, result.errors
    # 가: 입주일 reached → 입주 (over its word); 나: 가동일 after the 기준일 does not count; 다: a branch's 법인 설립일
    # does not move it; 라: a branch at "법인 설립" stays at 협약 (with a warning); 마: an exit stays an exit.
    assert result.frame["status"].tolist() == ["입주", "법인 설립", "협약", "협약", "해지"]
    assert [str(w) for w in result.warnings if w.row == 5] == [
        "5행 '진행 상황' 열: 지사·연구소는 법인 설립 단계를 거치지 않으므로 협약 단계로 봅니다."
    ]


# --- refusals: row and column named in Korean, nothing stored -------------------------------------------------------


def refused(rows, **kwargs):
    result = load(workbook([HEADER, *rows], **kwargs))
    assert not result.ok and result.frame.empty
    return [str(p) for p in result.errors]


def test_an_unknown_progress_word_is_refused_with_the_words_known():
    errors = refused([*GOOD[:2], row(3, "다온", "2022-07-01", "본사 이전", 20, 0, 10, 0, "보류 중")])
    assert len(errors) == 1
    assert errors[0].startswith(
        "6행 '진행 상황' 열: '보류 중'은(는) 알 수 없는 진행 상황입니다. 쓸 수 있는 말: 협약, 법인 설립, 입주, 가동, 철수, 해지, 협약 체결,"
    )
    assert "미이행" in errors[0] and "협약 해지" in errors[0]


def test_a_negative_amount_is_refused():
    errors = refused([*GOOD[:1], row(2, "나래데이터", "2022-05-10", "법인 신설", 30, -5, 20, 0, "협약 체결")])
    assert errors == ["5행 '투자실적(억원)' 열: 음수는 받을 수 없습니다 (값: -5)"]


def test_an_agreement_without_date_or_company_is_refused():
    errors = refused(
        [
            row(1, "가온", None, "본사 이전", 10, 0, 1, 0, "협약"),
            row(2, None, "2022-05-10", "법인 신설", 30, 0, 20, 0, "협약"),
        ]
    )
    assert errors == ["4행 '협약일자' 열: 값이 비어 있습니다", "5행 '기업명' 열: 값이 비어 있습니다"]


def test_the_total_row_check_names_both_figures():
    # rows sum to 투자계획 280억, 투자실적 76.75억, 고용계획 125, 고용실적 36; the file says 290 and 35
    errors = refused([*GOOD, ["합계", None, None, None, 290, 76.75, 125, 35, None, None]])
    assert errors == [
        "9행 '고용실적(명)' 열: 합계 행의 고용실적 35이(가) 데이터 행의 합 36과(와) 다릅니다. "
        "빠지거나 더 들어간 행이 없는지 확인해 주세요 (아무것도 저장하지 않았습니다).",
        "9행 '투자계획(억원)' 열: 합계 행의 투자계획 290이(가) 데이터 행의 합 280과(와) 다릅니다. "
        "빠지거나 더 들어간 행이 없는지 확인해 주세요 (아무것도 저장하지 않았습니다).",
    ]


def test_a_refused_file_stores_nothing(tmp_path: Path):
    from store import open_store

    store = open_store(f"sqlite:///{tmp_path / 's.sqlite'}")
    result = load(workbook([HEADER, *GOOD[:1], row(2, "나", "2022-05-10", "기타", 30, 0, 20, 0, "보류")]))
    with pytest.raises(ValueError):
        store.save_version(result, b"", "tester")
    assert store.latest("agreements") is None
    store.close()


# --- the funnel, by hand --------------------------------------------------------------------------------------------


def frame_of(rows, as_of="2026-06-30"):
    result = load(workbook([HEADER, *rows], title=f"투자협약 ({as_of.replace('-', '. ')}. 기준)"))
    assert result.ok, result.errors
    return with_all_columns("agreements", result.frame)


def test_funnel_counts_agreements_and_companies_apart():
    # 가온 holds two agreements: 2 agreements, 1 company
    rows = [*GOOD, row(6, "가온에이아이 주식회사", "2023-02-01", "지사·연구소", 20, 5, 10, 4, "입주")]
    frame = frame_of(rows)
    s = agr.summary(frame)
    assert (s.totals.agreements, s.totals.companies) == (6, 5)
    assert (s.totals.invested, s.totals.resident, s.totals.operating, s.totals.left) == (4, 3, 1, 1)
    # Σ실적 (62.5 + 0 + 4.25 + 0 + 10 + 5)억 = 81.75억 ÷ Σ계획 300억 = 0.2725; 고용 (31+0+2+0+3+4)=40 ÷ 135 = 0.296296
    assert (s.investment_rate, s.jobs_rate) == (0.2725, 0.296296)
    assert {y: c.agreements for y, c in s.by_cohort.items()} == {2020: 1, 2021: 1, 2022: 2, 2023: 1, 2024: 1}
    funnel = agr.funnel_figures(frame)
    assert {k: f.value for k, f in funnel.items()} == {"협약": 6, "법인 설립": 3, "입주": 3, "가동": 1, "left": 1}
    assert funnel["입주"].source_rows == (4, 6, 9) and funnel["입주"].unit == "agreements"
    conv = agr.conversions(funnel)
    assert conv["법인 설립"].value == 0.5 and conv["입주"].value == 1.0 and conv["가동"].value == pytest.approx(1 / 3)
    head = agr.headline_figures(frame)
    # companies: 가온 (가동, its furthest agreement), 나래, 다온 (입주), 라온, 마루 (철수) → 2 of 5 here
    assert (head["resident"].value, head["companies"].value, head["resident"].unit) == (2, 5, "companies")
    assert head["invested_companies"].value == 3  # 가온, 다온, 마루 invested at all
    assert head["company_rate"].value == 0.6
    assert head["invested"].value == 8_175_000_000 and head["planned_investment"].value == 30_000_000_000


def test_stalled_and_exits():
    earlier = frame_of(GOOD, "2025-06-30")
    later = frame_of(
        [*GOOD[:3], row(4, "라온헬스", "2024-01-15", "법인 신설", 50, 0, 30, 0, "법인 설립"), GOOD[4]], "2026-06-30"
    )
    both = pd.concat([earlier, later], ignore_index=True)
    now = agr.snapshot(both)
    settings = load_program().agreements
    table = agr.stalled(both, now, settings.stalled_after_days, settings.stalled_stages)
    # 나래: at 협약 since its 협약일 2022-05-10 → 1,512 days; 라온 moved to 법인 설립 in the 2026-06-30 snapshot
    # (0 days); 다온 moved in (입주 is not a stalled stage by default); 가온 is 가동, 마루 left.
    assert table[["company", "days"]].values.tolist() == [["나래데이터", 1512]]
    # with 입주 counted as well: 다온 at 입주 since the 2025-06-30 snapshot (no 입주일 given) → 365 days
    wider = agr.stalled(both, now, 365, ("협약", "법인 설립", "입주"))
    assert wider[["company", "days"]].values.tolist() == [["나래데이터", 1512], ["다온로보틱스", 365]]
    gone = agr.exits(both, now)
    assert gone[["company", "status", "seen"]].values.tolist() == [["마루모빌리티", "철수", pd.Timestamp("2025-06-30")]]


def test_changes_between_snapshots_and_lowered_actuals():
    earlier = frame_of(GOOD, "2026-03-31")
    later = frame_of(
        [
            row(1, "㈜가온에이아이", "2021-03-02", "본사 이전", 100, 60, 40, 29, "가동"),  # 실적 lowered
            GOOD[1],
            GOOD[2],
            row(4, "라온헬스", "2024-01-15", "법인 신설", 50, 0, 30, 0, "협약 해지"),
            GOOD[4],
            row(6, "바다에이아이", "2026-05-02", "법인 신설", 10, 0, 5, 0, "협약"),
        ]
    )
    found = agr.changes(earlier, later)
    assert [(m.company, m.before, m.after) for m in found.moves] == [("바다에이아이", None, "협약")]
    assert [(m.company, m.before, m.after) for m in found.exits] == [("라온헬스", "협약", "해지")]
    assert [(x.company, x.column, x.before, x.after, x.source_row) for x in found.lowered] == [
        ("㈜가온에이아이", "invested_krw", 6_250_000_000, 6_000_000_000, 4),
        ("㈜가온에이아이", "hired", 31, 29, 4),
    ]
    assert agr.lowered_against(earlier, later) == found.lowered
    assert agr.lowered_against(None, later) == []


def test_planned_jobs_meet_the_jobs_headcount_by_company_key():
    frame = frame_of(GOOD)
    jobs = pd.DataFrame(
        {
            "month": pd.to_datetime(["2026-05-01", "2026-06-01", "2026-06-01"]),
            "company": ["가온에이아이", "(주)가온에이아이", "다온 로보틱스"],
            "headcount": pd.array([30, 33, 7], dtype="Int64"),
        }
    )
    table = agr.planned_vs_headcount(frame, jobs, CompanyKeys())
    got = {r.company: (r.planned_jobs, r.hired, r.headcount) for r in table.itertuples()}
    assert got["㈜가온에이아이"] == (40, 31, 33)  # the latest month's 재직자수
    assert got["다온로보틱스"] == (10, 2, 7)
    assert pd.isna(got["나래데이터"][2])


def test_medians_between_stages():
    rows = [
        [
            "기준일",
            "협약일",
            "기업명",
            "구분",
            "투자계획(억원)",
            "투자실적(억원)",
            "고용계획",
            "고용실적",
            "법인 설립일",
            "입주일",
            "가동일",
            "진행 상황",
        ],
        ["2026-06-30", "2021-01-01", "가", "법인 신설", 10, 1, 5, 1, "2021-01-31", "2021-04-01", "2021-05-01", "가동"],
        ["2026-06-30", "2021-01-01", "나", "법인 신설", 10, 1, 5, 1, "2021-03-02", "2021-07-01", None, "입주"],
        ["2026-06-30", "2021-01-01", "다", "지사·연구소", 10, 1, 5, 1, "2021-02-01", "2021-12-31", None, "입주"],
    ]
    frame = with_all_columns("agreements", load(workbook(rows, title="")).frame)
    found = {(i.start, i.end): (i.median_days, i.agreements) for i in agr.intervals(frame)}
    # 협약→법인: 30, 60 days (다 is a branch) → 45; 협약→입주: 90, 181, 364 → 181; 입주→가동: 30
    assert found == {("협약", "법인 설립"): (45.0, 2), ("협약", "입주"): (181.0, 3), ("입주", "가동"): (30.0, 1)}


def test_the_as_of_picks_the_snapshot_on_or_before_it():
    both = pd.concat([frame_of(GOOD, "2025-12-31"), frame_of(GOOD[:2], "2026-06-30")], ignore_index=True)
    assert agr.snapshot_date(both, dt.date(2026, 3, 31)) == pd.Timestamp("2025-12-31")
    assert agr.summary(both, "2026-03-31").totals.agreements == 5
    assert agr.summary(both).totals.agreements == 2
    assert agr.snapshot_date(both, "2025-01-01") is None


def test_the_map_marks_the_stage_and_lists_agreements_without_a_site():
    import datetime as dt_

    from charts.map import company_fields
    from metrics.map_layers import with_agreement_stages
    from present.agreements_view import without_site_table

    frame = frame_of(GOOD)
    profiles = with_agreement_stages(pd.DataFrame({"company": ["가온에이아이", "없는기업"]}), frame)
    assert profiles["agreement_stage"].tolist() == ["가동", None]  # "㈜가온에이아이" on the agreement: one key
    fields = dict(company_fields(profiles.iloc[0].to_dict(), "ko", dt_.date(2026, 11, 25)))
    assert fields["투자협약"] == "가동"
    assert "투자협약" not in dict(company_fields(profiles.iloc[1].to_dict(), "ko", dt_.date(2026, 11, 25)))
    # 가온 has a place on the map, 마루 left: the others are listed, furthest stage first, then oldest
    table = without_site_table(frame, ["가온에이아이"], "ko")
    assert table.values.tolist() == [
        ["다온로보틱스", "입주", "2022. 7. 1.", "지사·연구소"],
        ["나래데이터", "협약", "2022. 5. 10.", "법인 신설"],
        ["라온헬스", "협약", "2024. 1. 15.", "법인 신설"],
    ]
    assert without_site_table(None, [], "ko") is None
