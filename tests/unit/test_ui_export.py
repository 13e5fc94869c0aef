"""present.xlsx.to_xlsx: exact values, headers as given, formula injection neutralised, no formulas at all."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from openpyxl import load_workbook

from present.xlsx import neutralise, safe_sheet_name, to_xlsx


def workbook(frame: pd.DataFrame, sheet: str = "표", **kwargs):
    return load_workbook(io.BytesIO(to_xlsx(frame, sheet, **kwargs)))


def test_values_and_headers_are_exact():
    frame = pd.DataFrame(
        {
            "세부사업": ["AI 데이터 플랫폼", "창업 보육"],
            "예산액 (원)": pd.array([9_007_199_254_740_993, 123_532_000_000], dtype="Int64"),  # 2**53 + 1: not a float
            "집행률 (%)": pd.array([75.92007819836156, None], dtype="Float64"),
            "기준일": [dt.date(2026, 11, 30), None],
        }
    )
    wb = workbook(frame, "세부사업별 집행", number_formats={"집행률 (%)": "0.0"})
    ws = wb["세부사업별 집행"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("세부사업", "예산액 (원)", "집행률 (%)", "기준일")
    # Excel keeps 15 significant digits, so a 16-digit amount is written as text, exactly
    assert rows[1][:3] == ("AI 데이터 플랫폼", "9007199254740993", 75.92007819836156)
    assert rows[1][3].date() == dt.date(2026, 11, 30)
    assert rows[2] == ("창업 보육", 123_532_000_000, None, None)
    assert isinstance(rows[2][1], int)
    assert ws["B3"].number_format == "#,##0"
    assert ws["C2"].number_format == "0.0"


def test_formula_injection_is_neutralised_and_nothing_is_a_formula():
    nasty = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")', "보통 글자", "a=b"]
    frame = pd.DataFrame({"=머리글": nasty, "금액": pd.array(range(len(nasty)), dtype="Int64")})
    ws = workbook(frame).active
    assert ws["A1"].value == "'=머리글"
    texts = [ws.cell(row=r, column=1).value for r in range(2, len(nasty) + 2)]
    texts[5] = texts[5].replace("\n", "\r")  # XML reading turns a carriage return into a line feed
    assert texts == [
        "'=1+1",
        "'+SUM(A1:A2)",
        "'-2+3",
        "'@cmd",
        "'\tx",
        "'\rx",
        '\'=HYPERLINK("http://x")',
        "보통 글자",
        "a=b",
    ]
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    # negative numbers stay numbers
    ws2 = workbook(pd.DataFrame({"차이": pd.array([-5, 3], dtype="Int64")})).active
    assert ws2["A2"].value == -5 and ws2["A2"].data_type == "n"


def test_neutralise_and_sheet_names():
    assert neutralise("-10%p") == "'-10%p"
    assert neutralise("x\x00y") == "xy"  # control characters xlsx cannot hold
    assert safe_sheet_name("a/b:c*d?e[f]") == "a b c d e f"
    assert len(safe_sheet_name("가" * 40)) == 31
