"""Command line for staff scripts and our own checks.

python -m loaders validate FILE [--dataset NAME] [--json]
python -m loaders import FILE [--dataset NAME] [--user ACCOUNT] [--replace periods|all] [--as-of YYYY-MM-DD]

An import is recorded as made by the operating-system user running the command ("명령줄(kim)"), or with --user by
an existing sign-in account as the app names it and that OS user ("김담당 (kim) · 명령줄(kim)"); an unknown --user is
refused, so the audit log never holds a name nobody can answer for.
python -m loaders template NAME [--out FILE]

A file is checked in a process of its own within the upload ceilings (loaders/worker.py), as in the app.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
import tomllib
from pathlib import Path

from present import clock

from .contract import DATASETS
from .load import LoadResult
from .periods import EVERYTHING, PERIODS, UnreadablePeriods, check_readable, describe_plan
from .worker import check_file

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def _read(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        print(f"파일을 열 수 없습니다: {path} ({error.strerror})", file=sys.stderr)
        return None


def _report(result: LoadResult) -> str:
    label = DATASETS[result.dataset].label if result.dataset else "알 수 없음"
    lines = [f"파일: {result.filename}", f"데이터: {label} ({result.dataset or '-'})"]
    if result.ok:
        lines.append(f"결과: 통과 — 데이터 행 {result.rows:,}개")
        lines += [f"  합계 {name}: {value:,}" for name, value in result.totals.items()]
    else:
        lines.append(f"결과: 거부 — 문제 {len(result.errors)}건 (아무것도 저장하지 않았습니다)")
        lines += [f"  - {problem}" for problem in result.errors]
    lines += [f"  참고: {problem}" for problem in result.warnings]
    return "\n".join(lines)


def _validate(args: argparse.Namespace) -> int:
    data = _read(args.file)
    if data is None:
        return EXIT_USAGE
    result = check_file(data, Path(args.file).name, args.dataset, keep_waiting=False)
    print(json.dumps(result.as_json(), ensure_ascii=False) if args.json else _report(result))
    return EXIT_OK if result.ok else EXIT_REFUSED


def _template(args: argparse.Namespace) -> int:
    from .templates import template_xlsx

    out = Path(args.out or f"{args.dataset}_양식.xlsx")
    out.write_bytes(template_xlsx(args.dataset))
    print(out)
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from store import open_store
    from store.settings import configured_url

    data = _read(args.file)
    if data is None:
        return EXIT_USAGE
    result = check_file(data, Path(args.file).name, args.dataset, as_of=args.as_of, keep_waiting=False)
    if not result.ok or result.dataset is None:  # (an accepted result always names its dataset)
        print(_report(result), file=sys.stderr)
        return EXIT_REFUSED
    try:
        check_readable(result.dataset, result.frame, clock.today())
    except UnreadablePeriods as unreadable:
        print(f"파일: {result.filename}\n결과: 거부 — {unreadable}", file=sys.stderr)
        return EXIT_REFUSED
    store = open_store(configured_url(args.url))
    importer = _importer(store, args.user)
    if importer is None:
        print(
            f"오류: '{args.user}'은(는) 등록된 계정이 아닙니다. --user에는 있는 계정의 아이디를 적거나, 빼면 이 명령을 "
            f"실행한 OS 사용자({getpass.getuser()})로 기록합니다 (python -m auth list-users로 계정을 볼 수 있습니다).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    print(describe_plan(store.plan_import(result, args.replace)))
    version = store.save_version(result, data, user=importer, replace=args.replace)
    print(
        f"저장했습니다: {DATASETS[result.dataset].label} 버전 {version.number} (파일 {result.rows:,}행, 버전 전체 {version.row_count:,}행)"
    )
    return EXIT_OK


def _importer(store, username: str | None) -> str | None:
    """Who the import is recorded as: the OS user, or an existing account with it; None for an unknown account."""
    command_line = f"명령줄({getpass.getuser()})"
    if username is None:
        return command_line
    from auth.accounts import account_for
    from auth.directory import Directory

    account = account_for(username, Directory(store.engine, _auth_section()).users())
    return None if account is None else f"{account.actor} · {command_line}"


def _auth_section() -> dict:
    """The [auth] table of the secrets file the app reads (its bootstrap accounts count as accounts too)."""
    from store.settings import secrets_files

    section: dict = {}
    for path in secrets_files():
        try:
            found = tomllib.loads(path.read_text(encoding="utf-8")).get("auth") or {}
        except (OSError, tomllib.TOMLDecodeError):
            continue
        section = found or section
    return section


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"날짜는 2026-10-31처럼 적어 주세요: {text!r}") from error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m loaders", description="AI 집적단지 대시보드 데이터 파일 검사·가져오기"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="파일을 검사합니다 (저장하지 않음)")
    validate.add_argument("file")
    validate.add_argument("--dataset", choices=list(DATASETS))
    validate.add_argument("--json", action="store_true", help="결과를 JSON 한 개로 출력")
    validate.set_defaults(run=_validate)
    importing = commands.add_parser("import", help="검사를 통과한 파일을 새 버전으로 저장합니다")
    importing.add_argument("file")
    importing.add_argument("--dataset", choices=list(DATASETS))
    importing.add_argument(
        "--user", help="가져오는 사람의 계정 아이디(있는 계정만; 없으면 명령을 실행한 OS 사용자로 감사 기록에 남음)"
    )
    importing.add_argument(
        "--replace",
        choices=[PERIODS, EVERYTHING],
        default=PERIODS,
        help="periods: 파일이 다루는 기간(월·연도·기준일)의 행만 바꾸고 나머지는 그대로 둠(기본), all: 전체를 이 파일로 바꿈",
    )
    importing.add_argument("--as-of", type=_date, help="파일에 기준일이 없을 때 그 기준일 (예: 2026-10-31)")
    importing.add_argument("--url", help="저장소 URL (기본: 환경변수 AICD_STORE_URL, secrets, var/store.sqlite 순)")
    importing.set_defaults(run=_import)
    template = commands.add_parser("template", help="데이터 종류별 입력 양식(xlsx)을 만듭니다")
    template.add_argument("dataset", choices=[name for name, d in DATASETS.items() if not d.is_geographic])
    template.add_argument("--out")
    template.set_defaults(run=_template)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
