"""A downloadable input template per dataset: Korean headers, the unit stated, one example row."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .contract import DATASETS, Kind

# Templates state money in each dataset's `template_unit` (loaders/contract.py): 천원 unless it says otherwise, as
# the city's accounting exports (e-호조) do.
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F4")

# What each column means, in the words of the staff who fill it in (the template's notes under the example row).
MEANINGS: dict[str, dict[str, str]] = {
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


def _korean_names(aliases: tuple[str, ...], label: str) -> str:
    """Other headers the check accepts, as staff write them: Korean only (the English and squashed spellings the
    loader also reads are for machine exports, not for people)."""
    names = [a for a in aliases if not a.isascii() and a.replace(" ", "") != label.replace(" ", "")]
    return ", ".join(names[:4])


def template_headers(dataset_name: str) -> list[str]:
    """Headers as the template writes them, with the unit in brackets for money columns."""
    dataset = DATASETS[dataset_name]
    unit = dataset.template_unit
    headers = []
    for column in dataset.columns:
        if column.kind is Kind.MONEY:
            headers.append(f"{column.label}({unit})")
        elif column.kind is Kind.NUMBER and column.name == "area_m2":
            headers.append(f"{column.label}(㎡)")
        else:
            headers.append(column.label)
    return headers


def template_xlsx(dataset_name: str) -> bytes:
    """The template workbook's bytes: a title, the header, one example row and notes on each column."""
    dataset = DATASETS[dataset_name]
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = dataset.label.replace("·", "_")
    sheet.append([f"{dataset.label} 입력 양식 — 예시 행을 지우고 입력하세요"])
    sheet["A1"].font = Font(bold=True, size=13)
    headers = template_headers(dataset_name)
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    sheet.append([dataset.example.get(column.label) for column in dataset.columns])
    sheet.append([])
    meanings = MEANINGS.get(dataset_name, {})
    for column, header in zip(dataset.columns, headers, strict=True):
        need = "꼭 적어야 합니다" if column.required else "적지 않아도 됩니다"
        meaning = meanings.get(column.name, "")
        allowed = f" 적을 수 있는 값: {', '.join(column.choices)}." if column.choices else ""
        also = _korean_names(column.aliases, column.label)
        named = f" 머리글은 {also}(이)라고 써도 됩니다." if also else ""
        sheet.append([f"※ {header}: {meaning} {need}.{allowed}{named}".replace("  ", " ")])
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(header) * 2 + 4)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
