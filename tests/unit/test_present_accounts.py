"""present.accounts: the accounts page's option labels and the message each change leaves, in either language."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from auth.accounts import UserRecord
from auth.directory import AccountError, Change
from auth.roles import Role
from present.accounts import done_flash, option_label, refused_flash, role_name, store_failed_flash
from present.i18n import translate


def test_option_labels_in_the_readers_language():
    kim = UserRecord("kim", Role.STAFF, "김담당")
    assert role_name("staff", "ko") == "담당자(staff)"
    assert option_label(kim, "ko") == "kim · 김담당 · 담당자(staff)"
    assert option_label(kim, "en") == "kim · 김담당 · staff"


def test_a_done_change_names_its_fields_and_role():
    update = Change("account_update", "kim", Role.STAFF, Role.VIEWER, ("display_name", "email"))
    flash = done_flash("edit", update, "ko")
    assert flash == {
        "where": "edit",
        "kind": "success",
        "key": "accounts.done.account_update",
        "values": {"username": "kim", "role": "담당자(staff)", "fields": "이름, 이메일"},
    }
    assert translate(flash["key"], "ko", **flash["values"]) == "계정 kim의 이름, 이메일을(를) 바꿨습니다."
    added = done_flash("add", Change("account_add", "lee", Role.ADMIN), "en")
    assert translate(added["key"], "en", **added["values"]).startswith(
        "Added the account lee with the role administrator (admin)."
    )


def test_a_refusal_keeps_its_kind_and_a_store_failure_only_its_error_type():
    refused = refused_flash("edit", AccountError("accounts.error.nothing_changed", kind="info", username="kim"))
    assert refused == {
        "where": "edit",
        "kind": "info",
        "key": "accounts.error.nothing_changed",
        "values": {"username": "kim"},
    }
    failed = store_failed_flash("add", OperationalError("postgresql://secret@db", {}, Exception("down")))
    assert failed["values"] == {"error": "OperationalError"}
    assert "secret" not in str(failed)
