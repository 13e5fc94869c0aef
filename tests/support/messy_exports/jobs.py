"""Messy jobs exports: months in every format, encodings, totals rows, and the refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support.messy_exports.common import (
    Case,
    Err,
    Grid,
    builder,
    exact_float,
    refused,
    valid,
    write_csv,
    write_xlsx,
)


@builder("jobs_total_rows")
def jobs_total_rows(folder: Path) -> Case:
    g = Grid()
    g.add("기준월", "기업명", "산업분야", "신규채용", "재직자수")
    g.add("2025-01", "빛고을에이아이", "모빌리티", 3, 30)
    g.add("2025-01", "무등로보틱스", "헬스케어", 2, 20)
    g.add("2025-01", "소계", None, 5, 50)
    g.add("2025-02", "빛고을에이아이", "모빌리티", 1, 31)
    g.add("Total", None, None, 6, 81)
    path = write_csv(folder / "jobs_total_rows.csv", g, "utf-8-sig")
    return valid("jobs_total_rows", path, "jobs", 3, {"new_hires": 6, "headcount": 81})


JOBS_HEADER = ("기준년월", "기업명", "산업분야", "신규채용(명)", "재직자수(명)", "지역인재(명)")


JOBS_ROWS = [
    ("2025-01", "빛고을에이아이", "모빌리티", "3", "1,204", "2"),
    ("2025.02", "빛고을에이아이", "모빌리티", "0", "1,201", "-"),
    ("2025년 3월", "빛고을에이아이", "모빌리티", "5", "1,206", "4"),
    ("202501", "무등로보틱스", "헬스케어", "2", "26", "1"),
    ("2025. 2.", "무등로보틱스", "헬스케어", "1", "27", "0"),
]


JOBS_TOTALS = {"new_hires": 11, "headcount": 1204 + 1201 + 1206 + 26 + 27, "local_hires": 7}


def _jobs_grid() -> Grid:
    g = Grid("일자리")
    g.add("광주 AI 집적단지 입주기업 일자리 현황")
    g.add("기준: 2025년 3월 말")
    g.blank()
    g.add(*JOBS_HEADER)
    for row in JOBS_ROWS:
        g.add(*row)
    g.add("※ 재직자수는 월말 기준, 지역인재는 광주·전남 소재 학교 졸업자")
    return g


def _jobs_csv(folder: Path, encoding: str) -> Case:
    name = f"jobs_csv_{encoding.replace('-', '_')}"
    path = write_csv(folder / f"{name}.csv", _jobs_grid(), encoding)
    return valid(name, path, "jobs", len(JOBS_ROWS), JOBS_TOTALS)


@builder("jobs_unicode_text_utf16")
def jobs_unicode_text_utf16(folder: Path) -> Case:
    """Excel's "유니코드 텍스트(*.txt)": UTF-16 with BOM, tab-separated."""
    path = write_csv(folder / "jobs_unicode.txt", _jobs_grid(), "utf-16", delimiter="\t")
    return valid("jobs_unicode_text_utf16", path, "jobs", len(JOBS_ROWS), JOBS_TOTALS)


@builder("jobs_named_dataset_tab")
def jobs_named_dataset_tab(folder: Path) -> Case:
    path = write_csv(folder / "jobs_named.tsv", _jobs_grid(), "utf-8-sig", delimiter="\t")
    return valid("jobs_named_dataset_tab", path, "jobs", len(JOBS_ROWS), JOBS_TOTALS, dataset_arg="jobs")


@builder("jobs_month_formats")
def jobs_month_formats(folder: Path) -> Case:
    """Every way a month is written: Excel date cells, text dates, 202505 as text and as a number."""
    g = Grid("고용")
    g.add("입주기업 고용 현황")
    g.add("기준월", "기업명", "업종", "신규채용", "재직자수", "지역채용")
    months = [
        dt.datetime(2025, 1, 1),  # Excel date cell
        "2025-02",
        "2025.03",
        "2025년 4월",
        "202505",
        202506,  # the same, stored as a number
        "2025. 7.",
        exact_float("2025.08"),  # 2025.08 typed into a number cell
        dt.datetime(2025, 9, 15),  # a day inside the month
        "2025.10",
        "2025년11월",
        "2025/12",
    ]
    for i, month in enumerate(months):
        g.add(month, "첨단헬스랩", "헬스케어", i, 100 + i, 1)
    path = write_xlsx(folder / "jobs_month_formats.xlsx", g)
    return valid(
        "jobs_month_formats",
        path,
        "jobs",
        12,
        {"new_hires": sum(range(12)), "headcount": 1200 + sum(range(12)), "local_hires": 12},
    )


@builder("jobs_company_named_like_a_note")
def jobs_company_named_like_a_note(folder: Path) -> Case:
    """Company names that begin like a note ("Note…", "참고…", "*…") are data; real notes are skipped."""
    g = Grid()
    g.add("기업명", "기준월", "산업분야", "신규채용", "재직자수")
    g.add("Notebook Lab", "2025-03", "에너지", 2, 10)
    g.add("참고서AI", "2025-03", "문화콘텐츠", 1, 5)
    g.add("*별표로보틱스", "2025-03", "모빌리티", 3, 7)
    g.add("※ 신규채용은 해당 월 4대보험 신규 취득자", "기준: 고용보험 DB")  # a note spilling into two cells
    g.add("Note: headcount at month end")
    path = write_csv(folder / "jobs_note_like_names.csv", g, "utf-8-sig")
    return valid("jobs_company_named_like_a_note", path, "jobs", 3, {"new_hires": 6, "headcount": 22})


@builder("jobs_unreadable_dates_cp949_csv")
def jobs_unreadable_dates_cp949_csv(folder: Path) -> Case:
    """CP949 CSV with title rows, a multi-line header cell and a blank line: rows are Excel's rows."""
    g = Grid()
    g.add("입주기업 일자리 현황")
    g.blank()
    g.add("기준년월", "기업명", "산업분야", "신규채용\n(명)", "재직자수")
    g.add("2025-01", "빛고을에이아이", "모빌리티", "3", "30")
    text = g.add("2025-01", "무등로보틱스", "헬스케어", "약 3", "20")
    month = g.add("2025-13", "첨단헬스랩", "에너지", "1", "2")
    g.blank()
    words = g.add("지난달", "영산강에너지", "에너지", "1", "2")
    negative = g.add("2025-02", "빛고을에이아이", "모빌리티", "-2", "10")
    duplicate = g.add("2025.01", "무등로보틱스", "헬스케어", "1", "5")
    fraction = g.add("2025-03", "상무데이터", "공공서비스", "1.5", "5")
    path = write_csv(folder / "jobs_unreadable_dates.csv", g, "cp949")
    key = "기준년월·기업명"
    return refused(
        "jobs_unreadable_dates_cp949_csv",
        path,
        "jobs",
        [
            Err(text, "신규채용\n(명)", ("숫자", "약 3")),
            Err(text, key, ("중복", f"{duplicate}행")),
            Err(month, "기준년월", ("2025-13",)),
            Err(words, "기준년월", ("날짜", "지난달")),
            Err(negative, "신규채용\n(명)", ("음수",)),
            Err(duplicate, key, ("중복", f"{text}행")),
            Err(fraction, "신규채용\n(명)", ("정수",)),
        ],
    )


@builder("jobs_ambiguous_number_month")
def jobs_ambiguous_number_month(folder: Path) -> Case:
    """2025.10 typed into a number cell is stored as 2025.1: October or January? Refused, not guessed."""
    g = Grid()
    g.add("기준월", "기업명", "산업분야", "신규채용", "재직자수")
    g.add(exact_float("2025.09"), "빛고을에이아이", "모빌리티", 1, 10)
    bad = g.add(exact_float("2025.1"), "빛고을에이아이", "모빌리티", 1, 10)
    path = write_xlsx(folder / "jobs_ambiguous_month.xlsx", g)
    return refused("jobs_ambiguous_number_month", path, "jobs", [Err(bad, "기준월", ("2025.1",))])
