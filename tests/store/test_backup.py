"""Backup and restore of the whole store (`python -m store backup|restore`): SQLite → PostgreSQL and back, exactly."""

from __future__ import annotations

import gzip
import hashlib
import io

import pandas as pd
import pytest
from sqlalchemy import func, select

from auth.accounts import verify
from auth.directory import Directory
from loaders import load_file
from store import Store, open_store, sessions
from store.accounts import account_history, stored_accounts
from store.backup import BackupError, backup_to_file, restore, restore_from_file, write_backup
from store.schema import dataset_versions
from store.settings import configured_url
from tests.support.store_data import BIG_WON, FIXTURES, budget_csv, run_python

DATASETS = ("budget", "jobs", "companies", "sites")


def fill(store: Store) -> None:
    """Several versions of several datasets, a rollback, big won amounts and sign-in audit entries."""
    for name, dataset in (
        ("budget_ehojo_style.xlsx", None),
        ("jobs_monthly.csv", None),
        ("companies_cp949.csv", None),
        ("sites.xlsx", None),
    ):
        data = (FIXTURES / name).read_bytes()
        result = load_file(data, name, dataset)
        assert result.ok, result.errors
        store.save_version(result, data, user="홍길동")
    big = budget_csv(30, big_rows=3)
    result = load_file(big, "큰 금액.csv", "budget")
    assert result.ok, result.errors
    store.save_version(result, big, user="김담당 (kim)", note="억 단위 확인")
    store.rollback("budget", 1, user="박관리 (park)", note="되돌림")
    accounts = Directory(store.engine)
    accounts.add("관리자", "park", "park-password", "park-password", "admin", "박관리")
    accounts.add("박관리 (park)", "kim", "kim-password", "kim-password", "staff", "김담당", "kim@korea.kr")
    accounts.remove("박관리 (park)", "park", "kim")
    sessions.create_grant(store.engine, "park", hours=8)  # a sign-in: not backed up
    store.record("login", "박관리 (park)", detail={"method": "local"})
    store.record("login_failed", "nobody", detail={"reason": "unknown_user"})


def assert_same_store(a: Store, b: Store) -> None:
    """Every version of every dataset: metadata, rows (typed), cells as written, totals, SHA-256, original bytes;
    and the whole audit log."""
    for dataset in DATASETS:
        versions_a, versions_b = a.versions(dataset), b.versions(dataset)
        assert versions_a == versions_b and versions_a, dataset
        for va, vb in zip(versions_a, versions_b, strict=False):
            assert (va.id, va.number, va.created_at, va.totals, va.sha256, va.from_sample) == (
                vb.id, vb.number, vb.created_at, vb.totals, vb.sha256, vb.from_sample
            )  # fmt: skip
            pd.testing.assert_frame_equal(a.frame(va), b.frame(vb), check_exact=True)
            pd.testing.assert_frame_equal(a.written_rows(va), b.written_rows(vb), check_exact=True)
            name_a, bytes_a = a.original_file(va)
            name_b, bytes_b = b.original_file(vb)
            assert (name_a, bytes_a) == (name_b, bytes_b)
            assert hashlib.sha256(bytes_b).hexdigest() == vb.sha256
    pd.testing.assert_frame_equal(a.audit_log(10_000), b.audit_log(10_000), check_exact=True)
    assert stored_accounts(a.engine) == stored_accounts(b.engine)
    assert [h.action for h in account_history(b.engine, "kim")] == ["add", "remove"]
    users = Directory(b.engine).users()
    assert set(users) == {"park"} and verify("park", "park-password", users) is not None


def stored_versions(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(dataset_versions)).scalar_one()


@pytest.mark.postgres
def test_sqlite_to_postgresql_and_back_through_the_command_line(tmp_path, fresh_postgres_url):
    sqlite_url = f"sqlite:///{tmp_path / 'first.sqlite'}"
    first = open_store(sqlite_url)
    fill(first)
    big_version = first.versions("budget")[1]  # v2: amounts above 2**53 won
    assert int(first.frame(big_version)["planned_krw"].max()) >= BIG_WON

    to_pg = tmp_path / "first.aicd-backup"
    made = run_python(["-m", "store", "backup", str(to_pg), "--url", sqlite_url])
    assert made.returncode == 0, made.stderr
    assert "백업했습니다" in made.stdout and "dataset_versions: 6행" in made.stdout
    restored = run_python(["-m", "store", "restore", str(to_pg), "--url", fresh_postgres_url])
    assert restored.returncode == 0, restored.stderr
    assert "복원했습니다" in restored.stdout and "budget 3개" in restored.stdout

    on_pg = open_store(fresh_postgres_url)
    second_url = f"sqlite:///{tmp_path / 'second.sqlite'}"
    back = tmp_path / "pg.aicd-backup"
    try:
        assert on_pg.backend == "postgresql"
        assert_same_store(first, on_pg)
        # PostgreSQL → SQLite, through the functions this time
        backup_to_file(on_pg.engine, back)
        second = open_store(second_url)
        try:
            summary = restore_from_file(second.engine, back)
            assert summary.versions == {"budget": 3, "jobs": 1, "companies": 1, "sites": 1}
            assert_same_store(on_pg, second)
            assert_same_store(first, second)
        finally:
            second.close()
        # the restored PostgreSQL store goes on numbering after the restored ids
        data = (FIXTURES / "jobs_monthly.csv").read_bytes()
        new = on_pg.save_version(load_file(data, "jobs_monthly.csv"), data, user="홍길동")
        assert new.number == 2 and new.id == 7
        assert int(on_pg.audit_log(1)["id"].iloc[0]) == len(first.audit_log(10_000)) + 1
    finally:
        on_pg.close()
        first.close()


@pytest.mark.postgres
def test_restore_refuses_a_store_that_is_not_empty(tmp_path, fresh_postgres_url):
    source = open_store(f"sqlite:///{tmp_path / 'source.sqlite'}")
    target = open_store(fresh_postgres_url)
    try:
        fill(source)
        path = tmp_path / "backup.aicd-backup"
        backup_to_file(source.engine, path)
        target.record("login", "누군가")  # only an audit entry: still not empty
        refused = run_python(["-m", "store", "restore", str(path), "--url", fresh_postgres_url])
        assert refused.returncode == 1
        assert "복원할 저장소가 비어 있지 않습니다(audit_log 표에 자료가 있음)" in refused.stderr
        assert stored_versions(target) == 0 and len(target.audit_log()) == 1
    finally:
        source.close()
        target.close()


def test_restore_into_a_store_with_data_refuses_and_keeps_it(tmp_path):
    source = open_store(f"sqlite:///{tmp_path / 'a.sqlite'}")
    target = open_store(f"sqlite:///{tmp_path / 'b.sqlite'}")
    try:
        fill(source)
        fill(target)
        buffer = io.BytesIO()
        write_backup(source.engine, buffer)
        with pytest.raises(BackupError, match="비어 있지 않습니다"):
            restore(target.engine, io.BytesIO(buffer.getvalue()))
        assert stored_versions(target) == 6
    finally:
        source.close()
        target.close()


def test_a_truncated_or_altered_backup_restores_nothing(tmp_path):
    source = open_store(f"sqlite:///{tmp_path / 'a.sqlite'}")
    try:
        fill(source)
        buffer = io.BytesIO()
        write_backup(source.engine, buffer)
    finally:
        source.close()
    lines = gzip.decompress(buffer.getvalue()).splitlines(keepends=True)

    cut = gzip.compress(b"".join(lines[:-1]))  # no end line
    altered = gzip.compress(b"".join([lines[0], *lines[2:]]))  # one row missing
    half = buffer.getvalue()[: len(buffer.getvalue()) // 2]  # the gzip stream itself cut
    for name, data, message in (
        ("cut", cut, "중간에 끝났습니다"),
        ("altered", altered, "맞지 않습니다"),
        ("half", half, "끝까지 읽을 수 없습니다"),
        ("other", gzip.compress(b'{"hello": 1}\n'), "백업 파일이 아닙니다"),
    ):
        target = open_store(f"sqlite:///{tmp_path / (name + '.sqlite')}")
        try:
            with pytest.raises(BackupError, match=message):
                restore(target.engine, io.BytesIO(data))
            assert target.is_empty() and target.audit_log().empty
        finally:
            target.close()


def test_backup_file_is_gzip_json_lines_with_exact_integers(tmp_path):
    source = open_store(f"sqlite:///{tmp_path / 'a.sqlite'}")
    try:
        fill(source)
        path = tmp_path / "b.aicd-backup"
        backup_to_file(source.engine, path)
    finally:
        source.close()
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    assert text.splitlines()[0].startswith('{"format":"aicd-store-backup","format_version":1')
    assert str(BIG_WON) in text  # the exact integer, not a float
    assert not list(tmp_path.glob(".*.partial"))


def test_cli_store_url_comes_from_env_then_secrets(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AICD_STORE_URL", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr("store.settings.REPO_ROOT", tmp_path / "repo")  # a developer's own secrets stay out of it
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text('[connections.store]\nurl = "sqlite:////srv/s.sqlite"\n')
    assert configured_url() == "sqlite:////srv/s.sqlite"
    monkeypatch.setenv("AICD_STORE_URL", "sqlite:////srv/env.sqlite")
    assert configured_url() == "sqlite:////srv/env.sqlite"
    assert configured_url("sqlite:////srv/arg.sqlite") == "sqlite:////srv/arg.sqlite"
