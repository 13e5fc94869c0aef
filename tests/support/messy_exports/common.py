"""The answer a case expects (Case, Err), a sheet as laid out in Excel (Grid) with writers for xlsx, xls and csv,
and the registry every dataset module adds its builders to."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import openpyxl
import xlwt
from openpyxl.writer.excel import ExcelWriter


@dataclass(frozen=True)
class Err:
    """One expected problem: where (Excel row, header as written; None for file-level problems) and what."""

    row: int | None
    column: str | None
    says: tuple[str, ...] = ()  # substrings the Korean message must contain


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    dataset: str | None  # the dataset the answer names (None when the file is not a table at all)
    ok: bool
    rows: int | None = None
    totals: dict[str, int | float] | None = None
    errors: tuple[Err, ...] = ()  # for a refused file: exactly these problems, no more
    dataset_arg: str | None = None  # passed as --dataset
    about: str = ""

    def cli_args(self) -> list[str]:
        return [str(self.path)] + (["--dataset", self.dataset_arg] if self.dataset_arg else [])


def valid(
    name: str, path: Path, dataset: str, rows: int, totals: dict, about: str = "", dataset_arg: str | None = None
) -> Case:
    return Case(name, path, dataset, True, rows, totals, (), dataset_arg, about)


def refused(
    name: str, path: Path, dataset: str | None, errors: Iterable[Err], about: str = "", dataset_arg: str | None = None
) -> Case:
    return Case(name, path, dataset, False, None, None, tuple(errors), dataset_arg, about)


@dataclass
class Grid:
    """Rows of one sheet, top to bottom. `add` returns the Excel row number (1-based) of the row it added."""

    title: str = "Sheet1"
    rows: list[list[object]] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)  # "A3:A4"
    hidden: bool = False

    def add(self, *cells: object) -> int:
        self.rows.append(list(cells))
        return len(self.rows)

    def blank(self) -> int:
        return self.add()

    def merge(self, ref: str) -> None:
        self.merges.append(ref)


FIXED_TIME = dt.datetime(2025, 10, 1, 9, 0, 0)


class ExcelNumber(str):
    """A number cell exactly as Excel writes it into the file, e.g. a formula's cached 0.30000000000000004.

    openpyxl rounds floats to 16 digits when it writes, so the builder puts this text into the sheet XML
    itself; xlwt stores the float's binary value, which is what Excel does in an .xls.
    """


_PLACEHOLDER_BASE = 7_700_000_000


def write_xlsx(path: Path, *grids: Grid) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    raw_numbers: dict[str, str] = {}  # placeholder <v> text → the text Excel would have written
    for grid in grids:
        ws = wb.create_sheet(grid.title)
        for r, row in enumerate(grid.rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, ExcelNumber):
                    placeholder = _PLACEHOLDER_BASE + len(raw_numbers)
                    raw_numbers[f"<v>{placeholder}</v>"] = f"<v>{value}</v>"
                    value = placeholder
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
        for ref in grid.merges:
            ws.merge_cells(ref)
        if grid.hidden:
            ws.sheet_state = "hidden"
    wb.properties.creator = wb.properties.lastModifiedBy = "messy_exports"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()  # save_workbook would stamp "now"
    out = io.BytesIO()
    replaced: set[str] = set()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            content = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/") and raw_numbers:
                text = content.decode("utf-8")
                for placeholder, raw in raw_numbers.items():
                    if placeholder in text:
                        text = text.replace(placeholder, raw)
                        replaced.add(placeholder)
                content = text.encode("utf-8")
            dst.writestr(entry, content)
    assert replaced == set(raw_numbers), "every ExcelNumber must land in the sheet XML"
    path.write_bytes(out.getvalue())
    return path


def _ref_to_box(ref: str) -> tuple[int, int, int, int]:
    from openpyxl.utils.cell import range_boundaries

    min_col, min_row, max_col, max_row = range_boundaries(ref)
    return min_row - 1, max_row - 1, min_col - 1, max_col - 1


def write_xls(path: Path, *grids: Grid) -> Path:
    """A real legacy .xls (BIFF8, OLE2 container), as old e-호조 and HWP-era offices still send."""
    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for grid in grids:
        ws = wb.add_sheet(grid.title, cell_overwrite_ok=True)
        for r, row in enumerate(grid.rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, ExcelNumber):
                    ws.write(r, c, float(value))  # the same binary double Excel stores
                elif isinstance(value, (dt.date, dt.datetime)):
                    ws.write(r, c, value, date_style)
                else:
                    ws.write(r, c, value)
        for ref in grid.merges:
            r1, r2, c1, c2 = _ref_to_box(ref)
            ws.merge(r1, r2, c1, c2)
    wb.save(str(path))
    return path


def write_csv(path: Path, grid: Grid, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    """CSV as Excel saves it: CRLF, quotes only where needed. Cells must already be text or int."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    for row in grid.rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def exact_float(text: str) -> float:
    """A float whose shortest repr is exactly `text` (what Excel/openpyxl store and calamine returns)."""
    value = float(text)
    assert Decimal(repr(value)) == Decimal(text), (text, repr(value))
    return value


Builder = Callable[[Path], Case]


BUILDERS: dict[str, Builder] = {}


def builder(name: str) -> Callable[[Builder], Builder]:
    def register(function: Builder) -> Builder:
        assert name not in BUILDERS, name
        BUILDERS[name] = function
        return function

    return register


def build(name: str, folder: Path) -> Case:
    folder.mkdir(parents=True, exist_ok=True)
    case = BUILDERS[name](folder)
    assert case.name == name, (case.name, name)
    return case


def build_all(folder: Path) -> list[Case]:
    return [build(name, folder) for name in BUILDERS]
