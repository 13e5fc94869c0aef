"""부진 사유와 대책 (issue #24): the dataset's contract and period rule, the join to the lagging list, "사유 미입력",
an overdue 대책, what-changed, and hostile text shown as text (HTML, Markdown, formulas) on page, slide and Excel."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from briefing.model import Slide, SlideItem
from briefing.render import items_html
from loaders.contract import DATASETS
from loaders.load import load_file
from loaders.periods import plan_import
from loaders.templates import template_headers, template_xlsx
from metrics import reasons as m
from metrics.what_changed import summarise
from present import reasons as present
from present.change_text import render
from present.list_html import PAGE, list_html, page_entries
from present.xlsx import to_xlsx

REPO = Path(__file__).resolve().parents[2]
HEADER = "세부사업명,기준월,부진 사유,향후 대책,담당 부서,완료 예정일,상태\n"
HOSTILE_REASON = '=HYPERLINK("http://evil.example","클릭")'
HOSTILE_ACTION = "<script>alert(1)</script> **굵게** [링크](http://x) <b>b</b>"


def _load(body: str, name: str = "r.csv"):
    result = load_file((HEADER + body).encode("utf-8-sig"), name, "reasons")
    assert result.ok, result.errors
    return result.frame


# --- the contract ---------------------------------------------------------------------------------------------


def test_contract_keys_period_and_template():
    reasons = DATASETS["reasons"]
    assert reasons.key == ("month", "subject")
    assert reasons.period == ("month",)
    assert [c.name for c in reasons.required] == ["subject", "month", "reason", "action"]
    assert reasons.column("status").choices == ("조치 중", "완료")
    assert template_headers("reasons")[:4] == ["세부사업명", "기준월", "부진 사유", "향후 대책"]
    data = template_xlsx("reasons")
    assert load_file(data, "template.xlsx").dataset == "reasons"  # the template is recognised as this dataset


def test_a_file_is_detected_and_read_with_aliases():
    data = "사업명,연월,사유,대책,부서,기한\nAI 보안 인증,2026.11,지연,재공고,정보보호팀,2026-12-31\n"
    result = load_file(data.encode("utf-8-sig"), "사유.csv")
    assert result.ok and result.dataset == "reasons"
    row = result.frame.iloc[0]
    assert (row["subject"], row["reason"], row["action"], row["department"]) == (
        "AI 보안 인증",
        "지연",
        "재공고",
        "정보보호팀",
    )
    assert pd.Timestamp(row["month"]) == pd.Timestamp(2026, 11, 1)
    assert pd.Timestamp(row["due"]) == pd.Timestamp(2026, 12, 31)


def test_a_status_outside_the_choices_is_refused():
    data = (HEADER + "A,2026-11,사유,대책,과,2026-12-01,보류\n").encode("utf-8-sig")
    assert not load_file(data, "r.csv", "reasons").ok


def test_a_months_file_replaces_that_month_only():
    stored = _load("A,2026-10,시월 사유,시월 대책,,,\nA,2026-11,옛 사유,옛 대책,,,\nB,2026-11,비 사유,비 대책,,,\n")
    incoming = _load("A,2026-11,새 사유,새 대책,,,\n")
    plan = plan_import("reasons", stored, incoming)
    assert plan.kept_rows == 1 and plan.replaced_rows == 2 and plan.file_rows == 1
    assert list(plan.keep) == [True, False, False]


# --- the join, 사유 미입력, overdue ---------------------------------------------------------------------------


@pytest.fixture
def stored():
    return _load(
        "A,2026-10,A 시월,A 시월 대책,가과,2026-10-31,조치 중\n"
        "A,2026-11,A 십일월,A 십일월 대책,가과,2026-12-15,조치 중\n"
        "B,2026-10,B 시월,B 시월 대책,나과,2026-11-10,조치 중\n"
        "C,2026-11,C 십일월,C 대책,다과,2026-11-01,완료\n"
        "D,2026-11,D 십일월,D 대책,라과,2026-11-20,조치 중\n"
        "E,2026-12,다음 달,다음 달 대책,,,\n"
    )


def test_reasons_for_takes_the_latest_month_and_flags_missing_and_overdue(stored):
    rows = m.reasons_for(["A", "B", "C", "D", "E", "F"], stored, dt.date(2026, 11, 30), dt.date(2026, 11, 25))
    by = rows.set_index("program")
    assert list(rows["program"]) == ["A", "B", "C", "D", "E", "F"]  # the caller's order
    assert by.loc["A", "reason"] == "A 십일월" and by.loc["A", "reason_month"] == dt.date(2026, 11, 1)
    assert not by.loc["A", "missing"] and not by.loc["A", "overdue"]
    # B: last month's text still shown, but nothing for November, and its 대책 was due on 11-10
    assert by.loc["B", "reason"] == "B 시월" and by.loc["B", "missing"] and by.loc["B", "overdue"]
    assert not by.loc["C", "overdue"]  # past its date but done
    assert by.loc["D", "overdue"] and not by.loc["D", "missing"]  # due 11-20, today 11-25, not done
    assert by.loc["E", "missing"] and by.loc["E", "reason"] == ""  # December's row is after the figures' month
    assert by.loc["F", "missing"] and not by.loc["F", "overdue"]
    assert m.counts(rows) == (3, 2)


def test_reasons_for_without_any_reasons():
    rows = m.reasons_for(["A"], None, dt.date(2026, 11, 1), dt.date(2026, 11, 25))
    assert rows["missing"].tolist() == [True] and m.counts(rows) == (1, 0)


def test_reasons_for_keys_on_the_programme_of_the_lagging_list_given():
    """Whatever list of lagging programmes the caller passes (a new rule of lagging at merge) is what is shown."""
    rows = _load("AI 보안 인증,2026-11,사유,대책,,,\n")
    lagging = pd.DataFrame({"program": ["해외 진출 지원", "AI 보안 인증"], "rate": [0.4, 0.7], "gap": [-0.5, -0.2]})
    out = m.reasons_for(lagging["program"], rows, dt.date(2026, 11, 1), dt.date(2026, 11, 2))
    assert out["missing"].tolist() == [True, False]


def test_labels_in_both_languages(stored):
    rows = m.reasons_for(["B"], stored, dt.date(2026, 11, 1), dt.date(2026, 11, 25))
    (ko,) = present.items(rows, "ko", dt.date(2026, 11, 1))
    (en,) = present.items(rows, "en", dt.date(2026, 11, 1))
    # "사유 미입력" says the month it means; the 사유 shown is October's and says so beside it (issue #37)
    assert ko.flags == ("2026년 11월 사유 미입력", "대책 완료 예정일(2026. 11. 10.) 지남")
    assert en.flags == ("No reason for Nov 2026", "Action overdue (due 10 Nov 2026)")
    assert ko.reason == "2026년 10월 사유: B 시월"
    assert ko.action == "대책: B 시월 대책 (완료 예정 2026. 11. 10. · 조치 중)"
    assert en.reason == "Reason (Oct 2026): B 시월"
    assert en.action == "Action: B 시월 대책 (due 10 Nov 2026 · In progress)"
    assert ko.source == "담당: 나과"


def test_the_badges_are_apart_on_screen_and_in_the_text(stored):
    """Issue #37: "사유 미입력대책 완료 예정일…" ran together in the text a screen reader reads."""
    import re
    from html import unescape

    rows = m.reasons_for(["B"], stored, dt.date(2026, 11, 1), dt.date(2026, 11, 25))
    items = present.items(rows, "ko", dt.date(2026, 11, 1))
    slide = items_html(Slide("reasons", "t", items=(SlideItem("B · 40.1%", (), items[0].flags),)))
    page = list_html(page_entries(items), PAGE)
    text = {name: unescape(re.sub(r"<[^>]+>", "", html)) for name, html in (("slide", slide), ("page", page))}
    assert text["slide"] == "B · 40.1% 2026년 11월 사유 미입력, 대책 완료 예정일(2026. 11. 10.) 지남"
    assert text["page"].startswith(
        "B2026년 11월 사유 미입력, 대책 완료 예정일(2026. 11. 10.) 지남2026년 10월 사유: B 시월"
    )
    assert page.count('data-testid="reason-flag"') == 2 and "border-radius:6px" in page  # two badges


# --- the app's form: a save rewrites its month ---------------------------------------------------------------


def test_with_entry_replaces_one_subject_of_the_month_and_round_trips(stored):
    entry = m.Entry("A", dt.date(2026, 11, 1), "새 사유", "새 대책", "가과", dt.date(2026, 12, 31), "조치 중")
    month = m.with_entry(stored, entry)
    assert sorted(month["subject"]) == ["A", "C", "D"]
    data = present.month_file(month)
    result = load_file(data, present.file_name(dt.date(2026, 11, 1)), "reasons")
    assert result.ok, result.errors
    plan = plan_import("reasons", stored, result.frame)
    assert plan.kept_rows == 3 and plan.replaced_rows == 3  # October, December kept; November rewritten
    new = pd.concat([stored[list(plan.keep)], result.frame], ignore_index=True)
    rows = m.reasons_for(["A", "C", "D"], new, dt.date(2026, 11, 1), dt.date(2026, 11, 25))
    assert rows.set_index("program").loc["A", "reason"] == "새 사유"
    assert rows.set_index("program").loc["C", "reason"] == "C 십일월"  # the month's other rows kept as they were


def test_the_form_starts_from_the_latest_text_and_an_unchanged_save_is_seen(stored):
    """Issue #37: the form starts from this month's text, else last month's (saying which month), and saving what
    is stored is recognised (no new version)."""
    november = dt.date(2026, 11, 1)
    assert m.draft(stored, "B", november) == m.Entry(
        "B", dt.date(2026, 10, 1), "B 시월", "B 시월 대책", "나과", dt.date(2026, 11, 10), "조치 중"
    )
    assert m.draft(stored, "A", november) == m.Entry(
        "A", november, "A 십일월", "A 십일월 대책", "가과", dt.date(2026, 12, 15), "조치 중"
    )
    assert m.draft(stored, "E", november) is None  # December's text is after the month asked for
    assert m.draft(None, "A", november) is None
    same = m.Entry("A", dt.date(2026, 11, 30), "A 십일월", "A 십일월 대책", "가과", dt.date(2026, 12, 15), "조치 중")
    assert m.unchanged(stored, same)
    assert not m.unchanged(stored, dataclasses.replace(same, action="A 새 대책"))
    assert not m.unchanged(stored, dataclasses.replace(same, status="완료"))
    # last month's text saved for this month is a new row of this month: a version, not "unchanged"
    carried = dataclasses.replace(m.draft(stored, "B", november), month=november)
    assert not m.unchanged(stored, carried)


def test_hostile_text_survives_the_form_file_as_written():
    entry = m.Entry("A", dt.date(2026, 11, 1), HOSTILE_REASON, HOSTILE_ACTION + '\n둘째 줄, "따옴표"')
    result = load_file(present.month_file(m.with_entry(None, entry)), "x.csv", "reasons")
    assert result.ok
    assert result.frame.iloc[0]["reason"] == HOSTILE_REASON
    assert result.frame.iloc[0]["action"] == HOSTILE_ACTION + '\n둘째 줄, "따옴표"'


# --- what changed -----------------------------------------------------------------------------------------------


def test_what_changed_names_new_and_changed_reasons(stored):
    after = pd.concat(
        [
            stored[stored["subject"] != "D"],
            _load("D,2026-11,D 바뀐 사유,D 대책,라과,2026-11-20,조치 중\nF,2026-11,새,새,,,\n"),
        ],
        ignore_index=True,
    )
    assert m.changed(stored, after) == (["F"], ["D"])
    summary = summarise("reasons", stored, after)
    said = [render(s, "ko") for s in summary.sentences if s.key.startswith("whatchanged.reasons_")]
    assert said == ["새 부진 사유·대책 1건: F", "바뀐 부진 사유·대책 1건: D"]
    assert [render(s, "en") for s in summary.sentences if s.key.startswith("whatchanged.reasons_")] == [
        "1 new reasons and actions: F",
        "1 changed reasons and actions: D",
    ]


# --- hostile text: shown as text, neutralised in Excel ----------------------------------------------------------


def _hostile_rows():
    frame = _load(f'A,2026-11,"{HOSTILE_REASON.replace(chr(34), chr(34) * 2)}",{HOSTILE_ACTION},<i>과</i>,,\n')
    return m.reasons_for(["A"], frame, dt.date(2026, 11, 1), dt.date(2026, 11, 25))


def test_hostile_text_is_escaped_in_the_page_and_slide_html():
    rows = _hostile_rows()
    assert rows.iloc[0]["reason"] == HOSTILE_REASON
    items = present.items(rows, "ko", dt.date(2026, 11, 1))
    for html in (
        list_html(page_entries(items), PAGE),
        items_html(Slide("reasons", "t", items=(SlideItem(items[0].program, (items[0].reason, items[0].action)),))),
    ):
        assert "<script>" not in html and "<b>b</b>" not in html and "<i>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; **굵게** [링크](http://x) &lt;b&gt;b&lt;/b&gt;" in html
        assert "=HYPERLINK(&quot;http://evil.example&quot;,&quot;클릭&quot;)" in html


def test_hostile_text_is_neutralised_in_the_excel_export():
    table = present.table(_hostile_rows(), "ko", dt.date(2026, 11, 1))
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(table, "부진 사유·대책"))).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert row["부진 사유"].value == "'" + HOSTILE_REASON and row["부진 사유"].data_type == "s"
    assert row["향후 대책"].value == HOSTILE_ACTION


def test_the_sample_has_reasons_for_most_lagging_programmes():
    from metrics.as_of import data_as_of
    from metrics.overview import attention

    budget = load_file((REPO / "data" / "budget.xlsx").read_bytes(), "budget.xlsx", "budget").frame
    reasons = load_file((REPO / "data" / "reasons.csv").read_bytes(), "reasons.csv", "reasons")
    assert reasons.ok
    as_of = data_as_of("budget", budget, dt.date(2026, 11, 25))
    lagging = attention(budget, None, None, as_of, None).lagging["program"]
    rows = m.reasons_for(lagging, reasons.frame, as_of, dt.date(2026, 11, 25))
    missing, overdue = m.counts(rows)
    # three programmes lag against the usual pace; two have this month's text, one shows "사유 미입력"
    assert len(rows) == 3 and missing == 1 and overdue >= 1
