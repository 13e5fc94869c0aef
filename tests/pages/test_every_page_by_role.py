"""Every page app.py routes, for every role (issue #13): the page renders with no exception for each role, a page
the role may open shows no refusal, and a page the role must not see is neither in its menu nor usable when opened
by its address (a refusal, or the sign-in form, and nothing of the page).

The pages come from app.py itself (its `page("file.py", "url_path", …)` calls, read with ast) and the roles from
auth/roles.py, so a new page or role is covered without editing this file. The app runs in AppTest through app.py's
own st.navigation; which pages its menu shows is what app.py asked `page_visibility` for on that run.
"""

from __future__ import annotations

import ast

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import auth.session
from auth.accounts import hash_password
from auth.roles import Role, page_role
from auth.session import role_label
from present.safe_text import unescape
from tests.support.paths import REPO_ROOT
from ui.i18n import t

TIMEOUT = 90
APP = REPO_ROOT / "app.py"


def routed_pages() -> list[tuple[str, str, str]]:
    """(file under views/, url_path, title key) for every `page(...)` call in app.py, in menu order."""
    tree = ast.parse(APP.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "page":
            file, url_path, title_key = (arg.value for arg in node.args[:3])
            found.append((file, url_path, title_key))
    return sorted(found, key=lambda p: (p[0] != "overview.py", p[0]))


def own_title_key(file: str) -> str | None:
    """The i18n key of the title the page itself shows (page_setup("key") or st.title(t("key"))), read from the
    view's code; None for a page drawn without a title (page_setup(..., show_title=False))."""
    tree = ast.parse((REPO_ROOT / "views" / file).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name == "page_setup":
            shown = next((k.value.value for k in node.keywords if k.arg == "show_title"), True)
            return node.args[0].value if shown else None
        if name == "title" and node.args and isinstance(node.args[0], ast.Call):
            return node.args[0].args[0].value
    raise AssertionError(f"views/{file}: no page_setup(...) or st.title(t(...)) found")


PAGES = routed_pages()
USERS = {role: f"user_{role.value}" for role in Role}  # one signed-in account per role
WHO = [None, *Role]  # None: nobody signed in (viewers need not sign in, the default)


def who_id(who: Role | None) -> str:
    return who.value if who else "anonymous"


def may_open(who: Role | None, url_path: str) -> bool:
    if url_path == "sign-in":
        return True  # never gated: it is where one signs in and out
    required = page_role(url_path)
    return required is Role.VIEWER if who is None else who.allows(required)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    """One SQLite store, seeded with the sample data on first use, for every page of this module (none writes)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AICD_STORE_URL", f"sqlite:///{tmp_path_factory.mktemp('pages-by-role')}/store.sqlite")
        st.cache_data.clear()
        st.cache_resource.clear()
        yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def users() -> dict:
    return {
        username: {"password_hash": hash_password(f"{username}-password"), "role": role.value, "display_name": username}
        for role, username in USERS.items()
    }


@pytest.fixture
def menu(monkeypatch) -> dict[str, str]:
    """url_path → "visible"/"hidden", as app.py's last run asked auth.session.page_visibility."""
    seen: dict[str, str] = {}
    real = auth.session.page_visibility

    def recording(url_path: str):
        seen[url_path] = real(url_path)
        return seen[url_path]

    monkeypatch.setattr(auth.session, "page_visibility", recording)
    return seen


def open_page(file: str, who: Role | None, users: dict) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.secrets["auth"] = {"users": users}
    if who is not None:
        at.session_state[auth.session.SIGNED_IN_KEY] = USERS[who]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at.switch_page(f"views/{file}").run()


def texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("error", "info", "title") for e in getattr(at, kind))


def test_the_pages_are_read_from_app_py():
    assert [url for _, url, _ in PAGES][:1] == ["home"]
    assert {"budget", "upload", "history", "audit", "accounts", "sign-in"} <= {url for _, url, _ in PAGES}
    assert len(PAGES) == len({url for _, url, _ in PAGES}) == 12


@pytest.mark.parametrize("who", WHO, ids=who_id)
@pytest.mark.parametrize("file,url_path,title_key", PAGES, ids=[url for _, url, _ in PAGES])
def test_every_page_for_every_role(file, url_path, title_key, who, users, shared_store, menu):
    at = open_page(file, who, users)
    assert not at.exception, (url_path, [e.value for e in at.exception])
    assert set(menu) == {url for _, url, _ in PAGES}  # app.py asked about exactly the pages read from it
    refused_or_sign_in = [e for e in at.error if "block" in str(e.icon)] + [i for i in at.info if "lock" in str(i.icon)]
    if may_open(who, url_path):
        assert refused_or_sign_in == [], texts(at)
        own = own_title_key(file)  # this page ran, not the default one
        assert [x.value for x in at.main.title] == ([t(own)] if own else []), url_path
        signed_in_sign_in_page = url_path == "sign-in" and who is not None
        assert menu[url_path] == ("hidden" if signed_in_sign_in_page else "visible")
    else:
        assert menu[url_path] == "hidden"
        assert len(refused_or_sign_in) == 1, texts(at)
        required = role_label(page_role(url_path))
        if who is None:  # not signed in: the sign-in form, nothing of the page
            assert unescape(refused_or_sign_in[0].value) == t("auth.sign_in_needed", required=required)
            assert [w.value for w in at.main.text_input] == ["", ""]  # username and password
            assert [b.label for b in at.main.button] == ["로그인"]
        else:  # signed in without the role: a refusal naming the role needed and the account's own
            assert unescape(refused_or_sign_in[0].value) == t(
                "auth.refused.page", required=required, name=USERS[who], role=role_label(who)
            )
            assert len(at.main.text_input) == 0 and len(at.main.button) == 0
        assert len(at.dataframe) == 0 and len(at.file_uploader) == 0
