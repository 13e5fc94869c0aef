"""Files as they really arrive (issue #12): web-page and XML Spreadsheet .xls, .ods and .xlsb, password and DRM
locked files, published-table headers with derived columns, and the size ceiling.

The fixture files in tests/fixtures/ are written by the real tools (scripts/make_real_export_fixtures.py); small
variants are written here by hand the same way. Every figure is checked to the won, every row as Excel shows it.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import olefile
import openpyxl
import pytest

from loaders.load import load_file
from loaders.markup import decode_html, markup_kind
from loaders.problems import FileRefused
from loaders.protection import protection_problem
from loaders.reading import read_sheets
from loaders.size_limits import SizeLimits, configured_limits

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# The budget every issue-#12 fixture writes, in won (scripts/make_real_export_fixtures.py, ROWS).
PLANNED = [12_000_000_000, 3_000_000_000, 4_500_000_000, 1_500_000_000, 2_750_500_000, 800_000_000]
EXECUTED = [9_876_543_000, 2_100_000_000, 1_234_567_000, 0, 2_750_500_000, 123_456_000]
PROGRAMS = ["AI 데이터센터 구축"] * 2 + ["실증센터 운영"] * 2 + ["창업동 조성"] * 2
SOURCES = ["국비", "시비", "국비", "시비", "국비", "민자"]


def load_fixture(name: str, **options):
    return load_file((FIXTURES / name).read_bytes(), name, **options)


# ---------------------------------------------------------------------------
# Real-tool fixtures: every row to the won, at the Excel row the user sees
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "first_row"),
    [
        ("budget_web_download.xls", 5),  # title, unit note, two header rows
        ("budget_xml_spreadsheet.xls", 4),  # title, blank row (ss:Index="3"), header
        ("budget_libreoffice.ods", 4),  # title, unit note, header
        ("budget_published.xlsb", 3),  # unit note, header
    ],
)
def test_real_tool_fixture_reads_every_row_exactly(name: str, first_row: int):
    result = load_fixture(name)
    assert result.ok, result.errors
    frame = result.frame
    assert list(frame["source_row"]) == list(range(first_row, first_row + 6))
    assert list(frame["planned_krw"]) == PLANNED
    assert list(frame["executed_krw"]) == EXECUTED
    assert list(frame["program"]) == PROGRAMS
    assert list(frame["source"]) == SOURCES
    assert list(frame["year"]) == [2025] * 6
    # Derived columns (잔액, 집행률) are checked, never stored; they all agree with the amounts here.
    assert set(frame.columns) == {
        "year",
        "month",
        "phase",
        "program",
        "source",
        "planned_krw",
        "executed_krw",
        "source_row",
    }
    assert [w.message for w in result.warnings if "맞지 않습니다" in w.message] == []


def test_web_download_keeps_the_cells_as_written_and_names_the_totals_row():
    result = load_fixture("budget_web_download.xls")
    assert result.sheet == "budget_web_download.xls"
    assert result.written[5] == {
        "회계연도": "2025",
        "세부사업명": "AI 데이터센터 구축",
        "재원": "국비",
        "예산현액(A)": "12,000,000",
        "집행 실적 지출액 누계(B)": "9,876,543",
    }
    assert result.written[8]["집행 실적 지출액 누계(B)"] == "-"
    assert [w.message for w in result.warnings] == ["합계·소계 행 1개는 중복 집계를 막기 위해 제외했습니다 (11행)"]


def test_web_download_header_is_merged_as_excel_shows_it():
    sheet = read_sheets((FIXTURES / "budget_web_download.xls").read_bytes(), "x.xls")[0]
    assert sheet.rows[0][0] == "2025년 국가 인공지능 집적단지 조성사업 예산 집행 현황"
    assert sheet.rows[2] == ["회계연도", "세부사업명", "재원", "예산현액(A)", "집행 실적", None, None]
    assert sheet.rows[3] == [None, None, None, None, "지출액 누계(B)", "집행잔액(A-B)", "집행률(B/A)"]
    assert sheet.rows[11] == ["※ 집행률 = 지출액 누계 ÷ 예산현액 × 100"]
    assert (2, 0, 3, 0) in sheet.merged and (2, 4, 2, 6) in sheet.merged and (10, 0, 10, 2) in sheet.merged


# ---------------------------------------------------------------------------
# HTML saved as .xls, written by hand the way web systems write it
# ---------------------------------------------------------------------------

HTML_PAGE = """<html xmlns:x="urn:schemas-microsoft-com:office:excel">
<head>{meta}<style>.n {{ mso-number-format:"\\#\\,\\#\\#0"; }} .t {{ mso-number-format:"\\@"; }}</style></head>
<body>
<h3>예산 집행 현황</h3>
<div>(단위: 원)</div>
<table border=1>
<thead><tr><th>연도</th><th>사업명</th><th>재원</th><th>예산액</th><th>집행액</th></tr></thead>
<tbody>
<tr><td class=t>2025</td><td>실증센터 운영</td><td>국비</td><td class=n>1,234,567</td><td class=n>{executed}</td></tr>
<tr><td class=t>2025</td><td>창업동 조성</td><td>시비</td><td class=n x:num="2000000.5">2,000,001</td><td class=n>△300</td></tr>
</tbody></table>
</body></html>"""


def html(executed: str = "1,000,000", meta: str = "", encoding: str = "utf-8") -> bytes:
    return HTML_PAGE.format(meta=meta, executed=executed).encode(encoding)


@pytest.mark.parametrize(
    ("meta", "encoding"),
    [
        ('<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">', "cp949"),
        ('<meta http-equiv="Content-Type" content="application/vnd.ms-excel; charset=ks_c_5601-1987">', "cp949"),
        ('<meta charset="utf-8">', "utf-8"),
        ("", "utf-8"),  # nothing declared: UTF-8 first
        ("", "cp949"),  # nothing declared, not UTF-8: CP949
    ],
)
def test_html_charsets(meta: str, encoding: str):
    data = html(meta=meta, encoding=encoding)
    assert markup_kind(data) == "html"
    assert "실증센터 운영" in decode_html(data)


def test_html_rows_are_counted_as_excel_shows_them_and_x_num_is_the_value():
    """h3 and div take a row each, so the header is row 3; x:num (2000000.5) is the value, not the text shown."""
    result = load_file(html(executed="미정"), "download.xls")
    assert not result.ok
    assert [(p.row, p.column) for p in result.errors] == [(4, "집행액"), (5, "예산액")]
    assert "'미정'" in result.errors[0].message
    assert "1원 미만" in result.errors[1].message
    # row 5's negative 집행액 is a refund (반납·정정): no longer a refusal, and named in a warning once the file is fixed


def test_html_with_merged_group_header_and_rowspan_labels():
    page = """<table>
<tr><td colspan=5>(단위: 천원)</td></tr>
<tr><th rowspan=2>연도</th><th rowspan=2>세부사업명</th><th rowspan=2>재원</th><th colspan=2>집행 실적</th></tr>
<tr><th>예산현액(A)</th><th>지출액 누계(B)</th></tr>
<tr><td rowspan=2>2025</td><td rowspan=2>실증센터 운영</td><td>국비</td><td>100</td><td>40</td></tr>
<tr><td>시비</td><td>50</td><td>-</td></tr>
</table>"""
    result = load_file(page.encode(), "x.xls")
    assert result.ok, result.errors
    assert list(result.frame["source_row"]) == [4, 5]
    assert list(result.frame["program"]) == ["실증센터 운영"] * 2
    assert list(result.frame["planned_krw"]) == [100_000, 50_000]
    assert list(result.frame["executed_krw"]) == [40_000, 0]


# ---------------------------------------------------------------------------
# Excel 2003 XML Spreadsheet
# ---------------------------------------------------------------------------

XML_SPREADSHEET = """<?xml version="1.0"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:x="urn:schemas-microsoft-com:office:excel">
 <Worksheet ss:Name="숨김"><Table><Row><Cell><Data ss:Type="String">연도</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>
 <Worksheet ss:Name="집행">
  <Table>
   <Row ss:Index="2"><Cell ss:MergeAcross="2"><Data ss:Type="String">(단위: 천원)</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">연도</Data></Cell><Cell><Data ss:Type="String">세부사업명</Data></Cell>
    <Cell><Data ss:Type="String">재원</Data></Cell><Cell ss:MergeAcross="1"><Data ss:Type="String">금액</Data></Cell></Row>
   <Row><Cell ss:Index="4"><Data ss:Type="String">예산액</Data></Cell><Cell><Data ss:Type="String">집행액</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">2025</Data></Cell><Cell><Data ss:Type="String">실증센터 운영</Data></Cell>
    <Cell><Data ss:Type="String">국비</Data></Cell><Cell><Data ss:Type="Number">1234.5</Data></Cell>
    <Cell><Data ss:Type="Number">{executed}</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>"""


def test_xml_spreadsheet_index_merge_and_hidden_sheet():
    data = XML_SPREADSHEET.format(executed="1000").encode()
    sheets = read_sheets(data, "x.xls")
    assert [(s.name, s.hidden) for s in sheets] == [("숨김", True), ("집행", False)]
    assert sheets[1].rows[0] == []  # ss:Index="2" skipped row 1
    assert sheets[1].rows[3] == [None, None, None, "예산액", "집행액"]
    assert (2, 3, 2, 4) in sheets[1].merged
    result = load_file(data, "x.xls")
    assert result.ok, result.errors
    assert list(result.frame["source_row"]) == [5]
    assert (result.frame.at[0, "planned_krw"], result.frame.at[0, "executed_krw"]) == (1_234_500, 1_000_000)


def test_xml_spreadsheet_cell_problem_names_the_excel_row():
    result = load_file(XML_SPREADSHEET.format(executed="0.0001").encode(), "x.xls")
    assert [(p.row, p.column) for p in result.errors] == [(5, "금액 집행액")]


@pytest.mark.parametrize(
    "data",
    [
        b"<?xml version='1.0'?><Workbook xmlns='urn:schemas-microsoft-com:office:spreadsheet'>",
        b"<html><body><table><tr><td>\xff\xfe</td></tr></table>",
    ],
)
def test_broken_markup_is_refused_in_korean(data: bytes):
    result = load_file(data, "x.xls")
    assert not result.ok and result.frame.empty
    assert len(result.errors) == 1


# ---------------------------------------------------------------------------
# Locked files: password and DRM, told from their structure
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("budget_excel_encrypted.xlsx", "암호가 걸린 파일입니다(엑셀 '암호 설정')"),
        ("budget_libreoffice_password.xls", "암호가 걸린 파일입니다(xls 암호)"),
        ("budget_libreoffice_password.ods", "암호가 걸린 파일입니다(LibreOffice·ODS 암호)"),
        ("budget_drm_softcamp.xlsx", "문서보안(DRM)이 적용된 파일입니다(SoftCamp)"),
    ],
)
def test_locked_files_are_named_whatever_they_are_called(name: str, says: str):
    data = (FIXTURES / name).read_bytes()
    for filename in (name, "budget.csv", "report.xlsx", "noname"):
        result = load_file(data, filename)
        assert not result.ok and result.dataset is None and result.frame.empty
        assert [(p.row, p.column) for p in result.errors] == [(None, None)]
        assert result.errors[0].message.startswith(says)
        assert "다시 올려 주세요" in result.errors[0].message


def test_microsoft_rights_management_is_drm_not_a_password(tmp_path: Path):
    """An IRM-protected package names the DRM transform in its data-space map instead of a password's."""
    path = tmp_path / "irm.xlsx"
    shutil.copy(FIXTURES / "budget_excel_encrypted.xlsx", path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        stream = "\x06DataSpaces/DataSpaceMap"
        original = ole.openstream(stream).read()
        password_space = "StrongEncryptionDataSpace".encode("utf-16-le")
        assert password_space in original
        ole.write_stream(stream, original.replace(password_space, "DRMEncryptedDataSpace____".encode("utf-16-le")))
    problem = protection_problem(path.read_bytes())
    assert problem.message.startswith("문서보안(DRM)이 적용된 파일입니다(Microsoft 정보 보호·IRM)")


def test_binary_without_a_vendor_marker_may_be_drm():
    problem = protection_problem(b"\x01\x02VENDOR?\x00" + bytes(range(256)) * 4)
    assert problem.message.startswith("스프레드시트 파일로 읽을 수 없는 형식입니다")
    assert "문서보안(DRM)" in problem.message


@pytest.mark.parametrize(
    "name",
    [
        "budget_ehojo_style.xlsx",
        "sites.xlsx",
        "budget_libreoffice.ods",
        "budget_published.xlsb",
        "budget_web_download.xls",
        "jobs_monthly.csv",
        "companies_cp949.csv",
    ],
)
def test_unlocked_files_are_not_called_locked(name: str):
    assert protection_problem((FIXTURES / name).read_bytes()) is None


def test_an_unencrypted_xls_is_not_called_locked():
    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("s").write(0, 0, "연도")
    buffer = io.BytesIO()
    book.save(buffer)
    assert protection_problem(buffer.getvalue()) is None


# ---------------------------------------------------------------------------
# Published-table headers and derived columns
# ---------------------------------------------------------------------------


ONE_PROGRAM = [2025, "실증센터 운영", "국비"]


def budget_xlsx(tmp_path: Path, header: list[str], rows: list[list[object]]) -> bytes:
    """연도, 세부사업명, 재원 then `header`, in 천원; each row complete."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["(단위: 천원)"])
    sheet.append(["연도", "세부사업명", "재원", *header])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "budget.xlsx"
    book.save(path)
    return path.read_bytes()


@pytest.mark.parametrize(
    ("planned", "executed"),
    [
        ("예산현액(A)", "지출액 누계(B)"),
        ("예산현액 (A)", "지출액누계(B)"),
        ("예 산 현 액", "누계 지출액"),
        ("예산액", "집행실적"),
        ("예산현액(A)(천원)", "집행액 실적(B)"),
        ("예산액(A)", "지출액 누계"),
    ],
)
def test_published_header_variants_are_read_as_the_contract_columns(tmp_path: Path, planned: str, executed: str):
    data = budget_xlsx(
        tmp_path, [planned, executed, "집행잔액(A-B)", "집행률(B/A)"], [[*ONE_PROGRAM, 1000, 250, 750, 25.0]]
    )
    result = load_file(data, "budget.xlsx")
    assert result.ok, result.errors
    assert (result.frame.at[0, "planned_krw"], result.frame.at[0, "executed_krw"]) == (1_000_000, 250_000)
    assert result.warnings == []


@pytest.mark.parametrize("rate", [25.0, "25.0", "25%", "25.00 %", 0.25])
def test_an_execution_rate_that_agrees_in_any_written_form_gives_no_warning(tmp_path: Path, rate: object):
    data = budget_xlsx(tmp_path, ["예산현액(A)", "지출액(B)", "집행률(B/A)"], [[*ONE_PROGRAM, 1000, 250, rate]])
    result = load_file(data, "budget.xlsx")
    assert result.ok and result.warnings == []


def test_a_disagreeing_rate_and_balance_are_warnings_naming_the_row(tmp_path: Path):
    rows = [
        [2025, "실증센터 운영", "국비", 1000, 250, 750, 25.0],
        [2025, "창업동 조성", "국비", 3000, 1000, 1000, 33.3],  # 잔액 should be 2,000; 집행률 33.3 is right
        [2025, "창업동 조성", "시비", 3000, 1000, 2000, 30.3],  # 집행률 should be 33.3
        [2025, "데이터센터", "국비", 0, 0, 0, "-"],  # no rate of an empty budget
    ]
    data = budget_xlsx(tmp_path, ["예산현액(A)", "지출액 누계(B)", "집행잔액(A-B)", "집행률(B/A)"], rows)
    result = load_file(data, "budget.xlsx")
    assert result.ok, result.errors
    assert list(result.frame["executed_krw"]) == [250_000, 1_000_000, 1_000_000, 0]
    assert "balance_krw" not in result.frame.columns and "execution_rate" not in result.frame.columns
    assert [(w.row, w.column) for w in result.warnings] == [(4, "집행잔액(A-B)"), (5, "집행률(B/A)")]
    assert result.warnings[0].message.startswith(
        "잔액이 금액과 맞지 않습니다: 파일에는 1000인데 예산액−집행액은 2,000,000원입니다"
    )
    assert result.warnings[1].message.startswith(
        "집행률이 금액과 맞지 않습니다: 파일에는 30.3인데 집행액÷예산액은 33.33%입니다"
    )


def test_a_column_named_as_written_wins_over_one_with_added_words(tmp_path: Path):
    """A monthly report's 집행액 beside its 집행액 누계: 집행액 is the column, as it was before published forms."""
    data = budget_xlsx(tmp_path, ["예산액", "집행액", "집행액 누계"], [[*ONE_PROGRAM, 1000, 100, 400]])
    result = load_file(data, "budget.xlsx")
    assert result.ok, result.errors
    assert result.frame.at[0, "executed_krw"] == 100_000
    assert result.written[3] == {
        "연도": "2025",
        "세부사업명": "실증센터 운영",
        "재원": "국비",
        "예산액": "1000",
        "집행액": "100",
    }


def test_a_derived_column_is_never_read_as_an_amount(tmp_path: Path):
    """Only 잔액 and 집행률 beside 예산액: 집행액 is missing, and the refusal says so (잔액 is not 집행액)."""
    data = budget_xlsx(tmp_path, ["예산현액(A)", "집행잔액(A-B)", "집행률(B/A)"], [[*ONE_PROGRAM, 1000, 750, 25.0]])
    result = load_file(data, "budget.xlsx")
    assert [(p.row, p.column) for p in result.errors] == [(2, "집행액")]
    assert result.errors[0].message.startswith("필수 열 '집행액'이(가) 없습니다")


# ---------------------------------------------------------------------------
# The size ceiling
# ---------------------------------------------------------------------------


def test_the_default_ceiling_comes_from_program_toml():
    assert configured_limits() == SizeLimits(max_rows=200_000, max_cells=4_000_000)


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("budget_ehojo_style.xlsx", None),  # xlsx: its <dimension>
        ("budget_libreoffice.ods", 10),  # calamine's extent, before any cell becomes a Python value
        ("budget_published.xlsb", 8),
        ("budget_web_download.xls", 11),  # <tr> tags
        ("budget_xml_spreadsheet.xls", 8),  # <Row> tags
        ("jobs_monthly.csv", 49),  # lines
    ],
)
def test_every_format_is_refused_over_the_ceiling_with_the_limit_and_size(name: str, rows: int | None):
    data = (FIXTURES / name).read_bytes()
    result = load_file(data, name, limits=SizeLimits(max_rows=5, max_cells=10_000))
    assert not result.ok and result.frame.empty
    assert [(p.row, p.column) for p in result.errors] == [(None, None)]
    message = result.errors[0].message
    assert message.startswith("파일이 너무 큽니다") and "5행·10,000칸을 넘습니다" in message
    assert f"(파일 크기 {len(data) / 1000:,.1f}KB)" in message
    if rows:
        assert f"{rows:,}행" in message
    assert load_file(data, name).ok


def test_the_cell_ceiling_counts_rows_times_columns():
    data = (FIXTURES / "budget_ehojo_style.xlsx").read_bytes()
    result = load_file(data, "x.xlsx", limits=SizeLimits(max_rows=1_000, max_cells=50))
    assert "파일이 너무 큽니다" in result.errors[0].message


def test_an_xlsx_without_a_dimension_is_measured_by_streaming_its_rows():
    with pytest.raises(FileRefused) as refused:
        read_sheets((FIXTURES / "budget_over_row_limit.xlsx").read_bytes(), "x.xlsx")
    assert "시트 '집행현황'에 200,002행" in refused.value.problems[0].message


# ---------------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------------


def test_progress_is_reported_from_start_to_finish():
    shares: list[float] = []
    result = load_fixture("budget_ehojo_style.xlsx", progress=shares.append)
    assert result.ok
    assert shares == sorted(shares) and shares[-1] == 1.0 and 0.6 in shares
