"""The data contract: every dataset's canonical columns, the headers people really write for them, and keys.

One registry (DATASETS) drives detection, parsing, validation, templates and the docs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(str, Enum):
    """How a column's cells are read."""

    TEXT = "text"
    YEAR = "year"  # 2025, "2025년"
    MONTH_NUMBER = "month_number"  # 1–12, "3월"
    MONTH = "month"  # a calendar month: 2025-03, 2025.03, 2025년 3월, 202503, Excel date
    DATE = "date"  # a calendar day
    MONEY = "money"  # converted to integer won using the unit in the header or above the table
    COUNT = "count"  # non-negative integer (people, companies)
    NUMBER = "number"  # non-negative decimal (areas, targets)
    LATITUDE = "latitude"
    LONGITUDE = "longitude"
    PHASE = "phase"  # 1, "1단계"
    GEOMETRY = "geometry"  # a GeoJSON geometry (WGS84 lon/lat), stored as JSON text; read from GeoJSON files only


@dataclass(frozen=True)
class Column:
    name: str  # canonical name, as stored
    label: str  # Korean header used in templates and messages
    kind: Kind
    aliases: tuple[str, ...]
    required: bool = True
    measure: bool = False  # summed into the file's totals
    # A measure that is a level at its period's date (people employed, a valuation), not an amount of the period:
    # a total over periods is its latest period's, never a sum of them (metrics.what_changed.Scope).
    level: bool = False
    choices: tuple[str, ...] = ()  # allowed values for text columns (empty: any)
    # Money that may be negative: a refund or correction (반납, 정정) written △, in parentheses or with a minus.
    # Such a row is accepted with a warning naming it, and figures are net of it; elsewhere a negative is refused.
    refunds_allowed: bool = False
    # The dataset declares this column may hold personal data (a 대표자 name, a phone number): without the
    # declaration a column that looks like personal data refuses the file (loaders/personal_data.py). None does yet.
    personal: bool = False


class AsOf(str, Enum):
    """Which date a dataset's figures speak for (metrics/as_of.py `data_as_of` applies the rule)."""

    UPLOAD = "upload"  # the upload date: registers (sites, targets, events, parcels)
    EXECUTED_MONTH = "executed_month"  # end of the last month with money executed, or the latest 기준일 (budget)
    LAST_MONTH = "last_month"  # end of the last month reported, in the dataset's MONTH column
    LATEST_DATE = "latest_date"  # the latest date in the dataset's period column: a snapshot (기준일)

    @property
    def monthly(self) -> bool:
        """Reported by month: its as-of is written as a month ("2026년 11월"), not as a day."""
        return self in (AsOf.EXECUTED_MONTH, AsOf.LAST_MONTH)


@dataclass(frozen=True)
class Shown:
    """One page or briefing slide that reads a dataset, and the place of the dataset's as-of statement there."""

    on: str  # a page's url path ("home", "budget") or a slide's key ("overview", "budget")
    order: int  # 1: the first dataset in that page's or slide's as-of line
    needed: bool = False  # a slide without it has no figures and says it waits for it


@dataclass(frozen=True)
class Dataset:
    name: str
    label: str  # Korean name shown to users
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    example: dict[str, object]  # one example row for the template, in the template's units
    # The columns that say which period a row speaks for. An import replaces the stored rows of the periods its
    # file covers and keeps the rest (loaders/periods.py). Empty: a register, which a file replaces whole.
    period: tuple[str, ...] = ()
    as_of: AsOf = AsOf.UPLOAD  # which date its figures speak for
    sample_file: str | None = None  # the bundled sample file in data/, seeded into an empty store (store/seeding.py)
    compared: bool = False  # offered by what-changed (the page and the briefing's slide)
    pages: tuple[Shown, ...] = ()  # the pages that read it (by url path), in their as-of lines' order
    slides: tuple[Shown, ...] = ()  # the briefing slides that read it (by key), likewise
    template_unit: str = "천원"  # the money unit its input template states (loaders/templates.py)
    required_for_pack: bool = True  # the briefing pack refuses to be made without it (else its slide says so)
    # A 합계 row that disagrees with the rows' sums refuses the file (else it is a warning: rows may be missing).
    totals_binding: bool = False

    @property
    def monthly(self) -> bool:
        return self.as_of.monthly

    @property
    def column_notes(self) -> dict[str, str]:
        """Each column's meaning in plain Korean, for the input template (`_COLUMN_NOTES`)."""
        return _COLUMN_NOTES.get(self.name, {})

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    @property
    def measures(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.measure)

    @property
    def is_geographic(self) -> bool:
        """Uploaded as GeoJSON, not as a spreadsheet (no table template)."""
        return any(c.kind is Kind.GEOMETRY for c in self.columns)


SITE_KINDS = ("데이터센터", "실증센터", "창업동", "기업", "부지", "기타")
SITE_STATUSES = ("계획", "공사중", "준공", "운영")
PARCEL_KINDS = ("필지", "경계", "도로")  # a parcel, the district's outline, a road
EVENT_KINDS = ("착공", "준공", "개소", "협약", "선정", "행사", "예산", "기타")
REASON_STATUSES = ("조치 중", "완료")  # a 향후 대책 still being carried out, or done

# Korea's bounding box: coordinates outside it are a typo (swapped lat/lon, missing digit).
KOREA_LAT = (33.0, 39.0)
KOREA_LON = (124.0, 132.0)

_COMPANY = ("기업명", "회사명", "업체명", "기업", "company", "companyname")
_SECTOR = ("산업분야", "분야", "업종", "산업", "sector", "industry")
_YEAR = ("연도", "년도", "회계연도", "사업연도", "year", "fiscalyear")

# What each column means, in the words of the staff who fill it in: the input template's notes under its example
# row (loaders/templates.py), by dataset and column.
_COLUMN_NOTES: dict[str, dict[str, str]] = {
    "budget": {
        "year": "회계연도입니다 (예: 2026).",
        "month": "집행한 달(1~12)입니다. 월이 있으면 집행액은 그 달 한 달의 집행액입니다(누계가 아님). 연초부터의 누계 "
        "자료라면 이 열을 비우고 기준일을 적으세요.",
        "as_of": "누계 자료의 기준일입니다. 월 열이 없을 때, 집행액이 연초부터 이 날까지의 누계라는 뜻입니다. 월별 "
        "자료에서는 비워 둡니다.",
        "phase": "사업 단계 번호입니다 (1단계는 1, 2단계는 2).",
        "strategy": "세부사업이 속한 추진전략입니다. 비워 두면 대시보드에 등록된 사업별 전략으로 묶습니다.",
        "program": "세부사업의 이름입니다. 달마다 같은 이름으로 적어야 같은 사업으로 이어집니다.",
        "source": "돈의 출처(재원)입니다.",
        "planned_krw": "그 해의 예산현액입니다(월별 자료에서는 그 달에 배정한 예산액).",
        "executed_krw": "실제로 쓴 금액입니다. 월이 있으면 그 달의 집행액, 월이 없으면 기준일까지의 누계입니다.",
    },
    "jobs": {
        "month": "인원을 센 달입니다 (예: 2026-11).",
        "company": "기업의 이름입니다. 달마다 같은 이름으로 적어야 같은 기업으로 이어집니다.",
        "sector": "기업의 산업분야입니다.",
        "new_hires": "그 달에 새로 채용한 사람 수입니다 (그 달 한 달, 누계가 아님).",
        "headcount": "그 달 말 재직 중인 사람 수입니다.",
        "local_hires": "그 달 신규채용 가운데 지역인재(광주·전남 출신 등) 수입니다.",
    },
    "companies": {
        "as_of": "기업 정보를 확인한 날입니다 (분기 말 기준 권장).",
        "company": "기업의 이름입니다.",
        "sector": "기업의 산업분야입니다.",
        "valuation_krw": "기준일의 기업가치(평가액)입니다.",
        "funding_krw": "기준일까지 유치한 투자금의 합계입니다.",
        "revenue_krw": "최근 1년 매출액입니다.",
        "employees": "기준일의 종업원 수입니다.",
        "moved_in": "집적단지에 입주한 날입니다.",
        "stage": "아기유니콘·예비유니콘·유니콘 가운데 하나입니다. 비워 두면 기업가치로 정합니다.",
        "building": "입주한 건물(시설)의 이름입니다.",
        "address": "사업장 주소입니다. 위도·경도가 없으면 지도에 놓는 데 씁니다.",
        "lat": "지도에 놓을 위도입니다 (예: 35.2).",
        "lon": "지도에 놓을 경도입니다 (예: 126.8).",
    },
    "sites": {
        "name": "시설의 이름입니다.",
        "kind": "시설의 종류입니다.",
        "status": "추진 상태입니다.",
        "lat": "지도에 놓을 위도입니다.",
        "lon": "지도에 놓을 경도입니다.",
        "area_m2": "면적(제곱미터)입니다.",
        "completion": "준공했거나 준공할 예정인 날입니다.",
    },
    "targets": {
        "metric": "목표를 정한 지표입니다.",
        "year": "목표 연도입니다.",
        "target": "그 해의 목표값입니다 (비율은 0.9처럼 소수로).",
    },
    "events": {
        "date": "일정이 있었거나 있을 날입니다.",
        "title": "일정의 내용입니다.",
        "kind": "일정의 종류입니다.",
    },
    "reasons": {
        "subject": "사유를 적는 세부사업의 이름입니다 (예산 자료의 세부사업명과 같게).",
        "month": "사유를 적는 달입니다.",
        "reason": "집행이 늦은 까닭입니다.",
        "action": "앞으로 할 대책입니다.",
        "department": "대책을 맡은 부서입니다.",
        "due": "대책을 마칠 예정일입니다.",
        "status": "대책의 진행 상태입니다.",
    },
}


BUDGET = Dataset(
    name="budget",
    label="예산 집행",
    columns=(
        Column("year", "연도", Kind.YEAR, _YEAR),
        Column("month", "월", Kind.MONTH_NUMBER, ("월", "집행월", "month"), required=False),
        # A cumulative (year-to-date) export has no month: its amounts are as of this date, usually written in a
        # title row ("(기준일: 2026. 10. 31.)") or chosen at upload. Each such date is a point of the year's S-curve.
        Column("as_of", "기준일", Kind.DATE, ("기준일", "기준일자", "asof", "asofdate"), required=False),
        Column("phase", "단계", Kind.PHASE, ("단계", "사업단계", "phase"), required=False),
        Column("strategy", "추진전략", Kind.TEXT, ("추진전략", "전략", "strategy"), required=False),
        Column(
            "program",
            "세부사업명",
            Kind.TEXT,
            ("사업명", "세부사업명", "세부사업", "단위사업", "단위사업명", "program", "programme"),
        ),
        Column("source", "재원", Kind.TEXT, ("재원", "재원구분", "source", "fundingsource")),
        Column(
            "planned_krw",
            "예산액",
            Kind.MONEY,
            ("예산액", "예산현액", "계획액", "예산", "planned", "budget", "plannedkrw"),
            measure=True,
        ),
        Column(
            "executed_krw",
            "집행액",
            Kind.MONEY,
            ("집행액", "지출액", "집행", "executed", "spent", "executedkrw"),
            measure=True,
            refunds_allowed=True,
        ),
    ),
    key=("year", "month", "as_of", "program", "source"),
    period=("year", "month", "as_of"),  # a month of a year, a year as of a date, or a whole year
    as_of=AsOf.EXECUTED_MONTH,
    sample_file="budget.xlsx",
    compared=True,
    pages=(Shown("home", 1), Shown("budget", 1)),
    slides=(Shown("overview", 1, needed=True), Shown("budget", 1, needed=True), Shown("reasons", 1, needed=True)),
    example={
        "연도": 2025,
        "월": 3,
        "단계": 2,
        "추진전략": "산업 기반 조성",
        "세부사업명": "AI 데이터센터 구축",
        "재원": "국비",
        "예산액": 1_500_000,
        "집행액": 1_200_000,
    },
)

JOBS = Dataset(
    name="jobs",
    label="일자리",
    columns=(
        Column("month", "기준월", Kind.MONTH, ("기준월", "기준년월", "연월", "년월", "month")),
        Column("company", "기업명", Kind.TEXT, _COMPANY),
        Column("sector", "산업분야", Kind.TEXT, _SECTOR),
        Column(
            "new_hires",
            "신규채용",
            Kind.COUNT,
            ("신규채용", "신규고용", "채용인원", "신규채용인원", "newhires"),
            measure=True,
        ),
        Column(
            "headcount",
            "재직자수",
            Kind.COUNT,
            ("재직자수", "고용인원", "종업원수", "재직인원", "headcount"),
            measure=True,
            level=True,
        ),
        Column(
            "local_hires",
            "지역인재",
            Kind.COUNT,
            ("지역인재", "지역채용", "지역인재채용", "localhires"),
            required=False,
            measure=True,
        ),
    ),
    key=("month", "company"),
    period=("month",),
    as_of=AsOf.LAST_MONTH,
    sample_file="jobs.csv",
    compared=True,
    pages=(Shown("home", 2), Shown("jobs", 1), Shown("pipeline", 2), Shown("map", 3)),
    slides=(Shown("overview", 2, needed=True), Shown("jobs", 1, needed=True)),
    example={
        "기준월": "2025-03",
        "기업명": "예시에이아이",
        "산업분야": "모빌리티",
        "신규채용": 3,
        "재직자수": 25,
        "지역인재": 2,
    },
)

COMPANIES = Dataset(
    name="companies",
    label="기업·유니콘 후보",
    columns=(
        Column("as_of", "기준일", Kind.DATE, ("기준일", "기준일자", "asof", "asofdate")),
        Column("company", "기업명", Kind.TEXT, _COMPANY),
        Column("sector", "산업분야", Kind.TEXT, _SECTOR),
        Column(
            "valuation_krw",
            "기업가치",
            Kind.MONEY,
            ("기업가치", "기업가치평가액", "valuation", "valuationkrw"),
            # The city rarely knows a private company's valuation (#35): optional, and shown only as an estimate.
            required=False,
            measure=True,
            level=True,
        ),
        Column(
            "funding_krw",
            "누적투자유치",
            Kind.MONEY,
            ("누적투자유치", "누적투자", "투자유치", "funding", "fundingkrw"),
            required=False,
            measure=True,
            level=True,
        ),
        Column(
            "revenue_krw",
            "매출액",
            Kind.MONEY,
            ("매출액", "매출", "revenue", "revenuekrw"),
            required=False,
            measure=True,
            level=True,
        ),
        Column(
            "employees",
            "종업원수",
            Kind.COUNT,
            ("종업원수", "고용인원", "직원수", "employees"),
            required=False,
            measure=True,
            level=True,
        ),
        Column("moved_in", "입주일", Kind.DATE, ("입주일", "입주일자", "movedin"), required=False),
        # Where the company sits (the map, #25): the building it occupies, as named in the sites register, else a
        # road address, else coordinates (which win when given).
        Column(
            "building",
            "입주 시설",
            Kind.TEXT,
            ("입주시설", "입주건물", "입주시설명", "입주건물명", "입주동", "건물명", "building", "facility"),
            required=False,
        ),
        Column("address", "주소", Kind.TEXT, ("주소", "도로명주소", "소재지", "사업장주소", "address"), required=False),
        Column("lat", "위도", Kind.LATITUDE, ("위도", "lat", "latitude"), required=False),
        Column("lon", "경도", Kind.LONGITUDE, ("경도", "lon", "lng", "longitude"), required=False),
    ),
    key=("as_of", "company"),
    period=("as_of",),  # a snapshot: a file of 2026-09-30 replaces that snapshot and keeps the earlier ones
    as_of=AsOf.LATEST_DATE,
    sample_file="companies.csv",
    template_unit="억원",
    compared=True,
    pages=(Shown("home", 3), Shown("pipeline", 1), Shown("map", 4)),
    slides=(Shown("overview", 3, needed=True), Shown("pipeline", 1, needed=True)),
    example={
        "기준일": "2025-09-30",
        "기업명": "예시에이아이",
        "산업분야": "헬스케어",
        "기업가치": 450,
        "누적투자유치": 90,
        "매출액": 60,
        "종업원수": 40,
        "입주일": "2023-05-15",
        "입주 시설": "AI 창업동",
    },
)

SITES = Dataset(
    name="sites",
    label="시설·부지",
    columns=(
        Column("name", "시설명", Kind.TEXT, ("시설명", "명칭", "이름", "name")),
        Column("kind", "구분", Kind.TEXT, ("구분", "유형", "시설구분", "kind", "type"), choices=SITE_KINDS),
        Column("status", "상태", Kind.TEXT, ("상태", "진행상태", "추진상태", "status"), choices=SITE_STATUSES),
        Column("lat", "위도", Kind.LATITUDE, ("위도", "lat", "latitude")),
        Column("lon", "경도", Kind.LONGITUDE, ("경도", "lon", "lng", "longitude")),
        Column(
            "area_m2",
            "면적",
            Kind.NUMBER,
            ("면적", "연면적", "부지면적", "area", "aream2"),
            required=False,
            measure=True,
        ),
        Column(
            "completion", "준공일", Kind.DATE, ("준공일", "준공예정일", "준공(예정)일", "completion"), required=False
        ),
    ),
    key=("name",),
    sample_file="sites.xlsx",
    compared=True,
    pages=(Shown("home", 6), Shown("map", 1)),
    slides=(Shown("overview", 6), Shown("map", 1, needed=True)),
    example={
        "시설명": "국가 AI 데이터센터",
        "구분": "데이터센터",
        "상태": "운영",
        "위도": 35.2312,
        "경도": 126.8457,
        "면적": 6500,
        "준공일": "2023-11-30",
    },
)

TARGETS = Dataset(
    name="targets",
    label="목표",
    columns=(
        Column("metric", "지표", Kind.TEXT, ("지표", "지표명", "항목", "metric")),
        Column("year", "연도", Kind.YEAR, _YEAR),
        Column("target", "목표", Kind.NUMBER, ("목표", "목표값", "목표치", "target")),
    ),
    key=("metric", "year"),
    period=("year",),
    sample_file="targets.csv",
    compared=True,
    pages=(Shown("home", 4), Shown("budget", 2), Shown("jobs", 2)),
    slides=(Shown("overview", 4), Shown("budget", 2), Shown("jobs", 2), Shown("pipeline", 2)),
    example={"지표": "jobs_created", "연도": 2025, "목표": 600},
)

EVENTS = Dataset(
    name="events",
    label="주요 일정",
    columns=(
        Column("date", "일자", Kind.DATE, ("일자", "날짜", "일시", "date")),
        Column("title", "내용", Kind.TEXT, ("내용", "행사명", "제목", "title", "event")),
        Column("kind", "구분", Kind.TEXT, ("구분", "유형", "kind", "type"), required=False),
    ),
    key=("date", "title"),
    period=("date",),
    sample_file="events.csv",
    compared=True,
    pages=(Shown("home", 5), Shown("budget", 3)),
    slides=(Shown("overview", 5),),
    example={"일자": "2023-11-30", "내용": "국가 AI 데이터센터 개소", "구분": "개소"},
)

# Why a programme lags and what is being done (issue #24): one row per subject (a 세부사업명, or a jobs sector,
# a company, a site) and 기준월. Each month's file (or a save from the app's form) replaces that month only.
REASONS = Dataset(
    name="reasons",
    label="부진 사유·대책",
    columns=(
        Column(
            "subject",
            "세부사업명",
            Kind.TEXT,
            ("세부사업명", "사업명", "세부사업", "단위사업명", "대상", "대상명", "subject", "program", "programme"),
        ),
        Column("month", "기준월", Kind.MONTH, ("기준월", "기준년월", "연월", "년월", "month")),
        Column("reason", "부진 사유", Kind.TEXT, ("부진사유", "사유", "부진원인", "reason")),
        Column("action", "향후 대책", Kind.TEXT, ("향후대책", "대책", "조치계획", "추진대책", "action")),
        Column("department", "담당 부서", Kind.TEXT, ("담당부서", "부서", "담당과", "department"), required=False),
        Column("due", "완료 예정일", Kind.DATE, ("완료예정일", "완료예정", "조치기한", "기한", "due"), required=False),
        Column(
            "status",
            "상태",
            Kind.TEXT,
            ("상태", "조치상태", "진행상태", "status"),
            required=False,
            choices=REASON_STATUSES,
        ),
    ),
    key=("month", "subject"),
    period=("month",),
    as_of=AsOf.LAST_MONTH,  # the latest 기준월 written: a month's 사유·대책, like jobs
    sample_file="reasons.csv",
    compared=True,  # new and changed 사유·대책 since the last briefing (what-changed)
    pages=(Shown("home", 7), Shown("budget", 4)),
    slides=(Shown("reasons", 2),),
    required_for_pack=False,  # the slide lists the lagging programmes with "사유 미입력" without them
    example={
        "세부사업명": "AI 지식산업센터 건립",
        "기준월": "2025-03",
        "부진 사유": "시공사 선정 유찰로 착공 지연",
        "향후 대책": "재공고 후 4월 중 계약, 상반기 선금 집행",
        "담당 부서": "인공지능산업과",
        "완료 예정일": "2025-04-30",
        "상태": "조치 중",
    },
)

# Investment agreements (투자협약, MOU) and what became of them (issue #35): one row per agreement and 기준일, a
# snapshot kept per quarter like the companies. 진행 상황 is written many ways; the loader normalises it (and the
# 구분, the 확인 방법) through the aliases of program.toml [agreements] to the stage ladder AGREEMENT_STAGES or an
# exit, the milestone dates moving it up (loaders/agreements.py). A 합계 row must equal the rows' sums.
AGREEMENT_KINDS = ("본사 이전", "법인 신설", "지사·연구소", "기타")
AGREEMENT_STAGES = ("협약", "법인 설립", "입주", "가동")  # the ladder, in order
AGREEMENT_EXITS = ("철수", "해지")
AGREEMENT_CHECKS = ("자체 보고", "현장 확인", "4대보험 명부")  # how the 실적 was verified

AGREEMENTS = Dataset(
    name="agreements",
    label="투자협약 이행",
    columns=(
        Column("as_of", "기준일", Kind.DATE, ("기준일", "기준일자", "asof", "asofdate")),
        Column(
            "signed",
            "협약일",
            Kind.DATE,
            ("협약일", "협약일자", "협약체결일", "체결일", "체결일자", "mou체결일", "signed"),
        ),
        Column("company", "기업명", Kind.TEXT, _COMPANY),
        Column(
            "business_number",
            "사업자등록번호",
            Kind.TEXT,
            ("사업자등록번호", "사업자번호", "사업자등록", "businessnumber", "brn"),
            required=False,
        ),
        Column(
            "kind",
            "구분",
            Kind.TEXT,
            ("구분", "이전형태", "투자형태", "협약형태", "유형", "kind", "type"),
            choices=AGREEMENT_KINDS,
        ),
        Column(
            "planned_investment_krw",
            "투자계획",
            Kind.MONEY,
            ("투자계획", "투자계획액", "계획투자액", "협약투자액", "투자예정액", "plannedinvestment"),
            measure=True,
        ),
        Column(
            "planned_jobs",
            "고용계획",
            Kind.COUNT,
            ("고용계획", "고용계획인원", "채용계획", "고용예정인원", "plannedjobs"),
            measure=True,
        ),
        Column(
            "invested_krw",
            "투자실적",
            Kind.MONEY,
            ("투자실적", "투자실적액", "실투자액", "투자집행액", "investedkrw", "actualinvestment"),
            measure=True,
        ),
        Column(
            "hired",
            "고용실적",
            Kind.COUNT,
            ("고용실적", "고용실적인원", "채용실적", "실고용인원", "actualjobs"),
            measure=True,
        ),
        Column(
            "incorporated",
            "법인 설립일",
            Kind.DATE,
            ("법인설립일", "법인설립일자", "설립일", "incorporated"),
            required=False,
        ),
        Column("moved_in", "입주일", Kind.DATE, ("입주일", "입주일자", "입주완료일", "movedin"), required=False),
        Column("operating", "가동일", Kind.DATE, ("가동일", "가동개시일", "가동일자", "operating"), required=False),
        # Stored as the stage it normalises to (AGREEMENT_STAGES or AGREEMENT_EXITS); the word as written is kept
        # with the row's cells (provenance).
        Column(
            "status",
            "진행 상황",
            Kind.TEXT,
            ("진행상황", "진행상태", "추진상황", "추진현황", "이행상황", "이행현황", "상태", "status"),
            choices=AGREEMENT_STAGES + AGREEMENT_EXITS,
        ),
        Column(
            "verification",
            "확인 방법",
            Kind.TEXT,
            ("확인방법", "실적확인방법", "검증방법", "확인", "verification"),
            required=False,
            choices=AGREEMENT_CHECKS,
        ),
        Column("note", "비고", Kind.TEXT, ("비고", "메모", "note", "remarks"), required=False),
    ),
    key=("as_of", "company", "signed"),
    period=("as_of",),  # a snapshot per 기준일: a file of 2026-09-30 replaces that snapshot and keeps the earlier ones
    as_of=AsOf.LATEST_DATE,
    sample_file="agreements.xlsx",
    template_unit="억원",
    compared=True,  # stage moves, exits and lowered 실적 since the last briefing (what-changed)
    pages=(Shown("pipeline", 4), Shown("home", 9), Shown("jobs", 3), Shown("map", 6)),
    slides=(Shown("agreements", 1, needed=True), Shown("overview", 8)),
    required_for_pack=False,  # a city that does not keep the agreements yet still gets its pack; the slide says so
    totals_binding=True,
    example={
        "기준일": "2026-06-30",
        "협약일": "2024-03-15",
        "기업명": "예시에이아이",
        "사업자등록번호": "123-45-67890",
        "구분": "법인 신설",
        "투자계획": 50,
        "고용계획": 30,
        "투자실적": 12.5,
        "고용실적": 8,
        "법인 설립일": "2024-06-01",
        "입주일": "2024-09-02",
        "진행 상황": "입주 완료",
        "확인 방법": "4대보험 명부",
        "비고": "",
    },
)

# Parcel polygons, the district outline and roads: one GeoJSON feature per row (loaders/geojson.py reads them).
# Names are the features' property keys; `source_row` is the feature's 1-based position in the file.
PARCELS = Dataset(
    name="parcels",
    label="필지",
    columns=(
        Column("name", "명칭", Kind.TEXT, ("필지명", "명칭", "도로명", "이름", "name")),
        Column("kind", "구분", Kind.TEXT, ("구분", "유형", "kind", "type"), choices=PARCEL_KINDS),
        Column(
            "status",
            "상태",
            Kind.TEXT,
            ("상태", "진행상태", "추진상태", "status"),
            required=False,
            choices=SITE_STATUSES,
        ),
        Column("use", "용도", Kind.TEXT, ("용도", "토지용도", "use", "landuse"), required=False),
        Column(
            "area_m2",
            "면적",
            Kind.NUMBER,
            ("면적", "부지면적", "대지면적", "area", "aream2"),
            required=False,
            measure=True,
        ),
        Column("facility", "시설명", Kind.TEXT, ("시설명", "시설", "facility"), required=False),
        Column("geometry", "도형", Kind.GEOMETRY, ("geometry", "도형")),
    ),
    key=("kind", "name"),
    sample_file="parcels.geojson",
    pages=(Shown("map", 2),),
    slides=(Shown("map", 2),),
    example={
        "구분": "필지",
        "필지명": "A-1 데이터센터 부지",
        "상태": "운영",
        "용도": "연구시설",
        "면적": 104806,
        "시설명": "국가 AI 데이터센터",
    },
)

# K-Unicorn selections (issue #35): one row per company selected for a programme in a year. A company's stage is
# its highest selection (program.toml [k_unicorn]), never a valuation band. 사업명 is written many ways: the
# configured aliases are accepted, anything else refused with the names known.
SELECTIONS = Dataset(
    name="selections",
    label="K-유니콘 선정",
    columns=(
        Column("year", "선정연도", Kind.YEAR, ("선정연도", "선정년도", "연도", "년도", "year", "selectionyear")),
        Column(
            "programme",
            "사업명",
            Kind.TEXT,
            ("사업명", "선정사업", "선정사업명", "지원사업", "지원사업명", "프로그램", "programme", "program"),
        ),
        Column("company", "기업명", Kind.TEXT, _COMPANY),
        Column(
            "registration_no",
            "사업자등록번호",
            Kind.TEXT,
            ("사업자등록번호", "사업자번호", "businessnumber", "businessregistrationnumber", "brn"),
            required=False,
        ),
        Column("support", "지원 내용", Kind.TEXT, ("지원내용", "지원사항", "지원규모", "support"), required=False),
    ),
    key=("year", "programme", "company"),
    period=("year",),  # a year's selections file replaces that year and keeps the earlier cohorts
    sample_file="selections.csv",
    compared=True,  # new selections since the last briefing (what-changed)
    pages=(Shown("pipeline", 3), Shown("home", 8), Shown("map", 5)),
    slides=(Shown("pipeline", 3), Shown("overview", 7)),
    required_for_pack=False,  # without it every company is shown as never selected, and the slide says so
    example={
        "선정연도": 2025,
        "사업명": "아기유니콘",
        "기업명": "예시에이아이",
        "사업자등록번호": "123-45-67890",
        "지원 내용": "시장개척자금 3억원, 기술보증 최대 50억원",
    },
)

DATASETS: dict[str, Dataset] = {
    d.name: d for d in (BUDGET, JOBS, COMPANIES, SITES, TARGETS, EVENTS, REASONS, AGREEMENTS, PARCELS, SELECTIONS)
}


def _read_on(readers: dict[str, tuple[Shown, ...]], on: str) -> tuple[str, ...]:
    placed = sorted((shown.order, name) for name, shown_on in readers.items() for shown in shown_on if shown.on == on)
    return tuple(name for _, name in placed)


def page_datasets(url_path: str) -> tuple[str, ...]:
    """The datasets a page reads, in its as-of line's order."""
    return _read_on({d.name: d.pages for d in DATASETS.values()}, url_path)


def slide_datasets(key: str, needed: bool | None = None) -> tuple[str, ...]:
    """The datasets a briefing slide reads, in its as-of line's order (only those it waits for: `needed=True`)."""
    return _read_on(
        {d.name: tuple(s for s in d.slides if needed is None or s.needed is needed) for d in DATASETS.values()}, key
    )


def briefing_datasets() -> tuple[str, ...]:
    """Every dataset a briefing slide reads, in registry order."""
    return tuple(name for name, d in DATASETS.items() if d.slides or d.compared)


def compared_datasets() -> tuple[str, ...]:
    """The datasets what-changed compares (the page offers them, the briefing's slide sums them up), in registry
    order."""
    return tuple(name for name, d in DATASETS.items() if d.compared)


def sample_files() -> dict[str, str]:
    """dataset → its bundled sample file in data/, in seeding order (the registry's)."""
    return {name: d.sample_file for name, d in DATASETS.items() if d.sample_file}


# --- Published execution tables (issue #12) ------------------------------------------------------------------------
# Words published tables add to a column's name: "지출액 누계(B)" is 지출액 to date, "집행실적" is 집행. The bracketed
# labels (A), (B), (A-B), (B/A) are ignored like any bracket (headers.normalise_header).
HEADER_SUFFIXES = ("누계", "실적")
HEADER_PREFIXES = ("누계",)


class Formula(str, Enum):
    """How a derived column follows from the dataset's amounts."""

    BALANCE = "balance"  # planned − executed, in money
    RATE = "rate"  # executed ÷ planned, in percent (or as a fraction in a percent-formatted cell)


@dataclass(frozen=True)
class DerivedColumn:
    """A column published tables compute beside the amounts: recognised, checked against them, never stored."""

    name: str
    label: str
    formula: Formula
    aliases: tuple[str, ...]


DERIVED: dict[str, tuple[DerivedColumn, ...]] = {
    "budget": (
        DerivedColumn(
            "balance_krw", "집행잔액", Formula.BALANCE, ("집행잔액", "잔액", "예산잔액", "잔여예산", "balance")
        ),
        DerivedColumn("execution_rate", "집행률", Formula.RATE, ("집행률", "집행율", "집행비율", "executionrate")),
    ),
}
