"""The size ceiling: how many rows and cells one file may hold, checked before a sheet is parsed into Python objects.

A million-row export parsed whole takes a minute and gigabytes; its size is known far sooner from the file itself:
an xlsx sheet's <dimension> (or its <row> tags, counted while streaming the compressed XML), the rows a text file
or markup declares, or the extent calamine reports before its cells become Python values.
"""

from __future__ import annotations

import io
import re
import tomllib
import zipfile
from dataclasses import dataclass
from functools import cache

from program import PROGRAM_FILE

from .formulas import sheet_paths
from .problems import FileRefused, Problem

DEFAULT_MAX_ROWS = 200_000
DEFAULT_MAX_CELLS = 4_000_000
STREAM_CHUNK = 1 << 20
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]*)(\d*):?([A-Z]*)(\d*)"')
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\br="(\d+)"')
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")


@dataclass(frozen=True)
class SizeLimits:
    max_rows: int = DEFAULT_MAX_ROWS
    max_cells: int = DEFAULT_MAX_CELLS


@cache
def configured_limits() -> SizeLimits:
    """`[upload_limits]` of program.toml (max_rows, max_cells); the defaults where it says nothing."""
    raw = tomllib.loads(PROGRAM_FILE.read_text(encoding="utf-8")).get("upload_limits", {})
    return SizeLimits(int(raw.get("max_rows", DEFAULT_MAX_ROWS)), int(raw.get("max_cells", DEFAULT_MAX_CELLS)))


@dataclass(frozen=True)
class SheetSize:
    sheet: str  # "" for a file with one table (CSV, a web page)
    rows: int
    cells: int | None = None  # None where only rows are counted (text files)


def check_size(sizes: list[SheetSize], file_bytes: int, limits: SizeLimits) -> None:
    """Refuse the file, naming the limit and its size, when any sheet holds more rows or cells than allowed."""
    for size in sizes:
        if size.rows > limits.max_rows or (size.cells or 0) > limits.max_cells:
            where = f"시트 '{size.sheet}'에 " if size.sheet else ""
            cells = f"(약 {size.cells:,}칸)" if size.cells is not None else ""
            raise FileRefused(
                Problem(
                    f"파일이 너무 큽니다: {where}{size.rows:,}행{cells}이 있어, 한 파일에 받을 수 있는 "
                    f"{limits.max_rows:,}행·{limits.max_cells:,}칸을 넘습니다 (파일 크기 {_megabytes(file_bytes)}). "
                    "연도별·사업별로 나누어 올려 주세요. 아무것도 저장하지 않았습니다."
                )
            )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f}MB" if size >= 100_000 else f"{size / 1000:,.1f}KB"


def xlsx_sheet_sizes(data: bytes) -> list[SheetSize]:
    """Each worksheet's extent from its <dimension>, or from its rows and cells counted while streaming the XML."""
    sizes = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {path: name for name, path in sheet_paths(archive).items()}
            for part in archive.namelist():
                if _SHEET_PART.match(part):
                    with archive.open(part) as stream:
                        sizes.append(_worksheet_size(names.get(part, part.rsplit("/", 1)[-1]), stream))
    except Exception:  # a damaged archive fails in many ways (zlib.error, BadZipFile, ParseError, …)
        return []  # not an xlsx we can inspect: the workbook reader reports what is wrong
    return sizes


def _worksheet_size(sheet: str, stream) -> SheetSize:
    first = stream.read(STREAM_CHUNK)
    dimension = _DIMENSION.search(first[:4096])
    if dimension and dimension.group(4):
        rows = int(dimension.group(4))
        columns = _column_number(dimension.group(3) or dimension.group(1)) if dimension.group(3) else 1
        if rows > 1 or len(first) < STREAM_CHUNK:
            return SheetSize(sheet, rows, rows * columns)
    # No dimension (or a placeholder "A1" on a large sheet): count while streaming, never holding the whole XML.
    row_tags = cells = last_numbered = 0
    tail = b""
    chunk = first
    while chunk:
        block = tail + chunk
        last = _last_row_number(block)
        if last:
            last_numbered = max(last_numbered, last)
        row_tags += _new_occurrences(block, tail, b"<row ") + _new_occurrences(block, tail, b"<row>")
        cells += _new_occurrences(block, tail, b"<c ") + _new_occurrences(block, tail, b"<c>")
        tail = block[-64:]
        chunk = stream.read(STREAM_CHUNK)
    return SheetSize(sheet, max(row_tags, last_numbered), cells)


def _last_row_number(block: bytes) -> int | None:
    """The r="…" of the last complete <row …> start tag in the block (searched from the end: no list of matches)."""
    end = len(block)
    while True:
        start = block.rfind(b"<row", 0, end)
        if start < 0:
            return None
        match = _ROW_NUMBER.match(block, start)
        if match:
            return int(match.group(1))
        end = start


def _new_occurrences(block: bytes, tail: bytes, token: bytes) -> int:
    """Occurrences in `block` not already counted in `tail`, the end of the previous block."""
    return block.count(token) - tail.count(token)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def text_row_count(data: bytes) -> int:
    """Lines of a text file (a last line without its newline counts too)."""
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
