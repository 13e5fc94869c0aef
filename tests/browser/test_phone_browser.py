"""The mayor's phone (issue #15): every dashboard page at 390×844 in a real browser (touch, mobile viewport).

Each page: renders without an exception, nothing sticks out of the screen (an element wider than the viewport
passes only inside a frame that scrolls or clips and itself fits, e.g. a table), charts and the map fit the
width. The overview: the at-a-glance tiles lie wholly on the first screen and "what needs attention" follows
them. The briefing: one figure to a row. The map: a finger drag pans it.

Screenshots (first screen and whole page) are kept under test-output/screenshots/phone-*.png. Every wait is for
a state of the page (Streamlit's script state, a chart's drawn size, a picture that stopped changing), never a
fixed time.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math

import pytest
from playwright.sync_api import expect

from charts import map as mc
from loaders import load_file
from loaders.geojson import load_geojson
from metrics import map_layers as ml
from tests.support.browser import wait_for_app
from tests.support.paths import REPO_ROOT

WIDTH, HEIGHT = 390, 844
PHONE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Mobile Safari/537.36"
)
PAGES = {"overview": "", "budget": "budget", "jobs": "jobs", "pipeline": "pipeline", "map": "map",
         "changes": "changes", "briefing": "briefing?slide=1"}  # fmt: skip
DATA = REPO_ROOT / "data"
DECK = '[data-testid="stDeckGlJsonChart"]:visible'  # a phone's deck and a desktop's: the one shown

# Elements that stick out of the viewport, unless an ancestor below stMain scrolls or clips them and itself fits.
STICKING_OUT = """() => {
  const width = window.innerWidth, found = [];
  for (const e of document.querySelectorAll('[data-testid="stMain"] *')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || (r.right <= width + 1 && r.left >= -1)) continue;
    let a = e.parentElement, framed = false;
    while (a && a.getAttribute('data-testid') !== 'stMain') {
      if (getComputedStyle(a).overflowX !== 'visible') {
        const f = a.getBoundingClientRect();
        if (f.right <= width + 1 && f.left >= -1) { framed = true; break; }
      }
      a = a.parentElement;
    }
    if (!framed) found.push(`${e.getAttribute('data-testid') || e.tagName} ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  return found;
}"""

CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].every(c => {
  if (c.getClientRects().length === 0) return true;  // a wide screen's chart, not displayed on a phone (ui.phone)
  const drawn = c.querySelector('svg, canvas');
  return drawn && drawn.getBoundingClientRect().height > 50;
})"""


PHONE = {  # a phone's browser: touch, a mobile viewport, and it says so (the map page frames its deck by it)
    "has_touch": True,
    "is_mobile": True,
    "device_scale_factor": 1,
    "user_agent": PHONE_USER_AGENT,
}


def _open(reader_page):
    """A phone's tab (tests/browser/conftest.py: reader_page): the test's page load starts its session."""
    return reader_page(WIDTH, HEIGHT, **PHONE)


def _own_context(browser):
    """A phone's browser context of the test's own, for a test that opens a DevTools session on its tab."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="ko-KR", **PHONE)
    return context, context.new_page()


def _settled(locator, tries: int = 60) -> bytes:
    """The element's picture once two in a row are the same (the map has finished drawing)."""
    last = locator.screenshot()
    for _ in range(tries):
        now = locator.screenshot()
        if now == last:
            return now
        last = now
    raise AssertionError("the picture kept changing")


def _whole_page(page, path) -> None:
    """A picture of the whole page: the viewport made as tall as the page's content (same width, same layout)."""
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": WIDTH, "height": max(HEIGHT, height)})
    page.wait_for_function(f"window.innerHeight >= {height}")
    page.screenshot(path=path)
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.wait_for_function(f"window.innerHeight === {HEIGHT}")


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_fits_a_phone(reader_page, app_url, screenshot_dir, name):
    page = _open(reader_page)
    page.goto(f"{app_url}/{PAGES[name]}")
    wait_for_app(page, timeout=90_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
    if name == "map":
        page.wait_for_selector(f"{DECK} canvas", state="visible", timeout=60_000)
        _settled(page.locator(DECK))
    page.screenshot(path=screenshot_dir / f"phone-{name}-{WIDTH}x{HEIGHT}.png")

    assert page.evaluate(STICKING_OUT) == [], f"{name}: elements stick out of the {WIDTH}px screen"
    main = page.get_by_test_id("stMain")
    assert main.evaluate("m => m.scrollWidth <= m.clientWidth"), f"{name}: the page scrolls sideways"
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    # Charts fit the width: each drawing inside the page's content column.
    for box in page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg, [data-testid="stVegaLiteChart"] canvas')]
                  .map(e => [e.getBoundingClientRect().left, e.getBoundingClientRect().right])"""
    ):
        assert box[0] >= 0 and box[1] <= WIDTH, f"{name}: a chart is wider than the screen {box}"
    _whole_page(page, screenshot_dir / f"phone-{name}-{WIDTH}x{HEIGHT}-whole.png")


def test_the_overview_shows_the_situation_on_the_first_screen(reader_page, app_url):
    page = _open(reader_page)
    page.goto(app_url)
    wait_for_app(page, timeout=90_000)
    tiles = page.get_by_test_id("glance-tile")
    expect(tiles).to_have_count(7)
    labels = [label.strip() for label in tiles.locator(".glance-label").all_inner_texts()]
    assert labels == ["집행률", "집행액(누계)", "신규 일자리(누계)", "재직자 수", "입주 기업", "협약 기업 중 입주·가동",
                      "진도가 늦은 사업"]  # fmt: skip
    boxes = [tiles.nth(i).bounding_box() for i in range(7)]
    for label, box in zip(labels, boxes, strict=False):  # wholly on the first screen, without scrolling
        assert box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT, f"{label} is below the first screen"
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
    assert [round(b["y"]) for b in boxes[0:6:2]] == [round(b["y"]) for b in boxes[1:6:2]]  # two to a row
    assert len({round(b["y"]) for b in boxes}) == 4
    # Each with its change against the previous period.
    assert all(text.strip() for text in tiles.locator(".glance-change").all_inner_texts())
    expect(tiles.locator(".glance-change")).to_have_count(6)
    # The as-of statement is one line; a tap opens the full statement.
    summary = page.get_by_test_id("stExpander").first.locator("summary")
    assert summary.bounding_box()["height"] <= 48
    expect(summary).to_contain_text("예산 집행 2026년 11월 기준 외 8종")
    summary.tap()
    expect(page.get_by_test_id("stExpander").first.get_by_text("샘플 데이터 올림", exact=False).first).to_be_visible()
    # "What needs attention" comes directly after the grid; each figure is shown once (issue #37): the detailed
    # tiles are the wide screen's, their 출처 one tap under the grid, and the grid says what it adds up.
    attention = page.get_by_role("heading", name="살펴볼 사항").bounding_box()
    assert boxes[-1]["y"] + boxes[-1]["height"] < attention["y"]
    expect(page.get_by_role("heading", name="2026년 예산 (11월까지 집행)")).to_be_hidden()
    for metric in page.get_by_test_id("stMetric").all():  # the detailed tiles take no room (display: none)
        expect(metric).to_be_hidden()
    expect(page.get_by_test_id("glance-scope")).to_have_text("예산·일자리 2026년 1~11월 · 입주 기업 2026. 9. 30. 기준")
    assert page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight") < 4000  # was 5,600
    page.get_by_text("수치의 출처").tap()
    expect(page.get_by_role("button", name="집행률 출처")).to_be_visible()
    # The wide page's one-line-per-dataset caption is not shown on a phone.
    expect(page.locator(".st-key-wide_asof")).to_be_hidden()


def test_the_overview_on_a_desktop_has_no_phone_grid(reader_page, app_url):
    page = reader_page(1280, 720)
    page.goto(app_url)
    wait_for_app(page, timeout=90_000)
    expect(page.get_by_test_id("overview-glance")).to_be_hidden()
    expect(page.locator(".st-key-phone_asof")).to_be_hidden()
    expect(page.locator(".st-key-wide_asof")).to_be_visible()


def test_the_briefing_on_a_phone_shows_one_figure_to_a_row(reader_page, app_url):
    page = _open(reader_page)
    page.goto(f"{app_url}/briefing?slide=1")
    wait_for_app(page, timeout=90_000)
    figures = page.get_by_test_id("briefing-figure")
    expect(figures).to_have_count(4)
    boxes = [figures.nth(i).bounding_box() for i in range(4)]
    assert len({round(b["x"]) for b in boxes}) == 1  # one column
    assert all(b["width"] >= WIDTH - 40 for b in boxes)  # each as wide as the content column
    assert all(a["y"] + a["height"] <= b["y"] for a, b in itertools.pairwise(boxes))  # one below the other
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="briefing-value"], [data-testid="briefing-label"]')]
                  .filter(v => v.scrollWidth > v.clientWidth + 1).map(v => v.textContent)"""
    )
    assert clipped == []
    # Previous and next side by side under the title.
    previous = page.get_by_role("button", name="이전").bounding_box()
    following = page.get_by_role("button", name="다음").bounding_box()
    assert round(previous["y"]) == round(following["y"]) and previous["x"] < following["x"]


def test_the_map_fills_the_width_and_pans_with_a_finger(browser, app_url):
    context, page = _own_context(browser)
    try:
        page.goto(f"{app_url}/map")
        wait_for_app(page, timeout=90_000)
        page.wait_for_selector(f"{DECK} canvas", state="visible", timeout=60_000)
        deck = page.locator(DECK)
        deck.scroll_into_view_if_needed()
        box = deck.bounding_box()
        column = page.get_by_test_id("stMainBlockContainer").evaluate(
            "c => { const s = getComputedStyle(c); return c.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); }"
        )
        assert box["width"] >= column - 1 and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
        before = _settled(deck)
        scrolled = page.get_by_test_id("stMain").evaluate("m => m.scrollTop")
        x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"], HEIGHT - box["y"]) / 2
        touch = context.new_cdp_session(page)
        touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        for step in range(1, 11):
            touch.send(
                "Input.dispatchTouchEvent",
                {"type": "touchMove", "touchPoints": [{"x": x - 12 * step, "y": y - 8 * step}]},
            )
        touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        after = _settled(deck)
        assert after != before  # the map moved under the finger…
        assert page.get_by_test_id("stMain").evaluate("m => m.scrollTop") == scrolled  # …not the page
    finally:
        context.close()


def test_the_map_opens_with_the_whole_district_on_a_phone(reader_page, app_url):
    """The phone's deck (the page's only one, chosen by the browser's User-Agent), and its opening view puts everything drawn (the district's outline,
    every site) inside the canvas as drawn on a 390-px screen — not a desktop's view cut at both sides."""
    data = ml.map_data(
        load_geojson((DATA / "parcels.geojson").read_bytes(), "parcels.geojson").frame,
        *(load_file((DATA / name).read_bytes(), name).frame for name in ("sites.xlsx", "jobs.csv", "companies.csv")),
    )
    deck, _ = mc.build_deck(data, "ko", dt.date(2026, 11, 25), mc.MapOptions(), width_px=mc.PHONE_MAP_WIDTH_PX)
    view = deck.initial_view_state
    page = _open(reader_page)
    page.goto(f"{app_url}/map")
    wait_for_app(page, timeout=90_000)
    page.wait_for_selector(f"{DECK} canvas", state="visible", timeout=60_000)
    expect(page.locator(DECK)).to_have_count(1)
    canvas = page.locator(f"{DECK} canvas").first
    page.wait_for_function("c => c.getBoundingClientRect().width > 0", arg=canvas.element_handle())
    box = canvas.bounding_box()
    scale = 512 * 2**view.zoom  # deck.gl's Web-Mercator world, in pixels at this zoom

    def pixel(lon: float, lat: float) -> tuple[float, float]:
        def y(latitude: float) -> float:
            return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2)) / (2 * math.pi)

        return (
            box["width"] / 2 + (lon - view.longitude) / 360 * scale,
            box["height"] / 2 - (y(lat) - y(view.latitude)) * scale,
        )

    corners = [pixel(data.bounds.west, data.bounds.north), pixel(data.bounds.east, data.bounds.south)]
    for x, y in corners:
        assert 0 <= x <= box["width"] and 0 <= y <= box["height"], (corners, box)
    # …with room to spare at the sides (labels run past a site's point), and the district not shrunk to a speck.
    (left, _), (right, _) = corners
    assert left >= 0.08 * box["width"] and right <= 0.92 * box["width"], (corners, box)
    assert right - left >= 0.6 * box["width"], (corners, box)
