"""The versioned data store, on SQLite and on a real PostgreSQL (tests marked `postgres`)."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import itertools
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, func, select, text

import store as store_package
from loaders import load_file
from loaders.columns import with_all_columns
from loaders.contract import DATASETS
from loaders.periods import EVERYTHING
from store import SAMPLE_USER, Store, open_store, seed_sample_data
from store import store as store_module
from store.schema import audit_log, dataset_rows, dataset_versions, source_files
from tests.support.store_data import BIG_WON, FIXTURES, REPO_ROOT, budget_csv, run_python

OK_FIXTURES = ["budget_ehojo_style.xlsx", "jobs_monthly.csv", "companies_cp949.csv", "sites.xlsx"]
BUDGET_FILE = FIXTURES / "budget_ehojo_style.xlsx"
REFUSED_FILE = FIXTURES / "budget_missing_column.xlsx"


def load(name: str | Path, dataset: str | None = None):
    path = FIXTURES / name if isinstance(name, str) else name
    data = path.read_bytes()
    result = load_file(data, path.name, dataset)
    assert result.ok, result.errors
    return result, data


def load_bytes(data: bytes, filename: str, dataset: str | None = None):
    result = load_file(data, filename, dataset)
    assert result.ok, result.errors
    return result


def as_stored(result) -> pd.DataFrame:
    """The frame a store gives back for a version made of `result` alone: every contract column (absent ones all
    missing)."""
    return with_all_columns(result.dataset, result.frame)


def count(store: Store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


# --------------------------------------------------------------------------- save and read back


@pytest.mark.parametrize("name", OK_FIXTURES)
def test_save_and_read_back_exactly(store, name):
    result, data = load(name)
    before = dt.datetime.now(dt.UTC)

    version = store.save_version(result, data, user="홍길동", note="첫 업로드")

    assert (version.dataset, version.number) == (result.dataset, 1)
    assert version.created_by == "홍길동" and version.note == "첫 업로드"
    assert version.filename == name and version.sheet == result.sheet
    assert version.row_count == result.rows
    assert version.totals == result.totals
    assert version.rolled_back_from is None and not version.is_sample
    assert version.created_at.tzinfo is not None
    assert before - dt.timedelta(seconds=5) <= version.created_at <= dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)
    frame = store.frame(version)
    # The file's columns exactly; the contract's others (the file left them out) all missing.
    pd.testing.assert_frame_equal(frame[list(result.frame.columns)], result.frame, check_exact=True)
    assert list(frame.columns) == [c.name for c in DATASETS[result.dataset].columns] + ["source_row"]
    assert frame.drop(columns=list(result.frame.columns)).isna().all().all()
    assert store.original_file(version) == (name, data)
    assert version.sha256 == hashlib.sha256(data).hexdigest()


def test_round_trip_keeps_big_won_amounts_and_dates_exact(store):
    result = load_bytes(budget_csv(40, big_rows=3), "budget_big.csv")
    assert result.frame["planned_krw"].iloc[0] == BIG_WON  # the loader itself is exact
    version = store.save_version(result, budget_csv(40, big_rows=3), user="홍길동")

    frame = store.frame(version)

    pd.testing.assert_frame_equal(frame, as_stored(result), check_exact=True)
    assert [int(v) for v in frame["planned_krw"].iloc[:3]] == [BIG_WON, BIG_WON + 1, BIG_WON + 2]
    assert version.totals == result.totals and version.totals["planned_krw"] == int(result.frame["planned_krw"].sum())
    with store.engine.connect() as conn:  # stored as exact JSON integers, not floats
        payload = json.loads(
            conn.execute(select(dataset_rows.c.payload).where(dataset_rows.c.position == 0)).scalar_one()
        )
    assert payload["planned_krw"] == BIG_WON and isinstance(payload["planned_krw"], int)


def test_round_trip_missing_values_and_optional_columns(store):
    # Blank optional date, blank optional money, an optional text column left entirely empty.
    companies = (
        "기준일,기업명,산업분야,기업가치(억원),누적투자유치(억원),입주일,성장단계\n"
        "2025-09-30,빛고을에이아이,모빌리티,941,188,2023-01-15,\n"
        "2025-09-30,무등로보틱스,헬스케어,12047,,,\n"
        "2025-06-30,무등로보틱스,헬스케어,9000,100,2023-02-15,\n"
    ).encode()
    budget = (
        "연도,추진전략,세부사업명,재원,예산액(천원),집행액(천원)\n"
        "2025,,AI 데이터센터 구축,국비,1500,1200\n"
        "2026,,AI 데이터센터 구축,국고,2500,0\n"
    ).encode()
    for data, name in ((companies, "companies.csv"), (budget, "budget.csv")):
        result = load_bytes(data, name)
        version = store.save_version(result, data, user="홍길동")
        frame = store.frame(version)
        # Every contract column is there; the ones the file did not have are all missing, typed as the loader types them.
        absent = [c.name for c in DATASETS[result.dataset].columns if c.name not in result.frame.columns]
        assert list(frame.columns) == [c.name for c in DATASETS[result.dataset].columns] + ["source_row"]
        optional = {"companies": ["revenue_krw", "employees", "building", "address", "lat", "lon"], "budget": ["as_of"]}
        assert absent == optional[result.dataset]
        assert frame[absent].isna().all().all()
        pd.testing.assert_frame_equal(frame.drop(columns=absent), result.frame, check_exact=True)
        pd.testing.assert_frame_equal(frame, with_all_columns(result.dataset, result.frame), check_exact=True)


def test_frame_dtypes_follow_the_contract(store):
    result, data = load("companies_cp949.csv")
    frame = store.frame(store.save_version(result, data, user="홍길동"))
    assert str(frame["valuation_krw"].dtype) == "Int64"
    assert str(frame["employees"].dtype) == "Int64"
    assert frame["as_of"].dtype.kind == "M" and frame["moved_in"].dtype.kind == "M"
    assert frame["source_row"].dtype == "int64"
    sites, data = load("sites.xlsx")
    frame = store.frame(store.save_version(sites, data, user="홍길동"))
    assert str(frame["lat"].dtype) == "Float64" and str(frame["area_m2"].dtype) == "Float64"


def test_written_rows_give_provenance_of_a_figure(store):
    result, data = load("budget_ehojo_style.xlsx")
    version = store.save_version(result, data, user="홍길동")
    frame = store.frame(version)

    # "2024년 국비 예산액" = the sum over these rows; show them as the user wrote them.
    mask = (frame["year"] == 2024) & (frame["source"] == "국비")
    figure = int(frame.loc[mask, "planned_krw"].sum())
    rows = store.written_rows(version, frame.loc[mask, "source_row"].tolist())

    assert list(rows.columns) == ["source_row", *result.written[int(frame["source_row"].iloc[0])]]
    assert rows["source_row"].tolist() == frame.loc[mask, "source_row"].tolist()
    for _, row in rows.iterrows():
        assert row.drop("source_row").to_dict() == result.written[row["source_row"]]
    assert sum(int(v.replace(",", "")) for v in rows["예산현액"]) * 1000 == figure  # header says 천원

    everything = store.written_rows(version)
    assert everything["source_row"].tolist() == result.frame["source_row"].tolist()
    assert store.written_rows(version, []).empty
    assert store.written_rows(version, [1, 2, 3, 4]).empty  # header rows are not data rows


def test_codec_round_trips_other_column_shapes():
    # Column shapes the loaders may produce later (e.g. a GeoJSON geometry as dicts or as JSON text).
    from store import codec

    frame = pd.DataFrame(
        {
            "geometry": pd.Series([{"type": "Point", "coordinates": [126.84, 35.23]}, None], dtype=object),
            "geometry_text": pd.array(['{"type":"Point"}', None], dtype="str"),
            "empty_text": pd.Series([None, None], dtype=object),
            "area": pd.array([1.5, None], dtype="Float64"),
            "count": pd.array([None, 2**62], dtype="Int64"),
            "when": pd.to_datetime(pd.Series([dt.date(2025, 9, 30), None], dtype=object)).to_numpy(),
            "stamp": pd.to_datetime(["2025-09-30 13:45:10", None]).to_numpy(),
            "source_row": pd.array([2, 3], dtype="int64"),
        }
    )
    rows = codec.encode_rows(frame, {2: {"시설명": "A"}, 3: {"시설명": "B"}})
    back = codec.decode_frame(codec.frame_dtypes(frame), [r["payload"] for r in rows], [r["source_row"] for r in rows])
    pd.testing.assert_frame_equal(back, frame, check_exact=True)
    assert back["empty_text"].tolist() == [None, None]
    assert json.loads(rows[1]["written"]) == {"시설명": "B"}


# --------------------------------------------------------------------------- versions


def test_versions_latest_and_latest_versions(store):
    assert store.is_empty() and store.latest("budget") is None and store.latest_versions() == {}
    budget, budget_data = load("budget_ehojo_style.xlsx")
    jobs, jobs_data = load("jobs_monthly.csv")
    first = store.save_version(budget, budget_data, user="홍길동")
    job = store.save_version(jobs, jobs_data, user="김철수")
    second = store.save_version(budget, budget_data, user="김철수")

    assert not store.is_empty()
    assert [v.number for v in store.versions("budget")] == [2, 1]
    assert store.versions("budget") == [second, first]
    assert store.versions("events") == []
    assert store.latest("budget") == second and store.latest("jobs") == job
    assert store.version("budget", 1) == first and store.version("budget", 3) is None
    latest = store.latest_versions()
    assert latest == {"budget": second, "jobs": job}
    assert len({first.id, second.id, job.id}) == 3  # ids are unique across datasets: usable as cache keys
    assert {first, second, job} == {first, second, job}  # hashable


def test_refused_result_stores_nothing(store):
    data = REFUSED_FILE.read_bytes()
    result = load_file(data, REFUSED_FILE.name)
    assert not result.ok

    with pytest.raises(ValueError):
        store.save_version(result, data, user="홍길동")

    assert store.is_empty()
    for table in (dataset_versions, source_files, dataset_rows, audit_log):
        assert count(store, table) == 0


# --------------------------------------------------------------------------- rollback


def test_rollback_creates_a_new_equal_version_and_keeps_all(store):
    old, old_data = load("budget_ehojo_style.xlsx")
    new_data = budget_csv(30)
    new = load_bytes(new_data, "budget_new.csv")
    v1 = store.save_version(old, old_data, user="홍길동")
    v2 = store.save_version(new, new_data, user="김철수", replace=EVERYTHING)

    v3 = store.rollback("budget", 1, user="이영희")

    assert v3.number == 3 and v3.rolled_back_from == 1 and v3.created_by == "이영희"
    assert (v3.filename, v3.sha256, v3.row_count, v3.totals, v3.sheet) == (
        v1.filename, v1.sha256, v1.row_count, v1.totals, v1.sheet,
    )  # fmt: skip
    assert v3.id not in (v1.id, v2.id)
    assert store.latest("budget") == v3
    pd.testing.assert_frame_equal(store.frame(v3), as_stored(old), check_exact=True)
    pd.testing.assert_frame_equal(store.written_rows(v3), store.written_rows(v1))
    assert store.original_file(v3) == store.original_file(v1) == ("budget_ehojo_style.xlsx", old_data)
    # Nothing deleted or overwritten.
    assert [v.number for v in store.versions("budget")] == [3, 2, 1]
    assert store.version("budget", 1) == v1 and store.version("budget", 2) == v2
    pd.testing.assert_frame_equal(store.frame(v2), as_stored(new), check_exact=True)
    assert store.original_file(v2) == ("budget_new.csv", new_data)
    # A rollback of a rollback, and to a version that was itself replaced.
    v4 = store.rollback("budget", 2, user="이영희")
    pd.testing.assert_frame_equal(store.frame(v4), as_stored(new), check_exact=True)
    assert count(store, dataset_rows) == 2 * old.rows + 2 * new.rows


def test_rollback_refuses_unknown_and_current_versions(store):
    result, data = load("budget_ehojo_style.xlsx")
    store.save_version(result, data, user="홍길동")
    with pytest.raises(LookupError):
        store.rollback("budget", 7, user="홍길동")
    with pytest.raises(LookupError):
        store.rollback("jobs", 1, user="홍길동")
    with pytest.raises(ValueError):
        store.rollback("budget", 1, user="홍길동")  # already the latest
    assert [v.number for v in store.versions("budget")] == [1]


# --------------------------------------------------------------------------- audit


def test_audit_entries_for_import_rollback_and_sign_ins(store):
    result, data = load("budget_ehojo_style.xlsx")
    store.save_version(result, data, user="홍길동")
    store.save_version(result, data, user="홍길동", note="재업로드")
    store.rollback("budget", 1, user="이영희")
    store.record("login_failed", "unknown", detail={"reason": "비밀번호 불일치"})
    store.record("login", "이영희")

    log = store.audit_log()

    assert list(log.columns) == ["id", "at", "user", "action", "dataset", "number", "detail"]
    assert log["action"].tolist() == ["login", "login_failed", "rollback", "import", "import"]  # newest first
    assert log["user"].tolist() == ["이영희", "unknown", "이영희", "홍길동", "홍길동"]
    assert log["number"].tolist()[2:] == [3, 2, 1]
    assert pd.isna(log["number"].iloc[0]) and pd.isna(log["dataset"].iloc[0])
    assert log["dataset"].tolist()[2:] == ["budget"] * 3
    imported = log["detail"].iloc[4]
    assert imported["filename"] == "budget_ehojo_style.xlsx" and imported["rows"] == result.rows
    assert imported["sha256"] == hashlib.sha256(data).hexdigest() and imported["totals"] == result.totals
    assert imported["warnings"]  # the loader's notes (totals rows left out) travel with the import
    assert log["detail"].iloc[3]["note"] == "재업로드"
    assert log["detail"].iloc[2]["restored"] == 1 and log["detail"].iloc[2]["replaced"] == 2
    assert log["detail"].iloc[1] == {"reason": "비밀번호 불일치"}
    assert str(log["at"].dt.tz) == "UTC" and log["at"].is_monotonic_decreasing
    assert len(store.audit_log(limit=2)) == 2


# --------------------------------------------------------------------------- concurrency and failure


def test_concurrent_imports_from_threads_get_consecutive_numbers(store):
    result, data = load("budget_ehojo_style.xlsx")
    threads, start = 8, threading.Barrier(8)
    numbers: list[int] = []
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            start.wait()
            numbers.append(store.save_version(result, data, user=f"사용자{i}").number)
        except BaseException as error:
            errors.append(error)

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)

    assert not errors, errors
    assert sorted(numbers) == list(range(1, threads + 1))
    assert [v.number for v in store.versions("budget")] == list(range(threads, 0, -1))
    assert count(store, dataset_rows) == threads * result.rows
    assert (store.audit_log()["action"] == "import").sum() == threads
    for version in store.versions("budget"):
        pd.testing.assert_frame_equal(store.frame(version), as_stored(result), check_exact=True)


def test_concurrent_imports_from_processes_via_cli(store_url):
    # Four `python -m loaders import` at once on a store nobody has opened yet (they also race to create tables).
    command = ["-m", "loaders", "import", str(BUDGET_FILE)]
    env = {"AICD_STORE_URL": store_url}
    processes = [
        subprocess.Popen(
            [sys.executable, *command],
            cwd=REPO_ROOT,
            env={**__import__("os").environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]

    assert [p.returncode for p in processes] == [0] * 4, outputs
    printed = sorted(int(out.split("버전 ")[1].split()[0]) for out, _ in outputs)
    assert printed == [1, 2, 3, 4]
    opened = open_store(store_url)
    try:
        assert [v.number for v in opened.versions("budget")] == [4, 3, 2, 1]
    finally:
        opened.close()


def test_concurrent_imports_from_processes_overlapping(store_url):
    # Three processes get ready (modules imported, file validated, store open), wait for one "go", then import
    # five times each as fast as they can: 15 versions numbered 1..15, none lost or doubled.
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from loaders import load_file\n"
        "from store import open_store\n"
        "url, path = sys.argv[1], Path(sys.argv[2])\n"
        "data = path.read_bytes(); result = load_file(data, path.name)\n"
        "store = open_store(url)\n"
        "print('ready', flush=True); sys.stdin.readline()\n"
        "print(' '.join(str(store.save_version(result, data, user='p').number) for _ in range(5)))\n"
    )
    open_store(store_url).close()  # tables exist: the race is about numbers only
    processes = [
        subprocess.Popen([sys.executable, "-c", code, store_url, str(BUDGET_FILE)], cwd=REPO_ROOT,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]  # fmt: skip
    try:
        for p in processes:
            assert p.stdout.readline().strip() == "ready", p.stderr.read()
        for p in processes:
            p.stdin.write("go\n")
            p.stdin.flush()
        outputs = [p.communicate(timeout=180) for p in processes]
    finally:
        for p in processes:
            if p.poll() is None:
                p.kill()

    assert [p.returncode for p in processes] == [0, 0, 0], outputs
    numbers = sorted(int(n) for out, _ in outputs for n in out.split())
    assert numbers == list(range(1, 16))
    opened = open_store(store_url)
    try:
        assert [v.number for v in opened.versions("budget")] == list(range(15, 0, -1))
        assert count(opened, dataset_rows) == 15 * 36
    finally:
        opened.close()


def test_number_clash_is_retried(store, monkeypatch):
    # Should a writer ever read a stale max(number) (the lock makes it unlikely), the unique constraint
    # refuses the duplicate and the import is retried in a fresh transaction.
    result, data = load("sites.xlsx")
    store.save_version(result, data, user="홍길동")
    real_next = Store._next_number
    stale = iter([1])

    def next_number(conn, dataset):
        return next(stale, None) or real_next(conn, dataset)

    monkeypatch.setattr(Store, "_next_number", staticmethod(next_number))
    version = store.save_version(result, data, user="김철수")

    assert version.number == 2 and version.created_by == "김철수"
    assert [v.number for v in store.versions("sites")] == [2, 1]
    assert count(store, dataset_rows) == 2 * result.rows and count(store, audit_log) == 2


def test_failure_half_way_leaves_previous_version_intact(store, store_url, monkeypatch):
    result, data = load("budget_ehojo_style.xlsx")
    v1 = store.save_version(result, data, user="홍길동")
    other = open_store(store_url)  # a second reader, as another app process would be
    seen_mid_import: list[object] = []
    monkeypatch.setattr(store_module, "ROW_CHUNK", 10)
    real_insert_rows = Store._insert_rows

    def insert_some_then_fail(conn, version_id, rows):
        real_insert_rows(conn, version_id, rows[:20])  # two chunks of 10 rows land…
        seen_mid_import.append(other.latest("budget"))
        seen_mid_import.append(len(other.versions("budget")))
        raise OSError("디스크 오류 (simulated)")  # …then the import dies

    monkeypatch.setattr(Store, "_insert_rows", staticmethod(insert_some_then_fail))
    changed = load_bytes(budget_csv(50), "budget_changed.csv")
    with pytest.raises(OSError):
        store.save_version(changed, budget_csv(50), user="김철수")
    monkeypatch.undo()

    assert seen_mid_import == [v1, 1]  # the half-written version was never visible
    for s in (store, other):
        assert s.versions("budget") == [v1] and s.latest("budget") == v1
        pd.testing.assert_frame_equal(s.frame(v1), as_stored(result), check_exact=True)
    assert count(store, dataset_rows) == result.rows
    assert count(store, source_files) == 1 and count(store, audit_log) == 1
    # The store still works, and the number was not burnt.
    assert store.save_version(changed, budget_csv(50), user="김철수").number == 2
    other.close()


# --------------------------------------------------------------------------- sample data


def sample_dir(tmp_path: Path, budget: str = "budget_ehojo_style.xlsx") -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(FIXTURES / budget, folder / "budget.xlsx")
    shutil.copy(FIXTURES / "jobs_monthly.csv", folder / "jobs.csv")
    shutil.copy(FIXTURES / "companies_cp949.csv", folder / "companies.csv")
    shutil.copy(FIXTURES / "sites.xlsx", folder / "sites.xlsx")
    return folder


def test_seed_sample_data_runs_once(store, tmp_path):
    folder = sample_dir(tmp_path)

    seeded = seed_sample_data(store, folder)

    assert [v.dataset for v in seeded] == ["budget", "jobs", "companies", "sites"]
    assert all(v.is_sample and v.created_by == SAMPLE_USER and v.number == 1 for v in seeded)
    assert seed_sample_data(store, folder) == []
    assert {d: v.number for d, v in store.latest_versions().items()} == dict.fromkeys(
        ("budget", "jobs", "companies", "sites"), 1
    )
    budget, _ = load("budget_ehojo_style.xlsx")
    pd.testing.assert_frame_equal(store.frame(store.latest("budget")), as_stored(budget), check_exact=True)
    # An upload replaces the sample as the latest version and is not marked as sample…
    real = load_bytes(budget_csv(20), "budget_real.csv")
    upload = store.save_version(real, budget_csv(20), user="홍길동")
    assert not upload.is_sample and store.latest("budget") == upload
    assert store.latest_versions()["budget"] == upload and store.version("budget", 1).is_sample
    # …but rolling back to the sample data (or uploading the sample file again) shows sample data again.
    restored = store.rollback("budget", 1, user="홍길동")
    assert restored.is_sample and restored.created_by == "홍길동" and restored.from_sample
    assert store.latest_versions()["budget"].is_sample and store.versions("budget")[0].is_sample
    assert not store.versions("budget")[1].is_sample


def test_seed_does_nothing_once_anything_was_imported(store, tmp_path):
    result, data = load("sites.xlsx")
    store.save_version(result, data, user="홍길동")
    assert seed_sample_data(store, sample_dir(tmp_path)) == []
    assert list(store.latest_versions()) == ["sites"]


def test_seed_refuses_a_sample_file_that_does_not_validate(store, tmp_path):
    folder = sample_dir(tmp_path, budget="budget_missing_column.xlsx")
    with pytest.raises(ValueError, match=r"budget\.xlsx"):
        seed_sample_data(store, folder)
    assert store.is_empty()


def test_seed_from_two_processes_at_once_seeds_once(store_url, tmp_path):
    folder = sample_dir(tmp_path)
    code = (
        "import sys; from store import open_store, seed_sample_data; "
        "print(len(seed_sample_data(open_store(sys.argv[1]), sys.argv[2])))"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", code, store_url, str(folder)], cwd=REPO_ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]  # fmt: skip
    outputs = [p.communicate(timeout=120) for p in processes]

    assert [p.returncode for p in processes] == [0, 0, 0], outputs
    assert sorted(int(out) for out, _ in outputs) == [0, 0, 4]
    opened = open_store(store_url)
    try:
        assert sum(len(opened.versions(d)) for d in ("budget", "jobs", "companies", "sites")) == 4
    finally:
        opened.close()


def test_bundled_sample_data_seeds(store):
    data_dir = REPO_ROOT / "data"
    assert (data_dir / "budget.xlsx").is_file()  # the bundled sample is in the repo
    seeded = seed_sample_data(store, data_dir)
    # Each dataset's earlier uploads (data/history/<dataset>_*, in name order), then its file in data/.
    expected = [
        (d, path.name)
        for d, name in store_package.SAMPLE_FILES.items()
        if (data_dir / name).exists()
        for path in [*sorted((data_dir / "history").glob(f"{d}_*")), data_dir / name]
    ]
    assert [(v.dataset, v.filename) for v in seeded] == expected
    assert {d for d, _ in expected} >= {"budget", "jobs", "companies"} and len(expected) > len(
        store_package.SAMPLE_FILES
    )
    assert all(v.is_sample and v.row_count > 0 for v in seeded)
    for dataset in ("budget", "jobs", "companies"):
        versions = [v for v in seeded if v.dataset == dataset]
        assert [v.number for v in versions] == list(range(1, len(versions) + 1)) and len(versions) > 1
        # A month apart, the last one now.
        gaps = {(b.created_at - a.created_at).days for a, b in itertools.pairwise(versions)}
        assert gaps == {31}
        # The last upload is a whole export: the dataset is exactly that file's rows.
        name = store_package.SAMPLE_FILES[dataset]
        result = load_file((data_dir / name).read_bytes(), name, dataset)
        pd.testing.assert_frame_equal(store.frame(versions[-1]), as_stored(result), check_exact=True)


# --------------------------------------------------------------------------- processes sharing one store


@pytest.mark.postgres
def test_two_app_processes_share_one_postgresql_store(fresh_postgres_url):
    reader_code = (
        "import sys\n"
        "from store import open_store\n"
        "store = open_store(sys.argv[1])\n"
        "v = store.latest('budget')\n"
        "print('before', v.number if v else None, flush=True)\n"
        "sys.stdin.readline()\n"
        "v = store.latest('budget')\n"
        "print('after', v.number, v.created_by, int(store.frame(v)['planned_krw'].sum()), flush=True)\n"
    )
    reader = subprocess.Popen(
        [sys.executable, "-c", reader_code, fresh_postgres_url], cwd=REPO_ROOT,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert reader.stdout.readline().split() == ["before", "None"], reader.stderr.read()
        imported = run_python(
            ["-m", "loaders", "import", str(BUDGET_FILE)],
            env={"AICD_STORE_URL": fresh_postgres_url},
        )
        assert imported.returncode == 0, imported.stderr
        out, err = reader.communicate("\n", timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert reader.returncode == 0, err
    assert out.split() == ["after", "1", f"명령줄({getpass.getuser()})", "161937000000"]


# --------------------------------------------------------------------------- command line


def test_cli_import_prints_versions_and_refuses_bad_files(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli' / 'store.sqlite'}"  # the folder does not exist yet
    env = {"AICD_STORE_URL": url}
    command = ["-m", "loaders", "import", "tests/fixtures/budget_ehojo_style.xlsx"]

    first = run_python(command, env=env)
    second = run_python(command, env=env)
    refused = run_python(["-m", "loaders", "import", str(REFUSED_FILE)], env=env)

    assert first.returncode == 0, first.stderr
    assert "버전 1" in first.stdout and "예산 집행" in first.stdout
    assert second.returncode == 0 and "버전 2" in second.stdout
    assert refused.returncode == 1 and "거부" in refused.stderr
    opened = open_store(url)
    try:
        assert [v.number for v in opened.versions("budget")] == [2, 1]
        # no --user: the operating-system user running the command (tests/unit/test_import_command_user.py)
        assert all(v.created_by == f"명령줄({getpass.getuser()})" for v in opened.versions("budget"))
        assert count(opened, dataset_versions) == 2 and count(opened, audit_log) == 2
    finally:
        opened.close()


def test_cli_refused_file_on_empty_store_stores_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    refused = run_python(["-m", "loaders", "import", str(REFUSED_FILE)], env={"AICD_STORE_URL": url})
    assert refused.returncode == 1
    opened = open_store(url)
    try:
        assert opened.is_empty() and opened.audit_log().empty
    finally:
        opened.close()


# --------------------------------------------------------------------------- where the store lives


def test_url_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv("AICD_STORE_URL", raising=False)
    monkeypatch.setenv("AICD_DATA_DIR", str(tmp_path / "nested" / "data"))
    default = store_package.resolve_url()
    assert default.get_backend_name() == "sqlite"
    assert Path(default.database) == tmp_path / "nested" / "data" / "store.sqlite"
    assert (tmp_path / "nested" / "data").is_dir()  # created
    assert store_package.default_store_url() == f"sqlite:///{tmp_path / 'nested' / 'data' / 'store.sqlite'}"

    monkeypatch.setenv("AICD_STORE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    assert Path(store_package.resolve_url().database) == tmp_path / "env.sqlite"
    assert Path(store_package.resolve_url(f"sqlite:///{tmp_path / 'arg.sqlite'}").database) == tmp_path / "arg.sqlite"

    opened = open_store()
    try:
        assert Path(opened.engine.url.database) == tmp_path / "env.sqlite" and opened.is_empty()
    finally:
        opened.close()
    monkeypatch.delenv("AICD_DATA_DIR")
    assert Path(store_package.resolve_url(None).database) == tmp_path / "env.sqlite"
    monkeypatch.delenv("AICD_STORE_URL")
    assert Path(store_package.resolve_url(None).database) == REPO_ROOT / "var" / "store.sqlite"


def test_sqlite_uses_wal_and_waits_for_locks(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    try:
        with opened.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 30_000
    finally:
        opened.close()


def test_store_on_an_engine_made_elsewhere(tmp_path):
    # ui/data.py hands Store the engine of st.connection("store", type="sql"): a plain create_engine().
    engine = create_engine(f"sqlite:///{tmp_path / 'store.sqlite'}")
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))  # a pooled connection opened before the store's hooks
    opened = Store(engine)
    Store(engine)  # opening twice is harmless
    result, data = load("sites.xlsx")
    version = opened.save_version(result, data, user="홍길동")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    pd.testing.assert_frame_equal(opened.frame(version), as_stored(result), check_exact=True)
    engine.dispose()


def test_tables_are_created_idempotently(store_url):
    first = open_store(store_url)
    result, data = load("sites.xlsx")
    version = first.save_version(result, data, user="홍길동")
    second = open_store(store_url)  # create_all again on existing tables
    try:
        assert second.latest("sites") == version
    finally:
        first.close()
        second.close()


# --------------------------------------------------------------------------- many rows


def test_a_version_of_more_rows_than_an_insert_chunk_reads_back_exactly_and_rolls_back(store):
    """Two full insert chunks (store.ROW_CHUNK rows each: executemany, COPY on PostgreSQL) and one row more, and
    many more rows than one IN (...) list holds: read back exactly, and a rollback copies every row. Its speed at
    50,000 rows is measured by bench/bench_store.py (a timed test here until #23)."""
    data = budget_csv(2 * store_module.ROW_CHUNK + 1)
    result = load_bytes(data, "budget_many.csv")
    first = store.save_version(result, data, user="테스트")
    pd.testing.assert_frame_equal(store.frame(first), as_stored(result), check_exact=True)
    store.save_version(result, data, user="테스트")
    rolled = store.rollback("budget", first.number, user="테스트")
    assert rolled.row_count == result.rows == 2 * store_module.ROW_CHUNK + 1
    pd.testing.assert_frame_equal(store.frame(rolled), as_stored(result), check_exact=True)
