"""Messy budget exports: title rows, notes, units, totals rows, two-row headers, merged cells, and the refusals."""

from __future__ import annotations

from pathlib import Path

from tests.support.messy_exports.common import (
    Case,
    Err,
    ExcelNumber,
    Grid,
    builder,
    exact_float,
    refused,
    valid,
    write_csv,
    write_xls,
    write_xlsx,
)
from tests.support.messy_exports.jobs import _jobs_csv

BUDGET_TITLE = "국가 인공지능 집적단지 조성사업 예산 집행 현황"


@builder("budget_title_notes_unit_note")
def budget_title_notes_unit_note(folder: Path) -> Case:
    """Title rows, a unit note at the right of the title block, notes rows (※ …, * 자료) below the table."""
    g = Grid("집행현황")
    g.add(BUDGET_TITLE)
    g.add(None, None, None, None, None, None, "(단위: 천원)")
    g.blank()
    g.add("연도", "단계", "추진전략", "세부사업명", "재원", "예산현액", "집행액")
    g.add(2024, 1, "산업 기반 조성", "AI 데이터센터 구축", "국비", 3339000, 2535020)
    g.add(2024, 1, "산업 기반 조성", "AI 데이터센터 구축", "시비", 556000, 183630)
    g.add(2025, 2, "산업 기반 조성", "실증장비 구축", "국비", 2757000, 2472190)
    g.add(2025, 2, "핵심 기업 육성", "창업 보육", "시비", 8121000, 0)
    g.add(2025, 2, "핵심 기업 육성", "창업 보육", "민자", 1446000, 1360540)
    g.add(2025, 2, "글로벌 경쟁력 확보", "해외 진출 지원", "국비", 1688000, 593220)
    g.blank()
    g.add("※ 집행액은 지출원인행위 기준이며, 이월액은 포함하지 않음")
    g.add("* 자료: e-호조 (2025. 9. 30. 기준)")
    path = write_xlsx(folder / "budget_title_notes_unit_note.xlsx", g)
    planned = (3339000 + 556000 + 2757000 + 8121000 + 1446000 + 1688000) * 1000
    executed = (2535020 + 183630 + 2472190 + 0 + 1360540 + 593220) * 1000
    return valid("budget_title_notes_unit_note", path, "budget", 6, {"planned_krw": planned, "executed_krw": executed})


# Cells written in each unit, with the won they mean (the truth). Floats and ExcelNumbers are number cells;
# strings are numbers stored as text. NOISE is what Excel writes for a formula such as =0.1+0.2.
NOISE = ExcelNumber(repr(0.1 + 0.2))  # "0.30000000000000004"


UNIT_CELLS: dict[str, list[tuple[object, int, object, int]]] = {
    "원": [
        (1234567, 1_234_567, "1,000,000", 1_000_000),
        ("9,007,199,254,740,993", 9_007_199_254_740_993, "-", 0),  # 2**53 + 1: only text can hold it
        (ExcelNumber("1234566.9999999998"), 1_234_567, 0, 0),  # formula noise one ulp below 1,234,567
    ],
    "천원": [
        (exact_float("1.5"), 1_500, "1,234,567", 1_234_567_000),
        (NOISE, 300, exact_float("0.001"), 1),
        (exact_float("12345678.9"), 12_345_678_900, "-", 0),
    ],
    "백만원": [
        (exact_float("0.000001"), 1, exact_float("1.5"), 1_500_000),
        (exact_float("123456.789012"), 123_456_789_012, "2,500", 2_500_000_000),
        (NOISE, 300_000, "0.5", 500_000),
    ],
    "억원": [
        (exact_float("0.001"), 100_000, exact_float("1.5"), 150_000_000),
        (NOISE, 30_000_000, "12,345.6789", 1_234_567_890_000),
        ("1,000", 100_000_000_000, exact_float("999.99999999"), 99_999_999_999),
    ],
    "조원": [
        (exact_float("12345.678901234"), 12_345_678_901_234_000, "12,345.678901234", 12_345_678_901_234_000),
        (NOISE, 300_000_000_000, exact_float("1e-12"), 1),
        (exact_float("2.5"), 2_500_000_000_000, "0.000000000001", 1),
    ],
}


UNIT_SLUG = {"원": "won", "천원": "thousand", "백만원": "million", "억원": "hundred_million", "조원": "trillion"}


PROGRAMS = ("AI 데이터센터 구축", "실증장비 구축", "창업 보육")


def _unit_case(folder: Path, unit: str, where: str, xls: bool = False) -> Case:
    name = f"budget_unit_{where}_{UNIT_SLUG[unit]}" + ("_xls" if xls else "")
    g = Grid("예산")
    g.add(f"{BUDGET_TITLE} ({unit} 단위)")
    if where == "note":
        g.add(f"(단위: {unit})")
        g.add("연도", "세부사업명", "재원", "예산액", "집행액")
    else:
        g.blank()
        g.add("연도", "세부사업명", "재원", f"예산액({unit})", f"집행액\n({unit})")  # Alt+Enter in a header cell
    planned = executed = 0
    for program, (p_cell, p_won, e_cell, e_won) in zip(PROGRAMS, UNIT_CELLS[unit], strict=False):
        g.add(2025, program, "국비", p_cell, e_cell)
        planned += p_won
        executed += e_won
    path = write_xls(folder / f"{name}.xls", g) if xls else write_xlsx(folder / f"{name}.xlsx", g)
    return valid(
        name,
        path,
        "budget",
        3,
        {"planned_krw": planned, "executed_krw": executed},
        about=f"every amount in {unit} converts exactly (decimals, text, float noise, > 2**53)",
    )


for _unit in UNIT_CELLS:
    for _where in ("header", "note"):
        builder(f"budget_unit_{_where}_{UNIT_SLUG[_unit]}")(
            lambda folder, unit=_unit, where=_where: _unit_case(folder, unit, where)
        )
    builder(f"budget_unit_header_{UNIT_SLUG[_unit]}_xls")(
        lambda folder, unit=_unit: _unit_case(folder, unit, "header", xls=True)
    )


def _two_row_budget(g: Grid, group: str) -> None:
    """Header on rows 3–4: 연도/세부사업명/재원 merged down, a money group merged across 예산액/집행액."""
    g.add(BUDGET_TITLE)
    g.blank()
    g.add("연도", "세부사업명", "재원", group, None)
    g.add(None, None, None, "예산액", "집행액")
    for ref in ("A3:A4", "B3:B4", "C3:C4", "D3:E3"):
        g.merge(ref)


@builder("budget_two_row_header_merged")
def budget_two_row_header_merged(folder: Path) -> Case:
    g = Grid("집행")
    _two_row_budget(g, "금액(단위: 백만원)")
    g.add(2025, "AI 데이터센터 구축", "국비", exact_float("1.5"), exact_float("0.75"))
    g.add(2025, "AI 데이터센터 구축", "시비", "2,500", "1,250.5")
    g.add(None, "소계", None, 2501.5, 1251.25)
    g.add(2025, "창업 보육", "국비", 100, "-")
    g.add("합계", None, None, 2601.5, 1251.25)
    path = write_xlsx(folder / "budget_two_row_header_merged.xlsx", g)
    return valid(
        "budget_two_row_header_merged",
        path,
        "budget",
        3,
        {"planned_krw": 1_500_000 + 2_500_000_000 + 100_000_000, "executed_krw": 750_000 + 1_250_500_000},
    )


@builder("budget_total_rows_everywhere")
def budget_total_rows_everywhere(folder: Path) -> Case:
    """합계/소계/계/총계/Total rows at the top, middle and bottom, in the first or the programme column.

    A 비고 (remarks) column to the right says "1~3월 합계" on a real data row: that row counts.
    """
    g = Grid("집행")
    g.add(BUDGET_TITLE)
    g.add("(단위: 천원)")
    g.add("구분", "연도", "세부사업명", "재원", "예산액", "집행액", "비고")
    g.add("합계", None, None, None, 4500, 2900, None)  # top, first column
    g.add(None, 2024, "AI 데이터센터 구축", "국비", 1000, 900, None)
    g.add(None, 2024, "AI 데이터센터 구축", "시비", 500, 400, "1~3월 합계")
    g.add(None, None, "소계", None, 1500, 1300, None)  # middle, programme column
    g.add(None, 2025, "실증장비 구축", "국비", 2000, 1000, None)
    g.add("계", None, None, None, 2000, 1000, None)  # middle, first column
    g.add(None, 2025, "창업 보육", "민자", 300, "-", None)
    g.add(None, 2025, "소계(국비)", "국비", 2000, 1000, None)  # a subtotal that carries its key columns
    g.add("Sub-total", None, None, None, 2300, 1000, None)
    g.add(None, 2025, "기업 성장 지원", "시비", 700, 600, None)
    g.add(None, None, "2025년 합계", None, 3000, 1600, None)
    g.add("총 계", None, None, None, 4500, 2900, None)  # bottom; a space inside the label
    g.add(None, None, "Total", None, 4500, 2900, None)
    g.add("[합계]", None, None, None, 4500, 2900, None)
    g.add("※ 합계·소계 행은 자동 계산")
    path = write_xlsx(folder / "budget_total_rows_everywhere.xlsx", g)
    return valid(
        "budget_total_rows_everywhere", path, "budget", 5, {"planned_krw": 4_500_000, "executed_krw": 2_900_000}
    )


@builder("budget_source_total_rows")
def budget_source_total_rows(folder: Path) -> Case:
    """e-호조 layout: each programme's 계 row (재원 column) above its 국비/시비 rows, with every key filled."""
    g = Grid("집행")
    g.add("(단위: 천원)")
    g.add("연도", "세부사업명", "재원", "예산현액", "집행액")
    g.add(2025, "AI 데이터센터 구축", "계", 1500, 1300)
    g.add(2025, "AI 데이터센터 구축", "국비", 1000, 900)
    g.add(2025, "AI 데이터센터 구축", "시비", 500, 400)
    g.add(2025, "창업 보육", "계", 300, 0)
    g.add(2025, "창업 보육", "시비", 300, "-")
    g.add(2025, "합 계", None, 1800, 1300)
    path = write_xlsx(folder / "budget_source_total_rows.xlsx", g)
    return valid("budget_source_total_rows", path, "budget", 3, {"planned_krw": 1_800_000, "executed_krw": 1_300_000})


@builder("budget_numbers_as_text_csv")
def budget_numbers_as_text_csv(folder: Path) -> Case:
    """Numbers stored as text: thousands separators, spaces, '-' for zero, ₩ and 원 in a 원 column."""
    g = Grid()
    g.add(BUDGET_TITLE)
    g.add("연도", "월", "세부사업명", "재원", "예산액(천원)", "집행액(원)")
    g.add("2025년", "3월", "AI 데이터센터 구축", "국비", "1,234,567", "1,000,000")
    g.add("2025", "03", "실증장비 구축", "국비", " 2,000 ", "-")
    g.add("2025", "4", "창업 보육", "국고", "1,000", "₩1,500")  # 국고 is 국비
    g.add("2025", "4", "창업 보육", "지방비", "0.5", "250원")  # 지방비 is 시비
    path = write_csv(folder / "budget_numbers_as_text.csv", g, "utf-8")
    return valid(
        "budget_numbers_as_text_csv",
        path,
        "budget",
        4,
        {
            "planned_krw": 1_234_567_000 + 2_000_000 + 1_000_000 + 500,
            "executed_krw": 1_000_000 + 0 + 1_500 + 250,
        },
    )


@builder("budget_cell_unit_conflict")
def budget_cell_unit_conflict(folder: Path) -> Case:
    """A cell that states its own unit must agree with its column's: "250원" under 집행액(천원) is refused."""
    g = Grid()
    g.add("연도", "세부사업명", "재원", "예산액(천원)", "집행액(천원)")
    g.add(2025, "AI 데이터센터 구축", "국비", "1,500천원", 0)  # agrees: fine
    bad = g.add(2025, "실증장비 구축", "국비", 1000, "250원")
    path = write_xlsx(folder / "budget_cell_unit_conflict.xlsx", g)
    return refused("budget_cell_unit_conflict", path, "budget", [Err(bad, "집행액(천원)", ("250원", "천원"))])


@builder("budget_month_phase_strategy")
def budget_month_phase_strategy(folder: Path) -> Case:
    """Optional columns (월, 단계, 추진전략) and funding-source spellings (국고, 민간투자)."""
    g = Grid()
    g.add("연도", "집행월", "단계", "추진전략", "단위사업", "재원구분", "계획액(백만원)", "지출액(백만원)")
    g.add(2025, 1, "2단계", "산업 기반 조성", "AI 데이터센터 구축", "국고", 10, 5)
    g.add(2025, "2월", 2, "산업 기반 조성", "AI 데이터센터 구축", "국비", 10, 6)
    g.add(2025, 12, None, None, "창업 보육", "민간투자", 3, 0)
    g.add(2024, 12, None, None, "창업 보육", "민자", 3, 3)
    path = write_xlsx(folder / "budget_month_phase_strategy.xlsx", g)
    return valid(
        "budget_month_phase_strategy", path, "budget", 4, {"planned_krw": 26_000_000, "executed_krw": 14_000_000}
    )


@builder("budget_second_sheet")
def budget_second_sheet(folder: Path) -> Case:
    cover = Grid("표지")
    cover.add(BUDGET_TITLE)
    cover.add("작성: 광주광역시 인공지능산업과")
    cover.add("기준일: 2025. 9. 30.")
    data = Grid("집행내역")
    data.add("(단위: 억원)")
    data.add("회계연도", "사업명", "재원", "예산", "집행")
    data.add(2025, "AI 데이터센터 구축", "국비", 12.5, 3)
    data.add(2025, "AI 데이터센터 구축", "시비", "0.01", 0)
    path = write_xlsx(folder / "budget_second_sheet.xlsx", cover, data)
    return valid(
        "budget_second_sheet",
        path,
        "budget",
        2,
        {"planned_krw": 1_250_000_000 + 1_000_000, "executed_krw": 300_000_000},
    )


def _english_rows(g: Grid) -> None:
    g.add(2025, "AI data center", "국비", 1200, 300)
    g.add(2025, "Testbed equipment", "시비", 800, "-")


@builder("budget_english_headers_csv")
def budget_english_headers_csv(folder: Path) -> Case:
    g = Grid()
    g.add("Year", "Program", "Source", "Planned (KRW)", "Executed (KRW)")
    _english_rows(g)
    g.add("Total", None, None, 2000, 300)
    path = write_csv(folder / "budget_english.csv", g, "utf-8")
    return valid("budget_english_headers_csv", path, "budget", 2, {"planned_krw": 2000, "executed_krw": 300})


@builder("budget_english_headers_unit_note")
def budget_english_headers_unit_note(folder: Path) -> Case:
    g = Grid("budget")
    g.add("AI cluster budget execution")
    g.add("(단위: 천원)")
    g.add("year", "program", "source", "planned", "executed")
    _english_rows(g)
    path = write_xlsx(folder / "budget_english_unit_note.xlsx", g)
    return valid(
        "budget_english_headers_unit_note", path, "budget", 2, {"planned_krw": 2_000_000, "executed_krw": 300_000}
    )


def _named(name: str, folder: Path, dataset: str) -> Case:
    (folder / name).mkdir(parents=True, exist_ok=True)
    case = budget_title_notes_unit_note(folder / name)
    return valid(name, case.path, "budget", case.rows, case.totals, dataset_arg=dataset)


@builder("budget_named_dataset")
def budget_named_dataset(folder: Path) -> Case:
    return _named("budget_named_dataset", folder, "budget")


@builder("budget_named_wrong_dataset")
def budget_named_wrong_dataset(folder: Path) -> Case:
    """Naming the wrong dataset refuses the file instead of guessing."""
    (folder / "budget_named_wrong_dataset").mkdir(parents=True, exist_ok=True)
    case = budget_title_notes_unit_note(folder / "budget_named_wrong_dataset")
    return refused("budget_named_wrong_dataset", case.path, "jobs", [Err(None, None, ("머리글",))], dataset_arg="jobs")


@builder("budget_semicolon_csv")
def budget_semicolon_csv(folder: Path) -> Case:
    """Semicolon-separated, with title rows and unquoted thousands separators."""
    g = Grid()
    g.add(BUDGET_TITLE)
    g.add("(단위: 천원)")
    g.add("연도", "세부사업명", "재원", "예산액", "집행액")
    g.add(2025, "AI 데이터센터 구축", "국비", "1,234,567", "1,000")
    g.add(2025, "실증장비 구축", "시비", "-", "2,000")
    path = write_csv(folder / "budget_semicolon.csv", g, "utf-8", delimiter=";")
    return valid("budget_semicolon_csv", path, "budget", 2, {"planned_krw": 1_234_567_000, "executed_krw": 3_000_000})


@builder("budget_tab_cp949_csv")
def budget_tab_cp949_csv(folder: Path) -> Case:
    """Tab-separated CP949 (Korean Excel's "텍스트(탭으로 분리)"), commas inside names and numbers."""
    g = Grid()
    g.add(BUDGET_TITLE)
    g.add("(단위: 백만원)")
    g.add("연도", "세부사업명", "재원", "예산액", "집행액")
    g.add(2025, "AI 데이터, 플랫폼 구축", "국비", "1,234", "1,000.5")
    g.add(2025, "실증장비 구축", "시비", "-", "2,000")
    path = write_csv(folder / "budget_tab_cp949.txt", g, "cp949", delimiter="\t")
    return valid(
        "budget_tab_cp949_csv", path, "budget", 2, {"planned_krw": 1_234_000_000, "executed_krw": 3_000_500_000}
    )


@builder("budget_real_xls")
def budget_real_xls(folder: Path) -> Case:
    """A real .xls: title, two-row merged header with the unit in the group, 소계 row, notes."""
    g = Grid("집행현황")
    _two_row_budget(g, "금액(단위: 천원)")
    g.add(2024, "AI 데이터센터 구축", "국비", 3339000, 2535020)
    g.add(2024, "AI 데이터센터 구축", "시비", "556,000", exact_float("183630.5"))
    g.add(None, "소계", None, 3895000, 2718650.5)
    g.add(2025, "실증장비 구축", "국비", 2757000, "-")
    g.add("※ 2025년은 9월 말 기준")
    path = write_xls(folder / "budget_real.xls", g)
    return valid(
        "budget_real_xls",
        path,
        "budget",
        3,
        {
            "planned_krw": (3339000 + 556000 + 2757000) * 1000,
            "executed_krw": 2_535_020_000 + 183_630_500,
        },
    )


def _merged_labels(g: Grid) -> None:
    """연도 merged down over four rows, 세부사업명 over each programme's 국비/시비 rows (data rows 5–8)."""
    g.add(BUDGET_TITLE)
    g.add(None, None, None, None, "(단위: 천원)")
    g.add("연도", "세부사업명", "재원", "예산액", "집행액")
    g.blank()  # a spacer row under the header, as some reports have
    g.add(2024, "AI 데이터센터 구축", "국비", 1000, 900)
    g.add(None, None, "시비", 500, 400)
    g.add(None, "창업 보육", "국비", 300, "-")
    g.add(None, None, "시비", 200, 100)
    for ref in ("A5:A8", "B5:B6", "B7:B8"):
        g.merge(ref)


@builder("budget_merged_label_cells")
def budget_merged_label_cells(folder: Path) -> Case:
    """Label cells merged down over data rows apply to every row they span (what the user sees)."""
    g = Grid("집행")
    _merged_labels(g)
    path = write_xlsx(folder / "budget_merged_labels.xlsx", g)
    return valid("budget_merged_label_cells", path, "budget", 4, {"planned_krw": 2_000_000, "executed_krw": 1_400_000})


@builder("budget_merged_label_cells_xls")
def budget_merged_label_cells_xls(folder: Path) -> Case:
    g = Grid("집행")
    _merged_labels(g)
    path = write_xls(folder / "budget_merged_labels.xls", g)
    return valid(
        "budget_merged_label_cells_xls", path, "budget", 4, {"planned_krw": 2_000_000, "executed_krw": 1_400_000}
    )


@builder("budget_merged_amount_cell")
def budget_merged_amount_cell(folder: Path) -> Case:
    """An amount merged over two rows is one amount: never copied (that would count it twice), so refused."""
    g = Grid("집행")
    g.add("(단위: 천원)")
    g.add("연도", "세부사업명", "재원", "예산액", "집행액")
    g.add(2025, "AI 데이터센터 구축", "국비", 1500, 900)
    second = g.add(2025, "AI 데이터센터 구축", "시비", None, 400)
    g.merge("D3:D4")
    path = write_xlsx(folder / "budget_merged_amount.xlsx", g)
    return refused("budget_merged_amount_cell", path, "budget", [Err(second, "예산액", ("비어",))])


@builder("budget_unmerged_group_merged_title")
def budget_unmerged_group_merged_title(folder: Path) -> Case:
    """Title merged across the top, money group written once over two columns without a merge."""
    g = Grid("집행")
    g.add(BUDGET_TITLE)
    g.merge("A1:E1")
    g.add("연도", "세부사업명", "재원", "금액(단위: 백만원)", None)
    g.add(None, None, None, "예산액", "집행액")
    g.add(2025, "AI 데이터센터 구축", "국비", 12, 3)
    path = write_xlsx(folder / "budget_unmerged_group.xlsx", g)
    return valid(
        "budget_unmerged_group_merged_title", path, "budget", 1, {"planned_krw": 12_000_000, "executed_krw": 3_000_000}
    )


@builder("budget_units_row_under_header")
def budget_units_row_under_header(folder: Path) -> Case:
    """Units written in their own row under the header ("(천원)" under 예산액, "(백만원)" under 집행액)."""
    g = Grid("집행")
    g.add(BUDGET_TITLE)
    g.add("연도", "세부사업명", "재원", "예산액", "집행액")
    g.add(None, None, None, "(천원)", "(백만원)")
    g.add(2025, "AI 데이터센터 구축", "국비", "1,500", "1.2")
    bad = g.add(2025, "실증장비 구축", "국비", "2,000", "x")
    path = write_xlsx(folder / "budget_units_row.xlsx", g)
    return refused("budget_units_row_under_header", path, "budget", [Err(bad, "집행액 (백만원)", ("숫자",))])


@builder("budget_units_row_under_header_valid")
def budget_units_row_under_header_valid(folder: Path) -> Case:
    g = Grid("집행")
    g.add(BUDGET_TITLE)
    g.add("연도", "세부사업명", "재원", "예산액", "집행액")
    g.add(None, None, None, "(천원)", "(백만원)")
    g.add(2025, "AI 데이터센터 구축", "국비", "1,500", "1.2")
    g.add(2025, "실증장비 구축", "국비", "2,000", 0)
    path = write_csv(folder / "budget_units_row.csv", g, "cp949")
    return valid(
        "budget_units_row_under_header_valid", path, "budget", 2, {"planned_krw": 3_500_000, "executed_krw": 1_200_000}
    )


@builder("budget_nearest_unit_note")
def budget_nearest_unit_note(folder: Path) -> Case:
    """Two unit notes above the header: the one nearest the table applies (the first is the summary's)."""
    g = Grid("집행")
    g.add("1. 총괄 (단위: 억원)")
    g.add("총 사업비 4,300억원 중 2025년 배정분")
    g.blank()
    g.add("2. 세부 집행 내역")
    g.add(None, None, None, None, "(단위: 천원)")
    g.add("연도", "세부사업명", "재원", "예산액", "집행액(억원, 누계)")
    g.add(2025, "AI 데이터센터 구축", "국비", "1,500", "0.5")
    path = write_xlsx(folder / "budget_nearest_unit_note.xlsx", g)
    return valid("budget_nearest_unit_note", path, "budget", 1, {"planned_krw": 1_500_000, "executed_krw": 50_000_000})


@builder("budget_hidden_old_sheet")
def budget_hidden_old_sheet(folder: Path) -> Case:
    """A hidden sheet with last month's figures comes first: the visible sheet is what the user sees."""
    old = Grid("원본(구)", hidden=True)
    old.add("(단위: 천원)")
    old.add("연도", "세부사업명", "재원", "예산액", "집행액")
    old.add(2025, "AI 데이터센터 구축", "국비", 1000, 100)
    old.add(2025, "실증장비 구축", "국비", 1000, 100)
    current = Grid("집행현황")
    current.add("(단위: 천원)")
    current.add("연도", "세부사업명", "재원", "예산액", "집행액")
    current.add(2025, "AI 데이터센터 구축", "국비", 1000, 700)
    path = write_xlsx(folder / "budget_hidden_old_sheet.xlsx", old, current)
    return valid("budget_hidden_old_sheet", path, "budget", 1, {"planned_krw": 1_000_000, "executed_krw": 700_000})


for _encoding in ("utf-8", "utf-8-sig", "cp949"):
    builder(f"jobs_csv_{_encoding.replace('-', '_')}")(lambda folder, e=_encoding: _jobs_csv(folder, e))


@builder("budget_missing_column")
def budget_missing_column(folder: Path) -> Case:
    g = Grid()
    g.add(BUDGET_TITLE)
    g.add("(단위: 원)")
    header = g.add("연도", "세부사업명", "재원", "예산액")
    g.add(2025, "창업 보육", "국비", 1000000)
    path = write_xlsx(folder / "budget_missing_column.xlsx", g)
    return refused("budget_missing_column", path, "budget", [Err(header, "집행액", ("집행액", "없습니다"))])


@builder("budget_header_and_cell_problems_together")
def budget_header_and_cell_problems_together(folder: Path) -> Case:
    """A missing column, a column without a unit and bad cells: all listed at once, not one layer at a time."""
    g = Grid()
    g.add(BUDGET_TITLE)
    header = g.add("연도", "세부사업명", "예산액", "집행액(천원)")
    year = g.add("작년", "AI 데이터센터 구축", 1000, "약 300")
    g.add(2025, "실증장비 구축", 1000, 200)
    g.add(2025, "창업 보육", 1000, -5)  # a refund (negative 집행액) is accepted: not among the problems
    path = write_xlsx(folder / "budget_header_and_cell_problems.xlsx", g)
    return refused(
        "budget_header_and_cell_problems_together",
        path,
        "budget",
        [
            Err(header, "재원", ("재원", "없습니다")),
            Err(header, "예산액", ("단위",)),
            Err(year, "연도", ("작년",)),
            Err(year, "집행액(천원)", ("약 300",)),
        ],
    )


@builder("budget_text_in_number")
def budget_text_in_number(folder: Path) -> Case:
    g = Grid()
    g.add(BUDGET_TITLE)
    g.blank()
    g.add("연도", "세부사업명", "재원", "예산액(천원)", "집행액(천원)")
    g.add(2025, "AI 데이터센터 구축", "국비", 1000, 900)
    bad = g.add(2025, "실증장비 구축", "국비", 2000, "약 300")
    bad2 = g.add(2025, "창업 보육", "시비", "미정", 1)
    path = write_xlsx(folder / "budget_text_in_number.xlsx", g)
    return refused(
        "budget_text_in_number",
        path,
        "budget",
        [
            Err(bad, "집행액(천원)", ("숫자", "약 300")),
            Err(bad2, "예산액(천원)", ("숫자", "미정")),
        ],
    )


@builder("budget_duplicate_key")
def budget_duplicate_key(folder: Path) -> Case:
    """Two rows with the same year/program/source (no month column): both rows are reported."""
    g = Grid()
    g.add(BUDGET_TITLE)
    g.add("(단위: 천원)")
    g.add("연도", "세부사업명", "재원", "예산액", "집행액")
    first = g.add(2025, "AI 데이터센터 구축", "국비", 1000, 900)
    g.add(2025, "AI 데이터센터 구축", "시비", 1000, 900)
    second = g.add(2025, "AI 데이터센터 구축", "국고", 500, 100)  # 국고 is 국비: the same key
    path = write_xlsx(folder / "budget_duplicate_key.xlsx", g)
    key = "연도·세부사업명·재원"  # the file has no 월 column: only headers in the file are named
    return refused(
        "budget_duplicate_key",
        path,
        "budget",
        [
            Err(first, key, ("중복", f"{second}행")),
            Err(second, key, ("중복", f"{first}행")),
        ],
    )


@builder("budget_negative_amounts")
def budget_negative_amounts(folder: Path) -> Case:
    g = Grid()
    g.add("연도", "세부사업명", "재원", "예산액(천원)", "집행액(천원)")
    minus = g.add(2025, "AI 데이터센터 구축", "국비", "-1,000", 0)
    g.add(2025, "실증장비 구축", "국비", 1000, "(2,000)")  # a refund of 집행액: accepted (budget_refunds)
    triangle = g.add(2025, "창업 보육", "국비", "△500", 0)  # Korean accounting minus
    number = g.add(2025, "기업 성장 지원", "국비", -1, 0)
    path = write_xlsx(folder / "budget_negative_amounts.xlsx", g)
    return refused(
        "budget_negative_amounts",
        path,
        "budget",
        [
            Err(minus, "예산액(천원)", ("음수", "-1,000")),
            Err(triangle, "예산액(천원)", ("음수", "△500")),
            Err(number, "예산액(천원)", ("음수",)),
        ],
    )


@builder("budget_month_13")
def budget_month_13(folder: Path) -> Case:
    g = Grid()
    g.add("(단위: 원)")
    g.add("연도", "월", "세부사업명", "재원", "예산액", "집행액")
    g.add(2025, 12, "AI 데이터센터 구축", "국비", 1000, 900)
    thirteen = g.add(2025, 13, "AI 데이터센터 구축", "국비", 1000, 900)
    zero = g.add(2025, "0월", "AI 데이터센터 구축", "시비", 1000, 900)
    path = write_xlsx(folder / "budget_month_13.xlsx", g)
    return refused(
        "budget_month_13",
        path,
        "budget",
        [
            Err(thirteen, "월", ("1~12", "13")),
            Err(zero, "월", ("1~12",)),
        ],
    )


@builder("budget_unknown_source")
def budget_unknown_source(folder: Path) -> Case:
    g = Grid()
    g.add("연도", "세부사업명", "재원구분", "예산액(원)", "집행액(원)")
    g.add(2025, "AI 데이터센터 구축", "국비", 1000, 900)
    bad = g.add(2025, "AI 데이터센터 구축", "도비", 1000, 900)
    path = write_xlsx(folder / "budget_unknown_source.xlsx", g)
    return refused("budget_unknown_source", path, "budget", [Err(bad, "재원구분", ("도비", "국비"))])


@builder("budget_fraction_of_won")
def budget_fraction_of_won(folder: Path) -> Case:
    """More decimals than the unit allows: below 1 won, refused (never rounded)."""
    g = Grid()
    g.add("연도", "세부사업명", "재원", "예산액(원)", "집행액(천원)")
    a = g.add(2025, "AI 데이터센터 구축", "국비", "1,000.5", 1)
    b = g.add(2025, "실증장비 구축", "국비", 1000, exact_float("1.2345"))
    c = g.add(2025, "창업 보육", "국비", "1.0000001", "0.0001")
    g.add(2025, "기업 성장 지원", "국비", exact_float("2.0"), exact_float("0.001"))  # fine: 2 won, 1 won
    path = write_xlsx(folder / "budget_fraction_of_won.xlsx", g)
    return refused(
        "budget_fraction_of_won",
        path,
        "budget",
        [
            Err(a, "예산액(원)", ("1원 미만",)),
            Err(b, "집행액(천원)", ("1원 미만",)),
            Err(c, "예산액(원)", ("1원 미만",)),
            Err(c, "집행액(천원)", ("1원 미만",)),
        ],
    )


@builder("budget_unit_unknown")
def budget_unit_unknown(folder: Path) -> Case:
    """No unit anywhere: a thousandfold error is worse than a refusal."""
    g = Grid()
    header = g.add("연도", "세부사업명", "재원", "예산액", "집행액")
    g.add(2025, "AI 데이터센터 구축", "국비", 1000, 900)
    path = write_xlsx(folder / "budget_unit_unknown.xlsx", g)
    return refused(
        "budget_unit_unknown",
        path,
        "budget",
        [
            Err(header, "예산액", ("단위",)),
            Err(header, "집행액", ("단위",)),
        ],
    )


@builder("budget_two_columns_same_meaning")
def budget_two_columns_same_meaning(folder: Path) -> Case:
    g = Grid()
    g.add("(단위: 천원)")
    header = g.add("연도", "세부사업명", "재원", "예산액", "예산현액", "집행액")
    g.add(2025, "AI 데이터센터 구축", "국비", 1000, 1100, 900)
    path = write_xlsx(folder / "budget_two_columns_same_meaning.xlsx", g)
    return refused("budget_two_columns_same_meaning", path, "budget", [Err(header, "예산현액", ("예산액", "예산현액"))])


@builder("budget_empty_table")
def budget_empty_table(folder: Path) -> Case:
    g = Grid()
    g.add(BUDGET_TITLE)
    g.add("(단위: 천원)")
    header = g.add("연도", "세부사업명", "재원", "예산액", "집행액")
    g.blank()
    g.add("※ 작성 중")
    path = write_xlsx(folder / "budget_empty_table.xlsx", g)
    return refused("budget_empty_table", path, "budget", [Err(header, None, ("데이터 행이 없습니다",))])


@builder("budget_empty_table_csv")
def budget_empty_table_csv(folder: Path) -> Case:
    g = Grid()
    header = g.add("연도", "세부사업명", "재원", "예산액(원)", "집행액(원)")
    path = write_csv(folder / "budget_empty.csv", g, "utf-8-sig")
    return refused("budget_empty_table_csv", path, "budget", [Err(header, None, ("데이터 행이 없습니다",))])


@builder("budget_scientific_notation_csv")
def budget_scientific_notation_csv(folder: Path) -> Case:
    """Excel writes wide numbers as 1.23457E+11 in CSV: the digits are gone, so the file is refused."""
    g = Grid()
    g.add("연도", "세부사업명", "재원", "예산액(원)", "집행액(원)")
    g.add(2025, "AI 데이터센터 구축", "국비", "123456789012", "1000")
    bad = g.add(2025, "실증장비 구축", "국비", "1.23457E+11", "1000")
    path = write_csv(folder / "budget_scientific.csv", g, "utf-8")
    return refused("budget_scientific_notation_csv", path, "budget", [Err(bad, "예산액(원)", ("1.23457E+11",))])


@builder("budget_misplaced_separators")
def budget_misplaced_separators(folder: Path) -> Case:
    """Commas that are not thousands separators ("1,23", European "1.234,5") are refused, not guessed."""
    g = Grid()
    g.add("연도", "세부사업명", "재원", "예산액(천원)", "집행액(천원)")
    g.add(2025, "AI 데이터센터 구축", "국비", "1,234,567", "12,345")
    a = g.add(2025, "실증장비 구축", "국비", "1,23", "0")
    b = g.add(2025, "창업 보육", "국비", "1.234,5", "0")
    path = write_xlsx(folder / "budget_misplaced_separators.xlsx", g)
    return refused(
        "budget_misplaced_separators",
        path,
        "budget",
        [
            Err(a, "예산액(천원)", ("1,23",)),
            Err(b, "예산액(천원)", ("1.234,5",)),
        ],
    )


@builder("budget_absurdly_large")
def budget_absurdly_large(folder: Path) -> Case:
    """Numbers too large to store are refused with a message, never a traceback."""
    g = Grid()
    g.add("연도", "세부사업명", "재원", "예산액(조원)", "집행액(원)")
    g.add(2025, "AI 데이터센터 구축", "국비", 1, 0)
    bad = g.add(2025, "실증장비 구축", "국비", "99,999,999", "99999999999999999999999")
    path = write_xlsx(folder / "budget_absurdly_large.xlsx", g)
    return refused(
        "budget_absurdly_large",
        path,
        "budget",
        [
            Err(bad, "예산액(조원)", ("큽니다",)),
            Err(bad, "집행액(원)", ("큽니다",)),
        ],
    )


@builder("budget_many_problems_lazy")
def budget_many_problems_lazy(folder: Path) -> Case:
    """One file, many problems: all reported at once, rows counted through title and two header rows."""
    g = Grid("월별집행")
    g.add("2025년 AI 집적단지 월별 예산 집행 현황")
    g.blank()
    g.add("연도", "월", "세부사업명", "재원구분", "금액(단위: 천원)", None)
    g.add(None, None, None, None, "예산액", "집행액")
    for ref in ("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3"):
        g.merge(ref)
    planned, executed = "금액(단위: 천원) 예산액", "금액(단위: 천원) 집행액"
    key = "연도·월·세부사업명·재원구분"
    first = g.add(2025, 1, "AI 데이터센터 구축", "국비", 1000, 500)
    text = g.add(2025, 1, "실증장비 구축", "국비", 2000, "약 300")
    month = g.add(2025, 13, "창업 보육", "시비", 500, 100)
    source = g.add(2025, 2, "창업 보육", "도비", 500, 100)
    negative = g.add(2025, 2, "기업 성장 지원", "국비", "-1,000", 0)
    duplicate = g.add(2025, 1, "AI 데이터센터 구축", "국비", 700, 100)
    blank = g.add(2025, 3, None, "국비", 100, 100)
    fraction = g.add(2025, 3, "AI 데이터 플랫폼", "시비", exact_float("1.2345"), 1)
    year = g.add("이천이십오", 3, "해외 진출 지원", "시비", 1, 1)
    g.add(None, None, "소계", None, 4801.2345, 1201)
    g.add("※ 월별 집행액은 지출 기준")
    path = write_xlsx(folder / "budget_many_problems_lazy.xlsx", g)
    return refused(
        "budget_many_problems_lazy",
        path,
        "budget",
        [
            Err(first, key, ("중복", f"{duplicate}행")),
            Err(text, executed, ("숫자", "약 300")),
            Err(month, "월", ("1~12",)),
            Err(source, "재원구분", ("도비",)),
            Err(negative, planned, ("음수",)),
            Err(duplicate, key, ("중복", f"{first}행")),
            Err(blank, "세부사업명", ("비어",)),
            Err(fraction, planned, ("1원 미만",)),
            Err(year, "연도", ("연도", "이천이십오")),
        ],
    )


@builder("budget_xls_refused")
def budget_xls_refused(folder: Path) -> Case:
    g = Grid("집행현황")
    _two_row_budget(g, "금액(단위: 천원)")
    g.add(2025, "AI 데이터센터 구축", "국비", 1000, 900)
    bad = g.add(2025, "실증장비 구축", "국비", "약 300", -5)
    negative = g.add(2025, "창업 보육", "국비", -1, 0)
    path = write_xls(folder / "budget_refused.xls", g)
    return refused(
        "budget_xls_refused",
        path,
        "budget",
        [
            Err(bad, "금액(단위: 천원) 예산액", ("숫자", "약 300")),
            Err(negative, "금액(단위: 천원) 예산액", ("음수",)),
        ],
    )


@builder("budget_refunds")
def budget_refunds(folder: Path) -> Case:
    """반납·정정: a negative 집행액 written with a minus, in parentheses or with △ is accepted, and the totals are net
    of it (each such row is named in a warning: tests/unit/test_refunds.py)."""
    g = Grid()
    g.add(BUDGET_TITLE)
    g.add("(단위: 천원)")
    g.add("연도", "월", "세부사업명", "재원", "예산액", "집행액")
    g.add(2025, 1, "AI 데이터센터 구축", "국비", 1000, 900)
    g.add(2025, 2, "AI 데이터센터 구축", "국비", 1000, "-100")
    g.add(2025, 3, "AI 데이터센터 구축", "국비", 1000, "(50)")
    g.add(2025, 4, "AI 데이터센터 구축", "국비", 1000, "△25")
    path = write_xlsx(folder / "budget_refunds.xlsx", g)
    return valid(
        "budget_refunds", path, "budget", 4, {"planned_krw": 4_000_000, "executed_krw": 725_000}, about="반납·정정"
    )


@builder("budget_table_off_origin")
def budget_table_off_origin(folder: Path) -> Case:
    """The table starts at C4 (empty rows and columns before it): rows still count from Excel's row 1."""
    g = Grid()
    g.blank()
    g.blank()
    g.add(None, None, "(단위: 천원)")
    g.add(None, None, "연도", "세부사업명", "재원", "예산액", "집행액")
    g.add(None, None, 2025, "AI 데이터센터 구축", "국비", 1, 1)
    bad = g.add(None, None, 2025, "실증장비 구축", "국비", 1, "x")
    path = write_xlsx(folder / "budget_off_origin.xlsx", g)
    return refused("budget_table_off_origin", path, "budget", [Err(bad, "집행액", ("숫자",))])
