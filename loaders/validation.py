"""The rules each dataset's rows must meet, as pandera schemas, and their failures as Korean problems.

Validation is lazy: every failing cell in the file is reported at once.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd
import pandera.pandas as pa

from program import load_program

from .contract import DATASETS, KOREA_LAT, KOREA_LON, Column, Dataset, Kind
from .problems import Problem

NOT_NULL_MESSAGE = "값이 비어 있습니다"
REGISTRATION_FORM = r"^\s*\d{3}\s*-?\s*\d{2}\s*-?\s*\d{5}\s*$"  # 사업자등록번호: 123-45-67890, 1234567890
DUPLICATE_CHECK = "multiple_fields_uniqueness"


def _checks(dataset: Dataset, column: Column) -> list[pa.Check]:
    program = load_program()
    match column.kind:
        case Kind.MONEY if column.refunds_allowed:
            return []  # a refund is a negative amount: accepted with a warning (loaders/load.py)
        case Kind.MONEY | Kind.COUNT | Kind.NUMBER:
            return [pa.Check.ge(0, error="음수는 받을 수 없습니다")]
        case Kind.YEAR:
            return [pa.Check.in_range(2000, 2100, error="연도는 2000~2100 사이여야 합니다")]
        case Kind.MONTH_NUMBER:
            return [pa.Check.in_range(1, 12, error="월은 1~12 사이여야 합니다")]
        case Kind.PHASE:
            numbers = [p.number for p in program.phases]
            return [pa.Check.isin(numbers, error=f"단계는 {', '.join(map(str, numbers))} 중 하나여야 합니다")]
        case Kind.LATITUDE:
            return [
                pa.Check.in_range(*KOREA_LAT, error=f"위도가 대한민국 범위({KOREA_LAT[0]:g}~{KOREA_LAT[1]:g}) 밖입니다")
            ]
        case Kind.LONGITUDE:
            return [
                pa.Check.in_range(*KOREA_LON, error=f"경도가 대한민국 범위({KOREA_LON[0]:g}~{KOREA_LON[1]:g}) 밖입니다")
            ]
    if column.name == "registration_no":
        return [
            pa.Check.str_matches(REGISTRATION_FORM, error="사업자등록번호는 숫자 10자리여야 합니다 (예: 123-45-67890)")
        ]
    choices = _choices(dataset, column)
    if (dataset.name, column.name) == ("selections", "programme"):
        unicorn = program.k_unicorn.unicorn
        return [
            pa.Check.isin(
                choices,
                error=f"{column.label}은(는) {', '.join(choices)} 중 하나여야 합니다 ({unicorn}은 선정 사업이 아니라 "
                f"기업가치 {program.k_unicorn.unicorn_floor_krw // 1_000_000_000_000}조원 이상 비상장 기업의 상태라서 "
                "선정 자료로 받지 않습니다)",
            )
        ]
    if choices:
        return [pa.Check.isin(choices, error=f"{column.label}은(는) {', '.join(choices)} 중 하나여야 합니다")]
    return []


def _choices(dataset: Dataset, column: Column) -> tuple[str, ...]:
    program = load_program()
    if (dataset.name, column.name) == ("budget", "source"):
        return program.funding_sources
    if (dataset.name, column.name) == ("selections", "programme"):
        return program.k_unicorn.names  # aliases are made canonical before validation (loaders/load.py)
    return column.choices


@cache
def schema_for(dataset_name: str) -> pa.DataFrameSchema:
    dataset = DATASETS[dataset_name]
    columns = {
        c.name: pa.Column(
            checks=_checks(dataset, c),
            nullable=not c.required,
            required=c.required,
        )
        for c in dataset.columns
    }
    return pa.DataFrameSchema(columns, unique=list(dataset.key), report_duplicates="all")


def validate_rows(
    dataset: Dataset,
    frame: pd.DataFrame,
    headers: dict[str, str],
    already_reported: set[tuple[int, str]],
    written: dict[int, dict[str, str]] | None = None,
) -> list[Problem]:
    """Problems in `frame` (indexed by Excel row), skipping cells already reported as unreadable.

    `headers` maps canonical names to the headers as written; `written` holds the cells as written, by Excel
    row then header, so a message quotes the cell the user sees ("-1,000"), not its value in won.
    """
    try:
        schema_for(dataset.name).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as failure:
        cases = failure.failure_cases
    else:
        return []
    problems: list[Problem] = []
    duplicate_rows: set[int] = set()
    for case in cases.itertuples(index=False):
        if case.check == DUPLICATE_CHECK:
            duplicate_rows.add(int(case.index))
            continue
        if case.index is None or pd.isna(case.index):
            continue  # a column-level failure; missing columns are reported before validation
        row, column = int(case.index), str(case.column)
        if (row, column) in already_reported:
            continue
        header = headers.get(column, column)
        if case.check == "not_nullable":
            problems.append(Problem(NOT_NULL_MESSAGE, row, header))
        else:
            shown = (written or {}).get(row, {}).get(header) or case.failure_case
            problems.append(Problem(f"{case.check} (값: {shown})", row, header))
    problems.extend(_duplicate_problems(dataset, frame, duplicate_rows, headers))
    return problems


def _duplicate_problems(
    dataset: Dataset, frame: pd.DataFrame, rows: set[int], headers: dict[str, str]
) -> list[Problem]:
    if not rows:
        return []
    if any(dataset.column(k).required and k not in frame.columns for k in dataset.key):
        return []  # a key column is missing (reported as such): rows cannot be told apart, so no duplicates
    key = [k for k in dataset.key if k in frame.columns]
    # Name only the key columns the file has (a budget without 월 is keyed by year, program and source).
    shown = [k for k in key if k in headers]
    key_header = "·".join(headers[k] for k in shown)
    duplicated = frame.loc[sorted(rows), key]
    problems = []
    for _, group in duplicated.groupby(key, dropna=False, sort=False):
        numbers = list(group.index)
        values = ", ".join(_show(group.iloc[0][k]) for k in shown)
        for row in numbers:
            others = ", ".join(f"{n}행" for n in numbers if n != row)
            problems.append(Problem(f"같은 키({values})가 {others}에도 있습니다 (중복 행)", row, key_header))
    return problems


def _show(value: Any) -> str:  # a frame cell
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "(없음)"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)
