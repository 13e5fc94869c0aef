"""부진 사유와 대책 in a real browser (issue #24): a staffer writes a 사유·대책 for a lagging programme in the app; a
viewer sees it on the overview, the budget page and the briefing slide; an uploaded file for the same month changes
it and what-changed says so; rolling back restores the text written in the app."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support.accounts import STAFF
from tests.support.browser import rerun, sign_in_at, wait_for_app

PROGRAM = "해외 진출 지원"  # behind its usual pace in the sample, its 대책 overdue (due 2026-11-20)
WRITTEN = "투자심의위원회 일정 연기 <b>(외부위원)</b>"
ACTION = "12월 2주 심의 후 연내 1차 투자"
UPLOADED = "운용사 선정 재공고로 지연"


def reason_item(page, program: str):
    return page.get_by_test_id("reason-item").filter(has=page.get_by_text(program, exact=False)).first


def viewer_sees(context, base: str, text: str) -> None:
    page = context.new_page()
    try:
        page.goto(base)
        wait_for_app(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(reason_item(page, PROGRAM)).to_contain_text(text, timeout=30_000)
        page.goto(f"{base}/budget")
        wait_for_app(page)
        expect(reason_item(page, PROGRAM)).to_contain_text(text, timeout=30_000)
        expect(page.get_by_test_id("stForm")).to_have_count(0)  # viewers never see the form
        page.goto(f"{base}/briefing?slide=reasons")
        wait_for_app(page)
        expect(page.get_by_test_id("briefing-title")).to_have_text("부진 사업과 대책")
        expect(page.get_by_test_id("briefing-items")).to_contain_text(text)
    finally:
        page.close()


def test_staff_write_viewers_see_an_upload_changes_and_rollback_restores(browser, staff_app, tmp_path):
    staff_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    viewer_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    staff = staff_context.new_page()
    try:
        # The viewer first sees the sample's text and its overdue 대책.
        page = viewer_context.new_page()
        page.goto(f"{staff_app}/budget")
        wait_for_app(page)
        expect(reason_item(page, PROGRAM)).to_contain_text("대책 완료 예정일(2026. 11. 20.) 지남", timeout=30_000)
        page.close()

        # The staffer writes this month's 사유·대책 from the budget page.
        sign_in_at(staff, staff_app, STAFF[0], STAFF[1])
        with rerun(staff):
            staff.locator(".st-key-app_nav").get_by_text("예산 집행").click()
        staff.get_by_text("사유·대책 입력").click()
        main = staff.get_by_test_id("stMainBlockContainer")  # (the sidebar has a filter of the same name)
        main.get_by_role("combobox", name="세부사업").click()  # above the form: a choice fills the form (#37)
        with rerun(staff):
            staff.get_by_role("option", name=PROGRAM, exact=True).click()
        form = staff.get_by_test_id("stForm")
        expect(form.get_by_label("부진 사유")).to_have_value("해외 전시회 일정이 내년 2월로 연기되어 참가비 집행 이월")
        form.get_by_label("부진 사유").fill(WRITTEN)
        form.get_by_label("향후 대책").fill(ACTION)
        form.get_by_label("담당 부서").fill("투자유치과")
        with rerun(staff):
            form.get_by_role("button", name="저장 (새 버전)").click()
        expect(staff.get_by_text(f"{PROGRAM}의 2026년 11월 사유·대책을 저장했습니다", exact=False)).to_be_visible(
            timeout=30_000
        )
        # the month beside the text; the 완료 예정일 the form started from (2026. 11. 20.) is kept, and still past
        expect(reason_item(staff, PROGRAM)).to_contain_text(f"2026년 11월 사유: {WRITTEN}")
        expect(reason_item(staff, PROGRAM)).to_contain_text("대책 완료 예정일(2026. 11. 20.) 지남")

        viewer_sees(viewer_context, staff_app, WRITTEN)  # as written: the <b> is text, not bold

        # A month's file uploaded later replaces November: the programme's text changes.
        path = tmp_path / "부진사유_2026-11.csv"
        path.write_text(
            "세부사업명,기준월,부진 사유,향후 대책,담당 부서,완료 예정일,상태\n"
            f"{PROGRAM},2026-11,{UPLOADED},1월 중 재공고 마감 후 선정,투자유치과,2027-01-31,조치 중\n",
            encoding="utf-8-sig",
        )
        with rerun(staff):
            staff.locator(".st-key-app_nav").get_by_text("데이터 올리기").click()
        inputs = staff.get_by_test_id("stFileUploaderDropzoneInput")
        expect(inputs).to_have_count(1)
        with rerun(staff):
            inputs.set_input_files(path)
        with rerun(staff):
            staff.get_by_role("button", name="가져오기: 부진 사유·대책 버전 4", exact=False).click()
        expect(staff.get_by_text("부진 사유·대책 버전 4을(를) 저장했습니다")).to_be_visible(timeout=30_000)
        viewer_sees(viewer_context, staff_app, UPLOADED)

        # What changed between the two versions names the programme.
        with rerun(staff):
            staff.locator(".st-key-app_nav").get_by_text("지난 보고 이후 변화").click()
        staff.get_by_role("combobox", name="데이터").click()
        with rerun(staff):
            staff.get_by_role("option", name="부진 사유·대책").click()
        with rerun(staff):
            staff.get_by_test_id("stMain").get_by_test_id("stButtonGroup").get_by_text("두 버전", exact=True).click()
        expect(staff.get_by_text(f"바뀐 부진 사유·대책 1건: {PROGRAM}")).to_be_visible(timeout=30_000)

        # Rolling back to the version saved from the form restores its text.
        with rerun(staff):
            staff.locator(".st-key-app_nav").get_by_text("버전 기록").click()
        staff.get_by_role("combobox", name="데이터 종류").click()
        with rerun(staff):
            staff.get_by_role("option", name="부진 사유·대책").click()
        staff.get_by_role("combobox", name="버전 고르기").click()
        with rerun(staff):
            staff.get_by_role("option", name="버전 3 ", exact=False).click()
        with rerun(staff):
            staff.get_by_role("button", name="이 버전으로 되돌리기").click()
        dialog = staff.get_by_role("dialog")
        with rerun(staff):
            dialog.get_by_role("button", name="되돌리기", exact=True).click()
        expect(staff.get_by_text("버전 3의 내용으로 되돌렸습니다: 새 버전 5")).to_be_visible(timeout=30_000)
        viewer_sees(viewer_context, staff_app, WRITTEN)
        expect(staff.get_by_test_id("stException")).to_have_count(0)
    finally:
        staff_context.close()
        viewer_context.close()


def test_long_reasons_wrap_on_a_phone(reader_page, app_url):
    """At 390×844 every 사유·대책 line stays inside the screen: long lines wrap (between words in Korean)."""
    page = reader_page(390, 844, device_scale_factor=2, has_touch=True, is_mobile=True)
    page.goto(f"{app_url}/budget")
    wait_for_app(page)
    items = page.get_by_test_id("reason-item")
    expect(items).to_have_count(3, timeout=30_000)  # the three behind their usual pace
    lines = page.locator('[data-testid="reason-action"]')
    widths = lines.evaluate_all(
        "els => els.map(e => [e.scrollWidth, e.clientWidth, e.getBoundingClientRect().right,"
        " e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight)])"
    )
    assert widths, "no 대책 lines"
    for scroll, client, right, _, _ in widths:
        assert scroll <= client and right <= 390
    assert any(height > 1.5 * line for *_, height, line in widths)  # a long 대책 wraps onto a second line
