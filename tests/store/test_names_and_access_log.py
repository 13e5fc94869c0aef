"""Issue #36 on both engines: upload names stored as a safe base name of bounded length, and the 접속기록 (source
openings and downloads written, sign-ins read from the audit log, purged past the kept period, exported as a
formula-neutralised CSV by `python -m store access-log`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys

import pytest
from sqlalchemy import select

from loaders import load_file
from store import access_log
from store.file_names import MAX_LENGTH, safe_file_name
from store.schema import access_log as access_table
from store.schema import audit_log, dataset_versions, source_files
from tests.support.store_data import REPO_ROOT

JOBS_CSV = "기준월,기업명,산업분야,신규채용,재직자수\n2026-10,가나에이아이,모빌리티,1,10\n".encode()
LONG_NAME = "가" * 700 + ".csv"  # 704 characters, as a hostile browser may send
SEOUL = dt.timezone(dt.timedelta(hours=9))


@pytest.mark.parametrize(
    "given,stored",
    [
        ("../../x.csv", "x.csv"),
        ("/etc/cron.d/x.csv", "x.csv"),
        ("C:\\Users\\kim\\예산.xlsx", "예산.xlsx"),
        ("..", "파일"),
        ("", "파일"),
        (".csv", "csv"),  # a hidden file's name without its dot
        ("a\nb\u202e\x00c.csv", "abc.csv"),  # a line break, a right-to-left override and a NUL
        ("\u1100\u1161\u11a8.csv", "각.csv"),  # decomposed Hangul (macOS) stored composed (NFC)
    ],
)
def test_safe_file_name(given, stored):
    assert safe_file_name(given) == stored


def test_a_long_name_is_cut_before_its_extension():
    name = safe_file_name(LONG_NAME)
    assert len(name) == MAX_LENGTH and name == "가" * (MAX_LENGTH - 4) + ".csv"


@pytest.mark.parametrize(
    "given,stored",
    [("../../x.csv", "x.csv"), ("/etc/cron.d/x.csv", "x.csv"), (LONG_NAME, "가" * (MAX_LENGTH - 4) + ".csv")],
)
def test_the_store_keeps_only_a_safe_name(store, given, stored):
    result = load_file(JOBS_CSV, given, "jobs")
    assert result.ok, result.errors
    version = store.save_version(result, JOBS_CSV, user="kim")
    assert version.filename == stored
    assert store.original_file(version) == (stored, JOBS_CSV)
    with store.engine.connect() as conn:
        assert conn.execute(select(dataset_versions.c.filename)).scalar_one() == stored
        assert conn.execute(select(source_files.c.filename)).scalar_one() == stored
        detail = conn.execute(select(audit_log.c.detail).where(audit_log.c.action == "import")).scalar_one()
    assert f'"filename":"{stored}"' in detail.replace(" ", "")


def test_access_rows_are_written_read_in_seoul_time_and_purged_past_the_period(store):
    engine = store.engine
    now = dt.datetime(2026, 12, 8, 1, 30, tzinfo=dt.UTC)  # 10:30 in Seoul
    old = now - dt.timedelta(days=800)
    access_log.record(engine, "김담당 (kim)", access_log.OPEN_SOURCE, dataset="budget", number=3,
                      file="budget.figure.rate", address="10.0.0.7", at=now)  # fmt: skip
    access_log.record(engine, "김담당 (kim)", access_log.DOWNLOAD_ORIGINAL, dataset="budget", number=3,
                      file="=HYPERLINK(x).xlsx", address="10.0.0.7", at=now + dt.timedelta(minutes=1))  # fmt: skip
    access_log.record(engine, "-", access_log.DOWNLOAD_PDF, file="브리핑.pdf", at=old)
    store.record("login", "김담당 (kim)", detail={"method": "local"})

    everything = access_log.entries(engine)
    assert list(everything["수행 업무"]).count("로그인") == 1  # sign-ins come from the audit log
    rows = everything[everything["수행 업무"] != "로그인"].reset_index(drop=True)
    assert list(rows["수행 업무"]) == ["브리핑 PDF 내려받기", "출처 열람", "원본 파일 내려받기"]
    assert list(rows["일시(서울)"][1:3]) == ["2026-12-08 10:30:00", "2026-12-08 10:31:00"]
    assert list(rows["사용자"][1:3]) == ["김담당 (kim)", "김담당 (kim)"]
    assert list(rows["접속지"][1:3]) == ["10.0.0.7", "10.0.0.7"]
    assert list(rows["데이터"][1:3]) == ["budget", "budget"] and list(rows["버전"][1:3]) == [3, 3]

    assert access_log.purge(engine, keep_days=730, now=now) == 1  # the 800-day-old row only
    with engine.connect() as conn:
        assert conn.execute(select(access_table.c.action)).scalars().all() == ["open_source", "download_original"]
    assert access_log.purge(engine, keep_days=730, now=now) == 0
    with pytest.raises(ValueError, match="365일 이상"):
        access_log.purge(engine, keep_days=30, now=now)


def test_the_command_line_exports_the_period_as_a_neutralised_csv_and_purges(store, store_url, tmp_path):
    engine = store.engine
    at = dt.datetime(2026, 11, 30, 23, 0, tzinfo=dt.UTC)  # 2026-12-01 08:00 in Seoul
    access_log.record(engine, "kim", access_log.DOWNLOAD_ORIGINAL, dataset="jobs", number=1,
                      file="=HYPERLINK(\"http://x\").csv", at=at)  # fmt: skip
    access_log.record(engine, "kim", access_log.OPEN_SOURCE, dataset="jobs", number=1, file="jobs.figure.created",
                      at=at - dt.timedelta(days=2))  # fmt: skip
    out = tmp_path / "접속기록.csv"
    done = subprocess.run(
        [sys.executable, "-m", "store", "access-log", "--since", "2026-12-01", "--out", str(out), "--url", store_url],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == list(access_log.COLUMNS)
    assert rows[1:] == [["2026-12-01 08:00:00", "kim", "", "원본 파일 내려받기", "jobs", "1",
                         "'=HYPERLINK(\"http://x\").csv", ""]]  # fmt: skip
    purged = subprocess.run(
        [sys.executable, "-m", "store", "purge-access-log", "--keep-days", "20", "--url", store_url],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert purged.returncode == 2 and "365일 이상" in purged.stderr
    kept = subprocess.run(
        [sys.executable, "-m", "store", "purge-access-log", "--url", store_url],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert kept.returncode == 0 and "0건을 지웠습니다" in kept.stdout, kept.stderr
