"""Manage sign-in accounts from the command line.

Accounts live in the store (the one the app uses: --url, else AICD_STORE_URL, else [connections.store] url in
.streamlit/secrets.toml, else var/store.sqlite), shared by every app server:

    python -m auth add-user NAME --role staff [--display-name 김담당] [--email kim@korea.kr] [--password-stdin]
    python -m auth set-role NAME admin
    python -m auth remove-user NAME
    python -m auth list-users
    python -m auth end-sessions NAME           # end the account's sign-ins in every browser (audited)
    python -m auth migrate-accounts            # copy the secrets file's accounts into the store
    python -m auth check                       # problems in the secrets file's account tables

add-user prompts twice for the password (or reads one line from stdin with --password-stdin, for scripts) and
keeps only its argon2 hash; run again for an existing account it changes the password and role (display name and
email stay unless given). Every change is audited (as "명령줄(<OS user>)" unless --by is given) and follows the
page's rules: there is always an admin.

The secrets file's accounts are a read-only bootstrap (e.g. the first admin before the store is reachable):
`add-user … --secrets PATH` and `list-users --secrets PATH` work on that file alone, as before.
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


def _bootstrap_section(explicit: Path | None) -> dict:
    """The [auth] table the app would read: the given file, else the last default secrets file with one."""
    if explicit is not None:
        return _auth_section(explicit)
    from store.settings import secrets_files

    section: dict = {}
    for path in secrets_files():
        try:
            found = _auth_section(path)
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if found:
            section = found
    return section


def _directory(args):
    from store import open_store
    from store.settings import configured_url

    from .directory import Directory

    store = open_store(configured_url(args.url))
    return store, Directory(store.engine, _bootstrap_section(getattr(args, "secrets", None)))


def _actor(args) -> str:
    return args.by or f"명령줄({getpass.getuser()})"


def _print_users(users) -> None:
    for record in users.values():
        kinds = [k for k, v in (("비밀번호", record.password_hash), ("OIDC", record.email)) if v]
        source = "저장소" if record.source == "store" else "secrets 파일"
        print(f"{record.username}\t{record.role.value}\t{record.display_name}\t{'·'.join(kinds)}\t{source}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m auth", description="대시보드 로그인 계정 관리")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str, secrets_help: str | None = None) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--url", help="저장소 URL (없으면 AICD_STORE_URL, secrets, 기본 SQLite 순)")
        sub.add_argument("--by", help="감사 기록에 남길 작업자 이름 (기본: 명령줄(OS 사용자))")
        sub.add_argument(
            "--secrets", type=Path, help=secrets_help or "읽기 전용 시작 계정이 든 secrets 파일 (기본: 앱과 같은 곳)"
        )
        return sub

    add = command(
        "add-user", "계정을 추가하거나 비밀번호·권한을 바꿉니다", "이 secrets 파일에 대신 씁니다 (시작 계정 만들기)"
    )
    add.add_argument("username", help="아이디 (영문 소문자, 숫자, . _ -)")
    add.add_argument("--role", required=True, choices=[r.value for r in Role], help="viewer, staff, admin")
    add.add_argument("--display-name", help="화면과 기록에 보일 이름 (예: 김담당)")
    add.add_argument("--email", help="OIDC(기관 계정) 로그인 때 이 권한을 줄 이메일")
    add.add_argument("--password-stdin", action="store_true", help="비밀번호를 표준 입력 첫 줄에서 읽습니다")

    role = command("set-role", "계정의 권한을 바꿉니다")
    role.add_argument("username")
    role.add_argument("role", choices=[r.value for r in Role])
    remove = command("remove-user", "계정을 지웁니다 (기록은 남습니다)")
    remove.add_argument("username")
    end = command("end-sessions", "계정의 로그인을 모든 브라우저에서 끝냅니다 (다음 동작에서 로그아웃)")
    end.add_argument("username")
    command("list-users", "계정 목록 (해시는 보이지 않습니다)", "이 secrets 파일의 계정만 봅니다")
    command("migrate-accounts", "secrets 파일의 계정을 저장소로 옮깁니다 (파일은 그대로 둡니다)")
    check = commands.add_parser("check", help="secrets 파일의 계정 설정 문제를 찾습니다")
    check.add_argument("--secrets", type=Path, default=DEFAULT_SECRETS)

    args = parser.parse_args(argv)
    from sqlalchemy.exc import SQLAlchemyError

    from .directory import AccountError

    try:
        if args.command == "check":
            section = _auth_section(args.secrets)
            problems = user_problems(section)
            for problem in problems:
                print(problem)
            if not problems:
                print(f"{len(load_users(section))}개 계정, 문제 없음")
            return 1 if problems else 0
        if args.secrets is not None and args.url is None and args.command in ("add-user", "list-users"):
            return _secrets_file_command(args)
        store, directory = _directory(args)
        try:
            return _store_command(args, directory)
        finally:
            store.close()
    except AccountError as error:
        print(f"오류: {error.korean()}", file=sys.stderr)
        return 1
    except (SecretsFileError, tomllib.TOMLDecodeError, OSError, SQLAlchemyError) as error:
        print(f"오류: {error}", file=sys.stderr)
        return 2


def _store_command(args, directory) -> int:
    actor = _actor(args)
    if args.command == "add-user":
        password = _read_password(args.password_stdin)
        username = args.username.strip().lower()
        if username in directory.users():
            change = directory.update(actor, "", username, args.role, args.display_name, args.email, password, password)
            print(f"저장소의 계정 '{change.username}'의 {', '.join(change.changed)}을(를) 바꿨습니다.")
        else:
            change = directory.add(
                actor, username, password, password, args.role, args.display_name or "", args.email or ""
            )
            print(
                f"저장소에 계정 '{change.username}' ({change.role.value})을(를) 추가했습니다. 모든 앱 서버에 곧바로 적용됩니다."
            )
        return 0
    if args.command == "set-role":
        change = directory.set_role(actor, "", args.username, args.role)
        before = change.previous_role.value if change.previous_role else "-"
        print(f"계정 '{change.username}'의 권한을 {before} → {change.role.value}(으)로 바꿨습니다.")
        return 0
    if args.command == "remove-user":
        change = directory.remove(actor, "", args.username)
        print(
            f"계정 '{change.username}'을(를) 지웠습니다. 이 아이디로는 더 이상 로그인할 수 없습니다(기록은 남습니다)."
        )
        return 0
    if args.command == "list-users":
        _print_users(directory.users())
        return 0
    if args.command == "end-sessions":
        ended = directory.end_sessions(actor, args.username)
        print(
            f"계정 '{args.username.strip().lower()}'의 로그인 {ended}개를 끝냈습니다. 열린 화면은 다음 동작에서 로그아웃됩니다."
        )
        return 0
    # migrate-accounts
    moved = directory.migrate_from_secrets(actor)
    if not moved:
        print("옮길 계정이 없습니다: secrets 파일의 계정은 모두 이미 저장소에 있습니다.")
        return 0
    for change in moved:
        print(f"옮겼습니다: {change.username} ({change.role.value})")
    print(
        f"{len(moved)}개 계정을 저장소로 옮겼습니다. 이제 secrets 파일의 [auth.users.*] 표는 지워도 됩니다(직접 지우세요)."
    )
    return 0


def _secrets_file_command(args) -> int:
    """add-user / list-users on the secrets file given with --secrets (the read-only bootstrap of the app)."""
    if args.command == "add-user":
        password = _read_password(args.password_stdin)
        existed = args.username.strip().lower() in load_users(_auth_section(args.secrets))
        record = add_user(args.secrets, args.username, password, args.role, args.display_name, args.email)
        verb = "바꿨습니다" if existed else "추가했습니다"
        print(
            f"{args.secrets.resolve()}: 계정 '{record.username}' ({record.display_name}, {record.role.value})을(를) {verb}."
        )
        print("실행 중인 앱이 바뀐 secrets 파일을 읽지 못하면(파일 감시가 꺼진 서버 등) 앱을 다시 시작하세요.")
        return 0
    _print_users(load_users(_auth_section(args.secrets)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
