"""The synthetic investment agreements (투자협약 이행 점검표, issue #35) for data/: about 130 agreements signed 2020–2026,
written the way the city keeps them (a title row with the 기준일, a unit row, a merged two-row header 투자·고용 over
계획·실적, free-text 진행 상황, a 합계 row), for the latest quarter end and the one before (data/history/).

Shaped after published accounts (../shared/reference/k-unicorn.md): a bit over half of the agreements invested, many
never moved past the agreement (some stalled for years), a handful left. Every company and figure is invented; the
resident companies of the sample (make_sample_data.COMPANIES) are among them, so the jobs page and the map join
their agreements, one of them under its name before a rename (program.toml [company_aliases]).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

SEED = 35_2026
FIRST_SIGNED = dt.date(2020, 1, 6)  # the programme's agreements start in 2020
KINDS = ("본사 이전", "법인 신설", "지사·연구소")
KIND_WEIGHTS = (0.35, 0.4, 0.25)
# Free text as the city writes 진행 상황, per stage.
WORDS = {
    "협약": ("협약 체결", "미이행", "추진 중"),
    "법인 설립": ("법인 설립", "법인 설립 완료"),
    "입주": ("입주 완료", "입주", "이전 완료"),
    "가동": ("가동", "가동 중", "정상 가동"),
    "철수": ("철수", "폐업"),
    "해지": ("협약 해지", "해지"),
}
CHECKS = ("자체 보고", "현장 확인", "4대보험 명부")
PREFIXES = (
    "광주",
    "빛고을",
    "무등",
    "첨단",
    "상무",
    "송정",
    "양림",
    "충장",
    "금남",
    "운암",
    "용봉",
    "영산강",
    "오룡",
    "하남",
)
SUFFIXES = (
    "AI솔루션", "데이터랩", "비전테크", "로보틱스", "클라우드", "메디AI", "에너지랩", "모빌리티랩", "넷웍스",
    "인텔리전스", "시스템즈", "디지털", "센서텍", "스마트팩토리", "게임즈", "바이오AI", "드론", "반도체설계",
)  # fmt: skip
RENAMED = ("첨단오토랩", "첨단오토모티브")  # (current name, name on the agreement): program.toml [company_aliases]
WITH_LEGAL_FORM = "무등헬스랩"  # written "㈜무등헬스랩" on its agreement: the company key joins it all the same
TITLE = "광주 인공지능 집적단지 투자협약 이행 점검표 (샘플 데이터·가상 기업, {as_of:%Y. %-m. %-d.} 기준)"
UNIT_NOTE = "(단위: 억원, 명)"
HEADER_TOP = ("번호", "협약일", "기업명", "사업자등록번호", "구분", "투자", None, "고용", None, "법인 설립일", "입주일",
              "가동일", "진행 상황", "확인 방법", "비고")  # fmt: skip
HEADER_SUB = (None, None, None, None, None, "계획", "실적", "계획", "실적", None, None, None, None, None, None)


@dataclass(frozen=True)
class Agreement:
    signed: dt.date
    company: str
    number: str | None
    kind: str
    planned_eok: float
    planned_jobs: int
    invested_eok: float
    hired: int
    incorporated: dt.date | None
    moved_in: dt.date | None
    operating: dt.date | None
    stage: str
    word: str
    check: str | None
    note: str = ""
    left_on: dt.date | None = None  # when an exit was first reported


def _eok(rng: random.Random, low: int, high: int, step: int = 5) -> float:
    return float(rng.randrange(low, high + 1, step))


def _tenth(value: float) -> float:
    return round(value, 1)


def _days(rng: random.Random, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(low, high))


def _number(rng: random.Random) -> str | None:
    """Half the agreements give a 사업자등록번호; all start 000-00 so none is a real company's."""
    return f"000-00-{rng.randint(10_000, 99_999)}" if rng.random() < 0.5 else None


def resident_agreements(
    rng: random.Random, residents: Sequence[tuple[str, dt.date]], as_of: dt.date
) -> list[Agreement]:
    """One agreement per resident company of the sample, signed a few months before it moved in; those in for over
    a year mostly 가동."""
    found = []
    for name, moved_in in residents:
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        signed = max(moved_in - _days(rng, 90, 330), FIRST_SIGNED)
        incorporated = signed + _days(rng, 20, 80) if kind != "지사·연구소" else None
        operating = moved_in + _days(rng, 90, 300) if rng.random() < 0.7 else None
        if operating and operating > as_of:
            operating = None
        stage = "가동" if operating else "입주"
        planned = _eok(rng, 20, 300)
        planned_jobs = rng.randrange(10, 90, 5)
        written = {RENAMED[0]: RENAMED[1], WITH_LEGAL_FORM: f"㈜{WITH_LEGAL_FORM}"}.get(name, name)
        found.append(
            Agreement(
                signed=signed,
                company=written,
                number=_number(rng),
                kind=kind,
                planned_eok=planned,
                planned_jobs=planned_jobs,
                invested_eok=_tenth(planned * rng.uniform(0.45, 1.1)),
                hired=round(planned_jobs * rng.uniform(0.4, 1.2)),
                incorporated=incorporated,
                moved_in=moved_in,
                operating=operating,
                stage=stage,
                word=rng.choice(WORDS[stage]),
                check=rng.choice(CHECKS),
            )
        )
    return found


def other_agreements(rng: random.Random, taken: set[str], as_of: dt.date) -> list[Agreement]:
    """The agreements of companies that are not (yet) resident: stalled, incorporated, just moved in, new, left."""
    names = [f"{p}{s}" for p in PREFIXES for s in SUFFIXES if f"{p}{s}" not in taken]
    rng.shuffle(names)
    plan: list[tuple[str, int]] = [
        ("stalled", 24),  # signed 2020–2024, never moved: 정체
        ("recent", 20),  # signed 2025–2026, not moved yet
        ("incorporated", 16),
        ("resident", 14),
        ("operating", 6),
        ("left", 8),
    ]
    found = []
    for story, count in plan:
        for _ in range(count):
            found.append(_story(rng, story, names.pop(), as_of))
    return found


def _story(rng: random.Random, story: str, name: str, as_of: dt.date) -> Agreement:
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    if story == "incorporated" and kind == "지사·연구소":
        kind = "법인 신설"  # a branch has no 법인 설립 step
    if story == "recent":
        signed = dt.date(2025, 1, 6) + _days(rng, 0, (as_of - dt.date(2025, 1, 6)).days - 20)
    elif story == "stalled":
        signed = dt.date(2020, 3, 2) + _days(rng, 0, (dt.date(2024, 9, 30) - dt.date(2020, 3, 2)).days)
    else:
        signed = dt.date(2020, 3, 2) + _days(rng, 0, (dt.date(2025, 6, 30) - dt.date(2020, 3, 2)).days)
    planned = _eok(rng, 10, 200)
    planned_jobs = rng.randrange(5, 70, 5)
    incorporated = moved_in = operating = left_on = None
    invested = 0.0
    hired = 0
    note = ""
    stage = "협약"
    if story == "recent":
        invested = _tenth(planned * rng.uniform(0.05, 0.3)) if rng.random() < 0.25 else 0.0
    if story in ("incorporated", "resident", "operating") and kind != "지사·연구소":
        incorporated = min(signed + _days(rng, 30, 200), as_of - dt.timedelta(days=10))
        stage = "법인 설립"
        invested = _tenth(planned * rng.uniform(0.05, 0.4)) if rng.random() < 0.6 else 0.0
        hired = round(planned_jobs * rng.uniform(0, 0.3)) if invested else 0
    if story in ("resident", "operating"):
        moved_in = min(max(signed, incorporated or signed) + _days(rng, 60, 400), as_of - dt.timedelta(days=5))
        stage = "입주"
        invested = _tenth(planned * rng.uniform(0.3, 0.95))
        hired = round(planned_jobs * rng.uniform(0.2, 0.9))
    if story == "operating":
        operating = min(moved_in + _days(rng, 60, 240), as_of) if moved_in else None
        stage = "가동"
    if story == "left":
        stage = "철수" if rng.random() < 0.65 else "해지"
        if stage == "철수":
            invested = _tenth(planned * rng.uniform(0.1, 0.5))
            hired = round(planned_jobs * rng.uniform(0, 0.3))
            note = rng.choice(("본사 수도권 복귀", "경영 악화로 사업장 폐쇄", "타 지역 이전"))
        else:
            note = rng.choice(("투자 계획 철회", "협약 조건 미이행으로 해지"))
        left_on = min(signed + _days(rng, 300, 1200), as_of - dt.timedelta(days=3))
    return Agreement(
        signed=signed,
        company=name,
        number=_number(rng),
        kind=kind,
        planned_eok=planned,
        planned_jobs=planned_jobs,
        invested_eok=invested,
        hired=hired,
        incorporated=incorporated,
        moved_in=moved_in,
        operating=operating,
        stage=stage,
        word=rng.choice(WORDS[stage]),
        check=rng.choice(CHECKS) if invested else None,
        note=note,
        left_on=left_on,
    )


def earlier_snapshot(rng: random.Random, agreements: list[Agreement], as_of: dt.date) -> list[Agreement]:
    """The same agreements as reported at an earlier 기준일: those signed since left out, milestones not yet
    reached taken off (and the stage with them), exits not yet reported back at their stage, 실적 a little lower;
    and one company's 실적 a little HIGHER than now (a correction the next upload warns about)."""
    earlier = []
    corrected = False
    for agreement in agreements:
        if agreement.signed > as_of:
            continue
        dates = {
            name: (value if value is not None and value <= as_of else None)
            for name, value in (
                ("incorporated", agreement.incorporated),
                ("moved_in", agreement.moved_in),
                ("operating", agreement.operating),
            )
        }
        stage = agreement.stage
        if stage in ("철수", "해지") and agreement.left_on and agreement.left_on > as_of:
            stage = "입주" if agreement.moved_in and agreement.moved_in <= as_of else "협약"
        if stage not in ("철수", "해지"):
            stage = (
                "가동"
                if dates["operating"]
                else "입주"
                if dates["moved_in"]
                else "법인 설립"
                if dates["incorporated"]
                else "협약"
            )
        share = 1.0 if stage in ("철수", "해지") else rng.uniform(0.8, 1.0)
        invested = _tenth(agreement.invested_eok * share)
        hired = round(agreement.hired * share)
        if not corrected and agreement.stage == "가동" and agreement.invested_eok >= 20:
            invested, hired, corrected = _tenth(agreement.invested_eok + 3.5), agreement.hired + 2, True
        word = agreement.word if stage == agreement.stage else rng.choice(WORDS[stage])
        earlier.append(
            replace(
                agreement,
                invested_eok=invested,
                hired=hired,
                stage=stage,
                word=word,
                note=agreement.note if stage == agreement.stage else "",
                **dates,
            )
        )
    return earlier


def make_agreements(residents: Sequence[tuple[str, dt.date]], as_of: dt.date, earlier_as_of: dt.date):
    """(the agreements at `as_of`, the same at `earlier_as_of`), oldest agreement first."""
    rng = random.Random(SEED)
    found = resident_agreements(rng, residents, as_of)
    found += other_agreements(rng, {name for name, _ in residents}, as_of)
    # Three more signed in the latest quarter (not yet moved), so the earlier snapshot lacks them: new in what-changed.
    fresh = [
        i for i, a in enumerate(found) if a.stage == "협약" and a.signed.year >= 2025 and a.signed <= earlier_as_of
    ]
    for n, i in enumerate(fresh[:3]):
        found[i] = replace(found[i], signed=earlier_as_of + dt.timedelta(days=12 + 20 * n))
    found.sort(key=lambda a: (a.signed, a.company))
    return found, earlier_snapshot(rng, found, earlier_as_of)


def write_agreements(agreements: list[Agreement], as_of: dt.date, path: Path, save) -> None:
    """The checklist as the city keeps it; `save(workbook, path)` writes stable bytes."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "투자협약 이행"
    sheet.append([TITLE.format(as_of=as_of)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([UNIT_NOTE])
    sheet.append(list(HEADER_TOP))
    sheet.append(list(HEADER_SUB))
    for column in ("A", "B", "C", "D", "E", "J", "K", "L", "M", "N", "O"):
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("F3:G3")
    sheet.merge_cells("H3:I3")
    fill = PatternFill("solid", fgColor="DDEBF7")
    for row in (3, 4):
        for cell in sheet[row]:
            cell.font, cell.fill = Font(bold=True), fill
            cell.alignment = Alignment(horizontal="center", vertical="center")
    for number, a in enumerate(agreements, start=1):
        sheet.append(
            [
                number,
                a.signed,
                a.company,
                a.number,
                a.kind,
                a.planned_eok,
                a.invested_eok,
                a.planned_jobs,
                a.hired,
                a.incorporated,
                a.moved_in,
                a.operating,
                a.word,
                a.check,
                a.note or None,
            ]
        )
    sheet.append(
        [
            "합계",
            None,
            None,
            None,
            None,
            _tenth(sum(a.planned_eok for a in agreements)),
            _tenth(sum(a.invested_eok for a in agreements)),
            sum(a.planned_jobs for a in agreements),
            sum(a.hired for a in agreements),
        ]
    )
    for row in sheet.iter_rows(min_row=5):
        for cell in row[1:2] + row[9:12]:
            cell.number_format = "yyyy-mm-dd"
    for column, width in zip("ABCDEFGHIJKLMNO", (6, 12, 20, 15, 12, 8, 8, 8, 8, 12, 12, 12, 14, 14, 24), strict=True):
        sheet.column_dimensions[column].width = width
    save(book, path)
