"""Roles, password hashing and checking, the add-user command and OIDC mapping (sign-in throttling:
tests/unit/test_sign_in_throttle.py)."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from auth import accounts
from auth.__main__ import main as auth_main
from auth.accounts import (
    Account,
    SecretsFileError,
    add_user,
    hash_password,
    load_users,
    oidc_account,
    oidc_provider,
    reason_refused,
    toml_string,
    upsert_user,
    user_problems,
    verify,
    viewers_must_sign_in,
)
from auth.roles import ACTION_ROLES, PAGE_ROLES, Page, Role, action_role, page_role

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def staff_hash() -> str:
    return hash_password("correct horse")


# ---------------------------------------------------------------------------------------------- roles


def test_roles_are_ordered_viewer_staff_admin():
    assert Role.VIEWER.allows(Role.VIEWER)
    assert not Role.VIEWER.allows(Role.STAFF)
    assert Role.STAFF.allows(Role.VIEWER) and Role.STAFF.allows(Role.STAFF)
    assert not Role.STAFF.allows(Role.ADMIN)
    assert all(Role.ADMIN.allows(r) for r in Role)
    assert Role.parse(" Staff ") is Role.STAFF
    with pytest.raises(ValueError):
        Role.parse("mayor")


def test_role_table_says_who_may_use_which_page_and_action():
    assert page_role("overview") is Role.VIEWER
    assert page_role("sign-in") is Role.VIEWER
    assert page_role("upload") is Role.STAFF
    assert page_role("history") is Role.STAFF
    assert page_role("audit") is Role.ADMIN
    assert action_role("import") is Role.STAFF
    assert action_role("rollback") is Role.STAFF
    assert action_role("download_original") is Role.STAFF
    assert action_role("read_source_rows") is Role.STAFF
    assert action_role("read_audit") is Role.ADMIN
    # Anything not in the table is closed (admin), not open.
    assert page_role("something-new") is Role.ADMIN
    assert action_role("drop_everything") is Role.ADMIN
    assert set(PAGE_ROLES) == set(Page) and Page.UPLOAD.role is Role.STAFF and page_role(Page.AUDIT) is Role.ADMIN
    assert "import" in ACTION_ROLES


# ---------------------------------------------------------------------------------------------- hashing and verify


def test_hash_is_argon2id_salted_and_never_the_password():
    first, second = hash_password("비밀번호123"), hash_password("비밀번호123")
    assert first.startswith("$argon2id$")
    assert first != second  # random salt
    assert "비밀번호123" not in first
    with pytest.raises(ValueError):
        hash_password("")


def test_verify_accepts_only_the_right_password(staff_hash):
    users = {"kim": {"password_hash": staff_hash, "role": "staff", "display_name": "김담당"}}
    account = verify("kim", "correct horse", users)
    assert account == Account("kim", Role.STAFF, "김담당", "local")
    assert account.actor == "김담당 (kim)"
    assert verify(" KIM ", "correct horse", users) == account  # usernames are not case-sensitive
    assert verify("kim", "correct horse ", users) is None
    assert verify("kim", "wrong", users) is None
    assert verify("kim", "", users) is None
    assert verify("lee", "correct horse", users) is None
    assert verify("", "correct horse", users) is None
    assert reason_refused("kim", users) == "wrong_password"
    assert reason_refused("lee", users) == "unknown_user"


def test_verify_runs_argon2_also_for_unknown_users(staff_hash, monkeypatch):
    """Same work whether or not the username exists, so timing does not reveal accounts."""
    calls = []
    real = accounts._hasher
    dummy = accounts._dummy_hash()

    class Counting:
        def hash(self, password):
            return real.hash(password)

        def verify(self, stored, password):
            calls.append(stored)
            return real.verify(stored, password)

    monkeypatch.setattr(accounts, "_hasher", Counting())
    users = load_users({"users": {"kim": {"password_hash": staff_hash, "role": "staff"}}})
    verify("nobody", "x", users)
    verify("kim", "x", users)
    assert len(calls) == 2
    assert calls[0] == dummy and calls[1] == staff_hash


def test_accounts_without_hash_or_with_bad_role_cannot_sign_in(staff_hash):
    section = {
        "users": {
            "oidc_only": {"role": "viewer", "email": "a@korea.kr"},
            "typo": {"password_hash": staff_hash, "role": "superuser"},
            "plain": {"password": "correct horse", "role": "staff"},
        }
    }
    users = load_users(section)
    assert "typo" not in users
    assert verify("oidc_only", "anything", users) is None
    assert verify("plain", "correct horse", users) is None  # a plain-text password is never compared
    problems = "\n".join(user_problems(section))
    assert "typo" in problems and "plain" in problems


def test_viewers_may_read_anonymously_by_default():
    assert viewers_must_sign_in({}) is False
    assert viewers_must_sign_in(None) is False
    assert viewers_must_sign_in({"viewers_must_sign_in": True}) is True
    assert viewers_must_sign_in({"viewers_must_sign_in": "false"}) is False


# ---------------------------------------------------------------------------------------------- add-user


def test_toml_string_escapes_quotes_backslashes_and_controls():
    text = 'a "b" \\ c\n\td\x01'
    assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


def test_add_user_command_writes_a_block_that_verifies(tmp_path, monkeypatch, capsys):
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text(
        '# store\n[connections.store]\nurl = "sqlite:///var/store.sqlite"\n\n[auth]\nviewers_must_sign_in = false\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO("first-password\n"))
    code = auth_main(
        [
            "add-user",
            "Kim",
            "--role",
            "staff",
            "--display-name",
            '김 "담당"',
            "--secrets",
            str(secrets),
            "--password-stdin",
        ]
    )
    assert code == 0
    assert "kim" in capsys.readouterr().out
    text = secrets.read_text(encoding="utf-8")
    assert "first-password" not in text
    assert text.startswith("# store\n[connections.store]")  # the rest of the file is kept
    document = tomllib.loads(text)
    assert document["connections"]["store"]["url"] == "sqlite:///var/store.sqlite"
    assert document["auth"]["viewers_must_sign_in"] is False
    assert document["auth"]["users"]["kim"]["role"] == "staff"
    users = load_users(document["auth"])
    assert verify("kim", "first-password", users) == Account("kim", Role.STAFF, '김 "담당"', "local")

    # Again for the same user: new password and role; the display name stays; other users stay.
    monkeypatch.setattr(sys, "stdin", io.StringIO("boss-password\n"))
    assert auth_main(["add-user", "park", "--role", "admin", "--secrets", str(secrets), "--password-stdin"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("second-password\n"))
    assert auth_main(["add-user", "kim", "--role", "admin", "--secrets", str(secrets), "--password-stdin"]) == 0
    users = load_users(tomllib.loads(secrets.read_text(encoding="utf-8"))["auth"])
    assert verify("kim", "first-password", users) is None
    assert verify("kim", "second-password", users) == Account("kim", Role.ADMIN, '김 "담당"', "local")
    assert verify("park", "boss-password", users).role is Role.ADMIN
    assert secrets.read_text(encoding="utf-8").count("[auth.users.kim]") == 1


def test_add_user_creates_a_private_file(tmp_path):
    secrets = tmp_path / "new" / "secrets.toml"
    add_user(secrets, "lee", "long enough", "viewer")
    assert stat.S_IMODE(os.stat(secrets).st_mode) == 0o600
    assert verify("lee", "long enough", load_users(tomllib.loads(secrets.read_text())["auth"])).role is Role.VIEWER


def test_add_user_refuses_bad_input_and_leaves_the_file_alone(tmp_path):
    secrets = tmp_path / "secrets.toml"
    original = '[auth.users]\nkim = { role = "staff", password_hash = "x" }\n'
    secrets.write_text(original)
    with pytest.raises(SecretsFileError):
        add_user(secrets, "kim", "long enough", "staff")  # defined another way: cannot add safely
    with pytest.raises(SecretsFileError):
        add_user(secrets, "bad name", "long enough", "staff")
    with pytest.raises(SecretsFileError):
        add_user(secrets, "lee", "short", "staff")
    assert secrets.read_text() == original
    broken = tmp_path / "broken.toml"
    broken.write_text("[auth\n")
    with pytest.raises(SecretsFileError):
        add_user(broken, "lee", "long enough", "staff")


def test_upsert_keeps_comments_and_unmanaged_keys_of_the_block():
    text = '[auth.users.kim]\n# 인사팀\npassword_hash = "old"\nrole = "viewer"\nteam = "AI"\n\n[other]\nx = 1\n'
    updated = upsert_user(text, "kim", "new", "staff")
    document = tomllib.loads(updated)
    assert document["auth"]["users"]["kim"] == {
        "password_hash": "new",
        "role": "staff",
        "display_name": "kim",
        "team": "AI",
    }
    assert document["other"] == {"x": 1}
    assert "# 인사팀" in updated


def test_python_m_auth_add_user_end_to_end(tmp_path):
    secrets = tmp_path / "secrets.toml"
    result = subprocess.run(
        [sys.executable, "-m", "auth", "add-user", "choi", "--role", "staff", "--display-name", "최담당",
         "--secrets", str(secrets), "--password-stdin"],
        input="script-password\n", capture_output=True, text=True, cwd=REPO_ROOT, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    users = load_users(tomllib.loads(secrets.read_text(encoding="utf-8"))["auth"])
    assert verify("choi", "script-password", users) == Account("choi", Role.STAFF, "최담당", "local")
    listing = subprocess.run(
        [sys.executable, "-m", "auth", "list-users", "--secrets", str(secrets)],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=60,
    )  # fmt: skip
    assert "choi\tstaff\t최담당" in listing.stdout and "$argon2" not in listing.stdout


# ---------------------------------------------------------------------------------------------- OIDC


def test_oidc_is_configured_only_with_everything_st_login_needs():
    base = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s" * 32}
    assert oidc_provider({}) is None
    assert oidc_provider({"users": {}}) is None
    assert oidc_provider(base) is None
    default = {**base, "client_id": "id", "client_secret": "secret", "server_metadata_url": "https://idp/.well-known"}
    assert oidc_provider(default) == "default"
    named = {
        **base,
        "users": {"kim": {"role": "staff"}},
        "microsoft": {"client_id": "i", "client_secret": "s", "server_metadata_url": "u"},
    }
    assert oidc_provider(named) == "microsoft"


def test_oidc_account_takes_the_role_of_the_matching_email():
    section = {"users": {"kim": {"role": "staff", "display_name": "김담당", "email": "Kim@Korea.kr"}}}
    staff = oidc_account({"is_logged_in": True, "email": "kim@korea.kr", "name": "Kim"}, section)
    assert staff == Account("kim", Role.STAFF, "김담당", "oidc")
    other = oidc_account({"is_logged_in": True, "email": "lee@korea.kr", "name": "Lee"}, section)
    assert other == Account("lee@korea.kr", Role.VIEWER, "Lee", "oidc")
    assert (
        oidc_account({"is_logged_in": True, "email": "lee@korea.kr"}, {**section, "oidc_default_role": "none"}) is None
    )
    assert oidc_account({"is_logged_in": False, "email": "kim@korea.kr"}, section) is None
    assert oidc_account({"email": "test@example.com"}, section) is None  # AppTest's default st.user
