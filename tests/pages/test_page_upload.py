"""The staff pages with AppTest: upload (valid → preview → confirm; refused; wrong role), history (rollback),
audit (admin only), sign-in (form, failures audited). Each test has its own SQLite store seeded with the sample data.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

import clock
from auth.accounts import hash_password
from loaders.periods import describe_periods, row_periods
from present import format as fmt
from store import open_store, seed_sample_data
from tests.support.apptest import no_exception, texts

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
TIMEOUT = 60
SAMPLE_BUDGET_VERSIONS = 3  # data/history/ gives the budget two uploads before data/budget.xlsx
PASSWORDS = {"kim": "staff-password", "park": "admin-password", "lee": "viewer-password"}
ROLES = {"kim": ("staff", "김담당"), "park": ("admin", "박관리"), "lee": ("viewer", "이열람")}


@pytest.fixture(scope="module")
def users() -> dict:
    return {
        name: {"password_hash": hash_password(PASSWORDS[name]), "role": role, "display_name": display}
        for name, (role, display) in ROLES.items()
    }


@pytest.fixture
def app(sample_store, users):
    """AppTest of a page with the test accounts as secrets, signed in as `user` (None: anonymous)."""

    def make(page: str, user: str | None = None, **auth_settings) -> AppTest:
        at = AppTest.from_file(str(REPO / "views" / page), default_timeout=TIMEOUT)
        at.secrets["auth"] = {"users": users, **auth_settings}
        if user:
            at.session_state["auth_signed_in"] = user
        return at.run()

    return make


def upload(at: AppTest, path_or_name, data: bytes | None = None) -> AppTest:
    name = Path(path_or_name).name
    data = Path(path_or_name).read_bytes() if data is None else data
    at.file_uploader[0].set_value((name, data, "application/octet-stream"))
    return at.run()


def dataframe_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


# ---------------------------------------------------------------------------------------------- upload


def test_staff_uploads_a_valid_file_previews_confirms_and_the_figures_change(app, sample_store):
    store = open_store(sample_store)
    at = app("upload.py", "kim")
    no_exception(at)
    assert len(at.file_uploader) == 1
    assert at.file_uploader[0].allowed_type == [".xlsx", ".xls", ".xlsb", ".ods", ".csv", ".geojson", ".json"]
    assert "최대 20MB" in texts(at.info)  # .streamlit/config.toml: server.maxUploadSize = 20
    sample = store.latest("budget")
    assert sample.number == SAMPLE_BUDGET_VERSIONS

    at = upload(at, FIXTURES / "budget_ehojo_style.xlsx")
    no_exception(at)
    assert at.selectbox(key="upload_dataset__ko").value == "budget"  # detected
    assert "검사 통과: 예산 집행 36행" in texts(at.success)
    assert "합계·소계 행 4개" in texts(at.dataframe[0].value.iloc[:, 2])  # the loader's warning is shown
    preview = dataframe_with(at, "엑셀 행")
    assert len(preview) == 36
    assert int(preview["예산액"].sum()) == 161_937_000_000  # exact won, expected.json
    # The file covers 2024 and 2025 (whole years): those years' stored rows give way, every other year stays.
    sample_frame = store.frame(sample)
    kept = sample_frame[~sample_frame["year"].isin([2024, 2025])]
    kept_planned, kept_executed = int(kept["planned_krw"].sum()), int(kept["executed_krw"].sum())
    assert (
        texts(at.info).count(
            f"2024~2025년 {len(sample_frame) - len(kept):,}행을 새 파일의 행으로 바꾸고, 2020~2023년, 2026년 {len(kept):,}행은 그대로 둡니다."
        )
        == 1
    )
    totals = dataframe_with(at, "차이")
    planned = totals.set_index("항목").loc["예산액"]
    # The sample's totals before (from the store's version record), the new version's after, exact.
    # (in 억원, as the tiles: issue #37)
    assert planned["지금 버전"] == fmt.money_eok(sample.totals["planned_krw"])
    assert planned["가져온 뒤"] == fmt.money_eok(kept_planned + 161_937_000_000)
    assert planned["차이"] == fmt.money_eok(kept_planned + 161_937_000_000 - sample.totals["planned_krw"], signed=True)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["추가되는 행"] == "36행" and metrics["빠지는 행"] == f"{len(sample_frame) - len(kept):,}행"
    # Nothing is stored before the confirm.
    assert store.latest("budget").id == sample.id

    at.button(key="upload_confirm").click()
    at.run()
    no_exception(at)
    assert (
        f"예산 집행 버전 {SAMPLE_BUDGET_VERSIONS + 1}을(를) 저장했습니다 ({len(kept) + 36:,}행, budget_ehojo_style.xlsx)"
        in texts(at.success)
    )
    latest = store.latest("budget")
    assert (latest.number, latest.created_by, latest.filename) == (
        SAMPLE_BUDGET_VERSIONS + 1,
        "김담당 (kim)",
        "budget_ehojo_style.xlsx",
    )
    frame = store.frame(latest)
    assert int(frame["planned_krw"].sum()) == kept_planned + 161_937_000_000
    assert int(frame["executed_krw"].sum()) == kept_executed + 107_930_990_000
    from_file = frame[frame["year"].isin([2024, 2025])]
    assert int(from_file["planned_krw"].sum()) == 161_937_000_000 and len(from_file) == 36
    assert store.original_file(latest)[1] == (FIXTURES / "budget_ehojo_style.xlsx").read_bytes()
    assert store.audit_log(limit=1)["action"].tolist() == ["import"]

    # The app sees the new version on the next run without a restart: the dashboards' data road…
    from ui.data import dataset_frame, latest_versions

    assert latest_versions()["budget"].number == SAMPLE_BUDGET_VERSIONS + 1
    assert int(dataset_frame("budget")["executed_krw"].sum()) == kept_executed + 107_930_990_000
    # …and the upload page itself: the same file again is now the current version.
    at = upload(at, FIXTURES / "budget_ehojo_style.xlsx")
    assert f"지금 버전(버전 {SAMPLE_BUDGET_VERSIONS + 1})과 똑같은 파일입니다" in texts(at.info)
    assert not [b for b in at.button if b.key == "upload_confirm"]


def test_changes_against_the_current_version_by_key(app, sample_store):
    """The sample with one cell edited (+7천원) and one row deleted: 0 added, 1 removed, 1 changed."""
    workbook = load_workbook(REPO / "data" / "budget.xlsx")
    sheet = workbook["집행현황"]
    assert sheet.cell(4, 8).value == "집행액" and sheet.cell(3, 1).value == "(단위: 천원)"
    old = sheet.cell(5, 8).value
    sheet.cell(5, 8).value = old + 7
    removed_planned, removed_executed = sheet.cell(7, 7).value, sheet.cell(7, 8).value
    sheet.delete_rows(7)
    buffer = io.BytesIO()
    workbook.save(buffer)

    at = upload(app("upload.py", "kim"), "budget_edited.xlsx", buffer.getvalue())
    no_exception(at)
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["추가되는 행"], metrics["빠지는 행"], metrics["값이 바뀌는 행"]) == ("0행", "1행", "1행")
    cells = dataframe_with(at, "새 값")
    assert cells[["열", "지금 값", "새 값", "엑셀 행 (지금 → 새)"]].values.tolist() == [
        ["집행액", f"{old * 1000:,}원", f"{(old + 7) * 1000:,}원", "5 → 5"]
    ]
    totals = dataframe_with(at, "차이").set_index("항목")
    assert totals.loc["집행액", "차이"] == fmt.money_eok(-(removed_executed * 1000 - 7000), signed=True)
    assert totals.loc["예산액", "차이"] == fmt.money_eok(-removed_planned * 1000, signed=True)
    assert totals.loc["행 수", "차이"] == "-1"


def test_a_refused_file_shows_every_problem_with_row_and_column_and_stores_nothing(app, sample_store):
    store = open_store(sample_store)
    at = app("upload.py", "kim")  # seeds the sample data
    before = store.latest_versions()
    bad = "연도,월,세부사업명,재원,예산액(원),집행액(원)\n2025,3,창업 보육,국비,1000,500\n2025,4,창업 보육,국비,1000,abc\n2025,13,창업 보육,국비,1000,10\n"
    at = upload(at, "bad.csv", bad.encode("utf-8"))
    no_exception(at)
    assert "이 파일은 가져올 수 없습니다: 문제 2건" in texts(at.error)
    problems = dataframe_with(at, "문제")
    assert problems[["행", "열"]].values.tolist() == [["3", "집행액(원)"], ["4", "월"]]
    assert "숫자가 아닌 값" in problems.iloc[0]["문제"] and "1~12" in problems.iloc[1]["문제"]
    assert not [b for b in at.button if b.key == "upload_confirm"]
    assert not at.metric  # no preview, no figures from a refused file
    # The problems as an Excel file, and the template to start over.
    assert [b.key for b in at.get("download_button")] == ["upload_problems_download", "upload_template_budget"]

    at = upload(at, FIXTURES / "budget_missing_column.xlsx")
    assert "문제 1건" in texts(at.error)
    assert dataframe_with(at, "문제")[["행", "열"]].values.tolist() == [["1", "집행액"]]
    assert {k: v.id for k, v in store.latest_versions().items()} == {k: v.id for k, v in before.items()}
    imports = store.audit_log().query("action == 'import'")
    assert set(imports["user"]) == {"샘플 데이터"}  # only the seeding


def test_choosing_another_dataset_validates_again_as_that_dataset(app, sample_store):
    at = upload(app("upload.py", "kim"), FIXTURES / "budget_ehojo_style.xlsx")
    at.selectbox(key="upload_dataset__ko").set_value("jobs").run()
    no_exception(at)
    assert "이 파일은 가져올 수 없습니다" in texts(at.error)
    assert texts(dataframe_with(at, "문제")["문제"]) == (
        "표의 머리글(열 이름)을 찾지 못했습니다. 파일 윗부분에 다음 열이 있어야 합니다: 기준월, 기업명, 산업분야, 신규채용, 재직자수"
    )
    at.selectbox(key="upload_dataset__ko").set_value("budget").run()
    assert "검사 통과" in texts(at.success)


def test_an_import_by_someone_else_after_the_preview_is_not_overwritten_blindly(app, sample_store):
    at = upload(app("upload.py", "kim"), FIXTURES / "budget_ehojo_style.xlsx")
    from loaders import load_file

    sample = (REPO / "data" / "budget.xlsx").read_bytes()
    other = open_store(sample_store).save_version(load_file(sample, "budget.xlsx"), sample, user="다른 담당자")
    at.button(key="upload_confirm").click().run()
    no_exception(at)
    assert f"새 버전(버전 {other.number})" in texts(at.warning)
    assert open_store(sample_store).latest("budget").id == other.id  # nothing stored on that click
    at.button(key="upload_confirm").click().run()  # the staffer has now seen the new comparison
    assert open_store(sample_store).latest("budget").number == other.number + 1


def test_template_download_per_dataset(app):
    at = app("upload.py", "kim")
    keys = {b.key for b in at.get("download_button")}
    assert {f"upload_template_{name}" for name in ("budget", "jobs", "companies", "sites", "targets", "events")} <= keys


# ---------------------------------------------------------------------------------------------- who may


@pytest.mark.parametrize("page", ["upload.py", "history.py"])
def test_a_viewer_gets_a_clear_refusal_and_no_uploader(app, page):
    at = app(page, "lee")
    no_exception(at)
    assert "이 화면은 담당자(staff) 이상만 쓸 수 있습니다" in texts(at.error)
    assert "이열람" in texts(at.error)
    assert not at.file_uploader
    assert not at.dataframe and not at.button


def test_anonymous_gets_the_sign_in_form_and_no_uploader(app):
    at = app("upload.py")
    no_exception(at)
    assert not at.file_uploader
    assert [w.label for w in at.text_input] == ["아이디", "비밀번호"]
    assert "로그인해야 합니다" in texts(at.info)


def test_audit_log_is_for_admins_only(app, sample_store):
    staff = app("audit.py", "kim")
    assert "관리자(admin) 이상만" in texts(staff.error)
    assert not staff.dataframe
    open_store(sample_store).record("login_failed", "mallory", detail={"method": "local", "reason": "unknown_user"})
    admin = app("audit.py", "park")
    no_exception(admin)
    log = dataframe_with(admin, "작업")
    assert log.iloc[0][["사용자", "작업"]].tolist() == ["mallory", "로그인 실패"]
    assert "없는 아이디" in log.iloc[0]["내용"]
    assert "가져오기" in set(log["작업"])  # the sample seeding


def test_sign_in_form_signs_in_and_audits_success_and_failure(app, sample_store):
    store = open_store(sample_store)
    at = app("upload.py")
    at.text_input(key="sign_in_username").input("kim")
    at.text_input(key="sign_in_password").input("not the password")
    at.button[0].click().run()
    no_exception(at)
    assert "아이디 또는 비밀번호가 맞지 않습니다" in texts(at.error)
    assert not at.file_uploader
    entry = store.audit_log(limit=1).iloc[0]
    assert (entry["action"], entry["user"], entry["detail"]["reason"]) == ("login_failed", "kim", "wrong_password")
    assert "not the password" not in str(store.audit_log()["detail"].tolist())

    at.text_input(key="sign_in_username").input("kim")
    at.text_input(key="sign_in_password").input(PASSWORDS["kim"])
    at.button[0].click().run()
    no_exception(at)
    assert len(at.file_uploader) == 1  # the page reran signed in
    entry = store.audit_log(limit=1).iloc[0]
    assert (entry["action"], entry["user"]) == ("login", "김담당 (kim)")


def test_sign_in_page_shows_the_account_and_signs_out(app, sample_store):
    at = app("sign_in.py", "kim")
    no_exception(at)
    assert "김담당(kim) 계정으로 로그인되어 있습니다. 권한: 담당자(staff)" in texts(at.success)
    at.button(key="sign_in_page_sign_out").click().run()
    no_exception(at)
    assert "auth_signed_in" not in at.session_state
    assert [w.label for w in at.text_input] == ["아이디", "비밀번호"]
    assert open_store(sample_store).audit_log(limit=1)["action"].tolist() == ["logout"]


# ---------------------------------------------------------------------------------------------- history


def test_history_lists_versions_and_rollback_makes_a_new_version_equal_to_the_old_one(app, sample_store):
    store = open_store(sample_store)
    from loaders import load_file

    seed_sample_data(store, REPO / "data")  # as the app does on first use
    fixture = (FIXTURES / "budget_ehojo_style.xlsx").read_bytes()
    store.save_version(load_file(fixture, "budget_ehojo_style.xlsx"), fixture, user="김담당 (kim)")
    sample = store.version("budget", SAMPLE_BUDGET_VERSIONS)
    # Version 4 is the whole dataset: the sample's other years, and the fixture's 2024–2025 (expected.json).
    kept = store.frame(sample)
    kept = kept[~kept["year"].isin([2024, 2025])]
    planned, executed = (
        int(kept["planned_krw"].sum()) + 161_937_000_000,
        int(kept["executed_krw"].sum()) + 107_930_990_000,
    )

    at = app("history.py", "kim")
    no_exception(at)
    table = dataframe_with(at, "올린 사람")
    assert table[["버전", "비고", "올린 사람", "파일", "행 수", "예산액", "집행액"]].values.tolist()[:2] == [
        [
            4,
            "현재 버전",
            "김담당 (kim)",
            "budget_ehojo_style.xlsx",
            f"{len(kept) + 36:,}",
            fmt.money(planned),
            fmt.money(executed),
        ],
        [
            3,
            "",
            "샘플 데이터",
            "budget.xlsx",
            f"{sample.row_count:,}",
            fmt.money(sample.totals["planned_krw"]),
            fmt.money(sample.totals["executed_krw"]),
        ],
    ]
    assert table["버전"].tolist() == [4, 3, 2, 1]
    # The chosen version's totals to the won.
    assert dataframe_with(at, "합계 (원 단위까지)").values.tolist() == [
        ["예산액", f"{planned:,}원"],
        ["집행액", f"{executed:,}원"],
        ["행 수", f"{len(kept) + 36:,}"],
    ]
    assert at.button(key="history_rollback").disabled  # version 2 is current

    at.selectbox(key="history_version_budget__ko").set_value(3).run()
    at.button(key="history_rollback").click().run()
    no_exception(at)
    assert "지금 버전 4은(는) 그대로 남고, 버전 5이(가) 새로 만들어집니다" in texts(at.markdown)
    assert store.latest("budget").number == 4  # nothing before the confirm
    at.button(key="history_confirm").click().run()
    no_exception(at)
    assert "버전 3의 내용으로 되돌렸습니다: 새 버전 5" in texts(at.success)

    restored = store.latest("budget")
    assert (restored.number, restored.rolled_back_from, restored.created_by) == (5, 3, "김담당 (kim)")
    assert restored.sha256 == sample.sha256 and restored.totals == sample.totals
    assert store.frame(restored).equals(store.frame(sample))
    assert [v.number for v in store.versions("budget")] == [5, 4, 3, 2, 1]  # nothing deleted
    assert store.audit_log(limit=1)["action"].tolist() == ["rollback"]
    assert dataframe_with(at, "올린 사람").iloc[0]["비고"] == "현재 버전 · 버전 3으로 되돌림 · 샘플 데이터"


def test_history_cancel_changes_nothing(app, sample_store):
    store = open_store(sample_store)
    from loaders import load_file

    seed_sample_data(store, REPO / "data")  # as the app does on first use
    fixture = (FIXTURES / "budget_ehojo_style.xlsx").read_bytes()
    store.save_version(load_file(fixture, "x.xlsx"), fixture, user="kim")
    at = app("history.py", "kim")
    at.selectbox(key="history_version_budget__ko").set_value(1).run()
    at.button(key="history_rollback").click().run()
    at.button(key="history_cancel").click().run()
    no_exception(at)
    assert store.latest("budget").number == SAMPLE_BUDGET_VERSIONS + 1
    assert not [b for b in at.button if b.key == "history_confirm"]


def test_oidc_sign_in_gets_the_role_of_the_matching_email(app, sample_store, users):
    """With OIDC configured in [auth], st.user's identity is used; the role comes from the account with that email."""
    oidc = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "dashboard",
        "client_secret": "secret",
        "server_metadata_url": "https://sso.example/.well-known/openid-configuration",
    }
    with_email = {**users, "kim": {**users["kim"], "email": "kim@korea.kr"}}
    at = AppTest.from_file(str(REPO / "views" / "upload.py"), default_timeout=TIMEOUT)
    at.secrets["auth"] = {"users": with_email, **oidc}
    at.user = {"is_logged_in": True, "email": "Kim@korea.kr", "name": "Kim"}
    at.run()
    no_exception(at)
    assert len(at.file_uploader) == 1
    entry = open_store(sample_store).audit_log(limit=1).iloc[0]
    assert (entry["action"], entry["user"], entry["detail"]["method"]) == ("login", "김담당 (kim)", "oidc")

    stranger = AppTest.from_file(str(REPO / "views" / "upload.py"), default_timeout=TIMEOUT)
    stranger.secrets["auth"] = {"users": with_email, **oidc}
    stranger.user = {"is_logged_in": True, "email": "someone@korea.kr", "name": "Someone"}
    stranger.run()
    assert "열람자(viewer)" in texts(stranger.error) and not stranger.file_uploader

    signed_out = AppTest.from_file(str(REPO / "views" / "upload.py"), default_timeout=TIMEOUT)
    signed_out.secrets["auth"] = {"users": with_email, **oidc}
    signed_out.user = {"is_logged_in": False}
    signed_out.run()
    assert next(b.label for b in signed_out.button) == "기관 계정으로 로그인"
    assert not signed_out.file_uploader


def test_viewers_must_sign_in_setting_closes_viewer_pages_to_anonymous(app):
    """require_role(viewer) is open to anonymous readers by default and asks for a sign-in when the setting is on."""
    script = "from auth.roles import Role\nfrom auth.session import require_role\nimport streamlit as st\nrequire_role(Role.VIEWER)\nst.write('dashboard')\n"
    for setting, shown in ((False, True), (True, False)):
        at = AppTest.from_string(script, default_timeout=TIMEOUT)
        at.secrets["auth"] = {"users": {}, "viewers_must_sign_in": setting}
        at.run()
        no_exception(at)
        assert ("dashboard" in texts(at.markdown)) is shown


def test_staff_uploads_parcels_as_geojson_and_a_new_version_is_stored(app, sample_store):
    store = open_store(sample_store)
    at = app("upload.py", "kim")
    no_exception(at)
    sample = store.latest("parcels")
    assert sample is not None and sample.is_sample  # seeded from data/parcels.geojson
    geojson = json.loads((REPO / "data" / "parcels.geojson").read_text(encoding="utf-8"))
    parcel = next(f for f in geojson["features"] if f["properties"].get("상태") == "계획")
    parcel["properties"]["상태"] = "공사중"  # construction started on one planned parcel
    at = upload(at, "parcels.geojson", json.dumps(geojson, ensure_ascii=False).encode("utf-8"))
    no_exception(at)
    assert at.selectbox(key="upload_dataset__ko").value == "parcels"
    at.button(key="upload_confirm").click()
    at.run()
    no_exception(at)
    latest = store.latest("parcels")
    assert latest.number == sample.number + 1 and not latest.is_sample
    assert latest.row_count == 17 and latest.totals["area_m2"] == 1_263_815


def test_the_problems_of_a_refused_file_download_as_excel_without_live_formulas(app, sample_store):
    at = app("upload.py", "kim")
    data = '연도,세부사업명,재원,예산액(원),집행액(원)\n2025,=HYPERLINK("http://x"),국비,=1+2,100\n'.encode()
    at = upload(at, "bad.csv", data)
    no_exception(at)
    assert "upload_problems_download" in [b.key for b in at.get("download_button")]
    problems = next(d.value for d in at.dataframe if "문제" in d.value.columns)
    from present.xlsx import to_xlsx

    book = load_workbook(io.BytesIO(to_xlsx(problems, "파일의 문제")))
    cells = [c.value for row in book.active.iter_rows() for c in row if c.value is not None]
    assert all(not (isinstance(v, str) and v.startswith("=")) for v in cells)
    assert any("=1+2" in str(v) for v in cells)  # the cell as written is kept, as text


# ---------------------------------------------------------------------------------------------- the routine


def test_a_file_without_a_date_asks_for_one_then_shows_the_plan(app, sample_store):
    """A year-to-date budget export with no 기준일 is refused until the staffer chooses one; then the plan's sentence
    and lists, and the import keeps every other year."""
    store = open_store(sample_store)
    year = clock.today().year
    rows = [
        ["연도", "세부사업명", "재원", "예산현액(원)", "지출액(원)"],
        [year, "AI 데이터 플랫폼", "국비", 1_000_000, 400_000],
    ]
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    at = upload(app("upload.py", "kim"), "누계.xlsx", data.getvalue())
    no_exception(at)
    assert next(e.value for e in at.error).startswith(f"{year}년 금액에 월도 기준일도 없어")
    assert not [b for b in at.button if b.key == "upload_confirm"]  # nothing can be stored
    at.date_input(key="upload_as_of_budget").set_value(dt.date(year, 10, 31)).run()
    no_exception(at)
    assert not at.error
    sample = store.frame(store.latest("budget"))
    kept = sample[sample["year"] != year]
    assert (
        texts(at.info).count(
            f"{year}년 {len(sample) - len(kept):,}행을 새 파일의 행으로 바꾸고, {describe_periods(row_periods('budget', kept))} "
            f"{len(kept):,}행은 그대로 둡니다."
        )
        == 1
    )
    assert texts(at.caption).count(f"{year}년") >= 1
    at.button(key="upload_confirm").click().run()
    no_exception(at)
    stored = store.frame(store.latest("budget"))
    assert len(stored) == len(kept) + 1 and stored["as_of"].dropna().tolist() == [pd.Timestamp(year, 10, 31)]


def test_replace_everything_is_a_choice_and_says_so(app, sample_store):
    store = open_store(sample_store)
    at = upload(app("upload.py", "kim"), FIXTURES / "budget_ehojo_style.xlsx")
    at.segmented_control(key="upload_replace").set_value("all").run()
    no_exception(at)
    sample = store.latest("budget")
    assert f"저장된 2020~2026년 {sample.row_count:,}행을 모두 새 파일의 2024~2025년 36행으로 바꿉니다." in texts(
        at.info
    )
    at.button(key="upload_confirm").click().run()
    assert store.latest("budget").row_count == 36
    assert store.audit_log(limit=1)["detail"][0]["replace"] == "all"
