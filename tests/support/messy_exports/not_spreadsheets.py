"""Files that are not spreadsheets at all: PNG, PDF, random bytes, an empty file, a zip that is not a workbook."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.support.messy_exports.common import FIXED_TIME, Case, Err, builder, refused

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def _zip_not_xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        info = zipfile.ZipInfo("보고서.hwp", date_time=FIXED_TIME.timetuple()[:6])
        z.writestr(info, "not a workbook")
    return out.getvalue()


NOT_SPREADSHEETS: dict[str, tuple[str, Callable[[], bytes], tuple[str, ...]]] = {
    "png": ("chart.png", lambda: PNG_BYTES, ("스프레드시트",)),
    "pdf": ("report.pdf", lambda: PDF_BYTES, ("스프레드시트", "PDF")),
    "pdf_renamed_xlsx": ("report.xlsx", lambda: PDF_BYTES, ("스프레드시트", "PDF")),
    "random": ("data.xlsx", lambda: random.Random(20250930).randbytes(4096), ("스프레드시트",)),
    "empty": ("empty.csv", lambda: b"", ("빈 파일",)),
    "zip": ("archive.xlsx", _zip_not_xlsx, ("엑셀",)),
}


def _not_spreadsheet(folder: Path, kind: str) -> Case:
    filename, content, says = NOT_SPREADSHEETS[kind]
    sub = folder / f"not_spreadsheet_{kind}"
    sub.mkdir(parents=True, exist_ok=True)
    path = sub / filename
    path.write_bytes(content())
    return refused(f"not_spreadsheet_{kind}", path, None, [Err(None, None, says)])


for _kind in NOT_SPREADSHEETS:
    builder(f"not_spreadsheet_{_kind}")(lambda folder, k=_kind: _not_spreadsheet(folder, k))
