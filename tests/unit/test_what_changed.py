"""What changed between versions: every sentence's numbers against hand-computed differences of fixtures."""

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest

from loaders import load_file
from metrics.what_changed import summarise, version_at
from present.change_text import render
from present.safe_text import markdown_escape

FIXTURES = Path(__file__).parents[1] / "fixtures"
REPO = Path(__file__).resolve().parents[2]


def _fixture(name: str) -> pd.DataFrame:
    return load_file((FIXTURES / name).read_bytes(), name).frame


def _sentences(summary) -> dict:
    return {s.key: s.values for s in summary.sentences}


def test_budget_changes_by_hand():
    before = _fixture("budget_ehojo_style.xlsx")
    after = before.copy()
    first = after.index[0]  # 2024 AI 데이터센터 구축 국비: executed 2,535,020,000 → +1,000,000,000
    after.loc[first, "executed_krw"] += 1_000_000_000
    after = after.drop(after.index[1])  # 2024 AI 데이터센터 구축 시비: planned 556,000,000 / executed 183,630,000
    added = after.iloc[[0]].assign(year=2026, planned_krw=70_000_000, executed_krw=5, source_row=99)
    after = pd.concat([after, added], ignore_index=True)

    summary = summarise("budget", before, after)
    said = _sentences(summary)
    executed = said["whatchanged.total_up"]  # the executed total went up (the planned total went down)
    assert executed["measure"] == "executed_krw"
    totals = {s.values["measure"]: s.values for s in summary.sentences if s.key.startswith("whatchanged.total_")}
    assert totals["executed_krw"]["before"] == 107_930_990_000
    assert totals["executed_krw"]["difference"] == 1_000_000_000 - 183_630_000 + 5
    assert totals["planned_krw"]["difference"] == -556_000_000 + 70_000_000
    assert said["whatchanged.rows"] == {"added": 1, "removed": 1, "changed": 1}
    top = [s.values for s in summary.sentences if s.key == "whatchanged.top_programs"]
    executed_items = dict(next(v for v in top if v["measure"] == "executed_krw")["items"])
    assert executed_items["AI 데이터센터 구축"] == 1_000_000_000 - 183_630_000 + 5
    assert executed["after"] == 107_930_990_000 + 1_000_000_000 - 183_630_000 + 5
    text = render(next(s for s in summary.sentences if s.key == "whatchanged.total_up"), "ko")
    # the total says what it adds up: every year of the two versions (2024 and 2025, and the row added for 2026)
    assert text == "집행액 합계(2024~2026년 전체)가 1,079.3억원에서 1,087.5억원으로 8.2억원 늘었습니다."


def test_jobs_changes_by_sector():
    before = _fixture("jobs_monthly.csv")
    after = before.copy()
    latest = after["month"] == after["month"].max()
    target = after.index[latest][0]
    sector = after.at[target, "sector"]
    after.loc[target, ["new_hires", "headcount"]] = [
        after.at[target, "new_hires"] + 4,
        after.at[target, "headcount"] - 3,
    ]
    summary = summarise("jobs", before, after)
    said = _sentences(summary)
    assert dict(said["whatchanged.sector_new_hires"]["items"]) == {sector: 4}
    assert dict(said["whatchanged.sector_headcount"]["items"]) == {sector: -3}
    assert render(summary.sentences[-1], "ko").endswith(f"{sector} -3명.")


def test_company_moves_and_new_and_left():
    """Companies: new, left, and the unicorn status (a valuation of 1조원 or more) gained; K-Unicorn stages are
    selections (#35), so a valuation change never reads as a stage move."""
    before = _fixture("companies_cp949.csv")
    after = before.copy()
    # 빛고을에이아이 941억원 → 1조 2,000억원: a unicorn by valuation (no selection involved)
    after.loc[after["company"] == "빛고을에이아이", "valuation_krw"] = 1_200_000_000_000
    after = after[after["company"] != "상무데이터"]
    new = after.iloc[[0]].assign(company="<b>신규</b>랩", valuation_krw=5_000_000_000)
    after = pd.concat([after, new], ignore_index=True)
    summary = summarise("companies", before, after)
    said = _sentences(summary)
    assert said["whatchanged.unicorn_up"] == {"count": 1, "names": ["빛고을에이아이"], "floor": 10**12}
    assert said["whatchanged.companies_left"]["names"] == ["상무데이터"]
    assert said["whatchanged.companies_new"]["names"] == ["<b>신규</b>랩"]
    assert not any(key.startswith("whatchanged.stage_") for key in said)
    up = next(s for s in summary.sentences if s.key == "whatchanged.unicorn_up")
    assert render(up) == "기업가치가 1조원 이상이 되어 유니콘 상태가 된 기업 1개사: 빛고을에이아이."
    rendered = render(next(s for s in summary.sentences if s.key == "whatchanged.companies_new"))
    assert markdown_escape(rendered).count("\\<") == 2  # the name cannot become markup


def test_new_selections_are_named_with_programme_and_year():
    before = pd.DataFrame(
        {"year": [2025], "programme": ["아기유니콘"], "company": ["가나"], "support": [None], "source_row": [2]}
    )
    after = pd.concat(
        [
            before,
            pd.DataFrame(
                {
                    "year": [2026, 2026],
                    "programme": ["G-유니콘", "예비유니콘"],
                    "company": ["다라", "가나"],
                    "support": [None, None],
                    "source_row": [3, 4],
                }
            ),
        ],
        ignore_index=True,
    )
    said = _sentences(summarise("selections", before, after))
    assert said["whatchanged.selections_new"] == {
        "count": 2,
        "items": [("가나", "예비유니콘", 2026), ("다라", "G-유니콘", 2026)],
    }
    sentence = next(s for s in summarise("selections", before, after).sentences if s.key.endswith("selections_new"))
    assert render(sentence) == "새 K-유니콘 선정 2건: 가나(예비유니콘 2026 선정), 다라(G-유니콘 2026 선정)."
    assert render(sentence, "en") == "2 new K-Unicorn selections: 가나 (Pre-unicorn, 2026), 다라 (G-Unicorn, 2026)."
    gone = _sentences(summarise("selections", after, before))
    assert gone["whatchanged.selections_removed"]["count"] == 2


def test_same_data_says_so():
    frame = _fixture("sites.xlsx")
    assert [s.key for s in summarise("sites", frame, frame.copy()).sentences] == ["whatchanged.none"]


def test_version_at_picks_the_latest_before_the_moment():
    class V:
        def __init__(self, number, day):
            self.number, self.created_at = number, dt.datetime(2026, 11, day, tzinfo=dt.UTC)

    versions = [V(3, 20), V(2, 10), V(1, 1)]
    assert version_at(versions, dt.datetime(2026, 11, 15, tzinfo=dt.UTC)).number == 2
    assert version_at(versions, dt.datetime(2026, 10, 1, tzinfo=dt.UTC)) is None


def test_changes_page_compares_two_versions(sample_store):
    from store import open_store

    app = AppTest.from_file(str(REPO / "views" / "changes.py"), default_timeout=60)
    app.run()  # seeds the sample data
    assert not app.exception
    store = open_store()
    sample = store.latest("budget")
    frame = store.frame(sample)
    data = (REPO / "data" / "budget.xlsx").read_bytes()
    changed = load_file(data, "budget.xlsx")
    changed.frame.loc[0, "executed_krw"] += 1_234_000
    store.save_version(changed, data, user="홍길동")
    st.cache_data.clear()
    app.segmented_control(key="changes_mode").set_value("versions").run()
    assert not app.exception
    text = " ".join(m.value for m in app.markdown)
    total = int(frame["executed_krw"].sum())
    assert "12,340,000" not in text  # short money in sentences, exact won in tables
    assert "집행액 합계(2020~2026년 전체)가" in text.replace("\\", "") and "1.2백만" not in text
    assert f"{(total + 1_234_000) / 10**8:,.1f}억원" in text.replace("\\", "")
    assert "행 0개가 추가되고 0개가 삭제되었으며 1개가 수정되었습니다" in text.replace("\\", "")
    by_program = next(d.value for d in app.dataframe if "세부사업" in d.value.columns)
    assert int(by_program["집행액 · 차이 (원)"].sum()) == 1_234_000  # exact won in the table
    config = next(d.proto.columns for d in app.dataframe if "세부사업" in d.value.columns)
    assert '"%+,d"' in config  # differences: a sign and thousands separators (+1,234,000)
    assert any(b.proto.id and "changes_by_program_download" in b.proto.id for b in app.get("download_button"))


def test_briefing_changes_slide_states_the_differences_since_the_chosen_date():
    import briefing  # noqa: F401  (the package, before any page module of the same name)
    from briefing.changes_slide import changes_slide
    from briefing.model import BriefingData, DataVersion

    before = _fixture("budget_ehojo_style.xlsx")
    after = before.copy()
    after.loc[after.index[0], "executed_krw"] += 2_500_000_000
    then = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    now = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
    data = BriefingData(
        {"budget": after},
        {"budget": DataVersion("budget", 2, now)},
        "ko",
        dt.date(2026, 11, 25),
        since=dt.date(2026, 10, 25),
        earlier_frames={"budget": before},
        earlier_versions={"budget": DataVersion("budget", 1, then)},
    )
    slide = changes_slide(data)
    assert slide.title == "2026. 10. 25. 이후 변화"
    executed = slide.headlines[0]
    assert executed.figure.value == 2_500_000_000 and executed.value == "+25억원"
    assert executed.figure.parts[0].value == 107_930_990_000 + 2_500_000_000
    assert "집행액 합계(2024~2025년 전체)가 1,079.3억원에서 1,104.3억원으로 25억원 늘었습니다." in slide.note
    # the figure says its scope (issue #37): an all-years total beside a slide of one year's figures
    assert executed.label == "집행액 변화"
    assert executed.detail == "2024~2025년 전체: 현재 1,104.3억원"
    # one line: the datasets the slide speaks of, by the date they speak for, and the comparison date
    assert slide.as_of_line == "자료: 예산 집행 2025년 12월 기준 · 비교: 2026. 10. 25. 당시 자료"
    assert slide.chart is not None


def test_briefing_changes_slide_without_earlier_data_says_so():
    import briefing  # noqa: F401
    from briefing.changes_slide import changes_slide
    from briefing.model import BriefingData, DataVersion

    now = {"budget": _fixture("budget_ehojo_style.xlsx")}
    versions = {"budget": DataVersion("budget", 1, dt.datetime(2026, 11, 20, tzinfo=dt.UTC))}
    slide = changes_slide(BriefingData(now, versions, "en", dt.date(2026, 11, 25), since=dt.date(2026, 1, 1)))
    assert slide.note == "No data as it stood on 1 Jan 2026 to compare with."


def test_the_pages_view_model_orders_labels_and_lists_rows():
    from present.changes_view import build_changes_view, side_label

    before = _fixture("budget_ehojo_style.xlsx")
    after = before.copy()
    after.loc[after.index[0], "executed_krw"] += 1_000_000_000
    after = after.drop(after.index[1])
    view = build_changes_view("budget", before, after, "ko")
    summary = summarise("budget", before, after)
    assert view.sentences == tuple(render(s, "ko") for s in summary.sentences)
    by_program = view.tables[0]
    assert by_program.key == "changes_by_program" and by_program.group == "program"
    differences = by_program.frame["executed_krw_difference"].abs().tolist()
    assert differences == sorted(differences, reverse=True)  # the largest change first
    assert by_program.labels["executed_krw_difference"] == side_label("executed_krw_difference", "ko", " (원)")
    assert by_program.signed_columns == tuple(
        label for column, label in by_program.labels.items() if column.endswith("_difference")
    )
    assert [label.split(" (")[0] for label, _ in view.rows] == ["삭제된 행", "수정된 값"]
    english = build_changes_view("budget", before, after, "en")
    assert english.tables[0].labels != by_program.labels and english.sentences != view.sentences


def test_every_total_of_the_changes_view_says_its_scope():
    """Issue #37: a total of amounts adds up every period of the two versions and says so; a level (headcount)
    is each version's latest month, never a sum over months."""
    from present.changes_view import build_changes_view

    after = _fixture("jobs_monthly.csv")  # January to June 2025
    before = after[after["month"] < after["month"].max()]  # January to May
    korean = build_changes_view("jobs", before, after, "ko").sentences
    assert korean[:3] == (
        "신규채용 합계(2025년 1월~2025년 6월 전체)가 98명에서 121명으로 23명 늘었습니다.",
        "재직자 수 합계(각 버전의 최근 월: 2025년 5월 → 2025년 6월)가 480명에서 528명으로 48명 늘었습니다.",
        "지역인재 채용 합계(2025년 1월~2025년 6월 전체)가 60명에서 71명으로 11명 늘었습니다.",
    )
    english = build_changes_view("jobs", before, after, "en").sentences
    assert english[1] == (
        "Total headcount (each version's latest month, May 2025 → Jun 2025) rose by 48 people, "
        "from 480 people to 528 people."
    )
    # companies: every measure is a level at the 기준일 (the fixture's 12 companies on one 기준일, one more each)
    companies = _fixture("companies_cp949.csv")
    more = build_changes_view("companies", companies, companies.assign(employees=companies["employees"] + 1), "ko")
    assert more.sentences[3] == "종업원 수 합계(2025. 9. 30. 기준)가 2,803명에서 2,815명으로 12명 늘었습니다."
