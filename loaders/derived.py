"""Columns published tables compute beside the amounts (집행잔액 = A−B, 집행률 = B/A): checked, never stored.

The dashboard computes these itself from the stored amounts, so a file's own figure is only compared: a disagreement
is a warning naming the row (someone may have typed over a formula), never a refusal and never a stored value.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pandas as pd

from .cells import CellError, display, is_blank, parse_cell, to_decimal
from .contract import DERIVED, Formula, Kind
from .headers import HeaderColumn, Table
from .problems import Problem

PERCENT_SIGNS = ("%", "퍼센트")


def check_derived(table: Table, frame: pd.DataFrame) -> list[Problem]:
    """A warning for each data row whose derived figure disagrees with the amounts in the same row."""
    if not table.derived or not {"planned_krw", "executed_krw"} <= set(frame.columns):
        return []
    declared = {c.name: c for c in DERIVED.get(table.dataset.name, ())}
    warnings: list[Problem] = []
    for name, header in table.derived.items():
        formula = declared[name].formula
        unit = table.unit_of_header(header) if formula is Formula.BALANCE else 1
        if unit is None:
            continue  # no won unit for the balance: nothing to compare it with
        for row, planned, executed in zip(frame.index, frame["planned_krw"], frame["executed_krw"], strict=True):
            if pd.isna(planned) or pd.isna(executed):
                continue
            cells = table.sheet.rows[row - 1]
            cell = cells[header.index] if header.index < len(cells) else None
            if is_blank(cell):
                continue
            check = _check_balance if formula is Formula.BALANCE else _check_rate
            problem = check(cell, int(planned), int(executed), unit, row, header)
            if problem:
                warnings.append(problem)
    return warnings


def _check_balance(
    cell: object, planned: int, executed: int, unit: int, row: int, header: HeaderColumn
) -> Problem | None:
    try:
        stated = parse_cell(cell, Kind.MONEY, unit)
    except CellError:
        return Problem(
            f"잔액 칸을 금액으로 읽을 수 없어 확인하지 못했습니다: '{display(cell)}' (잔액은 저장하지 않습니다)",
            row,
            header.written,
        )
    if stated == planned - executed:
        return None
    return Problem(
        f"잔액이 금액과 맞지 않습니다: 파일에는 {display(cell)}인데 예산액−집행액은 {planned - executed:,}원입니다 "
        "(잔액은 저장하지 않고 금액으로 다시 계산합니다)",
        row,
        header.written,
    )


def _check_rate(cell: object, planned: int, executed: int, unit: int, row: int, header: HeaderColumn) -> Problem | None:
    if planned == 0:
        return None  # no rate of an empty budget
    try:
        stated, percent_sign = _rate(cell)
    except CellError:
        return Problem(
            f"집행률 칸을 숫자로 읽을 수 없어 확인하지 못했습니다: '{display(cell)}' (집행률은 저장하지 않습니다)",
            row,
            header.written,
        )
    computed = Decimal(executed) * 100 / Decimal(planned)
    # Half a unit of the last digit the file shows: 66.7 stands for anything from 66.65 to 66.75.
    exponent = stated.as_tuple().exponent
    assert isinstance(exponent, int)  # to_decimal returns finite numbers only (never NaN or infinity)
    tolerance = Decimal(5).scaleb(min(exponent, 0) - 1)
    if abs(stated - computed) <= tolerance:
        return None
    if not percent_sign and abs(stated * 100 - computed) <= tolerance * 100:
        return None  # a percent-formatted cell holds the fraction: 0.667 shown as 66.7%
    return Problem(
        f"집행률이 금액과 맞지 않습니다: 파일에는 {display(cell)}인데 집행액÷예산액은 {computed:.2f}%입니다 "
        "(집행률은 저장하지 않고 금액으로 다시 계산합니다)",
        row,
        header.written,
    )


def _rate(cell: object) -> tuple[Decimal, bool]:
    """(the number, whether the cell wrote a percent sign)."""
    if isinstance(cell, str):
        text = unicodedata.normalize("NFKC", cell).strip()
        for sign in PERCENT_SIGNS:
            if text.endswith(sign):
                return to_decimal(text[: -len(sign)].strip()), True
    return to_decimal(cell), False
