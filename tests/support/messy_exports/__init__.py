"""Deliberately messy, real-shaped exports, each with the exact answer the loader must give.

Every builder writes one file into a folder and returns a `Case`: the file, and either the exact
`validate --json` answer for a valid file (dataset, rows, totals in won) or the exact set of problems
for a refused one (Excel row as the user sees it, header as written, words the Korean message must say).

The answers are written here by hand from the cells the builder writes (money as integer won, the
ground truth), never computed by the loader's code. Builders are deterministic: same inputs, same files
(xlsx bytes included: fixed workbook properties and zip timestamps).

    from tests.support.messy_exports import build_all
    for case in build_all(folder): ...

One module per dataset (budget, jobs, companies, sites, not_spreadsheets), each registering its builders in
common.BUILDERS; common.py has Case/Err, Grid and the writers. To look at the files:
`python -m tests.support.messy_exports OUT_DIR` from the repo root.

What the cases cover (issue 2, "What real exports look like" and the refusals):
  layout    title rows, notes rows (※, *, Note:), unit note above (nearest wins), unit in header, units row
            under the header, two-row headers (merged group carrying the unit, 연도/사업명 merged down, an
            unmerged group), label cells merged down over data rows, table off A1, data on the second sheet,
            a hidden old sheet
  units     원 천원 백만원 억원 조원 in header and in a note (xlsx) and in header (.xls): decimals that resolve
            to whole won, text with separators, '-' for zero, formula noise as Excel writes it, > 2**53
  totals    합계/소계/계/총계/Total/Sub-total/[합계]/소계(국비) at top, middle, bottom, in the first, programme
            or 재원 column; a 비고 saying "1~3월 합계" on a data row
  dates     Excel date cells, 2025-03 / 2025.03 / 2025년 3월 / 202503 (text and number) / 2025/12 months;
            2025-09-30 / 2025.09.30 / 2025년 9월 30일 / 20250930 / 2025. 9. 30. days
  files     xlsx, real .xls, CSV in UTF-8, UTF-8 with BOM, CP949, UTF-16 (Excel's 유니코드 텍스트);
            comma, semicolon and tab separated; dataset detected, named (--dataset), named wrongly;
            English headers
  refusals  missing column, no unit, a dollar column under a won note, two columns for one field, text in a
            number cell, cell unit contradicting the column, scientific notation, misplaced separators,
            negative (-, (), △), fraction of a won (incl. 조원), too large, month 13 / 0, unknown 재원,
            duplicate key (both rows), unreadable / impossible dates, 2025.1 in a number cell, coordinates
            outside Korea and swapped, unknown 상태, empty table (xlsx, csv), an amount merged over two rows,
            header and cell problems together, many problems in one file, PNG / PDF / random bytes / empty
            file / a zip that is not a workbook
"""

from tests.support.messy_exports import budget, companies, jobs, not_spreadsheets, sites  # noqa: F401  (register builders)
from tests.support.messy_exports.common import (
    BUILDERS,
    Case,
    Err,
    Grid,
    build,
    build_all,
    write_csv,
    write_xls,
    write_xlsx,
)
from tests.support.messy_exports.not_spreadsheets import NOT_SPREADSHEETS

__all__ = [
    "BUILDERS",
    "NOT_SPREADSHEETS",
    "Case",
    "Err",
    "Grid",
    "build",
    "build_all",
    "write_csv",
    "write_xls",
    "write_xlsx",
]
