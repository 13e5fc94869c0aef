"""The accounts page (admin): list, add, change, remove sign-in accounts, kept in the store.

The app reads its secrets from a temporary file here (Streamlit's `secrets.files` option; `streamlit run` takes it
from STREAMLIT_SECRETS_FILES, which the browser test uses). That file holds the three starting accounts (park, kim,
lee) as the read-only bootstrap: the page never writes it; every change goes to the store, which from then on
governs that username.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from streamlit.runtime.secrets import secrets_singleton
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from auth import admin, session
from auth.__main__ import main as auth_main
from auth.accounts import SecretsFileError, hash_password, upsert_user, verify
from auth.directory import AccountError, Directory
from auth.roles import Role
from store import open_store
from store.accounts import account_history
from tests.support.apptest import no_exception, texts

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60
PASSWORDS = {"park": "admin-password", "kim": "staff-password", "lee": "viewer-password"}
ACCOUNTS = {"park": ("admin", "박관리"), "kim": ("staff", "김담당"), "lee": ("viewer", "이열람")}
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def hashes() -> dict[str, str]:
    return {name: hash_password(password) for name, password in PASSWORDS.items()}


def secrets_text(hashes: dict[str, str], accounts: dict = ACCOUNTS) -> str:
    text = '# 테스트용 secrets\n[auth]\nviewers_must_sign_in = false\n\n[connections.other]\nurl = "x"\n'
    for name, (role, display) in accounts.items():
        text = upsert_user(text, name, hashes[name], role, display)
    return text


def forget_secrets() -> None:
    """Let Streamlit's secrets singleton parse (and watch) the test's file afresh."""
    secrets_singleton._reset()
    secrets_singleton._file_watchers_installed = False


@pytest.fixture
def secrets_file(tmp_path, hashes):
    path = tmp_path / "secrets.toml"
    path.write_text(secrets_text(hashes), encoding="utf-8")
    path.chmod(0o600)
    forget_secrets()
    with patch_config_options({"secrets.files": [str(path)]}):
        yield path
    forget_secrets()


@pytest.fixture
def app(secrets_file, sample_store):
    def make(user: str | None = "park", page: str = "accounts.py", lang: str | None = None) -> AppTest:
        at = AppTest.from_file(str(REPO / "views" / page), default_timeout=TIMEOUT)
        if user:
            at.session_state["auth_signed_in"] = user
        if lang:
            at.query_params["lang"] = lang
        return at.run()

    return make


def everything(at: AppTest) -> str:
    """Every text the page shows: messages, captions, markdown, labels, table cells."""
    parts = [texts(at.get(kind)) for kind in ("markdown", "caption", "success", "error", "info", "warning", "title")]
    parts += [w.label for kind in ("text_input", "selectbox", "button") for w in at.get(kind)]
    parts += [str(w.help or "") for kind in ("text_input", "selectbox") for w in at.get(kind)]
    parts += [d.value.to_csv() for d in at.dataframe]
    return "\n".join(parts)


def table(at: AppTest):
    return next(d.value for d in at.dataframe if "아이디" in d.value.columns or "Username" in d.value.columns)


def add(
    at: AppTest,
    username: str,
    password: str,
    again: str | None = None,
    role: str = "staff",
    display: str = "",
    email: str = "",
) -> AppTest:
    at.text_input(key="accounts_add_username").input(username)
    at.text_input(key="accounts_add_display_name").input(display)
    at.selectbox(key="accounts_add_role__ko").set_value(role)
    at.text_input(key="accounts_add_email").input(email)
    at.text_input(key="accounts_add_password").input(password)
    at.text_input(key="accounts_add_password_again").input(password if again is None else again)
    return at.button(key="accounts_add").click().run()


def last_audit(sample_store: str):
    return open_store(sample_store).audit_log(limit=1).iloc[0]


def directory(sample_store: str, secrets_file: Path) -> Directory:
    section = tomllib.loads(secrets_file.read_text(encoding="utf-8")).get("auth")
    return Directory(open_store(sample_store).engine, section)


def accounts(sample_store: str, secrets_file: Path):
    """Who may sign in now: the store's accounts over the file's."""
    return directory(sample_store, secrets_file).users()


# ---------------------------------------------------------------------------------------------- listing


def test_admin_sees_every_account_and_never_a_hash(app, secrets_file, hashes):
    at = app()
    no_exception(at)
    assert at.title[0].value == "계정"
    shown = table(at)
    assert shown.values.tolist() == [
        ["kim", "김담당", "담당자(staff)", "", "비밀번호", "secrets 파일(읽기 전용)"],
        ["lee", "이열람", "열람자(viewer)", "", "비밀번호", "secrets 파일(읽기 전용)"],
        ["park", "박관리", "관리자(admin)", "", "비밀번호", "secrets 파일(읽기 전용)"],
    ]
    assert list(shown.columns) == ["아이디", "이름", "권한", "이메일", "로그인 방식", "보관 위치"]
    page = everything(at)
    assert "$argon2" not in page and not any(h in page for h in hashes.values())
    assert str(secrets_file) in texts(at.caption)
    assert "secrets 파일에만 있는 계정 3개가 있습니다" in texts(at.info)


# ---------------------------------------------------------------------------------------------- adding


def test_admin_adds_a_user_who_can_then_sign_in(app, secrets_file, sample_store, hashes):
    before = secrets_file.read_bytes()
    at = app()
    add(at, "Choi", "choi-password-1", role="staff", display="최주무관", email="Choi@Korea.kr")
    no_exception(at)
    assert "계정 choi을(를) 담당자(staff) 권한으로 추가했습니다" in texts(at.success)

    # The store: the new account with an argon2 hash that verifies; the secrets file untouched.
    users = accounts(sample_store, secrets_file)
    assert verify("choi", "choi-password-1", users).role is Role.STAFF
    assert verify("choi", "wrong-password", users) is None
    assert users["choi"].password_hash.startswith("$argon2id$")
    assert (users["choi"].display_name, users["choi"].email, users["choi"].source) == (
        "최주무관",
        "choi@korea.kr",
        "store",
    )
    assert secrets_file.read_bytes() == before
    history = account_history(open_store(sample_store).engine, "choi")
    assert [(h.revision, h.action, h.by) for h in history] == [(1, "add", "박관리 (park)")]

    # The table of this very run lists it, and the form is empty again.
    assert table(at).set_index("아이디").loc["choi", "보관 위치"] == "저장소"
    assert at.text_input(key="accounts_add_username").value == ""
    assert at.text_input(key="accounts_add_password").value == ""

    entry = last_audit(sample_store)
    assert (entry["action"], entry["user"]) == ("account_add", "박관리 (park)")
    assert entry["detail"]["account"] == "choi" and entry["detail"]["role"] == "staff"
    assert "choi-password-1" not in str(entry["detail"]) and "$argon2" not in str(entry["detail"])

    # And the new account signs in through the sign-in page of the running app.
    sign_in = app(user=None, page="sign_in.py")
    sign_in.text_input(key="sign_in_username").input("choi")
    sign_in.text_input(key="sign_in_password").input("choi-password-1")
    sign_in.button[0].click().run()
    no_exception(sign_in)
    assert "최주무관(choi) 계정으로 로그인되어 있습니다. 권한: 담당자(staff)" in texts(sign_in.success)


@pytest.mark.parametrize(
    ("username", "password", "again", "message"),
    [
        ("choi", "choi-password-1", "choi-password-2", "두 번 입력한 비밀번호가 다릅니다"),
        ("choi", "short", None, "비밀번호는 8자 이상이어야 합니다"),
        ("kim", "another-password", None, "아이디 'kim'은(는) 이미 있습니다"),
        ("최", "choi-password-1", None, "아이디 '최'은(는) 쓸 수 없습니다"),
        ("", "choi-password-1", None, "아이디 ''은(는) 쓸 수 없습니다"),
    ],
)
def test_a_refused_addition_writes_nothing(app, secrets_file, sample_store, username, password, again, message):
    before = secrets_file.read_bytes()
    at = app()
    add(at, username, password, again)
    no_exception(at)
    assert message in texts(at.error)
    assert secrets_file.read_bytes() == before
    assert all(u.source == "secrets" for u in accounts(sample_store, secrets_file).values())
    assert not open_store(sample_store).audit_log()["action"].str.startswith("account_").any()
    assert at.text_input(key="accounts_add_password").value == ""  # passwords are typed again
    assert at.text_input(key="accounts_add_username").value == username  # the rest is kept


def test_an_email_belongs_to_one_account(app, secrets_file, sample_store):
    at = app()
    add(at, "choi", "choi-password-1", email="same@korea.kr")
    add(at, "jung", "jung-password-1", email="SAME@korea.kr")
    assert "이미 계정 choi에 있습니다" in texts(at.error)
    assert "jung" not in accounts(sample_store, secrets_file)


# ---------------------------------------------------------------------------------------------- changing


def edit(
    at: AppTest,
    username: str,
    role: str | None = None,
    display: str | None = None,
    email: str | None = None,
    password: str = "",
    again: str | None = None,
) -> AppTest:
    at.selectbox(key="accounts_edit_user__ko").set_value(username).run()
    prefix = f"accounts_edit_{username}"
    if role is not None:
        at.selectbox(key=f"{prefix}_role__ko").set_value(role)
    if display is not None:
        at.text_input(key=f"{prefix}_display_name").input(display)
    if email is not None:
        at.text_input(key=f"{prefix}_email").input(email)
    at.text_input(key=f"{prefix}_password").input(password)
    at.text_input(key=f"{prefix}_password_again").input(password if again is None else again)
    return at.button(key="accounts_save").click().run()


def test_admin_changes_role_display_name_and_password(app, secrets_file, sample_store, hashes):
    before = secrets_file.read_bytes()
    at = app()
    edit(at, "kim", role="admin", display="김팀장", password="new-staff-password")
    no_exception(at)
    assert "계정 kim의 권한, 이름, 비밀번호을(를) 바꿨습니다" in texts(at.success)
    users = accounts(sample_store, secrets_file)
    assert (users["kim"].role, users["kim"].display_name, users["kim"].source) == (Role.ADMIN, "김팀장", "store")
    assert verify("kim", "new-staff-password", users) is not None
    assert verify("kim", PASSWORDS["kim"], users) is None
    assert users["park"].password_hash == hashes["park"] and users["park"].source == "secrets"  # the others untouched
    assert secrets_file.read_bytes() == before  # the bootstrap file is read-only
    assert table(at).set_index("아이디").loc["kim", "권한"] == "관리자(admin)"

    entry = last_audit(sample_store)
    assert entry["action"] == "account_update"
    detail = entry["detail"]
    assert (detail["account"], detail["role"], detail["previous_role"]) == ("kim", "admin", "staff")
    assert detail["changed"] == ["role", "display_name", "password"]
    assert "new-staff-password" not in str(detail) and "$argon2" not in str(detail)
    assert "권한 담당자(staff) → 관리자(admin)" in detail["note"]


def test_changing_the_role_alone_keeps_the_password(app, secrets_file, sample_store, hashes):
    at = app()
    edit(at, "lee", role="staff")
    no_exception(at)
    users = accounts(sample_store, secrets_file)
    assert users["lee"].role is Role.STAFF and users["lee"].password_hash == hashes["lee"]
    assert verify("lee", PASSWORDS["lee"], users) is not None
    # The signed-in staffer's new role applies at once: lee now gets the upload page.
    upload = app(user="lee", page="upload.py")
    assert upload.file_uploader


def test_saving_without_a_change_says_so_and_writes_nothing(app, secrets_file, sample_store):
    at = app()
    edit(at, "lee")
    assert "바뀐 것이 없습니다" in texts(at.info)
    edit(at, "lee", password="new-password-1", again="new-password-2")
    assert "두 번 입력한 비밀번호가 다릅니다" in texts(at.error)
    assert account_history(open_store(sample_store).engine, "lee") == []
    assert last_audit(sample_store)["action"] != "account_update"


def test_an_admin_cannot_demote_themself(app, secrets_file, sample_store):
    at = app()
    at.selectbox(key="accounts_edit_user__ko").set_value("park").run()
    role = at.selectbox(key="accounts_edit_park_role__ko")
    assert role.disabled and role.value == "admin"
    assert "자기 계정의 권한은 바꿀 수 없습니다" in texts(at.caption)
    edit(at, "park", display="박과장")  # the rest of one's own account can be changed
    assert accounts(sample_store, secrets_file)["park"].role is Role.ADMIN
    assert accounts(sample_store, secrets_file)["park"].display_name == "박과장"
    with pytest.raises(AccountError) as refused:
        directory(sample_store, secrets_file).update("박관리 (park)", "park", "park", "staff", "박관리", "")
    assert refused.value.key == "accounts.error.self_role"


# ---------------------------------------------------------------------------------------------- removing


def test_admin_removes_another_account_after_confirming(app, secrets_file, sample_store):
    before = secrets_file.read_bytes()
    at = app()
    at.selectbox(key="accounts_remove_user__ko").set_value("lee").run()
    at.button(key="accounts_remove").click().run()
    no_exception(at)
    assert "**lee** (이열람, 열람자(viewer)) 계정을 지웁니다" in texts(at.markdown)
    assert "lee" in accounts(sample_store, secrets_file)  # nothing before the confirm

    at.button(key="accounts_remove_cancel").click().run()
    assert "lee" in accounts(sample_store, secrets_file)
    assert not [b for b in at.button if b.key == "accounts_remove_confirm"]

    at.button(key="accounts_remove").click().run()
    at.button(key="accounts_remove_confirm").click().run()
    no_exception(at)
    assert "계정 lee을(를) 지웠습니다" in texts(at.success)
    assert set(accounts(sample_store, secrets_file)) == {"kim", "park"}
    assert "lee" not in table(at)["아이디"].tolist()
    assert secrets_file.read_bytes() == before  # still in the file, but the store's removal governs lee now
    assert [h.action for h in account_history(open_store(sample_store).engine, "lee")] == ["remove"]
    entry = last_audit(sample_store)
    assert (entry["action"], entry["detail"]["account"], entry["detail"]["role"]) == ("account_remove", "lee", "viewer")

    # lee, if signed in, is signed out on the next step, and cannot sign in again.
    gone = app(user="lee", page="sign_in.py")
    assert "auth_signed_in" not in gone.session_state
    gone.text_input(key="sign_in_username").input("lee")
    gone.text_input(key="sign_in_password").input(PASSWORDS["lee"])
    gone.button[0].click().run()
    assert "auth_signed_in" not in gone.session_state


def test_an_admin_cannot_remove_themself(app, secrets_file, sample_store):
    at = app()
    at.selectbox(key="accounts_remove_user__ko").set_value("park").run()
    assert at.button(key="accounts_remove").disabled
    assert "자기 계정은 지울 수 없습니다" in texts(at.caption)
    at.session_state["accounts_confirming"] = "park"  # as if the dialog had been forced open: it is not shown
    at.run()
    no_exception(at)
    assert not [b for b in at.button if b.key == "accounts_remove_confirm"]
    assert account_history(open_store(sample_store).engine, "park") == []
    with pytest.raises(AccountError) as refused:
        directory(sample_store, secrets_file).remove("박관리 (park)", "park", "PARK")
    assert refused.value.key == "accounts.error.self_remove"


def test_there_is_always_an_admin(secrets_file, sample_store):
    """Someone admin through OIDC (not an account) cannot remove or demote the last admin."""
    accounts_ = directory(sample_store, secrets_file)
    with pytest.raises(AccountError) as refused:
        accounts_.remove("boss", "boss@korea.kr", "park")
    assert refused.value.key == "accounts.error.last_admin"
    with pytest.raises(AccountError) as refused:
        accounts_.update("boss", "boss@korea.kr", "park", "staff", "박관리", "")
    assert refused.value.key == "accounts.error.last_admin"
    accounts_.update("park", "park", "kim", "admin", "김담당", "")
    accounts_.update("boss", "boss@korea.kr", "park", "staff", "박관리", "")  # kim is admin now
    assert accounts_.users()["park"].role is Role.STAFF


# ---------------------------------------------------------------------------------------------- who may


@pytest.mark.parametrize("user", ["kim", "lee"])
def test_staff_and_viewers_get_a_refusal(app, secrets_file, sample_store, user):
    at = app(user=user)
    no_exception(at)
    assert "이 화면은 관리자(admin) 이상만 쓸 수 있습니다" in texts(at.error)
    assert not at.dataframe and not at.text_input and not at.tabs


def test_anonymous_gets_the_sign_in_form(app):
    at = app(user=None)
    assert "로그인해야 합니다" in texts(at.info)
    assert [w.label for w in at.text_input] == ["아이디", "비밀번호"]
    assert not at.dataframe


def test_an_admin_demoted_meanwhile_is_refused_at_the_action(app, secrets_file, sample_store):
    """authorize() runs right before the write: an admin demoted after opening the page changes nothing."""
    at = app()
    at.text_input(key="accounts_add_username").input("choi")
    at.text_input(key="accounts_add_password").input("choi-password-1")
    at.text_input(key="accounts_add_password_again").input("choi-password-1")
    other = directory(sample_store, secrets_file)  # e.g. another app server, or the command line
    other.update("park", "park", "kim", "admin", "김담당", "")
    other.update("김담당 (kim)", "kim", "park", "staff", "박관리", "")  # another admin demotes park meanwhile
    at.button(key="accounts_add").click().run()
    assert "관리자(admin) 이상만" in texts(at.error)
    assert "choi" not in accounts(sample_store, secrets_file)


def sign_in_through_the_form(app, username: str) -> AppTest:
    page = app(user=None, page="sign_in.py")
    page.text_input(key="sign_in_username").input(username)
    page.text_input(key="sign_in_password").input(PASSWORDS[username])
    page.button[0].click().run()
    assert page.session_state["auth_signed_in"] == username
    return page


def test_an_admin_ends_an_accounts_sign_ins_and_it_is_audited(app, secrets_file, sample_store):
    kim_here, kim_there = sign_in_through_the_form(app, "kim"), sign_in_through_the_form(app, "kim")
    at = app()
    at.selectbox(key="accounts_sessions_user__ko").set_value("kim").run()
    assert "지금 로그인 2개" in texts(at.markdown)
    at.button(key="accounts_end_sessions").click().run()
    no_exception(at)
    assert "kim 계정의 로그인 2개를 끝냈습니다." in texts(at.success)
    assert "지금 로그인 0개" in texts(at.markdown)
    entry = last_audit(sample_store)
    assert (entry["action"], entry["user"], entry["detail"]["account"], entry["detail"]["sessions_ended"]) == (
        "end_sessions",
        "박관리 (park)",
        "kim",
        2,
    )
    for page in (kim_here, kim_there):  # signed out at the next step, in every tab
        page.run()
        assert "auth_signed_in" not in page.session_state
    assert "auth_signed_in" in at.run().session_state  # the admin's own sign-in goes on


def test_end_sessions_from_the_command_line(app, secrets_file, sample_store, capsys):
    kim = sign_in_through_the_form(app, "kim")
    assert auth_main(["end-sessions", "KIM", "--url", sample_store, "--by", "보안담당"]) == 0
    assert "계정 'kim'의 로그인 1개를 끝냈습니다" in capsys.readouterr().out
    entry = last_audit(sample_store)
    assert (entry["action"], entry["user"], entry["detail"]["sessions_ended"]) == ("end_sessions", "보안담당", 1)
    kim.run()
    assert "auth_signed_in" not in kim.session_state


# ---------------------------------------------------------------------------------------------- English


def test_english_is_complete(app, secrets_file):
    at = app(lang="en")
    no_exception(at)
    assert at.title[0].value == "Accounts"
    assert list(table(at).columns) == ["Username", "Display name", "Role", "Email", "Sign-in", "Kept in"]
    assert [tab.label for tab in at.tabs] == [
        "Add an account",
        "Change an account",
        "Remove an account",
        "End sign-ins",
    ]
    names = {display for _, display in ACCOUNTS.values()}  # the data: people's names stay as written
    shown = everything(at)
    for name in names:
        shown = shown.replace(name, "")
    assert not HANGUL.findall(shown), sorted(set(HANGUL.findall(shown)))

    at.text_input(key="accounts_add_username").input("choi")
    at.text_input(key="accounts_add_password").input("choi-password-1")
    at.text_input(key="accounts_add_password_again").input("choi-password-2")
    at.button(key="accounts_add").click().run()
    assert "The two passwords are not the same" in texts(at.error)
    at.text_input(key="accounts_add_password").input("choi-password-1")
    at.text_input(key="accounts_add_password_again").input("choi-password-1")
    at.button(key="accounts_add").click().run()
    assert "Added the account choi with the role viewer. It can sign in now." in texts(at.success)


# ---------------------------------------------------------------------------------------------- the bootstrap file


def test_the_bootstrap_file_is_the_one_whose_auth_the_app_uses(tmp_path):
    first, second, third = (tmp_path / name for name in ("a.toml", "b.toml", "c.toml"))
    first.write_text("[auth]\nviewers_must_sign_in = true\n", encoding="utf-8")
    second.write_text('[connections.store]\nurl = "sqlite://"\n', encoding="utf-8")
    # Later files' tables replace earlier ones: the last file with [auth] is the one in use.
    assert admin.choose_secrets_path([str(first), str(second), str(third)], tmp_path) == first
    third.write_text('[auth.users.x]\nrole = "viewer"\n', encoding="utf-8")
    assert admin.choose_secrets_path([str(first), str(second), str(third)], tmp_path) == third
    # No [auth] anywhere: the last existing file; no file at all: the working directory's .streamlit/secrets.toml.
    assert admin.choose_secrets_path([str(second), str(tmp_path / "none.toml")], tmp_path) == second
    project = str(tmp_path / ".streamlit" / "secrets.toml")
    assert admin.choose_secrets_path([str(tmp_path / "home.toml"), project], tmp_path) == Path(project)
    # Kubernetes-style directory secrets holding [auth].
    (tmp_path / "k8s" / "auth").mkdir(parents=True)
    assert admin.choose_secrets_path([str(first), str(tmp_path / "k8s")], tmp_path) == tmp_path / "k8s"
    with pytest.raises(SecretsFileError):
        admin.choose_secrets_path([str(tmp_path / "k8s")], tmp_path)


def test_the_page_names_the_file_streamlit_reads(secrets_file):
    assert session.secrets_path() == secrets_file


def test_migrating_copies_the_file_accounts_into_the_store(secrets_file, sample_store, hashes):
    accounts_ = directory(sample_store, secrets_file)
    accounts_.update("박관리 (park)", "park", "lee", "staff", None, None)  # lee is governed by the store already
    moved = accounts_.migrate_from_secrets("명령줄(root)")
    assert [(c.username, c.role) for c in moved] == [("kim", Role.STAFF), ("park", Role.ADMIN)]
    users = accounts_.users()
    assert {name: (u.source, u.role) for name, u in users.items()} == {
        "kim": ("store", Role.STAFF), "lee": ("store", Role.STAFF), "park": ("store", Role.ADMIN)
    }  # fmt: skip
    assert users["park"].password_hash == hashes["park"]  # the same hash: the same password signs in
    assert accounts_.migrate_from_secrets("명령줄(root)") == []  # twice: nothing more to do
    log = open_store(sample_store).audit_log()
    migrated = log[log["action"] == "account_migrate"]
    assert migrated["detail"].map(lambda d: d["account"]).tolist() == ["park", "kim"]
    assert migrated["detail"].iloc[0]["note"] == "계정 park을(를) secrets 파일에서 저장소로 옮김 (관리자(admin))"
