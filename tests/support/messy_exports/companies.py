"""Messy companies exports: dates, CP949, 조원, a dollar column, and the refusals."""

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


@builder("companies_dollar_column_with_won_note")
def companies_dollar_column_with_won_note(folder: Path) -> Case:
    """A column in dollars under a won unit note: the note must not apply to it (refused, not converted)."""
    g = Grid("기업")
    g.add("(단위: 억원)")
    header = g.add("기준일", "기업명", "산업분야", "기업가치", "누적투자유치(백만달러)")
    g.add("2025-09-30", "빛고을에이아이", "모빌리티", 941, 12)
    path = write_xlsx(folder / "companies_dollar_column.xlsx", g)
    return refused(
        "companies_dollar_column_with_won_note", path, "companies", [Err(header, "누적투자유치(백만달러)", ("단위",))]
    )


COMPANY_HEADER = (
    "기준일자",
    "기업명",
    "산업분야",
    "기업가치(억원)",
    "누적투자유치(억원)",
    "매출액(억원)",
    "종업원수",
    "입주일",
)


@builder("companies_date_formats")
def companies_date_formats(folder: Path) -> Case:
    g = Grid("기업")
    g.add("유니콘 후보 기업 현황")
    g.add(*COMPANY_HEADER)
    g.add("2025-09-30", "빛고을에이아이", "모빌리티", 941, 188, 117, 254, dt.datetime(2023, 1, 15))
    g.add("2025.09.30", "무등로보틱스", "헬스케어", "12,047", "2,409", "1,505", 72, "2023-02-15")
    g.add("2025년 9월 30일", "첨단헬스랩", "에너지", exact_float("0.5"), None, 0, 3, None)
    g.add("20250930", "영산강에너지", "에너지", "1,000", "-", 10, "1,204", "2023.3.1")
    g.add(dt.datetime(2025, 9, 30), "상무데이터", "공공서비스", exact_float("99.99"), 1, 1, 10, "20230401")
    g.add(20250930, "충장콘텐츠", "문화콘텐츠", 10000, 2000, 300, 400, "2023년 5월 2일")
    g.add("2025. 9. 30.", "양림바이오AI", "헬스케어", 1, 1, 1, 1, "2023. 6. 30.")
    path = write_xlsx(folder / "companies_date_formats.xlsx", g)
    eok = 100_000_000
    return valid(
        "companies_date_formats",
        path,
        "companies",
        7,
        {
            "valuation_krw": (941 + 12047 + 1000 + 10000 + 1) * eok + 50_000_000 + 9_999_000_000,
            "funding_krw": (188 + 2409 + 0 + 1 + 2000 + 1) * eok,
            "revenue_krw": (117 + 1505 + 0 + 10 + 1 + 300 + 1) * eok,
            "employees": 254 + 72 + 3 + 1204 + 10 + 400 + 1,
        },
    )


@builder("companies_cp949_trillion")
def companies_cp949_trillion(folder: Path) -> Case:
    g = Grid()
    g.add("기준일", "업체명", "업종", "기업가치(조원)", "매출(억원)")
    g.add("2025-09-30", "빛고을에이아이", "모빌리티", "1.2345", "1,234.5")
    g.add("2025-09-30", "무등로보틱스", "헬스케어", "12,345.678901234", "0.00000001")
    path = write_csv(folder / "companies_trillion.csv", g, "cp949")
    return valid(
        "companies_cp949_trillion",
        path,
        "companies",
        2,
        {
            "valuation_krw": 1_234_500_000_000 + 12_345_678_901_234_000,
            "revenue_krw": 123_450_000_000 + 1,
        },
    )


@builder("companies_fraction_of_won_trillion")
def companies_fraction_of_won_trillion(folder: Path) -> Case:
    g = Grid()
    g.add("기준일", "기업명", "산업분야", "기업가치(조원)")
    g.add("2025-09-30", "빛고을에이아이", "모빌리티", exact_float("12345.678901234"))
    bad = g.add("2025-09-30", "무등로보틱스", "헬스케어", exact_float("0.1234567890123"))
    bad2 = g.add("2025-09-30", "첨단헬스랩", "에너지", "1.0000000000001")
    path = write_xlsx(folder / "companies_fraction_trillion.xlsx", g)
    return refused(
        "companies_fraction_of_won_trillion",
        path,
        "companies",
        [
            Err(bad, "기업가치(조원)", ("1원 미만",)),
            Err(bad2, "기업가치(조원)", ("1원 미만",)),
        ],
    )


@builder("companies_unreadable_dates")
def companies_unreadable_dates(folder: Path) -> Case:
    g = Grid()
    g.add("기준일", "기업명", "산업분야", "기업가치(억원)", "입주일")
    g.add("2025-09-30", "빛고을에이아이", "모빌리티", 941, "2023-01-15")
    month_only = g.add("2025-09", "무등로보틱스", "헬스케어", 100, "2023-02-15")
    no_day = g.add("2025-02-30", "첨단헬스랩", "에너지", 100, "작년 봄")
    path = write_xlsx(folder / "companies_unreadable_dates.xlsx", g)
    return refused(
        "companies_unreadable_dates",
        path,
        "companies",
        [
            Err(month_only, "기준일", ("2025-09",)),
            Err(no_day, "기준일", ("2025-02-30",)),
            Err(no_day, "입주일", ("작년 봄",)),
        ],
    )
