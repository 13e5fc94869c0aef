"""An e-호조-shaped budget export of any number of rows, streamed into an xlsx (never held whole in memory): the
1,000,000-row file of bench/bench_size_ceiling.py and the 144,000-row upload of the worker's browser tests."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

STRINGS = [
    "국가 인공지능 집적단지 예산 집행 현황",
    "(단위: 천원)",
    "연도",
    "월",
    "추진전략",
    "세부사업명",
    "재원",
    "예산현액",
    "집행액",
    "산업 기반 조성",
    "국비",
    "시비",
    "민자",
] + [f"세부사업 {i:03d}" for i in range(1, 400)]
PROGRAM_FIRST = 13  # index of "세부사업 001" in STRINGS

PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="집행현황" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
}


def write_huge_xlsx(path: Path, rows: int, seed: int = 7) -> None:
    """An e-호조-shaped export of `rows` data rows, streamed into the zip (never held whole in memory)."""
    rng = random.Random(seed)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        items = "".join(f"<si><t>{s}</t></si>" for s in STRINGS)
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(STRINGS)}" uniqueCount="{len(STRINGS)}">{items}</sst>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            sheet.write(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="3"><c r="A3" t="s"><v>1</v></c></row>')
            header = "".join(
                f'<c r="{col}4" t="s"><v>{i}</v></c>' for col, i in zip("ABCDEFG", range(2, 9), strict=True)
            )
            sheet.write(f'<row r="4">{header}</row>'.encode())
            lines = []
            for n in range(rows):
                r = n + 5
                planned = rng.randint(1_000, 900_000)
                lines.append(
                    f'<row r="{r}"><c r="A{r}"><v>{2000 + n // 14364}</v></c><c r="B{r}"><v>{n // 1197 % 12 + 1}</v></c>'
                    f'<c r="C{r}" t="s"><v>9</v></c><c r="D{r}" t="s"><v>{PROGRAM_FIRST + n // 3 % 399}</v></c>'
                    f'<c r="E{r}" t="s"><v>{10 + n % 3}</v></c><c r="F{r}"><v>{planned}</v></c>'
                    f'<c r="G{r}"><v>{rng.randint(0, planned)}</v></c></row>'
                )
                if len(lines) == 10_000:
                    sheet.write("".join(lines).encode())
                    lines = []
            sheet.write("".join(lines).encode())
            sheet.write(b"</sheetData></worksheet>")
