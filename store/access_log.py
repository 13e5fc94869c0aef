"""접속기록 (access log): who signed in, opened a figure's sources or downloaded a file, when (Seoul time) and what.

Sign-ins, failed sign-ins and sign-outs are already in the audit log; the 출처 openings and downloads are written to
the `access_log` table by `record`. `entries` reads both for a period, as one table in Korean, for the audit page's
download and `python -m store access-log`. `purge` removes access rows older than the kept period
(`[access_log] keep_days` in program.toml, at least a year); the audit log itself is never purged.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy import Engine, delete, insert, select

from program import PROGRAM_FILE

from . import codec
from .engine import write_transaction
from .schema import access_log, audit_log

SEOUL = ZoneInfo("Asia/Seoul")
MIN_KEEP_DAYS = 365  # 개인정보의 안전성 확보조치 기준 제8조: 접속기록은 1년 이상
DEFAULT_KEEP_DAYS = 730
SIGN_IN_ACTIONS = ("login", "login_failed", "logout")
OPEN_SOURCE, DOWNLOAD_ORIGINAL, DOWNLOAD_TABLE, DOWNLOAD_PDF = (
    "open_source",
    "download_original",
    "download_table",
    "download_pdf",
)
ACTION_LABELS = {
    "login": "로그인",
    "login_failed": "로그인 실패",
    "logout": "로그아웃",
    OPEN_SOURCE: "출처 열람",
    DOWNLOAD_ORIGINAL: "원본 파일 내려받기",
    DOWNLOAD_TABLE: "표 내려받기",
    DOWNLOAD_PDF: "브리핑 PDF 내려받기",
}
COLUMNS = ("일시(서울)", "사용자", "접속지", "수행 업무", "데이터", "버전", "파일·항목", "상세")
ANONYMOUS = "-"


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _naive_utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo is not None else value


@cache
def configured_keep_days(path: Path = PROGRAM_FILE) -> int:
    """`[access_log] keep_days` of program.toml (730 when unset); ValueError below a year."""
    raw = tomllib.loads(path.read_text(encoding="utf-8")).get("access_log", {})
    days = int(raw.get("keep_days", DEFAULT_KEEP_DAYS))
    if days < MIN_KEEP_DAYS:
        raise ValueError(f"access_log.keep_days: 접속기록은 {MIN_KEEP_DAYS}일 이상 보관해야 합니다 (지금 {days}일)")
    return days


def record(
    engine: Engine,
    user: str,
    action: str,
    *,
    dataset: str | None = None,
    number: int | None = None,
    file: str = "",
    address: str = "",
    detail: dict | None = None,
    at: dt.datetime | None = None,
) -> None:
    """Write one access row (no store-wide lock: it never races a version number)."""
    with write_transaction(engine, lock=False) as conn:
        conn.execute(
            insert(access_log).values(
                at=_naive_utc(at) if at is not None else _utcnow(),
                username=(user or ANONYMOUS)[:200],
                action=action,
                dataset=dataset,
                number=number,
                file=(file or "")[:300],
                address=(address or "")[:64],
                detail=codec.dumps(detail or {}),
            )
        )


def purge(engine: Engine, keep_days: int | None = None, now: dt.datetime | None = None) -> int:
    """Delete access rows older than `keep_days` (default: configured); the number deleted."""
    days = configured_keep_days() if keep_days is None else keep_days
    if days < MIN_KEEP_DAYS:
        raise ValueError(f"접속기록은 {MIN_KEEP_DAYS}일 이상 보관해야 합니다 (요청 {days}일)")
    cutoff = _naive_utc(now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=days)
    with write_transaction(engine, lock=False) as conn:
        return conn.execute(delete(access_log).where(access_log.c.at < cutoff)).rowcount or 0


def entries(engine: Engine, since: dt.datetime | None = None, until: dt.datetime | None = None) -> pd.DataFrame:
    """Sign-ins (audit log) and access rows from `since` up to `until` (aware or naive UTC), oldest first, with
    the columns of COLUMNS: the time in Seoul, the user, the address, the action in Korean, the dataset, the
    version, the file or figure and the rest as JSON."""
    start = _naive_utc(since) if since is not None else None
    end = _naive_utc(until) if until is not None else None
    accessed = select(access_log)
    signed = select(audit_log).where(audit_log.c.action.in_(SIGN_IN_ACTIONS))
    if start is not None:
        accessed, signed = accessed.where(access_log.c.at >= start), signed.where(audit_log.c.at >= start)
    if end is not None:
        accessed, signed = accessed.where(access_log.c.at < end), signed.where(audit_log.c.at < end)
    with engine.connect() as conn:
        rows = [
            (r.at, r.username, r.address, r.action, r.dataset, r.number, r.file, r.detail)
            for r in conn.execute(accessed)
        ]
        rows += [(r.at, r.username, "", r.action, r.dataset, r.number, "", r.detail) for r in conn.execute(signed)]
    rows.sort(key=lambda r: r[0])
    return pd.DataFrame(
        {
            COLUMNS[0]: [seoul_text(r[0]) for r in rows],
            COLUMNS[1]: [r[1] for r in rows],
            COLUMNS[2]: [r[2] for r in rows],
            COLUMNS[3]: [ACTION_LABELS.get(r[3], r[3]) for r in rows],
            COLUMNS[4]: [r[4] or "" for r in rows],
            COLUMNS[5]: pd.array([r[5] for r in rows], dtype="Int64"),
            COLUMNS[6]: [r[6] for r in rows],
            COLUMNS[7]: [_detail_text(r[7]) for r in rows],
        },
        columns=list(COLUMNS),
    )


def seoul_text(at: dt.datetime) -> str:
    """A stored (naive UTC) time as Seoul's wall clock: "2026-12-08 10:31:05"."""
    return at.replace(tzinfo=dt.UTC).astimezone(SEOUL).strftime("%Y-%m-%d %H:%M:%S")


def _detail_text(detail: str | None) -> str:
    parsed = json.loads(detail or "{}")
    return "" if not parsed else json.dumps(parsed, ensure_ascii=False, sort_keys=True)
