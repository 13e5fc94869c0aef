"""Manage local accounts in the secrets file.

    python -m auth add-user NAME --role staff [--display-name 김담당] [--email kim@korea.kr]
                                              [--secrets .streamlit/secrets.toml] [--password-stdin]
    python -m auth list-users [--secrets PATH]
    python -m auth check [--secrets PATH]

add-user prompts twice for the password (or reads one line from stdin with --password-stdin, for scripts),
stores only its argon2 hash, and adds or updates the [auth.users.NAME] table, keeping the rest of the file.
Running it again for an existing user changes the password and role (display name and email stay unless given).
"""

from __future__ import annotations

import argparse
import getpass
import sys
import tomllib
from pathlib import Path

from .accounts import MIN_PASSWORD_LENGTH, SecretsFileError, add_user, load_users, user_problems
from .roles import Role

DEFAULT_SECRETS = Path(".streamlit") / "secrets.toml"  # where `streamlit run` looks, from the working directory


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = getpass.getpass(f"비밀번호 ({MIN_PASSWORD_LENGTH}자 이상): ")
    second = getpass.getpass("비밀번호 확인: ")
    if first != second:
        raise SecretsFileError("두 번 입력한 비밀번호가 다릅니다")
    return first


def _auth_section(path: Path) -> dict:
    if not path.exists():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8")).get("auth") or {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m auth", description="대시보드 로컬 계정 관리")
    commands = parser.add_subparsers(dest="command", required=True)

    add = commands.add_parser("add-user", help="계정을 추가하거나 비밀번호·권한을 바꿉니다")
    add.add_argument("username", help="아이디 (영문 소문자, 숫자, . _ -)")
    add.add_argument("--role", required=True, choices=[r.value for r in Role], help="viewer, staff, admin")
    add.add_argument("--display-name", help="화면과 기록에 보일 이름 (예: 김담당)")
    add.add_argument("--email", help="OIDC(기관 계정) 로그인 때 이 권한을 줄 이메일")
    add.add_argument("--secrets", type=Path, default=DEFAULT_SECRETS, help=f"secrets 파일 (기본: {DEFAULT_SECRETS})")
    add.add_argument("--password-stdin", action="store_true", help="비밀번호를 표준 입력 첫 줄에서 읽습니다")

    listing = commands.add_parser("list-users", help="계정 목록 (해시는 보이지 않습니다)")
    listing.add_argument("--secrets", type=Path, default=DEFAULT_SECRETS)
    check = commands.add_parser("check", help="계정 설정의 문제를 찾습니다")
    check.add_argument("--secrets", type=Path, default=DEFAULT_SECRETS)

    args = parser.parse_args(argv)
    try:
        if args.command == "add-user":
            password = _read_password(args.password_stdin)
            existed = args.username.strip().lower() in load_users(_auth_section(args.secrets))
            record = add_user(args.secrets, args.username, password, args.role, args.display_name, args.email)
            verb = "바꿨습니다" if existed else "추가했습니다"
            print(f"{args.secrets.resolve()}: 계정 '{record.username}' ({record.display_name}, {record.role.value})을(를) {verb}.")
            print("실행 중인 앱이 바뀐 secrets 파일을 읽지 못하면(파일 감시가 꺼진 서버 등) 앱을 다시 시작하세요.")
            return 0
        section = _auth_section(args.secrets)
        if args.command == "list-users":
            for record in load_users(section).values():
                kinds = [k for k, v in (("비밀번호", record.password_hash), ("OIDC", record.email)) if v]
                print(f"{record.username}\t{record.role.value}\t{record.display_name}\t{'·'.join(kinds)}")
            return 0
        problems = user_problems(section)
        for problem in problems:
            print(problem)
        if not problems:
            print(f"{len(load_users(section))}개 계정, 문제 없음")
        return 1 if problems else 0
    except (SecretsFileError, tomllib.TOMLDecodeError, OSError) as error:
        print(f"오류: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
