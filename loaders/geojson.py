"""Parcel polygons, the district outline and roads from a GeoJSON file (the `parcels` dataset).

One feature becomes one row: the contract's columns read from the feature's properties (by the same
aliases spreadsheets use, e.g. 필지명/명칭/도로명 → name), the geometry kept as compact GeoJSON text, and
`source_row` = the feature's 1-based position in the file, so a figure can be traced back to its feature.

Refused (every problem at once, in Korean): a file that is not GeoJSON, a coordinate system other than
WGS84 longitude/latitude, coordinates outside Korea, a 구분 other than 필지/경계/도로, a parcel status other
than 계획/공사중/준공/운영, an unclosed polygon ring, a geometry that does not fit its 구분, two features
with the same 구분 and name. A stated area far from the drawn one is a warning, not an error.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

import pandas as pd

from .cells import CellError, display, is_blank, to_number, to_text
from .contract import KOREA_LAT, KOREA_LON, PARCEL_KINDS, PARCELS, SITE_STATUSES, Kind
from .headers import normalise_header
from .load import LoadResult
from .personal_data import personal_data_in_records
from .problems import Problem

GEOJSON_SUFFIXES = (".geojson", ".json")
# Which geometries each 구분 may have.
GEOMETRY_TYPES: dict[str | None, tuple[str, ...]] = {
    "필지": ("Polygon", "MultiPolygon"),
    "경계": ("Polygon", "MultiPolygon"),
    "도로": ("LineString", "MultiLineString"),
}
# Coordinate reference systems that mean WGS84 longitude/latitude (the only one GeoJSON allows, RFC 7946).
_WGS84_NAMES = ("crs84", "4326")
# A stated area this far (relative) from the area of the drawn polygon is worth a second look.
AREA_TOLERANCE = 0.2
_EARTH_RADIUS_M = 6_371_008.8
_MAX_PROBLEMS_PER_FEATURE = 5

_ALIASES: dict[str, list[str]] = {
    column.name: list(dict.fromkeys(normalise_header(a) for a in (column.label, *column.aliases)))
    for column in PARCELS.columns
    if column.kind is not Kind.GEOMETRY
}


def is_geojson(data: bytes, filename: str = "") -> bool:
    """True for a .geojson/.json file name, or content that opens like a GeoJSON object."""
    if PurePath(filename).suffix.lower() in GEOJSON_SUFFIXES:
        return True
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b'"type"' in head and (b"Feature" in head or b"features" in head)


def load_geojson(data: bytes, filename: str = "") -> LoadResult:
    """Read a GeoJSON FeatureCollection of parcels, the outline and roads. Never raises for bad input."""
    result = LoadResult(filename, PARCELS.name)
    document = _parse(data, result)
    if document is None:
        return result
    features = _features(document, result)
    if features is None:
        return result
    if not _crs_is_wgs84(document, result):
        return result
    if _looks_projected(features):
        result.errors.append(
            Problem(
                "좌표가 경위도(WGS84)가 아닌 것 같습니다 (값이 수십만 단위의 미터 좌표입니다). "
                "QGIS 등에서 좌표계를 EPSG:4326(WGS84)으로 바꿔 GeoJSON으로 다시 내보내 주세요."
            )
        )
        return result

    rows: list[dict[str, Any]] = []
    for position, feature in enumerate(features, start=1):
        row, problems = _read_feature(position, feature, result)
        result.errors.extend(problems)
        rows.append(row)
    personal = personal_data_in_records(
        result.written, frozenset(k for c in PARCELS.columns if c.personal for k in (c.label, *c.aliases))
    )
    if personal:  # refused, and none of its properties kept even as written
        result.errors = sorted([*personal, *result.errors], key=lambda p: (p.row or 0, p.column or ""))
        result.written = {}
        return result
    result.errors.extend(_duplicates(rows))
    if result.errors:
        return result
    result.warnings.extend(_area_warnings(rows))
    result.frame = _frame(rows)
    return result


# ---------------------------------------------------------------------------- reading the document


def _parse(data: bytes, result: LoadResult) -> Any:  # the JSON document (None when unreadable)
    if not data.strip():
        result.errors.append(Problem("빈 파일입니다."))
        return None
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        result.errors.append(
            Problem(
                "GeoJSON 파일이 아닙니다: 엑셀 파일입니다. 필지 경계는 지도 프로그램(QGIS 등)에서 GeoJSON(.geojson)으로 "
                "내보내 올려 주세요."
            )
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp949")
        except UnicodeDecodeError:
            result.errors.append(
                Problem("GeoJSON 파일이 아닙니다: 글자로 읽을 수 없는 파일입니다. GeoJSON은 UTF-8로 저장해 주세요.")
            )
            return None
        result.warnings.append(Problem("파일이 UTF-8이 아니어서 CP949(한글 윈도우)로 읽었습니다."))
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        result.errors.append(
            Problem(
                f"GeoJSON 파일이 아닙니다: JSON으로 읽을 수 없습니다 ({error.lineno}번째 줄 {error.colno}번째 글자 근처). "
                "지도 프로그램(QGIS 등)에서 GeoJSON으로 내보낸 파일을 올려 주세요."
            )
        )
        return None


def _features(document: Any, result: LoadResult) -> list[object] | None:
    kind = document.get("type") if isinstance(document, dict) else None
    if kind == "FeatureCollection" and isinstance(document.get("features"), list):
        features = document["features"]
    elif kind == "Feature":
        features = [document]
    elif kind in ("Polygon", "MultiPolygon", "LineString", "MultiLineString", "Point", "GeometryCollection"):
        result.errors.append(
            Problem(
                "도형만 있고 속성(구분·이름·상태)이 없습니다. 도형마다 속성을 가진 FeatureCollection으로 내보내 주세요."
            )
        )
        return None
    else:
        result.errors.append(
            Problem('GeoJSON 파일이 아닙니다: 맨 바깥에 "type": "FeatureCollection"과 "features" 목록이 있어야 합니다.')
        )
        return None
    if not features:
        result.errors.append(Problem("도형(feature)이 하나도 없습니다."))
        return None
    return features


def _crs_is_wgs84(document: dict, result: LoadResult) -> bool:
    crs = document.get("crs")
    if crs is None:
        return True
    name = (
        crs.get("properties", {}).get("name")
        if isinstance(crs, dict) and isinstance(crs.get("properties"), dict)
        else None
    )
    if isinstance(name, str) and any(marker in name.lower().replace(":", "") for marker in _WGS84_NAMES):
        return True
    shown = name if isinstance(name, str) else json.dumps(crs, ensure_ascii=False)[:80]
    result.errors.append(
        Problem(
            f"좌표계가 WGS84 경위도가 아닙니다 ({shown}). QGIS 등에서 EPSG:4326(WGS84)으로 바꿔 다시 내보내 주세요."
        )
    )
    return False


def _positions(coordinates: object):
    """Every [x, y, …] position nested in a GeoJSON coordinates array."""
    if isinstance(coordinates, list):
        if coordinates and all(_is_number(c) for c in coordinates):
            yield coordinates
        else:
            for item in coordinates:
                yield from _positions(item)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _looks_projected(features: list[object]) -> bool:
    """All coordinates far beyond ±180/±90: metres of a projected system (e.g. Korea TM, EPSG:5186)."""
    seen = False
    for feature in features:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
        for position in _positions(coordinates):
            if len(position) < 2:
                continue
            seen = True
            if abs(position[0]) <= 180 and abs(position[1]) <= 90:
                return False
    return seen


# ---------------------------------------------------------------------------- one feature


def _where(position: int, name: object) -> str:
    return f"{position}번째 도형('{name}')" if isinstance(name, str) and name else f"{position}번째 도형"


def _property(properties: dict[str, Any], column: str) -> tuple[str | None, object]:
    """(key as written, value) of the first non-blank property read as `column`; (None, None) if none."""
    by_alias: dict[str, tuple[str, object]] = {}
    for key, value in properties.items():
        by_alias.setdefault(normalise_header(key), (key, value))
    for alias in _ALIASES[column]:
        found = by_alias.get(alias)
        if found is not None and not is_blank(found[1]):
            return found
    return None, None


def _read_feature(position: int, feature: Any, result: LoadResult) -> tuple[dict[str, Any], list[Problem]]:
    row: dict[str, Any] = {c.name: None for c in PARCELS.columns}
    row["source_row"] = position
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return row, [Problem(f'{position}번째 항목이 GeoJSON Feature가 아닙니다 ("type": "Feature"가 필요합니다).')]
    properties: dict[str, Any] = feature["properties"] if isinstance(feature.get("properties"), dict) else {}
    geometry: Any = feature.get("geometry")
    result.written[position] = {
        str(k): display(v) if not isinstance(v, (dict, list)) else json.dumps(v, ensure_ascii=False)
        for k, v in properties.items()
    }
    if isinstance(geometry, dict):
        result.written[position]["geometry"] = str(geometry.get("type", ""))

    problems: list[Problem] = []
    for column in PARCELS.columns:
        if column.kind is Kind.GEOMETRY:
            continue
        key, value = _property(properties, column.name)
        if key is None:
            continue
        try:
            row[column.name] = to_number(value) if column.kind is Kind.NUMBER else to_text(value)
        except CellError as error:
            problems.append(Problem(f"{_where(position, row['name'])}: {error}", column=key))
    where = _where(position, row["name"])

    if row["name"] is None:
        labels = "·".join(PARCELS.column("name").aliases[:3])
        problems.append(Problem(f"{where}: 이름이 없습니다 (속성 {labels} 중 하나가 필요합니다)."))
    kind = row["kind"]
    if kind is None:
        problems.append(Problem(f"{where}: 구분이 없습니다 (속성 '구분': {', '.join(PARCEL_KINDS)} 중 하나)."))
    elif kind not in PARCEL_KINDS:
        problems.append(
            Problem(f"{where}: 구분은 {', '.join(PARCEL_KINDS)} 중 하나여야 합니다 (값: {kind}).", column="구분")
        )
    status = row["status"]
    if status is None and kind == "필지":
        problems.append(Problem(f"{where}: 필지의 상태가 없습니다 (속성 '상태': {', '.join(SITE_STATUSES)} 중 하나)."))
    elif status is not None and status not in SITE_STATUSES:
        problems.append(
            Problem(f"{where}: 상태는 {', '.join(SITE_STATUSES)} 중 하나여야 합니다 (값: {status}).", column="상태")
        )
    if row["area_m2"] is not None and row["area_m2"] < 0:
        problems.append(Problem(f"{where}: 면적은 음수일 수 없습니다 (값: {display(row['area_m2'])}).", column="면적"))

    geometry_problems = _check_geometry(where, geometry, kind if kind in PARCEL_KINDS else None)
    problems.extend(geometry_problems)
    if not geometry_problems:
        row["geometry"] = json.dumps(
            {"type": geometry["type"], "coordinates": geometry["coordinates"]},
            ensure_ascii=False,
            separators=(",", ":"),
        )
    return row, problems[:_MAX_PROBLEMS_PER_FEATURE] + _more(problems, where)


def _more(problems: list[Problem], where: str) -> list[Problem]:
    extra = len(problems) - _MAX_PROBLEMS_PER_FEATURE
    return [Problem(f"{where}: 이 밖에도 문제 {extra}건이 더 있습니다.")] if extra > 0 else []


# ---------------------------------------------------------------------------- geometry


def _check_geometry(where: str, geometry: object, kind: str | None) -> list[Problem]:
    if not isinstance(geometry, dict) or "type" not in geometry:
        return [Problem(f"{where}: 도형(geometry)이 없습니다.")]
    gtype = geometry.get("type")
    allowed = GEOMETRY_TYPES.get(kind, ("Polygon", "MultiPolygon", "LineString", "MultiLineString"))
    if gtype not in allowed:
        shown = "면(Polygon)" if "Polygon" in allowed else "선(LineString)"
        what = f"{kind}은(는) " if kind else ""
        return [Problem(f"{where}: {what}{shown} 도형이어야 합니다 (이 도형: {gtype}).")]
    coordinates: Any = geometry.get("coordinates")
    shape = _shape_problem(gtype, coordinates)
    if shape:
        return [Problem(f"{where}: {shape}")]
    problems = _range_problems(where, coordinates)
    if gtype in ("Polygon", "MultiPolygon"):
        polygons = coordinates if gtype == "MultiPolygon" else [coordinates]
        for p, polygon in enumerate(polygons, start=1):
            for r, ring in enumerate(polygon, start=1):
                label = _ring_label(gtype, p, r)
                if len(ring) < 4:
                    problems.append(
                        Problem(
                            f"{where}: {label}의 꼭짓점이 부족합니다 (처음과 끝을 같게 하여 4개 이상 필요, 지금 {len(ring)}개)."
                        )
                    )
                elif list(ring[0][:2]) != list(ring[-1][:2]):
                    problems.append(
                        Problem(
                            f"{where}: {label}이(가) 닫혀 있지 않습니다 — 첫 꼭짓점 {_point(ring[0])}과 마지막 꼭짓점 "
                            f"{_point(ring[-1])}이 같아야 합니다."
                        )
                    )
    return problems


def _shape_problem(gtype: str, coordinates: Any) -> str | None:  # coordinates: a JSON value
    """Why `coordinates` do not have the nesting `gtype` needs (None when they do)."""
    depth = {"LineString": 2, "MultiLineString": 3, "Polygon": 3, "MultiPolygon": 4}[gtype]

    def valid(value: object, level: int) -> bool:
        if not isinstance(value, list):
            return False
        if level == 1:
            return len(value) >= 2 and all(_is_number(c) for c in value)
        return len(value) > 0 and all(valid(v, level - 1) for v in value)

    if not valid(coordinates, depth):
        return f"좌표(coordinates)가 {gtype} 형식이 아니거나 숫자가 아닌 값이 있습니다."
    lines = [coordinates] if gtype == "LineString" else coordinates if gtype == "MultiLineString" else []
    if any(len(line) < 2 for line in lines):
        return "선(LineString)에는 꼭짓점이 2개 이상 있어야 합니다."
    return None


def _ring_label(gtype: str, polygon: int, ring: int) -> str:
    part = f"{polygon}번째 면의 " if gtype == "MultiPolygon" else ""
    return f"{part}{'바깥 경계' if ring == 1 else f'{ring - 1}번째 구멍'}"


def _point(position: Sequence[float]) -> str:
    return f"[{display(position[0])}, {display(position[1])}]"


def _range_problems(where: str, coordinates: object) -> list[Problem]:
    outside = list(
        dict.fromkeys(  # distinct vertices: a ring repeats its first one at the end
            (p[0], p[1])
            for p in _positions(coordinates)
            if not (KOREA_LON[0] <= p[0] <= KOREA_LON[1] and KOREA_LAT[0] <= p[1] <= KOREA_LAT[1])
        )
    )
    if not outside:
        return []
    first = outside[0]
    swapped = KOREA_LAT[0] <= first[0] <= KOREA_LAT[1] and KOREA_LON[0] <= first[1] <= KOREA_LON[1]
    hint = (
        " 경도와 위도가 바뀐 것 같습니다: GeoJSON은 [경도, 위도] 순서로 씁니다."
        if swapped
        else f" 경도는 {KOREA_LON[0]:g}~{KOREA_LON[1]:g}, 위도는 {KOREA_LAT[0]:g}~{KOREA_LAT[1]:g} 사이여야 합니다."
    )
    return [Problem(f"{where}: 좌표가 대한민국 범위 밖입니다 — {_point(first)} 등 {len(outside)}개 꼭짓점.{hint}")]


def polygon_area_m2(geometry: dict) -> float:
    """Area of a (Multi)Polygon in m², holes subtracted: each ring projected onto a local equirectangular
    plane around its own latitude. Within 0.1% of the geodesic area for a district-sized polygon."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    total = 0.0
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            area = _ring_area_m2(ring)
            total += area if index == 0 else -area
    return total


def _ring_area_m2(ring: list[list[float]]) -> float:
    lat0 = math.radians(sum(p[1] for p in ring) / len(ring))
    xs = [math.radians(p[0]) * _EARTH_RADIUS_M * math.cos(lat0) for p in ring]
    ys = [math.radians(p[1]) * _EARTH_RADIUS_M for p in ring]
    doubled = sum(xs[i] * ys[i + 1] - xs[i + 1] * ys[i] for i in range(len(ring) - 1))
    return abs(doubled) / 2


# ---------------------------------------------------------------------------- whole-file checks


def _duplicates(rows: list[dict[str, Any]]) -> list[Problem]:
    seen: dict[tuple[object, object], list[int]] = {}
    for row in rows:
        if row["kind"] is not None and row["name"] is not None:
            seen.setdefault((row["kind"], row["name"]), []).append(int(row["source_row"]))
    problems = []
    for (kind, name), positions in seen.items():
        if len(positions) > 1:
            where = ", ".join(f"{p}번째" for p in positions)
            problems.append(
                Problem(
                    f"같은 구분·이름({kind}, {name})의 도형이 여러 개입니다: {where} 도형. 이름을 서로 다르게 해 주세요."
                )
            )
    return problems


def _area_warnings(rows: list[dict[str, Any]]) -> list[Problem]:
    warnings = []
    for row in rows:
        if row["area_m2"] is None or row["geometry"] is None:
            continue
        geometry = json.loads(row["geometry"])
        if geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        drawn = polygon_area_m2(geometry)
        stated = float(row["area_m2"])
        if drawn > 0 and abs(stated - drawn) > AREA_TOLERANCE * drawn:
            warnings.append(
                Problem(
                    f"{_where(int(row['source_row']), row['name'])}: 적힌 면적({stated:,.0f}㎡)이 도형으로 계산한 면적"
                    f"(약 {drawn:,.0f}㎡)과 {AREA_TOLERANCE:.0%} 넘게 다릅니다. 단위(㎡·평·ha)를 확인해 주세요. (적힌 값 사용)"
                )
            )
    return warnings


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns: dict[str, Any] = {}
    for column in PARCELS.columns:
        values = [row[column.name] for row in rows]
        if column.kind is Kind.NUMBER:
            columns[column.name] = pd.array(values, dtype="Float64")
        else:
            columns[column.name] = pd.Series(values, dtype="str").array
    columns["source_row"] = pd.array([int(row["source_row"]) for row in rows], dtype="int64")
    return pd.DataFrame(columns)
