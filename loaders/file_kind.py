"""What a file is, told from its bytes, and a refusal that says so when it is not a spreadsheet, whatever its name.

People upload the wrong file: a chart saved as PNG, a report as PDF or 한글, a zip of several exports, or any of
these renamed to .xlsx. The refusal names what the file is (and, when the name claims otherwise, that the name and
the content disagree), so the staffer knows which file to send instead.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from .problems import Problem

# Files people upload by mistake, recognised by their first bytes.
NOT_SPREADSHEETS = (
    (b"%PDF", "PDF 문서"),
    (b"\x89PNG", "PNG 이미지"),
    (b"\xff\xd8\xff", "JPEG 이미지"),
    (b"GIF8", "GIF 이미지"),
    (b"Rar!", "RAR 압축 파일"),
    (b"7z\xbc\xaf", "7z 압축 파일"),
    (b"\x1f\x8b", "gzip 압축 파일"),
    (b"HWP Document File", "한글(HWP) 문서"),
)
# Office documents that are zips like xlsx, told by the part that makes each what it is.
ZIP_DOCUMENTS = (
    ("word/document.xml", "워드(docx) 문서"),
    ("ppt/presentation.xml", "파워포인트(pptx) 문서"),
    ("Contents/content.hpf", "한글(HWPX) 문서"),
)
ODF_KINDS = {
    b"application/vnd.oasis.opendocument.text": "LibreOffice 문서(odt)",
    b"application/vnd.oasis.opendocument.presentation": "LibreOffice 프레젠테이션(odp)",
    b"application/hwp+zip": "한글(HWPX) 문서",
}
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
WORKBOOK_CONTENT_TYPES = (b"spreadsheetml.sheet.main", b"ms-excel.sheet.macroEnabled.main", b"ms-excel.sheet.binary")
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv"}
MEMBERS_NAMED = 5  # a plain zip's refusal names its first few files


def _as_named(filename: str, what: str) -> str:
    """The phrase "파일 이름은 '.xlsx'이지만 내용은 PNG 이미지입니다" where the name claims a spreadsheet, else what the file is."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return f"파일 이름은 '{suffix}'이지만 내용은 {what}입니다"
    return f"{what}입니다"


def not_a_spreadsheet(data: bytes, filename: str) -> Problem | None:
    """A refusal for a file whose first bytes say it is a known kind that is not a spreadsheet; None otherwise."""
    for magic, kind in NOT_SPREADSHEETS:
        if data.startswith(magic):
            return Problem(
                f"스프레드시트 파일이 아닙니다: {_as_named(filename, kind)}. 엑셀(xlsx, xls) 또는 CSV 파일을 올려 주세요."
            )
    return None


def zip_not_a_workbook(
    archive: zipfile.ZipFile, mimetype: bytes | None, content_types: bytes | None, filename: str
) -> Problem | None:
    """A refusal for a zip that is not an xlsx, xlsm, xlsb or ods (a Word or 한글 document, a plain zip of files);
    None for a workbook. `mimetype` is the ODF `mimetype` member's first bytes and `content_types` the OOXML
    `[Content_Types].xml`, where the archive has them."""
    names = archive.namelist()
    present = set(names)
    if "xl/workbook.xml" in present or "xl/workbook.bin" in present:
        return None
    if content_types is not None and any(kind in content_types for kind in WORKBOOK_CONTENT_TYPES):
        return None  # a workbook part kept somewhere other than xl/
    if mimetype is not None and mimetype.strip().startswith(ODS_MIMETYPE):
        return None
    kind = next((what for part, what in ZIP_DOCUMENTS if part in present), None)
    if kind is None and mimetype is not None:
        kind = next((what for prefix, what in ODF_KINDS.items() if mimetype.strip().startswith(prefix)), None)
    if kind is not None:
        return Problem(
            f"스프레드시트 파일이 아닙니다: {_as_named(filename, kind)}. 표를 엑셀로 옮겨 xlsx로 저장한 파일을 올려 주세요."
        )
    files = [name for name in names if not name.endswith("/")]
    listed = ", ".join(files[:MEMBERS_NAMED]) + (f" 외 {len(files) - MEMBERS_NAMED:,}개" if len(files) > 5 else "")
    return Problem(
        f"엑셀 파일이 아닙니다: {_as_named(filename, '압축(zip) 파일')}(안에 든 파일: {listed or '없음'}). "
        "압축을 풀어 그 안의 엑셀(xlsx, xls) 또는 CSV 파일을 하나씩 올려 주세요."
    )
