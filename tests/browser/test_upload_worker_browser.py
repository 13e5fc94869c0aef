"""Uploads that cannot fail or exhaust the server (issue #36), in Chromium against `streamlit run server.py`.

Every upload is checked in a process of its own (loaders/worker.py). Before, a file over 2 MiB went to a
multiprocessing child that re-ran app.py and died, so a 144,000-row export could not be uploaded at all; files
under 2 MiB were parsed in the server, where a 1 MB zip bomb took it to gigabytes. Here a staffer uploads the
export and sees its preview, on one server and on each of two replicas sharing a store; and the manifest bomb and
the false-dimension bomb are refused with their Korean reasons while the server's own resident memory stays within
SERVER_CEILING_MB of what it was idle (measured as the process's peak, VmHWM, reset before the uploads).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from auth.accounts import hash_password, upsert_user
from store.engine import SQLITE_FILE
from tests.support.accounts import STAFF
from tests.support.browser import rerun, session_cookie, sign_in_at, wait_for_app
from tests.support.budget_export import write_huge_xlsx
from tests.support.hostile_files import false_dimension_bomb, manifest_bomb
from tests.support.server import run_streamlit, server_pids

EXPORT_ROWS = 144_000
# The app server's peak resident memory above its idle size while the bombs are checked (README, "업로드 검사").
# What it holds is the uploaded file and the refusal; the bomb is inflated, if at all, in the checking process.
SERVER_CEILING_MB = 64
CHECK_TIMEOUT = 300_000  # ms: a 144,000-row check takes about 10 s on a free core, far more on a busy 2-core machine
VALID = f"검사 통과: 예산 집행 {EXPORT_ROWS:,}행 (시트: 집행현황)"
REASONS = {
    "manifest_bomb.xlsx": "'META-INF/manifest.xml'이(가) 풀면 1.0MB를 넘습니다(압축 폭탄으로 보입니다)",
    "false_dimension_bomb.xlsx": "200,000행·4,000,000칸을 넘습니다",
}


@pytest.fixture(scope="module")
def uploads(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("uploads")
    export = folder / "budget_144000.xlsx"
    write_huge_xlsx(export, EXPORT_ROWS)
    (folder / "manifest_bomb.xlsx").write_bytes(manifest_bomb())
    (folder / "false_dimension_bomb.xlsx").write_bytes(false_dimension_bomb())
    return {path.name: path for path in folder.iterdir()}


def staff_env(folder: Path, seeded_store_file: Path) -> dict[str, str]:
    """A store seeded with the sample (one SQLite file, shared by every server given this env) and a staff account."""
    secrets = folder / "secrets.toml"
    username, password, role, display = STAFF
    secrets.write_text(
        upsert_user("[auth]\nviewers_must_sign_in = false\n", username, hash_password(password), role, display),
        encoding="utf-8",
    )
    data = folder / "data"
    data.mkdir()
    shutil.copyfile(seeded_store_file, data / SQLITE_FILE)
    return {"AICD_DATA_DIR": str(data), "STREAMLIT_SECRETS_FILES": str(secrets)}


def open_upload_page(browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="ko-KR")
    page = context.new_page()
    sign_in_at(page, url, STAFF[0], STAFF[1])
    session_cookie(context)  # the sign-in lasts across the page load below (server.py's cookie)
    page.goto(f"{url}/upload")
    wait_for_app(page)
    expect(page.get_by_test_id("stFileUploaderDropzoneInput")).to_have_count(1)
    return context, page


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS (resident now) and VmHWM (peak since start or the last reset) of a process, in kB."""
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status.read().splitlines() if ":" in line)
    return {name: int(fields[name].split()[0]) for name in ("VmRSS", "VmHWM")}


def reset_peak(pid: int) -> None:
    with open(f"/proc/{pid}/clear_refs", "w") as clear_refs:  # "5": VmHWM back to the current resident size
        clear_refs.write("5")


def test_one_server_refuses_the_bombs_within_its_memory_and_previews_a_large_export(
    browser, tmp_path, seeded_store_file, uploads, screenshot_dir
):
    with run_streamlit(env=staff_env(tmp_path, seeded_store_file), app="server.py") as url:
        context, page = open_upload_page(browser, url)
        try:
            pid = server_pids[url]
            idle = memory_kb(pid)["VmRSS"]
            reset_peak(pid)
            for name, reason in REASONS.items():
                with rerun(page, CHECK_TIMEOUT):
                    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(uploads[name])
                expect(page.get_by_test_id("stAlertContentError").filter(has_text=reason)).to_be_visible()
                expect(page.get_by_text("아무것도 저장하지 않았습니다").first).to_be_visible()
                expect(page.get_by_test_id("stException")).to_have_count(0)
                page.screenshot(path=screenshot_dir / f"upload-refused-{name.removesuffix('.xlsx')}-1280x720.png")
            peak_above_idle_mb = (memory_kb(pid)["VmHWM"] - idle) / 1024
            print(f"server idle {idle / 1024:.0f} MB, peak while checking the bombs +{peak_above_idle_mb:.1f} MB")
            assert peak_above_idle_mb < SERVER_CEILING_MB, f"server peak {peak_above_idle_mb:.0f} MB above idle"

            with rerun(page, CHECK_TIMEOUT):
                page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(uploads["budget_144000.xlsx"])
            expect(page.get_by_text(VALID)).to_be_visible()
            expect(page.get_by_role("heading", name="정리된 데이터 미리보기")).to_be_visible()
            expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
            expect(page.get_by_test_id("stException")).to_have_count(0)
            page.screenshot(path=screenshot_dir / "upload-large-export-1280x720.png")
        finally:
            context.close()


def test_two_replicas_sharing_a_store_each_preview_a_large_export(browser, tmp_path, seeded_store_file, uploads):
    """Two staffers upload at once, one on each replica: each replica starts its own checking process."""
    env = staff_env(tmp_path, seeded_store_file)
    with run_streamlit(env=env, app="server.py") as first, run_streamlit(env=env, app="server.py") as second:
        opened = [open_upload_page(browser, url) for url in (first, second)]
        try:
            for _, page in opened:
                page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(uploads["budget_144000.xlsx"])
            for _, page in opened:
                expect(page.get_by_text(VALID)).to_be_visible(timeout=CHECK_TIMEOUT)
                expect(page.get_by_role("heading", name="정리된 데이터 미리보기")).to_be_visible(timeout=CHECK_TIMEOUT)
                expect(page.get_by_test_id("stException")).to_have_count(0)
        finally:
            for context, _ in opened:
                context.close()
