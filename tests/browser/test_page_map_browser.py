"""The map page in headless Chromium: the deck.gl canvas draws, Korean labels and tooltips, a hostile company name
stays text, clicking shows details, the view resets, and the no-tile and city-tile base maps work.

deck.gl needs WebGL: headless Chromium without a GPU renders it with SwiftShader. Chromium is retiring the silent
fallback to SwiftShader, so the session's browser is launched with --enable-unsafe-swiftshader
(tests/support/browser.py). Each test opens the map in a warm reader tab (reader_page) of its size.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import io
import math
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import openpyxl
import pytest
from PIL import Image, ImageChops

from charts import map as mc
from loaders import load_file
from loaders.geojson import load_geojson
from metrics.map_layers import map_data
from tests.support.browser import rerun, wait_for_app
from tests.support.outside_requests import assert_only_own_server, outside_requests, recorded_requests
from tests.support.paths import REPO_ROOT
from tests.support.server import run_streamlit

DATA = REPO_ROOT / "data"
XSS = "<img src=x onerror=alert(1)>"
HOSTILE = '<b>x</b> & "y"'
CSV_HOSTILE = '"<b>x</b> & ""y"""'  # as a CSV cell
XSS_SITE = (35.2262, 126.8445)  # south of the district, clear of every other site
DECK = '[data-testid="stDeckGlJsonChart"]:visible'  # a phone's deck and a desktop's: the one shown
TILE_RGB = (250, 226, 160)  # the test tile server's colour

# The module's tests run one after another on one worker, as when they all shared a module's server: two maps drawn
# by SwiftShader at once, one per worker, leave a 2-core machine little for deck.gl's picking and the app's runs.
pytestmark = pytest.mark.xdist_group("tests/browser/test_page_map_browser.py")


# ---------------------------------------------------------------------------- data, servers, browser


def _save(store, name: str, data: bytes, dataset: str) -> None:
    result = load_geojson(data, name) if dataset == "parcels" else load_file(data, name, dataset)
    assert result.ok, result.errors
    store.save_version(result, data, user="테스트")


def _hostile_files() -> dict[str, tuple[str, bytes]]:
    """The sample's jobs, companies and sites files with two more companies named like HTML, both in one building
    (its name HTML too): one marker, its list in the tooltip and the details."""
    jobs = (
        DATA / "jobs.csv"
    ).read_bytes() + f"2026-11,{XSS},모빌리티,2,50,1\r\n2026-11,{CSV_HOSTILE},헬스케어,1,30,1\r\n".encode()
    companies = (DATA / "companies.csv").read_bytes() + (
        f"2026-09-30,{XSS},모빌리티,300,20,10,50,2025-01-02,{XSS} 사옥\r\n"
        f"2026-09-30,{CSV_HOSTILE},헬스케어,200,20,10,30,2025-01-02,{XSS} 사옥\r\n"
    ).encode()
    book = openpyxl.load_workbook(DATA / "sites.xlsx")
    book.active.append([f"{XSS} 사옥", "기업", "운영", XSS_SITE[0], XSS_SITE[1], 1500, dt.datetime(2025, 1, 31)])
    buffer = io.BytesIO()
    book.save(buffer)
    return {
        "jobs": ("jobs.csv", jobs),
        "companies": ("companies.csv", companies),
        "sites": ("sites.xlsx", buffer.getvalue()),
    }


def _hostile_store(path: Path, seeded_store_file: Path) -> str:
    """A copy of the session's seeded sample store (tests/conftest.py) with the hostile files imported over it."""
    from store import open_store

    shutil.copyfile(seeded_store_file, path / "store.sqlite")
    url = f"sqlite:///{path / 'store.sqlite'}"
    store = open_store(url)
    for dataset, (name, data) in _hostile_files().items():
        _save(store, name, data, dataset)
    store.close()
    return url


def _tile_png() -> bytes:
    image = Image.new("RGB", (256, 256), TILE_RGB)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@contextlib.contextmanager
def _tile_server():
    png = _tile_png()

    class Tiles(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


_TILE_SERVERS: list[str] = []  # the address of hostile_url's tile server, while it runs


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory, seeded_store_file):
    """The app with a company named like HTML, and the city's tiles (a local tile server) set in the secrets."""
    directory = tmp_path_factory.mktemp("map-hostile")
    with _tile_server() as tiles:
        _TILE_SERVERS[0:] = [tiles]
        secrets = directory / "secrets.toml"
        secrets.write_text(
            f'[map]\ntile_url = "{tiles}/{{z}}/{{x}}/{{y}}.png"\nattribution = "© 시험 타일 <b>굵게</b>"\n',
            encoding="utf-8",
        )
        env = {"AICD_STORE_URL": _hostile_store(directory, seeded_store_file), "STREAMLIT_SECRETS_FILES": str(secrets)}
        with run_streamlit(env=env) as url:
            yield url


# ---------------------------------------------------------------------------- page helpers


_DIALOGS: dict = {}  # a reader tab -> the messages of the dialogs (alert, confirm) that opened on it


def _open(reader_page, url: str, width: int, height: int):
    page = reader_page(width, height)  # tests/browser/conftest.py: a warm tab, the test's own session
    if page not in _DIALOGS:  # one listener per tab, its list emptied for each test
        seen = _DIALOGS[page] = []
        page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    dialogs = _DIALOGS[page]
    dialogs.clear()
    # In through the menu, as a reader would (deep links as the first request: test_browser_smoke).
    page.goto(url)
    wait_for_app(page)
    with rerun(page):  # the menu's page switch is a rerun in the same session
        page.locator(".st-key-app_nav").get_by_text("지도", exact=True).click()
    page.wait_for_url(lambda url: url.split("?")[0].endswith("/map"))
    _wait_for_map(page)
    return page, dialogs


def _settled_png(page, timeout: float = 60.0, same: int = 3) -> bytes:
    """The map's picture once it has stopped changing: `same` screenshots in a row alike. SwiftShader draws the
    first frames, the font atlas and the tiles over several frames; this waits for the drawing to be done, on the
    picture itself, however slow the machine."""
    deadline = time.monotonic() + timeout
    shots = [page.locator(DECK).screenshot()]
    while len(shots) < same or len(set(shots[-same:])) > 1:
        assert time.monotonic() < deadline, f"the map kept changing for {timeout:.0f} s"
        shots.append(page.locator(DECK).screenshot())
    return shots[-1]


def _wait_for_map(page) -> None:
    page.wait_for_selector(f"{DECK} canvas", state="visible", timeout=30_000)
    page.locator(DECK).scroll_into_view_if_needed()
    _settled_png(page)


@contextlib.contextmanager
def _rerun(page) -> Iterator[None]:
    """Around an input on the map page: its run has started and ended, and the map has drawn again."""
    with rerun(page):
        yield
    _wait_for_map(page)


def _image(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def _map_png(page) -> bytes:
    page.mouse.move(1, 1)  # no hover highlight or tooltip in the picture
    return _settled_png(page)


def _colours(image: Image.Image) -> int:
    return len(image.getcolors(maxcolors=1 << 20) or [])


def _share_near(image: Image.Image, rgb: tuple[int, int, int], tolerance: int = 14) -> float:
    pixels = list(image.resize((image.width // 2, image.height // 2)).get_flattened_data())
    close = sum(1 for p in pixels if all(abs(a - b) <= tolerance for a, b in zip(p, rgb, strict=False)))
    return close / len(pixels)


def _blend(hex_color: str, alpha: int) -> tuple[int, int, int]:
    """A fill colour of the given alpha over a white page."""
    rgb = [int(hex_color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    return tuple(round(c * alpha / 255 + 255 * (1 - alpha / 255)) for c in rgb)


def _pixel_of(page, lon: float, lat: float, view: dict) -> tuple[float, float]:
    """Where (lon, lat) is on screen in the deck's initial Web-Mercator view (512-px world at zoom 0)."""
    box = page.locator(DECK).bounding_box()
    scale = 512 * 2 ** view["zoom"]

    def world(lon_: float, lat_: float) -> tuple[float, float]:
        y = math.log(math.tan(math.pi / 4 + math.radians(lat_) / 2))
        return (lon_ + 180) / 360 * scale, (1 - y / math.pi) / 2 * scale

    x0, y0 = world(view["longitude"], view["latitude"])
    x, y = world(lon, lat)
    return box["x"] + box["width"] / 2 + (x - x0), box["y"] + box["height"] / 2 + (y - y0)


def _initial_view(hostile: bool) -> dict:
    frames = {}
    files = _hostile_files() if hostile else {}
    for dataset, name in (("jobs", "jobs.csv"), ("companies", "companies.csv"), ("sites", "sites.xlsx")):
        filename, data = files.get(dataset, (name, (DATA / name).read_bytes()))
        frames[dataset] = load_file(data, filename, dataset).frame
    parcels = load_geojson((DATA / "parcels.geojson").read_bytes(), "parcels.geojson").frame
    view = mc.view_state(map_data(parcels, frames["sites"], frames["jobs"], frames["companies"]), mc.MapOptions())
    return {"longitude": view.longitude, "latitude": view.latitude, "zoom": view.zoom}


# ---------------------------------------------------------------------------- tests


@pytest.mark.parametrize("width,height", [(1920, 1080), (1280, 720)])
def test_map_draws(reader_page, app_url, screenshot_dir, width, height):
    page, dialogs = _open(reader_page, app_url, width, height)
    assert page.get_by_test_id("stException").count() == 0
    page.evaluate("window.scrollTo(0, 0)")
    page.locator('[data-testid="stMain"]').evaluate("e => e.scrollTo(0, 0)")
    page.wait_for_function("document.querySelector('[data-testid=\"stMain\"]').scrollTop === 0")
    page.screenshot(path=screenshot_dir / f"map-{width}x{height}.png")
    map_image = _image(_map_png(page))
    page.screenshot(path=screenshot_dir / f"map-{width}x{height}-map.png")
    # not blank: many colours, and the parcels' status fills (120/255 over the page) are on it
    assert _colours(map_image) > 50
    assert _share_near(map_image, _blend(mc.STATUS_COLORS["운영"], 120)) > 0.03
    assert _share_near(map_image, _blend(mc.STATUS_COLORS["계획"], 120)) > 0.01
    # the legend and the list beside the map
    legend = page.get_by_text("필지 상태")
    assert legend.is_visible()
    assert page.get_by_text("지도에 위치가 없는 기업 0개사").is_visible()  # every sample company placed (#25)
    assert not dialogs


def test_reset_view_and_3d(reader_page, app_url, screenshot_dir):
    page, _ = _open(reader_page, app_url, 1280, 720)
    start = _image(_map_png(page))
    box = page.locator(DECK).bounding_box()
    x, y = box["x"] + 60, box["y"] + box["height"] - 60
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 180, y - 120, steps=12)
    page.mouse.up()
    moved = _image(_map_png(page))  # once the pan has finished drawing
    assert ImageChops.difference(start, moved).getbbox() is not None
    with _rerun(page):
        page.get_by_role("button", name="지도 처음 화면으로").click()
    back = _image(_map_png(page))
    diff = ImageChops.difference(start, back).convert("L")
    changed = sum(1 for v in diff.get_flattened_data() if v > 40) / (diff.width * diff.height)
    if changed >= 0.01:
        start.save(screenshot_dir / "map-reset-start.png")
        back.save(screenshot_dir / "map-reset-back.png")
    assert changed < 0.01, f"{changed:.1%} of the map differs after reset"

    with _rerun(page):
        page.get_by_text("3D 보기").click()
    tilted = _image(_map_png(page))
    assert ImageChops.difference(start, tilted).getbbox() is not None
    page.screenshot(path=screenshot_dir / "map-3d-1280x720.png")
    assert page.get_by_text("기둥 높이: 면적").is_visible()


def test_no_tiles_keeps_outline_roads_and_korean_labels(reader_page, app_url, screenshot_dir):
    page, _ = _open(reader_page, app_url, 1280, 720)
    with _rerun(page):
        page.locator(".st-key-map_basemap").get_by_text("없음", exact=True).click()
    with_labels = _image(_map_png(page))
    page.screenshot(path=screenshot_dir / "map-notiles-1280x720.png")
    with _rerun(page):
        page.locator(".st-key-map_layers").get_by_text("이름표", exact=True).click()  # labels off
    without = _image(_map_png(page))
    # the labels (dark glyphs on light boxes) are what differs: a few per cent of the map
    diff = ImageChops.difference(with_labels, without).convert("L")
    assert sum(1 for v in diff.get_flattened_data() if v > 40) / (diff.width * diff.height) > 0.02
    assert _colours(without) > 20  # outline, roads, parcels and symbols still drawn


def test_hostile_name_is_text_in_tooltip_and_details(reader_page, hostile_url, screenshot_dir):
    page, dialogs = _open(reader_page, hostile_url, 1280, 720)
    view = _initial_view(hostile=True)
    x, y = _pixel_of(page, XSS_SITE[1], XSS_SITE[0], view)
    page.mouse.move(x, y)
    tooltip = page.locator(f"{DECK} .deck-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    text = tooltip.text_content()
    assert XSS in text and HOSTILE in text, text  # both companies of the building, as written
    assert f"{XSS} 사옥" in text and "입주 기업: 2개사" in text and "재직자 수: 80명" in text
    assert f"{XSS} · 모빌리티 · 50명 · 선정 이력 없음" in text
    assert "&lt;" not in text and "&amp;" not in text and "&quot;" not in text  # escaped once, by Streamlit
    assert page.locator("img[onerror]").count() == 0 and page.locator(f"{DECK} .deck-tooltip b").count() == 0
    page.screenshot(path=screenshot_dir / "map-tooltip-1280x720.png")

    # The click's selection reruns the script, but only once deck.gl's asynchronous picking has read the
    # picture back, which on a busy machine can take seconds: no rerun(page) around it (its wait for the app to be
    # idle first would end at once). Wait for a run to finish after the click (counted on the websocket,
    # RUN_COUNTER), then for the details it shows and the map drawn again.
    runs = page.evaluate("() => window.__aicdRunsFinished")
    page.mouse.click(x, y)
    page.wait_for_function(f"() => window.__aicdRunsFinished > {runs}", timeout=60_000)
    wait_for_app(page)
    details = page.locator(".st-key-map_detail")
    details.get_by_text(f"{XSS} 사옥", exact=True).wait_for(timeout=30_000)
    _wait_for_map(page)
    detail_text = details.inner_text()
    assert "입주 기업: 2개사" in detail_text
    assert f"{XSS} · 모빌리티 · 50명 · 선정 이력 없음" in detail_text
    assert f"{HOSTILE} · 헬스케어 · 30명 · 선정 이력 없음" in detail_text
    page.screenshot(path=screenshot_dir / "map-selected-1280x720.png")
    wait_for_app(page)
    assert page.locator("img[onerror]").count() == 0
    assert not dialogs


def test_city_tiles_and_attribution(reader_page, hostile_url, screenshot_dir):
    with recorded_requests(reader_page(1280, 720)) as urls:
        page, _ = _open(reader_page, hostile_url, 1280, 720)
        # the city's tiles fill the background (they load after the style: wait for them on the picture)
        deadline = time.monotonic() + 60
        while _share_near(image := _image(_map_png(page)), TILE_RGB, tolerance=6) <= 0.2:
            assert time.monotonic() < deadline, f"tiles cover {_share_near(image, TILE_RGB, tolerance=6):.0%}"
    # #42: the tile server the secrets file names is the one host the page asks besides the app's own server
    tile_host = urlsplit(_TILE_SERVERS[0]).netloc
    assert {urlsplit(url).netloc for url in outside_requests(urls, hostile_url)} == {tile_host}
    assert_only_own_server(urls, hostile_url, allowed_hosts=[tile_host])
    # the map's own credit (folded to an (i) on a narrow map) and the line under the map: text, not HTML
    credit = page.locator(f"{DECK} .mapboxgl-ctrl-attrib-inner, {DECK} .maplibregl-ctrl-attrib-inner")
    assert credit.first.text_content() == "© 시험 타일 <b>굵게</b>"
    assert page.get_by_text("배경 지도: © 시험 타일 <b>굵게</b>", exact=True).is_visible()
    assert page.locator("[data-testid='stMain'] b").filter(has_text="굵게").count() == 0
    page.screenshot(path=screenshot_dir / "map-tiles-1280x720.png")
