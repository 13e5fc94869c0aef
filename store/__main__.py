"""Command line for operations: back up the whole store to one file, restore it into an empty store, and the
접속기록 (store/access_log.py).

    python -m store backup FILE [--url URL]
    python -m store restore FILE [--url URL]     # refuses a store that already holds anything
    python -m store access-log --since 2026-01-01 [--until 2026-12-31] [--out FILE.csv] [--url URL]
    python -m store purge-access-log [--keep-days N] [--url URL]   # rows older than [access_log] keep_days

Without --url: env AICD_STORE_URL, else [connections.store] url in .streamlit/secrets.toml, else the default SQLite
file (what the app uses). Works the same on SQLite and PostgreSQL, in either direction.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from . import access_log
from .backup import BackupError, backup_to_file, restore_from_file
from .engine import make_engine
from .settings import configured_url, shown
from .store import Store

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m store", description="대시보드 저장소 백업·복원")
    commands = parser.add_subparsers(dest="command", required=True)
    backup = commands.add_parser("backup", help="저장소 전체(버전·행·원본 파일·계정·감사 기록)를 파일 하나로")
    backup.add_argument("file", type=Path, help="만들 백업 파일 (예: aicd-20261130.aicd-backup)")
    backup.add_argument("--url", help="저장소 URL (없으면 AICD_STORE_URL, secrets, 기본 SQLite 순)")
    restore = commands.add_parser("restore", help="백업 파일을 빈 저장소에 복원")
    restore.add_argument("file", type=Path, help="python -m store backup으로 만든 파일")
    restore.add_argument("--url", help="복원할 빈 저장소 URL (없으면 AICD_STORE_URL, secrets, 기본 SQLite 순)")
    accesses = commands.add_parser("access-log", help="접속기록(로그인·출처 열람·내려받기)을 CSV로")
    accesses.add_argument("--since", type=_day, required=True, help="이 날(서울 시각 0시)부터 (예: 2026-01-01)")
    accesses.add_argument("--until", type=_day, help="이 날 0시 전까지 (기본: 지금까지)")
    accesses.add_argument("--out", type=Path, help="만들 CSV 파일 (기본: 표준 출력)")
    accesses.add_argument("--url", help="저장소 URL (없으면 AICD_STORE_URL, secrets, 기본 SQLite 순)")
    purging = commands.add_parser("purge-access-log", help="보관 기간이 지난 접속기록을 지움")
    purging.add_argument("--keep-days", type=int, help="보관 일수 (기본: program.toml [access_log] keep_days)")
    purging.add_argument("--url", help="저장소 URL (없으면 AICD_STORE_URL, secrets, 기본 SQLite 순)")
    args = parser.parse_args(argv)

    url = configured_url(args.url)
    engine = make_engine(url)
    try:
        if args.command in ("access-log", "purge-access-log"):
            return _access_command(engine, args)
        if args.command == "backup":
            summary = backup_to_file(engine, args.file)
            print(f"백업했습니다: {shown(url)} → {args.file.resolve()}")
        else:
            if not args.file.is_file():
                print(f"오류: 백업 파일이 없습니다: {args.file}", file=sys.stderr)
                return EXIT_USAGE
            summary = restore_from_file(engine, args.file)
            print(f"복원했습니다: {args.file.resolve()} → {shown(url)}")
        print("\n".join(summary.lines()))
        return EXIT_OK
    except BackupError as error:
        print(f"오류: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except (OSError, SQLAlchemyError) as error:
        print(f"오류: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        engine.dispose()


def _day(text: str) -> dt.datetime:
    """A date as the start of that day in Seoul."""
    try:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), access_log.SEOUL)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"날짜는 2026-01-01처럼 적어 주세요: {text!r}") from error


def _access_command(engine, args: argparse.Namespace) -> int:
    from present.cell_safety import csv_bytes

    Store(engine)  # an older store gets the access_log table
    if args.command == "purge-access-log":
        try:
            removed = access_log.purge(engine, args.keep_days)
        except ValueError as error:
            print(f"오류: {error}", file=sys.stderr)
            return EXIT_USAGE
        days = args.keep_days or access_log.configured_keep_days()
        print(f"보관 기간({days}일)이 지난 접속기록 {removed:,}건을 지웠습니다.")
        return EXIT_OK
    data = csv_bytes(access_log.entries(engine, args.since, args.until))
    if args.out is None:
        sys.stdout.buffer.write(data)
    else:
        args.out.write_bytes(data)
        print(f"접속기록을 저장했습니다: {args.out.resolve()}", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
