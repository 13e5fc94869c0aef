"""The district map: GeoJSON parcels loader, layer data (joins, colours, escaping), deck builder and the page.

Expectations are computed by hand or straight from the files (csv/json/openpyxl), never by calling the
function under test.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import urllib.parse
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from charts import map as mc
from charts.palette import NEUTRAL, STATUS_COLORS, hex_to_rgb, sector_colors
from loaders import load_file
from loaders.contract import DATASETS, PARCEL_KINDS, SITE_KINDS, SITE_STATUSES
from loaders.geojson import is_geojson, load_geojson, polygon_area_m2
from metrics import map_layers as ml
from present.i18n import catalogue
from tests.support.apptest import texts

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
TODAY = dt.date(2026, 11, 25)
XSS = "<img src=x onerror=alert(1)>"


def sample_geojson() -> dict:
    return json.loads((DATA / "parcels.geojson").read_text(encoding="utf-8"))


def geojson_bytes(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def sample(name: str) -> pd.DataFrame:
    result = load_file((DATA / name).read_bytes(), name)
    assert result.ok, result.errors
    return result.frame


def sample_parcels() -> pd.DataFrame:
    result = load_geojson((DATA / "parcels.geojson").read_bytes(), "parcels.geojson")
    assert result.ok, result.errors
    return result.frame


def parcel(name="P-1", status="운영", ring=None, **props) -> dict:
    ring = ring or [[126.84, 35.23], [126.841, 35.23], [126.841, 35.231], [126.84, 35.231], [126.84, 35.23]]
    return {
        "type": "Feature",
        "properties": {"구분": "필지", "필지명": name, "상태": status, **props},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def collection(*features) -> bytes:
    return geojson_bytes({"type": "FeatureCollection", "features": list(features)})


def messages(result) -> str:
    return "\n".join(str(p) for p in result.errors)


# ============================================================================ GeoJSON loader


def test_sample_geojson_reads_every_feature_in_order():
    document = sample_geojson()
    result = load_geojson((DATA / "parcels.geojson").read_bytes(), "parcels.geojson")
    assert result.ok and result.dataset == "parcels" and not result.warnings
    frame = result.frame
    assert list(frame.columns) == [c.name for c in DATASETS["parcels"].columns] + ["source_row"]
    assert list(frame["source_row"]) == list(range(1, len(document["features"]) + 1))
    kinds = [f["properties"]["구분"] for f in document["features"]]
    assert list(frame["kind"]) == kinds
    assert (kinds.count("경계"), kinds.count("필지"), kinds.count("도로")) == (1, 12, 4)
    names = [
        f["properties"].get("필지명") or f["properties"].get("명칭") or f["properties"].get("도로명")
        for f in document["features"]
    ]
    assert list(frame["name"]) == names
    # the area total is the sum of the 면적 written in the file (roads and the outline have none)
    assert result.totals == {"area_m2": sum(f["properties"].get("면적", 0) for f in document["features"])}
    assert result.totals["area_m2"] == 1_263_815
    # geometry kept exactly, as JSON text
    for text, feature in zip(frame["geometry"], document["features"], strict=False):
        assert json.loads(text) == feature["geometry"]
    first_parcel = frame[frame["kind"] == "필지"].iloc[0]
    assert (first_parcel["name"], first_parcel["status"], first_parcel["use"], first_parcel["facility"]) == (
        "A-1 데이터센터 부지",
        "운영",
        "연구시설",
        "국가 AI 데이터센터",
    )
    assert first_parcel["area_m2"] == 104806
    assert pd.isna(frame[frame["name"] == "D-1 근린공원"]["facility"].iloc[0])  # "" in the file is no facility
    assert result.written[2]["필지명"] == "A-1 데이터센터 부지" and result.written[2]["면적"] == "104806"


def test_parcels_round_trip_through_the_store(tmp_path):
    from store import open_store

    data = (DATA / "parcels.geojson").read_bytes()
    result = load_geojson(data, "parcels.geojson")
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    version = store.save_version(result, data, user="테스트")
    back = store.frame(version)
    pd.testing.assert_frame_equal(back, result.frame)
    assert version.totals == {"area_m2": 1_263_815}
    store.close()


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"", "빈 파일"),
        (b"name,lat\nA,35", "GeoJSON 파일이 아닙니다"),
        (b'{"type": "Topology"}', "GeoJSON 파일이 아닙니다"),
        (b'{"type": "Polygon", "coordinates": []}', "속성"),
        (b'{"type": "FeatureCollection", "features": []}', "하나도 없습니다"),
        ((DATA / "sites.xlsx").read_bytes(), "엑셀 파일입니다"),
        (b"\xff\xfe\x00\x81\xff", "GeoJSON 파일이 아닙니다"),
    ],
)
def test_not_geojson_is_refused(data, expected):
    result = load_geojson(data, "x.geojson")
    assert not result.ok and result.frame.empty
    assert expected in messages(result)


def test_coordinates_outside_korea_are_refused_with_a_hint():
    far = parcel("먼 필지", ring=[[127.0, 45.0], [127.1, 45.0], [127.1, 45.1], [127.0, 45.0]])
    swapped = parcel("뒤바뀐 필지", ring=[[35.23, 126.84], [35.24, 126.84], [35.24, 126.85], [35.23, 126.84]])
    result = load_geojson(collection(parcel(), far, swapped), "x.geojson")
    text = messages(result)
    assert not result.ok
    assert "2번째 도형('먼 필지'): 좌표가 대한민국 범위 밖입니다 — [127, 45] 등 3개 꼭짓점" in text
    assert "경도는 124~132, 위도는 33~39" in text
    assert "3번째 도형('뒤바뀐 필지')" in text and "경도와 위도가 바뀐 것 같습니다" in text
    assert "1번째" not in text


def test_projected_coordinates_and_other_crs_are_refused():
    tm = parcel(ring=[[190000, 450000], [190100, 450000], [190100, 450100], [190000, 450000]])
    result = load_geojson(collection(tm), "x.geojson")
    assert "경위도(WGS84)가 아닌 것 같습니다" in messages(result)
    document = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::5186"}},
        "features": [parcel()],
    }
    assert "좌표계가 WGS84 경위도가 아닙니다 (urn:ogc:def:crs:EPSG::5186)" in messages(
        load_geojson(geojson_bytes(document), "x")
    )
    document["crs"]["properties"]["name"] = "urn:ogc:def:crs:OGC:1.3:CRS84"
    assert load_geojson(geojson_bytes(document), "x").ok


def test_status_must_be_one_of_the_four():
    result = load_geojson(collection(parcel("A", "완료"), parcel("B", status=None)), "x.geojson")
    text = messages(result)
    assert "1번째 도형('A'): 상태는 계획, 공사중, 준공, 운영 중 하나여야 합니다 (값: 완료)" in text
    assert "2번째 도형('B'): 필지의 상태가 없습니다" in text


def test_unclosed_ring_and_wrong_geometry_are_refused():
    unclosed = parcel("열린 필지", ring=[[126.84, 35.23], [126.841, 35.23], [126.841, 35.231], [126.84, 35.231]])
    road_as_polygon = {
        "type": "Feature",
        "properties": {"구분": "도로", "도로명": "가로"},
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[126.84, 35.23], [126.85, 35.23], [126.85, 35.24], [126.84, 35.23]]],
        },
    }
    bad_kind = parcel("C")
    bad_kind["properties"]["구분"] = "건물"
    triangle_open = parcel("D", ring=[[126.84, 35.23], [126.841, 35.23], [126.841, 35.231], [126.842, 35.232]])
    result = load_geojson(collection(unclosed, road_as_polygon, bad_kind, triangle_open), "x.geojson")
    text = messages(result)
    assert "1번째 도형('열린 필지'): 바깥 경계이(가) 닫혀 있지 않습니다" in text
    assert "2번째 도형('가로'): 도로은(는) 선(LineString) 도형이어야 합니다 (이 도형: Polygon)" in text
    assert "3번째 도형('C'): 구분은 필지, 경계, 도로 중 하나여야 합니다 (값: 건물)" in text
    assert (
        "4번째 도형('D'): 바깥 경계이(가) 닫혀 있지 않습니다 — 첫 꼭짓점 [126.84, 35.23]과 마지막 꼭짓점 [126.842, 35.232]"
        in text
    )


def test_duplicates_missing_name_and_bad_area():
    no_name = parcel()
    del no_name["properties"]["필지명"]
    text = messages(load_geojson(collection(parcel("A"), parcel("A"), no_name, parcel("E", 면적="넓음")), "x"))
    assert "같은 구분·이름(필지, A)의 도형이 여러 개입니다: 1번째, 2번째 도형" in text
    assert "3번째 도형: 이름이 없습니다" in text
    assert "4번째 도형('E'): 숫자가 아닌 값입니다: '넓음'" in text


def test_area_far_from_the_drawing_is_a_warning():
    ring = [[126.84, 35.23], [126.841, 35.23], [126.841, 35.231], [126.84, 35.231], [126.84, 35.23]]
    drawn = polygon_area_m2({"type": "Polygon", "coordinates": [ring]})
    # 0.001° × 0.001° at 35.23°N: 111,195 m × cos(35.23°) × 111,195 m / 10⁶ ≈ 10,100 m²
    assert drawn == pytest.approx(111_194.9**2 * 1e-6 * math.cos(math.radians(35.2305)), rel=1e-3)
    result = load_geojson(collection(parcel("평으로 적음", 면적=3058), parcel("맞음", 면적="10,100㎡")), "x")
    assert result.ok and result.frame["area_m2"].tolist() == [3058, 10100]
    assert len(result.warnings) == 1 and "1번째 도형('평으로 적음'): 적힌 면적(3,058㎡)" in str(result.warnings[0])


def test_geojson_is_recognised_by_name_or_content():
    assert is_geojson(b"", "parcels.geojson") and is_geojson(b"", "PARCELS.JSON")
    assert is_geojson(b'\xef\xbb\xbf{"type":"FeatureCollection","features":[]}', "upload")
    assert not is_geojson(b"a,b\n1,2", "x.csv") and not is_geojson(b"PK\x03\x04", "x.xlsx")


def test_single_feature_and_cp949_are_read():
    feature = parcel("한 필지")
    assert load_geojson(geojson_bytes(feature), "x").ok
    result = load_geojson(
        json.dumps({"type": "FeatureCollection", "features": [feature]}, ensure_ascii=False).encode("cp949"), "x"
    )
    assert result.ok and "CP949" in str(result.warnings[0])


# ============================================================================ layer data: joins and geometry


def jobs_frame(rows):
    frame = pd.DataFrame(rows, columns=["month", "company", "sector", "headcount"])
    return frame.assign(
        month=pd.to_datetime(frame["month"]),
        headcount=frame["headcount"].astype("Int64"),
        new_hires=pd.array([0] * len(rows), dtype="Int64"),
        source_row=range(2, 2 + len(rows)),
    )


def companies_frame(rows):
    frame = pd.DataFrame(rows, columns=["as_of", "company", "sector", "valuation_krw", "stage"])
    return frame.assign(
        as_of=pd.to_datetime(frame["as_of"]),
        valuation_krw=frame["valuation_krw"].astype("Int64"),
        source_row=range(2, 2 + len(rows)),
    )


def sites_frame(rows):
    frame = pd.DataFrame(rows, columns=["name", "kind", "status", "lat", "lon", "area_m2", "completion"])
    return frame.assign(
        completion=pd.to_datetime(frame["completion"]),
        area_m2=frame["area_m2"].astype("Float64"),
        source_row=range(2, 2 + len(rows)),
    )


def test_companies_join_latest_month_and_latest_stage_by_hand():
    jobs = jobs_frame(
        [
            ("2026-10-01", "가나", "모빌리티", 10),
            ("2026-11-01", "가나", "모빌리티", 12),
            ("2026-09-01", "다라", "에너지", 7),  # its latest month is September
            ("2026-11-01", " 가나다 ", "헬스케어", 3),
        ]
    )
    companies = companies_frame(
        [
            ("2026-06-30", "가나", "모빌리티", 100, "아기유니콘"),
            ("2026-09-30", "가나", "모빌리티", 200_000_000_000, "예비유니콘"),
            ("2026-09-30", "마바", "문화콘텐츠", 5, "아기유니콘"),  # no jobs rows
        ]
    )
    profiles = ml.company_profiles(jobs, companies).set_index("key")
    assert list(profiles.index) == ["가나", "가나다", "다라", "마바"]
    assert profiles.loc["가나", "headcount"] == 12 and profiles.loc["가나", "headcount_month"] == pd.Timestamp(
        "2026-11-01"
    )
    assert profiles.loc["가나", "jobs_row"] == 3 and profiles.loc["가나", "companies_row"] == 3
    assert profiles.loc["가나", "stage"] == "예비유니콘" and profiles.loc["가나", "valuation_krw"] == 200_000_000_000
    assert profiles.loc["다라", "headcount"] == 7 and profiles.loc["다라", "headcount_month"] == pd.Timestamp(
        "2026-09-01"
    )
    assert pd.isna(profiles.loc["다라", "stage"]) and profiles.loc["다라", "sector"] == "에너지"
    assert pd.isna(profiles.loc["마바", "headcount"]) and profiles.loc["마바", "sector"] == "문화콘텐츠"
    assert profiles.loc["가나다", "company"] == " 가나다 "  # shown as written; matched trimmed


def test_companies_are_placed_on_their_own_sites_only():
    profiles = ml.company_profiles(
        jobs_frame(
            [
                ("2026-11-01", "가나", "모빌리티", 12),
                ("2026-11-01", "가나다", "헬스케어", 3),
                ("2026-11-01", "라마", "에너지", 8),
                ("2026-11-01", "바사", "에너지", 9),
            ]
        ),
        None,
    )
    sites = sites_frame(
        [
            ("가나다 사옥", "기업", "운영", 35.23, 126.84, 100, "2025-01-31"),  # 가나다, not 가나: longest name wins
            ("가나 R&D센터", "기업", "공사중", 35.231, 126.841, 200, None),
            ("가나 제2사옥", "기업", "운영", 35.232, 126.842, 300, None),  # 가나 already placed on its first site
            ("라마 연구소", "데이터센터", "운영", 35.233, 126.843, 400, None),  # not kind 기업
            ("바사랩", "기업", "운영", 35.234, 126.844, 500, None),  # 바사 without a space: another company
        ]
    )
    placed, unplaced = ml.place_companies(sites, profiles)
    assert list(placed["key"]) == ["가나", "가나다"]
    assert list(placed["site"]) == ["가나 R&D센터", "가나다 사옥"]
    assert list(placed["site_row"]) == [3, 2] and list(placed["lat"]) == [35.231, 35.23]
    assert list(unplaced["key"]) == ["라마", "바사"]
    assert ml.placed_site_rows(placed) == {2, 3}
    assert ml.company_site("바사 연구소", ["바사", "바"]) == "바사"
    assert ml.company_site("바사랩", ["바사"]) is None


def test_sample_companies_on_the_map_match_the_files():
    """#25: every sample company names its building (입주 시설 in its latest companies row), so all 40 are on the
    map, each at the site of that name (spacing and brackets as people write them)."""
    jobs = pd.read_csv(DATA / "jobs.csv", encoding="utf-8-sig")
    latest = jobs[jobs["기준월"] == jobs["기준월"].max()].set_index("기업명")["재직자수"]
    companies = pd.read_csv(DATA / "companies.csv", encoding="utf-8-sig")
    building = companies[companies["기준일"] == companies["기준일"].max()].set_index("기업명")["입주 시설"]
    sites = openpyxl.load_workbook(DATA / "sites.xlsx").active
    site_names = [row[0] for row in sites.iter_rows(min_row=2, values_only=True)]
    by_hand = {"AI창업동": "AI 창업동", "AI 실증장비동(2층)": "AI 실증장비동"}  # the two forms not written exactly
    data = ml.map_data(sample_parcels(), sample("sites.xlsx"), sample("jobs.csv"), sample("companies.csv"))
    expected = {c: by_hand.get(b, b) for c, b in building.items()}
    assert set(expected.values()) <= set(site_names)
    assert dict(zip(data.placed["company"], data.placed["site"], strict=True)) == expected
    assert dict(zip(data.placed["company"], data.placed["headcount"], strict=True)) == latest.to_dict()
    assert dict(zip(data.placed["company"], data.placed["headcount"], strict=True))["빛고을모빌리티"] == 343
    assert len(data.placed) == 40 and data.unplaced.empty
    assert (len(data.parcels), len(data.outline), len(data.roads), len(data.sites)) == (12, 1, 4, 12)
    # one marker per building: the 40 companies sit in 9 buildings, each marker's headcount the sum of its firms'
    places = ml.places(data.placed)
    assert len(places) == len(set(expected.values())) == 9
    for place in places:
        firms = [c for c, b in expected.items() if b == place["site"]]
        assert sorted(c["company"] for c in place["companies"]) == sorted(firms)
        assert place["headcount"] == sum(latest[c] for c in firms)


def test_geometry_helpers_by_hand():
    square = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [0.0, 0.0]]
    assert ml.ring_centroid(square) == pytest.approx((1.0, 1.0))
    assert ml.contains(square, 1, 1) and not ml.contains(square, 3, 1)
    lon, lat, angle = ml.path_point([[126.0, 35.0], [126.0, 35.002]], 0.5)
    assert (lon, lat, angle) == pytest.approx((126.0, 35.001, 90.0))
    assert ml.path_point([[126.002, 35.0], [126.0, 35.0]], 0.25)[2] == pytest.approx(0.0)  # never upside down
    bounds = ml.bounds_of([(126.84, 35.23), (126.85, 35.24)])
    view = ml.fit_view(bounds, 600, 400, padding=0.1)
    # width: 0.01° of 360° at 512·2^z px must fit 600·0.8 px → z = log2(480·360 / (512·0.01))
    zoom_x = math.log2(480 * 360 / (512 * 0.01))
    merc = lambda a: math.log(math.tan(math.pi / 4 + math.radians(a) / 2))  # noqa: E731
    zoom_y = math.log2(320 * 2 * math.pi / (512 * (merc(35.24) - merc(35.23))))
    assert view["zoom"] == round(min(zoom_x, zoom_y), 2)
    assert view["longitude"] == pytest.approx(126.845) and 35.23 < view["latitude"] < 35.24


def test_map_data_with_nothing():
    data = ml.map_data(None, None, None, None)
    assert data.bounds is None and not data.has_parcels and not data.has_sites
    assert data.placed.empty and data.unplaced.empty


# ============================================================================ deck builder


def sample_map(**extra_sites) -> ml.MapData:
    sites = sample("sites.xlsx")
    jobs = sample("jobs.csv")
    companies = sample("companies.csv")
    return ml.map_data(sample_parcels(), sites, jobs, companies, selections=sample("selections.csv"))


def deck_json(data, options=None, lang="ko", tiles=None):
    deck, found = mc.build_deck(data, lang, TODAY, options or mc.MapOptions(), tiles)
    return json.loads(deck.to_json()), found


def layer(spec, layer_id):
    return next(lyr for lyr in spec["layers"] if lyr["id"] == layer_id)


def test_layers_colours_and_sizes():
    data = sample_map()
    spec, _found = deck_json(data)
    assert [lyr["id"] for lyr in spec["layers"]] == [
        "parcels",
        "roads",
        "outline",
        "companies",  # under the facilities' symbols: a building's companies circle its symbol
        "facilities",
        "company_marks",
        "labels",
    ]
    parcels = layer(spec, "parcels")
    document = sample_geojson()
    status_by_name = {
        f["properties"]["필지명"]: f["properties"]["상태"]
        for f in document["features"]
        if f["properties"]["구분"] == "필지"
    }
    assert len(parcels["data"]) == 12
    for row in parcels["data"]:
        assert row["fill"] == hex_to_rgb(STATUS_COLORS[status_by_name[row["tip_title"]]], 120)
    companies = layer(spec, "companies")["data"]
    colors = sector_colors()
    by_name = {r["tip_title"]: r for r in companies}
    assert by_name["빛고을모빌리티"]["fill"] == hex_to_rgb(colors["모빌리티"], 225)
    # one circle per building, area ∝ the headcount of its companies (from the files: 입주 시설 in the latest rows)
    jobs = pd.read_csv(DATA / "jobs.csv", encoding="utf-8-sig")
    heads = jobs[jobs["기준월"] == jobs["기준월"].max()].set_index("기업명")["재직자수"]
    firms = pd.read_csv(DATA / "companies.csv", encoding="utf-8-sig")
    building = firms[firms["기준일"] == firms["기준일"].max()].set_index("기업명")["입주 시설"]
    building = building.replace({"AI창업동": "AI 창업동", "AI 실증장비동(2층)": "AI 실증장비동"})
    largest = heads.groupby(building).sum().max()
    assert by_name["빛고을모빌리티"]["radius"] == pytest.approx(mc.MAX_RADIUS_PX * math.sqrt(343 / largest))
    assert by_name["무등헬스랩"]["radius"] == pytest.approx(mc.MAX_RADIUS_PX * math.sqrt(221 / largest))
    assert by_name[heads.groupby(building).sum().idxmax()]["radius"] == pytest.approx(mc.MAX_RADIUS_PX)
    assert len(companies) == 9
    # company sites are drawn as their company, the other six sites as symbols coloured by status
    facilities = layer(spec, "facilities")["data"]
    assert [r["tip_title"] for r in facilities] == [
        "국가 AI 데이터센터",
        "AI 실증장비동",
        "AI 창업동",
        "AI 지식산업센터",
        "국가 AI 컴퓨팅센터 예정부지",
        "집적단지 2단계 부지",
    ]
    assert [r["text"] for r in facilities] == ["■", "◆", "▲", "⬢", "○", "○"]
    assert facilities[2]["color"] == hex_to_rgb(STATUS_COLORS["준공"])
    # Korean text in a CJK font, "auto" character set, units as strings (not accessors)
    labels = layer(spec, "labels")
    assert labels["characterSet"] == "auto" and "Noto Sans CJK KR" in labels["fontFamily"]
    assert layer(spec, "companies")["radiusUnits"] == "pixels" and layer(spec, "roads")["widthUnits"] == "meters"
    texts = [r["text"].split("\n")[0] for r in labels["data"]]  # a name, then its status (#17)
    assert "첨단3지구 국가 AI 집적단지" in texts and "첨단과기로" in texts and "D-1 근린공원" in texts
    assert "A-1 데이터센터 부지" not in texts  # its site's label names it
    # the first view frames the district
    view = spec["initialViewState"]
    assert 126.836 < view["longitude"] < 126.854 and 35.224 < view["latitude"] < 35.24 and 13 < view["zoom"] < 17
    assert view["pitch"] == 0


def test_tooltips_hold_plain_text_in_every_pickable_layer():
    spec, found = deck_json(sample_map())
    spec.get("tooltip") or mc.tooltip_template("ko")
    fields = {f"tip_{i}" for i in range(1, mc.TIP_LINES + 1)} | {"tip_title"}
    assert mc.tooltip_template("ko")["html"].count("{") == len(fields)
    for item in spec["layers"]:
        if item.get("pickable"):
            for row in item["data"]:
                assert fields <= set(row), item["id"]
    company = next(r for r in layer(spec, "companies")["data"] if r["tip_title"] == "빛고을모빌리티")
    lines = [company[f"tip_{i}"] for i in range(1, mc.TIP_LINES + 1)]
    assert lines == [
        "산업분야: 모빌리티",
        "재직자 수: 343명 (2026년 11월 기준)",
        "K-유니콘 단계: 유니콘 (기업가치 1조원 이상) · 예비유니콘 (2022 선정) (2026. 9. 30. 기준)",
        "입주 시설: 빛고을모빌리티 R&D센터 (운영)",
        "면적: 12,400㎡",
        "준공일: 2024. 5. 31.",
        "",
    ]
    site = next(r for r in layer(spec, "facilities")["data"] if r["tip_title"] == "AI 지식산업센터")
    assert [site[f"tip_{i}"] for i in range(1, 5)] == [
        "구분: 기타",
        "상태: 공사중",
        "면적: 5,000㎡",
        "준공 예정일: 2027. 12. 31.",
    ]
    parcel_row = next(r for r in layer(spec, "parcels")["data"] if r["tip_title"] == "A-1 데이터센터 부지")
    assert [parcel_row[f"tip_{i}"] for i in range(1, 6)] == [
        "상태: 운영",
        "용도: 연구시설",
        "면적: 104,806㎡",
        "시설: 국가 AI 데이터센터",
        "준공일: 2023. 11. 30.",
    ]
    details = found["company-빛고을모빌리티"]
    assert details.more == [("기업가치", "1.14조원")]
    assert details.sources == [("sites", 8), ("jobs", 1697), ("companies", 429)]


def test_hostile_names_stay_text():
    """A company named like HTML goes into the deck unescaped (Streamlit escapes tooltip fields itself: escaping
    twice would show "&lt;"), "@@" names cannot become deck.gl code, and the legend escapes what it shows."""
    jobs = jobs_frame([("2026-11-01", XSS, XSS, 40), ("2026-11-01", "@@=name", "에너지", 5)])
    sites = sites_frame(
        [
            (f"{XSS} 사옥", "기업", "운영", 35.23, 126.84, 100, None),
            ("@@=name 연구소", "기업", "계획", 35.231, 126.841, 50, None),
            ("@@#Math", "기타", "운영", 35.232, 126.842, 10, None),
        ]
    )
    data = ml.map_data(None, sites, jobs, None)
    spec, found = deck_json(data)
    text = json.dumps(spec, ensure_ascii=False)
    companies = {r["id"]: r for r in layer(spec, "companies")["data"]}
    assert companies[f"company-{XSS}"]["tip_title"] == XSS
    assert companies[f"company-{XSS}"]["tip_1"] == f"산업분야: {XSS}"
    assert companies[f"company-{XSS}"]["fill"] == hex_to_rgb(NEUTRAL, 225)  # unknown sector: neutral grey
    assert "&lt;" not in text and "&amp;" not in text
    assert '"@@=name' not in text and '"@@#' not in text  # every data string starting "@@" is defused
    assert companies["company-@@=name"]["tip_title"] == "\u200b@@=name"
    assert mc.safe_text("@@=x") == "\u200b@@=x" and mc.safe_text("a@@") == "a@@" and mc.safe_text(None) == ""
    legend = mc.legend_html(data, mc.MapOptions(), "ko")
    assert "기타" in legend and "★" not in legend  # the company sites are drawn as their companies
    assert XSS not in legend and "&lt;img src=x onerror=alert(1)&gt;" in legend
    assert found[f"company-{XSS}"].title == XSS


def test_three_d_columns_and_reset_nudge():
    data = sample_map()
    spec, _ = deck_json(data, mc.MapOptions(three_d=True))
    columns = layer(spec, "columns")
    areas = [r["area"] for r in columns["data"]]
    sites = openpyxl.load_workbook(DATA / "sites.xlsx").active
    buildings = [row for row in sites.iter_rows(min_row=2, values_only=True) if row[1] != "부지"]
    assert sorted(areas) == sorted(float(row[5]) for row in buildings)
    assert columns["elevationScale"] == pytest.approx(mc.TALLEST_COLUMN_M / 12400)
    assert spec["initialViewState"]["pitch"] == mc.PITCH_3D
    facilities = layer(spec, "facilities")["data"]
    assert [r["text"] for r in facilities] == ["○", "○"]  # only the bare sites stay symbols
    only_companies, _ = deck_json(data, mc.MapOptions(layers=("companies",), three_d=True))
    # the buildings companies sit in, each a column standing for them (one company's, or the building's list)
    own = {
        f"company-{c}"
        for c in (
            "빛고을모빌리티",
            "무등헬스랩",
            "첨단그리드에이아이",
            "오룡에이아이",
            "영산강에너지랩",
            "양림콘텐츠랩",
        )
    }
    shared = {f"place-site-{row}" for row in (2, 3, 4)}  # 국가 AI 데이터센터, AI 실증장비동, AI 창업동 (file rows)
    assert {r["id"] for r in layer(only_companies, "columns")["data"]} == own | shared
    assert [lyr["id"] for lyr in only_companies["layers"]] == ["companies", "company_marks", "columns"]
    first, _ = deck_json(data, mc.MapOptions(reset_count=0))
    second, _ = deck_json(data, mc.MapOptions(reset_count=1))
    third, _ = deck_json(data, mc.MapOptions(reset_count=2))
    assert first["initialViewState"] == third["initialViewState"] != second["initialViewState"]
    for key in ("latitude", "longitude", "zoom", "pitch", "bearing"):
        assert second["initialViewState"][key] != first["initialViewState"][key]
        assert second["initialViewState"][key] == pytest.approx(first["initialViewState"][key], abs=1e-8)


def test_layer_switches():
    data = sample_map()
    legend = mc.legend_html(data, mc.MapOptions(), "ko")
    assert "■" in legend and "★" not in legend  # every 기업 site stands for its company
    assert "★" in mc.legend_html(data, mc.MapOptions(layers=("facilities",)), "ko")
    assert "필지 상태" in legend and "기업 산업분야" in legend and "원 크기" in legend
    assert "원 위의 숫자" in legend  # several companies in one building: the number on the marker
    spec, _ = deck_json(data, mc.MapOptions(layers=("facilities",)))
    assert [lyr["id"] for lyr in spec["layers"]] == ["facilities"]
    assert len(layer(spec, "facilities")["data"]) == 12  # without companies every site is a symbol
    spec, _ = deck_json(data, mc.MapOptions(layers=("companies", "labels")))
    assert [lyr["id"] for lyr in spec["layers"]] == ["companies", "company_marks", "labels"]
    own = {s for s, kind in zip(data.placed["site"], data.placed["site_kind"], strict=True) if kind == "기업"}
    drawn = {r["text"].replace("\n", " ") for r in layer(spec, "labels")["data"]}
    assert drawn <= own and len(drawn) >= 3  # the companies' own buildings, as many as fit
    spec, _ = deck_json(data, mc.MapOptions(layers=()))
    assert spec["layers"] == []


def test_base_maps():
    none = mc.tile_settings(None)  # no outside host by default (#42): no base map, and CARTO not even offered
    assert none == mc.TileSettings() and none.modes == ("none",) and none.start == "none"
    carto = mc.tile_settings({"internet_tiles": True})
    assert carto.modes == ("default", "none") and carto.start == "default"
    assert mc.tile_settings({"tiles": "default"}).modes == ("default", "none")
    vworld = mc.tile_settings(
        {
            "tile_url": "https://api.vworld.kr/req/wmts/1.0.0/KEY/Base/{z}/{y}/{x}.png",
            "attribution": "© 국토교통부 <b>브이월드</b>",
        }
    )
    assert vworld.start == "custom" and vworld.modes == ("custom", "none")
    assert mc.tile_settings({"tile_url": "https://x/{z}/{x}/{y}.png", "tiles": "none"}).start == "none"
    bad = mc.tile_settings({"tile_url": "javascript:alert(1)//{z}{x}{y}"})
    assert bad.url is None and bad.problem == "tile_url" and bad.start == "none"
    assert mc.tile_settings({"tile_url": "https://x/tiles.png"}).url is None  # no {z}/{x}/{y}

    kwargs = mc.basemap_kwargs("custom", vworld)
    assert kwargs["map_style"].startswith("data:application/json;charset=utf-8,")
    style = json.loads(urllib.parse.unquote(kwargs["map_style"].split(",", 1)[1]))
    assert style["sources"]["city"]["tiles"] == [vworld.url]
    assert style["sources"]["city"]["attribution"] == "© 국토교통부 &lt;b&gt;브이월드&lt;/b&gt;"
    data = sample_map()
    assert deck_json(data, mc.MapOptions(basemap="none"))[0]["mapStyle"] == "__MAP_STYLE__"  # no base map
    default = deck_json(data, mc.MapOptions(basemap="default"))[0]
    assert "mapStyle" not in default  # Streamlit's own light/dark tiles
    assert deck_json(data, mc.MapOptions(basemap="custom"), tiles=vworld)[0]["mapStyle"] == kwargs["map_style"]


def test_selected_feature():
    _, found = deck_json(sample_map())
    selection = {
        "indices": {"companies": [0]},
        "objects": {"companies": [{"id": "company-무등헬스랩", "tip_title": "x"}]},
    }
    assert mc.selected_feature(selection, found).title == "무등헬스랩"
    assert mc.selected_feature({"indices": {}, "objects": {}}, found) is None
    assert mc.selected_feature({"objects": {"companies": [{"id": "company-없는 기업"}]}}, found) is None
    assert mc.selected_feature(None, found) is None


def test_map_messages_are_complete():
    messages = {k: v for k, v in catalogue().items() if k.startswith("map.")}
    assert all(ko.strip() and en.strip() for ko, en in messages.values())
    for value in SITE_STATUSES:
        assert f"map.status.{value}" in messages
    for value in (*SITE_KINDS, *PARCEL_KINDS):
        assert f"map.kind.{value}" in messages
    assert set(mc.KIND_SYMBOLS) == set(SITE_KINDS)


# ============================================================================ the page (AppTest)


def _store(tmp_path, monkeypatch, datasets=("budget", "jobs", "companies", "sites", "targets", "events"), parcels=True):
    from store import SAMPLE_FILES, open_store

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv("AICD_STORE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    store = open_store(url)
    for name in datasets:
        data = (DATA / SAMPLE_FILES[name]).read_bytes()
        store.save_version(load_file(data, SAMPLE_FILES[name], name), data, user="샘플 데이터")
    if parcels:
        data = (DATA / "parcels.geojson").read_bytes()
        store.save_version(load_geojson(data, "parcels.geojson"), data, user="샘플 데이터")
    store.close()


@pytest.fixture
def clear_caches():
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def run_page(lang=None, secrets=None) -> AppTest:
    app = AppTest.from_file(str(REPO / "views" / "map.py"), default_timeout=60)
    if lang:
        app.session_state["lang"] = lang
    for key, value in (secrets or {}).items():
        app.secrets[key] = value
    return app.run()


def deck_spec(app: AppTest) -> dict:
    """The page's one deck (#26: a second deck would repeat deck.gl's element ids)."""
    charts = app.get("deck_gl_json_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.json)


def test_page_renders_the_sample(tmp_path, monkeypatch, clear_caches):
    _store(tmp_path, monkeypatch)
    app = run_page()
    assert not app.exception, app.exception
    spec = deck_spec(app)
    assert {lyr["id"] for lyr in spec["layers"]} == {
        "parcels", "roads", "outline", "facilities", "companies", "company_marks", "labels",
    }  # fmt: skip
    # the desktop's deck (AppTest's browser is no phone): framed for the desktop's map
    assert spec["initialViewState"]["zoom"] == mc.view_state(sample_map(), mc.MapOptions()).zoom
    # every sample company names its building (#25): all on the map, none listed as unplaced
    assert any("지도에 위치가 없는 기업 0개사" in m.value for m in app.markdown)
    assert any(catalogue()["map.unplaced.none"][0] in c.value for c in app.caption)
    assert all("이유" not in d.value.columns for d in app.dataframe)
    companies = {r["id"] for r in layer(spec, "companies")["data"]}
    assert len(companies) == 9 and "place-site-3" in companies  # AI 실증장비동 (file row 3): one marker for 14
    assert not app.info and not app.warning
    assert any("지도에서 시설이나 기업을 누르면" in c.value for c in app.caption)
    assert app.pills(key="map_layers").value == list(mc.LAYERS)
    app.pills(key="map_layers").set_value(["facilities"]).run()
    assert [lyr["id"] for lyr in deck_spec(app)["layers"]] == ["facilities"]
    app.pills(key="map_layers").set_value(list(mc.LAYERS)).run()
    app.toggle(key="map_3d").set_value(True).run()
    assert "columns" in {lyr["id"] for lyr in deck_spec(app)["layers"]}
    app.button(key="map_reset").click().run()
    assert app.session_state["map_reset_count"] == 1 and not app.exception


def test_page_in_english(tmp_path, monkeypatch, clear_caches):
    _store(tmp_path, monkeypatch)
    app = run_page(lang="en")
    assert not app.exception
    assert any("Every company is on the map." in c.value for c in app.caption)
    company = next(r for r in layer(deck_spec(app), "companies")["data"] if r["tip_title"] == "빛고을모빌리티")
    assert company["tip_2"] == "Headcount: 343 people (Nov 2026)"


def test_page_without_sites(tmp_path, monkeypatch, clear_caches):
    _store(tmp_path, monkeypatch, datasets=("jobs", "companies"))
    app = run_page()
    assert not app.exception
    assert [i.value for i in app.info] == [catalogue()["map.sites_empty"][0]]
    spec = deck_spec(app)  # parcels, outline and roads still drawn
    assert {lyr["id"] for lyr in spec["layers"]} == {"parcels", "roads", "outline", "labels"}
    companies = pd.read_csv(DATA / "companies.csv", encoding="utf-8-sig")
    latest = companies[companies["기준일"] == companies["기준일"].max()].set_index("기업명")["입주 시설"]
    table = app.dataframe[0].value
    assert len(table) == companies["기업명"].nunique()  # nobody can be placed…
    assert list(table.columns[:3]) == ["기업", "이유", "파일에 더할 것"]
    reasons = dict(zip(table["기업"], table["이유"], strict=True))  # …each with its reason and what to add
    assert reasons["빛고을모빌리티"] == f"입주 시설 '{latest['빛고을모빌리티']}'이(가) 시설·부지 목록에 없습니다"
    assert set(table["파일에 더할 것"]) == {catalogue()["map.unplaced.todo.unknown_building"][0]}


def test_page_with_an_empty_sites_frame(tmp_path, monkeypatch, clear_caches):
    _store(tmp_path, monkeypatch)
    import ui.page

    real = ui.page.dataset_frame

    def no_sites(name, versions=None):
        frame = real(name, versions)
        return frame.iloc[0:0] if name == "sites" else frame

    monkeypatch.setattr(ui.page, "dataset_frame", no_sites)
    app = run_page()
    assert not app.exception
    assert [i.value for i in app.info] == [catalogue()["map.sites_empty"][0]]


def test_page_with_nothing_to_draw(tmp_path, monkeypatch, clear_caches):
    _store(tmp_path, monkeypatch, datasets=("jobs",), parcels=False)
    app = run_page()
    assert not app.exception
    assert catalogue()["map.nothing"][0] in [i.value for i in app.info]
    assert not app.get("deck_gl_json_chart")


def test_page_tile_settings_from_secrets(tmp_path, monkeypatch, clear_caches):
    _store(tmp_path, monkeypatch)
    app = run_page(
        secrets={"map": {"tile_url": "https://tiles.example.kr/{z}/{x}/{y}.png", "attribution": "© 예시 지도"}}
    )
    assert not app.exception
    assert deck_spec(app)["mapStyle"].startswith("data:application/json")
    assert app.segmented_control(key="map_basemap").value == "custom"
    assert app.segmented_control(key="map_basemap").options == ["시 타일", "없음"]
    app.segmented_control(key="map_basemap").set_value("none").run()
    assert deck_spec(app)["mapStyle"] == "__MAP_STYLE__"
    app = run_page(secrets={"map": {"tiles": "none"}})
    assert deck_spec(app)["mapStyle"] == "__MAP_STYLE__"
    assert app.segmented_control(key="map_basemap").options == ["없음"]
    app = run_page(secrets={"map": {"tile_url": "ftp://nope/{z}/{x}/{y}"}})
    assert texts(app.warning) == catalogue()["map.tiles_invalid"][0]  # what the page shows, one warning
    assert deck_spec(app)["mapStyle"] == "__MAP_STYLE__"  # no base map rather than one from the internet
    app = run_page(secrets={"map": {"internet_tiles": True}})
    assert app.segmented_control(key="map_basemap").options == ["인터넷 지도", "없음"]
    assert "mapStyle" not in deck_spec(app)  # Streamlit's own light/dark CARTO tiles
