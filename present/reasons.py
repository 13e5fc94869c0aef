"""부진 사유·대책 as text for the pages, the slide and the PDF: plain strings (never markup; the caller escapes
for its medium), and the file a save from the app's form stores (the dataset's template headers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from loaders.contract import DATASETS
from metrics import reasons as m

from . import format as fmt
from .cell_safety import csv_bytes
from .i18n import translate
from .shown_table import ShownFrame, shown_frame


@dataclass(frozen=True)
class ReasonItem:
    """One lagging programme with its 사유·대책, as lines of plain text."""

    program: str
    figure: str  # "40.1% (−51.6%p)": the programme's execution rate and pace gap, when given
    reason: str  # "사유: …", or "" when none was ever written
    action: str  # "대책: … (완료 예정 2026. 12. 7. · 조치 중)"
    source: str  # "2026년 11월 · 인공지능산업과"
    flags: tuple[str, ...]  # "사유 미입력", "대책 완료 예정일(2026. 10. 27.) 지남"


def status_label(status: str, lang: str) -> str:
    return translate(f"reasons.status.{status}", lang) if status in ("조치 중", "완료") else status


def flags(row: Any, lang: str) -> tuple[str, ...]:
    out = []
    if row.missing:
        out.append(translate("reasons.missing", lang))
    if row.overdue:
        out.append(translate("reasons.overdue", lang, due=fmt.date_label(row.due, lang)))
    return tuple(out)


def items(rows: pd.DataFrame, lang: str, figures: dict[str, str] | None = None) -> list[ReasonItem]:
    """`metrics.reasons.reasons_for` rows as text; `figures` maps a programme to its rate and gap as shown."""
    out = []
    for tup in rows.itertuples(index=False):
        row: Any = tup
        reason = f"{translate('reasons.reason', lang)}: {row.reason}" if row.reason else ""
        action = ""
        if row.action:
            details = [translate("reasons.due", lang, due=fmt.date_label(row.due, lang))] if row.due else []
            if row.status:
                details.append(status_label(row.status, lang))
            action = f"{translate('reasons.action', lang)}: {row.action}"
            if details:
                action += f" ({' · '.join(details)})"
        source = ""
        if row.reason_month is not None:
            source = fmt.month_label(row.reason_month, lang)
            if row.department:
                source += f" · {row.department}"
        out.append(ReasonItem(str(row.program), (figures or {}).get(row.program, ""), reason, action, source,
                              flags(row, lang)))  # fmt: skip
    return out


def table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The list as a table (its Excel download neutralises formulas: present.xlsx)."""
    label = {c: translate(f"reasons.column.{c}", lang) for c in ("program", "month", "reason", "action")}
    return pd.DataFrame(
        {
            label["program"]: rows["program"].astype(str),
            label["month"]: [fmt.month_label(m, lang) if m is not None else "" for m in rows["reason_month"]],
            label["reason"]: rows["reason"],
            label["action"]: rows["action"],
            translate("reasons.column.department", lang): rows["department"],
            translate("reasons.column.due", lang): [fmt.date_label(d, lang) if d else "" for d in rows["due"]],
            translate("reasons.column.status", lang): [status_label(s, lang) for s in rows["status"]],
            translate("reasons.column.flag", lang): [" · ".join(flags(r, lang)) for r in rows.itertuples()],
        }
    )


@dataclass(frozen=True)
class ReasonsView:
    """What `ui.reasons.show_reasons` draws for a lagging list: made once per data version for every session."""

    rows: pd.DataFrame  # metrics.reasons.reasons_for: one row per lagging programme, in its order
    missing: int  # programmes with no 사유 this month
    overdue: int  # 대책 past their 완료 예정일
    items: list[ReasonItem]  # the rows shown (the first `limit`), as text
    table: ShownFrame | None  # every row as a table, when asked for


def reasons_view(
    programs: tuple[str, ...],
    rates: tuple[float, ...] | None,
    gaps: tuple[float, ...] | None,
    reasons: pd.DataFrame | None,
    month: dt.date,
    today: dt.date,
    lang: str,
    limit: int | None = None,
    with_table: bool = False,
) -> ReasonsView:
    """The latest 사유·대책 of the lagging `programs` (with their execution `rates` and pace `gaps` when known)
    from the `reasons` dataset's rows, for `month` as of `today`."""
    rows = m.reasons_for(programs, reasons, month, today)
    figures = {}
    if rates is not None and gaps is not None:
        figures = {
            str(p): f"{fmt.percent(r)} ({fmt.points(g, lang=lang)})"
            for p, r, g in zip(programs, rates, gaps, strict=True)
        }
    missing, overdue = m.counts(rows) if not rows.empty else (0, 0)
    shown = rows if limit is None else rows.head(limit)
    return ReasonsView(
        rows,
        missing,
        overdue,
        items(shown, lang, figures) if not rows.empty else [],
        shown_frame(table(rows, lang)) if with_table and not rows.empty else None,
    )


def month_file(rows: pd.DataFrame) -> bytes:
    """A month's rows (`metrics.reasons.with_entry`) as the CSV a staffer would upload: the template's headers,
    UTF-8 with BOM. Stored as the version's file, so a save from the form is kept like any upload; text a
    spreadsheet would run as a formula is neutralised (`present.cell_safety`), and reads back as written."""
    labels = {c.name: c.label for c in DATASETS["reasons"].columns}
    out = pd.DataFrame(
        {
            labels["subject"]: rows["subject"].astype(str),
            labels["month"]: [pd.Timestamp(m).strftime("%Y-%m") for m in rows["month"]],
            labels["reason"]: rows["reason"].astype(str),
            labels["action"]: rows["action"].astype(str),
            labels["department"]: ["" if pd.isna(v) else str(v) for v in rows["department"]],
            labels["due"]: ["" if pd.isna(d) else pd.Timestamp(d).date().isoformat() for d in rows["due"]],
            labels["status"]: ["" if pd.isna(v) else str(v) for v in rows["status"]],
        }
    )
    return csv_bytes(out)


def file_name(month: dt.date) -> str:
    return f"부진사유_대책_{month:%Y-%m}_앱입력.csv"
