"""What the district map draws, as plain data: parcels, outline and roads from the `parcels` dataset, facilities
from `sites`, and companies placed on their sites with their latest headcount and growth stage.

Definitions (the map page and its tests rely on them):

- A company's headcount is the `headcount` of its row in its latest month in `jobs` (usually the dataset's
  latest month; `headcount_month` says which). Its stage, sector and valuation come from its row with the
  latest `as_of` in `companies`; the sector falls back to its latest `jobs` row.
- Company names match after Unicode NFKC normalisation, trimming and collapsing spaces.
- A company is placed, from its latest `companies` row, by (first that applies):
  1. its coordinates (`lat`, `lon`), when both are given;
  2. the building it occupies (`building`, 입주 시설), matched to a `sites` name by `facility_keys`: case,
     spaces, brackets (with or without what they hold) and "제1" written as "1" do not matter;
  3. its road address (`address`): the site whose name (as `facility_keys` reads it) the address contains,
     the longest such name;
  4. a `sites` row of kind 기업 whose name is the company name, or the company name followed by a space and more
     words ("빛고을모빌리티 R&D센터" → 빛고을모빌리티). When several companies fit, the longest name wins; a
     company with several such sites is placed on the first (in file order).
  Companies placed nowhere are "unplaced", each with a `reason` (unknown_building, address_road_only,
  address_unmatched, nothing_given) and `given` (what the file says): the page lists them beside the map.
- Companies at the same point (the same building) are one `place` (`place_key`): the map draws one marker per
  place, its size by the place's total headcount.
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
from typing import Any, cast

import pandas as pd

from .selections import staged

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


def road_label_points(path: list[list[float]], avoid: list[tuple[float, float]]) -> list[tuple[float, float, float]]:
    """Where a road's name may go: the points at 1/10 … 9/10 of its length, farthest from every site first (so it
    does not sit on a site's symbol or name); from the middle outwards when there are no sites."""
    candidates = [path_point(path, i / 10) for i in range(1, 10)]
    if not avoid:
        return sorted(candidates, key=lambda c: abs(candidates.index(c) - 4))
    scale = math.cos(math.radians(avoid[0][1]))

    def clearance(candidate: tuple[float, float, float]) -> float:
        return min(math.hypot((candidate[0] - x) * scale, candidate[1] - y) for x, y in avoid)

    return sorted(candidates, key=clearance, reverse=True)


def parcel_label_spots(
    parcels: pd.DataFrame, site_points: list[tuple[float, float]]
) -> list[tuple[dict[str, Any], tuple[float, float]]]:
    """Each parcel whose name a map writes, with where: its outer ring's centroid. A parcel holding a site (a point
    of `site_points`) is left out (the site's own label names it), and so is one without a polygon."""
    spots = []
    for parcel in cast("list[dict[str, Any]]", parcels.to_dict("records")):
        parts = polygons(parcel["geometry"])
        if not parts:
            continue
        outer = max((p[0] for p in parts), key=len)
        if any(contains(outer, lon, lat) for lon, lat in site_points):
            continue
        spots.append((parcel, ring_centroid(outer)))
    return spots


def road_label_spots(
    roads: pd.DataFrame, avoid: list[tuple[float, float]]
) -> list[tuple[str, list[tuple[float, float, float]]]]:
    """Each road's name with the points it may go at (road_label_points of its first line), best first."""
    return [
        (str(road["name"]), road_label_points(path, avoid))
        for road in roads.to_dict("records")
        for path in paths(road["geometry"])[:1]
    ]


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


# Where a company is, from its latest `companies` row (its own coordinates as `own_lat`, `own_lon`).
WHERE = ["building", "address", "own_lat", "own_lon"]


# A company's K-Unicorn stage beside `stage` (issue #35: `metrics.selections.staged`), for its text on the map.
STAGE_DETAIL = ["stage_basis", "selected_year", "unicorn", "estimate_floor", "estimate_ceiling"]


def latest_stage(companies: pd.DataFrame | None) -> pd.DataFrame:
    """One row per company: `key`, `company`, `sector`, `stage` (and its STAGE_DETAIL when `companies` is staged),
    `valuation_krw`, `stage_as_of` from its row with the latest `as_of` in `companies`, and that row's
    `companies_row` (source_row)."""
    columns = [
        "key",
        "company",
        "sector",
        "stage",
        *STAGE_DETAIL,
        "valuation_krw",
        "stage_as_of",
        "companies_row",
        *WHERE,
    ]
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
                **{c: latest[c] if c in latest.columns else None for c in STAGE_DETAIL},
                "valuation_krw": latest["valuation_krw"].astype("Int64"),
                "stage_as_of": latest["as_of"],
                "companies_row": latest["source_row"].astype("int64"),
                **{
                    c: latest[c.removeprefix("own_")] if c.removeprefix("own_") in latest.columns else None
                    for c in WHERE
                },
            }
        )[columns]
        .sort_values("key")
        .reset_index(drop=True)
    )


def company_profiles(jobs: pd.DataFrame | None, companies: pd.DataFrame | None) -> pd.DataFrame:
    """Every company named in `jobs` or `companies`, one row each (sorted by name): `company`, `sector`,
    `headcount`, `headcount_month`, `stage`, `valuation_krw`, `stage_as_of`, `jobs_row`, `companies_row`, and
    where it is (WHERE)."""
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
            **{c: merged[c] for c in STAGE_DETAIL},
            "valuation_krw": merged["valuation_krw"].astype("Int64"),
            "stage_as_of": merged["stage_as_of"],
            "jobs_row": merged["jobs_row"].astype("Int64"),
            "companies_row": merged["companies_row"].astype("Int64"),
            **{c: merged[c] for c in WHERE},
        }
    )
    return out.sort_values("key").reset_index(drop=True)


def _given(value: object) -> bool:
    """A cell with something in it (not None, NA, NaN or blank)."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return False
    return str(value).strip() != ""


_BRACKETED_PART = re.compile(r"[(\[（［{][^)\]）］}]*[)\]）］}]")
_BRACKET_CHARS = re.compile(r"[()\[\]（）［］{}]")
_ORDINAL = re.compile(r"제\s*(\d)")
_NOT_WORD = re.compile(r"[\s·.,\-_/]+")


def facility_keys(name: object) -> set[str]:
    """The forms a building's name is matched by: NFKC, lower case, no spaces or dots, "제1" as "1", and brackets
    either dropped with what they hold ("AI 창업동(창업캠퍼스)" → "ai창업동") or only the brackets dropped."""
    if not _given(name):
        return set()
    text = _ORDINAL.sub(r"\1", unicodedata.normalize("NFKC", str(name)).lower())
    forms = {_BRACKETED_PART.sub("", text), _BRACKET_CHARS.sub("", text)}
    return {key for key in (_NOT_WORD.sub("", form) for form in forms) if key}


def site_by_building(building: object, sites: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first site (in file order) whose name reads as `building` (any `facility_keys` form in common)."""
    wanted = facility_keys(building)
    if not wanted:
        return None
    return next((site for site in sites if wanted & facility_keys(site["name"])), None)


def site_by_address(address: object, sites: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The site whose name an address contains (spaces and brackets aside); the longest name wins."""
    if not _given(address):
        return None
    text = facility_keys(address)
    fits = [(len(key), -i, site) for i, site in enumerate(sites) for key in facility_keys(site["name"])
            if len(key) >= 3 and any(key in t for t in text)]  # fmt: skip
    return max(fits, key=lambda f: (f[0], f[1]))[2] if fits else None


def named_road(address: object, roads: list[str]) -> str | None:
    """The district road an address names (None when it names none of them)."""
    if not _given(address):
        return None
    text = _NOT_WORD.sub("", unicodedata.normalize("NFKC", str(address)))
    return next((road for road in roads if _NOT_WORD.sub("", unicodedata.normalize("NFKC", road)) in text), None)


def company_site(site_name: object, company_keys: list[str]) -> str | None:
    """The company (key) a 기업 site belongs to by name: equal, or the company name then a space; longest wins."""
    site = name_key(site_name)
    fits = [k for k in company_keys if k and (site == k or site.startswith(k + " "))]
    return max(fits, key=len) if fits else None


PLACE_COLUMNS = [
    "site", "site_kind", "site_status", "lat", "lon", "site_area_m2", "site_completion", "site_row", "placed_by",
    "place_key",
]  # fmt: skip
UNPLACED_REASONS = ("unknown_building", "address_road_only", "address_unmatched", "nothing_given")


def _at_site(site: dict[str, Any], how: str) -> dict[str, object]:
    return {
        "site": site["name"],
        "site_kind": site.get("kind"),
        "site_status": site.get("status"),
        "lat": float(site["lat"]),
        "lon": float(site["lon"]),
        "site_area_m2": site.get("area_m2"),
        "site_completion": site.get("completion"),
        "site_row": int(site["source_row"]),
        "placed_by": how,
        "place_key": f"site-{int(site['source_row'])}",
    }


def place_companies(
    sites: pd.DataFrame | None, profiles: pd.DataFrame, roads: list[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(placed, unplaced), both sorted by name. `placed`: profiles with PLACE_COLUMNS (`site_row` and the site's
    fields empty for a company placed by its own coordinates); `unplaced`: the others with `reason` and `given`."""
    site_list = cast(
        list[dict[str, Any]],
        sites.sort_values("source_row").to_dict("records") if sites is not None and not sites.empty else [],
    )
    company_sites = [s for s in site_list if s.get("kind") == COMPANY_SITE_KIND]
    keys = list(profiles["key"])
    by_name: dict[str, dict[str, Any]] = {}
    for site in company_sites:
        key = company_site(site["name"], keys)
        if key is not None and key not in by_name:
            by_name[key] = site
    chosen: dict[str, dict[str, object]] = {}
    why: dict[str, tuple[str, str]] = {}
    for profile in profiles.to_dict("records"):
        key = str(profile["key"])
        building, address = profile.get("building"), profile.get("address")
        lat, lon = profile.get("own_lat"), profile.get("own_lon")
        if _given(lat) and _given(lon):
            chosen[key] = {
                **dict.fromkeys(PLACE_COLUMNS),
                "lat": float(lat),  # type: ignore[arg-type]
                "lon": float(lon),  # type: ignore[arg-type]
                "placed_by": "coordinates",
                "place_key": f"point-{float(lat):.6f},{float(lon):.6f}",  # type: ignore[arg-type]
            }
            continue
        in_building = site_by_building(building, site_list) if _given(building) else None
        if in_building is not None:
            chosen[key] = _at_site(in_building, "building")
            continue
        at_address = site_by_address(address, site_list) if _given(address) else None
        if at_address is not None:
            chosen[key] = _at_site(at_address, "address")
            continue
        if key in by_name:
            chosen[key] = _at_site(by_name[key], "site_name")
            continue
        if _given(building):
            why[key] = ("unknown_building", str(building))
        elif _given(address):
            road = named_road(address, roads or [])
            why[key] = ("address_road_only" if road else "address_unmatched", str(address))
        else:
            why[key] = ("nothing_given", "")
    placed_mask = profiles["key"].isin(chosen)
    placed = profiles[placed_mask].copy()
    for column in PLACE_COLUMNS:
        placed[column] = [chosen[k][column] for k in placed["key"]]  # type: ignore[assignment]  # pandas-stubs: see above
    if not placed.empty:
        placed["site_row"] = placed["site_row"].astype("Int64")
    else:
        placed = placed.reindex(columns=list(dict.fromkeys([*profiles.columns, *PLACE_COLUMNS])))
    unplaced = profiles[~placed_mask].copy()
    unplaced["reason"] = [why[k][0] for k in unplaced["key"]]
    unplaced["given"] = [why[k][1] for k in unplaced["key"]]
    return placed.reset_index(drop=True), unplaced.reset_index(drop=True)


def places(placed: pd.DataFrame) -> list[dict[str, Any]]:
    """One entry per point companies sit at: `place_key`, `lat`, `lon`, `site`, `site_row`, `headcount` (the sum;
    None when no company there has one) and `companies` (their rows, largest headcount first, then by name)."""
    found: dict[str, dict[str, Any]] = {}
    for company in placed.to_dict("records"):
        entry = found.setdefault(
            company["place_key"],
            {
                "place_key": company["place_key"],
                "lat": float(company["lat"]),
                "lon": float(company["lon"]),
                "site": company.get("site"),
                "site_row": company.get("site_row"),
                "headcount": None,
                "companies": [],
            },
        )
        entry["companies"].append(company)
        head = company.get("headcount")
        if head is not None and not pd.isna(head):
            entry["headcount"] = (entry["headcount"] or 0) + int(head)
    for entry in found.values():
        entry["companies"].sort(
            key=lambda c: (-(int(c["headcount"]) if not pd.isna(c.get("headcount")) else -1), str(c["key"]))
        )
    return list(found.values())


def placed_site_rows(placed: pd.DataFrame) -> set[int]:
    """source_row of the 기업 sites that stand for a placed company (drawn as that company, not as a facility)."""
    if "site_row" not in placed.columns or placed.empty:
        return set()
    own = placed[placed["site_kind"] == COMPANY_SITE_KIND]
    return {int(r) for r in own["site_row"].dropna()}


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


def with_agreement_stages(profiles: pd.DataFrame, agreements: pd.DataFrame | None) -> pd.DataFrame:
    """`profiles` with `agreement_stage`: the stage of the company's furthest investment agreement at the latest
    기준일 (None without one), the company matched by its company key (metrics/company_key.py)."""
    from program import load_program

    from .agreements import snapshot, stage_of_companies
    from .company_key import company_keys

    if agreements is None or agreements.empty:
        return profiles.assign(agreement_stage=pd.Series([None] * len(profiles), index=profiles.index, dtype=object))
    keys = company_keys(agreements, aliases=load_program().company_aliases)
    stages = stage_of_companies(snapshot(agreements), keys)
    found = [stages.get(keys.key(name)) for name in profiles["company"]]
    return profiles.assign(agreement_stage=pd.Series(found, index=profiles.index, dtype=object))


def map_data(
    parcels: pd.DataFrame | None,
    sites: pd.DataFrame | None,
    jobs: pd.DataFrame | None,
    companies: pd.DataFrame | None,
    agreements: pd.DataFrame | None = None,
    selections: pd.DataFrame | None = None,
) -> MapData:
    """Split, join and bound the datasets (any may be None or empty); `agreements` gives each company its
    investment agreement's stage (`agreement_stage`); a company's K-Unicorn stage is its highest selection in
    `selections` (`metrics.selections.staged`)."""
    if companies is not None and not companies.empty:
        companies = staged(companies, selections)
    shapes = parcel_shapes(parcels)
    site_rows = (
        sites.reset_index(drop=True)
        if sites is not None
        else pd.DataFrame(columns=["name", "kind", "status", "lat", "lon", "area_m2", "completion", "source_row"])
    )
    site_rows = site_rows[site_rows["lat"].notna() & site_rows["lon"].notna()].reset_index(drop=True)
    roads = [str(n) for n in shapes.loc[shapes["kind"] == "도로", "name"].dropna()]
    profiles = with_agreement_stages(company_profiles(jobs, companies), agreements)
    placed, unplaced = place_companies(site_rows, profiles, roads)
    points = [p for g in shapes["geometry"] for p in positions(g["coordinates"])]
    points += [(float(lon), float(lat)) for lon, lat in zip(site_rows["lon"], site_rows["lat"], strict=True)]
    points += [(float(lon), float(lat)) for lon, lat in zip(placed["lon"], placed["lat"], strict=True)]
    return MapData(
        parcels=shapes[shapes["kind"] == "필지"].reset_index(drop=True),
        outline=shapes[shapes["kind"] == "경계"].reset_index(drop=True),
        roads=shapes[shapes["kind"] == "도로"].reset_index(drop=True),
        sites=site_rows,
        placed=placed,
        unplaced=unplaced,
        bounds=bounds_of(points),
    )
