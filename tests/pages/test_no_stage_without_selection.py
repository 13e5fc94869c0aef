"""No company is shown as a K-Unicorn stage it was not selected for (issue #35), on any page or briefing slide.

Every page app.py routes is run on the sample data (AppTest, a viewer, in Korean and English) and everything it
shows is written out as `tests.support.capture_shown` writes it (text, charts' data, the map's layers) with its
tables as CSV rows; the briefing's slides are built from the same sample files. Wherever a company's name and a selection
claim ("예비유니콘 (2025 선정)", "Pre-unicorn (selected 2025)", "예비유니콘 2025 선정") stand in one piece of text (a
line, a table row, a chart datum, a map object), the company must hold that selection in data/selections.csv.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from dataclasses import asdict

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import auth.session
from auth.accounts import hash_password
from auth.roles import Role
from tests.support import capture_shown
from tests.support.capture_shown import _describe, routed_pages
from tests.support.paths import REPO_ROOT

TIMEOUT = 120
APP = REPO_ROOT / "app.py"
DATA = REPO_ROOT / "data"
NAMES_KO = {"G-유니콘": "G-유니콘", "아기유니콘": "아기유니콘", "예비유니콘": "예비유니콘"}
NAMES_EN = {"G-Unicorn": "G-유니콘", "Baby unicorn": "아기유니콘", "Pre-unicorn": "예비유니콘"}
_ANY = "|".join(re.escape(n) for n in (*NAMES_KO, *NAMES_EN))
CLAIM = re.compile(
    rf"({_ANY}) \((?:selected )?(\d{{4}})(?: 선정)?\)"
)  # 예비유니콘 (2025 선정), Pre-unicorn (selected 2025)
NAMED_CLAIM = re.compile(rf"([^\s,:(]+)\(({_ANY}) (\d{{4}}) 선정\)")  # what-changed: 가나(예비유니콘 2026 선정)


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


SELECTED: dict[str, set[tuple[str, int]]] = {}
for _row in _read("selections.csv"):
    SELECTED.setdefault(_row["기업명"], set()).add((_row["사업명"], int(_row["선정연도"])))
COMPANIES = sorted({r["기업명"] for r in _read("companies.csv")} | set(SELECTED), key=len, reverse=True)


def _programme(name: str) -> str:
    return NAMES_KO.get(name) or NAMES_EN[name]


def check(text: str, where: str) -> int:
    """Assert every selection claimed beside a company's name in `text` is the company's; return the claims seen."""
    seen = 0
    for piece in re.split(r"[}\n]", text):
        for company, name, year in NAMED_CLAIM.findall(piece):
            assert (_programme(name), int(year)) in SELECTED.get(company, set()), (where, piece)
            seen += 1
        claims = {(_programme(n), int(y)) for n, y in CLAIM.findall(piece)}
        if not claims:
            continue
        named = [c for c in COMPANIES if c in piece]
        named = [c for c in named if not any(c != other and c in other for other in named)]  # longest names only
        if not named:
            continue
        held = set().union(*(SELECTED.get(c, set()) for c in named))
        assert claims <= held, (where, named, claims - held, piece[:300])
        seen += len(claims)
    return seen


def test_the_checker_catches_a_claim_not_held():
    assert check("첨단그리드에이아이,에너지,예비유니콘 (2026 선정)", "ok") == 1
    with pytest.raises(AssertionError):
        check("첨단데이터,공공서비스,아기유니콘 (2025 선정)", "never selected")
    with pytest.raises(AssertionError):
        check('{"tip_title": "무등헬스랩", "tip_3": "Stage: Pre-unicorn (selected 2025)"}', "wrong year")
    with pytest.raises(AssertionError):
        check("새 K-유니콘 선정 1건: 첨단데이터(아기유니콘 2026 선정).", "what-changed")


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AICD_STORE_URL", f"sqlite:///{tmp_path_factory.mktemp('no-stage')}/store.sqlite")
        st.cache_data.clear()
        st.cache_resource.clear()
        yield
    st.cache_data.clear()
    st.cache_resource.clear()


PAGES = [(file, url) for file, url in routed_pages() if url not in ("sign-in", "accounts", "audit", "upload")]


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(("file", "url_path"), PAGES)
def test_no_page_shows_a_stage_not_selected(shared_store, monkeypatch, file, url_path, lang):
    # a download's bytes are not shown text: left unmade (the briefing pack's PDF would take a minute)
    monkeypatch.setattr(capture_shown, "_download_digest", lambda file_id: "(download)")
    users = {"viewer": {"password_hash": hash_password("x"), "role": Role.VIEWER.value, "display_name": "v"}}
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.secrets["auth"] = {"users": users}
    at.session_state[auth.session.SIGNED_IN_KEY] = "viewer"
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(f"views/{file}").run()
    assert not at.exception, [e.value for e in at.exception]
    lines: list[str] = []
    _describe(at._tree, 0, lines)
    lines += [frame.value.to_csv(index=False) for frame in at.dataframe]  # tables, row by row
    seen = check("\n".join(lines), f"{url_path} ({lang})")
    if url_path == "pipeline":
        assert seen >= 4, seen  # the movement table and the profile name companies' selections: the check saw them
    # the old valuation ladder ("아기유니콘 1,000억원 미만 · …") is gone from every page
    assert "1,000억원 미만" not in "\n".join(lines)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_slide_shows_a_stage_not_selected(lang):
    from briefing import BriefingData, DataVersion, build_deck
    from loaders import load_file
    from loaders.geojson import load_geojson

    files = {"budget": "budget.xlsx", "jobs": "jobs.csv", "companies": "companies.csv", "targets": "targets.csv",
             "events": "events.csv", "sites": "sites.xlsx", "reasons": "reasons.csv",
             "selections": "selections.csv"}  # fmt: skip
    frames = {name: load_file((DATA / file).read_bytes(), file).frame for name, file in files.items()}
    frames["parcels"] = load_geojson((DATA / "parcels.geojson").read_bytes(), "parcels.geojson").frame
    uploaded = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
    versions = {n: DataVersion(n, 1, uploaded, True) for n in frames}
    deck = build_deck(BriefingData(frames, versions, lang, dt.date(2026, 12, 4)))
    text = "\n".join(json.dumps(asdict(slide), ensure_ascii=False, default=str) for slide in deck)
    check(text.replace("},", "}\n"), f"slides ({lang})")
    pipeline = next(s for s in deck if s.key == "pipeline")
    said = json.dumps(asdict(pipeline), ensure_ascii=False, default=str)
    assert ("(최고 선정)" if lang == "ko" else "(highest selection)") in said
