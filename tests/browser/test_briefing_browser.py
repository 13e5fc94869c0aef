"""Briefing mode in a real browser: every slide at 1920×1080 and 1280×720 fits the screen (no scrolling), shows
its as-of line, renders Korean, and the arrow keys move between slides and keep the URL in step."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from briefing import specs
from tests.support.browser import rerun, wait_for_app, wait_for_charts

SIZES = [(1920, 1080), (1280, 720)]
SLIDES = [spec.key for spec in specs()]


def _open(reader_page, url: str, width: int, height: int):
    page = reader_page(width, height)
    page.goto(url)
    wait_for_app(page)
    return page


CASES = [(number, width, height, "ko") for number in range(1, len(SLIDES) + 1) for width, height in SIZES]
CASES += [(number, 1280, 720, "en") for number in range(1, len(SLIDES) + 1)]  # English runs longer


@pytest.mark.parametrize("number,width,height,lang", CASES)
def test_every_slide_fits_the_screen(reader_page, app_url, screenshot_dir, number, width, height, lang):
    screen = "&screen=1080" if height == 1080 else ""  # the presenter's screen-size choice, kept in the link
    english = "&lang=en" if lang == "en" else ""
    page = _open(reader_page, f"{app_url}/briefing?slide={number}{screen}{english}", width, height)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("briefing-position")).to_have_text(f"{number} / {len(SLIDES)}")
    expect(page.get_by_test_id("briefing-asof")).to_contain_text("기준" if lang == "ko" else "as of")
    expect(page.get_by_test_id("briefing-sample")).to_be_visible()  # bundled sample data is marked
    wait_for_charts(page)  # every chart of the slide drawn (the what-changed slide has none without earlier data)
    suffix = "" if lang == "ko" else f"-{lang}"
    page.screenshot(path=screenshot_dir / f"briefing-{number}-{width}x{height}{suffix}.png")
    # Everything of the slide is on screen: nothing below the fold, nothing cut at the right.
    bottoms = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]')]
                  .filter(e => e.getBoundingClientRect().height > 0)
                  .map(e => [e.getBoundingClientRect().bottom, e.getBoundingClientRect().right])"""
    )
    assert bottoms, "no elements found"
    assert max(b for b, _ in bottoms) <= height, f"slide {number} needs scrolling at {width}x{height}"
    assert max(r for _, r in bottoms) <= width
    # The figures' large type, their labels and the title are not cut.
    clipped = page.evaluate(
        """() => [...document.querySelectorAll(
                    '[data-testid="briefing-value"], [data-testid="briefing-label"], [data-testid="briefing-title"]')]
                  .filter(v => v.scrollWidth > v.clientWidth + 1).map(v => v.textContent)"""
    )
    assert clipped == []
    # The sidebar is folded away (the page asks for it collapsed).
    expect(page.get_by_role("button", name="Expand sidebar")).to_be_visible()


def test_arrow_keys_move_between_slides(reader_page, app_url):
    page = _open(reader_page, f"{app_url}/briefing?slide=2", 1280, 720)
    position = page.get_by_test_id("briefing-position")
    expect(position).to_have_text(f"2 / {len(SLIDES)}")
    with rerun(page):  # the arrow keys are the next/previous buttons' shortcuts
        page.keyboard.press("ArrowRight")
    expect(position).to_have_text(f"3 / {len(SLIDES)}")
    expect(page).to_have_url(f"{app_url}/briefing?slide=3")
    with rerun(page):
        page.keyboard.press("ArrowLeft")
    expect(position).to_have_text(f"2 / {len(SLIDES)}")  # each key's rerun lands before the next key
    with rerun(page):
        page.keyboard.press("ArrowLeft")
    expect(position).to_have_text(f"1 / {len(SLIDES)}")
    expect(page).to_have_url(f"{app_url}/briefing?slide=1")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_the_pack_downloads_from_the_page(reader_page, app_url, tmp_path):
    import shutil
    import subprocess

    page = _open(reader_page, f"{app_url}/briefing?slide=2", 1280, 720)
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="브리핑 자료 PDF").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("AI집적단지_브리핑_") and path.suffix == ".pdf"
    data = path.read_bytes()
    assert data[:5] == b"%PDF-"
    assert shutil.which("pdftotext"), "pdftotext missing: `make test` installs poppler-utils"
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) == len(SLIDES)
    assert all(" 기준" in " ".join(p.split()) for p in pages)


@pytest.mark.parametrize("key", ["reasons", "map"])
def test_at_1920x1080_the_reasons_and_map_slides_fill_the_screen(reader_page, app_url, key):
    """Issue #37: at 1920×1080 (the presenter's screen choice in the link) the slide's content reaches down the
    screen instead of leaving its lower half empty, the map is drawn half as large again as at 1280×720, and the
    reasons are in large type (read from the back of a room)."""
    page = _open(reader_page, f"{app_url}/briefing?slide={key}&screen=1080", 1920, 1080)
    expect(page.get_by_test_id("briefing-header")).to_have_attribute("data-slide", key)
    wait_for_charts(page)
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]')]
                  .map(e => e.getBoundingClientRect()).filter(r => r.height > 0).map(r => [r.top, r.bottom])"""
    )
    top, bottom = min(t for t, _ in boxes), max(b for _, b in boxes)
    assert bottom <= 1080  # no scrolling
    assert (bottom - top) / 1080 >= 0.7, f"the {key} slide covers {top:.0f}–{bottom:.0f} px of 1080"
    if key == "reasons":
        sizes = page.get_by_test_id("briefing-item").evaluate_all(
            "items => items.map(i => parseFloat(getComputedStyle(i.lastElementChild).fontSize))"
        )
        assert sizes and min(sizes) >= 32, sizes  # the 사유·대책: 1.4rem × 1.5 = 33.6 px
        value = page.get_by_test_id("briefing-value").first.evaluate("v => parseFloat(getComputedStyle(v).fontSize)")
        assert value <= max(sizes) * 1.5  # the counts no longer dwarf the reasons
    else:
        chart = page.get_by_test_id("stVegaLiteChart").bounding_box()
        assert chart is not None and chart["width"] >= 1100 and chart["height"] >= 480, chart
