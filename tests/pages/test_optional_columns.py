"""Every file the loader accepts shows on every page (issue #16).

Generated from loaders/contract.py: for every dataset, a file with only its required columns and one with each
optional column left out in turn (so a new optional column is covered by itself), plus files whose rows are all
for one year or one month, and a single-row file. Each file is imported over the sample data and every page that
app.py routes is rendered in AppTest: no exception, no part of the page replaced by the "cannot be shown" notice,
and the page's main figures on screen.

Speed (issue #23): the app computes once per data version (ui/shared.py: results keyed by version ids), so the
variants share what they have in common. Every variant's store is a copy of one seeded store whose versions have ids
no other test module's stores have (from SEEDED_IDS), and each variant's import gets ids of its own (from a floor
per variant), so a result cached under a version id was computed from that very version: the pages of a variant
recompute what depends on its file and reuse the rest, as one app process would for two uploads.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from auth.accounts import hash_password
from loaders.contract import DATASETS, Kind
from loaders.load import load_file
from present.safe_text import markdown
from store import SAMPLE_FILES, open_store, seed_sample_data
from ui.data import _version_by_number, get_store

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60
ADMIN = "park"
ROUTED = re.findall(r'page\("(\w+)\.py"', (REPO / "app.py").read_text(encoding="utf-8"))
DATA_PAGES = ("overview", "budget", "jobs", "pipeline", "map", "changes", "briefing_deck", "history")
CANNOT_SHOW = ("보여 줄 수 없습니다", "cannot be shown")


@dataclass(frozen=True)
class Variant:
    dataset: str
    name: str
    omitted: tuple[str, ...] = ()  # canonical column names left out of the file
    rows: str = "all"  # "all", "one_period" or "single"

    @property
    def id(self) -> str:
        return f"{self.dataset}-{self.name}"


def variants() -> list[Variant]:
    out = []
    for dataset in DATASETS.values():
        optional = tuple(c.name for c in dataset.columns if not c.required)
        if optional:
            out.append(Variant(dataset.name, "required-only", optional))
            out += [Variant(dataset.name, f"without-{name}", (name,)) for name in optional]
        out.append(Variant(dataset.name, "single-row", rows="single"))
    out += [
        Variant("budget", "one-year", rows="one_period"),
        Variant("jobs", "one-month", rows="one_period"),
        Variant("companies", "one-snapshot", rows="one_period"),
    ]
    return out


# --- files written from the sample data -------------------------------------------------------------------------


def sample_frame(dataset: str) -> pd.DataFrame:
    name = SAMPLE_FILES[dataset]
    result = load_file((REPO / "data" / name).read_bytes(), name, dataset)
    assert result.ok, result.errors
    return result.frame.drop(columns="source_row")


def chosen_rows(frame: pd.DataFrame, variant: Variant) -> pd.DataFrame:
    measures = [c.name for c in DATASETS[variant.dataset].measures]
    if variant.rows == "single":
        # The row with the most in it, so the single-row file still has figures to show.
        order = (
            frame[measures[0]].astype("Float64").fillna(0).sort_values(ascending=False).index
            if measures
            else frame.index
        )
        return frame.loc[[order[0]]]
    if variant.rows == "one_period":
        period = {"budget": "year", "jobs": "month", "companies": "as_of"}[variant.dataset]
        return frame[frame[period] == frame[period].max()]
    return frame


def without_columns(frame: pd.DataFrame, variant: Variant) -> pd.DataFrame:
    """`frame` without the omitted columns; rows that then share a key are added up (a file without 월 is annual)."""
    dataset = DATASETS[variant.dataset]
    kept = frame.drop(columns=list(variant.omitted), errors="ignore")  # the sample may not have it either
    if not set(variant.omitted) & set(dataset.key):
        return kept
    measures = [c.name for c in dataset.measures if c.name in kept.columns]
    labels = [c for c in kept.columns if c not in measures]
    return kept.groupby(labels, dropna=False, sort=False, as_index=False)[measures].sum(min_count=1)


def cell(value: object, kind: Kind) -> object:
    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return None
    if kind is Kind.MONTH:
        return pd.Timestamp(value).strftime("%Y-%m")
    if kind is Kind.DATE:
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if kind in (Kind.MONEY, Kind.COUNT, Kind.YEAR, Kind.MONTH_NUMBER, Kind.PHASE):
        return int(value)
    if kind in (Kind.NUMBER, Kind.LATITUDE, Kind.LONGITUDE):
        return float(value)
    return str(value)


def written_file(variant: Variant) -> tuple[str, bytes]:
    dataset = DATASETS[variant.dataset]
    frame = without_columns(chosen_rows(sample_frame(variant.dataset), variant), variant)
    columns = [c for c in dataset.columns if c.name in frame.columns]
    if dataset.is_geographic:
        features = [
            {
                "type": "Feature",
                "geometry": json.loads(row["geometry"]),
                "properties": {c.label: cell(row[c.name], c.kind) for c in columns if c.kind is not Kind.GEOMETRY},
            }
            for _, row in frame.iterrows()
        ]
        text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
        return f"{variant.id}.geojson", text.encode("utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([f"{c.label}(원)" if c.kind is Kind.MONEY else c.label for c in columns])
    for _, row in frame.iterrows():
        sheet.append([cell(row[c.name], c.kind) for c in columns])
    out = io.BytesIO()
    book.save(out)
    return f"{variant.id}.xlsx", out.getvalue()


# --- a store per variant: the sample data, then the variant's file on top --------------------------------------------


SEEDED_IDS = 9_000_000  # the seeded versions' ids start above this, far above any other test's store's (from 1)
VARIANT_IDS = itertools.count(SEEDED_IDS + 1000, 1000)  # each import's own ids, in this worker process


def renumbered(path: Path, above: int, offset: int) -> None:
    """Add `offset` to the id of every version in the SQLite store at `path` whose id is above `above` (and to the
    rows and files that refer to it), in one transaction; foreign keys are checked at its end."""
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA defer_foreign_keys = ON")
        for table in ("dataset_rows", "source_files"):
            db.execute(f"UPDATE {table} SET version_id = version_id + ? WHERE version_id > ?", (offset, above))
        db.execute("UPDATE dataset_versions SET id = id + ? WHERE id > ?", (offset, above))
    db.close()


def largest_version_id(path: Path) -> int:
    with sqlite3.connect(path) as db:
        (largest,) = db.execute("SELECT max(id) FROM dataset_versions").fetchone()
    db.close()
    return largest


@pytest.fixture(scope="session")  # once per worker: a module fixture is made again when tests of modules interleave
def seeded_store(tmp_path_factory) -> Path:
    """The sample data seeded once, its versions' ids moved above SEEDED_IDS: every copy has the very same
    versions (ids, rows, upload times), so a result cached for one copy's versions is right for every copy's."""
    path = tmp_path_factory.mktemp("seeded") / "store.sqlite"
    store = open_store(f"sqlite:///{path}")
    seed_sample_data(store, REPO / "data")
    store.close()
    renumbered(path, 0, SEEDED_IDS)
    return path


@pytest.fixture(scope="module")
def users() -> dict:
    return {ADMIN: {"password_hash": hash_password("admin-password"), "role": "admin", "display_name": "박관리"}}


# Optional in the contract, but required of some rows: a parcel (구분 필지) needs its 상태; roads and the outline don't.
REQUIRED_OF_SOME_ROWS = {("parcels", "status"): "상태"}


def imported(
    variant_files: list[tuple[str, bytes, str]], seeded: Path, tmp_path: Path, monkeypatch, shared: bool = False
) -> None:
    """A copy of the seeded store with `variant_files` imported on top, as the app's store. `shared`: keep the
    results the app has cached for versions of the seeded store (see the module's docstring); otherwise every cache
    is emptied, as for a test that changes the configuration."""
    path = tmp_path / "store.sqlite"
    shutil.copy(seeded, path)
    seeded_ids_end = largest_version_id(path)
    url = f"sqlite:///{path}"
    store = open_store(url)
    for name, data, dataset in variant_files:
        result = load_file(data, name, dataset)
        conditional = [
            label
            for (d, column), label in REQUIRED_OF_SOME_ROWS.items()
            if (d == dataset and f"without-{column}" in name) or (d == dataset and "required-only" in name)
        ]
        if conditional:  # refused, each problem naming that column, and nothing stored
            assert not result.ok and all(any(label in str(p) for label in conditional) for p in result.errors)
            continue
        assert result.ok, [str(p) for p in result.errors]
        assert set(result.frame.columns) - {"source_row"} <= {c.name for c in DATASETS[dataset].columns}
        store.save_version(result, data, user="테스트")
    store.close()
    renumbered(path, seeded_ids_end, next(VARIANT_IDS) - seeded_ids_end)  # this import's ids: above the floor
    monkeypatch.setenv("AICD_STORE_URL", url)
    if shared:  # the store itself and the version-by-number lookup are per store; the rest is keyed by version ids
        get_store.clear()
        _version_by_number.clear()
    else:
        st.cache_data.clear()
        st.cache_resource.clear()


@pytest.fixture(autouse=True)
def nothing_cached_after_a_changed_configuration(request) -> Iterator[None]:
    """A test of this module that changes the configuration (monkeypatch) leaves no result computed with it."""
    yield
    if request.node.originalname != "test_every_data_page_shows_a_file_the_loader_accepts":
        st.cache_data.clear()
        st.cache_resource.clear()


def page_text(at: AppTest) -> str:
    parts = []
    for kind in ("markdown", "caption", "warning", "error", "info", "success", "metric", "subheader", "title"):
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "label", "")))
            parts.append(str(element.value))
    return "\n".join(parts)


def rendered(page: str, users: dict) -> AppTest:
    at = AppTest.from_file(str(REPO / "views" / f"{page}.py"), default_timeout=TIMEOUT)
    at.secrets["auth"] = {"users": users}
    at.session_state["auth_signed_in"] = ADMIN
    return at.run()


SLIDE_PARTS = ('data-testid="briefing-header"', 'class="briefing-figures"')  # a slide's title and its figures


def metric_labels(at: AppTest) -> list[str]:
    return [m.label for m in at.metric]


def labels_match(*patterns: str):
    """The page's metric tiles are exactly these, in this order (patterns, as a tile may name the year shown)."""
    return lambda at: (
        len(at.metric) == len(patterns)
        and all(re.fullmatch(pattern, label) for pattern, label in zip(patterns, metric_labels(at), strict=True))
    )


def has_table_with(*columns: str):
    return lambda at: any(set(columns) <= set(map(str, d.value.columns)) for d in at.dataframe)


MAIN_FIGURES = {  # what each data page must show whatever optional column the file left out
    "overview": labels_match(
        r"예산액\(연간\)", r"집행액\(누계\)", "집행률", r"신규 일자리\(누계\)", "재직자 수", "입주 기업",
        r"G-유니콘 \(최고 선정\)", r"아기유니콘 \(최고 선정\)", r"예비유니콘 \(최고 선정\)", r"유니콘 \(상태\)",
        "협약 기업 중 입주·가동",
    ),
    "budget": labels_match(
        r"예산액 \(연간\)", r"집행액 \(누계\)", "집행률", "진도 차이", "연말 예상 집행액", "연말 예상 집행률"
    ),
    "jobs": labels_match(
        r"\d{4}년 신규 일자리", r"재직자 수 \(\d{4}년 \d{1,2}월\)", r"\d{4}년 지역인재 채용 비율"
    ),
    "pipeline": labels_match(
        "협약 기업 중 입주·가동", r"투자 이행률 \(금액\)", r"고용 이행률 \(인원\)", r"투자한 기업 \(곳 기준 이행률\)",
        "정체 협약", "철수·해지",
        "전체 기업", "선정 이력 없음", r"G-유니콘 \(최고 선정\)", r"아기유니콘 \(최고 선정\)", r"예비유니콘 \(최고 선정\)",
        r"유니콘 \(상태\)", "상향", "하향", "신규", "제외",
    ),
    "map": lambda at: len(at.get("deck_gl_json_chart")) == 1,  # one deck per page (#26)
    "changes": has_table_with("세부사업", "예산액 · 차이 (원)", "집행액 · 차이 (원)"),
    "briefing_deck": lambda at: all(any(m in h.proto.body for h in at.get("html")) for m in SLIDE_PARTS),
    "history": has_table_with("버전", "비고", "올린 때", "올린 사람", "파일", "행 수"),
}  # fmt: skip


def assert_shows(at: AppTest, page: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    text = page_text(at)
    assert not any(phrase in text for phrase in CANNOT_SHOW), text
    assert MAIN_FIGURES[page](at), f"{page}: main figures missing\n{text[:2000]}"


@pytest.mark.parametrize("variant", variants(), ids=lambda v: v.id)
def test_every_data_page_shows_a_file_the_loader_accepts(variant, seeded_store, users, tmp_path, monkeypatch):
    name, data = written_file(variant)
    imported([(name, data, variant.dataset)], seeded_store, tmp_path, monkeypatch, shared=True)
    for page in DATA_PAGES:
        assert_shows(rendered(page, users), page)


def test_every_routed_page_shows_when_every_dataset_has_only_its_required_columns(
    seeded_store, users, tmp_path, monkeypatch
):
    files = []
    for dataset in DATASETS.values():
        optional = tuple(c.name for c in dataset.columns if not c.required)
        name, data = written_file(Variant(dataset.name, "required-only", optional))
        files.append((name, data, dataset.name))
    imported(files, seeded_store, tmp_path, monkeypatch)
    assert set(DATA_PAGES) < set(ROUTED)
    for page in ROUTED:
        at = rendered(page, users)
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not any(phrase in page_text(at) for phrase in CANNOT_SHOW), page
        if page in MAIN_FIGURES:
            assert_shows(at, page)


# --- the three crashes of issue #16, each by name -------------------------------------------------------------------


def one_file(variant: Variant, seeded: Path, tmp_path: Path, monkeypatch) -> None:
    name, data = written_file(variant)
    imported([(name, data, variant.dataset)], seeded, tmp_path, monkeypatch)


def test_budget_without_strategy_groups_programmes_by_their_configured_strategy(
    seeded_store, users, tmp_path, monkeypatch
):
    one_file(Variant("budget", "without-strategy", ("strategy",)), seeded_store, tmp_path, monkeypatch)
    at = rendered("budget", users)
    assert_shows(at, "budget")
    year_rows = sample_frame("budget")
    year_rows = year_rows[year_rows["year"] == year_rows.loc[year_rows["executed_krw"] > 0, "year"].max()]
    assert (
        f"파일에 추진전략이 없는 {len(year_rows):,}행은 대시보드 설정에 적힌 사업별 추진전략으로 묶었습니다."
        in page_text(at)
    )
    strategies = at.sidebar.selectbox(key="budget_strategy").options
    assert strategies[1:] == ["산업 기반 조성", "핵심 기업 육성", "글로벌 경쟁력 확보"]
    assert_shows(rendered("overview", users), "overview")


def test_budget_without_strategy_or_configured_programme_shows_unassigned(seeded_store, users, tmp_path, monkeypatch):
    from program import load_program

    configured = load_program().program_strategies
    for program_name in list(configured):
        monkeypatch.delitem(configured, program_name)
    one_file(Variant("budget", "without-strategy", ("strategy",)), seeded_store, tmp_path, monkeypatch)
    at = rendered("budget", users)
    assert_shows(at, "budget")
    assert "‘미분류’로 묶었습니다" in page_text(at)
    assert at.sidebar.selectbox(key="budget_strategy").options[1:] == ["미분류"]


def test_jobs_without_local_hires_hide_the_share_and_say_why(seeded_store, users, tmp_path, monkeypatch):
    one_file(Variant("jobs", "without-local_hires", ("local_hires",)), seeded_store, tmp_path, monkeypatch)
    at = rendered("jobs", users)
    assert_shows(at, "jobs")
    reason = "올린 일자리 자료에 지역인재 열이 없어 지역인재 채용 비율은 보여 주지 않습니다."
    assert [c.value for c in at.caption].count(reason) == 1
    assert at.metric[2].value == "—" and at.metric[2].delta == "자료에 지역인재 열 없음"
    assert all("지역인재" not in " ".join(map(str, df.value.columns)) for df in at.dataframe)
    for page in ("pipeline", "briefing_deck"):
        assert_shows(rendered(page, users), page)


def test_companies_without_move_in_date_leave_it_out_of_the_profile(seeded_store, users, tmp_path, monkeypatch):
    one_file(Variant("companies", "without-moved_in", ("moved_in",)), seeded_store, tmp_path, monkeypatch)
    at = rendered("pipeline", users)
    assert_shows(at, "pipeline")
    # The profile's own line ("**{company}** — {summary}"), not the agreements sections above it, which are bold too.
    head = str(markdown("**{company}** — ", company=at.selectbox(key="pipeline_company").value))
    [profile] = [m.value for m in at.markdown if m.value.startswith(head)]
    assert "입주일" not in profile and "기업가치" in profile


# --- a part that fails: a Korean line, never a traceback --------------------------------------------------------------


def jobs_tiles_without_local_hires(*args, **kwargs):
    """The overview's jobs tiles as they fail on a file without the column (module level: the overview shares its
    builders across sessions by their module and name, ui/shared.py)."""
    raise KeyError("local_hires")


def test_a_failing_part_of_a_page_is_named_and_the_rest_still_shows(seeded_store, users, tmp_path, monkeypatch):
    import metrics.overview

    imported([], seeded_store, tmp_path, monkeypatch)
    monkeypatch.setattr(metrics.overview, "jobs_tiles", jobs_tiles_without_local_hires)
    at = rendered("overview", users)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1 and warnings[0].startswith(
        "‘일자리’ 부분을 보여 줄 수 없습니다. 자료에 이 부분에 필요한 열(local\\_hires)이"  # escaped (ui/text.py)
    )
    # the budget's, the companies' and the agreements' tiles still shown; the two jobs tiles are not
    assert [m.label for m in at.metric] == [
        "예산액(연간)", "집행액(누계)", "집행률",
        "입주 기업", "G-유니콘 (최고 선정)", "아기유니콘 (최고 선정)", "예비유니콘 (최고 선정)", "유니콘 (상태)",
        "협약 기업 중 입주·가동",
    ]  # fmt: skip


def test_a_page_that_fails_says_so_in_korean_inside_the_app(seeded_store, users, tmp_path, monkeypatch):
    import ui.page

    def broken(*args, **kwargs):
        raise ValueError("boom")

    imported([], seeded_store, tmp_path, monkeypatch)
    monkeypatch.setattr(ui.page, "language_control", broken)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    at.secrets["auth"] = {"users": users}
    at.run()
    assert not at.exception
    assert next(w.value for w in at.warning).startswith(
        "‘개요’ 부분을 보여 줄 수 없습니다. 자료의 값이 예상한 형식과 다릅니다."
    )
