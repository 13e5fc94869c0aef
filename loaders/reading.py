"""Bytes → sheets of raw cells, for xlsx, xlsb, ods, xls, a web page or XML Spreadsheet saved as .xls, and csv
(UTF-8, UTF-8 with BOM, CP949/EUC-KR, UTF-16).

The format is told from the file's bytes, never its name. Locked files (a password, DRM) are refused as such, and a
file larger than the size ceiling is refused before its cells are parsed into Python objects.
Row 0 of a sheet is Excel row 1, so row numbers in messages match what the user sees.
"""

from __future__ import annotations

import codecs
import csv
import io
import struct
import zlib
from collections.abc import Callable

from python_calamine import CalamineWorkbook, SheetVisibleEnum

from .file_kind import not_a_spreadsheet, zip_not_a_workbook
from .formulas import uncomputed_formulas
from .markup import markup_kind, read_markup, row_count_estimate
from .problems import FileRefused, Problem
from .protection import protection_problem
from .sheet import Sheet
from .size_limits import SheetSize, SizeLimits, check_size, configured_limits, text_row_count, zip_sheet_sizes
from .zip_reading import member_chunks, open_archive, read_member

XLSX_MAGIC = b"PK\x03\x04"  # xlsx, xlsb and ods are zip archives
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Excel is an OLE2 compound file
# Korean Excel saves CSV as CP949; UTF-8 (with or without BOM) comes from newer tools.
CSV_ENCODINGS = ("utf-8-sig", "cp949")
CSV_DELIMITERS = ",\t;|"
MAX_LISTED = 20  # uncomputed formula cells named one by one; the rest are counted
MIMETYPE_CAP = 1024  # an ODF `mimetype` member is one short line


def read_sheets(
    data: bytes, filename: str = "", limits: SizeLimits | None = None, progress: Callable[[float], None] | None = None
) -> list[Sheet]:
    """Read every sheet of a spreadsheet file; raise FileRefused with a Korean message if it is not one.

    A CSV gives one sheet per delimiter that could separate it (the sniffed one first): which one holds the
    table is decided by its header, like a workbook's sheets, because sniffing alone is fooled by title rows
    and by commas inside numbers of a semicolon- or tab-separated file. `progress` hears the share of sheets read.
    """
    limits = limits or configured_limits()
    if not data.strip():
        raise FileRefused(Problem("빈 파일입니다. 내용이 있는 엑셀(xlsx, xls) 또는 CSV 파일을 올려 주세요."))
    wrong_kind = not_a_spreadsheet(data, filename)
    if wrong_kind:
        raise FileRefused(wrong_kind)
    locked = protection_problem(data)
    if locked:
        raise FileRefused(locked)
    markup = markup_kind(data)
    if markup:
        check_size([SheetSize("", row_count_estimate(data, markup))], len(data), limits)
        return read_markup(data, markup, filename)
    if data.startswith(XLSX_MAGIC) or data.startswith(XLS_MAGIC):
        return _read_workbook(data, filename, limits, progress)
    check_size([SheetSize("", text_row_count(data))], len(data), limits)
    return _read_csv(data, filename)


def _read_workbook(
    data: bytes, filename: str, limits: SizeLimits, progress: Callable[[float], None] | None
) -> list[Sheet]:
    if data.startswith(XLSX_MAGIC):
        _refuse_other_zips(data, filename)
        check_size(zip_sheet_sizes(data, limits), len(data), limits)  # before calamine inflates or holds a sheet
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        hidden = {m.name for m in workbook.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
        names = workbook.sheet_names
        for number, name in enumerate(names, start=1):
            sheet = workbook.get_sheet_by_name(name)
            # xls, xlsb and ods are measured here, after calamine's compact read and before any Python cell exists.
            height, width = (sheet.end[0] + 1, sheet.end[1] + 1) if sheet.end else (0, 0)  # end is zero-based
            check_size([SheetSize(name, height, height * width)], len(data), limits)
            rows = sheet.to_python(skip_empty_area=False)
            merged = [(start[0], start[1], end[0], end[1]) for start, end in (sheet.merged_cell_ranges or [])]
            sheets.append(Sheet(name=name, rows=[list(r) for r in rows], merged=merged, hidden=name in hidden))
            if progress:
                progress(number / len(names))
    except (FileRefused, MemoryError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # deliberately broad: calamine raises several types, and on some damaged files a Rust
        # panic (pyo3's PanicException derives from BaseException, not Exception)
        raise FileRefused(
            Problem(
                f"엑셀 파일을 열 수 없습니다({filename or '파일'}). 파일이 손상되었거나, "
                "압축(zip)·한글 문서처럼 엑셀이 아닌 파일입니다. 엑셀에서 열어 xlsx로 다시 저장해 주세요."
            )
        ) from exc
    if data.startswith(XLSX_MAGIC):
        _refuse_uncomputed_formulas(data, {s.name for s in sheets if not s.hidden}, limits)
    return sheets


def _refuse_other_zips(data: bytes, filename: str) -> None:
    """A zip that is not a workbook (a Word or 한글 document, a zip of files) refused as what it is."""
    try:
        archive = open_archive(data)
    except FileRefused:
        raise
    except Exception:  # not a readable zip: calamine's reading says the file is damaged
        return
    with archive:
        mimetype = None
        if "mimetype" in archive.namelist():  # ODF's first member names the kind of document, in a few bytes
            try:
                mimetype = next(member_chunks(data, archive.getinfo("mimetype"), MIMETYPE_CAP), b"")
            except (zlib.error, struct.error):
                mimetype = b""
        content_types = None
        if "[Content_Types].xml" in archive.namelist():
            try:
                content_types = read_member(data, archive, "[Content_Types].xml")
            except (zlib.error, struct.error):
                content_types = b""
        problem = zip_not_a_workbook(archive, mimetype, content_types, filename)
    if problem:
        raise FileRefused(problem)


def _refuse_uncomputed_formulas(data: bytes, visible: set[str], limits: SizeLimits) -> None:
    cells = uncomputed_formulas(data, visible, limits.max_unzipped_bytes)
    if not cells:
        return
    problems = [
        Problem(f"시트 '{sheet}'의 {column}{row} 셀: 수식의 계산 결과가 파일에 저장되어 있지 않습니다.", row=row)
        for sheet, column, row in cells[:MAX_LISTED]
    ]
    more = f" 외 {len(cells) - MAX_LISTED:,}개 셀도 같습니다." if len(cells) > MAX_LISTED else ""
    problems.append(
        Problem(
            f"수식 결과가 없는 셀이 {len(cells):,}개 있습니다.{more} 프로그램이 수식만 적어 저장한 파일입니다. "
            "엑셀에서 파일을 열어 다시 저장한 뒤 올려 주세요(엑셀이 결과를 계산해 함께 저장합니다)."
        )
    )
    raise FileRefused(*problems)


def _read_csv(data: bytes, filename: str) -> list[Sheet]:
    text = _decode(data)
    sample = text[:8192]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        sniffed = ","
    delimiters = [sniffed] + [d for d in CSV_DELIMITERS if d != sniffed and d in sample]
    return [Sheet(name=filename or "CSV", rows=_csv_rows(text, delimiter)) for delimiter in delimiters]


def _csv_rows(text: str, delimiter: str) -> list[list[object]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [list(row) for row in reader]
    except csv.Error as error:  # a field past csv's limit: almost always a quote opened and never closed
        if "field larger than field limit" not in str(error):
            raise
        raise FileRefused(
            Problem(
                f"CSV의 한 칸에 글자가 너무 많습니다({csv.field_size_limit():,}자 넘음). 이 줄이나 그 위에서 "
                "따옴표(\")로 시작한 칸이 닫히지 않았는지 확인하거나, 엑셀에서 열어 'CSV UTF-8'로 다시 저장해 "
                "주세요. 아무것도 저장하지 않았습니다.",
                reader.line_num,
            )
        ) from error


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "유니코드 텍스트" (tab-separated)
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused(
        Problem(
            "파일의 글자 인코딩을 읽을 수 없습니다. 엑셀에서 'CSV UTF-8' 또는 'CSV(쉼표로 분리)'로 다시 저장해 주세요."
        )
    )
