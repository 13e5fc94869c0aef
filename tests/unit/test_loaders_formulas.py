"""Formula cells: Excel saves each result beside its formula and we read the result; a file that holds formulas
without results (written by a program, never opened in Excel) is refused with the cells named, never read as
blanks."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl

from loaders import load_file
from loaders.formulas import uncomputed_formulas

HEADER = ["연도", "월", "세부사업명", "재원", "예산액(원)", "집행액(원)"]


def _workbook(rows: list[list[object]], title: str = "예산") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    notes = book.create_sheet("메모")
    notes.append(["=1+1"])  # a formula on another sheet, without its result as well
    notes.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_results(data: bytes, results: dict[str, str], kinds: dict[str, str] | None = None) -> bytes:
    """The workbook as Excel saves it: each formula cell carries its last result (`<v>`), and a type when given."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            xml = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for ref, value in results.items():
                    kind = f' t="{kinds[ref]}"' if kinds and ref in kinds else ""
                    xml = re.sub(
                        rf'<c r="{ref}"([^>]*)><f>(.*?)</f>(?:<v ?/>|<v></v>)'.encode(),
                        rf'<c r="{ref}"\1{kind}><f>\2</f><v>{value}</v>'.encode(),
                        xml,
                    )
            target.writestr(item, xml)
    return out.getvalue()


def test_formulas_saved_without_results_are_refused_naming_each_cell():
    data = _workbook([[2026, 1, "A", "국비", 1000, "=400+100"], [2026, 2, "A", "국비", "=500*2", 300]])
    result = load_file(data, "budget.xlsx")
    assert not result.ok
    messages = [str(p) for p in result.errors]
    assert messages[0] == "2행: 시트 '예산'의 F2 셀: 수식의 계산 결과가 파일에 저장되어 있지 않습니다."
    assert messages[1].startswith("3행: 시트 '예산'의 E3 셀")
    assert "엑셀에서 파일을 열어 다시 저장한 뒤" in messages[-1] and "2개" in messages[-1]


def test_formulas_with_their_results_read_as_the_results():
    data = _with_results(
        _workbook([[2026, 1, "A", "국비", 1000, "=400+100"], [2026, 2, "A", "국비", "=500*2", 300]]),
        {"F2": "500", "E3": "1000"},
    )
    assert uncomputed_formulas(data, {"예산"}) == []
    result = load_file(data, "budget.xlsx")
    assert result.ok, [str(p) for p in result.errors]
    assert result.frame["planned_krw"].tolist() == [1000, 1000]
    assert result.frame["executed_krw"].tolist() == [500, 300]


def test_a_formula_whose_result_is_empty_text_is_computed():
    data = _with_results(_workbook([[2026, 1, "A", "국비", 1000, 500, '=IF(1=1,"","x")']]), {"G2": ""}, {"G2": "str"})
    assert uncomputed_formulas(data, {"예산"}) == []


def test_many_uncomputed_cells_are_counted_not_all_listed():
    rows = [[2026, 1 + i % 12, f"사업{i}", "국비", 1000, f"={i}+1"] for i in range(30)]
    result = load_file(_workbook(rows), "budget.xlsx")
    messages = [str(p) for p in result.errors]
    assert len(messages) == 21 and "30개" in messages[-1] and "외 10개 셀도 같습니다" in messages[-1]


def test_hidden_sheets_are_not_checked():
    data = _with_results(_workbook([[2026, 1, "A", "국비", 1000, "=400+100"]]), {"F2": "500"})
    assert uncomputed_formulas(data) == [("메모", "A", 1)]  # there, but the loader does not read hidden sheets
    assert load_file(data, "budget.xlsx").ok
