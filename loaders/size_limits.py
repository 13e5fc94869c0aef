"""The size ceiling: how many rows and cells one file may hold, and how far its zip may inflate, checked before a
sheet is parsed into Python objects.

A million-row export parsed whole takes a minute and gigabytes; its size is known far sooner from the file itself:
an xlsx sheet's <row> tags and cell references, counted while its compressed XML is inflated in chunks (its
<dimension> claims what the writer wrote, not what is there), the rows a text file or markup declares, or the extent
calamine reports before its cells become Python values.
"""

from __future__ import annotations

import re
import struct
import tomllib
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from program import PROGRAM_FILE

from .formulas import sheet_paths
from .problems import FileRefused, Problem
from .zip_reading import UnzipBudget, member_chunks, open_archive

DEFAULT_MAX_ROWS = 200_000
DEFAULT_MAX_CELLS = 4_000_000
DEFAULT_MAX_UNZIPPED_MB = 400
_ROW_TAGS_TRIED = 4
FAR_PAST = 2  # counting a sheet stops at this many times the ceiling
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\br="(\d+)"')
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})\d')
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")


@dataclass(frozen=True)
class SizeLimits:
    max_rows: int = DEFAULT_MAX_ROWS
    max_cells: int = DEFAULT_MAX_CELLS
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_MB * 1024 * 1024  # every member of an xlsx/xlsb/ods, inflated


@cache
def configured_limits() -> SizeLimits:
    """`[upload_limits]` of program.toml (max_rows, max_cells, max_unzipped_mb); the defaults where it says nothing."""
    raw = upload_limits_section()
    return SizeLimits(
        int(raw.get("max_rows", DEFAULT_MAX_ROWS)),
        int(raw.get("max_cells", DEFAULT_MAX_CELLS)),
        int(raw.get("max_unzipped_mb", DEFAULT_MAX_UNZIPPED_MB)) * 1024 * 1024,
    )


def upload_limits_section() -> dict:
    """The `[upload_limits]` table of program.toml, as written."""
    return tomllib.loads(PROGRAM_FILE.read_text(encoding="utf-8")).get("upload_limits", {})


@dataclass(frozen=True)
class SheetSize:
    sheet: str  # "" for a file with one table (CSV, a web page)
    rows: int
    cells: int | None = None  # None where only rows are counted (text files)
    at_least: bool = False  # counting stopped once far past the ceiling: the sheet holds at least this much


def check_size(sizes: list[SheetSize], file_bytes: int, limits: SizeLimits) -> None:
    """Refuse the file, naming the limit and its size, when any sheet holds more rows or cells than allowed."""
    for size in sizes:
        if size.rows > limits.max_rows or (size.cells or 0) > limits.max_cells:
            where = f"시트 '{size.sheet}'에 " if size.sheet else ""
            more = " 이상" if size.at_least else ""
            cells = f"(약 {size.cells:,}칸{more})" if size.cells is not None else ""
            raise FileRefused(
                Problem(
                    f"파일이 너무 큽니다: {where}{size.rows:,}행{more}{cells}이 있어, 한 파일에 받을 수 있는 "
                    f"{limits.max_rows:,}행·{limits.max_cells:,}칸을 넘습니다 (파일 크기 {_megabytes(file_bytes)}). "
                    "연도별·사업별로 나누어 올려 주세요. 아무것도 저장하지 않았습니다."
                )
            )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f}MB" if size >= 100_000 else f"{size / 1000:,.1f}KB"


def zip_sheet_sizes(data: bytes, limits: SizeLimits | None = None) -> list[SheetSize]:
    """Each xlsx worksheet's rows and cells, counted while its XML is inflated in chunks (never held whole), with
    every member of the archive (xlsx, xlsb or ods) inflated through one cap, `limits.max_unzipped_bytes`: a
    FileRefused for a zip bomb. A sheet's own <dimension> is not trusted: a file can claim "A1:B2" over millions
    of rows. A member too damaged to inflate is left to the workbook reader, which reports it."""
    limits = limits or configured_limits()
    sizes: list[SheetSize] = []
    counter: SheetCounter | None = None
    try:
        archive = open_archive(data)
    except FileRefused:
        raise
    except Exception:  # not a readable zip: the workbook reader reports it
        return sizes
    with archive:
        try:
            names = {path: name for name, path in sheet_paths(data, archive).items()}
        except FileRefused:
            raise
        except Exception:  # no workbook.xml (xlsb, ods) or a damaged one
            names = {}
        budget = UnzipBudget(limits.max_unzipped_bytes)
        try:
            for info in archive.infolist():
                counter = None
                if _SHEET_PART.match(info.filename):
                    counter = SheetCounter(names.get(info.filename, info.filename.rsplit("/", 1)[-1]))
                try:
                    for chunk in member_chunks(data, info, budget.cap, budget):
                        if counter:
                            counter.feed(chunk)
                            if counter.far_past(limits):  # refused either way: no need to inflate the rest
                                check_size([counter.size(at_least=True)], len(data), limits)
                except (zlib.error, struct.error, ValueError):
                    continue  # a damaged member: what it held so far was counted
                if counter:
                    sizes.append(counter.size())
        except FileRefused:
            # A sheet already past the ceiling when the cap was reached says so, rather than "bomb".
            check_size([*sizes, *([counter.size(counter.far_past(limits))] if counter else [])], len(data), limits)
            raise
    return sizes


class SheetCounter:
    """A worksheet's extent counted from its XML as it streams past, chunk by chunk: rows are the <row> tags (or
    the last r="…", if higher); cells are rows × the rightmost column any cell names (or the <c> tags, if more).
    A token split between two chunks is counted once."""

    def __init__(self, sheet: str):
        self.sheet = sheet
        self.row_tags = self.last_numbered = self.cell_tags = 0
        self.widest = b""  # column letters of the rightmost cell reference so far
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        block = self._tail + chunk
        last = _last_row_number(block)
        if last:
            self.last_numbered = max(self.last_numbered, last)
        self.row_tags += _new_occurrences(block, self._tail, b"<row ") + _new_occurrences(block, self._tail, b"<row>")
        columns = set(_CELL_COLUMN.findall(block))
        for letters in columns:
            if (len(letters), letters) > (len(self.widest), self.widest):
                self.widest = letters
        if not columns:  # cells without references: only their tags tell how many there are
            self.cell_tags += _new_occurrences(block, self._tail, b"<c ") + _new_occurrences(block, self._tail, b"<c>")
        self._tail = block[-64:]

    def size(self, at_least: bool = False) -> SheetSize:
        rows = max(self.row_tags, self.last_numbered)
        columns = _column_number(self.widest) if self.widest else 0
        return SheetSize(self.sheet, rows, max(rows * columns, self.cell_tags), at_least)

    def far_past(self, limits: SizeLimits) -> bool:
        """Past twice the ceiling: the refusal can say "at least" without inflating the rest of a bomb."""
        size = self.size()
        return size.rows > FAR_PAST * limits.max_rows or (size.cells or 0) > FAR_PAST * limits.max_cells


def count_sheet(sheet: str, chunks: Iterable[bytes]) -> SheetSize:
    """The extent of a worksheet whose XML comes in `chunks` (see SheetCounter)."""
    counter = SheetCounter(sheet)
    for chunk in chunks:
        counter.feed(chunk)
    return counter.size()


def _last_row_number(block: bytes) -> int | None:
    """The r="…" of the last complete <row …> start tag in the block, searched from the end over a few tags only:
    rows written without r="…" are counted by their tags, and walking back through every one of them would cost a
    Python loop per row."""
    end = len(block)
    for _ in range(_ROW_TAGS_TRIED):
        start = block.rfind(b"<row", 0, end)
        if start < 0:
            return None
        match = _ROW_NUMBER.match(block, start)
        if match:
            return int(match.group(1))
        end = start
    return None


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
