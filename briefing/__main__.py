"""The briefing pack from the command line, for a scheduler (cron, systemd timer):

    python -m briefing pack --out 브리핑자료.pdf [--lang ko|en] [--since 2026-10-31] [--url STORE_URL] [--allow-missing]

Writes the same PDF as the briefing page's download (the deck of the store's latest data; the what-changed slide
compares with --since, default 30 days ago). Exits 1 with a Korean reason when data is missing or the PDF cannot be
made (e.g. no Korean font), 2 for a wrong argument; the file is written only whole (through a temporary file).
Store: --url, else env AICD_STORE_URL, else [connections.store] url in .streamlit/secrets.toml, else var/store.sqlite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"날짜는 2026-10-31 형식으로 적으세요: {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing", description="브리핑 자료(PDF) 만들기")
    commands = parser.add_subparsers(dest="command", required=True)
    pack = commands.add_parser("pack", help="브리핑 자료 PDF (브리핑 화면의 내려받기와 같은 파일)")
    pack.add_argument("--out", type=Path, required=True, help="만들 PDF 파일")
    pack.add_argument("--lang", choices=("ko", "en"), default="ko", help="언어 (기본 ko)")
    pack.add_argument("--since", type=_date, help="'지난 보고 이후 변화' 비교 날짜 (기본: 30일 전)")
    pack.add_argument("--today", type=_date, help=argparse.SUPPRESS)  # for tests and re-making an old pack
    pack.add_argument("--url", help="저장소 URL (없으면 AICD_STORE_URL, secrets, 기본 SQLite 순)")
    pack.add_argument("--allow-missing", action="store_true", help="없는 자료는 빈 슬라이드로 두고 만듭니다")
    args = parser.parse_args(argv)

    from sqlalchemy.exc import SQLAlchemyError

    from present.fonts import KoreanFontMissing
    from store import open_store
    from store.settings import configured_url, shown

    from .pack import PackDataMissing, store_pack

    url = configured_url(args.url)
    temporary = args.out.with_name(f".{args.out.name}.partial")
    try:
        store = open_store(url)
        try:
            pdf = store_pack(store, args.lang, args.today, args.since, allow_missing=args.allow_missing)
        finally:
            store.close()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(pdf)
        temporary.replace(args.out)
    except (PackDataMissing, KoreanFontMissing) as error:
        print(f"오류: {error}", file=sys.stderr)
        return EXIT_FAILED
    except (OSError, SQLAlchemyError) as error:
        temporary.unlink(missing_ok=True)
        print(f"오류: 브리핑 자료를 만들지 못했습니다 ({shown(url)}): {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"브리핑 자료를 만들었습니다: {args.out.resolve()} ({len(pdf):,} 바이트, {args.lang})")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
