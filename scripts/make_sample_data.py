"""Generate the synthetic sample data in data/ so `make run` shows a full dashboard.

Everything written here is invented (샘플 데이터): figures are only shaped after published facts about the
Gwangju National AI Cluster (programme size and split, facilities, the K-Unicorn ladder) so the charts look
plausible. Programme facts (phases, strategies, industries, stage floors) come from program.toml, headers
are checked against loaders/contract.py.
The output is deterministic: a fixed seed, a fixed "today" and fixed xlsx timestamps, so re-running the
script reproduces the committed files byte for byte.

Usage:
    python scripts/make_sample_data.py                     # writes data/ as of 2026-11-25
    python scripts/make_sample_data.py --today 2027-03-10  # another "today"
    python scripts/make_sample_data.py --out /tmp/sample   # another folder (e.g. to diff)
    python scripts/make_sample_data.py --check-only        # only re-read and check data/
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import io
import itertools
import json
import math
import random
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.writer.excel import ExcelWriter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.contract import DATASETS, EVENT_KINDS, SITE_KINDS, SITE_STATUSES  # noqa: E402
from program import Program, load_program  # noqa: E402

# ---------------------------------------------------------------------------------------------------------
# Fixed settings
# ---------------------------------------------------------------------------------------------------------

SEED = 20261125  # one fixed seed: the committed files must be reproducible
DEFAULT_TODAY = dt.date(2026, 11, 25)  # the "today" the committed files describe
XLSX_TIMESTAMP = dt.datetime(2026, 11, 25, 9, 0, 0)  # workbook created/modified, so xlsx bytes are stable
ZIP_TIME = (2026, 11, 25, 9, 0, 0)  # timestamp of every zip entry inside the xlsx, for the same reason
XLSX_AUTHOR = "scripts/make_sample_data.py"  # shown as the workbook's author

CHEONWON_PER_EOK = 100_000  # 1억원 = 100,000천원: budget amounts are written in 천원
FIRST_BUDGET_YEAR = 2020  # phase 1 started in 2020; budget rows run from here to "today"'s year
FIRST_COMPANY_QUARTER = dt.date(2023, 3, 31)  # valuations are tracked from 2023 Q1 on

# Month shape of public spending: slow start, year-end rush (sums to 100).
MONTH_SHAPE = (4, 6, 7, 8, 8, 9, 8, 8, 9, 9, 10, 14)

# Sites and parcels sit around this point (north of GIST, 35.228 N 126.843 E); everything stays within
# MAX_SITE_DISTANCE_M of it.
CLUSTER_CENTER = (35.232, 126.846)
MAX_SITE_DISTANCE_M = 1_500
M_PER_DEG_LAT = 110_574  # metres per degree of latitude (equirectangular approximation is fine at 1 km)


def m_per_deg_lon(lat: float) -> float:
    return 111_320 * math.cos(math.radians(lat))


# ---------------------------------------------------------------------------------------------------------
# Budget programmes
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Programme:
    name: str  # 세부사업명
    strategy: str  # 추진전략 (phase 2) or area (phase 1)
    weight: float  # phase 1: published 억원 by area; phase 2: share of the yearly budget
    sources: tuple[float, float, float]  # share of 국비, 시비, 민자 (민자 0: no private money)
    year_weights: tuple[float, ...] = ()  # phase 1 only: how the total spreads over 2020–2024


SOURCES = ("국비", "시비", "민자")

PHASE1_TOTAL_EOK = 4_300  # phase-1 total as reported in 2025 (억원)
# Phase 1 by area, in published 억원 (infrastructure 2,549 = data centre 1,904 + testbed equipment 645;
# company support 549; talent 513; R&D 508), scaled to PHASE1_TOTAL_EOK below.
PHASE1_PROGRAMMES = (
    Programme("AI 데이터센터 구축", "인프라 구축", 1_904, (0.70, 0.17, 0.13), (0.20, 0.26, 0.29, 0.19, 0.06)),
    Programme("실증장비 구축", "인프라 구축", 645, (0.70, 0.18, 0.12), (0.14, 0.22, 0.28, 0.22, 0.14)),
    Programme("창업 지원", "기업 지원", 549, (0.68, 0.20, 0.12), (0.16, 0.19, 0.21, 0.22, 0.22)),
    Programme("전문인재 양성", "인재 양성", 513, (0.72, 0.28, 0.00), (0.17, 0.20, 0.21, 0.21, 0.21)),
    Programme("AI 융합 R&D", "연구개발", 508, (0.72, 0.22, 0.06), (0.15, 0.20, 0.22, 0.22, 0.21)),
)

PHASE2_TOTAL_EOK = 5_939  # phase-2 plan (국비 4,157 / 지방비 1,184 / 민자 598), spread over five years
PHASE2_YEARS_PLANNED = 5
PHASE2_YEAR_FACTOR = {2025: 0.96, 2026: 1.04}  # first year a little below the average, second above
_PUBLIC = (0.78, 0.22, 0.00)  # programmes without private money
_MIXED = (0.70, 0.18, 0.12)
PHASE2_PROGRAMMES = (
    Programme("AX 실증 인프라", "산업 기반 조성", 0.16, _MIXED),
    Programme("AI 데이터 플랫폼", "산업 기반 조성", 0.08, _MIXED),
    Programme("AI 지식산업센터 건립", "산업 기반 조성", 0.05, _PUBLIC),
    Programme("공공서비스 AI 실증", "산업 기반 조성", 0.06, _PUBLIC),
    Programme("모빌리티 AI 실증", "핵심 기업 육성", 0.10, _MIXED),
    Programme("헬스케어 AI 실증", "핵심 기업 육성", 0.09, _MIXED),
    Programme("에너지 AI 실증", "핵심 기업 육성", 0.09, _MIXED),
    Programme("창업 보육", "핵심 기업 육성", 0.08, _MIXED),
    Programme("문화콘텐츠 AI 실증", "글로벌 경쟁력 확보", 0.07, _MIXED),
    Programme("스케일업 투자", "글로벌 경쟁력 확보", 0.10, (0.60, 0.20, 0.20)),
    Programme("해외 진출 지원", "글로벌 경쟁력 확보", 0.06, _PUBLIC),
    Programme("AI 보안 인증", "글로벌 경쟁력 확보", 0.06, _PUBLIC),
)

# Execution in the current year for programmes that stand out (executed / planned to date); the rest are
# close to plan. Two lag (construction delay, overseas programme postponed) and one runs ahead.
CURRENT_YEAR_PACE = {
    "AI 지식산업센터 건립": 0.45,
    "해외 진출 지원": 0.55,
    "문화콘텐츠 AI 실증": 0.60,
    "AI 데이터 플랫폼": 1.12,
}

BUDGET_TITLE = "국가 인공지능 집적단지 조성사업 예산 집행 현황 (샘플 데이터)"
BUDGET_SHEET = "집행현황"
BUDGET_UNIT = "(단위: 천원)"
BUDGET_HEADER = ("연도", "월", "단계", "추진전략", "세부사업명", "재원", "예산액", "집행액")
BUDGET_HEADER_ROW = 4  # title, blank row and unit line sit above the header, as in real agency sheets


# ---------------------------------------------------------------------------------------------------------
# Companies
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Company:
    name: str
    sector: str
    moved_in: dt.date
    # Valuation anchors (quarter end, 억원) for companies with a designed story; others get a random path.
    anchors: tuple[tuple[dt.date, int], ...] = ()
    decline_from: dt.date | None = None  # headcount shrinks from here (companies whose value falls)


def _q(year: int, quarter: int) -> dt.date:
    """Quarter-end date."""
    month = quarter * 3
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# ~40 resident companies, eight per convergence industry, moving in between 2020 and mid-2026.
# Stories: one unicorn in 2026, five steady 예비유니콘, three crossing 1,000억원, two falling back a stage.
COMPANIES = (
    # 2020
    Company(
        "빛고을모빌리티",
        "모빌리티",
        dt.date(2020, 3, 16),
        (
            (_q(2023, 1), 2_600),
            (_q(2024, 2), 4_300),
            (_q(2025, 2), 7_200),
            (_q(2026, 1), 9_300),
            (_q(2026, 2), 9_700),
            (_q(2026, 3), 11_400),
        ),
    ),
    Company(
        "무등헬스랩",
        "헬스케어",
        dt.date(2020, 6, 1),
        ((_q(2023, 1), 1_500), (_q(2024, 4), 2_600), (_q(2026, 3), 4_200)),
    ),
    Company(
        "첨단오토랩",
        "모빌리티",
        dt.date(2020, 9, 14),
        ((_q(2023, 1), 1_250), (_q(2024, 2), 1_450), (_q(2025, 2), 1_350), (_q(2026, 3), 1_900)),
    ),
    Company("첨단데이터", "공공서비스", dt.date(2020, 11, 2)),
    # 2021
    Company("첨단그리드에이아이", "에너지", dt.date(2021, 2, 15), ((_q(2023, 1), 1_350), (_q(2026, 3), 3_100))),
    Company(
        "오룡에이아이",
        "공공서비스",
        dt.date(2021, 4, 5),
        ((_q(2023, 1), 1_150), (_q(2024, 4), 1_700), (_q(2026, 3), 2_400)),
    ),
    Company(
        "양림콘텐츠랩",
        "문화콘텐츠",
        dt.date(2021, 5, 17),
        ((_q(2023, 1), 1_400), (_q(2025, 1), 1_600), (_q(2026, 3), 2_300)),
    ),
    Company(
        "영산강에너지랩",
        "에너지",
        dt.date(2021, 7, 1),
        ((_q(2023, 1), 520), (_q(2024, 2), 900), (_q(2024, 3), 1_120), (_q(2026, 3), 1_850)),
    ),
    Company(
        "상무게임즈",
        "문화콘텐츠",
        dt.date(2021, 9, 6),
        ((_q(2023, 1), 1_250), (_q(2023, 4), 1_420), (_q(2024, 4), 1_060), (_q(2025, 1), 930), (_q(2026, 3), 720)),
        decline_from=dt.date(2024, 1, 1),
    ),
    Company(
        "충장바이오데이터",
        "헬스케어",
        dt.date(2021, 11, 22),
        ((_q(2023, 1), 380), (_q(2025, 1), 890), (_q(2025, 2), 1_060), (_q(2026, 3), 1_450)),
    ),
    # 2022
    Company(
        "무등로보틱스",
        "모빌리티",
        dt.date(2022, 1, 10),
        ((_q(2023, 1), 240), (_q(2025, 4), 870), (_q(2026, 1), 1_040), (_q(2026, 3), 1_180)),
    ),
    Company(
        "송정모빌리티",
        "모빌리티",
        dt.date(2022, 3, 2),
        (
            (_q(2023, 1), 820),
            (_q(2023, 4), 960),
            (_q(2024, 1), 1_060),
            (_q(2024, 4), 1_180),
            (_q(2026, 1), 1_040),
            (_q(2026, 2), 1_010),
            (_q(2026, 3), 900),
        ),
        decline_from=dt.date(2025, 1, 1),
    ),
    Company("양림메디에이아이", "헬스케어", dt.date(2022, 4, 18)),
    Company("빛고을솔라데이터", "에너지", dt.date(2022, 6, 7)),
    Company("광산시티랩", "공공서비스", dt.date(2022, 8, 16)),
    Company("충장스튜디오에이아이", "문화콘텐츠", dt.date(2022, 10, 4)),
    Company("영산강드라이브", "모빌리티", dt.date(2022, 12, 1)),
    # 2023
    Company("첨단메디컬에이아이", "헬스케어", dt.date(2023, 2, 13)),
    Company("무등에너지", "에너지", dt.date(2023, 3, 20)),
    Company("금남로미디어", "문화콘텐츠", dt.date(2023, 5, 2)),
    Company("무등스마트시티", "공공서비스", dt.date(2023, 6, 12)),
    Company("상무오토웍스", "모빌리티", dt.date(2023, 7, 24)),
    Company("빛고을헬스랩", "헬스케어", dt.date(2023, 9, 4)),
    Company("빛고을메타버스", "문화콘텐츠", dt.date(2023, 10, 16)),
    Company("송정파워에이아이", "에너지", dt.date(2023, 12, 1)),
    # 2024
    Company("상무케어랩", "헬스케어", dt.date(2024, 1, 22)),
    Company("영산강세이프티", "공공서비스", dt.date(2024, 3, 4)),
    Company("무등사운드랩", "문화콘텐츠", dt.date(2024, 4, 15)),
    Company("운암드론", "모빌리티", dt.date(2024, 6, 3)),
    Company("하남에너지솔루션", "에너지", dt.date(2024, 7, 15)),
    Company("충장공공데이터", "공공서비스", dt.date(2024, 9, 2)),
    Company("영산강헬스케어", "헬스케어", dt.date(2024, 11, 11)),
    # 2025
    Company("금남로보틱스", "모빌리티", dt.date(2025, 1, 13)),
    Company("운암웹툰에이아이", "문화콘텐츠", dt.date(2025, 3, 17)),
    Company("금남그린테크", "에너지", dt.date(2025, 5, 7)),
    Company("송정시빅테크", "공공서비스", dt.date(2025, 8, 4)),
    Company("운암메디텍", "헬스케어", dt.date(2025, 10, 13)),
    # 2026 (all before the last quarter end, so jobs and companies list the same firms)
    Company("용봉에너지데이터", "에너지", dt.date(2026, 2, 2)),
    Company("동명크리에이티브", "문화콘텐츠", dt.date(2026, 4, 6)),
    Company("양림에듀에이아이", "공공서비스", dt.date(2026, 6, 15)),
)

BABY_CAP_EOK = 940  # random (아기유니콘) paths stay below the 1,000억원 floor
JOBS_HEADER = ("기준월", "기업명", "산업분야", "신규채용", "재직자수", "지역인재")
COMPANIES_HEADER = (
    "기준일",
    "기업명",
    "산업분야",
    "기업가치(억원)",
    "누적투자유치(억원)",
    "매출액(억원)",
    "종업원수",
    "입주일",
    "입주 시설",
)
# The building each company occupies (입주 시설, #25): its own building when the sites register has one, else one
# of the shared buildings, written the ways people write them (spacing and brackets vary; the map reads them all).
SHARED_BUILDINGS = ("AI 창업동", "AI 실증장비동", "AI창업동", "AI 실증장비동(2층)", "국가 AI 데이터센터")


def building_of(company: Company) -> str:
    own = [s.name for s in SITES if s.kind == "기업" and s.name.split(" ")[0] == company.name]
    return own[0] if own else SHARED_BUILDINGS[COMPANIES.index(company) % len(SHARED_BUILDINGS)]


# ---------------------------------------------------------------------------------------------------------
# Sites and parcels
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    name: str
    kind: str  # 구분
    status: str  # 상태
    area_m2: int | None
    completion: dt.date | None
    parcel: str | None = None  # parcel id it stands on (coordinates are placed inside it)
    position: tuple[float, float] | None = None  # (lat, lon) for sites outside the parcel grid


# Parcel grid (illustrative): column edges west→east, row edges south→north.
GRID_LONS = (126.838, 126.8415, 126.845, 126.8485, 126.852)
GRID_LATS = (35.229, 35.232, 35.235, 35.238)
GRID_JITTER_DEG = 0.00025  # nudges the grid's corners so the parcels do not look like a spreadsheet

# Parcel id → (label, use, status), row by row from the south-west; the status follows the facility on it.
PARCELS = {
    "A-1": ("A-1 데이터센터 부지", "연구시설", "운영"),
    "A-2": ("A-2 실증장비동 부지", "연구시설", "운영"),
    "A-3": ("A-3 창업동 부지", "지원시설", "준공"),
    "A-4": ("A-4 지식산업센터 부지", "산업시설", "공사중"),
    "C-1": ("C-1 산업시설용지", "산업시설", "운영"),
    "C-2": ("C-2 산업시설용지", "산업시설", "운영"),
    "C-3": ("C-3 산업시설용지", "산업시설", "운영"),
    "D-1": ("D-1 근린공원", "공원", "준공"),
    "B-1": ("B-1 AI 컴퓨팅센터 예정부지", "연구시설", "계획"),
    "B-2": ("B-2 2단계 부지", "산업시설", "계획"),
    "C-4": ("C-4 산업시설용지", "산업시설", "공사중"),
    "D-2": ("D-2 지원시설용지", "지원시설", "계획"),
}
PARCEL_LAYOUT = (("A-1", "A-2", "A-3", "A-4"), ("C-1", "C-2", "C-3", "D-1"), ("B-1", "B-2", "C-4", "D-2"))

# Building areas of the three phase-1 buildings add up to the published 24,820㎡.
SITES = (
    Site("국가 AI 데이터센터", "데이터센터", "운영", 8_600, dt.date(2023, 11, 30), parcel="A-1"),
    Site("AI 실증장비동", "실증센터", "운영", 8_200, dt.date(2023, 6, 30), parcel="A-2"),
    Site("AI 창업동", "창업동", "준공", 8_020, dt.date(2026, 8, 31), parcel="A-3"),
    Site("AI 지식산업센터", "기타", "공사중", 5_000, dt.date(2027, 12, 31), parcel="A-4"),
    Site("국가 AI 컴퓨팅센터 예정부지", "부지", "계획", 50_000, None, parcel="B-1"),
    Site("집적단지 2단계 부지", "부지", "계획", None, None, parcel="B-2"),  # area: the parcel's
    Site("빛고을모빌리티 R&D센터", "기업", "운영", 12_400, dt.date(2024, 5, 31), parcel="C-1"),
    Site("무등헬스랩 사옥", "기업", "운영", 6_800, dt.date(2025, 3, 31), parcel="C-2"),
    Site("첨단그리드에이아이 사옥", "기업", "운영", 5_200, dt.date(2025, 9, 30), parcel="C-3"),
    Site("오룡에이아이 사옥", "기업", "공사중", 4_600, dt.date(2027, 6, 30), parcel="C-4"),
    Site("영산강에너지랩 연구소", "기업", "운영", 3_100, dt.date(2022, 12, 31), position=(35.2248, 126.8506)),
    Site("양림콘텐츠랩 스튜디오", "기업", "준공", 2_700, dt.date(2026, 10, 30), position=(35.2262, 126.8381)),
)

# Main roads drawn on the map (illustrative names): along a grid line, extended past the outline.
ROADS = (
    ("첨단과기로", "col", 2),
    ("첨단벤처로", "row", 1),
    ("오룡길", "row", 2),
    ("단지서로", "col", 0),
)
ROAD_OVERHANG_DEG = 0.0015  # roads run ~150 m past the district outline
SITES_HEADER = ("시설명", "구분", "상태", "위도", "경도", "면적(㎡)", "준공일")


# ---------------------------------------------------------------------------------------------------------
# Events and targets
# ---------------------------------------------------------------------------------------------------------

EVENTS = (
    ("2019-01-29", "인공지능 중심 산업융합 집적단지 조성사업 예비타당성조사 면제 확정", "예산"),
    ("2020-01-20", "1단계 사업 착수 및 인공지능산업융합사업단 출범", "기타"),
    ("2020-10-15", "집적단지 조성 업무협약 체결 (광주광역시·GIST·사업단)", "협약"),
    ("2021-06-24", "국가 AI 데이터센터 구축·운영 사업자 선정", "선정"),
    ("2022-01-20", "국가 AI 데이터센터 착공", "착공"),
    ("2022-09-05", "AI 실증장비동 착공", "착공"),
    ("2023-06-30", "AI 실증장비동 준공", "준공"),
    ("2023-11-30", "국가 AI 데이터센터 개소", "개소"),
    ("2024-05-14", "입주기업 3개사 아기유니콘 선정", "선정"),
    ("2024-09-10", "AI 창업동 착공", "착공"),
    ("2024-11-28", "2단계 사업(AX 실증밸리) 예비타당성조사 통과", "예산"),
    ("2025-01-15", "2단계 사업 착수", "기타"),
    ("2025-06-18", "입주기업 5개사 아기유니콘 선정", "선정"),
    ("2025-10-22", "AI 집적단지 입주기업 투자설명회", "행사"),
    ("2025-12-03", "2026년 2단계 사업 국비 반영", "예산"),
    ("2026-03-16", "AI 지식산업센터 착공", "착공"),
    ("2026-08-31", "AI 창업동 준공", "준공"),
    ("2026-12-15", "AI 창업동 개소식", "개소"),
)

TARGET_EXECUTION_RATE = 90  # 집행률 target (%) for every year
TARGET_SPREAD = (0.92, 1.12)  # yearly targets land a little above or below what happened


# ---------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------


def rng_for(section: str) -> random.Random:
    """One generator per output, so changing one file's recipe leaves the others unchanged."""
    return random.Random(f"{SEED}:{section}")


def months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """(year, month) pairs from first's month to last's month, inclusive."""
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def quarter_ends(first: dt.date, before: dt.date) -> list[dt.date]:
    """Quarter-end dates from first (itself a quarter end) up to, not including, `before`."""
    ends, year, quarter = [], first.year, (first.month - 1) // 3 + 1
    while (end := _q(year, quarter)) < before:
        ends.append(end)
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return ends


def split_integer(total: int, weights: list[float]) -> list[int]:
    """Split total into integers proportional to weights that add up exactly (largest remainder)."""
    raw = [total * w / sum(weights) for w in weights]
    parts = [math.floor(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def binomial(rng: random.Random, n: int, p: float) -> int:
    return sum(rng.random() < p for _ in range(n))


def round_to(value: float, step: int) -> int:
    return int(round(value / step) * step)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 with BOM (Excel opens it as Korean), LF line endings."""
    frame.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")


def save_xlsx_stable(workbook: Workbook, path: Path) -> None:
    """Save an xlsx whose bytes depend only on its content (fixed properties and zip timestamps)."""
    props = workbook.properties
    props.creator = props.lastModifiedBy = XLSX_AUTHOR
    props.created = props.modified = XLSX_TIMESTAMP
    raw = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook would stamp `modified` with the current time.
    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    path.write_bytes(out.getvalue())


def native_rows(frame: pd.DataFrame) -> list[list]:
    """Rows as plain Python values (int, float, str, date, None) for openpyxl."""
    return frame.astype(object).where(frame.notna(), None).to_numpy().tolist()


def style_sheet(ws, header_row: int, widths: dict[str, int]) -> None:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[header_row]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center")
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)


# ---------------------------------------------------------------------------------------------------------
# 1. Budget
# ---------------------------------------------------------------------------------------------------------


def programme_years(program: Program, today: dt.date) -> list[tuple[int, Programme, int]]:
    """(year, programme, yearly budget in 천원) for every programme-year up to today's year."""
    phase1, phase2 = program.phases[0], program.phases[1]
    scale = PHASE1_TOTAL_EOK / sum(p.weight for p in PHASE1_PROGRAMMES)
    rows = []
    for year in range(FIRST_BUDGET_YEAR, today.year + 1):
        if phase1.covers(year):
            index = year - phase1.first_year
            for p in PHASE1_PROGRAMMES:
                eok = p.weight * scale * p.year_weights[index] / sum(p.year_weights)
                rows.append((year, p, round(eok * CHEONWON_PER_EOK)))
        elif phase2.covers(year):
            yearly_eok = PHASE2_TOTAL_EOK / PHASE2_YEARS_PLANNED * PHASE2_YEAR_FACTOR.get(year, 1.0)
            for p in PHASE2_PROGRAMMES:
                rows.append((year, p, round(yearly_eok * p.weight * CHEONWON_PER_EOK)))
    return rows


def execution_pace(rng: random.Random, programme: Programme, year: int, today: dt.date) -> float:
    """Executed / planned for one programme-year (before monthly noise)."""
    if year == today.year and programme.name in CURRENT_YEAR_PACE:
        return CURRENT_YEAR_PACE[programme.name]
    if year == today.year:
        return rng.uniform(0.88, 0.98)
    return rng.uniform(0.90, 0.99)


def make_budget(program: Program, today: dt.date) -> pd.DataFrame:
    rng = rng_for("budget")
    rows = []
    for year, programme, yearly in programme_years(program, today):
        phase = program.phases[0] if program.phases[0].covers(year) else program.phases[1]
        pace = execution_pace(rng, programme, year, today)
        shape = [w * rng.uniform(0.85, 1.15) for w in MONTH_SHAPE]
        for source, share in zip(SOURCES, programme.sources, strict=True):
            if share == 0:
                continue
            source_total = round_to(yearly * share, 1_000)  # budgets are set in 백만원
            for month, planned in enumerate(split_integer(source_total, shape), start=1):
                if (year, month) > (today.year, today.month):
                    executed = 0
                else:
                    executed = round(planned * pace * min(1.4, max(0.6, rng.gauss(1.0, 0.10))))
                rows.append((year, month, phase.name, programme.strategy, programme.name, source, planned, executed))
    frame = pd.DataFrame(rows, columns=list(BUDGET_HEADER))
    return frame.sort_values(["연도", "월"], kind="stable").reset_index(drop=True)


def write_budget(frame: pd.DataFrame, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = BUDGET_SHEET
    ws["A1"] = BUDGET_TITLE
    ws["A1"].font = Font(bold=True, size=14)
    ws["A3"] = BUDGET_UNIT
    ws.append(list(BUDGET_HEADER))  # row 4
    for row in native_rows(frame):
        ws.append(row)
    for row in ws.iter_rows(min_row=BUDGET_HEADER_ROW + 1, min_col=7, max_col=8):
        for cell in row:
            cell.number_format = "#,##0"
    style_sheet(ws, BUDGET_HEADER_ROW, {"A": 8, "B": 6, "C": 8, "D": 18, "E": 22, "F": 8, "G": 14, "H": 14})
    save_xlsx_stable(wb, path)


# ---------------------------------------------------------------------------------------------------------
# 2–3. Companies: valuations, then jobs driven by company size
# ---------------------------------------------------------------------------------------------------------


@dataclass
class CompanyHistory:
    company: Company
    valuations: dict[dt.date, int] = field(default_factory=dict)  # quarter end → 억원
    jobs: list[tuple[str, int, int, int]] = field(default_factory=list)  # (YYYY-MM, new, headcount, local)


def interpolate_log(anchors: list[tuple[dt.date, float]], when: dt.date) -> float:
    """Value at `when` on a geometric path through the anchors (flat outside them)."""
    if when <= anchors[0][0]:
        return anchors[0][1]
    for (d0, v0), (d1, v1) in itertools.pairwise(anchors):
        if d0 <= when <= d1:
            t = (when - d0).days / (d1 - d0).days
            return math.exp(math.log(v0) + t * (math.log(v1) - math.log(v0)))
    return anchors[-1][1]


def valuation_path(rng: random.Random, company: Company, quarters: list[dt.date]) -> dict[dt.date, int]:
    """Quarter-end valuations in 억원: designed anchors with light noise, or a random 아기유니콘 path."""
    if company.anchors:
        anchors, exact = list(company.anchors), {d for d, _ in company.anchors}
        noise, cap = 0.025, None
    else:
        age_years = (quarters[0] - company.moved_in).days / 365
        start = rng.uniform(25, 70) * (1 + age_years) ** 1.2
        end = start * rng.choice((0.8, 1.3, 1.8, 2.4, 3.0, 3.8))
        anchors, exact = [(quarters[0], start), (quarters[-1], min(end, 850))], set()
        noise, cap = 0.04, BABY_CAP_EOK
    path = {}
    for quarter in quarters:
        value = interpolate_log(anchors, quarter)
        if quarter not in exact:
            value *= rng.gauss(1.0, noise)
        if cap:
            value = min(value, cap)
        path[quarter] = max(5, round(value))
    return path


def expected_headcount(company: Company, months: list[tuple[int, int]], h0: int, h_end: int) -> list[float]:
    """Smooth headcount path from move-in to today; shrinking after `decline_from` for falling companies."""
    span = max(1, len(months) - 1)
    path = [h0 + (h_end - h0) * (k / span) ** 1.1 for k in range(len(months))]
    decline = company.decline_from and (company.decline_from.year, company.decline_from.month)
    if decline in months:
        start = months.index(decline)
        for k in range(start, len(months)):
            path[k] *= 1 - 0.25 * (k - start) / max(1, len(months) - 1 - start)
    return path


def job_rows(rng: random.Random, company: Company, peak_value: int, today: dt.date) -> list[tuple[str, int, int, int]]:
    """Monthly (month, new hires, headcount, local hires): hires chase a size path, people also leave."""
    months = months_between(company.moved_in, today)
    maturity = min(1.0, 0.35 + 0.65 * len(months) / 36)  # young firms have not grown into their value yet
    h_end = max(6, round((5 + 3 * math.sqrt(peak_value)) * maturity * rng.uniform(0.85, 1.15)))
    h0 = min(h_end, rng.randint(3, 12))
    expected = expected_headcount(company, months, h0, h_end)
    attrition, local_share = rng.uniform(0.008, 0.016), rng.uniform(0.35, 0.75)
    headcount = h0
    new = max(1, round(h0 * 0.3))
    rows = [(f"{months[0][0]}-{months[0][1]:02d}", new, headcount, binomial(rng, new, local_share))]
    for k, (year, month) in enumerate(months[1:], start=1):
        leaving = binomial(rng, headcount, attrition)
        if rng.random() < 0.012:  # a rare bad month: a team leaves or a project ends
            leaving += round(headcount * rng.uniform(0.08, 0.15))
        leaving = min(leaving, headcount)
        gap = expected[k] - headcount
        new = max(0, round(0.6 * gap + leaving + rng.gauss(0, 0.6 + 0.03 * expected[k])))
        headcount += new - leaving
        rows.append((f"{year}-{month:02d}", new, headcount, binomial(rng, new, local_share)))
    return rows


def last_quarter_end(today: dt.date) -> dt.date:
    return quarter_ends(FIRST_COMPANY_QUARTER, today)[-1]


def residents(today: dt.date) -> list[Company]:
    """Companies with at least one quarter end after moving in, so jobs and companies list the same firms."""
    return [c for c in COMPANIES if c.moved_in <= last_quarter_end(today)]


def company_histories(today: dt.date) -> list[CompanyHistory]:
    rng_value, rng_jobs = rng_for("valuation"), rng_for("jobs")
    all_quarters = quarter_ends(FIRST_COMPANY_QUARTER, today)
    histories = []
    for company in residents(today):
        quarters = [q for q in all_quarters if q >= company.moved_in]
        history = CompanyHistory(company, valuation_path(rng_value, company, quarters))
        history.jobs = job_rows(rng_jobs, company, max(history.valuations.values()), today)
        histories.append(history)
    return histories


def make_jobs(histories: list[CompanyHistory]) -> pd.DataFrame:
    rows = [
        (month, h.company.name, h.company.sector, new, head, local)
        for h in histories
        for month, new, head, local in h.jobs
    ]
    frame = pd.DataFrame(rows, columns=list(JOBS_HEADER))
    return frame.sort_values(["기준월"], kind="stable").reset_index(drop=True)


def keeps_valuation(company: Company) -> bool:
    """The city rarely knows a private company's valuation (#35): the sample gives it for the companies with a
    designed story and every third other one, and leaves the 기업가치 cell blank for the rest."""
    return bool(company.anchors) or COMPANIES.index(company) % 3 == 0


def make_companies(histories: list[CompanyHistory]) -> pd.DataFrame:
    rng = rng_for("companies")
    rows = []
    for h in histories:
        headcount = {month: head for month, _, head, _ in h.jobs}
        funding_ratio, multiple = rng.uniform(0.12, 0.28), rng.uniform(6, 15)
        funding = 0
        for i, (quarter, value) in enumerate(sorted(h.valuations.items())):
            if i == 0 or rng.random() < 0.35:  # investment comes in rounds, so the sum moves in steps
                funding = max(funding, round(value * funding_ratio))
            revenue = max(1, round(value / multiple * rng.gauss(1.0, 0.06)))
            employees = headcount[f"{quarter.year}-{quarter.month:02d}"]
            rows.append(
                (
                    quarter.isoformat(),
                    h.company.name,
                    h.company.sector,
                    value if keeps_valuation(h.company) else None,
                    funding,
                    revenue,
                    employees,
                    h.company.moved_in.isoformat(),
                    building_of(h.company),
                )
            )
    frame = pd.DataFrame(rows, columns=list(COMPANIES_HEADER))
    frame["기업가치(억원)"] = frame["기업가치(억원)"].astype("Int64")  # blank where not known, integers elsewhere
    return frame.sort_values(["기준일"], kind="stable").reset_index(drop=True)


# K-Unicorn selections (#35), synthetic: (선정연도, 사업명, 기업명, 지원 내용). A few a year, as Gwangju's share was
# reported small (about one to three 아기유니콘 a year); G-유니콘 is the city's own programme (five in 2023).
# Stories: 빛고을모빌리티 climbs 아기 → 예비 and becomes a unicorn by valuation in 2026; 첨단그리드에이아이 is selected
# 예비유니콘 in July 2026 (between the two latest 기준일) and 무등로보틱스 아기유니콘 in April 2026.
SELECTIONS_HEADER = ("선정연도", "사업명", "기업명", "지원 내용")
_BABY = "시장개척자금 3억원, 기술보증 최대 50억원 (샘플)"
_PRE = "특별보증 최대 200억원 (샘플)"
_G = "사업화 지원 2억원 (샘플)"
SAMPLE_SELECTIONS = (
    (2021, "아기유니콘", "빛고을모빌리티", _BABY),
    (2021, "아기유니콘", "상무게임즈", _BABY),
    (2022, "예비유니콘", "빛고을모빌리티", _PRE),
    (2022, "아기유니콘", "무등헬스랩", _BABY),
    (2022, "아기유니콘", "첨단오토랩", _BABY),
    (2023, "아기유니콘", "첨단그리드에이아이", _BABY),
    (2023, "G-유니콘", "오룡에이아이", _G),
    (2023, "G-유니콘", "양림콘텐츠랩", _G),
    (2023, "G-유니콘", "영산강에너지랩", _G),
    (2023, "G-유니콘", "충장바이오데이터", _G),
    (2023, "G-유니콘", "무등로보틱스", _G),
    (2024, "예비유니콘", "무등헬스랩", _PRE),
    (2024, "아기유니콘", "오룡에이아이", _BABY),
    (2024, "G-유니콘", "송정모빌리티", _G),
    (2024, "G-유니콘", "첨단메디컬에이아이", _G),
    (2025, "예비유니콘", "첨단오토랩", _PRE),
    (2025, "아기유니콘", "영산강에너지랩", _BABY),
    (2025, "G-유니콘", "금남로미디어", _G),
    (2025, "G-유니콘", "무등스마트시티", _G),
    (2026, "예비유니콘", "첨단그리드에이아이", _PRE),
    (2026, "아기유니콘", "무등로보틱스", _BABY),
    (2026, "G-유니콘", "운암드론", _G),
    (2026, "G-유니콘", "상무케어랩", _G),
)


def make_selections(today: dt.date) -> pd.DataFrame:
    """The sample's selections up to `today`'s year (a year's file lists that year's cohort)."""
    rows = [row for row in SAMPLE_SELECTIONS if row[0] <= today.year]
    return pd.DataFrame(rows, columns=list(SELECTIONS_HEADER))


# ---------------------------------------------------------------------------------------------------------
# 4–5. Sites and parcels
# ---------------------------------------------------------------------------------------------------------


def grid_nodes() -> list[list[tuple[float, float]]]:
    """Parcel corners as nodes[row][col] = (lon, lat), shared between neighbours so parcels tile."""
    rng = rng_for("grid")

    def nudge(value: float) -> float:
        return round(value + rng.uniform(-1, 1) * GRID_JITTER_DEG, 6)

    return [[(nudge(lon), nudge(lat)) for lon in GRID_LONS] for lat in GRID_LATS]


def polygon_area_m2(ring: list[tuple[float, float]]) -> float:
    """Area of a (lon, lat) ring on an equirectangular projection: close enough at this scale."""
    lat0 = sum(lat for _, lat in ring) / len(ring)
    xy = [(lon * m_per_deg_lon(lat0), lat * M_PER_DEG_LAT) for lon, lat in ring]
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(xy))) / 2


def centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean of a closed ring's corners as (lat, lon): inside for these convex-ish quadrilaterals."""
    corners = ring[:-1]
    return (sum(lat for _, lat in corners) / len(corners), sum(lon for lon, _ in corners) / len(corners))


def parcel_rings(nodes) -> dict[str, list[tuple[float, float]]]:
    rings = {}
    for r, row in enumerate(PARCEL_LAYOUT):
        for c, parcel_id in enumerate(row):
            sw, se, ne, nw = nodes[r][c], nodes[r][c + 1], nodes[r + 1][c + 1], nodes[r + 1][c]
            rings[parcel_id] = [sw, se, ne, nw, sw]
    return rings


def site_positions(rings) -> dict[str, tuple[float, float]]:
    """(lat, lon) per site: inside its parcel (nudged off-centre a little) or its fixed position."""
    rng = rng_for("sites")
    positions = {}
    for site in SITES:
        if site.position:
            positions[site.name] = site.position
        else:
            lat, lon = centroid(rings[site.parcel])
            lat, lon = lat + rng.uniform(-4e-4, 4e-4), lon + rng.uniform(-4e-4, 4e-4)  # not dead centre
            positions[site.name] = (round(lat, 6), round(lon, 6))
    return positions


def make_sites(rings) -> pd.DataFrame:
    positions = site_positions(rings)
    rows = []
    for site in SITES:
        lat, lon = positions[site.name]
        area = site.area_m2 if site.area_m2 is not None else round_to(polygon_area_m2(rings[site.parcel]), 100)
        rows.append((site.name, site.kind, site.status, lat, lon, area, site.completion))
    return pd.DataFrame(rows, columns=list(SITES_HEADER))


def write_sites(frame: pd.DataFrame, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "시설"
    ws.append(list(SITES_HEADER))
    for row in native_rows(frame):
        ws.append(row)
    for lat, lon, area, done in ws.iter_rows(min_row=2, min_col=4, max_col=7):
        lat.number_format = lon.number_format = "0.000000"
        area.number_format = "#,##0"
        done.number_format = "yyyy-mm-dd"
    style_sheet(ws, 1, {"A": 28, "B": 10, "C": 8, "D": 12, "E": 12, "F": 12, "G": 12})
    save_xlsx_stable(wb, path)


def road_line(nodes, axis: str, index: int) -> list[tuple[float, float]]:
    """A road along one grid line, extended past the outline at both ends."""
    line = [row[index] for row in nodes] if axis == "col" else list(nodes[index])
    (x0, y0), (x1, y1) = line[0], line[1]
    (xa, ya), (xb, yb) = line[-2], line[-1]

    def extend(x, y, dx, dy):
        length = math.hypot(dx, dy)
        return (round(x + dx / length * ROAD_OVERHANG_DEG, 6), round(y + dy / length * ROAD_OVERHANG_DEG, 6))

    return [extend(x0, y0, x0 - x1, y0 - y1), *line, extend(xb, yb, xb - xa, yb - ya)]


def make_parcels(nodes, rings) -> dict:
    site_on = {site.parcel: site.name for site in SITES if site.parcel}
    features = []
    outline = [
        *nodes[0],
        *(row[-1] for row in nodes[1:]),
        *reversed(nodes[-1][:-1]),
        *(row[0] for row in reversed(nodes[1:-1])),
        nodes[0][0],
    ]
    features.append(_feature("Polygon", [outline], {"구분": "경계", "명칭": "첨단3지구 국가 AI 집적단지"}))
    for parcel_id, ring in rings.items():
        label, use, status = PARCELS[parcel_id]
        props = {
            "구분": "필지",
            "필지명": label,
            "상태": status,
            "용도": use,
            "면적": round(polygon_area_m2(ring)),
            "시설명": site_on.get(parcel_id, ""),
        }
        features.append(_feature("Polygon", [ring], props))
    for name, axis, index in ROADS:
        features.append(_feature("LineString", road_line(nodes, axis, index), {"구분": "도로", "도로명": name}))
    return {"type": "FeatureCollection", "features": features}


def _feature(kind: str, coordinates, properties: dict) -> dict:
    if kind == "Polygon":
        coords = [[list(point) for point in ring] for ring in coordinates]
    else:
        coords = [list(point) for point in coordinates]
    return {"type": "Feature", "properties": properties, "geometry": {"type": kind, "coordinates": coords}}


def write_geojson(collection: dict, path: Path) -> None:
    """One feature per line: compact, yet a diff still shows which feature changed."""
    features = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"])
    path.write_text(f'{{"type":"FeatureCollection","features":[\n{features}\n]}}\n', encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------
# 6–7. Targets and events
# ---------------------------------------------------------------------------------------------------------


def make_targets(jobs: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Yearly targets near what the sample data achieves, so some years beat them and some miss."""
    rng = rng_for("targets")
    years = jobs["기준월"].str[:4].astype(int)
    rows = []
    for year in range(FIRST_BUDGET_YEAR, today.year + 1):
        hired = jobs.loc[years == year, "신규채용"].sum()
        if year == today.year:
            hired = hired * 12 / today.month  # the current year's target is for the whole year
        rows.append(("jobs_created", year, max(10, round_to(hired * rng.uniform(*TARGET_SPREAD), 10))))
    target = 0
    for year in range(FIRST_BUDGET_YEAR, today.year + 1):
        resident = sum(1 for c in COMPANIES if c.moved_in.year <= year)
        target = max(target + 1, round(resident * rng.uniform(*TARGET_SPREAD)))  # targets only go up
        rows.append(("companies", year, target))
    for year in range(FIRST_BUDGET_YEAR, today.year + 1):
        rows.append(("execution_rate", year, TARGET_EXECUTION_RATE))
    return pd.DataFrame(rows, columns=["지표", "연도", "목표"])


def make_events() -> pd.DataFrame:
    return pd.DataFrame(EVENTS, columns=["일자", "내용", "구분"])


README = """\
# data/ — 샘플 데이터 (synthetic sample data)

이 폴더의 모든 파일은 **가상의 샘플 데이터**입니다. 실제 광주광역시·사업단의 수치가 아니며,
공개 자료(사업 규모, 시설, K-유니콘 기준 등)를 참고해 그럴듯하게 만든 예시일 뿐입니다.
대시보드를 처음 실행했을 때 화면을 채워 보여 주기 위한 용도입니다.

Everything in this folder is synthetic sample data, generated for demonstration — not official figures.

다시 만들기: `python scripts/make_sample_data.py` (고정 시드, 기준일 2026-11-25 — 같은 파일이 다시 만들어집니다)

| 파일 | 내용 |
| --- | --- |
| `budget.xlsx` | 시트 "집행현황": 연도·월별 세부사업·재원별 예산액과 집행액 (천원), 2020년~2026년 (1단계·2단계) |
| `jobs.csv` | 입주기업별 월별 신규채용·재직자수·지역인재 (입주월부터 2026-11까지) |
| `companies.csv` | 입주기업별 분기말 기업가치·누적투자유치·매출액 (억원)·종업원수·입주일. 기업가치는 일부 기업만 적혀 있습니다(시가 비상장 기업의 가치를 모르는 경우가 많음) |
| `selections.csv` | K-유니콘 선정(가상): 선정연도·사업명(G-유니콘·아기유니콘·예비유니콘)·기업명·지원 내용. 한 해 몇 곳씩; 기업의 단계는 이 선정으로 정합니다 |
| `sites.xlsx` | 시트 "시설": 시설·부지의 구분·상태·좌표·면적·준공(예정)일 |
| `parcels.geojson` | 필지 경계(예시 도형)·집적단지 경계·주요 도로 — 공식 필지 자료가 아닙니다 |
| `targets.csv` | 연도별 목표: 신규채용(jobs_created), 입주기업 수(companies), 집행률(execution_rate, %) |
| `events.csv` | 주요 일정 (착공·준공·개소·협약·선정·행사·예산) |
| `reasons.csv` | 이번 달 부진 사업의 부진 사유·향후 대책·담당 부서·완료 예정일·상태 (부진 사업 중 2개는 일부러 비움: "사유 미입력") |
| `agreements.xlsx` | 투자협약 이행 점검표 (가상 기업 약 130건, 2020~2026년 협약): 제목 행의 기준일, 단위 행, 투자·고용 아래 계획·실적 두 줄 머리글, 말로 적은 진행 상황, 합계 행. 절반 남짓 투자 실적이 있고, 몇 년째 협약 단계에 멈춘 곳과 철수·해지한 곳이 있습니다. 입주기업들도 들어 있으며 그중 하나는 이름을 바꾸기 전 이름(`program.toml` `[company_aliases]`)으로 적혀 있습니다 |

`history/` 폴더는 위 파일보다 먼저 올린 것처럼 넣는 **이전 업로드**입니다. 처음 실행할 때 한 달 간격으로 먼저 저장되어,
새로 설치해도 "지난 보고 이후 변화"와 기준일 사이 이동이 실제로 보입니다 (`store.SAMPLE_HISTORY`: 파일 이름의 데이터 종류·기간 순).

| 파일 | 내용 |
| --- | --- |
| `history/budget_2026-09.xlsx` | 9월 말에 내려받은 예산 전체 (2026년 10월 이후 집행액 0) |
| `history/budget_2026-10.xlsx` | 10월 한 달 자료 (그 달만 바꾸는 월별 업로드) |
| `history/jobs_2026-09.csv` | 2026년 9월까지의 일자리 |
| `history/jobs_2026-10.csv` | 10월 한 달 일자리 (월별 업로드) |
| `history/reasons_2026-10.csv` | 10월 기준 부진 사유·대책 (11월 파일이 11월만 더함) |
| `history/companies_2026-06-30.csv` | 2026. 6. 30. 기준까지의 기업 현황 (9월 말 기준일은 `companies.csv`에서 더해짐) |
| `history/selections_2025.csv` | 2025년까지의 K-유니콘 선정 (2026년 선정은 `selections.csv`에서 더해짐) |
| `history/agreements_2026-06-30.xlsx` | 한 분기 전 투자협약 점검표: 그 뒤의 단계 이동·철수·새 협약이 "지난 보고 이후 변화"에 보이고, 한 기업은 실적이 지금보다 높게 적혀 있어(정정) 실적 감소 경고가 보입니다 |

CSV 파일은 UTF-8 (BOM 포함) 인코딩입니다.

## 예산 집행의 계절성 (budget.xlsx)

공공 예산은 연말에 몰려 집행됩니다. 샘플의 월별 예산액과 집행액은 같은 월별 비중(1~12월: 4, 6, 7, 8, 8, 9, 8, 8, 9, 9,
10, 14%, 해마다 ±15% 흔들림)을 따르므로, 완결된 해(2020~2025년)는 11월 말까지 연말 집행액의 약 86%를 집행하고 나머지를
12월에 집행합니다(전국 지방자치단체의 12월 집행 비중 10~12%와 비슷한 수준). 연말 집행률은 해마다 90~99% 사이입니다.
대시보드의 평소 진도·연말 예상·범위는 이 패턴을 배운 것이며(`docs/pace.md`), `python -m metrics backtest --sample`로
과거 해에 대한 검증 결과를 볼 수 있습니다. 2026년에는 세 사업(AI 지식산업센터 건립 45%, 해외 진출 지원 55%,
문화콘텐츠 AI 실증 60%)이 평소보다 크게 늦게 집행되도록 만들었습니다.
"""


# ---------------------------------------------------------------------------------------------------------
# Checks: re-read what was written, as the dashboard will
# ---------------------------------------------------------------------------------------------------------


def _strip_unit(header: str) -> str:
    return header.split("(")[0]


def check_headers(dataset: str, headers) -> None:
    known = {c.label for c in DATASETS[dataset].columns} | {a for c in DATASETS[dataset].columns for a in c.aliases}
    unknown = [h for h in headers if _strip_unit(h) not in known]
    assert not unknown, f"{dataset}: headers not in the contract: {unknown}"


def distance_m(lat: float, lon: float) -> float:
    lat0, lon0 = CLUSTER_CENTER
    return math.hypot((lat - lat0) * M_PER_DEG_LAT, (lon - lon0) * m_per_deg_lon(lat0))


def point_in_ring(lat: float, lon: float, ring) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def check_budget(out: Path, program: Program, today: dt.date) -> None:
    eok = CHEONWON_PER_EOK
    budget = pd.read_excel(
        out / "budget.xlsx", sheet_name=BUDGET_SHEET, header=BUDGET_HEADER_ROW - 1, engine="calamine"
    )
    check_headers("budget", budget.columns)
    assert not budget.duplicated(["연도", "월", "세부사업명", "재원"]).any(), "budget: duplicate key"
    assert set(budget["재원"]) <= set(program.funding_sources)
    assert (budget[["예산액", "집행액"]] >= 0).all().all()
    late = budget[(budget["연도"] == today.year) & (budget["월"] > today.month)]
    assert (late["집행액"] == 0).all(), "budget: execution after the current month"
    p1 = budget[budget["단계"] == program.phases[0].name]
    print(
        f"budget.xlsx      {len(budget):5d} rows; phase 1 planned {p1['예산액'].sum() / eok:,.0f}억원, "
        f"executed {p1['집행액'].sum() / eok:,.0f}억원"
    )
    for year, group in budget.groupby("연도"):
        to_date = group[group["월"] <= (today.month if year == today.year else 12)]
        print(
            f"  {year}: planned {group['예산액'].sum() / eok:7,.0f}억원 (to date {to_date['예산액'].sum() / eok:7,.0f}), "
            f"executed {group['집행액'].sum() / eok:7,.0f}억원 "
            f"({group['집행액'].sum() / to_date['예산액'].sum():.0%} of planned to date)"
        )
    shares = budget.groupby("재원")["예산액"].sum() / budget["예산액"].sum()
    print("  sources:", ", ".join(f"{k} {v:.0%}" for k, v in shares.items()))
    current = budget[(budget["연도"] == today.year) & (budget["월"] <= today.month)]
    pace = current.groupby("세부사업명")[["예산액", "집행액"]].sum()
    pace = (pace["집행액"] / pace["예산액"]).sort_values()
    print("  current-year pace:", ", ".join(f"{k} {v:.0%}" for k, v in pace.items()))


def check_jobs(out: Path, program: Program, today: dt.date) -> pd.DataFrame:
    jobs = pd.read_csv(out / "jobs.csv", encoding="utf-8-sig", dtype={"기준월": str})
    check_headers("jobs", jobs.columns)
    assert not jobs.duplicated(["기준월", "기업명"]).any(), "jobs: duplicate key"
    assert (jobs["재직자수"] >= 0).all() and (jobs["신규채용"] >= 0).all()
    assert (jobs["지역인재"] <= jobs["신규채용"]).all(), "jobs: local hires above new hires"
    assert set(jobs["산업분야"]) == set(program.industries)
    assert jobs["기준월"].max() == f"{today.year}-{today.month:02d}"
    by_company = jobs.sort_values(["기업명", "기준월"])
    losses = (by_company.groupby("기업명")["재직자수"].diff() < 0).sum()
    latest = jobs[jobs["기준월"] == jobs["기준월"].max()]
    print(
        f"jobs.csv         {len(jobs):5d} rows; {jobs['기업명'].nunique()} companies, "
        f"headcount now {latest['재직자수'].sum():,}, {losses} company-months with a net loss"
    )
    hires = jobs.groupby(jobs["기준월"].str[:4])["신규채용"].sum()
    print("  new hires by year:", ", ".join(f"{y} {n}" for y, n in hires.items()))
    return jobs


def check_companies(out: Path, program: Program, today: dt.date, jobs: pd.DataFrame) -> None:
    companies = pd.read_csv(out / "companies.csv", encoding="utf-8-sig")
    check_headers("companies", companies.columns)
    assert not companies.duplicated(["기준일", "기업명"]).any(), "companies: duplicate key"
    assert set(companies["기업명"]) == set(jobs["기업명"]), "jobs and companies name different firms"
    sector = dict(zip(jobs["기업명"], jobs["산업분야"], strict=True))
    assert all(sector[n] == s for n, s in zip(companies["기업명"], companies["산업분야"], strict=True))
    head = {(m, n): h for m, n, h in zip(jobs["기준월"], jobs["기업명"], jobs["재직자수"], strict=True)}
    assert all(
        head[(d[:7], n)] == e
        for d, n, e in zip(companies["기준일"], companies["기업명"], companies["종업원수"], strict=True)
    )
    assert companies["기준일"].max() == last_quarter_end(today).isoformat()
    valued = companies["기업가치(억원)"].notna()
    assert 0 < valued.sum() < len(companies), "companies: valuation must be given for some companies only"
    latest = companies[companies["기준일"] == companies["기준일"].max()]
    print(
        f"companies.csv    {len(companies):5d} rows; latest {latest['기준일'].iloc[0]}: {len(latest)} companies, "
        f"valuation given for {int(latest['기업가치(억원)'].notna().sum())}"
    )


def check_selections(out: Path, program: Program, companies_names: set[str]) -> None:
    from loaders.load import load_file
    from metrics.selections import highest_selection_counts

    selections = pd.read_csv(out / "selections.csv", encoding="utf-8-sig")
    check_headers("selections", selections.columns)
    assert not selections.duplicated(["선정연도", "사업명", "기업명"]).any(), "selections: duplicate key"
    assert set(selections["사업명"]) <= set(program.k_unicorn.names)
    assert set(selections["기업명"]) <= companies_names, "selections name a company the companies sample lacks"
    frame = load_file((out / "selections.csv").read_bytes(), "selections.csv", "selections").frame
    counts = highest_selection_counts(frame, f"{selections['선정연도'].max()}-12-31", program)
    per_year = selections.groupby("선정연도").size()
    print(
        f"selections.csv   {len(selections):5d} rows; per year "
        + ", ".join(f"{y} {n}" for y, n in per_year.items())
        + "; highest: "
        + ", ".join(f"{p} {n}" for p, n in counts.items())
    )


def check_sites(out: Path) -> pd.DataFrame:
    sites = pd.read_excel(out / "sites.xlsx", sheet_name="시설", engine="calamine")
    check_headers("sites", sites.columns)
    assert sites["시설명"].is_unique
    assert set(sites["구분"]) <= set(SITE_KINDS) and set(sites["상태"]) <= set(SITE_STATUSES)
    distances = [distance_m(lat, lon) for lat, lon in zip(sites["위도"], sites["경도"], strict=True)]
    assert max(distances) <= MAX_SITE_DISTANCE_M, "a site is too far from the cluster"
    print(f"sites.xlsx       {len(sites):5d} rows; farthest {max(distances):.0f} m from the centre")
    return sites


def check_parcels(out: Path, sites: pd.DataFrame) -> None:
    geo = json.loads((out / "parcels.geojson").read_text(encoding="utf-8"))
    kinds = [f["properties"]["구분"] for f in geo["features"]]
    position = {n: (lat, lon) for n, lat, lon in zip(sites["시설명"], sites["위도"], sites["경도"], strict=True)}
    for feature in geo["features"]:
        geometry, props = feature["geometry"], feature["properties"]
        points = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"]
        assert all(126.83 < lon < 126.86 and 35.22 < lat < 35.245 for lon, lat in points), "lon/lat order"
        if geometry["type"] == "Polygon":
            assert points[0] == points[-1], "ring not closed"
        if props.get("시설명"):
            assert point_in_ring(*position[props["시설명"]], points), f"{props['시설명']} not on {props['필지명']}"
    assert kinds.count("경계") == 1
    print(
        f"parcels.geojson  {len(geo['features']):5d} features: {kinds.count('필지')} parcels, "
        f"{kinds.count('경계')} outline, {kinds.count('도로')} roads"
    )


def check_targets_and_events(out: Path) -> None:
    targets = pd.read_csv(out / "targets.csv", encoding="utf-8-sig")
    check_headers("targets", targets.columns)
    assert not targets.duplicated(["지표", "연도"]).any()
    print(f"targets.csv      {len(targets):5d} rows")
    for metric, group in targets.groupby("지표"):
        print(f"  {metric}:", ", ".join(f"{y} {t}" for y, t in zip(group["연도"], group["목표"], strict=True)))
    events = pd.read_csv(out / "events.csv", encoding="utf-8-sig")
    check_headers("events", events.columns)
    assert not events.duplicated(["일자", "내용"]).any() and set(events["구분"]) <= set(EVENT_KINDS)
    print(f"events.csv       {len(events):5d} rows, {events['일자'].min()} – {events['일자'].max()}")


def verify(out: Path, program: Program, today: dt.date) -> None:
    """Re-read every file the way the dashboard will and check keys, ranges and cross-file consistency."""
    check_budget(out, program, today)
    jobs = check_jobs(out, program, today)
    check_companies(out, program, today, jobs)
    check_selections(out, program, set(jobs["기업명"]))
    check_parcels(out, check_sites(out))
    check_targets_and_events(out)
    check_agreements(out)


# ---------------------------------------------------------------------------------------------------------


def write_history(out: Path, budget: pd.DataFrame, jobs: pd.DataFrame, companies: pd.DataFrame, today: dt.date) -> None:
    """The uploads the monthly routine would have made before today's files, seeded first (store.SAMPLE_HISTORY):
    the budget and jobs as exported two months ago (everything to date), last month's export alone (a period
    import), and the companies before the latest quarter. Today's files then bring the latest month and quarter."""
    out.mkdir(parents=True, exist_ok=True)
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    before_last = (last_month - dt.timedelta(days=1)).replace(day=1)
    this_year = budget["연도"] == today.year
    earlier = budget.assign(집행액=budget["집행액"].where(~(this_year & (budget["월"] > before_last.month)), 0))
    write_budget(earlier, out / f"budget_{before_last:%Y-%m}.xlsx")
    write_budget(budget[this_year & (budget["월"] == last_month.month)], out / f"budget_{last_month:%Y-%m}.xlsx")
    write_csv(jobs[jobs["기준월"] <= f"{before_last:%Y-%m}"], out / f"jobs_{before_last:%Y-%m}.csv")
    write_csv(jobs[jobs["기준월"] == f"{last_month:%Y-%m}"], out / f"jobs_{last_month:%Y-%m}.csv")
    latest = companies["기준일"].max()
    earlier_quarter = companies[companies["기준일"] < latest]
    write_csv(earlier_quarter, out / f"companies_{earlier_quarter['기준일'].max()}.csv")


def write_selections_history(out: Path, selections: pd.DataFrame, today: dt.date) -> None:
    """The selections as uploaded before this year's cohort (what-changed then names this year's new selections)."""
    out.mkdir(parents=True, exist_ok=True)
    earlier = selections[selections["선정연도"] < today.year]
    write_csv(earlier, out / f"selections_{today.year - 1}.csv")


# 부진 사유·대책 (issue #24) for the programmes the sample shows as lagging: (사유, 대책, 담당 부서, days to 완료 예정일).
REASON_TEXTS: dict[str, tuple[str, str, str, int]] = {
    "AI 지식산업센터 건립": (
        "시공사 선정 입찰 2회 유찰로 착공이 3개월 늦어짐",
        "수의계약 전환 후 12월 중 착공, 선금 30% 연내 집행",
        "인공지능산업과",
        36,
    ),
    "해외 진출 지원": (
        "해외 전시회 일정이 내년 2월로 연기되어 참가비 집행 이월",
        "대체 전시회(싱가포르) 참가 추진, 잔액은 명시이월 검토",
        "AI산업정책과",
        19,  # due 11월 20일: still lagging on the 25th, so the sample shows an overdue 대책
    ),
    "문화콘텐츠 AI 실증": (
        "실증 참여기업 협약 지연(2개사 컨소시엄 재구성)",
        "11월 초 협약 체결, 1차 사업비 11월 중 교부",
        "문화콘텐츠과",
        10,
    ),
    "AI 보안 인증": (
        "인증 심사기관 지정 절차가 길어져 인증 수수료 지원 대기",
        "지정 완료 즉시 신청기업 일괄 지원",
        "정보보호팀",
        -5,
    ),
    "공공서비스 AI 실증": (
        "수요기관(구청) 데이터 제공 협의 지연",
        "데이터 제공 협약 체결, 연말 정산 시 일괄 집행",
        "스마트시티과",
        50,
    ),
    "모빌리티 AI 실증": (
        "실증 차량 인도 지연(반도체 수급)",
        "차량 인도 12월 2주, 인도 즉시 잔금 지급",
        "미래차산업과",
        40,
    ),
    "창업 보육": (
        "입주기업 모집 미달(정원 20개사 중 14개사)",
        "추가 모집 공고, 미달분은 프로그램 운영비로 변경",
        "창업지원팀",
        55,
    ),
}
REASONS_LEFT_OUT = 1  # a lagging programme with no 사유 this month, so the sample shows "사유 미입력"


def lagging_programs(out: Path, today: dt.date) -> list[str]:
    """The programmes the dashboard lists as lagging for the written budget.xlsx, furthest behind first."""
    from loaders.load import load_file
    from metrics.as_of import data_as_of, month_end
    from metrics.overview import attention

    budget = load_file((out / "budget.xlsx").read_bytes(), "budget.xlsx", "budget").frame
    # as the app reads the sample: seeded after its last month ended (a month under way would be as of its upload)
    as_of = data_as_of("budget", budget, month_end(today))
    return list(attention(budget, None, None, as_of, None).lagging["program"])


def reason_rows(programs: list[str], month: dt.date) -> pd.DataFrame:
    rows = []
    for program in programs:
        reason, action, department, days = REASON_TEXTS.get(
            program, ("집행 일정 조정으로 지연", "하반기 집행계획 재수립", "인공지능산업과", 30)
        )
        due = month + dt.timedelta(days=days)
        rows.append((program, f"{month:%Y-%m}", reason, action, department, due.isoformat(), "조치 중"))
    return pd.DataFrame(rows, columns=[c.label for c in DATASETS["reasons"].columns])


def write_reasons(out: Path, today: dt.date) -> None:
    """This month's 사유·대책 for most lagging programmes (reasons.csv), and last month's for the worst few
    (history/: an earlier upload, so what-changed has something to say)."""
    programs = lagging_programs(out, today)
    this_month = today.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    current = programs[: max(0, len(programs) - REASONS_LEFT_OUT)]
    earlier = reason_rows(list(dict.fromkeys(programs[:3] + programs[-1:])), last_month)  # (no programme twice)
    earlier["향후 대책"] = "원인 파악 후 집행계획 재수립 중"  # last month: what was planned before this month's update
    write_csv(earlier, out / "history" / f"reasons_{last_month:%Y-%m}.csv")
    write_csv(reason_rows(current, this_month), out / "reasons.csv")


def generate(out: Path, program: Program, today: dt.date) -> None:
    out.mkdir(parents=True, exist_ok=True)
    assert {c.sector for c in COMPANIES} == set(program.industries), "company sectors must match program.toml"

    budget = make_budget(program, today)
    write_budget(budget, out / "budget.xlsx")

    histories = company_histories(today)
    jobs = make_jobs(histories)
    companies = make_companies(histories)
    write_csv(jobs, out / "jobs.csv")
    write_csv(companies, out / "companies.csv")
    write_history(out / "history", budget, jobs, companies, today)
    selections = make_selections(today)
    write_csv(selections, out / "selections.csv")
    write_selections_history(out / "history", selections, today)
    write_sample_agreements(out, companies)

    nodes = grid_nodes()
    rings = parcel_rings(nodes)
    write_sites(make_sites(rings), out / "sites.xlsx")
    write_geojson(make_parcels(nodes, rings), out / "parcels.geojson")

    write_csv(make_targets(jobs, today), out / "targets.csv")
    write_csv(make_events(), out / "events.csv")
    write_reasons(out, today)
    (out / "README.md").write_text(README, encoding="utf-8")


def write_sample_agreements(out: Path, companies: pd.DataFrame) -> None:
    """The investment agreements (scripts/sample_agreements.py) at the companies' latest 기준일 (agreements.xlsx) and
    at the quarter before (history/), so what-changed shows stage moves, exits and a lowered 실적."""
    from scripts.sample_agreements import make_agreements, write_agreements

    as_of = dt.date.fromisoformat(str(companies["기준일"].max()))
    earlier = dt.date.fromisoformat(str(companies.loc[companies["기준일"] < str(as_of), "기준일"].max()))
    current, before = make_agreements([(c.name, c.moved_in) for c in COMPANIES], as_of, earlier)
    write_agreements(current, as_of, out / "agreements.xlsx", save_xlsx_stable)
    write_agreements(before, earlier, out / "history" / f"agreements_{earlier.isoformat()}.xlsx", save_xlsx_stable)


def check_agreements(out: Path) -> None:
    """The agreements read back as the dashboard reads them: about 130, a bit over half invested, a handful left."""
    from loaders.load import load_file
    from metrics.agreements import summary

    for path in (out / "agreements.xlsx", *sorted((out / "history").glob("agreements_*.xlsx"))):
        result = load_file(path.read_bytes(), path.name, "agreements")
        assert result.ok, [str(p) for p in result.errors]
        s = summary(result.frame).totals
        assert 0.5 < s.invested / s.agreements < 0.65 and 3 <= s.left <= 12, s
        print(
            f"{path.name:22s} {s.agreements:5d} agreements, {s.invested} invested, {s.left} left, as of {result.frame['as_of'].max():%Y-%m-%d}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=DEFAULT_TODAY,
        help="date the data describes, 2023-04-01 or later (default %(default)s)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "data", help="output folder (default data/)")
    parser.add_argument("--check-only", action="store_true", help="only re-read and check the folder")
    args = parser.parse_args(argv)
    if args.today <= FIRST_COMPANY_QUARTER:
        parser.error(f"--today must be after {FIRST_COMPANY_QUARTER} (the first valuation quarter)")
    program = load_program()
    if not args.check_only:
        generate(args.out, program, args.today)
    verify(args.out, program, args.today)


if __name__ == "__main__":
    main()
