"""The briefing pack from the command line (`python -m briefing pack`): the page's deck and PDF, for a scheduler."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from briefing.pack import DATASETS, store_deck, store_pack
from loaders import load_file
from store import open_store
from tests.support.store_data import FIXTURES, REPO_ROOT, run_python

TODAY = "2026-11-30"


@pytest.fixture
def sample_url(tmp_path, seeded_store_file) -> str:
    """A store of the sample data for this test: a copy of the session's (tests/conftest.py)."""
    shutil.copyfile(seeded_store_file, tmp_path / "store.sqlite")
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def without_footer_time(text: str) -> str:
    return re.sub(r"(작성|Made) [^\n]*?\d{1,2}:\d{2}", "<작성 시각>", text)


def test_pack_command_writes_the_decks_pdf(sample_url, tmp_path):
    out = tmp_path / "out" / "브리핑자료.pdf"
    made = run_python(
        ["-m", "briefing", "pack", "--out", str(out), "--url", sample_url, "--today", TODAY, "--since", "2026-10-31"]
    )
    assert made.returncode == 0, made.stderr
    assert "브리핑 자료를 만들었습니다" in made.stdout
    assert out.read_bytes().startswith(b"%PDF-")
    store = open_store(sample_url)
    try:
        deck = store_deck(store, "ko", dt.date.fromisoformat(TODAY), dt.date(2026, 10, 31))
        again = tmp_path / "again.pdf"
        again.write_bytes(store_pack(store, "ko", dt.date.fromisoformat(TODAY), dt.date(2026, 10, 31)))
    finally:
        store.close()
    assert pages(out) == len(deck) >= 5
    text = pdf_text(out)
    words = " ".join(text.split())  # pdftotext breaks lines where the slide wraps them
    for slide in deck:
        assert slide.title in text
        for headline in slide.headlines:
            assert " ".join(headline.value.split()) in words, (slide.key, headline.label, headline.value)
    assert without_footer_time(text) == without_footer_time(pdf_text(again))


def test_pack_in_english(sample_url, tmp_path):
    out = tmp_path / "pack.pdf"
    made = run_python(
        ["-m", "briefing", "pack", "--out", str(out), "--url", sample_url, "--lang", "en", "--today", TODAY]
    )
    assert made.returncode == 0, made.stderr
    text = pdf_text(out)
    assert "National AI Cluster briefing pack · Made" in text and "작성" not in text


def test_pack_refuses_when_data_is_missing(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    out = tmp_path / "pack.pdf"
    empty = run_python(["-m", "briefing", "pack", "--out", str(out), "--url", url])
    assert empty.returncode == 1
    assert "저장소에 자료가 하나도 없어 브리핑 자료를 만들 수 없습니다" in empty.stderr
    assert not out.exists()

    store = open_store(url)
    try:
        data = (FIXTURES / "budget_ehojo_style.xlsx").read_bytes()
        store.save_version(load_file(data, "budget_ehojo_style.xlsx"), data, user="홍길동")
    finally:
        store.close()
    partial = run_python(["-m", "briefing", "pack", "--out", str(out), "--url", url])
    assert partial.returncode == 1
    assert "다음 자료가 저장소에 없어 브리핑 자료를 만들지 않았습니다: 일자리(jobs)" in partial.stderr
    assert not out.exists() and not list(tmp_path.glob(".*.partial"))
    allowed = run_python(["-m", "briefing", "pack", "--out", str(out), "--url", url, "--allow-missing"])
    assert allowed.returncode == 0, allowed.stderr
    assert pages(out) == len(store_deck(open_store(url)))


def test_pack_refuses_a_bad_date():
    wrong = run_python(["-m", "briefing", "pack", "--out", "x.pdf", "--since", "31.10.2026"])
    assert wrong.returncode == 2 and "2026-10-31 형식" in wrong.stderr


def test_briefing_store_and_pack_import_no_streamlit(sample_url, tmp_path):
    code = (
        "import sys\n"
        "from briefing.__main__ import main\n"
        "import store.backup, store.__main__\n"
        f"code = main(['pack', '--out', {str(tmp_path / 'p.pdf')!r}, '--url', {sample_url!r}])\n"
        "print(code, 'streamlit' in sys.modules)\n"
    )
    ran = run_python(["-c", code])
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split()[-2:] == ["0", "False"]


def test_the_page_shows_the_same_deck(sample_store):
    """The briefing page builds its slides through briefing.pack too: every slide's title and figures match."""
    import store as store_package
    from ui.data import get_store

    AppTest.from_file(str(REPO_ROOT / "views" / "briefing_deck.py"), default_timeout=90).run()  # seeds the store
    deck = store_deck(get_store(), "ko")
    for number, slide in enumerate(deck, start=1):
        app = AppTest.from_file(str(REPO_ROOT / "views" / "briefing_deck.py"), default_timeout=90)
        app.query_params["slide"] = str(number)
        app.run()
        assert not app.exception
        header = next(h.value for h in app.html if 'data-testid="briefing-header"' in h.value)
        assert f'data-slide="{slide.key}"' in header
        body = next(h.value for h in app.html if 'data-testid="briefing-asof"' in h.value)
        shown = re.findall(r'data-testid="briefing-value"[^>]*>([^<]*)<', body)
        assert shown == [h.value.replace("&", "&amp;") for h in slide.headlines]
    assert set(DATASETS) >= {"budget", "jobs"}
    assert store_package  # imported for the fixture's store URL


def test_a_1080_screen_draws_every_length_of_a_chart_half_as_large_again():
    """Issue #37: at 1920×1080 a slide's chart, and the map picture with its placed names, is the 1280×720 one with
    every length (type, strokes, heights, the names' offsets) 1.5 times, areas 2.25 times; the stored spec is kept."""
    from briefing.pack import PageDeck
    from briefing.theme import SCREENS, scaled

    chart = {
        "mark": {"type": "point", "size": 100, "strokeWidth": 3},
        "height": 200,
        "width": "container",
        "config": {"axis": {"labelFontSize": 17, "labelLimit": 260}, "legend": {"symbolSize": 260}},
        "encoding": {"opacity": {"value": 0.5}, "size": {"value": 40}},
    }
    picture = {"width": 640, "height": 255, "mark": "text", "data": {"values": [{"dx": 10, "dy": -4.5, "n": 3}]}}
    assert scaled(chart, SCREENS["1080"]) == {
        "mark": {"type": "point", "size": 225, "strokeWidth": 4.5},
        "height": 300,
        "width": "container",
        "config": {"axis": {"labelFontSize": 25.5, "labelLimit": 390}, "legend": {"symbolSize": 585}},
        "encoding": {"opacity": {"value": 0.5}, "size": {"value": 90}},
    }
    assert scaled(picture, 1.5, ("dx", "dy")) == {
        "width": 960,
        "height": 382.5,
        "mark": "text",
        "data": {"values": [{"dx": 15, "dy": -6.75, "n": 3}]},
    }
    deck = PageDeck([], {"720": (chart, None), "1080": (scaled(chart, 1.5), None)}, (False, False))
    assert deck.chart_spec(0, "720") is chart and deck.chart_spec(0, "1080")["height"] == 300
    assert deck.chart_spec(1, "1080") is None
    assert chart["height"] == 200  # the slide's own spec (the PDF's) is not changed
