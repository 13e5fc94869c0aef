"""The city's monthly routine in a real browser (issue #11): a staffer uploads an October year-to-date budget export,
then a November one, then one month of jobs. After each import every earlier year and month is still on the pages,
the budget S-curve gains the new point, and no figure the file did not cover changes.

Expectations are computed here from the sample files with openpyxl and csv, not through the app's code.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

import openpyxl
from playwright.sync_api import expect

from present import format as fmt
from tests.support.accounts import STAFF
from tests.support.browser import rerun, sign_in, wait_for_app
from tests.support.paths import REPO_ROOT

YEAR = 2026


def sample_budget() -> list[dict]:
    sheet = openpyxl.load_workbook(REPO_ROOT / "data" / "budget.xlsx", read_only=True)["집행현황"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[3]
    return [
        {
            "year": int(r["연도"]),
            "month": int(r["월"]),
            "program": r["세부사업명"],
            "source": r["재원"],
            "planned": int(r["예산액"]) * 1000,
            "executed": int(r["집행액"]) * 1000,
        }
        for r in (dict(zip(header, values, strict=False)) for values in rows[4:] if values[0] is not None)
    ]


BUDGET = sample_budget()


def year_to_date_export(path: Path, month: int, day: int) -> tuple[int, int]:
    """An e-호조-style cumulative export of YEAR to the end of `month`: title rows with its 기준일, amounts in
    천원, one row per programme and source, no month column. Returns (planned, executed) in won."""
    planned: dict[tuple, int] = defaultdict(int)
    executed: dict[tuple, int] = defaultdict(int)
    for r in BUDGET:
        if r["year"] == YEAR:
            planned[(r["program"], r["source"])] += r["planned"]
            if r["month"] <= month:
                executed[(r["program"], r["source"])] += r["executed"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "집행현황"
    sheet.append(["국가 인공지능 집적단지 조성사업 예산 집행 현황"])
    sheet.append([f"(기준일: {YEAR}. {month}. {day}.)"])
    sheet.append(["(단위: 천원)"])
    sheet.append(
        ["회계연도", "세부사업명", "재원", "예산현액(A)", "지출액 누계(B)"]
    )  # as published execution tables write them
    for key in planned:
        sheet.append([YEAR, *key, planned[key] // 1000, executed[key] // 1000])
    book.save(path)
    return sum(planned.values()), sum(executed.values())


def november_jobs(path: Path) -> dict[str, int]:
    """This month's jobs export (2026-11 only) with one more hire at the first company; returns the new hires of
    each year in the sample, November's as in the file."""
    text = (REPO_ROOT / "data" / "jobs.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    month = max(r["기준월"] for r in rows)
    latest = [dict(r) for r in rows if r["기준월"] == month]
    latest[0]["신규채용"] = str(int(latest[0]["신규채용"]) + 1)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(latest)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    created: dict[str, int] = defaultdict(int)
    for r in [r for r in rows if r["기준월"] != month] + latest:
        created[r["기준월"][:4]] += int(r["신규채용"])
    return created


def upload(page, path: Path, sentence_part: str, number: int, dataset: str) -> None:
    """Through the upload page's own uploader (the staffer stays on it, signed in): check, read the plan's
    sentence, confirm, see the saved version."""
    inputs = page.get_by_test_id("stFileUploaderDropzoneInput")
    expect(inputs).to_have_count(1)  # the uploader of this run (a just-finished import leaves a second for a moment)
    with rerun(page):
        inputs.set_input_files(path)
    expect(page.get_by_text(sentence_part, exact=False).first).to_be_visible(timeout=30_000)
    with rerun(page):
        page.get_by_role("button", name=f"가져오기: {dataset} 버전 {number}", exact=False).click()
    expect(page.get_by_text(f"{dataset} 버전 {number}을(를) 저장했습니다")).to_be_visible(timeout=30_000)


def metric_value(page, label: str) -> str:
    metric = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    )
    return metric.get_by_test_id("stMetricValue").inner_text()


def open_budget(page, base: str, year: int) -> None:
    page.goto(f"{base}/budget?year={year}")
    wait_for_app(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_the_monthly_routine_grows_the_dashboard_and_keeps_history(browser, staff_app, tmp_path, screenshot_dir):
    years = sorted({r["year"] for r in BUDGET if r["year"] < YEAR})
    earlier = {y: sum(r["executed"] for r in BUDGET if r["year"] == y) for y in years}
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    staff = context.new_page()  # signed in on the upload page (a typed URL would start a new, signed-out session)
    page = context.new_page()  # a viewer, opening pages by URL
    try:
        staff.goto(f"{staff_app}/upload")
        wait_for_app(staff)
        sign_in(staff, STAFF[0], STAFF[1])

        # October's year-to-date export: 2026 becomes one point (31 October); earlier years stay.
        october = tmp_path / "예산집행현황_2026-10.xlsx"
        _, executed_oct = year_to_date_export(october, 10, 31)
        upload(
            staff,
            october,
            f"2020~2025년 {sum(1 for r in BUDGET if r['year'] < YEAR):,}행은 그대로 둡니다",
            4,
            "예산 집행",
        )
        open_budget(page, staff_app, YEAR)
        assert metric_value(page, "집행액 (누계)") == fmt.money(executed_oct, "ko")
        expect(page.get_by_text("점 1개가 각각 한 번의 업로드", exact=False)).to_be_visible()
        for year in (years[0], years[-1]):
            open_budget(page, staff_app, year)
            assert metric_value(page, "집행액 (누계)") == fmt.money(earlier[year], "ko")

        # November's: a second point; October's point and every earlier year unchanged.
        november = tmp_path / "예산집행현황_2026-11.xlsx"
        planned, executed_nov = year_to_date_export(november, 11, 30)
        upload(staff, november, "2026년(2026. 10. 31. 기준)", 5, "예산 집행")
        open_budget(page, staff_app, YEAR)
        assert metric_value(page, "집행액 (누계)") == fmt.money(executed_nov, "ko")
        assert metric_value(page, "예산액 (연간)") == fmt.money(planned, "ko")
        expect(page.get_by_text("점 2개가 각각 한 번의 업로드", exact=False)).to_be_visible()
        page.screenshot(path=screenshot_dir / "routine-budget-two-points-1280x900.png", full_page=True)
        for year in (years[0], years[-1]):
            open_budget(page, staff_app, year)
            assert metric_value(page, "집행액 (누계)") == fmt.money(earlier[year], "ko")

        # One month of jobs: November replaced, every other month kept.
        jobs_file = tmp_path / "일자리_2026-11.csv"
        created = november_jobs(jobs_file)
        upload(staff, jobs_file, "2026년 11월 40행을 새 파일의 행으로 바꾸고", 4, "일자리")
        for year in ("2025", "2026"):
            page.goto(f"{staff_app}/jobs?year={year}")
            wait_for_app(page)
            expect(page.get_by_test_id("stException")).to_have_count(0)
            assert metric_value(page, f"{year}년 신규 일자리") == f"{created[year]:,}명"
        # The budget is untouched by a jobs import.
        open_budget(page, staff_app, YEAR)
        assert metric_value(page, "집행액 (누계)") == fmt.money(executed_nov, "ko")
    finally:
        context.close()
