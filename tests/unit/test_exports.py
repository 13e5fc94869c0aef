"""Chart PNGs and the briefing-pack PDF: each export opened and its content checked."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import clock
from briefing import BriefingData, DataVersion, build_deck
from briefing.pdf import briefing_pdf, pack_file_name
from briefing.slides import as_of_text
from loaders import load_file
from present import chart_png, fonts

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 25)
MADE = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
# The monthly files uploaded after November ended, as the routine brings them (on 25 November, November would be a
# month under way, as of that day: issue #37).
MONTH_CLOSED = dt.datetime(2026, 12, 1, 0, 30, tzinfo=dt.UTC)
MONTHLY = ("budget", "jobs")
FILES = {"budget": "budget.xlsx", "jobs": "jobs.csv", "companies": "companies.csv", "targets": "targets.csv",
         "events": "events.csv", "sites": "sites.xlsx", "agreements": "agreements.xlsx",
         "selections": "selections.csv"}  # fmt: skip
NUMBERS = {"budget": 3, "jobs": 2, "companies": 5, "targets": 4, "events": 1, "sites": 6, "agreements": 7,
           "selections": 8}  # fmt: skip


def _korean_chart() -> alt.Chart:
    data = pd.DataFrame({"분야": ["모빌리티", "헬스케어", "에너지"], "억원": [12.5, 30.25, 7.0]})
    return (
        alt.Chart(data, title="산업분야별 집행액")
        .mark_bar()
        .encode(x=alt.X("분야:N", title="산업분야"), y=alt.Y("억원:Q", title="집행액 (억원)"))
        .properties(width="container", height=240)
    )


def _png_pixels(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed scanlines of an 8-bit RGBA/RGB PNG (stdlib only)."""
    width, height = struct.unpack(">II", png[16:24])
    chunks, pos = [], 8
    while pos < len(png):
        length = struct.unpack(">I", png[pos : pos + 4])[0]
        kind = png[pos + 4 : pos + 8]
        if kind == b"IDAT":
            chunks.append(png[pos + 8 : pos + 8 + length])
        pos += 12 + length
    return width, height, zlib.decompress(b"".join(chunks))


# --- chart PNG -------------------------------------------------------------------------------------------------


def test_chart_png_is_a_real_png_with_content():
    png = chart_png.chart_png(_korean_chart())
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height, pixels = _png_pixels(png)
    width_1x, height_1x, _ = _png_pixels(chart_png.chart_png(_korean_chart(), scale=1))
    assert (width, height) == (width_1x * chart_png.SCALE, height_1x * chart_png.SCALE)  # 2× scale
    assert chart_png.EXPORT_WIDTH < width_1x < chart_png.EXPORT_WIDTH + 100  # fixed plot width + axis labels
    assert height > 400 and len(png) > 15_000
    assert len(set(pixels[:200_000])) > 20  # drawn, not one flat colour


def test_chart_png_is_cached_by_spec():
    chart = _korean_chart()
    first = chart_png.chart_png(chart)
    assert chart_png.chart_png(_korean_chart()) is first  # an equal spec is not drawn again
    other = chart_png.chart_png(chart.properties(height=120))
    assert other is not first and other != first


def test_export_spec_has_a_width_a_background_and_a_korean_font():
    spec = chart_png.export_spec(_korean_chart(), width=900)
    assert spec["width"] == 900 and spec["background"] == "white"
    assert "Noto Sans" in spec["config"]["font"]


def test_korean_is_drawn_with_the_korean_font(tmp_path):
    """The same chart without a Korean font in its config would fall back to whatever the system has;
    with it, the labels are drawn (an SVG from vl-convert names the font on every text element)."""
    import json

    import vl_convert

    chart_png.chart_png(_korean_chart())  # registers the font folders
    svg = vl_convert.vegalite_to_svg(json.dumps(chart_png.export_spec(_korean_chart()), ensure_ascii=False))
    assert "모빌리티" in svg and "Noto Sans" in svg


@pytest.mark.parametrize(
    ("name", "expected"),
    [("예산 집행", "예산 집행.png"), ("a/b:c*?", "a_b_c__.png"), ("chart.png", "chart.png"), ("  ", "chart.png")],
)
def test_png_file_name(name, expected):
    assert chart_png.png_file_name(name) == expected


def test_chart_with_download_renders_the_chart_and_a_png_button():
    def page():
        import altair as alt
        import pandas as pd

        from ui.chart_export import chart_with_download

        chart = alt.Chart(pd.DataFrame({"x": ["가"], "y": [1]})).mark_bar().encode(x="x:N", y="y:Q")
        chart_with_download(chart, key="test_chart", name="시험 차트")

    app = AppTest.from_function(page).run()
    assert not app.exception
    assert len(app.get("vega_lite_chart")) == 1
    button = app.get("download_button")[0]
    assert button.label == "PNG 내려받기" and button.key == "png_test_chart"


def test_a_table_shows_the_cell_source_hint_only_when_its_cells_have_a_source():
    def page():
        import pandas as pd

        from ui.export import show_table

        show_table(
            pd.DataFrame({"구분": ["국비"], "금액": [1]}),
            key="plain",
            contains=("budget",),
            sheet_name="표",
            download_label="엑셀",
        )

    app = AppTest.from_function(page).run()
    assert not app.exception
    assert len(app.dataframe) == 1 and not app.caption


# --- fonts -----------------------------------------------------------------------------------------------------


def test_a_korean_font_is_found():
    face = fonts.regular_face()
    assert face.path.is_file()
    assert face.family in (fonts.PIP_FAMILY, fonts.SYSTEM_CJK_FAMILY)


def test_no_korean_font_says_what_to_install(monkeypatch):
    monkeypatch.setattr(fonts, "korean_faces", lambda: ())
    with pytest.raises(fonts.KoreanFontMissing, match="pylopdf-fonts-ko"):
        fonts.regular_face()
    with pytest.raises(fonts.KoreanFontMissing, match="fonts-noto-cjk"):
        fonts.chart_font_family()


def test_the_system_collection_is_read_by_face_name():
    path = fonts.SYSTEM_CJK_DIRS[0] / "NotoSansCJK-Regular.ttc"
    assert path.is_file(), (
        "Debian's fonts-noto-cjk is missing: `make test` installs it (scripts/install_system_deps.sh)"
    )
    index = fonts._collection_index(path, fonts.SYSTEM_CJK_FAMILY)
    assert index is not None
    from fontTools.ttLib import TTFont

    assert TTFont(str(path), fontNumber=index, lazy=True)["name"].getBestFamilyName() == "Noto Sans CJK KR"


# --- the briefing pack -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deck():
    frames = {name: load_file((REPO / "data" / file).read_bytes(), file).frame for name, file in FILES.items()}
    versions = {n: DataVersion(n, NUMBERS[n], MONTH_CLOSED if n in MONTHLY else MADE, True) for n in frames}
    return build_deck(BriefingData(frames, versions, "ko", TODAY))


@pytest.fixture(scope="module")
def pdf_pages(deck, tmp_path_factory) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext not found: scripts/install_system_deps.sh installs poppler-utils", pytrace=False)
    path = tmp_path_factory.mktemp("pack") / "pack.pdf"
    path.write_bytes(briefing_pdf(deck, "ko", MADE))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    return [re.sub(r"\s+", " ", p) for p in pages if p.strip()]


def test_pdf_has_one_page_per_slide_each_with_its_as_of_dates_and_versions(deck, pdf_pages):
    assert len(pdf_pages) == len(deck)
    for slide, page in zip(deck, pdf_pages, strict=False):
        assert slide.title in page
        assert slide.sources
        for source in slide.sources:
            assert f"{as_of_text(source.dataset, source.as_of, 'ko')} 기준" in page
        assert "샘플 데이터" in page  # the sample is marked on every page


def test_pdf_carries_its_highest_data_class_on_every_page(deck, pdf_pages, tmp_path):
    """The pack reads the companies' valuations (대외비 in program.toml): every page says so in its header and
    footer; a pack of the budget slide alone (공개) says 공개."""
    assert all(page.count("자료 등급: 대외비") == 2 for page in pdf_pages)
    budget_only = [slide for slide in deck if {s.dataset for s in slide.sources} <= {"budget", "targets"}]
    assert budget_only, [slide.key for slide in deck]
    path = tmp_path / "budget.pdf"
    path.write_bytes(briefing_pdf(budget_only[:1], "ko", MADE))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("자료 등급: 공개") == 2 and "대외비" not in text


def test_pdf_dates_and_versions_are_the_datas(pdf_pages):
    budget, jobs, pipeline = pdf_pages[1], pdf_pages[3], pdf_pages[4]  # [2]: 부진 사업과 대책
    # the pack's file name and every page's footer give the same (Seoul) date of the moment it was made
    name_date = pack_file_name(MADE, "ko").removeprefix("AI집적단지_브리핑_").removesuffix(".pdf")
    footer_date = MADE.astimezone(clock.city_zone())
    assert name_date == f"{footer_date:%Y%m%d}"
    assert all(f"작성 {footer_date.year}. {footer_date.month}. {footer_date.day}. " in page for page in pdf_pages)
    assert "예산 집행 2026년 11월 기준" in budget and "목표 2026. 11. 25. 기준" in budget
    assert "일자리 2026년 11월 기준" in jobs
    assert "기업·유니콘 후보 2026. 9. 30. 기준" in pipeline


def test_pdf_carries_the_slides_figures(deck, pdf_pages):
    for slide, page in zip(deck, pdf_pages, strict=False):
        for headline in slide.headlines:
            assert headline.value in page, (slide.key, headline.label)


def test_pdf_embeds_a_korean_font(deck, tmp_path):
    assert shutil.which("pdffonts"), (
        "pdffonts missing: `make test` installs poppler-utils (scripts/install_system_deps.sh)"
    )
    path = tmp_path / "pack.pdf"
    path.write_bytes(briefing_pdf(deck[:1], "ko", MADE))
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    assert rows and all("Noto" in row[0] for row in rows)
    assert all(row[-5] == "yes" for row in rows)  # emb column: embedded, nothing left to the reader's fonts


def test_pdf_in_english(deck):
    frames = {name: load_file((REPO / "data" / file).read_bytes(), file).frame for name, file in FILES.items()}
    versions = {n: DataVersion(n, 1, MADE, False) for n in frames}
    english = build_deck(BriefingData(frames, versions, "en", TODAY))
    pdf = briefing_pdf(english[1:2], "en", MADE)
    assert pdf[:5] == b"%PDF-" and len(pdf) > 20_000


def test_every_page_chart_offers_a_png_of_itself(tmp_path, monkeypatch):
    """The jobs page draws its charts from cached specs; each has its PNG button, and the PNG is a real image."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from present.chart_png import chart_png

    monkeypatch.setenv("AICD_STORE_URL", f"sqlite:///{tmp_path}/store.sqlite")
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "views" / "jobs.py"), default_timeout=60)
    app.run()
    assert not app.exception
    png_buttons = [b for b in app.get("download_button") if (b.key or "").startswith("png_")]
    assert len(png_buttons) >= 5
    from charts import jobs as jobs_charts
    from loaders import load_file
    from metrics import jobs as m
    from present.chart_png import page_spec

    jobs = load_file((Path(__file__).resolve().parents[2] / "data" / "jobs.csv").read_bytes(), "jobs.csv").frame
    png = chart_png(page_spec(jobs_charts.top_employers_chart(m.top_employers(jobs, 2026, n=10), "ko")))
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
