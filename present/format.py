"""Numbers and dates as the readers write them: 억원/조원 and 2025년 3월 in Korean, KRW billions in English.

Rounding is decimal half-up on exact integer won, never float arithmetic.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from store import row_refs

EOK = 10**8  # 억
JO = 10**12  # 조
MAN = 10**4  # 만
BILLION = 10**9


def _rounded(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _fixed(value: Decimal, places: int) -> str:
    """Rounded half-up to `places` decimals, with thousands separators: "1,235.30"."""
    return f"{_rounded(value, places):,.{places}f}"


def _grouped(value: Decimal, places: int) -> str:
    text = _fixed(value, places)
    return text.rstrip("0").rstrip(".") if places else text


def money(krw: float | None, lang: str = "ko") -> str:
    """Short money for tiles and axes: "1,619.4억원", "1.21조원", "9,500만원"; "KRW 161.9 bn" in English."""
    if krw is None:
        return "–"
    krw = int(krw)
    sign = "-" if krw < 0 else ""
    amount = Decimal(abs(krw))
    if lang == "en":
        if amount >= BILLION:
            return f"{sign}KRW {_grouped(amount / BILLION, 1)} bn"
        if amount >= 10**6:
            return f"{sign}KRW {_grouped(amount / 10**6, 1)} m"
        return f"{sign}KRW {abs(krw):,}"
    if amount >= JO:
        return f"{sign}{_grouped(amount / JO, 2)}조원"
    if amount >= EOK:
        return f"{sign}{_grouped(amount / EOK, 1)}억원"
    if amount >= MAN:
        return f"{sign}{_grouped(amount / MAN, 0)}만원"
    return f"{sign}{krw:,}원"


def money_exact(krw: float | None, lang: str = "ko") -> str:
    """Exact won with separators, for tables and provenance: "161,937,000,000원"."""
    if krw is None:
        return "–"
    return f"KRW {int(krw):,}" if lang == "en" else f"{int(krw):,}원"


def eok(krw: int) -> float:
    """Won → 억원 as a float, for chart axes only (figures people read use `money`)."""
    return int(krw) / EOK


def percent(ratio: float | None, places: int = 1, *, trim: bool = False) -> str:
    """ "81.0%", "79.6%": always `places` decimals, so measured rates side by side line up and compare. `trim`
    drops trailing zeros, for set values such as a target ("목표 90%", "92.5%")."""
    if ratio is None:
        return "–"
    value = Decimal(repr(float(ratio))) * 100
    return f"{_grouped(value, places) if trim else _fixed(value, places)}%"


def points(delta: float | None, places: int = 1, lang: str = "ko") -> str:
    """A difference of two ratios in percentage points: "+3.2%p"."""
    if delta is None:
        return "–"
    text = _fixed(Decimal(repr(float(delta))) * 100, places)
    sign = "+" if delta > 0 else ""
    return f"{sign}{text}{'%p' if lang == 'ko' else ' pp'}"


# How a digit is read in Korean decides the particle after a number: 3(삼)으로, 6(육)으로, 0(영)으로; the others
# end in a vowel or ㄹ: 1(일)로, 2(이)로.
_DIGITS_ENDING_IN_CONSONANT = "036"


def ro(word: object) -> str:
    """The particle 으로/로 that follows `word`: "1,235.3억원" → "으로", "버전 2" → "로", "버전 3" → "으로".
    로 after a vowel or ㄹ, 으로 after any other final consonant; digits as they are read (1 일 → 로)."""
    text = str(word).rstrip(" )]")
    if not text or text.endswith(("%", "%p")):  # 퍼센트, 퍼센트포인트
        return "로"
    last = text[-1]
    if "가" <= last <= "힣":
        final = (ord(last) - ord("가")) % 28
        return "로" if final in (0, 8) else "으로"  # 8: ㄹ
    if last in "0123456789":  # 10 십, 100 백, 1000 천 end in consonants too: any final 0 takes 으로
        return "으로" if last in _DIGITS_ENDING_IN_CONSONANT else "로"
    return "로"


ENGLISH_SINGULAR = {"companies": "company", "people": "person", "agreements": "agreement"}


def count(n: float | None, unit: str = "", lang: str = "ko") -> str:
    """ "40개사" in Korean; "40 companies", "1 company" in English."""
    if n is None:
        return "–"
    if lang == "ko":
        return f"{int(n):,}{unit}"
    if abs(int(n)) == 1:
        unit = ENGLISH_SINGULAR.get(unit, unit)
    return f"{int(n):,}{(' ' + unit) if unit else ''}"


def month_label(value: dt.date | None, lang: str = "ko") -> str:
    """ "2025년 3월" / "Mar 2025"."""
    if value is None:
        return "–"
    return value.strftime("%b %Y") if lang == "en" else f"{value.year}년 {value.month}월"


def source_rows(references, lang: str = "ko") -> list[str | None]:
    """Rows as a person finds them in the uploaded files: "12" in the version's own file, "12 (버전 3 파일)" for a
    row a period import kept from an earlier upload (store/row_refs.py). Missing stays missing."""
    out: list[str | None] = []
    for reference in references:
        if reference is None or pd.isna(reference):
            out.append(None)
            continue
        row, origin = row_refs.excel_row(int(reference)), row_refs.origin(int(reference))
        if origin is None:
            out.append(str(row))
        else:
            out.append(f"{row} (버전 {origin} 파일)" if lang == "ko" else f"{row} (file of version {origin})")
    return out


def date_label(value: dt.date | None, lang: str = "ko") -> str:
    """ "2025. 9. 30." as Korean official documents write dates / "30 Sep 2025"."""
    if value is None:
        return "–"
    if lang == "en":
        return f"{value.day} {value.strftime('%b %Y')}"
    return f"{value.year}. {value.month}. {value.day}."


def quarter_label(value: dt.date, lang: str = "ko") -> str:
    quarter = (value.month - 1) // 3 + 1
    return f"{value.year} Q{quarter}" if lang == "en" else f"{value.year}년 {quarter}분기"


SEOUL = dt.timezone(dt.timedelta(hours=9), "KST")  # Korea has no daylight saving time


def datetime_label(value: dt.datetime | None, lang: str = "ko") -> str:
    """A stored UTC time as Seoul time: "2026. 11. 25. 18:29"."""
    if value is None:
        return "–"
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    local = value.astimezone(SEOUL)
    return f"{date_label(local.date(), lang)} {local:%H:%M}"


def figure_value(
    value: int | float | None,
    unit: str,
    lang: str = "ko",
    exact: bool = False,
    signed: bool = False,
    tile: bool = False,
) -> str:
    """A figure formatted by its unit: "krw" (short or exact won), "ratio", "people", "companies", "count".

    `signed` puts "+" before positive values (changes against a previous period). `tile`: the figure sits under a
    label that names what is counted, so English drops the noun ("40", not "40 companies"; Korean keeps "40개사")."""
    if value is None:
        return "–"
    if signed and value > 0 and unit != "points":
        return "+" + figure_value(value, unit, lang, exact, tile=tile)
    if tile and lang == "en" and unit in ("people", "companies", "agreements"):
        return f"{int(value):,}"
    if unit == "krw":
        return money_exact(value, lang) if exact else money(value, lang)
    if unit == "ratio":
        return percent(value)
    if unit == "points":
        return points(value, lang=lang)
    suffix = {"people": ("명", "people"), "companies": ("개사", "companies"), "agreements": ("건", "agreements")}.get(
        unit
    )
    if suffix:
        return count(value, suffix[0] if lang == "ko" else suffix[1], lang)
    return f"{value:,}"


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def count_cell(n: Any, unit: str = "", lang: str = "ko") -> str:
    """`count` of a table or frame value: NaN and <NA> are missing ("–")."""
    return count(None if _missing(n) else int(n), unit, lang)


def money_cell(krw: Any, lang: str = "ko") -> str:
    """`money` of a table or frame value: NaN and <NA> are missing ("–")."""
    return money(None if _missing(krw) else int(krw), lang)


def count_change(change: int | None, unit: str = "", lang: str = "ko") -> int | str | None:
    """A tile's change in a count: None (no delta), 0 (shown as no change), or signed with separators, the unit
    in Korean only: "+3명", "-1,204개사"; "+3", "-1,204" in English."""
    if change is None:
        return None
    if change == 0:
        return 0
    return f"{int(change):+,}{unit if lang == 'ko' else ''}"


def target_count(target: float, unit: str = "", lang: str = "ko") -> str:
    """A count target as configured: "940명" ("940" in English); a fractional target keeps its decimals."""
    number = f"{int(target):,}" if float(target).is_integer() else f"{target:,}"
    return f"{number}{unit}" if lang == "ko" else number


def eok_text(krw: Any) -> str:
    """Exact won in 억원 (KRW 100 million) with one decimal, rounded half-up: "661", "0.5", "8,150"."""
    value = (Decimal(int(krw)) / EOK).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value:,.1f}".removesuffix(".0")
