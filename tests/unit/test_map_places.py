"""Issue #25: companies placed by coordinates, the building they occupy or their address; one marker per building;
unplaced companies with their reason; labels that never overlap at the three screens; one symbol per site kind on
the page and in the briefing (#27). Expectations are written by hand."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from briefing.map_snapshot import snapshot_chart
from charts import map as mc
from charts import map_labels
from charts.map_symbols import SITE_SYMBOLS
from loaders import load_file
from loaders.contract import SITE_KINDS
from loaders.geojson import load_geojson
from metrics import map_layers as ml

DATA = Path(__file__).resolve().parents[2] / "data"
TODAY = dt.date(2026, 11, 25)
HOSTILE = '<b>x</b> & "y"'

SITES_CSV = """시설명,구분,상태,위도,경도,면적
AI 창업동,창업동,운영,35.2300,126.8400,8000
제2 실증센터 (AI 실증장비동),실증센터,운영,35.2310,126.8420,8200
국가 AI 데이터센터,데이터센터,운영,35.2320,126.8440,8600
빛고을모빌리티 R&D센터,기업,운영,35.2330,126.8460,12400
"""


def frame(csv: str, name: str, dataset: str):
    result = load_file(csv.encode("utf-8"), name, dataset)
    assert result.ok, result.errors
    return result.frame


def companies(rows: list[str], header: str = "기준일,기업명,산업분야,기업가치(억원),입주건물,주소,위도,경도"):
    return frame("\n".join([header, *rows]) + "\n", "companies.csv", "companies")


def jobs(heads: dict[str, int]):
    rows = [f"2026-10,{name},모빌리티,0,{head},0" for name, head in heads.items()]
    return frame("\n".join(["기준월,기업명,산업분야,신규채용,재직자수,지역인재", *rows]) + "\n", "jobs.csv", "jobs")


def placed(rows: list[str], heads: dict[str, int] | None = None) -> ml.MapData:
    return ml.map_data(None, frame(SITES_CSV, "sites.csv", "sites"), jobs(heads) if heads else None, companies(rows))


def site_of(data: ml.MapData) -> dict[str, object]:
    return dict(zip(data.placed["company"], data.placed["site"], strict=True))


def test_the_building_column_and_its_aliases_are_in_the_contract():
    for header in ("입주 시설", "입주시설", "입주 건물", "건물명"):
        data = ml.map_data(
            None,
            frame(SITES_CSV, "sites.csv", "sites"),
            None,
            companies(
                ["2026-09-30,가기업,모빌리티,10,AI 창업동,,,"],
                f"기준일,기업명,산업분야,기업가치(억원),{header},주소,위도,경도",
            ),
        )
        assert site_of(data) == {"가기업": "AI 창업동"}, header


@pytest.mark.parametrize(
    "written, site",
    [
        ("AI 창업동", "AI 창업동"),
        ("AI창업동", "AI 창업동"),  # spaces
        ("  ai  창업동 ", "AI 창업동"),  # case and spacing
        ("AI 창업동(3층 301호)", "AI 창업동"),  # what brackets hold
        ("AI 실증장비동", "제2 실증센터 (AI 실증장비동)"),  # …or only the brackets dropped: no, the bracketed name
        ("제2실증센터", "제2 실증센터 (AI 실증장비동)"),
        ("2 실증센터", "제2 실증센터 (AI 실증장비동)"),  # 제2 written as 2
        ("국가AI데이터센터", "국가 AI 데이터센터"),
    ],
)
def test_a_building_is_matched_by_name_as_people_write_it(written, site):
    if written == "AI 실증장비동":
        # "제2 실증센터 (AI 실증장비동)" reads as "2실증센터" or "2실증센터ai실증장비동": not "ai실증장비동"
        assert site_of(placed([f"2026-09-30,가기업,모빌리티,10,{written},,,"])) == {}
        return
    assert site_of(placed([f"2026-09-30,가기업,모빌리티,10,{written},,,"])) == {"가기업": site}


def test_facility_keys_by_hand():
    assert ml.facility_keys("제1 AI 창업동 (창업캠퍼스)") == {"1ai창업동", "1ai창업동창업캠퍼스"}
    assert ml.facility_keys("") == set() and ml.facility_keys(None) == set()


def test_an_address_naming_a_building_places_the_company_there():
    data = placed(["2026-09-30,가기업,모빌리티,10,,광주 북구 첨단과기로 208-6 국가 AI 데이터센터 2층,,"])
    assert site_of(data) == {"가기업": "국가 AI 데이터센터"}
    assert list(data.placed["placed_by"]) == ["address"]


def test_unknown_building_and_unmatched_address_are_listed_with_their_reason():
    data = placed(
        [
            "2026-09-30,가기업,모빌리티,10,없는 타워,,,",
            "2026-09-30,나기업,모빌리티,10,,서울 강남구 테헤란로 1,,",
            "2026-09-30,다기업,모빌리티,10,,,,",
        ]
    )
    assert data.placed.empty
    reasons = dict(
        zip(data.unplaced["company"], zip(data.unplaced["reason"], data.unplaced["given"], strict=True), strict=True)
    )
    assert reasons == {
        "가기업": ("unknown_building", "없는 타워"),
        "나기업": ("address_unmatched", "서울 강남구 테헤란로 1"),
        "다기업": ("nothing_given", ""),
    }
    assert set(reasons.values()) <= {(r, g) for r, g in reasons.values() if r in ml.UNPLACED_REASONS}


def test_an_address_on_a_district_road_without_a_building_says_so():
    parcels = load_geojson(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"구분": "도로", "도로명": "첨단과기로"},
                        "geometry": {"type": "LineString", "coordinates": [[126.84, 35.23], [126.85, 35.23]]},
                    }
                ],
            },
            ensure_ascii=False,
        ).encode(),
        "p.geojson",
    ).frame
    data = ml.map_data(
        parcels,
        frame(SITES_CSV, "sites.csv", "sites"),
        None,
        companies(["2026-09-30,가기업,모빌리티,10,,광주 북구 첨단과기로 123,,"]),
    )
    assert list(data.unplaced["reason"]) == ["address_road_only"]


def test_coordinates_win_over_the_building_and_the_address():
    data = placed(["2026-09-30,가기업,모빌리티,10,AI 창업동,국가 AI 데이터센터,35.2255,126.8505"])
    row = data.placed.iloc[0]
    assert (row["placed_by"], row["lat"], row["lon"]) == ("coordinates", 35.2255, 126.8505)
    assert row["site"] is None or row["site"] != row["site"]  # no site
    assert data.bounds is not None and data.bounds.south == 35.2255  # the map frames it


def test_the_latest_row_says_where_a_company_is():
    data = placed(["2026-06-30,가기업,모빌리티,10,AI 창업동,,,", "2026-09-30,가기업,모빌리티,10,국가 AI 데이터센터,,,"])
    assert site_of(data) == {"가기업": "국가 AI 데이터센터"}


def test_several_companies_in_one_building_are_one_marker_with_their_count_and_list():
    rows = [
        "2026-09-30,가기업,모빌리티,10,AI 창업동,,,",
        "2026-09-30,나기업,모빌리티,10,AI창업동,,,",
        f"2026-09-30,{HOSTILE},모빌리티,10,AI 창업동(2층),,,",
        "2026-09-30,라기업,모빌리티,10,국가 AI 데이터센터,,,",
    ]
    data = placed(rows, {"가기업": 30, "나기업": 10, HOSTILE: 20, "라기업": 5})
    places = {p["site"]: p for p in ml.places(data.placed)}
    assert set(places) == {"AI 창업동", "국가 AI 데이터센터"}
    assert places["AI 창업동"]["headcount"] == 60
    assert [c["company"] for c in places["AI 창업동"]["companies"]] == ["가기업", HOSTILE, "나기업"]  # largest first
    spec = json.loads(mc.build_deck(data, "ko", TODAY, mc.MapOptions())[0].to_json())
    layers = {layer["id"]: layer for layer in spec["layers"]}
    circles = {row["id"]: row for row in layers["companies"]["data"]}
    assert len(circles) == 2
    building = circles["place-site-2"]
    assert building["radius"] == pytest.approx(mc.MAX_RADIUS_PX)  # the largest marker
    assert circles["company-라기업"]["radius"] == pytest.approx(
        max(mc.MIN_RADIUS_PX, mc.MAX_RADIUS_PX * (5 / 60) ** 0.5)
    )
    marks = {row["id"]: row["text"] for row in layers["company_marks"]["data"]}
    assert marks == {"place-site-2": "3", "company-라기업": "모"}  # the count; a lone company's sector mark
    # the tooltip: plain text (Streamlit escapes it once), the hostile name as written
    assert building["tip_title"] == "AI 창업동"
    assert [building[f"tip_{i}"] for i in range(1, 6)] == [
        "입주 기업: 3개사",
        "재직자 수: 60명",
        "가기업 · 모빌리티 · 30명 · 선정 이력 없음",  # no selections given: never selected
        f"{HOSTILE} · 모빌리티 · 20명 · 선정 이력 없음",
        "나기업 · 모빌리티 · 10명 · 선정 이력 없음",
    ]
    found = mc.features(data, "ko", TODAY)
    assert found["place-site-2"].kind == "place" and found["place-site-2"].title == "AI 창업동"


def test_a_long_building_list_ends_its_tooltip_with_how_many_more():
    rows = [f"2026-09-30,기업{i:02d},모빌리티,10,AI 창업동,,," for i in range(9)]
    data = placed(rows, {f"기업{i:02d}": 10 + i for i in range(9)})
    feature = mc.features(data, "ko", TODAY)["place-site-2"]
    assert len(feature.fields) == 2 + 9  # the details list every company
    assert feature.tip()["tip_7"] == "… 외 5개사 (누르면 목록)"  # 2 summary lines + 4 companies + this line


# ---------------------------------------------------------------------------- labels


def sample_data() -> ml.MapData:
    parcels = load_geojson((DATA / "parcels.geojson").read_bytes(), "parcels.geojson").frame
    return ml.map_data(
        parcels, *(load_file((DATA / n).read_bytes(), n).frame for n in ("sites.xlsx", "jobs.csv", "companies.csv"))
    )


# The three screens and the map each draws: a phone's browser gets the phone's deck (views/map.py, mc.is_phone).
SCREENS = {"1920x1080": mc.MAP_WIDTH_PX, "1280x720": mc.MAP_WIDTH_PX, "390x844": mc.PHONE_MAP_WIDTH_PX}
MAP_WIDTHS = {"1920x1080": 1290, "1280x720": 840, "390x844": 358}  # the map's real width on each screen


@pytest.mark.parametrize("screen", SCREENS)
def test_no_two_drawn_labels_overlap_and_every_facility_is_named(screen):
    data = sample_data()
    deck, _ = mc.build_deck(data, "ko", TODAY, mc.MapOptions(), width_px=SCREENS[screen])
    spec = json.loads(deck.to_json())
    labels = next(layer for layer in spec["layers"] if layer["id"] == "labels")["data"]
    view = spec["initialViewState"]
    # deck.gl keeps the view's centre in the middle of the canvas: measured on the map as wide as it really is
    real = map_labels.Screen(view["longitude"], view["latitude"], view["zoom"], MAP_WIDTHS[screen], mc.MAP_HEIGHT_PX)
    boxes = []
    for row in labels:
        x, y = real.pixel(row["lon"], row["lat"])
        box = map_labels.label_box(x + row["offset"][0], y + row["offset"][1], row["text"], row["size"], row["angle"])
        assert box.inside(real.width, real.height), row["text"]
        boxes.append((row["text"], box))
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.intersects(box_b), (a, b)
    drawn = {row["text"].replace("\n", " ") for row in labels}
    for site in data.sites.to_dict("records"):
        if site["kind"] != "기업":
            assert any(text.startswith(site["name"]) for text in drawn), (site["name"], drawn)


def test_labels_never_overlap_on_a_crowded_map():
    """Twenty sites 5 m apart: many names are left out, none drawn over another."""
    rows = "\n".join(f"시설{i:02d} 이름이 긴 건물,창업동,운영,35.23,{126.84 + i * 0.00005:.5f},100" for i in range(20))
    data = ml.map_data(None, frame("시설명,구분,상태,위도,경도,면적\n" + rows + "\n", "s.csv", "sites"), None, None)
    rows_drawn = mc.label_rows(data, mc.MapOptions(), set())
    assert 0 < len(rows_drawn) < 20
    screen = mc.label_screen(data, mc.MapOptions())
    boxes = [
        map_labels.label_box(
            screen.pixel(r["lon"], r["lat"])[0] + r["offset"][0],
            screen.pixel(r["lon"], r["lat"])[1] + r["offset"][1],
            r["text"],
            r["size"],
        )
        for r in rows_drawn
    ]
    assert not any(a.intersects(b) for a, b in itertools.combinations(boxes, 2))


def test_label_boxes_by_hand():
    assert map_labels.text_size("가나", 10) == (2 * 10 + 2 * map_labels.PADDING_X, 12 + 2 * map_labels.PADDING_Y)
    box = map_labels.label_box(100, 50, "가나", 10, angle=90)  # turned: the box's width and height swap
    assert (box.right - box.left, box.bottom - box.top) == pytest.approx((16, 28))
    assert map_labels.wrap("국가 AI 컴퓨팅센터 예정부지", 9) == "국가 AI\n컴퓨팅센터\n예정부지"
    assert map_labels.Box(0, 0, 10, 10).intersects(map_labels.Box(9, 9, 20, 20))
    assert not map_labels.Box(0, 0, 10, 10).intersects(map_labels.Box(10, 0, 20, 10))


def test_phone_browsers_are_told_apart_by_their_user_agent():
    iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
    android = "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 Chrome/140.0 Mobile Safari/537.36"
    desktop = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36"
    assert mc.is_phone(iphone) and mc.is_phone(android)
    assert not mc.is_phone(desktop) and not mc.is_phone(None)


# ---------------------------------------------------------------------------- one symbol per kind (#27)


def test_every_site_kind_has_one_symbol_on_the_page_and_in_the_briefing():
    assert set(SITE_SYMBOLS) == set(SITE_KINDS)
    assert {kind: symbol.glyph for kind, symbol in SITE_SYMBOLS.items()} == mc.KIND_SYMBOLS
    assert (SITE_SYMBOLS["부지"].glyph, SITE_SYMBOLS["부지"].shape, SITE_SYMBOLS["부지"].filled) == (
        "○",
        "circle",
        False,
    )
    data = sample_data()
    page = json.loads(mc.build_deck(data, "ko", TODAY, mc.MapOptions())[0].to_json())
    glyphs = {
        row["id"]: row["text"] for row in next(lyr for lyr in page["layers"] if lyr["id"] == "facilities")["data"]
    }
    chart = snapshot_chart(data, "ko")
    assert chart is not None
    spec = chart.to_dict()
    points = [layer for layer in spec["layer"] if layer["mark"]["type"] == "point"]
    values = next(d for name, d in spec["datasets"].items() if d and "filled" in d[0])
    for site in data.sites.to_dict("records"):
        symbol = SITE_SYMBOLS[site["kind"]]
        row = next(v for v in values if v["name"] == site["name"])
        assert (row["shape"], row["filled"]) == (symbol.shape, symbol.filled)  # the slide draws the kind's figure…
        fid = f"site-{int(site['source_row'])}"
        if fid in glyphs:
            assert glyphs[fid] == symbol.glyph  # …which the page writes as this glyph
    hollow = [p for p in points if p["mark"]["filled"] is False]
    assert len(hollow) == 1 and hollow[0]["transform"] == [{"filter": "!datum.filled"}]
