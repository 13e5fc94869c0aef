"""Command line for operations: back up the whole store to one file, restore it into an empty store.

    python -m store backup FILE [--url URL]
    python -m store restore FILE [--url URL]     # refuses a store that already holds anything

Without --url: env AICD_STORE_URL, else [connections.store] url in .streamlit/secrets.toml, else the default SQLite
file (what the app uses). Works the same on SQLite and PostgreSQL, in either direction.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from .backup import BackupError, backup_to_file, restore_from_file
from .engine import make_engine
from .settings import configured_url, shown

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
    args = parser.parse_args(argv)

    url = configured_url(args.url)
    engine = make_engine(url)
    try:
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


if __name__ == "__main__":
    sys.exit(main())
