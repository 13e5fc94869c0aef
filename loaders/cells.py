"""Reading one cell as the value its column holds. Each parser returns the value or raises CellError.

Parsers only read; the rules a value must meet (ranges, allowed values, keys) are the schema's (validation.py).

Money becomes integer won exactly: numbers go through Decimal, never float arithmetic.

A number stored as text is read exactly as written. A number cell (a binary float) is read as the shortest
decimal that gives back the same float, which is what the file wrote; but Excel itself keeps only 15
significant digits, and formula cells carry binary noise beyond them (0.1+0.2 is stored as
0.30000000000000004), so a fractional number cell with more digits is read as Excel shows it, rounded to 15
significant digits. Whatever is left below 1 won after that is a real fraction of a won and is refused.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, localcontext

from present.cell_safety import unneutralise

from .contract import Kind
from .headers import UNITS

# Excel keeps 15 significant digits; digits beyond them in a number cell are binary noise.
EXCEL_DIGITS = 15
# Integers are stored as int64: anything larger is a typo, not a figure (and must not overflow silently).
LARGEST = 2**63 - 1
# Every integer below 2**53 is a float exactly, and its shortest repr has no other digits.
EXACT_FLOAT_INTEGERS = 2**53
# A dash or similar in a number cell is how Korean reports write zero.
ZERO_MARKS = {"-", "–", "—", "－"}
# Korean accounting writes a negative amount as △1,000.
NEGATIVE_MARKS = ("△",)
# Words that may follow a number: a money unit (checked against the column's unit) or a counter word.
_MONEY_SUFFIX = re.compile(rf"^(.*?)\s*({'|'.join(sorted(UNITS, key=len, reverse=True))})$", re.IGNORECASE)
_COUNTER_SUFFIX = re.compile(r"\s*(명|개사|개|사|인|㎡|m2|m²|°)$")
_CURRENCY_PREFIX = re.compile(r"^[₩\\]\s*")
# A plain decimal number: digits with correct thousands separators (1,234,567 or 1 234 567), optional decimals.
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)?(?:\.\d*)?$")
_SCIENTIFIC = re.compile(r"^[+-]?[\d.,]+e[+-]?\d+$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})\s*(?:년도|년)?$")
_MONTH_NUMBER = re.compile(r"^(\d{1,2})\s*월?$")
_PHASE = re.compile(r"^(\d)\s*(단계|차)?$")
# 2025-03, 2025.03, 2025/3, 2025. 9. 30, 2025-09-30 (one separator throughout)
_SEPARATED_DATE = re.compile(r"^(\d{4})\s*([-./])\s*(\d{1,2})(?:\s*\2\s*(\d{1,2}))?$")
# 2025년 3월, 2025년3월, 2025년 9월 30일
_KOREAN_DATE = re.compile(r"^(\d{4})\s*년\s*(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; the message is Korean and shown to the user."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def display(value: object) -> str:
    """The cell as the user sees it in the file (for messages and provenance)."""
    if value is None:
        return ""
    if type(value) is str:
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    return str(value).strip()


def to_decimal(value: object) -> Decimal:
    """The number in a cell, exactly: as written for text, the file's shortest decimal for a number cell."""
    return _number_and_unit(value)[0]


def _number_and_unit(value: object) -> tuple[Decimal, int | None]:
    """(number, won per unit named in the cell itself, e.g. "1,500천원"; None when the cell names none)."""
    if isinstance(value, bool):
        raise CellError("숫자가 아닌 값입니다")
    if isinstance(value, int):
        return Decimal(value), None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError("숫자가 아닌 값입니다")
        return _as_excel_shows(value), None
    if isinstance(value, (dt.date, dt.time)):
        raise CellError(f"숫자 칸에 날짜가 들어 있습니다: '{display(value)}'")
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if text in ZERO_MARKS:
        return Decimal(0), None
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    elif text.startswith(NEGATIVE_MARKS):
        negative, text = True, text[1:].strip()
    text = _CURRENCY_PREFIX.sub("", text)
    unit = None
    money = _MONEY_SUFFIX.match(text)
    if money and money.group(1):
        text, unit = money.group(1), UNITS[money.group(2).lower()]
    else:
        text = _COUNTER_SUFFIX.sub("", text)
    if _SCIENTIFIC.match(text):
        raise CellError(
            f"지수 표기 숫자입니다: '{display(value)}'. 엑셀이 자릿수를 줄여 저장했을 수 있으니, "
            "셀 서식을 '숫자'로 바꾸고 다시 저장해 주세요"
        )
    if not _PLAIN_NUMBER.match(text) or not any(ch.isdigit() for ch in text):
        raise CellError(f"숫자가 아닌 값입니다: '{display(value)}'")
    number = Decimal(text.replace(",", "").replace(" ", ""))
    return (-number if negative else number), unit


def _as_excel_shows(value: float) -> Decimal:
    """A number cell as a decimal: exactly as the file wrote it, or at Excel's 15 digits if it wrote noise."""
    number = Decimal(repr(value))
    if value.is_integer() or len(number.as_tuple().digits) <= EXCEL_DIGITS:
        return number
    exponent = number.adjusted() - EXCEL_DIGITS + 1
    return number.quantize(Decimal(1).scaleb(exponent)).normalize()


def _checked_int(number: Decimal | int, value: object, what: str) -> int:
    if not -LARGEST <= number <= LARGEST:
        raise CellError(f"{what}이 너무 큽니다: '{display(value)}' (단위나 자릿수를 확인해 주세요)")
    return int(number)


def to_won(value: object, won_per_unit: int) -> int:
    if type(value) is int or (type(value) is float and value.is_integer() and abs(value) < EXACT_FLOAT_INTEGERS):
        # A whole number cell below 2**53 is written exactly as its float: the product is exact in integers.
        return _checked_int(int(value) * won_per_unit, value, "금액")
    number, cell_unit = _number_and_unit(value)
    if cell_unit is not None and cell_unit != won_per_unit:
        raise CellError(f"칸에 적힌 단위가 열의 단위({_unit_name(won_per_unit)})와 다릅니다: '{display(value)}'")
    with localcontext() as exact:  # enough digits that the product is never rounded (default: 28)
        exact.prec = len(number.as_tuple().digits) + len(str(won_per_unit)) + 2
        amount = number * won_per_unit
    if amount != amount.to_integral_value():
        raise CellError(f"원 단위 아래의 금액입니다: '{display(value)}' (1원 미만은 받을 수 없습니다)")
    return _checked_int(amount, value, "금액")


def _unit_name(won_per_unit: int) -> str:
    return next((name for name, won in UNITS.items() if won == won_per_unit and name != "krw"), f"{won_per_unit}원")


def to_count(value: object) -> int:
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise CellError(f"정수가 아닙니다: '{display(value)}'")
    return _checked_int(number, value, "숫자")


def to_number(value: object) -> float:
    return float(to_decimal(value))


def _integral(value: object) -> int | None:
    """A number cell holding a whole number of sensible size (years, months, phases), else None."""
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and float(value).is_integer()
        and abs(value) < 10**9
    ):
        return int(value)
    return None


def to_year(value: object) -> int:
    year = _integral(value)
    if year is None:
        match = _YEAR.match(unicodedata.normalize("NFKC", display(value)))
        if not match:
            raise CellError(f"연도를 읽을 수 없습니다: '{display(value)}' (예: 2025)")
        year = int(match.group(1))
    return year


def to_month_number(value: object) -> int:
    month = _integral(value)
    if month is None:
        match = _MONTH_NUMBER.match(unicodedata.normalize("NFKC", display(value)))
        if not match:
            raise CellError(f"월을 읽을 수 없습니다: '{display(value)}' (1~12)")
        month = int(match.group(1))
    return month


def to_phase(value: object) -> int:
    phase = _integral(value)
    if phase is not None:
        return phase
    match = _PHASE.match(unicodedata.normalize("NFKC", display(value)))
    if not match:
        raise CellError(f"단계를 읽을 수 없습니다: '{display(value)}' (예: 1, 2단계)")
    return int(match.group(1))


def _calendar_parts(value: object) -> tuple[int, int, int | None]:
    """(year, month, day or None) from an Excel date or a date as Koreans write it."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.year, value.month, value.day
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float) and re.fullmatch(r"\d{4}\.1", repr(value)):
        # 2025.10 typed into a number cell is stored as 2025.1: October and January look the same.
        raise CellError(
            f"숫자로 저장된 연월은 10월과 1월을 구분할 수 없습니다: '{display(value)}'. '2025-10'처럼 글자로 적어 주세요"
        )
    text = unicodedata.normalize("NFKC", display(value)).rstrip(".").strip()
    for pattern, groups in ((_SEPARATED_DATE, (1, 3, 4)), (_KOREAN_DATE, (1, 2, 3)), (_COMPACT_DATE, (1, 2, 3))):
        match = pattern.match(text)
        if match:
            year, month, day = (match.group(g) for g in groups)
            return int(year), int(month), int(day) if day else None
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
    """The cell's text, NFC; a leading apostrophe that marks a formula-like text as text ("'=1+1", as the app's
    own files write it: present.cell_safety) is the spreadsheet's marker, not part of the text."""
    return unneutralise(unicodedata.normalize("NFC", display(value)))


def parse_cell(value: object, kind: Kind, won_per_unit: int = 1) -> object:
    """The cell read as `kind`. Blank cells are the caller's concern."""
    return cell_parser(kind, won_per_unit)(value)


def cell_parser(kind: Kind, won_per_unit: int = 1) -> Callable[[object], object]:
    """The function that reads a cell as `kind` (chosen once per column, called for each of its cells)."""
    if kind is Kind.MONEY:
        return lambda value: to_won(value, won_per_unit)
    return _PARSERS.get(kind, to_text)


_PARSERS: dict[Kind, Callable[[object], object]] = {
    Kind.COUNT: to_count,
    Kind.NUMBER: to_number,
    Kind.YEAR: to_year,
    Kind.MONTH_NUMBER: to_month_number,
    Kind.PHASE: to_phase,
    Kind.MONTH: to_month,
    Kind.DATE: to_date,
    Kind.LATITUDE: to_number,
    Kind.LONGITUDE: to_number,
}
