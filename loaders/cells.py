"""Reading one cell as the value its column holds. Each parser returns the value or raises CellError.

Parsers only read; the rules a value must meet (ranges, allowed values, keys) are the schema's (validation.py).

Money becomes integer won exactly: numbers go through Decimal, never float arithmetic.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .contract import Kind

# Excel stores numbers as binary floats; a computed cell can be off by ~1e-9. Below this, it is float noise.
FLOAT_NOISE_WON = Decimal("0.000001")
# A dash or similar in a number cell is how Korean reports write zero.
ZERO_MARKS = {"-", "–", "—", "－"}
_NUMBER_DECORATION = re.compile(r"[,\s₩￦원명개사㎡°]|m2$")
_YEAR = re.compile(r"^(\d{4})\s*년?$")
_MONTH_NUMBER = re.compile(r"^(\d{1,2})\s*월?$")
_PHASE = re.compile(r"^(\d)\s*(단계|차)?$")
_YEAR_MONTH = re.compile(r"^(\d{4})\s*(?:[-./]|년)\s*(\d{1,2})\s*(?:월)?\.?(?:\s*(?:[-./]|\s)\s*(\d{1,2})\s*(?:일)?\.?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; the message is Korean and shown to the user."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def display(value: object) -> str:
    """The cell as the user sees it in the file (for messages and provenance)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    return str(value).strip()


def to_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise CellError("숫자가 아닌 값입니다")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError("숫자가 아닌 값입니다")
        return Decimal(repr(value))
    if isinstance(value, (dt.date, dt.time)):
        raise CellError(f"숫자 칸에 날짜가 들어 있습니다: '{display(value)}'")
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if text in ZERO_MARKS:
        return Decimal(0)
    negative = text.startswith("(") and text.endswith(")")
    cleaned = _NUMBER_DECORATION.sub("", text.strip("()"))
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(f"숫자가 아닌 값입니다: '{display(value)}'") from None
    if not number.is_finite():
        raise CellError(f"숫자가 아닌 값입니다: '{display(value)}'")
    return -number if negative else number


def to_won(value: object, won_per_unit: int) -> int:
    amount = to_decimal(value) * won_per_unit
    whole = amount.to_integral_value()
    if abs(amount - whole) > FLOAT_NOISE_WON:
        raise CellError(f"원 단위 아래의 금액입니다: '{display(value)}' (1원 미만은 받을 수 없습니다)")
    return int(whole)


def to_count(value: object) -> int:
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise CellError(f"정수가 아닙니다: '{display(value)}'")
    return int(number)


def to_number(value: object) -> float:
    return float(to_decimal(value))


def to_year(value: object) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        year = int(value)
    else:
        match = _YEAR.match(unicodedata.normalize("NFKC", display(value)))
        if not match:
            raise CellError(f"연도를 읽을 수 없습니다: '{display(value)}' (예: 2025)")
        year = int(match.group(1))
    return year


def to_month_number(value: object) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        month = int(value)
    else:
        match = _MONTH_NUMBER.match(unicodedata.normalize("NFKC", display(value)))
        if not match:
            raise CellError(f"월을 읽을 수 없습니다: '{display(value)}' (1~12)")
        month = int(match.group(1))
    return month


def to_phase(value: object) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    match = _PHASE.match(unicodedata.normalize("NFKC", display(value)))
    if not match:
        raise CellError(f"단계를 읽을 수 없습니다: '{display(value)}' (예: 1, 2단계)")
    return int(match.group(1))


def _calendar_parts(value: object) -> tuple[int, int, int | None]:
    """(year, month, day or None) from an Excel date or a date as Koreans write it."""
    if isinstance(value, dt.datetime):
        return value.year, value.month, value.day
    if isinstance(value, dt.date):
        return value.year, value.month, value.day
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", display(value)).rstrip(".")
    match = _YEAR_MONTH.match(text)
    if match:
        day = match.group(3)
        return int(match.group(1)), int(match.group(2)), int(day) if day else None
    match = _COMPACT_DATE.match(text)
    if match:
        day = match.group(3)
        return int(match.group(1)), int(match.group(2)), int(day) if day else None
    raise CellError(f"날짜를 읽을 수 없습니다: '{display(value)}' (예: 2025-03, 2025.03, 2025년 3월)")


def to_month(value: object) -> dt.date:
    """The first day of the calendar month the cell names."""
    year, month, day = _calendar_parts(value)
    return _checked_date(value, year, month, day or 1).replace(day=1)


def to_date(value: object) -> dt.date:
    year, month, day = _calendar_parts(value)
    if day is None:
        raise CellError(f"날짜에 일(日)이 없습니다: '{display(value)}' (예: 2025-09-30)")
    return _checked_date(value, year, month, day)


def _checked_date(value: object, year: int, month: int, day: int) -> dt.date:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise CellError(f"없는 날짜입니다: '{display(value)}'") from None
    return date


def to_text(value: object) -> str:
    return unicodedata.normalize("NFC", display(value))


def parse_cell(value: object, kind: Kind, won_per_unit: int = 1) -> object:
    """The cell read as `kind`. Blank cells are the caller's concern."""
    match kind:
        case Kind.MONEY:
            return to_won(value, won_per_unit)
        case Kind.COUNT:
            return to_count(value)
        case Kind.NUMBER:
            return to_number(value)
        case Kind.YEAR:
            return to_year(value)
        case Kind.MONTH_NUMBER:
            return to_month_number(value)
        case Kind.PHASE:
            return to_phase(value)
        case Kind.MONTH:
            return to_month(value)
        case Kind.DATE:
            return to_date(value)
        case Kind.LATITUDE | Kind.LONGITUDE:
            return to_number(value)
        case _:
            return to_text(value)
