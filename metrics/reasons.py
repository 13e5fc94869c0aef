"""부진 사유와 대책 (issue #24): why each lagging programme is behind and what is being done, beside its figure.

The lagging list itself is not computed here: callers pass whatever list the pages already show
(`metrics.budget.lagging`, `metrics.overview.attention`), keyed on the programme's name (세부사업명), and
`reasons_for` joins the latest 사유·대책 to it. Pure: frames in, frames out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

DONE = "완료"  # loaders.contract.REASON_STATUSES: a 대책 carried out
TEXT_COLUMNS = ("reason", "action", "department", "status")
COLUMNS = ("program", "reason", "action", "department", "due", "status", "reason_month", "missing", "overdue")


def _month(value: Any) -> dt.date:
    return pd.Timestamp(value).date().replace(day=1)


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _date(value: Any) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def reasons_for(
    lagging_programs: Iterable[str], reasons: pd.DataFrame | None, month: dt.date, today: dt.date
) -> pd.DataFrame:
    """One row per lagging programme, in the given order: its latest 사유·대책 up to `month` (the month the
    figures speak for), `missing` when no 사유 was written for that month ("사유 미입력"), and `overdue` when
    the latest 대책's 완료 예정일 is before `today` and it is not marked done while the programme still lags."""
    month = month.replace(day=1)
    latest: dict[str, pd.Series] = {}
    if reasons is not None and not reasons.empty:
        months = [_month(v) for v in reasons["month"]]
        rows = reasons.assign(_month=months)
        rows = rows[[m <= month for m in months]].sort_values("_month", kind="stable")
        for _, row in rows.iterrows():
            latest[str(row["subject"])] = row  # later months overwrite earlier ones
    records: list[tuple[Any, ...]] = []
    for program in lagging_programs:
        found = latest.get(str(program))
        if found is None:
            records.append((program, "", "", "", None, "", None, True, False))
            continue
        row = found
        due, status = _date(row.get("due")), _text(row.get("status"))
        has_reason = bool(_text(row["reason"]).strip())
        records.append(
            (
                program,
                _text(row["reason"]),
                _text(row["action"]),
                _text(row.get("department")),
                due,
                status,
                row["_month"],
                row["_month"] != month or not has_reason,
                due is not None and due < today and status != DONE,
            )
        )
    return pd.DataFrame.from_records(records, columns=list(COLUMNS))


def month_rows(reasons: pd.DataFrame | None, month: dt.date) -> pd.DataFrame:
    """The stored rows of one 기준월 (what a save from the app's form rewrites: a month replaces that month only)."""
    if reasons is None or reasons.empty:
        return pd.DataFrame(columns=["subject", "month", "reason", "action", "department", "due", "status"])
    month = month.replace(day=1)
    return reasons[[_month(v) == month for v in reasons["month"]]].reset_index(drop=True)


@dataclass(frozen=True)
class Entry:
    """One subject's 사유·대책 for a month, as written in the app's form."""

    subject: str
    month: dt.date
    reason: str
    action: str
    department: str = ""
    due: dt.date | None = None
    status: str = "조치 중"


def with_entry(reasons: pd.DataFrame | None, entry: Entry) -> pd.DataFrame:
    """The month's rows with `entry` in place of that subject's row (or added): the whole month, so saving it as a
    period import changes that one subject and keeps the month's others (and every other month)."""
    rows = month_rows(reasons, entry.month)
    kept = rows[rows["subject"].astype(str) != entry.subject]
    new = {
        "subject": entry.subject,
        "month": pd.Timestamp(entry.month.replace(day=1)),
        "reason": entry.reason,
        "action": entry.action,
        "department": entry.department,
        "due": pd.Timestamp(entry.due) if entry.due else pd.NaT,
        "status": entry.status,
    }
    columns = list(new)
    out = pd.concat([kept.reindex(columns=columns), pd.DataFrame([new])], ignore_index=True)
    return out.sort_values("subject", kind="stable").reset_index(drop=True)


def draft(reasons: pd.DataFrame | None, subject: str, month: dt.date) -> Entry | None:
    """What the form starts from for `subject` in `month` (issue #37): that month's entry when written, else the
    latest earlier one (its `month` says which: the form says it was last month's text), None when none."""
    if reasons is None or reasons.empty:
        return None
    month = month.replace(day=1)
    pairs = zip(reasons["subject"], reasons["month"], strict=True)
    rows = reasons[[str(s) == subject and _month(v) <= month for s, v in pairs]]
    if rows.empty:
        return None
    row = rows.assign(_month=[_month(v) for v in rows["month"]]).sort_values("_month", kind="stable").iloc[-1]
    status = _text(row.get("status")) or "조치 중"
    return Entry(
        subject,
        row["_month"],
        _text(row["reason"]),
        _text(row["action"]),
        _text(row.get("department")),
        _date(row.get("due")),
        status,
    )


def unchanged(reasons: pd.DataFrame | None, entry: Entry) -> bool:
    """True when `entry` is what is already stored for its subject and month: saving it would make a version
    identical to the current one (the form says so and saves nothing)."""
    stored = draft(month_rows(reasons, entry.month), entry.subject, entry.month)
    return stored is not None and stored == replace(entry, month=entry.month.replace(day=1))


def changed(before: pd.DataFrame | None, after: pd.DataFrame | None) -> tuple[list[str], list[str]]:
    """Subjects whose 사유·대책 are new (no row of that month before) and changed (a different 사유, 대책, 부서,
    예정일 or 상태 for the same month), each listed once, in the newer data's order."""

    def keyed(frame: pd.DataFrame | None) -> dict[tuple[str, dt.date], tuple]:
        if frame is None or frame.empty:
            return {}
        return {
            (str(r["subject"]), _month(r["month"])): (
                *(_text(r.get(c)) for c in TEXT_COLUMNS),
                _date(r.get("due")),
            )
            for _, r in frame.iterrows()
        }

    then, now = keyed(before), keyed(after)
    new: list[str] = []
    moved: list[str] = []
    for key, value in now.items():
        subject = key[0]
        if key not in then:
            if subject not in new:
                new.append(subject)
        elif then[key] != value and subject not in moved:
            moved.append(subject)
    return new, [s for s in moved if s not in new]


def counts(rows: pd.DataFrame) -> tuple[int, int]:
    """(programmes with no 사유 this month, overdue 대책) of a `reasons_for` frame."""
    return int(rows["missing"].sum()), int(rows["overdue"].sum())
