"""K-Unicorn selections (issue #35): the dataset as uploaded, a company's stage as its highest selection, the counts
`python -m metrics pipeline` prints, and the gap to the next programme, against hand-computed values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from loaders import load_file
from metrics import selections as sel
from present.stage_text import gap_sentence, stage_text
from program import PROGRAM_FILE, load_program, parse_program
from tests.support.frames import BABY, EOK, G_UNICORN, NEVER, PRE, PROGRAM, companies_frame, selections_frame

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEPT = pd.Timestamp("2025-09-30")


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


# --- configuration ------------------------------------------------------------------------------------------------


def test_the_ladder_calendar_and_criteria_come_from_program_toml():
    k = PROGRAM.k_unicorn
    assert k.names == ("G-유니콘", "아기유니콘", "예비유니콘") and k.unicorn == "유니콘"
    assert PROGRAM.stages == ("선정 이력 없음", "G-유니콘", "아기유니콘", "예비유니콘")  # 유니콘: a status, not a stage
    baby = k.programme("아기유니콘")
    assert (baby.by, baby.apply_months, baby.select_month) == ("중소벤처기업부", (1, 2), 4)
    assert baby.criteria == {"funding_krw": 20 * EOK, "valuation_krw": 300 * EOK}
    assert k.programme("예비유니콘").criteria == {"funding_krw": 50 * EOK, "valuation_krw": 1_000 * EOK}
    assert k.programme("G-유니콘").criteria == {}
    assert k.estimate_floors() == (0, 300 * EOK, 1_000 * EOK)
    assert k.canonical("아기 유니콘") == k.canonical("Baby Unicorn") == "아기유니콘"
    assert k.canonical("g유니콘") == "G-유니콘" and k.canonical("유니콘") is None


def test_a_programme_not_configured_refuses_the_configuration():
    text = PROGRAM_FILE.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="has no"):
        parse_program(text.replace('ladder = ["G-유니콘", "아기유니콘", "예비유니콘"]', 'ladder = ["아기유니콘", "X"]'))
    with pytest.raises(ValueError, match="criteria are funding_krw, valuation_krw"):
        parse_program(text.replace("criteria = { funding_krw = 2_000_000_000,", "criteria = { sales_krw = 1,"))


# --- the dataset as uploaded --------------------------------------------------------------------------------------


def test_the_shared_fixture_loads_and_counts_exactly():
    result = load_file((FIXTURES / "selections.xlsx").read_bytes(), "selections.xlsx")
    assert result.ok and result.dataset == "selections" and len(result.frame) == 4
    assert result.frame[["year", "programme", "company"]].values.tolist() == [
        [2023, "아기유니콘", "예시기업04"], [2024, "아기유니콘", "예시기업08"],
        [2025, "예비유니콘", "예시기업04"], [2025, "G-유니콘", "예시기업12"],
    ]  # fmt: skip
    assert sel.highest_selection_counts(result.frame, "2026-06-30") == {"G-유니콘": 1, "아기유니콘": 1, "예비유니콘": 1}
    # a year earlier 예시기업04 was still 아기유니콘, and 2025's cohort (April, May, July) was not yet selected
    assert sel.highest_selection_counts(result.frame, "2025-03-31") == {"G-유니콘": 0, "아기유니콘": 2, "예비유니콘": 0}
    assert sel.highest_selection_counts(result.frame, "2025-05-31") == {"G-유니콘": 1, "아기유니콘": 2, "예비유니콘": 0}


def test_title_rows_header_variants_and_aliases_are_read():
    text = (
        "2026년 K-유니콘 선정 현황 (광주광역시)\n"
        ",,,,\n"
        "선정년도,선정사업명,업체명,사업자번호,지원사항\n"
        "2026,아기 유니콘,㈜가나에이아이,123-45-67890,시장개척자금 3억원\n"
        "2026,예비유니콘 특별보증,다라데이터,2345678901,특별보증\n"
        "2026,G유니콘,마바랩,,\n"
    )
    result = load_file(_csv(text), "선정.csv")
    assert result.ok, result.errors
    assert result.dataset == "selections"
    assert result.frame[["year", "programme", "company"]].values.tolist() == [
        [2026, "아기유니콘", "㈜가나에이아이"], [2026, "예비유니콘", "다라데이터"], [2026, "G-유니콘", "마바랩"],
    ]  # fmt: skip
    assert result.frame["registration_no"].tolist()[:2] == ["123-45-67890", "2345678901"]
    assert pd.isna(result.frame["registration_no"].iloc[2])
    assert result.frame["source_row"].tolist() == [4, 5, 6]


def test_an_unknown_programme_unicorn_and_a_bad_number_are_refused_with_row_and_column():
    text = (
        "선정연도,사업명,기업명,사업자등록번호\n"
        "2025,아기유니콘,가나,123-45-67890\n"
        "2025,유니콘,다라,\n"
        "2024,스타트업 육성,마바,\n"
        "2024,예비유니콘,사아,12-345\n"
        "2024,예비유니콘,,\n"
    )
    result = load_file(_csv(text), "선정.csv", "selections")
    assert not result.ok and result.frame.empty
    found = {(p.row, p.column): p.message for p in result.errors}
    assert set(found) == {(3, "사업명"), (4, "사업명"), (5, "사업자등록번호"), (6, "기업명")}
    assert "G-유니콘, 아기유니콘, 예비유니콘 중 하나" in found[(3, "사업명")]
    assert "유니콘은 선정 사업이 아니라 기업가치 1조원 이상 비상장 기업의 상태" in found[(3, "사업명")]
    assert "(값: 스타트업 육성)" in found[(4, "사업명")]
    assert found[(5, "사업자등록번호")] == "사업자등록번호는 숫자 10자리여야 합니다 (예: 123-45-67890) (값: 12-345)"
    assert found[(6, "기업명")] == "값이 비어 있습니다"


# --- counting -------------------------------------------------------------------------------------------------------


def test_a_selection_counts_from_the_end_of_its_programmes_selection_month():
    assert sel.counted_from(2026, "아기유니콘", PROGRAM) == pd.Timestamp("2026-04-30")
    assert sel.counted_from(2026, "예비유니콘", PROGRAM) == pd.Timestamp("2026-07-31")
    assert sel.counted_from(2024, "G-유니콘", PROGRAM) == pd.Timestamp("2024-05-31")


def test_selected_by_year_counts_companies_selected_that_year():
    table = sel.selected_by_year(selections_frame(), PROGRAM)
    assert table[["year", "programme", "companies"]].values.tolist() == [
        [2023, G_UNICORN, 1], [2023, BABY, 1], [2024, BABY, 1], [2024, PRE, 1], [2025, PRE, 1],
    ]  # fmt: skip
    assert table["source_rows"].tolist() == [(6,), (4,), (2,), (5,), (3,)]


def test_one_company_one_key_across_names_and_registration_numbers():
    """A renamed company (program.toml [company_aliases]: 첨단오토모티브 = 첨단오토랩), a legal form and a number
    written two ways are one company: counted once, at its highest selection."""
    frame = pd.DataFrame(
        {
            "year": [2023, 2025, 2024, 2024],
            "programme": [BABY, PRE, G_UNICORN, BABY],
            "company": ["첨단오토모티브", "(주)첨단오토랩", "가나", "가나 주식회사"],
            "registration_no": [None, None, "123-45-67890", "1234567890"],
            "source_row": [2, 3, 4, 5],
        }
    )
    assert sel.highest_selection_counts(frame, "2025-12-31") == {G_UNICORN: 0, BABY: 1, PRE: 1}
    best = sel.highest_selections(frame, "2025-12-31", PROGRAM)
    assert best[["company", "programme", "year"]].values.tolist() == [
        ["(주)첨단오토랩", PRE, 2025],
        ["가나 주식회사", BABY, 2024],
    ]
    record = sel.company_selections(frame, "첨단오토랩", PROGRAM)
    assert record[["year", "programme"]].values.tolist() == [[2023, BABY], [2025, PRE]]


# --- a company's stage --------------------------------------------------------------------------------------------


def test_staged_rows_carry_the_highest_selection_the_unicorn_status_and_the_estimate_band():
    staged = companies_frame().set_index(["as_of", "company"])
    a_june, a_sept = staged.loc[(pd.Timestamp("2025-06-30"), "A")], staged.loc[(SEPT, "A")]
    assert (a_june["stage"], a_june["selected_year"], a_june["selection_row"]) == (BABY, 2024, 2)
    assert (a_sept["stage"], a_sept["selected_year"], a_sept["selection_row"]) == (PRE, 2025, 3)
    c = staged.loc[(SEPT, "C")]
    assert (c["stage"], c["selected_year"], bool(c["unicorn"])) == (PRE, 2024, True)  # 예비유니콘 beats G-유니콘
    assert pd.isna(c["estimate_floor"])  # a selected company (or a unicorn) has no estimate band
    e = staged.loc[(SEPT, "E")]  # never selected, 50억원
    assert (e["stage"], e["stage_basis"], e["estimate_floor"], e["estimate_ceiling"]) == (NEVER, "none", 0, 300 * EOK)
    assert staged["stage"].isin(PROGRAM.stages).all()


def test_stage_text_never_names_a_stage_that_was_not_selected():
    staged = companies_frame().set_index(["as_of", "company"])
    june = pd.Timestamp("2025-06-30")
    assert stage_text(staged.loc[(SEPT, "A")], "ko") == "예비유니콘 (2025 선정)"
    assert stage_text(staged.loc[(SEPT, "C")], "ko") == "유니콘 (기업가치 1조원 이상) · 예비유니콘 (2024 선정)"
    assert stage_text(staged.loc[(SEPT, "E")], "ko") == "선정 이력 없음 · 기업가치 추정 구간 300억원 미만"
    assert stage_text(staged.loc[(june, "D")], "en") == "Never selected · estimated valuation band below KRW 30 bn"
    assert stage_text(staged.loc[(SEPT, "E")], "ko", estimate=False) == "선정 이력 없음"
    mid = companies_frame([("2025-09-30", "M", "에너지", 450 * EOK, 2)], []).iloc[0]
    assert stage_text(mid, "ko") == "선정 이력 없음 · 기업가치 추정 구간 300억원~1,000억원"
    unknown = companies_frame([("2025-09-30", "U", "에너지", None, 2)], []).iloc[0]
    assert stage_text(unknown, "ko") == "선정 이력 없음"


# --- the gap to the next programme --------------------------------------------------------------------------------


def test_next_window():
    assert sel.next_window((1, 2), dt.date(2026, 12, 8)) == (2027, False)
    assert sel.next_window((1, 2), dt.date(2027, 2, 10)) == (2027, True)
    assert sel.next_window((5,), dt.date(2027, 3, 1)) == (2027, False)
    assert sel.next_window((), dt.date(2027, 3, 1)) == (None, False)


def test_entry_gaps_and_the_profile_sentence():
    today = dt.date(2026, 12, 8)
    gaps = sel.entry_gaps(companies_frame(), SEPT, PROGRAM, today)
    # A is 예비유니콘 (the top programme), C a unicorn: no next programme. B (아기유니콘): 예비유니콘's 누적투자 50억원
    # met by its 190억원. E (never selected; G-유니콘 has no criteria): 아기유니콘, 누적투자 10억 of 20억, 기업가치 50억 of 300억
    assert gaps[["company", "next_programme", "measure", "value", "threshold", "gap", "met"]].values.tolist() == [
        ["B", PRE, "funding_krw", 190 * EOK, 50 * EOK, 0, True],
        ["E", BABY, "funding_krw", 10 * EOK, 20 * EOK, 10 * EOK, False],
    ]
    assert gaps["ratio"].tolist() == [3.8, 0.5]
    staged = companies_frame().set_index(["as_of", "company"])
    e_gap = sel.entry_gap(staged.loc[(SEPT, "E")], PROGRAM, today)
    assert gap_sentence(e_gap, "ko") == (
        "아기유니콘 신청까지 누적투자 10억원 부족 또는 기업가치 250억원 부족, 다음 신청 2027년 1~2월"
    )
    b_gap = sel.entry_gap(staged.loc[(SEPT, "B")], PROGRAM, dt.date(2027, 5, 3))
    assert (
        gap_sentence(b_gap, "ko")
        == "예비유니콘 신청 기준 충족(누적투자 190억원, 기준 50억원), 신청 기간 중 (2027년 5월)"
    )
    assert sel.entry_gap(staged.loc[(SEPT, "A")], PROGRAM, today) is None
    assert sel.entry_gap(staged.loc[(SEPT, "C")], PROGRAM, today) is None


def test_a_figure_the_data_lacks_is_said_to_be_missing():
    today = dt.date(2026, 12, 8)
    rows = companies_frame([("2025-09-30", "F", "에너지", None, 2)], [])
    rows["funding_krw"] = pd.array([12 * EOK], dtype="Int64")
    gap = sel.entry_gap(rows.iloc[0], PROGRAM, today)
    assert (
        gap_sentence(gap, "ko")
        == "아기유니콘 신청까지 누적투자 8억원 부족, 기업가치는 자료에 없음, 다음 신청 2027년 1~2월"
    )
    rows["funding_krw"] = pd.array([None], dtype="Int64")
    gap = sel.entry_gap(rows.iloc[0], PROGRAM, today)
    assert gap_sentence(gap, "ko") == (
        "아기유니콘 신청 기준(누적투자·기업가치)을 판단할 수치가 자료에 없음, 다음 신청 2027년 1~2월"
    )


def test_sample_selections_are_synthetic_labelled_and_a_few_a_year():
    result = load_file((Path(__file__).resolve().parents[2] / "data" / "selections.csv").read_bytes(), "s.csv")
    assert result.ok
    per_year = result.frame.groupby("year").size().to_dict()
    assert per_year == {2021: 2, 2022: 3, 2023: 6, 2024: 4, 2025: 4, 2026: 4}
    assert result.frame["support"].str.endswith("(샘플)").all()
    assert load_program().k_unicorn.unicorn not in set(result.frame["programme"])
