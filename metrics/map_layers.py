"""What the district map draws, as plain data: parcels, outline and roads from the `parcels` dataset, facilities
from `sites`, and companies placed on their sites with their latest headcount and growth stage.

Definitions (the map page and its tests rely on them):

- A company's headcount is the `headcount` of its row in its latest month in `jobs` (usually the dataset's
  latest month; `headcount_month` says which). Its stage, sector and valuation come from its row with the
  latest `as_of` in `companies`; the sector falls back to its latest `jobs` row.
- Company names match after Unicode NFKC normalisation, trimming and collapsing spaces.
- A company is placed on a `sites` row of kind 기업 whose name is the company name, or the company name
  followed by a space and more words ("빛고을모빌리티 R&D센터" → 빛고을모빌리티). When several companies fit, the
  longest name wins; a company with several such sites is placed on the first (in file order). Companies
  with no such site are "unplaced": the page lists them beside the map.
- The map frames the bounds of everything drawn: the outline, parcels, roads and sites.

Every row keeps the `source_row` of the rows it comes from. Pure functions: no Streamlit, no clock.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import pandas as pd

COMPANY_SITE_KIND = "기업"
BUILDING_FREE_KINDS = ("부지",)  # sites that are land, not a building (never extruded in 3D)
_SPACES = re.compile(r"\s+")


def name_key(name: object) -> str:
    """A name as joins compare it: NFKC, trimmed, single spaces."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", str(name))).strip()


# ---------------------------------------------------------------------------- geometry helpers


@dataclass(frozen=True)
class Bounds:
    west: float
    south: float
    east: float
    north: float

    @property
    def center(self) -> tuple[float, float]:
        """(longitude, latitude) of the middle."""
        return (self.west + self.east) / 2, (self.south + self.north) / 2

    def union(self, other: Bounds | None) -> Bounds:
        if other is None:
            return self
        return Bounds(
            min(self.west, other.west),
            min(self.south, other.south),
            max(self.east, other.east),
            max(self.north, other.north),
        )


def bounds_of(points: list[tuple[float, float]]) -> Bounds | None:
    if not points:
        return None
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return Bounds(min(lons), min(lats), max(lons), max(lats))


def positions(coordinates: Any) -> list[tuple[float, float]]:  # coordinates: a JSON value
    """Every (lon, lat) in a GeoJSON coordinates array."""
    if isinstance(coordinates, list) and coordinates and isinstance(coordinates[0], (int, float)):
        return [(float(coordinates[0]), float(coordinates[1]))]
    found: list[tuple[float, float]] = []
    for item in coordinates or []:
        found.extend(positions(item))
    return found


def polygons(geometry: dict) -> list[list[list[list[float]]]]:
    """The polygons of a (Multi)Polygon, each as [outer ring, holes…] of [lon, lat] positions."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def paths(geometry: dict) -> list[list[list[float]]]:
    """The lines of a (Multi)LineString, or the rings of a (Multi)Polygon drawn as lines."""
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiLineString":
        return list(geometry["coordinates"])
    return [ring for polygon in polygons(geometry) for ring in polygon]


def ring_centroid(ring: list[list[float]]) -> tuple[float, float]:
    """Area-weighted centroid of a closed ring (the vertex mean for a degenerate one)."""
    doubled = cx = cy = 0.0
    for (x0, y0, *_), (x1, y1, *_) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        doubled += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(doubled) < 1e-18:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return cx / (3 * doubled), cy / (3 * doubled)


def contains(ring: list[list[float]], lon: float, lat: float) -> bool:
    """Whether (lon, lat) lies inside the ring (even–odd rule)."""
    inside = False
    for (x0, y0, *_), (x1, y1, *_) in itertools.pairwise(ring):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def path_point(path: list[list[float]], share: float = 0.5) -> tuple[float, float, float]:
    """(lon, lat, angle°) at `share` of a line's length (0.5: halfway), the angle of the segment there as text
    reads it (counter-clockwise from east, kept within −90°…90° so a label is never upside down)."""
    lat0 = math.radians(sum(p[1] for p in path) / len(path))
    scale = math.cos(lat0)
    lengths = [math.hypot((b[0] - a[0]) * scale, b[1] - a[1]) for a, b in itertools.pairwise(path)]
    half = sum(lengths) * share
    for (a, b), length in zip(itertools.pairwise(path), lengths, strict=True):
        if half <= length and length > 0:
            f = half / length
            angle = math.degrees(math.atan2(b[1] - a[1], (b[0] - a[0]) * scale))
            if angle > 90:
                angle -= 180
            elif angle <= -90:
                angle += 180
            return a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, angle
        half -= length
    return path[-1][0], path[-1][1], 0.0


def fit_view(
    bounds: Bounds, width_px: int, height_px: int, padding: float = 0.1, max_zoom: float = 17.0
) -> dict[str, float]:
    """latitude, longitude and zoom of a Web-Mercator view (deck.gl: 512-px world at zoom 0) showing
    `bounds` inside a map of `width_px` × `height_px`, with `padding` (share of each side) to spare."""
    lon, _ = bounds.center

    def mercator_y(latitude: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))

    span_x = max(bounds.east - bounds.west, 1e-6) / 360
    span_y = max(mercator_y(bounds.north) - mercator_y(bounds.south), 1e-8) / (2 * math.pi)
    usable = 1 - 2 * padding
    zoom = min(math.log2(width_px * usable / (512 * span_x)), math.log2(height_px * usable / (512 * span_y)))
    centre_lat = math.degrees(
        2 * math.atan(math.exp((mercator_y(bounds.north) + mercator_y(bounds.south)) / 2)) - math.pi / 2
    )
    return {"latitude": centre_lat, "longitude": lon, "zoom": round(min(zoom, max_zoom), 2)}


# ---------------------------------------------------------------------------- parcels


def parcel_shapes(parcels: pd.DataFrame | None) -> pd.DataFrame:
    """The parcels frame with `geometry` decoded to a dict (rows without a usable geometry dropped)."""
    columns = ["name", "kind", "status", "use", "area_m2", "facility", "geometry", "source_row"]
    if parcels is None or parcels.empty:
        return pd.DataFrame(columns=columns)
    out = parcels.copy()
    for column in columns:
        if column not in out.columns:
            out[column] = None
    decoded = []
    for text in out["geometry"]:
        try:
            geometry = json.loads(text) if isinstance(text, str) else None
        except ValueError:
            geometry = None
        decoded.append(geometry if isinstance(geometry, dict) and "coordinates" in geometry else None)
    out["geometry"] = decoded  # type: ignore[assignment]  # pandas-stubs: a list of dicts is a valid column
    return out[out["geometry"].notna()][columns].reset_index(drop=True)


# ---------------------------------------------------------------------------- companies


def latest_headcount(jobs: pd.DataFrame | None) -> pd.DataFrame:
    """One row per company: `key`, `company`, `sector`, `headcount` and `headcount_month` from its
    latest month in `jobs`, and that row's `jobs_row` (source_row)."""
    columns = ["key", "company", "sector", "headcount", "headcount_month", "jobs_row"]
    if jobs is None or jobs.empty:
        return pd.DataFrame(columns=columns)
    rows = jobs.assign(key=jobs["company"].map(name_key))
    latest = rows.sort_values(["month", "source_row"]).groupby("key", sort=False).tail(1)
    return (
        pd.DataFrame(
            {
                "key": latest["key"],
                "company": latest["company"],
                "sector": latest["sector"],
                "headcount": latest["headcount"].astype("Int64"),
                "headcount_month": latest["month"],
                "jobs_row": latest["source_row"].astype("int64"),
            }
        )[columns]
        .sort_values("key")
        .reset_index(drop=True)
    )


def latest_stage(companies: pd.DataFrame | None) -> pd.DataFrame:
    """One row per company: `key`, `company`, `sector`, `stage`, `valuation_krw`, `stage_as_of` from its row
    with the latest `as_of` in `companies`, and that row's `companies_row` (source_row)."""
    columns = ["key", "company", "sector", "stage", "valuation_krw", "stage_as_of", "companies_row"]
    if companies is None or companies.empty:
        return pd.DataFrame(columns=columns)
    rows = companies.assign(key=companies["company"].map(name_key))
    latest = rows.sort_values(["as_of", "source_row"]).groupby("key", sort=False).tail(1)
    return (
        pd.DataFrame(
            {
                "key": latest["key"],
                "company": latest["company"],
                "sector": latest["sector"],
                "stage": latest["stage"] if "stage" in latest.columns else None,
                "valuation_krw": latest["valuation_krw"].astype("Int64"),
                "stage_as_of": latest["as_of"],
                "companies_row": latest["source_row"].astype("int64"),
            }
        )[columns]
        .sort_values("key")
        .reset_index(drop=True)
    )


def company_profiles(jobs: pd.DataFrame | None, companies: pd.DataFrame | None) -> pd.DataFrame:
    """Every company named in `jobs` or `companies`, one row each (sorted by name): `company`, `sector`,
    `headcount`, `headcount_month`, `stage`, `valuation_krw`, `stage_as_of`, `jobs_row`, `companies_row`."""
    heads = latest_headcount(jobs)
    stages = latest_stage(companies)
    merged = heads.merge(stages, on="key", how="outer", suffixes=("_jobs", "_companies"))
    company = merged["company_companies"].where(merged["company_companies"].notna(), merged["company_jobs"])
    sector = merged["sector_companies"].where(merged["sector_companies"].notna(), merged["sector_jobs"])
    out = pd.DataFrame(
        {
            "key": merged["key"],
            "company": company,
            "sector": sector,
            "headcount": merged["headcount"].astype("Int64"),
            "headcount_month": merged["headcount_month"],
            "stage": merged["stage"],
            "valuation_krw": merged["valuation_krw"].astype("Int64"),
            "stage_as_of": merged["stage_as_of"],
            "jobs_row": merged["jobs_row"].astype("Int64"),
            "companies_row": merged["companies_row"].astype("Int64"),
        }
    )
    return out.sort_values("key").reset_index(drop=True)


def company_site(site_name: object, company_keys: list[str]) -> str | None:
    """The company (key) a 기업 site belongs to by name: equal, or the company name then a space; longest wins."""
    site = name_key(site_name)
    fits = [k for k in company_keys if k and (site == k or site.startswith(k + " "))]
    return max(fits, key=len) if fits else None


def place_companies(sites: pd.DataFrame | None, profiles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(placed, unplaced). `placed`: profiles joined to their site — adds `site`, `site_status`, `lat`, `lon`,
    `site_area_m2`, `site_completion`, `site_row`; `unplaced`: the other profiles. Both sorted by name."""
    site_columns = ["site", "site_status", "lat", "lon", "site_area_m2", "site_completion", "site_row"]
    keys = list(profiles["key"])
    chosen: dict[str, dict[str, object]] = {}
    if sites is not None and not sites.empty:
        candidates = sites[sites["kind"] == COMPANY_SITE_KIND].sort_values("source_row")
        for _, site in candidates.iterrows():
            key = company_site(site["name"], keys)
            if key is None or key in chosen:
                continue
            chosen[key] = {
                "site": site["name"],
                "site_status": site["status"],
                "lat": float(site["lat"]),
                "lon": float(site["lon"]),
                "site_area_m2": site.get("area_m2"),
                "site_completion": site.get("completion"),
                "site_row": int(site["source_row"]),
            }
    placed_mask = profiles["key"].isin(chosen)
    placed = profiles[placed_mask].copy()
    for column in site_columns:
        placed[column] = [chosen[k][column] for k in placed["key"]]  # type: ignore[assignment]  # pandas-stubs: see above
    if not placed.empty:
        placed["site_row"] = placed["site_row"].astype("int64")
    else:
        placed = placed.reindex(columns=list(profiles.columns) + site_columns)
    unplaced = profiles[~placed_mask].copy()
    return placed.reset_index(drop=True), unplaced.reset_index(drop=True)


def placed_site_rows(placed: pd.DataFrame) -> set[int]:
    """source_row of the sites that stand for a placed company (drawn as that company, not as a facility)."""
    return {int(r) for r in placed["site_row"].dropna()} if "site_row" in placed.columns else set()


# ---------------------------------------------------------------------------- the whole map


@dataclass
class MapData:
    """Everything the map draws, before colours and words."""

    parcels: pd.DataFrame  # kind 필지 (geometry decoded)
    outline: pd.DataFrame  # kind 경계
    roads: pd.DataFrame  # kind 도로
    sites: pd.DataFrame  # every site (facility markers)
    placed: pd.DataFrame  # companies on a site
    unplaced: pd.DataFrame  # companies without a site
    bounds: Bounds | None

    @property
    def has_parcels(self) -> bool:
        return not (self.parcels.empty and self.outline.empty and self.roads.empty)

    @property
    def has_sites(self) -> bool:
        return not self.sites.empty


def map_data(
    parcels: pd.DataFrame | None,
    sites: pd.DataFrame | None,
    jobs: pd.DataFrame | None,
    companies: pd.DataFrame | None,
) -> MapData:
    """Split, join and bound the four datasets (any may be None or empty)."""
    shapes = parcel_shapes(parcels)
    site_rows = (
        sites.reset_index(drop=True)
        if sites is not None
        else pd.DataFrame(columns=["name", "kind", "status", "lat", "lon", "area_m2", "completion", "source_row"])
    )
    site_rows = site_rows[site_rows["lat"].notna() & site_rows["lon"].notna()].reset_index(drop=True)
    placed, unplaced = place_companies(site_rows, company_profiles(jobs, companies))
    points = [p for g in shapes["geometry"] for p in positions(g["coordinates"])]
    points += [(float(lon), float(lat)) for lon, lat in zip(site_rows["lon"], site_rows["lat"], strict=True)]
    return MapData(
        parcels=shapes[shapes["kind"] == "필지"].reset_index(drop=True),
        outline=shapes[shapes["kind"] == "경계"].reset_index(drop=True),
        roads=shapes[shapes["kind"] == "도로"].reset_index(drop=True),
        sites=site_rows,
        placed=placed,
        unplaced=unplaced,
        bounds=bounds_of(points),
    )
