"""How a routine file grows a dataset: the period each row speaks for, and which stored rows an import replaces.

Each month staff download *this month's* or *this year's to-date* figures. An import replaces the stored rows of
the periods its file covers and keeps every other row, so the stored version stays the whole dataset:

- jobs: a month (기준월); targets: a year; events: a date; companies: a snapshot (기준일).
- budget: a month of a year when the file has months; a year *as of a date* for a cumulative (year-to-date)
  export (its 기준일); else a whole year. A year is held one way: a file that holds it another way replaces
  all of the year's stored rows; a year-to-date file replaces only the snapshot of its own date, so successive
  exports (October, then November) stay as points of the year's S-curve.
- sites and parcels are registers: a file replaces the register.

Pure: frames in, a plan out. No store, no Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .columns import with_all_columns
from .contract import DATASETS

PERIODS, EVERYTHING = "periods", "all"  # the two ways an import can replace stored rows

# How a budget year is held: by month, as of a date (year-to-date exports), or as one whole-year figure.
MONTHLY, SNAPSHOT, ANNUAL = "month", "snapshot", "year"


@dataclass(frozen=True, order=True)
class Period:
    """One period a row speaks for. `kind` is MONTHLY, SNAPSHOT, ANNUAL (budget), or the dataset's period column."""

    kind: str
    year: int | None = None
    month: int | None = None
    day: dt.date | None = None


@dataclass(frozen=True)
class ImportPlan:
    """What an import will do to the stored rows, for the preview sentence and for the store to carry out."""

    dataset: str
    replace: str  # PERIODS or EVERYTHING (a register, or the staffer's choice)
    file_rows: int
    covered: tuple[Period, ...] = ()  # the periods of the file's rows
    new: tuple[Period, ...] = ()  # periods the file brings that the store does not have
    replaced: tuple[Period, ...] = ()  # stored periods the file's rows take the place of
    kept: tuple[Period, ...] = ()  # stored periods left as they are
    replaced_rows: int = 0
    kept_rows: int = 0
    keep: tuple[bool, ...] = field(default=(), repr=False)  # per stored row (in stored order): kept?

    @property
    def total_rows(self) -> int:
        return self.kept_rows + self.file_rows


class UnreadablePeriods(ValueError):
    """The file's rows do not say which period they speak for (the message is Korean, for the staffer)."""


def _value(value: Any) -> Any:  # a frame cell
    return None if value is None or pd.isna(value) else value


def row_periods(dataset: str, frame: pd.DataFrame) -> list[Period]:
    """The period of each row of `frame` (a dataset's canonical frame), in row order."""
    columns = DATASETS[dataset].period
    if not columns:
        return [Period("register")] * len(frame)
    frame = with_all_columns(dataset, frame)  # a file may have left out month or 기준일
    if dataset == "budget":
        periods = []
        for year, month, as_of in zip(frame["year"], frame["month"], frame["as_of"], strict=True):
            year, month, as_of = int(year), _value(month), _value(as_of)
            if month is not None:
                periods.append(Period(MONTHLY, year, int(month)))
            elif as_of is not None:
                periods.append(Period(SNAPSHOT, year, day=pd.Timestamp(as_of).date()))
            else:
                periods.append(Period(ANNUAL, year))
        return periods
    (column,) = columns
    values = frame[column]
    if column == "year":
        return [Period(column, int(v)) for v in values]
    if column == "month":
        return [Period(column, pd.Timestamp(v).year, pd.Timestamp(v).month) for v in values]
    return [Period(column, pd.Timestamp(v).year, pd.Timestamp(v).month, pd.Timestamp(v).date()) for v in values]


def _year_kinds(periods: set[Period]) -> dict[int | None, str]:
    """How the file holds each budget year: by month if any of its rows has a month, else as of a date, else whole."""
    order = {MONTHLY: 0, SNAPSHOT: 1, ANNUAL: 2}
    kinds: dict[int | None, str] = {}
    for p in sorted(periods, key=lambda p: order.get(p.kind, 3)):
        kinds.setdefault(p.year, p.kind)
    return kinds


def _replaced_by(stored: Period, incoming: set[Period], incoming_kinds: dict[int | None, str]) -> bool:
    if stored.kind not in (MONTHLY, SNAPSHOT, ANNUAL):
        return stored in incoming
    kind = incoming_kinds.get(stored.year)
    if kind is None:
        return False  # the file says nothing about this year
    if kind != stored.kind or kind == ANNUAL:
        return True  # the year is now held another way (or as one figure): its earlier rows all go
    return stored in incoming


def check_readable(dataset: str, frame: pd.DataFrame, today: dt.date) -> None:
    """Refuse a budget file whose amounts for a year not yet over say neither month nor 기준일: they could be the
    year's plan or its spending to some unknown date, and the pages would read them as the whole year."""
    if dataset != "budget":
        return
    undated = sorted(
        {
            p.year
            for p in row_periods(dataset, frame)
            if p.kind == ANNUAL and p.year is not None and p.year >= today.year
        }
    )
    if undated:
        years = ", ".join(f"{y}년" for y in undated)
        raise UnreadablePeriods(
            f"{years} 금액에 월도 기준일도 없어 언제 기준의 금액인지 알 수 없습니다. 누계(연초부터 지금까지) 자료라면 "
            f"표 위에 '(기준일: {today.year}. {today.month}. {today.day}.)'처럼 적거나 올릴 때 기준일을 골라 주세요. "
            "월별 자료라면 '월' 열을 넣어 주세요. (아무것도 저장하지 않았습니다)"
        )


def unfinished_months(dataset: str, frame: pd.DataFrame, today: dt.date) -> list[Period]:
    """The file's months that had not ended by `today` (a December file uploaded on 8 December): their figures are
    partial, as of the upload date, and the pages count that month's elapsed days, not the whole month
    (metrics.as_of.closed_or_partial)."""
    if not DATASETS[dataset].period:
        return []
    return sorted(
        {
            p
            for p in row_periods(dataset, frame)
            if p.kind in (MONTHLY, "month")
            and p.year is not None
            and p.month is not None
            and (p.year, p.month) >= (today.year, today.month)
            and today < _month_last_day(p.year, p.month)
        }
    )


def _month_last_day(year: int, month: int) -> dt.date:
    return (pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(0)).date()


def plan_import(
    dataset: str, stored: pd.DataFrame | None, incoming: pd.DataFrame, replace: str = PERIODS
) -> ImportPlan:
    """Which stored rows an import of `incoming` keeps, and the periods it adds, replaces and leaves alone."""
    if replace not in (PERIODS, EVERYTHING):
        raise ValueError(f"replace must be {PERIODS!r} or {EVERYTHING!r}, not {replace!r}")
    if not DATASETS[dataset].period:
        replace = EVERYTHING  # a register: the file is the whole register
    file_periods = set(row_periods(dataset, incoming))
    if stored is None or stored.empty:
        return ImportPlan(
            dataset, replace, len(incoming), covered=tuple(sorted(file_periods)), new=tuple(sorted(file_periods))
        )
    stored_periods = row_periods(dataset, stored)
    kinds = _year_kinds(file_periods)
    if replace == EVERYTHING:
        keep = [False] * len(stored)
    else:
        keep = [not _replaced_by(p, file_periods, kinds) for p in stored_periods]
    gone = {p for p, k in zip(stored_periods, keep, strict=True) if not k}
    kept = {p for p, k in zip(stored_periods, keep, strict=True) if k}
    # A file period is new when it takes the place of no stored period (a year held another way counts as taken).
    new = {p for p in file_periods if p not in kept and not any(_replaced_by(q, {p}, kinds) for q in gone)}
    return ImportPlan(
        dataset,
        replace,
        len(incoming),
        covered=tuple(sorted(file_periods)),
        new=tuple(sorted(new)),
        replaced=tuple(sorted(gone)),
        kept=tuple(sorted(kept - file_periods)),
        replaced_rows=keep.count(False),
        kept_rows=keep.count(True),
        keep=tuple(keep),
    )


def merged(stored: pd.DataFrame | None, incoming: pd.DataFrame, plan: ImportPlan) -> pd.DataFrame:
    """The dataset as the import will leave it (the kept stored rows, then the file's), for the preview's comparison.
    The store builds the same rows itself; `source_row` here is not yet a reference (see store/row_refs.py)."""
    if stored is None or not any(plan.keep):
        return incoming
    return pd.concat([stored[list(plan.keep)], incoming], ignore_index=True)


# --- the plan in words ----------------------------------------------------------------------------------------


def _ranges(numbers: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if out and n == out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def _span(first: int, last: int, unit: str) -> str:
    return f"{first}{unit}" if first == last else f"{first}~{last}{unit}"


def _date_ko(day: dt.date) -> str:
    return f"{day.year}. {day.month}. {day.day}."


def _date_en(day: dt.date) -> str:
    return day.strftime("%-d %b %Y")


def _year_span(first: int, last: int, lang: str) -> str:
    if lang == "ko":
        return _span(first, last, "년")
    return str(first) if first == last else f"{first}–{last}"


def _month_spans(year: int, months: list[int], lang: str) -> str:
    spans = _ranges(months)
    if lang == "ko":
        return f"{year}년 {'·'.join(_span(a, b, '') for a, b in spans)}월"
    name = lambda m: dt.date(year, m, 1).strftime("%b")  # noqa: E731
    return ", ".join(name(a) if a == b else f"{name(a)}–{name(b)}" for a, b in spans) + f" {year}"


def describe_periods(periods: tuple[Period, ...] | list[Period], lang: str = "ko") -> str:
    """ "2020~2025년, 2026년 1~10월", "2026년(2026. 10. 31. 기준)": a set of periods as Koreans write them (or in
    English). Months that fill a whole year are written as the year."""
    periods = sorted(set(periods))
    months: dict[int, list[int]] = {}
    for p in periods:
        if p.kind in (MONTHLY, "month") and p.year is not None and p.month is not None:
            months.setdefault(p.year, []).append(p.month)
    whole_years = {p.year for p in periods if p.kind in (ANNUAL, "year") and p.year is not None}
    whole_years |= {year for year, numbers in months.items() if len(set(numbers)) == 12}
    dated = [(a, _year_span(a, b, lang)) for a, b in _ranges(list(whole_years))]
    dated += [(year, _month_spans(year, numbers, lang)) for year, numbers in months.items() if year not in whole_years]
    parts = [text for _, text in sorted(dated, key=lambda item: item[0])]
    snapshots = [(p.year, p.day) for p in periods if p.kind == SNAPSHOT and p.day is not None]
    for year, day in snapshots:
        parts.append(f"{year}년({_date_ko(day)} 기준)" if lang == "ko" else f"{year} (as of {_date_en(day)})")
    days = sorted(p.day for p in periods if p.kind in ("as_of", "date") and p.day is not None)
    if days:
        as_of = any(p.kind == "as_of" for p in periods)
        if len(days) <= 3:
            listed = ", ".join(_date_ko(d) if lang == "ko" else _date_en(d) for d in days)
        elif lang == "ko":
            listed = f"{_date_ko(days[0])}~{_date_ko(days[-1])}의 {len(days)}개 {'시점' if as_of else '날짜'}"
        else:
            listed = f"{len(days)} {'snapshots' if as_of else 'dates'}, {_date_en(days[0])}–{_date_en(days[-1])}"
        parts.append(listed + (" 기준" if as_of and lang == "ko" and len(days) <= 3 else ""))
        if as_of and lang != "ko" and len(days) <= 3:
            parts[-1] = "as of " + parts[-1]
    if any(p.kind == "register" for p in periods):
        parts.append("목록 전체" if lang == "ko" else "the whole register")
    return ", ".join(parts)


def describe_plan(plan: ImportPlan, lang: str = "ko") -> str:
    """The preview's sentence, e.g. "2026년 10월 36행을 새 파일의 행으로 바꾸고, 2020~2025년 1,572행은 그대로 둡니다."."""
    ko = lang == "ko"
    file_rows, kept_rows, replaced_rows = f"{plan.file_rows:,}", f"{plan.kept_rows:,}", f"{plan.replaced_rows:,}"
    if plan.replace == EVERYTHING and plan.replaced_rows:
        stored, covered = describe_periods(plan.replaced, lang), describe_periods(plan.covered, lang)
        if ko:
            return (
                f"저장된 {stored} {replaced_rows}행을 모두 새 파일의 {covered} {file_rows}행으로 바꿉니다. "
                "이전 버전은 기록에 그대로 남습니다."
            )
        return (
            f"All {replaced_rows} stored rows ({stored}) are replaced by the file's {file_rows} rows ({covered}). "
            "Earlier versions stay in the history."
        )
    if ko:
        clauses: list[tuple[str, str]] = []  # (continuing form, final form) of each verb phrase
        if plan.replaced:
            what = f"{describe_periods(plan.replaced, lang)} {replaced_rows}행을 새 파일의 행으로"
            clauses.append((f"{what} 바꾸고", f"{what} 바꿉니다"))
        if plan.new:
            what = describe_periods(plan.new, lang)
            what = f"{what}{_object_particle(what)} 새로"
            clauses.append((f"{what} 더하고", f"{what} 더합니다"))
        if plan.kept_rows:
            head = ", ".join(c for c, _ in clauses)
            return f"{head}, {describe_periods(plan.kept, lang)} {kept_rows}행은 그대로 둡니다."
        return ", ".join([c for c, _ in clauses[:-1]] + [clauses[-1][1]]) + f" (새 파일 {file_rows}행)."
    phrases: list[str] = []
    if plan.replaced:
        phrases.append(
            f"replaces the {replaced_rows} stored rows of {describe_periods(plan.replaced, lang)} with the file's rows"
        )
    if plan.new:
        phrases.append(f"adds {describe_periods(plan.new, lang)}")
    sentence = f"This import {' and '.join(phrases)} ({file_rows} rows in the file)"
    if plan.kept_rows:
        sentence += f", and keeps the {kept_rows} rows of {describe_periods(plan.kept, lang)} as they are"
    return sentence + "."


def _object_particle(text: str) -> str:
    """을/를 after `text` ("…10월" → 을, "…기준" → 을, "2026년" → 을): a final consonant takes 을, a vowel 를."""
    last = text.rstrip(".)")[-1:] if text else ""
    if "가" <= last <= "힣":
        return "을" if (ord(last) - ord("가")) % 28 else "를"
    return "을" if last in "013678" else "를"
