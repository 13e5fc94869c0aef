"""A downloadable input template per dataset: Korean headers, the unit stated, one example row."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from present.cell_safety import neutralise

from .contract import DATASETS, Kind

# Templates state money in each dataset's `template_unit` (loaders/contract.py): 천원 unless it says otherwise, as
# the city's accounting exports (e-호조) do.
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F4")


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
    sheet.append([neutralise(h) for h in headers])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    sheet.append([_safe(dataset.example.get(column.label)) for column in dataset.columns])
    sheet.append([])
    for column, header in zip(dataset.columns, headers, strict=True):
        need = "필수" if column.required else "선택"
        also = ", ".join(column.aliases[:5])
        allowed = f" 허용값: {', '.join(column.choices)}." if column.choices else ""
        sheet.append([neutralise(f"※ {header}: {need}. 다른 이름: {also}.{allowed}")])
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(header) * 2 + 4)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _safe(value: object) -> object:
    """An example cell: numbers as numbers, text neutralised like every file the app writes."""
    return neutralise(value) if isinstance(value, str) else value
