"""Writes the real-tool fixtures of issue #12 into tests/fixtures/ (committed; tests never run this).

Each file is written the way its producing tool writes it:
  budget_web_download.xls      a Korean web system's "엑셀 다운로드": an EUC-KR HTML <table> with mso-number-format
                               styles, a title and unit note, a rowspan/colspan header, published-table headers
  budget_xml_spreadsheet.xls   an Excel 2003 XML Spreadsheet (ss:Index, ss:MergeAcross), amounts as Number cells
  budget_libreoffice.ods       LibreOffice Calc (through UNO): formulas for 잔액 and a percent-formatted 집행률
  budget_libreoffice_password.ods / budget_libreoffice_password.xls
                               the same document saved by LibreOffice with a password
  budget_excel_encrypted.xlsx  an xlsx encrypted with a password as Excel does it (MS-OFFCRYPTO agile encryption,
                               written by msoffcrypto-tool)
  budget_published.xlsb        an Excel binary workbook (written by pyxlsbwriter: BIFF12 records)
  budget_drm_softcamp.xlsx     a document-security container: a vendor header ("SCDSA004") then ciphertext
  budget_over_row_limit.xlsx   200,001 data rows (one over the default ceiling), written streaming by openpyxl
                               without a <dimension>, so the ceiling is found by counting rows

Needs: LibreOffice with python3-uno (apt-get install libreoffice-calc-nogui python3-uno) and, on the same Python,
msoffcrypto-tool==6.1.0, pyxlsbwriter==0.1.0 and openpyxl. Run: python3 scripts/make_real_export_fixtures.py
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"

# (세부사업명, 재원, 예산현액 천원, 지출액 누계 천원): the ground truth every budget fixture writes in its own units.
ROWS = [
    ("AI 데이터센터 구축", "국비", 12_000_000, 9_876_543),
    ("AI 데이터센터 구축", "시비", 3_000_000, 2_100_000),
    ("실증센터 운영", "국비", 4_500_000, 1_234_567),
    ("실증센터 운영", "시비", 1_500_000, 0),
    ("창업동 조성", "국비", 2_750_500, 2_750_500),
    ("창업동 조성", "민자", 800_000, 123_456),
]
TITLE = "2025년 국가 인공지능 집적단지 조성사업 예산 집행 현황"


def _grouped(n: int) -> str:
    return f"{n:,}" if n else "-"


def _rate(planned: int, executed: int) -> str:
    return f"{executed * 100 / planned:.1f}"


def web_download() -> None:
    """As web systems write it: one <table>, number styles only as hints, figures as formatted text."""
    body = []
    for program, source, planned, executed in ROWS:
        body.append(
            "<tr>"
            f'<td class="txt">2025</td><td class="txt">{program}</td><td class="txt">{source}</td>'
            f'<td class="num">{_grouped(planned)}</td><td class="num">{_grouped(executed)}</td>'
            f'<td class="num">{_grouped(planned - executed)}</td><td class="pct">{_rate(planned, executed)}</td>'
            "</tr>"
        )
    planned = sum(r[2] for r in ROWS)
    executed = sum(r[3] for r in ROWS)
    page = f"""<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="application/vnd.ms-excel; charset=euc-kr">
<style>
<!--
td {{ font-family: 굴림; font-size: 9pt; }}
.txt {{ mso-number-format:"\\@"; }}
.num {{ mso-number-format:"\\#\\,\\#\\#0"; text-align: right; }}
.pct {{ mso-number-format:"0\\.0"; text-align: right; }}
br {{ mso-data-placement:same-cell; }}
-->
</style>
</head>
<body>
<table border="1" cellspacing="0" cellpadding="0">
<tr><td colspan="7" style="font-size:14pt;font-weight:bold" align="center">{TITLE}</td></tr>
<tr><td colspan="7" align="right">(단위: 천원)</td></tr>
<tr bgcolor="#E3E3E3"><th rowspan="2">회계연도</th><th rowspan="2">세부사업명</th><th rowspan="2">재원</th><th rowspan="2">예산현액(A)</th><th colspan="3">집행 실적</th></tr>
<tr bgcolor="#E3E3E3"><th>지출액 누계(B)</th><th>집행잔액(A-B)</th><th>집행률(B/A)</th></tr>
{chr(10).join(body)}
<tr><td colspan="3" align="center">합계</td><td class="num">{_grouped(planned)}</td><td class="num">{_grouped(executed)}</td><td class="num">{_grouped(planned - executed)}</td><td class="pct">{_rate(planned, executed)}</td></tr>
</table>
<p>※ 집행률 = 지출액 누계 ÷ 예산현액 × 100</p>
</body>
</html>
"""
    (FIXTURES / "budget_web_download.xls").write_bytes(page.replace("\n", "\r\n").encode("cp949"))


def xml_spreadsheet() -> None:
    """As Excel 2003 saves "XML 스프레드시트": amounts in won as Number cells, a skipped column via ss:Index."""

    def row(*cells: str, index: int | None = None) -> str:
        attribute = f' ss:Index="{index}"' if index else ""
        return f"   <Row{attribute}>\n" + "".join(f"    {c}\n" for c in cells) + "   </Row>\n"

    def text(value: str, column: int | None = None, across: int = 0, style: str = "") -> str:
        attributes = (f' ss:Index="{column}"' if column else "") + (f' ss:MergeAcross="{across}"' if across else "")
        attributes += f' ss:StyleID="{style}"' if style else ""
        return f'<Cell{attributes}><Data ss:Type="String">{value}</Data></Cell>'

    def number(value: float | int, column: int | None = None, style: str = "") -> str:
        attributes = (f' ss:Index="{column}"' if column else "") + (f' ss:StyleID="{style}"' if style else "")
        return f'<Cell{attributes}><Data ss:Type="Number">{value}</Data></Cell>'

    rows = [row(text(TITLE, across=7, style="title"))]
    rows.append(
        row(
            text("연도"),
            text("세부사업명", column=3),
            text("재원"),
            text("예산액(원)"),
            text("집행액(원)"),
            text("잔액(원)"),
            text("집행률"),
            index=3,
        )
    )
    for program, source, planned, executed in ROWS:
        rows.append(
            row(
                number(2025),
                text(program, column=3),
                text(source),
                number(planned * 1000, style="won"),
                number(executed * 1000, style="won"),
                number((planned - executed) * 1000, style="won"),
                number(repr(executed / planned), style="pct"),
            )
        )
    document = f"""<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <DocumentProperties xmlns="urn:schemas-microsoft-com:office:office">
  <Author>예산팀</Author>
  <Created>2025-10-31T09:00:00Z</Created>
 </DocumentProperties>
 <Styles>
  <Style ss:ID="Default" ss:Name="Normal"><Font ss:FontName="맑은 고딕" x:CharSet="129" ss:Size="11"/></Style>
  <Style ss:ID="title"><Font ss:FontName="맑은 고딕" x:CharSet="129" ss:Size="14" ss:Bold="1"/></Style>
  <Style ss:ID="won"><NumberFormat ss:Format="#,##0"/></Style>
  <Style ss:ID="pct"><NumberFormat ss:Format="0.0%"/></Style>
 </Styles>
 <Worksheet ss:Name="집행현황">
  <Table ss:ExpandedColumnCount="8" ss:ExpandedRowCount="{3 + len(ROWS)}" x:FullColumns="1" x:FullRows="1">
{"".join(rows)}  </Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Selected/></WorksheetOptions>
 </Worksheet>
</Workbook>
"""
    (FIXTURES / "budget_xml_spreadsheet.xls").write_bytes(document.encode("utf-8"))


def libreoffice_files(folder: Path) -> Path:
    """The .ods and the password-protected .ods/.xls, written by LibreOffice itself; returns a plain .xlsx copy."""
    import uno
    from com.sun.star.beans import PropertyValue

    def prop(name: str, value: object) -> PropertyValue:
        p = PropertyValue()
        p.Name, p.Value = name, value
        return p

    pipe = f"fixtures{int(time.time())}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            f"-env:UserInstallation=file://{folder}/profile",
            f"--accept=pipe,name={pipe};urp;",
        ],
    )
    try:
        resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext()
        )
        for _ in range(60):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(1)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (prop("Hidden", True),))
        sheet = document.Sheets.getByIndex(0)
        sheet.Name = "집행현황"
        sheet.getCellByPosition(0, 0).String = TITLE
        sheet.getCellRangeByName("A1:G1").merge(True)
        sheet.getCellByPosition(0, 1).String = "(단위: 백만원)"
        headers = ["연도", "세부사업명", "재원", "예산현액(A)", "지출액(B)", "잔액(A-B)", "집행률(B/A)"]
        for c, header in enumerate(headers):
            sheet.getCellByPosition(c, 2).String = header
        percent = document.NumberFormats.queryKey("0.0%", document.CharLocale, False)
        if percent == -1:
            percent = document.NumberFormats.addNew("0.0%", document.CharLocale)
        for r, (program, source, planned, executed) in enumerate(ROWS, start=4):
            sheet.getCellByPosition(0, r - 1).Value = 2025
            sheet.getCellByPosition(1, r - 1).String = program
            sheet.getCellByPosition(2, r - 1).String = source
            sheet.getCellByPosition(3, r - 1).Value = planned / 1000  # 백만원 with decimals: 2,750.5
            sheet.getCellByPosition(4, r - 1).Value = executed / 1000
            sheet.getCellByPosition(5, r - 1).Formula = f"=D{r}-E{r}"
            sheet.getCellByPosition(6, r - 1).Formula = f"=E{r}/D{r}"
            sheet.getCellByPosition(6, r - 1).NumberFormat = percent
        last = 3 + len(ROWS)
        sheet.getCellByPosition(1, last).String = "합계"
        for c, letter in ((3, "D"), (4, "E"), (5, "F")):
            sheet.getCellByPosition(c, last).Formula = f"=SUM({letter}4:{letter}{last})"
        document.calculateAll()

        def save(path: Path, filter_name: str, password: str | None = None) -> None:
            options = [prop("FilterName", filter_name), prop("Overwrite", True)]
            if password:
                options.append(prop("Password", password))
            document.storeToURL(path.as_uri(), tuple(options))

        save(FIXTURES / "budget_libreoffice.ods", "calc8")
        save(FIXTURES / "budget_libreoffice_password.ods", "calc8", "1234")
        save(FIXTURES / "budget_libreoffice_password.xls", "MS Excel 97", "1234")
        plain = folder / "plain.xlsx"
        save(plain, "Calc MS Excel 2007 XML")
        document.close(True)
    finally:
        office.terminate()
        office.wait(timeout=60)
    return plain


def excel_encrypted(plain: Path) -> None:
    import msoffcrypto.format.ooxml

    with plain.open("rb") as source, (FIXTURES / "budget_excel_encrypted.xlsx").open("wb") as target:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("1234", target)


def xlsb() -> None:
    from pyxlsbwriter import XlsbWriter

    rows = [
        ["(단위: 원)", None, None, None, None, None, None],
        ["연도", "세부사업명", "재원", "예산현액 (A)", "집행 실적 (B)", "집행잔액", "집행률(%)"],
    ]
    for program, source, planned, executed in ROWS:
        rows.append(
            [
                2025,
                program,
                source,
                planned * 1000,
                executed * 1000,
                (planned - executed) * 1000,
                round(executed * 100 / planned, 2),
            ]
        )
    with XlsbWriter(str(FIXTURES / "budget_published.xlsb")) as writer:
        writer.add_sheet("집행현황")
        writer.write_sheet(rows)


def drm_container() -> None:
    rng = random.Random(20251031)
    header = b"SCDSA004" + b"\x00" * 8 + "문서보안".encode("utf-16-le") + b"\x00" * 16
    (FIXTURES / "budget_drm_softcamp.xlsx").write_bytes(header + rng.randbytes(8192))


def over_row_limit() -> None:
    """One row over the ceiling; only the year is filled so the committed file stays near 1 MB."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("집행현황")
    sheet.append(["연도", "월", "세부사업명", "재원", "예산액(원)", "집행액(원)"])
    for _ in range(200_001):
        sheet.append([2025])
    workbook.save(FIXTURES / "budget_over_row_limit.xlsx")


def main() -> None:
    web_download()
    xml_spreadsheet()
    drm_container()
    with tempfile.TemporaryDirectory() as folder:
        plain = libreoffice_files(Path(folder))
        excel_encrypted(plain)
    xlsb()
    over_row_limit()
    print("written:", *sorted(p.name for p in FIXTURES.iterdir()), sep="\n  ", file=sys.stderr)


if __name__ == "__main__":
    main()
